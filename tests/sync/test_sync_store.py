"""Sync through the store: status changes follow the one lifecycle table, errors carry
catalogue codes, and the store's sync tables answer what the CLI and reports ask."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sync_helpers import FORM, World, completed

from fieldsurvey.errors import LifecycleError, ReceiptError, SyncError
from fieldsurvey.reports.workspace_reader import last_merge
from fieldsurvey.store import audit, bundle_log, interviews, report_rows
from fieldsurvey.store.interviews import InterviewStatus as S
from fieldsurvey.sync import bundle_writer, receipts
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.receipts import build_receipt, import_receipt


def _ship(world: World, n: int = 1) -> list[str]:
    uuids = completed(world.lap_a, n)
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    assert import_files(world.coord, [result.path]).files[0].status == "accepted"
    return uuids


def _refusing(refused: str) -> Callable[[str, str, str], S]:
    """The real ``check_transition``, as if the interview ``refused`` were a draft (which
    the lifecycle lets neither out nor acknowledged)."""

    def check(uuid: str, status: str, action: str) -> S:
        return interviews.check_transition(uuid, "draft" if uuid == refused else status, action)

    return check


def test_export_asks_the_lifecycle_before_writing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lifecycle refuses one of the interviews to send: nothing is written."""
    first, second = completed(world.lap_a, 2)
    monkeypatch.setattr(bundle_writer, "check_transition", _refusing(first))
    with pytest.raises(LifecycleError):
        export_bundle(world.lap_a, world.out())
    assert list(world.out().iterdir()) == []
    for uuid in (first, second):
        assert interviews.get_interview(world.lap_a, uuid).status == "completed"


def test_an_interview_reopened_while_the_bundle_is_written_stays_reopened(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = completed(world.lap_a, 2)
    real_write = bundle_writer.write_new_file

    def reopen_then_write(path: Path, data: bytes) -> None:
        interviews.return_for_correction(world.lap_a, first, "reopened", who="enum")
        real_write(path, data)

    monkeypatch.setattr(bundle_writer, "write_new_file", reopen_then_write)
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None and result.path.exists()
    assert interviews.get_interview(world.lap_a, first).status == "returned"
    assert interviews.get_interview(world.lap_a, second).status == "exported"
    [entry] = [e for e in audit.entries(world.lap_a) if e.action == "export"]
    assert entry.new_value["completed_to_exported"] == [second]
    assert audit.verify_chain(world.lap_a) == []


def test_receipt_asks_the_lifecycle_what_it_may_acknowledge(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which interviews a receipt may acknowledge is the lifecycle's say: one it refuses
    is skipped, and the rest of the receipt applies."""
    first, second = _ship(world, 2)
    data, _ = build_receipt(world.coord, "laptop-a")
    monkeypatch.setattr(receipts, "check_transition", _refusing(first))
    report = import_receipt(world.lap_a, data)
    assert (report.status, report.acknowledged, report.skipped) == ("applied", [second], [first])
    assert interviews.get_interview(world.lap_a, first).status == "exported"
    assert interviews.get_interview(world.lap_a, second).status == "acknowledged"


def test_receipt_errors_read_in_vietnamese(world: World) -> None:
    _ship(world)
    data, _ = build_receipt(world.coord, "laptop-a")
    with pytest.raises(ReceiptError) as caught:
        import_receipt(world.lap_b, data)
    assert caught.value.code == "sync.data.receipt_other_device"
    assert str(caught.value) == "This receipt is for another device."
    assert caught.value.text("vi") == "Biên nhận này dành cho máy khác."


def test_export_to_a_missing_folder_reads_in_vietnamese(world: World) -> None:
    completed(world.lap_a)
    missing = world.root / "no-such-usb"
    with pytest.raises(SyncError) as caught:
        export_bundle(world.lap_a, missing)
    assert str(caught.value) == f"{missing} is not a folder."
    assert caught.value.text("vi") == f"{missing} không phải là thư mục."


def test_alerts_are_listed_oldest_first(world: World) -> None:
    assert bundle_log.list_alerts(world.coord) == []
    with world.coord.transaction() as db:
        for sequence, created in ((4, "2026-11-23T10:00:00Z"), (7, "2026-11-23T11:00:00Z")):
            bundle_log.record_alert(
                db,
                kind="equivocation",
                device_id=world.a.device_id,
                sequence=sequence,
                detail=f"sequence {sequence} seen twice",
                created=created,
            )
    alerts = bundle_log.list_alerts(world.coord)
    assert [(a.kind, a.sequence) for a in alerts] == [("equivocation", 4), ("equivocation", 7)]


def test_last_merge_and_forms_with_interviews(world: World) -> None:
    assert last_merge(world.coord) is None and last_merge(world.lap_a) is None
    assert report_rows.forms_with_interviews(world.coord) == []
    _ship(world)
    assert last_merge(world.coord) is not None
    assert report_rows.forms_with_interviews(world.coord) == ["household"]
    interviews.new_interview(
        world.lap_b, form_id=FORM[0], form_version=FORM[1], ward="phuc_tan",
        household_id="HH-9", enumerator="enum",
    )  # fmt: skip
    assert report_rows.forms_with_interviews(world.lap_b) == []
    assert report_rows.forms_with_interviews(world.lap_b, include_drafts=True) == [FORM[0]]
