"""The two sides of one conflict, field by field, for the coordinator to choose from."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from fieldsurvey.errors import MergeConflictError
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
    row = ws.db.execute(
        "SELECT c.record, c.fields, i.answers, i.ward, i.household_id FROM sync_conflicts c "
        "JOIN interviews i ON i.uuid = c.uuid WHERE c.uuid = ?",
        [uuid],
    ).fetchone()
    if row is None:
        raise MergeConflictError(f"There is no conflict on interview {uuid}.")
    incoming = three_way.flatten(WireInterview.model_validate_json(row[0]).answers)
    current = three_way.flatten(json.loads(row[2]))
    fields = [
        ConflictField(
            field=name,
            coordinator=current.get(tuple(name.split("/"))),
            laptop=incoming.get(tuple(name.split("/"))),
        )
        for name in json.loads(row[1])
    ]
    return ConflictDetail(uuid=uuid, ward=row[3], household_id=row[4], fields=fields)
