# ruff: noqa: E501  (the forms are markdown tables)
"""The roster: short questions answered in the grid itself, a detail pane for the rest,
rosters named by their own label, keys that do one thing, and a layout that fits at
1366x768 at 100 % and 125 % (a 125 % Windows screen gives the window 1093x614)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.installed import install_spec
from fieldsurvey.forms.loader import load_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.resources import resource_path
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.entry.question_row import QuestionRow
from fieldsurvey.ui.entry.roster_model import COL_FIRST_ANSWER, MarkRole
from fieldsurvey.ui.entry.roster_view import RosterView
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.interviews_page import InterviewsPage
from fieldsurvey.ui.tasks import TaskRunner

PEOPLE = """
| survey |
| | type | name | label::English (en) | label::Tiếng Việt (vi) | relevant | constraint | constraint_message::English (en) | constraint_message::Tiếng Việt (vi) | required |
| | begin repeat | people | Household member | Thành viên hộ | | | | | |
| | text | p_name | Name or initials | Tên hoặc chữ viết tắt | | | | | yes |
| | select_one sex | p_sex | Sex | Giới tính | | | | | yes |
| | integer | p_age | Age (completed years) | Tuổi (số năm tròn) | | . >= 0 and . <= 110 | Age must be 0 to 110 | Tuổi phải từ 0 đến 110 | yes |
| | select_one yn | p_school | Attending school now? | Hiện có đi học không? | ${p_age} >= 6 and ${p_age} <= 17 | | | | yes |
| | select_multiple help | p_help | Support received | Hỗ trợ đã nhận | | | | | |
| | end repeat | | | | | | | | |
| | note | thanks | Thank you | Cảm ơn | | | | | |
| choices |
| | list_name | name | label::English (en) | label::Tiếng Việt (vi) |
| | sex | male | Male | Nam |
| | sex | female | Female | Nữ |
| | sex | other | Other | Khác |
| | yn | yes | Yes | Có |
| | yn | no | No | Không |
| | help | food | Food | Thực phẩm |
| | help | fees | School fees | Học phí |
| settings |
| | form_id | version | default_language |
| | people | 1 | English (en) |
"""

NESTED = """
| survey |
| | type | name | label::English (en) | label::Tiếng Việt (vi) | constraint |
| | begin repeat | hh | Household | Hộ gia đình | |
| | text | head | Head of household | Chủ hộ | |
| | integer | head_age | Age of the head | Tuổi chủ hộ | . <= 110 |
| | begin repeat | kid | Child under 18 | Trẻ dưới 18 tuổi | |
| | text | kid_name | Child's name | Tên của trẻ | |
| | integer | kid_age | Child's age | Tuổi của trẻ | . < 18 |
| | select_one yn | kid_school | Goes to school | Đi học | |
| | select_multiple help | kid_help | Support received | Hỗ trợ đã nhận | |
| | end repeat | | | | |
| | end repeat | | | | |
| choices |
| | list_name | name | label::English (en) | label::Tiếng Việt (vi) |
| | yn | yes | Yes | Có |
| | yn | no | No | Không |
| | help | food | Food | Thực phẩm |
| | help | fees | School fees | Học phí |
| settings |
| | form_id | version | default_language |
| | nested | 1 | English (en) |
"""

SOFT = """
| survey |
| | type | name | label | constraint | constraint_message | constraint_type |
| | begin repeat | people | Household member | | | |
| | text | p_name | Name | | | |
| | integer | p_age | Age | . <= 90 | Over 90: ask again, then confirm | soft |
| | end repeat | | | | | |
| settings |
| | form_id | version |
| | soft | 1 |
"""

#: The logical size of a 1366x768 window at 100 % and at 125 % (Windows scaling).
SIZES = [(1366, 768), (1093, 614)]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path / "cache"))
    before = QLocale()
    yield
    translations.install("en")
    QLocale.setDefault(before)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "ws", "mật khẩu", kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


def build(tmp_path: Path, form: str) -> CompiledForm:
    source = tmp_path / "form.md"
    source.write_text(form, encoding="utf-8")
    return FormEngine.build(load_form(source))


def open_view(qtbot, ws, compiled, answers=None, size=(1366, 768)) -> EntryView:  # type: ignore[no-untyped-def]
    install_spec(ws, compiled.spec)
    made = interviews.new_interview(
        ws, form_id=compiled.spec.form_id, form_version=compiled.spec.version, ward="pt",
        household_id="HK-1", enumerator="Lan", answers=answers,
    )  # fmt: skip
    view = EntryView(ws, made.uuid, compiled, TaskRunner(synchronous=True))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focus(), key, modifier)


def type_in(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(focus(), text)


def saved(ws: Workspace, uuid: str) -> dict[str, Any]:
    return interviews.get_interview(ws, uuid).answers


def question_with_focus() -> str:
    widget: QWidget | None = focus()
    while widget is not None and not isinstance(widget, QuestionRow):
        widget = widget.parentWidget()
    return widget.node.name if widget is not None else ""


def cell(roster: RosterView, row: int, name: str) -> Any:
    offset = next(i for i, n in enumerate(roster.columns) if n.name == name)
    return roster.model.index(row - 1, COL_FIRST_ANSWER + offset)


# --- answering in the grid ----------------------------------------------------------------
def test_a_row_is_added_and_answered_in_the_grid_by_keyboard(qtbot, qtmodeltester, ws, tmp_path):
    view = open_view(qtbot, ws, build(tmp_path, PEOPLE))
    roster = view.findChild(RosterView)
    assert [n.name for n in roster.columns] == ["p_name", "p_sex", "p_age", "p_school"]
    assert focus() is roster.add_button  # an empty roster: Enter or Ctrl++ adds a row
    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert roster.editing_path() == "people[1]/p_name"
    type_in(qtbot, "Lan")
    press(qtbot, Qt.Key.Key_Tab)
    assert roster.editing_path() == "people[1]/p_sex"
    type_in(qtbot, "2")  # numbered like the radio buttons: 2. Female
    press(qtbot, Qt.Key.Key_Return)
    assert roster.editing_path() == "people[1]/p_age"
    type_in(qtbot, "34")
    press(qtbot, Qt.Key.Key_Return)
    # School is not asked at 34: on to the detail pane, then out of the roster.
    assert roster.editing_path() is None and question_with_focus() == "p_help"
    type_in(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    assert view.current == 1  # the page after the roster
    assert saved(ws, view.uuid) == {
        "people": [{"p_name": "Lan", "p_sex": "female", "p_age": 34, "p_help": ["food"]}]
    }
    assert [r.cells for r in roster.model.rows] == [["Lan", "Female", "34", ""]]
    assert roster.model.data(cell(roster, 1, "p_school"), MarkRole) == "off"
    assert not roster.model.flags(cell(roster, 1, "p_school")) & Qt.ItemFlag.ItemIsEditable
    qtmodeltester.check(roster.model)


def test_an_invalid_age_in_the_grid_is_flagged_and_keeps_the_focus(qtbot, ws, tmp_path):
    view = open_view(qtbot, ws, build(tmp_path, PEOPLE))
    roster = view.findChild(RosterView)
    roster.add_member()
    type_in(qtbot, "An")
    press(qtbot, Qt.Key.Key_Return)
    type_in(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    type_in(qtbot, "150")
    press(qtbot, Qt.Key.Key_Return)
    assert roster.editing_path() == "people[1]/p_age"  # stopped at the question
    assert roster.message.isVisible() and "Age must be 0 to 110" in roster.message.text()
    age = cell(roster, 1, "p_age")
    assert roster.model.data(age, MarkRole) == "problem"
    assert "Age must be 0 to 110" in roster.model.data(age, Qt.ItemDataRole.ToolTipRole)
    assert roster.cell_message(1, "p_age") == "Age must be 0 to 110"
    status = roster.model.index(0, roster.model.status_column)
    assert roster.model.data(status) == "⚠ 1"
    assert "1 to fix" in roster.model.data(status, Qt.ItemDataRole.ToolTipRole)
    press(qtbot, Qt.Key.Key_Tab)  # Tab does not get past it either
    assert roster.editing_path() == "people[1]/p_age"
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # back: never stopped
    assert roster.editing_path() == "people[1]/p_sex"
    press(qtbot, Qt.Key.Key_Tab)
    focus().selectAll()  # type: ignore[attr-defined]
    type_in(qtbot, "15")
    press(qtbot, Qt.Key.Key_Return)
    assert roster.editing_path() == "people[1]/p_school"  # asked now: 15 is school age
    assert not roster.message.isVisible() and roster.cell_message(1, "p_age") == ""
    assert saved(ws, view.uuid)["people"][0]["p_age"] == 15


def test_a_required_cell_left_empty_stops_and_a_missing_choice_is_said(qtbot, ws, tmp_path):
    view = open_view(qtbot, ws, build(tmp_path, PEOPLE))
    roster = view.findChild(RosterView)
    roster.add_member()
    press(qtbot, Qt.Key.Key_Return)  # no name
    assert roster.editing_path() == "people[1]/p_name" and roster.message.isVisible()
    type_in(qtbot, "Mai")
    press(qtbot, Qt.Key.Key_Return)
    type_in(qtbot, "7")  # there are three choices
    assert "There is no choice 7" in roster.message.text()
    press(qtbot, Qt.Key.Key_Return)
    assert roster.editing_path() == "people[1]/p_sex"
    assert "p_sex" not in saved(ws, view.uuid)["people"][0]


def test_typing_on_the_table_starts_the_answer_and_escape_puts_it_back(qtbot, ws, tmp_path):
    view = open_view(qtbot, ws, build(tmp_path, PEOPLE))
    roster = view.findChild(RosterView)
    roster.add_member()
    type_in(qtbot, "Lan")
    press(qtbot, Qt.Key.Key_Return)
    type_in(qtbot, "3")
    press(qtbot, Qt.Key.Key_Escape)  # "Other" was saved when typed; Escape only closes
    assert roster.editing_path() is None and focus() is roster.table
    press(qtbot, Qt.Key.Key_Left)
    type_in(qtbot, "Binh")  # typing on a cell replaces its answer
    assert roster.editing_path() == "people[1]/p_name"
    press(qtbot, Qt.Key.Key_Escape)  # not saved: the answer stays "Lan"
    assert saved(ws, view.uuid)["people"][0] == {"p_name": "Lan", "p_sex": "other"}
    press(qtbot, Qt.Key.Key_Return)  # Enter on a cell edits it
    assert roster.editing_path() == "people[1]/p_name"
    focus().selectAll()  # type: ignore[attr-defined]
    type_in(qtbot, "Binh")
    press(qtbot, Qt.Key.Key_Return)
    assert saved(ws, view.uuid)["people"][0]["p_name"] == "Binh"
    assert roster.model.rows[0].cells[:2] == ["Binh", "Other"]


def test_a_soft_check_in_the_grid_is_confirmed_then_the_enumerator_moves_on(qtbot, ws, tmp_path):
    view = open_view(qtbot, ws, build(tmp_path, SOFT))
    roster = view.findChild(RosterView)
    roster.add_member()
    type_in(qtbot, "Lan")
    press(qtbot, Qt.Key.Key_Return)
    type_in(qtbot, "95")
    press(qtbot, Qt.Key.Key_Return)
    assert focus() is roster.confirm_box and "Over 90" in roster.message.text()
    assert roster.model.data(cell(roster, 1, "p_age"), MarkRole) == "warning"
    press(qtbot, Qt.Key.Key_Space)  # confirmed with the respondent: recorded
    assert view.ctx.is_confirmed("people[1]/p_age")
    press(qtbot, Qt.Key.Key_Return)
    assert view.current == len(view.pages)  # past the roster: the review
    assert saved(ws, view.uuid) == {"people": [{"p_name": "Lan", "p_age": 95}]}


def test_the_headers_follow_the_questionnaire_language(qtbot, ws, tmp_path):
    view = open_view(qtbot, ws, build(tmp_path, PEOPLE))
    roster = view.findChild(RosterView)
    view.ctx.set_language("Tiếng Việt (vi)")
    tip = roster.model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert (roster.title.text(), tip) == ("Thành viên hộ", "Tên hoặc chữ viết tắt")
    assert "thành viên hộ" in roster.add_button.text()


# --- names, keys and room -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "outer", "inner"),
    [
        ("en", "Add household (Ctrl++)", "Add child under 18 (Ctrl++)"),
        ("vi", "Thêm hộ gia đình (Ctrl++)", "Thêm trẻ dưới 18 tuổi (Ctrl++)"),
    ],
)
def test_each_roster_is_named_by_its_own_label(qtbot, ws, tmp_path, code, outer, inner):
    translations.install(code)
    view = open_view(qtbot, ws, build(tmp_path, NESTED))
    households = view.findChild(RosterView)
    households.add_member()
    kids = next(r for r in view.findChildren(RosterView) if r is not households)
    kids.add_member()
    assert (households.add_button.text(), kids.add_button.text()) == (outer, inner)
    texts = [
        w.text() for r in (households, kids) for w in (r.remove_button, r.member_title, r.title)
    ]
    assert not any("member" in t or "thành viên" in t.lower() for t in texts), texts
    assert kids.member_title.text().startswith(
        "Child under 18 1 of 1" if code == "en" else "Trẻ dưới 18 tuổi 1/1"
    )


def inside(widget: QWidget, area: QWidget) -> bool:
    top_left = widget.mapTo(area, QPoint(0, 0))
    return area.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("size", SIZES)
def test_a_roster_inside_a_roster_has_room_and_its_buttons_in_sight(qtbot, ws, tmp_path, size):
    view = open_view(qtbot, ws, build(tmp_path, NESTED), size=size)
    households = view.findChild(RosterView)
    households.add_member()
    kids = next(r for r in view.findChildren(RosterView) if r is not households)
    for _ in range(3):
        kids.add_member()
    QApplication.processEvents()
    viewport = households.detail_scroll.viewport()
    for button in (kids.add_button, kids.remove_button, households.add_button):
        assert button.isVisible() and inside(button, view), button.text()
    assert inside(kids.add_button, viewport) and inside(kids.remove_button, viewport)
    # The inner roster has the page's width: its columns and its detail pane are whole.
    assert inside(kids.table, viewport) and inside(kids.detail_side, viewport)
    assert kids.natural_width() <= kids.table.width()
    assert not households.detail_scroll.horizontalScrollBar().isVisible()


def enabled_keys(window: QWidget, focused: QWidget) -> list[str]:
    """The keys of every shortcut that would act with ``focused`` having the focus."""
    keys = []
    for made in window.findChildren(QShortcut):
        parent = made.parent()
        if not made.isEnabled() or not isinstance(parent, QWidget) or not parent.isVisible():
            continue
        context = made.context()
        if context == Qt.ShortcutContext.WidgetShortcut:
            applies = parent is focused
        elif context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
            applies = parent is focused or parent.isAncestorOf(focused)
        else:
            applies = True
        if applies:
            keys.append(made.key().toString())
    return keys


def test_the_roster_keys_do_one_thing_each(qtbot, ws, tmp_path):
    view = open_view(qtbot, ws, build(tmp_path, NESTED))
    households = view.findChild(RosterView)
    households.add_member()
    kids = next(r for r in view.findChildren(RosterView) if r is not households)
    kids.add_member()
    assert kids.editing_path() == "hh[1]/kid[1]/kid_name"
    keys = enabled_keys(view, focus())
    assert len(keys) == len(set(keys)), keys
    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)  # in the inner roster
    assert (households.model.rowCount(), kids.model.rowCount()) == (1, 2)
    households.cells.edit(1, 0)
    keys = enabled_keys(view, focus())
    assert len(keys) == len(set(keys)), keys
    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)  # in the outer one
    assert households.model.rowCount() == 2
    # None is "New interview" (Ctrl+N, on its button) or another key of the interviews page.
    page = InterviewsPage()
    qtbot.addWidget(page)
    taken = {"Ctrl+N", page.new_button.shortcut().toString()}
    taken |= {s.key().toString() for s in page.findChildren(QShortcut)}
    roster_keys = {s.key().toString() for s in households.shortcuts}
    assert "Ctrl+N" in page.new_button.text() and not roster_keys & taken
    # Each key is on its button or in its tooltip.
    assert "Ctrl++" in households.add_button.text() and "Ctrl+-" in households.remove_button.text()
    assert "Alt+PgDown" in households.next_button.toolTip()
    assert "Alt+PgUp" in households.prev_button.toolTip()


# --- the default survey at 1366x768 -------------------------------------------------------
@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CompiledForm]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        spec = load_form(Path(resource_path("forms", "migrant_household.xlsx")))
    yield FormEngine.build(spec)


FIVE = [  # name, relation, sex, age
    ("Nguyễn Thị Lan", "self", "female", 34),
    ("Trần Văn Hùng", "spouse", "male", 136),  # a typing slip, flagged
    ("Mai", "child", "female", 10),
    ("Nam", "child", "male", 7),
    ("Bà Tư", "parent", "female", 67),
]


@pytest.mark.parametrize("code", ["vi", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_the_default_survey_roster_fits(qtbot, ws, survey, code, size):
    translations.install(code)
    members = [
        {"m_name": n, "m_relation": r, "m_sex": s, "m_age": a, "m_occ": "student"}
        for n, r, s, a in FIVE
    ]
    answers = {
        "consent_section": {"consent": "yes"},
        "respondent": {"resp_age": 34},
        "household": {"hh_size": 5, "members": members},
    }
    view = open_view(qtbot, ws, survey, answers, size=size)
    view.go_to(view.pages.page_of("household/members"))
    roster = view.findChild(RosterView)
    roster.select(2)
    QApplication.processEvents()
    assert [n.name for n in roster.columns] == ["m_name", "m_relation", "m_sex", "m_age"]
    table, model = roster.table, roster.model
    widths = [table.columnWidth(c) for c in range(model.columnCount())]
    assert sum(widths) <= table.viewport().width()  # every column in sight, status included
    cells, heads = table.fontMetrics(), table.horizontalHeader().fontMetrics()
    for column, width in enumerate(widths):
        header = str(model.headerData(column, Qt.Orientation.Horizontal))
        assert max(heads.horizontalAdvance(line) for line in header.split("\n")) < width, header
        for row in range(model.rowCount()):
            assert cells.horizontalAdvance(str(model.data(model.index(row, column)))) < width
    labels = [roster.ctx.label(f"household/members[1]/{n.name}") for n in roster.columns]
    tips = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) for c in range(1, 5)]  # fmt: skip
    assert tips == labels  # the full question in the tooltip
    assert roster.model.data(cell(roster, 2, "m_age"), MarkRole) == "problem"
    assert roster.message.isVisible()  # the selected member's problem, under the grid
    assert not roster.detail_scroll.horizontalScrollBar().isVisible()
    assert inside(roster.member_title, view) and inside(roster.next_button, view)


def test_page_down_does_not_leave_unreadable_typing_in_a_grid_cell(qtbot, ws, tmp_path):
    """An age typed as "1,50" (ambiguous) is not saved; Page Down must not leave it behind."""
    view = open_view(qtbot, ws, build(tmp_path, PEOPLE))
    roster = view.findChild(RosterView)
    roster.add_member()
    type_in(qtbot, "An")
    press(qtbot, Qt.Key.Key_Return)
    type_in(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    type_in(qtbot, "1,50")
    page = view.current
    press(qtbot, Qt.Key.Key_PageDown)
    assert view.current == page, "stopped on the page"
    assert roster.editing_path() == "people[1]/p_age"
    assert "p_age" not in saved(ws, view.uuid)["people"][0]
