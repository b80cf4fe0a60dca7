"""Choice questions by type and appearance, answered by keyboard: the values are ODK's."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QPushButton, QRadioButton

from fieldsurvey.forms.spec import FormSpec, Node

from fieldsurvey.ui.entry import image_map
from fieldsurvey.ui.entry.choice_widgets import ButtonSelect
from fieldsurvey.ui.entry.image_map import ImageMapSelect
from fieldsurvey.ui.entry.minimal_select import MinimalMultiSelect, MinimalSelect
from fieldsurvey.ui.entry.question_widgets import make_answer_widget
from fieldsurvey.ui.entry.rank_widget import RankAnswer

CHOICES = [("clinic", "Trạm **y tế**"), ("school", "Trường học"), ("market", "Chợ")]
AGREE = [("a1", "Không đồng ý"), ("a2", "Bình thường"), ("a3", "Đồng ý"), ("a4", "Rất đồng ý")]


def node(type_: str, appearance: str | None = None, name: str = "q") -> Node:
    return Node(kind="question", name=name, type=type_, path=name, appearance=appearance)


def shown(qtbot, widget, choices=CHOICES) -> list[Any]:  # type: ignore[no-untyped-def]
    values: list[Any] = []
    widget.committed.connect(values.append)
    qtbot.addWidget(widget)
    widget.set_choices(choices)
    widget.show()
    return values


def test_select_one_external_is_one_choice_not_check_boxes(qtbot):
    widget = make_answer_widget(node("select_one_external"), choice_count=3)
    values = shown(qtbot, widget)
    assert isinstance(widget, ButtonSelect) and not widget.multiple
    assert all(isinstance(b, QRadioButton) for b in widget.buttons)
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_2)
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_3)
    assert values == ["school", "market"]  # a text answer, the last pick


def test_choice_labels_show_without_markup(qtbot):
    widget = make_answer_widget(node("select_one"), choice_count=3)
    shown(qtbot, widget)
    assert widget.buttons[0].text() == "1. Trạm y tế"


def test_likert_is_one_row_picked_by_number(qtbot):
    widget = make_answer_widget(node("select_one", "likert"), choice_count=4)
    values = shown(qtbot, widget, AGREE)
    rows = {widget.grid.getItemPosition(widget.grid.indexOf(b))[0] for b in widget.buttons}
    assert rows == {0}
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_4)
    assert values == ["a4"]


@pytest.mark.parametrize(("appearance", "columns"), [("columns-2", 2), ("columns-4", 4)])
def test_columns_n_lays_out_n_columns(qtbot, appearance, columns):
    widget = make_answer_widget(node("select_multiple", appearance), choice_count=4)
    values = shown(qtbot, widget, AGREE)
    used = {widget.grid.getItemPosition(widget.grid.indexOf(b))[1] for b in widget.buttons}
    assert len(used) == columns
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_3)
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_1)
    assert values == [["a3"], ["a1", "a3"]]  # in the order of the choices


@pytest.mark.parametrize("appearance", ["no-buttons", "columns-pack no-buttons", "compact"])
def test_tiles_without_radio_circles_toggle_by_number_and_space(qtbot, appearance):
    widget = make_answer_widget(node("select_multiple", appearance), choice_count=3)
    values = shown(qtbot, widget)
    assert all(isinstance(b, QPushButton) and b.isCheckable() for b in widget.buttons)
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_2)
    widget.buttons[0].setFocus()
    qtbot.keyClick(widget.buttons[0], Qt.Key.Key_Space)
    assert values == [["school"], ["clinic", "school"]]


def test_quick_moves_on_once_picked_by_number_but_not_by_arrows(qtbot):
    widget = make_answer_widget(node("select_one", "quick"), choice_count=3)
    values = shown(qtbot, widget)
    moved: list[bool] = []
    widget.enter_pressed.connect(lambda: moved.append(True))
    with qtbot.waitSignal(widget.enter_pressed, timeout=1000):
        qtbot.keyClick(widget.focus_target(), Qt.Key.Key_2)
    assert values == ["school"] and moved == [True]
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_Down)  # looking around
    qtbot.wait(50)
    assert moved == [True]


def test_quickcompact_is_tiles_that_move_on(qtbot):
    widget = make_answer_widget(node("select_one", "quickcompact"), choice_count=3)
    values = shown(qtbot, widget)
    assert isinstance(widget.buttons[0], QPushButton)
    with qtbot.waitSignal(widget.enter_pressed, timeout=1000):
        qtbot.keyClick(widget.focus_target(), Qt.Key.Key_1)
    assert values == ["clinic"]


def test_minimal_select_one_is_a_drop_down(qtbot):
    widget = make_answer_widget(node("select_one", "minimal"), choice_count=3)
    values = shown(qtbot, widget)
    assert isinstance(widget, MinimalSelect)
    combo = widget.focus_target()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert values == ["clinic", "school"]
    assert widget.combo.currentText() == "2. Trường học"
    qtbot.keyClick(combo, Qt.Key.Key_Delete)
    assert values[-1] is None and widget.combo.currentIndex() == 0
    with qtbot.waitSignal(widget.enter_pressed):
        qtbot.keyClick(combo, Qt.Key.Key_Return)


def test_minimal_select_multiple_ticks_in_a_list_it_opens(qtbot):
    widget = make_answer_widget(node("select_multiple", "minimal"), choice_count=3)
    values = shown(qtbot, widget)
    assert isinstance(widget, MinimalMultiSelect)
    widget.button.setFocus()
    qtbot.keyClick(widget.button, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = widget.popup
    assert popup is not None and popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Space)  # Chợ
    qtbot.keyClick(popup, Qt.Key.Key_Up)
    qtbot.keyClick(popup, Qt.Key.Key_Up)
    qtbot.keyClick(popup, Qt.Key.Key_Space)  # Trạm y tế
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert values == [["market"], ["clinic", "market"]]
    assert widget.popup is None
    assert widget.chosen.text() == "Trạm y tế, Chợ"


def test_rank_is_ordered_with_keys_and_saved_whole(qtbot):
    widget = make_answer_widget(node("rank"))
    values = shown(qtbot, widget)
    assert isinstance(widget, RankAnswer)
    assert widget.value() is None  # not ranked until the enumerator does
    lst = widget.focus_target()
    lst.setFocus()
    qtbot.keyClick(lst, Qt.Key.Key_Down)
    qtbot.keyClick(lst, Qt.Key.Key_Down)  # Chợ highlighted
    qtbot.keyClick(lst, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert values == [["clinic", "market", "school"]]
    qtbot.keyClick(lst, Qt.Key.Key_1)  # Chợ to the first place
    assert values[-1] == ["market", "clinic", "school"]
    assert widget.list.item(0).text() == "1. Chợ" and widget.list.currentRow() == 0
    qtbot.keyClick(lst, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert values[-1] == ["clinic", "market", "school"]
    qtbot.keyClick(lst, Qt.Key.Key_Delete)  # no ranking: the form's order again
    assert values[-1] is None and widget.list.item(1).text() == "2. Trường học"
    qtbot.keyClick(lst, Qt.Key.Key_Space)  # the order shown, as it is
    assert values[-1] == ["clinic", "school", "market"]
    with qtbot.waitSignal(widget.enter_pressed):
        qtbot.keyClick(lst, Qt.Key.Key_Return)


def test_rank_shows_a_saved_ranking_and_drops_unknown_names(qtbot):
    widget = make_answer_widget(node("rank"))
    shown(qtbot, widget)
    widget.set_value(["school", "gone", "clinic"])
    texts = [widget.list.item(i).text() for i in range(widget.list.count())]
    assert texts == ["1. Trường học", "2. Trạm y tế", "3. Chợ"]


SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">
<rect id="clinic" x="0" y="0" width="100" height="100" fill="#cde"/>
<rect id="school" x="100" y="0" width="100" height="50" fill="#edc"/>
</svg>"""


def test_image_map_without_its_picture_says_why_and_keeps_the_list(qtbot):
    widget = make_answer_widget(node("select_one", "image-map"), choice_count=3)
    values = shown(qtbot, widget)
    assert isinstance(widget, ImageMapSelect) and widget.map is None
    assert "no picture" in widget.note.text()
    widget.set_form_media(FormSpec(form_id="f"), {"image": "ward.svg"})
    assert widget.map is None and "ward.svg" in widget.note.text()
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_3)
    assert values == ["market"]


def test_image_map_picks_the_shape_clicked(qtbot, monkeypatch):
    monkeypatch.setattr(image_map, "form_media", lambda spec, name: SVG)
    widget = make_answer_widget(node("select_multiple", "image-map"), choice_count=3)
    values = shown(qtbot, widget)
    widget.set_form_media(FormSpec(form_id="f"), {"image": "ward.svg"})
    assert widget.map is not None
    width, height = widget.map.width(), widget.map.height()
    assert widget.map.choice_at(QPointF(width * 0.75, height * 0.25)) == "school"
    qtbot.mouseClick(
        widget.map, Qt.MouseButton.LeftButton, pos=QPointF(width * 0.25, height * 0.5).toPoint()
    )
    qtbot.mouseClick(
        widget.map, Qt.MouseButton.LeftButton, pos=QPointF(width * 0.75, height * 0.25).toPoint()
    )
    assert values == [["clinic"], ["clinic", "school"]]
    assert widget.inner.buttons[1].isChecked()  # the list follows
    assert widget.map.chosen == {"clinic", "school"}
    qtbot.keyClick(widget.focus_target(), Qt.Key.Key_1)  # the list, by keyboard
    assert values[-1] == ["school"] and widget.map.chosen == {"school"}


def test_a_list_with_nothing_offered_says_why(qtbot):
    widget = make_answer_widget(node("select_one"), choice_count=3)
    shown(qtbot, widget, [])
    assert widget.none_offered.isVisible()
    widget.set_choices(CHOICES)
    assert not widget.none_offered.isVisible()


def test_choice_images_show_beside_their_choice(qtbot):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    from fieldsurvey.forms.attachments import FormFile, FormFiles
    from fieldsurvey.forms.engine import FormEngine
    from fieldsurvey.forms.xpath_attachments import use_files

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    form = FormEngine.build(FormSpec(form_id="f"))
    use_files(form, FormFiles([FormFile.of("clinic.png", bytes(data))]))
    widget = make_answer_widget(node("select_one"), choice_count=3)
    shown(qtbot, widget)
    widget.set_choice_media(form, {"clinic": "clinic.png", "school": "", "market": "gone.png"})
    assert not widget.buttons[0].icon().isNull()
    assert widget.buttons[1].icon().isNull() and widget.buttons[2].icon().isNull()
    assert "gone.png" in widget.missing_images.text()


@pytest.mark.parametrize("appearance", ["horizontal", "horizontal-compact"])
def test_collects_old_names_lay_the_choices_out_in_columns(qtbot, appearance):
    """`horizontal` and `horizontal-compact` are what `columns`/`columns-pack` were called."""
    widget = make_answer_widget(node("select_one", appearance), choice_count=4)
    shown(qtbot, widget, AGREE)
    used = {widget.grid.getItemPosition(widget.grid.indexOf(b))[1] for b in widget.buttons}
    assert len(used) > 1, "more than one column"
