"""The core's messages an enumerator meets are shown in Vietnamese, and the catalogue
stays in step with what the core really says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldsurvey.store.database import FULL_MESSAGE

from fieldsurvey.ui import core_messages
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.laptop_sync_page import LaptopSyncPage
from fieldsurvey.ui.tasks import TaskRunner

CORE = Path(__file__).resolve().parents[2] / "fieldsurvey"


def _core_source() -> str:
    return "\n".join(
        p.read_text("utf-8") for p in CORE.rglob("*.py") if "ui" not in p.relative_to(CORE).parts
    )


@pytest.fixture
def vietnamese(qapp):  # type: ignore[no-untyped-def]
    translations.install("vi")
    yield
    translations.install("en")


def test_every_fixed_message_is_still_raised_by_the_core() -> None:
    source = _core_source()
    for message in core_messages.FIXED:
        assert f'"{message}"' in source, message


def test_every_pattern_matches_what_the_core_writes() -> None:
    written = [
        "The receipt carries a malformed form ({form.form_id}).".replace("{form.form_id}", "hh"),
        FULL_MESSAGE.format(detail="No space left on device"),
        "Cannot write the bundle to E:\\usb: Permission denied.",
        "E:\\usb is not a folder.",
        "device 'laptop-3' was revoked on 2026-11-23T10:00:00+00:00",
        "signature of device 'laptop-3' is not valid",
        "EQUIVOCATION: device 'laptop-3' sent two different bundles numbered 4 "
        "(cloned disk or stolen key?)",
    ]
    source = _core_source()
    assert "The receipt carries a malformed form ({form.form_id})." in source
    assert 'f"Cannot write the bundle to {out_dir}: {exc.strerror}."' in source
    assert 'f"{out_dir} is not a folder."' in source
    assert 'f"device {device.name!r} was revoked on {device.revoked}"' in source
    assert 'f"signature of device {device.name!r} is not valid"' in source
    assert 'f"EQUIVOCATION: device {device.name!r} sent two different bundles numbered "' in source
    for message, (pattern, _text) in zip(written, core_messages.PATTERNS, strict=True):
        assert re.fullmatch(pattern, message, re.DOTALL), message


def test_messages_are_translated_with_their_details(vietnamese) -> None:  # type: ignore[no-untyped-def]
    assert (
        core_messages.translated("This receipt is for another device.")
        == "Biên nhận này dành cho một máy khác."
    )
    full = core_messages.translated(FULL_MESSAGE.format(detail="No space left on device"))
    assert full.startswith("Ổ đĩa đã đầy") and "(No space left on device)" in full
    assert (
        core_messages.translated("Cannot write the bundle to E:\\usb: Permission denied.")
        == "Không thể ghi gói dữ liệu vào E:\\usb: Permission denied."
    )
    unknown = "A message the catalogue does not have."
    assert core_messages.translated(unknown) == unknown


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
    assert "Biên nhận này dành cho một máy khác." in page.result.text()


def test_the_coordinator_sees_why_a_bundle_was_refused_in_vietnamese(
    qtbot, campaign, tmp_path, vietnamese
) -> None:  # type: ignore[no-untyped-def]
    from fieldsurvey.store.interviews import complete, new_interview
    from fieldsurvey.sync.bundle_writer import export_bundle
    from fieldsurvey.sync.devices import revoke_device

    from fieldsurvey.ui.coordinator_page import CoordinatorPage

    coord, laptop = campaign
    made = new_interview(laptop, form_id="f", form_version="1", ward="Phúc Tân",
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
    assert result.startswith("thiết bị: thiết bị 'laptop-1' đã bị thu hồi vào "), result
