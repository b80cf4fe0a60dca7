"""The conflicts as the coordinator sees them: each with its household, ward and
enumerator, and the two sides of one, field by field, to choose from."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from fieldsurvey.errors import MergeConflictError
from fieldsurvey.store import record_context, sync_conflicts
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import three_way
from fieldsurvey.sync.bundle_payload import WireInterview
from fieldsurvey.sync.campaign import campaign_of


class ConflictField(BaseModel):
    field: str
    coordinator: Any = None
    laptop: Any = None


class ConflictDetail(BaseModel):
    uuid: str
    ward: str
    household_id: str
    fields: list[ConflictField]
    enumerator: str = ""
    form_id: str = ""
    form_version: str = ""


class ConflictRow(BaseModel):
    """One open conflict and where it comes from (for the list)."""

    uuid: str
    device_name: str
    fields: list[str]
    created: str
    household_id: str = ""
    ward: str = ""
    enumerator: str = ""
    form_id: str = ""
    form_version: str = ""


def conflict_rows(ws: Workspace) -> list[ConflictRow]:
    """Every open conflict, oldest first, with its household, ward, enumerator and form."""
    campaign_of(ws)
    with ws.reading():
        conflicts = sync_conflicts.list_conflicts(ws)
        contexts = record_context.conflict_contexts(ws)
    rows = []
    for c in conflicts:
        context = contexts.get(c.uuid)
        extra = context._asdict() if context is not None else {}
        extra.pop("uuid", None)
        rows.append(
            ConflictRow(
                uuid=c.uuid, device_name=c.device_name, fields=c.fields, created=c.created, **extra
            )
        )
    return rows


def conflict_detail(ws: Workspace, uuid: str) -> ConflictDetail:
    """Each clashing field with the coordinator's value and the laptop's value."""
    campaign_of(ws)
    sides = sync_conflicts.conflict_sides(ws, uuid)
    if sides is None:
        raise MergeConflictError("sync.data.no_conflict", uuid=uuid)
    record = WireInterview.model_validate_json(sides.record)
    incoming = three_way.flatten(record.answers)
    current = three_way.flatten(json.loads(sides.answers))
    fields = [
        ConflictField(
            field=name,
            coordinator=current.get(tuple(name.split("/"))),
            laptop=incoming.get(tuple(name.split("/"))),
        )
        for name in sides.fields
    ]
    context = record_context.conflict_contexts(ws).get(uuid)
    return ConflictDetail(
        uuid=uuid,
        ward=sides.ward,
        household_id=sides.household_id,
        fields=fields,
        enumerator=context.enumerator if context is not None else record.enumerator,
        form_id=context.form_id if context is not None else record.form_id,
        form_version=context.form_version if context is not None else record.form_version,
    )
