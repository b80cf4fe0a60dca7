"""Export writers (xlsx, Stata, SPSS, csv) on the default survey, against same-run baselines.

The interviews: --distinct synthetic households (the demo's generator, completed by the
questionnaire engine so calculations are in), repeated under new ids up to --n; their
tables built once by build_tables (the form's table and the members table).
Prints the median wall and CPU time of --repeat runs (after --warmup runs) of:
  xlsx export    build_tables + write_xlsx (the whole export but the database read)
  xlsx writer    write_xlsx of the built tables: the two sheets and the codebook sheet,
                 streamed by reports/xlsx_stream.py (target: xlsx export of 100,000 < 10 s)
  stata writer   write_statistics(..., "stata") of the built tables (pyreadstat)
  spss writer    write_statistics(..., "spss")
and, as baselines on the same data in the same run:
  csv writer     write_csv of the same tables (UTF-8 with BOM)
  tables only    build_tables: answers -> rows, no file
  raw cell loop  a bare Python loop over every cell that skips the empty ones: the floor
                 of any writer that handles cells one by one in Python
With --candidates, other xlsx writers on the same cells (each one when installed; they
are not dependencies of the app; 1 run each):
  raw xlsxwriter     write_number/write_string per cell in constant-memory mode
  pyexcelerate       Workbook.new_sheet(data=rows)
  rustpy-xlsxwriter  write_worksheets of dict records (Rust)
  fastxlsx           WriteOnlyWorksheet.write_matrix (Rust)
Memory: the process's peak RSS after the tables are built and after each run.
  stata pyreadstat   the previous Stata writer on the same tables (pyreadstat from one
                     whole DataFrame), beside the block writer (stat_blocks + dta_writer)

    .venv/bin/python bench/bench_exports.py [--n 100000] [--distinct 500] [--repeat 3]
        [--warmup 1] [--candidates]

With --store, the Stata (or --fmt spss) export of a coordinator workspace end to end
(``export_workspace(ws, "stata", ...)``), old (pyreadstat) and new (blocks), alternated:
--pairs times a child process for each, each child one warm-up and --repeat timed runs
on a copy of the store (the store's folder is never written), printing each child's
median CPU and wall time and its peak RSS (VmHWM), then the medians and the ratio:

    .venv/bin/python bench/bench_exports.py --store /tmp/fieldsurvey-bench/coord-100000 \
        --copy-to /tmp/s-stata [--pairs 3] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fieldsurvey.demo.demo_model import VN
from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.evaluate_json import open_answer_set
from fieldsurvey.forms.loader import load_form
from fieldsurvey.reports.export_tables import ExportInterview, ExportTable, build_tables
from fieldsurvey.reports.export_writers import write_csv, write_statistics, write_xlsx
from fieldsurvey.reports.synthetic_households import household_answers
from fieldsurvey.resources import resource_path

# the files pyreadstat wrote before the block writers: the Stata/SPSS baseline
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from pyreadstat_reference import write_with_pyreadstat


def interviews(n: int, distinct: int) -> list[ExportInterview]:
    spec = load_form(resource_path("forms/migrant_household.xlsx"))
    compiled = FormEngine.build(spec)
    rng = random.Random(2026)
    docs = []
    for k in range(distinct):
        start = datetime(2026, 9, 7, 8, tzinfo=VN) + timedelta(minutes=97 * k)
        ward = ("phuc_tan", "chuong_duong")[k % 2]
        raw = household_answers(rng, ward=ward, household_id=f"PT-{k:05d}", started=start)
        session = open_answer_set(compiled, raw, clock=lambda s=start: s + timedelta(minutes=35))
        docs.append(session.answers(complete=True))
    return [
        ExportInterview(
            f"00000000-0000-4000-8000-{k:012d}",
            spec.version,
            "exported",
            "Phúc Tân",
            f"PT-{k:05d}",
            "Nguyễn Thu Hà",
            "8c9f6b2e-laptop-1",
            "2026-09-07T01:00:00.000+00:00",
            "2026-09-07T01:40:00.000+00:00",
            3,
            docs[k % distinct],
        )
        for k in range(n)
    ]


def raw_cell_loop(tables: list[ExportTable]) -> int:
    n = 0
    for table in tables:
        for row in table.rows:
            for value in row:
                if value is None:
                    continue
                n += 1
    return n


def raw_xlsxwriter(tables: list[ExportTable], path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for table in tables:
        sheet = book.add_worksheet(table.name[:31])
        sheet.write_row(0, 0, [c.key for c in table.columns])
        number, string = sheet.write_number, sheet.write_string
        for r, row in enumerate(table.rows, 1):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    string(r, c, value)
                else:
                    number(r, c, value)
    book.close()


def pyexcelerate(tables: list[ExportTable], path: Path) -> None:
    from pyexcelerate import Workbook  # type: ignore[import-not-found]

    book = Workbook()
    for table in tables:
        book.new_sheet(table.name[:31], data=[[c.key for c in table.columns], *table.rows])
    book.save(str(path))


def rustpy_xlsxwriter(tables: list[ExportTable], path: Path) -> None:
    from rustpy_xlsxwriter import write_worksheets  # type: ignore[import-not-found]

    def records(table: ExportTable) -> Iterator[dict[str, Any]]:
        head = [c.key for c in table.columns]
        return (dict(zip(head, row, strict=True)) for row in table.rows)

    entries = [(table.name[:31], records(table)) for table in tables]
    write_worksheets(entries, str(path), freeze_panes={"general": {"row": 1, "col": 0}})


def fastxlsx(tables: list[ExportTable], path: Path) -> None:
    from fastxlsx import WriteOnlyWorkbook  # type: ignore[import-not-found]

    book = WriteOnlyWorkbook()
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.write_row((0, 0), [c.key for c in table.columns])
        sheet.write_matrix((1, 0), table.rows)
    book.save(str(path))


def stata_pyreadstat(tables: list[ExportTable], folder: Path) -> None:
    """The previous Stata writer: pyreadstat from each whole table's DataFrame."""
    from fieldsurvey.reports.export_tables import NoteCounter

    for table in tables:
        write_with_pyreadstat(table, folder / f"old-{table.name}.dta", "vi", "stata",
                               NoteCounter())  # fmt: skip


def _old_write_statistics(tables: Any, folder: Path, lang: str, fmt: str, notes: Any) -> list[Path]:
    """write_statistics as it was: every table through pyreadstat."""
    from fieldsurvey.reports import export_writers
    from fieldsurvey.reports.export_tables import NoteCounter

    stems = export_writers._stems(tables)
    out = []
    for table in tables:
        path = folder / f"{export_writers._stem(table, stems)}.{'dta' if fmt == 'stata' else 'sav'}"
        changed = NoteCounter()
        write_with_pyreadstat(table, path, lang, fmt, changed)
        out.append(path)
    return out


def store_child(store: Path, method: str, repeat: int, fmt: str) -> None:
    """One process: the ``fmt`` export of ``store`` by ``method`` (old/new), warmed up once."""
    from fieldsurvey.reports import export_writers
    from fieldsurvey.store.workspace import Workspace

    if method == "old":
        export_writers.write_statistics = _old_write_statistics  # type: ignore[assignment]
    out = Path(tempfile.mkdtemp(prefix="bench-stata-"))
    try:
        with Workspace.open(store, "bench-password") as ws:
            export_writers.export_workspace(ws, fmt, out / "warm")  # type: ignore[arg-type]
            walls, cpus = [], []
            for k in range(repeat):
                w, c = time.perf_counter(), time.process_time()
                export_writers.export_workspace(ws, fmt, out / f"run{k}")  # type: ignore[arg-type]
                walls.append(time.perf_counter() - w)
                cpus.append(time.process_time() - c)
        size = sum(f.stat().st_size for f in (out / "warm").glob("*.*")) / 1e6
    finally:
        shutil.rmtree(out, ignore_errors=True)
    hwm = next(
        int(line.split()[1]) / 1024
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    )
    print(json.dumps({"cpu": statistics.median(cpus), "wall": statistics.median(walls),
                      "rss_mb": hwm, "file_mb": size}))  # fmt: skip


def store_main(args: argparse.Namespace) -> None:
    source = Path(args.store)
    store = Path(args.copy_to) / source.name
    if not store.exists():
        shutil.copytree(source, store)
    results: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    for pair in range(args.pairs):
        for method in ("old", "new") if pair % 2 == 0 else ("new", "old"):
            load = Path("/proc/loadavg").read_text().split()[0]
            done = subprocess.run(
                [sys.executable, __file__, "--store-child", str(store), method, str(args.repeat),
                 args.fmt],
                stdout=subprocess.PIPE, check=True, text=True,
            )  # fmt: skip
            result = json.loads(done.stdout.splitlines()[-1])
            results[method].append(result)
            print(f"pair {pair + 1} {method}: cpu {result['cpu']:.2f} s, wall "
                  f"{result['wall']:.2f} s, peak RSS {result['rss_mb']:.0f} MB, files "
                  f"{result['file_mb']:.1f} MB (load {load})", flush=True)  # fmt: skip
    med = {m: {k: statistics.median(r[k] for r in rs) for k in ("cpu", "wall", "rss_mb")}
           for m, rs in results.items()}  # fmt: skip
    for m in ("old", "new"):
        print(f"median {m}: cpu {med[m]['cpu']:.2f} s, wall {med[m]['wall']:.2f} s, "
              f"peak RSS {med[m]['rss_mb']:.0f} MB")  # fmt: skip
    ratios = [n["cpu"] / o["cpu"] for o, n in zip(results["old"], results["new"], strict=True)]
    print(
        f"new/old CPU per pair: {', '.join(f'{r:.2f}' for r in ratios)}; "
        f"median {statistics.median(ratios):.2f}"
    )


def peak_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def median_seconds(run: Callable[[], object], repeat: int, warmup: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (the machine may be shared)."""
    for _ in range(warmup):
        run()
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--distinct", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--candidates", action="store_true", help="other xlsx writers too")
    parser.add_argument("--store", help="a coordinator store: its Stata export, old vs new")
    parser.add_argument("--copy-to", default=tempfile.gettempdir(), help="where to copy it")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--fmt", choices=("stata", "spss"), default="stata")
    parser.add_argument("--store-child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_child:
        store, method, repeat, fmt = args.store_child
        store_child(Path(store), method, int(repeat), fmt)
        return
    if args.store:
        store_main(args)
        return
    data = interviews(args.n, args.distinct)
    spec = load_form(resource_path("forms/migrant_household.xlsx"))
    tables = build_tables(data, [spec])
    cells = raw_cell_loop(tables)
    print(
        f"{args.n:,} interviews ({args.distinct} distinct): "
        + ", ".join(f"{t.name} {len(t.rows):,} rows x {len(t.columns)}" for t in tables)
        + f"; {cells:,} non-empty cells; peak RSS with the tables built {peak_mb():.0f} MB"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runs: list[tuple[str, Callable[[], object]]] = [
            ("xlsx export", lambda: write_xlsx(build_tables(data, [spec]), folder / "e.xlsx")),
            ("xlsx writer", lambda: write_xlsx(tables, folder / "w.xlsx")),
            ("stata writer", lambda: write_statistics(tables, folder, "vi", "stata")),
            ("stata pyreadstat", lambda: stata_pyreadstat(tables, folder)),
            ("spss writer", lambda: write_statistics(tables, folder, "vi", "spss")),
            ("csv writer", lambda: write_csv(tables, folder)),
            ("tables only", lambda: build_tables(data, [spec])),
            ("raw cell loop", lambda: raw_cell_loop(tables)),
        ]
        if args.candidates:
            runs += [
                (name, lambda f=f, name=name: f(tables, folder / f"{name}.xlsx"))  # type: ignore[misc]
                for name, f in [
                    ("raw xlsxwriter", raw_xlsxwriter),
                    ("pyexcelerate", pyexcelerate),
                    ("rustpy-xlsxwriter", rustpy_xlsxwriter),
                    ("fastxlsx", fastxlsx),
                ]
            ]
        results: dict[str, tuple[float, float, float]] = {}
        sizes: dict[str, float] = {}
        for name, run in runs:
            candidate = name in ("raw xlsxwriter", "pyexcelerate", "rustpy-xlsxwriter", "fastxlsx")
            try:
                wall, cpu = median_seconds(run, 1 if candidate else args.repeat,
                                           0 if candidate else args.warmup)  # fmt: skip
            except ImportError as exc:
                print(f"{name}: not installed ({exc})")
                continue
            results[name] = (wall, cpu, peak_mb())
            if (folder / f"{name}.xlsx").exists():
                sizes[name] = (folder / f"{name}.xlsx").stat().st_size / 1e6
        sizes["xlsx writer"] = (folder / "w.xlsx").stat().st_size / 1e6
    writer_cpu = results["xlsx writer"][1]
    print(f"median of {args.repeat} runs after {args.warmup} warm-up (candidates: 1 run)")
    head = f"{'wall s':>9}{'cpu s':>9}{'this/xlsx writer (cpu)':>24}{'peak MB':>9}{'file MB':>9}"
    print(f"{'':18}{head}")
    for name, (wall, cpu, peak) in results.items():
        size = f"{sizes[name]:9.1f}" if name in sizes else ""
        print(f"{name:18}{wall:9.2f}{cpu:9.2f}{cpu / writer_cpu:24.2f}{peak:9.0f}{size}")
    csv_cpu = results["csv writer"][1]
    print(f"xlsx writer / csv writer (cpu): {writer_cpu / csv_cpu:.2f}")


if __name__ == "__main__":
    main()
