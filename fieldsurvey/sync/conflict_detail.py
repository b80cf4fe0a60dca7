"""The two sides of one conflict, field by field, for the coordinator to choose from."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from fieldsurvey.errors import MergeConflictError
from fieldsurvey.store import sync_conflicts
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


def conflict_detail(ws: Workspace, uuid: str) -> ConflictDetail:
    """Each clashing field with the coordinator's value and the laptop's value."""
    campaign_of(ws)
    sides = sync_conflicts.conflict_sides(ws, uuid)
    if sides is None:
        raise MergeConflictError("sync.data.no_conflict", uuid=uuid)
    incoming = three_way.flatten(WireInterview.model_validate_json(sides.record).answers)
    current = three_way.flatten(json.loads(sides.answers))
    fields = [
        ConflictField(
            field=name,
            coordinator=current.get(tuple(name.split("/"))),
            laptop=incoming.get(tuple(name.split("/"))),
        )
        for name in sides.fields
    ]
    return ConflictDetail(
        uuid=uuid, ward=sides.ward, household_id=sides.household_id, fields=fields
    )
