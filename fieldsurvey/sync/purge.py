"""``interview purge --acknowledged``: a stolen laptop should hold as little as possible.

The answers and respondent name of interviews the coordinator acknowledged are
removed (the row stays, so the enumerator still sees what was done), and so are the
answer values in their audit entries (the chain of who did what, when, stays
verifiable: :mod:`fieldsurvey.store.audit`), their files (photos, signatures,
recordings: :mod:`fieldsurvey.store.media`) and the events of the audit meta question
(:mod:`fieldsurvey.store.question_audit`, which may hold answers). SQLite's
``secure_delete`` overwrites the freed space and the write-ahead log is
checkpointed and truncated afterwards.
"""

from __future__ import annotations

from fieldsurvey.changes import Changes
from fieldsurvey.store import media, question_audit, receipt_log
from fieldsurvey.store.audit import Entry, append_entries, erase_values
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import device_config_of


def purge_acknowledged(ws: Workspace, *, who: str = "purge") -> Changes:
    """Remove the answers of every acknowledged interview on this laptop."""
    device_config_of(ws)  # laptops only: the coordinator's merged store is never purged
    receipt_log.secure_delete(ws)
    with ws.transaction() as db:
        rows = receipt_log.acknowledged_content(db)
        acknowledged = [uuid for uuid, _ in rows]
        uuids = [uuid for uuid, has_content in rows if has_content]
        receipt_log.erase_content(db, uuids)
        # all acknowledged ones: also those purged before audit values could be erased
        erase_values(db, acknowledged)
        media.erase(db, acknowledged)
        question_audit.erase(db, acknowledged)
        append_entries(db, [Entry(u, who, "purge") for u in uuids])
    receipt_log.checkpoint(ws)
    return Changes(interviews=uuids)
