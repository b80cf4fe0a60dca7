"""Sending and receiving on a laptop: export a bundle, import a receipt, see what waits.

The counts and the returned list are read again (off the UI thread) whenever a write
anywhere in the app changes interviews (``TaskRunner.changed``). Removing the confirmed
answers asks first, naming how many interviews it empties, and is disabled when there
are none.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.changes import Changes
from fieldsurvey.store import interview_listing as listing
from fieldsurvey.store.interview_listing import ListQuery
from fieldsurvey.store.interviews import InterviewStatus, ListRow
from fieldsurvey.store.receipt_log import acknowledged_content
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_writer import ExportResult, export_bundle
from fieldsurvey.sync.purge import purge_acknowledged
from fieldsurvey.sync.receipts import ReceiptReport, import_receipt

from fieldsurvey.ui.errors import show_inline_or_dialog
from fieldsurvey.ui.row_table_model import Column, RowTableModel
from fieldsurvey.ui.send_panel import SendPanel
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.to_visit import ToVisitPanel
from fieldsurvey.ui.widgets import heading, message_label, table_view

#: The returned interviews listed at most (a laptop has a handful).
RETURNED_SHOWN = 1000


def receipt_changes(report: ReceiptReport) -> Changes:
    """What importing a receipt changed: the interviews it confirmed or returned, and
    the form versions it installed."""
    return Changes(interviews=[*report.acknowledged, *report.returned], forms=report.forms)


class LaptopSyncPage(QWidget):
    def __init__(self, workspace: Workspace, runner: TaskRunner, who: str | None = None) -> None:
        """``who``: the name written into the audit log (default: the workspace's
        acting person, looked up off the UI thread)."""
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self.who = who
        runner.changed.connect(self._on_changed)
        self.heading = heading()
        self.counts: dict[InterviewStatus, QLabel] = {s: QLabel() for s in InterviewStatus}
        self.count_names: dict[InterviewStatus, QLabel] = {s: QLabel() for s in InterviewStatus}
        grid = QGridLayout()
        for row, status in enumerate(
            (
                InterviewStatus.COMPLETED,
                InterviewStatus.EXPORTED,
                InterviewStatus.ACKNOWLEDGED,
                InterviewStatus.RETURNED,
                InterviewStatus.DRAFT,
            )
        ):
            grid.addWidget(self.count_names[status], row, 0)
            grid.addWidget(self.counts[status], row, 1)
        grid.setColumnStretch(2, 1)
        self.export_button = QPushButton()
        self.receipt_button = QPushButton()
        self.purge_button = QPushButton()
        self.export_button.clicked.connect(self.ask_export)
        self.receipt_button.clicked.connect(self.ask_receipt)
        self.purge_button.clicked.connect(self.ask_purge)
        #: Confirmed interviews whose answers are still on this laptop (what a purge empties).
        self.purgeable = 0
        self._working = False
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.result = message_label()
        self.returned_heading = QLabel()
        self.returned_model: RowTableModel[ListRow] = RowTableModel(
            [
                Column(lambda: self.tr("Ward"), lambda r: r.ward),
                Column(lambda: self.tr("Household"), lambda r: r.household_id),
                Column(lambda: self.tr("Coordinator's comment"), lambda r: r.comment),
            ]
        )
        self.returned_view = table_view()
        self.returned_view.setModel(self.returned_model)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        # Everything in a scroll area: on a 1366x768 screen at 125 % the page is taller
        # than the window, which must still fit the screen.
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        self.send_panel = SendPanel(workspace, runner, self._acting)  # send over the network
        layout.addWidget(self.send_panel)
        layout.addWidget(self.returned_heading)
        layout.addWidget(self.returned_view, 1)
        self.to_visit = ToVisitPanel(workspace, runner, self._acting)  # follow-up visits
        layout.addWidget(self.to_visit, 2)
        self.retranslate()
        self.refresh()
        self.to_visit.refresh()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Send and receive"))
        names = {
            InterviewStatus.COMPLETED: self.tr("Waiting to be sent:"),
            InterviewStatus.EXPORTED: self.tr("Sent, not yet confirmed:"),
            InterviewStatus.ACKNOWLEDGED: self.tr("Confirmed by the coordinator:"),
            InterviewStatus.RETURNED: self.tr("Returned for correction:"),
            InterviewStatus.DRAFT: self.tr("Drafts (not sent until completed):"),
        }
        for status, label in self.count_names.items():
            label.setText(names[status])
        self.export_button.setText(self.tr("&Export to a folder or USB drive…"))
        self.receipt_button.setText(self.tr("Import a &receipt…"))
        self.purge_button.setText(self.tr("Remove &confirmed answers from this laptop"))
        self.returned_heading.setText(self.tr("Returned for correction, with the comment:"))
        self.returned_model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _acting(self) -> str:
        """Who acts (call in the work, off the UI thread)."""
        return self.who or self.workspace.acting_person()

    def _on_changed(self, changes: Changes | None) -> None:
        if changes is None or changes.interviews:
            self.refresh()

    def refresh(self) -> None:
        ws = self.workspace

        def read(progress: object, cancel: object) -> tuple[dict[str, int], list[ListRow], int]:
            with ws.reading():
                counts = listing.status_counts(ws)
                returned = listing.plan(ws, ListQuery(status=InterviewStatus.RETURNED))
                rows = listing.window_at(ws, returned, 0, RETURNED_SHOWN).rows
                purgeable = sum(1 for _uuid, has in acknowledged_content(ws.db) if has)
            return counts, rows, purgeable

        self.runner.run(read, on_success=self._show, write=False)

    def _show(self, found: tuple[dict[str, int], list[ListRow], int]) -> None:
        counts, returned, self.purgeable = found
        for status, label in self.counts.items():
            label.setText(str(counts.get(status, 0)))
        self.returned_model.set_rows(returned)
        self._enable_purge()

    def _enable_purge(self) -> None:
        self.purge_button.setEnabled(self.purgeable > 0 and not self._working)
        self.purge_button.setToolTip(
            ""
            if self.purgeable
            else self.tr("No confirmed interview has answers left on this laptop.")
        )

    # --- actions --------------------------------------------------------------------
    def ask_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export to which folder?"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        ws = self.workspace
        self._busy(True, self.tr("Encrypting and writing the bundle…"))
        self.runner.run(
            lambda p, c: export_bundle(ws, folder, who=self._acting()),
            on_success=self._exported,
            on_failure=self._failed,
        )

    def _exported(self, result: ExportResult) -> None:
        self._busy(False)
        if result.path is None:
            self.result.setText(self.tr("Nothing to send: every completed interview was sent."))
            return
        # Two texts, so that English says "1 interview" and "3 interviews" without a
        # translator (Vietnamese has one form for both).
        if result.interviews == 1:
            text = self.tr(
                "%n interview written to %1. Take this file to the coordinator.",
                "",
                result.interviews,
            )
        else:
            text = self.tr(
                "%n interviews written to %1. Take this file to the coordinator.",
                "",
                result.interviews,
            )
        text = text.replace("%1", str(result.path))
        if result.remaining:  # the bundle was full of files: the rest go in the next one
            text += " " + self.tr(
                "The file is full: %1 completed interviews are left. Export again to write "
                "them into a second file."
            ).replace("%1", str(result.remaining))
        self.result.setText(text)

    def ask_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Receipt from the coordinator"))
        if path:
            self.import_receipt_file(Path(path))

    def import_receipt_file(self, path: Path) -> None:
        ws = self.workspace
        self._busy(True, self.tr("Checking the receipt…"))
        self.runner.run(
            lambda p, c: import_receipt(ws, path.read_bytes(), who=self._acting()),
            on_success=self._receipt_done,
            on_failure=self._failed,
            changes=receipt_changes,
        )

    def _receipt_done(self, report: ReceiptReport) -> None:
        self._busy(False)
        if report.status == "already-imported":
            self.result.setText(self.tr("This receipt was already imported; nothing changed."))
        else:
            text = (
                self.tr("Receipt applied: %1 confirmed, %2 returned for correction.")
                .replace("%1", str(len(report.acknowledged)))
                .replace("%2", str(len(report.returned)))
            )
            if report.forms:
                text += " " + self.tr("New questionnaire versions installed: %1.").replace(
                    "%1", ", ".join(report.forms)
                )
            self.result.setText(text)

    def ask_purge(self) -> None:
        """Ask first, naming how many interviews it empties; then remove their answers."""
        count = self.purgeable
        if count <= 0:
            return
        if count == 1:
            text = self.tr(
                "Remove the answers of %n interview confirmed by the coordinator from this "
                "laptop? They cannot be brought back here; the coordinator keeps them.",
                "",
                count,
            )
        else:
            text = self.tr(
                "Remove the answers of %n interviews confirmed by the coordinator from this "
                "laptop? They cannot be brought back here; the coordinator keeps them.",
                "",
                count,
            )
        answer = QMessageBox.question(
            self,
            self.tr("Remove confirmed answers"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.purge()

    def purge(self) -> None:
        """Remove the answers of the confirmed interviews (asks nothing: see ask_purge)."""
        ws = self.workspace
        self.runner.run(
            lambda p, c: purge_acknowledged(ws, who=self._acting()),
            on_success=lambda changes: self._purged(len(changes.interviews)),
            on_failure=self._failed,
        )

    def _purged(self, count: int) -> None:
        if count == 1:
            text = self.tr("Answers of %n confirmed interview removed from this laptop.", "", count)
        else:
            text = self.tr(
                "Answers of %n confirmed interviews removed from this laptop.", "", count
            )
        self.result.setText(text)

    def _busy(self, busy: bool, text: str = "") -> None:
        self._working = busy
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        for button in (self.export_button, self.receipt_button):
            button.setEnabled(not busy)
        self._enable_purge()
        if busy:
            self.result.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_inline_or_dialog(self, self.result, exc)
