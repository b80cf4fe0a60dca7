"""The interviews list read in windows: any filter and sort order, from any position, at
1,000,000 interviews.

Migration 0018 gives each sort order the list offers an index on ``interviews`` that
starts with its key and ends with the status and ward (so the filters are checked in
the index, without reading the answer-laden rows); a window is a walk of one index from
a key (keyset pagination: the cost does not grow with the position), and only its
rows are read from the table (a laptop keeps six of them without the status, migration
0027: its exports and receipts change the status of many interviews at once, and a
laptop lists its own work; its status filter reads the status from the rows there,
with the same results). The search box is served by ``interview_search``, a
contentless FTS5 index of ward, household id, respondent and enumerator
(``unicode61 remove_diacritics 2``, and "đ" read as "d", so "nguyen" finds "Nguyễn"
and "duc" finds "Đức"; the word being typed is the start of a word), kept by triggers on
``interviews`` (so every writer, the merge included, keeps it right).

A query (:class:`ListQuery`) is planned once (:func:`plan`): a filter that selects few
rows (at most DRIVE_LIMIT) drives it (its rows are read through its index and sorted),
else the sort order's index is walked and the filters checked on the way (a search that
matches many rows is first gathered into a temporary table of this connection, once per
search and state of the database, rather than once per window). Windows come
from :func:`window_at` (a position: OFFSET from the nearer end, for a jump of the scroll
bar) or :func:`window_after` (after or before a row's key: the next page while
scrolling). Counting a million rows takes tens of ms: :func:`count` is asked for apart.

API:
    ListQuery(text="", status=None, ward=None, sort="updated", descending=True)
    SORTS: the sort orders (names) and their key columns
    ListPlan: query, terms, driver
    plan(ws, query) -> ListPlan
    count(ws, plan) -> int
    window_at(ws, plan, start, limit, *, total=None, marks=None) -> ListWindow
    anchors(ws, plan) -> keys of every ANCHOR_EVERY-th row (for window_at's marks)
    window_after(ws, plan, key, limit, *, before=False) -> ListWindow
    ListWindow: rows (ListRow), keys (one per row: its sort key for window_after)
    key_of(ws, plan, uuid) -> key | None;  position_of(ws, plan, key) -> int
    wards(ws) -> list[str]   (the wards of the interviews held, sorted)
    status_counts(ws) -> dict[str, int]   (interviews per status)
    search_terms(text) -> str   (the FTS5 query of a search text)
    migrate_interview_listing(db)  (migration 0018)
    LAPTOP_WITHOUT_STATUS; fit_to_laptop(db) -> bool; migrate_laptop_listing(db)  (0027)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldsurvey.store.actor import DEVICE_SETTING
from fieldsurvey.store.database import storage_errors
from fieldsurvey.store.interviews import ListRow

if TYPE_CHECKING:
    from collections.abc import Callable

    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace

_COLUMNS = ", ".join(ListRow._fields)

#: Sort orders: name -> (index, key columns; the uuid breaks ties). Each index ends
#: with the status and ward (when its key does not hold them).
SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "updated": ("idx_interviews_by_updated", ("updated", "uuid")),
    # Migration 0009's household index, rebuilt here with the status at its end.
    "ward": ("idx_interviews_household", ("ward", "household_id", "uuid")),
    "household": ("idx_interviews_by_household", ("household_id", "uuid")),
    "respondent": ("idx_interviews_by_respondent", ("respondent", "uuid")),
    "enumerator": ("idx_interviews_by_enumerator", ("enumerator", "uuid")),
    "form": ("idx_interviews_by_form", ("form_id", "form_version", "uuid")),
    "status": ("idx_interviews_by_status", ("status", "updated", "uuid")),
    # problems NULL (never checked here) sorts first, as SQLite sorts NULL.
    "checks": ("idx_interviews_by_checks", ("problems", "comment", "uuid")),
}

#: A filter selecting at most this many rows drives the query: its rows are read
#: through its own index and sorted (a table page each: ~50 µs at 1,000,000 interviews);
#: above it the sort order's index is walked checking the filters (100/selectivity
#: index entries per window, ~0.3 µs each). They cost the same near 750 rows at
#: 1,000,000 (bench/bench_listing.py).
DRIVE_LIMIT = 1_000

#: What the search box searches.
SEARCHED = ("ward", "household_id", "respondent", "enumerator")


def _search_text(row: str) -> str:
    """The FTS text of a row of ``interviews`` (NEW or OLD in a trigger): "đ" and "Đ"
    become "d" (the tokenizer removes the other diacritics but keeps đ, a letter of
    its own)."""
    joined = " || ' ' || ".join(f"{row}.{c}" for c in SEARCHED)
    return f"replace(replace({joined}, 'đ', 'd'), 'Đ', 'D')"


def migrate_interview_listing(db: Database) -> None:
    """0018: an index per sort order, the search index and the triggers keeping it."""
    db.execute("DROP INDEX idx_interviews_household")
    db.execute(
        "CREATE INDEX idx_interviews_household "
        "ON interviews (ward, household_id, uuid, device_id, status)"
    )
    for sort, (index, columns) in SORTS.items():
        if sort == "ward":
            continue
        extra = [c for c in ("status", "ward") if c not in columns]
        db.execute(f"CREATE INDEX {index} ON interviews ({', '.join([*columns, *extra])})")
    create_search_index(db)


#: The sort orders whose index a laptop keeps without the status (migration 0027,
#: :func:`fit_to_laptop`). A bundle export changes the status of every interview it
#: sends (and a receipt of each again): each index holding the status then changes an
#: entry per interview, and these six are ordered by keys that scatter a laptop's new
#: interviews over the whole index (a page each: with them an export of 1,000 from a
#: laptop holding 100,000 took 0.67 s CPU, without them 0.23). The newest-change order,
#: the status order and the export's own index keep it (their changed entries are side
#: by side). A laptop's status filter, in these orders, is checked in the status's
#: rowids or in the rows (STATUS_SET_LIMIT): a laptop lists its own work; the
#: coordinator, which lists a network's, keeps 0018's indexes.
LAPTOP_WITHOUT_STATUS = ("ward", "household", "respondent", "enumerator", "form", "checks")
_WITHOUT_STATUS = frozenset(SORTS[sort][0] for sort in LAPTOP_WITHOUT_STATUS)

#: On a laptop's index without the status, a status filter that selects at most this
#: many interviews is checked in the set of their rowids (read from the status order's
#: index once per statement: ~0.3 µs each) rather than in each row walked past (a
#: table page each, ~60 µs); a commoner status is read from the rows (fewer than
#: 100 * held / STATUS_SET_LIMIT of them per window of 100).
STATUS_SET_LIMIT = 20_000
_IN_STATUS = (
    "rowid IN (SELECT rowid FROM interviews INDEXED BY idx_interviews_by_status WHERE status = ?)"
)


def _laptop_columns(sort: str) -> list[str]:
    """The columns of a laptop's index of sort order ``sort`` (one of
    LAPTOP_WITHOUT_STATUS): 0018's without the status."""
    if sort == "ward":  # 0009's covering household index: its readers need no status
        return ["ward", "household_id", "uuid", "device_id"]
    columns = SORTS[sort][1]
    return [*columns, *(["ward"] if "ward" not in columns else [])]


def _laptop_indexes(db: Database) -> bool:
    """Whether the sort orders of LAPTOP_WITHOUT_STATUS have a laptop's index."""
    sql = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
        [SORTS["household"][0]],
    ).fetchone()
    return sql is not None and "status" not in str(sql[0])


def fit_to_laptop(db: Database) -> bool:
    """Give the sort orders of LAPTOP_WITHOUT_STATUS a laptop's index (once: False
    when they have it already). The index names stay, so every query of this module
    reads the same index and gives the same rows."""
    if _laptop_indexes(db):
        return False
    for sort in LAPTOP_WITHOUT_STATUS:
        index = SORTS[sort][0]
        db.execute(f"DROP INDEX {index}")
        db.execute(f"CREATE INDEX {index} ON interviews ({', '.join(_laptop_columns(sort))})")
    return True


def migrate_laptop_listing(db: Database) -> None:
    """0027: a laptop's listing indexes (:func:`fit_to_laptop`) on an enrolled laptop
    (one with a device configuration: it exports bundles). A new workspace is not
    enrolled yet when its migrations run: a laptop gets them at its first export
    (:mod:`fieldsurvey.sync.bundle_writer`), a few interviews' worth of work then."""
    row = db.execute("SELECT 1 FROM settings WHERE key = ?", [DEVICE_SETTING]).fetchone()
    if row is not None:
        fit_to_laptop(db)


def create_search_index(db: Database) -> None:
    """The search index over the interviews held, and its triggers (part of 0018)."""
    # detail=none: no positions (the search has no phrases), a third cheaper to write.
    db.execute(
        "CREATE VIRTUAL TABLE interview_search USING fts5(body, content='', "
        "contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        f"INSERT INTO interview_search (rowid, body) SELECT rowid, {_search_text('i')} "
        "FROM interviews i"
    )
    db.execute(
        f"""CREATE TRIGGER interview_search_insert AFTER INSERT ON interviews BEGIN
            INSERT INTO interview_search (rowid, body) VALUES (new.rowid, {_search_text("new")});
        END"""
    )
    db.execute(
        """CREATE TRIGGER interview_search_delete AFTER DELETE ON interviews BEGIN
            DELETE FROM interview_search WHERE rowid = old.rowid;
        END"""
    )
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in SEARCHED)
    db.execute(
        f"""CREATE TRIGGER interview_search_update AFTER UPDATE OF {", ".join(SEARCHED)}
            ON interviews WHEN {changed} BEGIN
            UPDATE interview_search SET body = {_search_text("new")} WHERE rowid = new.rowid;
        END"""
    )


# --- queries ------------------------------------------------------------------------


@dataclass(frozen=True)
class ListQuery:
    """What the list shows: the search text, the status and ward filters, the order."""

    text: str = ""
    status: str | None = None
    ward: str | None = None
    sort: str = "updated"
    descending: bool = True


@dataclass(frozen=True)
class ListPlan:
    """A query planned: the FTS5 query of its text, and what drives it ("sort": the
    sort order's index; "status", "ward", "text": that filter's rows, sorted)."""

    query: ListQuery
    terms: str
    driver: str
    #: The status filter is checked in the set of the status's rowids where the index
    #: read lacks the status (a laptop's: see STATUS_SET_LIMIT).
    status_set: bool = False


@dataclass(frozen=True)
class ListWindow:
    rows: list[ListRow]
    #: Each row's sort key (pass one to :func:`window_after`).
    keys: list[tuple[Any, ...]]


def search_terms(text: str) -> str:
    """The FTS5 query of a search text: each word typed is a word of the interview's
    ward, household id, respondent or enumerator, the last one (being typed) the start
    of one (case and diacritics ignored). Whole words before it keep the query fast:
    "hh-0012" looks up the household ids' common "hh" and jumps through it, where the
    prefix "hh"* would merge a million entries first."""
    folded = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    words = re.findall(r"\w+", folded)
    if not words:
        return ""
    typing = bool(re.search(r"\w$", folded))
    return " ".join(
        f'"{word}"*' if typing and n == len(words) - 1 else f'"{word}"'
        for n, word in enumerate(words)
    )


_MATCH = "rowid IN (SELECT rowid FROM interview_search WHERE interview_search MATCH ?)"


_MATCHED = "rowid IN (SELECT id FROM temp.listing_matched)"


def _gather(db: Database, terms: str) -> None:
    """Keep in ``temp.listing_matched`` the rowids that match ``terms`` (read again only
    when the terms or the database changed): walking a sort order's index then checks
    each row with one lookup, instead of gathering the matches again for each window."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS listing_matched (id INTEGER PRIMARY KEY)")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS listing_matched_for (what TEXT NOT NULL)")
    version = db.execute("PRAGMA data_version").fetchone()[0]
    state = f"{terms}\n{version}\n{db.conn.total_changes}"
    held = db.execute("SELECT what FROM temp.listing_matched_for").fetchone()
    if held is not None and held[0] == state:
        return
    db.execute("DELETE FROM temp.listing_matched")
    db.execute(
        "INSERT INTO temp.listing_matched (id) "
        "SELECT rowid FROM interview_search WHERE interview_search MATCH ?",
        [terms],
    )
    db.execute("DELETE FROM temp.listing_matched_for")
    state = f"{terms}\n{version}\n{db.conn.total_changes + 1}"  # after the next insert
    db.execute("INSERT INTO temp.listing_matched_for (what) VALUES (?)", [state])


def _filters(
    found: ListPlan, db: Database | None = None, source: str | None = None
) -> tuple[list[str], list[Any]]:
    """The WHERE terms of ``found``'s filters (``db``: gather a search's many matches
    there first, see :func:`_gather`; ``source``: the index read)."""
    query = found.query
    where: list[str] = []
    params: list[Any] = []
    if query.status is not None:
        set_ = found.status_set and source in _WITHOUT_STATUS
        where.append(_IN_STATUS if set_ else "status = ?")
        params.append(str(query.status))
    if query.ward is not None:
        where.append("ward = ?")
        params.append(query.ward)
    if found.terms and db is not None:
        _gather(db, found.terms)
        where.append(_MATCHED)
    elif found.terms:
        where.append(_MATCH)
        params.append(found.terms)
    return where, params


def _at_most(db: Database, sql: str, params: list[Any], limit: int) -> int:
    """How many rows ``sql`` selects, counting no further than ``limit + 1``."""
    row = db.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)", [*params, limit + 1]).fetchone()
    return int(row[0])


@storage_errors
def plan(ws: Workspace, query: ListQuery) -> ListPlan:
    """Plan ``query``: the filter that selects the fewest rows drives it when it selects
    at most DRIVE_LIMIT (each counted no further)."""
    if query.sort not in SORTS:
        raise KeyError(query.sort)  # a programming error: the list offers SORTS only
    terms = search_terms(query.text)
    sizes: dict[str, int] = {}
    with ws.reading() as db:
        if terms:  # gathered once (a prefix's matches come all at once anyway)
            _gather(db, terms)
            row = db.execute("SELECT count(*) FROM temp.listing_matched").fetchone()
            sizes["text"] = int(row[0])
        if query.ward is not None:
            sizes["ward"] = _at_most(
                db, "SELECT 1 FROM interviews INDEXED BY idx_interviews_household WHERE ward = ?",
                [query.ward], DRIVE_LIMIT,
            )  # fmt: skip
        status_set = False
        if query.status is not None:
            of_status = "SELECT 1 FROM interviews INDEXED BY idx_interviews_by_status "
            of_status += "WHERE status = ?"
            sizes["status"] = _at_most(db, of_status, [str(query.status)], DRIVE_LIMIT)
            walked = query.sort in LAPTOP_WITHOUT_STATUS or query.ward is not None
            if sizes["status"] > DRIVE_LIMIT and walked and _laptop_indexes(db):
                held = _at_most(db, of_status, [str(query.status)], STATUS_SET_LIMIT)
                status_set = held <= STATUS_SET_LIMIT
    driver = min(sizes, key=sizes.__getitem__) if sizes else "sort"
    if driver != "sort" and sizes[driver] > DRIVE_LIMIT:
        driver = "sort"
    return ListPlan(query=query, terms=terms, driver=driver, status_set=status_set)


def _index(found: ListPlan) -> str | None:
    """The index the plan's driver reads (None: the search's rows, by rowid)."""
    if found.driver == "sort":
        return SORTS[found.query.sort][0]
    if found.driver == "status":
        return "idx_interviews_by_status"
    if found.driver == "ward":
        return "idx_interviews_household"
    return None


def _source(found: ListPlan) -> str:
    """The INDEXED BY clause of the plan's driver."""
    index = _index(found)
    return f"INDEXED BY {index}" if index else "NOT INDEXED"


@storage_errors
def count(ws: Workspace, found: ListPlan) -> int:
    """How many interviews ``found`` selects (tens of ms for a million: ask apart)."""
    query = found.query
    with ws.reading() as db:
        index = _index(found)
        if found.driver != "sort":
            source = _source(found)
        elif query.ward is not None:
            index = "idx_interviews_household"
            source = f"INDEXED BY {index}"
        elif query.status is not None:
            index = "idx_interviews_by_status"
            source = f"INDEXED BY {index}"
        elif found.terms:  # the matches alone
            _gather(db, found.terms)
            return int(db.execute("SELECT count(*) FROM temp.listing_matched").fetchone()[0])
        else:
            source = ""  # the planner counts the smallest index
        where, params = _filters(found, db, index)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        row = db.execute(f"SELECT count(*) FROM interviews {source} {clause}", params).fetchone()
    return int(row[0])


def _order(found: ListPlan, reverse: bool) -> tuple[tuple[str, ...], str]:
    """The key columns and the ORDER BY clause (``reverse``: read backwards)."""
    columns = SORTS[found.query.sort][1]
    direction = "DESC" if found.query.descending != reverse else "ASC"
    return columns, ", ".join(f"{c} {direction}" for c in columns)


def _beyond(
    columns: tuple[str, ...], key: tuple[Any, ...], later: bool
) -> list[tuple[str, list[Any]]]:
    """The keyset condition: rows after (``later``: greater) or before ``key`` in key
    order, as one or two parts read one after the other. A NULL first key (an
    interview never checked here) makes two: NULL sorts first, and a row value with
    a NULL compares to nothing. (An index on ``ifnull(problems, -1)`` would avoid this,
    but SQLite seeks an expression index by equality only: every window walked from
    the start.)"""
    if key[0] is not None:
        row = f"({', '.join(columns)}) {'>' if later else '<'} ({', '.join('?' * len(key))})"
        parts = [(row, list(key))]
        if not later:
            parts.append((f"{columns[0]} IS NULL", []))
        return parts
    rest = f"({', '.join(columns[1:])}) {'>' if later else '<'} ({', '.join('?' * len(key[1:]))})"
    parts = [(f"{columns[0]} IS NULL AND {rest}", list(key[1:]))]
    if later:
        parts.append((f"{columns[0]} IS NOT NULL", []))
    return parts


def _select(
    db: Database,
    found: ListPlan,
    *,
    key: tuple[Any, ...] | None,
    reverse: bool,
    limit: int,
    offset: int = 0,
) -> ListWindow:
    columns, order = _order(found, reverse)
    where, params = _filters(found, db, _index(found))
    # After the key in reading order: greater when reading ascending.
    parts = [("", [])] if key is None else _beyond(columns, key, found.query.descending == reverse)
    width = len(ListRow._fields)
    rows: list[ListRow] = []
    keys: list[tuple[Any, ...]] = []
    for part, values_of_part in parts:
        terms = [*where, part] if part else where
        clause = f"WHERE {' AND '.join(terms)}" if terms else ""
        cursor = db.execute(
            f"SELECT {_COLUMNS}, {', '.join(columns)} FROM interviews {_source(found)} "
            f"{clause} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, *values_of_part, limit - len(rows), offset],
        )
        before = len(rows)
        for values in cursor:
            rows.append(ListRow._make(values[:width]))
            keys.append(tuple(values[width:]))
        if len(rows) >= limit:
            break
        if offset and len(rows) == before:  # the offset goes past this part: on by its size
            skipped = _at_most(
                db, f"SELECT 1 FROM interviews {_source(found)} {clause}",
                [*params, *values_of_part], offset - 1,
            )  # fmt: skip
            offset -= min(offset, skipped)
        else:
            offset = 0
    if reverse:
        rows.reverse()
        keys.reverse()
    return ListWindow(rows, keys)


#: Rows between two anchors (:func:`anchors`): a jump reads at most this far.
ANCHOR_EVERY = 10_000


@storage_errors
def anchors(
    ws: Workspace,
    found: ListPlan,
    every: int = ANCHOR_EVERY,
    *,
    stop: Callable[[], bool] | None = None,
) -> list[tuple[Any, ...]]:
    """The sort keys of the rows at positions 0, ``every``, 2 * ``every``, ... (hops of
    ``every`` index entries, as long as a count; a window function numbering the rows
    took 5-8 times longer): with them :func:`window_at` reaches any position in at most
    ``every`` index steps instead of up to half the rows. ``stop()`` true: no more hops
    (the list asked for another query; the marks so far are returned)."""
    with ws.reading() as db:
        first = _select(db, found, key=None, reverse=False, limit=1)
        marks = list(first.keys)
        while marks and not (stop is not None and stop()):
            hop = _select(db, found, key=marks[-1], reverse=False, limit=1, offset=every - 1)
            if not hop.keys:
                break
            marks.append(hop.keys[0])
        return marks


@storage_errors
def window_at(
    ws: Workspace,
    found: ListPlan,
    start: int,
    limit: int,
    *,
    total: int | None = None,
    marks: list[tuple[Any, ...]] | None = None,
    every: int = ANCHOR_EVERY,
) -> ListWindow:
    """The rows at positions ``start`` .. ``start + limit - 1`` (fewer at the end). With
    ``marks`` (:func:`anchors`, every ``every`` rows) the nearest anchor before
    ``start`` is the starting point; else, with the ``total`` known, a position past
    the middle is reached with OFFSET from the end. (:func:`window_after` is for the
    next window while scrolling.)"""
    start = max(0, start)
    with ws.reading() as db:
        before = (start - 1) // every if start else -1
        from_end = total - start if total is not None else None
        if from_end is not None and from_end < start - before * every:
            before = -1  # the end is nearer than the anchor
        if marks and 0 <= before < len(marks):
            return _select(
                db, found, key=marks[before], reverse=False, limit=limit,
                offset=start - before * every - 1,
            )  # fmt: skip
        if total is not None and start > total // 2:
            end = min(total, start + limit)
            if end <= start:
                return ListWindow([], [])
            return _select(db, found, key=None, reverse=True, limit=end - start, offset=total - end)
        return _select(db, found, key=None, reverse=False, limit=limit, offset=start)


@storage_errors
def window_after(
    ws: Workspace, found: ListPlan, key: tuple[Any, ...], limit: int, *, before: bool = False
) -> ListWindow:
    """The ``limit`` rows that follow the row of sort key ``key`` (``before``: that
    precede it), in list order."""
    with ws.reading() as db:
        return _select(db, found, key=tuple(key), reverse=before, limit=limit)


@storage_errors
def key_of(ws: Workspace, found: ListPlan, uuid: str) -> tuple[Any, ...] | None:
    """The sort key of interview ``uuid`` if ``found`` selects it (None: not)."""
    columns = SORTS[found.query.sort][1]
    with ws.reading() as db:
        where, params = _filters(found, db)
        clause = "".join(f" AND {w}" for w in where)
        row = db.execute(
            f"SELECT {', '.join(columns)} FROM interviews WHERE uuid = ?{clause}",
            [uuid, *params],
        ).fetchone()
    return tuple(row) if row is not None else None


@storage_errors
def position_of(ws: Workspace, found: ListPlan, key: tuple[Any, ...]) -> int:
    """How many of ``found``'s rows come before the row of sort key ``key``."""
    columns = SORTS[found.query.sort][1]
    counted = 0
    with ws.reading() as db:
        where, params = _filters(found, db, _index(found))
        # before: greater when the order is descending
        for part, values in _beyond(columns, key, found.query.descending):
            row = db.execute(
                f"SELECT count(*) FROM interviews {_source(found)} "
                f"WHERE {' AND '.join([*where, part])}",
                [*params, *values],
            ).fetchone()
            counted += int(row[0])
    return counted


@storage_errors
def wards(ws: Workspace) -> list[str]:
    """The wards of the interviews held, sorted (one index seek per ward)."""
    cursor = ws.db.execute(
        "WITH RECURSIVE w(ward) AS ("
        " SELECT min(ward) FROM interviews INDEXED BY idx_interviews_household"
        " UNION ALL SELECT (SELECT min(ward) FROM interviews INDEXED BY idx_interviews_household"
        " WHERE ward > w.ward) FROM w WHERE w.ward IS NOT NULL"
        ") SELECT ward FROM w WHERE ward IS NOT NULL AND ward != ''"
    )
    return [str(row[0]) for row in cursor]


@storage_errors
def status_counts(ws: Workspace) -> dict[str, int]:
    """How many interviews have each status (statuses without any are absent)."""
    cursor = ws.db.execute(
        "SELECT status, count(*) FROM interviews INDEXED BY idx_interviews_by_status "
        "GROUP BY status"
    )
    return {str(status): int(n) for status, n in cursor}


@storage_errors
def holds_at_least(ws: Workspace, n: int) -> bool:
    """Whether the workspace holds ``n`` interviews or more (reads at most ``n`` index
    entries, not the whole table)."""
    row = ws.db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM interviews INDEXED BY idx_interviews_by_status "
        "LIMIT ?)",
        [n],
    ).fetchone()
    return int(row[0]) >= n
