"""Relevance as the ODK XForms spec defines it: a non-relevant node reads as empty, a
group's relevance covers everything inside it, non-relevant answers are kept while
editing but not in a completed interview, and calculations follow their inputs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.loader import load_form

HANOI = timezone(timedelta(hours=7))


def clock() -> datetime:
    return datetime(2024, 5, 17, 9, 30, tzinfo=HANOI)


def build(xlsform: Any, md: str) -> CompiledForm:
    return FormEngine.build(load_form(xlsform(md), use_cache=False))


SKIP = """
| survey |
| | type      | name | label | relevant    | calculation                 |
| | integer   | a    | A     |             |                             |
| | integer   | b    | B     | ${a} > 1    |                             |
| | calculate | c    |       |             | concat('[', ${b}, ']')      |
| | calculate | d    |       |             | ${b} * 2                    |
"""


def test_non_relevant_answer_reads_as_empty_and_comes_back(xlsform: Any) -> None:
    session = build(xlsform, SKIP).session(clock=clock)
    session.set("a", 5)
    session.set("b", 7)
    assert session.value("c") == "[7]"
    assert session.value("d") == 14

    changed = session.set("a", 0)
    assert not session.relevant("b")
    assert session.value("b") is None
    assert session.value("c") == "[]"
    assert session.value("d") is None  # '' * 2 is NaN, which a calculation stores as empty
    assert {"b", "c", "d"} <= changed

    # While editing, the hidden answer is kept (as ODK does) and reappears...
    assert session.answers()["b"] == 7
    session.set("a", 2)
    assert session.value("c") == "[7]"
    # ...but a completed interview drops answers that are not relevant.
    session.set("a", 1)
    done = session.answers(complete=True)
    assert "b" not in done and done["a"] == 1 and done["c"] == "[]"


GROUPS = """
| survey |
| | type        | name    | label   | relevant               | required | calculation        |
| | select_one yn | consent | Consent |                      | yes      |                    |
| | begin group | main    | Main    | ${consent} = 'yes'     |          |                    |
| | text        | name    | Name    |                        | yes      |                    |
| | begin group | inner   | Inner   |                        |          |                    |
| | integer     | age     | Age     | true()                 | yes      |                    |
| | end group   |         |         |                        |          |                    |
| | end group   |         |         |                        |          |                    |
| | calculate   | label   |         |                        |          | concat(${name}, '/', ${age}) |
| choices |
| | list_name | name | label |
| | yn        | yes  | Yes   |
| | yn        | no   | No    |
"""  # noqa: E501


def test_group_relevance_covers_all_descendants(xlsform: Any) -> None:
    session = build(xlsform, GROUPS).session(clock=clock)
    session.set("consent", "yes")
    session.set("main/name", "Lan")
    session.set("main/inner/age", 34)
    assert session.value("label") == "Lan/34"
    assert [e.path for e in session.errors()] == []

    changed = session.set("consent", "no")
    for path in ("main", "main/name", "main/inner", "main/inner/age"):
        assert not session.relevant(path), path
        assert path in changed
    assert session.value("label") == "/"
    # required questions inside a non-relevant group are not required
    session.set("main/name", None)
    assert session.errors() == []
    session.set("consent", "yes")
    assert [(e.path, e.kind) for e in session.errors()] == [("main/name", "required")]


EMPTY_VS_ZERO = """
| survey |
| | type    | name   | label | relevant        |
| | integer | n      | N     |                 |
| | text    | t      | T     |                 |
| | note    | n_zero | Zero  | ${n} = 0        |
| | note    | n_not0 | Not 0 | ${n} != 0       |
| | note    | n_true | N     | ${n}            |
| | note    | t_true | T     | ${t}            |
| | note    | t_zero | T=0   | ${t} = 0        |
| | note    | lt     | N<5   | ${n} < 5        |
"""


def test_empty_values_and_numbers_compare_like_odk_collect(xlsform: Any) -> None:
    session = build(xlsform, EMPTY_VS_ZERO).session(clock=clock)
    rel = session.relevant
    # empty: '' = 0 is false, '' != 0 is true (NaN), empty is false, NaN < 5 is false
    assert (rel("n_zero"), rel("n_not0"), rel("n_true"), rel("t_true"), rel("lt")) == (
        False, True, False, False, False,
    )  # fmt: skip
    session.set("n", 0)
    session.set("t", "0")
    # the number 0 is false, the text "0" is true; text "0" = 0 compares as numbers
    assert (rel("n_zero"), rel("n_not0"), rel("n_true"), rel("t_true"), rel("t_zero")) == (
        True, False, False, True, True,
    )  # fmt: skip
    assert rel("lt")


CHAIN = """
| survey |
| | type             | name  | label | calculation                          | relevant              |
| | select_multiple c | pick | Pick  |                                      |                       |
| | calculate        | n     |       | count-selected(${pick})              |                       |
| | calculate        | twice |       | ${n} * 2                             |                       |
| | calculate        | msg   |       | if(selected(${pick}, 'b'), 'has b', 'no b') |                |
| | note             | many  | Many  |                                      | ${twice} >= 4         |
| choices |
| | list_name | name | label |
| | c         | a    | A     |
| | c         | b    | B     |
| | c         | c    | C     |
"""  # noqa: E501


def test_calculations_rerun_through_chains(xlsform: Any) -> None:
    session = build(xlsform, CHAIN).session(clock=clock)
    assert (session.value("n"), session.value("twice"), session.value("msg")) == (0, 0, "no b")
    changed = session.set("pick", ["a", "b"])
    assert changed == {"pick", "n", "twice", "msg", "many"}
    assert session.value("pick") == ["a", "b"]
    assert (session.value("n"), session.value("twice"), session.value("msg")) == (2, 4, "has b")
    assert session.relevant("many")
    assert session.set("pick", "c") == {"pick", "n", "twice", "msg", "many"}
    assert not session.relevant("many")
