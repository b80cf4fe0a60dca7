"""Errors reach the user in one dialog, with plain words, and no traceback for typed ones."""

from __future__ import annotations

from fieldsurvey.errors import StorageFullError, WrongPasswordError

from fieldsurvey.ui.errors import build_error_box


def test_typed_error_shows_its_message_and_no_traceback(qtbot) -> None:
    box = build_error_box(None, WrongPasswordError("The password does not open this workspace."))
    qtbot.addWidget(box)
    assert box.text() == "The password is not right"
    assert box.informativeText() == "The password does not open this workspace."
    assert box.detailedText() == ""


def test_kinds_of_error_get_their_own_heading(qtbot) -> None:
    box = build_error_box(None, StorageFullError("No space left on the disk; nothing was saved."))
    qtbot.addWidget(box)
    assert box.text() == "The disk is full"


def test_a_refused_receipt_is_not_called_a_bundle(qtbot) -> None:
    """A bundle file given as a receipt used to be headed "A bundle was refused"."""
    from fieldsurvey.errors import ReceiptError

    from fieldsurvey.ui.i18n import translations

    exc = ReceiptError("sync.data.receipt_other_device")
    box = build_error_box(None, exc)
    qtbot.addWidget(box)
    assert (box.text(), box.informativeText()) == (
        "The receipt was refused",
        "This receipt is for another device.",
    )
    translations.install("vi")
    box = build_error_box(None, exc)
    qtbot.addWidget(box)
    assert box.text() == "Biên nhận bị từ chối"
    assert box.informativeText() == exc.text("vi") != exc.text("en")


def test_unexpected_error_offers_the_traceback_to_copy(qtbot) -> None:
    try:
        raise KeyError("boom")
    except KeyError as exc:
        box = build_error_box(None, exc)
    qtbot.addWidget(box)
    assert "inside FieldSurvey" in box.text()
    assert "KeyError" in box.detailedText()
    assert "test_unexpected_error" in box.detailedText()
