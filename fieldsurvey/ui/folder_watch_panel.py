"""The coordinator's "Network" tab (issue 17, part 3): the shared sync folder watched on a
timer, the last look at it in one line, and per laptop the last contact and its path.

When a sync folder is set, a QTimer asks the TaskRunner for one
:meth:`FolderWatcher.scan` every :data:`WATCH_MS`; a tick while a scan still runs is
skipped. Bundles imported by a scan are announced through ``TaskRunner.changed`` like a
USB import, so the other tabs read their lists again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.changes import Changes
from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import sync_folder
from fieldsurvey.sync.device_contacts import DeviceContactRow, Over, device_contacts
from fieldsurvey.sync.folder_watch import DEFAULT_SETTLE_SECONDS, FolderWatcher, ScanReport

from fieldsurvey.ui.context_table import local_time
from fieldsurvey.ui.errors import message_text, show_inline_or_dialog
from fieldsurvey.ui.row_table_model import Column, RowTableModel
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.widgets import message_label, table_view

# How often the folder is looked at (milliseconds).
WATCH_MS = 30 * 1000


@dataclass
class ScanDone:
    report: ScanReport
    at: datetime
    changes: Changes


def _scan_changes(report: ScanReport) -> Changes:
    uuids = [
        uuid
        for event in report.imported
        if event.report is not None and event.report.merge is not None
        for uuid in (
            *event.report.merge.new,
            *event.report.merge.updated,
            *event.report.merge.conflicting,
        )
    ]
    return Changes(interviews=uuids)


class FolderWatchPanel(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        acting: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.acting = acting
        self.folder = ""
        self.scanning = False
        # ticks skipped because the previous scan was still running
        self.skipped = 0
        self.watcher: FolderWatcher | None = None
        # seconds a file must stay unchanged before it is read (the watcher's default)
        self.settle_seconds = DEFAULT_SETTLE_SECONDS
        self.last: ScanDone | None = None
        self.last_error = ""
        runner.changed.connect(self._on_changed)
        self.folder_label = QLabel()
        self.folder_edit = QLineEdit()
        self.folder_label.setBuddy(self.folder_edit)
        self.folder_edit.editingFinished.connect(self._folder_edited)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.ask_folder)
        self.scan_button = QPushButton()
        self.scan_button.clicked.connect(self.scan)
        self.status = message_label()
        self.result = message_label()
        self.contacts_heading = QLabel()
        self.model: RowTableModel[DeviceContactRow] = RowTableModel(
            [
                Column(lambda: self.tr("Laptop"), lambda r: r.device),
                Column(
                    lambda: self.tr("Last contact"),
                    lambda r: self._when(r.last_contact),
                    sort_key=lambda r: r.last_contact or "",
                ),
                Column(lambda: self.tr("Over"), lambda r: self._over(r.over)),
                Column(lambda: self.tr("Last bundle number"), lambda r: r.last_sequence or ""),
                Column(
                    lambda: self.tr("Last receipt"),
                    self._receipt_text,
                    sort_key=lambda r: r.last_receipt or "",
                ),
                Column(
                    lambda: self.tr("State"),
                    lambda r: self.tr("active") if r.active else self.tr("revoked"),
                ),
            ]
        )
        self.view = table_view()
        self.view.setModel(self.model)
        self.timer = QTimer(self)
        self.timer.setInterval(WATCH_MS)
        self.timer.timeout.connect(self.tick)

        row = QHBoxLayout()
        row.addWidget(self.folder_label)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        row.addWidget(self.scan_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.result)
        layout.addWidget(self.contacts_heading)
        layout.addWidget(self.view, 1)
        self.retranslate()
        self.refresh()

    # --- texts ----------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Network")

    def retranslate(self) -> None:
        self.folder_label.setText(self.tr("Shared sync &folder:"))
        self.folder_edit.setPlaceholderText(
            self.tr("The folder the laptops send into (Google Drive, Dropbox, a network share…)")
        )
        self.browse_button.setText(self.tr("&Browse…"))
        self.scan_button.setText(self.tr("&Look now"))
        self.contacts_heading.setText(
            self.tr("Last contact with each laptop, and the way its work came:")
        )
        self.model.retranslate()
        self._show_status()
        tabs = self.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        if tabs is not None and tabs.indexOf(self) >= 0:
            tabs.setTabText(tabs.indexOf(self), self.title())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _over(self, value: Over | None) -> str:
        if value == "folder":
            return self.tr("shared folder")
        if value == "server":
            return self.tr("inbox server")
        if value == "usb":
            return self.tr("USB or folder import")
        return ""

    def _when(self, value: str | None) -> str:
        return local_time(value) if value else self.tr("never")

    def _receipt_text(self, row: DeviceContactRow) -> str:
        if not row.last_receipt:
            return self.tr("never")
        return f"{local_time(row.last_receipt)} ({self._over(row.receipt_over)})"

    def report_line(self, done: ScanDone) -> str:
        """The last look at the folder, in one line."""
        report = done.report
        parts = []
        accepted = [e for e in report.imported if e not in report.refused]
        if accepted:
            parts.append(self.tr("%1 bundle(s) imported").replace("%1", str(len(accepted))))
        if report.refused:
            names = ", ".join(e.name for e in report.refused)
            parts.append(
                self.tr("%1 refused (%2)")
                .replace("%1", str(len(report.refused)))
                .replace("%2", names)
            )
        waiting = len(report.waiting) + report.in_transfer
        if waiting:
            parts.append(self.tr("%1 file(s) still arriving").replace("%1", str(waiting)))
        copies = sum(1 for e in report.events if e.kind == "copy")
        if copies:
            parts.append(
                self.tr("%1 copy(ies) of files already handled").replace("%1", str(copies))
            )
        if report.receipts:
            parts.append(self.tr("%1 receipt(s) written").replace("%1", str(len(report.receipts))))
        what = ", ".join(parts) if parts else self.tr("nothing new")
        return (
            self.tr("Last look at %1: %2.")
            .replace("%1", done.at.astimezone().strftime("%H:%M:%S"))
            .replace("%2", what)
        )

    def _show_status(self) -> None:
        if not self.folder:
            self.status.setText(
                self.tr(
                    "No shared folder is set: bundles come by USB stick (Import bundles) or "
                    "through the inbox server."
                )
            )
        elif self.last_error:
            self.status.setText(
                self.tr("The folder cannot be read now: %1. Looking again every %2 seconds.")
                .replace("%1", self.last_error)
                .replace("%2", str(WATCH_MS // 1000))
            )
        elif self.last is not None:
            self.status.setText(self.report_line(self.last))
        else:
            self.status.setText(
                self.tr("Watching the folder every %1 seconds.").replace(
                    "%1", str(WATCH_MS // 1000)
                )
            )
        self.scan_button.setEnabled(bool(self.folder))

    # --- state ----------------------------------------------------------------------
    def _on_changed(self, changes: Changes | None) -> None:
        if changes is None or changes.interviews:
            self.refresh()

    def refresh(self) -> None:
        ws = self.workspace

        def read(progress: object, cancel: object) -> tuple[str, list[DeviceContactRow]]:
            folder = ws.get_setting(sync_folder.FOLDER_SETTING)
            return (folder if isinstance(folder, str) else ""), device_contacts(ws)

        self.runner.run(read, on_success=self._loaded, write=False)

    def _loaded(self, found: tuple[str, list[DeviceContactRow]]) -> None:
        folder, rows = found
        if folder != self.folder:
            self.folder, self.watcher, self.last, self.last_error = folder, None, None, ""
            first = not self.timer.isActive() and bool(folder)
            if folder:
                self.timer.start()
            else:
                self.timer.stop()
            if first:
                self.scan()
        if not self.folder_edit.hasFocus():
            self.folder_edit.setText(folder)
        self.model.set_rows(rows)
        self._show_status()

    def ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Shared sync folder"))
        if folder:
            self.folder_edit.setText(folder)
            self.set_folder(folder)

    def _folder_edited(self) -> None:
        if self.folder_edit.text().strip() != self.folder:
            self.set_folder(self.folder_edit.text().strip())

    def set_folder(self, text: str) -> None:
        ws = self.workspace

        def work(progress: object, cancel: object) -> None:
            if text:
                sync_folder.set_folder(ws, Path(text))
            else:
                ws.set_setting(sync_folder.FOLDER_SETTING, "")

        def failed(exc: BaseException) -> None:
            show_inline_or_dialog(self, self.result, exc)

        self.result.clear()
        self.runner.run(work, on_success=lambda _r: self.refresh(), on_failure=failed)

    # --- watching -------------------------------------------------------------------
    def tick(self) -> None:
        """The timer: one scan, unless the last one still runs."""
        if self.scanning:
            self.skipped += 1
            return
        self.scan()

    def scan(self) -> None:
        if self.scanning or not self.folder:
            return
        ws = self.workspace
        if self.watcher is None:
            self.watcher = FolderWatcher(ws, Path(self.folder), settle_seconds=self.settle_seconds)
        watcher = self.watcher
        acting = self.acting
        self.scanning = True
        self.scan_button.setEnabled(False)

        def work(progress: object, cancel: object) -> ScanDone:
            watcher.who = acting()
            report = watcher.scan()
            return ScanDone(report, datetime.now().astimezone(), _scan_changes(report))

        self.runner.run(work, on_success=self._scanned, on_failure=self._scan_failed)

    def _scanned(self, done: ScanDone) -> None:
        self.scanning = False
        self.last, self.last_error = done, ""
        self._show_status()
        if done.report.imported or done.report.receipts:
            self.refresh()

    def _scan_failed(self, exc: BaseException) -> None:
        self.scanning = False
        if isinstance(exc, FieldSurveyError):  # the share went away: keep watching
            self.last_error = message_text(exc)
            self._show_status()
            return
        self._show_status()
        show_inline_or_dialog(self, self.result, exc)
