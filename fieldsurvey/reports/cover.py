"""The cover page: what the report covers and where its data comes from."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from fieldsurvey.reports.models import DataStamp, Lang, Period
from fieldsurvey.reports.number_format import fmt_date, fmt_datetime
from fieldsurvey.reports.pdf_layout import ACCENT, CONTENT_W, HEAD_BG, RULE, Styles, esc
from fieldsurvey.reports.report_text import t


class CoverFacts(BaseModel):
    title: str
    subtitle: str
    wards: list[str]
    district: str = ""
    period: Period | None = None
    #: (label, value) lines under the period, e.g. households and people interviewed.
    counts: list[tuple[str, str]]
    #: The "interviews included" line of the data stamp, already worded.
    included_text: str
    form_versions: list[str]
    stamp: DataStamp


def period_text(period: Period | None, lang: Lang) -> str:
    if period is None or (period.start is None and period.end is None):
        return t("period_all", lang)
    start = fmt_date(period.start, lang) or "…"
    end = fmt_date(period.end, lang) or "…"
    return f"{start} – {end}"


def cover(facts: CoverFacts, lang: Lang) -> list[Flowable]:
    s = Styles()
    key_rows: list[tuple[str, str]] = []
    if facts.wards:
        key_rows.append((t("wards", lang), ", ".join(facts.wards)))
    if facts.district:
        key_rows.append((t("district", lang), facts.district))
    key_rows += [
        (t("period", lang), period_text(facts.period, lang)),
        *facts.counts,
    ]
    stamp = facts.stamp
    stamp_rows = [
        (t("included", lang), facts.included_text),
        (t("last_merge", lang), fmt_datetime(stamp.last_merge, lang) or t("not_merged", lang)),
        (t("form_version", lang), ", ".join(facts.form_versions)),
        (t("generated", lang), fmt_datetime(stamp.generated_at, lang)),
    ]
    if stamp.source:
        stamp_rows.append((t("source", lang), stamp.source))
    return [
        Spacer(1, 30 * mm),
        Paragraph(esc(facts.title), s.title),
        Spacer(1, 4),
        Paragraph(esc(facts.subtitle), s.subtitle),
        Spacer(1, 3),
        Paragraph(esc(t("network", lang)), s.body),
        Spacer(1, 14 * mm),
        _kv_table(key_rows, s, big=True),
        Spacer(1, 10 * mm),
        Paragraph(esc(t("stamp", lang)), s.h2),
        _kv_table(stamp_rows, s, big=False),
        Spacer(1, 12 * mm),
        Paragraph(esc(t("small_cells", lang)), s.note),
        Spacer(1, 3),
        Paragraph(esc(t("privacy", lang)), s.note),
        *[Paragraph(esc(note), s.note) for note in stamp.notes],
        PageBreak(),
    ]


def _kv_table(rows: Sequence[tuple[str, str]], s: Styles, *, big: bool) -> Table:
    size = 11 if big else 9
    key_style = s.head.clone("kv_key", fontSize=size, leading=size + 3)
    val_style = s.cell.clone("kv_val", fontSize=size, leading=size + 3)
    data = [[Paragraph(esc(k), key_style), Paragraph(esc(v), val_style)] for k, v in rows]
    table = Table(data, colWidths=[62 * mm, CONTENT_W - 62 * mm], hAlign="LEFT", splitInRow=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), s.font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4 if big else 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4 if big else 3),
    ]
    if big:
        style += [
            ("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
            ("LINEABOVE", (0, 0), (-1, 0), 1, ACCENT),
        ]
    else:
        style.append(("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor("#333333")))
    table.setStyle(TableStyle(style))
    return table
