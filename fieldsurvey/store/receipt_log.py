"""Receipts and what follows them: the coordinator's view of what it merged from a
laptop, the laptop's log of receipts applied (``sync_receipts``), and the purge of the
answers of acknowledged interviews.

The rules (exact revisions only, what the lifecycle allows, what is purged) live in
:mod:`fieldsurvey.sync.receipts` and :mod:`fieldsurvey.sync.purge`; status changes go
through :mod:`fieldsurvey.store.interviews`. This module reads and writes the rows.

API:
    MergedRecord; merged_from_device(ws, device_id) -> list[MergedRecord]  (coordinator)
    receipt_applied(ws, receipt_id) -> bool
    InterviewState; interview_state(db, uuid) -> InterviewState | None
    record_receipt(db, *, receipt_id, imported, summary)
    acknowledged_content(db) -> list[(uuid, has content)]
    erase_content(db, uuids)                  (answers, respondent name, entity actions)
    secure_delete(ws); checkpoint(ws)         (overwrite freed pages; truncate the WAL)
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, NamedTuple

import sqlcipher3

from fieldsurvey.store.database import storage_errors
from fieldsurvey.store.person_keys import KEEP_SQL, key_columns

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace


class MergedRecord(NamedTuple):
    """A record merged from a laptop, as a receipt reports it."""

    uuid: str
    revision: int  # the device revision last merged
    status: str
    comment: str


class InterviewState(NamedTuple):
    revision: int
    status: str
    empty: bool  # no answers (e.g. purged)


@storage_errors
def merged_from_device(ws: Workspace, device_id: str) -> list[MergedRecord]:
    """Every record merged from ``device_id`` without an open conflict, by uuid."""
    # The device revision last merged: the snapshot's if the coordinator edited the
    # record since, else the record's own (see sync_schema.migrate_sync_snapshots).
    rows = ws.db.execute(
        "SELECT i.uuid, COALESCE(s.synced_revision, i.revision), i.status, i.comment "
        "FROM interviews i LEFT JOIN sync_records s ON s.uuid = i.uuid "
        "LEFT JOIN sync_conflicts c ON c.uuid = i.uuid "
        "WHERE COALESCE(s.device_id, i.device_id) = ? AND c.uuid IS NULL ORDER BY i.uuid",
        [device_id],
    ).fetchall()
    return [MergedRecord(*row) for row in rows]


@storage_errors
def receipt_applied(ws: Workspace, receipt_id: str) -> bool:
    row = ws.db.execute("SELECT 1 FROM sync_receipts WHERE receipt_id = ?", [receipt_id])
    return row.fetchone() is not None


def interview_state(db: Database, uuid: str) -> InterviewState | None:
    """Revision and status of ``uuid`` now, and whether its answers are empty."""
    row = db.execute(
        "SELECT revision, status, answers = '{}' FROM interviews WHERE uuid = ?", [uuid]
    ).fetchone()
    return None if row is None else InterviewState(int(row[0]), str(row[1]), bool(row[2]))


def record_receipt(db: Database, *, receipt_id: str, imported: str, summary: bytes) -> None:
    """Remember an applied receipt (``summary``: canonical JSON of its counts)."""
    db.execute(
        "INSERT INTO sync_receipts (receipt_id, imported, summary) VALUES (?, ?, ?)",
        [receipt_id, imported, summary],
    )


def acknowledged_content(db: Database) -> list[tuple[str, bool]]:
    """(uuid, whether answers, a respondent name or entity actions (which copy answers)
    are left) of acknowledged interviews."""
    rows = db.execute(
        "SELECT uuid, answers != '{}' OR respondent != '' OR entity_actions != '[]' "
        "FROM interviews "
        "WHERE status = 'acknowledged'"
    ).fetchall()
    return [(str(uuid), bool(has_content)) for uuid, has_content in rows]


def erase_content(db: Database, uuids: list[str]) -> None:
    """Empty the answers, respondent name and entity actions of these interviews (the rows
    stay; the entities they made stay in the lists)."""
    erased = key_columns("", {})  # no name, no age: no part in the duplicate check
    db.conn.executemany(
        "UPDATE interviews SET answers = '{}', respondent = '', entity_actions = '[]', "
        f"{KEEP_SQL} WHERE uuid = ?",
        [[*erased, u] for u in uuids],
    )


@storage_errors
def secure_delete(ws: Workspace) -> None:
    """From now on SQLite overwrites the space it frees on this connection."""
    ws.db.execute("PRAGMA secure_delete = ON")


def checkpoint(ws: Workspace) -> None:
    """Best effort: copy the write-ahead log into the database and truncate it. The WAL
    is encrypted like the database and is checkpointed later anyway; a statement still
    open on this connection makes SQLite refuse it (SQLITE_LOCKED)."""
    with contextlib.suppress(sqlcipher3.dbapi2.OperationalError):
        ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
