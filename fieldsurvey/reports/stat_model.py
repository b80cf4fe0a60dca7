"""What the Stata and SPSS file writers are given: variables described up front and their
values in blocks of numpy arrays, so a table of any size is written without holding it
(issue 15: pyreadstat takes whole DataFrames, about 6 GB at 1,000,000 interviews).

The contract between :mod:`fieldsurvey.reports.stat_blocks` (which turns an export table
into these) and the writers :mod:`fieldsurvey.reports.dta_writer` and
:mod:`fieldsurvey.reports.sav_writer`:

- every :class:`StatVariable` is final: its name is valid for the format, its labels are
  already clipped to the format's limits, a text's ``width`` is the largest byte length of
  any of its values (at least 1);
- :class:`StatTable` gives the number of rows up front and ``blocks()`` yields, as many
  times as it is called, the same blocks in the same order: one numpy array per
  variable, every array of a block of the same length, the lengths adding up to ``rows``;
- arrays by kind:
  - ``"number"``: float64, missing as NaN; every value is within the format's range
    (the caller has already left out what the format cannot hold);
  - ``"date"``: float64 whole days since 1970-01-01, missing as NaN;
  - ``"text"``: numpy bytes (``dtype.kind == "S"``) of UTF-8, missing as ``b""``, no
    value longer than the variable's ``width``; no NUL byte in a value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

StatKind = Literal["number", "date", "text"]


@dataclass(frozen=True)
class StatVariable:
    name: str
    label: str
    kind: StatKind
    width: int = 0  # bytes, for a text (>= 1); 0 for numbers and dates
    value_labels: dict[float, str] = field(default_factory=dict)  # numbers only
    measure: Literal["nominal", "scale"] = "nominal"  # SPSS records it; Stata does not


@dataclass(frozen=True)
class StatTable:
    label: str  # the file's label, already clipped
    variables: list[StatVariable]
    rows: int
    blocks: Callable[[], Iterator[list[Any]]]  # list of numpy arrays, one per variable
