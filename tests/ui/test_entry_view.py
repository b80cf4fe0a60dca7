# ruff: noqa: E501  (the form is a markdown table)
"""The data-entry screen on a small bilingual form, in a real temporary workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.installed import install_spec
from fieldsurvey.forms.loader import load_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import audit, interviews
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.entry.question_row import QuestionRow
from fieldsurvey.ui.entry.roster_view import RosterView
from fieldsurvey.ui.tasks import TaskRunner

FORM = """
| survey |
| | type | name | label::English (en) | label::Tiếng Việt (vi) | relevant | constraint | constraint_message::English (en) | constraint_message::Tiếng Việt (vi) | required | choice_filter | appearance | calculation |
| | select_one yn | consent | Do you agree? | Anh/chị có đồng ý không? | | | | | yes | | | |
| | begin group | about | About you | Về anh/chị | ${consent} = 'yes' | | | | | | field-list | |
| | integer | age | Age | Tuổi | | . >= 15 and . <= 100 | Age must be 15 to 100 | Tuổi phải từ 15 đến 100 | yes | | | |
| | select_one yn | retired | Retired? | Đã nghỉ hưu? | ${age} >= 60 | | | | | | | |
| | select_one district | district | District | Quận | | | | | yes | | | |
| | select_one ward | ward | Ward | Phường | | | | | yes | district = ${district} | | |
| | end group | | | | | | | | | | | |
| | begin group | hh | Household | Hộ gia đình | ${consent} = 'yes' | | | | | | | |
| | begin repeat | members | Members | Thành viên | | | | | | | field-list | |
| | text | m_name | Name | Tên | | | | | yes | | | |
| | integer | m_age | Age of member | Tuổi thành viên | | . <= 110 | Too old | Quá lớn | | | | |
| | end repeat | | | | | | | | | | | |
| | calculate | n | Members listed | Số thành viên | | | | | | | | count(${members}) |
| | end group | | | | | | | | | | | |
| choices |
| | list_name | name | label::English (en) | label::Tiếng Việt (vi) | district |
| | yn | yes | Yes | Có | |
| | yn | no | No | Không | |
| | district | hk | Hoan Kiem | Hoàn Kiếm | |
| | district | bd | Ba Dinh | Ba Đình | |
| | ward | pt | Phuc Tan | Phúc Tân | hk |
| | ward | cd | Chuong Duong | Chương Dương | hk |
| | ward | db | Dien Bien | Điện Biên | bd |
| settings |
| | form_id | version | default_language |
| | mini | 1 | English (en) |
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
    source = tmp_path / "mini.md"
    source.write_text(FORM, encoding="utf-8")
    return FormEngine.build(load_form(source))


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "ws", "mật khẩu", kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


@pytest.fixture
def interview(ws: Workspace, compiled: CompiledForm) -> str:
    install_spec(ws, compiled.spec)
    created = interviews.new_interview(
        ws, form_id="mini", form_version="1", ward="pt", household_id="HK-1", enumerator="Lan"
    )
    return created.uuid


def open_view(qtbot, ws, uuid, compiled, runner=None, **kw) -> EntryView:  # type: ignore[no-untyped-def]
    view = EntryView(ws, uuid, compiled, runner or TaskRunner(synchronous=True), **kw)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def row(view: EntryView, name: str) -> QuestionRow:
    rows = [r for r in view.findChildren(QuestionRow) if r.node.name == name]
    assert rows, name
    return rows[-1]


def focused_row(view: EntryView) -> QuestionRow | None:
    widget: QWidget | None = QApplication.focusWidget()
    while widget is not None and not isinstance(widget, QuestionRow):
        widget = widget.parentWidget()
    return widget


def key(qtbot, key_, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key_, modifier)


def saved(ws: Workspace, uuid: str) -> dict:  # type: ignore[type-arg]
    return interviews.get_interview(ws, uuid).answers


def test_relevance_shows_and_hides_questions_at_once(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    assert view.current == 0 and focused_row(view).node.name == "consent"
    key(qtbot, Qt.Key.Key_2)  # "No": nothing else is asked
    view.next_page()
    assert view.current == len(view.pages)  # straight to the review
    view.previous_page()
    key(qtbot, Qt.Key.Key_1)  # "Yes"
    key(qtbot, Qt.Key.Key_Return)
    assert view.current == 1 and focused_row(view).node.name == "age"
    assert row(view, "retired").isHidden()
    qtbot.keyClicks(QApplication.focusWidget(), "65")
    key(qtbot, Qt.Key.Key_Return)
    assert not row(view, "retired").isHidden()  # shown at once, same page
    assert focused_row(view).node.name == "retired"
    age = row(view, "age").widget.focus_target()
    age.setFocus()
    age.selectAll()
    qtbot.keyClicks(age, "30")
    key(qtbot, Qt.Key.Key_Tab)
    assert row(view, "retired").isHidden()


def test_messages_appear_beside_the_question_in_the_chosen_language(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "12")
    key(qtbot, Qt.Key.Key_Return)
    age = row(view, "age")
    assert age.message.isVisible() and "Age must be 15 to 100" in age.message.text()
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not view]
    assert "Age must be 15 to 100" not in row(view, "ward").message.text()
    view.language.setCurrentIndex(view.language.findData("Tiếng Việt (vi)"))
    assert "Tuổi phải từ 15 đến 100" in age.message.text()
    assert age.label.text().startswith("Tuổi")
    # Required messages wait until the enumerator has been past the question.
    ward = row(view, "ward")
    assert not ward.message.isVisible()
    view.next_page()
    view.previous_page()
    view.go_to(1)
    assert row(view, "ward").message.isVisible()


def test_choice_filter_updates_the_list_live(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    ward = row(view, "ward").widget
    assert ward.names == []  # no district yet: no ward to offer
    district = row(view, "district").widget
    district.focus_target().setFocus()
    key(qtbot, Qt.Key.Key_1)  # Hoan Kiem
    assert ward.names == ["pt", "cd"]
    assert [b.text() for b in ward.buttons] == ["1. Phuc Tan", "2. Chuong Duong"]
    key(qtbot, Qt.Key.Key_2)  # Ba Dinh
    assert ward.names == ["db"]


def test_a_choice_the_filter_no_longer_offers_is_cleared(qtbot, ws, interview, compiled):
    """As in ODK Collect: Hoan Kiem then Phuc Tan, then the district changes to Ba Dinh:
    the ward is cleared (saved so), never submitted as Phuc Tan in Ba Dinh."""
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    district = row(view, "district").widget
    district.focus_target().setFocus()
    key(qtbot, Qt.Key.Key_1)  # Hoan Kiem
    ward = row(view, "ward").widget
    ward.focus_target().setFocus()
    key(qtbot, Qt.Key.Key_1)  # Phuc Tan
    assert saved(ws, interview)["about"]["ward"] == "pt"
    district.focus_target().setFocus()
    key(qtbot, Qt.Key.Key_2)  # Ba Dinh: Phuc Tan is not one of its wards
    assert ward.names == ["db"] and not any(b.isChecked() for b in ward.buttons)
    assert "ward" not in saved(ws, interview)["about"]
    assert view.ctx.session.value("about/ward") is None
    key(qtbot, Qt.Key.Key_1)  # back to Hoan Kiem: the ward stays to be chosen again
    assert ward.names == ["pt", "cd"] and not any(b.isChecked() for b in ward.buttons)


def test_roster_add_and_remove_members(qtbot, qtmodeltester, ws, interview, compiled, monkeypatch):
    monkeypatch.setattr(RosterView, "confirm_remove", classmethod(lambda cls, *a: True))
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)
    view.go_to(2)
    roster = view.findChild(RosterView)
    assert roster is not None and roster.model.rowCount() == 0
    assert roster.empty_note.isVisible()
    for name in ("An", "Binh", "Chi"):
        roster.table.setFocus()
        key(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        assert roster.editing_path().endswith("/m_name")
        qtbot.keyClicks(QApplication.focusWidget(), name)
        key(qtbot, Qt.Key.Key_Return)
    qtmodeltester.check(roster.model)
    assert roster.model.rowCount() == 3
    assert [r.cells[0] for r in roster.model.rows] == ["An", "Binh", "Chi"]
    status = roster.model.index(0, roster.model.status_column)
    assert "to answer" not in roster.model.data(status, Qt.ItemDataRole.ToolTipRole)
    roster.select(2)
    key(qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert [r.cells[0] for r in roster.model.rows] == ["An", "Chi"]
    assert [m["m_name"] for m in saved(ws, interview)["hh"]["members"]] == ["An", "Chi"]
    assert row(view, "n").widget.text.text() == "2"


def test_keyboard_pages_and_shortcuts_shown(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    assert "PgDn" in view.next_button.text() and "PgUp" in view.prev_button.text()
    assert "Ctrl+Enter" in view.review_button.text()
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_PageDown)
    assert view.current == 1 and focused_row(view).node.name == "age"
    key(qtbot, Qt.Key.Key_PageDown)  # nothing answered on this page: it stops at age
    assert view.current == 1 and focused_row(view).node.name == "age"
    assert row(view, "age").message.isVisible() and row(view, "ward").message.isVisible()
    qtbot.keyClicks(QApplication.focusWidget(), "30")
    for name in ("district", "ward"):
        row(view, name).widget.focus_target().setFocus()
        key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_PageDown)
    assert view.current == 2
    key(qtbot, Qt.Key.Key_PageUp)
    assert view.current == 1
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.current == len(view.pages)


def test_summary_lists_every_problem_and_links_jump_to_it(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "120")
    key(qtbot, Qt.Key.Key_Return)
    view.review()
    links = view.summary.links
    texts = [links.item(i).text() for i in range(links.count())]
    assert len(texts) == 3  # age out of range, district and ward unanswered
    assert "Age must be 15 to 100" in texts[0] and "Ward" in texts[2]
    assert not view.summary.complete_button.isEnabled()
    links.setFocus()
    links.setCurrentRow(2)
    key(qtbot, Qt.Key.Key_Return)
    assert view.current == 1 and focused_row(view).node.name == "ward"
    view.review()
    qtbot.mouseClick(
        links.viewport(),
        Qt.MouseButton.LeftButton,
        pos=links.visualItemRect(links.item(0)).center(),
    )
    assert focused_row(view).node.name == "age"


def test_every_answer_is_saved_and_the_app_reopens_at_the_same_question(
    qtbot, ws, interview, compiled
):
    runner = TaskRunner()
    view = open_view(qtbot, ws, interview, compiled, runner)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "42")
    key(qtbot, Qt.Key.Key_Return)  # on to district
    qtbot.waitUntil(lambda: view.saved_mark.text().startswith("✓"))
    runner.wait_all()
    assert saved(ws, interview) == {"consent": "yes", "about": {"age": 42}}
    qtbot.waitUntil(lambda: (ws.get_setting("resume") or {}).get("path") == "about/district")
    # A power cut here: the next start opens the interview at the same question.
    view.close()
    again = open_view(qtbot, ws, interview, compiled, TaskRunner(synchronous=True))
    assert again.current == 1 and focused_row(again).node.name == "district"
    assert row(again, "age").widget.edit.text() == "42"


def test_autosave_keeps_the_problem_count_and_audits_the_acting_person(
    qtbot, ws, interview, compiled
):
    ws.set_setting("enumerator", "Lan Anh")  # the store's rule for who is acting
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)  # consent: the questions about you become required
    stored = interviews.get_interview(ws, interview)
    assert stored.answers == {"consent": "yes"}
    assert stored.problems == len(view.ctx.problems()) > 0
    sets = [e for e in audit.entries(ws, interview) if e.action == "set"]
    assert [(e.field, e.who) for e in sets] == [("consent", "Lan Anh")]


def test_completing_stores_the_submitted_answers(qtbot, ws, interview, compiled, shown_dialogs):
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "30")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_1)  # district: Hoan Kiem
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_2)  # ward: Chuong Duong
    key(qtbot, Qt.Key.Key_Return)  # last question of the page: on to the roster
    assert view.current == 2
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.summary.complete_button.isEnabled()
    with qtbot.waitSignal(view.completed) as done:
        key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert done.args == [interview]
    assert "household HK-1" in shown_dialogs[-1] and "export" in shown_dialogs[-1]
    stored = interviews.get_interview(ws, interview)
    assert stored.status == "completed"
    assert stored.answers["about"] == {"age": 30, "district": "hk", "ward": "cd"}
    assert stored.answers["hh"]["n"] == 0  # calculations are kept with a completed interview
    assert view.read_only_note.isVisible()


def test_interface_follows_a_language_change(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    assert row(view, "consent").label.text().startswith("Do you agree?")
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.language.currentData() == "Tiếng Việt (vi)"
    assert row(view, "consent").label.text().startswith("Anh/chị có đồng ý không?")
    assert row(view, "consent").widget.buttons[0].text() == "1. Có"


def test_a_completed_interview_opens_read_only(qtbot, ws, interview, compiled):
    interviews.set_answer(ws, interview, "consent", "no", who="Lan")
    interviews.complete(ws, interview, who="Lan")
    revision = interviews.get_interview(ws, interview).revision
    view = open_view(qtbot, ws, interview, compiled)
    assert view.read_only_note.isVisible()
    consent = row(view, "consent").widget
    assert consent.is_read_only() and not consent.buttons[0].isEnabled()
    assert not view.review_button.isVisible()  # nothing to complete: no such button
    assert not view.sections.item(0).text().startswith("○")  # it was all gone through
    view.ctx.answer("consent", "yes")  # even if something tried, nothing changes
    view.review()
    assert not view.summary.complete_button.isVisible()
    assert view.summary.answer_rows() == [("Do you agree?", "No")]
    assert interviews.get_interview(ws, interview).revision == revision


def test_enter_on_the_roster_table_goes_to_the_member(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)
    view.go_to(2)
    roster = view.findChild(RosterView)
    roster.add_member()
    roster.add_member()
    roster.table.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    assert roster.current == 2 and roster.editing_path() == "hh/members[2]/m_name"


NESTED = """
| survey |
| | type | name | label |
| | begin repeat | hh | Households |
| | text | head | Head of household |
| | begin repeat | kid | Children |
| | text | kid_name | Child's name |
| | end repeat | | |
| | end repeat | | |
| settings |
| | form_id | version |
| | nested | 1 |
"""


def test_a_roster_inside_a_roster_member(qtbot, ws, tmp_path):
    source = tmp_path / "nested.md"
    source.write_text(NESTED, encoding="utf-8")
    nested = FormEngine.build(load_form(source))
    install_spec(ws, nested.spec)
    made = interviews.new_interview(
        ws, form_id="nested", form_version="1", ward="pt", household_id="N-1", enumerator="Lan"
    )
    view = open_view(qtbot, ws, made.uuid, nested)
    households = view.findChild(RosterView)
    households.add_member()
    households.add_member()
    kids = next(r for r in view.findChildren(RosterView) if r is not households)
    assert kids.path == "hh[2]/kid"
    kids.add_member()
    qtbot.keyClicks(QApplication.focusWidget(), "Lan")
    key(qtbot, Qt.Key.Key_Return)
    households.select(1)
    assert kids.path == "hh[1]/kid" and kids.model.rowCount() == 0
    assert saved(ws, made.uuid) == {"hh": [{}, {"kid": [{"kid_name": "Lan"}]}]}


# --- stopping checks (issue 13) ----------------------------------------------------------
def test_enter_on_age_150_keeps_the_focus_there(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    assert focused_row(view).node.name == "age"
    qtbot.keyClicks(QApplication.focusWidget(), "150")
    key(qtbot, Qt.Key.Key_Return)
    age = row(view, "age")
    assert focused_row(view) is age and view.current == 1
    assert age.message.isVisible() and "Age must be 15 to 100" in age.message.text()
    assert saved(ws, interview)["about"]["age"] == 150  # kept as typed, shown as wrong
    # Tab out of the question, Page Down, Next and a later section stop there too.
    key(qtbot, Qt.Key.Key_Tab)
    assert focused_row(view) is age
    key(qtbot, Qt.Key.Key_PageDown)
    assert view.current == 1 and focused_row(view) is age
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current == 1 and focused_row(view) is age
    household = view.sections.item(2)
    qtbot.mouseClick(
        view.sections.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.sections.visualItemRect(household).center(),
    )
    assert view.current == 1 and focused_row(view) is age
    assert view.sections.currentRow() == 1  # the list still shows where the enumerator is
    # Fixed: Enter moves on.
    age.widget.focus_target().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "45")
    key(qtbot, Qt.Key.Key_Return)
    assert focused_row(view).node.name == "district"
    assert not age.message.isVisible()


def test_an_unanswered_required_radio_stops_enter(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    consent = row(view, "consent")
    assert focused_row(view) is consent and not consent.message.isVisible()
    key(qtbot, Qt.Key.Key_Return)
    assert view.current == 0 and focused_row(view) is consent
    assert consent.message.isVisible() and consent.message.text().startswith("⚠")
    key(qtbot, Qt.Key.Key_Tab)
    assert view.current == 0 and focused_row(view) is consent
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    assert view.current == 1 and focused_row(view).node.name == "age"


def test_going_back_is_always_allowed(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "150")
    key(qtbot, Qt.Key.Key_Return)
    assert focused_row(view).node.name == "age"
    key(qtbot, Qt.Key.Key_PageUp)  # back to the consent page, age still wrong
    assert view.current == 0 and focused_row(view).node.name == "consent"
    view.sections.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)  # the section "About you" in the list
    assert view.current == 1
    row(view, "district").widget.focus_target().setFocus()
    key(qtbot, Qt.Key.Key_Backtab)  # Shift+Tab back, past "retired" (age 150 >= 60)
    assert focused_row(view).node.name == "retired"
    key(qtbot, Qt.Key.Key_Backtab)
    assert focused_row(view).node.name == "age"
    view.review()  # the review lists what is wrong; it never completes with it
    assert not view.summary.complete_button.isEnabled()
    qtbot.mouseClick(view.summary.back_button, Qt.MouseButton.LeftButton)
    assert view.current == 2  # the last page


SOFT_FORM = """
| survey |
| | type | name | label | constraint | constraint_message | constraint_type | required |
| | integer | kids | Children under 16 | . <= 8 | More than 8 children: check with the respondent | soft | yes |
| | text | head | Head of household | | | | |
| settings |
| | form_id | version |
| | softy | 1 |
"""


def test_a_soft_check_is_confirmed_recorded_and_counted(qtbot, ws, tmp_path, shown_dialogs):
    source = tmp_path / "softy.md"
    source.write_text(SOFT_FORM, encoding="utf-8")
    soft = FormEngine.build(load_form(source))
    install_spec(ws, soft.spec)
    made = interviews.new_interview(
        ws, form_id="softy", form_version="1", ward="pt", household_id="PT-0103", enumerator="Lan"
    )
    view = open_view(qtbot, ws, made.uuid, soft)
    qtbot.keyClicks(QApplication.focusWidget(), "12")
    key(qtbot, Qt.Key.Key_Return)
    kids = row(view, "kids")
    assert "More than 8 children" in kids.message.text() and kids.message.isVisible()
    assert QApplication.focusWidget() is kids.confirm_box  # stopped, on "I confirmed"
    assert not kids.confirm_box.isChecked()
    key(qtbot, Qt.Key.Key_Return)  # not confirmed yet: still there
    assert QApplication.focusWidget() is kids.confirm_box
    view.review()
    assert "1 to confirm" in view.summary.heading.text()
    assert not view.summary.complete_button.isEnabled()
    view.jump_to("kids")
    kids.confirm_box.setFocus()
    key(qtbot, Qt.Key.Key_Space)  # confirmed with the respondent
    assert kids.confirm_box.isChecked() and not kids.has_problem
    assert [(e.action, e.field, e.new_value) for e in audit.entries(ws, made.uuid)][-1] == (
        "confirm", "kids", 12,
    )  # fmt: skip
    key(qtbot, Qt.Key.Key_Return)
    assert focused_row(view).node.name == "head"
    view.close()
    # Reopened: the confirmation is part of the interview.
    again = open_view(qtbot, ws, made.uuid, soft)
    assert row(again, "kids").confirm_box.isChecked()
    again.review()
    assert again.summary.complete_button.isEnabled()
    assert again.summary.soft_note.isVisible() and "1" in again.summary.soft_note.text()
    assert ("Children under 16", "12  ✓ confirmed with the respondent") in (
        again.summary.answer_rows()
    )
    with qtbot.waitSignal(again.completed):
        again.complete()
    assert interviews.get_interview(ws, made.uuid).status == "completed"
    assert "PT-0103" in shown_dialogs[-1]  # Complete asked first, naming the household


def test_the_review_reads_back_every_answer_with_links(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "30")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_1)  # district: Hoan Kiem
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_2)  # ward: Chuong Duong
    key(qtbot, Qt.Key.Key_Return)
    roster = view.findChild(RosterView)
    roster.add_member()
    qtbot.keyClicks(QApplication.focusWidget(), "An")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.current == len(view.pages)
    assert view.summary.answer_rows() == [
        ("Do you agree?", "Yes"),
        ("Age", "30"),
        ("District", "Hoan Kiem"),
        ("Ward", "Chuong Duong"),
        ("Name", "An"),
        ("Age of member", "(not answered)"),
        ("Members listed", "1"),
    ]
    tree = view.summary.readback
    sections = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert sections == ["Do you agree?", "About you", "Household"]
    # One Back and one Complete button: the bottom bar shows neither again.
    assert view.summary.back_button.isVisible() and view.summary.complete_button.isVisible()
    assert not view.prev_button.isVisible() and not view.review_button.isVisible()
    # Activating an answer (Enter on it) goes to its question.
    ward = tree.topLevelItem(1).child(2)
    assert ward.text(0) == "Ward"
    tree.setFocus()
    tree.setCurrentItem(ward)
    key(qtbot, Qt.Key.Key_Return)
    assert view.current == 1 and focused_row(view).node.name == "ward"


def test_sections_are_done_only_when_visited_and_valid(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    sections = view.sections

    def marks() -> list[str]:
        return [sections.item(i).text()[0] for i in range(sections.count())]

    key(qtbot, Qt.Key.Key_1)  # consent: "About you" and "Household" are now asked
    assert marks() == ["✓", "○", "○"]  # never visited: not done
    tips = {sections.item(i).toolTip() for i in range(3)}
    assert len(tips) == 2 and "Not visited yet" in tips
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "150")
    key(qtbot, Qt.Key.Key_Return)
    assert marks() == ["✓", "⚠", "○"]
    assert "fix" in sections.item(1).toolTip()
    age = row(view, "age").widget.focus_target()
    age.selectAll()
    qtbot.keyClicks(age, "30")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return)  # on to the household page
    assert view.current == 2
    assert marks() == ["✓", "✓", "✓"]
    assert len({sections.item(i).toolTip() for i in range(3)}) == 1


def test_a_form_in_one_language_has_no_language_box(qtbot, ws, interview, compiled, tmp_path):
    view = open_view(qtbot, ws, interview, compiled)
    assert view.language.isVisible()  # English and Vietnamese
    view.close()
    source = tmp_path / "nested.md"
    source.write_text(NESTED, encoding="utf-8")
    single = FormEngine.build(load_form(source))
    install_spec(ws, single.spec)
    made = interviews.new_interview(
        ws, form_id="nested", form_version="1", ward="pt", household_id="N-1", enumerator="Lan"
    )
    view = open_view(qtbot, ws, made.uuid, single)
    assert not view.language.isVisible() and not view.language_label.isVisible()


def test_complete_asks_first_naming_the_household(qtbot, ws, interview, compiled, monkeypatch):
    interviews.set_answer(ws, interview, "consent", "no", who="Lan")
    view = open_view(qtbot, ws, interview, compiled)
    asked: list[str] = []

    def decline(box: QMessageBox) -> int:
        asked.append(f"{box.text()}\n{box.informativeText()}")
        return int(QMessageBox.StandardButton.Cancel.value)

    monkeypatch.setattr(QMessageBox, "exec", decline)
    view.review()
    assert view.summary.complete_button.isEnabled()
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked and "HK-1" in asked[0] and "export" in asked[0] and "reopen" in asked[0]
    assert interviews.get_interview(ws, interview).status == "draft"  # not yet
    assert view.ctx.editable and view.current == len(view.pages)


PLACES_FORM = """
| survey |
|        | type     | name  | label     | appearance |
|        | geopoint | place | Home      |            |
|        | geotrace | route | Route     |            |
|        | text     | pin   | PIN       | masked     |
| settings |
|          | form_id | version |
|          | places  | 1       |
"""


def test_the_review_reads_places_readably_and_never_a_masked_answer(qtbot, ws, tmp_path):
    source = tmp_path / "places.md"
    source.write_text(PLACES_FORM, encoding="utf-8")
    places = FormEngine.build(load_form(source))
    install_spec(ws, places.spec)
    answers = {
        "place": "21.039027 105.858699 12 15",
        "route": "21.0390 105.8587 0 0;21.0400 105.8600 0 0",
        "pin": "4711",
    }
    made = interviews.new_interview(
        ws, form_id="places", form_version="1", ward="pt", household_id="PT-1",
        enumerator="Lan", answers=answers,
    )  # fmt: skip
    view = open_view(qtbot, ws, made.uuid, places)
    view.review()
    rows = dict(view.summary.answer_rows())
    assert rows["Home"].startswith("21.039027, 105.858699") and "±15 m" in rows["Home"]
    assert rows["Route"].count(";") == 1 and "21.04, 105.86" in rows["Route"]
    assert rows["PIN"] == "••••" and "4711" not in str(view.summary.answer_rows())


FILE_LIST_FORM = """
| survey |
|        | type                           | name | label |
|        | select_one_from_file wards.csv | ward | Ward  |
| settings |
|          | form_id | version |
|          | filelist | 1      |
"""


def test_a_list_from_an_attached_file_is_offered_and_read_back_by_label(qtbot, ws, tmp_path):
    from fieldsurvey.forms.installed import compiled_form, install_form_file
    from fieldsurvey.forms.markdown_form import markdown_to_xlsx

    form = markdown_to_xlsx(FILE_LIST_FORM, tmp_path / "filelist.xlsx")
    media = tmp_path / "filelist-media"
    media.mkdir()
    rows = [f"w{n:02d},Phường số {n}" for n in range(1, 16)]
    (media / "wards.csv").write_text("name,label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    install_form_file(ws, form)
    compiled = compiled_form(ws, "filelist", "1")
    made = interviews.new_interview(
        ws, form_id="filelist", form_version="1", ward="pt", household_id="PT-1",
        enumerator="Lan", answers={"ward": "w07"},
    )  # fmt: skip
    view = open_view(qtbot, ws, made.uuid, compiled)
    assert view.ctx.choice_count("ward") == 15
    assert ("w07", "Phường số 7") in view.ctx.choices("ward")
    view.review()
    assert dict(view.summary.answer_rows())["Ward"] == "Phường số 7"
