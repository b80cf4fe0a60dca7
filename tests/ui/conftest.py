"""pytest-qt setup: Qt offscreen (also set in tests/conftest.py)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def private_qsettings(tmp_path_factory):
    """QSettings (the language choice) go to a temporary folder, not the user's."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("qsettings")),
    )


@pytest.fixture(autouse=True)
def shown_dialogs(monkeypatch) -> list[str]:
    """Modal message boxes never block a test: they are recorded here instead."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.informativeText()}")
        return int(QMessageBox.StandardButton.Ok.value)

    def fake_question(parent, title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(fake_question))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a: shown.append(a[2])))
    return shown


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` as an input method (Unikey, Telex) delivers it.

    QTest.keyClicks aborts on characters outside Latin-1 (Vietnamese letters such as
    'ạ'), and a Vietnamese input method commits composed text anyway, so each word
    arrives as an input-method commit, and spaces as key presses.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for i, word in enumerate(text.split(" ")):
        if i:
            QTest.keyClick(widget, Qt.Key.Key_Space)
        if word:
            event = QInputMethodEvent()
            event.setCommitString(word)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def campaign(tmp_path):
    """A coordinator workspace with the default survey, and one laptop set up from its
    device package (which brings the survey along)."""
    from fieldsurvey.forms.installed import install_default_form
    from fieldsurvey.keywrap import KdfParams
    from fieldsurvey.sync.campaign import init_campaign
    from fieldsurvey.sync.device_package import open_sealed
    from fieldsurvey.sync.enrolment import issue_device, setup_device

    coord, _ = init_campaign(
        tmp_path / "coord",
        "coordinator password",
        name="Mnet Hoàn Kiếm",
        recovery_key_out=tmp_path / "recovery.txt",
        wards=["Phúc Tân", "Chương Dương"],
        kdf=KdfParams.cheap(),
    )
    install_default_form(coord)
    data, _device = issue_device(coord, "laptop-1", "one time passphrase")
    laptop = setup_device(
        tmp_path / "laptop",
        open_sealed(data, "one time passphrase"),
        "laptop password",
        kdf=KdfParams.cheap(),
    )
    yield coord, laptop
    laptop.close()
    coord.close()


def form_version(ws) -> str:
    """The installed version of the default survey (interviews need their form)."""
    from fieldsurvey.store import forms as forms_store

    return next(
        f.version for f in forms_store.list_forms(ws) if f.form_id == "mnet_migrant_household"
    )


def make_conflict(coord, laptop, folder) -> str:
    """An interview edited on both sides after a return: a conflict on resp_age."""
    from fieldsurvey.store import interviews as iv
    from fieldsurvey.sync.bundle_import import import_files
    from fieldsurvey.sync.bundle_writer import export_bundle
    from fieldsurvey.sync.receipts import build_receipt, import_receipt

    interview = iv.new_interview(
        laptop,
        form_id="mnet_migrant_household",
        form_version=form_version(laptop),
        ward="Phúc Tân",
        household_id="PT-77",
        enumerator="Hoa",
        answers={"respondent": {"resp_age": 30, "resp_sex": "female"}},
    )
    iv.complete(laptop, interview.uuid, who="Hoa")

    def ship() -> None:
        result = export_bundle(laptop, folder)
        assert result.path is not None
        import_files(coord, [result.path])

    ship()
    iv.return_for_correction(coord, interview.uuid, "Kiểm tra lại tuổi", "coordinator")
    data, _ = build_receipt(coord, "laptop-1")
    import_receipt(laptop, data, who="Hoa")
    iv.set_answer(coord, interview.uuid, "respondent/resp_age", 33, who="coordinator")
    iv.set_answer(laptop, interview.uuid, "respondent/resp_age", 34, who="Hoa")
    iv.complete(laptop, interview.uuid, who="Hoa")
    ship()
    return interview.uuid


def seeded_workspace(folder, households: int, seed: int):
    """A laptop workspace with the default survey and ``households`` completed synthetic
    interviews (no real people), for the Reports tab."""
    from fieldsurvey.forms.installed import install_default_form
    from fieldsurvey.keywrap import KdfParams
    from fieldsurvey.reports.synthetic import synthetic_interviews
    from fieldsurvey.store.interviews import complete, new_interview
    from fieldsurvey.store.workspace import Workspace

    ws = Workspace.create(folder, "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    version = install_default_form(ws).version
    for item in synthetic_interviews(households, seed=seed):
        interview = new_interview(
            ws,
            form_id="mnet_migrant_household",
            form_version=version,
            ward=item.answers.get("location", {}).get("ward") or "Phúc Tân",
            household_id=item.uuid,
            enumerator="Hoa",
            answers=item.answers,
        )
        complete(ws, interview.uuid, who="Hoa")
    return ws


@pytest.fixture(autouse=True)
def english_app(qapp):
    """Every UI test starts in English, widgets and core texts alike (a test that wants
    Vietnamese installs it); without this the app's language would be whatever the
    previous test left, and core texts would follow the default (Vietnamese) while
    widgets, with no translator installed, stay English."""
    from fieldsurvey.ui.i18n import translations

    translations.install("en")
    yield
    translations.install("en")
