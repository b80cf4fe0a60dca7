"""The building blocks of a summary report, as data: what the PDF layout renders.

Keeping them free of reportlab lets the tests check every number without a PDF.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from fieldsurvey.reports.models import Lang
from fieldsurvey.reports.report_text import t
from fieldsurvey.reports.summary_stats import (
    CrossTab,
    Frequency,
    NumberSummary,
    band_of,
    frequency,
)

Unit = Literal["vnd", "dec", "int"]


class FreqBlock(BaseModel):
    kind: Literal["freq"] = "freq"
    title: str
    freq: Frequency
    base_note: str
    notes: list[str] = Field(default_factory=list)
    count_label: str = ""


class CrossBlock(BaseModel):
    kind: Literal["cross"] = "cross"
    title: str
    row_head: str
    cross: CrossTab
    base_note: str
    notes: list[str] = Field(default_factory=list)
    chart: bool = False


class NumberBlock(BaseModel):
    kind: Literal["numbers"] = "numbers"
    title: str
    summary: NumberSummary
    unit: Unit
    bands: Frequency | None = None
    base_note: str
    notes: list[str] = Field(default_factory=list)
    #: Print minimum and maximum too (generic summaries; not ward summaries).
    extremes: bool = False


class TextTable(BaseModel):
    """A table already formatted as text (e.g. wards compared)."""

    kind: Literal["text"] = "text"
    title: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = Field(default_factory=list)


Block = FreqBlock | CrossBlock | NumberBlock | TextTable


class Section(BaseModel):
    title: str
    households: int = 0
    people: int = 0
    blocks: list[Block] = Field(default_factory=list)
    empty_note: str = ""


def band_labels(edges: Sequence[float], fmt: Callable[[float], str], lang: Lang) -> list[str]:
    """Labels of the bands of :func:`summary_stats.band_of` for ``edges``."""
    labels = [t("band_first", lang, a=fmt(edges[0]))]
    labels += [t("band_middle", lang, a=fmt(a), b=fmt(b)) for a, b in itertools.pairwise(edges)]
    labels.append(t("band_last", lang, a=fmt(edges[-1])))
    return labels


def banded(values: Iterable[float], edges: Sequence[float], labels: Sequence[str]) -> Frequency:
    keys = [str(i) for i in range(len(labels))]
    names = [str(band_of(v, edges)) for v in values]
    return frequency(names, list(zip(keys, labels, strict=True)))
