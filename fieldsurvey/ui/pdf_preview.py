"""Show a PDF's pages and print them through the system print dialog.

Qt's own PDF module is not part of PySide6-Essentials; PDFium (pypdfium2, a few MB)
renders the pages to images instead, for the screen and at the printer's resolution.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
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
    """The pages of one PDF, one under the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.pages = QWidget()
        self.column = QVBoxLayout(self.pages)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self.pages)
        self.path: Path | None = None
        self.page_count = 0

    def show_pdf(self, path: Path) -> None:
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.path = path
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            self.page_count = len(pdf)
            # Fit the page width into the visible area (A4 at 96 dpi is wider than half
            # a 1366-pixel screen); never larger than 96 dpi.
            width_pt = pdf[0].get_width() if self.page_count else 595
            room = max(200, self.viewport().width() - 24)
            dpi = min(SCREEN_DPI, room / width_pt * 72)
            for index in range(self.page_count):
                label = QLabel()
                label.setPixmap(QPixmap.fromImage(render_page(pdf, index, dpi)))
                label.setStyleSheet("border: 1px solid #999; background: white;")
                self.column.addWidget(label)
        finally:
            pdf.close()


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
