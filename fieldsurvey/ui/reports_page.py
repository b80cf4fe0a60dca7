"""Reports: choose a form, wards and a period; preview the summary; print or save it.

The list of questionnaires is read again (off the UI thread) when a write anywhere in
the app installs or changes a form (``TaskRunner.changed``).

The report and export writers (reportlab, numpy) are imported in the tasks that use
them, not with the page (docs/benchmarks.md, "Start-up"). On a large workspace the
summary and the exports are made in a worker process (fieldsurvey/worker_process.py):
the window never waits on them and their memory goes back to the system when done.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.changes import Changes
from fieldsurvey.forms.installed import newest_forms
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.errors import show_inline_or_dialog
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.pdf_preview import PdfPreview, RenderedPages, ask_and_print, render_pages
from fieldsurvey.ui.tasks import Task, TaskRunner
from fieldsurvey.ui.widgets import heading, message_label

if TYPE_CHECKING:
    from fieldsurvey.progress import CancelToken, Progress, ProgressCallback
    from fieldsurvey.reports.export_tables import ExportNote
    from fieldsurvey.reports.export_writers import ExportResult, Format
    from fieldsurvey.reports.models import Period
    from fieldsurvey.reports.workspace_report import SummaryResult

#: The export formats offered (``reports.export_writers.Format``; a test checks they agree).
EXPORT_FORMATS: tuple[str, ...] = ("xlsx", "csv", "stata", "spss")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _with_notes(text: str, notes: Sequence[ExportNote]) -> str:
    """``text`` and, one per line, what the export or report changed or left out (in
    the app's language: ``messages`` follows the language menu)."""
    return "\n".join([text, *(note.text() for note in notes)])


class ReportsPage(QWidget):
    def __init__(self, workspace: Workspace, runner: TaskRunner) -> None:
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self._tmp = tempfile.TemporaryDirectory(prefix="fieldsurvey-report-")
        self.pdf: Path | None = None
        self.heading = heading()
        self.form_box = QComboBox()
        self.wards = QListWidget()
        self.wards.setMaximumHeight(160)
        self.whole_period = QCheckBox()
        self.whole_period.setChecked(True)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)
        self.date_from.setDate(_qdate(date(date.today().year, 1, 1)))
        self.date_to.setDate(_qdate(date.today()))
        self.whole_period.toggled.connect(lambda on: self.date_from.setEnabled(not on))
        self.whole_period.toggled.connect(lambda on: self.date_to.setEnabled(not on))
        self.report_lang = QComboBox()
        self.report_lang.addItem("Tiếng Việt", "vi")
        self.report_lang.addItem("English", "en")
        self.report_lang.setCurrentIndex(self.report_lang.findData(translations.language))
        self.preview_button = QPushButton()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.preview_button.clicked.connect(self.make_preview)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.ask_save)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
        self.message = message_label()
        self.export_heading = heading()
        self.export_format = QComboBox()
        for code, name in (
            ("xlsx", "Excel (.xlsx)"),
            ("csv", "CSV"),
            ("stata", "Stata (.dta)"),
            ("spss", "SPSS (.sav)"),
        ):
            self.export_format.addItem(name, code)
        self.export_labels = QCheckBox()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.ask_export)
        self.export_message = message_label()
        self.export_progress = QProgressBar()
        self.export_progress.setVisible(False)
        self.export_cancel = QPushButton()
        self.export_cancel.setVisible(False)
        self.export_cancel.clicked.connect(self.cancel_export)
        self.export_task: Task | None = None
        self.preview = PdfPreview(runner=runner)
        self.form = QFormLayout()
        period = QHBoxLayout()
        period.addWidget(self.whole_period)
        period.addWidget(self.date_from)
        period.addWidget(self.date_to)
        period.addStretch(1)
        self.form_labels = [QLabel() for _ in range(4)]
        self.form.addRow(self.form_labels[0], self.form_box)
        self.form.addRow(self.form_labels[1], self.wards)
        self.form.addRow(self.form_labels[2], period)
        self.form.addRow(self.form_labels[3], self.report_lang)
        for label, buddy in zip(
            self.form_labels,
            (self.form_box, self.wards, self.whole_period, self.report_lang),
            strict=True,
        ):
            label.setBuddy(buddy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addLayout(self.form)
        left.addLayout(buttons)
        left.addWidget(self.message)
        left.addSpacing(16)
        left.addWidget(self.export_heading)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_format)
        export_row.addWidget(self.export_labels)
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        left.addLayout(export_row)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.export_progress, 1)
        progress_row.addWidget(self.export_cancel)
        left.addLayout(progress_row)
        left.addWidget(self.export_message)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.preview, 3)
        self.form_box.currentIndexChanged.connect(self._fill_wards)
        runner.changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Ward summary"))
        labels = [
            self.tr("&Questionnaire:"),
            self.tr("&Wards (none ticked: all):"),
            self.tr("P&eriod:"),
            self.tr("Report &language:"),
        ]
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        self.whole_period.setText(self.tr("Whole period"))
        self.preview_button.setText(self.tr("&Preview"))
        self.print_button.setText(self.tr("P&rint…"))
        self.save_button.setText(self.tr("Save as P&DF…"))
        self.export_heading.setText(self.tr("Data for analysis"))
        self.export_labels.setText(self.tr("Choice labels instead of codes"))
        self.export_button.setText(self.tr("E&xport data…"))
        self.export_cancel.setText(self.tr("&Cancel export"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_changed(self, changes: Changes | None) -> None:
        if changes is None or changes.forms:
            self.refresh()

    def refresh(self) -> None:
        ws = self.workspace

        def work(progress: object, cancel: object) -> list[FormSpec]:
            with ws.reading():
                return [spec for _info, spec in newest_forms(ws)]

        self.runner.run(work, on_success=self._forms, write=False)

    def _forms(self, specs: list[FormSpec]) -> None:
        self.specs = {spec.form_id: spec for spec in specs}
        self.form_box.blockSignals(True)
        self.form_box.clear()
        for spec in specs:
            self.form_box.addItem(spec.title or spec.form_id, spec.form_id)
        self.form_box.blockSignals(False)
        self._fill_wards()

    def _fill_wards(self) -> None:
        self.wards.clear()
        spec = self.specs.get(self.form_box.currentData()) if hasattr(self, "specs") else None
        if spec is None:
            return
        from fieldsurvey.ui.new_interview_dialog import ward_choices

        for code, label in ward_choices(spec, translations.language):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.wards.addItem(item)

    def chosen_wards(self) -> list[str]:
        return [
            str(self.wards.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.wards.count())
            if self.wards.item(i).checkState() == Qt.CheckState.Checked
        ]

    def period(self) -> Period | None:
        if self.whole_period.isChecked():
            return None
        from fieldsurvey.reports.models import Period

        return Period(start=self.date_from.date().toPython(), end=self.date_to.date().toPython())

    # --- actions --------------------------------------------------------------------
    def make_preview(self) -> None:
        form_id = self.form_box.currentData()
        if not form_id:
            return
        ws = self.workspace
        wards = self.chosen_wards() or None
        period = self.period()
        lang = self.report_lang.currentData()
        out = Path(self._tmp.name) / f"{form_id}-summary.pdf"
        self.message.setText(self.tr("Writing the summary…"))
        self.preview_button.setEnabled(False)
        # The first pages are rendered in the task too, for the pane's width now (the
        # preview renders the others in tasks as they come into view): rendering every
        # page on the UI thread froze the window (1.3 s for every ward's report).
        room, ratio = self.preview.room(), self.preview.ratio()

        def work(progress: ProgressCallback, cancel: object) -> tuple[SummaryResult, RenderedPages]:
            from fieldsurvey.reports.workspace_report import write_workspace_summary
            from fieldsurvey.worker_process import run_read

            result = run_read(
                ws, write_workspace_summary, out,
                form_id=form_id, wards=wards, period=period, lang=lang, progress=progress,
            )  # fmt: skip
            return result, render_pages(result.path, room, ratio)

        self.runner.run(
            work,
            on_success=self._written,
            on_failure=self._failed,
            # "Reading the interviews", "Writing the report": a minute each at 1,000,000
            on_progress=lambda step: self.message.setText(step.text() + "…"),
            write=False,
        )

    def _written(self, found: tuple[SummaryResult, RenderedPages]) -> None:
        result, rendered = found
        self.preview_button.setEnabled(True)
        self.pdf = result.path
        self.preview.show_pages(rendered)
        pages = self.preview.page_count
        text = (
            self.tr("1 page. Print it or save it as PDF.")
            if pages == 1
            else self.tr("%1 pages. Print it or save it as PDF.").replace("%1", str(pages))
        )
        self.message.setText(_with_notes(text, result.warnings))
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.preview_button.setEnabled(True)
        show_inline_or_dialog(self, self.message, exc)

    def print_report(self) -> None:
        if self.pdf is not None:
            ask_and_print(self, self.pdf)

    def ask_save(self) -> None:
        if self.pdf is None:
            return
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the summary"), self.pdf.name, "PDF (*.pdf)"
        )
        if out:
            self.save_to(Path(out))

    def save_to(self, out: Path) -> None:
        if self.pdf is not None:
            shutil.copyfile(self.pdf, out)
            self.message.setText(self.tr("Saved to %1.").replace("%1", str(out)))

    # --- data export ----------------------------------------------------------------
    def ask_export(self) -> None:
        fmt = self.export_format.currentData()
        form_id = self.form_box.currentData()
        if fmt == "xlsx":
            out, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export to"), f"{form_id or 'fieldsurvey'}.xlsx", "Excel (*.xlsx)"
            )
        else:
            out = QFileDialog.getExistingDirectory(self, self.tr("Export to which folder?"))
        if out:
            self.export_to(fmt, Path(out))

    def export_to(self, fmt: str, out: Path) -> None:
        if fmt not in EXPORT_FORMATS:
            return
        chosen = cast("Format", fmt)
        ws = self.workspace
        form_id = self.form_box.currentData()
        labels = self.export_labels.isChecked()
        lang = self.report_lang.currentData()
        self.export_message.setText(self.tr("Exporting…"))
        self.export_button.setEnabled(False)
        self.export_progress.setRange(0, 0)  # busy until the rows are counted
        self.export_progress.setVisible(True)
        self.export_cancel.setVisible(True)
        self.export_cancel.setEnabled(True)

        def work(progress: ProgressCallback, cancel: CancelToken) -> ExportResult:
            from fieldsurvey.reports.export_writers import export_workspace
            from fieldsurvey.worker_process import run_read

            return run_read(
                ws, export_workspace, chosen, out, form_id=form_id, labels=labels, lang=lang,
                progress=progress, cancel=cancel,
            )  # fmt: skip

        self.export_task = self.runner.run(
            work,
            on_success=lambda result: self._exported(result, out),
            on_failure=self._export_failed,
            on_progress=self._export_progress,
            write=False,
            # Every row of the store streams through (when the workspace is too small for
            # a worker process): without the collector's full collections over what the
            # export holds (7 of up to 425 ms, GIL held, for the xlsx of 1,000,000
            # interviews; the same peak memory at 100,000).
            pause_collector=True,
        )

    def cancel_export(self) -> None:
        if self.export_task is not None:
            self.export_task.cancel()
            self.export_cancel.setEnabled(False)
            self.export_message.setText(self.tr("Stopping the export…"))

    def _export_progress(self, progress: Progress) -> None:
        if progress.total:
            self.export_progress.setRange(0, progress.total)
            self.export_progress.setValue(progress.done)
        self.export_message.setText(progress.text())

    def _export_done(self) -> None:
        self.export_task = None
        self.export_button.setEnabled(True)
        self.export_progress.setVisible(False)
        self.export_cancel.setVisible(False)

    def _exported(self, result: ExportResult, out: Path) -> None:
        self._export_done()
        self.export_message.setText(
            _with_notes(
                (
                    self.tr("1 file written to %2.")
                    if len(result.files) == 1
                    else self.tr("%1 files written to %2.")
                )
                .replace("%1", str(len(result.files)))
                .replace("%2", str(out)),
                result.warnings,
            )
        )

    def _export_failed(self, exc: BaseException) -> None:
        from fieldsurvey.progress import Cancelled

        self._export_done()
        if isinstance(exc, Cancelled):  # asked for: not something needing attention
            self.export_message.setText(self.tr("Export cancelled; no file was written."))
        else:
            show_inline_or_dialog(self, self.export_message, exc)
