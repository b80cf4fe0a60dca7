"""What a worker process costs (fieldsurvey/worker_process.py), to place its threshold.

For each cached coordinator store, the same read done in this process and in a worker
process, alternated, medians of wall seconds: a trivial read (the bare cost of a worker:
a fresh interpreter, its imports, the workspace opened with the key), the possible
duplicates and the csv export. The child imports this script again as its main module
(multiprocessing's spawn), as the app's console script imports the command line: about
what the app pays (the frozen app re-imports nothing). ``APART_FROM`` should sit where
the bare cost is a small share of the work.

    .venv/bin/python bench/bench_worker.py [--stores 1000,10000,100000] [--repeat 3]
        [--cache /tmp/fieldsurvey-bench]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from fieldsurvey.reports.export_writers import export_workspace
from fieldsurvey.store.report_rows import forms_with_interviews
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.duplicates import all_duplicates
from fieldsurvey.worker_process import run_apart

PASSWORD = "bench-password"


def _csv(ws: Workspace, out: Path) -> int:
    shutil.rmtree(out, ignore_errors=True)
    return len(export_workspace(ws, "csv", out).files)


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/fieldsurvey-bench"))
    args = parser.parse_args()
    print(f"load {os.getloadavg()}")
    print("| store | read | here, s | worker, s | worker - here, s |")
    print("|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "csv"
        for size in [int(s) for s in args.stores.split(",") if s]:
            ws = Workspace.open(args.cache / f"coord-{size}", PASSWORD)
            reads: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
                ("trivial", partial(forms_with_interviews, ws),
                 partial(run_apart, ws, forms_with_interviews)),
                ("duplicates", partial(all_duplicates, ws), partial(run_apart, ws, all_duplicates)),
                ("csv export", partial(_csv, ws, out), partial(run_apart, ws, _csv, out)),
            ]  # fmt: skip
            for name, here, apart in reads:
                times: dict[str, list[float]] = {"here": [], "apart": []}
                for _ in range(args.repeat):
                    times["here"].append(_timed(here))
                    times["apart"].append(_timed(apart))
                h, a = statistics.median(times["here"]), statistics.median(times["apart"])
                print(f"| {size:,} | {name} | {h:.3f} | {a:.3f} | {a - h:+.3f} |", flush=True)
            ws.close()


if __name__ == "__main__":
    main()
