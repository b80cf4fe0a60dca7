"""A sheet written from a stream's blocks of columns (``xlsx_stream._columns_xml``, with
``xlsx_columns.text_cells`` for columns of mostly new texts) is the same workbook, byte
for byte, as the same rows written one by one; and the quick path takes no text that
needs escaping, a preserved space, or a cut."""

from __future__ import annotations

import random
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fieldsurvey.reports import xlsx_columns, xlsx_stream
from fieldsurvey.reports.export_tables import RowStream
from fieldsurvey.reports.xlsx_stream import XLSX_TEXT_LIMIT, Sheet, write_workbook

#: texts the quick path must leave to the cache: each needs more than the tags
AWKWARD = [
    "Hộ & con", "a<b", "a>b", "_x0041_", "x_x00e9_y", " Lan", "Lan ", "a\tb", "a\nb", "a\rb",
    "a\x01b", "a\x00b", "Mai\u00a0Anh", "a\ufffeb", "a\ud800b", "Hương" * 7000, "",
]  # fmt: skip


def _rows(rng: random.Random, n: int) -> list[list[Any]]:
    rows = []
    for k in range(n):
        name = f"Nguyễn Thị Hương {rng.randrange(10**9)}"
        day = date(2020, 1, 1) + timedelta(days=k)
        if rng.random() < 0.03:
            name = rng.choice(AWKWARD)
        if k == 500:
            name = "Hương" * 7000  # longer than a cell: cut, with a note
        rows.append(
            [
                f"uuid-{k:06d}",  # every value new: the quick path
                name,  # new values, now and then one that needs more than the tags
                rng.choice(["porter", "vendor", "", None, "rented_room"]),  # repeated
                None if rng.random() < 0.2 else f"Tổ {rng.randrange(10**6)}",
                k * 7 + 1,  # new ints: not texts, cell by cell
                rng.choice([0.5, 2.25, None, -3.75]),
                rng.choice([day.isoformat(), "2026-13-45", f"not a date {k}", None]),  # dates
                10**400 if k == 77 else k % 3,  # a number only text can hold
                rng.choice([10, 10.0, -0.0, 0, 1e15, 10**15, 3.5]),  # equal numbers
            ]
        )
    return rows


def _stream(rows: list[list[Any]], size: int) -> RowStream:
    def blocks(shape: Any) -> Any:
        for start in range(0, len(rows), size):
            part = rows[start : start + size]
            yield [list(c) for c in zip(*part, strict=True)] if shape == "columns" else part

    return RowStream(len(rows), blocks)


def _sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as book:
        return book.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("size", [1, 50, 333])
def test_columns_give_the_workbook_that_rows_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    rows = _rows(random.Random(size), 2000)
    header = ["uuid", "name", "job", "group", "n", "x", "day", "big", "equal"]
    taken: list[bool] = []
    real = xlsx_columns.text_cells

    def noted(column: Any, limit: int) -> list[bytes] | None:
        made = real(column, limit)
        taken.append(made is not None)
        return made

    monkeypatch.setattr(xlsx_stream, "text_cells", noted)
    by_rows = write_workbook(tmp_path / "rows.xlsx", [Sheet("hh", header, rows, frozenset({6}))])
    assert taken == []  # a list: row by row
    by_columns = write_workbook(
        tmp_path / "columns.xlsx", [Sheet("hh", header, _stream(rows, size), frozenset({6}))]
    )
    assert True in taken and False in taken  # the quick path, and texts it left
    assert _sheet_xml(tmp_path / "columns.xlsx") == _sheet_xml(tmp_path / "rows.xlsx")
    assert by_columns == by_rows  # the notes: a text cut, a number as text
    assert by_rows[0][7, xlsx_stream.NUMBER_AS_TEXT] == 1
    assert by_rows[0][1, xlsx_stream.CUT_CHARS] >= 1
    back = list(openpyxl.load_workbook(tmp_path / "columns.xlsx")["hh"].iter_rows(values_only=True))
    assert [r[0] for r in back[1:]] == [r[0] for r in rows]
    assert [r[1] for r in back[1:]].count("Hộ & con") == [r[1] for r in rows].count("Hộ & con")


@pytest.mark.parametrize("text", AWKWARD)
def test_a_text_that_needs_more_than_the_tags_is_left_to_the_cache(text: str) -> None:
    column = ["Lan", text, "Mai"]
    if text == "":  # an empty text is an empty cell, as a missing one
        assert xlsx_columns.text_cells([*column, None], XLSX_TEXT_LIMIT) == [
            b'<c t="inlineStr"><is><t>Lan</t></is></c>',
            b"<c/>",
            b'<c t="inlineStr"><is><t>Mai</t></is></c>',
            b"<c/>",
        ]
    else:
        assert xlsx_columns.text_cells(column, XLSX_TEXT_LIMIT) is None


def test_values_that_are_not_texts_are_left_to_the_cache() -> None:
    assert xlsx_columns.text_cells(["1", 2, "3"], XLSX_TEXT_LIMIT) is None
    assert xlsx_columns.text_cells(["1", None, 2.5], XLSX_TEXT_LIMIT) is None
    assert xlsx_columns.text_cells(["Hương" * 10], 49) is None  # longer than a cell
    assert xlsx_columns.text_cells(["Hương" * 10], 50) == [
        b'<c t="inlineStr"><is><t>' + ("Hương" * 10).encode() + b"</t></is></c>"
    ]


def test_the_same_number_is_the_same_cell_whichever_form_came_first(tmp_path: Path) -> None:
    """10 and 10.0 (and 0 and -0.0) are one key of the cells' cache: the file used to
    depend on which was met first (``10.0`` in one export, ``10`` in another)."""
    for n, rows in enumerate([[[10], [10.0], [-0.0], [0]], [[10.0], [10], [0], [-0.0]]]):
        write_workbook(tmp_path / f"{n}.xlsx", [Sheet("hh", ["x"], rows)])
    assert _sheet_xml(tmp_path / "0.xlsx") == _sheet_xml(tmp_path / "1.xlsx")
    back = [
        r[0] for r in openpyxl.load_workbook(tmp_path / "0.xlsx")["hh"].iter_rows(values_only=True)
    ]
    assert back == ["x", 10, 10, 0, 0]
