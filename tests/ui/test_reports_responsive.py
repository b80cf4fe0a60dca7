"""The reports page stays responsive while a summary is written and shown (issue 15).

bench/bench_ui_scale.py found the window frozen 5.4 s (1.3 s of the UI thread's CPU)
after the all-wards summary of 10,000 interviews was written: the preview rendered every
page with PDFium on the UI thread. The first pages are now rendered (fitted to the pane)
in the task that writes the PDF, the others in tasks as they come into view
(tests/ui/test_pdf_preview_memory.py); the UI thread only puts them on screen.
"""

from __future__ import annotations

import threading
import time

import pytest

from PySide6.QtWidgets import QLabel

from fieldsurvey.ui import pdf_preview
from fieldsurvey.ui.reports_page import ReportsPage
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import seeded_workspace


@pytest.fixture
def workspace_with_data(tmp_path):
    ws = seeded_workspace(tmp_path / "ws", 40, seed=7)
    yield ws
    ws.close()


def _threads_rendering(monkeypatch) -> list[int]:
    """The thread of every page render from now on (the UI thread must render none)."""
    seen: list[int] = []
    render = pdf_preview.render_page

    def watched(pdf, index, dpi):
        seen.append(threading.get_ident())
        return render(pdf, index, dpi)

    monkeypatch.setattr(pdf_preview, "render_page", watched)
    return seen


def test_the_summary_pages_are_rendered_off_the_ui_thread(
    qtbot, workspace_with_data, monkeypatch
) -> None:
    rendered_on = _threads_rendering(monkeypatch)
    runner = TaskRunner()  # real threads
    page = ReportsPage(workspace_with_data, runner)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.wards.count() > 0, timeout=30000)

    # The UI thread's own CPU time in the handler that shows the written report.
    shown_cpu: list[float] = []
    written = page._written

    def timed(found):
        start = time.thread_time()
        written(found)
        shown_cpu.append(time.thread_time() - start)

    monkeypatch.setattr(page, "_written", timed)
    page.preview_button.click()  # every ward: the longest report
    qtbot.waitUntil(lambda: bool(shown_cpu), timeout=120000)
    runner.wait_all()

    preview = page.preview
    count = preview.page_count
    assert count >= 2 and page.message.text().startswith(f"{count} pages.")
    # Showing the pages costs the UI thread little (rendering them took ~40 ms a page).
    assert shown_cpu[0] < 0.1, shown_cpu
    # ... and they are shown, fitted to the pane.
    qtbot.waitUntil(lambda: fitted_in_view(preview))
    labels = preview.widget().findChildren(QLabel)
    assert len(labels) == count
    # The last page, once the user scrolls down to it.
    bar = preview.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: count - 1 in in_view(preview) and fitted_in_view(preview))
    runner.wait_all()
    assert threading.get_ident() not in rendered_on  # never on the UI thread
    assert len(rendered_on) < count  # only the pages looked at (the report has 20)


def in_view(preview: pdf_preview.PdfPreview) -> list[int]:
    """The pages a user sees, from the labels' places on screen."""
    top = preview.verticalScrollBar().value()
    bottom = top + preview.viewport().height()
    return [
        index
        for index, label in enumerate(preview.labels)
        if label.y() < bottom and label.y() + label.height() > top
    ]


def fitted_in_view(preview: pdf_preview.PdfPreview) -> bool:
    """Every page in view shows its image, as wide as the pane allows; no page is
    wider than the pane."""
    room = preview.viewport().width()
    assert all(label.width() <= room for label in preview.labels)
    widths = [preview.labels[i].pixmap().deviceIndependentSize().width() for i in in_view(preview)]
    return bool(widths) and all(room * 0.8 <= width <= room for width in widths)


def test_a_preview_rendered_for_another_width_is_fitted_again(qtbot, workspace_with_data) -> None:
    """The pane was resized while the task rendered: the pages fit the new width."""
    page = ReportsPage(workspace_with_data, TaskRunner(synchronous=True))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.make_preview()
    assert page.pdf is not None
    pages = pdf_preview.render_pages(page.pdf, page.preview.room() + 300, page.preview.ratio())
    page.preview.show_pages(pages)
    room = page.preview.viewport().width()
    labels = page.preview.widget().findChildren(QLabel)
    assert labels and all(label.width() <= room for label in labels)  # at once
    assert page.preview.horizontalScrollBar().maximum() == 0
    qtbot.waitUntil(lambda: fitted_in_view(page.preview))  # then rendered for it


def test_after_a_resize_the_pages_are_scaled_again_off_the_ui_thread(
    qtbot, workspace_with_data, monkeypatch
) -> None:
    """Resizing the window with a long report shown froze it (0.4 s of smooth scaling of
    116 pages per resize): the pages in view are rendered again in a task once the
    resizing stops."""
    runner = TaskRunner()  # real threads
    page = ReportsPage(workspace_with_data, runner)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.wards.count() > 0, timeout=30000)
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.pdf is not None and page.preview.page_count > 0, timeout=120000)
    runner.wait_all()
    qtbot.waitUntil(lambda: fitted_in_view(page.preview))
    scaled_on = _threads_rendering(monkeypatch)
    for width in (1200, 1000, 900):  # a drag: one fit after the last
        page.resize(width, 768)

    def fits() -> bool:
        assert page.preview.horizontalScrollBar().maximum() == 0
        return fitted_in_view(page.preview)

    qtbot.waitUntil(fits, timeout=30000)
    runner.wait_all()
    # Once, for the last width, the pages in view and the next (not every page).
    assert 0 < len(scaled_on) <= len(in_view(page.preview)) + page.preview.AHEAD
    assert threading.get_ident() not in scaled_on
