"""Ward summary PDF for 20,000 synthetic interviews, against same-run baselines.

Prints the median of --repeat runs (after one warm-up) of:
  ward PDF       write_ward_summary for one ward holding all N interviews (target < 3 s)
  all wards PDF  write_ward_summary over 18 wards: district overview + 18 ward sections
and, as baselines on the same data in the same run:
  numbers only   plan_ward_summary: every count and statistic, no PDF (the data work)
  plain text     plain reportlab canvas writing the same text as the ward PDF (same lines,
                 same embedded DejaVu font, same number of pages): the cost of writing
                 that much text at all
with ratios PDF / baseline.

    .venv/bin/python bench/bench_reports.py [--n 20000] [--repeat 5]

With ``--store`` (a coordinator workspace, e.g. a copy of bench/scale_stores.py's
coord-1000000; password ``bench-password``), the all-wards PDF from the workspace instead,
made in a worker thread (as the app's task makes it) beside a Python heartbeat thread
that wakes every 5 ms (as the app window's timers need the GIL), what start-up holds
frozen for the collector as the app freezes it: each run in a process
of its own, printing CPU and wall seconds, peak resident memory and the longest gaps
between two heartbeats (a gap is a stretch where the report held the GIL: the window
would freeze that long; on a busy machine a gap also holds the time no core was free:
``most_cpu_ms``, the CPU time the process used in a gap, is then the closer bound of how
long the report held the GIL). ``--base DIR`` alternates the runs with the code of DIR (e.g.
``git archive HEAD fieldsurvey resources | tar -x -C DIR``), the same store:

    .venv/bin/python bench/bench_reports.py --store /tmp/me/coord-1000000 --runs 2 \
        --base /tmp/me-base
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from fieldsurvey.forms.loader import load_form
from fieldsurvey.reports.fonts import register_fonts
from fieldsurvey.reports.models import DataStamp, Period
from fieldsurvey.reports.synthetic import synthetic_interviews
from fieldsurvey.reports.ward_summary import plan_ward_summary, write_ward_summary
from fieldsurvey.resources import resource_path

ALL_WARDS = (
    "phuc_tan",
    "chuong_duong",
    "cua_dong",
    "cua_nam",
    "dong_xuan",
    "hang_bac",
    "hang_bai",
    "hang_bo",
    "hang_bong",
    "hang_buom",
    "hang_dao",
    "hang_gai",
    "hang_ma",
    "hang_trong",
    "ly_thai_to",
    "phan_chu_trinh",
    "trang_tien",
    "tran_hung_dao",
)


def median_seconds(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (the machine may be shared)."""
    run()  # warm-up: font registration, imports, caches
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def plain_text_pdf(pages: list[list[str]], out: Path) -> None:
    """The same lines on the same number of A4 pages, one drawString per line."""
    font, _ = register_fonts()
    canvas = Canvas(str(out), pagesize=A4, initialFontName=font)
    for lines in pages:
        canvas.setFont(font, 8.5)
        y = A4[1] - 56
        for line in lines:
            canvas.drawString(51, y, line)
            y -= 11
        canvas.showPage()
    canvas.save()


def stalls_child(store: Path, lang: str) -> None:
    """One all-wards PDF of ``store`` in a worker thread beside a 5 ms heartbeat; prints
    one line of JSON."""
    from fieldsurvey.reports.workspace_report import write_workspace_summary
    from fieldsurvey.store.workspace import Workspace

    out = Path(tempfile.mkdtemp(prefix="bench-reports-")) / "all.pdf"
    gaps: list[float] = []
    held: list[float] = []  # the process's CPU time in each gap
    done = threading.Event()

    def beat() -> None:
        last, last_cpu = time.perf_counter(), time.process_time()
        while not done.is_set():
            time.sleep(0.005)
            now, now_cpu = time.perf_counter(), time.process_time()
            gaps.append(now - last)
            held.append(now_cpu - last_cpu)
            last, last_cpu = now, now_cpu

    result: dict[str, float] = {}

    def work() -> None:
        cpu, wall = time.thread_time(), time.perf_counter()
        write_workspace_summary(ws, out, lang=lang)  # type: ignore[arg-type]
        result["wall"] = time.perf_counter() - wall
        result["cpu_worker"] = time.thread_time() - cpu

    with Workspace.open(store, "bench-password") as ws:
        gc.collect(1)  # as the app does once its window is up (ui/main_window.warm_up)
        gc.freeze()
        heartbeat = threading.Thread(target=beat, daemon=True)
        heartbeat.start()
        cpu = time.process_time()
        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        result["cpu"] = time.process_time() - cpu
        done.set()
        heartbeat.join()
    peak = next(
        int(line.split()[1]) / 1024
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    )
    longest = sorted(gaps, reverse=True)
    print(json.dumps({**result, "peak_mb": peak, "pages": len(PdfReader(out).pages),
                      "longest_ms": [round(g * 1000) for g in longest[:5]],
                      "most_cpu_ms": [round(c * 1000) for c in sorted(held)[-5:][::-1]],
                      "over_100ms": sum(g > 0.1 for g in gaps),
                      "over_50ms": sum(g > 0.05 for g in gaps)}))  # fmt: skip


def stalls(store: Path, runs: int, base: Path | None, lang: str) -> None:
    """``runs`` runs (alternated with ``base``'s code when given), each in a process."""
    codes = [("new", None), ("base", base)] if base else [("new", None)]
    found: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in codes}
    for _ in range(runs):
        for name, path in codes:
            env = dict(os.environ)
            if path is not None:
                env["PYTHONPATH"] = str(path)
            load = os.getloadavg()[0]
            proc = subprocess.run(
                [sys.executable, __file__, "--stalls-child", str(store), "--lang", lang],
                stdout=subprocess.PIPE, check=True, env=env,
            )  # fmt: skip
            row = json.loads(proc.stdout.splitlines()[-1])
            row["load"] = load
            found[name].append(row)
            print(name, json.dumps({k: (round(v, 2) if isinstance(v, float) else v)
                                    for k, v in row.items()}), flush=True)  # fmt: skip
    for name, rows in found.items():
        med = {k: statistics.median(r[k] for r in rows) for k in ("cpu", "wall", "peak_mb")}
        worst = max(r["longest_ms"][0] for r in rows)
        most = max(r["most_cpu_ms"][0] for r in rows)
        print(
            f"{name:5s} median of {len(rows)}: {med['cpu']:.2f} s CPU, {med['wall']:.2f} s wall, "
            f"peak {med['peak_mb']:.0f} MB; longest heartbeat gap {worst} ms, "
            f"most CPU in a gap {most} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--store", type=Path, help="all-wards PDF of this workspace")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--base", type=Path, help="alternate with this tree's code")
    parser.add_argument("--lang", default="vi")
    parser.add_argument("--stalls-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stalls_child:
        stalls_child(args.stalls_child, args.lang)
        return
    if args.store:
        stalls(args.store, args.runs, args.base, args.lang)
        return

    spec = load_form(resource_path("forms", "migrant_household.xlsx"))
    one_ward = synthetic_interviews(args.n, seed=1, wards=("phuc_tan",))
    spread = synthetic_interviews(args.n, seed=1, wards=ALL_WARDS)
    period = Period()
    stamp = DataStamp()
    tmp = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    ward_pdf, all_pdf, plain_pdf = tmp / "ward.pdf", tmp / "all.pdf", tmp / "plain.pdf"

    def ward() -> None:
        write_ward_summary(one_ward, spec, ward_pdf, wards=["phuc_tan"], period=period, stamp=stamp)

    def all_wards() -> None:
        write_ward_summary(spread, spec, all_pdf, period=period, stamp=stamp)

    def numbers() -> None:
        plan_ward_summary(one_ward, spec, wards=["phuc_tan"], period=period, stamp=stamp)

    t_ward = median_seconds(ward, args.repeat)
    pages = [p.extract_text().splitlines() for p in PdfReader(ward_pdf).pages]
    t_plain = median_seconds(lambda: plain_text_pdf(pages, plain_pdf), args.repeat)
    t_numbers = median_seconds(numbers, args.repeat)
    t_all = median_seconds(all_wards, max(1, args.repeat // 2))
    n_all = len(PdfReader(all_pdf).pages)

    rows = [
        (f"ward PDF (1 ward, {len(pages)} pages)", t_ward),
        (f"all wards PDF (18 wards, {n_all} pages)", t_all),
        ("baseline: numbers only", t_numbers),
        ("baseline: plain text, same pages", t_plain),
    ]
    runs_all = max(1, args.repeat // 2)
    print(f"{args.n:,} synthetic interviews; median of {args.repeat} runs (all wards: {runs_all})")
    for label, (wall, cpu) in rows:
        print(f"  {label:40s} {wall:7.3f} s wall  {cpu:7.3f} s CPU")
    for label, (wall, cpu) in (("numbers only", t_numbers), ("plain text", t_plain)):
        ratio = f"ratio ward PDF / {label}"
        print(f"  {ratio:40s} {t_ward[0] / wall:7.2f}   wall  {t_ward[1] / cpu:7.2f}   CPU")
    print("  target: ward PDF < 3 s")


if __name__ == "__main__":
    main()
