"""Opening a saved interview whose sections are hidden (consent refused): the hidden
sections are computed as if shown, so the first change that shows them again has
nothing put off to catch up on (issue 15: the worst answer change of the default
survey)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.engine_check import CheckPlan, check_session
from fieldsurvey.forms.loader import load_form

DEFAULT_FORM = Path(__file__).resolve().parents[2] / "resources/forms/migrant_household.xlsx"
MEMBERS = 30


@pytest.fixture(scope="module")
def form() -> CompiledForm:
    return FormEngine.build(load_form(DEFAULT_FORM, use_cache=False))


_SAVED: dict[int, dict[str, Any]] = {}


def _consented(form: CompiledForm) -> dict[str, Any]:
    """A saved interview with consent and the roster (the same one on every call)."""
    if id(form) not in _SAVED:
        _SAVED[id(form)] = _fill(form)
    return copy.deepcopy(_SAVED[id(form)])


def _fill(form: CompiledForm) -> dict[str, Any]:
    session = form.session()
    session.set("consent_section/consent", "yes")
    session.set("housing/room_area", 12)
    session.set("housing/room_people", 4)
    session.set("household/hh_size", MEMBERS)
    for i in range(1, MEMBERS + 1):
        session.set(f"household/members[{i}]/m_name", f"Người {i}")
        session.set(f"household/members[{i}]/m_age", 5 + (i * 7) % 70)
    return session.answers()


def _refused(form: CompiledForm) -> dict[str, Any]:
    answers = _consented(form)
    answers["consent_section"]["consent"] = "no"
    return answers


def test_first_consent_after_reopening_a_refused_interview_reruns_no_member(
    form: CompiledForm,
) -> None:
    session = form.session(_refused(form))
    assert not session.relevant("household/members[1]/m_age")
    assert session.value("household/n_dependants") is None  # hidden reads as empty
    before = session.evaluations
    changed = session.set("consent_section/consent", "yes")
    # the sections' relevance (and what reads them from outside), not 3 per member
    assert session.evaluations - before < MEMBERS, session.evaluations - before
    assert {"household/members[30]/m_age", "household/n_dependants"} <= changed
    shown = form.session(_consented(form))
    assert session.snapshot() == shown.snapshot()
    assert session.answers() == shown.answers()
    assert session.value("household/n_dependants") == shown.value("household/n_dependants")
    assert session.recompute_all() == set()


def test_a_hidden_section_holds_what_it_computes_when_shown(form: CompiledForm) -> None:
    """A saved calculation that no longer matches its answers (an older form, an edit
    elsewhere) is computed again on opening, hidden or not."""
    answers = _refused(form)
    members = answers["household"]["members"]
    members[0]["m_age"] = 70  # a dependant now; the saved m_dependant says otherwise
    members[0]["m_dependant"] = 0
    answers["household"]["n_dependants"] = 999
    session = form.session(answers)
    assert session.value("household/members[1]/m_dependant") is None  # hidden
    saved = session.answers()["household"]
    assert saved["members"][0]["m_dependant"] == 1
    assert saved["n_dependants"] == sum(
        1 for member in members if member["m_age"] < 15 or member["m_age"] > 64
    )
    session.set("consent_section/consent", "yes")
    assert session.value("household/members[1]/m_dependant") == 1
    assert session.answers() == form.session(session.answers()).answers()


def test_a_hidden_roster_gets_no_instances_from_its_count_on_opening(
    form: CompiledForm,
) -> None:
    """The repeat count of a hidden section runs after the section hides (as before):
    opening does not add members; showing the section does."""
    answers = {"consent_section": {"consent": "no"}, "household": {"hh_size": 3}}
    session = form.session(answers)
    assert session.repeat_count("household/members") == 0
    assert "members" not in session.answers().get("household", {})
    session.set("consent_section/consent", "yes")
    assert session.repeat_count("household/members") == 3


def test_opening_runs_each_computation_once(form: CompiledForm) -> None:
    """The two rounds of opening do not run a computation twice when nothing hides."""
    session = form.session(_consented(form))
    opened = session.evaluations
    before = session.evaluations
    assert session.recompute_all() == set()
    assert opened == session.evaluations - before


def test_the_check_of_a_refused_record_reads_it_as_a_session_does(form: CompiledForm) -> None:
    answers = _refused(form)
    answers["household"]["members"][0].update(m_age=70, m_dependant=0)
    session = form.session(answers)
    checked = check_session(CheckPlan(form), answers)
    assert checked is not session

    def state(opened: Any) -> list[tuple[str, Any, bool | None]]:
        # an unanswered question's relevance is not evaluated by a check (it reads as
        # empty either way): relevance of sections and answered questions
        return [
            (item.label_path(), item.xval, item.rel if item.xval != "" or item.kids else None)
            for item in opened.items()
        ]

    assert state(checked) == state(session)
    assert checked.value("household/members[1]/m_dependant") is None
    assert dict(checked.answers()["household"]["members"][0])["m_dependant"] == 1


OUTSIDE_READER = """
| survey |
| | type          | name    | label   | relevant           | calculation           |
| | select_one yn | consent | Consent |                    |                       |
| | begin group   | g       | G       | ${consent} = 'yes' |                       |
| | text          | x       | X       |                    |                       |
| | end group     |         |         |                    |                       |
| | text          | y       | Y       | ${x} = ''          |                       |
| | calculate     | n       |         |                    | string-length(${x})   |
| choices |
| | list_name | name | label |
| | yn        | yes  | Yes   |
| | yn        | no   | No    |
"""


def test_what_reads_a_hidden_section_from_outside_reads_it_empty(tmp_path: Path) -> None:
    """Opened as if shown, then hidden: a question outside that reads the section is
    relevant again, a calculation outside counts nothing, in a session and in a check."""
    from fieldsurvey.forms.markdown_form import markdown_to_xlsx

    form = FormEngine.build(
        load_form(markdown_to_xlsx(OUTSIDE_READER, tmp_path / "outside.xlsx"), use_cache=False)
    )
    answers = {"consent": "no", "g": {"x": "abc"}, "y": "answered", "n": 3}
    for opened in (form.session(answers), check_session(CheckPlan(form), answers)):
        assert opened.relevant("y")
        assert opened.value("y") == "answered"
        assert opened.value("n") == 0
    session = form.session(answers)
    session.set("consent", "yes")
    assert not session.relevant("y") and session.value("n") == 3
