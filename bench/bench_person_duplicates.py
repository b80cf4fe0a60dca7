"""The possible duplicate people (issue 15): read from the respondents' keys (the covering
index of migration 0028, ``store/person_keys.py``) against the document rule as it was
(every interview's answers read, parsed and walked), in the same run, on copies of the
cached coordinator stores.

    .venv/bin/python bench/bench_person_duplicates.py [--stores 10000,100000] [--repeat 5]
        [--cache /tmp/fieldsurvey-bench] [--work /tmp/dup-work]

Each store is copied to ``--work`` once (opening it upgrades it: never the cache itself);
the first opening of the copy runs the migration, timed (wall and CPU). Then the two
reads alternate ``--repeat`` times, each with the collector paused as the app's task runs
it; medians of wall and CPU seconds, and their ratio. Both must give the same groups.
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import shutil
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.store import report_rows
from fieldsurvey.store.person_keys import AGE_FIELDS, NAME_FIELDS, PHONE_FIELDS, fold, leaf
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.duplicates import DuplicateGroup, person_duplicates

PASSWORD = "bench-password"


def document_rule(ws: Workspace) -> list[DuplicateGroup]:
    """person_duplicates before migration 0028, as it was (the baseline)."""
    buckets: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for uuid, device, respondent, answers in report_rows.respondent_documents(ws):
        doc = json.loads(answers)
        name = fold(respondent or leaf(doc, NAME_FIELDS) or "")
        age = leaf(doc, AGE_FIELDS)
        if not name or age is None:
            continue
        phone = fold(leaf(doc, PHONE_FIELDS) or "")
        buckets[(name, str(age))].append((uuid, device, phone))
    shared = [item for item in buckets.items() if len(item[1]) > 1]
    runs = [sorted(shared[at : at + 20_000]) for at in range(0, len(shared), 20_000)]
    groups = []
    for (name, age), members in heapq.merge(*runs):
        if len({p for _, _, p in members if p}) > 1:
            continue
        groups.append(
            DuplicateGroup(
                rule="name+age+phone",
                key=f"{name}|{age}",
                uuids=sorted(u for u, _, _ in members),
                devices=sorted({d for _, d, _ in members}),
            )
        )
    while buckets:
        buckets.popitem()
    return groups


def _timed(call: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    with gc_paused():  # as the app's task runs it (ui/tasks.py: pause_collector)
        result = call()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/fieldsurvey-bench"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/dup-work"))
    args = parser.parse_args()
    print(f"load {os.getloadavg()}")
    print("| store | migration 0028 wall / CPU s | document rule wall / CPU s "
          "| person keys wall / CPU s | CPU ratio | groups |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|")
    for size in [int(s) for s in args.stores.split(",") if s]:
        copy = args.work / f"coord-{size}"
        migration = "(migrated before)"
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(args.cache / f"coord-{size}", copy)
            wall, cpu, ws = _timed(lambda copy=copy: Workspace.open(copy, PASSWORD))
            ws.close()
            migration = f"{wall:.1f} / {cpu:.1f}"
        ws = Workspace.open(copy, PASSWORD)
        times: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
        groups = 0
        for _ in range(args.repeat):
            for name, read in (("old", document_rule), ("new", person_duplicates)):
                wall, cpu, result = _timed(lambda read=read, ws=ws: read(ws))
                times[name].append((wall, cpu))
                if name == "old":
                    expected = result
                else:
                    assert result == expected, "the groups differ"
                    groups = len(result)
                del result
        ws.close()
        med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
               for k, v in times.items()}  # fmt: skip
        print(f"| {size:,} | {migration} | {med['old'][0]:.2f} / {med['old'][1]:.2f} "
              f"| {med['new'][0]:.3f} / {med['new'][1]:.3f} "
              f"| {med['old'][1] / med['new'][1]:.0f}× | {groups:,} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
