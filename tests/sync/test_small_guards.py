"""The smaller guards of issue 12: a receipt for a revoked laptop needs ``force``; only
regular files are read as bundles or receipts (a FIFO used to hang ``bundle import``);
one alert per equivocating bundle however often it is re-imported; device add and
revoke are in the audit log, written in the transaction that makes the change.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path

import pytest
from sync_helpers import PASSPHRASE, World, completed, dump, encrypted_payload, forge, wire

from fieldsurvey.errors import SyncError
from fieldsurvey.store import audit
from fieldsurvey.sync import bundle_format
from fieldsurvey.sync.bundle_format import ContainerFormatError, read_limited
from fieldsurvey.sync.bundle_import import import_bytes, import_files
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.devices import revoke_device
from fieldsurvey.sync.enrolment import issue_device
from fieldsurvey.sync.receipts import build_receipt, import_receipt, write_receipt

NEW_UUID = "11111111-2222-4333-8444-555555555555"
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs on Windows")


# --- 1. a receipt for a revoked laptop ------------------------------------------------------
def test_a_receipt_for_a_revoked_laptop_is_refused_without_force(world: World) -> None:
    completed(world.lap_a, 1)
    first = export_bundle(world.lap_a, world.out())
    assert first.path is not None
    import_files(world.coord, [first.path])
    revoked = revoke_device(world.coord, "laptop-a")
    out = world.root / "receipt.fsr"
    with pytest.raises(SyncError) as caught:
        write_receipt(world.coord, "laptop-a", out)
    assert caught.value.code == "sync.receipt.device_revoked"
    assert str(caught.value) == (
        f"Laptop 'laptop-a' was revoked on {revoked.revoked}: "
        "a receipt for it is written only when forced."
    )
    assert "laptop-a" in caught.value.text("vi") and "thu hồi" in caught.value.text("vi")
    assert not out.exists()
    with pytest.raises(SyncError, match="revoked"):
        build_receipt(world.coord, "laptop-a")

    payload = write_receipt(world.coord, "laptop-a", out, force=True)
    assert len(payload.acknowledged) == 1
    assert import_receipt(world.lap_a, out.read_bytes()).acknowledged == [
        payload.acknowledged[0].uuid
    ]


def test_a_receipt_for_an_active_laptop_needs_no_force(world: World) -> None:
    out = world.root / "receipt.fsr"
    write_receipt(world.coord, "laptop-b", out)
    assert out.exists()


# --- 2. only regular files are read ----------------------------------------------------------
class FifoGuard:
    """Unblocks a reader stuck on ``fifo`` after ``seconds`` (by opening it for writing)
    and remembers that it had to: a hang fails the test instead of the suite."""

    def __init__(self, fifo: Path, seconds: float = 20) -> None:
        self.fifo, self.hung = fifo, False
        self._timer = threading.Timer(seconds, self._unblock)

    def _unblock(self) -> None:
        try:
            os.close(os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK))
            self.hung = True
        except OSError:  # nobody is reading it: nothing hangs
            pass

    def __enter__(self) -> FifoGuard:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        assert not self.hung, f"reading {self.fifo.name} hung"


@POSIX_ONLY
def test_a_fifo_is_refused_and_the_other_files_are_imported(world: World) -> None:
    completed(world.lap_a, 1)
    good = export_bundle(world.lap_a, world.out()).path
    assert good is not None
    fifo = world.root / "pipe.fsb"
    os.mkfifo(fifo)
    with FifoGuard(fifo):
        report = import_files(world.coord, [fifo, good])
    refused, accepted = report.files
    assert (refused.status, refused.check) == ("rejected", "size")
    assert refused.code == "sync.container.not_a_regular_file"
    assert refused.reason == "pipe.fsb is not a regular file (a folder, a device or a pipe)"
    assert "pipe.fsb" in refused.reason_text("vi")
    assert accepted.status == "accepted"


@pytest.mark.parametrize("kind", ["folder", "device", "fifo"])
def test_read_limited_refuses_anything_but_a_regular_file(tmp_path: Path, kind: str) -> None:
    if kind == "folder":
        path = tmp_path / "folder.fsb"
        path.mkdir()
    elif kind == "device":
        path = Path(os.devnull)
        if sys.platform == "win32":
            pytest.skip("no device files to stat on Windows")
    else:
        if sys.platform == "win32":
            pytest.skip("no FIFOs on Windows")
        path = tmp_path / "pipe.fsr"
        os.mkfifo(path)
    guard = FifoGuard(path) if kind == "fifo" else contextlib.nullcontext()
    with guard, pytest.raises(ContainerFormatError) as caught:
        read_limited(path)
    assert caught.value.code == "sync.container.not_a_regular_file"
    assert caught.value.params == {"name": path.name}


def test_read_limited_still_reads_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "a.fsb"
    path.write_bytes(b"x" * 100)
    assert read_limited(path) == b"x" * 100
    with pytest.raises(ContainerFormatError, match="larger than the limit"):
        read_limited(path, limit=99)


# --- 3. one alert per equivocating bundle ----------------------------------------------------
def _alerts(world: World) -> list[tuple[str, str, int]]:
    return world.coord.db.execute(
        "SELECT kind, device_id, sequence FROM sync_alerts ORDER BY id"
    ).fetchall()


def test_an_equivocating_bundle_raises_one_alert_however_often_imported(world: World) -> None:
    completed(world.lap_a, 1)
    good = export_bundle(world.lap_a, world.out()).path
    assert good is not None
    assert import_files(world.coord, [good]).files[0].status == "accepted"
    header = bundle_format.BundleHeader.model_validate_json(
        bundle_format.split(good.read_bytes(), bundle_format.BUNDLE_MAGIC).header_bytes
    )

    def clone(bundle_id: str) -> bytes:
        payload = encrypted_payload(
            world.a, [wire(world.a, NEW_UUID, 1, {})], sequence=header.sequence, bundle=bundle_id
        )
        same = header.model_dump(exclude={"bundle", "payload_length", "payload_sha256"})
        return forge(world.a, payload=payload, **{**same, "bundle": bundle_id})

    first = clone("22222222-2222-4333-8444-555555555555")
    for attempt in range(3):
        report = import_bytes(world.coord, first, f"clone-{attempt}.fsb")
        assert report.status == "rejected" and report.equivocation
    one = [("equivocation", world.a.device_id, header.sequence)]
    assert _alerts(world) == one
    before = dump(world.coord)
    import_bytes(world.coord, first, "clone-again.fsb")
    assert dump(world.coord) == before

    # another bundle with the same number is another alert (once, too)
    second = clone("33333333-2222-4333-8444-555555555555")
    import_bytes(world.coord, second, "other.fsb")
    import_bytes(world.coord, second, "other-again.fsb")
    assert _alerts(world) == one * 2


# --- 4. device add and revoke in the audit log -----------------------------------------------
def _device_entries(world: World) -> list[audit.AuditEntry]:
    return [e for e in audit.entries(world.coord) if e.action.startswith("device-")]


def test_device_add_and_revoke_are_in_the_audit_log(world: World) -> None:
    _, device = issue_device(world.coord, "laptop-c", PASSPHRASE)
    revoke_device(world.coord, "laptop-c")
    revoke_device(world.coord, "laptop-c")  # already revoked: nothing new
    entries = _device_entries(world)
    assert [(e.action, e.field, e.interview_uuid) for e in entries][-2:] == [
        ("device-add", "laptop-c", None),
        ("device-revoke", "laptop-c", None),
    ]
    assert entries[-1].new_value["device_id"] == device.device_id
    assert audit.verify_chain(world.coord) == []


def test_a_device_is_not_added_or_revoked_when_the_audit_entry_fails(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldsurvey.sync import devices

    def broken(db: object, entries: object) -> None:
        raise RuntimeError("disk full")

    before = dump(world.coord)
    monkeypatch.setattr(devices, "append_entries", broken)
    with pytest.raises(RuntimeError):
        issue_device(world.coord, "laptop-d", PASSPHRASE)
    with pytest.raises(RuntimeError):
        revoke_device(world.coord, "laptop-a")
    assert dump(world.coord) == before


# --- 1b. the app asks before writing a receipt for a revoked laptop --------------------------
@pytest.mark.parametrize("confirmed", [False, True])
def test_the_app_asks_before_a_receipt_for_a_revoked_laptop(
    world: World, qtbot: object, monkeypatch: pytest.MonkeyPatch, confirmed: bool
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from fieldsurvey.ui import coordinator_page
    from fieldsurvey.ui.tasks import TaskRunner

    revoke_device(world.coord, "laptop-a")
    out = world.root / "receipt.fsr"
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        return yes if confirmed else no

    monkeypatch.setattr(coordinator_page.QMessageBox, "question", question)
    monkeypatch.setattr(
        coordinator_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "")
    )
    page = coordinator_page.CoordinatorPage(
        world.coord, TaskRunner(synchronous=True), who="coordinator"
    )
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    names = [d.name for d in page.devices_model.rows]
    page.devices_view.selectRow(names.index("laptop-a"))
    page.ask_receipt()
    assert len(asked) == 1 and "laptop-a" in asked[0] and "revoked" in asked[0]
    assert out.exists() is confirmed

    # an active laptop: no question
    asked.clear()
    out = world.root / "receipt-b.fsr"
    page.devices_view.selectRow(names.index("laptop-b"))
    page.ask_receipt()
    assert asked == [] and out.exists()


def test_a_laptop_never_writes_a_bundle_the_coordinator_would_refuse_for_its_size(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over the coordinator's file cap, the export says so and writes nothing: no file, no
    sequence number used (a gap would raise an alert), the interviews still completed."""
    from fieldsurvey.store import interviews
    from fieldsurvey.sync.campaign import NEXT_SEQUENCE_SETTING

    uuids = completed(world.lap_a, 3)
    before = world.lap_a.get_setting(NEXT_SEQUENCE_SETTING, 1)
    monkeypatch.setattr(bundle_format, "MAX_FILE_BYTES", 2_000)
    out = tmp_path / "usb"
    out.mkdir()
    with pytest.raises(SyncError) as refused:
        export_bundle(world.lap_a, out)
    assert refused.value.code == "sync.data.bundle_too_large"
    assert "3 phiếu" in refused.value.text("vi")
    assert list(out.iterdir()) == []
    assert world.lap_a.get_setting(NEXT_SEQUENCE_SETTING, 1) == before
    assert {interviews.get_interview(world.lap_a, u).status for u in uuids} == {"completed"}
    monkeypatch.undo()
    sent = export_bundle(world.lap_a, out)
    assert sent.sequence == before and sent.path is not None
    [report] = import_files(world.coord, [sent.path]).files
    assert report.status == "accepted" and report.gap is None
