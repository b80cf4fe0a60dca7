"""Counts, percentages and numeric summaries with small-cell suppression.

A count of 1 to 4 is *primary* suppressed and printed '<5'. Where a table prints
totals (base N, row and column totals), one hidden cell in a line could be worked out
by subtraction, so a second cell of that line is *secondarily* suppressed and printed
'x'. Zero counts identify nobody and are printed. A numeric summary over fewer than 5
values is hidden entirely.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain, pairwise
from typing import Any

import numpy as np
from pydantic import BaseModel

THRESHOLD = 5
PRIMARY = "<5"
SECONDARY = "x"


class Cell(BaseModel):
    count: int
    #: "" (shown), PRIMARY or SECONDARY.
    hidden: str = ""

    @property
    def shown(self) -> bool:
        return not self.hidden


class FreqRow(BaseModel):
    key: str
    label: str
    cell: Cell


class Frequency(BaseModel):
    """One distribution: rows in display order over ``base`` respondents."""

    rows: list[FreqRow]
    base: int
    #: Several answers per respondent: rows do not add up to ``base``.
    multiple: bool = False
    #: Every category's count, also those not shown as a row (for overview protection).
    counts: dict[str, int] = {}

    @property
    def base_cell(self) -> Cell:
        return _primary(self.base)

    def pct(self, row: FreqRow) -> float | None:
        if row.cell.hidden or self.base_cell.hidden or self.base == 0:
            return None
        return 100.0 * row.cell.count / self.base


def _primary(count: int) -> Cell:
    return Cell(count=count, hidden=PRIMARY if 0 < count < THRESHOLD else "")


def protect_line(cells: Sequence[Cell], total_shown: bool) -> None:
    """If exactly one cell of a line is hidden and its total is shown, hide another."""
    hidden = [c for c in cells if c.hidden]
    if len(hidden) != 1 or not total_shown:
        return
    candidates = [c for c in cells if not c.hidden and c.count > 0]
    if candidates:
        min(candidates, key=lambda c: c.count).hidden = SECONDARY


def _clip(text: str, limit: int = 200) -> str:
    """A value met in the answers but not in the list, as a label: at most ``limit``
    characters (the cut marked by ``…``)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tally(values: Iterable[Any], *, multiple: bool = False) -> tuple[Counter[Any], int]:
    """(count of each answer, base) as :func:`frequency` counts them. Tallies of disjoint
    groups add up (``Counter.update``, bases summed) to the tally of their union."""
    if multiple:
        given = list(filter(None, values))
        # each respondent's answers once (a set of one answer is that answer): in C
        counts = Counter(chain.from_iterable(map(set, given)))
        return counts, len(given)
    counts = Counter(values)
    counts.pop(None, None)
    counts.pop("", None)
    return counts, sum(counts.values())


def frequency(
    values: Iterable[Any],
    order: Sequence[tuple[str, str]],
    *,
    multiple: bool = False,
    keep_zero: bool = True,
) -> Frequency:
    """Count answers: one choice name (or None) per respondent, or with ``multiple`` a
    list of names (or None) per respondent.

    ``order`` gives (key, label) of the categories to show; keys met but not listed
    are shown after them under their own name. Unanswered respondents are not in the base.
    """
    counts, base = tally(values, multiple=multiple)
    return frequency_of(counts, base, order, multiple=multiple, keep_zero=keep_zero)


def frequency_of(
    counts: Counter[Any],
    base: int,
    order: Sequence[tuple[str, str]],
    *,
    multiple: bool = False,
    keep_zero: bool = True,
) -> Frequency:
    """The :class:`Frequency` of a :func:`tally`."""
    labels = dict(order)
    keys = [k for k, _ in order] + sorted(k for k in counts if k not in labels)
    rows = [
        FreqRow(key=k, label=labels[k] if k in labels else _clip(str(k)), cell=_primary(counts[k]))
        for k in keys
        if keep_zero or counts[k]
    ]
    freq = Frequency(rows=rows, base=base, multiple=multiple, counts=dict(counts))
    if not multiple:
        protect_line([r.cell for r in rows], total_shown=not freq.base_cell.hidden)
    return freq


def band_counts(data: Sequence[float] | np.ndarray, edges: Sequence[float]) -> Counter[str]:
    """How many of the sorted ``data`` fall in each band of :func:`band_of` (keys "0",
    "1", ...; empty bands left out): found by bisection, not value by value."""
    if isinstance(data, np.ndarray):
        found = [int(i) for i in np.searchsorted(data, np.asarray(edges, dtype=float), "left")]
    else:
        found = [bisect_left(data, e) for e in edges]
    cuts = [0, *found, len(data)]
    return Counter({str(i): b - a for i, (a, b) in enumerate(pairwise(cuts)) if b > a})


def top_n(freq: Frequency, n: int, other_label: str) -> Frequency:
    """The ``n`` largest categories and one row adding up the rest (single choice only)."""
    ranked = sorted((r for r in freq.rows if r.cell.count), key=lambda r: -r.cell.count)
    head, tail = ranked[:n], ranked[n:]
    rows = [FreqRow(key=r.key, label=r.label, cell=_primary(r.cell.count)) for r in head]
    if tail:
        rows.append(
            FreqRow(key="_other", label=other_label, cell=_primary(sum(r.cell.count for r in tail)))
        )
    out = Frequency(rows=rows, base=freq.base, multiple=freq.multiple, counts=freq.counts)
    if not out.multiple:
        protect_line([r.cell for r in rows], total_shown=not out.base_cell.hidden)
    return out


class CrossTab(BaseModel):
    """Counts of ``col`` categories within each ``row`` category, with totals."""

    row_keys: list[str]
    col_keys: list[str]
    row_labels: list[str]
    col_labels: list[str]
    cells: list[list[Cell]]
    row_totals: list[Cell]
    col_totals: list[Cell]
    total: Cell

    def row_pct(self, i: int, j: int) -> float | None:
        cell, tot = self.cells[i][j], self.row_totals[i]
        if cell.hidden or tot.hidden or tot.count == 0:
            return None
        return 100.0 * cell.count / tot.count


def crosstab(
    pairs: Iterable[tuple[str, str]],
    rows: Sequence[tuple[str, str]],
    cols: Sequence[tuple[str, str]],
) -> CrossTab:
    """Cross-tabulate (row key, column key) pairs; keys not listed are ignored."""
    return crosstab_of(Counter(pairs), rows, cols)


def crosstab_of(
    counts: Counter[tuple[str, str]],
    rows: Sequence[tuple[str, str]],
    cols: Sequence[tuple[str, str]],
) -> CrossTab:
    """The :class:`CrossTab` of counted (row key, column key) pairs."""
    row_keys = [k for k, _ in rows]
    col_keys = [k for k, _ in cols]
    cells = [[_primary(counts[(r, c)]) for c in col_keys] for r in row_keys]
    row_totals = [_primary(sum(counts[(r, c)] for c in col_keys)) for r in row_keys]
    col_totals = [_primary(sum(counts[(r, c)] for r in row_keys)) for c in col_keys]
    total = _primary(sum(t.count for t in row_totals))
    tab = CrossTab(
        row_keys=row_keys,
        col_keys=col_keys,
        row_labels=[label for _, label in rows],
        col_labels=[label for _, label in cols],
        cells=cells,
        row_totals=row_totals,
        col_totals=col_totals,
        total=total,
    )
    protect_table(tab)
    return tab


def protect_table(tab: CrossTab) -> None:
    """Secondary suppression along rows and columns until no line gives a cell away."""
    cells, row_totals, col_totals, total = tab.cells, tab.row_totals, tab.col_totals, tab.total
    for _ in range(len(cells) + len(col_totals) + 1):
        before = _hidden_count(cells, row_totals, col_totals)
        for i, line in enumerate(cells):
            protect_line(line, total_shown=not row_totals[i].hidden)
        for j in range(len(col_totals)):
            protect_line([line[j] for line in cells], total_shown=not col_totals[j].hidden)
        protect_line(row_totals, total_shown=not total.hidden)
        protect_line(col_totals, total_shown=not total.hidden)
        if _hidden_count(cells, row_totals, col_totals) == before:
            break


def _hidden_count(cells: list[list[Cell]], *lines: list[Cell]) -> int:
    return sum(c.hidden != "" for line in (*cells, *lines) for c in line)


class NumberSummary(BaseModel):
    n: int
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None

    @property
    def hidden(self) -> bool:
        return self.n < THRESHOLD


def summarise(values: Iterable[float]) -> NumberSummary:
    """Count, mean, median, min and max; only the count when fewer than 5 values."""
    return summarise_sorted(sorted(values))


def summarise_sorted(data: list[float] | np.ndarray) -> NumberSummary:
    """:func:`summarise` of values already in ascending order (a list of floats, or an
    array of float64: an overview's values merged; the same summary)."""
    n = len(data)
    if n < THRESHOLD:
        return NumberSummary(n=n)
    try:
        mean = exact_sum(data) / n  # statistics.fmean
    except OverflowError:  # a sum beyond the largest float (e.g. 1e308 answers)
        mean = math.fsum(float(v) / n for v in data)
    i = n // 2  # statistics.median, without sorting the values again
    median = float(data[i]) if n % 2 else (float(data[i - 1]) + float(data[i])) / 2
    return NumberSummary(
        n=n, mean=mean, median=median, minimum=float(data[0]), maximum=float(data[-1])
    )


#: Above this many values :func:`exact_sum` adds them up in numpy.
_SUM_IN_C = 65_536


def free_list(values: list[Any]) -> None:
    """Empty ``values`` :data:`_SUM_IN_C` at a time (freeing millions of values at once,
    e.g. when the last reference goes, is one C call that no other thread can interrupt)."""
    while values:
        del values[-_SUM_IN_C:]


def as_floats(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """``values`` as a float64 array, converted :data:`_SUM_IN_C` values at a time (one
    conversion of millions holds the GIL)."""
    if isinstance(values, np.ndarray):
        return values.astype(np.float64, copy=False)
    out = np.empty(len(values), dtype=np.float64)
    for i in range(0, len(values), _SUM_IN_C):
        out[i : i + _SUM_IN_C] = values[i : i + _SUM_IN_C]
    return out


def exact_sum(values: Sequence[float] | np.ndarray) -> float:
    """``math.fsum(values)`` (the exact sum, rounded once) of finite floats. Above
    :data:`_SUM_IN_C` values it is worked out by numpy, which lets other threads run (one
    ``fsum`` over 1,000,000 values holds the GIL for 20-100 ms): each value is m·2^e with
    a whole m of 53 bits (``frexp``), split in two halves whose sums per exponent are
    exact in float64 (``bincount``); those sums, scaled, add up exactly as Python
    integers, and one division of integers rounds the total as ``fsum`` does. Raises
    OverflowError when the sum is beyond the largest float (as ``fsum`` does)."""
    if len(values) <= _SUM_IN_C:
        return math.fsum(values)
    x = as_floats(values)
    if not np.isfinite(x).all():
        return math.fsum(x.tolist())
    mantissa, exponent = np.frexp(x)
    whole = (mantissa * 2.0**53).astype(np.int64)  # exact: |whole| < 2**53
    high, low = np.divmod(whole, 2**26)  # whole = high * 2**26 + low, 0 <= low < 2**26
    base = int(exponent.min())
    at = exponent - base
    # at most 2**27 (high) or 2**26 (low) per value: sums of up to 2**26 values are exact
    if len(x) > 2**26:
        return math.fsum(x.tolist())
    sums_high = np.bincount(at, weights=high.astype(np.float64))
    sums_low = np.bincount(at, weights=low.astype(np.float64))
    total = sum(
        ((int(h) << 26) + int(lo)) << k
        for k, (h, lo) in enumerate(zip(sums_high.tolist(), sums_low.tolist(), strict=True))
        if h or lo
    )
    if not total:  # the sign of a zero sum is fsum's to give
        return math.fsum(x.tolist())
    scale = base - 53
    # int -> float and int / int are rounded once, as fsum rounds
    return float(total << scale) if scale >= 0 else total / (1 << -scale)


def band_of(value: float, edges: Sequence[float]) -> int:
    """Index of the band ``value`` falls in: edges [a, b] give bands <a, a..<b, >=b."""
    return bisect_right(edges, value)
