"""One password policy in the store: creating, resetting and changing a password all
refuse a blank or short password with the same coded message, and change nothing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.password_policy import MIN_LENGTH, WeakPasswordError, check_password
from fieldsurvey.store.workspace import WORKSPACE_FILE, Workspace

from .conftest import PASSWORD, digest

WEAK = [("", "store.password_blank"), ("   ", "store.password_blank"),
        ("seven77", "store.password_too_short")]  # fmt: skip


def test_the_minimum_is_the_first_run_windows_eight() -> None:
    assert MIN_LENGTH == 8
    check_password("8 chars!")
    with pytest.raises(WeakPasswordError) as info:
        check_password("7 chars")
    assert info.value.params == {"min_length": 8}
    assert info.value.text("en") == "The password needs at least 8 characters."
    assert info.value.text("vi") == "Mật khẩu cần có ít nhất 8 ký tự."


def test_whitespace_of_any_length_is_blank() -> None:
    with pytest.raises(WeakPasswordError) as info:
        check_password(" \t" * 8)
    assert info.value.code == "store.password_blank"
    assert "trống" in info.value.text("vi")


def test_vietnamese_letters_count_once_however_they_were_typed() -> None:
    decomposed = unicodedata.normalize("NFD", "mật khẩu")  # 8 letters, 12 code points
    assert len(decomposed) > 8
    check_password(decomposed)
    short = unicodedata.normalize("NFD", "mật khẩ")  # 7 letters, 11 code points
    assert len(short) >= 8
    with pytest.raises(WeakPasswordError):
        check_password(short)


@pytest.mark.parametrize(("password", "code"), WEAK)
def test_create_refuses_a_weak_password_and_leaves_no_folder(
    tmp_path: Path, password: str, code: str
) -> None:
    home = tmp_path / "ws"
    with pytest.raises(WeakPasswordError) as info:
        Workspace.create(home, password, kdf=KdfParams.cheap())
    assert info.value.code == code
    assert not home.exists()


@pytest.mark.parametrize(("password", "code"), WEAK)
def test_set_password_refuses_and_the_old_password_still_opens(
    ws: Workspace, home: Path, password: str, code: str
) -> None:
    before = digest(home / WORKSPACE_FILE)
    with pytest.raises(WeakPasswordError) as info:
        ws.set_password(password)
    assert info.value.code == code
    ws.close()
    assert digest(home / WORKSPACE_FILE) == before
    Workspace.open(home, PASSWORD).close()


@pytest.mark.parametrize(("password", "code"), WEAK)
def test_change_password_refuses_and_the_old_password_still_opens(
    ws: Workspace, home: Path, password: str, code: str
) -> None:
    with pytest.raises(WeakPasswordError) as info:
        ws.change_password(PASSWORD, password)
    assert info.value.code == code
    ws.close()
    Workspace.open(home, PASSWORD).close()


def test_a_refused_change_is_refused_before_the_old_password_is_checked(ws: Workspace) -> None:
    # The weak new password is named first, whatever the old one: one clear message.
    with pytest.raises(WeakPasswordError):
        ws.change_password("not the password", "short")
