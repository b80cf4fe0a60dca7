"""``${last-saved#name}``: a new interview reads the answers of the one saved last.

pyxform writes ``default=${last-saved#ward}`` as a ``setvalue`` of
``instance('__last-saved')/data/ward`` on the form's first load; ODK Collect fills that
instance with the last form of the same kind saved on the phone. On a laptop: the
interview of the same form id (any version) changed last in the workspace, other than
the one being started.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.forms import last_saved
from fieldsurvey.forms.engine import CompiledForm
from fieldsurvey.forms.installed import compiled_form, install_form_file
from fieldsurvey.forms.loader import load_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.interviews import new_interview, set_answer
from fieldsurvey.store.last_saved import last_saved_answers
from fieldsurvey.store.workspace import Workspace

FORM = """
| survey |
| | type         | name   | label   | default              | calculation            |
| | text         | street | Street  | ${{last-saved#street}} |                      |
| | integer      | size   | Size    |                      |                        |
| | select_multiple c | items | Items | ${{last-saved#items}} |                     |
| | calculate    | before |         |                      | ${{last-saved#size}} * 2 |
| | begin repeat | people | People  |                      |                        |
| | text         | name   | Name    | ${{last-saved#name}}   |                      |
| | end repeat   |        |         |                      |                        |
| choices |
| | list_name | name | label |
| | c | a | A |
| | c | b | B |
| settings |
| | form_id | version |
| | street_walk | {version} |
"""


@pytest.fixture
def ws(tmp_path: Path) -> Any:
    with Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap()) as w:
        yield w


def install(ws: Any, xlsform: Any, version: str = "1") -> CompiledForm:
    path = xlsform(FORM.format(version=version), name=f"street_{version}")
    install_form_file(ws, path)
    return compiled_form(ws, "street_walk", version)


def start(ws: Any, version: str = "1", household: str = "H1") -> str:
    made = new_interview(
        ws, form_id="street_walk", form_version=version, ward="Phúc Tân",
        household_id=household, enumerator="Lan",
    )  # fmt: skip
    return made.uuid


def test_a_second_interview_starts_with_the_first_ones_street(ws: Any, xlsform: Any) -> None:
    form = install(ws, xlsform)
    first = start(ws, household="H1")
    set_answer(ws, first, "street", "Hàng Bông", who="Lan")
    set_answer(ws, first, "size", 4, who="Lan")
    set_answer(ws, first, "items", ["a", "b"], who="Lan")
    second = start(ws, household="H2")
    answers = last_saved_answers(ws, "street_walk", other_than=second)
    session = last_saved.open_session(form, answers)
    assert session.value("street") == "Hàng Bông"
    assert session.value("items") == ["a", "b"]
    assert session.value("before") == 8  # a calculation reads it too
    assert session.value("size") is None  # no default: the question is not carried


def test_the_interview_changed_last_counts_whatever_its_version(ws: Any, xlsform: Any) -> None:
    install(ws, xlsform, "1")
    form_2 = install(ws, xlsform, "2")
    old, newer = start(ws, "1", "H1"), start(ws, "2", "H2")
    set_answer(ws, newer, "street", "Hàng Gai", who="Lan")
    set_answer(ws, old, "street", "Hàng Bạc", who="Lan")  # changed after: the last saved
    third = start(ws, "2", "H3")
    answers = last_saved_answers(ws, "street_walk", other_than=third)
    assert last_saved.open_session(form_2, answers).value("street") == "Hàng Bạc"


def test_an_empty_laptop_gives_empty(ws: Any, xlsform: Any) -> None:
    form = install(ws, xlsform)
    only = start(ws)
    answers = last_saved_answers(ws, "street_walk", other_than=only)
    assert answers is None
    session = last_saved.open_session(form, answers)
    assert session.value("street") is None
    assert session.value("before") is None  # empty * 2: NaN, stored as empty


def test_a_roster_member_added_later_reads_the_first_member(xlsform: Any) -> None:
    form = _form(xlsform)
    session = last_saved.open_session(form, {"people": [{"name": "Mai"}, {"name": "Hoa"}]})
    session.add_repeat("people")
    assert session.value("people[1]/name") == "Mai"


def test_answers_given_once_the_session_is_open_fill_the_defaults_still_empty(
    xlsform: Any,
) -> None:
    form = _form(xlsform)
    session = form.session(None)  # the entry screen opens before the store is read
    session.set("items", ["b"])  # typed by the enumerator meanwhile: kept
    changed = last_saved.give(session, {"street": "Hàng Bông", "items": ["a"], "size": 3})
    assert {"street", "before"} <= changed
    assert session.value("street") == "Hàng Bông"
    assert session.value("items") == ["b"]
    assert session.value("before") == 6


def test_a_session_without_them_reads_empty(xlsform: Any) -> None:
    session = _form(xlsform).session(None)
    assert session.value("street") is None


def test_other_sessions_are_not_given_the_answers(xlsform: Any) -> None:
    form = _form(xlsform)
    last_saved.open_session(form, {"street": "Hàng Bông"})
    assert form.session(None).value("street") is None


def test_forms_that_read_last_saved_are_recognised(xlsform: Any) -> None:
    assert last_saved.reads_last_saved(load_form(xlsform(FORM.format(version="1"))))
    plain = "| survey |\n| | type | name | label | default |\n| | text | street | Street | x |\n"
    assert not last_saved.reads_last_saved(load_form(xlsform(plain, name="plain")))


def _form(xlsform: Any) -> CompiledForm:
    from fieldsurvey.forms.engine import FormEngine

    return FormEngine.build(load_form(xlsform(FORM.format(version="1")), use_cache=False))
