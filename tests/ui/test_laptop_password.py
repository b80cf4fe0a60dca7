"""A forgotten laptop password is reset from the coordinator's Laptops tab, as
``fieldsurvey recovery reset-password`` does: with the campaign key or the printed
recovery key, after a confirmation, with the result or the reason in place."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from fieldsurvey.errors import WrongPasswordError
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.coordinator_page import CoordinatorPage
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.laptop_password_dialog import LaptopPasswordDialog, LaptopPasswordReset
from fieldsurvey.ui.tasks import TaskRunner


def _page(qtbot, coord) -> CoordinatorPage:
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    return page


def _opens(home, password: str) -> bool:
    try:
        Workspace.open(home, password).close()
    except WrongPasswordError:
        return False
    return True


def test_reset_with_the_campaign_key_after_a_confirmation(
    qtbot, campaign, tmp_path, monkeypatch, shown_dialogs
):
    coord, _laptop = campaign
    home = tmp_path / "laptop"
    page = _page(qtbot, coord)
    assert page.password_button.text() == "Reset a laptop's &password…"
    reset = LaptopPasswordReset(home, None, "mật khẩu mới 2026")
    monkeypatch.setattr(LaptopPasswordDialog, "ask", classmethod(lambda cls, parent: reset))
    page.password_button.click()
    assert len(shown_dialogs) == 1 and str(home) in shown_dialogs[0]  # asked first
    assert f"The laptop workspace in {home} has a new password" in page.devices_result.text()
    assert _opens(home, "mật khẩu mới 2026")
    assert not _opens(home, "laptop password")


def test_no_reset_when_the_coordinator_says_no(qtbot, campaign, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    coord, _laptop = campaign
    home = tmp_path / "laptop"
    page = _page(qtbot, coord)
    reset = LaptopPasswordReset(home, None, "mật khẩu mới 2026")
    monkeypatch.setattr(LaptopPasswordDialog, "ask", classmethod(lambda cls, parent: reset))
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    page.ask_reset_password()
    assert _opens(home, "laptop password")
    assert page.devices_result.text() == ""


def test_reset_with_the_printed_recovery_key(qtbot, campaign, tmp_path):
    coord, _laptop = campaign
    home = tmp_path / "laptop"
    page = _page(qtbot, coord)
    page.reset_password(LaptopPasswordReset(home, tmp_path / "recovery.txt", "một mật khẩu mới"))
    assert "has a new password" in page.devices_result.text()
    assert _opens(home, "một mật khẩu mới")


@pytest.mark.parametrize(
    ("lang", "heading", "reason"),
    [
        ("en", "The password was not reset.", "has no recovery slot"),
        ("vi", "Mật khẩu chưa được đặt lại.", "không có ô khôi phục"),
    ],
)
def test_a_workspace_without_a_recovery_slot_says_why_in_both_languages(
    qtbot, campaign, tmp_path, lang, heading, reason
):
    coord, _laptop = campaign
    page = _page(qtbot, coord)
    translations.install(lang)
    page.reset_password(LaptopPasswordReset(tmp_path / "coord", None, "mật khẩu mới 2026"))
    text = page.devices_result.text()
    assert heading in text and reason in text
    assert _opens(tmp_path / "coord", "coordinator password")


def test_the_dialog_checks_the_folder_and_the_passwords_before_it_closes(qtbot, tmp_path):
    dialog = LaptopPasswordDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.folder, str(tmp_path))
    qtbot.keyClicks(dialog.password, "mat khau moi")
    qtbot.keyClicks(dialog.password2, "mat khau moi")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "workspace.json" in dialog.message.text()
    assert dialog.result_value is None

    (tmp_path / "workspace.json").write_text("{}")
    qtbot.keyClick(dialog.password2, Qt.Key.Key_Backspace)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "The two passwords differ."

    dialog.recovery_key.setChecked(True)
    qtbot.keyClicks(dialog.password2, "i")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Choose the recovery key file."

    dialog.campaign_key.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result_value == LaptopPasswordReset(tmp_path, None, "mat khau moi")
