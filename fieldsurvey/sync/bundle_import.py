"""``bundle import`` on the coordinator: check, decrypt, merge, record, one file at a time.

Each accepted bundle is merged in ONE transaction together with its row in
``sync_bundles``; a rejected bundle changes nothing (the one exception is an
equivocation, which is recorded in ``sync_alerts`` so it cannot be missed later).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

import pyrage
from pydantic import BaseModel, ConfigDict, Field

from fieldsurvey.errors import (
    BundleCheckError,
    BundleRejectedError,
    EquivocationError,
    FieldSurveyError,
)
from fieldsurvey.logging_setup import log_event
from fieldsurvey.progress import CancelToken, ProgressCallback, report
from fieldsurvey.store import bundle_log
from fieldsurvey.store.database import Database
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format, keys
from fieldsurvey.sync.bundle_checks import (
    Seen,
    VerifiedOuter,
    parse_header,
    verify_outer,
)
from fieldsurvey.sync.campaign import campaign_of, now_utc
from fieldsurvey.sync.devices import get_device
from fieldsurvey.sync.duplicates import DuplicateGroup, household_duplicates
from fieldsurvey.sync.entity_sync import note_reported_seq
from fieldsurvey.sync.merge import Merger, MergeReport
from fieldsurvey.sync.payload_stream import OpenPayload

_log = logging.getLogger("fieldsurvey.sync")


class FileReport(BaseModel):
    """One file's outcome. A refused file keeps its error (``code``; ``reason`` is the
    English text for ``--json``); :meth:`reason_text` gives it in a chosen language."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    file: str
    status: Literal["accepted", "already-imported", "rejected"]
    check: str | None = None
    code: str | None = None
    reason: str | None = None
    error: FieldSurveyError | None = Field(default=None, exclude=True, repr=False)
    device: str | None = None
    sequence: int | None = None
    gap: tuple[int, int] | None = None
    equivocation: bool = False
    merge: MergeReport | None = None
    duplicates: list[DuplicateGroup] = Field(default_factory=list)

    def reason_text(self, lang: str | None = None) -> str:
        """Why the file was refused, in ``lang`` (default: the current language)."""
        if self.error is not None:
            return self.error.text(lang)
        return self.reason or ""


class ImportReport(BaseModel):
    files: list[FileReport] = Field(default_factory=list)

    @property
    def any_rejected(self) -> bool:
        return any(f.status == "rejected" for f in self.files)


def _refused(name: str, check: str, exc: FieldSurveyError) -> FileReport:
    return FileReport(
        file=name, status="rejected", check=check, code=exc.code, reason=str(exc), error=exc
    )


def _find_seen(ws: Workspace, device_id: str, sequence: int, bundle_id: str) -> list[Seen]:
    return [Seen(*row) for row in bundle_log.seen_bundles(ws, device_id, sequence, bundle_id)]


def verify_file(ws: Workspace, data: bytes) -> VerifiedOuter:
    """The checks before decryption, against this coordinator's registry."""
    campaign = campaign_of(ws)
    return verify_outer(
        data,
        campaign_id=campaign.campaign_id,
        find_device=lambda device_id: get_device(ws, device_id),
        find_seen=lambda d, s, b: _find_seen(ws, d, s, b),
        last_sequence=lambda d: bundle_log.last_sequence(ws, d),
    )


def _record_alert(
    ws: Workspace, outer_device: str, sequence: int | None, detail: str, subject: str
) -> None:
    """One alert per equivocating bundle (``subject``: its bundle id and payload hash),
    however often it is re-imported."""
    with ws.transaction() as db:
        bundle_log.record_alert(
            db,
            kind="equivocation",
            device_id=outer_device,
            sequence=sequence,
            detail=detail,
            created=now_utc(),
            subject=subject,
        )


def import_bytes(ws: Workspace, data: bytes, name: str, *, who: str = "coordinator") -> FileReport:
    """Check and merge one bundle; never raises for a bad bundle (see the report).

    Memory is bounded by the documented caps (:data:`bundle_format.MAX_FILE_BYTES`,
    ``MAX_PAYLOAD_VALUES``); should the computer still run out of it, the file is refused
    (check ``payload``), its transaction rolled back, and the next file goes on."""
    try:
        return _import_bytes(ws, data, name, who=who)
    except MemoryError:
        pass  # leaving the handler drops the traceback, and with it the payload's frames
    return _out_of_memory(name)


def _out_of_memory(name: str) -> FileReport:
    """The refusal of a file whose import ran out of memory (nothing of it was merged)."""
    return _refused(name, "payload", BundleCheckError("payload", "sync.check.out_of_memory"))


def _import_bytes(ws: Workspace, data: bytes, name: str, *, who: str) -> FileReport:
    campaign = campaign_of(ws)
    try:
        outer = verify_file(ws, data)
    except EquivocationError as exc:
        # The header passed every check up to replay, so it parses.
        bad = parse_header(bundle_format.split(data, bundle_format.BUNDLE_MAGIC))
        _record_alert(ws, bad.device, bad.sequence, str(exc), f"{bad.bundle} {bad.payload_sha256}")
        return FileReport(
            file=name, status="rejected", check=exc.check, code=exc.code, reason=str(exc),
            error=exc, equivocation=True,
            device=bad.device, sequence=bad.sequence,
        )  # fmt: skip
    except BundleCheckError as exc:
        return _refused(name, exc.check, exc)
    base = {"file": name, "device": outer.device.name, "sequence": outer.header.sequence}
    if outer.verdict == "already-imported":
        return FileReport(**base, status="already-imported")
    header = outer.header
    identities = [keys.age_identity(campaign.age_identity)]
    try:
        with ws.transaction() as db:
            if _find_seen(ws, header.device, header.sequence, header.bundle):
                return FileReport(**base, status="already-imported")  # imported meanwhile
            merger = _merge_stream(db, outer, identities, who=who)
            bundle_log.record_bundle(
                db,
                bundle_id=header.bundle,
                device_id=header.device,
                sequence=header.sequence,
                payload_sha256=header.payload_sha256,
                created=header.created,
                imported=now_utc(),
                summary=merger.report.counts(),
            )
    except BundleRejectedError as exc:  # the transaction rolled back: nothing merged
        check = exc.check if isinstance(exc, BundleCheckError) else "decrypt"
        refused = _refused(name, check, exc)
        refused.device, refused.sequence = outer.device.name, outer.header.sequence
        return refused
    return FileReport(
        **base,
        status="accepted",
        gap=outer.gap,
        merge=merger.report,
        duplicates=household_duplicates(ws, merger.households),
    )


def _merge_stream(
    db: Database, outer: VerifiedOuter, identities: list[pyrage.x25519.Identity], *, who: str
) -> Merger:
    """Decrypt, parse and merge the payload a batch of records at a time (memory grows
    with the largest record, not with the bundle: :mod:`payload_stream`); raises
    BundleRejectedError for a payload that fails its checks, even at its very end, so
    the caller's transaction rolls the merge back."""
    header = outer.header
    with OpenPayload(header, outer.container.payload_view, identities) as reader:
        merger = Merger(
            db, device_id=header.device, bundle_id=header.bundle, who=who,
            sequence=header.sequence,
        )  # fmt: skip
        for batch in reader.interview_batches():
            merger.interviews(batch)
        for entries in reader.audit_batches():
            merger.audit(entries)
        reader.finish()
        merger.finish()
        note_reported_seq(db, header.device, reader.entity_seq)  # entity lists (issue 16)
    return merger


def bundle_files(folder: Path) -> list[Path]:
    """The bundle files (``*.fsb``) in ``folder``, in name order. An entry that is not a
    regular file (a FIFO, a device) stays in the list, so its import refuses it with a
    line of its own instead of leaving it out without a word."""
    return sorted(p for p in folder.glob("*.fsb") if not p.is_dir())


def _import_path(ws: Workspace, path: Path, *, who: str) -> FileReport:
    try:
        data = bundle_format.read_limited(path)
    except bundle_format.ContainerFormatError as exc:
        return _refused(str(path), exc.check, exc)
    except MemoryError:
        return _out_of_memory(str(path))
    return import_bytes(ws, data, str(path), who=who)


def import_files(
    ws: Workspace,
    paths: list[Path],
    *,
    who: str = "coordinator",
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ImportReport:
    """Import each file in turn; one bad file does not stop the others. Cancelling stops
    before the next file: each file is merged in its own transaction."""
    result = ImportReport()
    for done, path in enumerate(paths):
        report(progress, done, len(paths), path.name)
        if cancel is not None:
            cancel.check()
        result.files.append(_import_path(ws, path, who=who))
    for item in result.files:
        merge = item.merge
        log_event(
            _log,
            "bundle.import",
            status=item.status,
            check=item.check or "",
            device=item.device or "",
            sequence=item.sequence or 0,
            new=len(merge.new) if merge else 0,
            updated=len(merge.updated) if merge else 0,
            conflicts=len(merge.conflicting) if merge else 0,
        )
    report(progress, len(paths), len(paths), "")
    return result
