"""Conflicts kept by a merge, and their resolution by the coordinator.

A conflict holds the device's revision whole; its ``fields`` are those both sides
changed to different values. Resolving picks, per field, the laptop's or the
coordinator's value; all other changes of both sides are kept, as in a merge.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fieldsurvey.changes import Changes
from fieldsurvey.errors import MergeConflictError
from fieldsurvey.store import sync_conflicts
from fieldsurvey.store.audit import Entry, append_entries
from fieldsurvey.store.sync_conflicts import Conflict
from fieldsurvey.store.sync_records import Ancestor, store_resolution
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import three_way
from fieldsurvey.sync.bundle_payload import WireInterview
from fieldsurvey.sync.campaign import campaign_of

Side = Literal["laptop", "coordinator"]
_MISSING = object()


def list_conflicts(ws: Workspace) -> list[Conflict]:
    campaign_of(ws)
    return sync_conflicts.list_conflicts(ws)


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
        state = sync_conflicts.conflict_state(db, uuid)
        if state is None:
            raise MergeConflictError("sync.data.no_conflict", uuid=uuid)
        incoming = WireInterview.model_validate_json(state.record)
        fields = state.fields
        unknown = sorted(set(choices) - set(fields))
        if unknown:
            raise MergeConflictError(
                "sync.data.conflict_field_unknown", uuid=uuid, fields=unknown, conflicting=fields
            )
        missing = [f for f in fields if f not in choices and default is None]
        if missing:
            raise MergeConflictError("sync.data.conflict_choice_missing", fields=missing)
        current: dict[str, Any] = json.loads(state.answers)
        ancestor = json.loads(state.ancestor) if state.ancestor is not None else current
        merged = _resolved(ancestor, current, incoming.answers, fields, choices, default)
        # The device's revision is the new common ancestor of any later merge.
        store_resolution(
            db,
            uuid,
            answers=json.dumps(merged, ensure_ascii=False),
            revision=max(state.revision, incoming.revision) + 1,
            updated=incoming.updated,
            ancestor=Ancestor(
                uuid, incoming.device_id, incoming.revision, json.dumps(incoming.answers), ""
            ),
        )
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
        raise MergeConflictError("sync.data.conflict_choices_clash", field=str(exc)) from exc
