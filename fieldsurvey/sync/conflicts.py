"""Conflicts kept by a merge, and their resolution by the coordinator.

A conflict holds the device's revision whole; its ``fields`` are those both sides
changed to different values. Resolving picks, per field, the laptop's or the
coordinator's value; all other changes of both sides are kept, as in a merge.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from fieldsurvey.changes import Changes
from fieldsurvey.errors import MergeConflictError
from fieldsurvey.store.audit import Entry, append_entries
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import three_way
from fieldsurvey.sync.bundle_payload import WireInterview
from fieldsurvey.sync.campaign import campaign_of
from fieldsurvey.sync.merge import MERGED_STATUS, keep_ancestor

Side = Literal["laptop", "coordinator"]
_MISSING = object()


class Conflict(BaseModel):
    uuid: str
    device_id: str
    device_name: str
    revision: int
    fields: list[str]
    created: str


def list_conflicts(ws: Workspace) -> list[Conflict]:
    campaign_of(ws)
    cursor = ws.db.execute(
        "SELECT c.uuid, c.device_id, COALESCE(d.name, c.device_id), c.revision, c.fields, "
        "c.created FROM sync_conflicts c LEFT JOIN sync_devices d ON d.device_id = c.device_id "
        "ORDER BY c.created, c.uuid"
    )
    return [
        Conflict(uuid=u, device_id=d, device_name=n, revision=r, fields=json.loads(f), created=c)
        for u, d, n, r, f, c in cursor
    ]


def resolve_conflict(
    ws: Workspace,
    uuid: str,
    choices: dict[str, Side],
    *,
    default: Side | None = None,
    who: str = "coordinator",
) -> Changes:
    """Resolve the conflict on ``uuid``: each clashing field from ``choices`` or ``default``."""
    campaign_of(ws)
    with ws.transaction() as db:
        row = db.execute(
            "SELECT c.record, c.fields, i.answers, i.revision, s.ancestor FROM sync_conflicts c "
            "JOIN interviews i ON i.uuid = c.uuid LEFT JOIN sync_records s ON s.uuid = c.uuid "
            "WHERE c.uuid = ?",
            [uuid],
        ).fetchone()
        if row is None:
            raise MergeConflictError(f"There is no conflict on interview {uuid}.")
        incoming = WireInterview.model_validate_json(row[0])
        fields: list[str] = json.loads(row[1])
        unknown = sorted(set(choices) - set(fields))
        if unknown:
            raise MergeConflictError(
                f"Not a conflicting field of {uuid}: {', '.join(unknown)} "
                f"(conflicting: {', '.join(fields)})."
            )
        missing = [f for f in fields if f not in choices and default is None]
        if missing:
            raise MergeConflictError(
                f"Choose laptop or coordinator for: {', '.join(missing)} (or use --take)."
            )
        current: dict[str, Any] = json.loads(row[2])
        ancestor = json.loads(row[4]) if row[4] is not None else current
        merged = _resolved(ancestor, current, incoming.answers, fields, choices, default)
        revision = max(int(row[3]), incoming.revision) + 1
        db.execute(
            "UPDATE interviews SET answers = ?, revision = ?, status = ?, updated = ? "
            "WHERE uuid = ?",
            [
                json.dumps(merged, ensure_ascii=False),
                revision,
                MERGED_STATUS,
                incoming.updated,
                uuid,
            ],
        )
        # The device's revision is the new common ancestor of any later merge.
        keep_ancestor(
            db,
            [[uuid, incoming.device_id, incoming.revision, json.dumps(incoming.answers), ""]],
        )
        db.execute("DELETE FROM sync_conflicts WHERE uuid = ?", [uuid])
        picks = {f: choices.get(f, default) for f in fields}
        append_entries(db, [Entry(uuid, who, "resolve", None, None, {"fields": picks})])
    return Changes(interviews=[uuid], fields=fields)


def _resolved(
    ancestor: dict[str, Any],
    current: dict[str, Any],
    incoming: dict[str, Any],
    fields: list[str],
    choices: dict[str, Side],
    default: Side | None,
) -> dict[str, Any]:
    a, c, d = (three_way.flatten(x) for x in (ancestor, current, incoming))
    merged = dict(c)
    clashing = {tuple(f.split("/")) for f in fields}
    for path in three_way.changed(a, d):
        side = choices.get("/".join(path), default) if path in clashing else "laptop"
        if path in clashing and side == "coordinator":
            continue
        if path in d:
            merged[path] = d[path]
        else:
            merged.pop(path, None)
    try:
        return three_way.unflatten(merged)
    except ValueError as exc:
        raise MergeConflictError(
            f"The chosen values do not fit together at {exc}; choose one side with --take."
        ) from exc
