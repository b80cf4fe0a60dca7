"""Where one export's CPU goes, part by part (issue 15): the export of a cached store run
once in this process, with a CPU accumulator around each named function (exclusive: a
part's time leaves out the parts called inside it; a generator is timed at each step).

    .venv/bin/python bench/profile_export_parts.py /tmp/fieldsurvey-bench/coord-100000 spss
    .venv/bin/python bench/profile_export_parts.py <store> stata|csv|xlsx [--out DIR]

Prints JSON: the whole export's CPU and wall seconds, the process's user and system CPU,
each part's CPU seconds, "other" (the export's CPU in no named part) and each part's
calls. A first run of a process (imports included: about half a second). Compare two
sizes part by part to see which part grows faster than the work (docs/benchmarks.md,
"Scale, eleventh pass"). The wrappers cost about a microsecond a call.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import functools
import inspect
import json
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fieldsurvey import atomic_files
from fieldsurvey.reports import (
    columns,
    dta_writer,
    export_tables,
    export_writers,
    row_spill,
    sav_writer,
    stat_blocks,
)
from fieldsurvey.store import export_scan
from fieldsurvey.store.workspace import Workspace

PASSWORD = "bench-password"
clock = time.process_time
_stack: list[float] = []
totals: collections.Counter[str] = collections.Counter()
calls: collections.Counter[str] = collections.Counter()


def _timed(label: str, f: Callable[..., Any]) -> Callable[..., Any]:
    def run(thunk: Callable[[], Any]) -> Any:
        start = clock()
        _stack.append(0.0)
        try:
            return thunk()
        finally:
            spent = clock() - start
            inner = _stack.pop()
            totals[label] += spent - inner
            calls[label] += 1
            if _stack:
                _stack[-1] += spent

    if inspect.isgeneratorfunction(f):

        @functools.wraps(f)
        def steps(*args: Any, **kwargs: Any) -> Iterator[Any]:
            it = f(*args, **kwargs)
            while True:
                try:
                    item = run(lambda: next(it))
                except StopIteration:
                    return
                yield item

        return steps

    @functools.wraps(f)
    def call(*args: Any, **kwargs: Any) -> Any:
        return run(lambda: f(*args, **kwargs))

    return call


def _wrap(owner: Any, name: str, label: str) -> None:
    if hasattr(owner, name):  # code of another commit (PYTHONPATH) may not have it
        setattr(owner, name, _timed(label, getattr(owner, name)))


class _TimedPickle:
    """stat_blocks' pickle with its dumps timed."""

    HIGHEST_PROTOCOL = pickle.HIGHEST_PROTOCOL
    loads = staticmethod(pickle.loads)
    dumps = staticmethod(_timed("  pickle dumps", pickle.dumps))


def _page_cache_timed() -> None:
    original = export_scan.page_cache

    @contextlib.contextmanager
    def timed(ws: Workspace, kib: int) -> Iterator[None]:
        start = clock()
        inner = original(ws, kib)
        inner.__enter__()
        totals["page cache set"] += clock() - start
        try:
            yield
        finally:
            start = clock()
            inner.__exit__(None, None, None)
            totals["page cache given back"] += clock() - start

    export_scan.page_cache = timed  # type: ignore[assignment]


def instrument() -> None:
    for owner, name, label in [
        (columns.AnswerColumns, "main_chunk", "sql main_chunk"),
        (columns.AnswerColumns, "repeat_chunk", "sql repeat_chunk"),
        (columns.AnswerColumns, "stale", "  init: stale"),
        (columns.AnswerColumns, "count_instances", "  init: count_instances"),
        (export_scan, "export_order", "  init: export_order"),
        (export_tables._Streamed, "__init__", "streamed init (rest)"),
        (export_tables._Streamed, "_scattered", "  init: scattered"),
        (export_tables._Streamed, "_main_block", "main block (cells)"),
        (export_tables._Streamed, "_repeat_block", "repeat block (cells)"),
        (export_tables._Streamed, "_csv_lines", "csv lines (table order)"),
        (export_tables._Streamed, "_main_csv", "  csv cells, main"),
        (export_tables._Streamed, "_repeat_csv", "  csv cells, repeat"),
        (export_tables._Streamed, "_positions", "  positions"),
        (row_spill.RowSpill, "flush", "  row spill flush"),
        (row_spill.RowSpill, "take", "  row spill take"),
        (stat_blocks, "_spill", "stat _spill (arrays)"),
        (stat_blocks, "_select_codes", "  select codes"),
        (stat_blocks, "_numbers", "  numbers"),
        (stat_blocks, "_days", "  days"),
        (stat_blocks, "_texts", "  texts"),
        (stat_blocks, "_text_part", "  text part"),
        (stat_blocks._Spill, "put", "spill put"),
        (stat_blocks._Spill, "read", "spill read"),
        (stat_blocks, "_read_blocks", "stat read blocks"),
        (export_tables._Streamed, "_placed", "placed batches (cells)"),
        (export_scan, "_batches", "sql table-order batches"),
        (stat_blocks, "_read_placed", "stat read placed"),
        (stat_blocks, "_gathered", "  texts gathered"),
        (stat_blocks, "_placed_texts", "  texts placed"),
        (stat_blocks, "_finish", "stat finish"),
        (sav_writer, "_case_bytes", "sav case bytes"),
        (sav_writer, "_write_cases", "sav write cases (rest)"),
        (dta_writer, "write_dta", "dta write (rest)"),
        (export_writers, "csv_text", "csv text"),
        (export_writers, "write_audit_logs", "audit logs"),
        (export_writers, "write_media", "media"),
        (atomic_files, "_fsync_file", "fsync file"),
    ]:
        _wrap(owner, name, label)
    stat_blocks.pickle = _TimedPickle  # type: ignore[assignment]
    _page_cache_timed()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("fmt", choices=["csv", "xlsx", "stata", "spss"])
    parser.add_argument("--out", type=Path, default=None, help="kept (default: deleted)")
    args = parser.parse_args()
    instrument()
    with contextlib.ExitStack() as stack:
        out = args.out or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        with Workspace.open(args.store, PASSWORD) as ws:
            cpu, wall = clock(), time.perf_counter()
            export_writers.export_workspace(ws, args.fmt, out / args.fmt)
            cpu, wall = clock() - cpu, time.perf_counter() - wall
    process = os.times()
    print(json.dumps({
        "cpu": round(cpu, 2), "wall": round(wall, 2),
        "user": round(process.user, 2), "system": round(process.system, 2),
        "parts": {k: round(v, 2) for k, v in totals.most_common()},
        "other": round(cpu - sum(totals.values()), 2),
        "calls": dict(calls),
    }, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
