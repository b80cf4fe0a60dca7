"""Autosave in the store: the entry screen's answers, the problem count and the audit
entries are saved together or not at all."""

from __future__ import annotations

from typing import Any

import pytest

from fieldsurvey.errors import AnswerError, FormNotFoundError
from fieldsurvey.store import audit
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.autosave import autosave
from fieldsurvey.store.forms import delete_form
from fieldsurvey.store.workspace import Workspace

from .conftest import FORM_ID, FORM_VERSION

pytestmark = pytest.mark.usefixtures("form")


def _new(ws: Workspace, **answers: Any) -> str:
    return iv.new_interview(
        ws, form_id=FORM_ID, form_version=FORM_VERSION, ward="w", household_id="h",
        enumerator="lan", answers=answers or None,
    ).uuid  # fmt: skip


def _to(target: dict[str, Any]):  # type: ignore[no-untyped-def]
    """A plan that sets every top-level answer of ``target`` the saved answers lack."""

    def plan(saved: dict[str, Any]) -> list[tuple[str, Any]]:
        return [(k, v) for k, v in target.items() if saved.get(k) != v]

    return plan


def test_steps_problems_and_audit_are_saved_and_reported(ws: Workspace) -> None:
    uuid = _new(ws)
    changes = autosave(ws, uuid, _to({"q1": "a", "q2": "b"}), who="lan", problems=2)
    got = iv.get_interview(ws, uuid)
    assert got.answers == {"q1": "a", "q2": "b"}
    assert (got.revision, got.problems) == (3, 2)
    assert [e.field for e in audit.entries(ws, uuid)] == [None, "q1", "q2"]
    assert changes.interviews == [uuid] and changes.fields == ["q1", "q2"]


def test_the_plan_sees_the_saved_answers(ws: Workspace) -> None:
    uuid = _new(ws, q1="a")
    seen: list[dict[str, Any]] = []

    def plan(saved: dict[str, Any]) -> list[tuple[str, Any]]:
        seen.append(dict(saved))
        return [("q2", "b")]

    autosave(ws, uuid, plan, who="lan")
    assert seen == [{"q1": "a"}]
    assert iv.get_interview(ws, uuid).answers == {"q1": "a", "q2": "b"}


def test_a_removed_repeat_instance_goes_first(ws: Workspace) -> None:
    uuid = _new(ws)
    iv.set_answer(ws, uuid, "members[1]/name", "Lan", who="lan")
    iv.set_answer(ws, uuid, "members[2]/name", "Hùng", who="lan")
    autosave(ws, uuid, lambda saved: [], who="lan", removed="members[2]")
    assert iv.get_interview(ws, uuid).answers == {"members": [{"name": "Lan"}]}


def test_a_refused_step_saves_nothing(ws: Workspace) -> None:
    uuid = _new(ws)
    autosave(ws, uuid, _to({"q1": "a"}), who="lan", problems=1)
    before = (iv.get_interview(ws, uuid), audit.entries(ws, uuid))
    with pytest.raises(AnswerError):  # a repeat instance skipped: refused by the store
        autosave(ws, uuid, _to({"q2": "b", "members[3]/name": "x"}), who="lan", problems=0)
    assert (iv.get_interview(ws, uuid), audit.entries(ws, uuid)) == before


def test_nothing_is_saved_once_the_form_is_gone(ws: Workspace) -> None:
    uuid = _new(ws)
    delete_form(ws, FORM_ID, FORM_VERSION)
    with pytest.raises(FormNotFoundError) as info:
        autosave(ws, uuid, _to({"q1": "a"}), who="lan", problems=0)
    assert info.value.code == "store.interview_form_missing"
    assert iv.get_interview(ws, uuid).answers == {}
