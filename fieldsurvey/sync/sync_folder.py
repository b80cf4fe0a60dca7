"""A shared folder as the transport of bundles and receipts (issue 17, part 1).

A Google Drive, OneDrive, Dropbox or Syncthing folder the system keeps in sync, or a
network share. The transport carries no trust: bundles and receipts are signed and
encrypted end to end and every file still goes through the import's checks. Layout
(docs/sync-folder.md)::

    <folder>/inbox/                       laptops write bundles: fieldsurvey-<device>-<seq>.fsb
    <folder>/receipts/<device-id>/        the coordinator writes each laptop's receipts (.fsr)

The laptop side is here (:func:`send`); the coordinator's watcher is
:mod:`fieldsurvey.sync.folder_watch`. A laptop seals its bundles into the workspace's
``outbox`` first, so a bundle made while the folder is out of reach is sent next time.

API:
    FOLDER_SETTING; Layout; open_layout(path, *, create=True) -> Layout
    set_folder(ws, path) -> Layout; folder_of(ws) -> Path
    ReceiptOutcome; SendReport; send(ws, *, folder=None, who="export") -> SendReport
    read_receipts(ws, layout, device_id) -> list[ReceiptOutcome]
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from fieldsurvey.errors import FieldSurveyError, ReceiptError, SyncError
from fieldsurvey.store import folder_state
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format
from fieldsurvey.sync.bundle_writer import ExportResult, export_bundle
from fieldsurvey.sync.campaign import device_config_of, now_utc
from fieldsurvey.sync.folder_files import TEMP_PREFIX, is_candidate, wholeness, write_into
from fieldsurvey.sync.receipts import ReceiptReport, import_receipt

FOLDER_SETTING = "sync.folder"
INBOX = "inbox"
RECEIPTS = "receipts"
OUTBOX = "outbox"
#: Bundles sealed in one send at most (each holds what fits the size cap).
MAX_BUNDLES_PER_SEND = 50


class Layout(NamedTuple):
    root: Path
    inbox: Path
    receipts: Path

    def receipts_of(self, device_id: str) -> Path:
        return self.receipts / device_id


def open_layout(path: Path, *, create: bool = True, probe: bool = True) -> Layout:
    """The folder's layout, its sub-folders created (``create``) and writing tried once
    (``probe``: an empty file under a temporary name, removed at once; a watcher probes
    on its first scan only, so the sync client is not kept busy). SyncError (one line,
    both languages) when the folder is missing, not a folder, or cannot be written to."""
    root = Path(path).expanduser()
    if not root.exists():
        raise SyncError("folder.missing", path=str(root))
    if not root.is_dir():
        raise SyncError("folder.not_a_folder", path=str(root))
    layout = Layout(root, root / INBOX, root / RECEIPTS)
    if not create:
        return layout
    probe_file = layout.inbox / f"{TEMP_PREFIX}probe"
    try:
        layout.inbox.mkdir(exist_ok=True)
        layout.receipts.mkdir(exist_ok=True)
        if probe:
            probe_file.write_bytes(b"")
            probe_file.unlink()
    except OSError as exc:
        with contextlib.suppress(OSError):
            probe_file.unlink()
        raise SyncError(
            "folder.not_writable", path=str(root), detail=exc.strerror or str(exc)
        ) from exc
    return layout


def set_folder(ws: Workspace, path: Path) -> Layout:
    """Remember ``path`` as this workspace's sync folder (checked and laid out first)."""
    layout = open_layout(Path(path).expanduser().resolve())
    ws.set_setting(FOLDER_SETTING, str(layout.root))
    return layout


def folder_of(ws: Workspace) -> Path:
    """The sync folder set with :func:`set_folder` (SyncError ``folder.not_set``)."""
    value = ws.get_setting(FOLDER_SETTING)
    if not isinstance(value, str) or not value:
        raise SyncError("folder.not_set")
    return Path(value)


class ReceiptOutcome(BaseModel):
    """What became of one receipt file in the laptop's sub-folder."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    name: str
    status: Literal["applied", "already-imported", "waiting", "refused"]
    report: ReceiptReport | None = None
    error: FieldSurveyError | None = Field(default=None, exclude=True, repr=False)


class SendReport(BaseModel):
    folder: Path
    #: bundles sealed by this send (an empty list: nothing new to send)
    exported: list[ExportResult] = Field(default_factory=list)
    #: bundle files copied into the folder's inbox (sealed now or left from before)
    delivered: list[str] = Field(default_factory=list)
    receipts: list[ReceiptOutcome] = Field(default_factory=list)


def send(ws: Workspace, *, folder: Path | None = None, who: str = "export") -> SendReport:
    """Laptop: seal what is new, copy every bundle not yet delivered into the inbox, then
    apply the receipts waiting in this laptop's sub-folder. Checks the folder before
    sealing anything, so a bundle is never made for an unreachable folder."""
    config = device_config_of(ws)
    layout = open_layout(folder if folder is not None else folder_of(ws))
    outbox = ws.home / OUTBOX
    outbox.mkdir(exist_ok=True)
    result = SendReport(folder=layout.root)
    for _ in range(MAX_BUNDLES_PER_SEND):
        exported = export_bundle(ws, outbox, who=who)
        if exported.path is None:
            break
        result.exported.append(exported)
        if not exported.remaining:
            break
    result.delivered = _deliver(ws, layout, outbox)
    result.receipts = read_receipts(ws, layout, config.device_id)
    return result


def _deliver(ws: Workspace, layout: Layout, outbox: Path) -> list[str]:
    """Copy the outbox's bundles into the inbox (atomically), record them, and remove
    them from the outbox once recorded."""
    delivered = []
    for path in sorted(outbox.glob("*.fsb")):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        try:
            write_into(layout.inbox, path.name, data)
        except FileExistsError:
            there = layout.inbox / path.name
            same = there.is_file() and hashlib.sha256(there.read_bytes()).hexdigest() == digest
            if not same:
                raise SyncError("folder.name_taken", name=path.name) from None
        except OSError as exc:
            raise SyncError(
                "folder.not_writable", path=str(layout.root), detail=exc.strerror or str(exc)
            ) from exc
        with ws.transaction() as db:
            folder_state.record_sent(
                db, folder_state.SentRow(path.name, digest, now_utc(), str(layout.root))
            )
        path.unlink()
        delivered.append(path.name)
    return delivered


def read_receipts(ws: Workspace, layout: Layout, device_id: str) -> list[ReceiptOutcome]:
    """Apply the receipts in this laptop's sub-folder, oldest first (names sort by time).
    One still being copied waits for the next send; a bad one is reported, not applied."""
    folder = layout.receipts_of(device_id)
    if not folder.is_dir():
        return []
    outcomes = []
    for path in sorted(p for p in folder.iterdir() if is_candidate(p.name, ".fsr")):
        try:
            data = bundle_format.read_limited(path)
        except bundle_format.ContainerFormatError as exc:
            outcomes.append(ReceiptOutcome(name=path.name, status="refused", error=exc))
            continue
        if wholeness(data, bundle_format.RECEIPT_MAGIC).state == "incomplete":
            outcomes.append(ReceiptOutcome(name=path.name, status="waiting"))
            continue
        try:
            report = import_receipt(ws, data)
        except ReceiptError as exc:
            outcomes.append(ReceiptOutcome(name=path.name, status="refused", error=exc))
            continue
        outcomes.append(ReceiptOutcome(name=path.name, status=report.status, report=report))
    return outcomes
