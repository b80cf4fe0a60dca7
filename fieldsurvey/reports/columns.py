"""Column store of the answers a report needs.

Walking nested documents field by field for every table is slow on 20,000
interviews. :func:`read_columns` reads each needed field for all interviews in one
list comprehension, normalised by type: select_one -> choice name or None,
select_multiple -> list of names or None, number -> float or None. Counting a
column is then a single C-level ``Counter`` call.

From a workspace the columns come ready-made: :class:`AnswerColumns` reads them from the
analysis tables (``store/analysis_tables.py``), one SELECT of the needed columns of the
selected wards, and hands the few interviews the tables cannot hold exactly (or that
changed since) back as documents, read as before (:func:`read_columns`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from itertools import chain, compress
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from fieldsurvey.reports.form_access import NUMBER_TYPES, FormAccess
from fieldsurvey.store import analysis_tables
from fieldsurvey.store.analysis_tables import Layout, MainRows, RepeatRows, Selection

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

Column = list[Any]


class Columns:
    """Aligned columns of ``n`` rows. A column taken or concatenated from others is built
    when first asked for (a table filters rows on one column and counts another: the
    other columns of the filtered rows are never built)."""

    def __init__(
        self, data: dict[str, Column], n: int, lazy: dict[str, Callable[[], Column]] | None = None
    ) -> None:
        self.data = data
        self.n = n
        self._lazy = lazy or {}

    def names(self) -> list[str]:
        return [*self.data, *(k for k in self._lazy if k not in self.data)]

    def __getitem__(self, name: str) -> Column:
        col = self.data.get(name)
        if col is None and name in self._lazy:
            col = self.data[name] = self._lazy.pop(name)()
        return col or [None] * self.n

    def rows_where(self, name: str, *values: str) -> list[int]:
        wanted = set(values)
        return list(compress(range(self.n), map(wanted.__contains__, self[name])))

    def take(self, rows: Sequence[int]) -> Columns:
        rows = list(rows)

        def taker(name: str) -> Callable[[], Column]:
            return lambda: _pick(self[name], rows)

        return Columns({}, len(rows), {k: taker(k) for k in self.names()})

    def where(self, name: str, *values: str) -> Columns:
        return self.take(self.rows_where(name, *values))

    @classmethod
    def concat(cls, parts: Sequence[Columns]) -> Columns:
        names = dict.fromkeys(k for p in parts for k in p.names())

        def joiner(name: str) -> Callable[[], Column]:
            return lambda: list(chain.from_iterable(p[name] for p in parts))

        return cls({}, sum(p.n for p in parts), {k: joiner(k) for k in names})


def _pick(values: Column, rows: list[int]) -> Column:
    """``values`` at ``rows``, in that order (one C call: itemgetter)."""
    if len(rows) > 1:
        return list(itemgetter(*rows)(values))
    return [values[i] for i in rows]


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


_EXACT = 2**53  # beyond, float() of an int may overflow: _number says so


_STR_OR_NONE = frozenset({str, type(None)})
_FLOAT_OR_NONE = frozenset({float, type(None)})
_NUMBER_OR_NONE = frozenset({int, float, type(None)})


def _finite(values: Column) -> bool:
    """True when every value of a column of numbers and None is finite as a float (NaN
    or infinity make the sum not finite; an int or a sum beyond the largest float raise
    OverflowError: then no too)."""
    try:
        return math.isfinite(math.fsum(filter(None, values)))
    except (OverflowError, ValueError):
        return False


def normalise(raw: Column, kind: str) -> Column:
    # Fast paths (C-level checks): columns already as normalising would leave them.
    if kind == "select_one" and set(map(type, raw)) <= _STR_OR_NONE and "" not in raw:
        return list(raw)
    if kind in NUMBER_TYPES:
        kinds = set(map(type, raw))
        if kinds <= _NUMBER_OR_NONE and _finite(raw):  # no int too large for a float
            if kinds <= _FLOAT_OR_NONE:
                return list(raw)
            return [v if v is None else float(v) for v in raw]
    if kind == "select_one":
        return [
            v if type(v) is str and v else (str(v) if v not in (None, "") else None) for v in raw
        ]
    if kind == "select_multiple":
        if set(map(type, raw)) <= _STR_OR_NONE:  # names joined by spaces (the tables'):
            # each distinct text split once; rows of the same answers share its list
            split = {v: (v.split() or None) if v else None for v in set(raw)}
            return list(map(split.__getitem__, raw))
        return [
            (v or None) if type(v) is list else (v.split() or None if type(v) is str else None)
            for v in raw
        ]
    if kind in NUMBER_TYPES:
        return [
            float(v)
            if type(v) is int and -_EXACT < v < _EXACT  # whole numbers: as _number gives them
            else (v if type(v) is float and math.isfinite(v) else _number(v))
            for v in raw
        ]
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


class AnswerColumns:
    """A form's answers in a workspace, as columns (from the analysis tables).

    Paths are the form's (``location/ward``; inside a repeat, relative to its instance).
    ``documents(uuids)`` gives interviews (with ``answers``) for the rows to read as
    documents."""

    def __init__(
        self, ws: Workspace, layout: Layout, documents: Callable[[Sequence[str]], list[Any]]
    ) -> None:
        self.ws = ws
        self.layout = layout
        self.documents = documents

    def snapshot(self) -> AbstractContextManager[object]:
        """One read transaction: the reads inside see one committed state."""
        return self.ws.reading()

    def has_field(self, path: str, repeat: str = "") -> bool:
        scope = self.layout.scopes.get(repeat)
        return scope is not None and path in scope.fields

    def has_repeat(self, path: str) -> bool:
        return path in self.layout.scopes and path != ""

    def main(
        self, paths: Sequence[str], *, meta: Sequence[str] = (), where: Selection | None = None
    ) -> MainRows:
        return analysis_tables.read_main(
            self.ws, self.layout, paths, meta=meta, where=where or Selection()
        )

    def repeat(
        self,
        repeat: str,
        paths: Sequence[str],
        *,
        where: Selection | None = None,
        owners: Sequence[int] | None = None,
    ) -> RepeatRows:
        """The instances of ``repeat`` in the selected interviews (``owners``: their
        row ids, from :meth:`main`, lets a whole-table read keep just those)."""
        scope = self.layout.scopes[repeat]
        return analysis_tables.read_repeat(
            self.ws, self.layout, scope, paths, where=where or Selection(), owners=owners
        )

    def stale(self) -> tuple[set[str], list[str]]:
        """(uuids whose rows are not up to date, those of this form to read as documents)."""
        return analysis_tables.stale_uuids(self.ws, self.layout)

    def main_chunk(self, ids: Sequence[int], paths: Sequence[str]) -> list[tuple[Any, ...]]:
        """(_id, META..., ``paths``...) of the interviews ``ids`` (row ids; any order)."""
        return analysis_tables.main_chunk(self.ws, self.layout, ids, paths)

    def repeat_chunk(
        self, repeat: str, ids: Sequence[int], paths: Sequence[str]
    ) -> list[tuple[Any, ...]]:
        """(_id, _parent, _index, ``paths``...) of the instances of ``repeat`` in the
        interviews ``ids``, by row id then position."""
        scope = self.layout.scopes[repeat]
        return analysis_tables.repeat_chunk(self.ws, self.layout, scope, ids, paths)

    def count_instances(self, repeat: str, left_out: Sequence[int] = ()) -> int:
        """Instances of ``repeat`` in every interview but the row ids ``left_out``."""
        return analysis_tables.count_instances(self.ws, self.layout.scopes[repeat], left_out)
