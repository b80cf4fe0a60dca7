"""Who is acting: one rule in the store for the app and the CLI."""

from __future__ import annotations

import getpass

import pytest

from fieldsurvey.store import actor
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import DEVICE_SETTING

from .conftest import FORM_ID, FORM_VERSION


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "hoa")


def _no_login() -> str:
    raise OSError("no login name")


def test_the_store_reads_the_setting_sync_writes() -> None:
    assert actor.DEVICE_SETTING == DEVICE_SETTING


@pytest.mark.usefixtures("login")
def test_the_enumerator_setting_comes_first(ws: Workspace) -> None:
    ws.set_setting(DEVICE_SETTING, {"device_name": "laptop-3"})
    ws.set_setting(actor.ENUMERATOR_SETTING, "Nguyễn Thị Lan")
    assert ws.acting_person() == "Nguyễn Thị Lan"


@pytest.mark.usefixtures("login")
def test_then_the_laptops_device_name(ws: Workspace) -> None:
    ws.set_setting(DEVICE_SETTING, {"device_name": "laptop-3", "device_id": "d1"})
    assert ws.acting_person() == "laptop-3"
    ws.set_setting(actor.ENUMERATOR_SETTING, "  ")  # blank: ignored
    assert ws.acting_person() == "laptop-3"


@pytest.mark.usefixtures("login")
def test_then_the_login_name(ws: Workspace) -> None:
    assert ws.acting_person() == "hoa"


def test_unknown_when_the_system_has_no_login_name(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(getpass, "getuser", _no_login)
    assert ws.acting_person() == "unknown"


@pytest.mark.usefixtures("login", "form")
def test_an_interview_created_without_an_enumerator_is_audited_as_the_acting_person(
    ws: Workspace,
) -> None:
    from fieldsurvey.store import audit

    ws.set_setting(DEVICE_SETTING, {"device_name": "laptop-3"})
    made = iv.new_interview(
        ws, form_id=FORM_ID, form_version=FORM_VERSION, ward="w", household_id="h",
        enumerator="",
    )  # fmt: skip
    assert [e.who for e in audit.entries(ws, made.uuid)] == ["laptop-3"]
