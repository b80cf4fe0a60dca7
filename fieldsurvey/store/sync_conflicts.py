"""Conflicts a merge kept on the coordinator (``sync_conflicts``): the device's revision
whole, and the fields both sides changed to different values.

The rules (what clashes, how a resolution merges) live in :mod:`fieldsurvey.sync.merge`
and :mod:`fieldsurvey.sync.conflicts`; this module reads and writes the rows.

API:
    Conflict (pydantic); list_conflicts(ws) -> list[Conflict]   (oldest first)
    ConflictRecord; save_conflicts(db, rows); clear_conflicts(db, uuids)
    ConflictState; conflict_state(db, uuid) -> ConflictState | None   (to resolve it)
    ConflictSides; conflict_sides(ws, uuid) -> ConflictSides | None   (to show it)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from pydantic import BaseModel

from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace


class Conflict(BaseModel):
    uuid: str
    device_id: str
    device_name: str
    revision: int
    fields: list[str]
    created: str


class ConflictRecord(NamedTuple):
    """One conflict to keep (replacing an older one on the same interview)."""

    uuid: str
    device_id: str
    bundle_id: str
    revision: int
    record: str  # the device's WireInterview as JSON
    fields: str  # JSON list of the clashing field paths
    created: str


class ConflictState(NamedTuple):
    """What resolving a conflict needs: both sides and their common ancestor."""

    record: str  # the device's WireInterview as JSON
    fields: list[str]
    answers: str  # the coordinator's answers, JSON text
    revision: int  # the coordinator's revision
    ancestor: str | None  # JSON text; None: the record is the device revision last merged


class ConflictSides(NamedTuple):
    """What showing a conflict needs: both sides and where the household is."""

    record: str
    fields: list[str]
    answers: str
    ward: str
    household_id: str


@storage_errors
def list_conflicts(ws: Workspace) -> list[Conflict]:
    """Every open conflict, oldest first, with the name of the laptop it came from."""
    cursor = ws.db.execute(
        "SELECT c.uuid, c.device_id, COALESCE(d.name, c.device_id), c.revision, c.fields, "
        "c.created FROM sync_conflicts c LEFT JOIN sync_devices d ON d.device_id = c.device_id "
        "ORDER BY c.created, c.uuid"
    )
    return [
        Conflict(uuid=u, device_id=d, device_name=n, revision=r, fields=json.loads(f), created=c)
        for u, d, n, r, f, c in cursor
    ]


def save_conflicts(db: Database, rows: Iterable[ConflictRecord]) -> None:
    """Keep these conflicts (inside the caller's transaction)."""
    db.conn.executemany(
        "INSERT INTO sync_conflicts (uuid, device_id, bundle_id, revision, record, fields, "
        "created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uuid) DO UPDATE SET "
        "bundle_id = excluded.bundle_id, revision = excluded.revision, "
        "record = excluded.record, fields = excluded.fields, created = excluded.created",
        rows,
    )


def clear_conflicts(db: Database, uuids: Iterable[str]) -> None:
    """Forget the conflicts on these interviews (settled by a merge or a resolution)."""
    db.conn.executemany("DELETE FROM sync_conflicts WHERE uuid = ?", [[u] for u in uuids])


def conflict_state(db: Database, uuid: str) -> ConflictState | None:
    """Both sides of the conflict on ``uuid`` and their ancestor; None if there is none."""
    row = db.execute(
        "SELECT c.record, c.fields, i.answers, i.revision, s.ancestor FROM sync_conflicts c "
        "JOIN interviews i ON i.uuid = c.uuid LEFT JOIN sync_records s ON s.uuid = c.uuid "
        "WHERE c.uuid = ?",
        [uuid],
    ).fetchone()
    if row is None:
        return None
    return ConflictState(row[0], json.loads(row[1]), row[2], int(row[3]), row[4])


@storage_errors
def conflict_sides(ws: Workspace, uuid: str) -> ConflictSides | None:
    """Both sides of the conflict on ``uuid`` and its household; None if there is none."""
    row = ws.db.execute(
        "SELECT c.record, c.fields, i.answers, i.ward, i.household_id FROM sync_conflicts c "
        "JOIN interviews i ON i.uuid = c.uuid WHERE c.uuid = ?",
        [uuid],
    ).fetchone()
    if row is None:
        return None
    return ConflictSides(row[0], json.loads(row[1]), row[2], row[3], row[4])
