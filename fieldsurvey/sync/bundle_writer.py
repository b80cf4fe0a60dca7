"""``bundle export`` on a laptop: one signed, encrypted bundle of new and changed work.

Order of events, chosen so a crash never produces two different bundles with the
same sequence number (which the coordinator would report as equivocation):
1. the sequence number is reserved and committed;
2. the bundle is written to a temporary file, flushed and renamed into place;
3. the interviews are marked exported, in one transaction (each one through the
   lifecycle's check, :func:`fieldsurvey.store.interviews.check_transition`).
A crash after 1 leaves a gap (reported, not refused); after 2, the same interviews
are exported again next time and the coordinator reports them unchanged.

The audit chain's anchor: the header signs the chain head at export (the last entry
before this export's own summary entry) and the payload carries the chain since the head
the previous bundle signed (:func:`audit_to_send`), so the coordinator can check that
nothing was cut or rewritten in between. The head is remembered in the settings
(``audit.EXPORTED_HEAD_SETTING``) with the interviews marked exported.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyrage
from pydantic import BaseModel
from sqlite_utils import Database

from fieldsurvey.atomic_files import write_bytes_atomic
from fieldsurvey.changes import Changes
from fieldsurvey.errors import LifecycleError, SyncError
from fieldsurvey.logging_setup import log_event
from fieldsurvey.store import audit as audit_log
from fieldsurvey.store import export_log
from fieldsurvey.store.audit import Entry, Head, append_entries
from fieldsurvey.store.export_log import ExportMark
from fieldsurvey.store.interviews import InterviewStatus, check_transition
from fieldsurvey.store.sync_records import WIRE_COLUMNS
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format, keys, payload_stream
from fieldsurvey.sync.bundle_payload import WireInterview
from fieldsurvey.sync.campaign import NEXT_SEQUENCE_SETTING, DeviceConfig, device_config_of, now_utc
from fieldsurvey.sync.canonical_json import dumps

assert tuple(WireInterview.model_fields) == WIRE_COLUMNS, "the wire carries WIRE_COLUMNS"

_log = logging.getLogger("fieldsurvey.sync")
S = InterviewStatus


class ExportResult(BaseModel):
    path: Path | None
    sequence: int | None = None
    bundle_id: str | None = None
    interviews: int = 0
    changes: Changes = Changes()


def bundle_filename(device_id: str, sequence: int) -> str:
    """Names say nothing about people: ``fieldsurvey-<device prefix>-<sequence>.fsb``."""
    return f"fieldsurvey-{device_id[:8]}-{sequence:06d}.fsb"


def _select(ws: Workspace, send_all: bool) -> list[dict[str, Any]]:
    """Rows to send; ``answers`` stays the stored JSON text (spliced into the payload)."""
    statuses = (S.COMPLETED, S.EXPORTED) if send_all else (S.COMPLETED,)
    return export_log.rows_to_send(ws, statuses)


def _payload_bytes(head: dict[str, Any], interviews: list[dict[str, Any]], audit: Any) -> bytes:
    """The payload, format 2 (:mod:`payload_stream`: a line per record, so the coordinator
    reads it a record at a time); stored answers text is copied as is rather than
    re-encoded, unless it holds a line break (never in JSON the store wrote)."""
    lines = []
    for row in interviews:
        answers = row["answers"]
        raw = answers.encode("utf-8") if isinstance(answers, str) else dumps(answers)
        if b"\n" in raw or b"\r" in raw:
            raw = dumps(json.loads(raw))
        meta = dumps({k: v for k, v in row.items() if k != "answers"})
        lines.append(meta[:-1] + b',"answers":' + raw + b"}")
    return payload_stream.encode(head, lines, audit)


def _reserve_sequence(ws: Workspace) -> int:
    with ws.transaction():
        sequence = int(ws.get_setting(NEXT_SEQUENCE_SETTING, 1))
        ws.set_setting(NEXT_SEQUENCE_SETTING, sequence + 1)
    return sequence


def seal_bundle(
    config: DeviceConfig,
    *,
    sequence: int,
    bundle_id: str,
    interviews: list[dict[str, Any]],
    audit: list[dict[str, Any]],
    head: Head | None = None,
) -> bytes:
    """The bundle bytes: header signed by the device, payload encrypted with age.
    ``head``: the chain head the header signs (default: the last entry of ``audit``)."""
    if head is None:
        last = max(audit, key=lambda row: int(row["seq"]), default=None)
        head = audit_log.EMPTY_HEAD if last is None else Head(int(last["seq"]), last["hash"])
    payload_plain = _payload_bytes(
        {
            "kind": "bundle-payload",
            "campaign": config.campaign_id,
            "device": config.device_id,
            "sequence": sequence,
            "bundle": bundle_id,
        },
        interviews,
        audit,
    )
    recipients = [keys.age_recipient(r) for r in config.recipients]
    payload = bytes(pyrage.encrypt(payload_plain, recipients))
    header = dumps(
        {
            "format": bundle_format.FORMAT_VERSION,
            "kind": "bundle",
            "campaign": config.campaign_id,
            "device": config.device_id,
            "sequence": sequence,
            "bundle": bundle_id,
            "created": now_utc(),
            "payload_length": len(payload),
            "payload_sha256": hashlib.sha256(payload).hexdigest(),
            "audit_seq": head.seq,
            "audit_hash": head.hash,
        }
    )
    signature = keys.sign(config.signing_key, keys.DOMAIN_BUNDLE_HEADER, header)
    return bundle_format.pack(bundle_format.BUNDLE_MAGIC, header, signature, payload)


def audit_to_send(
    ws: Workspace, uuids: list[str], *, send_all: bool
) -> tuple[list[dict[str, Any]], Head]:
    """The payload's audit entries and the head the header signs: the entries of these
    interviews not yet sent (with their values), and every other entry since the head
    of the previous bundle up to the head now, without values (the chain's links only).
    The head's own entry is always in (the coordinator reads the head from it)."""
    with ws.reading() as db:
        head = audit_log.head(db)
        full = export_log.unsent_audit(ws, uuids, send_all=send_all)
    if head.seq == 0:
        return [], head
    previous = ws.get_setting(audit_log.EXPORTED_HEAD_SETTING)
    after = int(previous["seq"]) if isinstance(previous, dict) else 0
    by_seq = {int(row["seq"]): row for row in full if int(row["seq"]) <= head.seq}
    for row in audit_log.chain_segment(ws, min(after, head.seq - 1), head.seq):
        by_seq.setdefault(int(row["seq"]), row)
    return [by_seq[seq] for seq in sorted(by_seq)], head


def write_new_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; never overwrite an existing file."""
    if path.exists():
        raise SyncError("sync.data.file_exists", path=str(path))
    try:
        write_bytes_atomic(path, data, overwrite=False)
    except FileExistsError as exc:  # the file appeared meanwhile
        raise SyncError("sync.data.file_exists", path=str(path)) from exc


def _mark_exported(db: Database, uuids: list[str], stamp: str) -> list[str]:
    """completed -> exported, through the lifecycle's check of each interview as it is
    now (inside the export's transaction), written in one go. One changed meanwhile
    (e.g. reopened while the bundle was written) keeps its status: the bundle holds the
    revision it had. Returns the uuids marked."""
    current = export_log.current_statuses(db, uuids)
    marked, targets = [], set()
    for uuid_ in uuids:
        if uuid_ not in current:
            continue  # cannot happen: only drafts can be deleted
        try:
            targets.add(check_transition(uuid_, current[uuid_], "export"))
        except LifecycleError:
            continue
        marked.append(uuid_)
    for target in targets:  # at most one: the table has one target per action
        export_log.set_exported(db, marked, status=target, updated=stamp)
    return marked


def export_bundle(
    ws: Workspace, out_dir: Path, *, send_all: bool = False, who: str = "export"
) -> ExportResult:
    """Write one bundle of every completed interview (``send_all``: also exported ones)."""
    config = device_config_of(ws)
    if not out_dir.is_dir():
        raise SyncError("sync.data.not_a_folder", path=str(out_dir))
    interviews = _select(ws, send_all)
    if not interviews:
        return ExportResult(path=None)
    for row in interviews:  # before anything is written
        check_transition(row["uuid"], row["status"], "export")
    uuids = [row["uuid"] for row in interviews]
    audit, head = audit_to_send(ws, uuids, send_all=send_all)
    bundle_id = str(uuid.uuid4())

    def seal(sequence: int) -> bytes:
        return seal_bundle(
            config,
            sequence=sequence,
            bundle_id=bundle_id,
            interviews=interviews,
            audit=audit,
            head=head,
        )

    # Sealed with the next number before it is reserved: a bundle the coordinator would
    # refuse for its size is never written and leaves no gap in the numbers.
    sequence = int(ws.get_setting(NEXT_SEQUENCE_SETTING, 1))
    data = seal(sequence)
    if len(data) > bundle_format.MAX_FILE_BYTES:
        raise SyncError(
            "sync.data.bundle_too_large",
            size_mb=round(len(data) / 2**20, 1),
            limit_mb=bundle_format.MAX_FILE_BYTES // 2**20,
            count=len(interviews),
        )
    reserved = _reserve_sequence(ws)
    if reserved != sequence:  # another export took the number meanwhile
        sequence, data = reserved, seal(reserved)
    path = out_dir / bundle_filename(config.device_id, sequence)
    try:
        write_new_file(path, data)
    except OSError as exc:
        raise SyncError(
            "sync.data.bundle_write_failed", folder=str(out_dir), detail=exc.strerror
        ) from exc
    last_audit: dict[str, int] = {}
    sent = set(uuids)
    for row in audit:  # in seq order: the last entry sent of each interview
        if row["interview_uuid"] in sent:
            last_audit[row["interview_uuid"]] = row["seq"]
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds")  # as interviews.py writes it
    with ws.transaction() as db:
        to_mark = [row["uuid"] for row in interviews if row["status"] == S.COMPLETED]
        marked = _mark_exported(db, to_mark, stamp)
        export_log.record_exports(
            db,
            [
                ExportMark(r["uuid"], r["revision"], last_audit.get(r["uuid"], 0), sequence)
                for r in interviews
            ],
        )
        # One entry for the whole export (a bundle holds thousands): which bundle, and
        # which interviews went from completed to exported.
        summary = {"bundle": bundle_id, "sequence": sequence, "interviews": uuids}
        summary["completed_to_exported"] = marked
        append_entries(db, [Entry(None, who, "export", None, None, summary)])
        ws.set_setting(audit_log.EXPORTED_HEAD_SETTING, {"seq": head.seq, "hash": head.hash})
    log_event(_log, "bundle.export", sequence=sequence, interviews=len(interviews))
    return ExportResult(
        path=path,
        sequence=sequence,
        bundle_id=bundle_id,
        interviews=len(interviews),
        changes=Changes(interviews=uuids),
    )
