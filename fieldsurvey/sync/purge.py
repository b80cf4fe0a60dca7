"""``interview purge --acknowledged``: a stolen laptop should hold as little as possible.

The answers and respondent name of interviews the coordinator acknowledged are
removed (the row stays, so the enumerator still sees what was done), and so are the
answer values in their audit entries (the chain of who did what, when, stays
verifiable: :mod:`fieldsurvey.store.audit`). SQLite's
``secure_delete`` overwrites the freed space and the write-ahead log is
checkpointed and truncated afterwards.
"""

from __future__ import annotations

import contextlib

import sqlcipher3

from fieldsurvey.changes import Changes
from fieldsurvey.store.audit import Entry, append_entries, erase_values
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import device_config_of


def purge_acknowledged(ws: Workspace, *, who: str = "purge") -> Changes:
    """Remove the answers of every acknowledged interview on this laptop."""
    device_config_of(ws)  # laptops only: the coordinator's merged store is never purged
    ws.db.execute("PRAGMA secure_delete = ON")
    with ws.transaction() as db:
        rows = db.execute(
            "SELECT uuid, answers != '{}' OR respondent != '' FROM interviews "
            "WHERE status = 'acknowledged'"
        ).fetchall()
        acknowledged = [uuid for uuid, _ in rows]
        uuids = [uuid for uuid, has_content in rows if has_content]
        db.conn.executemany(
            "UPDATE interviews SET answers = '{}', respondent = '' WHERE uuid = ?",
            [[u] for u in uuids],
        )
        # all acknowledged ones: also those purged before audit values could be erased
        erase_values(db, acknowledged)
        append_entries(db, [Entry(u, who, "purge") for u in uuids])
    # Best effort: the WAL is encrypted like the database and is checkpointed later anyway;
    # a statement still open on this connection makes SQLite refuse it (SQLITE_LOCKED).
    with contextlib.suppress(sqlcipher3.dbapi2.OperationalError):
        ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Changes(interviews=uuids)
