"""Soft checks: a constraint whose ``constraint_type`` is ``soft`` is a warning the
enumerator confirms with the respondent. Unconfirmed, it stops the completion like any
failing constraint; confirmed for the answer given, it does not; a changed answer must be
confirmed again. Confirmations live in the interview's audit log through the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.errors import AnswerError, LifecycleError
from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.installed import install_spec
from fieldsurvey.forms.interview_rules import complete_checked, confirm_check, confirmed_checks
from fieldsurvey.forms.loader import load_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import audit, interviews
from fieldsurvey.store.workspace import Workspace

SOFT = """
| survey |
| | type    | name  | label | constraint | constraint_message               | constraint_type | required |
| | integer | age   | Age   | . <= 100   | Age must be at most 100           |                 | yes      |
| | integer | kids  | Children | . <= 8  | More than 8 children: check       | soft            |          |
| | integer | rooms | Rooms | . < 10     |                                   | Warning         |          |
| settings |
| | form_id | version |
| | soft    | 1       |
"""  # noqa: E501


def build(xlsform: Any, md: str = SOFT) -> CompiledForm:
    return FormEngine.build(load_form(xlsform(md), use_cache=False))


def test_the_constraint_type_column_makes_a_constraint_soft(xlsform: Any) -> None:
    spec = build(xlsform).spec
    assert [(n.name, n.constraint_soft) for n in spec.walk()] == [
        ("age", False), ("kids", True), ("rooms", True),
    ]  # fmt: skip
    assert spec.warnings == []


WRONG_TYPES = """
| survey |
| | type    | name  | label    | constraint | constraint_type |
| | integer | kids  | Children |            | soft            |
| | integer | rooms | Rooms    | . < 10     | maybe           |
| settings |
| | form_id | version |
| | wrong   | 1       |
"""


def test_a_wrong_constraint_type_is_a_warning_and_reads_as_hard(xlsform: Any) -> None:
    spec = build(xlsform, WRONG_TYPES).spec
    assert [(n.name, n.constraint_soft) for n in spec.walk()] == [
        ("kids", False), ("rooms", False),
    ]  # fmt: skip
    assert any("row 2" in w and "without a constraint" in w for w in spec.warnings)
    assert any("row 3" in w and "'maybe' is not a constraint type" in w for w in spec.warnings)


def test_an_unconfirmed_warning_blocks_and_a_confirmed_one_does_not(xlsform: Any) -> None:
    session = build(xlsform).session({"age": 30, "kids": 12})
    assert [(e.path, e.kind, e.message) for e in session.errors()] == [
        ("kids", "warning", "More than 8 children: check")
    ]
    assert [e.path for e in session.warnings()] == ["kids"]
    assert session.errors(confirmed={"kids": 12}) == []
    assert session.errors(confirmed={"kids": 12.0}) == []  # JSON may give a float back
    assert [e.path for e in session.warnings()] == ["kids"]  # still a warning, confirmed
    # Another answer is not the one confirmed: it must be confirmed again.
    session.set("kids", 11)
    assert [e.kind for e in session.errors(confirmed={"kids": 12})] == ["warning"]
    session.set("kids", 3)
    assert session.errors(confirmed={"kids": 12}) == session.warnings() == []


def test_a_hard_constraint_cannot_be_confirmed(xlsform: Any) -> None:
    session = build(xlsform).session({"age": 150})
    assert [(e.path, e.kind) for e in session.errors(confirmed={"age": 150})] == [
        ("age", "constraint")
    ]
    assert session.warnings() == []


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "ws", "mật khẩu dài", kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


def new_draft(ws: Workspace, compiled: CompiledForm, answers: dict[str, Any]) -> str:
    install_spec(ws, compiled.spec)
    made = interviews.new_interview(
        ws, form_id="soft", form_version="1", ward="pt", household_id="HK-1", enumerator="Lan",
        answers=answers,
    )  # fmt: skip
    return made.uuid


def test_completion_needs_the_warning_confirmed_in_the_interview(xlsform: Any, ws) -> None:
    compiled = build(xlsform)
    uuid = new_draft(ws, compiled, {"age": 30, "kids": 12})
    with pytest.raises(AnswerError, match="kids"):
        complete_checked(ws, uuid, who="Lan", compiled=compiled)
    confirm_check(ws, uuid, "kids", 12, who="Lan")
    assert confirmed_checks(ws, uuid) == {"kids": 12}
    entry = audit.entries(ws, uuid)[-1]
    assert (entry.action, entry.field, entry.who, entry.new_value) == ("confirm", "kids", "Lan", 12)
    complete_checked(ws, uuid, who="Lan", compiled=compiled)
    assert interviews.get_interview(ws, uuid).status == "completed"
    assert audit.verify_chain(ws) == []
    # A completed interview takes no confirmation (as it takes no answer).
    with pytest.raises(LifecycleError):
        confirm_check(ws, uuid, "kids", None, who="Lan")


def test_a_confirmation_withdrawn_or_of_another_answer_blocks_again(xlsform: Any, ws) -> None:
    compiled = build(xlsform)
    uuid = new_draft(ws, compiled, {"age": 30, "kids": 12})
    confirm_check(ws, uuid, "kids", 12, who="Lan")
    confirm_check(ws, uuid, "kids", None, who="Lan")
    assert confirmed_checks(ws, uuid) == {}
    confirm_check(ws, uuid, "kids", 12, who="Lan")
    interviews.set_answer(ws, uuid, "kids", 13, who="Lan")
    with pytest.raises(AnswerError, match="kids"):
        complete_checked(ws, uuid, who="Lan", compiled=compiled)
    assert [e.action for e in audit.entries(ws, uuid)].count("confirm") == 3
