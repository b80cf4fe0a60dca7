"""On the entry screen: ``${last-saved#street}`` carries the street from one household to
the next, and a select with ``randomize`` shows its choices in ODK Collect's order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QLocale, Qt

from fieldsurvey.forms.installed import install_form_file
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.interviews import get_interview
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.entry.question_row import QuestionRow
from fieldsurvey.ui.main_window import MainWindow
from fieldsurvey.ui.new_interview_dialog import NewInterviewDialog
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import type_text

FORM = """
| survey |
| | type | name | label | default | parameters |
| | select_one ward | ward | Ward | | |
| | text | household_id | Household | | |
| | text | street | Street | ${last-saved#street} | |
| | select_one c | pick | First thing you noticed | | randomize=true seed=42 |
| choices |
| | list_name | name | label |
| | ward | phuc_tan | Phuc Tan |
| | ward | chuong_duong | Chuong Duong |
| | c | a | Alley |
| | c | b | Bridge |
| | c | c | Canal |
| | c | d | Dyke |
| | c | e | Embankment |
| | c | f | Ferry |
| settings |
| | form_id | version | ward_field |
| | street_walk | 1 | ward |
"""


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path / "cache"))
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    source = tmp_path / "street_walk.md"
    source.write_text(FORM, "utf-8")
    install_form_file(ws, source)
    main = MainWindow(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    yield main
    main.close_entry()
    ws.close()


def start(qtbot, window: MainWindow, household: str) -> EntryView:  # type: ignore[no-untyped-def]
    """A new interview through the new-interview dialog, as the enumerator starts one."""
    ws = window.workspace
    info = next(f for f in forms_store.list_forms(ws) if f.form_id == "street_walk")
    spec = FormSpec.model_validate_json(forms_store.get_form(ws, info.form_id).definition)
    dialog = NewInterviewDialog(
        [info], {info.form_id: spec}, "en", workspace=ws, runner=TaskRunner(synchronous=True)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ward_box.setCurrentIndex(dialog.ward_box.findData("phuc_tan"))
    qtbot.keyClicks(dialog.household, household)
    qtbot.keyClick(dialog.household, Qt.Key.Key_Return)
    assert dialog.outcome is not None and dialog.outcome.household_id == household
    window.start_interview(dialog.outcome, spec)  # type: ignore[arg-type]
    assert isinstance(window.entry, EntryView)
    return window.entry


def row(view: EntryView, name: str) -> QuestionRow:
    view.jump_to(name)  # each question is a page of its own
    rows = [r for r in view.findChildren(QuestionRow) if r.node.name == name]
    assert rows, name
    return rows[-1]


def test_the_next_household_starts_with_the_street_typed_before(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    first = start(qtbot, window, "PT-1")
    street = row(first, "street").widget.focus_target()
    assert street.text() == ""  # nothing saved on this laptop before
    street.setFocus()
    type_text(street, "Hàng Bông")
    qtbot.keyClick(street, Qt.Key.Key_Tab)
    assert get_interview(window.workspace, first.uuid).answers["street"] == "Hàng Bông"
    window.close_entry()

    second = start(qtbot, window, "PT-2")
    assert second.uuid != first.uuid
    assert row(second, "street").widget.focus_target().text() == "Hàng Bông"
    assert get_interview(window.workspace, second.uuid).answers["street"] == "Hàng Bông"


def test_a_shuffled_list_is_shown_in_odk_collects_order_and_saves_the_name(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = start(qtbot, window, "PT-7")
    pick = row(view, "pick").widget
    # randomize=true seed=42: ABCDEF comes out as AFCBDE in JavaRosa and Enketo.
    assert pick.names == ["a", "f", "c", "b", "d", "e"]
    assert [b.text() for b in pick.buttons][:3] == ["1. Alley", "2. Ferry", "3. Canal"]
    pick.focus_target().setFocus()
    qtbot.keyClick(pick.focus_target(), Qt.Key.Key_2)  # the second shown: Ferry
    assert get_interview(window.workspace, view.uuid).answers["pick"] == "f"
    view.next_page()
    view.previous_page()  # the page shown again: the same order
    assert row(view, "pick").widget.names == ["a", "f", "c", "b", "d", "e"]
