"""The possible duplicates are read once for the Coordinator page's duplicates tab and the
Entities tab's pairs (issue 15): whichever is shown second takes the groups the first
read, unless an interview changed since; after an import both show what it brought."""

from __future__ import annotations

import fieldsurvey.sync.entity_duplicates as entity_duplicates
from fieldsurvey.changes import Changes
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.duplicates import DuplicateGroup

import fieldsurvey.ui.coordinator_page as coordinator_page
from fieldsurvey.ui.coordinator_page import CoordinatorPage
from fieldsurvey.ui.shared_duplicates import SharedDuplicates
from fieldsurvey.ui.tasks import TaskRunner

from .test_coordinator_page import _completed


def _counting(monkeypatch):
    """Every read of the groups, by who read them."""
    reads: list[str] = []
    for module, name in ((coordinator_page, "duplicates tab"), (entity_duplicates, "pairs")):
        real = module.all_duplicates

        def counted(ws, real=real, name=name):
            reads.append(name)
            return real(ws)

        monkeypatch.setattr(module, "all_duplicates", counted)
    return reads


def _show_pairs(page: CoordinatorPage) -> None:
    page.tabs.setCurrentWidget(page.entities_tab)
    page.entities_tab.pages.setCurrentWidget(page.entities_tab.pairs_reader.page)


def _import(page: CoordinatorPage, laptop, usb, *households: str) -> None:
    for household in households:
        _completed(laptop, household)
    export_bundle(laptop, usb)
    page.tabs.setCurrentWidget(page.import_tab)
    page.import_folder(usb)


def test_the_second_tab_takes_the_first_ones_groups_until_an_import(
    qtbot, campaign, tmp_path, monkeypatch
):
    coord, laptop = campaign
    usb = tmp_path / "usb"
    usb.mkdir()
    reads = _counting(monkeypatch)
    page = CoordinatorPage(coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    page.show()
    _import(page, laptop, usb, "CD-1", "CD-1")
    page.tabs.setCurrentWidget(page.duplicates_tab)
    assert reads == ["duplicates tab"] and page.duplicates_model.rowCount() == 1
    _show_pairs(page)
    assert reads == ["duplicates tab"]  # the pairs were made from the tab's groups

    _import(page, laptop, usb, "CD-2", "CD-2")  # a new possible duplicate
    _show_pairs(page)
    assert reads == ["duplicates tab", "pairs"]  # read again: the import changed them
    page.tabs.setCurrentWidget(page.duplicates_tab)
    assert reads == ["duplicates tab", "pairs"]  # the pairs' read, taken
    assert page.duplicates_model.rowCount() == 2
    assert page.duplicates_model.rows == coordinator_page.all_duplicates(coord)


def test_a_read_that_began_before_a_change_is_not_kept(qtbot) -> None:
    runner = TaskRunner(synchronous=True)
    shared = SharedDuplicates(runner)
    group = DuplicateGroup(rule="ward+household", key="w/h", uuids=["a", "b"], devices=["d"])
    token = shared.token()
    runner.changed.emit(Changes(interviews=["c"]))  # an import while it read
    shared.keep(token, [group])
    assert shared.fresh() is None
    token = shared.token()
    shared.keep(token, [group])
    runner.changed.emit(Changes(forms=["f"]))  # no interview changed: still the groups
    assert shared.fresh() == [group]
    runner.changed.emit(None)  # anything may have changed
    assert shared.fresh() is None
