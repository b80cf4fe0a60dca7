"""The coordinator's quarantine: received records that failed the checks of
:mod:`fieldsurvey.sync.record_checks`, kept (in the encrypted store) and not merged.

One row per interview uuid, the highest device revision received: the record as it
travelled (its JSON), why (a catalogue code and its params as JSON), the device and the
bundle it came in, the form id and version it claims. ``status`` is ``waiting`` (the
coordinator has not acted; a record whose form version is not installed waits here until
it is) or ``returned`` (sent back to its laptop with ``comment``). The rules (what goes
in, when it is merged) live in :mod:`fieldsurvey.sync.merge` and
:mod:`fieldsurvey.sync.quarantine_actions`; this module reads and writes the rows.

API:
    migrate_quarantine(db)                    (migration "0010_quarantine")
    Quarantined; add(db, record) (keeps the higher revision of a uuid)
    list_records(ws, *, code=None) -> list[Quarantined]   (without the record JSON)
    get(ws, uuid) -> Quarantined | None       (with the record JSON)
    drop(db, uuid) -> bool; release(db, uuid, revision) -> bool (merged: the row goes)
    set_returned(db, uuid, comment, at) -> bool
    returned_for_device(ws, device_id) -> list[(uuid, revision, comment)]
    form_definition(db, form_id, version) -> (hash key, definition) | None
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace

WAITING = "waiting"
RETURNED = "returned"
_COLUMNS = (
    "uuid", "device_id", "bundle_id", "form_id", "form_version", "revision", "code",
    "params", "received", "status", "comment", "returned_at",
)  # fmt: skip


def migrate_quarantine(db: Database) -> None:
    db.execute(
        f"""CREATE TABLE sync_quarantine (
            uuid TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            bundle_id TEXT NOT NULL,
            form_id TEXT NOT NULL,
            form_version TEXT NOT NULL,
            revision INTEGER NOT NULL,
            code TEXT NOT NULL,
            params TEXT NOT NULL DEFAULT '{{}}',
            received TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT '{WAITING}'
                CHECK (status IN ('{WAITING}', '{RETURNED}')),
            comment TEXT NOT NULL DEFAULT '',
            returned_at TEXT,
            record TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_sync_quarantine_form ON sync_quarantine (form_id, form_version)")


class Quarantined(NamedTuple):
    uuid: str
    device_id: str
    bundle_id: str
    form_id: str
    form_version: str
    revision: int
    code: str
    params: str  # JSON object
    received: str
    status: str = WAITING
    comment: str = ""
    returned_at: str | None = None
    record: str = ""  # the WireInterview as JSON ("" in listings)


@storage_errors
def add(db: Database, item: Quarantined) -> None:
    """Keep ``item``; a row already held for its uuid is replaced unless it has a higher
    revision. A replaced row waits again (its comment goes)."""
    names = (*_COLUMNS, "record")
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != "uuid")
    db.execute(
        f"INSERT INTO sync_quarantine ({', '.join(names)}) "
        f"VALUES ({', '.join('?' for _ in names)}) "
        f"ON CONFLICT(uuid) DO UPDATE SET {updates} "
        "WHERE excluded.revision >= sync_quarantine.revision",
        list(item),
    )


@storage_errors
def list_records(ws: Workspace, *, code: str | None = None) -> list[Quarantined]:
    """Every quarantined record (oldest first), its JSON left out."""
    sql = f"SELECT {', '.join(_COLUMNS)}, '' FROM sync_quarantine"
    params: list[str] = []
    if code is not None:
        sql += " WHERE code = ?"
        params.append(code)
    rows = ws.db.execute(sql + " ORDER BY received, uuid", params).fetchall()
    return [Quarantined(*row) for row in rows]


@storage_errors
def get(ws: Workspace, uuid: str) -> Quarantined | None:
    """One quarantined record with its JSON."""
    row = ws.db.execute(
        f"SELECT {', '.join(_COLUMNS)}, record FROM sync_quarantine WHERE uuid = ?", [uuid]
    ).fetchone()
    return None if row is None else Quarantined(*row)


@storage_errors
def find_uuids(ws: Workspace, prefix: str) -> list[str]:
    """The quarantined uuids that start with ``prefix`` (for short ids on the CLI)."""
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = ws.db.execute(
        "SELECT uuid FROM sync_quarantine WHERE uuid LIKE ? ESCAPE '\\' ORDER BY uuid LIMIT 3",
        [pattern],
    ).fetchall()
    return [row[0] for row in rows]


@storage_errors
def drop(db: Database, uuid: str) -> bool:
    """Remove a quarantined record for good; False if there was none."""
    return db.execute("DELETE FROM sync_quarantine WHERE uuid = ?", [uuid]).rowcount > 0


@storage_errors
def release(db: Database, uuid: str, revision: int) -> bool:
    """The record of ``uuid`` (this revision or an older one) was merged: its row goes."""
    cursor = db.execute(
        "DELETE FROM sync_quarantine WHERE uuid = ? AND revision <= ?", [uuid, revision]
    )
    return cursor.rowcount > 0


@storage_errors
def set_returned(db: Database, uuid: str, comment: str, at: str) -> bool:
    """Mark a record returned to its laptop with ``comment``; False if there is none."""
    cursor = db.execute(
        "UPDATE sync_quarantine SET status = ?, comment = ?, returned_at = ? WHERE uuid = ?",
        [RETURNED, comment, at, uuid],
    )
    return cursor.rowcount > 0


@storage_errors
def returned_for_device(ws: Workspace, device_id: str) -> list[tuple[str, int, str]]:
    """(uuid, revision, comment) of the records returned to ``device_id`` (for its receipt)."""
    rows = ws.db.execute(
        "SELECT uuid, revision, comment FROM sync_quarantine "
        "WHERE device_id = ? AND status = ? ORDER BY uuid",
        [device_id, RETURNED],
    ).fetchall()
    return [(row[0], int(row[1]), row[2]) for row in rows]


#: (hash, attachments) of a form version: its attachments (name=sha256, by name) are part
#: of what a compiled form is, and files may be added to a version after it is installed
_FORM_KEY = (
    "SELECT f.hash, (SELECT group_concat(a.name || '=' || a.sha256, '|') FROM "
    "(SELECT name, sha256 FROM form_attachments WHERE form_id = f.form_id "
    "AND version = f.version ORDER BY name) a){more} FROM forms f "
    "WHERE f.form_id = ? AND f.version = ?"
)


def _key(form_id: str, version: str, hash: str, files: str | None) -> str:
    return f"{form_id}@{version}#{hash}" + (f"|{files}" if files else "")


@storage_errors
def form_key(db: Database, form_id: str, version: str) -> str | None:
    """The cache key of an installed form version (its id, version, source hash and
    attachments), without reading its definition; None if it is not installed."""
    row = db.execute(_FORM_KEY.format(more=""), [form_id, version]).fetchone()
    return None if row is None else _key(form_id, version, row[0], row[1])


@storage_errors
def form_definition(db: Database, form_id: str, version: str) -> tuple[str, str] | None:
    """(cache key, definition JSON) of an installed form version, or None."""
    row = db.execute(_FORM_KEY.format(more=", f.definition"), [form_id, version]).fetchone()
    if row is None:
        return None
    return (_key(form_id, version, row[0], row[1]), row[2])


@storage_errors
def held_revisions(db: Database, uuids: list[str]) -> dict[str, int]:
    """uuid -> revision of these records held in the quarantine (one query per batch)."""
    cursor = db.execute(
        "SELECT q.uuid, q.revision FROM json_each(?) x JOIN sync_quarantine q ON q.uuid = x.value",
        [json.dumps(uuids)],
    )
    return {row[0]: int(row[1]) for row in cursor}
