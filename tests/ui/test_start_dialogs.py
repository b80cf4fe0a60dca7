"""Unlocking and the first-run choices, driven like a user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from fieldsurvey.errors import PackageError
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.password_policy import WeakPasswordError
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.enrolment import issue_device, read_package

from fieldsurvey.ui.first_run_dialog import FirstRunDialog
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.unlock_dialog import UnlockDialog

from .conftest import type_text


def test_wrong_password_says_so_beside_the_field_and_keeps_the_dialog(qtbot, tmp_path) -> None:
    Workspace.create(tmp_path / "ws", "correct horse", kdf=KdfParams.cheap()).close()
    dialog = UnlockDialog(tmp_path / "ws", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.workspace is None
    assert "not right" in dialog.message.text()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "correct horse")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.workspace is not None
    assert dialog.password.text() == ""
    dialog.workspace.close()


def test_coordinator_workspace_from_the_first_run_dialog(qtbot, tmp_path: Path) -> None:
    dialog = FirstRunDialog(tmp_path / "coord", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.coordinator_choice, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentIndex() == 2
    type_text(dialog.campaign_name, "Mnet Hoàn Kiếm 2026")
    dialog.recovery_file.setText(str(tmp_path / "recovery.txt"))
    qtbot.keyClicks(dialog.coord_pw, "short")
    qtbot.keyClicks(dialog.coord_pw2, "short")
    dialog.ok_button.click()
    assert dialog.workspace is None
    too_short = WeakPasswordError("store.password_too_short", min_length=8)
    assert dialog.message.text() == too_short.text(translations.language)
    assert not (tmp_path / "coord").exists()
    for field in (dialog.coord_pw, dialog.coord_pw2):
        field.setText("a long coordinator password")
    dialog.ok_button.click()
    assert dialog.workspace is not None
    assert dialog.workspace.role == "coordinator"
    assert (tmp_path / "recovery.txt").is_file()
    dialog.workspace.close()
    reopened = Workspace.open(tmp_path / "coord", "a long coordinator password")
    assert reopened.role == "coordinator"
    reopened.close()


def test_a_real_coordinator_starts_with_no_wards_but_its_own(qtbot, tmp_path: Path) -> None:
    """The demo's wards are for the demo: a real campaign names its own."""
    from fieldsurvey.sync.campaign import CAMPAIGN_SETTING

    dialog = FirstRunDialog(tmp_path / "coord", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.coordinator_choice.click()
    assert dialog.wards.text() == ""
    assert "Phúc Tân" not in dialog.wards.placeholderText()
    type_text(dialog.campaign_name, "Mnet Hai Bà Trưng 2027")
    type_text(dialog.wards, "Bạch Đằng, Thanh Lương")
    dialog.recovery_file.setText(str(tmp_path / "recovery.txt"))
    for field in (dialog.coord_pw, dialog.coord_pw2):
        field.setText("a long coordinator password")
    dialog.ok_button.click()
    assert dialog.workspace is not None
    campaign = dialog.workspace.get_setting(CAMPAIGN_SETTING)
    assert campaign["wards"] == ["Bạch Đằng", "Thanh Lương"]
    dialog.workspace.close()


def test_laptop_from_a_device_package(qtbot, tmp_path: Path) -> None:
    from fieldsurvey.sync.campaign import init_campaign

    coord, _ = init_campaign(
        tmp_path / "coord",
        "coordinator pw",
        name="Mnet",
        recovery_key_out=tmp_path / "rec.txt",
        wards=["Phúc Tân"],
        kdf=KdfParams.cheap(),
    )
    data, _device = issue_device(coord, "laptop-1", "package passphrase words")
    coord.close()
    package = tmp_path / "laptop-1.fspkg"
    package.write_bytes(data)

    dialog = FirstRunDialog(tmp_path / "laptop", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.laptop_choice.click()
    dialog.package_file.setText(str(package))
    dialog.package_pass.setText("not the passphrase")
    dialog.laptop_pw.setText("laptop password")
    dialog.laptop_pw2.setText("laptop password")
    dialog.ok_button.click()
    assert dialog.workspace is None
    with pytest.raises(PackageError) as refused:
        read_package(package, "not the passphrase")
    # the core's message, in the app's language (not the English of str(exc))
    assert dialog.message.text() == refused.value.text(translations.language)
    assert not (tmp_path / "laptop" / "workspace.json").exists()
    dialog.package_pass.setText("package passphrase words")
    dialog.ok_button.click()
    assert dialog.workspace is not None
    assert dialog.workspace.role == "laptop"
    dialog.workspace.close()


def test_demo_choice_builds_the_demo_once_and_opens_its_coordinator(qtbot, tmp_path) -> None:
    dialog = FirstRunDialog(tmp_path / "home", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.open_demo(households=12)
    assert dialog.workspace is not None
    assert dialog.workspace.role == "coordinator"
    from fieldsurvey.store.interviews import list_interviews

    assert len(list_interviews(dialog.workspace)) >= 12
    dialog.workspace.close()
    assert (tmp_path / "home-demo" / "coordinator").is_dir()
    assert not (tmp_path / "home").exists()  # the user's own workspace is still to be made


def test_first_run_refuses_the_passwords_the_store_refuses_in_the_apps_language(
    qtbot, tmp_path: Path
) -> None:
    dialog = FirstRunDialog(tmp_path / "coord", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.coordinator_choice.click()
    dialog.campaign_name.setText("Mnet")
    dialog.recovery_file.setText(str(tmp_path / "recovery.txt"))
    before = translations.language
    try:
        for lang, blank, short in (
            ("vi", "Mật khẩu không được để trống", "Mật khẩu cần có ít nhất 8 ký tự."),
            ("en", "The password must not be empty", "The password needs at least 8 characters."),
        ):
            translations.language = lang
            for field in (dialog.coord_pw, dialog.coord_pw2):
                field.setText("        ")
            dialog.ok_button.click()
            assert dialog.message.text().startswith(blank)
            for field in (dialog.coord_pw, dialog.coord_pw2):
                field.setText("7 chars")
            dialog.ok_button.click()
            assert dialog.message.text() == short
    finally:
        translations.language = before
    assert dialog.workspace is None
    assert not (tmp_path / "coord").exists()


def test_a_slow_unlock_says_why_and_asks_to_wait(qtbot, tmp_path, monkeypatch) -> None:
    """The first opening after an update upgrades the workspace (minutes at 1,000,000
    interviews): after a few seconds of "Unlocking…" the dialog says why and asks the
    user to wait instead of closing the app; the workspace then opens as usual. The
    opening runs in a real worker thread, made slow here."""
    import threading

    from fieldsurvey.store import workspace as workspace_module

    from fieldsurvey.ui import unlock_dialog

    Workspace.create(tmp_path / "ws", "correct horse", kdf=KdfParams.cheap()).close()
    monkeypatch.setattr(unlock_dialog, "SLOW_UNLOCK_MS", 100)
    release = threading.Event()
    real_open = workspace_module.Workspace.open.__func__  # type: ignore[attr-defined]

    def slow_open(cls, home, password):  # type: ignore[no-untyped-def]
        release.wait(10)  # as long as the test says: an upgrade at work
        return real_open(cls, home, password)

    monkeypatch.setattr(workspace_module.Workspace, "open", classmethod(slow_open))
    runner = TaskRunner()
    dialog = UnlockDialog(tmp_path / "ws", runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "correct horse")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.message.text() == "Unlocking…"
    qtbot.waitUntil(lambda: "do not close" in dialog.message.text(), timeout=3000)
    assert dialog.workspace is None and not dialog.unlock_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: dialog.workspace is not None, timeout=10_000)
    dialog.workspace.close()
    runner.wait_all()
