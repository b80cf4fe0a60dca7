"""Completing an interview creates and updates entities as ODK Collect does offline
(``forms/entity_actions.py``), and the coordinator re-derives them from the answers."""

from __future__ import annotations

import pytest

from fieldsurvey.errors import EntityError
from fieldsurvey.forms.entity_actions import check_entity_actions, entity_actions, is_true
from fieldsurvey.forms.entity_model import EntityAction, EntityRow, entity_id_for

from .entity_helpers import DictSource, compile_md
from .test_entity_forms import FOLLOW_UP, REGISTRATION

DEVICE = "laptop-7"


def hh_row(entity_id: str = "hh-1", **kw: object) -> EntityRow:
    props = {"hh_name": "Nguyễn Văn An", "size": "4"}
    return EntityRow("households", entity_id, "Nguyễn Văn An", props, **{"version": 3, **kw})  # type: ignore[arg-type]


def test_registration_creates_the_household_and_one_person_per_member() -> None:
    form = compile_md(REGISTRATION)
    answers = {"hh_name": "Lê Thị Hoa", "size": 2,
               "members": [{"mname": "Hoa", "age": 34}, {"mname": "Minh", "age": 8}]}  # fmt: skip
    actions = entity_actions(form, answers, device_id=DEVICE, previous=[], source=DictSource())
    assert [(a.list_name, a.verb, a.path, a.label) for a in actions] == [
        ("households", "create", "", "Lê Thị Hoa 2"),
        ("people", "create", "members[1]", "Hoa"),
        ("people", "create", "members[2]", "Minh"),
    ]
    assert actions[0].properties == {"hh_name": "Lê Thị Hoa", "size": "2"}
    assert actions[2].properties == {"full_name": "Minh", "age": "8"}
    for action in actions:  # ids bound to the laptop through a fresh 128-bit nonce
        assert action.nonce is not None and len(action.nonce) == 32
        assert action.entity_id == entity_id_for(DEVICE, action.nonce)
        assert action.base_version is None
    assert len({a.entity_id for a in actions}) == 3


def test_create_if_false_creates_nothing_and_an_empty_label_creates_nothing() -> None:
    form = compile_md(REGISTRATION)
    none = entity_actions(form, {"hh_name": "X", "size": 0, "members": []},
                          device_id=DEVICE, previous=[], source=None)  # fmt: skip
    assert none == []
    blank = entity_actions(form, {"hh_name": "X", "size": 1, "members": [{"mname": " "}]},
                           device_id=DEVICE, previous=[], source=None)  # fmt: skip
    assert [a.list_name for a in blank] == ["households"]  # the member has no label


def test_a_recompleted_interview_acts_on_the_same_entities() -> None:
    form = compile_md(REGISTRATION)
    answers = {"hh_name": "A", "size": 1, "members": [{"mname": "B"}]}
    first = entity_actions(form, answers, device_id=DEVICE, previous=[], source=None)
    answers["hh_name"] = "A2"
    again = entity_actions(form, answers, device_id=DEVICE, previous=first, source=None)
    assert [a.entity_id for a in again] == [a.entity_id for a in first]
    assert [a.nonce for a in again] == [a.nonce for a in first]
    assert again[0].properties["hh_name"] == "A2"
    other = entity_actions(form, answers, device_id=DEVICE, previous=[], source=None)
    assert other[0].entity_id != first[0].entity_id


def test_property_values_are_text_as_odk_writes_them_and_irrelevant_ones_are_left_out() -> None:
    form = compile_md("""
| survey |
| | type | name | label | save_to | relevant |
| | text | name | Name | | |
| | integer | n | N | n | |
| | decimal | income | Income | income | |
| | date | since | Since | since | |
| | select_multiple papers | papers | Papers | papers | |
| | select_one yn | moved | Moved? | | |
| | text | where | Where to | where | ${moved} = 'y' |
| | text | note | Note | note | |
| choices |
| | list_name | name | label |
| | papers | kt3 | KT3 |
| | papers | bhyt | BHYT |
| | yn | y | Yes |
| | yn | n | No |
| entities |
| | list_name | label |
| | households | ${name} |
""")
    answers = {"name": "H", "n": 5, "income": 2.5, "since": "2024-03-01",
               "papers": ["kt3", "bhyt"], "moved": "n", "where": "Hà Đông"}  # fmt: skip
    (action,) = entity_actions(form, answers, device_id=DEVICE, previous=[], source=None)
    assert action.properties == {
        "n": "5", "income": "2.5", "since": "2024-03-01", "papers": "kt3 bhyt", "note": "",
    }  # fmt: skip


def test_a_follow_up_updates_the_picked_household_from_the_version_the_laptop_holds() -> None:
    form = compile_md(FOLLOW_UP)
    source = DictSource([hh_row(version=3, trunk_version=2, branch_id="b-1")])
    (action,) = entity_actions(form, {"hh": "hh-1", "size": 5}, device_id=DEVICE,
                               previous=[], source=source)  # fmt: skip
    assert action == EntityAction(
        list_name="households", entity_id="hh-1", verb="update", label="HH 5",
        properties={"size": "5"}, path="", base_version=3, trunk_version=2, branch_id="b-1",
    )  # fmt: skip


def test_the_first_offline_update_since_the_trunk_starts_a_branch() -> None:
    form = compile_md(FOLLOW_UP)
    source = DictSource([hh_row(version=2, trunk_version=2)])
    (action,) = entity_actions(form, {"hh": "hh-1", "size": 6}, device_id=DEVICE,
                               previous=[], source=source)  # fmt: skip
    assert (action.base_version, action.trunk_version) == (2, 2)
    assert action.branch_id is not None and len(action.branch_id) == 36
    again = entity_actions(form, {"hh": "hh-1", "size": 7}, device_id=DEVICE,
                           previous=[action], source=source)  # fmt: skip
    assert again[0].branch_id == action.branch_id and again[0].base_version == 2


def test_update_if_false_changes_nothing() -> None:
    form = compile_md(FOLLOW_UP)
    source = DictSource([hh_row()])
    assert entity_actions(form, {"hh": "hh-1", "size": 4}, device_id=DEVICE,
                          previous=[], source=source) == []  # fmt: skip


def test_an_update_of_an_entity_the_laptop_does_not_hold_is_refused() -> None:
    form = compile_md(FOLLOW_UP)
    with pytest.raises(EntityError) as caught:
        entity_actions(form, {"hh": "gone", "size": 2}, device_id=DEVICE, previous=[],
                       source=DictSource([hh_row()]))  # fmt: skip
    assert caught.value.code == "entity.unknown_entity"
    assert "households" in str(caught.value)


UPSERT = """
| survey |
| | type | name | label | save_to |
| | select_one_from_file households.csv | hh | Household | |
| | text | name | Name | hh_name |
| | select_one yn | both | Both? | |
| choices |
| | list_name | name | label |
| | yn | y | Yes |
| entities |
| | list_name | entity_id | create_if | update_if | label |
| | households | ${hh} | ${hh} = '' or ${both} = 'y' | ${hh} != '' | ${name} |
"""


def test_an_upsert_creates_without_a_pick_updates_with_one_and_does_nothing_if_both() -> None:
    form = compile_md(UPSERT)
    source = DictSource([hh_row()])
    (new,) = entity_actions(form, {"name": "Mới"}, device_id=DEVICE, previous=[],
                            source=source)  # fmt: skip
    assert (new.verb, new.label) == ("create", "Mới")
    (old,) = entity_actions(form, {"hh": "hh-1", "name": "Cũ"}, device_id=DEVICE,
                            previous=[], source=source)  # fmt: skip
    assert (old.verb, old.entity_id, old.label) == ("update", "hh-1", "Cũ")
    # Collect (2024.3+) does neither when both conditions hold
    assert entity_actions(form, {"hh": "hh-1", "name": "?", "both": "y"}, device_id=DEVICE,
                          previous=[], source=source) == []  # fmt: skip


def test_create_and_update_read_true_as_javarosa_does() -> None:
    assert is_true("true") and is_true("TRUE") and is_true("1")
    assert not is_true("yes") and not is_true("1.0") and not is_true("") and not is_true("0")


# --- the coordinator's check -------------------------------------------------------------
def _registration() -> tuple[object, dict[str, object], list[EntityAction]]:
    form = compile_md(REGISTRATION)
    answers = {"hh_name": "A", "size": 1, "members": [{"mname": "B", "age": 3}]}
    return form, answers, entity_actions(form, answers, device_id=DEVICE, previous=[],
                                         source=None)  # fmt: skip


def test_actions_that_follow_from_the_answers_pass_the_check() -> None:
    form, answers, actions = _registration()
    check_entity_actions(form, answers, actions, DEVICE)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        (lambda a: [a[0].__class__(**{**a[0].__dict__, "label": "Z"}), *a[1:]],
         "entity.action_mismatch"),
        (lambda a: [a[0].__class__(**{**a[0].__dict__, "properties": {"size": "9"}}),
                    *a[1:]], "entity.action_mismatch"),
        (lambda a: a[:1], "entity.action_missing"),
        (lambda a: [*a, a[1].__class__(**{**a[1].__dict__, "path": "members[2]"})],
         "entity.action_unexpected"),
    ],
)  # fmt: skip
def test_actions_the_answers_do_not_give_are_refused(tamper: object, code: str) -> None:
    form, answers, actions = _registration()
    with pytest.raises(EntityError) as caught:
        check_entity_actions(form, answers, tamper(actions), DEVICE)  # type: ignore[arg-type,operator]
    assert caught.value.code == code


def test_an_id_made_on_another_laptop_is_refused() -> None:
    form, answers, actions = _registration()
    with pytest.raises(EntityError) as caught:
        check_entity_actions(form, answers, actions, "another-laptop")  # type: ignore[arg-type]
    assert caught.value.code == "entity.id_not_bound"


def test_the_coordinator_accepts_what_the_laptop_read_from_its_lists() -> None:
    # FOLLOW_UP's update_if and the ODK "trees" label read the list the laptop held then:
    # the coordinator, whose lists have moved on, takes those values as they came.
    form = compile_md(FOLLOW_UP)
    laptop = DictSource([hh_row(version=3)])
    answers = {"hh": "hh-1", "size": 5}
    actions = entity_actions(form, answers, device_id=DEVICE, previous=[], source=laptop)
    check_entity_actions(form, answers, actions, DEVICE)  # no lists at all here
    check_entity_actions(form, answers, [], DEVICE)  # the laptop's lists said: no change
    changed = [EntityAction(**{**actions[0].__dict__, "properties": {"size": "6"}})]
    with pytest.raises(EntityError) as caught:
        check_entity_actions(form, answers, changed, DEVICE)
    assert caught.value.code == "entity.action_mismatch"
    assert caught.value.params["field"] == "size"


def test_a_label_made_from_the_list_is_not_compared_but_the_properties_are() -> None:
    form = compile_md("""
| survey |
| | type | name | label | save_to | calculation |
| | select_one_from_file trees.csv | tree | Tree | | |
| | calculate | species | | | instance('trees')/root/item[name=${tree}]/species |
| | integer | circumference | Circumference | circumference_cm | |
| entities |
| | list_name | entity_id | label |
| | trees | ${tree} | concat(${circumference}, 'cm ', ${species}) |
""")
    laptop = DictSource([EntityRow("trees", "t1", "Tree", {"species": "Sao"}, 1)])
    answers = {"tree": "t1", "circumference": 40}
    (action,) = entity_actions(form, answers, device_id=DEVICE, previous=[], source=laptop)
    assert action.label == "40cm Sao"
    check_entity_actions(form, answers, [action], DEVICE)
    wrong_id = EntityAction(**{**action.__dict__, "entity_id": "t2"})
    with pytest.raises(EntityError, match="id"):
        check_entity_actions(form, answers, [wrong_id], DEVICE)


def test_a_repeat_that_is_not_relevant_registers_nobody() -> None:
    form = compile_md("""
| survey |
| | type | name | label | save_to | relevant |
| | select_one yn | lives_alone | Lives alone? | | |
| | begin_repeat | others | Others | | ${lives_alone} = 'n' |
| | text | oname | Name | full_name | |
| | end_repeat | | | | |
| choices |
| | list_name | name | label |
| | yn | y | Yes |
| | yn | n | No |
| entities |
| | list_name | label | repeat |
| | people | ${oname} | ${others} |
""")
    answers = {"lives_alone": "y", "others": [{"oname": "Ghost"}]}
    assert entity_actions(form, answers, device_id=DEVICE, previous=[], source=None) == []
    answers["lives_alone"] = "n"
    (action,) = entity_actions(form, answers, device_id=DEVICE, previous=[], source=None)
    assert (action.label, action.path) == ("Ghost", "others[1]")
