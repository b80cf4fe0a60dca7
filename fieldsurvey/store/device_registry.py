"""The coordinator's register of laptops (``sync_devices``): public keys, names,
revocation; and which form versions each laptop's merged interviews use.

The rules (valid names, unique names, what revocation means for bundles) live in
:mod:`fieldsurvey.sync.devices`; this module reads and writes the rows.

API:
    Device (pydantic; ``active``)
    find_device(ws, device_id) -> Device | None
    find_device_named(ws, name) -> Device | None
    all_devices(ws) -> list[Device]             (in the order they were added)
    name_in_use(db, name) -> bool; insert_device(db, device); set_revoked(db, device_id, when)
    FormVersionCount; form_version_counts(ws) -> list[FormVersionCount]
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

from pydantic import BaseModel

from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace

_COLUMNS = "device_id, name, signing_public, age_recipient, added, revoked"


class Device(BaseModel):
    device_id: str
    name: str
    signing_public: str
    age_recipient: str
    added: str
    revoked: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None


class FormVersionCount(NamedTuple):
    """How many merged interviews of one laptop use one form version, and the latest."""

    device_name: str
    form_id: str
    form_version: str
    interviews: int
    last_update: str


def _devices(ws: Workspace, where: str = "", params: list[str] | None = None) -> list[Device]:
    cursor = ws.db.execute(f"SELECT {_COLUMNS} FROM sync_devices {where}", params or [])
    names = [d[0] for d in cursor.description]
    return [Device(**dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


@storage_errors
def find_device(ws: Workspace, device_id: str) -> Device | None:
    found = _devices(ws, "WHERE device_id = ?", [device_id])
    return found[0] if found else None


@storage_errors
def find_device_named(ws: Workspace, name: str) -> Device | None:
    found = _devices(ws, "WHERE name = ?", [name])
    return found[0] if found else None


@storage_errors
def all_devices(ws: Workspace) -> list[Device]:
    return _devices(ws, "ORDER BY added, name")


def name_in_use(db: Database, name: str) -> bool:
    return db.execute("SELECT 1 FROM sync_devices WHERE name = ?", [name]).fetchone() is not None


def insert_device(db: Database, device: Device) -> None:
    """Register ``device`` (inside the caller's transaction)."""
    db.execute(
        f"INSERT INTO sync_devices ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        [
            device.device_id, device.name, device.signing_public, device.age_recipient,
            device.added, device.revoked,
        ],
    )  # fmt: skip


def migrate_device_wards(db: Database) -> None:
    """Migration 0026: the wards a laptop works in (JSON list; empty: the campaign's) and
    the entity change number they were set at (a laptop that has not reached it yet is
    sent its wards' whole lists, not only what changed since its last receipt)."""
    db.execute("ALTER TABLE sync_devices ADD COLUMN wards TEXT NOT NULL DEFAULT '[]'")
    db.execute("ALTER TABLE sync_devices ADD COLUMN wards_seq INTEGER NOT NULL DEFAULT 0")


@storage_errors
def device_wards(ws: Workspace, device_id: str) -> list[str]:
    """The wards laptop ``device_id`` works in; empty: every ward of the campaign."""
    row = ws.db.execute("SELECT wards FROM sync_devices WHERE device_id = ?", [device_id])
    found = row.fetchone()
    return [str(w) for w in json.loads(found[0])] if found else []


def set_device_wards(db: Database, device_id: str, wards: list[str], seq: int) -> None:
    """Set the wards of laptop ``device_id`` at entity change number ``seq`` (inside the
    caller's transaction)."""
    db.execute(
        "UPDATE sync_devices SET wards = ?, wards_seq = ? WHERE device_id = ?",
        [json.dumps(wards, ensure_ascii=False), seq, device_id],
    )


def device_wards_seq(db: Database, device_id: str) -> int:
    """The entity change number laptop ``device_id``'s wards were last set at (0: never)."""
    row = db.execute("SELECT wards_seq FROM sync_devices WHERE device_id = ?", [device_id])
    found = row.fetchone()
    return int(found[0]) if found else 0


def set_revoked(db: Database, device_id: str, revoked: str) -> None:
    db.execute("UPDATE sync_devices SET revoked = ? WHERE device_id = ?", [revoked, device_id])


@storage_errors
def form_version_counts(ws: Workspace) -> list[FormVersionCount]:
    """One row per laptop and form version among the merged interviews (by laptop name,
    form, then newest first)."""
    rows = ws.db.execute(
        "SELECT COALESCE(d.name, i.device_id), i.form_id, i.form_version, count(*), "
        "max(i.updated) FROM interviews i LEFT JOIN sync_devices d ON d.device_id = i.device_id "
        "WHERE i.device_id != '' GROUP BY i.device_id, i.form_id, i.form_version "
        "ORDER BY 1, 2, 5 DESC"
    ).fetchall()
    return [FormVersionCount(*row) for row in rows]
