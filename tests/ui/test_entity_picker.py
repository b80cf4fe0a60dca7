"""Picking a household from an entity list on the entry screen, with the keyboard only,
as an enumerator types (mistakes included)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QWidget

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.installed import install_spec
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.xpath_attachments import use_entities
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry.entity_picker import EntityPicker
from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.entry.question_row import QuestionRow
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import type_text
from .entity_fakes import HOUSEHOLDS, DictEntitySource

FORM = """
| survey |
| | type | name | label::English (en) | label::Tiếng Việt (vi) | required |
| | select_one_from_file households.csv | hh | Which household? | Hộ nào? | yes |
| | text | remark | Remark | Ghi chú | |
| settings |
| | form_id | version | default_language |
| | followup | 1 | English (en) |
"""


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path / "cache"))
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def source() -> DictEntitySource:
    return DictEntitySource({"households": HOUSEHOLDS})


@pytest.fixture
def compiled(tmp_path: Path, source: DictEntitySource) -> CompiledForm:
    path = tmp_path / "followup.md"
    path.write_text(FORM, encoding="utf-8")
    form = FormEngine.build(load_form(path))
    use_entities(form, source)
    return form


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "ws", "mật khẩu", kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


@pytest.fixture
def interview(ws: Workspace, compiled: CompiledForm) -> str:
    install_spec(ws, compiled.spec)
    made = interviews.new_interview(
        ws, form_id="followup", form_version="1", ward="pt", household_id="FU-1", enumerator="Lan"
    )
    return made.uuid


def open_view(qtbot, ws, uuid, compiled) -> EntryView:  # type: ignore[no-untyped-def]
    view = EntryView(ws, uuid, compiled, TaskRunner(synchronous=True))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def picker(view: EntryView) -> EntityPicker:
    found = view.findChildren(EntityPicker)
    assert len(found) == 1
    return found[0]


def focused_row(view: EntryView) -> str | None:
    widget: QWidget | None = QApplication.focusWidget()
    while widget is not None and not isinstance(widget, QuestionRow):
        widget = widget.parentWidget()
    return widget.node.name if widget is not None else None


def key(qtbot, key_) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key_)


def results(p: EntityPicker) -> list[str]:
    return [p.items.item(r).text() for r in range(p.items.rowCount())] if p.view.isVisible() else []


def saved(ws: Workspace, uuid: str) -> dict:  # type: ignore[type-arg]
    return interviews.get_interview(ws, uuid).answers


def test_typing_without_accents_finds_the_household_and_enter_picks_it(
    qtbot, ws, interview, compiled
):
    view = open_view(qtbot, ws, interview, compiled)
    p = picker(view)
    assert QApplication.focusWidget() is p.search
    assert "5 in the list “households” on this laptop" in p.status.text()
    assert not p.view.isVisible()  # nothing typed: no list of 100,000 rows
    qtbot.keyClicks(p.search, "nguyen")
    assert results(p) == [
        "Nguyễn Văn An — PT-001 · Phúc Tân · 0912 345 678",
        "Nguyễn Thị Bình — PT-002 · Phúc Tân · 0987 111 222",
        "Nguyễn Đình Dũng — PT-003 · Phúc Tân · 0977 444 555",
    ]
    assert "3 found" in p.status.text()
    key(qtbot, Qt.Key.Key_Return)  # several match: Enter stays and says so
    assert p.note.isVisible() and "3 found: press ↓" in p.note.text()
    assert focused_row(view) == "hh" and "hh" not in saved(ws, interview)
    qtbot.keyClicks(p.search, " dung")  # "nguyen dung" narrows to one: Enter picks it
    assert results(p) == ["Nguyễn Đình Dũng — PT-003 · Phúc Tân · 0977 444 555"]
    assert not p.note.isVisible()
    key(qtbot, Qt.Key.Key_Return)
    assert saved(ws, interview)["hh"] == "e-5"
    assert p.chosen.text() == "Chosen: Nguyễn Đình Dũng — PT-003 · Phúc Tân · 0977 444 555"
    assert p.search.text() == "" and not p.view.isVisible()
    assert focused_row(view) == "remark"  # and on to the next question


def test_arrow_keys_highlight_a_match_and_escape_clears_a_wrong_search(
    qtbot, ws, interview, compiled
):
    view = open_view(qtbot, ws, interview, compiled)
    p = picker(view)
    qtbot.keyClicks(p.search, "chuong dxx")  # a typo: nothing matches
    assert results(p) == []
    assert "Nothing matches “chuong dxx”" in p.status.text()
    key(qtbot, Qt.Key.Key_Return)
    assert "Nothing matches this search" in p.note.text() and focused_row(view) == "hh"
    key(qtbot, Qt.Key.Key_Escape)  # start again
    assert p.search.text() == "" and not p.note.isVisible()
    type_text(p.search, "Chương")  # typed with a Vietnamese input method
    assert len(results(p)) == 2
    key(qtbot, Qt.Key.Key_Down)  # into the list, on the first match
    assert QApplication.focusWidget() is p.view
    key(qtbot, Qt.Key.Key_Down)  # the second: Lê Thị Dung
    key(qtbot, Qt.Key.Key_Return)
    assert saved(ws, interview)["hh"] == "e-4"
    assert "Lê Thị Dung" in p.chosen.text()
    assert focused_row(view) == "remark"


def test_search_by_household_id_or_phone_and_typing_on_from_the_list(
    qtbot, ws, interview, compiled
):
    view = open_view(qtbot, ws, interview, compiled)
    p = picker(view)
    qtbot.keyClicks(p.search, "0987")  # the phone number the respondent gives
    assert results(p) == ["Nguyễn Thị Bình — PT-002 · Phúc Tân · 0987 111 222"]
    key(qtbot, Qt.Key.Key_Escape)
    qtbot.keyClicks(p.search, "pt")
    assert len(results(p)) == 3
    key(qtbot, Qt.Key.Key_Down)
    qtbot.keyClicks(QApplication.focusWidget(), "-001")  # typing in the list goes on searching
    assert p.search.text() == "pt-001"
    assert results(p) == ["Nguyễn Văn An — PT-001 · Phúc Tân · 0912 345 678"]
    key(qtbot, Qt.Key.Key_Return)
    assert saved(ws, interview)["hh"] == "e-1"


def test_a_wrong_pick_is_cleared_and_another_household_picked(qtbot, ws, interview, compiled):
    view = open_view(qtbot, ws, interview, compiled)
    p = picker(view)
    qtbot.keyClicks(p.search, "tran")
    key(qtbot, Qt.Key.Key_Return)
    assert saved(ws, interview)["hh"] == "e-3"
    p.search.setFocus()  # back: the wrong household
    qtbot.keyClicks(p.search, "binh")
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Delete)  # Delete in the list removes the answer
    assert "hh" not in saved(ws, interview)
    assert p.chosen.text() == "Nothing chosen yet."
    assert QApplication.focusWidget() is p.search and p.search.text() == "binh"
    key(qtbot, Qt.Key.Key_Return)  # the search still points at one household
    assert saved(ws, interview)["hh"] == "e-2"


def test_the_chosen_household_shows_by_its_label_when_the_interview_is_reopened(
    qtbot, ws, interview, compiled, source
):
    interviews.set_answer(ws, interview, "hh", "e-3", who="Lan")
    view = open_view(qtbot, ws, interview, compiled)
    p = picker(view)
    assert p.chosen.text() == "Chosen: Trần Đức Cường — CD-001 · Chương Dương · 0903 000 111"
    assert view.ctx.display("hh") == "Trần Đức Cường"  # the review names it too
    assert source.searched == []  # nothing searched to show it


def test_a_household_the_laptop_no_longer_holds_is_said_so(qtbot, ws, interview, compiled):
    interviews.set_answer(ws, interview, "hh", "gone-9", who="Lan")
    view = open_view(qtbot, ws, interview, compiled)
    assert picker(view).chosen.text() == "Chosen: gone-9 (not on this laptop any more)"


def test_a_laptop_without_the_list_says_where_it_comes_from(qtbot, ws, interview, compiled):
    use_entities(compiled, DictEntitySource({}))
    view = open_view(qtbot, ws, interview, compiled)
    assert "no list “households” yet" in picker(view).status.text()


def test_typing_fast_then_enter_picks_from_the_newest_search(qtbot, ws, interview, compiled):
    """Real threads: the enumerator types faster than the searches come back and presses
    Enter at once; the results of an older text never replace the newer ones, and the
    Enter picks from the newest."""
    runner = TaskRunner()
    view = EntryView(ws, interview, compiled, runner)
    qtbot.addWidget(view)
    p = picker(view)
    for letter in "nguyen dung":
        qtbot.keyClick(p.search, letter)
    qtbot.keyClick(p.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Nguyễn Đình Dũng" in p.chosen.text())
    runner.wait_all()
    qtbot.waitUntil(lambda: not view.ctx.pending)
    assert saved(ws, interview)["hh"] == "e-5"
    assert p.search.text() == ""


def test_the_workspaces_own_lists_are_searched_in_the_background(qtbot, tmp_path):
    """No source given: the entry screen reads the workspace's lists (a household the
    laptop registered a moment ago is found), searched on the read threads."""
    from fieldsurvey.forms.entity_model import EntityAction
    from fieldsurvey.forms.installed import compiled_form
    from fieldsurvey.store import entities as es

    path = tmp_path / "followup.md"
    path.write_text(FORM, encoding="utf-8")
    workspace = Workspace.create(tmp_path / "laptop", "mật khẩu", kdf=KdfParams.cheap())
    try:
        install_spec(workspace, load_form(path))
        with workspace.transaction():
            es.apply_local(workspace.db, "registration", [
                EntityAction("households", row.entity_id, "create", row.label, row.properties)
                for row in HOUSEHOLDS
            ])  # fmt: skip
        made = interviews.new_interview(
            workspace, form_id="followup", form_version="1", ward="pt", household_id="FU-2",
            enumerator="Lan",
        )  # fmt: skip
        runner = TaskRunner()
        view = EntryView(workspace, made.uuid, compiled_form(workspace, "followup", "1"), runner)
        qtbot.addWidget(view)
        p = picker(view)
        qtbot.waitUntil(lambda: "5 in the list" in p.status.text())
        type_text(p.search, "Đình Dũng")
        qtbot.waitUntil(lambda: p._found is not None and p._found.text == "Đình Dũng")
        assert p.items.rowCount() == 1
        assert p.items.item(0).text().startswith("Nguyễn Đình Dũng")
        qtbot.keyClick(p.search, Qt.Key.Key_Return)
        runner.wait_all()
        qtbot.waitUntil(lambda: not view.ctx.pending)
        assert interviews.get_interview(workspace, made.uuid).answers["hh"] == "e-5"
    finally:
        runner.wait_all()
        workspace.close()


def test_a_row_reads_as_words_not_codes():
    """Values the label already says are left out; a ward saved as its choice name reads
    as the form's label for it."""
    from fieldsurvey.forms.entity_model import EntityRow

    from fieldsurvey.ui.entry.entity_lists import row_text

    row = EntityRow(
        "households", "e-9", "PT-012 – Nguyễn Thị Lan",
        {"household_id": "PT-012", "ward": "phuc_tan", "phone": "0912 345 678"}, 1,
    )  # fmt: skip
    labels = {"ward": {"phuc_tan": "Phúc Tân"}}
    assert row_text(row, labels) == "PT-012 – Nguyễn Thị Lan — Phúc Tân · 0912 345 678"
    assert row_text(row) == "PT-012 – Nguyễn Thị Lan — phuc_tan · 0912 345 678"
