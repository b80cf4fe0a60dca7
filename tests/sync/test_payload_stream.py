"""A payload of format 2 is read and merged a batch of records at a time while it is
decrypted (issue 12: memory grows with the largest record, not with the bundle); whatever
goes wrong on the way, even in its very last bytes, nothing of it is merged."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sync_helpers import World, bound_wire, dump, forge, streamed_payload

from fieldsurvey.store import interviews
from fieldsurvey.sync import payload_stream
from fieldsurvey.sync.bundle_import import import_bytes
from fieldsurvey.sync.canonical_json import dumps
from fieldsurvey.sync.merge import Merger


def _records(world: World, n: int, text: str = "Nguyễn Thị Hoa") -> list[dict[str, Any]]:
    return [bound_wire(world.b, {"hh_name": f"{text} {i}"}) for i in range(n)]


def _merged(world: World) -> set[str]:
    return {row.uuid for row in interviews.list_interviews(world.coord)}


def _no_decrypting_thread() -> bool:
    return not any(t.name == "payload-decrypt" for t in threading.enumerate())


def test_a_streamed_bundle_merges_in_batches(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(payload_stream, "BATCH_RECORDS", 7)
    sizes: list[int] = []
    real = Merger.interviews

    def counted(self: Merger, batch: list[Any]) -> None:
        sizes.append(len(batch))
        real(self, batch)

    monkeypatch.setattr(Merger, "interviews", counted)
    records = _records(world, 30)
    report = import_bytes(
        world.coord, forge(world.b, payload=streamed_payload(world.b, records)), "b"
    )
    assert report.status == "accepted" and report.merge is not None
    assert sorted(report.merge.new) == sorted(r["uuid"] for r in records)
    assert _merged(world) == {r["uuid"] for r in records}
    assert sizes == [7, 7, 7, 7, 2]
    assert _no_decrypting_thread()


def test_a_payload_altered_in_its_last_chunk_merges_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """age finds an altered last chunk only at the end, after the first records were
    merged: the whole bundle rolls back."""
    monkeypatch.setattr(payload_stream, "BATCH_RECORDS", 5)
    batches: list[int] = []
    real = Merger.interviews

    def counted(self: Merger, batch: list[Any]) -> None:
        batches.append(len(batch))
        real(self, batch)

    monkeypatch.setattr(Merger, "interviews", counted)
    records = _records(world, 120, text="x" * 2_000)  # some 250 KB: four 64 KiB chunks
    payload = bytearray(streamed_payload(world.b, records))
    payload[-5] ^= 0x01  # inside the last chunk's authentication tag
    before = dump(world.coord)
    report = import_bytes(world.coord, forge(world.b, payload=bytes(payload)), "altered.fsb")
    assert (report.status, report.check) == ("rejected", "decrypt")
    assert batches, "records of the first chunks were merged before the end was read"
    assert dump(world.coord) == before
    assert _no_decrypting_thread()


def test_a_record_longer_than_a_line_may_be_refuses_the_bundle(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(payload_stream, "MAX_LINE_BYTES", 20_000)
    records = [*_records(world, 3), *_records(world, 1, text="y" * 30_000), *_records(world, 3)]
    before = dump(world.coord)
    report = import_bytes(
        world.coord, forge(world.b, payload=streamed_payload(world.b, records)), "b"
    )
    assert (report.status, report.check, report.code) == (
        "rejected",
        "payload",
        "sync.check.line_too_long",
    )
    assert "20000" in report.reason_text("en") and "byte" in report.reason_text("vi")
    assert dump(world.coord) == before
    assert _no_decrypting_thread()


@pytest.mark.parametrize("cut", ["fewer", "more", "blank line"])
def test_a_payload_that_is_not_what_its_head_counts_is_refused(world: World, cut: str) -> None:
    records = _records(world, 3)
    lines = [dumps(r) for r in records]
    if cut == "fewer":
        payload = streamed_payload(world.b, records, lines=lines[:2])
    elif cut == "more":
        payload = streamed_payload(world.b, records, lines=[*lines, lines[0]])
    else:
        payload = streamed_payload(world.b, records, lines=[*lines[:2], b""])
    before = dump(world.coord)
    report = import_bytes(world.coord, forge(world.b, payload=payload), "b")
    assert (report.status, report.check) == ("rejected", "binding")
    assert dump(world.coord) == before


def test_a_head_bound_to_another_bundle_is_refused(world: World) -> None:
    payload = streamed_payload(world.b, _records(world, 2), sequence=2)
    before = dump(world.coord)
    report = import_bytes(world.coord, forge(world.b, payload=payload), "b")
    assert (report.status, report.check, report.code) == (
        "rejected",
        "binding",
        "sync.check.binding",
    )
    assert dump(world.coord) == before


def test_a_streamed_payload_after_a_format_1_one_both_merge(world: World) -> None:
    """Laptops still on an older FieldSurvey send format 1; both are read."""
    from sync_helpers import encrypted_payload

    old = _records(world, 2)
    first = import_bytes(world.coord, forge(world.b, payload=encrypted_payload(world.b, old)), "1")
    new = _records(world, 2)
    payload = streamed_payload(
        world.b, new, sequence=2, bundle="00000000-0000-4000-8000-000000000002"
    )
    second = import_bytes(
        world.coord,
        forge(world.b, payload=payload, sequence=2, bundle="00000000-0000-4000-8000-000000000002"),
        "2",
    )
    assert (first.status, second.status) == ("accepted", "accepted")
    assert _merged(world) == {r["uuid"] for r in old + new}


def test_a_large_payload_of_the_old_format_is_refused_with_what_to_do(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Format 1 is read whole: only up to a small cap, so no bundle can make the import
    hold a large payload in memory by choosing the old format."""
    from sync_helpers import encrypted_payload

    monkeypatch.setattr(payload_stream, "FORMAT1_MAX_BYTES", 100_000)
    small = encrypted_payload(world.b, _records(world, 2))
    assert import_bytes(world.coord, forge(world.b, payload=small), "small").status == "accepted"
    bundle = "00000000-0000-4000-8000-000000000002"
    big = encrypted_payload(
        world.b, _records(world, 80, text="z" * 2_000), bundle=bundle, sequence=2
    )
    before = dump(world.coord)
    report = import_bytes(world.coord, forge(world.b, payload=big, sequence=2, bundle=bundle), "b")
    assert (report.status, report.check, report.code) == (
        "rejected",
        "payload",
        "sync.check.old_format_too_large",
    )
    assert "update FieldSurvey on that laptop" in report.reason_text("en")
    assert "cập nhật FieldSurvey" in report.reason_text("vi")
    assert dump(world.coord) == before
    assert _no_decrypting_thread()
