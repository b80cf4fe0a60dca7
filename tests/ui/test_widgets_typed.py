"""Typed answers by appearance (masked, multiline, numbers, url, counter, thousands-sep),
answered by keyboard: the values are ODK's."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry import text_widgets
from fieldsurvey.ui.entry.number_widgets import CounterAnswer, NumberAnswer
from fieldsurvey.ui.entry.question_widgets import make_answer_widget
from fieldsurvey.ui.entry.text_widgets import (
    MaskedAnswer,
    MultilineAnswer,
    NumbersTextAnswer,
    UrlAnswer,
)


@pytest.fixture
def vietnamese_app(qapp):  # type: ignore[no-untyped-def]
    """The app in Vietnamese (tests/ui/conftest.py puts English back afterwards)."""
    from fieldsurvey.ui.i18n import translations

    translations.install("vi")


def node(type_: str, appearance: str | None = None) -> Node:
    return Node(kind="question", name="q", type=type_, path="q", appearance=appearance)


def shown(qtbot, widget) -> list[Any]:  # type: ignore[no-untyped-def]
    values: list[Any] = []
    widget.committed.connect(values.append)
    qtbot.addWidget(widget)
    widget.show()
    return values


def test_masked_text_is_hidden_while_typed_and_saved_as_typed(qtbot):
    widget = make_answer_widget(node("text", "masked"))
    values = shown(qtbot, widget)
    assert isinstance(widget, MaskedAnswer)
    assert widget.edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(widget.edit, "001090012345")
    assert widget.edit.displayText() != "001090012345"
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == ["001090012345"]
    widget.reveal.setChecked(True)
    assert widget.edit.displayText() == "001090012345"
    widget.reveal.setChecked(False)
    assert widget.edit.displayText() != "001090012345"


def test_multiline_keeps_new_lines_and_saves_when_left(qtbot):
    widget = make_answer_widget(node("text", "multiline"))
    values = shown(qtbot, widget)
    assert isinstance(widget, MultilineAnswer)
    assert isinstance(widget.focus_target(), QPlainTextEdit)
    box = widget.focus_target()
    qtbot.keyClicks(box, "Nha tro")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # a new line, not "next question"
    qtbot.keyClicks(box, "2 tang")
    assert values == []
    widget.flush()  # leaving the box (Tab) or the page
    assert values == ["Nha tro\n2 tang"]
    widget.flush()
    assert values == ["Nha tro\n2 tang"]  # saved once
    box.clear()
    widget.flush()
    assert values[-1] is None


def test_numbers_on_text_keeps_the_leading_zero_and_refuses_letters(qtbot):
    widget = make_answer_widget(node("text", "numbers"))
    values = shown(qtbot, widget)
    assert isinstance(widget, NumbersTextAnswer)
    qtbot.keyClicks(widget.edit, "0912 abc345-678")
    assert widget.edit.text() == "0912 345-678"
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == ["0912 345-678"]  # text, not a number


def test_url_offers_to_open_web_links_only(qtbot, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(
        text_widgets.QDesktopServices,
        "openUrl",
        staticmethod(lambda u: opened.append(u.toString())),
    )
    widget = make_answer_widget(node("text", "url"))
    values = shown(qtbot, widget)
    assert isinstance(widget, UrlAnswer)
    assert not widget.open.isEnabled()
    qtbot.keyClicks(widget.edit, "https://example.org/a")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == ["https://example.org/a"] and widget.open.isEnabled()
    widget.set_value("https://example.org/khao-sat")
    assert widget.open.isEnabled()
    qtbot.mouseClick(widget.open, Qt.MouseButton.LeftButton)
    assert opened == ["https://example.org/khao-sat"]
    widget.set_value("file:///etc/passwd")
    assert not widget.open.isEnabled()


def test_counter_counts_with_keys_and_buttons(qtbot):
    widget = make_answer_widget(node("integer", "counter"))
    values = shown(qtbot, widget)
    assert isinstance(widget, CounterAnswer)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Up)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Plus)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Plus)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Minus)
    assert values == [1, 2, 3, 2] and widget.edit.text() == "2"
    qtbot.mouseClick(widget.plus, Qt.MouseButton.LeftButton)
    assert values[-1] == 3
    widget.edit.setText("12")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Down)
    assert values[-2:] == [12, 11]


def test_thousands_sep_groups_the_saved_number_in_the_box(qtbot):
    widget = make_answer_widget(node("integer", "thousands-sep"))
    values = shown(qtbot, widget)
    assert isinstance(widget, NumberAnswer) and widget.grouped
    qtbot.keyClicks(widget.edit, "6500000")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [6500000]
    widget.set_value(6500000)
    assert widget.edit.text() == "6,500,000"
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)  # read as shown: nothing new
    assert values == [6500000]
    plain = make_answer_widget(node("integer"))
    shown(qtbot, plain)
    plain.set_value(6500000)
    assert plain.edit.text() == "6500000"


def test_thousands_sep_in_the_vietnamese_app(qtbot, vietnamese_app):
    widget = make_answer_widget(node("decimal", "thousands-sep"))
    values = shown(qtbot, widget)
    widget.set_value(1250000.5)
    assert widget.edit.text() == "1.250.000,5"
    widget.edit.setText("1.250.000,75")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [1250000.75]
