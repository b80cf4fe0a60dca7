"""The streaming xlsx writer (reports/xlsx_stream.py) behind the xlsx export: what a
person opening the workbook in Excel, LibreOffice or with openpyxl gets back."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fieldsurvey.reports import xlsx_stream
from fieldsurvey.reports.export_tables import ExportColumn, ExportTable, NoteCounter
from fieldsurvey.reports.export_writers import write_xlsx
from fieldsurvey.reports.xlsx_stream import Sheet, write_workbook

NAME = "Đặng Thị Ngọc Ánh"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _table(rows: list[list[Any]], name: str = "hh", **types: str) -> ExportTable:
    """A table whose columns are the keys of ``types`` (question type per column)."""
    columns = [
        ExportColumn(
            key=key,
            name=key,
            label=f"Nhãn {key}",
            kind="value",
            qtype=qtype,
            choices=[("1", "Có"), ("2", "Không")] if qtype == "select_one" else [],
        )
        for key, qtype in types.items()
    ]
    return ExportTable(name=name, form_id="f", path="", label="Hộ", columns=columns, rows=rows)


def _values(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def _sheet_texts(path: Path, part: str = "xl/worksheets/sheet1.xml") -> list[str | None]:
    """Every text cell's ``<t>`` as it stands in the file, parsed by an XML 1.0 parser
    (which refuses the characters XML forbids)."""
    with zipfile.ZipFile(path) as book:
        root = ET.fromstring(book.read(part))
    return [t.text for t in root.iter(f"{MAIN}t")]


def _excel_text(stored: str | None) -> str:
    """A stored text as Excel shows it: ``_xHHHH_`` is the character HHHH."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), stored or "")


def test_a_table_reads_back_identical_with_openpyxl(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = [NAME, "Phúc Tân", "Chương Dương", "Nguyễn Văn Bình", "x & y <z>", "2 > 1"]
    rows: list[list[Any]] = [
        [
            f"uuid-{k:05d}",
            rng.choice(words),
            rng.randint(-(10**9), 10**9),
            rng.choice([None, round(rng.uniform(-1e6, 1e6), 3), 0.1, 1e-7, 2.5e300]),
            rng.choice([None, "1", "2"]),
            rng.choice([None, 0, 1]),
        ]
        for k in range(3000)
    ]
    table = _table(rows, uuid="", who="text", n="integer", x="decimal", pick="select_one",
                   flag="flag")  # fmt: skip
    out = write_xlsx([table], tmp_path / "t.xlsx")
    read = _values(out, "hh")
    assert read[0] == ("uuid", "who", "n", "x", "pick", "flag")
    assert [list(r) for r in read[1:]] == rows
    assert {type(v) for r in read[1:] for v in r[2:4] if v is not None} <= {int, float}


def test_vietnamese_texts_and_names_of_sheets(tmp_path: Path) -> None:
    table = _table([[NAME, "Hà Nội"]], name="thành_viên", a="text", b="text")
    out = write_xlsx([table], tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["thành_viên", "columns"]
    assert list(book["thành_viên"].iter_rows(values_only=True)) == [("a", "b"), (NAME, "Hà Nội")]


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","Tổ 1")', "=1+2", "+84 912", "-1",
                                  "@SUM(A1)", "=cmd|' /C calc'!A0"])  # fmt: skip
def test_a_text_that_looks_like_a_formula_stays_text(tmp_path: Path, text: str) -> None:
    out = write_xlsx([_table([[text]], a="text")], tmp_path / "t.xlsx")
    cell = openpyxl.load_workbook(out)["hh"]["A2"]
    assert cell.value == text and cell.data_type == "s"
    with zipfile.ZipFile(out) as book:
        assert b"<f>" not in book.read("xl/worksheets/sheet1.xml")


def test_control_characters_are_kept_as_excel_writes_them(tmp_path: Path) -> None:
    """XML 1.0 cannot hold most control characters: they are written ``_xHHHH_`` (as
    Excel does), and a text that holds such a pattern itself keeps it."""
    texts = ["a\x01b\x1bc\x00", "CR\r\nLF", "_x0041_ as typed", "x\ufffey", "tab\there"]
    out = write_xlsx([_table([[t] for t in texts], a="text")], tmp_path / "t.xlsx")
    stored = _sheet_texts(out)  # parses: no character XML forbids is left
    assert [_excel_text(s) for s in stored[1:]] == texts
    assert stored[1] == "a_x0001_b_x001B_c_x0000_"


def test_leading_and_trailing_spaces_are_kept(tmp_path: Path) -> None:
    texts = ["  Tổ 5", "Tổ 5  ", "\nxuống dòng"]
    out = write_xlsx([_table([[t] for t in texts], a="text")], tmp_path / "t.xlsx")
    assert [r[0] for r in _values(out, "hh")[1:]] == texts
    with zipfile.ZipFile(out) as book:
        assert book.read("xl/worksheets/sheet1.xml").count(b'xml:space="preserve"') == 3


def test_a_text_longer_than_a_cell_is_cut_with_a_note(tmp_path: Path) -> None:
    long = "ẫ" * 40_000
    notes = NoteCounter()
    table = _table([[long, "ngắn"], [long, None]], a="text", b="text")
    out = write_xlsx([table], tmp_path / "t.xlsx", notes=notes)
    rows = _values(out, "hh")
    assert all(len(r[0]) == 32_767 and r[0].endswith("…") for r in rows[1:])
    assert rows[1][1] == "ngắn"
    (note,) = notes.notes()
    assert note.code == "report.export_text_cut_chars"
    assert note.params == {"file": "t.xlsx", "column": "a", "limit": 32_767, "count": 2}


def test_numbers_and_dates_are_typed(tmp_path: Path) -> None:
    notes = NoteCounter()
    rows: list[list[Any]] = [
        [3, 2.5, "2026-09-07", "2026-09-07"],
        [-(10**12), 1e-5, "2026-13-45", None],
        [10**400, None, None, "x"],
        [True, 1e308, date(2020, 1, 31), "2020-01-31"],
    ]
    table = _table(rows, n="integer", x="decimal", day="date", note="text")
    out = write_xlsx([table], tmp_path / "t.xlsx", notes=notes)
    sheet = openpyxl.load_workbook(out)["hh"]
    read = list(sheet.iter_rows(min_row=2, values_only=True))
    assert read[0] == (3, 2.5, datetime(2026, 9, 7), "2026-09-07")  # a text question: text
    assert read[1] == (-(10**12), 1e-5, "2026-13-45", None)  # no such day: text
    assert read[2][0] == str(10**400)  # beyond a float: its digits, as text
    assert read[3] == (1, 1e308, datetime(2020, 1, 31), "2020-01-31")
    assert sheet["C2"].number_format == "yyyy\\-mm\\-dd" and sheet["C2"].is_date
    assert [(n.code, n.params["column"]) for n in notes.notes()] == [
        ("report.export_number_as_text", "n")
    ]


def test_the_codebook_sheet_describes_every_column(tmp_path: Path) -> None:
    main = _table([["u1", "1"]], a="text", pick="select_one")
    members = _table([["u1/m[1]", 30]], name="members", key="", age="integer")
    out = write_xlsx([main, members], tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["hh", "members", "columns"]
    rows = list(book["columns"].iter_rows(values_only=True))
    assert rows[0] == ("table", "column", "type", "label", "choices")
    assert rows[1:] == [
        ("hh", "a", "text", "Nhãn a", None),
        ("hh", "pick", "select_one", "Nhãn pick", "1=Có; 2=Không"),
        ("members", "key", "value", "Nhãn key", None),
        ("members", "age", "integer", "Nhãn age", None),
    ]
    assert book["hh"].freeze_panes == "A2" and book["hh"]["A1"].font.b


def test_rows_beyond_what_a_sheet_holds_are_left_out_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_stream, "XLSX_ROW_LIMIT", 6)  # header + 5 rows
    notes = NoteCounter()
    out = write_xlsx([_table([[k] for k in range(9)], n="integer")], tmp_path / "t.xlsx",
                     notes=notes)  # fmt: skip
    assert [r[0] for r in _values(out, "hh")[1:]] == [0, 1, 2, 3, 4]
    (note,) = notes.notes()
    assert note.code == "report.export_rows_cut"
    assert note.params["count"] == 4 and note.params["table"] == "hh"
    assert "csv" in note.text("en") and "csv" in note.text("vi")


def test_a_streamed_table_is_not_read_beyond_what_a_sheet_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 1,000,000 interviews the members' table holds some 3,000,000 rows, three times
    what a sheet holds: the rows left out are counted from the table's length, not read
    (and converted) from the workspace only to be counted."""
    from fieldsurvey.reports.export_tables import RowStream

    monkeypatch.setattr(xlsx_stream, "XLSX_ROW_LIMIT", 6)  # header + 5 rows
    read: list[int] = []
    ended: list[bool] = []

    def blocks(shape: Any) -> Any:
        try:
            for start in range(0, 9, 2):
                read.append(start)
                values = list(range(start, min(9, start + 2)))
                yield [values] if shape == "columns" else [[k] for k in values]
        finally:
            ended.append(True)  # the read (its transaction, its paused collector) ends

    notes = NoteCounter()
    table = _table([], n="integer")
    table.rows = RowStream(9, blocks)
    out = write_xlsx([table], tmp_path / "t.xlsx", notes=notes)
    assert [r[0] for r in _values(out, "hh")[1:]] == [0, 1, 2, 3, 4]
    assert read == [0, 2, 4] and ended == [True]
    (note,) = notes.notes()
    assert note.code == "report.export_rows_cut" and note.params["count"] == 4


def test_rows_may_come_from_any_iterable_read_once(tmp_path: Path) -> None:
    produced = []

    def rows() -> Any:
        for k in range(4500):
            produced.append(k)
            yield (f"u{k}", k)

    seen: list[int] = []
    path = tmp_path / "t.xlsx"
    (changed,) = write_workbook(path, [Sheet("s", ["u", "k"], rows())], on_rows=seen.append)
    assert changed == {} and seen == [2000, 2000] and len(produced) == 4500
    read = _values(path, "s")
    assert read[-1] == ("u4499", 4499) and len(read) == 4501


def test_the_workbook_parts_are_valid_xml(tmp_path: Path) -> None:
    out = write_xlsx([_table([["a"]], name="x&y", a="text")], tmp_path / "t.xlsx")
    with zipfile.ZipFile(out) as book:
        names = book.namelist()
        assert names[0] == "[Content_Types].xml"
        for name in names:
            ET.fromstring(book.read(name))
        assert book.testzip() is None
        # no ZIP64 extension where no part needs it: Excel asks to repair such a file
        assert all(i.extract_version == 20 and not i.extra for i in book.infolist())
    assert openpyxl.load_workbook(out).sheetnames == ["x&y", "columns"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_what_was_written(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        [NAME, 3, 2.5, "2026-09-07", '=HYPERLINK("http://x","Tổ 1")'],
        ["a\x01b\x1bc", -7, 0.25, "2026-13-45", "+1"],
        ["_x0041_ như gõ", 12, None, None, "@SUM(A1)"],
        ["  đầu & <thẻ> cuối  ", 0, 1.5, "2026-02-28", "-2"],
    ]
    path = tmp_path / "t.xlsx"
    write_workbook(path, [Sheet("dữ liệu", ["t", "n", "x", "d", "f"], rows, frozenset({3}))])
    subprocess.run(
        ["soffice", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (csv_file,) = tmp_path.glob("t*.csv")
    text = csv_file.read_text(encoding="utf-8").splitlines()
    assert text[0] == "t,n,x,d,f"
    assert text[1] == f'{NAME},3,2.5,2026-09-07,"=HYPERLINK(""http://x"",""Tổ 1"")"'
    assert text[2] == "a\x01b\x1bc,-7,0.25,2026-13-45,+1"
    assert text[3] == "_x0041_ như gõ,12,,,@SUM(A1)"
    assert text[4] == "  đầu & <thẻ> cuối  ,0,1.5,2026-02-28,-2"
