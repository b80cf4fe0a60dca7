"""Column store of the answers a report needs, read once from the answer documents.

Walking nested documents field by field for every table is slow on 20,000
interviews. :func:`read_columns` reads each needed field for all interviews in one
list comprehension, normalised by type: select_one -> choice name or None,
select_multiple -> list of names or None, number -> float or None. Counting a
column is then a single C-level ``Counter`` call.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from fieldsurvey.reports.form_access import NUMBER_TYPES, FormAccess

Column = list[Any]


class Columns:
    """Aligned columns of ``n`` rows."""

    def __init__(self, data: dict[str, Column], n: int) -> None:
        self.data = data
        self.n = n

    def __getitem__(self, name: str) -> Column:
        return self.data.get(name) or [None] * self.n

    def rows_where(self, name: str, *values: str) -> list[int]:
        wanted = set(values)
        return [i for i, v in enumerate(self[name]) if v in wanted]

    def take(self, rows: Sequence[int]) -> Columns:
        return Columns({k: [col[i] for i in rows] for k, col in self.data.items()}, len(rows))

    def where(self, name: str, *values: str) -> Columns:
        return self.take(self.rows_where(name, *values))

    @classmethod
    def concat(cls, parts: Sequence[Columns]) -> Columns:
        names = {k for p in parts for k in p.data}
        data = {k: [v for p in parts for v in p[k]] for k in names}
        return cls(data, sum(p.n for p in parts))


def _holders(docs: Sequence[Any], parent: tuple[str, ...]) -> list[dict[str, Any]]:
    holders = list(docs)
    for step in parent:
        holders = [h.get(step) if type(h) is dict else None for h in holders]
    return [h if type(h) is dict else {} for h in holders]


def _number(value: Any) -> float | None:
    """A finite number, else None (NaN, infinity, texts that are not numbers)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def normalise(raw: Column, kind: str) -> Column:
    if kind == "select_one":
        return [
            v if type(v) is str and v else (str(v) if v not in (None, "") else None) for v in raw
        ]
    if kind == "select_multiple":
        return [
            (v or None) if type(v) is list else (v.split() or None if type(v) is str else None)
            for v in raw
        ]
    if kind in NUMBER_TYPES:
        return [v if type(v) is float and math.isfinite(v) else _number(v) for v in raw]
    return raw


def read_columns(fa: FormAccess, docs: Sequence[dict[str, Any]], names: Sequence[str]) -> Columns:
    """The columns ``names`` (those the form has) for ``docs``, in the same row order."""
    by_parent: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for name in names:
        if fa.has(name):
            steps = fa.steps(name)
            by_parent.setdefault(steps[:-1], []).append((name, steps[-1]))
    data: dict[str, Column] = {}
    for path, fields in by_parent.items():
        holders = _holders(docs, path)
        for name, leaf in fields:
            data[name] = normalise([h.get(leaf) for h in holders], fa.type_of(name))
    return Columns(data, len(docs))
