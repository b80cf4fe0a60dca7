"""Answer widgets on their own: what the enumerator types becomes the right answer value."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.choice_widgets import ButtonSelect, ListSelect
from fieldsurvey.ui.entry.question_widgets import (
    DateAnswer,
    FileAnswer,
    NumberAnswer,
    make_answer_widget,
)

PROVINCES = [
    ("ha_noi", "Hà Nội"),
    ("hai_phong", "Hải Phòng"),
    ("dak_lak", "Đắk Lắk"),
    ("nghe_an", "Nghệ An"),
    ("thanh_hoa", "Thanh Hóa"),
] + [(f"p{i}", f"Tỉnh {i}") for i in range(20)]


def type_text(widget: QWidget, text: str) -> None:
    """Key events carrying ``text``, as Unikey sends them (QTest only types ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def node(type_: str, name: str = "q", **extra: object) -> Node:
    return Node(kind="question", name=name, type=type_, path=name, **extra)  # type: ignore[arg-type]


def committed(qtbot, widget) -> list[object]:  # type: ignore[no-untyped-def]
    values: list[object] = []
    widget.committed.connect(values.append)
    qtbot.addWidget(widget)
    widget.show()
    return values


def test_integer_accepts_vietnamese_thousands_and_stays_empty_when_cleared(qtbot):
    widget = make_answer_widget(node("integer"))
    assert isinstance(widget, NumberAnswer)
    values = committed(qtbot, widget)
    qtbot.keyClicks(widget.edit, "1.500.000")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [1500000]
    assert "500" in widget.readback.text()  # read back with separators
    widget.edit.selectAll()
    qtbot.keyClick(widget.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [1500000, None]


def test_integer_refuses_a_fraction_inline_without_saving(qtbot):
    widget = make_answer_widget(node("integer"))
    values = committed(qtbot, widget)
    problems: list[str] = []
    widget.problem.connect(problems.append)
    qtbot.keyClicks(widget.edit, "1,5")
    widget.flush()
    assert values == []
    assert problems[-1]  # a message to show beside the question
    qtbot.keyClicks(widget.edit, "0")  # "1,50" is still not a whole number
    widget.edit.clear()
    qtbot.keyClicks(widget.edit, "abc")  # letters never get into a number box
    assert widget.edit.text() == ""


def test_decimal_takes_a_comma_as_decimal_mark(qtbot):
    widget = make_answer_widget(node("decimal"))
    values = committed(qtbot, widget)
    qtbot.keyClicks(widget.edit, "12,5")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Enter)
    assert values == [12.5]


def test_range_question_keeps_to_its_bounds(qtbot):
    widget = make_answer_widget(node("range", parameters={"start": "0", "end": "10"}))
    values = committed(qtbot, widget)
    problems: list[str] = []
    widget.problem.connect(problems.append)
    qtbot.keyClicks(widget.edit, "11")
    widget.flush()
    assert values == [] and "10" in problems[-1]
    widget.edit.setText("7")
    widget.flush()
    assert values == [7]


def test_date_typed_day_first_or_picked_from_the_calendar(qtbot):
    widget = make_answer_widget(node("date"))
    assert isinstance(widget, DateAnswer)
    values = committed(qtbot, widget)
    qtbot.keyClicks(widget.edit, "15/03/1990")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == ["1990-03-15"]
    widget.edit.clear()
    qtbot.keyClicks(widget.edit, "31/02/2000")
    widget.flush()
    assert values == ["1990-03-15"]  # not a real day: not saved
    widget.open_calendar()
    assert widget.calendar is not None
    grid = widget.calendar.findChild(QTableView)
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # the calendar opens on the answer's day
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert values[-1] == "1990-03-16"
    assert widget.edit.text() == "16/03/1990"


def test_select_one_radio_buttons_picked_by_number_and_cleared(qtbot):
    widget = make_answer_widget(node("select_one"), choice_count=3)
    assert isinstance(widget, ButtonSelect)
    widget.set_choices([("yes", "Có"), ("no", "Không"), ("dk", "Không biết")])
    values = committed(qtbot, widget)
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_2)
    assert values == ["no"]
    assert widget.buttons[1].isChecked() and widget.buttons[1].text().startswith("2.")
    qtbot.mouseClick(widget.clear_button, Qt.MouseButton.LeftButton)
    assert values == ["no", None]
    assert not any(b.isChecked() for b in widget.buttons)


def test_select_multiple_check_boxes_answer_in_choice_order(qtbot):
    widget = make_answer_widget(node("select_multiple"), choice_count=3)
    widget.set_choices([("a", "Trạm y tế"), ("b", "Bệnh viện"), ("c", "Hiệu thuốc")])
    values = committed(qtbot, widget)
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_3)
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_1)
    assert values == [["c"], ["a", "c"]]
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_3)
    assert values[-1] == ["a"]


def test_long_list_is_searchable_without_accents(qtbot, qtmodeltester):
    widget = make_answer_widget(node("select_one"), choice_count=len(PROVINCES))
    assert isinstance(widget, ListSelect)
    widget.set_choices(PROVINCES)
    values = committed(qtbot, widget)
    qtmodeltester.check(widget.proxy)
    qtbot.keyClicks(widget.search, "dak lak")
    assert widget.proxy.rowCount() == 1
    qtbot.keyClick(widget.search, Qt.Key.Key_Return)
    assert values == ["dak_lak"]
    assert "Đắk Lắk" in widget.chosen.text()
    widget.search.clear()
    qtbot.keyClicks(widget.search, "ha")
    assert widget.proxy.rowCount() == 3  # Hà Nội, Hải Phòng, Thanh Hóa
    qtbot.keyClick(widget.search, Qt.Key.Key_Down)
    qtbot.keyClick(widget.view, Qt.Key.Key_Down)
    qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert values[-1] == "hai_phong"


def test_choice_filter_update_keeps_the_answer(qtbot):
    widget = make_answer_widget(node("select_one"), choice_count=3)
    widget.set_choices([("a", "A"), ("b", "B")])
    widget.set_value("b")
    widget.set_choices([("b", "B"), ("c", "C"), ("d", "D")])
    assert [b.text() for b in widget.buttons] == ["1. B", "2. C", "3. D"]
    assert widget.buttons[0].isChecked()


def test_geopoint_typed_as_lat_lon(qtbot):
    widget = make_answer_widget(node("geopoint"))
    values = committed(qtbot, widget)
    qtbot.keyClicks(widget.focus_target(), "21.0285 105.8542")
    widget.flush()
    assert values == ["21.0285 105.8542 0 0"]
    widget.edit.setText("121 105")
    problems: list[str] = []
    widget.problem.connect(problems.append)
    widget.flush()
    assert problems[-1] and values == ["21.0285 105.8542 0 0"]


def test_image_is_attached_as_a_path(qtbot, monkeypatch, tmp_path: Path):
    picture = tmp_path / "nhà trọ.jpg"
    picture.write_bytes(b"\xff\xd8")
    monkeypatch.setattr(FileAnswer, "ask_path", classmethod(lambda cls, *a: str(picture)))
    widget = make_answer_widget(node("image"))
    values = committed(qtbot, widget)
    qtbot.mouseClick(widget.choose, Qt.MouseButton.LeftButton)
    assert values == [str(picture)]
    assert widget.shown.text() == "nhà trọ.jpg"
    qtbot.mouseClick(widget.remove, Qt.MouseButton.LeftButton)
    assert values[-1] is None


def test_vietnamese_text_is_saved_once_when_done_and_enter_moves_on(qtbot):
    widget = make_answer_widget(node("text"))
    values = committed(qtbot, widget)
    # Telex in Unikey: "Nguyeenx" becomes "Nguyễn" while typing; nothing is saved meanwhile.
    type_text(widget.focus_target(), "Nguyeenx")
    for _ in range(4):
        qtbot.keyClick(widget.focus_target(), Qt.Key.Key_Backspace)
    type_text(widget.focus_target(), "ễn Văn A")
    assert values == []
    with qtbot.waitSignal(widget.enter_pressed):
        qtbot.keyClick(widget.focus_target(), Qt.Key.Key_Return)
    assert values == ["Nguyễn Văn A"]


@pytest.mark.parametrize(
    "type_",
    ["text", "integer", "decimal", "date", "time", "dateTime", "geopoint", "barcode", "range"],
)
def test_no_answer_shows_an_empty_box(qtbot, type_):
    widget = make_answer_widget(node(type_))
    qtbot.addWidget(widget)
    widget.set_value(None)
    assert widget.focus_target().text() == ""


@pytest.mark.parametrize("type_", ["note", "calculate", "acknowledge", "image", "rank"])
def test_every_type_gets_a_widget(qtbot, type_):
    widget = make_answer_widget(node(type_))
    qtbot.addWidget(widget)
    widget.set_value(None)


def test_f4_opens_the_calendar_of_the_date_being_typed_only(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    first, second = (make_answer_widget(node("date", name)) for name in ("born", "arrived"))
    for widget in (first, second):
        widget.setParent(window)
    second.move(0, 60)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    second.edit.setFocus()
    qtbot.keyClick(second.edit, Qt.Key.Key_F4)
    assert second.calendar is not None and first.calendar is None
