"""The coordinator's Network tab: a real shared folder watched on real threads, and the
last contact per laptop over the folder, the inbox server and a USB stick."""

from __future__ import annotations

import shutil
import threading

import pytest

from PySide6.QtCore import Qt

from fieldsurvey.store.interviews import complete, get_interview, new_interview
from fieldsurvey.sync import sync_folder
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_writer import export_bundle

from fieldsurvey.ui.coordinator_page import CoordinatorPage
from fieldsurvey.ui.folder_watch_panel import WATCH_MS, FolderWatchPanel
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import form_version


def _completed(laptop, count: int, prefix: str = "PT") -> list[str]:
    uuids = []
    for i in range(count):
        interview = new_interview(
            laptop,
            form_id="mnet_migrant_household",
            form_version=form_version(laptop),
            ward="Phúc Tân",
            household_id=f"{prefix}-{i}",
            enumerator="Hoa",
        )
        complete(laptop, interview.uuid, who="Hoa")
        uuids.append(interview.uuid)
    return uuids


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()  # real worker threads
    yield runner
    runner.wait_all()


def _row(panel: FolderWatchPanel) -> list[str]:
    return [str(panel.model.index(0, c).data()) for c in range(panel.model.columnCount())]


def test_the_folder_is_watched_and_the_laptop_appears_with_its_path(
    qtbot, campaign, tmp_path, runner
) -> None:
    coord, laptop = campaign
    uuids = _completed(laptop, 2)
    shared = tmp_path / "Dropbox" / "mnet"
    shared.mkdir(parents=True)
    page = CoordinatorPage(coord, runner, who="Lan")
    qtbot.addWidget(page)
    panel = page.network_tab
    panel.settle_seconds = 0
    assert page.tabs.tabText(page.tabs.indexOf(panel)) == "Network"
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert "No shared folder is set" in panel.status.text()
    assert _row(panel)[:3] == ["laptop-1", "never", ""]
    assert not panel.timer.isActive()

    panel.folder_edit.setFocus()
    qtbot.keyClicks(panel.folder_edit, str(shared))
    qtbot.keyClick(panel.folder_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Last look at" in panel.status.text())
    assert "1 receipt(s) written" in panel.status.text()  # the first look: every laptop's
    assert (shared / "receipts").is_dir()
    assert panel.timer.isActive() and panel.timer.interval() == WATCH_MS

    sync_folder.set_folder(laptop, shared)
    sync_folder.send(laptop)  # the laptop, on its own computer, sends into the folder
    panel.timer.timeout.emit()  # first look: a new file, left to settle
    qtbot.waitUntil(lambda: "still arriving" in panel.status.text())
    with qtbot.waitSignal(runner.changed) as changed:
        panel.timer.timeout.emit()  # stable now: imported, receipt written
    assert sorted(changed.args[0].interviews) == sorted(uuids)  # the other tabs hear of it
    qtbot.waitUntil(lambda: "1 bundle(s) imported" in panel.status.text())
    assert "1 receipt(s) written" in panel.status.text()
    assert get_interview(coord, uuids[0]).household_id == "PT-0"  # merged
    qtbot.waitUntil(lambda: _row(panel)[2] == "shared folder")
    row = _row(panel)
    assert row[0] == "laptop-1" and row[1] != "never" and row[3] == "1"
    assert row[4].endswith("(shared folder)") and row[5] == "active"


def test_a_tick_while_a_scan_runs_is_skipped_and_a_lost_share_is_said_in_place(
    qtbot, campaign, tmp_path, runner, shown_dialogs
) -> None:
    coord, _laptop = campaign
    shared = tmp_path / "share"
    shared.mkdir()
    sync_folder.set_folder(coord, shared)
    panel = FolderWatchPanel(coord, runner, lambda: "Lan")
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: "Last look at" in panel.status.text())  # the first look

    # The single writer is busy (an import, a save): the scan waits, later ticks are skipped.
    release = threading.Event()
    runner.run(lambda p, c: release.wait(10))
    panel.timer.timeout.emit()
    assert panel.scanning
    panel.timer.timeout.emit()
    panel.timer.timeout.emit()
    assert panel.skipped == 2
    release.set()
    qtbot.waitUntil(lambda: not panel.scanning)

    shutil.rmtree(shared)  # the network share went away
    panel.timer.timeout.emit()
    qtbot.waitUntil(lambda: "cannot be read now" in panel.status.text())
    assert str(shared) in panel.status.text()
    assert shown_dialogs == []
    assert panel.timer.isActive()  # it keeps watching
    shared.mkdir()
    panel.timer.timeout.emit()
    qtbot.waitUntil(lambda: "Last look at" in panel.status.text())


def test_contacts_over_the_inbox_server_and_a_usb_stick(qtbot, campaign, tmp_path, runner) -> None:
    from fieldsurvey.sync.inbox_client import send_pending
    from fieldsurvey.sync.inbox_server import serving_in_thread

    coord, laptop = campaign
    _completed(laptop, 1, "A")
    with serving_in_thread(coord) as (_server, url):
        send_pending(laptop, url)
    panel = FolderWatchPanel(coord, runner, lambda: "Lan")
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and _row(panel)[2] != "")
    row = _row(panel)
    assert row[2] == "inbox server" and row[3] == "1"
    assert row[4].endswith("(inbox server)")

    _completed(laptop, 1, "B")  # the next bundle goes by USB stick
    usb = tmp_path / "usb"
    usb.mkdir()
    exported = export_bundle(laptop, usb)
    assert exported.path is not None
    import_files(coord, [exported.path])
    panel.refresh()
    qtbot.waitUntil(lambda: _row(panel)[2] == "USB or folder import")
    assert _row(panel)[3] == "2"
