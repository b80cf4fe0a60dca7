"""What the coordinator's inbox server remembers of each laptop (issue 17, part 2): the
last time it merged a bundle of it (and its sequence number) and the last time it gave
it a receipt, for "last contact, and over which path" per device.

The rules (who is authenticated, when a bundle counts as merged) live in
:mod:`fieldsurvey.sync.inbox_server`; this module reads and writes the rows.

Table (migration 0025): ``inbox_contacts``, one row per device id.

API:
    migrate_inbox_contacts(db)                              (migration 0025)
    record_bundle(db, device_id, *, sequence, at)           (a bundle merged, or merged before)
    record_receipt(db, device_id, *, at)                    (a receipt handed out)
    Contact; contacts(ws) -> list[Contact]                  (by device id)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace


def migrate_inbox_contacts(db: Database) -> None:
    """Migration 0025: the inbox server's last contact with each laptop."""
    db.execute(
        """CREATE TABLE inbox_contacts (
            device_id TEXT PRIMARY KEY,
            last_contact TEXT NOT NULL,
            last_sequence INTEGER,
            last_bundle_at TEXT,
            last_receipt_at TEXT
        )"""
    )


class Contact(NamedTuple):
    device_id: str
    last_contact: str
    last_sequence: int | None
    last_bundle_at: str | None
    last_receipt_at: str | None


def record_bundle(db: Database, device_id: str, *, sequence: int, at: str) -> None:
    """A bundle of ``device_id`` came in through the inbox (the highest sequence is kept)."""
    db.execute(
        "INSERT INTO inbox_contacts (device_id, last_contact, last_sequence, last_bundle_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET "
        "last_contact = excluded.last_contact, last_bundle_at = excluded.last_bundle_at, "
        "last_sequence = MAX(COALESCE(last_sequence, 0), excluded.last_sequence)",
        [device_id, at, sequence, at],
    )


def record_receipt(db: Database, device_id: str, *, at: str) -> None:
    """``device_id`` fetched its receipt through the inbox."""
    db.execute(
        "INSERT INTO inbox_contacts (device_id, last_contact, last_receipt_at) "
        "VALUES (?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET "
        "last_contact = excluded.last_contact, last_receipt_at = excluded.last_receipt_at",
        [device_id, at, at],
    )


@storage_errors
def contacts(ws: Workspace) -> list[Contact]:
    rows = ws.db.execute(
        "SELECT device_id, last_contact, last_sequence, last_bundle_at, last_receipt_at "
        "FROM inbox_contacts ORDER BY device_id"
    ).fetchall()
    return [Contact(*row) for row in rows]
