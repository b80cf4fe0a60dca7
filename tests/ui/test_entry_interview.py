"""A whole default-survey interview filled with the keyboard only (five household
members), completed, exported in a bundle and imported by the coordinator; and the entry
screen rendered at 1366x768 in both languages (PNG files in tests/ui/screens/, to look
at; no pixel comparison)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QWidget

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.installed import install_spec
from fieldsurvey.forms.loader import load_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.resources import resource_path
from fieldsurvey.store import audit, interviews
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_writer import export_bundle

from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.entry.question_row import QuestionRow
from fieldsurvey.ui.entry.roster_view import RosterView
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.tasks import TaskRunner

SCREENS = Path(__file__).parent / "screens"
MEMBERS = [  # name, relation, sex, age, occupation search, insurance, at school
    ("Lan", "1", "2", "34", "ban hang", "1", None),
    ("Hùng", "2", "1", "36", "xe om", "2", None),
    ("Mai", "3", "2", "10", "di hoc", "3", "1"),
    ("Nam", "3", "1", "7", "di hoc", "3", "1"),
    ("Bà Tư", "4", "2", "67", "nghi huu", "2", None),
]
#: What the keys typed below must give (worked out by hand from the choice lists).
EXPECTED = {
    "consent_section": {"consent": "yes"},
    "location": {
        "city": "ha_noi", "district": "hoan_kiem", "ward": "phuc_tan", "res_group": "Tổ 5",
        "household_id": "HK-0012", "gps": "21.0345 105.86 0 0",
    },
    "respondent": {
        "resp_name": "Nguyễn Thị Lan", "resp_age": 34, "resp_sex": "female",
        "home_province": "nam_dinh", "years_away": 8, "temp_reg": "expired",
    },
    "work": {
        "occupation": "street_vendor", "contract": "none", "hours_day": 10.5, "days_week": 6,
        "income_month": 6500000, "remit": "yes", "remit_month": 8000000,
    },
    "housing": {
        "accom_type": "rented_room", "room_area": 12.5, "room_people": 3, "m2_per_person": 4.2,
        "water": "tap_shared", "toilet": "shared_flush", "elec_pay": "landlord_kwh",
        "elec_price": 3500,
    },
    "tenure": {"lease": "verbal", "evict_worry": "somewhat", "moves_12m": 1},
    "health": {
        "self_health": "fair", "ill_30d": "yes", "work_accident": "no",
        "care_where": ["pharmacy", "health_station"], "oop_cost": 150000,
        "barriers": ["cost", "procedures"],
    },
    "social": {
        "hi_card": "none", "hi_why_not": ["cost", "how"], "vol_si": "no", "rights_know": "some",
    },
    "shg": {"shg_member": "yes", "shg_support": ["info", "health_check"]},
    "household": {
        "hh_size": 5,
        "members": [
            {"m_name": "Lan", "m_relation": "self", "m_sex": "female", "m_age": 34,
             "m_occ": "street_vendor", "m_hi": "none", "m_dependant": 0, "m_working_age": 1},
            {"m_name": "Hùng", "m_relation": "spouse", "m_sex": "male", "m_age": 36,
             "m_occ": "motorbike_taxi", "m_hi": "home_province", "m_dependant": 0,
             "m_working_age": 1},
            {"m_name": "Mai", "m_relation": "child", "m_sex": "female", "m_age": 10,
             "m_occ": "student", "m_hi": "hanoi", "m_school": "yes", "m_dependant": 1,
             "m_working_age": 0},
            {"m_name": "Nam", "m_relation": "child", "m_sex": "male", "m_age": 7,
             "m_occ": "student", "m_hi": "hanoi", "m_school": "yes", "m_dependant": 1,
             "m_working_age": 0},
            {"m_name": "Bà Tư", "m_relation": "parent", "m_sex": "female", "m_age": 67,
             "m_occ": "retired", "m_hi": "home_province", "m_dependant": 1,
             "m_working_age": 0},
        ],
        "hh_members": 5, "n_dependants": 3, "n_working_age": 2, "dep_ratio": 1.5,
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CompiledForm]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        spec = load_form(Path(resource_path("forms", "migrant_household.xlsx")))
    yield FormEngine.build(spec)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "ws", "mật khẩu", kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


@pytest.fixture
def language() -> Iterator[None]:
    before = QLocale()
    yield
    translations.install("en")
    QLocale.setDefault(before)


def use_language(code: str) -> None:
    """The app's language as the language switch sets it (translator and QLocale)."""
    translations.install(code)


def open_view(qtbot, ws: Workspace, compiled: CompiledForm, answers=None) -> EntryView:  # type: ignore[no-untyped-def]
    install_spec(ws, compiled.spec)
    interview = interviews.new_interview(
        ws, form_id=compiled.spec.form_id, form_version=compiled.spec.version, ward="phuc_tan",
        household_id="HK-0012", enumerator="Lan", answers=answers,
    )  # fmt: skip
    view = EntryView(ws, interview.uuid, compiled, TaskRunner(synchronous=True))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def open_view_of(qtbot, ws: Workspace, compiled: CompiledForm, uuid: str) -> EntryView:  # type: ignore[no-untyped-def]
    """The entry screen of an interview that exists already."""
    view = EntryView(ws, uuid, compiled, TaskRunner(synchronous=True))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def question() -> str:
    widget: QWidget | None = focus()
    while widget is not None and not isinstance(widget, QuestionRow | AnswerWidget):
        widget = widget.parentWidget()
    return widget.node.name if widget is not None else ""


def press(qtbot, *keys: Qt.Key | str) -> None:  # type: ignore[no-untyped-def]
    for key_ in keys:
        if isinstance(key_, str):
            type_text(qtbot, key_)
        else:
            qtbot.keyClick(focus(), key_)


def type_text(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into the focused box; letters beyond ASCII arrive as Unikey sends them."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(focus(), char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(focus(), event)


def answer(qtbot, name: str, *keys: Qt.Key | str) -> None:  # type: ignore[no-untyped-def]
    """Check the focus is on question ``name``, type ``keys``, then Enter."""
    assert question() == name
    press(qtbot, *keys, Qt.Key.Key_Return)


def shoot(view: EntryView, name: str) -> None:
    SCREENS.mkdir(exist_ok=True)
    QApplication.processEvents()
    assert view.grab().save(str(SCREENS / f"entry_{name}.png"))


def without_meta(answers: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in answers.items() if k not in ("start", "end", "today")}


def test_whole_interview_by_keyboard_with_five_members(
    qtbot, campaign, compiled, language, tmp_path
):
    coordinator, ws = campaign  # a laptop set up from the coordinator's device package
    use_language("vi")
    view = open_view(qtbot, ws, compiled)
    shoot(view, "vi_01_intro")
    press(qtbot, Qt.Key.Key_Return)  # the introduction is a note: Enter on "Next"
    answer(qtbot, "consent", "1")
    # Location: city and district keep their defaults; the ward list is long: search it.
    answer(qtbot, "city")
    answer(qtbot, "district")
    assert question() == "ward"
    press(qtbot, "phuc tan")
    shoot(view, "vi_02_location_search")
    press(qtbot, Qt.Key.Key_Return)
    answer(qtbot, "res_group", "Tổ 5")
    answer(qtbot, "household_id", "HK-0012")
    answer(qtbot, "gps", "21.0345 105.8600")
    answer(qtbot, "resp_name", "Nguyễn Thị Lan")
    press(qtbot, "150", Qt.Key.Key_Return)  # a slip: the wrong age stops the enumerator
    assert question() == "resp_age" and view.ctx.message("respondent/resp_age")
    qtbot.keyClick(focus(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    answer(qtbot, "resp_age", "34")
    answer(qtbot, "resp_sex", "2")
    answer(qtbot, "home_province", "nam dinh")
    answer(qtbot, "years_away", "8")
    answer(qtbot, "temp_reg", "2")
    assert view.ctx.touched >= {"respondent/resp_age", "respondent/temp_reg"}
    answer(qtbot, "occupation", "1")
    answer(qtbot, "contract", "3")
    answer(qtbot, "hours_day", "10,5")
    answer(qtbot, "days_week", "6")
    answer(qtbot, "income_month", "6.500.000")
    answer(qtbot, "remit", "1")
    # More sent home than earned: a soft check. Enter stops there with the warning and
    # moves to its box; Space confirms it (asked again: savings), Enter goes on.
    press(qtbot, "8000000", Qt.Key.Key_Return)
    assert question() == "remit_month" and isinstance(focus(), QCheckBox)
    shown = [w.text() for w in focus().parentWidget().findChildren(QLabel) if w.isVisible()]
    assert any("lớn hơn thu nhập" in text for text in shown), shown
    press(qtbot, Qt.Key.Key_Return)
    assert question() == "remit_month", "an unconfirmed soft check stops the enumerator"
    press(qtbot, Qt.Key.Key_Space, Qt.Key.Key_Return)
    answer(qtbot, "accom_type", "1")
    answer(qtbot, "room_area", "12,5")
    answer(qtbot, "room_people", "3")
    answer(qtbot, "water", "2")
    answer(qtbot, "toilet", "2")
    answer(qtbot, "elec_pay", "1")
    answer(qtbot, "elec_price", "3500")
    shoot(view, "vi_03_tenure")
    answer(qtbot, "lease", "2")
    answer(qtbot, "evict_worry", "2")
    answer(qtbot, "moves_12m", "1")
    answer(qtbot, "self_health", "3")
    answer(qtbot, "ill_30d", "1")
    answer(qtbot, "work_accident", "2")
    answer(qtbot, "care_where", "1", "2")
    answer(qtbot, "oop_cost", "150000")
    answer(qtbot, "barriers", "1", "4")
    answer(qtbot, "hi_card", "1")
    answer(qtbot, "hi_why_not", "1", "2")
    answer(qtbot, "vol_si", "3")
    answer(qtbot, "rights_know", "2")
    answer(qtbot, "shg_member", "1")
    answer(qtbot, "shg_support", "1", "3")
    answer(qtbot, "hh_size", "5")
    roster = view.findChild(RosterView)
    assert roster is not None and roster.model.rowCount() == 5
    for number, (name, relation, sex, age, job, insurance, school) in enumerate(MEMBERS, 1):
        assert roster.current == number
        answer(qtbot, "m_name", name)
        answer(qtbot, "m_relation", relation)
        answer(qtbot, "m_sex", sex)
        answer(qtbot, "m_age", age)
        answer(qtbot, "m_occ", job)
        answer(qtbot, "m_hi", insurance)
        if school:
            answer(qtbot, "m_school", school)
        if number == 3:
            shoot(view, "vi_04_roster")
    assert [r.cells[0] for r in roster.model.rows] == [m[0] for m in MEMBERS]
    assert all(r.missing == r.wrong == 0 for r in roster.model.rows), (
        roster.model.rows,
        view.ctx.problems(),
    )
    # After the last member: the summary note, the thanks note, then the review.
    press(qtbot, Qt.Key.Key_Return, Qt.Key.Key_Return)
    assert view.current == len(view.pages)
    assert view.summary.complete_button.isEnabled()
    shoot(view, "vi_05_review")
    with qtbot.waitSignal(view.completed):
        press(qtbot, Qt.Key.Key_Return)  # the focus is on "Complete interview"
    stored = interviews.get_interview(ws, view.uuid)
    assert stored.status == "completed"
    for key_, value in EXPECTED.items():
        assert stored.answers.get(key_) == value, key_
    assert without_meta(stored.answers) == EXPECTED
    confirmed = [e for e in audit.entries(ws, view.uuid) if e.action == "confirm"]
    assert [e.field for e in confirmed] == ["work/remit_month"], "the confirmation is kept"
    assert stored.answers["today"]  # filled in by the engine when the interview began
    # Before it is sent, the enumerator notices a slip: reopened (with a reason, as the
    # interviews list's "Reopen for correction…" does), corrected by keyboard, completed.
    view.close()
    interviews.reopen(ws, view.uuid, reason="Số lần chuyển chỗ ở là 2", who="Lan")
    assert interviews.get_interview(ws, view.uuid).status == "draft"
    view = open_view_of(qtbot, ws, compiled, view.uuid)
    view.jump_to("tenure/moves_12m")
    assert question() == "moves_12m"
    qtbot.keyClick(focus(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    answer(qtbot, "moves_12m", "2")
    press(qtbot, Qt.Key.Key_Return)  # on to the next question
    view.review()
    with qtbot.waitSignal(view.completed):
        view.summary.complete_button.setFocus()
        press(qtbot, Qt.Key.Key_Return)
    stored = interviews.get_interview(ws, view.uuid)
    assert stored.status == "completed" and stored.answers["tenure"]["moves_12m"] == 2
    reopened = [e for e in audit.entries(ws, view.uuid) if e.action == "reopen"]
    assert any(e.new_value == "Số lần chuyển chỗ ở là 2" for e in reopened)
    # Sent to the coordinator: the bundle carries exactly the completed answers.
    bundle = export_bundle(ws, tmp_path)
    assert bundle.interviews == 1
    assert interviews.get_interview(ws, view.uuid).status == "exported"
    import_files(coordinator, [bundle.path])
    assert interviews.get_interview(coordinator, view.uuid).answers == stored.answers


def draft_answers() -> dict:  # type: ignore[type-arg]
    """The expected interview as a draft: calculations out, one answer to fix."""
    answers = copy.deepcopy(EXPECTED)
    del answers["housing"]["m2_per_person"]
    for key in ("hh_members", "n_dependants", "n_working_age", "dep_ratio"):
        del answers["household"][key]
    for member in answers["household"]["members"]:
        del member["m_dependant"], member["m_working_age"]
    answers["household"]["members"][1]["m_age"] = 136  # a typing slip to show inline
    del answers["household"]["members"][4]["m_hi"]
    del answers["work"]["remit_month"]
    return answers


@pytest.mark.parametrize("code", ["vi", "en"])
def test_screens_at_1366x768(qtbot, ws, compiled, language, code):
    use_language(code)
    view = open_view(qtbot, ws, compiled, draft_answers())
    assert view.language.currentData().endswith(f"({code})")
    for number, page in enumerate((1, 3, 4, 5, 6, 8), 1):
        view.go_to(page)
        view.next_page()  # been past: required messages show (or it stops here on one)
        if view.current != page:
            view.previous_page()
        name = view.pages.pages[page].section.name
        shoot(view, f"{code}_page{number}_{name}")
        body = view.page_widget(page).widget()
        assert body.width() <= view.page_widget(page).viewport().width()  # no sideways scroll
    roster_page = view.pages.page_of("household/members")
    view.go_to(roster_page)
    roster = view.findChild(RosterView)
    roster.select(2)
    shoot(view, f"{code}_roster_member_to_fix")
    assert roster.cell_message(2, "m_age") and roster.message.isVisible()
    view.review()
    assert view.summary.links.count() == 3
    shoot(view, f"{code}_review")


def test_a_new_interview_gets_the_form_defaults_and_keeps_what_was_given(qtbot, ws, compiled):
    given = {"location": {"ward": "chuong_duong", "household_id": "CD-7"}}
    view = open_view(qtbot, ws, compiled, given)
    stored = interviews.get_interview(ws, view.uuid).answers
    assert stored["location"] == {
        "city": "ha_noi",  # the form's defaults
        "district": "hoan_kiem",
        "ward": "chuong_duong",  # given when the interview was created
        "household_id": "CD-7",
    }
    assert stored["today"] and stored["start"]
