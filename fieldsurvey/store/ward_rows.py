"""The rows a ward report reads from the analysis tables, as rows: one scan of the form's
table and one of a repeat's, for every ward at once (issue 15, the all-wards PDF).

:func:`analysis_tables.read_main` and :func:`analysis_tables.read_repeat` give columns of
every selected interview. This gives the rows themselves, in the table's order (the
report turns them into columns once and picks each ward's households), reads the odd
flag in the same scan instead of a second one, and reads a repeat's instances without
keeping them by owner (the report keeps those of the households it counts). What is read is what
``read_main``/``read_repeat`` read: clean rows that are not stale, and the uuids to read
as documents (stale interviews of the form, odd rows of the selection).

At 1,000,000 interviews (3,500,000 members) the read keeps the window responsive and the
memory low: the row ids come back as numpy arrays (8 bytes a row, not a Python int each),
each column can be converted as it is read (``convert``: the report normalises a block of
20,000 values at a time, so no raw copy of a whole column is ever held), and no single C
call runs over more than a block of values (a call over millions of values holds the GIL
for hundreds of milliseconds: the app's window would freeze meanwhile).

API:
    read_rows(ws, layout, paths, *, meta=(), where=Selection(), repeat=None,
              repeat_paths=(), convert=(), repeat_convert=()) -> WardRows
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.store.analysis_tables import EVERYTHING, Layout, Selection, _q, stale_uuids
from fieldsurvey.store.database import translating_errors

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace


class WardRows(NamedTuple):
    """``columns``: (META/DERIVED ``meta``..., ``paths``...) of each clean, up-to-date
    interview of the selection, as columns, in no particular order, and ``ids`` their row
    ids (int64); ``repeat``: (``repeat_paths``...) of the instances of the repeat in the
    selected interviews (all of the table's when no ward is selected: the caller keeps
    its owners' ones), by interview row id then position, as columns, and ``owners``
    their interviews' row ids; ``documents``: the uuids to read as documents. Values as
    the columns hold them (a select_multiple's names joined by spaces) or as
    ``convert`` made them; equal texts of a column are one object."""

    ids: np.ndarray
    columns: list[list[Any]]
    owners: np.ndarray
    repeat: list[list[Any]]
    documents: list[str]


Convert = Callable[[list[Any]], list[Any]] | None


#: Rows fetched at a time: the rows are never all held as tuples (at 1,000,000 interviews
#: and 3,500,000 members the tuples and their separate copies of every text were 3 GB).
BLOCK = 20_000
_TEXTS = frozenset({str, type(None)})


def _columns(
    cursor: Any, width: int, convert: Sequence[Convert] = ()
) -> tuple[np.ndarray, list[list[Any]]]:
    """The cursor's rows (the row id first, then ``width - 1`` values) as the row ids and
    ``width - 1`` columns, read a block at a time. A column's equal texts become one
    object (SQLite makes a new one per row; a choice name repeats in every row); numbers
    are kept as they are (18 and 18.0 stay apart). ``convert[i]``: applied to each
    block of column ``i`` (after the texts are shared)."""
    ids: list[np.ndarray] = []
    columns: list[list[Any]] = [[] for _ in range(width - 1)]
    seen: list[dict[Any, Any]] = [{} for _ in range(width - 1)]
    changes = list(convert) + [None] * (width - 1 - len(convert))
    while block := cursor.fetchmany(BLOCK):
        values = zip(*block, strict=True)
        ids.append(np.array(next(values), dtype=np.int64))
        for i, read in enumerate(values):
            if set(map(type, read)) <= _TEXTS:
                column = list(map(seen[i].setdefault, read, read))
            else:
                column = list(read)
            change = changes[i]
            columns[i].extend(column if change is None else change(column))
    return (np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)), columns


def _kept(column: list[Any], keep: list[bool]) -> list[Any]:
    """``column`` where ``keep``, a block at a time."""
    out: list[Any] = []
    for i in range(0, len(column), BLOCK):
        out.extend(compress(column[i : i + BLOCK], keep[i : i + BLOCK]))
    return out


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
    convert: Sequence[Convert] = (),
    repeat_convert: Sequence[Convert] = (),
) -> WardRows:
    """The selected interviews' rows (see :class:`WardRows`); ``repeat``: a repeat's
    path in the form, whose instances are read too. Paths the tables lack read as None.
    ``convert``: for each of ``meta`` + ``paths`` (None: as read), a function applied to
    each block of that column's values (``repeat_convert``: of ``repeat_paths``'); it
    must give one value per value."""
    main = layout.main
    columns = [_q(main.fields[p][0]) if p in main.fields else "NULL" for p in paths]
    conditions, params = _selection(where)
    stale, documents = stale_uuids(ws, layout)
    # the uuid is needed for odd rows (read as documents) and, when any uuid is stale, to
    # leave the stale ones out; most rows need neither (both come last)
    uuid = "uuid" if stale else "CASE WHEN _odd THEN uuid END"
    select = ", ".join(["_id", *meta, *columns, "_odd", uuid])
    clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    width = 3 + len(meta) + len(columns)
    with translating_errors(), gc_paused():
        ids, read = _columns(
            ws.db.execute(f"SELECT {select} FROM {_q(main.table)}{clause}", params),
            width,
            convert,
        )
        uuids = read.pop()
        odd = read.pop()
        if stale or any(odd):
            documents += [str(u) for o, u in zip(odd, uuids, strict=True) if o and u not in stale]
            keep = [not o and u not in stale for o, u in zip(odd, uuids, strict=True)]
            ids = ids[np.array(keep, dtype=bool)]
            read = [_kept(column, keep) for column in read]
        del odd, uuids
        owners = np.zeros(0, dtype=np.int64)
        instances: list[list[Any]] = [[] for _ in repeat_paths]
        if repeat is not None:
            scope = layout.scopes[repeat]
            picked = [_q(scope.fields[p][0]) if p in scope.fields else "NULL" for p in repeat_paths]
            if where.ward_keys is None:
                # the whole table in its own order (each page read once)
                cursor = ws.db.execute(
                    f"SELECT {', '.join(['_id', *picked])} FROM {_q(scope.table)}"
                )
            else:
                m_conditions, m_params = _selection(where, "m.")
                cursor = ws.db.execute(
                    f"SELECT {', '.join(['r._id', *('r.' + c for c in picked)])} "
                    f"FROM {_q(main.table)} m JOIN {_q(scope.table)} r ON r._id = m._id "
                    f"WHERE {' AND '.join(['m._odd = 0', *m_conditions])} "
                    "ORDER BY r._id, r._seq",
                    m_params,
                )
            owners, instances = _columns(cursor, 1 + len(picked), repeat_convert)
    return WardRows(ids, read, owners, instances, documents)
