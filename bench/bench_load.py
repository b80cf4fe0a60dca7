"""Form load time on the corpus, beside pyxform's own conversion, in the same run.

For each XLSForm in ../shared/xlsforms (or --corpus DIR) prints the median of --repeat
runs of:
  pyxform   pyxform.xls2xform.convert(path, validate=False): the reference conversion
            (no ODK Validate, which needs Java and is not run by FieldSurvey either)
  load      fieldsurvey load_form(path, use_cache=False): pyxform + FormSpec + checks
  cached    load_form(path) with the compiled form already in the cache
and the ratios load/pyxform and cached/pyxform. Rejected forms are timed up to the
rejection (both sides reject the same forms). The big Liberia coverage forms are
rejected for duplicate choice names; pyxform accepts them with the setting
``allow_choice_duplicates=yes``, so a copy with that setting is timed too ("+dup").

    .venv/bin/python bench/bench_load.py [--repeat 3] [--match TEXT] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from pyxform.xls2xform import convert

from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms.loader import load_form

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "xlsforms"


def median_seconds(run: Callable[[], object], repeat: int) -> tuple[float, str]:
    """Median wall time of ``run`` and how it ended ("ok" or "rejected")."""
    times, outcome = [], "ok"
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            run()
        except Exception:  # pyxform raises PyXFormError (or its own bugs); we raise ours
            outcome = "rejected"
        times.append(time.perf_counter() - start)
    return statistics.median(times), outcome


def bench_form(path: Path, repeat: int) -> tuple[float, str, float, str, float | None]:
    pyxform_s, pyxform_end = median_seconds(lambda: convert(str(path), validate=False), repeat)
    ours_s, ours_end = median_seconds(lambda: load_form(path, use_cache=False), repeat)
    cached_s: float | None = None
    try:
        load_form(path)  # fills the cache
        cached_s, _ = median_seconds(lambda: load_form(path), repeat)
    except FormDefinitionError:
        pass
    return pyxform_s, pyxform_end, ours_s, ours_end, cached_s


def with_duplicates_allowed(path: Path, folder: Path) -> Path:
    """A copy of an .xlsx form whose settings sheet says allow_choice_duplicates=yes."""
    book = load_workbook(path)
    sheet = book["settings"] if "settings" in book.sheetnames else book.create_sheet("settings")
    column = sheet.max_column + 1 if sheet.max_row >= 1 and sheet.cell(1, 1).value else 1
    sheet.cell(1, column, "allow_choice_duplicates")
    sheet.cell(2, column, "yes")
    copy = folder / f"{path.stem}+dup{path.suffix}"
    book.save(copy)
    return copy


def lenient_forms(corpus: Path) -> list[str]:
    """Forms the results file says pyxform accepts with allow_choice_duplicates=yes."""
    results = corpus / "pyxform_4.5.0_results.tsv"
    if not results.is_file():
        return []
    with results.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [r["file"] for r in rows if (r.get("lenient_retry") or "").startswith("ok with allow")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--match", default="", help="only files whose name contains this")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # openpyxl's notes about workbook styles
    os.environ["FIELDSURVEY_CACHE_DIR"] = tempfile.mkdtemp(prefix="fieldsurvey-bench-")
    files = sorted(
        p for p in args.corpus.iterdir() if p.suffix in {".xlsx", ".xls"} and args.match in p.name
    )
    copies = Path(tempfile.mkdtemp(prefix="fieldsurvey-bench-forms-"))
    files += [
        with_duplicates_allowed(args.corpus / name, copies)
        for name in lenient_forms(args.corpus)
        if args.match in name
    ]
    print(f"median of {args.repeat} runs; times in seconds")
    print(f"{'form':58} {'pyxform':>8} {'load':>8} {'ratio':>6} {'cached':>8} {'ratio':>7}")
    totals = [0.0, 0.0, 0.0]
    for path in files:
        pyx, pyx_end, ours, ours_end, cached = bench_form(path, args.repeat)
        if cached is not None:
            totals = [totals[0] + pyx, totals[1] + ours, totals[2] + cached]
        cached_text = f"{cached:8.4f} {cached / pyx:7.3f}" if cached is not None else " " * 16
        flag = "" if pyx_end == ours_end else f"  MISMATCH pyxform {pyx_end}, ours {ours_end}"
        name = path.name if len(path.name) <= 58 else "..." + path.name[-55:]
        rejected = " (rejected)" if ours_end == "rejected" else ""
        print(f"{name:58} {pyx:8.3f} {ours:8.3f} {ours / pyx:6.2f} {cached_text}{rejected}{flag}")
    pyx, ours, cached = totals
    label = "TOTAL of the forms that load"
    if pyx:
        print(
            f"{label:58} {pyx:8.3f} {ours:8.3f} {ours / pyx:6.2f} {cached:8.4f} {cached / pyx:7.3f}"
        )


if __name__ == "__main__":
    main()
