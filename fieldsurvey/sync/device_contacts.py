"""Per laptop, the coordinator's last contact with it and the path it came over: the
shared folder, the inbox server, or a USB stick (a folder import), from what each path
remembers (``folder_state``, ``inbox_log``, ``bundle_log``).

:func:`device_contacts` reads the store: call it off the UI thread (the TaskRunner).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from fieldsurvey.store import bundle_log, folder_state, inbox_log
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.devices import list_devices

Over = Literal["folder", "server", "usb"]


@dataclass
class DeviceContactRow:
    device: str
    active: bool
    # the last time the laptop reached the coordinator (a bundle in, a receipt fetched)
    last_contact: str | None = None
    over: Over | None = None
    # the highest bundle number merged from it (0: none yet)
    last_sequence: int = 0
    # the last receipt that went out to it (written into the folder or fetched)
    last_receipt: str | None = None
    receipt_over: Over | None = None


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _latest(candidates: list[tuple[str | None, Over]]) -> tuple[str | None, Over | None]:
    """The newest moment and its path; on a tie (times are to the second) the later
    candidate wins: callers list the path of the newest bundle last."""
    best: tuple[datetime, str, Over] | None = None
    for text, over in candidates:
        moment = _moment(text)
        if moment is not None and text is not None and (best is None or moment >= best[0]):
            best = (moment, text, over)
    return (best[1], best[2]) if best else (None, None)


def device_contacts(ws: Workspace) -> list[DeviceContactRow]:
    """Every laptop issued, with its last contact and path (None: never heard from)."""
    with ws.reading():
        devices = list_devices(ws)
        merged = bundle_log.last_bundles(ws)
        inbox = {c.device_id: c for c in inbox_log.contacts(ws)}
        files = list(folder_state.file_rows(ws).values())
        receipts = {r.device_id: r.written for r in folder_state.receipts_written(ws)}
    folder_seq: dict[str, int] = {}
    folder_at: dict[str, str] = {}
    for row in files:
        if row.outcome != "accepted" or not row.device or not row.handled:
            continue
        folder_seq[row.device] = max(folder_seq.get(row.device, 0), row.sequence or 0)
        latest, _ = _latest([(row.handled, "folder"), (folder_at.get(row.device), "folder")])
        if latest is not None:
            folder_at[row.device] = latest
    rows = []
    for device in devices:
        key = device.device_id
        sequence, imported = merged.get(key, (0, None))
        contact = inbox.get(key)
        candidates: list[tuple[str | None, Over]] = [(folder_at.get(key), "folder")]
        if contact is not None:
            candidates.append((contact.last_contact, "server"))
        by_network = max(folder_seq.get(key, 0), (contact.last_sequence or 0) if contact else 0)
        if sequence and sequence > by_network:  # the newest bundle came another way
            candidates.append((imported, "usb"))
        last, over = _latest(candidates)
        fetched = contact.last_receipt_at if contact else None
        receipt, receipt_over = _latest([(receipts.get(key), "folder"), (fetched, "server")])
        rows.append(
            DeviceContactRow(
                device=device.name,
                active=device.active,
                last_contact=last,
                over=over,
                last_sequence=sequence,
                last_receipt=receipt,
                receipt_over=receipt_over,
            )
        )
    return sorted(rows, key=lambda r: r.device)
