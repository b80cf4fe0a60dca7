"""The Stata and SPSS files as pyreadstat wrote them from one whole DataFrame, before the
block writers (``reports/stat_blocks.py``, ``dta_writer.py``, ``sav_writer.py``): what the
app's files are compared with in tests (``tests/reports/test_stat_writers.py``) and in
``bench/bench_exports.py``. Test and benchmark code only: the app no longer needs pandas
or pyreadstat."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from fieldsurvey.atomic_files import atomic_path
from fieldsurvey.messages import Lang
from fieldsurvey.reports import export_names
from fieldsurvey.reports.export_tables import (
    ExportTable,
    NoteCounter,
    RowStream,
    row_blocks,
    set_numeric,
)
from fieldsurvey.reports.export_writers import _STAT_FORMATS, DATE_TYPES, _StatFormat
from fieldsurvey.reports.report_text import t


def frame(
    table: ExportTable, names: list[str], lang: str, fmt: _StatFormat, changed: NoteCounter
) -> tuple[Any, dict[str, Any]]:
    """A pandas DataFrame of the table and the pyreadstat keyword arguments for it;
    what the format cannot hold is changed and counted in ``changed``. Built column by
    column (numbers as float arrays, texts as object columns of str)."""
    import pandas as pd

    from fieldsurvey.reports.stat_blocks import _numbers, _text_cell

    code: Lang = "vi" if lang == "vi" else "en"
    no, yes = t("no", code), t("yes", code)
    data: dict[str, Any] = {}
    value_labels: dict[str, dict[int | float, str]] = {}
    labels: dict[str, str] = {}
    measure: dict[str, str] = {}
    for col, name, cells in zip(table.columns, names, _columns(table), strict=True):
        labels[name] = col.label
        if col.qtype == "select_one":
            distinct = list(dict.fromkeys(cells))  # in order of appearance
            codes = export_names.numeric_codes([c for c, _ in col.choices], distinct)
            of = {value: codes.get(str(value)) for value in distinct if value is not None}
            data[name] = _floats(list(map(of.get, cells)))
            texts = dict(col.choices)
            value_labels[name] = {n: _text_cell(texts.get(code, code)) for code, n in codes.items()}
            measure[name] = "nominal"
        elif col.kind == "flag":
            data[name] = _floats(cells)
            value_labels[name] = {0: no, 1: yes}
            measure[name] = "nominal"
        elif col.numeric:
            numbers, out_of_range = _numbers(cells, fmt.number_limit)
            changed.add("report.export_out_of_range", out_of_range, column=col.key,
                        format=fmt.title)  # fmt: skip
            data[name] = numbers
            measure[name] = "scale"
        elif col.qtype in DATE_TYPES:
            days = {value: _as_date(value) for value in set(cells)}
            data[name] = pd.Series(list(map(days.__getitem__, cells)), dtype="object")
            measure[name] = "scale"
        else:
            data[name] = pd.Series(_strings(cells, col.key, fmt, changed), dtype="object")
            measure[name] = "nominal"
    frame = pd.DataFrame(data, columns=names)
    return frame, {"labels": labels, "value_labels": value_labels, "measure": measure}


def _columns(table: ExportTable) -> list[Sequence[Any]]:
    """The table's cells column by column (its rows read once, a block at a time: a
    stream's rows are never all held as rows); a stream's columns are told whether they
    are numeric."""
    columns: list[list[Any]] = [[] for _ in table.columns]
    rows = table.rows
    blocks = (
        rows.column_blocks()
        if isinstance(rows, RowStream)
        else (list(zip(*block, strict=True)) for block in row_blocks(rows) if block)
    )
    for block in blocks:
        for column, values in zip(columns, block, strict=True):
            column.extend(values)
    if isinstance(rows, RowStream):
        for col, cells in zip(table.columns, columns, strict=True):
            # only a value column's types tell whether it is numeric
            plain = col.kind in ("value", "meta") and col.qtype not in (
                "select_one",
                "select_multiple",
            )
            set_numeric(col, set(map(type, cells)) if plain else set())
    return list(columns)


def _floats(cells: Sequence[Any]) -> Any:
    """A float64 array: numbers as they are, None as NaN (missing)."""
    import numpy as np

    return np.array(cells, dtype="float64")


def _strings(cells: Sequence[Any], key: str, fmt: _StatFormat, changed: NoteCounter) -> list[str]:
    """The texts of a column: missing as "", NUL written as ``\\x00``, cut to the format's
    byte limit (counted in ``changed``)."""
    from fieldsurvey.reports.stat_blocks import _text_cell

    if set(map(type, cells)) <= {str, type(None)}:
        strings: list[str] = [v or "" for v in cells]
    else:
        strings = ["" if v is None else str(v) for v in cells]
    if any("\x00" in v for v in set(strings)):
        strings = list(map(_text_cell, strings))
    limit = fmt.text_limit
    if limit and max(map(len, strings), default=0) * 4 > limit:
        cut = [len(v) * 4 > limit and len(v.encode("utf-8")) > limit for v in strings]
        if any(cut):
            strings = [
                export_names.clip_bytes(v, limit) if c else v
                for v, c in zip(strings, cut, strict=True)
            ]
            changed.add("report.export_text_cut_bytes", sum(cut), column=key,
                        format=fmt.title, limit=limit)  # fmt: skip
    return strings


def _as_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


def write_with_pyreadstat(
    table: ExportTable, path: Path, lang: str, fmt: str, changed: NoteCounter
) -> None:
    """``table`` written by pyreadstat from one whole DataFrame (:func:`frame`), as
    before the block writers: what they are compared with in tests and benchmarks."""
    import pyreadstat

    spec = _STAT_FORMATS[fmt]
    write = pyreadstat.write_dta if fmt == "stata" else pyreadstat.write_sav
    file_limit, label_limit, value_limit = spec.limits
    names = spec.names([c.name for c in table.columns])
    data, extra = frame(table, names, lang, spec, changed)
    # Stata: format 118 is what version=15 was meant to write; SPSS records the measures
    options: dict[str, Any] = (
        {"version": 15} if fmt == "stata" else {"variable_measure": extra["measure"]}
    )
    with atomic_path(path) as tmp:
        write(
            data,
            str(tmp),
            file_label=spec.clip(table.label, file_limit),
            column_labels={k: spec.clip(v, label_limit) for k, v in extra["labels"].items()},
            variable_value_labels={
                k: {n: spec.clip(t, value_limit) for n, t in v.items()}
                for k, v in extra["value_labels"].items()
            },
            **options,
        )
