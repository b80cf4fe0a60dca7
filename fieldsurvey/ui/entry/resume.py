"""Where an entry screen was open at a crash or power cut: read when the window opens,
without the form engine (the entry screen's modules load later, in a task)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

#: The workspace setting that holds it (written by the entry controller).
RESUME_KEY = "resume"


def resume_point(ws: Workspace) -> dict[str, Any] | None:
    """``{"interview": uuid, "path": path, "page": n}`` if an entry screen was open at a
    crash or power cut (the app reopens it with ``EntryView(..., start_path=path)``)."""
    point = ws.get_setting(RESUME_KEY)
    return point if isinstance(point, dict) and point.get("interview") else None
