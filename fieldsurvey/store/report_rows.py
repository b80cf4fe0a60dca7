"""What reports, exports and the coordinator's review read of the interviews: the
rows of one form, the forms that have interviews, and the keys the duplicate checks
compare. The report writers never open the database: ``reports/workspace_reader.py``
and ``sync/duplicates.py`` read through this module.

API:
    REPORT_COLUMNS
    interview_rows(ws, form_id, *, include_drafts=False) -> Iterator[tuple]
        (REPORT_COLUMNS, answers as JSON text; oldest first; streamed)
    interview_meta(ws, form_id, *, include_drafts=False) -> Iterator[tuple]
        (REPORT_COLUMNS without the answers; oldest first; streamed)
    answers_of(ws, uuids) -> dict[uuid, answers JSON text]
    count_interviews(ws, form_id, *, include_drafts=False) -> int
    forms_with_interviews(ws, *, include_drafts=False) -> list[str]
    household_members(ws, keys=None) -> iterator of (ward, household id, uuid, device id), in order
    respondent_documents(ws) -> Iterator[(uuid, device id, respondent, answers text)]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.store.database import storage_errors, translating_errors

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

REPORT_COLUMNS = (
    "uuid", "form_version", "status", "ward", "household_id", "enumerator", "device_id",
    "created", "updated", "revision", "answers",
)  # fmt: skip


def interview_rows(
    ws: Workspace, form_id: str, *, include_drafts: bool = False
) -> Iterator[tuple[Any, ...]]:
    """The interviews of ``form_id``, oldest first, drafts only if asked; streamed (a
    campaign's answers are not all held at once: consume before writing)."""
    where = "form_id = ?" + ("" if include_drafts else " AND status != 'draft'")
    with translating_errors():
        yield from ws.db.execute(
            f"SELECT {', '.join(REPORT_COLUMNS)} FROM interviews WHERE {where} "
            "ORDER BY created, uuid",
            [form_id],
        )


def interview_meta(
    ws: Workspace, form_id: str, *, include_drafts: bool = False
) -> Iterator[tuple[Any, ...]]:
    """As :func:`interview_rows` without the answers (read them by :func:`answers_of`):
    read from the covering listing index and sorted here (SQLite's sort in a temporary
    B-tree allocates per row, which SQLCipher's memory security makes slow)."""
    where = "form_id = ?" + ("" if include_drafts else " AND status != 'draft'")
    with translating_errors(), gc_paused():  # 100,000 row tuples, none in a cycle
        rows = ws.db.execute(
            f"SELECT {', '.join(REPORT_COLUMNS[:-1])} FROM interviews "
            f"INDEXED BY idx_interviews_listing WHERE {where}",  # covers: no answers read
            [form_id],
        ).fetchall()
        rows.sort(key=_ORDER)
    yield from rows


_ORDER = itemgetter(REPORT_COLUMNS.index("created"), REPORT_COLUMNS.index("uuid"))


@storage_errors
def answers_of(ws: Workspace, uuids: Sequence[str]) -> dict[str, str]:
    """uuid -> the answers (JSON text) of these interviews (at most a few thousand)."""
    marks = ", ".join("?" * len(uuids))
    rows = ws.db.execute(f"SELECT uuid, answers FROM interviews WHERE uuid IN ({marks})", uuids)
    return {str(u): str(a) for u, a in rows}


@storage_errors
def count_interviews(ws: Workspace, form_id: str, *, include_drafts: bool = False) -> int:
    """How many interviews of ``form_id`` (drafts only if asked)."""
    where = "form_id = ?" + ("" if include_drafts else " AND status != 'draft'")
    row = ws.db.execute(
        f"SELECT COUNT(*) FROM interviews INDEXED BY idx_interviews_form WHERE {where}",
        [form_id],
    ).fetchone()
    return int(row[0])


@storage_errors
def forms_with_interviews(ws: Workspace, *, include_drafts: bool = False) -> list[str]:
    """The form ids that have interviews here (drafts count only if asked), sorted: one
    seek of ``idx_interviews_form`` per form (not a scan of every interview)."""
    db = ws.db
    forms: list[str] = []
    row = db.execute("SELECT MIN(form_id) FROM interviews").fetchone()
    while row is not None and row[0] is not None:
        form_id = str(row[0])
        if (
            include_drafts
            or db.execute(
                "SELECT 1 FROM interviews INDEXED BY idx_interviews_form "
                "WHERE form_id = ? AND status != 'draft' LIMIT 1",
                [form_id],
            ).fetchone()
        ):
            forms.append(form_id)
        row = db.execute(
            "SELECT MIN(form_id) FROM interviews WHERE form_id > ?", [form_id]
        ).fetchone()
    return forms


@storage_errors
def household_members(
    ws: Workspace, keys: Iterable[tuple[str, str]] | None = None
) -> Iterator[tuple[str, str, str, str]]:
    """(ward, household id, uuid, device id) of every interview with a household id, or
    only of the (ward, household id) ``keys``, in that order (the index's: no sort), streamed.
    Reads only the covering index ``idx_interviews_household``; the caller groups
    consecutive rows (SQL's grouping allocates per row, which SQLCipher's memory security
    makes slow: docs/benchmarks.md; holding 1,000,000 rows and freeing them at once held
    the GIL for half a second)."""
    where, params = "", []
    if keys is not None:
        where = (
            "AND (ward, household_id) IN (SELECT json_extract(value, '$[0]'), "
            "json_extract(value, '$[1]') FROM json_each(?))"
        )
        params = [json.dumps(sorted(set(keys)), ensure_ascii=False)]
    with translating_errors():
        yield from ws.db.execute(
            "SELECT ward, household_id, uuid, device_id FROM interviews "
            f"INDEXED BY idx_interviews_household WHERE household_id != '' {where} "
            "ORDER BY ward, household_id, uuid",
            params,
        )


def respondent_documents(ws: Workspace) -> Iterator[tuple[str, str, str, str]]:
    """(uuid, device id, respondent, answers JSON text) of every interview, streamed
    (the answers of a whole campaign are not held in memory at once): what the
    possible-duplicate check read before its keys were kept (store/person_keys.py); the
    tests and bench/bench_person_duplicates.py compare the keys with it."""
    with translating_errors():
        yield from ws.db.execute("SELECT uuid, device_id, respondent, answers FROM interviews")
