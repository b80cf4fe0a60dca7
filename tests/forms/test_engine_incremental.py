"""Incremental evaluation: one change reruns only what depends on it, and after any
sequence of changes the state equals a full re-evaluation (property-based)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.engine_session import Session
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.markdown_form import markdown_to_xlsx

HANOI = timezone(timedelta(hours=7))


def clock() -> datetime:
    return datetime(2024, 5, 17, 9, 30, tzinfo=HANOI)


FORM = """
| survey |
| | type          | name     | label   | relevant                    | calculation                                   | repeat_count | constraint |
| | select_one yn | consent  | Consent |                             |                                               |              |            |
| | integer       | hh       | HH      |                             |                                               |              |            |
| | begin group   | inputs   | Inputs  | ./source = 'user'           |                                               |              |            |
| | text          | source   | Source  |                             |                                               |              |            |
| | end group     |          |         |                             |                                               |              |            |
| | begin group   | g        | G       | ${consent} = 'yes'          |                                               |              |            |
| | integer       | inside   | Inside  |                             |                                               |              | . < 40     |
| | begin repeat  | members  | Member  |                             |                                               |              |            |
| | text          | name     | Name    |                             |                                               |              |            |
| | integer       | age      | Age     |                             |                                               |              |            |
| | calculate     | adult    |         |                             | if(${age} >= 18, 1, 0)                        |              |            |
| | calculate     | pos      |         |                             | position(..)                                  |              |            |
| | calculate     | prev     |         |                             | if(position(..) > 1, indexed-repeat(${age}, ${members}, position(..) - 1), '') | | |
| | note          | child    | Child   | ${age} < 18                 |                                               |              |            |
| | begin repeat  | jobs     | Jobs    | ${age} >= 15                |                                               |              |            |
| | text          | job      | Job     |                             |                                               |              |            |
| | calculate     | tag      |         |                             | concat(${name}, ':', ${job}, ':', ${inside})  |              |            |
| | end repeat    |          |         |                             |                                               |              |            |
| | end repeat    |          |         |                             |                                               |              |            |
| | end group     |          |         |                             |                                               |              |            |
| | calculate     | n        |         |                             | count(${members})                             |              |            |
| | calculate     | total    |         |                             | sum(${age})                                   |              |            |
| | calculate     | adults   |         |                             | sum(${adult})                                 |              |            |
| | calculate     | kids     |         |                             | count(${members}[age < 18])                   |              |            |
| | calculate     | ratio    |         |                             | if(${n} > 0, ${adults} div ${n}, 0)           |              |            |
| | calculate     | inside2  |         |                             | ${inside} * 2                                 |              |            |
| | calculate     | njobs    |         |                             | count(${job})                                 |              |            |
| | note          | big      | Big     | ${total} > 60 and ${source} = 'user' |                                      |              |            |
| | begin repeat  | visits   | Visit   |                             |                                               | ${hh}        |            |
| | calculate     | vnum     |         |                             | position(..) * 10 + ${n}                      |              |            |
| | end repeat    |          |         |                             |                                               |              |            |
| | calculate     | vsum     |         |                             | sum(${vnum})                                  |              |            |
| choices |
| | list_name | name | label |
| | yn        | yes  | Yes   |
| | yn        | no   | No    |
"""  # noqa: E501


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> CompiledForm:
    path = markdown_to_xlsx(FORM, tmp_path_factory.mktemp("forms") / "inc.xlsx")
    return FormEngine.build(load_form(path, use_cache=False))


def _roster(session: Session, size: int) -> None:
    session.set("consent", "yes")
    for i in range(1, size + 1):
        session.add_repeat("g/members")
        session.set(f"g/members[{i}]/name", f"P{i}")
        session.set(f"g/members[{i}]/age", 10 + i)


def test_one_change_reruns_only_its_dependents(form: CompiledForm) -> None:
    session = form.session(clock=clock)
    _roster(session, 30)
    before = session.evaluations
    changed = session.set("g/members[7]/age", 60)
    work = session.evaluations - before
    assert changed == {
        "g/members[7]/age", "g/members[7]/adult", "g/members[8]/prev", "g/members[7]/child",
        "total", "adults", "kids", "ratio",
    }  # fmt: skip
    # The member's adult and child, five things outside (total, adults, kids, ratio,
    # big), and every member's `prev` (indexed-repeat() may read any instance)...
    assert work == 2 + 5 + 30, work
    # ...where a full re-evaluation runs 4 computations per member and 12 others.
    before = session.evaluations
    assert session.recompute_all() == set()
    assert session.evaluations - before == 30 * 4 + 12


def test_full_recompute_finds_nothing_to_change_after_edits(form: CompiledForm) -> None:
    session = form.session(clock=clock)
    _roster(session, 5)
    session.set("inputs/source", "user")
    session.set("hh", 2)
    session.add_repeat("g/members[5]/jobs")
    session.set("g/members[5]/jobs[1]/job", "vendor")
    session.set("g/inside", 3)
    session.remove_repeat("g/members", 2)
    assert session.value("g/members[4]/jobs[1]/tag") == "P5:vendor:3"
    assert session.value("vsum") == (10 + 4) + (20 + 4)
    assert session.recompute_all() == set()
    session.set("inputs/source", "other")  # the group hides itself, still recoverable
    assert not session.relevant("inputs") and not session.relevant("big")
    session.set("inputs/source", "user")
    assert session.relevant("inputs")


def test_a_hidden_section_waits_and_catches_up(form: CompiledForm) -> None:
    """Refusing consent hides the roster without recomputing every member (the change
    stays instant on a big household); what changed while it was hidden is computed
    when it shows again, as a full re-evaluation would."""
    session = form.session(clock=clock)
    _roster(session, 30)
    session.set("g/inside", 3)
    session.add_repeat("g/members[5]/jobs")  # member 5 is 15: old enough for jobs
    session.set("g/members[5]/jobs[1]/job", "vendor")
    assert session.value("g/members[5]/jobs[1]/tag") == "P5:vendor:3"
    before = session.evaluations
    changed = session.set("consent", "no")
    assert {"g/members[30]/age", "g/members[5]/jobs[1]/tag"} <= changed
    assert not session.relevant("g/members[30]/age")
    assert session.value("g/members[5]/jobs[1]/tag") is None  # hidden reads as empty
    assert session.evaluations - before < 30, "not one computation per member"
    session.set("g/inside", 30)  # changed while hidden (e.g. an answer set imported)
    session.set("g/members[2]/age", 40)
    before = session.evaluations
    session.set("consent", "yes")
    assert session.value("g/members[5]/jobs[1]/tag") == "P5:vendor:30"
    assert session.value("g/members[2]/adult") == 1
    assert session.value("total") == sum(10 + i for i in range(1, 31)) - 12 + 40
    fresh = form.session(session.answers(), clock=clock)
    assert session.snapshot() == fresh.snapshot()
    assert session.recompute_all() == set()


_VALUES: dict[str, list[Any]] = {
    "consent": [None, "yes", "no"],
    "hh": [None, 0, 1, 3],
    "inputs/source": [None, "user", "x"],
    "g/inside": [None, 1, 50],
    "name": [None, "An", "Bình"],
    "age": [None, 0, 14, 15, 17, 18, 45],
    "job": [None, "porter", "vendor"],
}


def _apply_random_change(session: Session, data: st.DataObject) -> None:
    members = session.repeat_count("g/members")
    kind = data.draw(st.sampled_from(["top", "member", "add", "remove", "job", "addjob"]))
    if kind == "top" or (members == 0 and kind in ("member", "remove", "job", "addjob")):
        field = data.draw(st.sampled_from(["consent", "hh", "inputs/source", "g/inside"]))
        session.set(field, data.draw(st.sampled_from(_VALUES[field])))
        return
    if kind == "add":
        session.add_repeat("g/members")
        return
    i = data.draw(st.integers(1, members))
    if kind == "remove":
        session.remove_repeat("g/members", i)
    elif kind == "member":
        field = data.draw(st.sampled_from(["name", "age"]))
        session.set(f"g/members[{i}]/{field}", data.draw(st.sampled_from(_VALUES[field])))
    elif kind == "addjob":
        session.add_repeat(f"g/members[{i}]/jobs")
    else:
        jobs = session.repeat_count(f"g/members[{i}]/jobs")
        if jobs:
            j = data.draw(st.integers(1, jobs))
            session.set(f"g/members[{i}]/jobs[{j}]/job", data.draw(st.sampled_from(_VALUES["job"])))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_incremental_state_equals_full_reevaluation(form: CompiledForm, data: Any) -> None:
    session = form.session(clock=clock)
    steps = data.draw(st.integers(1, 25))
    for _ in range(steps):
        _apply_random_change(session, data)
    fresh = form.session(session.answers(), clock=clock)
    assert session.snapshot() == fresh.snapshot()
    assert session.errors() == fresh.errors()
    assert session.problems() == fresh.problems()
    assert session.recompute_all() == set()
