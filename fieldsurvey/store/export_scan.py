"""The analysis tables read whole, in their own order, for the exports of a large
campaign (issue 15; docs/store.md, "Analysis tables").

An export writes its rows in export order (created, uuid). Where that order is not the
table's (bundles merged out of date order), reading it a block of row ids at a time
seeks all over the table: at 1,000,000 interviews that costs twice the CPU of reading
the same rows in the table's order with SQLite's 2 MB page cache. ``reports/export_tables.py``
then reads a csv's tables once, in their own order, with these scans, and puts the csv
lines in export order through an encrypted spill; Stata and SPSS read them so too and put
their arrays in order (``reports/stat_blocks.py``); xlsx seeks its blocks with a larger
page cache (:func:`page_cache`). Nothing but the export reads this module.

The export order itself is read here too, from each main table's export-order index
(migration 0029), in order; a table without the index is read in its own order and
sorted in Python: SQLite's sort of the rows in a temporary B-tree allocates per row,
which SQLCipher's memory security makes slow (and at 1,000,000 interviews it once
failed with a MemoryError).

API:
    export_order(ws, layout) -> list[(created, uuid, _id, _odd)]   in export order
    max_row_id(ws, layout) -> int
    main_scan(ws, layout, paths, batch) -> Iterator[list[(_id, META..., paths...)]]
    repeat_scan(ws, layout, scope, paths, batch)
        -> Iterator[list[(_id, _parent, _index, paths...)]]   by row id then position
    page_cache(ws, kib) -> context manager: the connection's page cache that large
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.store.analysis_tables import META, Layout, Scope, _q, order_index
from fieldsurvey.store.database import translating_errors

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

_META_SQL = ", ".join(_q(m) for m in META)


def export_order(ws: Workspace, layout: Layout) -> list[tuple[Any, Any, int, int]]:
    """(created, uuid, _id, _odd) of every interview of the form, in export order:
    ``ORDER BY created, uuid`` as SQLite orders them (uuids are unique: no ties). Read
    from the table's export-order index, in order (SQLite names it: no temporary
    B-tree); a table without it is read whole and its rows sorted here."""
    rows: list[tuple[Any, Any, int, int]] = []
    table = layout.main.table
    index = order_index(table)
    with translating_errors():
        indexed = ws.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ? AND tbl_name = ?",
            [index, table],
        ).fetchone()
    sql = f"SELECT created, uuid, _id, _odd FROM {_q(table)}"
    if indexed is not None:
        sql += f" INDEXED BY {_q(index)} ORDER BY created, uuid"
    for batch in _batches(ws, sql, ORDER_BATCH):
        rows += batch
    if indexed is not None:
        return rows
    with gc_paused():
        try:
            rows.sort()  # texts (the rule): compared in C, as SQLite's BINARY collation
        except TypeError:  # a NULL, a number or a blob among them: SQLite's order of types
            rows.sort(key=_sql_order)
    return rows


ORDER_BATCH = 5000


def _sql_order(row: tuple[Any, Any, int, int]) -> tuple[tuple[int, Any], tuple[int, Any]]:
    """The sort key of SQLite's ``ORDER BY created, uuid``: NULL, then numbers, then
    texts (by code point: UTF-8's byte order), then blobs."""
    return _sql_value(row[0]), _sql_value(row[1])


def _sql_value(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    return (2, value) if isinstance(value, str) else (3, bytes(value))


def max_row_id(ws: Workspace, layout: Layout) -> int:
    """The largest row id of the form's main table (0 when it is empty)."""
    with translating_errors():
        row = ws.db.execute(f"SELECT MAX(_id) FROM {_q(layout.main.table)}").fetchone()
    return int(row[0] or 0)


def main_scan(
    ws: Workspace, layout: Layout, paths: Sequence[str], batch: int
) -> Iterator[list[tuple[Any, ...]]]:
    """(_id, META..., then ``paths``) of every row of the main table, by row id, in lists
    of ``batch`` rows (as :func:`analysis_tables.main_chunk` gives them)."""
    cols = [_q(layout.main.fields[p][0]) if p in layout.main.fields else "NULL" for p in paths]
    sql = (
        f"SELECT _id, {_META_SQL}{''.join(', ' + c for c in cols)} "
        f"FROM {_q(layout.main.table)} ORDER BY _id"
    )
    yield from _batches(ws, sql, batch)


def repeat_scan(
    ws: Workspace, layout: Layout, scope: Scope, paths: Sequence[str], batch: int
) -> Iterator[list[tuple[Any, ...]]]:
    """(_id, _parent, _index, then ``paths``) of every instance of ``scope``, by row id
    then position (the table's own order), in lists of ``batch`` rows."""
    del layout  # the scope names its table
    cols = [_q(scope.fields[p][0]) if p in scope.fields else "NULL" for p in paths]
    sql = (
        f"SELECT _id, _parent, _index{''.join(', ' + c for c in cols)} "
        f"FROM {_q(scope.table)} ORDER BY _id, _seq"
    )
    yield from _batches(ws, sql, batch)


@contextmanager
def page_cache(ws: Workspace, kib: int) -> Iterator[None]:
    """The connection's page cache ``kib`` KiB while the block runs, then as it was (the
    pages over the old size freed)."""
    with translating_errors():
        before = int(ws.db.execute("PRAGMA cache_size").fetchone()[0])
        ws.db.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        with translating_errors():
            ws.db.execute(f"PRAGMA cache_size = {before}")


def _batches(ws: Workspace, sql: str, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    with translating_errors():
        cursor = ws.db.execute(sql)
        while True:
            with gc_paused():
                rows: list[tuple[Any, ...]] = cursor.fetchmany(batch)
            if not rows:
                return
            yield rows
