"""The coordinator's Durations tab: interviews answered implausibly fast.

For forms with the ``audit`` meta question each interview brings its audit.csv: when
each question was entered and left on the laptop. The tab lists the interviews whose
time on questions is under a few seconds a question, or well under the usual time for
their form (the median), fastest first, with household, ward, enumerator and laptop, so
the coordinator can check them with the enumerator (a re-visit, a phone call). The two
limits can be changed; the list is read again in the background.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey import messages
from fieldsurvey.changes import Changes
from fieldsurvey.forms.number_reading import format_number
from fieldsurvey.store import question_audit
from fieldsurvey.store.question_audit import Duration
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.row_table_model import Column, RowTableModel
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.when_shown import WhenShown
from fieldsurvey.ui.widgets import message_label, table_view


def _number(value: float) -> str:
    """As the app's language writes numbers (``1,5`` in Vietnamese)."""
    return format_number(int(value) if value == int(value) else value, messages.language())


def _minutes(ms: int) -> str:
    seconds = round(ms / 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"


class DurationsTab(QWidget):
    def __init__(self, workspace: Workspace, runner: TaskRunner) -> None:
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self.rows: list[Duration] = []
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.per_question = QDoubleSpinBox(self)
        self.per_question.setRange(0.5, 120.0)
        self.per_question.setDecimals(1)
        self.per_question.setValue(question_audit.SECONDS_PER_QUESTION)
        self.share = QSpinBox(self)
        self.share.setRange(5, 95)
        self.share.setValue(round(question_audit.SHARE_OF_MEDIAN * 100))
        self.share.setSuffix(" %")
        self.only_fast = QCheckBox(self)
        self.only_fast.setChecked(True)
        self.refresh_button = QPushButton(self)
        self.per_question_label = QLabel(self)
        self.share_label = QLabel(self)
        self.per_question_label.setBuddy(self.per_question)
        self.share_label.setBuddy(self.share)
        self.result = message_label(self)
        self.model: RowTableModel[Duration] = RowTableModel(
            [
                Column(lambda: self.tr("Household"), lambda d: d.household_id),
                Column(lambda: self.tr("Ward"), lambda d: d.ward),
                Column(lambda: self.tr("Enumerator"), lambda d: d.enumerator),
                Column(lambda: self.tr("Laptop"), lambda d: d.device),
                Column(lambda: self.tr("Form"), lambda d: d.form_id),
                Column(lambda: self.tr("Questions"), lambda d: d.summary.questions),
                Column(lambda: self.tr("Time on questions"),
                       lambda d: _minutes(d.summary.question_ms)),
                Column(lambda: self.tr("Seconds a question"),
                       lambda d: _number(round(d.summary.seconds_per_question, 1))),
                Column(lambda: self.tr("Usual time (median)"), lambda d: _minutes(d.median_ms)),
                Column(lambda: self.tr("Why listed"), self._why),
                Column(lambda: self.tr("Interview id"), lambda d: d.uuid),
            ],
            self,
        )  # fmt: skip
        self.view = table_view(self)
        self.view.setModel(self.model)
        limits = QFormLayout()
        limits.addRow(self.per_question_label, self.per_question)
        limits.addRow(self.share_label, self.share)
        controls = QHBoxLayout()
        controls.addLayout(limits)
        controls.addWidget(self.only_fast)
        controls.addWidget(self.refresh_button)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(controls)
        layout.addWidget(self.result)
        layout.addWidget(self.view, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.per_question.editingFinished.connect(self.refresh)
        self.share.editingFinished.connect(self.refresh)
        self.only_fast.toggled.connect(self._show)
        runner.changed.connect(self._on_changed)
        self.retranslate()
        # every audit log is read: only while the tab is shown (ui/when_shown.py)
        self.reader = WhenShown(self, self.refresh)

    def _why(self, row: Duration) -> str:
        texts = {
            "per_question": self.tr("under {n} s a question").format(
                n=_number(self.per_question.value())
            ),
            "below_median": self.tr("under {p} % of the usual time").format(p=self.share.value()),
        }
        return "; ".join(texts[f] for f in row.fast)

    def _on_changed(self, changes: Changes | None) -> None:
        if changes is None or changes.interviews:
            self.reader.request()

    def refresh(self) -> None:
        ws = self.workspace
        seconds = self.per_question.value()
        share = self.share.value() / 100

        def load(_progress: object, _cancel: object) -> list[Duration]:
            from fieldsurvey.worker_process import run_read

            # every interview's timings: a worker process on a large workspace
            return run_read(  # type: ignore[no-any-return]
                ws, question_audit.durations, seconds_per_question=seconds, share_of_median=share
            )

        self.runner.run(load, on_success=self.set_rows, write=False, pause_collector=True)

    def set_rows(self, rows: list[Duration]) -> None:
        self.rows = rows
        self._show()

    def _show(self) -> None:
        shown = [r for r in self.rows if r.fast] if self.only_fast.isChecked() else self.rows
        self.model.set_rows(shown)
        fast = sum(1 for r in self.rows if r.fast)
        if not self.rows:
            self.result.setText(
                self.tr("No interview with an audit log yet (forms need the audit question).")
            )
        else:
            self.result.setText(
                self.tr("{fast} of {total} interviews with an audit log look too fast.").format(
                    fast=fast, total=len(self.rows)
                )
            )
        self.view.resizeColumnsToContents()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "Interviews whose forms log the time on each question (the audit question)."
                " One answered much faster than usual may not have been asked: check it with"
                " the enumerator."
            )
        )
        self.per_question_label.setText(self.tr("Fewer &seconds a question than:"))
        self.share_label.setText(self.tr("Or less of the usual &time than:"))
        self.only_fast.setText(self.tr("Only those that look &too fast"))
        self.refresh_button.setText(self.tr("&Read again"))
        self.model.retranslate()
        tabs = self.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        if tabs is not None and tabs.indexOf(self) >= 0:
            tabs.setTabText(tabs.indexOf(self), self.title())
        if self.rows:
            self._show()

    def title(self) -> str:
        return self.tr("Durations")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
