"""The coordinator imports a folder of bundles, issues and revokes laptops, publishes forms."""

from __future__ import annotations

import re
from pathlib import Path

from fieldsurvey.resources import resource_path
from fieldsurvey.store.interviews import complete, new_interview
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.device_package import open_sealed
from fieldsurvey.sync.devices import list_devices

from fieldsurvey.ui.coordinator_page import CoordinatorPage
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import form_version


def _completed(laptop, household: str) -> str:
    interview = new_interview(
        laptop,
        form_id="mnet_migrant_household",
        form_version=form_version(laptop),
        ward="Chương Dương",
        household_id=household,
        enumerator="Nam",
    )
    complete(laptop, interview.uuid, who="Nam")
    return interview.uuid


def test_import_a_folder_reports_each_file_and_refuses_a_forged_one(qtbot, campaign, tmp_path):
    coord, laptop = campaign
    usb = tmp_path / "usb"
    usb.mkdir()
    _completed(laptop, "CD-1")
    export_bundle(laptop, usb)
    _completed(laptop, "CD-2")
    _completed(laptop, "CD-1")  # same household twice: a possible duplicate
    export_bundle(laptop, usb)
    good = sorted(usb.glob("*.fsb"))
    forged = usb / "zz-forged.fsb"
    data = bytearray(good[0].read_bytes())
    data[-10] ^= 1
    forged.write_bytes(bytes(data))

    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    page.import_folder(usb)
    statuses = [r.status for r in page.report_model.rows]
    assert statuses == ["accepted", "accepted", "rejected"]
    assert "2 accepted, 0 already imported, 1 refused" in page.import_result.text()
    assert page.report_model.index(2, 1).data() == "REFUSED"
    assert page.report_model.index(0, 2).data() == "1 new, 0 updated, 0 unchanged, 0 conflicts"
    page.show()
    page.tabs.setCurrentWidget(page.duplicates_tab)
    assert page.duplicates_model.rowCount() == 1
    assert page.duplicates_result.text().startswith("1 groups")

    page.tabs.setCurrentWidget(page.import_tab)
    page.import_folder(usb)
    assert "0 accepted, 2 already imported, 1 refused" in page.import_result.text()
    page.tabs.setCurrentWidget(page.forms_tab)
    in_use = [(v.device_name, v.form_id, v.interviews) for v in page.in_use_model.rows]
    assert in_use == [("laptop-1", "mnet_migrant_household", 3)]


def test_the_whole_store_scans_run_only_while_their_tab_is_shown(
    qtbot, campaign, tmp_path, monkeypatch
):
    """Possible duplicates read every interview: with 1,000,000 a read takes about a
    minute, so an import does not start one for a tab nobody looks at; the tab is read
    when shown, with what the import brought."""
    import fieldsurvey.ui.coordinator_page as coordinator_page

    coord, laptop = campaign
    usb = tmp_path / "usb"
    usb.mkdir()
    reads = []
    real = coordinator_page.all_duplicates
    monkeypatch.setattr(coordinator_page, "all_duplicates", lambda ws: reads.append(1) or real(ws))
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    page.show()
    assert reads == []  # the import tab is shown first
    _completed(laptop, "CD-1")
    _completed(laptop, "CD-1")
    export_bundle(laptop, usb)
    page.import_folder(usb)
    assert reads == []
    page.tabs.setCurrentWidget(page.duplicates_tab)
    assert reads == [1]
    assert page.duplicates_model.rowCount() == 1
    page.tabs.setCurrentWidget(page.import_tab)
    page.tabs.setCurrentWidget(page.duplicates_tab)
    assert reads == [1]  # nothing changed: not read again
    _completed(laptop, "CD-2")
    _completed(laptop, "CD-2")
    export_bundle(laptop, usb)
    page.import_folder(usb)  # the duplicates tab is shown: read at once
    assert reads == [1, 1]
    assert page.duplicates_model.rowCount() == 2


def test_issue_shows_the_passphrase_that_opens_the_package_then_revoke(
    qtbot, campaign, tmp_path, shown_dialogs
):
    coord, _laptop = campaign
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    out = tmp_path / "laptop-2.fspkg"
    passphrase = page.issue("laptop-2", out)
    assert passphrase is not None
    assert any(passphrase in text for text in shown_dialogs)
    assert open_sealed(out.read_bytes(), passphrase).device_name == "laptop-2"
    names = [d.name for d in page.devices_model.rows]
    assert names == ["laptop-1", "laptop-2"]
    issued = page.devices_model.index(1, 1).data()  # as the app shows dates: dd/mm/yyyy
    assert re.fullmatch(r"\d\d/\d\d/20\d\d \d\d:\d\d", issued), issued
    assert not page.revoke_button.isEnabled()  # no laptop chosen
    page.devices_view.selectRow(1)
    assert page.revoke_button.isEnabled()
    shown_dialogs.clear()
    page.revoke_button.click()
    assert len(shown_dialogs) == 1 and "Revoke laptop laptop-2?" in shown_dialogs[0]
    revoked = {d.name: d.active for d in list_devices(coord)}
    assert revoked == {"laptop-1": True, "laptop-2": False}
    assert page.devices_model.index(1, 2).data() == "revoked"


def test_a_new_laptop_is_given_its_ward_and_gets_only_that_share(
    qtbot, campaign, tmp_path, shown_dialogs, monkeypatch
):
    """The coordinator names the laptop, picks its ward from the campaign's, and saves
    the package: the package says that ward; "every ward" leaves it the campaign's."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from fieldsurvey.sync.devices import wards_of

    coord, _laptop = campaign
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    offered: list[list[str]] = []

    def pick(_parent, _title, _label, items, *_args):
        offered.append(list(items))
        return items[2], True  # the second ward of the campaign

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("laptop-cd", True))
    monkeypatch.setattr(QInputDialog, "getItem", pick)
    out = tmp_path / "laptop-cd.fspkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.ask_issue()
    assert offered == [["Every ward of the campaign", "Phúc Tân", "Chương Dương"]]
    passphrase = next(t for t in shown_dialogs if "passphrase" in t.lower())
    assert passphrase
    device = next(d for d in list_devices(coord) if d.name == "laptop-cd")
    assert wards_of(coord, device.device_id, ["Phúc Tân", "Chương Dương"]) == ["Chương Dương"]

    out = tmp_path / "laptop-all.fspkg"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("laptop-all", True))
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, items, *a: (items[0], True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.ask_issue()
    device = next(d for d in list_devices(coord) if d.name == "laptop-all")
    assert wards_of(coord, device.device_id, ["Phúc Tân", "Chương Dương"]) == [
        "Phúc Tân",
        "Chương Dương",
    ]


def test_publish_the_default_form_then_a_broken_file_is_refused_in_place(
    qtbot, campaign, tmp_path: Path
):
    coord, _laptop = campaign
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    page.publish(resource_path("forms", "migrant_household.xlsx"))
    assert "Published mnet_migrant_household" in page.forms_result.text()
    assert [f.form_id for f in page.forms_model.rows] == ["mnet_migrant_household"]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a spreadsheet")
    page.publish(broken)
    assert "questionnaire" in page.forms_result.text().lower()
    assert page.forms_model.rowCount() == 1


ATTACHED_FORM = """
| survey |
|        | type                         | name | label |
|        | select_one_from_file wards.csv | ward | Ward  |
|        | note                         | map  | Map   |
| settings |
|          | form_id | version |
|          | wardlist | 1      |
"""


def test_publish_takes_the_files_beside_the_form_and_names_the_missing_ones(
    qtbot, campaign, tmp_path: Path
):
    from fieldsurvey.forms.markdown_form import markdown_to_xlsx
    from fieldsurvey.store import forms as forms_store

    coord, _laptop = campaign
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    form = markdown_to_xlsx(ATTACHED_FORM, tmp_path / "wardlist.xlsx")
    page.publish(form)
    assert "Files it needs are missing: wards.csv" in page.forms_result.text()
    assert "wardlist-media" in page.forms_result.text()
    (tmp_path / "wardlist-media").mkdir()
    (tmp_path / "wardlist-media" / "wards.csv").write_bytes(
        "name,label\nphuc_tan,Phúc Tân\n".encode()
    )
    page.publish(form)
    assert "Files published with it: wards.csv." in page.forms_result.text()
    assert "missing" not in page.forms_result.text()
    stored = forms_store.read_attachments(coord, "wardlist", "1")
    assert [a.name for a in stored] == ["wards.csv"]


def test_publish_shows_what_the_app_cannot_do_with_the_form(qtbot, campaign, tmp_path: Path):
    from fieldsurvey.forms.markdown_form import markdown_to_xlsx

    coord, _laptop = campaign
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    form = markdown_to_xlsx(
        "| survey |\n| | type | name | label |\n| | start-geopoint | where | |\n"
        "| | text | q | Q |\n| settings |\n| | form_id | version |\n| | gps | 1 |\n",
        tmp_path / "gps.xlsx",
    )
    page.publish(form)
    assert "Published gps version 1." in page.forms_result.text()
    assert "• " in page.forms_result.text() and "start-geopoint" in page.forms_result.text()


def _conflict(coord, laptop, folder, coordinator: dict, on_laptop: dict) -> str:
    """An interview of household PT-77 (enumerator Hoa) returned for correction, then
    changed on both sides: ``coordinator`` and ``on_laptop`` map paths to values."""
    from fieldsurvey.store import interviews as iv
    from fieldsurvey.sync.bundle_import import import_files
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
    iv.return_for_correction(coord, interview.uuid, "Kiểm tra lại", "coordinator")
    import_receipt(laptop, build_receipt(coord, "laptop-1")[0], who="Hoa")
    for path, value in coordinator.items():
        iv.set_answer(coord, interview.uuid, path, value, who="coordinator")
    for path, value in on_laptop.items():
        iv.set_answer(laptop, interview.uuid, path, value, who="Hoa")
    iv.complete(laptop, interview.uuid, who="Hoa")
    ship()
    return interview.uuid


def test_conflict_shown_by_household_with_labels_and_resolved_with_a_click(
    qtbot, campaign, tmp_path
):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from fieldsurvey.store.interviews import get_interview
    from fieldsurvey.sync.conflicts import list_conflicts

    from fieldsurvey.ui.i18n import translations

    coord, laptop = campaign
    uuid = _conflict(
        coord, laptop, tmp_path,
        {"respondent/resp_age": 33, "respondent/resp_sex": "male"},
        {"respondent/resp_age": 34, "respondent/resp_sex": "other"},
    )  # fmt: skip
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    model = page.conflicts_model
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == ["PT-77", "Phúc Tân", "Hoa", "laptop-1", "Age (completed years); Sex"]
    assert uuid in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)  # the whole id
    assert not page.take_button.isEnabled()  # nothing chosen yet

    page.conflicts_view.selectRow(0)
    detail = page.detail_model
    shown = [[detail.index(r, c).data() for c in range(3)] for r in range(detail.rowCount())]
    assert shown == [
        ["Age (completed years)", "33", "34"],
        ["Sex", "male – Male", "other – Other"],
    ]
    assert detail.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "respondent/resp_age"
    about = page.conflicts_tab.about.text()
    assert "PT-77" in about and "Hoa" in about and uuid in about
    page.conflicts_view.setFocus()
    page.conflicts_tab.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == uuid

    translations.install("vi")  # the form's Vietnamese labels follow the app's language
    assert detail.index(1, 0).data() == "Giới tính"
    assert detail.index(1, 1).data() == "male – Nam"
    assert model.index(0, 4).data() == "Tuổi (số năm tròn); Giới tính"
    translations.install("en")

    page.take_button.click()
    assert list_conflicts(coord) == []
    assert page.conflicts_model.rowCount() == 0
    answers = get_interview(coord, uuid).answers["respondent"]
    assert (answers["resp_age"], answers["resp_sex"]) == (34, "other")
    assert page.conflicts_result.text() == "Conflict resolved."


def test_cancelled_import_stops_before_the_next_file_and_reports_progress(campaign, tmp_path):
    import pytest

    from fieldsurvey.progress import Cancelled, CancelToken
    from fieldsurvey.store.interviews import list_interviews
    from fieldsurvey.sync.bundle_import import bundle_files, import_files

    coord, laptop = campaign
    _completed(laptop, "CD-1")
    export_bundle(laptop, tmp_path)
    _completed(laptop, "CD-2")
    export_bundle(laptop, tmp_path)
    paths = bundle_files(tmp_path)
    assert len(paths) == 2

    token = CancelToken()
    seen = []

    def progress(step):
        seen.append(step.done)
        if step.done == 1:
            token.cancel()

    with pytest.raises(Cancelled):
        import_files(coord, paths, progress=progress, cancel=token)
    assert [r.household_id for r in list_interviews(coord)] == ["CD-1"]
    assert seen == [0, 1]
