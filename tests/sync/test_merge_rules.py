"""The merge rules of issue 4, through real laptops, bundles and receipts."""

from __future__ import annotations

import json
from pathlib import Path

from sync_helpers import World, completed, dump, encrypted_payload, forge, wire

from fieldsurvey.store import audit, interviews
from fieldsurvey.store.interview_binding import nonce_of
from fieldsurvey.sync.bundle_import import FileReport, import_bytes, import_files
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.conflicts import list_conflicts, resolve_conflict
from fieldsurvey.sync.receipts import build_receipt, import_receipt

AGE = "respondent/resp_age"
SEX = "respondent/resp_sex"


def ship(world: World, lap_name: str = "a", *, send_all: bool = False) -> FileReport:
    lap = world.lap_a if lap_name == "a" else world.lap_b
    result = export_bundle(lap, world.out(), send_all=send_all)
    assert result.path is not None
    [report] = import_files(world.coord, [result.path]).files
    assert report.status == "accepted", report
    return report


def answers(ws: object, uuid: str) -> dict[str, object]:
    return interviews.get_interview(ws, uuid).answers  # type: ignore[arg-type]


def return_and_receive(world: World, uuid: str, comment: str = "check the age") -> None:
    interviews.return_for_correction(world.coord, uuid, comment, who="coordinator")
    data, _ = build_receipt(world.coord, "laptop-a")
    report = import_receipt(world.lap_a, data)
    assert report.returned == [uuid]
    held = interviews.get_interview(world.lap_a, uuid)
    assert (held.status, held.comment) == ("returned", comment)


def test_new_interviews_inserted_with_device_and_status(world: World) -> None:
    uuids = completed(world.lap_a, 2)
    report = ship(world)
    assert report.merge is not None and sorted(report.merge.new) == sorted(uuids)
    for uuid in uuids:
        merged = interviews.get_interview(world.coord, uuid)
        assert merged.device_id == world.a.device_id
        assert merged.status == "exported"
        assert merged.answers == answers(world.lap_a, uuid)
    assert audit.verify_chain(world.coord) == []


def test_revision_already_held_is_unchanged(world: World) -> None:
    uuids = completed(world.lap_a, 2)
    ship(world)
    rows_before = dump(world.coord)["interviews"]
    report = ship(world, send_all=True)
    assert report.merge is not None and sorted(report.merge.unchanged) == sorted(uuids)
    assert report.merge.new == report.merge.updated == []
    assert dump(world.coord)["interviews"] == rows_before


def test_newer_revision_from_the_owner_is_applied(world: World) -> None:
    [uuid] = completed(world.lap_a, 1)
    ship(world)
    return_and_receive(world, uuid)
    interviews.set_answer(world.lap_a, uuid, AGE, 41, who="enum")
    interviews.complete(world.lap_a, uuid, who="enum")
    report = ship(world)
    assert report.merge is not None and report.merge.updated == [uuid]
    merged = interviews.get_interview(world.coord, uuid)
    assert merged.answers == answers(world.lap_a, uuid)
    assert merged.revision == interviews.get_interview(world.lap_a, uuid).revision
    assert merged.status == "exported"


def test_diverged_edits_of_different_fields_are_merged(world: World) -> None:
    [uuid] = completed(world.lap_a, 1, **{SEX: "female"})
    ship(world)
    return_and_receive(world, uuid)
    interviews.set_answer(world.coord, uuid, SEX, "male", who="coordinator")  # correction
    interviews.set_answer(world.lap_a, uuid, AGE, 52, who="enum")  # laptop edit
    interviews.complete(world.lap_a, uuid, who="enum")
    report = ship(world)
    assert report.merge is not None and report.merge.updated == [uuid]
    merged = answers(world.coord, uuid)
    assert merged["respondent"] == {"resp_age": 52, "resp_sex": "male"}
    # A later laptop edit merges against the laptop's version, keeping the correction.
    return_and_receive(world, uuid, "one more thing")
    interviews.set_answer(world.lap_a, uuid, "work/hours_day", 9, who="enum")
    interviews.complete(world.lap_a, uuid, who="enum")
    assert ship(world).merge.updated == [uuid]  # type: ignore[union-attr]
    assert answers(world.coord, uuid) == {
        "respondent": {"resp_age": 52, "resp_sex": "male"},
        "work": {"hours_day": 9},
    }


def test_diverged_edits_of_the_same_field_conflict_until_resolved(world: World) -> None:
    [uuid] = completed(world.lap_a, 1, **{SEX: "female"})
    ship(world)
    return_and_receive(world, uuid)
    interviews.set_answer(world.coord, uuid, AGE, 33, who="coordinator")
    interviews.set_answer(world.coord, uuid, SEX, "male", who="coordinator")
    interviews.set_answer(world.lap_a, uuid, AGE, 34, who="enum")
    interviews.set_answer(world.lap_a, uuid, "work/hours_day", 8, who="enum")
    interviews.complete(world.lap_a, uuid, who="enum")
    coordinator_rows = dump(world.coord)["interviews"]
    report = ship(world)
    assert report.merge is not None and report.merge.conflicting == [uuid]
    assert dump(world.coord)["interviews"] == coordinator_rows  # held until resolved
    [conflict] = list_conflicts(world.coord)
    assert (conflict.uuid, conflict.fields, conflict.device_name) == (uuid, [AGE], "laptop-a")

    resolve_conflict(world.coord, uuid, {AGE: "laptop"})
    assert list_conflicts(world.coord) == []
    assert answers(world.coord, uuid) == {
        "respondent": {"resp_age": 34, "resp_sex": "male"},
        "work": {"hours_day": 8},
    }
    assert audit.verify_chain(world.coord) == []


def test_record_claimed_by_a_device_that_does_not_own_it_is_refused(world: World) -> None:
    [uuid] = completed(world.lap_a, 1)
    ship(world)
    held = dump(world.coord)["interviews"]
    # Laptop B sends a newer "revision" of A's interview.
    theft = wire(world.b, uuid, 99, {"respondent": {"resp_age": 1}})
    # And a record that says it was made on A, inside B's bundle.
    posing = wire(world.b, "33333333-2222-4333-8444-555555555555", 1, {})
    posing["device_id"] = world.a.device_id
    payload = encrypted_payload(world.b, [theft, posing])
    report = import_bytes(world.coord, forge(world.b, payload=payload), "b.fsb")
    assert report.status == "accepted" and report.merge is not None
    reasons = {r.uuid: r.reason for r in report.merge.rejected}
    assert reasons == {
        uuid: "belongs to another device",
        posing["uuid"]: "says it was made on another device",
    }
    assert dump(world.coord)["interviews"] == held


def test_older_revision_is_unchanged(world: World) -> None:
    [uuid] = completed(world.lap_a, 1)
    ship(world)
    held = dump(world.coord)["interviews"]
    stale = wire(
        world.a, uuid, 1, {"respondent": {"resp_age": 77}}, nonce=nonce_of(world.lap_a, uuid)
    )
    payload = encrypted_payload(world.a, [stale], sequence=2)
    report = import_bytes(world.coord, forge(world.a, payload=payload, sequence=2), "old.fsb")
    assert report.merge is not None and report.merge.unchanged == [uuid]
    assert dump(world.coord)["interviews"] == held


def test_likely_duplicate_households_are_listed_not_merged(world: World) -> None:
    [a_uuid] = completed(world.lap_a, 1, household="SAME")
    [b_uuid] = completed(world.lap_b, 1, household="SAME")
    ship(world, "a")
    report = ship(world, "b")
    [group] = report.duplicates
    assert group.rule == "ward+household"
    assert group.uuids == sorted([a_uuid, b_uuid])
    assert group.devices == sorted([world.a.device_id, world.b.device_id])
    assert interviews.get_interview(world.coord, a_uuid).device_id == world.a.device_id
    assert interviews.get_interview(world.coord, b_uuid).device_id == world.b.device_id


def test_audit_entries_travel_and_are_checked(world: World) -> None:
    [uuid] = completed(world.lap_a, 1)
    report = ship(world)
    laptop_entries = [e for e in audit.entries(world.lap_a, uuid) if e.action != "export"]
    assert report.merge is not None
    assert report.merge.audit_entries == len(laptop_entries) and report.merge.audit_rejected == 0
    [(count, entries)] = world.coord.db.execute(
        "SELECT count, entries FROM sync_audit WHERE bundle_id = ?",
        [world.coord.db.execute("SELECT bundle_id FROM sync_bundles").fetchone()[0]],
    ).fetchall()
    stored = [e for e in json.loads(entries) if e["interview_uuid"] == uuid]
    assert count == len(stored)
    assert [e["hash"] for e in stored] == [e.hash for e in laptop_entries]


def test_audit_entries_with_altered_values_are_not_kept(world: World) -> None:
    """The chain holds a digest of each entry's values: a value changed on the way (by
    someone holding the laptop's key) fails it, and so does an entry made up whole."""
    [uuid] = completed(world.lap_a, 1)
    cursor = world.lap_a.db.execute(
        f"SELECT {', '.join(audit.COLUMNS)} FROM audit_log WHERE interview_uuid = ? ORDER BY seq",
        [uuid],
    )
    entries = [dict(zip(audit.COLUMNS, row, strict=True)) for row in cursor]
    changed = next(e for e in entries if e["action"] == "set")
    changed["new_value"] = json.dumps(99)
    made_up = {**entries[-1], "seq": entries[-1]["seq"] + 1, "prev_hash": entries[-1]["hash"]}
    made_up["hash"] = "f" * 64
    record = interviews.get_interview(world.lap_a, uuid)
    interview = wire(
        world.a, uuid, record.revision, record.answers, nonce=nonce_of(world.lap_a, uuid)
    )
    payload = encrypted_payload(world.a, [interview], audit=[*entries, made_up])
    data = forge(world.a, payload=payload, audit_seq=made_up["seq"], audit_hash=made_up["hash"])
    report = import_bytes(world.coord, data, "altered.fsb")
    assert report.status == "accepted" and report.merge is not None
    assert (report.merge.audit_entries, report.merge.audit_rejected) == (len(entries) - 1, 2)


def test_export_marks_exported_and_never_reuses_sequence(world: World, tmp_path: Path) -> None:
    uuids = completed(world.lap_a, 2)
    first = export_bundle(world.lap_a, world.out())
    assert export_bundle(world.lap_a, world.out()).path is None  # nothing new
    again = export_bundle(world.lap_a, world.out(), send_all=True)
    assert (first.sequence, again.sequence) == (1, 2)
    assert {interviews.get_interview(world.lap_a, u).status for u in uuids} == {"exported"}
