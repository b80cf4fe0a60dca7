"""A laptop's exports: the interviews a bundle carries, the audit entries not yet sent,
and what was last exported of each interview (``sync_exports``).

The order of events and the lifecycle rule (completed -> exported, checked per
interview by :func:`fieldsurvey.store.interviews.check_transition`) live in
:mod:`fieldsurvey.sync.bundle_writer`; this module reads and writes the rows, in bulk.

API:
    rows_to_send(ws, statuses) -> list[dict]        (WIRE_COLUMNS; answers as JSON text)
    unsent_audit(ws, uuids, *, send_all) -> list[dict]   (audit_log rows, in seq order)
    current_statuses(db, uuids) -> dict[uuid, status]
    set_exported(db, uuids, *, status, updated)     (and base_revision = revision)
    ExportMark; record_exports(db, marks)
    TO_SEND; migrate_export_index(db)                (migration 0020)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from fieldsurvey.store.audit import COLUMNS as AUDIT_COLUMNS
from fieldsurvey.store.database import storage_errors
from fieldsurvey.store.sync_records import WIRE_COLUMNS

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace


class ExportMark(NamedTuple):
    """What one bundle carried of an interview: its revision and last audit entry."""

    uuid: str
    revision: int
    audit_seq: int
    sequence: int


#: What a bundle sends: the completed interviews, oldest first. The status is written
#: in the query (not a parameter) so that SQLite reads migration 0020's partial index,
#: which holds only the completed interviews in that order (no scan, no sort, however
#: many interviews the laptop keeps).
TO_SEND = (
    f"SELECT {', '.join(WIRE_COLUMNS)} FROM interviews INDEXED BY idx_interviews_to_send "
    "WHERE status = 'completed' ORDER BY created, uuid"
)


def migrate_export_index(db: Database) -> None:
    """Migration 0020: the completed interviews in export order (a partial index: an
    interview leaves it when it is exported, and drafts never enter it)."""
    db.execute(
        "CREATE INDEX idx_interviews_to_send ON interviews (created, uuid) "
        "WHERE status = 'completed'"
    )


@storage_errors
def rows_to_send(ws: Workspace, statuses: Iterable[str]) -> list[dict[str, Any]]:
    """Interviews in these statuses, oldest first; ``answers`` stays the stored JSON
    text (spliced into the payload as it is)."""
    wanted = sorted({str(s) for s in statuses})
    if wanted == ["completed"]:
        cursor = ws.db.execute(TO_SEND)
    else:  # everything again (``--all``): what is sent is most of the table anyway
        marks = ", ".join("?" * len(wanted))
        cursor = ws.db.execute(
            f"SELECT {', '.join(WIRE_COLUMNS)} FROM interviews WHERE status IN ({marks}) "
            "ORDER BY created, uuid",
            wanted,
        )
    return [dict(zip(WIRE_COLUMNS, values, strict=True)) for values in cursor]


@storage_errors
def unsent_audit(ws: Workspace, uuids: list[str], *, send_all: bool) -> list[dict[str, Any]]:
    """Audit entries of these interviews not yet sent (all of them with ``send_all``)."""
    if not uuids:
        return []
    since = "0" if send_all else "COALESCE(e.audit_seq, 0)"
    # Driven by the exported uuids (CROSS JOIN fixes the order), so the audit log's
    # (interview_uuid, seq) index is used instead of a scan of the whole log.
    cursor = ws.db.execute(
        f"SELECT {', '.join('a.' + c for c in AUDIT_COLUMNS)} "
        "FROM json_each(?) x LEFT JOIN sync_exports e ON e.uuid = x.value "
        f"CROSS JOIN audit_log a ON a.interview_uuid = x.value AND a.seq > {since} "
        "ORDER BY a.seq",
        [json.dumps(uuids)],
    )
    return [dict(zip(AUDIT_COLUMNS, values, strict=True)) for values in cursor]


def current_statuses(db: Database, uuids: list[str]) -> dict[str, str]:
    """The status of each of these interviews now (absent ones are left out)."""
    cursor = db.execute(
        "SELECT uuid, status FROM interviews WHERE uuid IN (SELECT value FROM json_each(?))",
        [json.dumps(uuids)],
    )
    return {str(uuid): str(status) for uuid, status in cursor}


def set_exported(db: Database, uuids: list[str], *, status: str, updated: str) -> None:
    """Give these interviews ``status`` (the lifecycle's target of "export", checked by
    the caller) and remember the revision sent as their base revision."""
    db.execute(
        "UPDATE interviews SET status = ?, updated = ?, base_revision = revision "
        "WHERE uuid IN (SELECT value FROM json_each(?))",
        [str(status), updated, json.dumps(uuids)],
    )


def record_exports(db: Database, marks: Iterable[ExportMark]) -> None:
    """Remember what this bundle carried of each interview (one row per interview)."""
    db.conn.executemany(
        "INSERT INTO sync_exports (uuid, revision, audit_seq, sequence) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(uuid) DO UPDATE SET revision = excluded.revision, "
        "audit_seq = MAX(audit_seq, excluded.audit_seq), sequence = excluded.sequence",
        marks,
    )
