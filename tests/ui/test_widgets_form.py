# ruff: noqa: E501  (the form is a markdown table)
"""Every widget and appearance of issue 14 in one form, answered by keyboard in the entry
screen; the answers saved in the workspace are ODK's values."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QWidget

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.installed import install_spec
from fieldsurvey.forms.loader import load_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.entry.question_row import QuestionRow
from fieldsurvey.ui.entry.table_list import TableHeader, TableHeading, TableRowSelect
from fieldsurvey.ui.tasks import TaskRunner

FORM = """
| survey |
| | type | name | label::English (en) | label::Tiếng Việt (vi) | hint::English (en) | hint::Tiếng Việt (vi) | appearance | parameters | default | choice_filter |
| | note | intro | **Hello.** We are surveying the living conditions of the households of this ward; your answers stay confidential and are only counted. | **Xin chào.** Chúng tôi đang khảo sát điều kiện sống của các hộ trong phường; câu trả lời được giữ bí mật và chỉ dùng để thống kê. | | | | | | |
| | begin group | hh | # Household of ${hh_name} | # Hộ của ${hh_name} | | | field-list | | | |
| | text | hh_name | Name of the **head** of household | Họ tên **chủ hộ** | *Family name first* | *Họ trước, tên sau* | | | | |
| | text | id_card | ID card number | Số CCCD | Read it, do not say it aloud | Đọc, không nói to | masked | | | |
| | text | phone | Phone number | Số điện thoại | | | numbers | | | |
| | text | notes | Notes on the dwelling | Ghi chú về nơi ở | | | multiline | | | |
| | integer | income | Monthly income (VND) | Thu nhập hằng tháng (đồng) | | | thousands-sep | | | |
| | integer | visits | Visits counted | Số lần ghé thăm | | | counter | | | |
| | text | link | Where to read the study | Xem thông tin khảo sát | | | url | | https://example.org/khao-sat | |
| | end group | | | | | | | | | |
| | begin group | choices | Choices | Lựa chọn | | | field-list | | | |
| | select_one district | district | District | Quận | | | minimal | | | |
| | select_one_external ward | ward | Ward | Phường | | | | | | district = ${district} |
| | select_one agree | satisfied | Satisfied with the water? | Hài lòng với nước sạch? | | | likert | | | |
| | select_multiple service | services | Services used | Dịch vụ đã dùng | | | minimal | | | |
| | select_one yn | owner | Owns the dwelling? | Sở hữu nhà ở? | | | quick | | | |
| | select_one agree | columns3 | Three columns | Ba cột | | | columns-3 | | | |
| | select_multiple service | tiles | Tiles (no-buttons) | Ô chọn (no-buttons) | | | columns-pack no-buttons | | | |
| | end group | | | | | | | | | |
| | rank service | priorities | Rank the services | Xếp hạng dịch vụ | | | | | | |
| | begin group | often | How often do you… | Anh/chị có thường… | | | table-list | | | |
| | select_one freq | often_market | go to the market? | đi chợ? | | | | | | |
| | select_one freq | often_clinic | go to the clinic? | đi trạm y tế? | | | | | | |
| | end group | | | | | | | | | |
| | begin group | handmade | A table made by hand | Bảng tự làm | | | field-list | | | |
| | select_one yn | hm_header | Answer | Trả lời | | | label | | | |
| | select_one yn | hm_water | Piped water | Nước máy | | | list-nolabel | | | |
| | select_one yn | hm_power | Electricity | Điện lưới | | | list-nolabel | | | |
| | end group | | | | | | | | | |
| | select_one district | map_pick | Where is the dwelling? | Nhà ở đâu? | | | image-map | | | |
| | begin group | dates | Dates | Ngày tháng | | | field-list | | | |
| | date | moved | Month moved in | Tháng chuyển đến | | | month-year | | | |
| | date | built | Year built | Năm xây | | | year | | | |
| | time | woke | Time the interview began | Giờ bắt đầu | | | | | | |
| | dateTime | visit | Next visit | Lần thăm tới | | | | | | |
| | end group | | | | | | | | | |
| | begin group | scales | Scales | Thang đo | | | field-list | | | |
| | range | r_plain | Trust in the ward office | Tin tưởng UBND phường | | | | start=0;end=10;step=1 | | |
| | range | r_rating | Rating | Chấm điểm | | | rating | start=1;end=5;step=1 | | |
| | range | r_picker | Floors | Số tầng | | | picker | start=1;end=6;step=1 | | |
| | range | r_vertical | Noise | Tiếng ồn | | | vertical | start=0;end=5;step=0.5 | | |
| | range | r_noticks | Distance to school (km) | Khoảng cách tới trường (km) | | | no-ticks | start=0;end=20;step=2 | | |
| | end group | | | | | | | | | |
| | begin group | places | Places | Vị trí | | | field-list | | | |
| | geopoint | gate | Gate of the dwelling | Cổng nhà | | | maps | | | |
| | geotrace | lane | The lane to the dwelling | Ngõ vào nhà | | | | | | |
| | geoshape | plot | The plot | Thửa đất | | | | | | |
| | end group | | | | | | | | | |
| choices |
| | list_name | name | label::English (en) | label::Tiếng Việt (vi) |
| | yn | yes | Yes | Có |
| | yn | no | No | Không |
| | agree | a1 | Disagree | Không đồng ý |
| | agree | a2 | Neutral | Bình thường |
| | agree | a3 | Agree | Đồng ý |
| | district | hk | Hoàn Kiếm | Hoàn Kiếm |
| | district | bd | Ba Đình | Ba Đình |
| | district | dd | Đống Đa | Đống Đa |
| | service | clinic | Clinic | Trạm y tế |
| | service | school | School | Trường học |
| | service | market | Market | Chợ |
| | freq | never | Never | Không bao giờ |
| | freq | sometimes | Sometimes | Thỉnh thoảng |
| | freq | weekly | Every week | Hằng tuần |
| | freq | daily | Every day | Hằng ngày |
| external_choices |
| | list_name | name | label | district |
| | ward | pt | Phúc Tân | hk |
| | ward | cd | Chương Dương | hk |
| | ward | db | Điện Biên | bd |
| settings |
| | form_id | version | default_language |
| | widgets | 1 | English (en) |
"""


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path / "cache"))
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def compiled(tmp_path: Path) -> CompiledForm:
    source = tmp_path / "widgets.md"
    source.write_text(FORM, encoding="utf-8")
    return FormEngine.build(load_form(source))


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "ws", "mật khẩu", kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


@pytest.fixture
def view(qtbot, ws: Workspace, compiled: CompiledForm) -> EntryView:  # type: ignore[no-untyped-def]
    install_spec(ws, compiled.spec)
    uuid = interviews.new_interview(
        ws, form_id="widgets", form_version="1", ward="pt", household_id="HK-1", enumerator="Lan"
    ).uuid
    shown = EntryView(ws, uuid, compiled, TaskRunner(synchronous=True))
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    shown.test_uuid = uuid  # type: ignore[attr-defined]
    return shown


def saved(view: EntryView) -> dict:  # type: ignore[type-arg]
    return interviews.get_interview(view.ctx.ws, view.test_uuid).answers  # type: ignore[attr-defined]


def row(view: EntryView, name: str) -> QuestionRow:
    rows = [r for r in view.findChildren(QuestionRow) if r.node.name == name]
    assert rows, name
    return rows[-1]


def go(view: EntryView, path: str) -> None:
    page = view.pages.page_of(path)
    assert page is not None
    view.go_to(page)
    row(view, path.rsplit("/", 1)[-1]).widget.focus_target().setFocus()


def focused_row(view: EntryView) -> QuestionRow | None:
    widget: QWidget | None = QApplication.focusWidget()
    while widget is not None and not isinstance(widget, QuestionRow):
        widget = widget.parentWidget()
    return widget


def press(qtbot, *keys, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        target = QApplication.focusWidget()
        assert target is not None
        qtbot.keyClick(target, key, modifier)


def type_(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)


# --- labels and sections -------------------------------------------------------------


def test_labels_show_their_markdown_as_rich_text(view: EntryView):
    go(view, "hh/hh_name")
    label = row(view, "hh_name")
    assert "<b>head</b>" in label.label.text() and "**" not in label.label.text()
    assert "<i>Family name first</i>" in label.hint.text()
    assert "<b>Hello.</b>" in row(view, "intro").label.text()


def test_sections_are_named_short_without_markup_or_unfilled_references(qtbot, view: EntryView):
    names = [view.sections.item(i).text()[2:] for i in range(view.sections.count())]
    assert names[0] == "Hello. We are surveying the living conditions…"  # not the paragraph
    assert names[1] == "Household of"  # the name is not given yet
    assert names[4] == "How often do you…"
    assert all("${" not in n and "*" not in n and "#" not in n for n in names)
    go(view, "hh/hh_name")
    type_(qtbot, "Lan")
    press(qtbot, Qt.Key.Key_Return)
    assert view.sections.item(1).text()[2:] == "Household of Lan"
    assert view.page_widget(view.current).title.text() == "Household of Lan"  # no "#"


# --- a page of typed answers -----------------------------------------------------------


def test_typed_appearances_saved_as_odk_values(qtbot, view: EntryView):
    go(view, "hh/hh_name")
    type_(qtbot, "Lan")
    press(qtbot, Qt.Key.Key_Return)
    assert focused_row(view).node.name == "id_card"
    type_(qtbot, "001090012345")
    press(qtbot, Qt.Key.Key_Return)
    type_(qtbot, "0912 345 678")
    press(qtbot, Qt.Key.Key_Return)
    assert focused_row(view).node.name == "notes"
    type_(qtbot, "Nha tro")
    press(qtbot, Qt.Key.Key_Return)
    type_(qtbot, "2 tang")
    press(qtbot, Qt.Key.Key_Tab)  # Tab leaves a box of several lines
    assert focused_row(view).node.name == "income"
    type_(qtbot, "6500000")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Up, Qt.Key.Key_Up)  # the counter
    press(qtbot, Qt.Key.Key_Return)
    hh = saved(view)["hh"]
    assert hh["hh_name"] == "Lan" and hh["id_card"] == "001090012345"
    assert hh["phone"] == "0912 345 678" and hh["notes"] == "Nha tro\n2 tang"
    assert hh["income"] == 6500000 and hh["visits"] == 2
    assert hh["link"] == "https://example.org/khao-sat"  # the form's default, kept
    assert row(view, "income").widget.edit.text() == "6,500,000"  # thousands-sep


# --- choices ---------------------------------------------------------------------------


def test_choice_appearances_saved_as_odk_values(qtbot, view: EntryView):
    go(view, "choices/district")
    press(qtbot, Qt.Key.Key_Down)  # the drop-down: Hoàn Kiếm
    press(qtbot, Qt.Key.Key_Return)
    assert focused_row(view).node.name == "ward"  # select_one_external, filtered
    ward = row(view, "ward").widget
    assert [b.text() for b in ward.buttons] == ["1. Phúc Tân", "2. Chương Dương"]
    press(qtbot, Qt.Key.Key_2, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_3, Qt.Key.Key_Return)  # likert
    press(qtbot, Qt.Key.Key_Down, modifier=Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_Space, Qt.Key.Key_Return)  # minimal select_multiple: Clinic
    press(qtbot, Qt.Key.Key_Return)
    assert focused_row(view).node.name == "owner"
    press(qtbot, Qt.Key.Key_1)  # quick: picked and moved on
    qtbot.waitUntil(lambda: focused_row(view).node.name == "columns3")
    press(qtbot, Qt.Key.Key_2, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_3, Qt.Key.Key_1)  # tiles
    got = saved(view)["choices"]
    assert got == {
        "district": "hk", "ward": "cd", "satisfied": "a3", "services": ["clinic"],
        "owner": "yes", "columns3": "a2", "tiles": ["clinic", "market"],
    }  # fmt: skip


def test_rank_saved_in_the_order_given(qtbot, view: EntryView):
    go(view, "priorities")
    press(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Up, modifier=Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Up, modifier=Qt.KeyboardModifier.ControlModifier)
    assert saved(view)["priorities"] == ["market", "clinic", "school"]


# --- tables ----------------------------------------------------------------------------


def test_table_list_is_a_grid_whose_header_cannot_be_answered(qtbot, view: EntryView):
    go(view, "often/often_market")
    page = view.page_widget(view.current)
    heading = page.findChild(TableHeading)
    assert heading is not None and heading.title.text() == "How often do you…"
    header = [c.text() for c in heading.header.cells]
    assert header == ["1. Never", "2. Sometimes", "3. Every week", "4. Every day"]
    market, clinic = row(view, "often_market"), row(view, "often_clinic")
    assert isinstance(market.widget, TableRowSelect)
    assert all(b.text() == "" for b in market.widget.buttons)  # the labels are the header's
    # the columns line up with the header's
    for cell, button in zip(heading.header.cells, clinic.widget.buttons, strict=True):
        assert abs(cell.mapTo(page, cell.rect().center()).x()
                   - button.mapTo(page, button.rect().center()).x()) <= 2  # fmt: skip
    assert focused_row(view) is market
    press(qtbot, Qt.Key.Key_3, Qt.Key.Key_Return)
    assert focused_row(view) is clinic
    press(qtbot, Qt.Key.Key_Right)  # ← → along the row
    press(qtbot, Qt.Key.Key_1, Qt.Key.Key_Return)
    assert saved(view)["often"] == {"often_market": "weekly", "often_clinic": "never"}


def test_hand_made_table_header_row_is_skipped_and_never_answered(qtbot, view: EntryView):
    go(view, "handmade/hm_water")
    header = row(view, "hm_header")
    assert isinstance(header.widget, TableHeader)
    assert [c.text() for c in header.widget.cells] == ["1. Yes", "2. No"]
    assert header.widget.focusPolicy() == Qt.FocusPolicy.NoFocus
    press(qtbot, Qt.Key.Key_2, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_1, Qt.Key.Key_Return)
    assert focused_row(view).node.name == "map_pick"  # past the table
    view.previous_page()  # back: the first question taking an answer, never the header
    assert focused_row(view).node.name == "hm_water"
    assert saved(view)["handmade"] == {"hm_water": "no", "hm_power": "yes"}


# --- image-map, dates, scales, places ----------------------------------------------------


def test_image_map_without_its_picture_is_a_list(qtbot, view: EntryView):
    go(view, "map_pick")
    assert "no picture" in row(view, "map_pick").widget.note.text()
    press(qtbot, Qt.Key.Key_3)
    assert saved(view)["map_pick"] == "dd"


def test_dates_and_times_saved_as_odk_values(qtbot, view: EntryView):
    go(view, "dates/moved")
    for text in ("03/2019", "1985", "07:30", "15/03/2024 14:30"):
        type_(qtbot, text)
        press(qtbot, Qt.Key.Key_Return)
    dates = saved(view)["dates"]
    assert dates["moved"] == "2019-03-01" and dates["built"] == "1985-01-01"
    assert dates["woke"] == "07:30:00" and dates["visit"].startswith("2024-03-15T14:30:00")


def test_scales_saved_as_numbers(qtbot, view: EntryView):
    go(view, "scales/r_plain")
    type_(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)
    type_(qtbot, "4")  # rating
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return)  # picker: 2
    press(qtbot, Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Return)  # vertical: 0, 0.5
    press(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Return)  # no-ticks: from the end, 20
    assert saved(view)["scales"] == {
        "r_plain": 7, "r_rating": 4, "r_picker": 2, "r_vertical": 0.5, "r_noticks": 20,
    }  # fmt: skip


def test_places_saved_as_odk_values(qtbot, view: EntryView):
    go(view, "places/gate")
    type_(qtbot, "21.039027, 105.858699 +-12 m")
    press(qtbot, Qt.Key.Key_Return)
    type_(qtbot, "21.03, 105.85")
    press(qtbot, Qt.Key.Key_Return)
    type_(qtbot, "21.04, 105.85")
    press(qtbot, Qt.Key.Key_Tab)
    for corner in ("21.03, 105.85", "21.04, 105.85", "21.04, 105.86"):
        type_(qtbot, corner)
        press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Tab)
    assert saved(view)["places"] == {
        "gate": "21.039027 105.858699 0 12",
        "lane": "21.03 105.85 0 0;21.04 105.85 0 0",
        "plot": "21.03 105.85 0 0;21.04 105.85 0 0;21.04 105.86 0 0;21.03 105.85 0 0",
    }
