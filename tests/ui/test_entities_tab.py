"""The coordinator's Entities tab: browse and search a list, read an entry's history,
resolve a conflict property by property, merge two entries that are one household."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from fieldsurvey.forms.entity_model import EntityAction, entity_id_for
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import entities as es
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.coordinator_page import CoordinatorPage
from fieldsurvey.ui.entities_tab import EntitiesTab
from fieldsurvey.ui.entity_conflicts_view import COL_BASE, COL_CURRENT, COL_INCOMING, COL_KEEP
from fieldsurvey.ui.entity_merge_dialog import MergeEntitiesDialog
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import type_text

NONCE = "0" * 31


def create(device: str, n: int, label: str, **properties: str) -> EntityAction:
    nonce = f"{NONCE}{n}"
    return EntityAction(
        "households", entity_id_for(device, nonce), "create", label, properties, nonce=nonce
    )


def update(action: EntityAction, base: int, branch: str, **properties: str) -> EntityAction:
    return EntityAction(
        "households", action.entity_id, "update", None, properties, base_version=base,
        trunk_version=base, branch_id=branch,
    )  # fmt: skip


def merge(ws: Workspace, device: str, uuid: str, *actions: EntityAction) -> es.MergeOutcome:
    with ws.transaction():
        return es.merge_actions(
            ws.db, interview_uuid=uuid, device_id=device, ward="Phúc Tân", actions=list(actions)
        )


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "coord", "mật khẩu", kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


@pytest.fixture
def world(ws: Workspace) -> dict[str, EntityAction]:
    """Three households; laptop B updated An's household, then laptop A updated it from
    the version before (a conflict on phone, and a size only A changed)."""
    an = create("dev-a", 1, "Nguyễn Văn An", hh_id="PT-001", phone="0912 345 678", size="4")
    binh = create("dev-a", 2, "Nguyễn Thị Bình", hh_id="PT-002", phone="0987 111 222", size="3")
    dung = create("dev-b", 3, "Lê Thị Dung", hh_id="CD-002", phone="0913 222 333", size="5")
    merge(ws, "dev-a", "iv-1", an, binh)
    merge(ws, "dev-b", "iv-2", dung)
    assert merge(ws, "dev-b", "iv-3", update(an, 1, "branch-b", phone="0900 000 001")).applied
    outcome = merge(ws, "dev-a", "iv-4", update(an, 1, "branch-a", phone="0900 999 999", size="6"))
    assert outcome.conflicted == 1
    return {"an": an, "binh": binh, "dung": dung}


def tab(qtbot, ws: Workspace) -> EntitiesTab:  # type: ignore[no-untyped-def]
    made = EntitiesTab(ws, TaskRunner(synchronous=True), lambda: "Điều phối viên")
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.refresh()
    return made


def labels(t: EntitiesTab) -> list[str]:
    return [t.model.index(r, 0).data() for r in range(t.model.rowCount())]


def test_the_list_is_searched_without_accents_and_shows_an_entrys_history(qtbot, ws, world):
    t = tab(qtbot, ws)
    assert t.list_combo.currentText() == "households (3)"
    assert labels(t) == ["Lê Thị Dung", "Nguyễn Thị Bình", "Nguyễn Văn An"]
    assert "3 entries" in t.count_label.text()
    type_text(t.search, "nguyen an")
    assert labels(t) == ["Nguyễn Văn An"]
    assert t.model.index(0, 1).data() == "PT-001 · 0900 000 001 · 4"  # id, phone, then others
    t.view.selectRow(0)
    history = [
        (t.history_model.index(r, 0).data(), t.history_model.index(r, 1).data(),
         t.history_model.index(r, 7).data())
        for r in range(t.history_model.rowCount())
    ]  # fmt: skip
    assert history == [("1", "registered", ""), ("2", "updated", "phone")]
    assert "History of Nguyễn Văn An" in t.history_heading.text()


def test_a_conflict_is_shown_side_by_side_and_resolved_per_property(qtbot, ws, world):
    t = tab(qtbot, ws)
    assert t.pages.tabText(1) == "Conflicts (1)"
    view = t.conflicts
    assert view.model.index(0, 1).data() == "Nguyễn Văn An"
    assert view.model.index(0, 4).data() == "phone, size"
    view.view.selectRow(0)
    rows = {
        view.table.item(r, 0).text(): [view.table.item(r, c).text() for c in
                                        (COL_BASE, COL_CURRENT, COL_INCOMING)]
        for r in range(view.table.rowCount())
    }  # fmt: skip
    assert rows["⚠ phone"] == ["0912 345 678", "0900 000 001", "0900 999 999"]
    assert rows["size"] == ["4", "4", "6"]
    assert rows["hh_id"] == ["PT-001", "PT-001", "(not sent)"]
    # Suggested: the laptop's size (only it changed it), the network's phone (both did).
    assert view.choices() == {"phone": "mine", "size": "theirs"}
    combo = next(
        view.table.cellWidget(r, COL_KEEP) for r in range(view.table.rowCount())
        if view.table.item(r, 0).text() == "⚠ phone"
    )  # fmt: skip
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the coordinator takes the laptop's phone too
    assert view.choices() == {"phone": "theirs", "size": "theirs"}
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    assert "now version 3" in view.result.text()
    entity = es.get_entity(ws.db, "households", world["an"].entity_id)
    assert entity is not None
    assert entity.properties["phone"] == "0900 999 999" and entity.properties["size"] == "6"
    assert es.list_conflicts(ws.db) == []
    assert t.pages.tabText(1) == "Conflicts"
    assert view.model.rowCount() == 0 and not view.resolve_button.isEnabled()


def test_keeping_the_coordinators_values_changes_nothing(qtbot, ws, world):
    t = tab(qtbot, ws)
    t.conflicts.view.selectRow(0)
    t.conflicts.mine_button.click()
    t.conflicts.resolve_button.click()
    assert "keeps the coordinator's values" in t.conflicts.result.text()
    entity = es.get_entity(ws.db, "households", world["an"].entity_id)
    assert entity is not None and entity.version == 2
    assert entity.properties["phone"] == "0900 000 001"


def test_two_entries_of_one_household_are_merged_keeping_both_histories(
    qtbot, ws, world, monkeypatch
):
    t = tab(qtbot, ws)
    type_text(t.search, "nguyen")
    assert not t.merge_button.isEnabled()
    t.view.selectRow(0)
    assert not t.merge_button.isEnabled()  # one entry: nothing to merge
    t.view.selectionModel().select(
        t.model.index(1, 0), t.view.selectionModel().SelectionFlag.Select
        | t.view.selectionModel().SelectionFlag.Rows,
    )  # fmt: skip
    assert t.merge_button.isEnabled()
    asked = []

    def answer(parent, a, b):  # type: ignore[no-untyped-def]
        asked.append((a.label, b.label))
        return (b, a)  # keep An's entry (the second), drop Bình's

    monkeypatch.setattr(MergeEntitiesDialog, "ask", staticmethod(answer))
    t.merge_button.click()
    assert asked == [("Nguyễn Thị Bình", "Nguyễn Văn An")]
    assert "Nguyễn Thị Bình merged into Nguyễn Văn An" in t.lists_result.text()
    assert t.list_combo.currentText() == "households (2)"
    assert labels(t) == ["Nguyễn Văn An"]  # the search stays
    t.view.selectRow(0)
    kinds = [t.history_model.index(r, 1).data() for r in range(t.history_model.rowCount())]
    assert "merged into another entry" in kinds and "another entry merged into it" in kinds


def test_the_merge_dialog_keeps_the_older_registration_by_default(qtbot, ws, world):
    first = es.get_entity(ws.db, "households", world["an"].entity_id)
    second = es.get_entity(ws.db, "households", world["dung"].entity_id)
    assert first is not None and second is not None
    dialog = MergeEntitiesDialog(second, first)
    qtbot.addWidget(dialog)
    assert dialog.keep_second.isChecked()  # An's entry was registered first
    assert dialog.outcome() == (first, second)
    dialog.keep_first.click()
    assert dialog.outcome() == (second, first)


def test_the_coordinator_page_has_the_entities_tab(qtbot, campaign):
    coord, _laptop = campaign
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    index = page.tabs.indexOf(page.entities_tab)
    assert index >= 0 and page.tabs.tabText(index) == "Entities"
    assert "No entity list yet" in page.entities_tab.count_label.text()
    QApplication.processEvents()


def test_households_are_assigned_to_a_laptop_and_their_visits_followed(
    qtbot, campaign, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from fieldsurvey.sync.devices import list_devices

    coord, _laptop = campaign
    device = next(d for d in list_devices(coord) if d.name == "laptop-1").device_id
    an = create(device, 1, "Nguyễn Văn An", hh_id="PT-001", phone="0912 345 678")
    binh = create(device, 2, "Nguyễn Thị Bình", hh_id="PT-002", phone="0987 111 222")
    merge(coord, device, "iv-1", an, binh)
    t = tab(qtbot, coord)
    assert t.assignments.progress_text.text().startswith("No household assigned yet")
    assert not t.assign_button.isEnabled()
    t.view.selectAll()
    assert t.assign_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("laptop-1", True)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("6 tháng", True)))
    t.assign_button.click()
    assert t.lists_result.text() == "Assigned to laptop-1: 2 new, 0 already assigned."
    a = t.assignments
    rows = [[a.model.index(r, c).data() for c in (0, 1, 3, 4)] for r in range(a.model.rowCount())]
    assert rows == [
        ["laptop-1", "Nguyễn Thị Bình", "6 tháng", "to visit"],
        ["laptop-1", "Nguyễn Văn An", "6 tháng", "to visit"],
    ]
    assert a.progress_text.text() == "0 of 2 visited" and not a.start_button.isVisible()
    # The laptop's follow-up interview of An's household comes back: he moved.
    merge(coord, device, "fu-1", update(an, 1, "b-1", visit_result="moved"))
    t.refresh()
    assert a.progress_text.text() == "1 of 2 visited (moved 1)"
    t.pages.setCurrentIndex(0)
    t.view.selectRow(0)
    t.assign_button.click()  # again: nothing new
    assert t.lists_result.text() == "Assigned to laptop-1: 0 new, 1 already assigned."


def _registered_twice(campaign, tmp_path: Path) -> tuple[Workspace, EntityAction, EntityAction]:  # type: ignore[no-untyped-def]
    """The duplicate-household check finds two interviews of PT-001 in Phúc Tân, and two
    entries were registered for it (with a third household)."""
    from fieldsurvey.store.interviews import complete, new_interview
    from fieldsurvey.sync.bundle_import import import_files
    from fieldsurvey.sync.bundle_writer import export_bundle
    from fieldsurvey.sync.devices import list_devices

    from .conftest import form_version

    coord, laptop = campaign
    for _ in range(2):
        made = new_interview(
            laptop, form_id="mnet_migrant_household", form_version=form_version(laptop),
            ward="Phúc Tân", household_id="PT-001", enumerator="Hoa",
        )  # fmt: skip
        complete(laptop, made.uuid, who="Hoa")
    usb = tmp_path / "usb"
    usb.mkdir()
    result = export_bundle(laptop, usb)
    assert result.path is not None
    import_files(coord, [result.path])
    device = next(d for d in list_devices(coord) if d.name == "laptop-1").device_id
    first = create(device, 1, "Nguyễn Văn An", hh_id="PT-001", phone="0912 345 678")
    second = create(device, 2, "Nguyễn V. An", hh_id="PT-001", phone="")
    other = create(device, 3, "Lê Thị Dung", hh_id="CD-002")
    merge(coord, device, "reg-1", first, other)
    merge(coord, device, "reg-2", second)
    return coord, first, second


def test_a_household_registered_twice_is_offered_for_merging(
    qtbot, campaign, tmp_path, monkeypatch
):
    """The duplicate-household check finds two interviews of PT-001 in Phúc Tân; the two
    entries their registrations made are offered side by side and merged."""
    coord, first, second = _registered_twice(campaign, tmp_path)
    t = tab(qtbot, coord)
    assert t.pairs_model.rowCount() == 0  # read when their page is shown
    t.show()
    t.pages.setCurrentWidget(t.pairs_view.parentWidget())
    assert t.pairs_model.rowCount() == 1
    assert [t.pairs_model.index(0, c).data() for c in range(5)] == [
        "same ward and household id", "Phúc Tân/PT-001", "households", "Nguyễn Văn An",
        "Nguyễn V. An",
    ]  # fmt: skip
    assert not t.pair_button.isEnabled()
    t.pairs_view.selectRow(0)
    monkeypatch.setattr(MergeEntitiesDialog, "ask", staticmethod(lambda parent, a, b: (a, b)))
    t.pair_button.click()
    assert "Nguyễn V. An merged into Nguyễn Văn An" in t.pairs_result.text()
    assert t.pairs_model.rowCount() == 0
    kept = es.get_entity(coord.db, "households", first.entity_id)
    gone = es.get_entity(coord.db, "households", second.entity_id)
    assert kept is not None and gone is not None
    assert gone.deleted and gone.merged_into == first.entity_id
    assert kept.properties["phone"] == "0912 345 678"


def test_a_pair_merged_meanwhile_is_said_and_read_again(qtbot, campaign, tmp_path, monkeypatch):
    """The pairs list holds what it shows of the entries; one of the pair merged away
    after the list was read (from the entries' own list, another window) is said when
    the pair is chosen, no merge is asked, and the pairs are read again."""
    coord, first, second = _registered_twice(campaign, tmp_path)
    t = tab(qtbot, coord)
    t.show()
    t.pages.setCurrentWidget(t.pairs_view.parentWidget())
    assert t.pairs_model.rowCount() == 1
    with coord.transaction():
        es.merge_entities(coord.db, "households", first.entity_id, second.entity_id, "Lan")
    asked: list[object] = []
    monkeypatch.setattr(
        MergeEntitiesDialog, "ask", staticmethod(lambda parent, a, b: asked.append(1))
    )
    t.pairs_view.selectRow(0)
    t.pair_button.click()
    assert t.pairs_result.text() == (
        "An entry of this pair changed meanwhile; reading the pairs again."
    )
    assert asked == []
    assert t.pairs_model.rowCount() == 0


def test_a_pair_is_read_on_a_worker_thread_before_its_dialog_once(
    qtbot, campaign, tmp_path, monkeypatch
):
    """Real threads: the pair's two entries are read in the background while the button
    is off (a second click cannot open a second dialog); the dialog then shows them as
    they are now."""
    import threading

    from fieldsurvey.ui.tasks import TaskRunner

    coord, _first, second = _registered_twice(campaign, tmp_path)
    t = EntitiesTab(coord, TaskRunner(), lambda: "Điều phối viên")
    qtbot.addWidget(t)
    t.resize(1366, 768)
    t.refresh()
    t.show()
    t.pages.setCurrentWidget(t.pairs_view.parentWidget())
    qtbot.waitUntil(lambda: t.pairs_model.rowCount() == 1 and not t.runner.busy)
    from fieldsurvey.sync.devices import list_devices

    device = next(d for d in list_devices(coord) if d.name == "laptop-1").device_id
    # a change after the list was read: the dialog shows it
    merge(coord, device, "visit-1", update(second, 1, "b-1", phone="0987"))
    release = threading.Event()
    real = es.get_entity

    def slow(db, list_name, entity_id):  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread()
        release.wait(10)
        return real(db, list_name, entity_id)

    monkeypatch.setattr(es, "get_entity", slow)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        MergeEntitiesDialog, "ask",
        staticmethod(lambda parent, a, b: shown.append((a.label, b.properties["phone"]))),
    )  # fmt: skip
    t.pairs_view.selectRow(0)
    t.pair_button.click()
    assert not t.pair_button.isEnabled()
    t.pair_button.click()  # ignored: the button is off
    release.set()
    qtbot.waitUntil(lambda: shown != [])
    t.runner.wait_all()
    assert shown == [("Nguyễn Văn An", "0987")]
    assert t.pair_button.isEnabled()
