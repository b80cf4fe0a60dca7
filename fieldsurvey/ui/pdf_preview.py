"""Show a PDF's pages and print them through the system print dialog.

Qt's own PDF module is not part of PySide6-Essentials; PDFium (pypdfium2, a few MB)
renders the pages to images instead, for the screen and at the printer's resolution.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

SCREEN_DPI = 96
#: Raster resolution sent to the printer: sharp text, and fast on an old laptop.
PRINT_DPI = 200


def render_page(pdf: pypdfium2.PdfDocument, index: int, dpi: float) -> QImage:
    bitmap = pdf[index].render(scale=dpi / 72)
    image = bitmap.to_pil().convert("RGB")
    data = image.tobytes("raw", "RGB")
    qimage = QImage(data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888)
    return qimage.copy()  # own the pixels: ``data`` goes away


class PdfPreview(QScrollArea):
    """The pages of one PDF, one under the other, scaled to the pane's width (never
    wider than at 96 dpi): no sideways scrolling, also after the window is resized."""

    #: The border drawn around each page (pixels on each side).
    BORDER = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # Always room for the vertical bar: pages are tall, and the width they are
        # scaled to must not change when the bar comes and goes.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.pages = QWidget()
        self.column = QVBoxLayout(self.pages)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self.pages)
        self.path: Path | None = None
        self.page_count = 0
        self.images: list[QImage] = []  # each page at 96 dpi (times the screen's ratio)
        self.labels: list[QLabel] = []

    def show_pdf(self, path: Path) -> None:
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.path = path
        self.images, self.labels = [], []
        ratio = min(2.0, max(1.0, self.devicePixelRatioF()))
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            self.page_count = len(pdf)
            for index in range(self.page_count):
                self.images.append(render_page(pdf, index, SCREEN_DPI * ratio))
                label = QLabel()
                label.setStyleSheet(f"border: {self.BORDER}px solid #999; background: white;")
                self.labels.append(label)
                self.column.addWidget(label)
        finally:
            pdf.close()
        self._fit()

    def room(self) -> int:
        """The width a page may take: the visible width less margins and border."""
        margins = self.column.contentsMargins()
        spare = margins.left() + margins.right() + 2 * self.BORDER
        return max(100, self.viewport().width() - spare)

    def _fit(self) -> None:
        if not self.images:
            return
        ratio = min(2.0, max(1.0, self.devicePixelRatioF()))
        room = self.room()
        for image, label in zip(self.images, self.labels, strict=True):
            native = image.width() / ratio  # the page's width at 96 dpi, in pixels
            width = max(1, int(min(native, room) * ratio))
            scaled = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            pixmap = QPixmap.fromImage(scaled)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Print every page of ``path`` on ``printer``; returns the number of pages."""
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
