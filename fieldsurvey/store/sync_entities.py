"""What sync keeps of entity lists: how far each laptop's lists have come (the
coordinator's change counter), and the actions of the interviews a bundle sends.

A laptop's bundle says which of the coordinator's entity changes its lists have
reached (``entity_seq`` in the payload head, from the receipts and the device package
it applied); the coordinator keeps the latest per device here, in the settings table,
and its next receipt for that laptop carries only the changes after it
(:mod:`fieldsurvey.sync.entity_sync`). A receipt that never reached the laptop is thus
harmless: the next one carries its changes again.
"""

from __future__ import annotations

import json
from typing import Any

from fieldsurvey.store.database import Database, storage_errors

_PREFIX = "entity.reported_seq."


@storage_errors
def reported_seq(db: Database, device_id: str) -> int:
    """The change number the laptop ``device_id`` last said its lists reached (0: none)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [_PREFIX + device_id]).fetchone()
    return 0 if row is None else int(json.loads(row[0]))


@storage_errors
def note_reported_seq(db: Database, device_id: str, seq: int) -> None:
    """Keep ``seq`` for ``device_id`` (in the caller's transaction). A bundle exported
    before a later one may arrive after it: the number only goes up."""
    if seq <= reported_seq(db, device_id):
        return
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [_PREFIX + device_id, json.dumps(seq)],
    )


@storage_errors
def entity_wards(db: Database) -> list[str]:
    """Every ward some entity is in (a campaign without wards shares them all)."""
    return [r[0] for r in db.execute("SELECT DISTINCT ward FROM entities ORDER BY ward")]


@storage_errors
def actions_to_send(db: Database, uuids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The entity actions (JSON objects as stored) of those of ``uuids`` that have some,
    in one query (a bundle sends thousands of interviews)."""
    if not uuids:
        return {}
    cursor = db.execute(
        "SELECT i.uuid, i.entity_actions FROM json_each(?) x "
        "JOIN interviews i ON i.uuid = x.value WHERE i.entity_actions != '[]'",
        [json.dumps(uuids)],
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for uuid, text in cursor:
        actions = json.loads(text)
        if actions:
            found[uuid] = actions
    return found
