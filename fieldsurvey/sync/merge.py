"""Merging a verified bundle payload into the coordinator's interviews.

Rules (issue 4): a new uuid is inserted; a revision already held is unchanged; a
newer revision from the owning device is applied when the coordinator has not edited
the record since it last merged one; when both edited, the changes are merged field
by field, and fields changed on both sides to different values make a conflict that
names them (``conflicts resolve``). A record claimed by a device that does not own it,
or whose uuid does not derive from the sending device (``store/interview_binding``), is
refused. A record that fails the content checks of its form (``sync/record_checks``)
is kept in the quarantine (``store/quarantine``), not merged; the others go on.
Runs inside the caller's transaction and writes in bulk.

Files (format 3 payloads) come before the records: each is checked (its interview's
uuid derives from the sending laptop, its SHA-256, its size, that its content is the
type its name says, an audit.csv as ODK writes it) and kept in ``media``, or refused and
counted (a "media-refused" alert). A record whose media answer names a file that is
not held then waits in the quarantine (:mod:`record_checks`). Files of an interview the
bundle does not carry, or whose record is refused, are not kept.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from fieldsurvey import messages
from fieldsurvey.errors import BundleCheckError
from fieldsurvey.forms.entity_model import EntityAction
from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.store import analysis_tables, bundle_log, media, quarantine, question_audit
from fieldsurvey.store import audit as audit_log
from fieldsurvey.store import entities as entity_store
from fieldsurvey.store.audit import Entry, append_entries, entry_problem
from fieldsurvey.store.database import Database
from fieldsurvey.store.interview_binding import binding_problem
from fieldsurvey.store.person_keys import key_columns
from fieldsurvey.store.sync_conflicts import ConflictRecord
from fieldsurvey.store.sync_records import (
    MERGED_STATUS,
    WIRE_COLUMNS,
    Ancestor,
    HeldRecord,
    MergeWrites,
    ReceivedUpdate,
    apply_merge,
    held_records,
)
from fieldsurvey.sync import payload_stream, three_way
from fieldsurvey.sync.bundle_payload import BundlePayload, WireAudit, WireInterview
from fieldsurvey.sync.payload_stream import MediaBatch, WireMedia
from fieldsurvey.sync.record_checks import RecordChecks

assert tuple(WireInterview.model_fields) == (*WIRE_COLUMNS, "entities"), "the wire carries"
_STATUS_AT = WIRE_COLUMNS.index("status")
#: where the analysis tables' META values are in a row of WIRE_COLUMNS
_META_AT = tuple(WIRE_COLUMNS.index(name) for name in analysis_tables.META)


class Rejected(BaseModel):
    """An interview the merge refused: ``code`` names why (catalogue), ``reason`` is the
    English text (``--json`` output)."""

    uuid: str
    code: str
    reason: str = ""

    def model_post_init(self, context: Any, /) -> None:
        if not self.reason:
            self.reason = messages.render(self.code, "en")

    def reason_text(self, lang: str | None = None) -> str:
        """Why, in ``lang`` (default: the current language)."""
        return messages.render(self.code, lang)


class Quarantined(Rejected):
    """A record put in the quarantine (:mod:`fieldsurvey.sync.record_checks` says why)."""

    params: dict[str, Any] = Field(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        if not self.reason:
            self.reason = messages.render(self.code, "en", **self.params)

    def reason_text(self, lang: str | None = None) -> str:
        return messages.render(self.code, lang, **self.params)


class MediaRefused(BaseModel):
    """A file a bundle carried that was not kept: ``code`` (``media.*``) says why."""

    uuid: str
    name: str
    code: str

    def reason_text(self, lang: str | None = None) -> str:
        return messages.render(
            self.code, lang, name=self.name, max_mb=media.MAX_MEDIA_BYTES // 2**20
        )


class AuditAlert(BaseModel):
    """A security alert about the audit entries a bundle carried: ``kind`` "audit-chain"
    (the device's chain was cut or rewritten) or "audit-forged" (entries refused), or
    about its files: "media-refused" (files altered, or not the laptop's)."""

    kind: str
    code: str
    params: dict[str, Any] = Field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        """The alert in ``lang`` (default: the current language)."""
        params = dict(self.params)
        if "problem" in params:
            problem = audit_log.ChainProblem.model_validate(params["problem"])
            params["problem"] = problem.text(lang)
        return messages.render(self.code, lang, **params)


class MergeReport(BaseModel):
    """What a merge did, by interview uuid (the CLI and the GUI each render it)."""

    new: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    conflicting: list[str] = Field(default_factory=list)
    rejected: list[Rejected] = Field(default_factory=list)
    #: records that failed the content checks: kept in the quarantine, not merged
    quarantined: list[Quarantined] = Field(default_factory=list)
    audit_entries: int = 0
    audit_rejected: int = 0
    #: security alerts of this bundle's audit entries (also kept in ``sync_alerts``)
    audit_alerts: list[AuditAlert] = Field(default_factory=list)
    #: files kept (new or changed) and files refused
    media_files: int = 0
    media_refused: list[MediaRefused] = Field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "conflicting": len(self.conflicting),
            "rejected": len(self.rejected),
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _text(answers: dict[str, Any]) -> str:
    return json.dumps(answers, ensure_ascii=False)


@dataclass
class _Plan(MergeWrites):
    """The writes a merge will make (gathered first, then done in bulk) and its audit."""

    audit: list[Entry] = field(default_factory=list)


def merge_payload(
    db: Database, payload: BundlePayload, *, device_id: str, bundle_id: str, who: str
) -> MergeReport:
    """Apply ``payload`` (already verified and bound to ``device_id``) to ``db``."""
    merger = Merger(
        db, device_id=device_id, bundle_id=bundle_id, who=who, sequence=payload.sequence
    )
    step = payload_stream.BATCH_RECORDS
    for start in range(0, len(payload.interviews), step):
        merger.interviews(payload.interviews[start : start + step])
    merger.audit(payload.audit)
    return merger.finish()


class Merger:
    """A merge fed in batches, as a bundle is read: every interview first, then the audit
    entries, then :meth:`finish`. Each batch is written as it comes (the caller holds one
    transaction for the whole bundle), so a merge holds one batch of records at a time,
    plus the uuids of its report."""

    def __init__(
        self, db: Database, *, device_id: str, bundle_id: str, who: str, sequence: int
    ) -> None:
        self._db = db
        self._device_id, self._bundle_id, self._who = device_id, bundle_id, who
        self._sequence = sequence
        self.report = MergeReport()
        #: (ward, household id) of the records this merge added or changed
        self.households: set[tuple[str, str]] = set()
        self._seen: set[str] = set()
        self._now = _now()
        self._links: list[dict[str, Any]] = []  # seq, hash, prev_hash of each entry
        self._audit_part = 0
        self._new_files: set[tuple[str, str]] = set()  # (uuid, name) kept by this merge
        #: each form version looked up once per merge (one transaction: none installed meanwhile)
        self._checks = RecordChecks(db)

    def interviews(self, batch: list[WireInterview]) -> None:
        """Merge a batch of records (a :class:`MediaBatch` carries a file instead)."""
        if isinstance(batch, MediaBatch):
            self.media(batch.media)
            return
        with gc_paused():
            self._interviews(batch)

    def _interviews(self, batch: list[WireInterview]) -> None:
        db, report, device_id = self._db, self.report, self._device_id
        uuids = [i.uuid for i in batch]
        held = held_records(db, uuids)
        waiting = quarantine.held_revisions(db, uuids)  # older revisions held back
        plan = _Plan()
        #: the new records' rows for the analysis tables (not read back: issue 15)
        written: dict[str, analysis_tables.Written] = {}
        entities = _EntityBatch(db, self._now)  # issue 16: merged per batch
        for item in batch:
            uuid = item.uuid
            if uuid in self._seen:
                report.rejected.append(Rejected(uuid=uuid, code="sync.data.twice_in_bundle"))
                continue
            self._seen.add(uuid)
            row = held.get(uuid)
            refusal = _ownership_problem(item, row, device_id)
            if refusal is not None:
                report.rejected.append(Rejected(uuid=uuid, code=refusal))
                continue
            entities.before_check(item)
            if _quarantined(
                db, item, report, self._checks, bundle_id=self._bundle_id, now=self._now,
                waiting=waiting,
            ):  # fmt: skip
                continue
            changed = len(report.new) + len(report.updated)
            conflicts = len(report.conflicting)
            if row is None:
                values = [getattr(item, c) for c in WIRE_COLUMNS[:-1]]
                values.append(self._checks.answers_text(item))
                values[_STATUS_AT] = MERGED_STATUS
                # the answers stored are item.answers written as JSON (answers_text):
                # their key is that of the stored document (store/person_keys.py)
                values.extend(key_columns(item.respondent, item.answers))
                plan.inserts.append(values)
                written[uuid] = analysis_tables.Written(
                    item.form_id, [values[i] for i in _META_AT], item.answers
                )
                report.new.append(uuid)
            else:
                _merge_held(
                    item, row, plan, report, bundle_id=self._bundle_id, who=self._who,
                    now=self._now,
                )  # fmt: skip
            if len(report.new) + len(report.updated) > changed:
                self.households.add((item.ward, item.household_id))
            elif len(report.conflicting) == conflicts:
                continue  # unchanged: its entity actions were merged with it before
            entities.taken(item)
        entities.merge()
        apply_merge(db, plan)
        analysis_tables.refresh(db, written)  # the answers as columns (issue 15)
        append_entries(db, plan.audit)

    def media(self, item: WireMedia) -> None:
        """Check one received file and keep it, or count it as refused."""
        code = _media_problem(item, self._device_id)
        if code is not None:
            self.report.media_refused.append(
                MediaRefused(uuid=item.interview, name=item.name, code=code)
            )
            return
        outcome = media.store_received(
            self._db, item.interview, item.name, item.type, item.data,
            device_id=self._device_id, sequence=self._sequence, added=self._now,
        )  # fmt: skip
        if outcome in ("new", "replaced"):
            self.report.media_files += 1
            if outcome == "new":
                self._new_files.add((item.interview, item.name))

    def audit(self, batch: list[WireAudit]) -> None:
        """Keep a batch of the bundle's audit entries (after every interview)."""
        if not batch:
            return
        kept, bad = _store_audit(
            self._db, batch, self._device_id, self._bundle_id, self.report, part=self._audit_part
        )
        self._audit_part += 1
        self.report.audit_entries += kept
        self.report.audit_rejected += bad
        self._links.extend({"seq": e.seq, "hash": e.hash, "prev_hash": e.prev_hash} for e in batch)

    def finish(self) -> MergeReport:
        """Record the merge in the coordinator's own chain and check the device's."""
        db, report = self._db, self.report
        refused = {r.uuid for r in report.rejected}
        orphans = [f for f in self._new_files if f[0] not in self._seen or f[0] in refused]
        media.drop_received(db, orphans)
        report.media_files -= len(orphans)
        report.media_refused += [MediaRefused(uuid=u, name=n, code="media.no_record")
                                 for u, n in sorted(orphans)]  # fmt: skip
        if report.new:  # one entry for the bulk of a bundle; changes get one each
            append_entries(
                db,
                [
                    Entry(
                        None, self._who, "merge-new", None, None,
                        {"bundle": self._bundle_id, "new": report.new},
                    )
                ],
            )  # fmt: skip
        if not bundle_log.bundle_recorded(db, self._bundle_id):  # not a re-merge (quarantine)
            report.audit_alerts = _check_audit(
                db, self._links, self._sequence, self._device_id, report.audit_rejected, self._now
            )
            report.audit_alerts += _media_alert(
                db, report.media_refused, self._sequence, self._device_id, self._now
            )
        return report


class _EntityBatch:
    """The entity actions of a batch's records the merge took (new, updated or a
    conflict; a revision received again is not merged twice), merged with one
    ``entities.merge_many`` before the batch's writes. A record is checked against the
    entities held (``entity_checks``: an update needs its entity, a create's id must not
    be another interview's), so the actions waiting are merged first when a record
    names an entity they touch: each record is checked as if every earlier record's
    actions were merged. Actions the store refuses refuse the bundle whole."""

    def __init__(self, db: Database, now: str) -> None:
        self._db, self._now = db, now
        self._waiting: list[entity_store.InterviewActions] = []
        self._keys: set[tuple[str, str]] = set()

    def before_check(self, item: WireInterview) -> None:
        if self._keys and any(key in self._keys for key in _entity_keys(item.entities)):
            self.merge()

    def taken(self, item: WireInterview) -> None:
        if not item.entities:
            return
        actions = [EntityAction.from_json(a) for a in item.entities]  # checked: they parse
        self._waiting.append(
            entity_store.InterviewActions(item.uuid, item.device_id, item.ward, actions, self._now)
        )
        self._keys.update((a.list_name, a.entity_id) for a in actions)

    def merge(self) -> None:
        waiting, self._waiting = self._waiting, []
        self._keys = set()
        if not waiting:
            return
        refused = entity_store.merge_many(self._db, waiting).refused
        for item in waiting:  # the first refused, in the bundle's order
            if item.interview_uuid in refused:
                raise BundleCheckError(
                    "payload", "entity.bundle_refused", uuid=item.interview_uuid
                ) from refused[item.interview_uuid]


def _entity_keys(raw: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(list, id) of each action as received (not yet checked: odd values left out)."""
    keys = []
    for action in raw:
        if isinstance(action, dict):
            name, entity_id = action.get("list"), action.get("id")
            if isinstance(name, str) and isinstance(entity_id, str):
                keys.append((name, entity_id))
    return keys


def _media_problem(item: WireMedia, device_id: str) -> str | None:
    """Why a received file is not kept (a ``media.*`` code), or None."""
    if binding_problem(item.interview, device_id, item.nonce) is not None:
        return "media.not_bound"
    if hashlib.sha256(item.data).hexdigest() != item.sha256 or len(item.data) != item.size:
        return "media.hash_mismatch"
    problem = media.media_problem(item.name, item.data, item.type)
    if problem is not None:
        return problem
    if item.name == media.AUDIT_FILE and question_audit.parse_csv(item.data) is None:
        return "media.audit_not_csv"
    return None


def _media_alert(
    db: Database, refused: list[MediaRefused], sequence: int, device_id: str, now: str
) -> list[AuditAlert]:
    """One alert for the files of a bundle that were altered or not the laptop's own
    (a file merely sent without its record is no sign of tampering)."""
    count = sum(1 for r in refused if r.code != "media.no_record")
    if not count:
        return []
    params = {"device": bundle_log.device_label(db, device_id), "sequence": sequence}
    alert = AuditAlert(kind="media-refused", code="media.refused_alert",
                       params={**params, "count": count})  # fmt: skip
    bundle_log.record_alert(
        db, kind=alert.kind, device_id=device_id, sequence=sequence,
        detail=alert.model_dump_json(), created=now,
    )  # fmt: skip
    return [alert]


def _ownership_problem(item: WireInterview, row: HeldRecord | None, device_id: str) -> str | None:
    """Why the sending device ``device_id`` may not send ``item`` (a catalogue code), or
    None. A record says it was made on the sender, is not held for another device, and its
    uuid derives from the sender's id and its nonce (:mod:`fieldsurvey.store.interview_binding`):
    a laptop cannot claim another's interview, even one that has not reached us yet."""
    if item.device_id != device_id:
        return "sync.data.made_on_other_device"
    if row is not None and row.owner != device_id:
        return "sync.data.owned_by_other_device"
    return binding_problem(item.uuid, device_id, item.nonce)


def _quarantined(
    db: Database,
    item: WireInterview,
    report: MergeReport,
    checks: RecordChecks,
    *,
    bundle_id: str,
    now: str,
    waiting: dict[str, int],
) -> bool:
    """Check ``item`` against its form; if it fails, keep it in the quarantine (True).
    A record that passes supersedes an older quarantined revision of its uuid."""
    problem = checks.check(item)
    if problem is None:
        if item.uuid in waiting and waiting[item.uuid] <= item.revision:
            quarantine.release(db, item.uuid, item.revision)
        return False
    params = json.dumps(problem.params)  # ASCII: a lone surrogate cannot break the store
    quarantine.add(
        db,
        quarantine.Quarantined(
            item.uuid, item.device_id, bundle_id, item.form_id, item.form_version,
            item.revision, problem.code, params, now, record=_record_text(item),
        ),
    )  # fmt: skip
    report.quarantined.append(Quarantined(uuid=item.uuid, code=problem.code, params=problem.params))
    return True


def _record_text(item: WireInterview) -> str:
    """The record as JSON, its answers not copied first (a quarantined record may be large;
    NaN and infinities are kept as such, so a re-check sees what arrived)."""
    fields = {name: getattr(item, name) for name in WireInterview.model_fields}
    return json.dumps(fields)


def _merge_held(
    item: WireInterview,
    row: HeldRecord,
    plan: _Plan,
    report: MergeReport,
    *,
    bundle_id: str,
    who: str,
    now: str,
) -> None:
    uuid = item.uuid
    synced = int(row.synced)
    if item.revision < synced or (row.pending is not None and item.revision <= row.pending):
        report.unchanged.append(uuid)
        return
    current = json.loads(row.answers)
    ancestor = json.loads(row.ancestor)
    before = {"revision": row.revision}
    if item.revision == synced:
        if item.answers == ancestor:
            report.unchanged.append(uuid)
            return
        flat = three_way.flatten
        fields = sorted("/".join(p) for p in three_way.changed(flat(ancestor), flat(item.answers)))
    elif ancestor == current:  # the coordinator has not changed it: take the device's
        plan.updates.append(_update_row(item, item.answers, item.revision, now))
        plan.dropped.append(uuid)
        plan.cleared.append(uuid)
        plan.audit.append(Entry(uuid, who, "merge", None, before, {"revision": item.revision}))
        report.updated.append(uuid)
        return
    else:
        merged, fields = three_way.merge(ancestor, current, item.answers)
        if merged is not None:
            revision = max(int(row.revision), item.revision) + 1
            plan.updates.append(_update_row(item, merged, revision, now))
            ancestor_text = _text(item.answers)
            plan.records.append(
                Ancestor(uuid, item.device_id, item.revision, ancestor_text, bundle_id)
            )
            plan.cleared.append(uuid)
            after = {"revision": revision, "device_revision": item.revision}
            plan.audit.append(Entry(uuid, who, "merge", None, before, after))
            report.updated.append(uuid)
            return
    record = item.model_dump_json()
    plan.conflicts.append(
        ConflictRecord(
            uuid, item.device_id, bundle_id, item.revision, record, json.dumps(fields), now
        )
    )
    plan.audit.append(Entry(uuid, who, "conflict", None, None, {"fields": fields}))
    report.conflicting.append(uuid)


def _update_row(
    item: WireInterview, answers: dict[str, Any], revision: int, now: str
) -> ReceivedUpdate:
    return ReceivedUpdate(
        item.form_id, item.form_version, item.ward, item.household_id, item.respondent,
        item.enumerator, MERGED_STATUS, item.updated, revision, item.base_revision,
        _text(answers), *key_columns(item.respondent, answers), item.uuid,
    )  # fmt: skip


def _store_audit(
    db: Database,
    batch: list[WireAudit],
    device_id: str,
    bundle_id: str,
    report: MergeReport,
    *,
    part: int = 0,
) -> tuple[int, int]:
    """Keep the audit entries whose hash checks: those of this bundle's records with their
    values, refused records' and other interviews' as the chain's links only (no values).
    Returns (entries kept, entries refused as forged or altered)."""
    refused = {r.uuid for r in report.rejected}
    kept, bad = [], 0
    for entry in batch:
        data = entry.model_dump()
        if entry_problem(data) is not None:
            bad += 1
            continue
        if entry.interview_uuid is None or entry.interview_uuid in refused:
            data = audit_log.without_values(data)
        kept.append(data)
    if kept:
        bundle_log.store_bundle_audit(db, bundle_id, device_id, kept, part=part)
    return len(kept), bad


def _check_audit(
    db: Database,
    entries: list[dict[str, Any]],
    sequence: int,
    device_id: str,
    forged: int,
    now: str,
) -> list[AuditAlert]:
    """Check the received entries (their seq, hash and prev_hash) carry the device's chain
    from its last signed head to this bundle's (the payload's last entry, checked against
    the signed header by the payload reader); keep the new head; record an alert for a cut
    or rewritten chain and for forged entries. The bundle is merged all the same
    (docs/security-model.md)."""
    last = max(entries, key=lambda e: int(e["seq"]), default=None)
    new = audit_log.EMPTY_HEAD if last is None else audit_log.Head(int(last["seq"]), last["hash"])
    held = bundle_log.audit_head(db, device_id)
    previous = audit_log.EMPTY_HEAD if held is None else audit_log.Head(held.seq, held.hash)
    held_sequence = 0 if held is None else held.sequence
    alerts: list[AuditAlert] = []
    device = bundle_log.device_label(db, device_id)
    base = {"device": device, "sequence": sequence}
    if sequence > held_sequence:  # an older bundle arriving late is not compared
        linked = sequence == held_sequence + 1
        for problem in audit_log.check_segment(previous, new, entries, linked=linked):
            alerts.append(
                AuditAlert(
                    kind="audit-chain",
                    code="store.audit.chain_alert",
                    params={**base, "problem": problem.model_dump()},
                )
            )
        bundle_log.set_audit_head(
            db, device_id, sequence=sequence, seq=new.seq, hash=new.hash, updated=now
        )
    if forged:
        alerts.append(
            AuditAlert(
                kind="audit-forged",
                code="store.audit.entries_refused_alert",
                params={**base, "count": forged},
            )
        )
    for alert in alerts:
        bundle_log.record_alert(
            db,
            kind=alert.kind,
            device_id=device_id,
            sequence=sequence,
            detail=alert.model_dump_json(),  # code and params: shown in either language
            created=now,
        )
    return alerts
