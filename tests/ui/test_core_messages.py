"""The core's messages an enumerator meets are shown in Vietnamese, and the catalogue
stays in step with what the core really says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldsurvey.store import FULL_MESSAGE

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
    ]
    source = _core_source()
    assert "The receipt carries a malformed form ({form.form_id})." in source
    assert 'f"Cannot write the bundle to {out_dir}: {exc.strerror}."' in source
    assert 'f"{out_dir} is not a folder."' in source
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
