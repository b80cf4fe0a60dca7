"""Numbers, percentages, money and dates as Vietnamese or English readers expect them."""

from __future__ import annotations

from datetime import date, datetime

from fieldsurvey.reports.models import Lang
from fieldsurvey.reports.summary_stats import Cell


def fmt_int(value: float, lang: Lang) -> str:
    """1234567 -> '1.234.567' (vi) or '1,234,567' (en)."""
    text = f"{round(value):,}"
    return text.replace(",", ".") if lang == "vi" else text


def fmt_dec(value: float, lang: Lang, digits: int = 1) -> str:
    """12.5 -> '12,5' (vi) or '12.5' (en); thousands grouped as in :func:`fmt_int`."""
    text = f"{value:,.{digits}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_pct(value: float | None, lang: Lang) -> str:
    return "" if value is None else f"{fmt_dec(value, lang, 1)}%"


def fmt_cell(cell: Cell, lang: Lang) -> str:
    """A count, or its suppression marker."""
    return cell.hidden or fmt_int(cell.count, lang)


def fmt_vnd(value: float, lang: Lang) -> str:
    """Money rounded to the nearest 1,000 dong."""
    return fmt_int(round(value / 1000) * 1000, lang)


def fmt_date(day: date | None, lang: Lang) -> str:
    if day is None:
        return ""
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def fmt_datetime(moment: datetime | None, lang: Lang) -> str:
    if moment is None:
        return ""
    return moment.strftime("%d/%m/%Y %H:%M" if lang == "vi" else "%Y-%m-%d %H:%M")
