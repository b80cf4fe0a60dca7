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


@pytest.fixture
def vietnamese_app(qapp):
    """The app in Vietnamese (tests/ui/conftest.py puts English back afterwards)."""
    from fieldsurvey.ui.i18n import translations

    translations.install("vi")


def committed(qtbot, widget) -> list[object]:  # type: ignore[no-untyped-def]
    values: list[object] = []
    widget.committed.connect(values.append)
    qtbot.addWidget(widget)
    widget.show()
    return values


def test_integer_accepts_vietnamese_thousands_and_stays_empty_when_cleared(qtbot, vietnamese_app):
    widget = make_answer_widget(node("integer"))
    assert isinstance(widget, NumberAnswer)
    values = committed(qtbot, widget)
    qtbot.keyClicks(widget.edit, "1.500.000")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [1500000]
    assert "1.500.000" in widget.readback.text()  # read back with separators
    widget.edit.selectAll()
    qtbot.keyClick(widget.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [1500000, None]


def test_integer_refuses_a_fraction_inline_without_saving(qtbot, vietnamese_app):
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


def test_decimal_takes_a_comma_as_decimal_mark(qtbot, vietnamese_app):
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


def test_image_is_attached_as_a_file_kept_with_the_interview(qtbot, monkeypatch, tmp_path: Path):
    from fieldsurvey.store.media import NewMedia

    from fieldsurvey.ui.entry.media_widgets import MediaAnswer

    picture = tmp_path / "nhà trọ.jpg"
    picture.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 60)
    monkeypatch.setattr(MediaAnswer, "ask_path", classmethod(lambda cls, *a: str(picture)))
    widget = make_answer_widget(node("image"))
    values = committed(qtbot, widget)
    qtbot.mouseClick(widget.choose, Qt.MouseButton.LeftButton)
    [attached] = values
    assert isinstance(attached, NewMedia) and attached.data == picture.read_bytes()
    assert attached.name.startswith("q-") and attached.name.endswith(".jpg")  # ODK-like name
    assert attached.name in widget.info.text()
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


# --- safe keys: a choice is picked only by an explicit key (issue 13) -------------------


def long_list(qtbot, type_: str = "select_one") -> tuple[ListSelect, list[object]]:
    widget = make_answer_widget(node(type_), choice_count=len(PROVINCES))
    assert isinstance(widget, ListSelect)
    widget.set_choices(PROVINCES)
    values = committed(qtbot, widget)
    return widget, values


def test_enter_on_an_empty_search_picks_nothing_and_moves_on(qtbot):
    widget, values = long_list(qtbot)
    with qtbot.waitSignal(widget.enter_pressed):
        qtbot.keyClick(widget.search, Qt.Key.Key_Return)
    assert values == [] and widget.value() is None
    assert not widget.chosen.isVisible()
    qtbot.keyClick(widget.search, Qt.Key.Key_Tab)  # Tab into the list, Enter again
    qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert values == []


def test_enter_on_a_search_with_several_matches_asks_for_an_arrow(qtbot):
    widget, values = long_list(qtbot)
    moved: list[bool] = []
    widget.enter_pressed.connect(lambda: moved.append(True))
    qtbot.keyClicks(widget.search, "ha")  # Hà Nội, Hải Phòng, Thanh Hóa
    qtbot.keyClick(widget.search, Qt.Key.Key_Return)
    assert values == [] and moved == []
    assert widget.note.isVisible() and "3" in widget.note.text()
    qtbot.keyClick(widget.search, Qt.Key.Key_Down)  # arrow + Enter on the highlighted row
    qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert values == ["ha_noi"] and moved == [True]
    assert not widget.note.isVisible()


def test_space_and_a_click_pick_from_a_long_list(qtbot):
    widget, values = long_list(qtbot)
    qtbot.keyClicks(widget.search, "tinh 1")
    qtbot.keyClick(widget.search, Qt.Key.Key_Down)
    qtbot.keyClick(widget.view, Qt.Key.Key_Space)
    assert values == ["p1"]
    row = widget.view.visualRect(widget.proxy.index(1, 0)).center()
    qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert values == ["p1", "p10"]


def test_search_text_does_not_outlive_the_question(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    widget = make_answer_widget(node("select_one"), window, choice_count=len(PROVINCES))
    assert isinstance(widget, ListSelect)
    widget.set_choices(PROVINCES)
    other = make_answer_widget(node("text", "next"), window)
    other.move(0, 400)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.search.setFocus()
    qtbot.keyClicks(widget.search, "nghe")
    qtbot.keyClick(widget.search, Qt.Key.Key_Tab)  # into the list: the search stays
    assert widget.search.text() == "nghe"
    other.focus_target().setFocus()  # left the question without picking
    assert widget.search.text() == "" and widget.proxy.rowCount() == len(PROVINCES)
    assert widget.value() is None
    qtbot.keyClicks(widget.search, "dak")
    widget.set_choices(PROVINCES[:3])  # the question's choices reloaded
    assert widget.search.text() == "" and widget.proxy.rowCount() == 3


def test_a_choice_number_that_does_not_exist_is_said_and_records_nothing(qtbot):
    widget = make_answer_widget(node("select_one"), choice_count=3)
    assert isinstance(widget, ButtonSelect)
    widget.set_choices([("yes", "Có"), ("no", "Không"), ("dk", "Không biết")])
    values = committed(qtbot, widget)
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_5)
    assert values == []
    assert widget.note.isVisible() and "5" in widget.note.text() and "3" in widget.note.text()
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_2)
    assert values == ["no"] and not widget.note.isVisible()


def test_a_two_digit_choice_number_that_does_not_exist_keeps_the_answer(qtbot):
    widget = make_answer_widget(node("select_one"), choice_count=11)
    widget.set_choices([(f"c{i}", f"Lựa chọn {i}") for i in range(1, 12)])
    widget.set_value("c3")
    values = committed(qtbot, widget)
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_1)
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_5)  # "15": there are 11 choices
    assert widget.value() == "c3" and values[-1] == "c3"
    assert widget.buttons[2].isChecked() and "15" in widget.note.text()


# --- numbers read in the app's language, always read back (issue 13) --------------------


def number_box(qtbot, type_: str) -> tuple[NumberAnswer, list[object], list[str]]:
    widget = make_answer_widget(node(type_))
    assert isinstance(widget, NumberAnswer)
    values = committed(qtbot, widget)
    problems: list[str] = []
    widget.problem.connect(problems.append)
    return widget, values, problems


@pytest.mark.parametrize("type_", ["integer", "decimal"])
def test_vietnamese_app_reads_a_dot_as_thousands(qtbot, vietnamese_app, type_):
    widget, values, _problems = number_box(qtbot, type_)
    qtbot.keyClicks(widget.edit, "1.500")
    assert widget.readback.isVisible()
    assert widget.readback.text() == "→ 1.500 (một nghìn năm trăm)"  # before it is saved
    assert values == []
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [1500]


def test_vietnamese_app_reads_a_comma_as_decimal_mark_and_spaces_as_thousands(
    qtbot, vietnamese_app
):
    widget, values, _problems = number_box(qtbot, "decimal")
    qtbot.keyClicks(widget.edit, "12,5")
    assert widget.readback.text() == "→ 12,5 (mười hai phẩy năm)"
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    widget.edit.clear()
    qtbot.keyClicks(widget.edit, "1 500")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [12.5, 1500]


@pytest.mark.parametrize("type_", ["integer", "decimal"])
def test_english_app_reads_a_comma_as_thousands(qtbot, type_):
    widget, values, _problems = number_box(qtbot, type_)
    qtbot.keyClicks(widget.edit, "1,500")
    assert widget.readback.isVisible() and widget.readback.text() == "→ 1,500"
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [1500]


@pytest.mark.parametrize(
    ("lang", "type_", "typed", "shown"),
    [
        ("vi", "decimal", "1.5", "1,5"),  # a dot never marks decimals in Vietnamese
        ("vi", "decimal", "1.50", "1,5"),
        ("vi", "decimal", "1,500", "1.500"),  # 1,5 or 1.500?
        ("en", "decimal", "1,50", "1.5"),
        ("en", "decimal", "1.500", "1,500"),  # the issue: saved as 1.5
        ("en", "integer", "1.500", "1,500"),
    ],
)
def test_an_ambiguous_number_is_asked_again_and_records_nothing(qtbot, lang, type_, typed, shown):
    from fieldsurvey.ui.i18n import translations

    translations.install(lang)
    widget, values, problems = number_box(qtbot, type_)
    moved: list[bool] = []
    widget.enter_pressed.connect(lambda: moved.append(True))
    qtbot.keyClicks(widget.edit, typed)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert values == [] and moved == []  # nothing saved, the cursor stays
    assert problems and shown in problems[-1]
    assert widget.input_problem() == problems[-1]


def test_number_messages_follow_the_app_language(qtbot, vietnamese_app):
    widget, values, problems = number_box(qtbot, "decimal")
    qtbot.keyClicks(widget.edit, "--")
    widget.flush()
    assert values == [] and "12,5" in problems[-1] and "12.5" not in problems[-1]
    from fieldsurvey.ui.i18n import translations

    translations.install("en")
    widget.flush()
    assert "12.5" in problems[-1] and "12,5" not in problems[-1]


def test_enter_picks_the_choice_whose_whole_label_was_typed(qtbot):
    widget, values = long_list(qtbot)
    widget.set_choices([*PROVINCES, ("ha_nam_ninh", "Hà Nam Ninh"), ("ha_nam", "Hà Nam")])
    qtbot.keyClicks(widget.search, "ha nam")  # also "Hà Nam Ninh": the whole label decides
    qtbot.keyClick(widget.search, Qt.Key.Key_Return)
    assert values == ["ha_nam"]


def test_select_multiple_long_list_ticks_with_space_where_the_arrows_are(qtbot):
    widget, values = long_list(qtbot, "select_multiple")
    qtbot.keyClicks(widget.search, "ha")  # Hà Nội, Hải Phòng, Thanh Hóa
    qtbot.keyClick(widget.search, Qt.Key.Key_Return)  # Enter ticks nothing
    assert values == []
    qtbot.keyClick(widget.search, Qt.Key.Key_Down)
    qtbot.keyClick(widget.view, Qt.Key.Key_Space)
    qtbot.keyClick(widget.view, Qt.Key.Key_Down)
    qtbot.keyClick(widget.view, Qt.Key.Key_Space)
    assert values[-1] == ["ha_noi", "hai_phong"]
    assert widget.search.text() == "ha"  # still searching while in the question


def test_a_calculated_number_is_written_the_way_the_app_reads_numbers(qtbot, vietnamese_app):
    widget = make_answer_widget(node("calculate", label={"vi": "Tỷ số phụ thuộc"}))
    qtbot.addWidget(widget)
    widget.set_value(0.5)
    assert widget.text.text() == "0,5"
    widget.set_value(1500)
    assert widget.text.text() == "1.500"
