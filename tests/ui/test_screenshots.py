"""Render the main screens offscreen at 1366×768 in both languages, as PNG files.

No pixel comparisons: these are for people to look at (and for the guides in docs/).
Files go to tests/ui/screens/, or to $FIELDSURVEY_SCREENSHOTS_DIR (docs/screenshots
when refreshing the guides; docs/screenshots/125 for 125 % scaling:
``QT_SCALE_FACTOR=1.25 FIELDSURVEY_SCREENSHOTS_SIZE=1093x614``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from PySide6.QtWidgets import QApplication, QWidget

from fieldsurvey.forms.installed import install_default_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.interviews import complete, new_interview, set_answer
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_writer import export_bundle

from fieldsurvey.ui.coordinator_page import CoordinatorPage
from fieldsurvey.ui.first_run_dialog import FirstRunDialog
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.main_window import MainWindow
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.unlock_dialog import UnlockDialog

from .conftest import make_conflict, seeded_workspace

#: The window's size in logical pixels: a 1366×768 screen, or what is left of it at a
#: Windows scaling (``FIELDSURVEY_SCREENSHOTS_SIZE=1093x614`` with ``QT_SCALE_FACTOR=1.25``).
SIZE = tuple(
    int(n) for n in (os.environ.get("FIELDSURVEY_SCREENSHOTS_SIZE") or "1366x768").split("x")
)
OUT = Path(os.environ.get("FIELDSURVEY_SCREENSHOTS_DIR") or Path(__file__).parent / "screens")


def save(widget: QWidget, name: str, lang: str, size: tuple[int, int] | None = SIZE) -> Path:
    if size is not None:
        widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.{lang}.png"
    image = widget.grab()
    assert not image.isNull()
    assert image.save(str(path))
    if size is not None:  # in device pixels: 1093x614 at 125 % fills a 1366x768 screen
        ratio = image.devicePixelRatio()
        assert (image.width(), image.height()) == tuple(round(n * ratio) for n in size)
    return path


@pytest.fixture(params=["vi", "en"])
def lang(request):
    translations.install(request.param)
    yield request.param
    translations.install("en")


def test_start_screens(qtbot, tmp_path, lang) -> None:
    first = FirstRunDialog(tmp_path / "new", TaskRunner(synchronous=True))
    qtbot.addWidget(first)
    save(first, "first-run", lang, None)
    first.laptop_choice.click()
    save(first, "first-run-laptop", lang, None)
    first.back_button.click()
    first.coordinator_choice.click()
    save(first, "first-run-coordinator", lang, None)
    Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap()).close()
    unlock = UnlockDialog(tmp_path / "ws", TaskRunner(synchronous=True))
    qtbot.addWidget(unlock)
    save(unlock, "unlock", lang, None)
    unlock._still_unlocking()  # what a slow first opening after an update says
    save(unlock, "unlock-slow", lang, None)


def _households(laptop: Workspace) -> None:
    version = install_default_form(laptop).version
    people = [
        ("Phúc Tân", "PT-001", "Nguyễn Thị Hoa"),
        ("Phúc Tân", "PT-002", "Trần Văn Nam"),
        ("Chương Dương", "CD-014", "Lê Thị Lan"),
        ("Chương Dương", "CD-015", "Phạm Văn Đức"),
        ("Phúc Tân", "PT-003", "Hoàng Thị Mai"),
    ]
    for i, (ward, hh, name) in enumerate(people):
        interview = new_interview(
            laptop,
            form_id="mnet_migrant_household",
            form_version=version,
            ward=ward,
            household_id=hh,
            enumerator="Hoa",
            respondent=name,
        )
        set_answer(laptop, interview.uuid, "consent_section/consent", "yes", who="Hoa")
        if i < 3:
            complete(laptop, interview.uuid, who="Hoa")


def test_laptop_screens(qtbot, campaign, tmp_path, lang) -> None:
    _coord, laptop = campaign
    _households(laptop)
    window = MainWindow(laptop, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    save(window, "laptop-interviews", lang)
    window.tabs.setCurrentWidget(window.sync_page)
    window.sync_page.export_to(tmp_path)
    save(window, "laptop-send-receive", lang)
    window.tabs.setCurrentWidget(window.interviews)
    draft = next(r for r in window.interviews.model.rows if r.household_id == "PT-003")
    window.open_interview(draft.uuid)
    save(window, "entry-first-page", lang)
    window.entry.next_page()
    window.entry.next_page()
    save(window, "entry-location", lang)
    window.entry.review()
    save(window, "entry-review", lang)


def test_coordinator_screens(qtbot, campaign, tmp_path, lang) -> None:
    coord, laptop = campaign
    _households(laptop)
    usb = tmp_path / "usb"
    usb.mkdir()
    export_bundle(laptop, usb)
    (usb / "broken.fsb").write_bytes(b"not a bundle")
    window = MainWindow(coord, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    page = window.coordinator_page
    assert isinstance(page, CoordinatorPage)
    window.tabs.setCurrentWidget(page)
    page.import_folder(usb)
    save(window, "coordinator-import", lang)
    page.tabs.setCurrentWidget(page.devices_tab)
    save(window, "coordinator-laptops", lang)
    window.tabs.setCurrentWidget(window.interviews)
    window.reload()
    save(window, "coordinator-interviews", lang)
    make_conflict(coord, laptop, usb)
    window.tabs.setCurrentWidget(page)
    page.refresh()
    page.tabs.setCurrentWidget(page.conflicts_tab)
    page.conflicts_view.selectRow(0)
    save(window, "coordinator-conflicts", lang)
    page.tabs.setCurrentWidget(page.forms_tab)
    save(window, "coordinator-forms", lang)
    assert page.in_use_model.rowCount() == 1  # read when the tab was shown
    page.tabs.setCurrentWidget(page.duplicates_tab)
    save(window, "coordinator-duplicates", lang)


def test_reports_screen(qtbot, tmp_path, lang) -> None:
    ws = seeded_workspace(tmp_path / "ws", 30, seed=11)
    window = MainWindow(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.reports_page)
    window.reports_page.make_preview()
    assert window.reports_page.preview.page_count > 0
    save(window, "reports", lang)


def test_entity_pairs_screen(qtbot, campaign, tmp_path, lang, monkeypatch) -> None:
    """The Entities tab's pairs: one offered, then one of it merged meanwhile (said)."""
    from fieldsurvey.store import entities as es

    from fieldsurvey.ui.entity_merge_dialog import MergeEntitiesDialog

    from .test_entities_tab import _registered_twice, tab

    coord, first, second = _registered_twice(campaign, tmp_path)
    t = tab(qtbot, coord)
    t.pages.setCurrentWidget(t.pairs_view.parentWidget())
    save(t, "entity-pairs", lang)
    with coord.transaction():
        es.merge_entities(coord.db, "households", first.entity_id, second.entity_id, "Lan")
    monkeypatch.setattr(MergeEntitiesDialog, "ask", staticmethod(lambda parent, a, b: None))
    t.pairs_view.selectRow(0)
    t.pair_button.click()
    assert t.pairs_model.rowCount() == 0
    save(t, "entity-pairs-changed", lang)
