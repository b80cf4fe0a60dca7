"""Bar charts drawn with reportlab graphics: plain, labelled, and honest about gaps.

A suppressed category gets no bar, only its marker ('<5' or 'x'), so a chart never
shows what the table hides.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable

BAR = colors.HexColor("#2E6F95")
TRACK = colors.HexColor("#E4E9EF")
TEXT = colors.HexColor("#222222")
HIDDEN = colors.HexColor("#BDBDBD")
STACK_COLORS = [colors.HexColor(c) for c in ("#C8553D", "#F2A541", "#2E6F95", "#6A994E")]

FONT_SIZE = 7.5


def _wrap(text: str, font: str, width: float, max_lines: int = 2) -> list[str]:
    lines = simpleSplit(text, font, FONT_SIZE, width)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip(",") + "…"]
    return lines


class InlineBar(Flowable):
    """One table cell's bar: a light track for 100% and the share filled in (two
    rectangles drawn straight on the canvas: a report has thousands of these, and a
    :class:`Drawing` of two shapes costs ten times as much to build and draw)."""

    def __init__(self, pct: float | None, width: float, height: float = 8.0) -> None:
        super().__init__()
        self.pct = pct
        self.width = width
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, width, height = self.canv, self.width, self.height
        canvas.setFillColor(TRACK)
        canvas.rect(0, 1, width, height - 2, stroke=0, fill=1)
        if self.pct:
            canvas.setFillColor(BAR)
            canvas.rect(0, 1, width * min(self.pct, 100.0) / 100, height - 2, stroke=0, fill=1)


def inline_bar(pct: float | None, width: float, font: str, height: float = 8.0) -> Flowable:
    """One table cell's bar (``font``: unused, the bar has no text)."""
    return InlineBar(pct, width, height)


def stacked_chart(
    rows: Sequence[tuple[str, Sequence[float | None]]],
    legend: Sequence[str],
    width: float,
    font: str,
    hidden_label: str,
) -> Drawing:
    """100% stacked horizontal bars; hidden cells are pooled into one grey segment."""
    label_w = width * 0.22
    bar_x = label_w + 6
    bar_w = width - bar_x - 4
    row_h = 16.0
    legend_items = [*legend, hidden_label]
    legend_lines = 1 + (len(legend_items) > 3)
    legend_h = 12.0 * legend_lines + 4
    height = row_h * len(rows) + legend_h + 4
    d = Drawing(width, height, initialFontName=font)
    y = height - 2
    for label, values in rows:
        y -= row_h
        mid = y + row_h / 2
        text = _wrap(label, font, label_w, 1)[0]
        d.add(
            String(
                label_w,
                mid - 2.5,
                text,
                fontName=font,
                fontSize=FONT_SIZE,
                fillColor=TEXT,
                textAnchor="end",
            )
        )
        x = bar_x
        for k, value in enumerate(values):
            if value is None or value <= 0:
                continue
            seg = bar_w * value / 100
            color = STACK_COLORS[k % len(STACK_COLORS)]
            d.add(
                Rect(
                    x,
                    mid - 5.5,
                    seg,
                    11,
                    fillColor=color,
                    strokeColor=colors.white,
                    strokeWidth=0.5,
                )
            )
            if seg > 24:
                d.add(
                    String(
                        x + seg / 2,
                        mid - 2.5,
                        f"{value:.0f}%",
                        fontName=font,
                        fontSize=6.5,
                        fillColor=colors.white,
                        textAnchor="middle",
                    )
                )
            x += seg
        rest = bar_x + bar_w - x
        if rest > 0.5 and any(v is None for v in values):
            d.add(
                Rect(
                    x,
                    mid - 5.5,
                    rest,
                    11,
                    fillColor=HIDDEN,
                    strokeColor=colors.white,
                    strokeWidth=0.5,
                )
            )
    x, ly = bar_x, legend_h - 12
    for k, name in enumerate(legend_items):
        color = HIDDEN if k == len(legend) else STACK_COLORS[k % len(STACK_COLORS)]
        w = 14 + _text_width(name, font)
        if x + w > width and x > bar_x:
            x, ly = bar_x, ly - 12
        d.add(Rect(x, ly, 8, 8, fillColor=color, strokeColor=None))
        d.add(String(x + 11, ly + 1, name, fontName=font, fontSize=FONT_SIZE, fillColor=TEXT))
        x += w + 10
    return d


def _text_width(text: str, font: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, FONT_SIZE))
