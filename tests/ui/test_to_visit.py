"""The laptop's "to visit" list: assigned households with progress and status, and the
follow-up interview started from one with the household already chosen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from fieldsurvey.forms.entity_model import EntityAction
from fieldsurvey.forms.installed import install_spec
from fieldsurvey.forms.loader import load_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import entities as es
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.laptop_sync_page import LaptopSyncPage
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.to_visit import ToVisitPanel

FOLLOW_UP = """
| survey |
| | type | name | label | save_to |
| | select_one ward | ward | Ward | |
| | select_one_from_file households.csv | hh | Household | |
| | select_one visit_result | visit_result | Result of the visit | households#visit_result |
| choices |
| | list_name | name | label |
| | ward | pt | Phúc Tân |
| | ward | cd | Chương Dương |
| | visit_result | visited | Visited |
| | visit_result | refused | Refused |
| | visit_result | moved | Moved |
| | visit_result | not_found | Not found |
| entities |
| | list_name | entity_id |
| | households | ${hh} |
| settings |
| | form_id | version | ward_field |
| | followup | 1 | ward |
"""
HOUSEHOLDS = [  # id, label, household id, ward code
    ("h-1", "PT-001 – Nguyễn Văn An", "PT-001", "pt"),
    ("h-2", "PT-002 – Trần Thị Bình", "PT-002", "pt"),
    ("h-3", "CD-001 – Lê Văn Cường", "CD-001", "cd"),
]


def at(minutes: int) -> str:
    return (datetime.now(UTC) + timedelta(minutes=minutes)).isoformat(timespec="milliseconds")


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "laptop", "mật khẩu", kdf=KdfParams.cheap())
    source = tmp_path / "followup.md"
    source.write_text(FOLLOW_UP, encoding="utf-8")
    install_spec(workspace, load_form(source))
    with workspace.transaction():
        es.apply_local(
            workspace.db, "registration",
            [EntityAction("households", i, "create", label, {"household_id": hh, "ward": ward,
                                                              "phone": "0912"})
             for i, label, hh, ward in HOUSEHOLDS],
            at=at(-60),
        )  # fmt: skip
        es.replace_assignments(
            workspace.db, "dev-1",
            [es.Assignment("households", i, "dev-1", "wave 2", at(-30), "coordinator")
             for i, *_ in HOUSEHOLDS],
        )  # fmt: skip
        # Trần Thị Bình's household refused the follow-up.
        es.apply_local(
            workspace.db, "visit-0",
            [EntityAction("households", "h-2", "update", None, {"visit_result": "refused"},
                          base_version=1, branch_id="b-1")],
            at=at(-10),
        )  # fmt: skip
    yield workspace
    workspace.close()


def panel(qtbot, ws: Workspace) -> ToVisitPanel:  # type: ignore[no-untyped-def]
    made = ToVisitPanel(ws, TaskRunner(synchronous=True), lambda: "Lan")
    qtbot.addWidget(made)
    made.resize(1000, 400)
    made.show()
    made.refresh()
    return made


def shown(p: ToVisitPanel) -> list[tuple[str, str]]:
    return [(p.model.index(r, 0).data(), p.model.index(r, 3).data()) for r in
            range(p.model.rowCount())]  # fmt: skip


def test_progress_and_status_of_each_assigned_household(qtbot, ws):
    p = panel(qtbot, ws)
    assert p.progress_text.text() == "1 of 3 visited (refused 1)"
    assert p.progress.value() == 1 and p.progress.maximum() == 3
    assert shown(p) == [
        ("CD-001 – Lê Văn Cường", "to visit"),
        ("PT-001 – Nguyễn Văn An", "to visit"),
        ("PT-002 – Trần Thị Bình", "refused"),
    ]
    assert p.model.index(0, 2).data() == "wave 2"
    p.only_pending.click()
    assert [name for name, _ in shown(p)] == ["CD-001 – Lê Văn Cường", "PT-001 – Nguyễn Văn An"]


def test_enter_on_a_household_opens_its_follow_up_with_the_household_chosen(qtbot, ws):
    p = panel(qtbot, ws)
    assert not p.start_button.isEnabled()
    opened: list[str] = []
    p.open_requested.connect(opened.append)
    p.view.setFocus()
    qtbot.keyClick(p.view, Qt.Key.Key_Down)  # the first row: Lê Văn Cường
    assert p.start_button.isEnabled()
    qtbot.keyClick(p.view, Qt.Key.Key_Return)
    assert len(opened) == 1
    made = interviews.get_interview(ws, opened[0])
    assert made.form_id == "followup" and made.status == "draft"
    assert made.answers == {"ward": "cd", "hh": "h-3"}
    assert made.household_id == "CD-001"


def test_a_household_already_visited_asks_before_a_second_visit(qtbot, ws, shown_dialogs):
    p = panel(qtbot, ws)
    opened: list[str] = []
    p.open_requested.connect(opened.append)
    p.view.selectRow(2)  # Bình's household: refused
    p.start_button.click()
    assert any("already visited (refused)" in text for text in shown_dialogs)
    assert len(opened) == 1  # the test's answer is Yes


def test_without_a_follow_up_form_the_reason_is_said(qtbot, ws, tmp_path):
    bare = Workspace.create(tmp_path / "bare", "mật khẩu", kdf=KdfParams.cheap())
    try:
        with bare.transaction():
            es.apply_local(bare.db, "r", [EntityAction("households", "h-9", "create", "X", {})])
            es.replace_assignments(
                bare.db, "d", [es.Assignment("households", "h-9", "d", "", at(-1), "c")]
            )
        p = panel(qtbot, bare)
        p.view.selectRow(0)
        p.start_button.click()
        assert "No questionnaire on this laptop visits the households" in p.result.text()
    finally:
        bare.close()


def test_the_send_and_receive_page_shows_the_list(qtbot, ws):
    page = LaptopSyncPage(ws, TaskRunner(synchronous=True), who="Lan")
    qtbot.addWidget(page)
    assert page.to_visit.heading.text() == "Households to visit"
    assert page.to_visit.progress_text.text() == "1 of 3 visited (refused 1)"
