"""``interview purge --acknowledged``: a stolen laptop should hold as little as possible.

The answers and respondent name of interviews the coordinator acknowledged are
removed (the row stays, so the enumerator still sees what was done), and so are the
answer values in their audit entries (the chain of who did what, when, stays
verifiable: :mod:`fieldsurvey.store.audit`), their files (photos, signatures,
recordings: :mod:`fieldsurvey.store.media`) and the events of the audit meta question
(:mod:`fieldsurvey.store.question_audit`, which may hold answers). SQLite's
``secure_delete`` overwrites the freed space and the write-ahead log is
checkpointed and truncated afterwards.

Entity lists (issue 16): purging an acknowledged interview keeps the entities it created
or updated (the households stay in the lists for the next visits); the entities of wards
the laptop no longer holds (its last receipt says which) are dropped, unless assigned to
it or updated here by an interview the coordinator has not acknowledged yet.
"""

from __future__ import annotations

from fieldsurvey.changes import Changes
from fieldsurvey.store import entities, media, question_audit, receipt_log
from fieldsurvey.store.audit import Entry, append_entries, erase_values
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import device_config_of
from fieldsurvey.sync.entity_sync import held_wards


def purge_acknowledged(ws: Workspace, *, who: str = "purge") -> Changes:
    """Remove the answers of every acknowledged interview on this laptop."""
    config = device_config_of(ws)  # laptops only: the coordinator's store is never purged
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
        wards = held_wards(ws, config.wards)
        if wards is not None:  # else the laptop holds every ward's entities
            entities.drop_outside(db, wards, config.device_id)
        append_entries(db, [Entry(u, who, "purge") for u in uuids])
    receipt_log.checkpoint(ws)
    return Changes(interviews=uuids)
