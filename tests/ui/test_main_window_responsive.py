"""The window stays responsive while a task collects garbage (issue 15).

bench/bench_ui_scale.py found gaps of 180-330 ms with no UI-thread work in them while a
report or export ran at 100,000 interviews: a full collection of the cyclic garbage
collector in the task, which holds the GIL while it walks every object the process holds
(~110,000 once the pages are loaded). The app freezes what start-up holds after its
warm-up (``gc.freeze``), so a full collection walks only what is new.
"""

from __future__ import annotations

import gc

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.main_window import MainWindow
from fieldsurvey.ui.tasks import TaskRunner


def test_after_the_warm_up_a_full_collection_walks_only_what_is_new(qtbot, tmp_path) -> None:
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    frozen_before = gc.get_freeze_count()
    runner = TaskRunner()  # real threads
    try:
        window = MainWindow(ws, runner, freeze_heap=True)
        qtbot.addWidget(window)
        walked_before = len(gc.get_objects())  # what a full collection walks
        qtbot.waitUntil(lambda: gc.get_freeze_count() > frozen_before, timeout=60000)
        # the warm-up starts once the start-up task is done, the list is up and the
        # tasks are quiet
        qtbot.waitUntil(lambda: window.warmed_up, timeout=60000)
        runner.wait_all()
        # The modules, the window's wrappers, the form: out of the collector's way.
        assert gc.get_freeze_count() - frozen_before > 20_000
        assert len(gc.get_objects()) < walked_before / 4
    finally:
        runner.wait_all()
        gc.unfreeze()  # the test process goes on: let its collector see everything again


def test_only_the_app_freezes(qtbot, tmp_path) -> None:
    """Tests and tools that build windows leave the collector as it was."""
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    frozen_before = gc.get_freeze_count()
    runner = TaskRunner(synchronous=True)
    window = MainWindow(ws, runner)
    qtbot.addWidget(window)
    runner.wait_all()
    assert gc.get_freeze_count() == frozen_before


def test_the_warm_up_freezes_without_a_full_collection() -> None:
    """A full collection walks every object with the GIL held (100-320 ms while the
    window of a 1,000,000-interview store opened on the busy machine); the warm-up's
    freeze collects only the young garbage, and still frees it rather than keep it."""
    import weakref

    from fieldsurvey.ui.main_window import REPORTS_MODULE, warm_up

    class Node:
        pass

    garbage = Node()
    garbage.self = garbage  # type: ignore[attr-defined]  # a cycle: only the collector frees it
    gone = weakref.ref(garbage)
    del garbage
    generations: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            generations.append(info["generation"])

    gc.unfreeze()  # (what earlier tests froze: count only the warm-up's)
    frozen_before = gc.get_freeze_count()
    gc.disable()  # no automatic collection: only the warm-up's own
    gc.callbacks.append(seen)
    try:
        warm_up([REPORTS_MODULE], freeze=True)
        frozen = gc.get_freeze_count() - frozen_before
    finally:
        gc.callbacks.remove(seen)
        gc.enable()
        gc.unfreeze()
    assert generations, "the warm-up collects the young generations"
    assert 2 not in generations
    assert gone() is None  # young garbage freed, not frozen
    assert frozen > 20_000


def test_the_pages_load_only_once_the_list_shows_its_first_screen(
    qtbot, tmp_path, monkeypatch
) -> None:
    """The pages' modules and the form engine load in a task after the list's first
    screen is up and the list's other reads are done: loaded while the list was painted,
    they kept the window waiting for the GIL (100-370 ms opening a 1,000,000-interview
    store)."""
    from fieldsurvey.ui import main_window

    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    started: list[tuple[bool, list[str]]] = []
    window: dict[str, MainWindow] = {}

    others: list[int] = []  # tasks running beside the warm-up as it starts

    def watched(modules: list[str], *, freeze: bool = False) -> None:
        started.append((window["w"].interviews._first_shown, list(modules)))
        others.append(len(runner._running) - 1)

    monkeypatch.setattr(main_window, "warm_up", watched)
    runner = TaskRunner()  # real threads
    window["w"] = MainWindow(ws, runner)
    qtbot.addWidget(window["w"])
    window["w"].show()
    qtbot.waitUntil(lambda: bool(started), timeout=60000)
    runner.wait_all()
    qtbot.wait(50)
    assert len(started) == 1  # once, though two steps lead to it
    first_shown, modules = started[0]
    assert first_shown
    assert others == [0]  # after the list's count and marks: not beside their painting
    qtbot.waitUntil(lambda: window["w"].warmed_up, timeout=10000)
    assert main_window.REPORTS_MODULE in modules
