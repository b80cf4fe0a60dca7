"""The laptop's "to visit" list: the households the coordinator assigned to this laptop
for a follow-up wave, with progress, and the follow-up interview started from one.

Assignments arrive with receipts (``store/entity_share.py``); what became of each
(``visit_status``) comes from the interviews that updated the household since it was
assigned: to visit, visited, refused, moved, not found. "Start the follow-up" creates a
draft of the newest installed form that picks from the household's list (a
``select_one_from_file LIST.csv`` question) with that household already chosen, its
ward filled in, and opens it (Enter on a row does the same).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.changes import Changes
from fieldsurvey.store.interviews import Interview
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.follow_up_visits import PENDING, Visit, read_visits, start_follow_up

from fieldsurvey.ui.context_table import local_time
from fieldsurvey.ui.entry.entity_lists import shown_properties
from fieldsurvey.ui.errors import show_inline_or_dialog
from fieldsurvey.ui.row_table_model import Column, RowTableModel
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.widgets import heading, message_label, table_view


class ToVisitPanel(QWidget):
    """Assigned households with progress; starts the follow-up interview of one. With
    ``coordinator`` (device id -> laptop name) it lists every laptop's assignments with
    their laptop, and starts nothing (the coordinator's Entities tab)."""

    # A follow-up interview was created: its uuid (the window opens it).
    open_requested = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        acting: Callable[[], str],
        parent: QWidget | None = None,
        *,
        coordinator: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.acting = acting
        self.laptop_name = coordinator
        self.visits: list[Visit] = []
        if coordinator is None:  # the coordinator's tab reads them with its other lists
            runner.changed.connect(self._on_changed)
        self.heading = heading()
        self.progress_text = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(240)
        self.only_pending = QCheckBox()
        self.only_pending.toggled.connect(lambda _on: self._show())
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.start_selected)
        laptop = [Column(lambda: self.tr("Laptop"), self._laptop)] if coordinator else []
        self.model: RowTableModel[Visit] = RowTableModel(
            [
                *laptop,
                Column(lambda: self.tr("Household"), lambda v: v.label),
                Column(lambda: self.tr("Details"), self._details),
                Column(lambda: self.tr("Wave"), lambda v: v.status.assignment.wave),
                Column(lambda: self.tr("Status"), lambda v: self.status_text(v.status.status)),
                Column(lambda: self.tr("Visited on"), lambda v: local_time(v.status.at or "")),
            ]
        )
        self.view = table_view()
        self.view.setModel(self.model)
        details = 2 if coordinator else 1
        self.view.horizontalHeader().setSectionResizeMode(details, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.selectionModel().selectionChanged.connect(self._enable)
        self.view.doubleClicked.connect(lambda _i: self.start_selected())
        self.view.installEventFilter(self)  # Enter on a row starts its visit
        self.result = message_label()
        line = QHBoxLayout()
        line.addWidget(self.progress_text)
        line.addWidget(self.progress)
        line.addStretch(1)
        line.addWidget(self.only_pending)
        line.addWidget(self.start_button)
        self.start_button.setVisible(coordinator is None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(line)
        layout.addWidget(self.result)
        layout.addWidget(self.view, 1)
        self._enable()
        self.retranslate()

    # --- texts ------------------------------------------------------------------------
    def status_text(self, status: str) -> str:
        return {
            PENDING: self.tr("to visit"),
            "visited": self.tr("visited"),
            "refused": self.tr("refused"),
            "moved": self.tr("moved"),
            "not_found": self.tr("not found"),
        }.get(status, status)

    def _laptop(self, v: Visit) -> str:
        device = v.status.assignment.device_id
        return self.laptop_name(device) if self.laptop_name is not None else device

    def _details(self, v: Visit) -> str:
        return " · ".join(shown_properties(v.entity.row())) if v.entity is not None else ""

    def retranslate(self) -> None:
        self.heading.setText(
            self.tr("Households assigned to the laptops")
            if self.laptop_name is not None
            else self.tr("Households to visit")
        )
        self.only_pending.setText(self.tr("Only those still to &visit"))
        self.start_button.setText(self.tr("Start the &follow-up interview"))
        self.start_button.setToolTip(
            self.tr("Opens a new follow-up interview with this household chosen (Enter)")
        )
        self.model.retranslate()
        self._say_progress()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.start_selected()
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say_progress(self) -> None:
        total = len(self.visits)
        done = sum(1 for v in self.visits if v.done)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setVisible(bool(total))
        if not total:
            self.progress_text.setText(
                self.tr("No household assigned yet: select households in Lists, then Assign.")
                if self.laptop_name is not None
                else self.tr(
                    "No household assigned to this laptop yet: assignments come with a"
                    " receipt from the coordinator."
                )
            )
            return
        text = self.tr("%1 of %2 visited").replace("%1", str(done)).replace("%2", str(total))
        outcomes = [
            (status, sum(1 for v in self.visits if v.status.status == status))
            for status in ("refused", "moved", "not_found")
        ]
        said = [f"{self.status_text(s)} {n}" for s, n in outcomes if n]
        self.progress_text.setText(f"{text} ({', '.join(said)})" if said else text)

    # --- rows -------------------------------------------------------------------------
    def _on_changed(self, changes: Changes | None) -> None:
        if changes is None or changes.interviews:
            self.refresh()

    def refresh(self) -> None:
        ws = self.workspace
        self.runner.run(lambda p, c: read_visits(ws), on_success=self.set_visits, write=False)

    def set_visits(self, visits: list[Visit]) -> None:
        self.visits = visits
        self._show()

    def _show(self) -> None:
        shown = [v for v in self.visits if not (self.only_pending.isChecked() and v.done)]
        self.model.set_rows(shown)
        self._say_progress()
        self._enable()

    def selected(self) -> Visit | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _enable(self) -> None:
        self.start_button.setEnabled(self.selected() is not None and self.laptop_name is None)

    # --- starting a visit ---------------------------------------------------------------
    def start_selected(self) -> None:
        visit = self.selected()
        if visit is None or self.laptop_name is not None:
            return
        if visit.done:
            answer = QMessageBox.question(
                self,
                self.tr("Visit again"),
                self.tr("%1 was already visited (%2). Start another follow-up interview?")
                .replace("%1", visit.label)
                .replace("%2", self.status_text(visit.status.status)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.start(visit)

    def start(self, visit: Visit) -> None:
        ws, acting = self.workspace, self.acting

        def created(interview: Interview) -> None:
            self.result.setText("")
            self.open_requested.emit(interview.uuid)
            opener: Any = getattr(self.window(), "open_interview", None)
            if callable(opener):  # the main window opens the entry screen
                opener(interview.uuid)

        self.runner.run(
            lambda p, c: start_follow_up(ws, visit, acting()),
            on_success=created,
            on_failure=lambda exc: show_inline_or_dialog(self, self.result, exc),
            changes=lambda i: Changes(interviews=[i.uuid], created=[i.uuid]),
        )
