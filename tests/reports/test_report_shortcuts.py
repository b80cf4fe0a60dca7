"""The shortcuts that make reports and exports of 100,000 interviews faster give what the
plain ways give (issue 15): counts, columns, layout and workbook bytes."""

from __future__ import annotations

import random
import zipfile
from collections import Counter
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

from fieldsurvey.reports.columns import normalise
from fieldsurvey.reports.pdf_layout import BlockRenderer
from fieldsurvey.reports.summary_stats import tally
from fieldsurvey.reports.ward_tables import _dep_ratios
from fieldsurvey.reports.xlsx_stream import Sheet, write_workbook


def test_multiple_answers_count_each_respondent_once() -> None:
    rng = random.Random(7)
    names = ["a", "b", "c", "d"]
    values: list[Any] = [
        rng.choice([None, [], [rng.choice(names) for _ in range(rng.randint(1, 4))]])
        for _ in range(500)
    ]
    counts, base = tally(values, multiple=True)
    given = [v for v in values if v]
    assert base == len(given)
    assert counts == Counter(name for v in given for name in set(v))


def test_select_multiple_texts_split_as_one_by_one() -> None:
    raw = ["a b", None, "", "a b", "c", "  b  a ", "a b"]
    want = [(v.split() or None) if v else None for v in raw]
    assert normalise(raw, "select_multiple") == want
    mixed = [["a"], "a b", None, [], 3]  # lists from documents: as before
    assert normalise(mixed, "select_multiple") == [["a"], ["a", "b"], None, None, None]


def test_dependency_ratios_as_counted_household_by_household() -> None:
    rng = random.Random(3)
    sizes = [rng.randint(0, 7) for _ in range(400)]
    ages = [rng.choice([None, float(rng.randint(0, 95))]) for _ in range(sum(sizes))]
    want = []
    for start, end in pairwise([0, *accumulate(sizes)]):
        known = [a for a in ages[start:end] if a is not None]
        working = sum(1 for a in known if 15 <= a <= 64)
        if working:
            want.append((len(known) - working) / working)
    assert _dep_ratios(ages, sizes) == want


def test_a_shared_header_cell_keeps_each_tables_line_breaks() -> None:
    renderer = BlockRenderer("en")
    style = renderer.s.head
    cell = renderer.head("Households with a card registered in Hanoi", style)
    assert renderer.head("Households with a card registered in Hanoi", style) is cell
    assert (
        renderer.head("Households with a card registered in Hanoi", renderer.s.head_r) is not cell
    )
    narrow = cell.wrap(60, 1000)
    narrow_lines = len(cell.blPara.lines)
    wide = cell.wrap(400, 1000)
    assert len(cell.blPara.lines) == 1 < narrow_lines and wide[1] < narrow[1]
    assert cell.wrap(60, 1000) == narrow and len(cell.blPara.lines) == narrow_lines


class _Blocks:
    """Rows given a block at a time, as an export's stream gives them."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows

    def blocks(self) -> Any:
        return iter([self.rows[:3], self.rows[3:]])

    def __iter__(self) -> Any:
        return iter(self.rows)


def test_a_stream_writes_the_bytes_of_its_rows(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Nguyễn", 18, 18.0, "2026-09-07", None],
        ["a & b", 18.0, 18, "2026-13-45", ""],
        [" x ", 2.5, True, None, "_x0041_"],
        ["Lê", 1, 1.0, "2026-09-08", 10**400],
        ["\x1b", -0.0, 0, "", "y" * 40_000],
    ]
    header = ["a", "b", "c", "d", "e"]
    plain = write_workbook(tmp_path / "rows.xlsx", [Sheet("s", header, rows, frozenset({3}))])
    stream = write_workbook(
        tmp_path / "blocks.xlsx", [Sheet("s", header, _Blocks(rows), frozenset({3}))]
    )
    assert stream == plain and plain[0]
    with (
        zipfile.ZipFile(tmp_path / "rows.xlsx") as a,
        zipfile.ZipFile(tmp_path / "blocks.xlsx") as b,
    ):
        assert a.namelist() == b.namelist()
        assert all(a.read(n) == b.read(n) for n in a.namelist())
        sheet = a.read("xl/worksheets/sheet1.xml").decode()
    # 18 and 18.0 are one value to the cache: the one met first is written for both
    assert (
        '<row r="2"><c t="inlineStr"><is><t>Nguyễn</t></is></c><c><v>18</v></c><c><v>18</v></c>'
        in sheet
    )
