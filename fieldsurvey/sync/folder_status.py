"""What the sync folder did, for ``sync folder status`` and the app: on a laptop, the
bundles sent (when, where) and those waiting to be copied; on the coordinator, per laptop
the last bundle that came through the folder and the last receipt written, and the files
still arriving or refused.

API:
    SentBundle; DeviceContact; FolderStatus; folder_status(ws) -> FolderStatus
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from fieldsurvey.store import folder_state
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.devices import get_device
from fieldsurvey.sync.sync_folder import FOLDER_SETTING, OUTBOX


class SentBundle(BaseModel):
    name: str
    sent: str
    folder: str


class DeviceContact(BaseModel):
    device: str
    last_bundle: str | None = None
    last_bundle_at: str | None = None
    last_receipt: str | None = None
    last_receipt_at: str | None = None


class RefusedFile(BaseModel):
    name: str
    check: str | None = None


class FolderStatus(BaseModel):
    folder: str | None
    #: laptop: bundles copied into the folder (oldest first), and those in its outbox
    sent: list[SentBundle] = Field(default_factory=list)
    pending: list[str] = Field(default_factory=list)
    #: coordinator: per laptop, the last contact through the folder
    devices: list[DeviceContact] = Field(default_factory=list)
    waiting: list[str] = Field(default_factory=list)
    refused: list[RefusedFile] = Field(default_factory=list)


def folder_status(ws: Workspace) -> FolderStatus:
    folder = ws.get_setting(FOLDER_SETTING)
    status = FolderStatus(folder=folder if isinstance(folder, str) else None)
    if ws.role != "coordinator":
        status.sent = [
            SentBundle(name=r.name, sent=r.sent, folder=r.folder)
            for r in folder_state.sent_rows(ws)
        ]
        outbox = Path(ws.home) / OUTBOX
        status.pending = sorted(p.name for p in outbox.glob("*.fsb")) if outbox.is_dir() else []
        return status
    contacts: dict[str, DeviceContact] = {}

    def contact(device_id: str) -> DeviceContact:
        if device_id not in contacts:
            device = get_device(ws, device_id)
            contacts[device_id] = DeviceContact(device=device.name if device else device_id)
        return contacts[device_id]

    for row in sorted(folder_state.file_rows(ws).values(), key=lambda r: r.handled or ""):
        if row.state != "done":
            status.waiting.append(row.name)
        elif row.outcome == "rejected":
            status.refused.append(RefusedFile(name=row.name, check=row.detail))
        elif row.outcome == "accepted" and row.device:
            found = contact(row.device)
            found.last_bundle, found.last_bundle_at = row.name, row.handled
    for receipt in folder_state.receipts_written(ws):
        found = contact(receipt.device_id)
        found.last_receipt, found.last_receipt_at = receipt.name, receipt.written
    status.devices = sorted(contacts.values(), key=lambda c: c.device)
    return status
