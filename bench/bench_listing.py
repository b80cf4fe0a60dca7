"""The interviews list at 100,000 and 1,000,000 interviews (issue 15).

Builds (once; cached under ``--cache``) a coordinator workspace of synthetic
interviews inserted through the store's merge writes (``bench/listing_rows.py``), then
measures the windowed list (``fieldsurvey.store.interview_listing``): planning and the
first window, a window at position 900,000 (and the middle), the next window by key,
counts, filters by status, ward and text; and the Qt list (time from the model's reset
to the first rows painted, the longest event-loop stall while scrolling, measured with a
QTimer heartbeat). Baseline in the same run: the old ``list_rows`` (every row read into
Python), at 100,000 only.

    .venv/bin/python bench/bench_listing.py [--sizes 100000 1000000] [--repeat 7]
        [--cache /tmp/fieldsurvey-bench] [--no-ui]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from listing_rows import fill

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interview_listing as listing
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.workspace import Workspace

PASSWORD = "benchmark password"


def workspace(cache: Path, size: int) -> Workspace:
    """The cached workspace of ``size`` interviews (built on first use).

    Built as a store from before migration 0018 (its indexes, search index and
    triggers dropped), filled in bulk through the merge writes, then opened: the
    upgrade to 0018 builds the list's indexes over the rows held (timed; what an
    existing coordinator's store goes through once)."""
    home = cache / f"listing-{size}"
    done = home / "built"
    if not done.exists():
        import shutil

        shutil.rmtree(home, ignore_errors=True)
        cache.mkdir(parents=True, exist_ok=True)
        ws = Workspace.create(home, PASSWORD, role="coordinator", kdf=KdfParams.cheap())
        db = ws.db
        for name in ("insert", "delete", "update"):
            db.execute(f"DROP TRIGGER interview_search_{name}")
        db.execute("DROP TABLE interview_search")
        for sort, (index, _columns) in listing.SORTS.items():
            if sort not in ("updated", "ward"):
                db.execute(f"DROP INDEX {index}")
        db.execute("DELETE FROM _migrations WHERE name = '0018_interview_listing'")
        db.execute("PRAGMA cache_size = -262144")  # building only: 256 MiB
        start = time.perf_counter()
        step = 100_000
        for first in range(0, size, step):
            fill(ws, min(step, size - first), start=first, batch=20_000)
            print(
                f"  built {first + step:,} of {size:,} ({time.perf_counter() - start:.0f} s)",
                flush=True,
            )
        ws.close()
        wall, cpu = time.perf_counter(), time.process_time()
        Workspace.open(home, PASSWORD).close()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        done.write_text(
            f"migration 0018 over {size} interviews: {wall:.1f} s wall, {cpu:.1f} s CPU\n"
        )
    print(f"  {done.read_text().strip()}")
    return Workspace.open(home, PASSWORD)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median wall and CPU ms of ``fn`` over ``repeat`` runs, and its last result."""
    walls, cpus = [], []
    result = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, result


def row(label: str, wall: float, cpu: float, note: str = "") -> None:
    print(f"| {label} | {wall:.1f} | {cpu:.1f} | {note} |", flush=True)


def bench_store(ws: Workspace, size: int, repeat: int, real: bool = False) -> None:
    """``real``: a store of bench/scale_stores.py (its wards, household ids and
    enumerators: the searches look for those; every interview is "exported")."""
    Q = listing.ListQuery
    household = f"HH-{size // 2:07d}"
    name, many, status = "nguyen van an", "duc", "returned"
    if real:
        mid = ws.db.execute(
            "SELECT household_id FROM interviews WHERE rowid = ?", [size // 2]
        ).fetchone()
        household = str(mid[0]) if mid else household
        name, many, status = "enum12", "hang", "exported"
    print(f"\n### {size:,} interviews\n\n| measure | wall ms | CPU ms | |\n|---|---:|---:|---|")
    for label, query in [
        ("all, newest change first", Q()),
        ("all, by respondent", Q(sort="respondent", descending=False)),
        ("all, by checks (NULL first)", Q(sort="checks", descending=False)),
        (f"status {status}", Q(status=status)),
        ("ward Hàng Bạc (1/18), by household", Q(ward="Hàng Bạc", sort="household")),
        ("status + ward", Q(status=status, ward="Hàng Bạc")),
        ("text: a household id", Q(text=household)),
        (f"text: '{name}'", Q(text=name)),
        (f"text: '{many}' (many)", Q(text=many)),
        (f"text '{name.split()[0]}' + status", Q(text=name.split()[0], status=status)),
    ]:
        # Once, as the list does for a new query (a search gathers its matches now)...
        w0, c0, _ = timed(lambda q=query: listing.window_at(ws, listing.plan(ws, q), 0, 100), 1)
        row(f"{label}: plan + first 100 rows, new query", w0, c0)
        # ... and again (the matches of a search gathered).
        wall, cpu, found = timed(lambda q=query: listing.plan(ws, q), repeat)
        w2, c2, first = timed(lambda f=found: listing.window_at(ws, f, 0, 100), repeat)
        row(f"{label}: plan + first 100 rows", wall + w2, cpu + c2, f"driver {found.driver}")
        w3, c3, total = timed(lambda f=found: listing.count(ws, f), repeat)
        row(f"{label}: count", w3, c3, f"{total:,} rows")
        if first.keys:
            w4, c4, _ = timed(
                lambda f=found, k=first.keys[-1]: listing.window_after(ws, f, k, 100), repeat
            )
            row(f"{label}: next 100 by key", w4, c4)
        marks = None
        if total >= 2 * listing.ANCHOR_EVERY:
            w6, c6, marks = timed(lambda f=found: listing.anchors(ws, f), 1)
            row(f"{label}: anchors (every {listing.ANCHOR_EVERY:,} rows)", w6, c6,
                f"{len(marks)} keys, once per query")  # fmt: skip
        for share in (0.9, 0.5):
            at = int(total * share)
            if total > 1000:
                w5, c5, _ = timed(
                    lambda f=found, a=at, t=total: listing.window_at(ws, f, a, 100, total=t),
                    repeat,
                )
                row(f"{label}: 100 rows at position {at:,} (OFFSET)", w5, c5)
            if marks:
                w7, c7, _ = timed(
                    lambda f=found, a=at, t=total, m=marks: listing.window_at(
                        ws, f, a, 100, total=t, marks=m
                    ),
                    repeat,
                )
                row(f"{label}: 100 rows at position {at:,} (from anchors)", w7, c7)
    wall, cpu, found = timed(lambda: listing.wards(ws), repeat)
    row("the ward list", wall, cpu, f"{len(found)} wards")
    if size <= 100_000:
        wall, cpu, rows = timed(lambda: iv.list_rows(ws), max(3, repeat // 2))
        row("baseline: old list_rows (every row)", wall, cpu, f"{len(rows):,} rows")


def bench_ui(ws: Workspace, size: int, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from fieldsurvey.ui.interviews_page import InterviewsPage
    from fieldsurvey.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    page = InterviewsPage()
    page.resize(1366, 768)
    page.show()
    page.set_source(ws, runner)
    # Each heartbeat's gap: wall ms, and the UI thread's own CPU ms in it (on a loaded
    # machine the wall gap includes waiting for a core).
    stalls: list[tuple[float, float]] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed(), time.thread_time() * 1000]

    def beat() -> None:
        now, cpu = clock.elapsed(), time.thread_time() * 1000
        stalls.append((now - last[0], cpu - last[1]))
        last[0], last[1] = now, cpu

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)

    def wait(condition: Callable[[], bool], timeout: float = 30.0) -> None:
        end = time.perf_counter() + timeout
        while not condition() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    firsts, first_cpus = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        page.reload()
        wait(page.model.painted_rows)
        page.table.viewport().repaint()
        firsts.append((time.perf_counter() - start) * 1000)
        first_cpus.append((time.thread_time() - start_cpu) * 1000)
    wait(lambda: page.model.total is not None)
    print(
        f"| UI: reload to first rows painted (median of {repeat}) | "
        f"{statistics.median(firsts):.1f} | {statistics.median(first_cpus):.1f} | "
        f"{page.model.rowCount():,} rows; CPU: the UI thread's |"
    )
    heartbeat.start()
    worst: dict[str, tuple[float, float]] = {}

    def phase(name: str, action: Callable[[], None]) -> None:
        stalls.clear()
        last[0], last[1] = clock.elapsed(), time.thread_time() * 1000
        action()
        wait(lambda: not page.model.loading(), 10)
        wait(lambda: False, 0.05)
        worst[name] = max(stalls, default=(0.0, 0.0))

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    page.table.setFocus()
    page_down = lambda: QTest.keyClick(page.table, Qt.Key.Key_PageDown)  # noqa: E731
    for n in range(20):
        phase(f"page down {n}", page_down)
    phase(
        "Ctrl+End",
        lambda: QTest.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier),
    )
    bar = page.table.verticalScrollBar()
    for share in (0.9, 0.5, 0.1, 0.75):
        phase(f"scroll bar to {share:.0%}", lambda s=share: bar.setValue(int(bar.maximum() * s)))
    for text in ("ng", "nguyen", "nguyen van", ""):
        phase(f"search {text!r}", lambda t=text: page.search.setText(t))
    phase("sort by respondent", lambda: page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder))
    phase("status filter", lambda: page.status_filter.setCurrentIndex(2))
    heartbeat.stop()
    runner.wait_all()
    name = max(worst, key=lambda k: worst[k][0])
    busy = max(worst, key=lambda k: worst[k][1])
    print(
        f"| UI: longest event-loop stall while scrolling, jumping, searching, sorting | "
        f"{worst[name][0]:.0f} | {worst[busy][1]:.0f} | wall: {name}; UI-thread CPU: {busy}; "
        "heartbeat 5 ms |"
    )
    others = sorted(worst.items(), key=lambda kv: -kv[1][0])[:5]
    print("  (worst: " + ", ".join(f"{k} {w:.0f}/{c:.0f} ms" for k, (w, c) in others) + ")")
    page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/fieldsurvey-bench"))
    parser.add_argument("--no-ui", action="store_true")
    parser.add_argument("--no-store", action="store_true")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--store", type=Path, help="measure this workspace instead (bench/scale_stores.py's)"
    )
    parser.add_argument("--password", default="bench-password", help="of --store")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()}")
    if args.store:
        ws = Workspace.open(args.store, args.password)
        size = int(ws.db.execute("SELECT count(*) FROM interviews").fetchone()[0])
        if not args.no_store:
            bench_store(ws, size, args.repeat, real=True)
        if not args.no_ui:
            bench_ui(ws, size, max(3, args.repeat // 2))
        ws.close()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak memory (max RSS) {peak:.0f} MiB; load average {os.getloadavg()}")
        return
    for size in args.sizes:
        ws = workspace(args.cache, size)
        if args.build_only:
            ws.close()
            continue
        if not args.no_store:
            bench_store(ws, size, args.repeat)
        if not args.no_ui:
            bench_ui(ws, size, max(3, args.repeat // 2))
        ws.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS) {peak:.0f} MiB; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
