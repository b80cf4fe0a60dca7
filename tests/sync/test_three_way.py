"""Field-by-field three-way merge: properties and the cases the merge rules rely on."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldsurvey.sync.three_way import flatten, merge, unflatten

leaf = st.one_of(
    st.integers(0, 3), st.sampled_from(["a", "b"]), st.lists(st.integers(0, 2), max_size=2)
)
keys = st.sampled_from("xyz")
values = st.recursive(
    leaf, lambda inner: st.dictionaries(keys, inner, min_size=1, max_size=3), max_leaves=6
)
docs = st.dictionaries(keys, values, min_size=1, max_size=3)


@settings(max_examples=80, deadline=None)
@given(docs, docs)
def test_one_side_changed_takes_that_side(ancestor: dict[str, Any], other: dict[str, Any]) -> None:
    assert merge(ancestor, ancestor, other) == (other, [])
    assert merge(ancestor, other, ancestor) == (other, [])
    assert merge(ancestor, other, other) == (other, [])


@settings(max_examples=80, deadline=None)
@given(docs)
def test_flatten_round_trip(doc: dict[str, Any]) -> None:
    assert unflatten(flatten(doc)) == doc


def test_disjoint_changes_merge_and_clashes_are_named() -> None:
    ancestor = {"g": {"a": 1, "b": 2}, "members": [{"age": 3}]}
    ours = {"g": {"a": 9, "b": 2}, "members": [{"age": 3}]}
    theirs = {"g": {"a": 1, "b": 2, "c": 5}, "members": [{"age": 4}]}
    assert merge(ancestor, ours, theirs) == (
        {"g": {"a": 9, "b": 2, "c": 5}, "members": [{"age": 4}]},
        [],
    )
    clash = {"g": {"a": 7, "b": 2}, "members": [{"age": 3}]}
    assert merge(ancestor, ours, clash) == (None, ["g/a"])
    # Repeats are compared whole: both sides editing the roster is a clash on it.
    roster = {"g": {"a": 1, "b": 2}, "members": [{"age": 5}]}
    assert merge(ancestor, theirs, roster) == (None, ["members"])
