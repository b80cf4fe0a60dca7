"""Aggregates over non-relevant nodes, as JavaRosa (the engine of ODK Collect) computes them.

JavaRosa evaluates a path and then drops the nodes that are not relevant from the result
(``XPathPathExprEval.removeIrrelevantNodesets``); a node is not relevant when its own
``relevant`` is false or an ancestor group or repeat instance is not relevant. So
``count()`` counts only relevant nodes, ``join()`` joins only their values,
``sum()``/``max()``/``min()`` skip them (and skip empty values: ``XPathFuncExpr.sum``
ignores NaN), and a reference to a field of a repeat reads as one value when only one
instance is relevant. The steps and predicates on the way still see every node:
``position()`` counts the hidden repeat instances too. Expected values below are what
JavaRosa returns for the same form and answers.
"""

from __future__ import annotations

from typing import Any

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.loader import load_form


def build(xlsform: Any, md: str) -> CompiledForm:
    return FormEngine.build(load_form(xlsform(md), use_cache=False))


#: The roster of the three disagreements found against JavaRosa: a member's name is
#: asked only when the respondent agrees to give names.
ROSTER = """
| survey |
| | type          | name        | label     | relevant                  | calculation                    |
| | begin repeat  | members     | Member    |                           |                                |
| | select_one yn | give_name   | Name it?  |                           |                                |
| | text          | member_name | Name      | ${give_name} = 'yes'      |                                |
| | integer       | age         | Age       |                           |                                |
| | integer       | income      | Income    | ${age} >= 15              |                                |
| | select_multiple job | jobs  | Jobs      | ${age} >= 15              |                                |
| | end repeat    |             |           |                           |                                |
| | calculate     | n_names     |           |                           | count(${member_name})          |
| | calculate     | n_filled    |           |                           | count-non-empty(${member_name}) |
| | calculate     | names       |           |                           | join(', ', ${member_name})     |
| | calculate     | total       |           |                           | sum(${income})                 |
| | calculate     | top         |           |                           | max(${income})                 |
| | calculate     | low         |           |                           | min(${income})                 |
| | calculate     | n_incomes   |           |                           | count(${income})               |
| | calculate     | adults      |           |                           | count(${members}[age >= 15])   |
| | calculate     | first_jobs  |           |                           | count-selected(${members}[1]/jobs) |
| choices |
| | list_name | name   | label  |
| | yn        | yes    | Yes    |
| | yn        | no     | No     |
| | job       | farm   | Farm   |
| | job       | trade  | Trade  |
"""  # noqa: E501


def _fill(session: Any, people: list[tuple[str, str, int, int | None]]) -> None:
    for i, (give, name, age, income) in enumerate(people, start=1):
        session.add_repeat("members")
        session.set(f"members[{i}]/give_name", give)
        session.set(f"members[{i}]/member_name", name)
        session.set(f"members[{i}]/age", age)
        if income is not None:
            session.set(f"members[{i}]/income", income)


def test_count_sees_only_relevant_names(xlsform: Any) -> None:
    """The case FieldSurvey got wrong: names typed, then hidden by their relevance."""
    session = build(xlsform, ROSTER).session()
    _fill(session, [("yes", "Lan", 40, 100), ("yes", "Minh", 38, 50)])
    assert session.value("n_names") == 2
    session.set("members[2]/give_name", "no")  # Minh's name is kept but not relevant
    assert session.value("n_names") == 1
    assert session.value("n_filled") == 1
    assert session.value("names") == "Lan"
    session.set("members[1]/give_name", "no")
    assert session.value("n_names") == 0
    assert session.value("names") is None  # '' is an empty answer
    # the answers are still there while editing, and count again once relevant
    session.set("members[2]/give_name", "yes")
    assert (session.value("n_names"), session.value("names")) == (1, "Minh")


def test_join_skips_hidden_values_instead_of_leaving_gaps(xlsform: Any) -> None:
    session = build(xlsform, ROSTER).session()
    _fill(session, [("yes", "Lan", 40, 100), ("no", "Bình", 12, None), ("yes", "Hoa", 70, 20)])
    assert session.value("names") == "Lan, Hoa"  # JavaRosa: not "Lan, , Hoa"
    assert (session.value("n_names"), session.value("n_filled")) == (2, 2)


def test_sum_max_min_over_hidden_answers(xlsform: Any) -> None:
    session = build(xlsform, ROSTER).session()
    _fill(session, [("yes", "Lan", 40, 100), ("yes", "Minh", 38, 50), ("yes", "Út", 9, None)])
    assert (session.value("total"), session.value("top"), session.value("low")) == (150, 100, 50)
    assert session.value("n_incomes") == 2
    # Minh's age corrected to 8: his income (still stored) is no longer relevant
    session.set("members[2]/age", 8)
    assert session.answers()["members"][1]["income"] == 50
    assert (session.value("total"), session.value("top"), session.value("low")) == (100, 100, 100)
    assert session.value("n_incomes") == 1
    assert session.value("adults") == 1
    # no relevant income at all: sum is 0, max and min are NaN (stored as empty)
    session.set("members[1]/age", 14)
    assert session.value("total") == 0
    assert (session.value("top"), session.value("low"), session.value("n_incomes")) == (
        None, None, 0,
    )  # fmt: skip


def test_count_selected_of_a_hidden_select_is_zero(xlsform: Any) -> None:
    session = build(xlsform, ROSTER).session()
    _fill(session, [("yes", "Lan", 40, 100)])
    session.set("members[1]/jobs", ["farm", "trade"])
    assert session.value("first_jobs") == 2
    session.set("members[1]/age", 10)
    assert session.value("first_jobs") == 0


ONE_VISIBLE = """
| survey |
| | type         | name     | label | relevant          | calculation |
| | begin repeat | visits   | Visit |                   |             |
| | integer      | day      | Day   |                   |             |
| | integer      | fee      | Fee   | ${day} = 1        |             |
| | end repeat   |          |       |                   |             |
| | calculate    | first_fee|       |                   | ${fee} * 2  |
"""


def test_a_repeated_field_with_one_relevant_instance_reads_as_that_value(xlsform: Any) -> None:
    """JavaRosa unpacks the node-set after dropping the hidden nodes: one node left, one
    value, no "repeated field" problem."""
    session = build(xlsform, ONE_VISIBLE).session()
    session.add_repeat("visits")
    session.set("visits[1]/day", 1)
    session.set("visits[1]/fee", 30)
    session.add_repeat("visits")
    session.set("visits[2]/day", 2)
    assert session.problems() == []
    assert session.value("first_fee") == 60
    session.set("visits[2]/day", 1)  # two relevant fees: a repeated field again
    assert [p.path for p in session.problems()] == ["first_fee"]


GUARDED = """
| survey |
| | type         | name     | label  | repeat_count | relevant                 | calculation         |
| | select_one yn | any     | Any?   |              |                          |                     |
| | integer      | n        | How many |            |                          |                     |
| | begin repeat | people   | Person | ${n}         | ${any} = 'yes'           |                     |
| | begin group  | guard    | Person |              | position(..) <= ${n}     |                     |
| | integer      | age      | Age    |              |                          |                     |
| | calculate    | pos      |        |              |                          | position(../..)     |
| | end group    |          |        |              |                          |                     |
| | end repeat   |          |        |              |                          |                     |
| | calculate    | n_people |        |              |                          | count(${people})    |
| | calculate    | n_guard  |        |              |                          | count(${guard})     |
| | calculate    | ages     |        |              |                          | sum(${age})         |
| | calculate    | listed   |        |              |                          | join(' ', ${pos})   |
| choices |
| | list_name | name | label |
| | yn        | yes  | Yes   |
| | yn        | no   | No    |
"""  # noqa: E501


def test_instances_beyond_a_lowered_repeat_count(xlsform: Any) -> None:
    """ODK keeps instances when repeat_count goes down; the documented workaround (a
    guard group relevant while ``position(..) <= count``) hides the extra ones, and then
    ``count(/data/people)`` is the largest count entered while ``count(.../guard)`` is
    the current one (docs.getodk.org, "form-repeats")."""
    session = build(xlsform, GUARDED).session()
    session.set("any", "yes")
    session.set("n", 3)
    for i, age in enumerate([30, 20, 10], start=1):
        session.set(f"people[{i}]/guard/age", age)
    assert (session.value("n_people"), session.value("n_guard"), session.value("ages")) == (
        3, 3, 60,
    )  # fmt: skip
    session.set("n", 1)
    assert session.repeat_count("people") == 3  # nothing deleted
    assert (session.value("n_people"), session.value("n_guard"), session.value("ages")) == (
        3, 1, 30,
    )  # fmt: skip
    assert session.value("listed") == "1"
    session.set("n", 2)
    assert (session.value("n_guard"), session.value("ages"), session.value("listed")) == (
        2, 50, "1 2",
    )  # fmt: skip


def test_a_non_relevant_repeat_counts_nothing(xlsform: Any) -> None:
    """Every instance of a repeat that is not relevant is not relevant: count() is 0 and
    its fields add nothing, however many instances its repeat_count made."""
    session = build(xlsform, GUARDED).session()
    session.set("any", "yes")
    session.set("n", 2)
    session.set("people[1]/guard/age", 30)
    session.set("people[2]/guard/age", 20)
    session.set("any", "no")
    assert session.repeat_count("people") == 2
    assert (session.value("n_people"), session.value("n_guard")) == (0, 0)
    assert (session.value("ages"), session.value("listed")) == (0, None)
    session.set("any", "yes")
    assert (session.value("n_people"), session.value("n_guard"), session.value("ages")) == (
        2, 2, 50,
    )  # fmt: skip


HIDDEN_PART = """
| survey |
| | type         | name    | label  | relevant         | calculation                          |
| | begin repeat | plots   | Plot   |                  |                                      |
| | text         | skip    | Skip?  |                  |                                      |
| | begin group  | details | Details | ${skip} != 'yes' |                                     |
| | decimal      | area    | Area   |                  |                                      |
| | calculate    | number  |        |                  | position(../..)                      |
| | end group    |         |        |                  |                                      |
| | end repeat   |         |        |                  |                                      |
| | calculate    | n_plots |        |                  | count(${plots})                      |
| | calculate    | n_shown |        |                  | count(${details})                    |
| | calculate    | area_all|        |                  | sum(${area})                         |
| | calculate    | second  |        |                  | indexed-repeat(${area}, ${plots}, 2) |
"""


def test_a_hidden_part_of_one_instance_keeps_the_positions_of_the_others(xlsform: Any) -> None:
    """A group hidden in one repeat instance is left out of count() and sum(), while
    positions (and indexed-repeat) still count that instance, as in JavaRosa."""
    session = build(xlsform, HIDDEN_PART).session()
    for i, area in enumerate([1.5, 2.0, 0.5], start=1):
        session.add_repeat("plots")
        session.set(f"plots[{i}]/details/area", area)
    assert (session.value("n_shown"), session.value("area_all")) == (3, 4.0)
    session.set("plots[2]/skip", "yes")
    assert not session.relevant("plots[2]/details/area")
    assert (session.value("n_plots"), session.value("n_shown")) == (3, 2)
    assert session.value("area_all") == 2.0
    assert session.value("plots[3]/details/number") == 3
    assert session.value("second") is None  # the hidden area reads as empty
