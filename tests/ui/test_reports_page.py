"""Managers preview a ward summary, print it and save it as PDF, from the Reports tab."""

from __future__ import annotations

import pypdf
import pytest

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from fieldsurvey.ui.pdf_preview import print_pdf
from fieldsurvey.ui.reports_page import ReportsPage
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import seeded_workspace


@pytest.fixture
def workspace_with_data(tmp_path):
    ws = seeded_workspace(tmp_path / "ws", 40, seed=7)
    yield ws
    ws.close()


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_preview_then_save_one_ward_in_vietnamese(qtbot, workspace_with_data, tmp_path) -> None:
    page = ReportsPage(workspace_with_data, TaskRunner(synchronous=True))
    qtbot.addWidget(page)
    assert page.form_box.currentData() == "mnet_migrant_household"
    codes = [page.wards.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.wards.count())]
    assert codes[:2] == ["phuc_tan", "chuong_duong"]
    page.wards.item(0).setCheckState(Qt.CheckState.Checked)
    page.report_lang.setCurrentIndex(page.report_lang.findData("vi"))
    page.make_preview()
    assert page.preview.page_count >= 2
    assert page.message.text().startswith(f"{page.preview.page_count} pages. Print it")
    assert page.save_button.isEnabled()
    out = tmp_path / "phuc-tan.pdf"
    page.save_to(out)
    text = _text(out)
    assert "Phúc Tân" in text
    assert "Chương Dương" not in text


def test_printing_sends_every_page_to_the_printer(qtbot, workspace_with_data, tmp_path) -> None:
    page = ReportsPage(workspace_with_data, TaskRunner(synchronous=True))
    qtbot.addWidget(page)
    page.make_preview()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(72)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert print_pdf(page.pdf, printer) == page.preview.page_count
    assert len(pypdf.PdfReader(printed).pages) == page.preview.page_count


def test_export_data_for_stata_and_excel(qtbot, workspace_with_data, tmp_path) -> None:
    import pandas as pd
    import pyreadstat

    page = ReportsPage(workspace_with_data, TaskRunner(synchronous=True))
    qtbot.addWidget(page)
    page.export_to("xlsx", tmp_path / "data.xlsx")
    assert "written to" in page.export_message.text()
    sheets = pd.read_excel(tmp_path / "data.xlsx", sheet_name=None)
    rows = {name: len(frame) for name, frame in sheets.items()}
    assert 40 in rows.values(), rows  # one row per interview in the form's own table
    (tmp_path / "stata").mkdir()
    page.export_to("stata", tmp_path / "stata")
    files = sorted((tmp_path / "stata").glob("*.dta"))
    read = [pyreadstat.read_dta(str(f)) for f in files]
    assert 40 in [len(frame) for frame, _meta in read]
    assert all(meta.variable_value_labels for _frame, meta in read)  # codes keep labels


def test_export_says_what_it_had_to_cut(qtbot, workspace_with_data, tmp_path) -> None:
    """A text longer than an Excel cell holds is cut with a marker; the page says so
    (the core returns it as a warning, which the page used to ignore)."""
    from fieldsurvey.store.interviews import (
        complete,
        list_interviews,
        return_for_correction,
        set_answer,
    )

    ws = workspace_with_data
    uuid = next(i.uuid for i in list_interviews(ws) if i.status == "completed")
    return_for_correction(ws, uuid, "name", who="test")  # editable again
    set_answer(ws, uuid, "respondent/resp_name", "ẫ" * 40_000, who="test")
    complete(ws, uuid, who="test")
    page = ReportsPage(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(page)
    page.export_to("xlsx", tmp_path / "data.xlsx")
    lines = page.export_message.text().splitlines()
    assert "written to" in lines[0]
    assert any("resp_name" in line and "32767" in line for line in lines[1:]), lines


def test_the_preview_fits_its_pane_at_1366x768_and_after_a_resize(
    qtbot, workspace_with_data
) -> None:
    """Every page is scaled to the pane's width: no horizontal scrolling, at the window's
    size when previewed nor after the window is made narrower or wider again."""
    from PySide6.QtWidgets import QLabel

    page = ReportsPage(workspace_with_data, TaskRunner(synchronous=True))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.make_preview()

    def fits() -> None:
        preview = page.preview
        room = preview.viewport().width()
        labels = preview.widget().findChildren(QLabel)
        assert labels and all(label.width() <= room for label in labels)
        assert preview.horizontalScrollBar().maximum() == 0
        assert labels[0].pixmap().deviceIndependentSize().width() >= room * 0.8  # not tiny

    qtbot.waitUntil(fits)
    page.resize(1000, 700)
    qtbot.waitUntil(fits)
    page.resize(1366, 768)
    qtbot.waitUntil(fits)
