"""Where a record the coordinator must decide on comes from: its household, ward,
enumerator and form version, for the conflicts and the quarantine.

A conflict is on an interview the coordinator holds (``interviews``); a quarantined
record was never merged, so its context is read from the record as it travelled (its
JSON in ``sync_quarantine``). Texts are returned as stored; callers escape what they
print (a quarantined record may hold control characters: that can be why it is there).

API:
    RecordContext (NamedTuple)
    conflict_contexts(ws) -> dict[uuid, RecordContext]     (every open conflict)
    quarantine_contexts(ws) -> dict[uuid, RecordContext]   (every quarantined record)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace


class RecordContext(NamedTuple):
    uuid: str
    household_id: str
    ward: str
    enumerator: str
    form_id: str
    form_version: str


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


@storage_errors
def conflict_contexts(ws: Workspace) -> dict[str, RecordContext]:
    """The household, ward, enumerator and form version of each conflicting interview."""
    rows = ws.db.execute(
        "SELECT i.uuid, i.household_id, i.ward, i.enumerator, i.form_id, i.form_version "
        "FROM sync_conflicts c JOIN interviews i ON i.uuid = c.uuid"
    ).fetchall()
    return {row[0]: RecordContext(*(_text(v) for v in row)) for row in rows}


@storage_errors
def quarantine_contexts(ws: Workspace) -> dict[str, RecordContext]:
    """The same for each quarantined record, from the record as it travelled (empty
    texts where the record does not say)."""
    fields = ("household_id", "ward", "enumerator")
    extracts = ", ".join(
        f"CASE WHEN json_valid(record) THEN json_extract(record, '$.{name}') END" for name in fields
    )
    rows = ws.db.execute(
        f"SELECT uuid, {extracts}, form_id, form_version FROM sync_quarantine"
    ).fetchall()
    return {row[0]: RecordContext(*(_text(v) for v in row)) for row in rows}
