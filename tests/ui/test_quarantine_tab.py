"""The coordinator's Quarantine tab: an import says how many interviews failed their
form's checks; the tab lists them with the reason; Drop and Return act on one; publishing
the form version a record waits for merges it."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sync_helpers import EMPTY_HEAD, encrypted_payload, forge, wire

from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.store import quarantine
from fieldsurvey.store.interview_binding import derive_uuid
from fieldsurvey.sync.campaign import DeviceConfig, device_config_of

from fieldsurvey.ui.coordinator_page import CoordinatorPage
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import form_version

SMALL_FORM = """
| survey |
|        | type    | name    | label   |
|        | integer | members | Members |
| settings |
|          | form_id | version |
|          | small   | 3       |
"""


def _record(config: DeviceConfig, form_id: str, version: str, answers: Any) -> dict[str, Any]:
    nonce = secrets.token_hex(16)
    uuid = derive_uuid(config.device_id, nonce)
    return wire(config, uuid, 1, answers, form_id=form_id, form_version=version, nonce=nonce)


def _bundle(config: DeviceConfig, records: list[dict[str, Any]], folder: Path) -> None:
    payload = encrypted_payload(config, records)
    folder.mkdir()
    (folder / "a.fsb").write_bytes(forge(config, payload=payload, **EMPTY_HEAD))


def test_quarantine_tab_lists_drops_returns_and_merges_on_publish(qtbot, campaign, tmp_path):
    coord, laptop = campaign
    config = device_config_of(laptop)
    bad = _record(config, "mnet_migrant_household", form_version(laptop), {"salary": 1})
    waits = _record(config, "small", "3", {"members": 4})
    gone = _record(config, "small", "3", {"members": "\x1b[2J"})
    _bundle(config, [bad, waits, gone], tmp_path / "usb")

    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    page.import_folder(tmp_path / "usb")
    assert "3 interviews failed their form's checks" in page.import_result.text()
    assert page.report_model.index(0, 2).data().endswith(", 3 quarantined")
    assert page.tabs.tabText(5) == "Quarantine"

    rows = {q.uuid: q for q in page.quarantine_model.rows}
    assert set(rows) == {bad["uuid"], waits["uuid"], gone["uuid"]}
    row = [q.uuid for q in page.quarantine_model.rows].index(bad["uuid"])
    assert page.quarantine_model.index(row, 3).data() == "laptop-1"
    assert "salary" in page.quarantine_model.index(row, 6).data()
    row = [q.uuid for q in page.quarantine_model.rows].index(gone["uuid"])
    shown = page.quarantine_model.index(row, 6).data()
    assert shown == "members: the text contains control characters"
    row = [q.uuid for q in page.quarantine_model.rows].index(waits["uuid"])
    shown = page.quarantine_model.index(row, 6).data()
    assert shown == "form small version 3 is not installed: it waits until it is"

    page.return_to_laptop(bad["uuid"], "Xoá trường lạ")
    row = [q.uuid for q in page.quarantine_model.rows].index(bad["uuid"])
    assert page.quarantine_model.index(row, 5).data() == "returned: Xoá trường lạ"
    assert "goes back to its laptop" in page.quarantine_result.text()

    page.quarantine_view.selectRow(row)
    page.ask_drop()  # the confirmation is answered Yes (tests/ui/conftest.py)
    assert quarantine.get(coord, bad["uuid"]) is None
    assert bad["uuid"] not in {q.uuid for q in page.quarantine_model.rows}

    page.publish(markdown_to_xlsx(SMALL_FORM, tmp_path / "small.xlsx"))
    text = page.forms_result.text()
    assert "Published small version 3." in text
    assert "1 interview waiting in quarantine for it was merged." in text
    assert [q.uuid for q in page.quarantine_model.rows] == [gone["uuid"]]
    assert page.quarantine_model.index(0, 5).data() == "waiting"


def test_quarantined_records_show_household_ward_enumerator_and_question_labels(
    qtbot, campaign, tmp_path
):
    """The coordinator sees whose interview waits and which question failed, by its
    label in the app's language, and what the record holds there; the full id is in the
    tooltip and on the clipboard."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from fieldsurvey.ui.i18n import translations

    coord, laptop = campaign
    config = device_config_of(laptop)
    answers = {
        "consent_section": {"consent": "yes"},
        "respondent": {"resp_age": 150, "resp_sex": "female"},
    }
    old = _record(config, "mnet_migrant_household", form_version(laptop), answers)
    old.update(household_id="PT-9", enumerator="Hoa", ward="Phúc Tân")
    _bundle(config, [old], tmp_path / "usb")
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    page.import_folder(tmp_path / "usb")
    assert "1 interview failed its form's checks" in page.import_result.text()

    model = page.quarantine_model
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in range(4)]
    assert row == ["PT-9", "Phúc Tân", "Hoa", "laptop-1"]
    assert old["uuid"] in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    why = model.index(0, 6).data()
    assert why == "answers that break the form's constraints (1): Age (completed years)"
    assert "resp_age" not in why
    assert not page.drop_button.isEnabled()  # nothing chosen yet

    page.quarantine_view.selectRow(0)
    assert page.drop_button.isEnabled()
    about = page.quarantine_tab.about.text()
    assert "Age (completed years): received “150”" in about
    assert old["uuid"] in about
    page.quarantine_tab.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == old["uuid"]

    translations.install("vi")
    assert model.index(0, 6).data().endswith(": Tuổi (số năm tròn)")
    translations.install("en")
