"""Dates and times by appearance, typed or picked with the keyboard: ODK's values."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableView

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.date_widgets import (
    DateTimeAnswer,
    MonthYearAnswer,
    TimeAnswer,
    YearAnswer,
)
from fieldsurvey.ui.entry.question_widgets import make_answer_widget


def node(type_: str, appearance: str | None = None) -> Node:
    return Node(kind="question", name="q", type=type_, path="q", appearance=appearance)


def shown(qtbot, widget) -> list[Any]:  # type: ignore[no-untyped-def]
    values: list[Any] = []
    widget.committed.connect(values.append)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return values


def test_month_year_is_typed_as_month_and_stored_as_its_first_day(qtbot):
    widget = make_answer_widget(node("date", "month-year"))
    values = shown(qtbot, widget)
    assert isinstance(widget, MonthYearAnswer)
    qtbot.keyClicks(widget.edit, "3/2019")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == ["2019-03-01"]
    widget.set_value("2019-03-01")
    assert widget.edit.text() == "03/2019"
    widget.edit.setText("13/2019")
    widget.flush()
    assert values == ["2019-03-01"] and widget.input_problem()


def test_month_year_picked_on_the_calendar_keeps_the_month(qtbot):
    widget = make_answer_widget(node("date", "month-year"))
    values = shown(qtbot, widget)
    widget.set_value("2019-03-01")
    widget.edit.setFocus()
    qtbot.keyClick(widget.edit, Qt.Key.Key_F4)
    assert widget.calendar is not None
    grid = widget.calendar.findChild(QTableView)
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)  # next month
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert values == ["2019-04-01"]


def test_year_is_four_digits_stored_as_its_first_day(qtbot):
    widget = make_answer_widget(node("date", "year"))
    values = shown(qtbot, widget)
    assert isinstance(widget, YearAnswer) and not widget.pick.isVisible()
    qtbot.keyClicks(widget.edit, "19855")  # a fifth digit is not taken
    assert widget.edit.text() == "1985"
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == ["1985-01-01"]
    widget.set_value("1985-01-01")
    assert widget.edit.text() == "1985"


def test_time_typed_or_set_on_the_clock(qtbot):
    widget = make_answer_widget(node("time"))
    values = shown(qtbot, widget)
    assert isinstance(widget, TimeAnswer)
    qtbot.keyClicks(widget.edit, "7h30")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == ["07:30:00"]
    widget.set_value("07:30:00")
    widget.edit.setFocus()
    qtbot.keyClick(widget.edit, Qt.Key.Key_F4)
    clock = widget.popup.clock
    assert clock is not None and clock.hasFocus() and clock.time().hour() == 7
    qtbot.keyClick(clock, Qt.Key.Key_Up)  # the hour, one more
    qtbot.keyClick(clock, Qt.Key.Key_Return)
    assert values[-1] == "08:30:00" and widget.edit.text() == "08:30"


def test_date_time_typed_or_picked_date_then_time(qtbot):
    widget = make_answer_widget(node("dateTime"))
    values = shown(qtbot, widget)
    assert isinstance(widget, DateTimeAnswer)
    qtbot.keyClicks(widget.edit, "15/03/2024 14:30")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == ["2024-03-15T14:30:00"]
    widget.set_value("2024-03-15T14:30:00.000+07:00")  # as the engine gives it back
    assert widget.edit.text() == "15/03/2024 14:30"
    widget.edit.setFocus()
    qtbot.keyClick(widget.edit, Qt.Key.Key_F4)
    popup = widget.popup
    assert popup.calendar.selectedDate() == QDate(2024, 3, 15)
    grid = popup.calendar.findChild(QTableView)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # the day; now the clock
    assert popup.clock.hasFocus() and values == ["2024-03-15T14:30:00"]
    qtbot.keyClick(popup.clock, Qt.Key.Key_Down)
    qtbot.keyClick(popup.clock, Qt.Key.Key_Return)
    assert values[-1] == "2024-03-16T13:30:00"


def test_escape_closes_a_picker_and_changes_nothing(qtbot):
    widget = make_answer_widget(node("time"))
    values = shown(qtbot, widget)
    widget.edit.setFocus()
    qtbot.keyClick(widget.edit, Qt.Key.Key_F4)
    qtbot.keyClick(widget.popup.clock, Qt.Key.Key_Escape)
    assert not widget.popup.isVisible() and values == []
