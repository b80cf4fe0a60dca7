"""Entity lists back to the laptops (store/entity_share.py): the coordinator's changes by
ward or assignment, applied on a laptop that keeps its unacknowledged local updates;
assignments and what became of each visit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldsurvey.errors import EntityError
from fieldsurvey.store import entities, interviews
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
from .test_entity_completion import FOLLOW_UP, install, interview


@pytest.fixture
def coordinator(tmp_path) -> Iterator[Workspace]:
    ws = workspace(tmp_path / "coordinator", role="coordinator", device_id="")
    yield ws
    assert_search_index_matches(ws)


def merged(ws: Workspace, interview_uuid: str, device: str, ward: str, *actions) -> None:  # type: ignore[no-untyped-def]
    with ws.transaction() as db:
        entities.merge_actions(
            db, interview_uuid=interview_uuid, device_id=device, ward=ward, actions=list(actions)
        )


def test_changes_since_gives_a_laptop_its_wards_and_its_assignments(coordinator) -> None:
    here, there = create(label="Ở Phúc Tân"), create(label="Ở Đồng Xuân")
    merged(coordinator, "r1", LAPTOP_A, "Phúc Tân", here)
    merged(coordinator, "r2", LAPTOP_A, "Đồng Xuân", there)
    rows, seq = entities.changes_since(coordinator.db, 0, wards=["Phúc Tân"], device_id=LAPTOP_B)
    assert [r.label for r in rows] == ["Ở Phúc Tân"] and seq == 2
    assert entities.changes_since(coordinator.db, seq, wards=["Phúc Tân"]) == ([], seq)
    with coordinator.transaction() as db:
        assert entities.add_assignment(
            db, "households", there.entity_id, LAPTOP_B, wave="w2", who="Lan"
        )
        assert not entities.add_assignment(
            db, "households", there.entity_id, LAPTOP_B, wave="w2", who="Lan"
        )
    rows, seq2 = entities.changes_since(coordinator.db, seq, wards=["Phúc Tân"], device_id=LAPTOP_B)
    assert [r.label for r in rows] == ["Ở Đồng Xuân"] and seq2 > seq  # the assigned one
    assert (
        entities.changes_since(coordinator.db, seq, wards=["Phúc Tân"], device_id=LAPTOP_A)[0] == []
    )
    with pytest.raises(EntityError), coordinator.transaction() as db:
        entities.add_assignment(db, "households", "nobody", LAPTOP_B, who="Lan")


def test_a_merged_entity_travels_as_deleted(coordinator) -> None:
    keep, drop = create(label="A"), create(label="A bis")
    merged(coordinator, "r1", LAPTOP_A, "Phúc Tân", keep)
    merged(coordinator, "r2", LAPTOP_A, "Phúc Tân", drop)
    _, seq = entities.changes_since(coordinator.db, 0, wards=["Phúc Tân"])
    with coordinator.transaction() as db:
        entities.merge_entities(db, "households", keep.entity_id, drop.entity_id, "Lan")
    rows, _ = entities.changes_since(coordinator.db, seq, wards=["Phúc Tân"])
    assert {(r.entity_id, r.deleted, r.merged_into) for r in rows} == {
        (keep.entity_id, False, None),
        (drop.entity_id, True, keep.entity_id),
    }


def test_a_laptop_applies_received_rows_and_keeps_its_unacknowledged_updates(tmp_path) -> None:
    laptop = workspace(tmp_path / "laptop", device_id=LAPTOP_B)
    install(laptop, FOLLOW_UP)
    one = entities.EntityChange("households", "hh-1", "Nguyễn Văn An", {"size": "4"}, 3, "Phúc Tân")
    two = entities.EntityChange("households", "hh-2", "Trần Thị Bình", {"size": "2"}, 1, "Phúc Tân")
    with laptop.transaction() as db:
        outcome = entities.apply_received(db, [one, two.to_json()])
    assert outcome.replaced == 2
    source = entities.StoreEntitySource(laptop)
    row = source.get("households", "hh-1")
    assert row is not None and (row.version, row.trunk_version, row.branch_id) == (3, 3, None)
    assert [r.label for r in source.search("households", "binh")] == ["Trần Thị Bình"]

    fu = interview(laptop, "fu", {"hh": "hh-1", "size": 5})
    interviews.complete(laptop, fu, who="Hoa")  # local version 4, not yet acknowledged
    newer_one = entities.EntityChange(
        "households", "hh-1", "Nguyễn Văn An", {"size": "6"}, 4, "Phúc Tân"
    )
    newer_two = entities.EntityChange(
        "households", "hh-2", "Trần Thị Bình", {"size": "3"}, 2, "Phúc Tân"
    )
    with laptop.transaction() as db:
        outcome = entities.apply_received(db, [newer_one, newer_two])
    assert (outcome.replaced, outcome.kept_local) == (1, 1)
    row = source.get("households", "hh-1")
    assert row is not None and (row.properties["size"], row.version, row.trunk_version) == (
        "5", 4, 4
    )  # fmt: skip  # its own value stays, the trunk moved
    assert source.get("households", "hh-2").properties["size"] == "3"  # type: ignore[union-attr]

    interviews.acknowledge(laptop, fu, who="coordinator")
    with laptop.transaction() as db:
        assert entities.settle(db) == 1  # the coordinator's row now in place
    row = source.get("households", "hh-1")
    assert row is not None and (row.properties["size"], row.version, row.branch_id) == (
        "6",
        4,
        None,
    )

    gone = entities.EntityChange(
        "households", "hh-2", "Trần Thị Bình", {}, 3, "Phúc Tân", deleted=True, merged_into="hh-1"
    )
    with laptop.transaction() as db:
        entities.apply_received(db, [gone])
    assert source.get("households", "hh-2") is None
    assert source.search("households", "binh") == []
    assert_search_index_matches(laptop)


def test_a_bad_received_row_applies_nothing(tmp_path) -> None:
    laptop = workspace(tmp_path / "laptop")
    before = snapshot(laptop)
    good = entities.EntityChange("households", "hh-1", "A", {}, 1, "Phúc Tân").to_json()
    for bad in ({**good, "version": "1"}, {**good, "label": "x" * 1_001}, {"list": "households"}):
        with pytest.raises(EntityError), laptop.transaction() as db:
            entities.apply_received(db, [good, bad])
        assert snapshot(laptop) == before


def test_drop_outside_keeps_assigned_and_pending_entities(tmp_path) -> None:
    laptop = workspace(tmp_path / "laptop", device_id=LAPTOP_B)
    rows = [
        entities.EntityChange("households", f"hh-{n}", f"H{n}", {}, 1, ward)
        for n, ward in enumerate(["Phúc Tân", "Đồng Xuân", "Đồng Xuân"])
    ]
    with laptop.transaction() as db:
        entities.apply_received(db, rows)
        entities.replace_assignments(
            db,
            LAPTOP_B,
            [entities.Assignment("households", "hh-2", LAPTOP_B, "w2", "2026-12-01", "Lan")],
        )
        assert entities.drop_outside(db, ["Phúc Tân"], LAPTOP_B) == 1
    assert_search_index_matches(laptop)
    assert [r.entity_id for r in entities.StoreEntitySource(laptop).rows("households")] == [
        "hh-0",
        "hh-2",
    ]


def test_visit_status_follows_the_follow_ups(coordinator) -> None:
    households = [create(label=f"Hộ {n}") for n in range(3)]
    for n, made in enumerate(households):
        merged(coordinator, f"r{n}", LAPTOP_A, "Phúc Tân", made)
    with coordinator.transaction() as db:
        for made in households:
            entities.add_assignment(
                db,
                "households",
                made.entity_id,
                LAPTOP_B,
                wave="w2",
                who="Lan",
                at="2026-12-01T00:00:00.000+00:00",
            )
    a, b, _ = (h.entity_id for h in households)
    merged(
        coordinator,
        "fu-a",
        LAPTOP_B,
        "Phúc Tân",
        update(a, {"visit_result": "moved"}, base=1, trunk=1, branch="x"),
    )
    merged(
        coordinator,
        "fu-b",
        LAPTOP_B,
        "Phúc Tân",
        update(b, {"size": "3"}, base=1, trunk=1, branch="y"),
    )
    status = {
        s.assignment.entity_id: (s.status, s.interview_uuid)
        for s in entities.visit_status(coordinator.db, device_id=LAPTOP_B, wave="w2")
    }
    assert status == {
        a: ("moved", "fu-a"),
        b: ("visited", "fu-b"),
        households[2].entity_id: ("pending", None),
    }
    assert len(entities.list_assignments(coordinator.db, device_id=LAPTOP_B)) == 3
