"""The coordinator's entity lists (store/entity_merge.py): versions, ODK's branch rule (a
laptop's chain of offline updates is applied, a parallel update from another laptop is a
conflict kept side by side), id collisions, unknown entities, resolving conflicts and
merging two entities that are one household."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldsurvey.errors import EntityError
from fieldsurvey.forms.entity_model import EntityAction
from fieldsurvey.store import entities
from fieldsurvey.store.audit import verify_chain
from fieldsurvey.store.workspace import Workspace

from .entity_store_helpers import (
    LAPTOP_A,
    LAPTOP_B,
    assert_search_index_matches,
    create,
    snapshot,
    update,
    workspace,
)


@pytest.fixture
def ws(tmp_path) -> Iterator[Workspace]:
    coordinator = workspace(tmp_path / "coordinator", role="coordinator", device_id="")
    yield coordinator
    assert_search_index_matches(coordinator)


def merge(ws: Workspace, interview: str, device: str, *actions: EntityAction):  # type: ignore[no-untyped-def]
    with ws.transaction() as db:
        return entities.merge_actions(
            db, interview_uuid=interview, device_id=device, ward="Phúc Tân", actions=list(actions)
        )


def registered(ws: Workspace) -> str:
    made = create(hh_id="HH-001", phone="0912", size="4")
    assert merge(ws, "reg-1", LAPTOP_A, made).applied == 1
    return made.entity_id


def current(ws: Workspace, entity_id: str) -> entities.StoredEntity:
    found = entities.get_entity(ws.db, "households", entity_id)
    assert found is not None
    return found


def test_a_create_is_version_1_in_the_interviews_ward(ws) -> None:
    hh = registered(ws)
    row = current(ws, hh)
    assert (row.version, row.ward, row.interview_uuid, row.device_id) == (
        1,
        "Phúc Tân",
        "reg-1",
        LAPTOP_A,
    )
    assert [r.label for r in entities.list_entities(ws.db, "households", text="nguyen")] == [
        "Nguyễn Văn An"
    ]


def test_a_laptops_chain_of_offline_updates_is_applied_in_turn(ws) -> None:
    hh = registered(ws)
    # laptop B received version 1, then updated the household twice offline (one branch)
    first = update(hh, {"size": "5"}, base=1, trunk=1, branch="branch-b")
    second = update(hh, {"phone": "0999"}, base=2, trunk=1, branch="branch-b")
    assert merge(ws, "fu-1", LAPTOP_B, first).applied == 1
    assert merge(ws, "fu-2", LAPTOP_B, second).applied == 1
    row = current(ws, hh)
    assert row.version == 3
    assert row.properties == {"hh_id": "HH-001", "phone": "0999", "size": "5"}
    assert entities.list_conflicts(ws.db) == []


def test_a_chain_on_an_entity_the_laptop_created_itself_is_applied(ws) -> None:
    made = create(size="1")
    later = update(made.entity_id, {"size": "2"}, base=1, trunk=None, branch="b-a")
    latest = update(made.entity_id, {"size": "3"}, base=2, trunk=None, branch="b-a")
    assert merge(ws, "reg", LAPTOP_A, made).applied == 1
    assert merge(ws, "fu-1", LAPTOP_A, later).applied == 1
    assert merge(ws, "fu-2", LAPTOP_A, latest).applied == 1
    assert current(ws, made.entity_id).version == 3


def test_a_parallel_update_from_another_laptop_is_a_conflict_and_changes_nothing(ws) -> None:
    hh = registered(ws)
    mine = update(hh, {"size": "5"}, base=1, trunk=1, branch="branch-a")
    theirs = update(hh, {"size": "6", "phone": "0888"}, base=1, trunk=1, branch="branch-b")
    assert merge(ws, "fu-a", LAPTOP_A, mine).applied == 1
    outcome = merge(ws, "fu-b", LAPTOP_B, theirs)
    assert (outcome.applied, outcome.conflicted) == (0, 1)
    row = current(ws, hh)
    assert (row.version, row.properties["size"], row.properties["phone"]) == (2, "5", "0912")
    (conflict,) = entities.list_conflicts(ws.db)
    assert (conflict.kind, conflict.device_id, conflict.base_version, conflict.current_version) == (
        "update",
        LAPTOP_B,
        1,
        2,
    )
    assert conflict.current is not None and conflict.current.properties["size"] == "5"
    assert conflict.incoming.properties == {"size": "6", "phone": "0888"}
    assert conflict.differing() == ["size", "phone"]


def test_the_rest_of_a_conflicting_chain_is_a_conflict_too(ws) -> None:
    hh = registered(ws)
    assert merge(ws, "fu-a", LAPTOP_A, update(hh, {"size": "5"}, base=1, trunk=1, branch="a"))
    # laptop B's two offline updates: its base 2 is ITS version 2, not the network's
    merge(ws, "fu-b1", LAPTOP_B, update(hh, {"size": "6"}, base=1, trunk=1, branch="b"))
    outcome = merge(ws, "fu-b2", LAPTOP_B, update(hh, {"size": "7"}, base=2, trunk=1, branch="b"))
    assert outcome.conflicted == 1
    assert current(ws, hh).properties["size"] == "5"
    assert len(entities.list_conflicts(ws.db)) == 2


def test_an_update_received_twice_is_applied_once(ws) -> None:
    hh = registered(ws)
    change = update(hh, {"size": "5"}, base=1, trunk=1, branch="b")
    assert merge(ws, "fu-1", LAPTOP_B, change).applied == 1
    again = merge(ws, "fu-1", LAPTOP_B, change)
    assert (again.applied, again.conflicted, again.skipped) == (0, 0, 1)
    assert merge(ws, "fu-2", LAPTOP_A, update(hh, {"size": "8"}, base=2, trunk=2, branch="x"))
    assert merge(ws, "fu-1", LAPTOP_B, change).skipped == 1  # still nothing new
    assert current(ws, hh).version == 3 and entities.list_conflicts(ws.db) == []


def test_a_corrected_interview_replaces_its_own_values(ws) -> None:
    hh = registered(ws)
    merge(ws, "fu-1", LAPTOP_B, update(hh, {"size": "5"}, base=1, trunk=1, branch="b"))
    # returned by the coordinator, corrected and sent again: the same base, new values
    outcome = merge(ws, "fu-1", LAPTOP_B, update(hh, {"size": "6"}, base=1, trunk=1, branch="b"))
    assert outcome.applied == 1
    assert (current(ws, hh).version, current(ws, hh).properties["size"]) == (3, "6")


def test_a_create_of_an_id_another_interview_created_is_an_id_collision(ws) -> None:
    made = create()
    merge(ws, "reg-1", LAPTOP_A, made)
    outcome = merge(ws, "reg-2", LAPTOP_A, made)
    assert outcome.conflicted == 1
    assert [c.kind for c in entities.list_conflicts(ws.db)] == ["id-collision"]
    assert merge(ws, "reg-1", LAPTOP_A, made).skipped == 1  # the same record again


def test_a_create_whose_id_is_not_bound_to_the_sender_is_refused(ws) -> None:
    made = create(device=LAPTOP_A)
    before = snapshot(ws)
    with pytest.raises(EntityError, match="was not made on the laptop that sent it"):
        merge(ws, "reg-1", LAPTOP_B, made)
    assert snapshot(ws) == before


def test_an_update_of_an_unknown_entity_is_refused_with_nothing_kept(ws) -> None:
    hh = registered(ws)
    before = snapshot(ws)
    with pytest.raises(EntityError, match="does not hold the chosen entry"):
        merge(
            ws,
            "fu-1",
            LAPTOP_B,
            update(hh, {"size": "9"}, base=1, trunk=1, branch="b"),  # fine alone
            update("someone-else", {"size": "1"}, base=1, trunk=1, branch="c"),
        )
    assert snapshot(ws) == before


def test_merge_many_refuses_one_interview_and_keeps_the_others(ws) -> None:
    hh = registered(ws)
    items = [
        entities.InterviewActions(
            "fu-1", LAPTOP_B, "Phúc Tân", [update("ghost", {"a": "1"}, base=1, trunk=1, branch="g")]
        ),
        entities.InterviewActions(
            "fu-2", LAPTOP_B, "Phúc Tân", [update(hh, {"size": "2"}, base=1, trunk=1, branch="h")]
        ),
    ]
    with ws.transaction() as db:
        outcome = entities.merge_many(db, items)
    assert list(outcome.refused) == ["fu-1"] and outcome.applied == 1
    assert current(ws, hh).version == 2


def test_resolving_takes_the_chosen_values_as_a_new_version(ws) -> None:
    hh = registered(ws)
    merge(ws, "fu-a", LAPTOP_A, update(hh, {"size": "5"}, base=1, trunk=1, branch="a"))
    merge(
        ws,
        "fu-b",
        LAPTOP_B,
        update(
            hh, {"size": "6", "phone": "0888"}, base=1, trunk=1, branch="b", label="Nguyễn Văn Ân"
        ),
    )
    (conflict,) = entities.list_conflicts(ws.db)
    with ws.transaction() as db:
        version = entities.resolve_conflict(
            db, conflict.id, {"phone": "theirs", "size": "mine", "label": "theirs"}, "Lan"
        )
    assert version == 3
    row = current(ws, hh)
    assert (row.label, row.properties["size"], row.properties["phone"]) == (
        "Nguyễn Văn Ân",
        "5",
        "0888",
    )
    assert entities.list_conflicts(ws.db) == []
    assert entities.list_conflicts(ws.db, status="resolved")[0].resolved_by == "Lan"
    assert entities.history(ws.db, "households", hh)[-1].kind == "resolve"
    with pytest.raises(EntityError, match="already resolved"), ws.transaction() as db:
        entities.resolve_conflict(db, conflict.id, {}, "Lan")
    assert verify_chain(ws) == []


def test_a_resolution_keeping_the_networks_values_makes_no_version(ws) -> None:
    hh = registered(ws)
    merge(ws, "fu-a", LAPTOP_A, update(hh, {"size": "5"}, base=1, trunk=1, branch="a"))
    merge(ws, "fu-b", LAPTOP_B, update(hh, {"size": "6"}, base=1, trunk=1, branch="b"))
    (conflict,) = entities.list_conflicts(ws.db)
    with pytest.raises(EntityError, match="is not a value the laptop's update changed"):
        with ws.transaction() as db:
            entities.resolve_conflict(db, conflict.id, {"phone": "theirs"}, "Lan")
    with ws.transaction() as db:
        assert entities.resolve_conflict(db, conflict.id, {"size": "mine"}, "Lan") is None
    assert current(ws, hh).version == 2


def test_merging_two_entities_keeps_both_histories(ws) -> None:
    keep = create(label="Phạm Văn Hải", hh_id="HH-010", phone="")
    drop = create(label="Pham Van Hai", hh_id="HH-010", phone="0977", device=LAPTOP_B)
    merge(ws, "reg-a", LAPTOP_A, keep)
    merge(ws, "reg-b", LAPTOP_B, drop)
    merge(ws, "fu-b", LAPTOP_B, update(drop.entity_id, {"size": "3"}, base=1, trunk=1, branch="b"))
    with ws.transaction() as db:
        version = entities.merge_entities(db, "households", keep.entity_id, drop.entity_id, "Lan")
    assert version == 2
    kept, dropped = current(ws, keep.entity_id), current(ws, drop.entity_id)
    assert kept.properties == {"hh_id": "HH-010", "phone": "0977", "size": "3"}  # gaps filled
    assert (dropped.deleted, dropped.merged_into) == (True, keep.entity_id)
    assert [
        (v.entity_id == keep.entity_id, v.kind)
        for v in entities.history(ws.db, "households", keep.entity_id)
    ] == [
        (True, "create"),
        (False, "create"),
        (False, "update"),
        (False, "merged"),
        (True, "merge"),
    ]
    assert [r.label for r in entities.list_entities(ws.db, "households", text="hai")] == [
        "Phạm Văn Hải"
    ]
    # a laptop that had not heard of the merge updates the dropped one: a conflict
    late = update(drop.entity_id, {"size": "4"}, base=2, trunk=2, branch="c")
    assert merge(ws, "fu-c", LAPTOP_A, late).conflicted == 1
    (conflict,) = entities.list_conflicts(ws.db)
    assert conflict.kind == "merged"
    with ws.transaction() as db:  # taking it lands on the household kept
        assert entities.resolve_conflict(db, conflict.id, {"size": "theirs"}, "Lan") == 3
    assert current(ws, keep.entity_id).properties["size"] == "4"
    with pytest.raises(EntityError, match="cannot be merged with itself"), ws.transaction() as db:
        entities.merge_entities(db, "households", keep.entity_id, keep.entity_id, "Lan")
    with pytest.raises(EntityError, match="not already merged"), ws.transaction() as db:
        entities.merge_entities(db, "households", keep.entity_id, drop.entity_id, "Lan")
