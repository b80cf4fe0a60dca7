"""The interview lifecycle: draft -> completed -> exported -> acknowledged, and
returned (sent back by the coordinator; editable again). A completed interview not yet
exported may be reopened on its laptop (back to draft, with a reason in the audit log).

The one table of allowed transitions, and the one function that enforces it
(:func:`check_transition`): every status change in the store, for one interview
(:mod:`fieldsurvey.store.interviews`) or a batch (export, receipts), goes through it.
Each refusal has its own catalogue code, so the message names the status in the
user's language.
"""

from __future__ import annotations

from enum import StrEnum

from fieldsurvey.errors import LifecycleError


class InterviewStatus(StrEnum):
    DRAFT = "draft"
    COMPLETED = "completed"
    EXPORTED = "exported"
    ACKNOWLEDGED = "acknowledged"
    RETURNED = "returned"


S = InterviewStatus
# action -> (statuses it may start from, status it leads to). The one lifecycle table.
TRANSITIONS: dict[str, tuple[frozenset[InterviewStatus], InterviewStatus]] = {
    "complete": (frozenset({S.DRAFT, S.RETURNED}), S.COMPLETED),
    "export": (frozenset({S.COMPLETED, S.EXPORTED}), S.EXPORTED),
    "acknowledge": (frozenset({S.COMPLETED, S.EXPORTED}), S.ACKNOWLEDGED),
    "return": (frozenset({S.COMPLETED, S.EXPORTED, S.ACKNOWLEDGED}), S.RETURNED),
    # Edits until sent: a completed interview that has not left the laptop goes back to
    # draft (an exported one can only come back through the coordinator's "return").
    "reopen": (frozenset({S.COMPLETED}), S.DRAFT),
}
EDITABLE = frozenset({S.DRAFT, S.RETURNED})
DELETABLE = frozenset({S.DRAFT})

#: The catalogue code of each refusal, by (action, current status) and by status.
REFUSED_TRANSITIONS: dict[tuple[str, str], str] = {
    (action, str(status)): f"store.cannot_{action}.{status}"
    for action, (allowed, _target) in TRANSITIONS.items()
    for status in InterviewStatus
    if status not in allowed
}
REFUSED_EDITS: dict[str, str] = {
    str(s): f"store.edit_refused.{s}" for s in InterviewStatus if s not in EDITABLE
}
REFUSED_DELETES: dict[str, str] = {
    str(s): f"store.delete_refused.{s}" for s in InterviewStatus if s not in DELETABLE
}


def allowed(action: str, status: str) -> bool:
    """Whether ``action`` applies to an interview in ``status`` (``"delete"`` and
    ``"edit"`` too): what the app asks to enable a button, from the same table."""
    if action == "delete":
        return status in DELETABLE
    if action == "edit":
        return status in EDITABLE
    return status in TRANSITIONS[action][0]


def check_transition(uuid: str, status: str, action: str) -> InterviewStatus:
    """The status ``action`` leads to from ``status``; LifecycleError when not allowed.

    The one place the lifecycle table is enforced: every status change in the store,
    one interview or a batch (export, receipts, merge), goes through it.
    """
    allowed, target = TRANSITIONS[action]
    if status not in allowed:
        code = REFUSED_TRANSITIONS[(action, str(status))]
        raise LifecycleError(code, uuid=uuid)
    return target
