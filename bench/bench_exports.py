"""xlsx export of 20,000 interviews of the default survey, against same-run baselines.

The interviews: --distinct synthetic households (the demo's generator, completed by the
questionnaire engine so calculations are in), repeated under new ids up to --n.
Prints the median wall and CPU time of --repeat runs (after one warm-up) of:
  xlsx export    build_tables + write_xlsx: the main table, the members table and the
                 codebook sheet (target < 10 s for 20,000 interviews)
and, as baselines on the same data in the same run:
  tables only    build_tables: answers -> rows, no file
  raw xlsxwriter the same cells (already built) written by xlsxwriter in constant-memory
                 mode with write_number/write_string: the cost of the writer itself
  csv            write_csv of the same tables (UTF-8 with BOM)
with ratios to the xlsx export.

    .venv/bin/python bench/bench_exports.py [--n 20000] [--distinct 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import xlsxwriter

from fieldsurvey.demo.demo_model import VN
from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.evaluate_json import open_answer_set
from fieldsurvey.forms.loader import load_form
from fieldsurvey.reports.export_tables import ExportInterview, ExportTable, build_tables
from fieldsurvey.reports.export_writers import write_csv, write_xlsx
from fieldsurvey.reports.synthetic_households import household_answers
from fieldsurvey.resources import resource_path


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


def raw_xlsxwriter(tables: list[ExportTable], path: Path) -> None:
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


def median_seconds(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (the machine may be shared)."""
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
    args = parser.parse_args()
    data = interviews(args.n, args.distinct)
    spec = load_form(resource_path("forms/migrant_household.xlsx"))
    tables = build_tables(data, [spec])
    cells = sum(v is not None for t in tables for row in t.rows for v in row)
    print(
        f"{args.n:,} interviews ({args.distinct} distinct): "
        + ", ".join(f"{t.name} {len(t.rows):,} rows x {len(t.columns)}" for t in tables)
        + f"; {cells:,} non-empty cells"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runs: list[tuple[str, Callable[[], object]]] = [
            ("xlsx export", lambda: write_xlsx(build_tables(data, [spec]), folder / "e.xlsx")),
            ("tables only", lambda: build_tables(data, [spec])),
            ("raw xlsxwriter", lambda: raw_xlsxwriter(tables, folder / "raw.xlsx")),
            ("csv", lambda: write_csv(tables, folder)),
        ]
        results = {name: median_seconds(run, args.repeat) for name, run in runs}
        size = (folder / "e.xlsx").stat().st_size
    export_wall, export_cpu = results["xlsx export"]
    print(f"median of {args.repeat} runs (after a warm-up); xlsx file {size / 1e6:.1f} MB")
    print(f"{'':16}{'wall s':>9}{'cpu s':>9}{'export/this (cpu)':>20}")
    for name, (wall, cpu) in results.items():
        print(f"{name:16}{wall:9.2f}{cpu:9.2f}{export_cpu / cpu:20.2f}")
    verdict = "meets" if export_wall < 10 else "misses"
    print(f"xlsx export of {args.n:,} interviews: {export_wall:.2f} s wall ({verdict} < 10 s)")


if __name__ == "__main__":
    main()
