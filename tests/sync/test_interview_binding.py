"""Issue 12, item 5: an interview's uuid is bound to the laptop that made it, so no
bundle can claim another laptop's interview, not even one that has not been sent yet."""

from __future__ import annotations

import json
import uuid as uuidlib
from typing import Any

from sync_helpers import World, completed, dump, encrypted_payload, forge, wire

from fieldsurvey.store import interviews
from fieldsurvey.store.interview_binding import derive_uuid
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_import import FileReport, import_bytes, import_files
from fieldsurvey.sync.bundle_writer import export_bundle

# What receiving a bundle records whatever it carries: the bundle, and the sending
# device's audit chain (its head, and its links; a refused record's without values).
BUNDLE_BOOKKEEPING = {"sync_bundles", "sync_audit", "sync_audit_heads"}


def nonce_of(ws: Workspace, uuid: str) -> str:
    row = ws.db.execute("SELECT nonce FROM interviews WHERE uuid = ?", [uuid]).fetchone()
    return str(row[0])


def genuine(world: World, uuid: str) -> dict[str, Any]:
    """Laptop A's interview ``uuid`` as its own bundle carries it."""
    record = interviews.get_interview(world.lap_a, uuid)
    return wire(world.a, uuid, record.revision, record.answers, nonce=nonce_of(world.lap_a, uuid))


def send(
    world: World, config_name: str, records: list[dict[str, Any]], sequence: int
) -> FileReport:
    config = world.a if config_name == "a" else world.b
    payload = encrypted_payload(config, records, sequence=sequence)
    bundle = f"00000000-0000-4000-8000-{sequence:012d}"
    data = forge(config, payload=payload, sequence=sequence, bundle=bundle)
    report = import_bytes(world.coord, data, f"{config_name}-{sequence}.fsb")
    assert report.status == "accepted" and report.merge is not None, report
    return report


def values_kept(ws: Workspace, uuid: str) -> int:
    """How many received audit entries of ``uuid`` the coordinator keeps with values."""
    kept = 0
    for (entries,) in ws.db.execute("SELECT entries FROM sync_audit").fetchall():
        for entry in json.loads(entries):
            if entry["interview_uuid"] == uuid and entry["new_value"] is not None:
                kept += 1
    return kept


def changed_tables(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def reasons(report: FileReport, lang: str = "en") -> dict[str, str]:
    assert report.merge is not None
    return {r.uuid: r.reason_text(lang) for r in report.merge.rejected}


def test_a_laptop_interview_uuid_derives_from_its_device(world: World) -> None:
    [uuid] = completed(world.lap_a, 1)
    nonce = nonce_of(world.lap_a, uuid)
    assert len(nonce) == 32 and int(nonce, 16) >= 0  # 128 random bits, as hex
    assert uuid == derive_uuid(world.a.device_id, nonce)
    assert uuid != derive_uuid(world.b.device_id, nonce)
    [other] = completed(world.lap_a, 1)
    assert nonce_of(world.lap_a, other) != nonce


def test_a_workspace_without_device_keeps_random_uuids(world: World) -> None:
    made = interviews.new_interview(
        world.coord, form_id="household", form_version="1", ward="phuc_tan",
        household_id="HH-c", enumerator="coordinator",
    )  # fmt: skip
    assert uuidlib.UUID(made.uuid).version == 4
    assert nonce_of(world.coord, made.uuid) == ""


def test_another_laptop_cannot_claim_an_unsent_interview(world: World) -> None:
    """Laptop B learns the uuid (and even the nonce) of A's interview before A sends
    it, and sends a record of its own under that uuid: refused, nothing of it kept;
    A's genuine record merges afterwards."""
    [uuid] = completed(world.lap_a, 1, **{"respondent/resp_sex": "female"})
    claim = wire(
        world.b, uuid, 1, {"respondent": {"resp_age": 99}}, nonce=nonce_of(world.lap_a, uuid)
    )
    before = dump(world.coord)
    report = send(world, "b", [claim], sequence=1)
    assert report.merge is not None and report.merge.new == []
    assert reasons(report) == {uuid: "its id was not made on the device that sent it"}
    assert reasons(report, "vi") == {uuid: "mã phiếu không được tạo trên máy đã gửi gói dữ liệu"}
    assert changed_tables(before, dump(world.coord)) <= BUNDLE_BOOKKEEPING

    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    [file] = import_files(world.coord, [result.path]).files
    assert file.status == "accepted" and file.merge is not None
    assert (file.merge.new, file.merge.rejected) == ([uuid], [])
    merged = interviews.get_interview(world.coord, uuid)
    assert merged.device_id == world.a.device_id
    assert merged.answers == interviews.get_interview(world.lap_a, uuid).answers


def test_a_claim_under_a_uuid_of_its_own_making_for_another_device_is_refused(
    world: World,
) -> None:
    """B cannot make a uuid that derives from A's device id either: a record that says
    it was made on A is refused before its uuid is looked at."""
    nonce = "0" * 32
    posing = wire(world.b, derive_uuid(world.a.device_id, nonce), 1, {}, nonce=nonce)
    posing["device_id"] = world.a.device_id
    before = dump(world.coord)
    report = send(world, "b", [posing], sequence=1)
    assert reasons(report) == {posing["uuid"]: "says it was made on another device"}
    assert changed_tables(before, dump(world.coord)) <= BUNDLE_BOOKKEEPING


def test_an_altered_or_missing_nonce_is_refused(world: World) -> None:
    altered, upper, missing = (genuine(world, u) for u in completed(world.lap_a, 3))
    flip = "0" if altered["nonce"][0] != "0" else "1"
    altered["nonce"] = flip + altered["nonce"][1:]
    upper["nonce"] = upper["nonce"].upper()  # the same bits, not the canonical text
    del missing["nonce"]
    before = dump(world.coord)
    report = send(world, "a", [altered, upper, missing], sequence=1)
    assert report.merge is not None and report.merge.new == []
    assert reasons(report) == {
        altered["uuid"]: "its id was not made on the device that sent it",
        upper["uuid"]: "its id was not made on the device that sent it",
        missing["uuid"]: (
            "was made before interviews were bound to their laptop and cannot be received"
        ),
    }
    assert changed_tables(before, dump(world.coord)) <= BUNDLE_BOOKKEEPING


def test_a_refused_record_does_not_stop_the_others(world: World) -> None:
    good, bad = (genuine(world, u) for u in completed(world.lap_a, 2))
    bad["nonce"] = "f" * 32
    report = send(world, "a", [bad, good], sequence=1)
    assert report.merge is not None
    assert report.merge.new == [good["uuid"]]
    assert [r.code for r in report.merge.rejected] == ["sync.data.binding_mismatch"]


def test_normal_round_trip_merges_and_keeps_the_nonce(world: World) -> None:
    uuids = completed(world.lap_a, 2)
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    [file] = import_files(world.coord, [result.path]).files
    assert file.merge is not None and sorted(file.merge.new) == sorted(uuids)
    assert file.merge.rejected == []
    for uuid in uuids:  # the coordinator can check the binding again later
        assert nonce_of(world.coord, uuid) == nonce_of(world.lap_a, uuid)
        assert values_kept(world.coord, uuid) > 0
    again = export_bundle(world.lap_a, world.out(), send_all=True)
    assert again.path is not None
    [file] = import_files(world.coord, [again.path]).files
    assert file.merge is not None and sorted(file.merge.unchanged) == sorted(uuids)


def test_an_interview_made_before_the_binding_cannot_be_received(world: World) -> None:
    """A laptop interview from before migration 0013 has no nonce; its uuid is in the
    hash-chained audit log, so it is never rebound: the coordinator refuses it and says
    why, in both languages."""
    [uuid] = completed(world.lap_a, 1)
    world.lap_a.db.execute("UPDATE interviews SET nonce = '' WHERE uuid = ?", [uuid])
    world.lap_a.db.conn.commit()
    before = dump(world.coord)
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    [file] = import_files(world.coord, [result.path]).files
    assert file.status == "accepted"
    assert reasons(file, "vi") == {
        uuid: "phiếu được tạo trước khi phiếu gắn với máy tính xách tay của nó nên không thể nhận"
    }
    assert changed_tables(before, dump(world.coord)) <= BUNDLE_BOOKKEEPING
    assert values_kept(world.coord, uuid) == 0
