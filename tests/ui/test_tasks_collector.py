"""Reads of the whole store run with the cyclic garbage collector paused (issue 15).

bench/bench_ui_scale.py at 1,000,000 interviews: while the possible duplicates were read,
the objects they keep grew to 1.7 million, and each time they grew by a quarter a full
collection walked them all with the GIL held: 15 collections of 0.1-1.1 s, the window
frozen for each. ``TaskRunner.run(..., pause_collector=True)`` runs such a read with the
collector paused; it runs again when the last such read ends.
"""

from __future__ import annotations

import gc
import threading

import pytest

from fieldsurvey.sync.bundle_writer import export_bundle

from fieldsurvey.ui.coordinator_page import CoordinatorPage
from fieldsurvey.ui.tasks import FREEZE_KEPT, TaskRunner, collector_paused

from .test_coordinator_page import _completed


def _full_collections_during(runner: TaskRunner, pause: bool) -> int:
    full: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    def scan(_p: object, _c: object) -> int:  # as the duplicates keep their groups
        kept = [[i] for i in range(400_000)]
        return len(kept)

    gc.callbacks.append(seen)
    try:
        runner.run(scan, write=False, pause_collector=pause)
        runner.wait_all()
    finally:
        gc.callbacks.remove(seen)
    return len(full)


def test_a_whole_store_read_runs_without_full_collections(qtbot) -> None:
    runner = TaskRunner()  # real threads
    assert gc.isenabled()
    try:
        assert _full_collections_during(runner, pause=False) >= 1  # what the window waited for
        assert _full_collections_during(runner, pause=True) == 0
        assert gc.isenabled()  # running again afterwards
    finally:
        gc.unfreeze()


def test_what_a_read_keeps_is_not_walked_by_the_next_collections(qtbot) -> None:
    """A large result (150,000 groups at 1,000,000 interviews) goes to the permanent
    generation as the collector runs again, and is still freed when dropped."""
    import weakref

    class Group:
        pass

    runner = TaskRunner()
    kept: list[list[Group]] = []

    def scan(_p: object, _c: object) -> list[Group]:
        return [Group() for _ in range(FREEZE_KEPT + 50_000)]

    def small(_p: object, _c: object) -> list[Group]:
        return [Group() for _ in range(1_000)]

    gc.unfreeze()
    try:
        runner.run(small, write=False, pause_collector=True)
        runner.wait_all()
        assert gc.get_freeze_count() == 0  # a small result: walked, nothing frozen
        runner.run(scan, on_success=kept.append, write=False, pause_collector=True)
        runner.wait_all()
        qtbot.waitUntil(lambda: bool(kept), timeout=10000)
        assert gc.get_freeze_count() >= FREEZE_KEPT + 50_000
        gone = weakref.ref(kept[0][0])
        kept.clear()
        assert gone() is None  # freed when no longer used, frozen or not
    finally:
        gc.unfreeze()


def test_the_collector_runs_again_only_when_the_last_read_ends() -> None:
    assert gc.isenabled()
    first_in, second_in, release = threading.Event(), threading.Event(), threading.Event()
    states: list[bool] = []

    def read(started: threading.Event) -> None:
        with collector_paused():
            started.set()
            release.wait(10)

    one = threading.Thread(target=read, args=(first_in,))
    one.start()
    first_in.wait(10)
    two = threading.Thread(target=read, args=(second_in,))
    two.start()
    second_in.wait(10)
    states.append(gc.isenabled())
    release.set()
    one.join()
    two.join()
    states.append(gc.isenabled())
    gc.unfreeze()
    assert states == [False, True]


def test_a_collector_turned_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_in_the_read_still_lets_the_collector_run_again() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a broken store")
    gc.unfreeze()
    assert gc.isenabled()


def test_the_possible_duplicates_are_read_with_the_collector_paused(
    qtbot, campaign, tmp_path, monkeypatch
) -> None:
    import fieldsurvey.ui.coordinator_page as coordinator_page

    coord, laptop = campaign
    usb = tmp_path / "usb"
    usb.mkdir()
    _completed(laptop, "CD-1")
    _completed(laptop, "CD-1")
    export_bundle(laptop, usb)
    collecting: list[bool] = []
    real = coordinator_page.all_duplicates

    def scan(ws):
        collecting.append(gc.isenabled())
        return real(ws)

    monkeypatch.setattr(coordinator_page, "all_duplicates", scan)
    runner = TaskRunner()
    page = CoordinatorPage(coord, runner, who="coordinator")
    qtbot.addWidget(page)
    page.show()
    page.import_folder(usb)
    qtbot.waitUntil(page.import_folder_button.isEnabled, timeout=30000)
    page.tabs.setCurrentWidget(page.duplicates_tab)
    qtbot.waitUntil(lambda: page.duplicates_model.rowCount() == 1, timeout=30000)
    runner.wait_all()
    gc.unfreeze()
    assert collecting == [False]
    assert gc.isenabled()


def test_an_export_streams_with_the_collector_paused(qtbot, tmp_path, monkeypatch) -> None:
    """Every row of the store goes through an export: 7 full collections of up to
    425 ms over what the xlsx export of 1,000,000 interviews held, each freezing the
    window. The file is the same."""
    import fieldsurvey.reports.export_writers as export_writers

    from fieldsurvey.ui.reports_page import ReportsPage

    from .conftest import seeded_workspace

    ws = seeded_workspace(tmp_path / "ws", 20, seed=7)
    collecting: list[bool] = []
    real = export_writers.export_workspace

    def export(*args, **kwargs):
        collecting.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(export_writers, "export_workspace", export)
    runner = TaskRunner()
    page = ReportsPage(ws, runner)
    qtbot.addWidget(page)
    (tmp_path / "out").mkdir()
    page.export_to("csv", tmp_path / "out")
    qtbot.waitUntil(lambda: "written to" in page.export_message.text(), timeout=30000)
    runner.wait_all()
    ws.close()
    assert collecting == [False]
    assert gc.isenabled()
    assert list((tmp_path / "out").glob("*.csv"))
