"""``bundle export`` on a laptop: one signed, encrypted bundle of new and changed work.

Order of events, chosen so a crash never produces two different bundles with the
same sequence number (which the coordinator would report as equivocation):
1. the sequence number is reserved and committed;
2. the bundle is written to a temporary file, flushed and renamed into place;
3. the interviews are marked exported, in one transaction (each one through the
   lifecycle's check, :func:`fieldsurvey.store.interviews.check_transition`). The
   laptop's listing indexes do not hold the status where a new interview's entry
   would be far from the others' (:func:`interview_listing.fit_to_laptop`, issue 15):
   marking 1,000 interviews then changes a few pages of each index, not one per entry.
A crash after 1 leaves a gap (reported, not refused); after 2, the same interviews
are exported again next time and the coordinator reports them unchanged.

Files (photos, signatures, recordings, and the ``audit.csv`` of forms with an ``audit``
meta question) travel in the same bundle as their interview, each file whole, as lines
of a format 3 payload (:mod:`payload_stream`); a bundle without files stays format 2.
A bundle holds as many interviews as fit under the coordinator's size cap with their
files; the others stay completed for the next export (``ExportResult.remaining``).

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
from typing import Any, NamedTuple

import pyrage
from pydantic import BaseModel

from fieldsurvey.atomic_files import write_bytes_atomic
from fieldsurvey.changes import Changes
from fieldsurvey.errors import FieldSurveyError, LifecycleError, SyncError
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.logging_setup import log_event
from fieldsurvey.store import audit as audit_log
from fieldsurvey.store import export_log, interview_listing, media, question_audit
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.audit import Entry, Head, append_entries
from fieldsurvey.store.database import Database
from fieldsurvey.store.export_log import ExportMark
from fieldsurvey.store.interviews import InterviewStatus, check_transition
from fieldsurvey.store.sync_records import WIRE_COLUMNS
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format, entity_sync, keys, payload_stream
from fieldsurvey.sync.bundle_payload import WireInterview
from fieldsurvey.sync.campaign import NEXT_SEQUENCE_SETTING, DeviceConfig, device_config_of, now_utc
from fieldsurvey.sync.canonical_json import dumps

assert tuple(WireInterview.model_fields) == (*WIRE_COLUMNS, "entities"), "the wire carries"

_log = logging.getLogger("fieldsurvey.sync")
S = InterviewStatus


class ExportResult(BaseModel):
    path: Path | None
    sequence: int | None = None
    bundle_id: str | None = None
    interviews: int = 0
    #: files (media answers, audit logs) the bundle carries
    files: int = 0
    #: completed interviews left for the next bundle (this one was full with files)
    remaining: int = 0
    changes: Changes = Changes()


#: Share of the coordinator's file cap the records and files of one bundle may take
#: (the rest: audit entries, JSON and age overhead).
_FILL = 0.9


class _File(NamedTuple):
    """A file to send: of interview ``uuid`` (bound by ``nonce``); ``data`` is None for
    a stored file (read when the bundle is sealed)."""

    uuid: str
    nonce: str
    name: str
    mime: str
    size: int
    data: bytes | None = None

    def wire_size(self) -> int:
        """Its lines' bytes in the payload (base64 plus each line's fields)."""
        parts = max(1, -(-self.size // payload_stream.MEDIA_CHUNK_BYTES))
        return 4 * -(-self.size // 3) + 400 * parts


def bundle_filename(device_id: str, sequence: int) -> str:
    """Names say nothing about people: ``fieldsurvey-<device prefix>-<sequence>.fsb``."""
    return f"fieldsurvey-{device_id[:8]}-{sequence:06d}.fsb"


def _select(ws: Workspace, send_all: bool) -> list[dict[str, Any]]:
    """Rows to send; ``answers`` stays the stored JSON text (spliced into the payload)."""
    statuses = (S.COMPLETED, S.EXPORTED) if send_all else (S.COMPLETED,)
    return export_log.rows_to_send(ws, statuses)


def _spec(ws: Workspace, key: tuple[str, str], cache: dict[Any, FormSpec | None]) -> Any:
    if key not in cache:
        try:
            stored = forms_store.get_form(ws, *key)
            cache[key] = FormSpec.model_validate_json(stored.definition)
        except (FieldSurveyError, ValueError):  # not installed, or a stub: no files
            cache[key] = None
    return cache[key]


def files_to_send(ws: Workspace, rows: list[dict[str, Any]]) -> dict[str, list[_File]]:
    """The files of each interview to send: those its media answers name that are held
    here, and its ``audit.csv`` when the audit meta question logged events."""
    cache: dict[Any, FormSpec | None] = {}
    found: dict[str, list[_File]] = {}
    uuids = [row["uuid"] for row in rows]
    with ws.reading() as db:
        held = {(i.interview_uuid, i.name): i for i in media.infos(db, uuids)}
        audited = question_audit.has_events(db, uuids)
        nodes_of: dict[tuple[str, str], dict[str, str]] = {}
        for row in rows:
            version = (row["form_id"], row["form_version"])
            spec = _spec(ws, version, cache)
            nodes = nodes_of.get(version)
            if nodes is None:
                nodes = nodes_of[version] = {} if spec is None else media.media_nodes(spec.walk())
            files: list[_File] = []
            answers = row["answers"]
            doc = (json.loads(answers) if isinstance(answers, str) else answers) if nodes else {}
            for _path, _qtype, name in media.referenced(doc, nodes):
                info = held.get((row["uuid"], name))
                if info is not None and all(f.name != name for f in files):
                    files.append(_File(row["uuid"], row["nonce"], name, info.mime, info.size))
            if row["uuid"] in audited:
                params = question_audit.audit_parameters(spec) or {}
                events = question_audit.events_in(db, row["uuid"])
                data = question_audit.to_csv(events, question_audit.columns_for(params))
                files.append(
                    _File(row["uuid"], row["nonce"], media.AUDIT_FILE, "text/csv", len(data), data)
                )
            if files:
                found[row["uuid"]] = files
    return found


def fill(
    rows: list[dict[str, Any]], files: dict[str, list[_File]], limit: int
) -> list[dict[str, Any]]:
    """The first interviews (at least one) whose records and files fit in ``limit`` bytes."""
    chosen: list[dict[str, Any]] = []
    used = 0
    for row in rows:
        answers = row["answers"]
        size = 600 + (len(answers) if isinstance(answers, str) else len(dumps(answers)))
        size += len(dumps(row["entities"])) if row.get("entities") else 0
        size += sum(f.wire_size() for f in files.get(row["uuid"], []))
        if chosen and used + size > limit:
            break
        chosen.append(row)
        used += size
    return chosen


def _media_lines(ws: Workspace, files: list[_File]) -> list[bytes]:
    """The payload lines of ``files`` (stored ones read now)."""
    lines: list[bytes] = []
    with ws.reading() as db:
        for f in files:
            data = f.data if f.data is not None else media.data_of(db, f.uuid, f.name)
            if data is None:  # removed meanwhile: its answer no longer names it
                continue
            lines += payload_stream.media_lines(f.uuid, f.nonce, f.name, f.mime, data)
    return lines


def _payload_bytes(
    head: dict[str, Any],
    interviews: list[dict[str, Any]],
    audit: Any,
    media_lines: list[bytes] | None = None,
) -> bytes:
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
    return payload_stream.encode(head, lines, audit, media_lines)


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
    media_lines: list[bytes] | None = None,
    entity_seq: int = 0,
) -> bytes:
    """The bundle bytes: header signed by the device, payload encrypted with age.
    ``head``: the chain head the header signs (default: the last entry of ``audit``);
    ``media_lines``: the files' lines (:func:`payload_stream.media_lines`);
    ``entity_seq``: the coordinator's entity change number the laptop's lists reached
    (in the payload head when not 0: :mod:`entity_sync`)."""
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
            **({"entity_seq": entity_seq} if entity_seq else {}),
        },
        interviews,
        audit,
        media_lines,
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
    candidates = _select(ws, send_all)
    if not candidates:
        return ExportResult(path=None)
    for row in candidates:  # before anything is written
        check_transition(row["uuid"], row["status"], "export")
    entity_sync.attach_actions(ws, candidates)  # "entities" of the rows that have some
    files = files_to_send(ws, candidates)
    interviews = candidates
    if files:  # records alone over the cap are refused below, as ever
        interviews = fill(candidates, files, int(bundle_format.MAX_FILE_BYTES * _FILL))
    uuids = [row["uuid"] for row in interviews]
    sent_files = [f for u in uuids for f in files.get(u, [])]
    lines = _media_lines(ws, sent_files)
    audit, head = audit_to_send(ws, uuids, send_all=send_all)
    entity_seq = entity_sync.reached_seq(ws)
    bundle_id = str(uuid.uuid4())

    def seal(sequence: int) -> bytes:
        return seal_bundle(
            config,
            sequence=sequence,
            bundle_id=bundle_id,
            interviews=interviews,
            audit=audit,
            head=head,
            media_lines=lines,
            entity_seq=entity_seq,
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
        # A laptop's listing indexes (once: at its first export, or at the upgrade to
        # 0027): marking then moves no entry of the six scattered per-order indexes.
        interview_listing.fit_to_laptop(db)
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
        files=len(sent_files),
        remaining=len(candidates) - len(interviews),
        changes=Changes(interviews=uuids),
    )
