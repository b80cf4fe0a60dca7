"""The export order read from its index against read whole and sorted (issue 15,
migration 0029), in one process on a store opened by this code, alternated, CPU medians.

    .venv/bin/python bench/bench_export_order.py <store> [--repeat 5]

"read whole and sorted" is what ``export_scan.export_order`` did before 0029 (and still
does for a table without the index): ``created, uuid, _id, _odd`` of every row from the
table itself (``NOT INDEXED``), sorted in Python. Opening the store upgrades it: run it
on a copy when the store must stay as it is (the first open's time is printed).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from fieldsurvey.store import analysis_tables, export_scan
from fieldsurvey.store.workspace import Workspace

PASSWORD = "bench-password"
FORM = "mnet_migrant_household"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cpu, wall = time.process_time(), time.perf_counter()
    ws = Workspace.open(args.store, PASSWORD)
    print(f"opened (and upgraded) in {time.process_time() - cpu:.2f} s CPU, "
          f"{time.perf_counter() - wall:.2f} s wall")  # fmt: skip
    layout = analysis_tables.layout_of(ws, FORM)
    assert layout is not None
    table = analysis_tables._q(layout.main.table)

    def sorted_here() -> list[Any]:
        rows: list[Any] = []
        sql = f"SELECT created, uuid, _id, _odd FROM {table} NOT INDEXED"  # bench code
        for batch in export_scan._batches(ws, sql, export_scan.ORDER_BATCH):
            rows += batch
        rows.sort()
        return rows

    def from_index() -> list[Any]:
        return export_scan.export_order(ws, layout)

    assert sorted_here() == from_index()
    times: dict[str, list[float]] = {"read whole and sorted": [], "from the index": []}
    for _ in range(args.repeat):
        for name, run in (("read whole and sorted", sorted_here), ("from the index", from_index)):
            start = time.process_time()
            run()
            times[name].append(time.process_time() - start)
    for name, each in times.items():
        runs = ", ".join(f"{t:.2f}" for t in each)
        print(f"{name}: median {statistics.median(each):.2f} s CPU ({runs})")
    before, after = (statistics.median(t) for t in times.values())
    print(f"ratio {before / after:.1f}")
    ws.close()


if __name__ == "__main__":
    main()
