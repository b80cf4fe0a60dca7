"""Draw FieldSurvey's app icon with QPainter (offscreen) and write the PNGs and the .ico.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icon.py

Writes ``resources/icons/fieldsurvey.png`` (256 px, the one the app loads),
``fieldsurvey-64.png``, ``fieldsurvey-32.png`` and ``fieldsurvey.ico`` (16 to 256 px, for
the Windows executable). The design is a white survey sheet with a bold check mark on a
teal rounded square. Each size is drawn on its own, not scaled down: below 48 px the
clip and the text lines are left out and the strokes are snapped to whole pixels, so the
sheet and the check still read clearly at 16 px.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = {256: "fieldsurvey.png", 64: "fieldsurvey-64.png", 32: "fieldsurvey-32.png"}
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

TEAL = QColor("#0f766e")
TEAL_DARK = QColor("#115e59")
SHEET = QColor("#ffffff")
LINES = QColor("#99c9c4")
CHECK = QColor("#ea580c")  # orange: stands out from the teal at any size


def draw(size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels, transparent outside the rounded square."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    small = size < 48
    s = size / 16.0  # one "design pixel" of the 16 px grid
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    # Background: a rounded square filling the whole icon.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(TEAL)
    radius = 3.0 * s
    p.drawRoundedRect(QRectF(0, 0, size, size), radius, radius)

    # The sheet: whole-pixel edges at small sizes so it stays crisp.
    left, top, right, bottom = (3, 2, 13, 15) if small else (3.2, 2.4, 12.8, 14.6)
    sheet = QRectF(left * s, top * s, (right - left) * s, (bottom - top) * s)
    if small:
        sheet = QRectF(round(sheet.x()), round(sheet.y()), round(sheet.width()),
                       round(sheet.height()))  # fmt: skip
    p.setBrush(SHEET)
    p.drawRoundedRect(sheet, 0.8 * s, 0.8 * s)

    if not small:
        # Clip at the top of the sheet and three short text lines.
        p.setBrush(TEAL_DARK)
        p.drawRoundedRect(QRectF(5.6 * s, 1.5 * s, 4.8 * s, 2.0 * s), 0.6 * s, 0.6 * s)
        p.setBrush(LINES)
        for row in (5.0, 6.6):
            p.drawRoundedRect(QRectF(5.0 * s, row * s, 6.0 * s, 0.7 * s), 0.3 * s, 0.3 * s)

    # The check mark: thick, round-capped, in the lower part of the sheet.
    pen = QPen(CHECK)
    pen.setWidthF((2.4 if small else 1.7) * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    check = QPainterPath()
    if small:
        check.moveTo(QPointF(5.0 * s, 9.0 * s))
        check.lineTo(QPointF(7.3 * s, 11.6 * s))
        check.lineTo(QPointF(11.2 * s, 6.0 * s))
    else:
        check.moveTo(QPointF(5.4 * s, 10.4 * s))
        check.lineTo(QPointF(7.4 * s, 12.4 * s))
        check.lineTo(QPointF(10.9 * s, 8.4 * s))
    p.drawPath(check)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico holding one PNG-compressed entry per size (Windows Vista and later)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = images[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    ICONS.mkdir(parents=True, exist_ok=True)
    for size, name in PNG_SIZES.items():
        (ICONS / name).write_bytes(png_bytes(draw(size)))
    (ICONS / "fieldsurvey.ico").write_bytes(ico_bytes({n: png_bytes(draw(n)) for n in ICO_SIZES}))
    del app
    print(f"Wrote {', '.join(PNG_SIZES.values())} and fieldsurvey.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
