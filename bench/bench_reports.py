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
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

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
