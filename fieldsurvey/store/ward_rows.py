"""The rows a ward report reads from the analysis tables, as rows: one scan of the form's
table and one of a repeat's, for every ward at once (issue 15, the all-wards PDF).

:func:`analysis_tables.read_main` and :func:`analysis_tables.read_repeat` give columns of
every selected interview. This gives the rows themselves, in the table's order (the
report turns them into columns once and picks each ward's households), reads the odd
flag in the same scan instead of a second one, and reads a repeat's instances without
keeping them by owner (the report keeps those of the households it counts). What is read is what
``read_main``/``read_repeat`` read: clean rows that are not stale, and the uuids to read
as documents (stale interviews of the form, odd rows of the selection).

API:
    read_rows(ws, layout, paths, *, meta=(), where=Selection(), repeat=None,
              repeat_paths=()) -> WardRows
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.store.analysis_tables import EVERYTHING, Layout, Selection, _q, stale_uuids
from fieldsurvey.store.database import translating_errors

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace


class WardRows(NamedTuple):
    """``rows``: (_id, META/DERIVED ``meta``..., ``paths``..., then two columns to
    ignore) of each clean, up-to-date interview of the selection, in no particular
    order; ``repeat``: (_id, ``repeat_paths``...) of the instances of the repeat in the
    selected interviews (all of the table's when no ward is selected: the caller keeps
    its owners' ones), by interview row id then position; ``documents``: the uuids to
    read as documents. Values as the columns hold them (a select_multiple's names joined
    by spaces)."""

    rows: list[tuple[Any, ...]]
    repeat: list[tuple[Any, ...]]
    documents: list[str]


def _selection(where: Selection, alias: str = "") -> tuple[list[str], list[Any]]:
    """``where`` as SQL conditions, without the odd flag (read as a column instead)."""
    conditions, params = [], []
    if where.ward_keys is not None:
        conditions.append(f"{alias}_ward_key IN ({', '.join('?' * len(where.ward_keys))})")
        params += list(where.ward_keys)
    if where.date_from is not None:
        conditions.append(f"{alias}_date >= ?")
        params.append(where.date_from)
    if where.date_to is not None:
        conditions.append(f"{alias}_date <= ?")
        params.append(where.date_to)
    return conditions, params


def read_rows(
    ws: Workspace,
    layout: Layout,
    paths: Sequence[str],
    *,
    meta: Sequence[str] = (),
    where: Selection = EVERYTHING,
    repeat: str | None = None,
    repeat_paths: Sequence[str] = (),
) -> WardRows:
    """The selected interviews' rows (see :class:`WardRows`); ``repeat``: a repeat's
    path in the form, whose instances are read too. Paths the tables lack read as None."""
    main = layout.main
    columns = [_q(main.fields[p][0]) if p in main.fields else "NULL" for p in paths]
    conditions, params = _selection(where)
    stale, documents = stale_uuids(ws, layout)
    # the uuid is needed for odd rows (read as documents) and, when any uuid is stale, to
    # leave the stale ones out; most rows need neither (both come last: a row is kept as
    # read, not copied)
    uuid = "uuid" if stale else "CASE WHEN _odd THEN uuid END"
    select = ", ".join(["_id", *meta, *columns, "_odd", uuid])
    clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    with translating_errors(), gc_paused():
        rows = ws.db.execute(f"SELECT {select} FROM {_q(main.table)}{clause}", params).fetchall()
        if stale or any(map(itemgetter(-2), rows)):
            documents += [str(r[-1]) for r in rows if r[-2] and r[-1] not in stale]
            rows = [r for r in rows if not r[-2] and r[-1] not in stale]
        instances: list[tuple[Any, ...]] = []
        if repeat is not None:
            scope = layout.scopes[repeat]
            picked = [_q(scope.fields[p][0]) if p in scope.fields else "NULL" for p in repeat_paths]
            if where.ward_keys is None:
                # the whole table in its own order (each page read once)
                instances = ws.db.execute(
                    f"SELECT {', '.join(['_id', *picked])} FROM {_q(scope.table)}"
                ).fetchall()
            else:
                m_conditions, m_params = _selection(where, "m.")
                instances = ws.db.execute(
                    f"SELECT {', '.join(['r._id', *('r.' + c for c in picked)])} "
                    f"FROM {_q(main.table)} m JOIN {_q(scope.table)} r ON r._id = m._id "
                    f"WHERE {' AND '.join(['m._odd = 0', *m_conditions])} "
                    "ORDER BY r._id, r._seq",
                    m_params,
                ).fetchall()
    return WardRows(rows, instances, documents)
