"""Which form versions each laptop is using, as seen in what it has sent (coordinator)."""

from __future__ import annotations

from pydantic import BaseModel

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
    rows = ws.db.execute(
        "SELECT COALESCE(d.name, i.device_id), i.form_id, i.form_version, count(*), "
        "max(i.updated) FROM interviews i LEFT JOIN sync_devices d ON d.device_id = i.device_id "
        "WHERE i.device_id != '' GROUP BY i.device_id, i.form_id, i.form_version "
        "ORDER BY 1, 2, 5 DESC"
    ).fetchall()
    return [
        DeviceFormVersion(
            device_name=r[0], form_id=r[1], form_version=r[2], interviews=r[3], last_update=r[4]
        )
        for r in rows
    ]
