"""The coordinator's side of the sync folder: scan the inbox, import each whole bundle
once, write the laptops' receipts back (issue 17, part 1; docs/sync-folder.md).

A file is looked at only once it is *stable*: the same size and modification time over
two scans at least ``settle_seconds`` apart (remembered in the workspace, so scans from
separate ``watch --once`` runs count too). A stable file shorter than its signed header
says is a sync client still copying: it waits (``incomplete``), and is imported when it
grows whole. A whole file goes through :func:`bundle_import.import_bytes`, the USB import;
its outcome is remembered by the SHA-256 of its bytes, so a sync client that re-writes it,
or a copy under another name (``… (1).fsb``), is not imported or reported again; a
refused (tampered) file is reported once and not retried until its bytes change.

Qt-free: the app can hold one :class:`FolderWatcher` and call :meth:`FolderWatcher.scan`
from its task runner on a timer (it opens no window and blocks only for the imports).

API:
    FolderEvent; ScanReport; FolderWatcher(ws, folder=None, *, settle_seconds, ...)
    FolderWatcher.scan() -> ScanReport
    write_receipts(ws, layout, device_ids=None) -> list[WrittenReceipt]
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from fieldsurvey.errors import SyncError
from fieldsurvey.store import folder_state
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format
from fieldsurvey.sync.bundle_import import FileReport, import_bytes
from fieldsurvey.sync.campaign import now_utc
from fieldsurvey.sync.canonical_json import dumps
from fieldsurvey.sync.devices import get_device, list_devices
from fieldsurvey.sync.folder_files import is_candidate, is_sync_temp, wholeness, write_into
from fieldsurvey.sync.receipts import build_receipt
from fieldsurvey.sync.sync_folder import Layout, folder_of, open_layout

#: Seconds a file's size and time must stay the same before it is read.
DEFAULT_SETTLE_SECONDS = 10.0
#: Seconds between two checks of every laptop's receipt (after an import: at once).
DEFAULT_RECEIPT_SECONDS = 300.0
#: Receipts kept per laptop (each holds everything merged so far; older ones go).
KEEP_RECEIPTS = 2
RECEIPT_PREFIX = "fieldsurvey-receipt-"


class FolderEvent(BaseModel):
    """What happened to one inbox file in a scan (only changes are reported)."""

    name: str
    kind: Literal["imported", "incomplete", "copy"]
    #: the import's report (``imported``: accepted, already imported, or refused)
    report: FileReport | None = None
    #: ``copy``: the first file with the same bytes; ``incomplete``: bytes so far, expected
    original: str | None = None
    size: int | None = None
    expected: int | None = None


class WrittenReceipt(BaseModel):
    device: str
    name: str


class ScanReport(BaseModel):
    folder: Path
    events: list[FolderEvent] = Field(default_factory=list)
    #: files still being written (changing, not yet stable, or incomplete)
    waiting: list[str] = Field(default_factory=list)
    #: names a sync client uses while copying (``*.tmp``, ``.syncthing.*`` …)
    in_transfer: int = 0
    receipts: list[WrittenReceipt] = Field(default_factory=list)

    @property
    def imported(self) -> list[FolderEvent]:
        return [e for e in self.events if e.kind == "imported"]

    @property
    def refused(self) -> list[FolderEvent]:
        return [e for e in self.imported if e.report and e.report.status == "rejected"]


class FolderWatcher:
    """Scans one sync folder for one coordinator workspace; :meth:`scan` is one look."""

    def __init__(
        self,
        ws: Workspace,
        folder: Path | None = None,
        *,
        settle_seconds: float = DEFAULT_SETTLE_SECONDS,
        receipt_seconds: float = DEFAULT_RECEIPT_SECONDS,
        clock: Callable[[], float] = time.time,
        who: str = "coordinator",
    ) -> None:
        self.ws = ws
        self.folder = folder
        self.settle_seconds = settle_seconds
        self.receipt_seconds = receipt_seconds
        self.clock = clock
        self.who = who
        self._probed = False
        self._receipts_checked: float | None = None
        self._receipts_deferred: float | None = None

    def scan(self) -> ScanReport:
        """Look at the inbox once: import what became whole and stable, then write the
        receipts of the laptops whose bundles were accepted (every laptop's, when their
        content changed, at most every ``receipt_seconds``)."""
        folder = self.folder if self.folder is not None else folder_of(self.ws)
        layout = open_layout(folder, probe=not self._probed)
        self._probed = True
        now = self.clock()
        result = ScanReport(folder=layout.root)
        present: dict[str, os.stat_result] = {}
        try:
            with os.scandir(layout.inbox) as entries:
                for entry in entries:
                    if is_sync_temp(entry.name):
                        result.in_transfer += 1
                    elif is_candidate(entry.name, ".fsb"):
                        with contextlib.suppress(OSError):  # gone meanwhile
                            present[entry.name] = entry.stat()
        except OSError as exc:  # the share went away between two looks
            raise SyncError("folder.missing", path=str(layout.root)) from exc
        rows = folder_state.file_rows(self.ws)
        gone = [name for name in rows if name not in present]
        if gone:
            with self.ws.transaction() as db:
                folder_state.forget_files(db, gone)
        touched: set[str] = set()
        for name in sorted(present):
            st = present[name]
            row = rows.get(name)
            if row is None or (row.size, row.mtime_ns) != (st.st_size, st.st_mtime_ns):
                with self.ws.transaction() as db:
                    folder_state.observe(db, name, st.st_size, st.st_mtime_ns, now)
                result.waiting.append(name)
                continue
            if row.state == "done":
                continue
            if now - row.observed < self.settle_seconds:
                result.waiting.append(name)
                continue
            self._handle(layout.inbox / name, row, result, touched)
        check_all = (
            self._receipts_checked is None or now - self._receipts_checked >= self.receipt_seconds
        )
        if check_all and self._arriving(result):  # a bundle may be merged in a moment:
            self._receipts_deferred = self._receipts_deferred or now  # one receipt then
            check_all = now - self._receipts_deferred >= self.receipt_seconds
        if check_all:
            self._receipts_checked, self._receipts_deferred = now, None
        if touched or check_all:
            result.receipts = write_receipts(self.ws, layout, None if check_all else touched)
        return result

    def _arriving(self, result: ScanReport) -> bool:
        """Files still changing or settling (not those stalled incomplete)."""
        rows = folder_state.file_rows(self.ws)
        return any(rows[n].state == "waiting" for n in result.waiting if n in rows)

    def _handle(
        self, path: Path, row: folder_state.FileRow, result: ScanReport, touched: set[str]
    ) -> None:
        name = path.name
        try:
            data = bundle_format.read_limited(path)
        except bundle_format.ContainerFormatError as exc:
            if exc.code == "sync.container.cannot_read":  # locked by the sync client
                result.waiting.append(name)
                return
            report = FileReport(
                file=name, status="rejected", check=exc.check, code=exc.code,
                reason=str(exc), error=exc,
            )  # fmt: skip
            self._finish(name, None, report, None, result)
            return
        try:
            st = path.stat()
        except OSError:
            result.waiting.append(name)
            return
        if (st.st_size, st.st_mtime_ns) != (row.size, row.mtime_ns) or len(data) != row.size:
            with self.ws.transaction() as db:  # changed while it was read
                folder_state.observe(db, name, st.st_size, st.st_mtime_ns, self.clock())
            result.waiting.append(name)
            return
        digest = hashlib.sha256(data).hexdigest()
        known = folder_state.content_outcome(self.ws, digest)
        if known is not None:  # re-written (same name: its outcome stays) or a copy
            same = known.first_name == name
            with self.ws.transaction() as db:
                folder_state.finish_file(
                    db, name, sha256=digest,
                    outcome=known.outcome if same else "copy",
                    detail=known.detail if same else known.first_name,
                    device=known.device, sequence=known.sequence,
                    handled=known.handled if same else now_utc(),
                )  # fmt: skip
            if not same:
                result.events.append(FolderEvent(name=name, kind="copy", original=known.first_name))
            return
        whole = wholeness(data, bundle_format.BUNDLE_MAGIC, self._signer)
        if whole.state == "incomplete":
            if row.state != "incomplete":
                result.events.append(
                    FolderEvent(
                        name=name, kind="incomplete", size=whole.size, expected=whole.expected
                    )
                )
            with self.ws.transaction() as db:
                folder_state.set_state(db, name, "incomplete", f"{whole.size}/{whole.expected}")
            result.waiting.append(name)
            return
        report = import_bytes(self.ws, data, name, who=self.who)
        self._finish(name, digest, report, whole.device, result)
        if report.status == "accepted" and whole.device:
            touched.add(whole.device)

    def _signer(self, device_id: str) -> str | None:
        device = get_device(self.ws, device_id)
        return None if device is None else device.signing_public

    def _finish(
        self,
        name: str,
        digest: str | None,
        report: FileReport,
        device_id: str | None,
        result: ScanReport,
    ) -> None:
        detail = report.check if report.status == "rejected" else None  # the check's name
        stamp = now_utc()
        with self.ws.transaction() as db:
            folder_state.finish_file(
                db, name, sha256=digest, outcome=report.status, detail=detail,
                device=device_id, sequence=report.sequence, handled=stamp,
            )  # fmt: skip
            if digest is not None:
                folder_state.record_content(
                    db,
                    folder_state.ContentRow(
                        digest, report.status, detail, device_id, report.sequence, name, stamp
                    ),
                )
        result.events.append(FolderEvent(name=name, kind="imported", report=report))


def _receipt_name() -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{RECEIPT_PREFIX}{stamp}.fsr"


def write_receipts(
    ws: Workspace, layout: Layout, device_ids: Iterable[str] | None = None
) -> list[WrittenReceipt]:
    """Write a receipt into ``receipts/<device-id>/`` for each active laptop (or those of
    ``device_ids``) whose receipt would differ from the last one written; keeps the
    newest :data:`KEEP_RECEIPTS` there (each receipt holds everything merged so far)."""
    if device_ids is None:
        devices = [d for d in list_devices(ws) if d.active]
    else:
        found = (get_device(ws, device_id) for device_id in sorted(set(device_ids)))
        devices = [d for d in found if d is not None and d.active]
    written = []
    for device in devices:
        data, payload = build_receipt(ws, device.name)
        body = payload.model_dump(mode="json", exclude={"receipt"})
        digest = hashlib.sha256(dumps(body)).hexdigest()
        if digest == folder_state.receipt_digest(ws, device.device_id):
            continue
        folder = layout.receipts_of(device.device_id)
        name = _receipt_name()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_into(folder, name, data)
        except OSError as exc:
            raise SyncError(
                "folder.not_writable", path=str(layout.root), detail=exc.strerror or str(exc)
            ) from exc
        with ws.transaction() as db:
            folder_state.record_receipt_written(
                db, device.device_id, digest=digest, name=name, written=now_utc()
            )
        _prune(folder)
        written.append(WrittenReceipt(device=device.name, name=name))
    return written


def _prune(folder: Path) -> None:
    ours = sorted(
        p for p in folder.iterdir() if p.name.startswith(RECEIPT_PREFIX) and p.suffix == ".fsr"
    )
    for old in ours[:-KEEP_RECEIPTS]:
        with contextlib.suppress(OSError):
            old.unlink()
