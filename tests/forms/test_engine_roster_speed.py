"""A repeat_count that makes many instances at once (the household size of the default
survey set to 30: 300 items, 94 computations, issue 15): the new items are made from the
form's plan of a new instance, and a computation that gives the same result on every new
instance of the batch runs once and is given to the others. Neither may change what an
enumerator sees: every test here compares the session with the same change made
without the shortcut and with a fresh open of the same answers."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.engine_session import Session
from fieldsurvey.forms.instance import (
    Item,
    Template,
    make_instance,
    make_subtree,
    subtree_shape,
)
from fieldsurvey.forms.loader import load_form

DEFAULT_FORM = Path(__file__).resolve().parents[2] / "resources/forms/migrant_household.xlsx"


def _build(path: Path) -> CompiledForm:
    return FormEngine.build(load_form(path, use_cache=False))


def _without_shortcut(compiled: CompiledForm) -> CompiledForm:
    """The form with every new instance's computations queued and run one by one."""
    for tpl in compiled.templates:
        if tpl.is_repeat:
            session = compiled.session()
            plan = session._plan(tpl)
            compiled.graph.fresh[tpl.tid] = dataclasses.replace(
                plan, computations=tuple((i, comp, False) for i, comp, _ in plan.computations)
            )
    return compiled


def _shared(compiled: CompiledForm, repeat: str) -> set[str]:
    """The names of the computations of ``repeat`` run once per batch."""
    plan = compiled.session()._plan(compiled.by_path[repeat])
    return {f"{comp.kind} {comp.target.name}" for _, comp, same in plan.computations if same}


def _seen(session: Session, stored: bool = True) -> dict[str, Any]:
    """What the enumerator sees of every node: relevance, value, required, read-only,
    and the checks and the evaluation problems; ``stored``: and the answers as saved
    (what a hidden node stores may differ from a fresh open's: ``Session.snapshot``)."""
    nodes = {
        path: (rel, value, session.required(path), session.read_only(path))
        for path, (rel, value) in session.snapshot().items()
    }
    seen = {"nodes": nodes, "checks": session.checks(), "problems": session.problems()}
    return seen | {"answers": session.answers()} if stored else seen


def _same_change(
    compiled: CompiledForm, reference: CompiledForm, answers: dict[str, Any], path: str, value: Any
) -> Session:
    """Make the change on the form and on the reference (without the shortcut): the same
    paths changed, the same work, the same state, and as a fresh open of the answers."""
    session = compiled.session(answers)
    twin = reference.session(answers)
    changed = session.set(path, value)
    assert changed == twin.set(path, value)
    assert session.evaluations == twin.evaluations
    seen = _seen(session)
    assert seen == _seen(twin)
    assert _seen(session, False) == _seen(compiled.session(session.answers()), False)
    assert session.recompute_all() == set()
    return session


# --- the items of a new instance -----------------------------------------------------
def _materialise(item: Item) -> None:
    """How the engine made a new instance's items before its plans (``Item.__init__``)."""
    for tpl in item.tpl.children:
        if tpl.kind == "repeat":
            item.kids[tpl.name] = []
        else:
            child = Item(tpl, item)
            child.rel = item.rel
            item.kids[tpl.name] = child
            if tpl.children:
                _materialise(child)


def _slots(item: Item, index: dict[int, int]) -> tuple[Any, ...]:
    kids = tuple(
        (
            name,
            "list" if type(kid) is list else index[id(kid)],
            len(kid) if type(kid) is list else 1,
        )
        for name, kid in item.kids.items()
    )
    parent = index.get(id(item.parent)) if item.parent is not None else None
    return (item.tpl.tid, parent, item.pos, kids, item.xval, item.own_rel, item.rel,
            item.dead, item._path)  # fmt: skip


def _containers(compiled: CompiledForm) -> list[Template]:
    return [t for t in compiled.templates if t.kind != "question"]


@pytest.mark.parametrize("relevant", [True, False])
def test_a_new_instance_has_the_items_item_makes(relevant: bool, xlsform: Any) -> None:
    forms = [_build(DEFAULT_FORM), _build(xlsform(NESTED))]
    for compiled in forms:
        for tpl in _containers(compiled):
            made, expected = Item(tpl, None), Item(tpl, None)
            made.rel = expected.rel = relevant
            items = make_subtree(made, subtree_shape(tpl))
            _materialise(expected)
            assert items == made.walk()
            walked = expected.walk()
            assert len(items) == len(walked)
            made_index = {id(item): i for i, item in enumerate(items)}
            expected_index = {id(item): i for i, item in enumerate(walked)}
            assert [_slots(item, made_index) for item in items] == [
                _slots(item, expected_index) for item in walked
            ]
            assert set(Item.__slots__) == {
                name for name in Item.__slots__ if hasattr(items[-1], name)
            }
            for item in items:  # the questions share one empty kids: nothing adds to it
                if not item.tpl.children:
                    with pytest.raises(TypeError):
                        item.kids["x"] = Item(item.tpl, item)


@pytest.mark.parametrize("relevant", [True, False])
def test_a_new_repeat_instance_has_the_items_and_paths_item_makes(
    relevant: bool, xlsform: Any
) -> None:
    """``make_instance`` (the instance, its items and their paths in one pass) against
    ``Item(tpl, parent, pos)``, its items made one by one and ``label_path()``: for a
    roster of questions only (the default survey's members) and for instances holding
    groups and a repeat (NESTED's members, and its children inside a member)."""
    default = _build(DEFAULT_FORM)
    nested = _build(xlsform(NESTED))
    start = nested.session()
    start.set("size", 2)
    cases = [
        (default, "household", "household/members"),
        (nested, "", "members"),
        (nested, "members[2]", "members/children"),
    ]
    for compiled, above, repeat in cases:
        session = start if compiled is nested else compiled.session()
        parent = session._find(above) if above else session._root
        parent.rel = relevant
        tpl = compiled.by_path[repeat]
        plan = session._plan(tpl)
        if compiled is default:
            assert plan.steps[0] is not None  # (the questions-only way)
        expected = Item(tpl, parent, 7)
        expected.rel = parent.rel
        _materialise(expected)
        walked = expected.walk()
        paths = [item.label_path() for item in walked]
        noted = ["already noted"]
        items = make_instance(tpl, parent, 7, plan.steps, paths[0], noted)
        assert noted == ["already noted", *paths]
        assert [item._path for item in items] == paths
        assert items == items[0].walk()
        assert len(items) == len(walked)
        made_index = {id(item): i for i, item in enumerate(items)}
        expected_index = {id(item): i for i, item in enumerate(walked)}
        assert [_slots(item, made_index) for item in items] == [
            _slots(item, expected_index) for item in walked
        ]
        assert items[0].parent is parent
        assert items[0] not in parent.kids[tpl.name]  # (added by the engine)
        for item in items:
            if not item.tpl.children:
                with pytest.raises(TypeError):
                    item.kids["x"] = Item(item.tpl, item)


# --- the default survey's household size -----------------------------------------------
@pytest.fixture(scope="module")
def default() -> tuple[CompiledForm, CompiledForm]:
    return _build(DEFAULT_FORM), _without_shortcut(_build(DEFAULT_FORM))


def _consented(compiled: CompiledForm) -> dict[str, Any]:
    session = compiled.session()
    session.set("consent_section/consent", "yes")
    session.set("respondent/resp_age", 41)
    return session.answers()


def test_the_member_computations_run_once_per_batch(
    default: tuple[CompiledForm, CompiledForm],
) -> None:
    compiled, _ = default
    assert _shared(compiled, "household/members") == {
        "rel m_school",
        "calc m_dependant",
        "calc m_working_age",
    }


def test_household_size_30_reads_as_a_fresh_open(
    default: tuple[CompiledForm, CompiledForm],
) -> None:
    compiled, reference = default
    session = _same_change(compiled, reference, _consented(compiled), "household/hh_size", 30)
    assert session.repeat_count("household/members") == 30
    assert session.value("household/members[30]/m_dependant") == 0
    assert session.value("household/n_dependants") == 0
    assert not session.relevant("household/members[17]/m_school")
    assert session.required("household/members[30]/m_age")
    # the members' answers afterwards: each member computes on its own again
    for i, age in [(1, 41), (2, 9), (17, 70), (30, 16)]:
        session.set(f"household/members[{i}]/m_age", age)
    assert session.relevant("household/members[2]/m_school")
    assert not session.relevant("household/members[3]/m_school")
    assert session.value("household/n_dependants") == 2
    assert session.value("household/n_working_age") == 2
    assert _seen(session, False) == _seen(compiled.session(session.answers()), False)


def test_more_members_later_and_a_count_set_while_the_roster_is_hidden(
    default: tuple[CompiledForm, CompiledForm],
) -> None:
    compiled, reference = default
    answers = _consented(compiled)
    session = _same_change(compiled, reference, answers, "household/hh_size", 3)
    session.set("household/members[2]/m_age", 12)
    _same_change(compiled, reference, session.answers(), "household/hh_size", 8)
    # consent withdrawn: the household is hidden when its size is given; shown again
    hidden = compiled.session(answers)
    twin = reference.session(answers)
    for path, value in [
        ("consent_section/consent", "no"),
        ("household/hh_size", 30),
        ("consent_section/consent", "yes"),
    ]:
        assert hidden.set(path, value) == twin.set(path, value)
        assert _seen(hidden) == _seen(twin)
    assert hidden.relevant("household/members[30]/m_age")
    assert _seen(hidden, False) == _seen(compiled.session(hidden.answers()), False)


# --- computations that differ between the instances --------------------------------------
NESTED = """
| survey |
| | type         | name     | label   | calculation                      | relevant            | default  | repeat_count | constraint |
| | text         | village  | Village |                                  |                     |          |              |            |
| | integer      | size     | Size    |                                  |                     |          |              |            |
| | integer      | n_child  | Kids    |                                  |                     |          |              |            |
| | begin repeat | extra    | Extra   |                                  |                     |          |              |            |
| | text         | e_name   | Name    |                                  |                     |          |              |            |
| | end repeat   |          |         |                                  |                     |          |              |            |
| | begin repeat | members  | Member  |                                  |                     |          | ${size}      |            |
| | integer      | age      | Age     |                                  |                     | 30       |              | . < 120    |
| | calculate    | pos      |         | position(..)                     |                     |          |              |            |
| | calculate    | first    |         | if(${pos} = 1, 'yes', 'no')      |                     |          |              |            |
| | text         | head     | Head    |                                  | ${first} = 'yes'    |          |              |            |
| | calculate    | adult    |         | if(${age} >= 18, 1, 0)           |                     |          |              |            |
| | text         | job      | Job     |                                  | ${adult} = 1        |          |              |            |
| | calculate    | place    |         | concat(${village}, '-', ${adult})|                     |          |              |            |
| | calculate    | share    |         | ${age} div count(../../members)  |                     |          |              |            |
| | calculate    | bad      |         | ${e_name}                        |                     |          |              |            |
| | begin group  | lead     | Lead    |                                  | ${first} = 'yes'    |          |              |            |
| | calculate    | lead_n   |         | ${heads} + 1                     |                     |          |              |            |
| | end group    |          |         |                                  |                     |          |              |            |
| | begin group  | school   | School  |                                  | ${age} < 18         |          |              |            |
| | text         | grade    | Grade   |                                  |                     | 1        |              |            |
| | end group    |          |         |                                  |                     |          |              |            |
| | begin repeat | children | Child   |                                  |                     |          | ${n_child}   |            |
| | integer      | c_age    | Age     |                                  |                     |          |              |            |
| | calculate    | c_minor  |         | if(${c_age} < 18, 1, 0)          |                     |          |              |            |
| | end repeat   |          |         |                                  |                     |          |              |            |
| | calculate    | n_kids   |         | count(${children})               |                     |          |              |            |
| | end repeat   |          |         |                                  |                     |          |              |            |
| | calculate    | adults   |         | sum(${adult})                    |                     |          |              |            |
| | calculate    | heads    |         | count(${head})                   |                     |          |              |            |
"""  # noqa: E501


@pytest.fixture
def nested(xlsform: Any) -> tuple[CompiledForm, CompiledForm]:
    path = xlsform(NESTED)
    return _build(path), _without_shortcut(_build(path))


def test_what_tells_the_instances_apart_is_computed_on_each(
    nested: tuple[CompiledForm, CompiledForm],
) -> None:
    compiled, _ = nested
    # position(..) and what reads it, a group's relevance, a nested repeat's count, a
    # read of the whole roster, of another repeat: on each instance
    assert _shared(compiled, "members") == {
        "calc adult",
        "rel job",
        "calc place",
        "calc share",
        "calc bad",
        "calc lead_n",  # (put off where its group is hidden: all but the first)
    }
    assert _shared(compiled, "members/children") == {"calc c_minor"}


@pytest.mark.parametrize("extra", [0, 1, 2])
def test_a_counted_roster_reads_as_a_fresh_open(
    nested: tuple[CompiledForm, CompiledForm], extra: int
) -> None:
    compiled, reference = nested
    start = compiled.session()
    start.set("village", "Phúc Tân")
    start.set("n_child", 2)
    for i in range(1, extra + 1):  # 2 or more: ${e_name} is a repeated field (a problem)
        start.add_repeat("extra")
        start.set(f"extra[{i}]/e_name", f"E{i}")
    session = _same_change(compiled, reference, start.answers(), "size", 12)
    assert [session.value(f"members[{i}]/pos") for i in (1, 2, 12)] == [1, 2, 12]
    assert [session.relevant(f"members[{i}]/head") for i in (1, 2, 12)] == [True, False, False]
    assert session.value("members[12]/place") == "Phúc Tân-1"
    assert session.value("members[5]/share") == 2.5
    assert session.repeat_count("members[7]/children") == 2
    assert session.value("adults") == 12
    assert session.value("heads") == 1
    assert [session.value(f"members[{i}]/lead/lead_n") for i in (1, 2)] == [2, None]
    assert (len(session.problems()) == 12) is (extra == 2)
    session.set("members[4]/age", 10)
    assert session.relevant("members[4]/school/grade")
    assert session.value("adults") == 11
    assert _seen(session, False) == _seen(compiled.session(session.answers()), False)


NUMBERED = """
| survey |
| | type         | name   | label  | calculation            | default      | repeat_count |
| | integer      | size   | Size   |                        |              |              |
| | begin repeat | people | Person |                        |              | ${size}      |
| | integer      | number | Number |                        | position(..) |              |
| | calculate    | tag    |        | concat('P', ${number}) |              |              |
| | end repeat   |        |        |                        |              |              |
"""


def test_instances_whose_defaults_differ_compute_on_each(xlsform: Any) -> None:
    path = xlsform(NUMBERED)
    compiled, reference = _build(path), _without_shortcut(_build(path))
    assert _shared(compiled, "people") == set()
    session = _same_change(compiled, reference, compiled.session().answers(), "size", 5)
    assert [session.value(f"people[{i}]/tag") for i in range(1, 6)] == [
        f"P{i}" for i in range(1, 6)
    ]


# --- sums and counts over a roster (read without a call per node) ------------------------
SUMS = """
| survey |
| | type         | name   | label  | calculation                                     | relevant     | repeat_count |
| | integer      | n      | Size   |                                                 |              |              |
| | begin repeat | people | Person |                                                 |              | ${n}         |
| | integer      | age    | Age    |                                                 |              |              |
| | text         | note   | Note   |                                                 |              |              |
| | calculate    | half   |        | if(${age} > 0, ${age} div 2, number('x'))       |              |              |
| | integer      | weight | Weight |                                                 | ${age} < 50  |              |
| | end repeat   |        |        |                                                 |              |              |
| | calculate    | halves |        | sum(${half})                                    |              |              |
| | calculate    | notes  |        | sum(${note})                                    |              |              |
| | calculate    | weighs |        | sum(${weight})                                  |              |              |
| | calculate    | counted|        | count(${weight})                                |              |              |
"""  # noqa: E501


def test_sums_skip_what_is_not_a_number_and_what_is_not_relevant(xlsform: Any) -> None:
    """``sum()`` of calculated numbers (one NaN: skipped), of texts (numbers, empty,
    words), and of a question hidden on some members; ``count()`` of what is relevant."""
    compiled = _build(xlsform(SUMS))
    session = compiled.session()
    session.set("n", 4)
    answers = [(7, "3", 10), (None, "", 5), (60, "abc", 8), (1, "2.5", 1)]
    for i, (age, note, weight) in enumerate(answers, start=1):
        session.set(f"people[{i}]/age", age)
        session.set(f"people[{i}]/note", note)
        session.set(f"people[{i}]/weight", weight)
    assert session.value("people[2]/half") is None  # (NaN: empty as an answer)
    assert session.value("halves") == 3.5 + 30 + 0.5
    assert session.value("notes") == 5.5
    assert session.value("weighs") == 10 + 1  # no age, or 60: the weight is not asked
    assert session.value("counted") == 2
    session.set("people[3]/age", 20)
    assert session.value("weighs") == 19
    assert session.value("counted") == 3
    assert _seen(session, False) == _seen(compiled.session(session.answers()), False)
