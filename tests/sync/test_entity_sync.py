"""Entities across laptops (issue 16): actions travel in real bundles, the coordinator
checks and merges them, receipts and device packages bring each laptop its share."""

from __future__ import annotations

import hashlib
import secrets
import uuid as uuidlib
from typing import Any

import pyrage
import pytest
from sync_helpers import (
    EMPTY_HEAD,
    KDF,
    LAPTOP_PASSWORD,
    PASSPHRASE,
    World,
    bound_wire,
    dump,
    forge,
    streamed_payload,
)

from fieldsurvey.errors import PackageError, ReceiptError
from fieldsurvey.forms.entity_model import EntityAction, entity_id_for
from fieldsurvey.forms.installed import install_form_file
from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.store import entities, interviews, quarantine, sync_entities
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format, enrolment, entity_sync, keys, payload_stream
from fieldsurvey.sync.bundle_import import FileReport, import_bytes, import_files
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.campaign import campaign_of, now_utc
from fieldsurvey.sync.canonical_json import dumps
from fieldsurvey.sync.devices import device_by_name
from fieldsurvey.sync.purge import purge_acknowledged
from fieldsurvey.sync.receipts import build_receipt, import_receipt

REGISTRATION = """
| survey |
| | type | name | label | save_to |
| | text | hh_name | Household head | hh_name |
| | integer | size | Size | size |
| entities |
| | list_name | label |
| | households | ${hh_name} |
| settings |
| | form_id | version |
| | hh_reg | 1 |
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
| | hh_fu | 1 |
"""
REG = ("hh_reg", "1")
FU = ("hh_fu", "1")
ENTITY_TABLES = ("entities", "entity_versions", "entity_conflicts", "entity_lists")


@pytest.fixture
def ent(world: World) -> World:
    """The world with the registration and follow-up forms published on the coordinator
    and brought to both laptops by a receipt (as a corrected campaign would)."""
    folder = world.root / "forms"
    folder.mkdir()
    for name, md in (("reg", REGISTRATION), ("fu", FOLLOW_UP)):
        install_form_file(world.coord, markdown_to_xlsx(md, folder / f"{name}.xlsx"))
    for lap, name in ((world.lap_a, "laptop-a"), (world.lap_b, "laptop-b")):
        data, _ = build_receipt(world.coord, name)
        assert import_receipt(lap, data).status == "applied"
    return world


def register(lap: Workspace, name: str, size: int, *, ward: str = "phuc_tan") -> str:
    interview = interviews.new_interview(
        lap, form_id=REG[0], form_version=REG[1], ward=ward, household_id=name[:6],
        enumerator="enum",
    )  # fmt: skip
    interviews.set_answer(lap, interview.uuid, "hh_name", name, who="enum")
    interviews.set_answer(lap, interview.uuid, "size", size, who="enum")
    interviews.complete(lap, interview.uuid, who="enum")
    return interview.uuid


def follow_up(lap: Workspace, entity_id: str, size: int) -> str:
    interview = interviews.new_interview(
        lap, form_id=FU[0], form_version=FU[1], ward="phuc_tan", household_id="FU",
        enumerator="enum",
    )  # fmt: skip
    interviews.set_answer(lap, interview.uuid, "hh", entity_id, who="enum")
    interviews.set_answer(lap, interview.uuid, "size", size, who="enum")
    interviews.complete(lap, interview.uuid, who="enum")
    return interview.uuid


def created_id(lap: Workspace, interview_uuid: str) -> str:
    (action,) = entities.actions_of(lap, interview_uuid)
    assert action.verb == "create"
    return action.entity_id


def ship(world: World, lap: Workspace) -> FileReport:
    result = export_bundle(lap, world.out())
    assert result.path is not None
    report = import_files(world.coord, [result.path]).files[0]
    assert report.status == "accepted", report
    result.path.unlink()
    return report


def receive(world: World, lap: Workspace, name: str) -> Any:
    data, _ = build_receipt(world.coord, name)
    return import_receipt(lap, data)


def held(ws: Workspace, entity_id: str) -> tuple[str, dict[str, str], int] | None:
    row = entities.StoreEntitySource(ws).get("households", entity_id)
    return None if row is None else (row.label, row.properties, row.version)


def entity_tables(ws: Workspace) -> dict[str, Any]:
    everything = dump(ws)
    return {t: everything[t] for t in ENTITY_TABLES}


# --- the round trip -----------------------------------------------------------------------
def test_households_registered_on_two_laptops_are_revisited_and_a_parallel_update_conflicts(
    ent: World,
) -> None:
    world = ent
    an_uuid = register(world.lap_a, "Nguyễn Văn An", 4)
    binh_uuid = register(world.lap_b, "Trần Thị Bình", 3)
    an, binh = created_id(world.lap_a, an_uuid), created_id(world.lap_b, binh_uuid)
    assert held(world.lap_a, an) == ("Nguyễn Văn An", {"hh_name": "Nguyễn Văn An", "size": "4"}, 1)
    assert held(world.lap_a, binh) is None  # not yet: B has not sent it

    ship(world, world.lap_a)
    ship(world, world.lap_b)
    assert held(world.coord, an) == ("Nguyễn Văn An", {"hh_name": "Nguyễn Văn An", "size": "4"}, 1)
    assert held(world.coord, binh) is not None

    # the receipts bring each laptop the other's household
    report_a = receive(world, world.lap_a, "laptop-a")
    report_b = receive(world, world.lap_b, "laptop-b")
    assert report_a.entities >= 1 and report_b.entities >= 1
    assert held(world.lap_b, an) == ("Nguyễn Văn An", {"hh_name": "Nguyễn Văn An", "size": "4"}, 1)
    assert held(world.lap_a, binh) is not None

    # B revisits An's household; A, offline, updates it too (from the same version 1)
    b_visit = follow_up(world.lap_b, an, 5)
    a_visit = follow_up(world.lap_a, an, 6)
    assert held(world.lap_b, an)[1]["size"] == "5"  # type: ignore[index]
    ship(world, world.lap_b)
    assert held(world.coord, an)[1:] == ({"hh_name": "Nguyễn Văn An", "size": "5"}, 2)  # type: ignore[index]
    before = entity_tables(world.coord)
    ship(world, world.lap_a)
    # A's update was made from version 1, the coordinator is at 2: a conflict, values kept
    assert held(world.coord, an)[1:] == ({"hh_name": "Nguyễn Văn An", "size": "5"}, 2)  # type: ignore[index]
    assert entity_tables(world.coord)["entities"] == before["entities"]
    with world.coord.reading() as db:
        (conflict,) = entities.list_conflicts(db)
    assert (conflict.entity_id, conflict.interview_uuid) == (an, a_visit)
    assert conflict.incoming.properties["size"] == "6"
    assert b_visit != a_visit

    # the coordinator takes A's size; the resolution reaches both laptops by receipts
    with world.coord.transaction() as db:
        version = entities.resolve_conflict(db, conflict.id, {"size": "theirs"}, "coord")
    assert version == 3
    for lap, name in ((world.lap_a, "laptop-a"), (world.lap_b, "laptop-b")):
        receive(world, lap, name)
        assert held(lap, an) == ("Nguyễn Văn An", {"hh_name": "Nguyễn Văn An", "size": "6"}, 3)


def test_a_chain_of_offline_updates_merges_without_a_conflict(ent: World) -> None:
    """A laptop visits a household twice before it meets the coordinator: the second
    update is made from the first (the same branch), so both apply in order."""
    world = ent
    an = created_id(world.lap_a, register(world.lap_a, "Nguyễn Văn An", 4))
    ship(world, world.lap_a)
    receive(world, world.lap_a, "laptop-a")
    follow_up(world.lap_a, an, 5)
    follow_up(world.lap_a, an, 6)
    assert held(world.lap_a, an)[1:] == ({"hh_name": "Nguyễn Văn An", "size": "6"}, 3)  # type: ignore[index]
    report = ship(world, world.lap_a)
    assert report.merge is not None and len(report.merge.new) == 2
    assert held(world.coord, an)[1:] == ({"hh_name": "Nguyễn Văn An", "size": "6"}, 3)  # type: ignore[index]
    with world.coord.reading() as db:
        assert entities.list_conflicts(db) == []
    # the receipt that acknowledges both brings the coordinator's version 3 back
    receive(world, world.lap_a, "laptop-a")
    row = entities.StoreEntitySource(world.lap_a).get("households", an)
    assert row is not None and (row.version, row.trunk_version, row.branch_id) == (3, 3, None)


def test_a_registration_returned_and_corrected_corrects_its_household(ent: World) -> None:
    world = ent
    reg = register(world.lap_a, "Nguyễn Văn An", 4)
    an = created_id(world.lap_a, reg)
    ship(world, world.lap_a)
    interviews.return_for_correction(world.coord, reg, "size?", who="coord")
    assert receive(world, world.lap_a, "laptop-a").returned == [reg]
    interviews.set_answer(world.lap_a, reg, "size", 5, who="enum")
    interviews.complete(world.lap_a, reg, who="enum")
    assert created_id(world.lap_a, reg) == an  # the same household, not a second one
    report = ship(world, world.lap_a)
    assert report.merge is not None and report.merge.updated == [reg]
    assert held(world.coord, an) == ("Nguyễn Văn An", {"hh_name": "Nguyễn Văn An", "size": "5"}, 2)
    with world.coord.reading() as db:
        assert entities.list_conflicts(db) == []


def test_bundles_carry_actions_and_the_reached_change_number_only_changes_travel(
    ent: World,
) -> None:
    world = ent
    an = created_id(world.lap_a, register(world.lap_a, "Nguyễn Văn An", 4))
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    payload = _decrypted(world, result.path.read_bytes())
    (record,) = payload.interviews
    (action,) = [EntityAction.from_json(a) for a in record.entities]
    assert (action.verb, action.entity_id, action.label) == ("create", an, "Nguyễn Văn An")
    assert action.entity_id == entity_id_for(world.a.device_id, action.nonce or "")
    assert import_files(world.coord, [result.path]).files[0].status == "accepted"

    first = receive(world, world.lap_a, "laptop-a")
    assert first.entities == 1
    reached = entity_sync.reached_seq(world.lap_a)
    assert reached >= 1
    # the next bundle tells the coordinator; its next receipt carries nothing old
    register(world.lap_a, "Lê Văn Cường", 2)
    ship(world, world.lap_a)
    with world.coord.reading() as db:
        assert sync_entities.reported_seq(db, world.a.device_id) == reached
    _, payload2 = build_receipt(world.coord, "laptop-a")
    assert payload2.entity_share is not None
    listed = [row["label"] for row in payload2.entity_share.entities]
    assert listed == ["Lê Văn Cường"]  # An's household did not change: not sent again


def test_without_entity_lists_bundles_and_receipts_keep_their_earlier_shape(world: World) -> None:
    from sync_helpers import completed

    completed(world.lap_a, 1)
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    plain = _plaintext(world, result.path.read_bytes())
    assert b'"entities"' not in plain and b'"entity_seq"' not in plain
    assert import_files(world.coord, [result.path]).files[0].status == "accepted"
    _, payload = build_receipt(world.coord, "laptop-a")
    assert payload.entity_share is None


def test_assignments_travel_to_their_laptop_only(ent: World) -> None:
    world = ent
    an = created_id(world.lap_a, register(world.lap_a, "Nguyễn Văn An", 4))
    ship(world, world.lap_a)
    with world.coord.transaction() as db:
        entities.add_assignment(db, "households", an, world.b.device_id, wave="2027-03",
                                who="coord")  # fmt: skip
    assert receive(world, world.lap_b, "laptop-b").assignments == 1
    assert receive(world, world.lap_a, "laptop-a").assignments == 0
    with world.lap_b.reading() as db:
        (assigned,) = entities.list_assignments(db, device_id=world.b.device_id)
    assert (assigned.entity_id, assigned.wave) == (an, "2027-03")
    assert held(world.lap_b, an) is not None
    with world.lap_a.reading() as db:
        assert entities.list_assignments(db) == []


def test_a_record_that_waited_for_its_form_merges_its_entities_when_released(
    world: World,
) -> None:
    """The quarantine keeps a record's actions: once its form is published, the
    recheck merges the record and creates its household."""
    from fieldsurvey.sync.quarantine_actions import recheck

    action = _create(world.a.device_id, "An", 4)
    record = _registration(world, "An", 4, [action])
    report = _send(world, [record])
    assert _quarantined_code(world, report, record["uuid"]) == "sync.quarantine.form_not_installed"
    assert held(world.coord, action["id"]) is None
    folder = world.root / "forms"
    folder.mkdir()
    install_form_file(world.coord, markdown_to_xlsx(REGISTRATION, folder / "reg.xlsx"))
    assert recheck(world.coord).merged == [record["uuid"]]
    assert held(world.coord, action["id"]) == ("An", {"hh_name": "An", "size": "4"}, 1)


# --- bad input: quarantined, the coordinator's entity tables unchanged --------------------
def _send(world: World, records: list[dict[str, Any]], sequence: int = 1) -> FileReport:
    bundle = f"00000000-0000-4000-8000-{sequence:012d}"
    payload = streamed_payload(world.a, records, sequence=sequence, bundle=bundle)
    data = forge(world.a, payload=payload, sequence=sequence, bundle=bundle, **EMPTY_HEAD)
    report = import_bytes(world.coord, data, f"{sequence}.fsb")
    assert report.status == "accepted" and report.merge is not None, report
    return report


def _create(device_id: str, name: str, size: int, nonce: str | None = None) -> dict[str, Any]:
    nonce = nonce or secrets.token_hex(16)
    return EntityAction(
        "households", entity_id_for(device_id, nonce), "create", name,
        {"hh_name": name, "size": str(size)}, nonce=nonce,
    ).to_json()  # fmt: skip


def _registration(world: World, name: str, size: int, actions: list[dict[str, Any]]) -> dict:
    return bound_wire(
        world.a, {"hh_name": name, "size": size}, form_id=REG[0], form_version=REG[1],
        entities=actions,
    )  # fmt: skip


def _quarantined_code(world: World, report: FileReport, uuid: str) -> str:
    assert report.merge is not None
    assert [q.uuid for q in report.merge.quarantined] == [uuid]
    assert uuid not in report.merge.new
    record = quarantine.get(world.coord, uuid)
    assert record is not None
    return record.code


def test_an_update_of_an_entity_the_laptop_never_had_is_quarantined(ent: World) -> None:
    world = ent
    before = entity_tables(world.coord)
    forged_id = str(uuidlib.uuid4())
    branch = str(uuidlib.uuid4())
    action = EntityAction("households", forged_id, "update", None, {"size": "9"},
                          base_version=1, trunk_version=1, branch_id=branch)  # fmt: skip
    record = bound_wire(world.a, {"hh": forged_id, "size": 9}, form_id=FU[0], form_version=FU[1],
                        entities=[action.to_json()])  # fmt: skip
    report = _send(world, [record])
    assert _quarantined_code(world, report, record["uuid"]) == "entity.quarantine.unknown_entity"
    assert entity_tables(world.coord) == before
    reason = report.merge.quarantined[0]  # type: ignore[union-attr]
    assert "does not hold" in reason.reason_text("en")
    assert "không có" in reason.reason_text("vi")


def test_a_create_under_another_laptops_id_or_an_id_already_taken_is_quarantined(
    ent: World,
) -> None:
    world = ent
    nonce = secrets.token_hex(16)
    first = _registration(world, "An", 4, [_create(world.a.device_id, "An", 4, nonce)])
    assert _send(world, [first], 1).merge.new == [first["uuid"]]  # type: ignore[union-attr]
    before = entity_tables(world.coord)

    # the same nonce again from another interview: the same id, already taken
    again = _registration(world, "An", 4, [_create(world.a.device_id, "An", 4, nonce)])
    report = _send(world, [again], 2)
    assert _quarantined_code(world, report, again["uuid"]) == "entity.quarantine.id_collision"
    # an id derived from laptop B's id: not A's to create
    stolen = _registration(world, "Bình", 3, [_create(world.b.device_id, "Bình", 3)])
    report = _send(world, [stolen], 3)
    assert _quarantined_code(world, report, stolen["uuid"]) == "entity.quarantine.not_bound"
    assert entity_tables(world.coord) == before


def test_values_the_answers_do_not_give_are_quarantined(ent: World) -> None:
    world = ent
    before = entity_tables(world.coord)
    lying = _registration(world, "An", 4, [_create(world.a.device_id, "An", 40)])
    report = _send(world, [lying])
    assert _quarantined_code(world, report, lying["uuid"]) == "entity.action_mismatch"
    reason = report.merge.quarantined[0].reason_text("en")  # type: ignore[union-attr]
    assert "households" in reason and "not what the form gives" in reason
    assert entity_tables(world.coord) == before


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ("many", "entity.quarantine.too_many_actions"),
        ("label", "entity.quarantine.label_too_long"),
        ("properties", "entity.quarantine.too_many_properties"),
        ("value", "entity.quarantine.value_too_long"),
        ("list", "entity.quarantine.bad_list_name"),
        ("twice", "entity.quarantine.twice"),
        ("shape", "entity.quarantine.malformed"),
    ],
)
def test_actions_over_the_limits_are_quarantined(ent: World, change: str, code: str) -> None:
    world = ent
    good = _create(world.a.device_id, "An", 4)
    actions: list[dict[str, Any]] = [good]
    if change == "many":
        actions = [_create(world.a.device_id, "An", 4) for _ in range(entity_sync_limit() + 1)]
    elif change == "label":
        actions = [{**good, "label": "A" * 1001}]
    elif change == "properties":
        actions = [{**good, "properties": {f"p{i}": "x" for i in range(201)}}]
    elif change == "value":
        actions = [{**good, "properties": {"hh_name": "x" * 4001, "size": "4"}}]
    elif change == "list":
        actions = [{**good, "list": "../households"}]
    elif change == "twice":
        actions = [good, good]
    elif change == "shape":
        actions = [{**good, "verb": "delete"}]
    before = entity_tables(world.coord)
    record = _registration(world, "An", 4, actions)
    report = _send(world, [record])
    assert _quarantined_code(world, report, record["uuid"]) == code
    assert entity_tables(world.coord) == before


def entity_sync_limit() -> int:
    from fieldsurvey.store.entity_tables import MAX_ACTIONS

    return MAX_ACTIONS


# --- receipts and packages: a bad share is refused whole ------------------------------------
def _signed_receipt(world: World, device: str, share: dict[str, Any]) -> bytes:
    """A receipt the coordinator signed, carrying ``share`` as it is (a coordinator bug
    or a damaged store: the laptop must still refuse what breaks the limits)."""
    campaign = campaign_of(world.coord)
    config = world.a if device == "laptop-a" else world.b
    receipt = str(uuidlib.uuid4())
    body = {
        "format": 1, "kind": "receipt-payload", "campaign": campaign.campaign_id,
        "device": config.device_id, "receipt": receipt, "acknowledged": [], "returned": [],
        "forms": [], "entity_share": share,
    }  # fmt: skip
    recipient = keys.age_recipient(device_by_name(world.coord, device).age_recipient)
    encrypted = bytes(pyrage.encrypt(dumps(body), [recipient]))
    header = dumps({
        "format": 1, "kind": "receipt", "campaign": campaign.campaign_id,
        "device": config.device_id, "receipt": receipt, "created": now_utc(),
        "payload_length": len(encrypted),
        "payload_sha256": hashlib.sha256(encrypted).hexdigest(),
    })  # fmt: skip
    signature = keys.sign(campaign.signing_key, keys.DOMAIN_RECEIPT_HEADER, header)
    return bundle_format.pack(bundle_format.RECEIPT_MAGIC, header, signature, encrypted)


def _row(n: int, **change: Any) -> dict[str, Any]:
    return {"list": "households", "id": str(uuidlib.UUID(int=n + 1)), "label": f"HH {n}",
            "properties": {"size": str(n)}, "version": 1, "ward": "phuc_tan", **change}  # fmt: skip


def test_a_receipt_with_a_bad_or_too_large_list_is_refused_with_nothing_applied(
    ent: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = ent
    before = dump(world.lap_a)
    bad_rows = [
        [_row(1), _row(2, label="x" * 1001)],
        [_row(1), _row(2, properties={f"p{i}": "1" for i in range(201)})],
        [_row(1, list="bad list")],
        [_row(1, version=0)],
    ]
    for rows in bad_rows:
        share = {"since": 0, "seq": 5, "wards": [], "entities": rows, "assignments": []}
        data = _signed_receipt(world, "laptop-a", share)
        with pytest.raises(ReceiptError, match="Nothing of the receipt was applied"):
            import_receipt(world.lap_a, data)
    monkeypatch.setattr(entity_sync, "MAX_ENTITIES_PER_LIST", 3)
    data = _signed_receipt(world, "laptop-a", {"since": 0, "seq": 5, "wards": [],
                                               "entities": [_row(n) for n in range(4)],
                                               "assignments": []})  # fmt: skip
    with pytest.raises(ReceiptError, match="4 entries of list households"):
        import_receipt(world.lap_a, data)
    assert dump(world.lap_a) == before


def test_an_older_receipt_applied_late_does_not_bring_older_values_back(ent: World) -> None:
    world = ent
    an = created_id(world.lap_b, register(world.lap_b, "An", 4))
    ship(world, world.lap_b)
    old, _ = build_receipt(world.coord, "laptop-a")
    follow_up(world.lap_b, an, 7)
    ship(world, world.lap_b)
    new, _ = build_receipt(world.coord, "laptop-a")
    import_receipt(world.lap_a, new)
    assert held(world.lap_a, an)[1]["size"] == "7"  # type: ignore[index]
    import_receipt(world.lap_a, old)
    assert held(world.lap_a, an)[1]["size"] == "7"  # type: ignore[index]


def test_a_new_laptop_gets_its_share_in_its_device_package(ent: World) -> None:
    world = ent
    an = created_id(world.lap_a, register(world.lap_a, "Nguyễn Văn An", 4))
    ship(world, world.lap_a)
    data, _ = enrolment.issue_device(world.coord, "laptop-c", PASSPHRASE)
    (world.root / "c.pkg").write_bytes(data)
    package = enrolment.read_package(world.root / "c.pkg", PASSPHRASE)
    lap_c = enrolment.setup_device(world.root / "lap_c", package, LAPTOP_PASSWORD, kdf=KDF)
    try:
        assert held(lap_c, an) == ("Nguyễn Văn An", {"hh_name": "Nguyễn Văn An", "size": "4"}, 1)
        assert entity_sync.reached_seq(lap_c) >= 1
        # its first receipt does not carry again what the package brought
        _, payload = build_receipt(world.coord, "laptop-c")
        assert payload.entity_share is not None and payload.entity_share.entities == []
    finally:
        lap_c.close()


def test_a_laptop_holds_only_its_wards_share_and_what_is_assigned_to_it(ent: World) -> None:
    """A laptop given one ward gets that ward's households (in its package and its
    receipts), not the network's, plus the households assigned to it; moving it to
    another ward brings that ward's share and its purge drops the old one's."""
    from fieldsurvey.sync.devices import set_wards

    world = ent
    an = created_id(world.lap_a, register(world.lap_a, "Nguyễn Văn An", 4))
    xa = created_id(world.lap_a, register(world.lap_a, "Đỗ Văn Xa", 2, ward="chuong_duong"))
    ba = created_id(world.lap_a, register(world.lap_a, "Lê Thị Ba", 3, ward="chuong_duong"))
    ship(world, world.lap_a)
    campaign_wards = campaign_of(world.coord).wards
    data, device = enrolment.issue_device(world.coord, "laptop-c", PASSPHRASE, wards=["phuc_tan"])
    (world.root / "c.pkg").write_bytes(data)
    package = enrolment.read_package(world.root / "c.pkg", PASSPHRASE)
    assert package.wards == ["phuc_tan"]
    lap_c = enrolment.setup_device(world.root / "lap_c", package, LAPTOP_PASSWORD, kdf=KDF)
    try:
        assert held(lap_c, an) is not None
        assert held(lap_c, xa) is None  # another ward's household stays at the coordinator
        with world.coord.transaction() as db:
            entities.add_assignment(db, "households", xa, device.device_id, wave="2027-03",
                                    who="coord")  # fmt: skip
        receive(world, lap_c, "laptop-c")
        assert held(lap_c, xa) is not None  # assigned to it: travels whatever its ward
        # moved to Chương Dương only
        set_wards(world.coord, "laptop-c", ["chuong_duong"], campaign_wards)
        with world.coord.transaction() as db:
            entities.replace_assignments(db, device.device_id, [])
        receive(world, lap_c, "laptop-c")
        purge_acknowledged(lap_c)
        assert held(lap_c, xa) is not None
        assert held(lap_c, ba) is not None  # the new ward's households, unchanged since
        assert held(lap_c, an) is None
    finally:
        lap_c.close()


def test_receipt_import_on_the_command_line_says_what_the_lists_brought(ent: World) -> None:
    from click.testing import CliRunner

    from fieldsurvey.cli import cli

    world = ent
    an = created_id(world.lap_a, register(world.lap_a, "Nguyễn Văn An", 4))
    ship(world, world.lap_a)
    with world.coord.transaction() as db:
        entities.add_assignment(db, "households", an, world.b.device_id, wave="2", who="coord")
    data, _ = build_receipt(world.coord, "laptop-b")
    (world.root / "b.receipt").write_bytes(data)
    world.lap_b.close()
    result = CliRunner().invoke(
        cli,
        ["--home", str(world.root / "lap_b"), "--lang", "en", "receipt", "import",
         str(world.root / "b.receipt")],
        env={"FIELDSURVEY_PASSWORD": LAPTOP_PASSWORD},
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "entries received or changed: 1; removed: 0; households to visit: 1." in result.output
    world.lap_b = Workspace.open(world.root / "lap_b", LAPTOP_PASSWORD)


def test_a_ward_the_campaign_does_not_have_is_refused_and_nothing_registered(
    ent: World,
) -> None:
    from fieldsurvey.errors import SyncError
    from fieldsurvey.sync.devices import list_devices, set_wards

    world = ent
    before = [d.name for d in list_devices(world.coord)]
    with pytest.raises(SyncError, match="no ward hang_bac"):
        enrolment.issue_device(world.coord, "laptop-c", PASSPHRASE, wards=["hang_bac"])
    assert [d.name for d in list_devices(world.coord)] == before
    with pytest.raises(SyncError, match="no ward hang_bac"):
        set_wards(world.coord, "laptop-a", ["hang_bac"], campaign_of(world.coord).wards)


def test_a_package_with_a_bad_entity_row_is_refused(ent: World) -> None:
    from fieldsurvey.sync.device_package import open_sealed, seal

    data, _ = enrolment.issue_device(ent.coord, "laptop-d", PASSPHRASE)
    package = open_sealed(data, PASSPHRASE)
    bad = package.model_copy(update={"entity_share": entity_sync.EntityShare(
        since=0, seq=1, entities=[_row(1, label="x" * 1001)])})  # fmt: skip
    sealed = seal(bad, campaign_of(ent.coord).signing_key, PASSPHRASE)
    with pytest.raises(PackageError, match="entry 1"):
        open_sealed(sealed, PASSPHRASE)


# --- purge -----------------------------------------------------------------------------------
def test_purge_keeps_the_entities_of_acknowledged_interviews_and_drops_other_wards(
    ent: World,
) -> None:
    world = ent
    an = created_id(world.lap_a, register(world.lap_a, "Nguyễn Văn An", 4))
    far = created_id(world.lap_b, register(world.lap_b, "Đỗ Văn Xa", 2, ward="chuong_duong"))
    ship(world, world.lap_a)
    ship(world, world.lap_b)
    receive(world, world.lap_a, "laptop-a")
    assert held(world.lap_a, far) is not None
    # the laptop no longer works in Chương Dương
    world.lap_a.set_setting(entity_sync.WARDS_SETTING, ["phuc_tan"])
    changes = purge_acknowledged(world.lap_a)
    assert changes.interviews  # An's registration was purged...
    assert held(world.lap_a, an) == ("Nguyễn Văn An", {"hh_name": "Nguyễn Văn An", "size": "4"}, 1)
    assert held(world.lap_a, far) is None  # ...and the other ward's household dropped
    # the purged interview keeps no copy of its answers in its entity actions either
    purged = [u for u in changes.interviews if entities.actions_of(world.lap_a, u)]
    assert purged == []


# --- helpers -------------------------------------------------------------------------------
def _plaintext(world: World, data: bytes) -> bytes:
    container = bundle_format.split(data, bundle_format.BUNDLE_MAGIC)
    identity = keys.age_identity(world.keys.age_identity)
    return bytes(pyrage.decrypt(bytes(container.payload), [identity]))


def _decrypted(world: World, data: bytes) -> Any:
    from fieldsurvey.sync.bundle_checks import parse_header

    container = bundle_format.split(data, bundle_format.BUNDLE_MAGIC)
    header = parse_header(container)
    identity = keys.age_identity(world.keys.age_identity)
    return payload_stream.read_whole(header, container.payload, [identity])
