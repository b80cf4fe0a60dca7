"""Stata and SPSS files built column by column (the app's block writers): the values,
missing cells and notes a person reading the file with pyreadstat gets."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyreadstat
import pytest

from fieldsurvey.reports.export_tables import ExportColumn, ExportTable, NoteCounter
from fieldsurvey.reports.export_writers import write_statistics

NAME = "Đặng Thị Ngọc Ánh"


def _table(rows: Any) -> ExportTable:
    columns = [
        ExportColumn(key="_uuid", name="_uuid", kind="key"),
        ExportColumn(key="g/n", name="n", label="Số", kind="value", qtype="integer", numeric=True),
        ExportColumn(key="g/pick", name="pick", label="Chọn", kind="value", qtype="select_one",
                     choices=[("yes", "Có"), ("no", "Không")]),
        ExportColumn(key="g/day", name="day", label="Ngày", kind="value", qtype="date"),
        ExportColumn(key="g/who", name="who", label="Tên", kind="value", qtype="text"),
        ExportColumn(key="g/end", name="end", label="Kết thúc", kind="value", qtype="end"),
    ]  # fmt: skip
    return ExportTable(name="hh", form_id="f", path="", label="Hộ", columns=columns, rows=rows)


ROWS: list[list[Any]] = [
    ["u1", 3, "yes", "2026-09-07", NAME, "2026-09-07T08:00:00+07:00"],
    ["u2", 10**400, "no", "2026-13-45", None, None],
    ["u3", None, None, None, "a\x00b", "x"],
    ["u4", 1e308, "maybe", "2020-01-31", "=1+2", "y"],
]


@pytest.mark.parametrize(("fmt", "reader", "uuid"), [
    ("stata", pyreadstat.read_dta, "_uuid"), ("spss", pyreadstat.read_sav, "v_uuid"),
])  # fmt: skip
def test_values_missing_cells_and_notes(tmp_path: Path, fmt: str, reader: Any, uuid: str) -> None:
    notes = NoteCounter()
    (path,) = write_statistics([_table(ROWS)], tmp_path, "vi", fmt, notes)  # type: ignore[arg-type]
    frame, meta = reader(str(path))
    assert list(frame[uuid]) == ["u1", "u2", "u3", "u4"]
    n = frame["n"].tolist()
    assert n[0] == 3 and all(v != v for v in n[1:3])  # 10**400 and None: missing
    assert n[3] == 1e308 if fmt == "spss" else n[3] != n[3]  # beyond Stata: missing
    out_of_range = [x for x in notes.notes() if x.code == "report.export_out_of_range"]
    assert [x.params["count"] for x in out_of_range] == [1 if fmt == "spss" else 2]
    assert meta.variable_value_labels["pick"] == {1: "Có", 2: "Không", 3: "maybe"}
    assert frame["pick"].tolist()[:2] == [1, 2] and frame["pick"].tolist()[3] == 3
    assert frame["day"].tolist()[0] == date(2026, 9, 7) and frame["day"].tolist()[3] == date(
        2020, 1, 31
    )
    assert frame["who"].tolist() == [NAME, "", "a\\x00b", "=1+2"]
    assert "end" in frame.columns and frame["end"].tolist()[0] == "2026-09-07T08:00:00+07:00"
    assert meta.column_names_to_labels["who"] == "Tên"


def test_rows_may_be_any_iterable(tmp_path: Path) -> None:
    table = _table(iter([list(r) for r in ROWS]))
    (path,) = write_statistics([table], tmp_path, "en", "spss")
    frame, _meta = pyreadstat.read_sav(str(path))
    assert list(frame["v_uuid"]) == ["u1", "u2", "u3", "u4"]


def test_a_table_without_rows(tmp_path: Path) -> None:
    for fmt, reader in (("stata", pyreadstat.read_dta), ("spss", pyreadstat.read_sav)):
        (tmp_path / fmt).mkdir()
        (path,) = write_statistics([_table([])], tmp_path / fmt, "vi", fmt)  # type: ignore[arg-type]
        frame, _meta = reader(str(path))
        assert len(frame) == 0 and "who" in frame.columns
