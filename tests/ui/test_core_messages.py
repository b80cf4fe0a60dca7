"""The core's errors reach the app with a code; the app shows the catalogue's text in its
own language (Vietnamese in the Vietnamese app, English in the English one), never by
matching English wording."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QLabel

from fieldsurvey import messages
from fieldsurvey.errors import StorageFullError

from fieldsurvey.ui.errors import build_error_box, show_inline_or_dialog
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.laptop_sync_page import LaptopSyncPage
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import form_version


@pytest.fixture
def vietnamese(qapp):  # type: ignore[no-untyped-def]
    translations.install("vi")
    yield
    translations.install("en")


def _disk_full() -> StorageFullError:
    return StorageFullError("db.storage_full", detail="No space left on device")


def test_a_coded_error_is_shown_in_vietnamese_in_the_vietnamese_app(qtbot, vietnamese) -> None:  # type: ignore[no-untyped-def]
    box = build_error_box(None, _disk_full())
    assert box.text() == "Ổ đĩa đã đầy"
    assert box.informativeText().startswith("Ổ đĩa đã đầy hoặc tệp không thể lớn thêm")
    assert "(No space left on device)" in box.informativeText()
    label = QLabel()
    qtbot.addWidget(label)
    show_inline_or_dialog(None, label, _disk_full())
    assert "thay đổi vừa rồi chưa được lưu" in label.text()


def test_the_same_error_is_shown_in_english_in_the_english_app(qapp) -> None:  # type: ignore[no-untyped-def]
    translations.install("en")
    box = build_error_box(None, _disk_full())
    assert box.text() == "The disk is full"
    assert box.informativeText() == (
        "The disk is full or the file cannot grow (No space left on device); the last change "
        "was not saved and the existing data is unchanged. Free some space and try again."
    )


def test_switching_the_app_language_switches_the_core_texts(qapp) -> None:  # type: ignore[no-untyped-def]
    try:
        translations.install("vi")
        assert messages.language() == "vi"
        assert _disk_full().text().startswith("Ổ đĩa đã đầy")
        translations.install("en")
        assert messages.language() == "en"
        assert _disk_full().text().startswith("The disk is full")
    finally:
        translations.install("en")


def test_a_receipt_for_another_laptop_is_refused_in_vietnamese(
    qtbot, campaign, tmp_path, vietnamese
) -> None:  # type: ignore[no-untyped-def]
    from fieldsurvey.sync import enrolment
    from fieldsurvey.sync.receipts import build_receipt

    coord, laptop = campaign
    enrolment.issue_device(coord, "laptop-2", "another passphrase")
    receipt = tmp_path / "receipt.fsr"
    receipt.write_bytes(build_receipt(coord, "laptop-2")[0])
    page = LaptopSyncPage(laptop, TaskRunner(synchronous=True), who="Hoa")
    qtbot.addWidget(page)
    page.import_receipt_file(receipt)
    assert "Biên nhận này dành cho máy khác." in page.result.text()
    assert "another device" not in page.result.text()


def test_the_coordinator_sees_why_a_bundle_was_refused_in_vietnamese(
    qtbot, campaign, tmp_path, vietnamese
) -> None:  # type: ignore[no-untyped-def]
    from fieldsurvey.store.interviews import complete, new_interview
    from fieldsurvey.sync.bundle_writer import export_bundle
    from fieldsurvey.sync.devices import revoke_device

    from fieldsurvey.ui.coordinator_page import CoordinatorPage

    coord, laptop = campaign
    made = new_interview(laptop, form_id="mnet_migrant_household",
                         form_version=form_version(laptop), ward="Phúc Tân",
                         household_id="PT-1", enumerator="Hoa")  # fmt: skip
    complete(laptop, made.uuid, who="Hoa")
    usb = tmp_path / "usb"
    usb.mkdir()
    export_bundle(laptop, usb)
    revoke_device(coord, "laptop-1")
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    page.import_folder(usb)
    result = page.report_model.index(0, 2).data()
    assert result.startswith("thiết bị: máy 'laptop-1' đã bị thu hồi vào "), result
