"""The coordinator's register of laptops: public keys, names, revocation.

The rows live in :mod:`fieldsurvey.store.device_registry`; this module keeps the rules
(a name is short, printable and unique; a revoked device stays revoked). Adding a device,
setting its wards and revoking it are recorded in the audit log (actions "device-add",
"device-wards", "device-revoke", the device's name as the field), in the transaction that
makes the change.
"""

from __future__ import annotations

from fieldsurvey.errors import SyncError
from fieldsurvey.store import device_registry
from fieldsurvey.store import entities as entity_store
from fieldsurvey.store.audit import Entry, append_entries
from fieldsurvey.store.device_registry import Device
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import now_utc

MAX_NAME = 64


def check_name(name: str) -> str:
    clean = name.strip()
    if not clean or len(clean) > MAX_NAME or any(ord(c) < 32 for c in clean):
        raise SyncError("sync.data.device_name_invalid", max=MAX_NAME)
    return clean


def add_device(
    ws: Workspace,
    *,
    device_id: str,
    name: str,
    signing_public: str,
    age_recipient: str,
    wards: list[str] | None = None,
    who: str = "coordinator",
) -> Device:
    """Register a new device (inside the caller's transaction, if any), with its
    "device-add" entry in the audit log in the same transaction."""
    name = check_name(name)
    with ws.transaction() as db:
        if device_registry.name_in_use(db, name):
            raise SyncError("sync.data.device_name_taken", name=name)
        device = Device(
            device_id=device_id,
            name=name,
            signing_public=signing_public,
            age_recipient=age_recipient,
            added=now_utc(),
        )
        device_registry.insert_device(db, device)
        if wards:  # its package carries its wards' whole lists
            device_registry.set_device_wards(db, device_id, wards, 0)
        new = {"device_id": device_id, "signing_public": signing_public}
        append_entries(db, [Entry(None, who, "device-add", name, None, new)])
    return device


def get_device(ws: Workspace, device_id: str) -> Device | None:
    return device_registry.find_device(ws, device_id)


def device_by_name(ws: Workspace, name: str) -> Device:
    found = device_registry.find_device_named(ws, name.strip())
    if found is None:
        raise SyncError("sync.data.device_unknown", name=name)
    return found


def list_devices(ws: Workspace) -> list[Device]:
    return device_registry.all_devices(ws)


def check_wards(campaign_wards: list[str], wards: list[str]) -> list[str]:
    """``wards`` cleaned (stripped, once each, in order); SyncError for a ward the
    campaign does not have (a campaign without wards takes any)."""
    clean = list(dict.fromkeys(w.strip() for w in wards if w.strip()))
    unknown = [w for w in clean if campaign_wards and w not in campaign_wards]
    if unknown:
        raise SyncError(
            "sync.data.device_ward_unknown", ward=unknown[0], wards=", ".join(campaign_wards)
        )
    return clean


def wards_of(ws: Workspace, device_id: str, campaign_wards: list[str]) -> list[str]:
    """The wards laptop ``device_id`` works in: its own, else the campaign's (what its
    share of the entity lists is cut by)."""
    return device_registry.device_wards(ws, device_id) or list(campaign_wards)


def set_wards(
    ws: Workspace,
    name: str,
    wards: list[str],
    campaign_wards: list[str],
    *,
    who: str = "coordinator",
) -> Device:
    """Set the wards laptop ``name`` works in (empty: all the campaign's); its next receipt
    brings the entities of its new wards and tells it to drop the others'. Recorded in
    the audit log ("device-wards")."""
    device = device_by_name(ws, name)
    clean = check_wards(campaign_wards, wards)
    with ws.transaction() as db:
        # one past the newest change: the laptop gets its wards' whole lists until it
        # has applied a receipt made after this
        seq = entity_store.last_change(db) + 1
        device_registry.set_device_wards(db, device.device_id, clean, seq)
        new = {"device_id": device.device_id, "wards": clean}
        append_entries(db, [Entry(None, who, "device-wards", device.name, None, new)])
    return device


def revoke_device(ws: Workspace, name: str, *, who: str = "coordinator") -> Device:
    """Revoke a device: its bundles are refused from now on, whenever they were signed.
    The "device-revoke" audit entry is written in the same transaction."""
    device = device_by_name(ws, name)
    if device.revoked is not None:
        return device
    revoked = now_utc()
    with ws.transaction() as db:
        device_registry.set_revoked(db, device.device_id, revoked)
        new = {"device_id": device.device_id, "revoked": revoked}
        append_entries(db, [Entry(None, who, "device-revoke", device.name, None, new)])
    return device.model_copy(update={"revoked": revoked})
