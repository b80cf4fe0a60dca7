"""The coordinator's main window on a large store: the longest event-loop stall per action
(issue 15: "no UI freeze over 100 ms while a coordinator of 1,000,000 interviews
browses, filters, opens, reports and exports").

Opens the real :class:`~fieldsurvey.ui.main_window.MainWindow` (offscreen, 1366x768) on a
COPY of a large coordinator store (the copy is made once under ``--work`` and reused;
``--fresh`` copies again), then drives it as a coordinator would, one action at a time:
the window opening, 20 Page Down and Ctrl+End in the interviews list, the status and
ward filters, a search typed key by key, opening an interview with Enter and closing
it; the coordinator's tab and each of its tabs (the possible duplicates, the form
versions in use, the durations and the entities' pairs read the whole store when shown);
an import of ``--bundles`` bundles of 100 new interviews (a newly enrolled laptop's,
made before the window opens) from the import tab, and another with the interviews list
shown; the reports tab, a ward PDF and the all-wards PDF (Preview button), a resize, and
the csv, xlsx, Stata and SPSS exports (Export button; the file dialogs answer with a
folder under ``--work``).

A 5 ms QTimer heartbeat measures each gap between beats: wall ms, the UI thread's own
CPU ms in it, and its wait for a core (Linux schedstat: runnable, not running). On a
loaded machine most of a long gap is that wait; the rest ("less the wait for a core")
is the UI thread's own work or its wait for the GIL, what the app can change. A
sampling thread looks at the UI thread's Python stack every 5 ms while no beat has come
for 50 ms; the frames seen during each stall over ``--report-ms`` (100) are printed.
``--gil-dump`` adds every thread's stack during each such stall (faulthandler's
watchdog, which needs no GIL: the thread that keeps running while the UI waits is the
one holding the GIL; it may crash the run, see GilDump). The garbage collector's long
pauses are printed too (any thread: it holds the GIL).

The modules are loaded compiled, as an installed app loads them (see the top).

    .venv/bin/python bench/bench_ui_scale.py [--store /tmp/fieldsurvey-bench/coord-100000]
        [--password bench-password] [--work /tmp/s-ui1m] [--repeat 1] [--fresh]
        [--skip export_xlsx,all_pdf] [--only ward_pdf,all_pdf] [--no-freeze] [--timeout 300]
        [--bundles 5] [--gil-dump] [--compile-each-run]

Action names (for --only / --skip): open_window, warm_up, page_down, ctrl_end, ctrl_home,
status_filter, status_all, ward_filter, ward_all, search_key, search_clear, select_row,
open_interview, close_interview, coordinator_tab, tab_import, tab_laptops,
tab_conflicts, tab_duplicates, tab_forms, tab_quarantine, tab_durations, tab_entities,
tab_entities_1..3, tab_network, import_bundles, import_list_shown, reports_tab,
ward_pdf, all_pdf, resize_window, resize_back, export_csv, export_xlsx, export_stata,
export_spss.
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import resource
import shutil
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# An installed app loads its modules compiled (.pyc, written by pip at install). This
# machine sets PYTHONDONTWRITEBYTECODE, so every run compiled every fieldsurvey module
# from source, and compile() holds the GIL for up to ~40 ms a module: the window's own
# imports in tasks froze it while it opened. The compiled modules go under a cache of
# the benchmark's (outside the source tree); --compile-each-run measures without it.
if "--compile-each-run" not in sys.argv:
    sys.dont_write_bytecode = False
    sys.pycache_prefix = str(Path(os.environ.get("TMPDIR", "/tmp")) / "fieldsurvey-bench-pyc")

PASSWORDS = ("bench-password", "benchmark password")  # scale_stores / bench_listing


def copy_store(source: Path, work: Path, fresh: bool) -> Path:
    """A copy of ``source`` under ``work`` (made once; again with ``fresh``): the
    benchmark opens an interview and upgrades old schemas, never in the cache."""
    target = work / source.name
    stamp = target / ".copied-from"
    mark = f"{source} {(source / 'fieldsurvey.db').stat().st_mtime_ns}"
    if fresh or not stamp.exists() or stamp.read_text() != mark:
        shutil.rmtree(target, ignore_errors=True)
        start = time.perf_counter()
        shutil.copytree(source, target)
        stamp.write_text(mark)
        print(f"copied {source} to {target} in {time.perf_counter() - start:.1f} s", flush=True)
    return target


def run_delay() -> float:
    """Seconds the calling thread has waited for a core (runnable, not running) since it
    started (Linux; 0 elsewhere)."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


class GilDump:
    """Which thread ran (held the GIL) during a stall, and where.

    faulthandler's watchdog dumps every thread's stack every 50 ms into a file (from a C
    thread: it needs no GIL, so it dumps while a task holds the GIL in a long C call,
    when the sampler below cannot run); the heartbeat writes ``@@<stall id>`` after each
    beat. The dumps before a beat's mark were taken during its gap. A thread whose top
    frame stays the same over a gap's dumps while the UI thread waits is the one holding
    the GIL (or a core).

    The watchdog reads the other threads' frames without the GIL, while they change: a
    run with it crashed (segmentation fault in libpython) about one time in four on
    this machine. Hence opt-in (``--gil-dump``), for finding a stall's cause."""

    EVERY = 0.050

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = open(path, "a")  # append: clear() truncates it
        self.fd = self.file.fileno()
        self.names: dict[int, str] = {}

    def start(self, names: dict[int, str]) -> None:
        import faulthandler

        self.names = names
        self.clear()
        faulthandler.dump_traceback_later(self.EVERY, repeat=True, file=self.file)

    def stop(self) -> None:
        import faulthandler

        faulthandler.cancel_dump_traceback_later()

    def clear(self) -> None:
        os.ftruncate(self.fd, 0)

    def mark(self, stall_id: int) -> None:
        os.write(self.fd, b"\n@@%d\n" % stall_id)

    def read(self, wanted: set[int]) -> dict[int, list[dict[str, list[str]]]]:
        """The dumps taken during each stall of ``wanted``: per dump, each thread's frames
        (most recent first), by thread name."""
        found: dict[int, list[dict[str, list[str]]]] = collections.defaultdict(list)
        dumps: list[dict[str, list[str]]] = []
        frames: list[str] | None = None
        for line in self.path.read_text(errors="replace").splitlines():
            if line.startswith("@@"):
                try:
                    sid = int(line[2:])
                except ValueError:
                    continue
                if sid in wanted:
                    found[sid].extend(dumps)
                dumps = []
            elif line.startswith("Timeout ("):
                dumps.append({})
            elif ("Thread 0x" in line) and dumps:
                ident = int(line.split("0x")[1].split()[0], 16)
                name = self.names.get(ident, f"task {ident & 0xFFFF:04x}")
                frames = dumps[-1].setdefault(name, [])
            elif line.startswith("  File ") and frames is not None:
                # '  File "/x/y/name.py", line 12 in func'
                try:
                    file, rest = line[8:].split('", line ')
                    lineno, func = rest.split(" in ", 1)
                except ValueError:
                    continue
                frames.append(f"{Path(file).name}:{lineno} {func}")
        return found

    @staticmethod
    def summary(dumps: list[dict[str, list[str]]]) -> list[str]:
        """Per thread: its top frame and its innermost fieldsurvey frame, counted over the
        dumps (the sampler and idle threads left out)."""
        counts: collections.Counter[str] = collections.Counter()
        for dump in dumps:
            for name, frames in dump.items():
                if name == "sampler" or not frames:
                    continue
                ours = next((f for f in frames if not f.startswith(OUTSIDE)), "")
                counts[f"{name}: {frames[0]}" + (f" <- {ours}" if ours != frames[0] else "")] += 1
        return [f"{n}/{len(dumps)} {text}" for text, n in counts.most_common(8)]


#: Frames that are not the app's (the top frame is shown anyway).
OUTSIDE = ("threading.py", "bench_ui_scale.py", "tasks.py", "__init__.py", "<frozen")


class StallWatch:
    """The heartbeat (on the UI thread) and the stack sampler (its own thread)."""

    SAMPLE_AFTER = 0.050  # start sampling a gap this long
    SAMPLE_EVERY = 0.005

    def __init__(self, dump: Path | None = None) -> None:
        from PySide6.QtCore import QTimer

        self.main = threading.main_thread().ident
        self.last_wall = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.gaps: list[tuple[float, float, int]] = []  # wall ms, UI CPU ms, stall id
        # The UI thread's time waiting for a core in each gap (Linux schedstat: runnable,
        # not running), by stall id: on a loaded machine the rest of a gap is its own
        # work, waiting for the GIL, or the 1 ms sleeps of the bench's event loop.
        self.runq: dict[int, float] = {}
        self.last_runq = run_delay()
        self.samples: dict[int, list[tuple[str, ...]]] = collections.defaultdict(list)
        self.stall_id = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.beat)
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        # Collections of the garbage collector (any thread: it holds the GIL, so the UI
        # thread's Python waits): (generation, ms, on the UI thread?).
        self.collections: list[tuple[int, float, bool]] = []
        self._gc_start = 0.0
        gc.callbacks.append(self._gc)
        # faulthandler's watchdog: a C thread that needs no GIL dumps every thread's
        # Python stack every 50 ms into ``dump``; each beat writes a mark after them, so
        # the dumps between two marks are those taken during that gap (GilDump).
        self.dump = GilDump(dump) if dump is not None else None

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            took = (time.perf_counter() - self._gc_start) * 1000
            ui = threading.get_ident() == self.main
            self.collections.append((info["generation"], took, ui))
            if info["generation"] == 2 and took > 50:
                tracked = len(gc.get_objects())
                print(f"    (full collection {took:.0f} ms over {tracked:,} tracked objects, "
                      f"{gc.get_freeze_count():,} frozen)", flush=True)  # fmt: skip

    def start(self) -> None:
        self.reset()
        self.timer.start()
        self._sampler.start()
        if self.dump is not None:
            self.dump.start({self.main or 0: "UI", self._sampler.ident or 0: "sampler"})

    def stop(self) -> None:
        self.timer.stop()
        self._stop.set()
        if self.dump is not None:
            self.dump.stop()

    def reset(self) -> None:
        self.gaps.clear()
        self.runq.clear()
        self.samples.clear()
        self.collections.clear()
        if self.dump is not None:
            self.dump.clear()
        self.last_wall, self.last_cpu = time.perf_counter(), time.thread_time()
        self.last_runq = run_delay()

    def beat(self) -> None:
        wall, cpu, runq = time.perf_counter(), time.thread_time(), run_delay()
        self.runq[self.stall_id] = (runq - self.last_runq) * 1000
        self.last_runq = runq
        self.gaps.append(
            ((wall - self.last_wall) * 1000, (cpu - self.last_cpu) * 1000, self.stall_id)
        )
        if self.dump is not None:
            self.dump.mark(self.stall_id)
        self.stall_id += 1
        self.last_wall, self.last_cpu = wall, cpu

    def _sample(self) -> None:
        while not self._stop.wait(self.SAMPLE_EVERY):
            if time.perf_counter() - self.last_wall < self.SAMPLE_AFTER:
                continue
            frame = sys._current_frames().get(self.main)
            if frame is None:
                continue
            stack = tuple(
                f"{Path(f.filename).name}:{f.lineno} {f.name}"
                for f in traceback.extract_stack(frame)
                if "fieldsurvey" in f.filename or f is None
            )
            top = traceback.extract_stack(frame, limit=1)[-1]
            self.samples[self.stall_id].append(
                (*stack, f"[top] {Path(top.filename).name}:{top.lineno} {top.name}")
            )

    def worst(self) -> tuple[float, float, int]:
        return max(self.gaps, default=(0.0, 0.0, -1))

    def worst_not_core(self) -> tuple[float, float]:
        """The longest gap less the UI thread's wait for a core in it, and that wait."""
        found = max(
            ((w - self.runq.get(sid, 0.0), self.runq.get(sid, 0.0)) for w, _c, sid in self.gaps),
            default=(0.0, 0.0),
        )
        return found

    def causes(self, over_ms: float) -> list[tuple[float, list[str]]]:
        """For each gap over ``over_ms``: its wall ms and its most seen frames (the UI
        thread's, sampled; then every thread's, from faulthandler's dumps)."""
        long = [(wall, sid) for wall, _cpu, sid in sorted(self.gaps, reverse=True)
                if wall > over_ms]  # fmt: skip
        dumps = self.dump.read({sid for _w, sid in long}) if self.dump is not None else {}
        found = []
        for wall, sid in long:
            stacks = self.samples.get(sid, [])
            counts: collections.Counter[str] = collections.Counter()
            for stack in stacks:
                counts.update(set(stack))
            lines = [f"{n}/{len(stacks)} {name}" for name, n in counts.most_common(6)]
            if sid in dumps:
                lines += ["threads (faulthandler):", *GilDump.summary(dumps[sid])]
            found.append((wall, lines))
        return found


#: Actions that only work after another: without it, the run waited out its --timeout.
PREREQUISITES = {
    "open_interview": "select_row",
    "close_interview": "open_interview",
    "import_list_shown": "import_bundles",
    "resize_back": "resize_window",
}


def missing_prerequisites(args: argparse.Namespace) -> list[tuple[str, str]]:
    """(action, the action it needs) for each wanted action whose prerequisite is not."""
    return [
        (name, needs)
        for name, needs in PREREQUISITES.items()
        if wanted(name, args) and not wanted(needs, args)
    ]


def wanted(name: str, args: argparse.Namespace) -> bool:
    skip = set(filter(None, args.skip.split(",")))
    only = set(filter(None, args.only.split(",")))
    return name not in skip and (not only or name in only or name in ("open_window", "warm_up"))


def make_bundles(ws: Any, work: Path, out: Path, count: int) -> None:
    """``count`` bundles of 100 new interviews for the store ``ws``, as a newly enrolled
    laptop sends them (bench/scale_stores.py: the same synthetic households), written to
    ``out``/a and ``out``/b before the window opens (new each run: new uuids)."""
    import random

    sys.path.insert(0, str(Path(__file__).parent))
    import scale_stores as ss

    from fieldsurvey.forms.installed import install_default_form
    from fieldsurvey.store import forms as forms_store
    from fieldsurvey.sync import campaign, enrolment
    from fieldsurvey.sync.bundle_writer import export_bundle

    start = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    name = f"uibench-{int(time.time())}"
    data, _device = enrolment.issue_device(ws, name, "pass")
    package_file = work / f"{name}.pkg"
    package_file.write_bytes(data)
    home = work / "laptop"
    shutil.rmtree(home, ignore_errors=True)
    package = enrolment.read_package(package_file, "pass")
    lap = enrolment.setup_device(home, package, ss.PASSWORD, kdf=ss.KDF)
    install_default_form(lap)
    device_id = campaign.device_config_of(lap).device_id
    labels = ss._ward_labels(lap)
    info = forms_store.list_forms(lap)[0]
    rng = random.Random(int(time.time()))
    for k in range(2 * count):  # two folders: two imports
        folder = out / ("a" if k < count else "b")
        folder.mkdir(exist_ok=True)
        ss._record(lap, (info.form_id, info.version), device_id, labels, rng, k * ss.PER_BUNDLE)
        result = export_bundle(lap, folder)
        assert result.path is not None
    lap.close()
    print(f"2 x {count} bundles of {ss.PER_BUNDLE} made in {time.perf_counter() - start:.1f} s",
          flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, default=Path("/tmp/fieldsurvey-bench/coord-100000"))
    parser.add_argument("--password", default=None)
    parser.add_argument("--work", type=Path, default=Path("/tmp/s-ui1m"))
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--report-ms", type=float, default=100.0)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per action")
    parser.add_argument("--skip", default="", help="comma-separated action names")
    parser.add_argument("--only", default="", help="comma-separated action names")
    parser.add_argument("--no-freeze", action="store_true", help="MainWindow(freeze_heap=False)")
    parser.add_argument(
        "--compile-each-run", action="store_true", help="no .pyc cache (see the top)"
    )
    parser.add_argument(
        "--gil-dump",
        action="store_true",
        help="faulthandler dumps of every thread in each stall (GilDump: may crash the run)",
    )
    parser.add_argument(
        "--bundles", type=int, default=5, help="bundles of 100 interviews per import"
    )
    args = parser.parse_args()
    missing = missing_prerequisites(args)
    if missing:
        parser.error("--only: " + "; ".join(f"{a} needs {b}" for a, b in missing))
    args.work.mkdir(parents=True, exist_ok=True)
    home = copy_store(args.store, args.work, args.fresh)
    print(f"load average {os.getloadavg()}; store {args.store}", flush=True)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QFileDialog

    from fieldsurvey.errors import WrongPasswordError
    from fieldsurvey.store.workspace import Workspace

    from fieldsurvey.ui import tasks
    from fieldsurvey.ui.main_window import MainWindow
    from fieldsurvey.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    if hasattr(tasks, "share_the_gil"):  # as run_app does (a baseline may predate it)
        tasks.share_the_gil()
    print(f"switch interval {sys.getswitchinterval() * 1000:g} ms", flush=True)
    start = time.perf_counter()
    ws = None
    for password in [args.password] if args.password else PASSWORDS:
        try:
            ws = Workspace.open(home, password)
            break
        except WrongPasswordError:
            continue
    assert ws is not None, "no password opens the store"
    print(f"workspace opened (and upgraded) in {time.perf_counter() - start:.1f} s", flush=True)

    out = args.work / f"out-{os.getpid()}"  # runs may share --work
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(out))  # type: ignore[method-assign]
    QFileDialog.getSaveFileName = staticmethod(  # type: ignore[method-assign]
        lambda parent, title, name, *a, **k: (str(out / Path(name).name), "")
    )

    # An error dialog would wait for a click that never comes: print it and go on.
    from PySide6.QtWidgets import QMessageBox

    def no_dialog(box: QMessageBox) -> int:
        print(f"  DIALOG: {box.text()}\n{box.informativeText()}\n{box.detailedText()}")
        return 0

    QMessageBox.exec = no_dialog  # type: ignore[method-assign]

    bundles = args.work / "bundles"
    if wanted("import_bundles", args):
        make_bundles(ws, args.work, bundles, args.bundles)

    watch = StallWatch(args.work / f"gil-dump-{os.getpid()}.txt" if args.gil_dump else None)
    watch.start()
    runner = TaskRunner()

    def wait(condition: Callable[[], bool], timeout: float = 600.0) -> bool:
        end = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > end:
                return False
            app.processEvents()
            time.sleep(0.001)
        return True

    def idle() -> bool:
        return not runner.busy

    # Per action and run: longest gap (wall ms), its UI CPU ms, the action's ms, and the
    # most UI-thread CPU in any one gap (ms: what the UI thread itself did, load aside).
    # And the longest gap less the UI thread's wait for a core in it (what load alone
    # does not explain: the UI thread's work, or waiting for the GIL).
    results: dict[str, list[tuple[float, float, float, float, float]]] = collections.defaultdict(
        list
    )

    def pause(seconds: float) -> None:
        wait(lambda: False, seconds)

    def phase(name: str, action: Callable[[], Any], done: Callable[[], bool] = idle) -> None:
        if not wanted(name, args):
            return
        wait(idle, 600)
        pause(0.05)
        watch.reset()
        t0 = time.perf_counter()
        action()
        if not (wait(done, args.timeout) and wait(idle, args.timeout)):
            print(f"  {name}: timed out", flush=True)
        took = (time.perf_counter() - t0) * 1000
        pause(0.03)
        wall, cpu, sid = watch.worst()
        busiest = max((c for _w, c, _i in watch.gaps), default=0.0)
        not_core, its_runq = watch.worst_not_core()
        # every gap over --report-ms, summed: how long the window was frozen in all
        frozen = sum(w for w, _c, _i in watch.gaps if w > args.report_ms)
        frozen_not_core = sum(
            w - watch.runq.get(i, 0.0) for w, _c, i in watch.gaps if w > args.report_ms
        )
        results[name].append((wall, cpu, took, busiest, not_core))
        print(f"  {name}: longest stall {wall:.0f} ms (UI CPU {cpu:.0f} ms, waiting for a core "
              f"{watch.runq.get(sid, 0):.0f} ms); busiest gap {busiest:.0f} ms UI CPU; longest "
              f"less the wait for a core {not_core:.0f} ms (+{its_runq:.0f}); done in "
              f"{took:.0f} ms", flush=True)  # fmt: skip
        if frozen:
            print(f"    gaps over {args.report_ms:.0f} ms: {frozen:.0f} ms in all "
                  f"({frozen_not_core:.0f} ms less the waits for a core)")  # fmt: skip
        if watch.collections:
            gen, gc_ms, ui = max(watch.collections, key=lambda c: c[1])
            full = sum(1 for c in watch.collections if c[0] == 2)
            print(f"    garbage collector: longest {gc_ms:.0f} ms (generation {gen}, "
                  f"{'UI thread' if ui else 'a task'}); {full} full collections")  # fmt: skip
        for gap, lines in watch.causes(args.report_ms):
            print(f"    stall {gap:.0f} ms, frames seen (samples):")
            for line in lines:
                print(f"      {line}")

    holder: dict[str, MainWindow] = {}

    def open_window() -> None:
        try:  # as the app opens it (run_app)
            window = MainWindow(ws, runner, freeze_heap=not args.no_freeze)
        except TypeError:  # a baseline from before freeze_heap
            window = MainWindow(ws, runner)
        window.resize(1366, 768)
        window.show()
        holder["w"] = window

    phase(
        "open_window",
        open_window,
        lambda: (
            "w" in holder
            and holder["w"].interviews.model.painted_rows()
            and holder["w"].interviews.model.total is not None
        ),
    )
    window = holder["w"]
    # The pages' modules load once the window is up and its tasks are quiet (a user who
    # waits; the heartbeat still needs the GIL every 5 ms): measured apart.
    phase("warm_up", lambda: None, lambda: getattr(window, "warmed_up", True))
    # The keys go where a user's would: an inactive window has no focus widget, and the
    # list's Enter (a widget shortcut) then opened nothing: open_interview waited out
    # its --timeout.
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 5000)
    page = window.interviews
    table = page.table
    print(f"  ({page.model.rowCount():,} rows in the list)", flush=True)

    def one_round() -> None:
        table.setFocus()
        for _ in range(20):
            phase("page_down", lambda: QTest.keyClick(table, Qt.Key.Key_PageDown))
        phase(
            "ctrl_end",
            lambda: QTest.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier),
        )
        phase(
            "ctrl_home",
            lambda: QTest.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier),
        )
        status = page.status_filter
        phase("status_filter", lambda s=status: s.setCurrentIndex(s.findData("completed")))
        phase("status_all", lambda s=status: s.setCurrentIndex(0))
        wait(lambda: page.ward_filter.count() > 1, 30)
        phase("ward_filter", lambda: page.ward_filter.setCurrentIndex(3))
        phase("ward_all", lambda: page.ward_filter.setCurrentIndex(0))
        for text in ("hang bac", "enum17"):
            page.search.setFocus()
            for ch in text:
                key = Qt.Key.Key_Space if ch == " " else ch
                phase("search_key", lambda k=key: QTest.keyClick(page.search, k))
            phase("search_clear", page.search.clear)
        table.setFocus()
        phase("select_row", lambda: table.selectRow(3))
        phase(
            "open_interview",
            lambda: QTest.keyClick(table, Qt.Key.Key_Return),
            lambda: window.entry is not None,
        )
        phase("close_interview", window.close_entry)
        coordinator_tabs()
        reports_and_exports()
        window.tabs.setCurrentIndex(0)

    def coordinator_tabs() -> None:
        """The coordinator's page and each of its tabs (some read the whole store when
        shown: ui/when_shown.py), then an import of bundles while the window is open."""
        slot = window._coordinator_slot
        names = ["import", "laptops", "conflicts", "duplicates", "forms", "quarantine",
                 "durations", "entities", "network"]  # fmt: skip
        phases = ["coordinator_tab", "import_bundles", "import_list_shown"]
        phases += [f"tab_{n}" for n in names] + [f"tab_entities_{i}" for i in range(1, 4)]
        if slot is None or not any(wanted(n, args) for n in phases):
            return
        phase("coordinator_tab", lambda: window.tabs.setCurrentIndex(window.tabs.indexOf(
            window.lazy.built(slot) or slot)))  # fmt: skip
        coordinator = window.coordinator_page
        assert coordinator is not None
        # (shown even when not measured: a tab's page reads when it is shown)
        window.tabs.setCurrentWidget(coordinator)
        for index, name in enumerate(names[: coordinator.tabs.count()]):
            phase(f"tab_{name}", lambda i=index: coordinator.tabs.setCurrentIndex(i))
            if name == "entities":
                pages = coordinator.entities_tab.pages
                subs = [f"tab_entities_{sub}" for sub in range(1, pages.count())]
                if any(wanted(n, args) for n in subs):
                    coordinator.tabs.setCurrentIndex(index)
                    wait(idle, args.timeout)
                for sub in range(1, pages.count()):
                    phase(f"tab_entities_{sub}", lambda i=sub, p=pages: p.setCurrentIndex(i))
                pages.setCurrentIndex(0)
        coordinator.tabs.setCurrentIndex(0)
        if wanted("import_bundles", args):
            files = sorted((bundles / "a").glob("*"))

            def imported() -> bool:
                return coordinator.import_folder_button.isEnabled() and bool(
                    coordinator.import_result.text()
                )

            phase("import_bundles", lambda: coordinator.import_folder(bundles / "a"), imported)
            print(f"    {len(files)} files: {coordinator.import_result.text()!r}", flush=True)
            # more, with the interviews list shown (its rows are read again)
            window.tabs.setCurrentIndex(0)
            phase("import_list_shown", lambda: coordinator.import_folder(bundles / "b"), imported)
            print(f"    {coordinator.import_result.text()!r}", flush=True)

    def reports_and_exports() -> None:
        names = ["reports_tab", "ward_pdf", "all_pdf", "resize_window", "resize_back"]
        names += [f"export_{f}" for f in ("csv", "xlsx", "stata", "spss")]
        if not any(wanted(n, args) for n in names):
            return
        phase("reports_tab", lambda: window.tabs.setCurrentIndex(window.tabs.count() - 1))
        reports = window.reports_page
        wait(lambda: reports.wards.count() > 0, 60)
        first = reports.wards.item(0)

        def pdf(tick: bool) -> None:
            window.tabs.setCurrentIndex(window.tabs.count() - 1)
            first.setCheckState(Qt.CheckState.Checked if tick else Qt.CheckState.Unchecked)
            reports.pdf = None
            QTest.mouseClick(reports.preview_button, Qt.MouseButton.LeftButton)

        pdf_done = lambda: reports.preview_button.isEnabled() and reports.pdf is not None  # noqa: E731

        def after(seconds: float) -> Callable[[], bool]:
            end = time.perf_counter() + seconds
            return lambda: time.perf_counter() > end

        phase("ward_pdf", lambda: pdf(True), pdf_done)
        phase("all_pdf", lambda: pdf(False), pdf_done)
        print(f"    ({reports.preview.page_count} pages)", flush=True)
        # (the pages are fitted again 80 ms after the last resize: wait for it)
        phase("resize_window", lambda: window.resize(1100, 768), after(0.3))
        phase("resize_back", lambda: window.resize(1366, 768), after(0.3))
        window.tabs.setCurrentIndex(window.tabs.count() - 1)
        box = reports.export_format
        for fmt in ("csv", "xlsx", "stata", "spss"):
            if box.findData(fmt) < 0:
                print(f"    (no {fmt} export)", flush=True)
                continue

            def export(f: str = fmt) -> None:
                box.setCurrentIndex(box.findData(f))
                reports.export_message.setText("")
                QTest.mouseClick(reports.export_button, Qt.MouseButton.LeftButton)

            phase(
                f"export_{fmt}",
                export,
                lambda: (
                    bool(reports.export_message.text())
                    and "Exporting" not in reports.export_message.text()
                ),
            )
            if wanted(f"export_{fmt}", args):
                print(f"    {reports.export_message.text()!r}", flush=True)

    for _ in range(args.repeat):
        one_round()

    watch.stop()
    if watch.dump is not None:
        watch.dump.path.unlink(missing_ok=True)
    runner.wait_all()
    # What one full collection costs now (every module loaded, the window up), and with
    # what is held now frozen (gc.freeze: the collector no longer walks it).
    full = []
    for _ in range(3):
        t0 = time.perf_counter()
        gc.collect()
        full.append((time.perf_counter() - t0) * 1000)
    tracked = len(gc.get_objects())
    gc.freeze()
    frozen = []
    for _ in range(3):
        t0 = time.perf_counter()
        gc.collect()
        frozen.append((time.perf_counter() - t0) * 1000)
    gc.unfreeze()
    print(f"\nfull collection: {sorted(full)[1]:.0f} ms over {tracked:,} tracked objects; "
          f"{sorted(frozen)[1]:.1f} ms with them frozen (medians of 3)")  # fmt: skip
    print(
        "\n| action | longest stall, wall ms | its UI-thread CPU ms | most UI-thread CPU in "
        "one gap, ms | longest gap less the wait for a core, ms | action took ms (median) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, runs in results.items():
        wall, cpu, _, _, _ = max(runs)
        busiest = max(r[3] for r in runs)
        not_core = max(r[4] for r in runs)
        took = sorted(r[2] for r in runs)[len(runs) // 2]
        count = f" (worst of {len(runs)})" if len(runs) > 1 else ""
        print(f"| {name}{count} | {wall:.0f} | {cpu:.0f} | {busiest:.0f} | {not_core:.0f} | "
              f"{took:.0f} |")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"\npeak memory (max RSS) {peak:.0f} MiB; the largest worker process "
        f"(fieldsurvey/worker_process.py) {worker:.0f} MiB; load average {os.getloadavg()}"
    )
    window.close()
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
