"""xlsx writers on the same cells: ours against the libraries that could replace it (issue 15).

    .venv/bin/python -m pip install --target /tmp/xlsx-candidates pyexcelerate==0.13.0 \\
        rustpy-xlsxwriter==0.8.0 fastxlsx==0.2.0 rvgsrust-xlsxwriter==0.3.5   # once
    .venv/bin/python bench/bench_xlsx_writers.py --store /tmp/fieldsurvey-bench/coord-10000 \\
        [--candidates /tmp/xlsx-candidates] [--repeat 3] [--writers ours,xlsxwriter,...]

The cells: the export tables of a coordinator workspace (``bench/scale_stores.py``), the
form's table and the members' table, read once into lists by ``build_tables`` in each
child process, so every writer writes the same values; the codebook sheet is left out
(all writers write the same two sheets, header row first). Each writer runs in a child
process of its own, ``--repeat`` times after one warm-up; printed: the median CPU time
of the process (the machine is shared: compare within a run), the ratio to ours, the
file size, the memory the writing added (peak resident memory while writing, less the
resident memory with the tables held: ``/proc/self/clear_refs`` resets the peak), and
a check that the first rows of both sheets read back (openpyxl, read-only) as the
tables' values.

Writers (candidates are not dependencies of the app: installed apart, ``--candidates``):

- ``ours``: ``reports/xlsx_stream.write_workbook`` (standard library only);
- ``xlsxwriter``: XlsxWriter, ``constant_memory`` mode, ``write_number``/``write_string``
  per cell (what the app used before issue 15);
- ``pyexcelerate``: PyExcelerate, ``Workbook.new_sheet(data=rows)``;
- ``rustpy``: rustpy-xlsxwriter (Rust, rust_xlsxwriter), ``write_worksheets`` of dict
  records, the header row frozen as ours;
- ``rvgsrust``: rvgsrust-xlsxwriter (Rust, rust_xlsxwriter), ``write_rows`` in
  ``constant_memory`` mode, the header row bold and frozen as ours;
- ``fastxlsx``: fastxlsx (Rust), ``WriteOnlyWorksheet.write_matrix``;
- ``csv`` (baseline): ``export_writers.write_csv`` of the same two tables.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FORM = "mnet_migrant_household"
PASSWORD = "bench-password"
WRITERS = ("ours", "xlsxwriter", "pyexcelerate", "rustpy", "rvgsrust", "fastxlsx", "csv")
CHECK_ROWS = 50

Table = tuple[str, list[str], list[list[Any]]]  # sheet name, header, rows


def _status(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # VmHWM back to VmRSS
    except OSError:
        pass


def read_tables(store: Path) -> tuple[list[Table], Any]:
    from fieldsurvey.reports.export_tables import build_tables
    from fieldsurvey.reports.workspace_reader import form_specs, read_interviews
    from fieldsurvey.store.workspace import Workspace

    with Workspace.open(store, PASSWORD) as ws, ws.reading():
        tables = build_tables(read_interviews(ws, FORM), form_specs(ws, FORM))
    sheets = [(t.name[:31], [c.key for c in t.columns], t.rows) for t in tables]
    return sheets, tables  # type: ignore[return-value]


def ours(tables: list[Table], path: Path, export: Any) -> None:
    from fieldsurvey.reports.xlsx_stream import Sheet, write_workbook

    dates = [
        frozenset(i for i, c in enumerate(t.columns) if c.qtype in ("date", "today"))
        for t in export
    ]
    write_workbook(path, [Sheet(n, h, r, d) for (n, h, r), d in zip(tables, dates, strict=True)])


def xlsxwriter(tables: list[Table], path: Path, _export: Any) -> None:
    import xlsxwriter as xw

    book = xw.Workbook(str(path), {"constant_memory": True})
    bold = book.add_format({"bold": True})
    for name, head, rows in tables:
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, head, bold)
        sheet.freeze_panes(1, 0)
        number, string = sheet.write_number, sheet.write_string
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    string(r, c, value)
                else:
                    number(r, c, value)
    book.close()


def pyexcelerate(tables: list[Table], path: Path, _export: Any) -> None:
    from pyexcelerate import Workbook

    book = Workbook()
    for name, head, rows in tables:
        book.new_sheet(name, data=[head, *rows])
    book.save(str(path))


def rustpy(tables: list[Table], path: Path, _export: Any) -> None:
    from rustpy_xlsxwriter import write_worksheets

    def records(head: list[str], rows: list[list[Any]]) -> Iterator[dict[str, Any]]:
        return (dict(zip(head, row, strict=True)) for row in rows)

    entries = [(name, records(head, rows)) for name, head, rows in tables]
    write_worksheets(entries, str(path), freeze_panes={"general": {"row": 1, "col": 0}})


def rvgsrust(tables: list[Table], path: Path, _export: Any) -> None:
    from rvgsrust_xlsxwriter import Workbook

    book = Workbook()
    bold = book.add_format()
    bold.set_bold()
    for name, head, rows in tables:
        sheet = book.add_worksheet(name, constant_memory=True)
        sheet.write_row(0, 0, head, bold)
        sheet.freeze_panes(1, 0)
        sheet.write_rows(1, 0, rows)
    book.close(str(path))


def fastxlsx(tables: list[Table], path: Path, _export: Any) -> None:
    from fastxlsx import WriteOnlyWorkbook

    book = WriteOnlyWorkbook()
    for name, head, rows in tables:
        sheet = book.create_sheet(name)
        sheet.write_row((0, 0), head)
        sheet.write_matrix((1, 0), rows)
    book.save(str(path))


def csv_baseline(_tables: list[Table], path: Path, export: Any) -> None:
    from fieldsurvey.reports.export_writers import write_csv

    path.mkdir(exist_ok=True)
    write_csv(export, path)


RUN: dict[str, Callable[[list[Table], Path, Any], None]] = {
    "ours": ours,
    "xlsxwriter": xlsxwriter,
    "pyexcelerate": pyexcelerate,
    "rustpy": rustpy,
    "rvgsrust": rvgsrust,
    "fastxlsx": fastxlsx,
    "csv": csv_baseline,
}


def check(path: Path, tables: list[Table]) -> str:
    """Whether the first rows of each sheet read back as the tables' values."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        for sheet, (_name, head, rows) in zip(book.worksheets, tables, strict=True):
            got = list(sheet.iter_rows(max_row=CHECK_ROWS + 1, values_only=True))
            want = [tuple(head), *(tuple(r) for r in rows[:CHECK_ROWS])]
            for g, w in zip(got, want, strict=True):
                g = tuple(g) + (None,) * (len(w) - len(g))
                for a, b in zip(g, w, strict=True):
                    if not (a == b or (a in (None, "") and b in (None, "")) or _same_day(a, b)):
                        return f"differs: {a!r} != {b!r}"
    finally:
        book.close()
    return "ok"


def _same_day(a: Any, b: Any) -> bool:
    """An Excel date (ours writes date questions as dates) read back as a datetime."""
    return hasattr(a, "date") and isinstance(b, str) and a.date().isoformat() == b


def child(store: Path, name: str, repeat: int, extra: str | None) -> None:
    if extra:
        sys.path.append(extra)  # after the app's packages: the candidates' own only
    tables, export = read_tables(store)
    run = RUN[name]
    out = Path(tempfile.mkdtemp(prefix="bench-xlsx-"))
    path = out / ("csv" if name == "csv" else f"{name}.xlsx")
    try:
        run(tables, path, export)  # warm-up (imports)
    except ImportError as exc:
        print(json.dumps({"missing": str(exc)}))
        return
    held = _status("VmRSS")
    _reset_peak()
    cpu = []
    for _ in range(repeat):
        start = time.process_time()
        run(tables, path, export)
        cpu.append(time.process_time() - start)
    added = _status("VmHWM") - held
    size = sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size
    cells = sum(1 for _n, _h, rows in tables for row in rows for v in row if v is not None)
    print(
        json.dumps(
            {
                "cpu": statistics.median(cpu),
                "runs": cpu,
                "mb": size / 1e6,
                "added_mb": added,
                "cells": cells,
                "check": "" if name == "csv" else check(path, tables),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a coordinator workspace")
    parser.add_argument("--candidates", help="folder the candidate writers are installed in")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--writers", default=",".join(WRITERS))
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.store, args.child[0], int(args.child[1]), args.candidates)
        return
    results: dict[str, dict[str, Any]] = {}
    for name in args.writers.split(","):
        command = [sys.executable, __file__, "--store", str(args.store), "--child", name,
                   str(args.repeat)] + (["--candidates", args.candidates] if args.candidates
                                        else [])  # fmt: skip
        proc = subprocess.run(command, stdout=subprocess.PIPE, check=True, cwd=ROOT)
        results[name] = json.loads(proc.stdout.splitlines()[-1])
        print(name, results[name], flush=True)
    base = results.get("ours", {}).get("cpu")
    print(f"\n{args.store.name}: median CPU s of {args.repeat} runs after a warm-up")
    print("| writer | CPU s | / ours | file MB | memory added MB | first rows read back |")
    print("|---|---:|---:|---:|---:|---|")
    for name, r in results.items():
        if "missing" in r:
            print(f"| {name} | not installed | | | | |")
            continue
        ratio = f"{r['cpu'] / base:.2f}" if base else ""
        print(f"| {name} | {r['cpu']:.2f} | {ratio} | {r['mb']:.1f} | {r['added_mb']:.0f} "
              f"| {r['check']} |")  # fmt: skip


if __name__ == "__main__":
    main()
