"""Appending many audit entries at once (export, merge), in the chain's own format.

:func:`fieldsurvey.store.audit.append_entry` reads the chain's tail for every entry; a
bundle touching thousands of interviews appends them in one pass instead, with the
same columns and :func:`fieldsurvey.store.audit.seal`, so ``verify`` checks them
like any other entry. Call inside the caller's transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlite_utils import Database

from fieldsurvey.store.audit import COLUMNS, GENESIS, seal, value_text


class Entry(NamedTuple):
    interview_uuid: str | None
    who: str
    action: str
    field: str | None = None
    old: Any = None
    new: Any = None


def append_entries(db: Database, entries: list[Entry]) -> None:
    """Chain ``entries`` after the current tail (the caller holds the write lock)."""
    if not entries:
        return
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (0, GENESIS) if last is None else (int(last[0]), str(last[1]))
    at = datetime.now(UTC).isoformat(timespec="milliseconds")
    rows: list[list[Any]] = []
    for entry in entries:
        seq += 1
        row: dict[str, Any] = {
            "seq": seq,
            "interview_uuid": entry.interview_uuid,
            "who": entry.who,
            "at": at,
            "action": entry.action,
            "field": entry.field,
            "old_value": value_text(entry.old),
            "new_value": value_text(entry.new),
            "prev_hash": prev,
        }
        seal(row)
        prev = row["hash"]
        rows.append([row[c] for c in COLUMNS])
    db.conn.executemany(
        f"INSERT INTO audit_log ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
        rows,
    )
