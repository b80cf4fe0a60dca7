"""The laptop's Send over the network: through a real shared folder, on real threads."""

from __future__ import annotations

import shutil

import pytest

from PySide6.QtCore import Qt

from fieldsurvey.store.interviews import InterviewStatus, complete, new_interview
from fieldsurvey.sync.folder_watch import FolderWatcher
from fieldsurvey.sync.sync_folder import FOLDER_SETTING, set_folder

from fieldsurvey.ui.laptop_sync_page import LaptopSyncPage
from fieldsurvey.ui.send_panel import AUTO_SEND_SETTING, INBOX_URL_SETTING, SendPanel
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import form_version


def _completed(laptop, count: int) -> list[str]:
    uuids = []
    for i in range(count):
        interview = new_interview(
            laptop,
            form_id="mnet_migrant_household",
            form_version=form_version(laptop),
            ward="Phúc Tân",
            household_id=f"PT-{i}",
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


def _page(qtbot, laptop, runner) -> LaptopSyncPage:
    page = LaptopSyncPage(laptop, runner, who="Hoa")
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.counts[InterviewStatus.COMPLETED].text() != "")
    return page


def test_send_through_the_shared_folder_then_the_receipt_comes_back(
    qtbot, campaign, tmp_path, runner
) -> None:
    coord, laptop = campaign
    _completed(laptop, 2)
    shared = tmp_path / "Google Drive" / "mnet"
    shared.mkdir(parents=True)
    page = _page(qtbot, laptop, runner)
    panel = page.send_panel
    qtbot.waitUntil(lambda: "No folder or server is set" in panel.summary.text())
    assert not panel.send_button.isEnabled()  # nothing to send over yet

    # The enumerator types the folder (as the Browse button would fill it) and presses Enter.
    panel.folder_edit.setFocus()
    qtbot.keyClicks(panel.folder_edit, str(shared))
    qtbot.keyClick(panel.folder_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "uses the shared folder" in panel.summary.text())
    assert laptop.get_setting(FOLDER_SETTING) == str(shared.resolve())
    assert (shared / "inbox").is_dir() and (shared / "receipts").is_dir()
    qtbot.waitUntil(panel.send_button.isEnabled)  # once the state is read again

    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sent over the shared folder" in panel.result.text())
    assert panel.result.text().startswith("1 bundle(s) sent over the shared folder (2 interviews")
    bundles = list((shared / "inbox").glob("*.fsb"))
    assert len(bundles) == 1
    qtbot.waitUntil(lambda: panel.sent_model.rowCount() == 1)
    row = [panel.sent_model.index(0, c).data() for c in range(3)]
    assert row[0] == bundles[0].name and row[2] == "shared folder"
    assert "Last sent" in panel.summary.text()
    qtbot.waitUntil(lambda: page.counts[InterviewStatus.EXPORTED].text() == "2")
    assert page.counts[InterviewStatus.COMPLETED].text() == "0"

    # The coordinator's computer sees the same folder: it imports and writes a receipt.
    set_folder(coord, shared)
    watcher = FolderWatcher(coord, settle_seconds=0)
    watcher.scan()  # first look: the file is new
    report = watcher.scan()  # stable: imported, receipt written
    assert [e.report.status for e in report.imported if e.report] == ["accepted"]
    assert report.receipts

    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Receipt applied" in panel.result.text())
    assert "Nothing new to send over the shared folder." in panel.result.text()
    assert "2 confirmed, 0 returned" in panel.result.text()
    qtbot.waitUntil(lambda: page.counts[InterviewStatus.ACKNOWLEDGED].text() == "2")
    assert len(list((shared / "inbox").glob("*.fsb"))) == 1  # nothing sent twice


def test_send_by_itself_tries_on_the_timer_and_says_when_the_folder_is_away(
    qtbot, campaign, tmp_path, runner, shown_dialogs
) -> None:
    _coord, laptop = campaign
    _completed(laptop, 1)
    shared = tmp_path / "share"
    shared.mkdir()
    set_folder(laptop, shared)
    panel = SendPanel(laptop, runner, lambda: "Hoa")
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.folder_edit.text() == str(shared.resolve()))
    assert not panel.auto_check.isChecked() and not panel.timer.isActive()

    panel.auto_check.setFocus()
    qtbot.keyClick(panel.auto_check, Qt.Key.Key_Space)
    assert panel.timer.isActive() and panel.timer.interval() == 5 * 60 * 1000
    qtbot.waitUntil(lambda: laptop.get_setting(AUTO_SEND_SETTING) is True)

    shutil.rmtree(shared)  # the network share went away
    panel.timer.timeout.emit()  # the timer's tick
    qtbot.waitUntil(lambda: "Could not send now" in panel.result.text())
    assert "Trying again in 5 minutes" in panel.result.text()
    assert shown_dialogs == []  # no pop-up in the middle of an interview
    assert panel.timer.isActive()
    assert not list((laptop.home / "outbox").glob("*.fsb"))  # nothing sealed for it

    shared.mkdir()  # back: the next tick sends
    panel.timer.timeout.emit()
    qtbot.waitUntil(lambda: "sent over the shared folder" in panel.result.text())
    assert len(list((shared / "inbox").glob("*.fsb"))) == 1

    # The choice is remembered: a new panel starts with it on.
    again = SendPanel(laptop, runner, lambda: "Hoa")
    qtbot.addWidget(again)
    qtbot.waitUntil(again.auto_check.isChecked)
    assert again.timer.isActive()
    qtbot.keyClick(panel.auto_check, Qt.Key.Key_Space)
    assert not panel.timer.isActive()
    qtbot.waitUntil(lambda: laptop.get_setting(AUTO_SEND_SETTING) is False)


def test_a_folder_that_does_not_exist_is_refused_in_place(
    qtbot, campaign, tmp_path, runner, shown_dialogs
) -> None:
    _coord, laptop = campaign
    panel = SendPanel(laptop, runner, lambda: "Hoa")
    qtbot.addWidget(panel)
    missing = tmp_path / "not there"
    panel.set_folder(str(missing))
    qtbot.waitUntil(lambda: str(missing) in panel.result.text())
    assert shown_dialogs == []
    assert not laptop.get_setting(FOLDER_SETTING)
    assert not panel.send_button.isEnabled()


def test_the_server_address_is_saved_and_an_unreachable_server_is_named(
    qtbot, campaign, runner, shown_dialogs
) -> None:
    _coord, laptop = campaign
    _completed(laptop, 1)
    panel = SendPanel(laptop, runner, lambda: "Hoa")
    qtbot.addWidget(panel)
    panel.url_edit.setFocus()
    qtbot.keyClicks(panel.url_edit, "http://127.0.0.1:9/")  # discard port: nobody answers
    qtbot.keyClick(panel.url_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "uses the inbox server" in panel.summary.text())
    assert laptop.get_setting(INBOX_URL_SETTING) == "http://127.0.0.1:9/"

    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.sending, timeout=20000)
    assert shown_dialogs == []
    assert "127.0.0.1:9" in panel.result.text()
    # The server did not prove itself: nothing was sealed for it.
    assert not list((laptop.home / "outbox").glob("*.fsb"))
    qtbot.waitUntil(panel.send_button.isEnabled)  # once the state is read again


def test_send_to_a_real_inbox_server_on_loopback(qtbot, campaign, runner) -> None:
    from fieldsurvey.store import inbox_log
    from fieldsurvey.sync.inbox_server import serving_in_thread

    coord, laptop = campaign
    _completed(laptop, 2)
    with serving_in_thread(coord) as (_server, url):
        laptop.set_setting(INBOX_URL_SETTING, url)
        page = _page(qtbot, laptop, runner)
        panel = page.send_panel
        qtbot.waitUntil(lambda: "uses the inbox server" in panel.summary.text())
        qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not panel.sending, timeout=30000)
        assert panel.result.text().startswith("1 bundle(s) sent over the inbox server")
        assert "Receipt applied: 2 confirmed" in panel.result.text()
        qtbot.waitUntil(lambda: page.counts[InterviewStatus.ACKNOWLEDGED].text() == "2")
        qtbot.waitUntil(lambda: panel.sent_model.rowCount() == 1)
        assert panel.sent_model.index(0, 2).data() == "inbox server"
        [contact] = inbox_log.contacts(coord)
        assert contact.last_bundle_at and contact.last_receipt_at


def test_entry_is_saved_at_once_while_a_slow_server_keeps_the_send_waiting(
    qtbot, campaign, runner
) -> None:
    """Talking to the server happens off the writer thread: an answer saved while the
    server is slow to answer is saved at once, not after the send."""
    import socket
    import threading

    _coord, laptop = campaign
    _completed(laptop, 1)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    release = threading.Event()

    def slow_server() -> None:  # takes the connection and says nothing until released
        conn, _ = listener.accept()
        release.wait(20)
        conn.close()
        listener.close()

    threading.Thread(target=slow_server, daemon=True).start()
    laptop.set_setting(INBOX_URL_SETTING, f"http://127.0.0.1:{listener.getsockname()[1]}/")
    panel = SendPanel(laptop, runner, lambda: "Hoa")
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: "uses the inbox server" in panel.summary.text())
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.wait(300)  # the send is now waiting for the server
    saved: list[object] = []
    runner.run(
        lambda p, c: new_interview(
            laptop, form_id="mnet_migrant_household", form_version=form_version(laptop),
            ward="Phúc Tân", household_id="PT-new", enumerator="Hoa",
        ),
        on_success=saved.append,
    )  # fmt: skip
    try:
        qtbot.waitUntil(lambda: bool(saved), timeout=3000)
        assert panel.sending  # the send still waits for the server
    finally:
        release.set()
    qtbot.waitUntil(lambda: not panel.sending, timeout=30000)
    qtbot.waitUntil(panel.send_button.isEnabled)  # once the state is read again
