"""What reports, exports and the coordinator's review read of the interviews: the
rows of one form, the forms that have interviews, and the keys the duplicate checks
compare. The report writers never open the database: ``reports/workspace_reader.py``
and ``sync/duplicates.py`` read through this module.

API:
    REPORT_COLUMNS
    interview_rows(ws, form_id, *, include_drafts=False) -> Iterator[tuple]
        (REPORT_COLUMNS, answers as JSON text; oldest first; streamed)
    forms_with_interviews(ws, *, include_drafts=False) -> list[str]
    household_members(ws, keys=None) -> list[(ward, household id, uuid, device id)]
    respondent_documents(ws) -> Iterator[(uuid, device id, respondent, answers text)]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

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


@storage_errors
def forms_with_interviews(ws: Workspace, *, include_drafts: bool = False) -> list[str]:
    """The form ids that have interviews here (drafts count only if asked), sorted."""
    where = "" if include_drafts else " WHERE status != 'draft'"
    rows = ws.db.execute(f"SELECT DISTINCT form_id FROM interviews{where} ORDER BY form_id")
    return [str(row[0]) for row in rows]


@storage_errors
def household_members(
    ws: Workspace, keys: Iterable[tuple[str, str]] | None = None
) -> list[tuple[str, str, str, str]]:
    """(ward, household id, uuid, device id) of every interview with a household id, or
    only of the (ward, household id) ``keys``. Reads only the covering index
    ``idx_interviews_household``; the caller groups (SQL's grouping allocates per row,
    which SQLCipher's memory security makes slow: docs/benchmarks.md)."""
    where, params = "", []
    if keys is not None:
        where = (
            "AND (ward, household_id) IN (SELECT json_extract(value, '$[0]'), "
            "json_extract(value, '$[1]') FROM json_each(?))"
        )
        params = [json.dumps(sorted(set(keys)), ensure_ascii=False)]
    cursor = ws.db.execute(
        "SELECT ward, household_id, uuid, device_id FROM interviews "
        f"INDEXED BY idx_interviews_household WHERE household_id != '' {where}",
        params,
    )
    return cursor.fetchall()


def respondent_documents(ws: Workspace) -> Iterator[tuple[str, str, str, str]]:
    """(uuid, device id, respondent, answers JSON text) of every interview, streamed
    (the answers of a whole campaign are not held in memory at once)."""
    with translating_errors():
        yield from ws.db.execute("SELECT uuid, device_id, respondent, answers FROM interviews")
