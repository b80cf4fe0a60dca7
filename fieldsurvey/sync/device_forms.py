"""Which form versions each laptop is using, as seen in what it has sent (coordinator)."""

from __future__ import annotations

from pydantic import BaseModel

from fieldsurvey.store import device_registry
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import campaign_of


class DeviceFormVersion(BaseModel):
    device_name: str
    form_id: str
    form_version: str
    interviews: int
    last_update: str


def form_versions_by_device(ws: Workspace) -> list[DeviceFormVersion]:
    """One row per laptop and form version among the merged interviews, newest first."""
    campaign_of(ws)
    return [
        DeviceFormVersion.model_validate(row._asdict())
        for row in device_registry.form_version_counts(ws)
    ]
