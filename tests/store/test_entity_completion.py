"""Completing an interview on a laptop applies its entity actions at once, in the same
transaction (store/interviews.py's completion hook): the next interview's lists have
them before any sync; a refusal refuses the completion and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldsurvey.errors import EntityError
from fieldsurvey.forms.installed import install_spec
from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.markdown_form import markdown_to_xlsx_bytes
from fieldsurvey.store import entities, interviews
from fieldsurvey.store.audit import entries
from fieldsurvey.store.workspace import Workspace

from .entity_store_helpers import assert_search_index_matches, snapshot, workspace

REGISTRATION = """
| survey |
| | type | name | label | save_to |
| | text | hh_name | Household name | households#hh_name |
| | text | phone | Phone | households#phone |
| | integer | size | Size | households#size |
| | begin_repeat | members | Members | |
| | text | mname | Name | people#full_name |
| | end_repeat | | | |
| entities |
| | list_name | label | create_if | repeat |
| | households | ${hh_name} | ${size} > 0 | |
| | people | ${mname} | | ${members} |
| settings |
| | form_id | version |
| | reg | 1 |
"""

FOLLOW_UP = """
| survey |
| | type | name | label | save_to |
| | select_one_from_file households.csv | hh | Household | |
| | integer | size | Size now | size |
| entities |
| | list_name | entity_id |
| | households | ${hh} |
| settings |
| | form_id | version |
| | fu | 1 |
"""

PLAIN = """
| survey |
| | type | name | label |
| | integer | size | Size |
| settings |
| | form_id | version |
| | plain | 1 |
"""


def install(ws: Workspace, md: str) -> None:
    install_spec(ws, load_form_bytes(markdown_to_xlsx_bytes(md), "f.xlsx", use_cache=False))


@pytest.fixture
def ws(tmp_path) -> Iterator[Workspace]:
    laptop = workspace(tmp_path / "laptop")
    for md in (REGISTRATION, FOLLOW_UP, PLAIN):
        install(laptop, md)
    yield laptop
    assert_search_index_matches(laptop)


def interview(ws: Workspace, form: str, answers: dict) -> str:
    return interviews.new_interview(
        ws,
        form_id=form,
        form_version="1",
        ward="Phúc Tân",
        household_id="HH-1",
        enumerator="Hoa",
        answers=answers,
    ).uuid


def test_a_registration_is_in_the_lists_at_once_and_a_follow_up_updates_it(ws) -> None:
    reg = interview(
        ws,
        "reg",
        {
            "hh_name": "Đặng Văn Lâm",
            "phone": "0912",
            "size": 2,
            "members": [{"mname": "Lâm"}, {"mname": "Thu"}],
        },
    )
    interviews.complete(ws, reg, who="Hoa")
    source = entities.StoreEntitySource(ws)
    (household,) = source.search("households", "dang lam")
    assert (household.version, household.properties) == (
        1,
        {"hh_name": "Đặng Văn Lâm", "phone": "0912", "size": "2"},
    )
    assert sorted(r.label for r in source.rows("people")) == ["Lâm", "Thu"]
    stored = entities.actions_of(ws.db, reg)
    assert [(a.list_name, a.verb) for a in stored] == [
        ("households", "create"),
        ("people", "create"),
        ("people", "create"),
    ]
    assert [e.action for e in entries(ws, reg)][-2:] == ["entities", "complete"]

    fu = interview(ws, "fu", {"hh": household.entity_id, "size": 3})
    interviews.complete(ws, fu, who="Hoa")
    row = source.get("households", household.entity_id)
    assert row is not None and (row.version, row.properties["size"]) == (2, "3")
    assert row.trunk_version is None and row.branch_id  # an offline branch started
    (action,) = entities.actions_of(ws.db, fu)
    assert (action.verb, action.base_version, action.branch_id) == ("update", 1, row.branch_id)


def test_a_reopened_interview_completed_again_acts_once(ws) -> None:
    reg = interview(ws, "reg", {"hh_name": "Lê An", "phone": "", "size": 1, "members": []})
    interviews.complete(ws, reg, who="Hoa")
    (household,) = entities.StoreEntitySource(ws).rows("households")
    fu = interview(ws, "fu", {"hh": household.entity_id, "size": 4})
    interviews.complete(ws, fu, who="Hoa")
    interviews.reopen(ws, fu, reason="sai cỡ hộ", who="Hoa")
    interviews.set_answer(ws, fu, "size", 5, who="Hoa")
    interviews.complete(ws, fu, who="Hoa")
    row = entities.StoreEntitySource(ws).get("households", household.entity_id)
    assert row is not None and (row.version, row.properties["size"]) == (2, "5")
    (action,) = entities.actions_of(ws.db, fu)
    assert action.base_version == 1  # still made from version 1: what the bundle says
    assert [v.kind for v in entities.history(ws.db, "households", household.entity_id)] == [
        "create",
        "update",
    ]


def test_a_form_without_entities_changes_no_list(ws) -> None:
    before = snapshot(ws)
    plain = interview(ws, "plain", {"size": 2})
    interviews.complete(ws, plain, who="Hoa")
    after = snapshot(ws)
    assert {k: v for k, v in after.items() if k != "audit"} == {
        k: v for k, v in before.items() if k != "audit"
    }
    assert entities.actions_of(ws.db, plain) == []


def test_a_follow_up_of_a_household_the_laptop_does_not_hold_refuses_the_completion(ws) -> None:
    fu = interview(ws, "fu", {"hh": "not-held-here", "size": 3})
    before = snapshot(ws)
    with pytest.raises(EntityError, match="does not hold the chosen entry"):
        interviews.complete(ws, fu, who="Hoa")
    assert interviews.get_interview(ws, fu).status == "draft"
    assert snapshot(ws) == before
