"""Show a PDF's pages and print them through the system print dialog.

Qt's own PDF module is not part of PySide6-Essentials; PDFium (pypdfium2, a few MB)
renders the pages to images instead, for the screen and at the printer's resolution.
PDFium is not thread-safe: every use holds :data:`PDFIUM`.

The preview keeps only the pages in or near the view as images: every page rendered at
once took ~6 MB a page (a 116-page report of every ward: ~700 MB, the app peaked at
1.3 GB). Each page is a :class:`PageLabel` of the page's size on screen, blank until its
image comes, so the scroll bar and scrolling are right from the start;
:meth:`PdfPreview.update_pages` (after a scroll, a resize, new pages) lets go of the
images more than :attr:`PdfPreview.KEEP` pages from the view and asks a task for the
missing ones (never rendered on the UI thread when there is a runner: ~10-40 ms a page).
PDFium renders each page straight at the size it is shown at (no scaling afterwards).
The task that writes a report also renders its first pages (:func:`render_pages`), so
the preview opens with them.
"""

from __future__ import annotations

import bisect
import math
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2
import shiboken6

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from fieldsurvey.ui.tasks import TaskRunner

SCREEN_DPI = 96
#: Raster resolution sent to the printer: sharp text, and fast on an old laptop.
PRINT_DPI = 200
#: Pages :func:`render_pages` renders with the pages' sizes (the first ones shown).
FIRST_PAGES = 2

#: Held by whoever uses PDFium (a task rendering a preview, the UI thread printing).
PDFIUM = threading.Lock()

#: A page's size in PDF points (1/72 inch).
PageSize = tuple[float, float]


def render_page(pdf: pypdfium2.PdfDocument, index: int, dpi: float) -> QImage:
    """Page ``index`` at ``dpi`` (PDFium's 4-byte BGRx is Qt's RGB32 on a little-endian
    machine: no conversion, and a QPixmap made from it shares its pixels)."""
    bitmap = pdf[index].render(scale=dpi / 72, prefer_bgrx=True, rev_byteorder=False)
    try:
        image = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32
        )
        if sys.byteorder == "big":  # BGRx is then not RGB32's byte order
            image = image.rgbSwapped()
        return image.copy()  # own the pixels: the bitmap goes away
    finally:
        bitmap.close()


def page_pixels(size: PageSize, room: int, ratio: float) -> tuple[int, int]:
    """The device pixels of a page of ``size`` points shown in a pane ``room`` pixels
    wide on a screen of ``ratio`` device pixels per pixel: as wide as the pane allows,
    never wider than at 96 dpi."""
    native = size[0] * SCREEN_DPI / 72  # the page's width at 96 dpi, in pixels
    width = max(1, int(min(native, room) * ratio))
    return width, max(1, math.ceil(size[1] * width / size[0]))


def render_fitted(pdf: pypdfium2.PdfDocument, index: int, width: int) -> QImage:
    """Page ``index`` rendered ``width`` device pixels wide (:func:`page_pixels`)."""
    points = pdf.get_page_size(index)[0]
    # PDFium makes ceil(points * scale) pixels: a hair less than the exact scale.
    return render_page(pdf, index, 72 * width / points * (1 - 1e-9))


@dataclass
class RenderedPages:
    """A PDF's page sizes and its first pages, rendered for the preview (by
    :func:`render_pages`, in a task)."""

    path: Path
    ratio: float
    room: int
    #: Every page's size in points.
    sizes: list[PageSize] = field(default_factory=list)
    #: The first pages, fitted to ``room`` (:func:`page_pixels`), by page number.
    images: dict[int, QImage] = field(default_factory=dict)


def render_pages(path: Path, room: int, ratio: float, first: int = FIRST_PAGES) -> RenderedPages:
    """Read the page sizes of ``path`` and render its ``first`` pages for a preview pane
    ``room`` pixels wide on a screen of ``ratio`` device pixels per pixel
    (:meth:`PdfPreview.room`, :meth:`PdfPreview.ratio`, read on the UI thread). Safe off
    the UI thread: run it in the task that writes the PDF."""
    pages = RenderedPages(path=path, ratio=ratio, room=room)
    with PDFIUM:
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            pages.sizes = [pdf.get_page_size(index) for index in range(len(pdf))]
            for index in range(min(first, len(pages.sizes))):
                width, _height = page_pixels(pages.sizes[index], room, ratio)
                pages.images[index] = render_fitted(pdf, index, width)
        finally:
            pdf.close()
    return pages


#: A page rendered for the preview: its number, the width asked for, the image.
Rendered = tuple[int, int, QImage]


def render_some(path: Path, jobs: Sequence[tuple[int, int]], wanted: _Wanted) -> list[Rendered]:
    """Render the pages ``jobs`` (page number, width in device pixels) of ``path``, each
    only if ``wanted`` still asks for it when its turn comes (the user scrolls on)."""
    found: list[Rendered] = []
    with PDFIUM:
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            for index, width in jobs:
                if index in wanted.pages:
                    found.append((index, width, render_fitted(pdf, index, width)))
        finally:
            pdf.close()
    return found


class _Wanted:
    """The pages the preview wants now: replaced on the UI thread, read by the task."""

    def __init__(self) -> None:
        self.pages: frozenset[int] = frozenset()


class PageLabel(QLabel):
    """One page: white with a border, its image (:meth:`pixmap`) once rendered. The
    label has the page's size on screen whether or not the image is there; an image
    rendered for another width (the pane was resized) is drawn scaled until the new one
    comes."""

    BORDER = 1
    EDGE = QColor("#999")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            inner = QRectF(self.rect()).adjusted(
                self.BORDER, self.BORDER, -self.BORDER, -self.BORDER
            )
            painter.fillRect(self.rect(), self.EDGE)
            painter.fillRect(inner, Qt.GlobalColor.white)
            pixmap = self.pixmap()
            if pixmap.isNull():
                return
            size = pixmap.deviceIndependentSize()
            if abs(size.width() - inner.width()) < 1 and abs(size.height() - inner.height()) < 1:
                painter.drawPixmap(QPointF(self.BORDER, self.BORDER), pixmap)
            else:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawPixmap(inner, pixmap, QRectF(pixmap.rect()))
        finally:
            painter.end()


class PdfPreview(QScrollArea):
    """The pages of one PDF, one under the other, scaled to the pane's width (never
    wider than at 96 dpi): no sideways scrolling, also after the window is resized.
    Only the pages near the view are held as images (:attr:`KEEP`)."""

    #: The border drawn around each page (pixels on each side).
    BORDER = PageLabel.BORDER
    #: Pages kept as images above and below the visible ones; the others are let go.
    KEEP = 2
    #: Pages rendered ahead below (and behind above) the visible ones.
    AHEAD = 1
    #: Pages one task renders at most (then the view is looked at again).
    BATCH = 2
    #: Fit the pages again this long after the last resize (ms): a drag resizes often.
    REFIT_DELAY = 80
    #: Look at the view this long after a scroll (ms): Page Down held down scrolls often.
    SCROLL_DELAY = 10

    def __init__(self, parent: QWidget | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        #: Renders the pages off the UI thread; without one they are rendered here.
        self.runner = runner
        self._generation = 0  # results for older pages or sizes are dropped
        self._wanted = _Wanted()
        self._busy = False  # a task is rendering
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(self.REFIT_DELAY)
        self._refit.timeout.connect(self._fit)
        self._look = QTimer(self)
        self._look.setSingleShot(True)
        self._look.setInterval(self.SCROLL_DELAY)
        self._look.timeout.connect(self.update_pages)
        self.setWidgetResizable(True)
        # Always room for the vertical bar: pages are tall, and the width they are
        # scaled to must not change when the bar comes and goes.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().rangeChanged.connect(self._range_changed)
        self._scroll_to: int | None = None  # where to scroll once the pages are laid out
        self.pages = QWidget()
        self.column = QVBoxLayout(self.pages)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self.pages)
        self.path: Path | None = None
        self.page_count = 0
        self.sizes: list[PageSize] = []  # each page's size in points
        self.labels: list[PageLabel] = []
        #: The pane's width and screen ratio the labels are laid out for.
        self._fit_for: tuple[int, float] = (0, 0.0)
        #: Each page's width in device pixels for that, and each label's top.
        self._widths: list[int] = []
        self._tops: list[int] = []
        #: The pages holding an image, and the width (device pixels) it was rendered at.
        self._held: dict[int, int] = {}

    def ratio(self) -> float:
        """Device pixels per pixel the pages are rendered for (1 to 2)."""
        return min(2.0, max(1.0, self.devicePixelRatioF()))

    def room(self) -> int:
        """The width a page may take: the visible width less margins and border."""
        margins = self.column.contentsMargins()
        spare = margins.left() + margins.right() + 2 * self.BORDER
        return max(100, self.viewport().width() - spare)

    def held_pages(self) -> list[int]:
        """The pages held as images now (the rest are blank labels of the right size)."""
        return sorted(self._held)

    def show_pdf(self, path: Path) -> None:
        """Show ``path`` here (the reports page reads it in its task and calls
        :meth:`show_pages`)."""
        self.show_pages(render_pages(path, self.room(), self.ratio()))

    def show_pages(self, pages: RenderedPages) -> None:
        """Show the PDF of :func:`render_pages`: a label for each page, its first pages'
        images (used scaled until fitted again if the pane's width or the screen changed
        since), the rest rendered as they come into view."""
        self._generation += 1
        self._refit.stop()
        self._look.stop()
        self._wanted.pages = frozenset()
        self._scroll_to = None
        for label in self.labels:
            self.column.removeWidget(label)
            label.hide()
            label.setParent(None)  # type: ignore[call-overload]  # let go now
        self.path = pages.path
        self.sizes = list(pages.sizes)
        self.page_count = len(self.sizes)
        self.labels = [PageLabel() for _size in self.sizes]
        for label in self.labels:
            self.column.addWidget(label)
        self._held = {}
        self._fit_for = (0, 0.0)
        self._lay_out()
        for index, image in pages.images.items():
            width, _height = page_pixels(self.sizes[index], pages.room, pages.ratio)
            self._hold(index, width, image)  # fitted again if the width changed since
        self.verticalScrollBar().setValue(0)
        self.update_pages()

    def _lay_out(self) -> None:
        """Give every label its page's size for the pane's width now."""
        room, ratio = self.room(), self.ratio()
        if (room, ratio) == self._fit_for:
            return
        self._fit_for = (room, ratio)
        self._generation += 1  # images asked for the old width are not wanted
        spacing = max(0, self.column.spacing())
        top = self.column.contentsMargins().top()
        self._widths, self._tops = [], []
        for label, size in zip(self.labels, self.sizes, strict=True):
            width, height = page_pixels(size, room, ratio)
            self._widths.append(width)
            self._tops.append(top)
            label.setFixedSize(
                math.ceil(width / ratio) + 2 * self.BORDER,
                math.ceil(height / ratio) + 2 * self.BORDER,
            )
            top += label.height() + spacing

    def _hold(self, index: int, width: int, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.ratio())
        self.labels[index].setPixmap(pixmap)
        self._held[index] = width

    def _let_go(self, index: int) -> None:
        self.labels[index].setPixmap(QPixmap())
        del self._held[index]

    def visible_pages(self) -> range:
        """The pages in the view (or partly)."""
        if not self.labels:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        last = max(first, bisect.bisect_left(self._tops, bottom) - 1)
        return range(first, min(last, len(self.labels) - 1) + 1)

    def _keep(self) -> range:
        """The pages held as images: the visible ones and :attr:`KEEP` either side."""
        visible = self.visible_pages()
        return range(max(0, visible.start - self.KEEP), visible.stop + self.KEEP)

    def update_pages(self) -> None:
        """Let go of the images far from the view; render the missing ones near it."""
        self._look.stop()
        if not self.labels or self.path is None:
            return
        visible = self.visible_pages()
        keep = self._keep()
        for index in [index for index in self._held if index not in keep]:
            self._let_go(index)
        ahead = range(visible.stop, min(len(self.labels), visible.stop + self.AHEAD))
        behind = range(visible.start - 1, max(-1, visible.start - 1 - self.AHEAD), -1)
        missing = [
            index
            for index in (*visible, *ahead, *behind)
            if self._held.get(index) != self._widths[index]
        ]
        self._wanted.pages = frozenset(missing)
        if not missing or self._busy:
            return  # a task is rendering: looked at again when it is done
        jobs = [(index, self._widths[index]) for index in missing[: self.BATCH]]
        path, generation = self.path, self._generation
        if self.runner is None:
            self._rendered(generation, render_some(path, jobs, self._wanted))
            return
        self._busy = True
        self.runner.run(
            lambda progress, cancel: render_some(path, jobs, self._wanted),
            on_success=lambda found: self._rendered(generation, found),
            on_failure=self._not_rendered,
            write=False,
        )

    def _rendered(self, generation: int, found: list[Rendered]) -> None:
        if not shiboken6.isValid(self):
            return  # the pane was closed while the task rendered
        self._busy = False
        if generation == self._generation:
            keep = self._keep()
            for index, width, image in found:
                if index in keep and width == self._widths[index]:
                    self._hold(index, width, image)
        found.clear()
        self._look.start()  # the rest, in a new task (never nested in this one)

    def _not_rendered(self, exc: BaseException) -> None:
        """The PDF could not be read (e.g. a new report is being written over it): the
        pages stay blank until the next scroll or new pages."""
        if shiboken6.isValid(self):
            self._busy = False

    def _scrolled(self) -> None:
        if not self._look.isActive():
            self._look.start()

    def _fit(self) -> None:
        """Lay the pages out for the pane's width now, the same place of the same page
        at the top of the view."""
        bar = self.verticalScrollBar()
        top = bar.value()
        page = max(0, bisect.bisect_right(self._tops, top) - 1) if self._tops else 0
        into = (top - self._tops[page]) / self.labels[page].height() if self._tops else 0.0
        self._lay_out()
        if self._tops:
            value = self._tops[page] + round(into * self.labels[page].height())
            if value > bar.maximum():
                self._scroll_to = value  # once the scroll bar has the new range
            bar.setValue(value)
        self.update_pages()

    def _range_changed(self) -> None:
        if self._scroll_to is not None:
            self.verticalScrollBar().setValue(self._scroll_to)
            self._scroll_to = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.labels:
            return
        if event.size().width() != event.oldSize().width():
            if self.runner is None:
                self._fit()
            else:
                self._refit.start()  # once the resizing stops
        else:
            self._look.start()  # taller or shorter: more or fewer pages in view


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Print every page of ``path`` on ``printer``; returns the number of pages."""
    with PDFIUM:
        return _print_pdf(path, printer)


def _print_pdf(path: Path, printer: QPrinter) -> int:
    pdf = pypdfium2.PdfDocument(str(path))
    painter = QPainter()
    try:
        if not painter.begin(printer):
            return 0
        dpi = min(printer.resolution(), PRINT_DPI)
        for index in range(len(pdf)):
            if index:
                printer.newPage()
            image = render_page(pdf, index, dpi)
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
        return len(pdf)
    finally:
        if painter.isActive():
            painter.end()
        pdf.close()


def ask_and_print(parent: QWidget, path: Path) -> int:
    """The system print dialog, then the pages; 0 if the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    return print_pdf(path, printer)
