"""Answer paths in nested documents: groups, 1-based repeats, removal."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldsurvey.answers import format_path, get_value, parse_path, set_value
from fieldsurvey.errors import AnswerError


def test_set_creates_groups_and_repeats() -> None:
    doc: dict[str, Any] = {}
    assert set_value(doc, "household/members[1]/age", 34) is None
    set_value(doc, "household/members[2]/name", "Hoa")
    set_value(doc, "household/size", 2)
    set_value(doc, "water_sources", ["tap", "well"])
    assert doc == {
        "household": {"members": [{"age": 34}, {"name": "Hoa"}], "size": 2},
        "water_sources": ["tap", "well"],
    }
    assert get_value(doc, "household/members[2]/name") == "Hoa"
    assert get_value(doc, "household/members[3]/name") is None
    assert get_value(doc, "nothing/here") is None


def test_set_returns_old_value_and_none_removes() -> None:
    doc: dict[str, Any] = {"a": {"b": 1}, "r": [{"x": 1}, {"x": 2}]}
    assert set_value(doc, "a/b", 5) == 1
    assert set_value(doc, "a/b", None) == 5
    assert "a" not in doc  # the group went with its last answer
    assert set_value(doc, "r[1]", None) == {"x": 1}
    assert doc["r"] == [{"x": 2}]
    assert set_value(doc, "never/set", None) is None
    assert "never" not in doc


def test_removing_the_last_answer_of_a_group_removes_the_group() -> None:
    doc: dict[str, Any] = {"respondent": {"work": {"hours": 60}}, "consent": "no"}
    set_value(doc, "respondent/work/hours", None)
    assert doc == {"consent": "no"}
    members: dict[str, Any] = {"household": {"members": [{"health": {"ill": "yes"}}, {"age": 3}]}}
    set_value(members, "household/members[1]/health/ill", None)
    # the first member stays (empty): removing it would renumber the second one
    assert members == {"household": {"members": [{}, {"age": 3}]}}


def test_repeat_instances_cannot_be_skipped() -> None:
    doc: dict[str, Any] = {"members": [{"age": 3}]}
    with pytest.raises(AnswerError, match=r"next one is \[2\]"):
        set_value(doc, "members[4]/age", 40)
    assert doc == {"members": [{"age": 3}]}


@pytest.mark.parametrize("path", ["", "/", "a//b", "a[0]", "1abc", "a/b c", "a[x]", "a]"])
def test_malformed_paths_are_refused(path: str) -> None:
    with pytest.raises(AnswerError):
        parse_path(path)


def test_cannot_go_inside_an_answer() -> None:
    doc: dict[str, Any] = {"age": 30, "r": [1]}
    with pytest.raises(AnswerError, match="'age' holds an answer"):
        set_value(doc, "age/years", 3)
    with pytest.raises(AnswerError, match="not a repeat"):
        set_value(doc, "age[1]/x", 3)
    with pytest.raises(AnswerError):
        set_value(doc, "r[1]/x", 3)


def test_error_messages_never_contain_values() -> None:
    doc: dict[str, Any] = {"secret_q": "very private answer"}
    with pytest.raises(AnswerError) as info:
        set_value(doc, "secret_q/sub", "another private value")
    assert "private" not in str(info.value)


names = st.from_regex(r"[a-z_][a-z0-9_]{0,6}", fullmatch=True)
steps = st.lists(st.tuples(names, st.one_of(st.none(), st.just(1))), min_size=1, max_size=4)
values = st.one_of(st.integers(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=3))


@settings(max_examples=60, deadline=None)
@given(steps, values)
def test_set_then_get_round_trips(path_steps: list[tuple[str, int | None]], value: Any) -> None:
    path = "/".join(n if i is None else f"{n}[{i}]" for n, i in path_steps)
    assert format_path(parse_path(path)) == path
    doc: dict[str, Any] = {}
    set_value(doc, path, value)
    assert get_value(doc, path) == value
    set_value(doc, path, None)
    assert get_value(doc, path) is None
