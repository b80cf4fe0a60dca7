"""Entity lists on a laptop (store/entities.py): what completing an interview does to them
at once, what the engine and the picker read back (search ignoring diacritics), and the
limits, refused with the store unchanged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldsurvey.errors import EntityError
from fieldsurvey.store import entities, entity_tables
from fieldsurvey.store.workspace import Workspace

from .entity_store_helpers import assert_search_index_matches, create, snapshot, update, workspace


@pytest.fixture
def ws(tmp_path) -> Iterator[Workspace]:
    laptop = workspace(tmp_path / "ws")
    yield laptop
    assert_search_index_matches(laptop)  # after every change, refused ones too


def test_a_create_is_version_1_and_an_update_makes_version_2_on_its_branch(ws) -> None:
    made = create(hh_id="HH-007", phone="0912", size="4")
    with ws.transaction() as db:
        assert entities.apply_local(db, "iv-1", [made], device_id="laptop-a", who="Hoa") == [
            ("households", made.entity_id, 1)
        ]
    source = entities.StoreEntitySource(ws)
    row = source.get("households", made.entity_id)
    assert row is not None
    assert (row.version, row.trunk_version, row.branch_id) == (1, None, None)
    changed = update(made.entity_id, {"size": "5"}, base=1, trunk=None, branch="br-1")
    with ws.transaction() as db:
        entities.apply_local(db, "iv-2", [changed], device_id="laptop-a", who="Hoa")
    row = source.get("households", made.entity_id)
    assert row is not None
    assert (row.version, row.trunk_version, row.branch_id) == (2, None, "br-1")
    # the update replaced the property it saved and kept the others and the label
    assert row.properties == {"hh_id": "HH-007", "phone": "0912", "size": "5"}
    assert row.label == "Nguyễn Văn An"
    assert [
        (v.version, v.kind, v.interview_uuid)
        for v in entities.history(ws.db, "households", made.entity_id)
    ] == [(1, "create", "iv-1"), (2, "update", "iv-2")]
    assert entities.actions_of(ws.db, "iv-2") == []  # no interview row: nothing stored
    assert source.count("households") == 1 and source.has_list("households")
    assert not source.has_list("people")


def test_search_ignores_case_and_diacritics_and_reads_d_as_d(ws) -> None:
    people = [
        create(label="Nguyễn Văn An", hh_id="HH-001", phone="0912345678"),
        create(label="Đặng Thị Hoa", hh_id="HH-002", phone="0987000111"),
        create(label="Trần Đức Minh", hh_id="HH-003", phone="0912999000"),
        create("people", label="Nguyễn Thị Lan"),
    ]
    with ws.transaction() as db:
        entities.apply_local(db, "iv-1", people)
    source = entities.StoreEntitySource(ws)

    def labels(text: str) -> list[str]:
        return [r.label for r in source.search("households", text)]

    assert labels("nguyen") == ["Nguyễn Văn An"]  # not the person of the other list
    assert labels("dang") == ["Đặng Thị Hoa"]
    assert labels("ĐẶNG") == ["Đặng Thị Hoa"]
    assert labels("duc") == ["Trần Đức Minh"]
    assert labels("ngu v") == ["Nguyễn Văn An"]  # each word typed starts a word
    assert labels("hh-002") == ["Đặng Thị Hoa"]  # household id
    assert labels("0912") == ["Nguyễn Văn An", "Trần Đức Minh"]  # phone, by label
    assert labels("nguyen hoa") == []
    assert len(labels("")) == 3  # nothing typed: the list's first ones
    assert [r.label for r in source.search("people", "nguyen thi")] == ["Nguyễn Thị Lan"]
    assert [r.label for r in source.rows("households")] == [
        "Nguyễn Văn An",
        "Trần Đức Minh",
        "Đặng Thị Hoa",
    ]


def test_search_follows_updates(ws) -> None:
    made = create(label="Lê Văn Tám")
    with ws.transaction() as db:
        entities.apply_local(db, "iv-1", [made])
        renamed = update(made.entity_id, {}, base=1, trunk=None, branch="b", label="Lê Thị Bảy")
        entities.apply_local(db, "iv-2", [renamed])
    source = entities.StoreEntitySource(ws)
    assert source.search("households", "tam") == []
    assert [r.label for r in source.search("households", "bay")] == ["Lê Thị Bảy"]


def test_an_update_of_an_entity_the_laptop_does_not_hold_is_refused(ws) -> None:
    before = snapshot(ws)
    with pytest.raises(EntityError, match="does not hold the chosen entry"), ws.transaction() as db:
        entities.apply_local(
            db, "iv-1", [update("nobody", {"a": "1"}, base=1, trunk=1, branch="b")]
        )
    assert snapshot(ws) == before


def test_a_create_of_an_id_another_interview_created_is_refused(ws) -> None:
    made = create()
    with ws.transaction() as db:
        entities.apply_local(db, "iv-1", [made])
    before = snapshot(ws)
    with pytest.raises(EntityError, match="another interview already created"):
        with ws.transaction() as db:
            entities.apply_local(db, "iv-2", [made])
    assert snapshot(ws) == before


@pytest.mark.parametrize(
    ("actions", "message"),
    [
        ([create()] * 100, "acts on 101 entries of entity lists, more than the limit of 100"),
        ([create(phone="9" * 4_001)], "property phone is longer than 4000 characters"),
        ([create(label="x" * 1_001)], "label is longer than 1000 characters"),
        ([create("bad list!")], "list name bad list! is not allowed"),
        ([create(**{f"p{i}": "1" for i in range(201)})], "201 properties"),
        ([create(label="A", name="x")], "property name name is not allowed"),
    ],
)
def test_limits_are_refused_with_the_store_unchanged(ws, actions, message) -> None:
    with ws.transaction() as db:
        entities.apply_local(db, "iv-0", [create(label="Giữ nguyên")])
    before = snapshot(ws)
    with pytest.raises(EntityError, match=message), ws.transaction() as db:
        entities.apply_local(db, "iv-1", [create(label="Một"), *actions])
    assert snapshot(ws) == before


def test_a_full_list_is_refused_with_the_store_unchanged(ws, monkeypatch) -> None:
    monkeypatch.setattr(entity_tables, "MAX_ENTITIES_PER_LIST", 2)
    with ws.transaction() as db:
        entities.apply_local(db, "iv-1", [create(), create()])
    before = snapshot(ws)
    with pytest.raises(EntityError, match="more than 2 entries"), ws.transaction() as db:
        entities.apply_local(db, "iv-2", [create()])
    assert snapshot(ws) == before


def test_error_messages_hold_no_values(ws) -> None:
    secret = "Số nhà 12 ngõ 34"
    with pytest.raises(EntityError) as caught, ws.transaction() as db:
        entities.apply_local(db, "iv-1", [create(label=secret * 100)])
    assert secret not in str(caught.value) and secret not in caught.value.text("vi")
