"""Merging a verified bundle payload into the coordinator's interviews.

Rules (issue 4): a new uuid is inserted; a revision already held is unchanged; a
newer revision from the owning device is applied when the coordinator has not edited
the record since it last merged one; when both edited, the changes are merged field
by field, and fields changed on both sides to different values make a conflict that
names them (``conflicts resolve``). A record claimed by a device that does not own it
is refused. Runs inside the caller's transaction and writes in bulk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlite_utils import Database

from fieldsurvey import messages
from fieldsurvey.store import bundle_log
from fieldsurvey.store.audit import Entry, append_entries, entry_problem
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
from fieldsurvey.sync import three_way
from fieldsurvey.sync.bundle_payload import BundlePayload, WireInterview

assert tuple(WireInterview.model_fields) == WIRE_COLUMNS, "the wire carries WIRE_COLUMNS"
_STATUS_AT = WIRE_COLUMNS.index("status")


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


class MergeReport(BaseModel):
    """What a merge did, by interview uuid (the CLI and the GUI each render it)."""

    new: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    conflicting: list[str] = Field(default_factory=list)
    rejected: list[Rejected] = Field(default_factory=list)
    audit_entries: int = 0
    audit_rejected: int = 0

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
    report = MergeReport()
    held = held_records(db, [i.uuid for i in payload.interviews])
    plan = _Plan()
    seen: set[str] = set()
    now = _now()
    for item in payload.interviews:
        uuid = item.uuid
        if uuid in seen:
            report.rejected.append(Rejected(uuid=uuid, code="sync.data.twice_in_bundle"))
            continue
        seen.add(uuid)
        if item.device_id != device_id:
            report.rejected.append(Rejected(uuid=uuid, code="sync.data.made_on_other_device"))
            continue
        row = held.get(uuid)
        if row is None:
            values = [getattr(item, c) for c in WIRE_COLUMNS[:-1]] + [_text(item.answers)]
            values[_STATUS_AT] = MERGED_STATUS
            plan.inserts.append(values)
            report.new.append(uuid)
            continue
        if row.owner != device_id:
            report.rejected.append(Rejected(uuid=uuid, code="sync.data.owned_by_other_device"))
            continue
        _merge_held(item, row, plan, report, bundle_id=bundle_id, who=who, now=now)
    if report.new:  # one entry for the bulk of a bundle; changes get one each
        plan.audit.append(
            Entry(None, who, "merge-new", None, None, {"bundle": bundle_id, "new": report.new})
        )
    apply_merge(db, plan)
    report.audit_entries, report.audit_rejected = _store_audit(
        db, payload, device_id, bundle_id, report
    )
    append_entries(db, plan.audit)
    return report


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
        _text(answers), item.uuid,
    )  # fmt: skip


def _store_audit(
    db: Database, payload: BundlePayload, device_id: str, bundle_id: str, report: MergeReport
) -> tuple[int, int]:
    """Keep the audit entries whose hash checks, of this bundle's accepted records only."""
    accepted = {i.uuid for i in payload.interviews} - {r.uuid for r in report.rejected}
    kept, bad = [], 0
    for entry in payload.audit:
        if entry.interview_uuid not in accepted:
            continue
        data = entry.model_dump()
        if entry_problem(data) is not None:
            bad += 1
            continue
        kept.append(data)
    if kept:
        bundle_log.store_bundle_audit(db, bundle_id, device_id, kept)
    return len(kept), bad
