"""A laptop exports a bundle and takes back the coordinator's receipt, from the page."""

from __future__ import annotations

from pathlib import Path

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.interviews import InterviewStatus, complete, get_interview, new_interview
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.receipts import build_receipt, import_receipt

from fieldsurvey.ui.laptop_sync_page import LaptopSyncPage
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import form_version


def test_export_then_receipt_updates_what_the_enumerator_sees(qtbot, campaign, tmp_path) -> None:
    coord, laptop = campaign
    uuids = []
    for i in range(3):
        interview = new_interview(
            laptop,
            form_id="mnet_migrant_household",
            form_version=form_version(laptop),
            ward="Phúc Tân",
            household_id=f"PT-{i}",
            enumerator="Hoa",
        )
        uuids.append(interview.uuid)
    complete(laptop, uuids[0], who="Hoa")
    complete(laptop, uuids[1], who="Hoa")

    runner = TaskRunner(synchronous=True)
    page = LaptopSyncPage(laptop, runner, who="Hoa")
    qtbot.addWidget(page)
    assert page.counts[InterviewStatus.COMPLETED].text() == "2"
    assert page.counts[InterviewStatus.DRAFT].text() == "1"

    usb = tmp_path / "usb"
    usb.mkdir()
    with qtbot.waitSignal(runner.changed) as changed:
        page.export_to(usb)
    assert sorted(changed.args[0].interviews) == sorted(uuids[:2])  # the app hears of it
    bundles = list(usb.glob("*.fsb"))
    assert len(bundles) == 1
    assert page.result.text().startswith("2 interviews written to ")
    assert page.counts[InterviewStatus.COMPLETED].text() == "0"
    assert page.counts[InterviewStatus.EXPORTED].text() == "2"

    page.export_to(usb)
    assert "Nothing to send" in page.result.text()

    report = import_files(coord, bundles)
    assert not report.any_rejected
    # a corrected questionnaire, published after the laptop was set up, comes along
    spec = FormSpec(form_id="mnet_migrant_household", version="99", title="Hộ di cư")
    forms_store.save_form(coord, spec.form_id, "99", spec.model_dump_json(), "corrected")
    data, _payload = build_receipt(coord, "laptop-1")
    receipt = tmp_path / "receipt.fsr"
    receipt.write_bytes(data)
    page.import_receipt_file(receipt)
    assert "2 confirmed" in page.result.text()
    assert "New questionnaire versions installed: Hộ di cư (99)." in page.result.text()
    assert page.counts[InterviewStatus.ACKNOWLEDGED].text() == "2"
    assert get_interview(laptop, uuids[0]).status == InterviewStatus.ACKNOWLEDGED


def _acknowledged_on_the_laptop(campaign, tmp_path, count: int) -> list[str]:
    """``count`` interviews with answers, sent and confirmed by the coordinator."""
    coord, laptop = campaign
    uuids = []
    for i in range(count):
        interview = new_interview(
            laptop, form_id="mnet_migrant_household", form_version=form_version(laptop),
            ward="Phúc Tân", household_id=f"PT-{i}", enumerator="Hoa", respondent=f"Người {i}",
            answers={"consent_section": {"consent": "yes"}},
        )  # fmt: skip
        complete(laptop, interview.uuid, who="Hoa")
        uuids.append(interview.uuid)
    result = export_bundle(laptop, tmp_path)
    import_files(coord, [result.path])
    data, _payload = build_receipt(coord, "laptop-1")
    import_receipt(laptop, data, who="Hoa")
    return uuids


def test_removing_confirmed_answers_asks_first_naming_how_many(
    qtbot, campaign, tmp_path, shown_dialogs, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    _coord, laptop = campaign
    page = LaptopSyncPage(laptop, TaskRunner(synchronous=True), who="Hoa")
    qtbot.addWidget(page)
    assert not page.purge_button.isEnabled()  # nothing confirmed yet: nothing to remove
    uuids = _acknowledged_on_the_laptop(campaign, tmp_path, 3)
    page.refresh()
    assert page.purge_button.isEnabled()
    monkeypatch.setattr(
        QMessageBox, "question",
        staticmethod(lambda *a: shown_dialogs.append(a[2]) or QMessageBox.StandardButton.No),
    )  # fmt: skip
    page.purge_button.click()
    assert shown_dialogs[-1].startswith(
        "Remove the answers of 3 interviews confirmed by the coordinator from this laptop?"
    )
    assert get_interview(laptop, uuids[0]).answers != {}  # "No": nothing removed
    monkeypatch.setattr(
        QMessageBox, "question",
        staticmethod(lambda *a: shown_dialogs.append(a[2]) or QMessageBox.StandardButton.Yes),
    )  # fmt: skip
    page.purge_button.click()
    assert all(get_interview(laptop, u).answers == {} for u in uuids)
    assert page.result.text() == "Answers of 3 confirmed interviews removed from this laptop."
    assert not page.purge_button.isEnabled()  # done: nothing left to remove


def test_removing_one_confirmed_interview_says_one_interview(
    qtbot, campaign, tmp_path, shown_dialogs
) -> None:
    _coord, laptop = campaign
    _acknowledged_on_the_laptop(campaign, tmp_path, 1)
    page = LaptopSyncPage(laptop, TaskRunner(synchronous=True), who="Hoa")
    qtbot.addWidget(page)
    page.purge_button.click()
    assert "Remove the answers of 1 interview confirmed" in shown_dialogs[-1]
    assert page.result.text() == "Answers of 1 confirmed interview removed from this laptop."


def test_a_forged_receipt_is_refused_in_place_and_changes_nothing(qtbot, campaign, tmp_path):
    _coord, laptop = campaign
    page = LaptopSyncPage(laptop, TaskRunner(synchronous=True), who="Hoa")
    qtbot.addWidget(page)
    fake = Path(tmp_path / "receipt.fsr")
    fake.write_bytes(b"FIELDSURVEY-RECEIPT\x00" + b"\x01" * 200)
    page.import_receipt_file(fake)
    assert "receipt" in page.result.text().lower()
    assert page.export_button.isEnabled()
