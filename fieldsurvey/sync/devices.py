"""The coordinator's register of laptops: public keys, names, revocation."""

from __future__ import annotations

from pydantic import BaseModel

from fieldsurvey.errors import SyncError
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import now_utc

MAX_NAME = 64
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


def _rows(ws: Workspace, where: str = "", params: list[str] | None = None) -> list[Device]:
    cursor = ws.db.execute(f"SELECT {_COLUMNS} FROM sync_devices {where}", params or [])
    names = [d[0] for d in cursor.description]
    return [Device(**dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def check_name(name: str) -> str:
    clean = name.strip()
    if not clean or len(clean) > MAX_NAME or any(ord(c) < 32 for c in clean):
        raise SyncError(f"A device name must be 1 to {MAX_NAME} printable characters.")
    return clean


def add_device(
    ws: Workspace, *, device_id: str, name: str, signing_public: str, age_recipient: str
) -> Device:
    """Register a new device (inside the caller's transaction, if any)."""
    name = check_name(name)
    with ws.transaction() as db:
        if db.execute("SELECT 1 FROM sync_devices WHERE name = ?", [name]).fetchone():
            raise SyncError(f"A device named {name!r} already exists; choose another name.")
        device = Device(
            device_id=device_id,
            name=name,
            signing_public=signing_public,
            age_recipient=age_recipient,
            added=now_utc(),
        )
        db.execute(
            f"INSERT INTO sync_devices ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
            [device.device_id, name, signing_public, age_recipient, device.added, None],
        )
    return device


def get_device(ws: Workspace, device_id: str) -> Device | None:
    found = _rows(ws, "WHERE device_id = ?", [device_id])
    return found[0] if found else None


def device_by_name(ws: Workspace, name: str) -> Device:
    found = _rows(ws, "WHERE name = ?", [name.strip()])
    if not found:
        raise SyncError(f"No device named {name!r}. `fieldsurvey device list` shows them.")
    return found[0]


def list_devices(ws: Workspace) -> list[Device]:
    return _rows(ws, "ORDER BY added, name")


def revoke_device(ws: Workspace, name: str) -> Device:
    """Revoke a device: its bundles are refused from now on, whenever they were signed."""
    device = device_by_name(ws, name)
    if device.revoked is not None:
        return device
    revoked = now_utc()
    with ws.transaction() as db:
        db.execute(
            "UPDATE sync_devices SET revoked = ? WHERE device_id = ?", [revoked, device.device_id]
        )
    return device.model_copy(update={"revoked": revoked})
