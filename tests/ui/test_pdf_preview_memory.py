"""The PDF preview holds only the pages near the view as images (issue 15).

Every page of a report was kept as images (~6 MB a page at 1366x768): the all-wards
report of 116 pages took ~700 MB and the app peaked at 1.3 GB. Now each page is a label
of the page's size, blank until it comes near the view; the pages are rendered in tasks
(real threads here) and let go of when the view moves away.
"""

from __future__ import annotations

import threading

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from fieldsurvey.ui import pdf_preview
from fieldsurvey.ui.pdf_preview import PdfPreview, render_pages
from fieldsurvey.ui.tasks import TaskRunner

PAGES = 100
#: At 1366x768 an A4 page is ~1,120 pixels tall: at most 2 in view, and KEEP either side.
MOST_HELD = 2 + 2 * PdfPreview.KEEP


def colour(index: int) -> QColor:
    """Page ``index``'s colour: a block of it fills the page's middle."""
    return QColor((index * 37) % 256, (index * 91) % 256, 200 - index)


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "long.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for index in range(PAGES):
        c = colour(index)
        pdf.setFillColorRGB(c.red() / 255, c.green() / 255, c.blue() / 255)
        pdf.rect(width * 0.2, height * 0.2, width * 0.6, height * 0.6, stroke=0, fill=1)
        pdf.setFillColorRGB(0, 0, 0)
        pdf.drawString(72, 72, f"Page {index + 1}")
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def preview(qtbot, long_pdf, monkeypatch):
    runner = TaskRunner()  # real threads
    view = PdfPreview(runner=runner)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.rendered_on = []  # the threads pages were rendered on
    render = pdf_preview.render_page

    def watched(pdf, index, dpi):
        view.rendered_on.append(threading.get_ident())
        return render(pdf, index, dpi)

    monkeypatch.setattr(pdf_preview, "render_page", watched)
    # The reports page reads the pages' sizes and renders the first ones in its task.
    found = []
    task = threading.Thread(
        target=lambda: found.append(render_pages(long_pdf, view.room(), view.ratio()))
    )
    task.start()
    task.join()
    view.show_pages(found[0])
    yield view
    runner.wait_all()
    qtbot.wait(50)  # the last pages rendered reach the pane while it is there


def shows_its_page(view: PdfPreview, index: int) -> bool:
    """Page ``index``'s label holds the page's image, fitted to the pane."""
    pixmap = view.labels[index].pixmap()
    if pixmap.isNull():
        return False
    image = pixmap.toImage()
    # As wide as the pane allows (less its margins), never wider than at 96 dpi.
    fits = min(view.viewport().width(), A4[0] * 96 / 72)
    assert fits - 30 <= pixmap.deviceIndependentSize().width() <= fits
    middle = QColor(image.pixelColor(image.width() // 2, image.height() // 2))
    want = colour(index)
    return all(abs(a - b) <= 2 for a, b in zip(middle.getRgb()[:3], want.getRgb()[:3], strict=True))


def in_view(view: PdfPreview) -> list[int]:
    """The pages a user sees now, from the labels' places on screen."""
    top = view.verticalScrollBar().value()
    bottom = top + view.viewport().height()
    return [
        index
        for index, label in enumerate(view.labels)
        if label.y() < bottom and label.y() + label.height() > top
    ]


def test_a_long_pdf_opens_with_its_first_page_and_blank_pages_of_the_right_size(
    qtbot, preview
) -> None:
    assert preview.page_count == PAGES
    qtbot.waitUntil(lambda: shows_its_page(preview, 0))
    sizes = {(label.width(), label.height()) for label in preview.labels}
    assert len(sizes) == 1  # every page has its size on screen, rendered or not
    ((width, height),) = sizes
    assert abs(height / width - A4[1] / A4[0]) < 0.01
    # The scroll bar spans every page from the start.
    bar = preview.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() >= PAGES * height - preview.viewport().height())
    assert len(preview.held_pages()) <= MOST_HELD


def test_scrolling_through_a_100_page_pdf_holds_a_few_pages_and_shows_the_last(
    qtbot, preview
) -> None:
    bar = preview.verticalScrollBar()
    qtbot.waitUntil(lambda: shows_its_page(preview, 0))
    preview.setFocus()
    held_most = 0
    for _ in range(12):  # Page Down, looking at each page as it comes
        qtbot.keyClick(preview, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda: all(shows_its_page(preview, i) for i in in_view(preview)))
        held_most = max(held_most, len(preview.held_pages()))
    assert bar.value() > 0
    bar.setValue(bar.maximum())  # the bar dragged to the end
    qtbot.waitUntil(lambda: shows_its_page(preview, PAGES - 1), timeout=10000)
    assert all(shows_its_page(preview, i) for i in in_view(preview))
    assert PAGES - 1 in in_view(preview)
    held_most = max(held_most, len(preview.held_pages()))
    assert held_most <= MOST_HELD
    assert set(preview.held_pages()) <= set(range(PAGES - 1 - MOST_HELD, PAGES))
    # Only the pages looked at were rendered, and never on the UI thread.
    assert len(preview.rendered_on) < PAGES / 2
    assert threading.get_ident() not in preview.rendered_on


def test_jumping_around_shows_the_right_page_in_every_place(qtbot, preview) -> None:
    bar = preview.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    for fraction in (0.5, 0.1, 0.9, 0.3):  # the bar dragged here and there, no waiting
        bar.setValue(int(bar.maximum() * fraction))
        qtbot.wait(5)
    bar.setValue(int(bar.maximum() * 0.7))
    qtbot.waitUntil(lambda: all(shows_its_page(preview, i) for i in in_view(preview)))
    for index in preview.held_pages():  # no page shows another page's image
        assert shows_its_page(preview, index)
    assert len(preview.held_pages()) <= MOST_HELD


def test_a_narrower_pane_gets_smaller_pages_in_the_same_place(qtbot, preview) -> None:
    bar = preview.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(preview.labels[40].y() + 10)
    qtbot.waitUntil(lambda: shows_its_page(preview, 40))
    preview.resize(700, 768)
    qtbot.waitUntil(lambda: preview.labels[40].width() <= preview.viewport().width())
    qtbot.waitUntil(lambda: all(shows_its_page(preview, i) for i in in_view(preview)))
    assert in_view(preview)[0] == 40  # still reading page 41
    assert preview.horizontalScrollBar().maximum() == 0
    assert len(preview.held_pages()) <= 3 + 2 * PdfPreview.KEEP  # smaller pages: 3 in view
