"""Autosave of the entry screen: bring one interview's saved answers to the document the
questionnaire engine holds, in one transaction.

The engine may change more than the answer just typed (defaults in a new roster member,
members added or removed by a count, start/today), so the screen does not say which
answers to write: it gives a ``plan``, a function from the saved answers (read inside the
transaction) to the ``(path, value)`` steps that bring them to the engine's document
(``fieldsurvey.forms.answer_sync.diff``; ``None`` removes). Each step is one
:func:`~fieldsurvey.store.interviews.set_answer` (revision, audit entry); the count of
problems the engine found is stored with them (``set_checks``). All or nothing: a step
that is refused rolls the whole save back.

API:
    Step = tuple[str, Any];  Plan = Callable[[dict[str, Any]], Iterable[Step]]
    autosave(ws, uuid, plan, *, who, problems=None, removed=None) -> Changes
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from fieldsurvey.changes import Changes
from fieldsurvey.store import interviews
from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

Step = tuple[str, Any]
Plan = Callable[[dict[str, Any]], Iterable[Step]]


@storage_errors
def autosave(
    ws: Workspace,
    uuid: str,
    plan: Plan,
    *,
    who: str,
    problems: int | None = None,
    removed: str | None = None,
) -> Changes:
    """Remove the repeat instance ``removed`` (if given), apply ``plan(saved answers)``
    and record ``problems`` (if given), as one transaction; returns what changed."""
    done: list[Changes] = []
    with ws.transaction():
        if removed is not None:
            done.append(interviews.set_answer(ws, uuid, removed, None, who=who))
        saved = interviews.get_interview(ws, uuid).answers
        for path, value in plan(saved):
            done.append(interviews.set_answer(ws, uuid, path, value, who=who))
        if problems is not None:
            interviews.set_checks(ws, uuid, problems)
            done.append(Changes(interviews=[uuid]))
    return Changes().merge(*done)
