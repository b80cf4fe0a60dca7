"""Coordinator tools: import bundles, devices, conflicts, duplicates, forms.

The page reloads its lists (in one read transaction, off the UI thread) whenever a write
anywhere in the app changes interviews or forms (``TaskRunner.changed``).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.changes import Changes
from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.forms.answer_labels import installed_specs
from fieldsurvey.forms.installed import InstalledFile, install_form_file
from fieldsurvey.progress import CancelToken, Progress, ProgressCallback, report
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_import import FileReport, bundle_files, import_files
from fieldsurvey.sync.campaign import campaign_of
from fieldsurvey.sync.conflict_detail import ConflictRow, conflict_rows
from fieldsurvey.sync.device_forms import DeviceFormVersion, form_versions_by_device
from fieldsurvey.sync.device_package import new_passphrase
from fieldsurvey.sync.devices import Device, list_devices, revoke_device
from fieldsurvey.sync.duplicates import DuplicateGroup, all_duplicates
from fieldsurvey.sync.enrolment import issue_device_to_file
from fieldsurvey.sync.quarantine_actions import RecheckReport, recheck
from fieldsurvey.sync.quarantine_detail import QuarantineRow, quarantine_rows
from fieldsurvey.sync.receipts import ReceiptPayload, write_receipt

from fieldsurvey.ui.conflicts_tab import ConflictsTab, Specs
from fieldsurvey.ui.context_table import local_time
from fieldsurvey.ui.durations_tab import DurationsTab
from fieldsurvey.ui.entities_tab import EntitiesTab
from fieldsurvey.ui.errors import show_error, show_inline_or_dialog
from fieldsurvey.ui.folder_watch_panel import FolderWatchPanel
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.laptop_password_dialog import (
    LaptopPasswordDialog,
    LaptopPasswordReset,
    reset_laptop_password,
)
from fieldsurvey.ui.quarantine_tab import QuarantineTab
from fieldsurvey.ui.row_table_model import Column, RowTableModel
from fieldsurvey.ui.shared_duplicates import SharedDuplicates
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.when_shown import WhenShown
from fieldsurvey.ui.widgets import message_label, table_view

T = TypeVar("T")
_Loaded = tuple[
    list[Device],
    list[ConflictRow],
    list[forms_store.FormInfo],
    list[QuarantineRow],
    Specs,
    list[str],
]


def refusal_text(r: FileReport) -> str:
    """Why a bundle was refused, in the app's language (the refusal's coded error)."""
    return r.reason_text(translations.language)


def import_changes(reports: list[FileReport]) -> Changes:
    """The interviews an import added, updated or put in conflict."""
    uuids = [
        uuid
        for r in reports
        if r.merge is not None
        for uuid in (*r.merge.new, *r.merge.updated, *r.merge.conflicting)
    ]
    return Changes(interviews=uuids)


class CoordinatorPage(QWidget):
    def __init__(self, workspace: Workspace, runner: TaskRunner, who: str | None = None) -> None:
        """``who``: the name written into the audit log (default: the workspace's
        acting person, looked up off the UI thread)."""
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self.who = who
        # the possible duplicates, read once for this page and the Entities tab; it hears
        # of changes before this page and the tab do (connected first)
        self.shared_duplicates = SharedDuplicates(runner, self)
        runner.changed.connect(self._on_changed)
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        # Import.
        self.import_folder_button = QPushButton()
        self.import_folder_button.clicked.connect(self.ask_import_folder)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.import_result = message_label()
        self.report_model: RowTableModel[FileReport] = RowTableModel(
            [
                Column(lambda: self.tr("File"), lambda r: Path(r.file).name),
                Column(lambda: self.tr("Result"), self._status_text),
                Column(lambda: self.tr("What changed"), self._file_result),
            ]
        )
        self.report_view = table_view()
        self.report_view.setModel(self.report_model)
        self.import_tab = self._tab(
            [self.import_folder_button, self.cancel_button],
            self.progress,
            self.import_result,
            self.report_view,
        )

        # Devices.
        self.issue_button = QPushButton()
        self.revoke_button = QPushButton()
        self.receipt_button = QPushButton()
        self.password_button = QPushButton()
        self.password_button.clicked.connect(self.ask_reset_password)
        self.issue_button.clicked.connect(self.ask_issue)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.receipt_button.clicked.connect(self.ask_receipt)
        self.campaign_wards: list[str] = []  # read with the lists (refresh)
        self.devices_result = message_label()
        self.devices_model: RowTableModel[Device] = RowTableModel(
            [
                Column(lambda: self.tr("Laptop"), lambda d: d.name),
                Column(
                    lambda: self.tr("Issued"),
                    lambda d: local_time(d.added),
                    sort_key=lambda d: d.added,
                ),
                Column(
                    lambda: self.tr("State"),
                    lambda d: self.tr("active") if d.active else self.tr("revoked"),
                ),
            ]
        )
        self.devices_view = table_view()
        self.devices_view.setModel(self.devices_model)
        self.devices_view.selectionModel().selectionChanged.connect(self._enable_device_actions)
        self.devices_tab = self._tab(
            [self.issue_button, self.revoke_button, self.receipt_button, self.password_button],
            self.devices_result,
            self.devices_view,
        )

        # Conflicts.
        self.conflicts_tab = ConflictsTab(workspace, runner, self._acting)
        self.conflicts_model = self.conflicts_tab.model
        self.conflicts_view = self.conflicts_tab.view
        self.detail_model = self.conflicts_tab.detail_model
        self.keep_button = self.conflicts_tab.keep_button
        self.take_button = self.conflicts_tab.take_button
        self.conflicts_result = self.conflicts_tab.result

        # Duplicates.
        self.duplicates_model: RowTableModel[DuplicateGroup] = RowTableModel(
            [
                Column(lambda: self.tr("Rule"), lambda g: g.rule),
                Column(lambda: self.tr("Key"), lambda g: g.key),
                Column(lambda: self.tr("Interviews"), lambda g: len(g.uuids)),
                Column(lambda: self.tr("Laptops"), lambda g: ", ".join(g.devices)),
            ]
        )
        self.duplicates_view = table_view()
        self.duplicates_view.setModel(self.duplicates_model)
        self.duplicates_result = message_label()
        self.duplicates_tab = self._tab([], self.duplicates_result, self.duplicates_view)
        self.duplicates_reading = False
        self.duplicates_reader = WhenShown(self.duplicates_tab, self._read_duplicates)

        # Forms.
        self.publish_button = QPushButton()
        self.publish_button.clicked.connect(self.ask_publish)
        self.forms_result = message_label()
        self.forms_model: RowTableModel[forms_store.FormInfo] = RowTableModel(
            [
                Column(lambda: self.tr("Form"), lambda f: f.form_id),
                Column(lambda: self.tr("Version"), lambda f: f.version),
                Column(
                    lambda: self.tr("Published"),
                    lambda f: local_time(f.added),
                    sort_key=lambda f: f.added,
                ),
            ]
        )
        self.forms_view = table_view()
        self.forms_view.setModel(self.forms_model)
        self.in_use_heading = QLabel()
        self.in_use_model: RowTableModel[DeviceFormVersion] = RowTableModel(
            [
                Column(lambda: self.tr("Laptop"), lambda v: v.device_name),
                Column(lambda: self.tr("Form"), lambda v: v.form_id),
                Column(lambda: self.tr("Version"), lambda v: v.form_version),
                Column(lambda: self.tr("Interviews"), lambda v: v.interviews),
                Column(
                    lambda: self.tr("Last change"),
                    lambda v: local_time(v.last_update),
                    sort_key=lambda v: v.last_update,
                ),
            ]
        )
        self.in_use_view = table_view()
        self.in_use_view.setModel(self.in_use_model)
        self.forms_tab = self._tab(
            [self.publish_button],
            self.forms_result,
            self.forms_view,
            self.in_use_heading,
            self.in_use_view,
        )
        self.in_use_reader = WhenShown(self.forms_tab, self._read_in_use)

        # Quarantine: received interviews that failed their form's checks.
        self.quarantine_tab = QuarantineTab(workspace, runner, self._acting, self.refresh)
        self.quarantine_model = self.quarantine_tab.model
        self.quarantine_view = self.quarantine_tab.view
        self.quarantine_result = self.quarantine_tab.result
        self.drop_button = self.quarantine_tab.drop_button
        self.return_button = self.quarantine_tab.return_button
        self.ask_drop = self.quarantine_tab.ask_drop
        self.ask_return = self.quarantine_tab.ask_return
        self.drop = self.quarantine_tab.drop
        self.return_to_laptop = self.quarantine_tab.return_to_laptop

        for tab in (
            self.import_tab,
            self.devices_tab,
            self.conflicts_tab,
            self.duplicates_tab,
            self.forms_tab,
            self.quarantine_tab,
        ):
            self.tabs.addTab(tab, "")
        self.durations_tab = DurationsTab(workspace, runner)  # titled by itself
        self.tabs.addTab(self.durations_tab, self.durations_tab.title())
        self.entities_tab = EntitiesTab(  # titled by itself
            workspace, runner, self._acting, shared=self.shared_duplicates
        )
        self.tabs.addTab(self.entities_tab, self.entities_tab.title())
        self.network_tab = FolderWatchPanel(workspace, runner, self._acting)  # sync folder
        self.tabs.addTab(self.network_tab, self.network_tab.title())
        self.retranslate()
        self.refresh()

    @staticmethod
    def _tab(buttons: list[QPushButton], *widgets: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        if buttons:
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        for widget in widgets:
            layout.addWidget(widget, 1 if widget.__class__.__name__ == "QTableView" else 0)
        return page

    def retranslate(self) -> None:
        titles = [
            self.tr("Import bundles"),
            self.tr("Laptops"),
            self.tr("Conflicts"),
            self.tr("Possible duplicates"),
            self.tr("Forms"),
            self.tr("Quarantine"),
        ]
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title)
        self.import_folder_button.setText(self.tr("Import a &folder of bundles…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.issue_button.setText(self.tr("&Issue a device package…"))
        self.revoke_button.setText(self.tr("Re&voke the selected laptop"))
        self.receipt_button.setText(self.tr("Write a &receipt for the selected laptop…"))
        self.password_button.setText(self.tr("Reset a laptop's &password…"))
        self.publish_button.setText(self.tr("&Publish a form version…"))
        self._say_duplicates()
        self.in_use_heading.setText(
            self.tr("Form versions in use on each laptop (from what it sent):")
        )
        for model in (
            self.report_model,
            self.devices_model,
            self.duplicates_model,
            self.forms_model,
            self.in_use_model,
        ):
            model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _file_result(self, r: FileReport) -> str:
        if r.status == "rejected":
            return f"{self._check_text(r.check)}: {refusal_text(r)}"
        if r.merge is None:
            return ""
        m = r.merge
        text = (
            self.tr("%1 new, %2 updated, %3 unchanged, %4 conflicts")
            .replace("%1", str(len(m.new)))
            .replace("%2", str(len(m.updated)))
            .replace("%3", str(len(m.unchanged)))
            .replace("%4", str(len(m.conflicting)))
        )
        if m.rejected:
            text += self.tr(", %1 refused").replace("%1", str(len(m.rejected)))
        if m.quarantined:
            text += self.tr(", %1 quarantined").replace("%1", str(len(m.quarantined)))
        for alert in m.audit_alerts:  # a cut or rewritten audit chain, forged entries
            text += " " + self.tr("SECURITY ALERT: %1").replace("%1", alert.text())
        return text

    def _check_text(self, check: str | None) -> str:
        """The name of the check a bundle failed (the issue's order of checks)."""
        names = {
            "size": self.tr("size"),
            "header": self.tr("header"),
            "device": self.tr("device"),
            "signature": self.tr("signature"),
            "campaign": self.tr("campaign"),
            "payload": self.tr("payload"),
            "replay": self.tr("replay"),
            "decrypt": self.tr("decryption"),
            "binding": self.tr("binding"),
        }
        return names.get(check or "", check or "")

    def _status_text(self, r: FileReport) -> str:
        return {
            "accepted": self.tr("accepted"),
            "already-imported": self.tr("already imported, nothing changed"),
            "rejected": self.tr("REFUSED"),
        }[r.status]

    # --- refresh --------------------------------------------------------------------
    def _acting(self) -> str:
        """Who acts (call in the work, off the UI thread)."""
        return self.who or self.workspace.acting_person()

    def _on_changed(self, changes: Changes | None) -> None:
        if changes is None or changes.interviews or changes.forms:
            self.refresh()

    def refresh(self) -> None:
        """The short lists now; the possible duplicates and the form versions in use
        (each a scan of every interview) when their tab is shown (:class:`WhenShown`)."""
        ws = self.workspace

        def load(progress: object, cancel: object) -> _Loaded:
            with ws.reading():  # the lists agree with each other
                conflicts = conflict_rows(ws)
                quarantined = quarantine_rows(ws)
                versions = [(c.form_id, c.form_version) for c in conflicts]
                versions += [(q.listed.form_id, q.listed.form_version) for q in quarantined]
                return (
                    list_devices(ws),
                    conflicts,
                    forms_store.list_forms(ws),
                    quarantined,
                    installed_specs(ws, versions),  # for the questions' labels
                    campaign_of(ws).wards,
                )

        self.runner.run(load, on_success=self._loaded, write=False)
        self.duplicates_reader.request()
        self.in_use_reader.request()

    def _loaded(self, data: _Loaded) -> None:
        devices, conflicts, forms, quarantined, specs, wards = data
        self.campaign_wards = wards
        self.quarantine_tab.set_rows(quarantined, specs)
        self.devices_model.set_rows(devices)
        self._enable_device_actions()
        self.conflicts_tab.set_rows(conflicts, specs)
        self.forms_model.set_rows(forms)

    def _read_duplicates(self) -> None:
        ws = self.workspace
        known = self.shared_duplicates.fresh()
        if known is not None:  # the Entities tab read them, and nothing changed since
            self._duplicates_read(known)
            return
        token = self.shared_duplicates.token()
        self.duplicates_reading = True
        self._say_duplicates()

        def load(progress: object, cancel: object) -> list[DuplicateGroup]:
            from fieldsurvey.worker_process import run_read

            # every interview's answers: a worker process on a large workspace
            return run_read(ws, all_duplicates)  # type: ignore[no-any-return]

        def read(groups: list[DuplicateGroup]) -> None:
            self.shared_duplicates.keep(token, groups)
            self._duplicates_read(groups)

        self.runner.run(
            load,
            on_success=read,
            on_failure=self._duplicates_failed,
            write=False,
            pause_collector=True,  # every interview's answers (ui/tasks.py)
        )

    def _duplicates_failed(self, exc: BaseException) -> None:
        self.duplicates_reading = False
        self.duplicates_reader.stale = True  # read again when next shown
        self._say_duplicates()
        if self.runner.default_failure is not None:
            self.runner.default_failure(exc)

    def _duplicates_read(self, groups: list[DuplicateGroup]) -> None:
        self.duplicates_reading = False
        self.duplicates_model.set_rows(groups)
        self._say_duplicates()

    def _say_duplicates(self) -> None:
        groups = self.duplicates_model.rows
        if self.duplicates_reading:
            self.duplicates_result.setText(self.tr("Looking for possible duplicates…"))
            return
        if self.duplicates_reader.stale and not groups:
            self.duplicates_result.setText("")
            return
        self.duplicates_result.setText(
            self.tr("{n} groups of interviews that may be the same household or person.").format(
                n=len(groups)
            )
            if groups
            else self.tr("No possible duplicates.")
        )

    def _read_in_use(self) -> None:
        ws = self.workspace

        def load(progress: object, cancel: object) -> list[DeviceFormVersion]:
            with ws.reading():
                return form_versions_by_device(ws)

        self.runner.run(
            load, on_success=self.in_use_model.set_rows, write=False, pause_collector=True
        )

    # --- import ---------------------------------------------------------------------
    def ask_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with bundles"))
        if folder:
            self.import_folder(Path(folder))

    def import_folder(self, folder: Path) -> None:
        paths = bundle_files(folder)
        if not paths:
            self.import_result.setText(self.tr("No bundle files (*.fsb) in this folder."))
            return
        ws = self.workspace

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[FileReport]:
            who = self._acting()
            return import_files(ws, paths, who=who, progress=progress, cancel=cancel).files

        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.import_folder_button.setEnabled(False)
        self.import_result.setText(
            (
                self.tr("Checking and merging 1 file…")
                if len(paths) == 1
                else self.tr("Checking and merging %1 files…")
            ).replace("%1", str(len(paths)))
        )
        task = self.runner.run(
            work, on_success=self._imported, on_failure=self._import_failed,
            on_progress=self._import_progress, changes=import_changes,
        )  # fmt: skip
        self.cancel_button.clicked.connect(task.cancel)

    def _import_progress(self, progress: Progress) -> None:
        self.progress.setValue(progress.done)

    def _imported(self, reports: list[FileReport]) -> None:
        self._import_done()
        self.report_model.set_rows(reports)
        refused = sum(1 for r in reports if r.status == "rejected")
        accepted = sum(1 for r in reports if r.status == "accepted")
        text = self.tr("%1 accepted, %2 already imported, %3 refused.")
        text = (
            text.replace("%1", str(accepted))
            .replace("%2", str(len(reports) - accepted - refused))
            .replace("%3", str(refused))
        )
        held = sum(len(r.merge.quarantined) for r in reports if r.merge is not None)
        if held:
            text += " " + (
                self.tr("1 interview failed its form's checks: see the Quarantine tab.")
                if held == 1
                else self.tr(
                    "%1 interviews failed their form's checks: see the Quarantine tab."
                ).replace("%1", str(held))
            )
        alerts = sum(len(r.merge.audit_alerts) for r in reports if r.merge is not None)
        if alerts:
            text += " " + (
                self.tr("1 security alert about the audit log: see the file's result.")
                if alerts == 1
                else self.tr(
                    "%1 security alerts about the audit log: see each file's result."
                ).replace("%1", str(alerts))
            )
        self.import_result.setText(text)
        if held:  # the quarantine changed, though no interview did
            self.refresh()

    def _import_failed(self, exc: BaseException) -> None:
        self._import_done()
        show_inline_or_dialog(self, self.import_result, exc)
        self.runner.changed.emit(None)  # files before a cancel or failure were merged

    def _import_done(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.import_folder_button.setEnabled(True)

    # --- devices --------------------------------------------------------------------
    @staticmethod
    def _selected(view: QTableView, model: RowTableModel[T]) -> T | None:
        rows = view.selectionModel().selectedRows()
        return model.row(rows[0].row()) if rows else None

    def ask_issue(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New laptop"), self.tr("Laptop name:"))
        if not ok or not name.strip():
            return
        wards: list[str] = []
        if len(self.campaign_wards) > 1:  # its share of the household lists
            every = self.tr("Every ward of the campaign")
            chosen, ok = QInputDialog.getItem(
                self,
                self.tr("New laptop"),
                self.tr("Ward this laptop works in (the households it receives):"),
                [every, *self.campaign_wards],
                0,
                False,
            )
            if not ok:
                return
            wards = [] if chosen == every else [chosen]
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the device package"), f"{name.strip()}.fspkg"
        )
        if out:
            self.issue(name.strip(), Path(out), wards=wards)

    def issue(self, name: str, out: Path, *, wards: list[str] | None = None) -> str | None:
        """Issue a package for ``name`` into ``out`` (``wards``: the laptop's; none: every
        ward); shows the passphrase once."""
        ws = self.workspace
        passphrase = new_passphrase()
        result: list[str] = []

        def work(progress: object, cancel: object) -> Device:
            return issue_device_to_file(ws, name, passphrase, out, wards=wards)

        def done(device: Device) -> None:
            result.append(passphrase)
            self.devices_result.setText(
                self.tr("Package for %1 written to %2.")
                .replace("%1", device.name)
                .replace("%2", str(out))
            )
            box = QMessageBox(self)
            box.setWindowTitle(self.tr("Passphrase of the package"))
            box.setText(
                self.tr("Give this passphrase to the enumerator in person. It is shown only once.")
            )
            box.setInformativeText(f"<h2><tt>{passphrase}</tt></h2>")
            box.exec()
            self.refresh()

        self.runner.run(
            work, on_success=done,
            on_failure=lambda exc: show_inline_or_dialog(self, self.devices_result, exc),
        )  # fmt: skip
        return result[0] if result else None

    def _enable_device_actions(self) -> None:
        device = self._selected(self.devices_view, self.devices_model)
        self.revoke_button.setEnabled(device is not None and device.active)
        self.receipt_button.setEnabled(device is not None)

    def revoke_selected(self) -> None:
        device = self._selected(self.devices_view, self.devices_model)
        if device is None or not device.active:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Revoke the laptop"),
            self.tr(
                "Revoke laptop %1? Every bundle it sends from now on will be refused; the "
                "interviews already received from it are kept. Do this for a lost or stolen "
                "laptop."
            ).replace("%1", device.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ws = self.workspace
        self.runner.run(
            lambda p, c: revoke_device(ws, device.name),
            on_success=lambda _d: self.refresh(),
            on_failure=lambda exc: show_inline_or_dialog(self, self.devices_result, exc),
        )

    def ask_receipt(self) -> None:
        device = self._selected(self.devices_view, self.devices_model)
        if device is None:
            return
        if device.revoked is not None:
            answer = QMessageBox.question(
                self,
                self.tr("Receipt for a revoked laptop"),
                self.tr(
                    "Laptop %1 was revoked on %2: it may be lost or in the wrong hands. "
                    "Write a receipt for it anyway?"
                )
                .replace("%1", device.name)
                .replace("%2", device.revoked),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the receipt"), f"receipt-{device.name}.fsr"
        )
        if out:
            self.write_receipt(device.name, Path(out), force=device.revoked is not None)

    def write_receipt(self, name: str, out: Path, *, force: bool = False) -> None:
        ws = self.workspace

        def work(progress: object, cancel: object) -> ReceiptPayload:
            return write_receipt(ws, name, out, force=force)

        def done(payload: ReceiptPayload) -> None:
            self.devices_result.setText(
                self.tr("Receipt written: %1 confirmed, %2 returned for correction.")
                .replace("%1", str(len(payload.acknowledged)))
                .replace("%2", str(len(payload.returned)))
            )

        self.runner.run(
            work,
            on_success=done,
            on_failure=lambda exc: show_inline_or_dialog(self, self.devices_result, exc),
        )

    def ask_reset_password(self) -> None:
        """A forgotten laptop password: what to reset, a confirmation, then the reset."""
        reset = LaptopPasswordDialog.ask(self)
        if reset is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Reset the laptop's password"),
            self.tr(
                "Set a new password on the laptop workspace in %1? Its old password will no "
                "longer open it; its interviews are kept."
            ).replace("%1", str(reset.home)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.reset_password(reset)

    def reset_password(self, reset: LaptopPasswordReset) -> None:
        ws = self.workspace

        def done(home: Path) -> None:
            self.devices_result.setText(
                self.tr(
                    "The laptop workspace in %1 has a new password. Give it to the enumerator "
                    "in person."
                ).replace("%1", str(home))
            )

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, FieldSurveyError):
                self.devices_result.clear()
                show_error(self, exc)
                return
            heading = self.tr("The password was not reset.")
            reason = exc.text(translations.language)
            self.devices_result.setTextFormat(Qt.TextFormat.RichText)
            self.devices_result.setText(f"<b>{html.escape(heading)}</b><br>{html.escape(reason)}")

        self.devices_result.setText(self.tr("Resetting the laptop's password…"))
        self.runner.run(
            lambda p, c: reset_laptop_password(ws, reset), on_success=done, on_failure=failed
        )

    # --- forms ----------------------------------------------------------------------
    def ask_publish(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("XLSForm to publish"), "", "XLSForm (*.xlsx *.xls)"
        )
        if path:
            self.publish(Path(path))

    def publish(self, path: Path) -> None:
        ws = self.workspace

        def work(progress: ProgressCallback, cancel: object) -> tuple[InstalledFile, RecheckReport]:
            report(progress, 0, None, path.name)
            # the files it references: in "<form>-media" or beside the form (as ODK)
            installed = install_form_file(ws, path)
            return installed, recheck(ws, who=self._acting())  # interviews waiting for it

        def done(result: tuple[InstalledFile, RecheckReport]) -> None:
            installed, rechecked = result
            spec = installed.spec
            text = (
                self.tr("Published %1 version %2.")
                .replace("%1", spec.form_id)
                .replace("%2", spec.version)
            )
            if installed.attachments:
                text += " " + self.tr("Files published with it: %1.").replace(
                    "%1", ", ".join(installed.attachments)
                )
            if installed.missing:
                names = ", ".join(sorted({ref.name for ref in installed.missing}))
                text += " " + (
                    self.tr(
                        "Files it needs are missing: %1. Put them in the folder %2 beside the "
                        "form and publish it again."
                    )
                    .replace("%1", names)
                    .replace("%2", f"{path.stem}-media")
                )
            if rechecked.merged:
                merged = len(rechecked.merged)
                text += " " + (
                    self.tr("1 interview waiting in quarantine for it was merged.")
                    if merged == 1
                    else self.tr("%1 interviews waiting in quarantine for it were merged.").replace(
                        "%1", str(merged)
                    )
                )
            if spec.warnings:  # already in the app's language: what it cannot do yet, ...
                text += "\n\n" + "\n".join(f"• {w}" for w in spec.warnings)
            self.forms_result.setText(text)

        self.forms_result.setText(self.tr("Checking the form…"))
        self.runner.run(
            work,
            on_success=done,
            on_failure=lambda exc: show_inline_or_dialog(self, self.forms_result, exc),
            changes=lambda result: Changes(
                forms=[result[0].spec.form_id], interviews=result[1].merged
            ),
        )
