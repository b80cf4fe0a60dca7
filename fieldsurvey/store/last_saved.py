"""The interview saved last of a form: what ``${last-saved#name}`` reads in a new one.

ODK Collect gives a new form the answers of the last form of the same kind saved on the
phone (the ``__last-saved`` secondary instance; ``forms/last_saved.py``). On a laptop
that is the interview of the same form id, any version, changed most recently in this
workspace (its ``updated`` time: saving a draft counts, as in Collect), other than the
interview being started. Interviews that were deleted are gone from the table, so they
never count.

API:
    last_saved_answers(ws, form_id, *, other_than="") -> dict | None
        the answers of that interview, or None when there is none
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace


@storage_errors
def last_saved_answers(
    ws: Workspace, form_id: str, *, other_than: str = ""
) -> dict[str, Any] | None:
    """The answers of the interview of ``form_id`` (any version) changed last, other
    than the interview ``other_than`` (the one being started); None if there is none."""
    row = ws.db.execute(
        "SELECT answers FROM interviews WHERE form_id = ? AND uuid != ? "
        "ORDER BY updated DESC, rowid DESC LIMIT 1",
        [form_id, other_than],
    ).fetchone()
    if row is None:
        return None
    answers = json.loads(row[0])
    return answers if isinstance(answers, dict) else None


__all__ = ["last_saved_answers"]
