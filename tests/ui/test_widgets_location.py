"""Places typed or pasted, with the format in sight and a read-back: ODK's values."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.location_widget import GeoPathAnswer, GeopointAnswer
from fieldsurvey.ui.entry.question_widgets import make_answer_widget


def node(type_: str, appearance: str | None = None) -> Node:
    return Node(kind="question", name="q", type=type_, path="q", appearance=appearance)


def shown(qtbot, widget) -> list[Any]:  # type: ignore[no-untyped-def]
    values: list[Any] = []
    widget.committed.connect(values.append)
    problems: list[str] = []
    widget.problem.connect(problems.append)
    widget.problems = problems
    qtbot.addWidget(widget)
    widget.show()
    return values


def test_a_point_pasted_from_a_map_app_is_read_back_and_saved(qtbot):
    widget = make_answer_widget(node("geopoint"))
    values = shown(qtbot, widget)
    assert isinstance(widget, GeopointAnswer)
    assert "21.0285, 105.8542" in widget.format_hint.text()  # the format, always in sight
    QApplication.clipboard().setText("21.039027, 105.858699")
    widget.edit.setFocus()
    qtbot.keyClick(widget.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget.edit, " +-12 m")
    assert widget.readback.text() == "→ 21.039027, 105.858699 ±12 m"
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == ["21.039027 105.858699 0 12"]


def test_a_saved_point_shows_readably_and_is_not_saved_again(qtbot):
    widget = make_answer_widget(node("geopoint"))
    values = shown(qtbot, widget)
    widget.set_value("21.039027 105.858699 15 12")  # from ODK Collect: altitude kept
    assert widget.edit.text() == "21.039027, 105.858699 ±12 m"
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == []
    widget.edit.setText("21.04, 105.86")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == ["21.04 105.86 0 0"]


def test_a_point_typed_the_wrong_way_is_said_and_not_saved(qtbot):
    widget = make_answer_widget(node("geopoint"))
    values = shown(qtbot, widget)
    qtbot.keyClicks(widget.edit, "105.8587, 21.0390")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [] and "21.039, 105.8587" in widget.problems[-1]
    widget.edit.setText("21,0390,105,8587")
    widget.flush()
    assert values == [] and "comma" in widget.problems[-1]


def test_maps_appearance_says_there_is_no_map(qtbot):
    widget = make_answer_widget(node("geopoint", "placement-map"))
    shown(qtbot, widget)
    assert "No map on a laptop" in widget.format_hint.text()


def test_a_line_has_one_point_per_line(qtbot):
    widget = make_answer_widget(node("geotrace"))
    values = shown(qtbot, widget)
    assert isinstance(widget, GeoPathAnswer) and not widget.shape
    box = widget.focus_target()
    qtbot.keyClicks(box, "21.03, 105.85")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the next point, not the next question
    assert values == [] and "at least 2" in widget.format_hint.text()
    qtbot.keyClicks(box, "21.04, 105.85")
    assert widget.readback.text().startswith("→ 2 points, 1.1")
    widget.flush()
    assert values == ["21.03 105.85 0 0;21.04 105.85 0 0"]
    widget.set_value(values[-1])
    assert box.toPlainText() == "21.03, 105.85\n21.04, 105.85"


def test_an_area_is_closed_and_a_bad_corner_is_named(qtbot):
    widget = make_answer_widget(node("geoshape"))
    values = shown(qtbot, widget)
    box = widget.focus_target()
    box.setPlainText("21.03, 105.85\n21.04, 105.85")
    widget.flush()
    assert values == [] and "3 corners" in widget.problems[-1]
    box.setPlainText("21.03, 105.85\n21.04, 105.85\nabc")
    widget.flush()
    assert values == [] and widget.problems[-1].startswith("Point 3:")
    box.setPlainText("21.03, 105.85\n21.04, 105.85\n21.04, 105.86")
    assert "3 corners, area" in widget.readback.text()
    widget.flush()
    assert values == ["21.03 105.85 0 0;21.04 105.85 0 0;21.04 105.86 0 0;21.03 105.85 0 0"]
