"""The coordinator's merged records: what it holds of each laptop's interviews, and the
bulk writes of a merge.

A merged record without a ``sync_records`` row *is* the device revision last merged;
the first coordinator edit snapshots that state into a row (trigger ``sync_snapshot``,
:mod:`fieldsurvey.store.sync_schema`). The merge rules themselves live in
:mod:`fieldsurvey.sync.merge`; this module only reads and writes, in bulk.

Storing a received interview with the status ``exported`` (``MERGED_STATUS``: received
from the laptop) is a sync write, not a lifecycle transition: the record is the
laptop's, and the laptop's lifecycle already let it out.

API:
    WIRE_COLUMNS                         columns a bundle carries (answers last)
    MERGED_STATUS                        "exported"
    HeldRecord; held_records(db, uuids) -> dict[uuid, HeldRecord]
    ReceivedUpdate, Ancestor             rows of the bulk writes
    INSERT_COLUMNS                       a new record's row (WIRE_COLUMNS + person_keys.KEY_COLUMNS)
    MergeWrites; apply_merge(db, writes) (in bulk, in the order that matters: new records
                                         several per INSERT, database.insert_rows)
    keep_ancestors(db, rows)             the device revision as the new common ancestor
    store_resolution(db, uuid, *, answers, revision, updated, ancestor)
    merged_records(db) -> Iterator[dict]  every received record, WIRE_COLUMNS, streamed
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from fieldsurvey.store.database import insert_rows
from fieldsurvey.store.person_keys import KEEP_SQL, KEY_COLUMNS, UNKNOWN, key_columns_of_text
from fieldsurvey.store.sync_conflicts import ConflictRecord, clear_conflicts, save_conflicts

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database

WIRE_COLUMNS = (
    "uuid", "form_id", "form_version", "ward", "household_id", "respondent", "enumerator",
    "device_id", "status", "created", "updated", "revision", "base_revision", "nonce",
    "answers",
)  # fmt: skip
MERGED_STATUS = "exported"  # on the coordinator: received from the laptop
#: a new record's row: WIRE_COLUMNS, then the respondent as the duplicate check compares
#: it (store/person_keys.py: KEY_COLUMNS)
INSERT_COLUMNS = (*WIRE_COLUMNS, *KEY_COLUMNS)
_INSERT_HEAD = f"INSERT INTO interviews ({', '.join(INSERT_COLUMNS)})"
_BY = WIRE_COLUMNS.index("respondent")


class HeldRecord(NamedTuple):
    """What the coordinator holds of one merged interview."""

    revision: int
    answers: str  # JSON text as stored
    owner: str  # the device the record belongs to
    synced: int  # the device revision last merged
    ancestor: str  # JSON text: the answers of that device revision
    pending: int | None  # revision of a conflict waiting to be resolved


class ReceivedUpdate(NamedTuple):
    """A held record replaced by (or merged with) a newer device revision."""

    form_id: str
    form_version: str
    ward: str
    household_id: str
    respondent: str
    enumerator: str
    status: str
    updated: str
    revision: int
    base_revision: int
    answers: str
    #: the respondent as the duplicate check compares it (person_keys.key_columns)
    person_name: str | None
    person_age: str | None
    person_phone: str | None
    uuid: str


class Ancestor(NamedTuple):
    uuid: str
    device_id: str
    synced_revision: int
    ancestor: str
    bundle_id: str


@dataclass
class MergeWrites:
    """The writes of one merge, gathered first and then made in bulk."""

    #: values in INSERT_COLUMNS order; a row of WIRE_COLUMNS only gets its respondent's
    #: keys worked out from its answers' text here (the merge gives them: it has the
    #: answers parsed)
    inserts: list[list[Any]] = field(default_factory=list)
    updates: list[ReceivedUpdate] = field(default_factory=list)
    records: list[Ancestor] = field(default_factory=list)  # coordinator edits kept
    dropped: list[str] = field(default_factory=list)  # record is the device revision again
    conflicts: list[ConflictRecord] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)  # conflicts settled by this merge


def merged_records(db: Database) -> Iterator[dict[str, Any]]:
    """Every record received from a laptop (not the coordinator's own drafts), as the
    columns a bundle carries, oldest first; streamed (read inside ``ws.reading()``)."""
    cursor = db.execute(
        f"SELECT {', '.join(WIRE_COLUMNS)} FROM interviews WHERE device_id != '' "
        "AND status != 'draft' ORDER BY created, uuid"
    )
    for row in cursor:
        yield dict(zip(WIRE_COLUMNS, row, strict=True))


def held_records(db: Database, uuids: list[str]) -> dict[str, HeldRecord]:
    """What the coordinator holds for these uuids (absent ones are new)."""
    cursor = db.execute(
        "SELECT i.uuid, i.device_id, i.revision, i.answers, s.device_id, s.synced_revision, "
        "s.ancestor, c.revision FROM json_each(?) m JOIN interviews i ON i.uuid = m.value "
        "LEFT JOIN sync_records s ON s.uuid = i.uuid LEFT JOIN sync_conflicts c ON c.uuid = i.uuid",
        [json.dumps(uuids)],
    )
    return {
        row[0]: HeldRecord(
            revision=row[2],
            answers=row[3],
            owner=row[4] if row[4] is not None else row[1],
            synced=row[5] if row[5] is not None else row[2],
            ancestor=row[6] if row[4] is not None else row[3],
            pending=row[7],
        )
        for row in cursor
    }


def apply_merge(db: Database, writes: MergeWrites) -> None:
    """Make the writes of a merge inside the caller's transaction."""
    conn = db.conn
    # several rows per statement: executemany's statement journal per row is half the
    # cost of an insert (store/database.insert_rows)
    inserts = [
        row if len(row) != len(WIRE_COLUMNS) else [*row, *key_columns_of_text(row[_BY], row[-1])]
        for row in writes.inserts
    ]
    insert_rows(db, _INSERT_HEAD, len(INSERT_COLUMNS), inserts)
    conn.executemany(
        "UPDATE interviews SET form_id = ?, form_version = ?, ward = ?, household_id = ?, "
        "respondent = ?, enumerator = ?, status = ?, updated = ?, revision = ?, "
        f"base_revision = ?, answers = ?, {KEEP_SQL} WHERE uuid = ?",
        writes.updates,
    )
    # After the update (which may have fired the snapshot trigger): either the record is
    # the device's revision again (no row), or the coordinator's edits are kept (a row
    # with the device's revision as the new common ancestor).
    conn.executemany("DELETE FROM sync_records WHERE uuid = ?", [[u] for u in writes.dropped])
    keep_ancestors(db, writes.records)
    clear_conflicts(db, writes.cleared)
    save_conflicts(db, writes.conflicts)


def keep_ancestors(db: Database, rows: Iterable[Ancestor]) -> None:
    """Record each device revision as the common ancestor of a later three-way merge."""
    db.conn.executemany(
        "INSERT INTO sync_records (uuid, device_id, synced_revision, ancestor, bundle_id) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(uuid) DO UPDATE SET "
        "synced_revision = excluded.synced_revision, ancestor = excluded.ancestor, "
        "bundle_id = excluded.bundle_id",
        rows,
    )


def store_resolution(
    db: Database, uuid: str, *, answers: str, revision: int, updated: str, ancestor: Ancestor
) -> None:
    """A resolved conflict: the merged ``answers`` (JSON text) as the received record
    (``MERGED_STATUS``), the device revision as the new common ancestor, no conflict."""
    respondent = db.execute("SELECT respondent FROM interviews WHERE uuid = ?", [uuid]).fetchone()
    person = key_columns_of_text(respondent[0], answers) if respondent else UNKNOWN
    db.execute(
        f"UPDATE interviews SET answers = ?, revision = ?, status = ?, updated = ?, {KEEP_SQL} "
        "WHERE uuid = ?",
        [answers, revision, MERGED_STATUS, updated, *person, uuid],
    )
    keep_ancestors(db, [ancestor])
    clear_conflicts(db, [uuid])
