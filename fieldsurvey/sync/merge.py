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
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlite_utils import Database

from fieldsurvey.store.audit import Entry, append_entries, entry_problem
from fieldsurvey.sync import three_way
from fieldsurvey.sync.bundle_payload import BundlePayload, WireInterview

MERGED_STATUS = "exported"  # on the coordinator: received from the laptop
_INSERT_COLUMNS = (*(c for c in WireInterview.model_fields if c != "answers"), "answers")
_STATUS_AT = _INSERT_COLUMNS.index("status")


class Rejected(BaseModel):
    uuid: str
    reason: str


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


def _held(db: Database, uuids: list[str]) -> dict[str, dict[str, Any]]:
    """What the coordinator holds for these uuids.

    Without a ``sync_records`` row the record is exactly the device revision last
    merged (owner ``device_id``, synced revision ``revision``, ancestor = answers); the
    first coordinator edit snapshots that state into a row (trigger ``sync_snapshot``).
    """
    cursor = db.execute(
        "SELECT i.uuid, i.device_id, i.revision, i.answers, s.device_id, s.synced_revision, "
        "s.ancestor, c.revision FROM json_each(?) m JOIN interviews i ON i.uuid = m.value "
        "LEFT JOIN sync_records s ON s.uuid = i.uuid LEFT JOIN sync_conflicts c ON c.uuid = i.uuid",
        [json.dumps(uuids)],
    )
    return {
        row[0]: {
            "revision": row[2],
            "answers": row[3],
            "owner": row[4] if row[4] is not None else row[1],
            "synced": row[5] if row[5] is not None else row[2],
            "ancestor": row[6] if row[4] is not None else row[3],
            "pending": row[7],
        }
        for row in cursor
    }


class _Plan:
    """The writes a merge will make, gathered first and then done in bulk."""

    def __init__(self) -> None:
        self.inserts: list[list[Any]] = []
        self.updates: list[list[Any]] = []
        self.records: list[list[Any]] = []  # coordinator edits kept: new ancestor
        self.dropped: list[list[Any]] = []  # record is the device revision again
        self.conflicts: list[list[Any]] = []
        self.cleared: list[list[Any]] = []
        self.audit: list[Entry] = []


def merge_payload(
    db: Database, payload: BundlePayload, *, device_id: str, bundle_id: str, who: str
) -> MergeReport:
    """Apply ``payload`` (already verified and bound to ``device_id``) to ``db``."""
    report = MergeReport()
    held = _held(db, [i.uuid for i in payload.interviews])
    plan = _Plan()
    seen: set[str] = set()
    now = _now()
    for item in payload.interviews:
        uuid = item.uuid
        if uuid in seen:
            report.rejected.append(Rejected(uuid=uuid, reason="appears twice in the bundle"))
            continue
        seen.add(uuid)
        if item.device_id != device_id:
            report.rejected.append(Rejected(uuid=uuid, reason="says it was made on another device"))
            continue
        row = held.get(uuid)
        if row is None:
            values = [getattr(item, c) for c in _INSERT_COLUMNS[:-1]] + [_text(item.answers)]
            values[_STATUS_AT] = MERGED_STATUS
            plan.inserts.append(values)
            report.new.append(uuid)
            continue
        if row["owner"] != device_id:
            report.rejected.append(Rejected(uuid=uuid, reason="belongs to another device"))
            continue
        _merge_held(item, row, plan, report, bundle_id=bundle_id, who=who, now=now)
    if report.new:  # one entry for the bulk of a bundle; changes get one each
        plan.audit.append(
            Entry(None, who, "merge-new", None, None, {"bundle": bundle_id, "new": report.new})
        )
    _write(db, plan)
    report.audit_entries, report.audit_rejected = _store_audit(
        db, payload, device_id, bundle_id, report
    )
    append_entries(db, plan.audit)
    return report


def _merge_held(
    item: WireInterview,
    row: dict[str, Any],
    plan: _Plan,
    report: MergeReport,
    *,
    bundle_id: str,
    who: str,
    now: str,
) -> None:
    uuid = item.uuid
    synced = int(row["synced"])
    if item.revision < synced or (row["pending"] is not None and item.revision <= row["pending"]):
        report.unchanged.append(uuid)
        return
    current = json.loads(row["answers"])
    ancestor = json.loads(row["ancestor"])
    before = {"revision": row["revision"]}
    if item.revision == synced:
        if item.answers == ancestor:
            report.unchanged.append(uuid)
            return
        flat = three_way.flatten
        fields = sorted("/".join(p) for p in three_way.changed(flat(ancestor), flat(item.answers)))
    elif ancestor == current:  # the coordinator has not changed it: take the device's
        plan.updates.append(_update_row(item, item.answers, item.revision, now))
        plan.dropped.append([uuid])
        plan.cleared.append([uuid])
        plan.audit.append(Entry(uuid, who, "merge", None, before, {"revision": item.revision}))
        report.updated.append(uuid)
        return
    else:
        merged, fields = three_way.merge(ancestor, current, item.answers)
        if merged is not None:
            revision = max(int(row["revision"]), item.revision) + 1
            plan.updates.append(_update_row(item, merged, revision, now))
            ancestor_text = _text(item.answers)
            plan.records.append([uuid, item.device_id, item.revision, ancestor_text, bundle_id])
            plan.cleared.append([uuid])
            after = {"revision": revision, "device_revision": item.revision}
            plan.audit.append(Entry(uuid, who, "merge", None, before, after))
            report.updated.append(uuid)
            return
    record = item.model_dump_json()
    plan.conflicts.append(
        [uuid, item.device_id, bundle_id, item.revision, record, json.dumps(fields), now]
    )
    plan.audit.append(Entry(uuid, who, "conflict", None, None, {"fields": fields}))
    report.conflicting.append(uuid)


def _update_row(item: WireInterview, answers: dict[str, Any], revision: int, now: str) -> list[Any]:
    return [
        item.form_id, item.form_version, item.ward, item.household_id, item.respondent,
        item.enumerator, MERGED_STATUS, item.updated, revision, item.base_revision,
        _text(answers), item.uuid,
    ]  # fmt: skip


def keep_ancestor(db: Database, rows: list[list[Any]]) -> None:
    """Rows ``[uuid, device_id, synced_revision, ancestor answers text, bundle_id]``."""
    db.conn.executemany(
        "INSERT INTO sync_records (uuid, device_id, synced_revision, ancestor, bundle_id) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(uuid) DO UPDATE SET "
        "synced_revision = excluded.synced_revision, ancestor = excluded.ancestor, "
        "bundle_id = excluded.bundle_id",
        rows,
    )


def _write(db: Database, plan: _Plan) -> None:
    conn = db.conn
    conn.executemany(
        f"INSERT INTO interviews ({', '.join(_INSERT_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_INSERT_COLUMNS))})",
        plan.inserts,
    )
    conn.executemany(
        "UPDATE interviews SET form_id = ?, form_version = ?, ward = ?, household_id = ?, "
        "respondent = ?, enumerator = ?, status = ?, updated = ?, revision = ?, "
        "base_revision = ?, answers = ? WHERE uuid = ?",
        plan.updates,
    )
    # After the update (which may have fired the snapshot trigger): either the record is
    # the device's revision again (no row), or the coordinator's edits are kept (a row
    # with the device's revision as the new common ancestor).
    conn.executemany("DELETE FROM sync_records WHERE uuid = ?", plan.dropped)
    keep_ancestor(db, plan.records)
    conn.executemany("DELETE FROM sync_conflicts WHERE uuid = ?", plan.cleared)
    conn.executemany(
        "INSERT INTO sync_conflicts (uuid, device_id, bundle_id, revision, record, fields, "
        "created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uuid) DO UPDATE SET "
        "bundle_id = excluded.bundle_id, revision = excluded.revision, "
        "record = excluded.record, fields = excluded.fields, created = excluded.created",
        plan.conflicts,
    )


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
        db.execute(
            "INSERT INTO sync_audit (bundle_id, device_id, count, entries) VALUES (?, ?, ?, ?)",
            [bundle_id, device_id, len(kept), json.dumps(kept, ensure_ascii=False)],
        )
    return len(kept), bad
