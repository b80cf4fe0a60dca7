"""The coordinator's log of bundles: every accepted bundle (``sync_bundles``), the audit
entries each carried (``sync_audit``) and the security alerts (``sync_alerts``).

The checks themselves (signature, replay, sequence gaps, equivocation) live in
:mod:`fieldsurvey.sync.bundle_checks`; they ask this module what is already held.

API:
    SeenBundle; seen_bundles(ws, device_id, sequence, bundle_id) -> list[SeenBundle]
    last_sequence(ws, device_id) -> int          (0 when none)
    record_bundle(db, *, bundle_id, device_id, sequence, payload_sha256, created,
                  imported, summary)
    store_bundle_audit(db, bundle_id, device_id, entries)
    Alert; record_alert(db, *, kind, device_id, sequence, detail, created, subject=None)
        -> bool                                  (False: that alert was already recorded)
    migrate_alert_once(db)                       (migration 0012: one alert per subject)
    list_alerts(ws) -> list[Alert]               (oldest first)
    last_imported(ws) -> str | None              (ISO time of the last accepted bundle)
    last_bundles(ws) -> dict[device_id, (sequence, imported)]   (per device, the latest)
    SignedHead; audit_head(db, device_id) -> SignedHead | None  (last signed chain head)
    set_audit_head(db, device_id, *, sequence, seq, hash, updated)
    audit_heads(ws) -> list[SignedHead];  received_audit(ws, device_id) -> list[dict]
    device_label(db, device_id) -> str           (its name, or the id if unknown)
    bundle_recorded(db, bundle_id) -> bool       (already accepted: a re-merge, not new)
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace


class SeenBundle(NamedTuple):
    """A bundle already accepted with this (device, sequence) or this bundle id."""

    bundle_id: str
    device_id: str
    sequence: int
    payload_sha256: str


class Alert(NamedTuple):
    """A security alert (``kind`` "equivocation": two bundles with one sequence number)."""

    kind: str
    device_id: str
    sequence: int | None
    detail: str
    created: str


@storage_errors
def seen_bundles(ws: Workspace, device_id: str, sequence: int, bundle_id: str) -> list[SeenBundle]:
    rows = ws.db.execute(
        "SELECT bundle_id, device_id, sequence, payload_sha256 FROM sync_bundles "
        "WHERE (device_id = ? AND sequence = ?) OR bundle_id = ?",
        [device_id, sequence, bundle_id],
    ).fetchall()
    return [SeenBundle(*row) for row in rows]


@storage_errors
def last_sequence(ws: Workspace, device_id: str) -> int:
    """The highest sequence number accepted from ``device_id`` (0 when none)."""
    row = ws.db.execute(
        "SELECT MAX(sequence) FROM sync_bundles WHERE device_id = ?", [device_id]
    ).fetchone()
    return int(row[0] or 0)


def record_bundle(
    db: Database,
    *,
    bundle_id: str,
    device_id: str,
    sequence: int,
    payload_sha256: str,
    created: str,
    imported: str,
    summary: dict[str, int],
) -> None:
    """Record an accepted bundle, inside the transaction that merged it."""
    db.execute(
        "INSERT INTO sync_bundles (bundle_id, device_id, sequence, payload_sha256, created, "
        "imported, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [bundle_id, device_id, sequence, payload_sha256, created, imported, json.dumps(summary)],
    )


def store_bundle_audit(
    db: Database, bundle_id: str, device_id: str, entries: list[dict[str, Any]], *, part: int = 0
) -> None:
    """Keep (checked) audit entries a bundle carried: one row per ``part``, the batches
    a bundle is merged in (``sync_audit_parts``)."""
    db.execute(
        "INSERT INTO sync_audit (bundle_id, part, device_id, count, entries) "
        "VALUES (?, ?, ?, ?, ?)",
        [bundle_id, part, device_id, len(entries), json.dumps(entries, ensure_ascii=False)],
    )


def migrate_sync_audit_parts(db: Database) -> None:
    """Migration 0014: a bundle's audit entries are kept in parts, one per batch of the
    merge, so a large bundle never has to be held whole (``(bundle_id, part)`` is the key)."""
    db.execute(
        """CREATE TABLE sync_audit_parts (
            bundle_id TEXT NOT NULL,
            part INTEGER NOT NULL,
            device_id TEXT NOT NULL,
            count INTEGER NOT NULL,
            entries TEXT NOT NULL,
            PRIMARY KEY (bundle_id, part)
        )"""
    )
    db.execute(
        "INSERT INTO sync_audit_parts (bundle_id, part, device_id, count, entries) "
        "SELECT bundle_id, 0, device_id, count, entries FROM sync_audit"
    )
    db.execute("DROP TABLE sync_audit")
    db.execute("ALTER TABLE sync_audit_parts RENAME TO sync_audit")


def record_alert(
    db: Database,
    *,
    kind: str,
    device_id: str,
    sequence: int | None,
    detail: str,
    created: str,
    subject: str | None = None,
) -> bool:
    """Record a security alert, once: an alert of the same kind, device, sequence and
    ``subject`` (what it is about, e.g. the bundle id and payload hash of an equivocating
    bundle) is not recorded again, however often that bundle is re-imported. Without a
    subject every call records a row. Returns whether a row was added."""
    cursor = db.execute(
        "INSERT INTO sync_alerts (kind, device_id, sequence, detail, created, subject) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [kind, device_id, sequence, detail, created, subject],
    )
    return bool(cursor.rowcount)


def migrate_alert_once(db: Database) -> None:
    """0012: what an alert is about (``subject``), unique with its kind, device and
    sequence, so that re-importing an equivocating bundle adds no second alert (rows
    without a subject, e.g. those recorded before, are never duplicates: NULLs differ)."""
    db.execute("ALTER TABLE sync_alerts ADD COLUMN subject TEXT")
    db.execute(
        "CREATE UNIQUE INDEX idx_sync_alerts_once "
        "ON sync_alerts (kind, device_id, IFNULL(sequence, -1), subject)"
    )


@storage_errors
def list_alerts(ws: Workspace) -> list[Alert]:
    cursor = ws.db.execute(
        "SELECT kind, device_id, sequence, detail, created FROM sync_alerts ORDER BY id"
    )
    return [Alert(*row) for row in cursor]


@storage_errors
def last_imported(ws: Workspace) -> str | None:
    """When the last bundle was accepted (ISO text as stored), or None: no bundle yet,
    or a workspace without the sync tables."""
    if not ws.db["sync_bundles"].exists():
        return None
    row = ws.db.execute("SELECT max(imported) FROM sync_bundles").fetchone()
    return str(row[0]) if row and row[0] else None


class SignedHead(NamedTuple):
    """A device's last signed audit chain head and the bundle sequence that carried it."""

    device_id: str
    sequence: int
    seq: int
    hash: str


def audit_head(db: Database, device_id: str) -> SignedHead | None:
    """The device's last signed chain head (None before its first bundle)."""
    row = db.execute(
        "SELECT device_id, sequence, seq, hash FROM sync_audit_heads WHERE device_id = ?",
        [device_id],
    ).fetchone()
    return None if row is None else SignedHead(str(row[0]), int(row[1]), int(row[2]), str(row[3]))


def set_audit_head(
    db: Database, device_id: str, *, sequence: int, seq: int, hash: str, updated: str
) -> None:
    """Keep the head a bundle carried (inside the transaction that merged it)."""
    db.execute(
        "INSERT INTO sync_audit_heads (device_id, sequence, seq, hash, updated) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET "
        "sequence = excluded.sequence, seq = excluded.seq, hash = excluded.hash, "
        "updated = excluded.updated",
        [device_id, sequence, seq, hash, updated],
    )


@storage_errors
def audit_heads(ws: Workspace) -> list[SignedHead]:
    """Every device's last signed head, by device id."""
    cursor = ws.db.execute(
        "SELECT device_id, sequence, seq, hash FROM sync_audit_heads ORDER BY device_id"
    )
    return [SignedHead(str(d), int(q), int(s), str(h)) for d, q, s, h in cursor]


@storage_errors
def received_audit(ws: Workspace, device_id: str) -> list[dict[str, Any]]:
    """Every audit entry received from ``device_id``, all bundles together, by seq."""
    cursor = ws.db.execute("SELECT entries FROM sync_audit WHERE device_id = ?", [device_id])
    entries = [entry for (text,) in cursor for entry in json.loads(text)]
    return sorted(entries, key=lambda e: int(e["seq"]))


def device_label(db: Database, device_id: str) -> str:
    """The device's name for a message (its id when not registered)."""
    row = db.execute("SELECT name FROM sync_devices WHERE device_id = ?", [device_id]).fetchone()
    return device_id if row is None else str(row[0])


def bundle_recorded(db: Database, bundle_id: str) -> bool:
    """Whether this bundle was accepted before (its records merged again later, e.g. out
    of the quarantine, are not a new bundle)."""
    row = db.execute("SELECT 1 FROM sync_bundles WHERE bundle_id = ?", [bundle_id]).fetchone()
    return row is not None


@storage_errors
def last_bundles(ws: Workspace) -> dict[str, tuple[int, str]]:
    """Per device id: the highest sequence accepted and when its last bundle was imported."""
    rows = ws.db.execute(
        "SELECT device_id, MAX(sequence), MAX(imported) FROM sync_bundles GROUP BY device_id"
    ).fetchall()
    return {str(device): (int(sequence), str(imported)) for device, sequence, imported in rows}
