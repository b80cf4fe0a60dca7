"""Range questions by appearance: bounds in sight, answered by keyboard, ODK's values."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSlider

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.question_widgets import make_answer_widget
from fieldsurvey.ui.entry.range_widget import RangeAnswer


def node(appearance: str | None = None, **parameters: str) -> Node:
    return Node(
        kind="question", name="q", type="range", path="q", appearance=appearance,
        parameters=parameters or {"start": "0", "end": "10", "step": "1"},
    )  # fmt: skip


def shown(qtbot, widget) -> list[Any]:  # type: ignore[no-untyped-def]
    values: list[Any] = []
    widget.committed.connect(values.append)
    qtbot.addWidget(widget)
    widget.show()
    return values


def test_plain_range_shows_its_bounds_and_steps_with_the_arrows(qtbot):
    widget = make_answer_widget(node())
    values = shown(qtbot, widget)
    assert isinstance(widget, RangeAnswer)
    assert widget.limits.text().startswith("From 0 to 10")
    assert (
        widget.slider is not None and widget.slider.tickPosition() != QSlider.TickPosition.NoTicks
    )
    assert widget.value() is None  # nothing until the enumerator answers
    qtbot.keyClick(widget.edit, Qt.Key.Key_Up)  # from none: the start
    qtbot.keyClick(widget.edit, Qt.Key.Key_Up)
    assert values == [0, 1] and widget.slider.value() == 1
    widget.edit.setText("7")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values[-1] == 7 and widget.slider.value() == 7
    qtbot.keyClick(widget.edit, Qt.Key.Key_Down)
    assert values[-1] == 6


def test_a_value_off_the_steps_is_refused_with_its_neighbours(qtbot):
    widget = make_answer_widget(node(start="0", end="20", step="2"))
    values = shown(qtbot, widget)
    assert "in steps of 2" in widget.limits.text()
    widget.edit.setText("5")
    widget.flush()
    assert values == [] and "4" in widget.input_problem() and "6" in widget.input_problem()
    widget.edit.setText("22")
    widget.flush()
    assert values == [] and "20" in widget.input_problem()


def test_decimal_steps_are_decimals(qtbot):
    widget = make_answer_widget(node("vertical", start="0", end="5", step="0.5"))
    values = shown(qtbot, widget)
    assert widget.slider is not None
    assert widget.slider.orientation() == Qt.Orientation.Vertical
    qtbot.keyClick(widget.edit, Qt.Key.Key_Down)  # from none: the end
    qtbot.keyClick(widget.edit, Qt.Key.Key_Down)
    assert values == [5, 4.5]


def test_no_ticks_has_a_slider_without_ticks(qtbot):
    widget = make_answer_widget(node("no-ticks"))
    shown(qtbot, widget)
    assert widget.slider is not None
    assert widget.slider.tickPosition() == QSlider.TickPosition.NoTicks


def test_dragging_the_slider_answers(qtbot):
    widget = make_answer_widget(node())
    values = shown(qtbot, widget)
    widget.slider.sliderMoved.emit(4)
    assert values == [4] and widget.edit.text() == "4"


def test_rating_is_stars_set_by_number_or_click(qtbot):
    widget = make_answer_widget(node("rating", start="1", end="5", step="1"))
    values = shown(qtbot, widget)
    assert len(widget.stars) == 5
    qtbot.keyClicks(widget.edit, "4")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [4]
    assert [s.text() for s in widget.stars] == ["★", "★", "★", "★", "☆"]
    qtbot.mouseClick(widget.stars[1], Qt.MouseButton.LeftButton)
    assert values[-1] == 2 and widget.edit.text() == "2"


def test_picker_is_a_list_of_the_allowed_values(qtbot):
    widget = make_answer_widget(node("picker", start="1", end="6", step="1"))
    values = shown(qtbot, widget)
    picker = widget.focus_target()
    assert picker is widget.picker and not widget.edit.isVisible()
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "—",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
    ]
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    assert values == [1, 2]
    widget.set_value(5)
    assert picker.currentText() == "5"


@pytest.mark.parametrize("appearance", [None, "rating", "picker", "vertical", "no-ticks"])
def test_read_only_range_cannot_be_changed(qtbot, appearance):
    widget = make_answer_widget(node(appearance, start="1", end="5", step="1"))
    values = shown(qtbot, widget)
    widget.set_read_only(True)
    widget.pick(3)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Up)
    assert values == []
