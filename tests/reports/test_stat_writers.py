"""Stata and SPSS files written a block at a time (stat_blocks + dta_writer / sav_writer)
read back as the files pyreadstat wrote from the whole table (tests/pyreadstat_reference.py): the
same values, variable labels, value labels, formats, measures, file label and notes, for
every table of an export of the default survey and of a workspace holding hard cells;
pandas reads them too. Where nothing forces a difference a Stata file's bytes are
pyreadstat's format 118, but the time stamp."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from conftest import Laptop
from pyreadstat_reference import frame, write_with_pyreadstat

from fieldsurvey.demo.demo_model import VN
from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.evaluate_json import open_answer_set
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports import dta_writer, export_tables, stat_blocks
from fieldsurvey.reports.export_tables import (
    ExportColumn,
    ExportInterview,
    ExportTable,
    NoteCounter,
    RowStream,
    build_tables,
    stream_tables,
)
from fieldsurvey.reports.export_writers import _STAT_FORMATS, write_statistics
from fieldsurvey.reports.synthetic_households import household_answers
from fieldsurvey.reports.workspace_reader import form_specs, read_interviews

NAME = "Đặng Thị Ngọc Ánh"
LONG = "Nhà trọ ẩm thấp, mái dột khi mưa. " * 90  # 3,000+ bytes: a strL
LONGER = "ă" * 20_000  # 40,000 bytes: cut in SPSS
STAMP = b"<timestamp>\x11"


FORMATS = ["stata", "spss"]


def _stata() -> stat_blocks.StatFormat:
    spec = _STAT_FORMATS["stata"]
    return stat_blocks.StatFormat(
        spec.names, spec.clip, spec.limits, spec.title, spec.number_limit, spec.text_limit
    )


def _write_both(
    table: ExportTable, folder: Path, lang: str = "vi", fmt: str = "stata"
) -> tuple[Path, Path, Any]:
    """The table written by pyreadstat (old) and a block at a time (new); the notes of
    the new (without their file name), which are the old ones."""
    (folder / "old").mkdir(parents=True, exist_ok=True)
    (folder / "new").mkdir(parents=True, exist_ok=True)
    old_notes, new_notes = NoteCounter(), NoteCounter()
    old = folder / "old" / ("t.dta" if fmt == "stata" else "t.sav")
    write_with_pyreadstat(table, old, lang, fmt, old_notes)
    (new,) = write_statistics([table], folder / "new", lang, fmt, new_notes)  # type: ignore[arg-type]
    mine = [(n.code, {k: v for k, v in n.params.items() if k != "file"}) for n in new_notes.notes()]
    assert mine == [(n.code, n.params) for n in old_notes.notes()], table.name
    return old, new, mine


def _is_date(fmt: str) -> bool:
    return fmt == "%td" or fmt.startswith("DATE")


def _all_missing_dates(frame: pd.DataFrame, meta: Any) -> list[str]:
    return [
        name
        for name, fmt in meta.original_variable_types.items()
        if _is_date(fmt) and frame[name].isna().all()
    ]


def _assert_read_back_equal(old: Path, new: Path) -> None:
    """Values, labels, value labels, formats, types, file label: equal. The one known
    difference: a date column without any date is a date (every value missing) in the
    new file; pyreadstat made it an empty text (str1, A1) as it could not tell its type."""
    read = pyreadstat.read_dta if new.suffix == ".dta" else pyreadstat.read_sav
    old_frame, old_meta = read(str(old))
    new_frame, new_meta = read(str(new))
    assert new_meta.number_rows == old_meta.number_rows == len(old_frame)
    assert new_meta.file_label == old_meta.file_label
    assert new_meta.column_names == old_meta.column_names
    assert new_meta.column_labels == old_meta.column_labels
    assert new_meta.variable_value_labels == old_meta.variable_value_labels
    assert new_meta.variable_to_label == old_meta.variable_to_label
    assert new_meta.variable_measure == old_meta.variable_measure
    dates = _all_missing_dates(new_frame, new_meta)
    for name in dates:
        assert old_meta.original_variable_types[name] in ("%-9s", "A1")
        assert (old_frame[name] == "").all()
    kept = [c for c in old_frame.columns if c not in dates]
    assert {k: v for k, v in new_meta.original_variable_types.items() if k in kept} == {
        k: v for k, v in old_meta.original_variable_types.items() if k in kept
    }
    assert {k: v for k, v in new_meta.readstat_variable_types.items() if k in kept} == {
        k: v for k, v in old_meta.readstat_variable_types.items() if k in kept
    }
    pd.testing.assert_frame_equal(new_frame[kept], old_frame[kept])
    if new.suffix == ".dta":
        theirs = pd.read_stata(old)[kept]
        pd.testing.assert_frame_equal(pd.read_stata(new)[kept], theirs)
    else:
        pd.testing.assert_frame_equal(pd.read_spss(new)[kept], pd.read_spss(old)[kept])


# --- the default survey (tables held as lists) -------------------------------------------
def _clock(now: datetime) -> Callable[[], datetime]:
    return lambda: now


@pytest.fixture(scope="module")
def survey(default_spec: FormSpec) -> list[ExportInterview]:
    compiled = FormEngine.build(default_spec)
    rng = random.Random(7)
    out = []
    for k in range(25):
        start = datetime(2026, 9, 8, 9, tzinfo=VN) + timedelta(days=k)
        doc = household_answers(
            rng, ward=("phuc_tan", "chuong_duong")[k % 2], household_id=f"H-{k}", started=start
        )
        answers = open_answer_set(compiled, doc, clock=_clock(start + timedelta(minutes=30)))
        iv = ExportInterview(f"uuid-{k:03d}", default_spec.version, "exported", "phuc_tan",
                             f"H-{k}", NAME, "dev", start.isoformat(), start.isoformat(), 2,
                             answers.answers(complete=True))  # fmt: skip
        out.append(iv)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_table_of_the_default_survey_reads_back_equal(
    survey: list[ExportInterview], default_spec: FormSpec, tmp_path: Path, lang: str, fmt: str
) -> None:
    tables = build_tables(survey, [default_spec])
    assert len(tables) >= 2 and all(t.rows for t in tables)
    for table in tables:
        old, new, _notes = _write_both(table, tmp_path / table.name, lang, fmt)
        _assert_read_back_equal(old, new)
    if fmt == "stata":
        assert b"<release>118</release>" in new.read_bytes()[:64]  # Stata 14 opens it


def test_the_bytes_are_pyreadstats_format_118_but_the_time_stamp(
    survey: list[ExportInterview], default_spec: FormSpec, tmp_path: Path
) -> None:
    """Where no text needs a strL: the same file as pyreadstat's ``version=14``."""
    spec = _STAT_FORMATS["stata"]
    stamp = time.localtime()
    for table in build_tables(survey, [default_spec]):
        names = spec.names([c.name for c in table.columns])
        data, extra = frame(table, names, "vi", spec, NoteCounter())
        theirs = tmp_path / f"{table.name}-pyreadstat.dta"
        pyreadstat.write_dta(
            data, str(theirs), file_label=spec.clip(table.label, 80), version=14,
            column_labels={k: spec.clip(v, 80) for k, v in extra["labels"].items()},
            variable_value_labels=extra["value_labels"],
        )  # fmt: skip
        ours = tmp_path / f"{table.name}.dta"
        with stat_blocks.stat_table(table, _stata(), "vi", NoteCounter()) as stat:
            dta_writer.write_dta(ours, stat, timestamp=stamp)
        assert _without_stamp(ours.read_bytes()) == _without_stamp(theirs.read_bytes())


def _without_stamp(data: bytes) -> bytes:
    at = data.index(STAMP) + len(STAMP)
    return data[:at] + data[at + 17 :]


# --- a workspace holding hard cells (tables streamed from the analysis tables) -----------
def _hard_cells(laptop: Laptop) -> None:
    """Vietnamese, NUL, 3,000-byte texts in two columns and a 40,000-byte one, numbers
    beyond Stata, NaN and a huge whole number, a select value not among the choices,
    dates and not-dates, a number column that holds a text only in a late block, people
    in some interviews."""
    for k in range(14):
        answers: dict[str, Any] = {
            "ward": "ab"[k % 2],
            "income_month": [2_500_000.5, 1e308, "NaN", 10**400, None, -3][k % 6],
            "members_n": k,
            "comment": [NAME, "a\x00b", LONG, "", None, "=1+2", "5"][k % 7],
            "visit_date": ["2026-09-07", "2026-13-45", None, "2020-02-29"][k % 4],
            "home": {"street": LONG if k % 5 == 1 else f"Ngõ {k}", "rooms": k % 3},
        }
        if k % 3 == 0:
            answers["people"] = [{"name": NAME, "age": 30 + i} for i in range(k % 4 + 1)]
        if k == 9:
            answers["ward"] = "c"  # from an older version of the list
        if k == 12:
            answers["members_n"] = "nhiều"  # a text, after many blocks of numbers
        if k == 13:
            answers["comment"] = LONGER
        laptop.add(answers, ward="ab"[k % 2])


def test_every_table_of_a_workspace_with_hard_cells_reads_back_equal(
    laptop: Laptop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hard_cells(laptop)
    monkeypatch.setattr(export_tables, "CHUNK", 3)  # many blocks
    with laptop.open() as ws, ws.reading():
        stored = read_interviews(ws, "tiny")
        assert stored.analysis() is not None
        tables = stream_tables(stored, form_specs(ws, "tiny"))
        assert all(isinstance(t.rows, RowStream) for t in tables)
        notes = {}
        for table in tables:
            for fmt in FORMATS:
                folder = tmp_path / fmt / table.name
                old, new, notes[fmt, table.name] = _write_both(table, folder, "vi", fmt)
                _assert_read_back_equal(old, new)
    frame, meta = pyreadstat.read_dta(str(tmp_path / "stata" / "tiny" / "new" / "tiny.dta"))
    assert meta.readstat_variable_types["members_n"] == "string"  # the text came late
    assert frame["members_n"].tolist()[:3] == ["0", "1", "2"]
    assert LONG in frame["comment"].tolist() and LONG in frame["street"].tolist()
    assert "a\\x00b" in frame["comment"].tolist() and NAME in frame["comment"].tolist()
    assert frame["income_month"].isna().sum() >= 3 and -3 in frame["income_month"].tolist()
    assert meta.variable_value_labels["ward"] == {1: "Ward A", 2: "Ward B", 3: "c"}
    assert LONGER in frame["comment"].tolist()  # a strL holds it whole
    assert [code for code, _params in notes["stata", "tiny"]] == ["report.export_out_of_range"]
    assert [code for code, _params in notes["spss", "tiny"]] == [
        "report.export_out_of_range",  # 10**400 only: SPSS holds 1e308
        "report.export_text_cut_bytes",
    ]
    frame, meta = pyreadstat.read_sav(str(tmp_path / "spss" / "tiny" / "new" / "tiny.sav"))
    cut = [v for v in frame["comment"] if v.startswith("ăă")]
    assert len(cut) == 1 and cut[0].endswith("…") and len(cut[0].encode()) <= 32_767
    assert 1e308 in frame["income_month"].tolist()
    people, _meta = pyreadstat.read_dta(
        str(tmp_path / "stata" / "people" / "new" / "tiny-people.dta")
    )
    assert len(people) == sum(k % 4 + 1 for k in range(0, 14, 3))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_table_without_rows_and_a_date_column_without_dates(tmp_path: Path, fmt: str) -> None:
    columns = [
        ExportColumn(key="_uuid", name="_uuid", kind="key"),
        ExportColumn(key="n", name="n", label="Số", kind="value", qtype="integer", numeric=True),
        ExportColumn(key="p", name="p", label="Chọn", kind="value", qtype="select_one",
                     choices=[("1", "Một"), ("2", "Hai")]),
        ExportColumn(key="d", name="d", label="Ngày", kind="value", qtype="date"),
        ExportColumn(key="t", name="t", label="Tên", kind="value", qtype="text"),
    ]  # fmt: skip
    for rows in ([], [["u1", 1, "2", "không phải ngày", None]]):
        table = ExportTable(name="x", form_id="f", path="", label="X", columns=columns, rows=rows)
        old, new, _notes = _write_both(table, tmp_path / str(len(rows)), "vi", fmt)
        _assert_read_back_equal(old, new)
        read = pyreadstat.read_dta if fmt == "stata" else pyreadstat.read_sav
        frame, meta = read(str(new))
        assert len(frame) == len(rows) and _is_date(str(meta.original_variable_types["d"]))
        assert meta.original_variable_types["t"] in ("%-9s", "A1")


# --- the blocks ---------------------------------------------------------------------------
def _big_table(n: int) -> ExportTable:
    columns = [
        ExportColumn(key="_uuid", name="_uuid", kind="key"),
        ExportColumn(key="_index", name="_index", kind="key", numeric=True),
        ExportColumn(key="s", name="s", label="Chọn", kind="value", qtype="select_one",
                     choices=[("x", "X")]),
        ExportColumn(key="t", name="t", label="Ghi chú", kind="value", qtype="text"),
    ]  # fmt: skip
    rows = [
        [f"u{i}", i + 1, ["x", None, f"v{i % 7}"][i % 3] if i >= 4100 else "x",
         LONG if i == 4500 else (NAME * (i % 4))]
        for i in range(n)
    ]  # fmt: skip
    return ExportTable(name="big", form_id="f", path="", label="Lớn", columns=columns, rows=rows)


def _blocks(stat: Any) -> list[list[Any]]:
    return [[np.array(a) for a in block] for block in stat.blocks()]


def test_blocks_are_read_back_the_same_each_time_with_the_widths_of_the_whole_table() -> None:
    table = _big_table(5000)
    with stat_blocks.stat_table(table, _stata(), "vi", NoteCounter()) as stat:
        first, second = _blocks(stat), _blocks(stat)
        assert stat.rows == 5000 and [len(b[0]) for b in first] == [2000, 2000, 1000]
        for a, b in zip(first, second, strict=True):
            for x, y in zip(a, b, strict=True):
                np.testing.assert_array_equal(x, y)
        uuid, index, select, text = stat.variables
        assert (uuid.kind, index.kind, select.kind, text.kind) == ("text", "number", "number",
                                                                   "text")  # fmt: skip
        assert text.width == len(LONG.encode()) and uuid.width == len("u4999")
        # codes in order of appearance over the whole table, first seen in the last block
        seen = dict.fromkeys(f"v{i % 7}" for i in range(4100, 5000) if i % 3 == 2)
        assert list(seen)[:2] == ["v5", "v1"]
        assert select.value_labels == {1.0: "X", **{float(n): v for n, v in enumerate(seen, 2)}}
        texts = np.concatenate([b[3] for b in first])
        assert texts[4500] == LONG.encode() and texts[5] == (NAME * 1).encode()
        assert all(b[3].dtype.kind == "S" and b[0].dtype.kind == "S" for b in first)
    assert select.value_labels[2.0] == "v5"


def test_a_block_of_wide_texts_is_handed_over_in_fewer_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = _big_table(5000)
    monkeypatch.setattr(stat_blocks, "BLOCK_TEXT_BYTES", 200_000)
    monkeypatch.setattr(dta_writer, "CHUNK_BYTES", 100_000)
    with stat_blocks.stat_table(table, _stata(), "vi", NoteCounter()) as stat:
        sizes = [len(b[0]) for b in stat.blocks()]
        # only the last block holds the 3,000-byte text
        assert sum(sizes) == 5000 and sizes[:2] == [2000, 2000] and max(sizes[2:]) < 100
    for fmt in FORMATS:
        old, new, _notes = _write_both(table, tmp_path / fmt, "vi", fmt)
        _assert_read_back_equal(old, new)


@pytest.fixture
def spill_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The temporary files the spill makes, kept under ``tmp_path`` to be looked at."""
    kept: list[Path] = []

    def temporary_file(**_options: Any) -> Any:
        path = tmp_path / f"spill-{len(kept)}"
        kept.append(path)
        return path.open("w+b")

    monkeypatch.setattr(stat_blocks.tempfile, "TemporaryFile", temporary_file)
    return kept


def test_the_temporary_file_holds_no_answer_in_plaintext(spill_files: list[Path]) -> None:
    """The blocks wait in a temporary file while the table is read: answers never reach
    the disk in plaintext, so what is in it is encrypted (and the file is gone after)."""
    kept = spill_files
    table = _big_table(3000)
    with stat_blocks.stat_table(table, _stata(), "vi", NoteCounter()) as stat:
        blocks = _blocks(stat)
    assert len(kept) == 1
    spilled = kept[0].read_bytes()
    assert len(spilled) > 100_000
    texts = blocks[0][3]
    assert NAME.encode() in texts.tobytes()  # the answer is there, read back...
    for plain in (NAME.encode(), "Ghi chú".encode(), b"u2999", np.float64(2999.0).tobytes()):
        assert plain not in spilled  # ... but not in the file


def test_a_changed_byte_of_the_temporary_file_is_refused_not_written(
    spill_files: list[Path],
) -> None:
    """Each piece of the spill is sealed: a byte changed on disk while the table waits
    there stops the export with an error, instead of writing other answers than those
    read; a file not changed reads back the same."""
    kept = spill_files
    table = _big_table(5000)
    with stat_blocks.stat_table(table, _stata(), "vi", NoteCounter()) as stat:
        before = _blocks(stat)
        with kept[0].open("r+b") as handle:
            size = kept[0].stat().st_size
            handle.seek(size // 2)
            byte = handle.read(1)
            handle.seek(size // 2)
            handle.write(bytes([byte[0] ^ 0x20]))
        with pytest.raises(OSError, match="temporary file of the export was changed"):
            _blocks(stat)
    assert [len(b[0]) for b in before] == [2000, 2000, 1000]
