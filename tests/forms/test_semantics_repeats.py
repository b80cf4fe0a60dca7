"""Repeats as JavaRosa resolves them: ``${x}`` from inside a repeat is the sibling in
the same instance, from outside it is every instance (a node-set for sum/count/join);
position(..), indexed-repeat(), repeat_count, nested repeats, defaults in new
instances, and renumbering when an instance is removed."""

from __future__ import annotations

from typing import Any

import pytest

from fieldsurvey.errors import AnswerError
from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.loader import load_form


def build(xlsform: Any, md: str) -> CompiledForm:
    return FormEngine.build(load_form(xlsform(md), use_cache=False))


ROSTER = """
| survey |
| | type         | name      | label  | calculation                                         | relevant          | default    |
| | text         | village   | Village|                                                     |                   |            |
| | begin repeat | members   | Member |                                                     |                   |            |
| | text         | name      | Name   |                                                     |                   |            |
| | integer      | age       | Age    |                                                     |                   |            |
| | calculate    | pos       |        | position(..)                                        |                   |            |
| | calculate    | adult     |        | if(${age} >= 18, 1, 0)                              |                   |            |
| | calculate    | prev_name |        | if(position(..) > 1, indexed-repeat(${name}, ${members}, position(..) - 1), '') | | |
| | text         | home      | Home   |                                                     |                   | ${village} |
| | text         | note      | Note   |                                                     | ${age} < 18       | child      |
| | end repeat   |           |        |                                                     |                   |            |
| | calculate    | n         |        | count(${members})                                   |                   |            |
| | calculate    | adults    |        | sum(${adult})                                       |                   |            |
| | calculate    | names     |        | join(', ', ${name})                                 |                   |            |
| | calculate    | oldest    |        | max(${age})                                         |                   |            |
| | calculate    | second    |        | indexed-repeat(${name}, ${members}, 2)              |                   |            |
"""  # noqa: E501


def test_refs_inside_are_siblings_and_outside_are_all_instances(xlsform: Any) -> None:
    session = build(xlsform, ROSTER).session()
    session.set("village", "Phúc Tân")
    for name, age in [("Lan", 40), ("Minh", 12), ("Hoa", 70)]:
        session.add_repeat("members")
        i = session.repeat_count("members")
        session.set(f"members[{i}]/name", name)
        session.set(f"members[{i}]/age", age)
    assert [session.value(f"members[{i}]/pos") for i in (1, 2, 3)] == [1, 2, 3]
    assert [session.value(f"members[{i}]/adult") for i in (1, 2, 3)] == [1, 0, 1]
    assert [session.value(f"members[{i}]/prev_name") for i in (1, 2, 3)] == [None, "Lan", "Minh"]
    assert (session.value("n"), session.value("adults"), session.value("oldest")) == (3, 2, 70)
    assert session.value("names") == "Lan, Minh, Hoa"
    assert session.value("second") == "Minh"
    # relevance per instance, from the sibling
    assert [session.relevant(f"members[{i}]/note") for i in (1, 2, 3)] == [False, True, False]


def test_defaults_fill_new_instances_only(xlsform: Any) -> None:
    session = build(xlsform, ROSTER).session()
    session.set("village", "Chương Dương")
    session.add_repeat("members")
    assert session.value("members[1]/home") == "Chương Dương"
    assert session.answers()["members"][0]["note"] == "child"
    session.set("village", "Phúc Tân")  # a default is not a calculation: no rerun
    assert session.value("members[1]/home") == "Chương Dương"
    session.add_repeat("members")
    assert session.value("members[2]/home") == "Phúc Tân"


def test_removing_an_instance_renumbers_and_recomputes(xlsform: Any) -> None:
    session = build(xlsform, ROSTER).session()
    for name, age in [("A", 30), ("B", 5), ("C", 50)]:
        session.add_repeat("members")
        i = session.repeat_count("members")
        session.set(f"members[{i}]/name", name)
        session.set(f"members[{i}]/age", age)
    changed = session.remove_repeat("members", 1)
    assert session.repeat_count("members") == 2
    assert [session.value(f"members[{i}]/name") for i in (1, 2)] == ["B", "C"]
    assert [session.value(f"members[{i}]/pos") for i in (1, 2)] == [1, 2]
    assert [session.value(f"members[{i}]/prev_name") for i in (1, 2)] == [None, "B"]
    assert (session.value("n"), session.value("adults"), session.value("second")) == (2, 1, "C")
    assert session.value("names") == "B, C"
    assert {"members[3]/name", "members[1]/pos", "n", "adults", "names", "second"} <= changed
    with pytest.raises(AnswerError, match="no instance 3"):
        session.remove_repeat("members", 3)


def test_repeated_field_used_as_one_value_is_reported(xlsform: Any) -> None:
    session = build(
        xlsform,
        """
| survey |
| | type         | name    | label | relevant      |
| | begin repeat | members | M     |               |
| | integer      | age     | Age   |               |
| | end repeat   |         |       |               |
| | note         | old     | Old   | ${age} > 60   |
""",
    ).session()
    session.add_repeat("members")
    session.set("members[1]/age", 70)
    assert session.relevant("old") and session.problems() == []
    session.add_repeat("members")
    problems = session.problems()
    assert [(p.path, p.column) for p in problems] == [("old", "relevant")]
    assert "members[1]/age" in problems[0].message and "repeated" in problems[0].message
    session.remove_repeat("members", 2)
    assert session.problems() == []


COUNTED = """
| survey |
| | type         | name     | label  | repeat_count | calculation            | relevant |
| | integer      | hh_size  | Size   |              |                        |          |
| | begin repeat | members  | Member | ${hh_size}   |                        |          |
| | integer      | age      | Age    |              |                        |          |
| | begin repeat | jobs     | Job    |              |                        | ${age} >= 15 |
| | text         | job      | Job    |              |                        |          |
| | calculate    | owner_age|        |              | ${age}                 |          |
| | end repeat   |          |        |              |                        |          |
| | calculate    | n_jobs   |        |              | count(${jobs})         |          |
| | end repeat   |          |        |              |                        |          |
| | calculate    | total    |        |              | sum(${age})            |          |
| | calculate    | all_jobs |        |              | count(${jobs})         |          |
"""


def test_repeat_count_and_nested_repeats(xlsform: Any) -> None:
    session = build(xlsform, COUNTED).session()
    assert session.repeat_count("members") == 0
    session.set("hh_size", 3)
    assert session.repeat_count("members") == 3
    with pytest.raises(AnswerError, match="repeat_count"):
        session.add_repeat("members")
    session.set("members[1]/age", 30)
    session.set("members[2]/age", 10)
    session.set("members[3]/age", 20)
    assert session.value("total") == 60
    assert session.relevant("members[1]/jobs") and not session.relevant("members[2]/jobs")
    session.add_repeat("members[1]/jobs")
    session.add_repeat("members[1]/jobs")
    session.add_repeat("members[3]/jobs")
    # inner refers to the outer instance it is in; outer counts only its own inners
    assert session.value("members[1]/jobs[2]/owner_age") == 30
    assert session.value("members[3]/jobs[1]/owner_age") == 20
    assert [session.value(f"members[{i}]/n_jobs") for i in (1, 2, 3)] == [2, 0, 1]
    assert session.value("all_jobs") == 3
    session.set("members[1]/age", 31)
    assert session.value("members[1]/jobs[1]/owner_age") == 31
    assert session.value("members[3]/jobs[1]/owner_age") == 20
    # A smaller (or empty) count deletes nothing, as in ODK Collect: no lost answers.
    session.set("hh_size", 1)
    session.set("hh_size", None)
    assert session.repeat_count("members") == 3
    assert (session.value("total"), session.value("all_jobs")) == (61, 3)
    session.set("hh_size", 4)
    assert session.repeat_count("members") == 4


def test_paths_name_instances(xlsform: Any) -> None:
    session = build(xlsform, COUNTED).session()
    session.set("hh_size", 1)
    with pytest.raises(AnswerError, match=r"say which members instance"):
        session.set("members/age", 3)
    with pytest.raises(AnswerError, match="1 instance"):
        session.set("members[2]/age", 3)
    with pytest.raises(AnswerError, match="no field 'agee'"):
        session.set("members[1]/agee", 3)
    with pytest.raises(AnswerError, match="whole number"):
        session.set("members[1]/age", 3.5)
    with pytest.raises(AnswerError, match="calculated"):
        session.set("total", 3)
