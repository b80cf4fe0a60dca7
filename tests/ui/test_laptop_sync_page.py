"""A laptop exports a bundle and takes back the coordinator's receipt, from the page."""

from __future__ import annotations

from pathlib import Path

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.interviews import InterviewStatus, complete, get_interview, new_interview
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.receipts import build_receipt

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
    assert "2 interview(s) written" in page.result.text()
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


def test_a_forged_receipt_is_refused_in_place_and_changes_nothing(qtbot, campaign, tmp_path):
    _coord, laptop = campaign
    page = LaptopSyncPage(laptop, TaskRunner(synchronous=True), who="Hoa")
    qtbot.addWidget(page)
    fake = Path(tmp_path / "receipt.fsr")
    fake.write_bytes(b"FIELDSURVEY-RECEIPT\x00" + b"\x01" * 200)
    page.import_receipt_file(fake)
    assert "receipt" in page.result.text().lower()
    assert page.export_button.isEnabled()
