"""The streaming SPSS writer (reports/sav_writer.py): tables written block by block read
back with pyreadstat as the same data written by pyreadstat.write_sav (what SPSS exports
were before), and are the same bytes but for the creation date and time."""

from __future__ import annotations

import csv
import random
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from fieldsurvey.reports.sav_writer import write_sav
from fieldsurvey.reports.stat_model import StatTable, StatVariable

EPOCH = date(1970, 1, 1)
NAME = "Đặng Thị Ngọc Ánh"
LONG_NAME = "a" * 60 + "_xyz"  # 64 bytes, SPSS's longest name
META = (
    "column_names", "column_labels", "file_label", "original_variable_types",
    "readstat_variable_types", "variable_value_labels", "value_labels", "variable_to_label",
    "variable_measure", "variable_storage_width", "variable_display_width",
    "variable_alignment", "number_rows", "file_encoding", "missing_ranges",
)  # fmt: skip


def _var(name: str, kind: str = "number", label: str = "", **kw: Any) -> StatVariable:
    return StatVariable(name=name, label=label, kind=kind, **kw)  # type: ignore[arg-type]


def _table(
    variables: Sequence[StatVariable],
    columns: Sequence[Sequence[Any]],
    block: int = 2000,
    label: str = "Hộ gia đình",
) -> StatTable:
    """A StatTable of python columns (numbers/None, dates/None, str/None), in blocks of
    ``block`` rows; a text's width is its longest value in bytes (at least 1)."""
    rows = len(columns[0]) if columns else 0
    widths = [
        max([len((v or "").encode()) for v in column] + [1]) if var.kind == "text" else 0
        for var, column in zip(variables, columns, strict=True)
    ]
    final = [
        StatVariable(v.name, v.label, v.kind, w, v.value_labels, v.measure)
        for v, w in zip(variables, widths, strict=True)
    ]

    def array(var: StatVariable, cells: Sequence[Any]) -> Any:
        if var.kind == "text":
            return np.array([(c or "").encode() for c in cells], dtype=f"S{var.width}")
        if var.kind == "date":
            cells = [None if c is None else (c - EPOCH).days for c in cells]
        return np.array([np.nan if c is None else c for c in cells], dtype=np.float64)

    def blocks() -> Iterator[list[Any]]:
        for start in range(0, rows, block):
            yield [array(v, c[start : start + block]) for v, c in zip(final, columns, strict=True)]

    return StatTable(label, final, rows, blocks)


def _reference(
    path: Path, table: StatTable, columns: Sequence[Sequence[Any]], compress: bool = False
) -> None:
    """The same data written by pyreadstat.write_sav, as the SPSS export did before."""
    data = {}
    for var, cells in zip(table.variables, columns, strict=True):
        if var.kind == "number":
            data[var.name] = np.array([np.nan if c is None else c for c in cells], "float64")
        else:
            data[var.name] = pd.Series(list(cells), dtype="object")
    frame = pd.DataFrame(data, columns=[v.name for v in table.variables])
    pyreadstat.write_sav(
        frame, str(path), file_label=table.label,
        column_labels={v.name: v.label for v in table.variables},
        variable_value_labels={v.name: v.value_labels for v in table.variables if v.value_labels},
        variable_measure={v.name: v.measure for v in table.variables}, row_compress=compress,
    )  # fmt: skip


def _without_clock(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    data[92:109] = b"-" * 17  # the header's creation date and time
    return bytes(data)


def _both(
    tmp_path: Path, table: StatTable, columns: Sequence[Sequence[Any]], compress: bool = False
) -> tuple[Any, Any]:
    """Write ``table`` both ways; assert same bytes (but the clock) and same read-back;
    return what pyreadstat reads from the new file."""
    new, old = tmp_path / "new.sav", tmp_path / "old.sav"
    write_sav(new, table, compress=compress)
    _reference(old, table, columns, compress)
    assert _without_clock(new) == _without_clock(old)
    frame, meta = pyreadstat.read_sav(str(new))
    old_frame, old_meta = pyreadstat.read_sav(str(old))
    assert frame.equals(old_frame)
    for key in META:
        assert getattr(meta, key) == getattr(old_meta, key), key
    return frame, meta


def _hard_columns(rows: int) -> tuple[list[StatVariable], list[list[Any]]]:
    rng = random.Random(rows)
    variables = [
        _var("v_uuid", "text", "Mã phiếu"),
        _var("tuoi", "number", "Tuổi của người trả lời", measure="scale"),
        _var("gioi", "number", "Giới tính", value_labels={1.0: "Nam", 2.0: "Nữ", 3.5: "Khác"}),
        _var("co", "number", "Đồng ý?", value_labels={0.0: "không", 1.0: "có"}),
        _var("ngay", "date", "Ngày phỏng vấn", measure="scale"),
        _var("ten", "text", "Họ và tên " * 25 + "Ư"),  # 256 bytes: the longest label
        _var("ghi_chu", "text", "Ghi chú"),  # 300 bytes
        _var("rat_dai", "text", "Văn bản rất dài"),  # 32,767 bytes
        _var(LONG_NAME, "number", "Tên biến 64 byte", value_labels={7.0: "Ơ" * 40}),
        _var("lon", "number", measure="scale"),
    ]
    columns: list[list[Any]] = [[] for _ in variables]
    for k in range(rows):
        cells = [
            f"uuid:{k:036d}",
            None if k % 4 == 1 else rng.choice([0, 17, 45.5, -3, 1e-300]),
            rng.choice([1, 2, 3.5, None, 9]),  # 9: a code without a label
            rng.choice([0, 1, None]),
            None if k % 5 == 2 else EPOCH + timedelta(days=rng.randint(-150_000, 40_000)),
            rng.choice([NAME, "", None, "  lề trái", "Ư" * 84]),
            ("Ghi chú dài: " * 30).encode()[:299].decode("utf-8", "ignore") if k % 3 else None,
            ("ễ" * 10_922 + "x") if k == rows - 1 else rng.choice(["", "ngắn"]),
            rng.choice([7, 8, None]),
            rng.choice([1.797e308, -1.797e308, 2.0**-1074, 0.1 + 0.2]),
        ]
        for column, cell in zip(columns, cells, strict=True):
            column.append(cell)
    return variables, columns


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize(("rows", "block"), [(1, 2000), (10, 3), (257, 64)])
def test_hard_cells_read_back_as_pyreadstat_wrote_them(
    tmp_path: Path, rows: int, block: int, compress: bool
) -> None:
    variables, columns = _hard_columns(rows)
    table = _table(variables, columns, block)
    assert table.variables[7].width == 32_767
    frame, meta = _both(tmp_path, table, columns, compress)
    # what a person opening the file sees
    assert meta.file_label == "Hộ gia đình"
    assert frame["v_uuid"].tolist() == columns[0]
    assert frame["ten"].tolist() == [(v or "").rstrip() for v in columns[5]]
    assert frame["rat_dai"].iloc[-1] == "ễ" * 10_922 + "x"
    assert meta.original_variable_types["rat_dai"] == "A32767"
    assert meta.original_variable_types["ngay"] == "DATE11"
    assert meta.original_variable_types["tuoi"] == "F8.2"
    assert [None if d != d else d for d in frame["ngay"]] == columns[4]  # missing: NaN
    assert [v != v for v in frame["tuoi"]] == [v is None for v in columns[1]]
    assert meta.variable_value_labels["gioi"] == {1.0: "Nam", 2.0: "Nữ", 3.5: "Khác"}
    assert meta.variable_value_labels[LONG_NAME] == {7.0: "Ơ" * 40}
    assert meta.column_labels[1] == "Tuổi của người trả lời"
    assert meta.variable_measure["tuoi"] == "scale" and meta.variable_measure["gioi"] == "nominal"
    assert frame[LONG_NAME].tolist()[:1] == [np.nan if columns[8][0] is None else columns[8][0]]
    assert frame["lon"].tolist() == columns[9]


@pytest.mark.parametrize("compress", [False, True])
def test_zero_rows(tmp_path: Path, compress: bool) -> None:
    variables = [_var("n", label="Số"), _var("t", "text", "Chữ"), _var("x" * 64, "text")]
    frame, meta = _both(tmp_path, _table(variables, [[], [], []]), [[], [], []], compress)
    assert meta.number_rows == 0 and len(frame) == 0
    assert list(frame.columns) == ["n", "t", "x" * 64]


def test_names_that_meet_in_eight_bytes_and_long_texts(tmp_path: Path) -> None:
    """Short names and segment names as ReadStat makes them, even where they collide."""
    names = ["abcdefgh1", "abcdefgh2", "v1", "abcde0", "abcdefgh3", "v2", "zz", "a"]
    widths = [1, 600, 1, 1, 300, 1, 2_000, 10_000]
    variables = [_var(n, "text") for n in names]
    columns = [["é" * (w // 2) + "x" * (w % 2), ""] for w in widths]
    frame, _ = _both(tmp_path, _table(variables, columns), columns)
    assert list(frame.columns) == names
    assert frame["a"].iloc[0] == "é" * 5_000


@pytest.mark.parametrize("seed", range(8))
def test_random_tables_same_bytes(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    variables, columns = [], []
    rows = rng.choice([1, 5, 40, 2100])
    for i in range(rng.randint(1, 25)):
        kind = rng.choice(["number", "number", "date", "text"])
        labels = (
            {float(k): f"nhãn {k}" for k in range(rng.randint(0, 4))} if kind == "number" else {}
        )
        name = f"c{i}_{'x' * rng.randint(0, 12)}"
        measure = rng.choice(["nominal", "scale"])
        label = f"Cột {i}" * rng.randint(0, 3)
        variables.append(_var(name, kind, label, value_labels=labels, measure=measure))
        width = rng.choice([1, 7, 8, 9, 255, 256, 257, 504, 505, 1_000])
        if kind == "number":
            cells: list[Any] = [
                rng.choice([None, 0, 1, 2.5, -1e10, rng.random()]) for _ in range(rows)
            ]
        elif kind == "date":
            cells = [EPOCH + timedelta(days=rng.randint(-100, 30_000)) for _ in range(rows)]
            cells[-1] = None if rows > 1 else cells[-1]  # no date at all: see below
        else:
            cells = [rng.choice(["", "a" * width, "ố" * (width // 3), None]) for _ in range(rows)]
        columns.append(cells)
    table = _table(variables, columns, rng.choice([1, 7, 2000]))
    _both(tmp_path, table, columns, compress=seed % 2 == 1)


@pytest.mark.parametrize("compress", [False, True])
def test_blocks_of_any_size_make_the_same_file(tmp_path: Path, compress: bool) -> None:
    variables, columns = _hard_columns(50)
    files = []
    for block in (1, 7, 50, 2000):
        path = tmp_path / f"{block}.sav"
        write_sav(path, _table(variables, columns, block), compress=compress)
        files.append(_without_clock(path))
    assert len(set(files)) == 1


def test_a_date_variable_without_any_date_stays_a_date(tmp_path: Path) -> None:
    """pyreadstat made an all-empty date column a 1-byte text (A1); ours stays DATE11."""
    table = _table([_var("ngay", "date", "Ngày")], [[None, None]])
    write_sav(tmp_path / "d.sav", table)
    frame, meta = pyreadstat.read_sav(str(tmp_path / "d.sav"))
    assert meta.original_variable_types == {"ngay": "DATE11"}
    assert frame["ngay"].isna().all() and len(frame) == 2


def test_blocks_that_break_the_contract_raise(tmp_path: Path) -> None:
    variables = [_var("t", "text", width=3)]
    wrong_rows = StatTable("", variables, 5, lambda: iter([[np.array([b"abc"])]]))
    with pytest.raises(ValueError, match="1 rows, the table says 5"):
        write_sav(tmp_path / "a.sav", wrong_rows)
    too_long = StatTable("", variables, 1, lambda: iter([[np.array([b"abcd"])]]))
    with pytest.raises(ValueError, match="longer than 3 bytes"):
        write_sav(tmp_path / "b.sav", too_long)


@pytest.mark.parametrize("count", [7, 8, 16])
def test_bytecode_edges(tmp_path: Path, count: int) -> None:
    """Whole numbers in and out of the bytecode range, a case filling its command blocks."""
    edges = [-100, -99, -0.0, 0, 151, 151.5, 152, 1e-300, -99.5, None, 2.0**31, -(2.0**31)]
    variables = [_var(f"n{i}") for i in range(count)]
    columns = [edges[i:] + edges[:i] for i in range(count)]
    frame, _ = _both(tmp_path, _table(variables, columns, 5), columns, compress=True)
    assert frame["n0"].tolist()[:9] == [-100, -99, 0, 0, 151, 151.5, 152, 1e-300, -99.5]


@pytest.mark.skipif(shutil.which("pspp-convert") is None, reason="PSPP is not installed")
@pytest.mark.parametrize("compress", [False, True])
def test_pspp_reads_the_same_cases(tmp_path: Path, compress: bool) -> None:
    """Another reader than ReadStat: GNU PSPP's pspp-convert, to csv."""
    variables, columns = _hard_columns(40)
    write_sav(tmp_path / "t.sav", _table(variables, columns, 7), compress=compress)
    out = tmp_path / "t.csv"
    subprocess.run(["pspp-convert", str(tmp_path / "t.sav"), str(out)], check=True)
    with open(out, encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    assert header == [v.name for v in variables]
    assert len(rows) == 40
    got = list(zip(*rows, strict=True))
    for k in (0, 5, 6, 7):  # texts: as written (SPSS keeps no trailing space)
        assert [v.rstrip() for v in got[k]] == [(v or "").rstrip() for v in columns[k]]
    assert got[7][-1] == "ễ" * 10_922 + "x"
    # PSPP shows no date before the Gregorian calendar (SPSS's day 0 is 1582-10-14):
    # the file holds them as pyreadstat wrote them, PSPP leaves them empty
    start = date(1582, 10, 15)
    days = [d.strftime("%m/%d/%Y") if d and d >= start else " " for d in columns[4]]
    assert list(got[4]) == days and days.count(" ") < 30
    assert list(got[2]) == [" " if v is None else f"{v:g}" for v in columns[2]]
