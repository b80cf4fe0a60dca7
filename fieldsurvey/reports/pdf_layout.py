"""Page template, styles and the rendering of report blocks into reportlab flowables."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fieldsurvey.reports.blocks import Block, CrossBlock, FreqBlock, NumberBlock, TextTable
from fieldsurvey.reports.charts import inline_bar, stacked_chart
from fieldsurvey.reports.fonts import register_fonts
from fieldsurvey.reports.models import Lang
from fieldsurvey.reports.number_format import fmt_cell, fmt_dec, fmt_int, fmt_pct, fmt_vnd
from fieldsurvey.reports.report_text import t
from fieldsurvey.reports.summary_stats import Frequency

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
ACCENT = colors.HexColor("#1F4E79")
HEAD_BG = colors.HexColor("#E8EEF5")
RULE = colors.HexColor("#9FB3C8")
MUTED = colors.HexColor("#666666")


class Styles:
    def __init__(self) -> None:
        self.font, self.bold = register_fonts()
        base: dict[str, Any] = {"fontName": self.font, "textColor": colors.HexColor("#222222")}
        self.title = ParagraphStyle(
            "title", **{**base, "textColor": ACCENT}, fontSize=22, leading=28
        )
        self.subtitle = ParagraphStyle("subtitle", **base, fontSize=14, leading=19)
        self.h1 = ParagraphStyle(
            "h1", **{**base, "textColor": ACCENT}, fontSize=15, leading=20, spaceAfter=6
        )
        self.h2 = ParagraphStyle(
            "h2",
            **{**base, "textColor": ACCENT},
            fontSize=10.5,
            leading=14,
            spaceBefore=10,
            spaceAfter=4,
        )
        self.body = ParagraphStyle("body", **base, fontSize=9, leading=12)
        self.cell = ParagraphStyle("cell", **base, fontSize=8.5, leading=10.5)
        self.cell_r = ParagraphStyle("cell_r", parent=self.cell, alignment=TA_RIGHT)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=self.bold)
        self.head_r = ParagraphStyle("head_r", parent=self.head, alignment=TA_RIGHT)
        self.note = ParagraphStyle("note", **base, fontSize=7.5, leading=9.5)
        self.note.textColor = MUTED


#: Control characters (C0 but tab and newline, DEL, C1), bidi overrides and lone
#: surrogates: shown as ``\\x1b``/``\\u202e`` rather than passed to the PDF.
_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with control and bidi characters written out (``"\\x1b[2J"``); a
    Windows line end (CR LF) is a newline."""
    return _HIDDEN.sub(_show, text.replace("\r\n", "\n"))


def esc(text: str) -> str:
    """``text`` for a Paragraph: markup characters escaped, control characters visible."""
    return visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_pdf(
    out: Path,
    story: list[Flowable],
    header: str,
    lang: Lang,
    title: str,
    *,
    small_cell_note: bool = True,
) -> Path:
    """Write ``story`` to ``out`` on A4 pages with a running header and page numbers."""
    styles = Styles()

    def decorate(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(styles.font, 7.5)
        canvas.setFillColor(MUTED)
        if doc.page > 1:
            canvas.drawString(MARGIN_X, PAGE_H - 12 * mm, header)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN_X, PAGE_H - 13.5 * mm, PAGE_W - MARGIN_X, PAGE_H - 13.5 * mm)
        canvas.drawRightString(PAGE_W - MARGIN_X, 10 * mm, t("page", lang, n=doc.page))
        if small_cell_note:
            canvas.drawString(MARGIN_X, 10 * mm, t("small_cell_legend", lang))
        canvas.restoreState()

    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="FieldSurvey",
        lang="vi-VN" if lang == "vi" else "en",
        initialFontName=styles.font,
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return out


def grid_style(
    n_rows: int, total_row: bool, head_rows: int = 1, right_from: int | None = 1
) -> TableStyle:
    """Header band, zebra rows, numbers right-aligned from column ``right_from``, and a
    bold total row under a rule. Plain-string cells use the report font at 8.5 pt."""
    font, bold = register_fonts()
    cmds: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if right_from is not None:
        cmds.append(("ALIGN", (right_from, 0), (-1, -1), "RIGHT"))
    if head_rows:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_BG),
            ("LINEBELOW", (0, head_rows - 1), (-1, head_rows - 1), 0.8, ACCENT),
        ]
    for r in range(head_rows, n_rows - (1 if total_row else 0)):
        if (r - head_rows) % 2 == 1:
            cmds.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F6F8FA")))
    if total_row:
        cmds += [("LINEABOVE", (0, -1), (-1, -1), 0.6, RULE), ("FONTNAME", (0, -1), (-1, -1), bold)]
    return TableStyle(cmds)


class _Para(Paragraph):
    """A Paragraph that lays its lines out once per width: reportlab wraps a table's
    cells and a kept-together block's paragraphs two or three times at the same width
    (measuring, then drawing), and a report has thousands of them. A wrap at a width met
    before puts that width's lines back, so one _Para may stand in several tables (the
    header cells: :meth:`BlockRenderer.head`)."""

    _laid: dict[float, tuple[float, list[float], Any, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        laid = self._laid
        if laid is None:
            laid = self._laid = {}
        done = laid.get(availWidth)
        if done is not None:
            self.width, self._wrapWidths, self.blPara, self.height = done
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if width == availWidth:  # laid out (not a width too small to hold anything)
            laid[availWidth] = (self.width, self._wrapWidths, self.blPara, self.height)
        return width, height


class BlockRenderer:
    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.s = Styles()
        self.number = 0
        self._heads: dict[tuple[str, str], Paragraph] = {}

    def p(self, text: str, style: ParagraphStyle) -> Paragraph:
        return _Para(esc(text), style)

    def head(self, text: str, style: ParagraphStyle) -> Paragraph:
        """A table's header cell: the tables of a report repeat a few of them hundreds of
        times ("Count", "Percent"): one Paragraph per text and style, parsed once."""
        key = (text, style.name)
        found = self._heads.get(key)
        if found is None:
            found = self._heads[key] = self.p(text, style)
        return found

    def label(self, text: str, width: float, bold: bool = False) -> Any:
        """A plain string when it fits on one line (fast), else a wrapping Paragraph."""
        font = self.s.bold if bold else self.s.font
        text = visible(text)
        if len(text) < 200 and stringWidth(text, font, 8.5) <= width - 8:
            return text
        return self.p(text, self.s.head if bold else self.s.cell)

    def render(self, block: Block) -> list[Flowable]:
        self.number += 1
        heading = self.p(f"{self.number}. {block.title}", self.s.h2)
        if isinstance(block, FreqBlock):
            body = self._freq(block.freq, block.count_label)
        elif isinstance(block, CrossBlock):
            body = self._cross(block)
        elif isinstance(block, NumberBlock):
            body = self._numbers(block)
        else:
            body = self._text(block)
        notes = [] if isinstance(block, TextTable) else [block.base_note]
        notes += block.notes
        tail = [self.p(n, self.s.note) for n in notes if n]
        return [CondPageBreak(45 * mm), KeepTogether([heading, *body, Spacer(1, 2), *tail])]

    def _too_few(self) -> list[Flowable]:
        return [self.p(t("too_few", self.lang), self.s.body)]

    def _freq(self, freq: Frequency, count_label: str) -> list[Flowable]:
        lang, s = self.lang, self.s
        if freq.base_cell.hidden or freq.base == 0:
            return self._too_few()
        bar_w = 40 * mm
        widths = [CONTENT_W - bar_w - 48 * mm - 8, 24 * mm, 24 * mm, bar_w + 8]
        data: list[list[Any]] = [
            [
                self.head(t("category", lang), s.head),
                self.head(count_label or t("count", lang), s.head_r),
                self.head(t("percent", lang), s.head_r),
                "",
            ]
        ]
        for row in freq.rows:
            pct = freq.pct(row)
            data.append(
                [
                    self.label(row.label, widths[0]),
                    fmt_cell(row.cell, lang),
                    fmt_pct(pct, lang),
                    inline_bar(pct, bar_w, s.font),
                ]
            )
        data.append([t("total_base", lang), fmt_int(freq.base, lang), "", ""])
        table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1, splitInRow=1)
        table.setStyle(grid_style(len(data), total_row=True))
        return [table]

    def _cross(self, block: CrossBlock) -> list[Flowable]:
        lang, s, c = self.lang, self.s, block.cross
        if c.total.hidden or c.total.count == 0:
            return self._too_few()
        head1: list[Any] = [self.head(block.row_head, s.head)]
        head2: list[Any] = [""]
        for label in c.col_labels:
            head1 += [self.head(label, s.head), ""]
            head2 += [self.head(t("count", lang), s.head_r), self.head("%", s.head_r)]
        head1.append(self.head(t("total_base", lang), s.head_r))
        head2.append("")
        data = [head1, head2]
        n_cols = len(c.col_labels)
        first = CONTENT_W - n_cols * 2 * 19 * mm - 20 * mm
        for i, label in enumerate(c.row_labels):
            row: list[Any] = [self.label(label, first)]
            for j, cell in enumerate(c.cells[i]):
                row += [fmt_cell(cell, lang), fmt_pct(c.row_pct(i, j), lang)]
            row.append(fmt_cell(c.row_totals[i], lang))
            data.append(row)
        total: list[Any] = [t("total", lang)]
        for cell in c.col_totals:
            pct = None if cell.hidden or c.total.hidden else 100 * cell.count / c.total.count
            total += [fmt_cell(cell, lang), fmt_pct(pct, lang)]
        total.append(fmt_cell(c.total, lang))
        data.append(total)
        table = Table(
            data,
            colWidths=[first] + [19 * mm] * (2 * n_cols) + [20 * mm],
            hAlign="LEFT",
            repeatRows=2,
            splitInRow=1,
        )
        style = grid_style(len(data), total_row=True, head_rows=2)
        for j in range(n_cols):
            style.add("SPAN", (1 + 2 * j, 0), (2 + 2 * j, 0))
        style.add("SPAN", (0, 0), (0, 1))
        style.add("SPAN", (-1, 0), (-1, 1))
        table.setStyle(style)
        out: list[Flowable] = [table]
        if block.chart:
            rows = [
                (label, [c.row_pct(i, j) for j in range(n_cols)])
                for i, label in enumerate(c.row_labels)
            ]
            hidden = t("chart_hidden", lang)
            out += [Spacer(1, 4), stacked_chart(rows, c.col_labels, 150 * mm, s.font, hidden)]
        return out

    def _numbers(self, block: NumberBlock) -> list[Flowable]:
        lang, summ = self.lang, block.summary
        if summ.hidden:
            return self._too_few()

        def fmt(value: float) -> str:
            if block.unit == "vnd":
                return fmt_vnd(value, lang)
            if block.unit == "int" and (value >= 1000 or float(value).is_integer()):
                return fmt_int(value, lang)
            return fmt_dec(value, lang, 1)

        parts = [
            f"{t('median', lang)}: {fmt(summ.median or 0)}",
            f"{t('mean', lang)}: {fmt(summ.mean or 0)}",
        ]
        if block.extremes:
            parts += [
                f"{t('min', lang)}: {fmt(summ.minimum or 0)}",
                f"{t('max', lang)}: {fmt(summ.maximum or 0)}",
            ]
        parts.append(f"N = {fmt_int(summ.n, lang)}")
        out: list[Flowable] = [
            Paragraph(f"<b>{esc(' · '.join(parts))}</b>", self.s.body),
            Spacer(1, 3),
        ]
        if block.bands is not None:
            out += self._freq(block.bands, t("count", lang))
        return out

    def _text(self, block: TextTable) -> list[Flowable]:
        s = self.s
        data: list[list[Any]] = [
            [self.head(h, s.head if i == 0 else s.head_r) for i, h in enumerate(block.header)]
        ]
        n = len(block.header)
        first = 34 * mm
        for row in block.rows:
            data.append([self.label(row[0], first), *row[1:]])
        widths = [first] + [(CONTENT_W - first) / (n - 1)] * (n - 1)
        table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1, splitInRow=1)
        table.setStyle(grid_style(len(data), total_row=False))
        return [table]
