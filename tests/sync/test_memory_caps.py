"""Bounded import memory (issue 12, item 3): the documented caps are enforced before the
expensive step, and running out of memory refuses one file, not the batch.

The caps are lowered through monkeypatch so the test data stays small; the figures at
the real caps are in docs/benchmarks.md ("Import memory").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import World, completed, dump, encrypted_payload, forge, wire

from fieldsurvey.store import interviews
from fieldsurvey.sync import (
    bundle_checks,
    bundle_format,
    canonical_json,
    payload_stream,
)
from fieldsurvey.sync.bundle_import import import_bytes, import_files
from fieldsurvey.sync.bundle_payload import WireInterview
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.canonical_json import StrictJsonError, loads_strict, value_bound
from fieldsurvey.sync.merge import Merger

UUID = "11111111-2222-4333-8444-555555555555"


def _exported(world: World, lap: str, n: int) -> Path:
    ws = world.lap_a if lap == "a" else world.lap_b
    completed(ws, n, household=f"HH-{lap}")
    result = export_bundle(ws, world.out())
    assert result.path is not None
    return result.path


def _uuids(world: World) -> set[str]:
    return {row.uuid for row in interviews.list_interviews(world.coord)}


# --- the value count, checked on the bytes before parsing -------------------------------
@pytest.mark.parametrize(
    "value",
    [
        [],
        {},
        [{}, [], "a,b", 1, None, True],
        {"a": {"b": [1, 2, {"c": "x[y{z"}]}, "d": []},
        [[[[[]]]]],
    ],
)
def test_value_bound_is_never_below_the_true_count(value: Any) -> None:
    def count(v: Any) -> int:
        if isinstance(v, dict):
            return 1 + sum(count(x) for x in v.values())
        if isinstance(v, list):
            return 1 + sum(count(x) for x in v)
        return 1

    assert value_bound(json.dumps(value).encode()) >= count(value)


def test_too_many_values_are_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    tiny = b"[" + b",".join([b"{}"] * 1000) + b"]"

    def no_parse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("parsed although over the cap")

    monkeypatch.setattr(canonical_json.json, "loads", no_parse)
    with pytest.raises(StrictJsonError, match="more than 999 values") as caught:
        loads_strict(tiny, max_bytes=len(tiny), max_values=999)
    assert caught.value.code == "sync.json.too_many_values"
    assert "giá trị" in caught.value.text("vi")


def test_a_payload_at_the_value_cap_still_parses() -> None:
    doc = b"[" + b",".join([b"7"] * 999) + b"]"  # 1,000 values: the list and its numbers
    assert len(loads_strict(doc, max_bytes=len(doc), max_depth=None, max_values=1000)) == 999


# --- bundles over the caps: one coded line, the store unchanged -------------------------
def test_a_signed_bundle_of_many_tiny_objects_is_refused(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle_format, "MAX_PAYLOAD_VALUES", 2_000)
    good = _exported(world, "a", 2)  # an honest bundle fits the lowered cap
    assert import_files(world.coord, [good]).files[0].status == "accepted"
    tiny = wire(world.b, UUID, 1, {"hh_name": [{}] * 5_000})
    data = forge(world.b, payload=encrypted_payload(world.b, [tiny]))
    before = dump(world.coord)
    report = import_bytes(world.coord, data, "tiny.fsb")
    assert dump(world.coord) == before
    assert (report.status, report.check, report.code) == (
        "rejected",
        "payload",
        "sync.check.payload_limits",
    )
    assert "more than 2000 values" in report.reason_text("en")
    assert "nothing of it was merged" in report.reason_text("en")
    assert "vượt quá giới hạn" in report.reason_text("vi")
    assert report.device == "laptop-b"


def test_a_payload_nested_past_the_depth_cap_is_refused(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle_format, "MAX_PAYLOAD_DEPTH", 20)
    deep: Any = "x"
    for _ in range(30):
        deep = [deep]
    data = forge(
        world.b, payload=encrypted_payload(world.b, [wire(world.b, UUID, 1, {"hh_name": deep})])
    )
    before = dump(world.coord)
    report = import_bytes(world.coord, data, "deep.fsb")
    assert dump(world.coord) == before
    assert (report.check, report.code) == ("payload", "sync.check.payload_limits")
    assert "nested deeper than 20 levels" in report.reason_text("en")


def test_many_malformed_records_stop_at_the_first(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validated record by record: one error, not one per record (pydantic would collect
    every error of every record of the list, some 14 per empty record)."""
    seen: list[object] = []

    class Counting:
        @staticmethod
        def model_validate(item: object) -> Any:
            seen.append(item)
            return WireInterview.model_validate(item)

    monkeypatch.setattr(bundle_checks, "WireInterview", Counting)
    payload = encrypted_payload(world.b, [{}] * 20_000)
    before = dump(world.coord)
    report = import_bytes(world.coord, forge(world.b, payload=payload), "bad.fsb")
    assert dump(world.coord) == before
    assert (report.check, report.code) == ("binding", "sync.check.payload_malformed")
    assert len(seen) == 1


def test_a_file_over_the_size_cap_is_refused_unread(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _exported(world, "a", 2)
    monkeypatch.setattr(bundle_format, "MAX_FILE_BYTES", path.stat().st_size - 1)
    before = dump(world.coord)
    [report] = import_files(world.coord, [path]).files
    assert dump(world.coord) == before
    assert (report.status, report.check) == ("rejected", "size")


# --- out of memory: that file refused, the batch goes on ---------------------------------
def test_out_of_memory_while_parsing_refuses_that_file_only(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _exported(world, "a", 2), _exported(world, "b", 1)
    parse = payload_stream._parse_line
    calls: list[int] = []

    def exhausted_once(line: bytes) -> Any:
        calls.append(1)
        if len(calls) == 3:  # the second record of the first file
            raise MemoryError
        return parse(line)

    monkeypatch.setattr(payload_stream, "_parse_line", exhausted_once)
    before = _uuids(world)
    reports = import_files(world.coord, [first, second]).files
    assert [(r.file, r.status) for r in reports] == [
        (str(first), "rejected"),
        (str(second), "accepted"),
    ]
    assert (reports[0].check, reports[0].code) == ("payload", "sync.check.out_of_memory")
    assert "not enough memory" in reports[0].reason_text("en")
    assert "không đủ bộ nhớ" in reports[0].reason_text("vi")
    b_only = _uuids(world) - before
    assert reports[1].merge is not None and b_only == set(reports[1].merge.new)
    # nothing of the first was kept: imported again, it is new, not "already imported"
    [again] = import_files(world.coord, [first]).files
    assert again.status == "accepted" and again.merge is not None and len(again.merge.new) == 2


def test_out_of_memory_during_the_merge_rolls_it_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _exported(world, "a", 2), _exported(world, "b", 1)
    finish = Merger.finish

    def merge_then_exhaust(self: Merger) -> Any:
        finish(self)  # the rows are written...
        raise MemoryError  # ...and then memory runs out before the commit

    monkeypatch.setattr(Merger, "finish", merge_then_exhaust)
    before = dump(world.coord)
    reports = import_files(world.coord, [first, second]).files
    assert dump(world.coord) == before
    assert [(r.status, r.code) for r in reports] == [
        ("rejected", "sync.check.out_of_memory"),
        ("rejected", "sync.check.out_of_memory"),
    ]
