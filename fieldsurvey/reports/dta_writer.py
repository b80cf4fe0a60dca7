"""Stata .dta files (format 118, UTF-8) written from a :class:`StatTable` a block at a
time: each block becomes one numpy structured array of the file's records, written with
``tobytes`` (no Python per cell), so a table of any size is written in the memory of one
block (issue 15).

The file is what pyreadstat (ReadStat) wrote before, byte for byte where nothing forced
a difference (checked by tests/reports/test_stat_writers.py against pyreadstat's format
118): doubles for numbers (``%10.0g``) and dates (``%td``, days since 1960), ``str1`` to
``str2044`` for texts (``%-9s``) and strL for a column with a text of 2,045 bytes or
more, variable labels, value labels named after their variable (``pick0``, ``flag1``:
the variable's name and the label set's number), the file label and the time stamp.
What differs: each non-empty strL cell has its own string (GSO) in the ``<strls>``
section, in (variable, observation) order, an empty one points to no string (``(0,0)``,
as Stata and pandas write it); ReadStat kept one string per distinct text, which means
holding all of them. pyreadstat's ``version=15`` wrote format 119, which Stata 14
cannot open; 118 is written unless the table has more than 32,767 variables.

Layout (all little-endian): ``<stata_dta><header>`` (release, byte order, K, N, label,
time stamp) ``<map>`` (14 offsets, patched at the end) ``<variable_types>``
``<varnames>`` ``<sortlist>`` ``<formats>`` ``<value_label_names>``
``<variable_labels>`` ``<characteristics>`` ``<data>`` ``<strls>`` ``<value_labels>``.

API:
    write_dta(path, table, *, timestamp=None) -> None
"""

from __future__ import annotations

import struct
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np

from fieldsurvey.reports.stat_model import StatTable, StatVariable

STRL_FROM = 2045  # a text column this wide or wider is a strL (as pyreadstat chose)
STRL = 32768
DOUBLE = 65526
#: Stata's system missing value (``.``) for a double.
MISSING = np.frombuffer(struct.pack("<Q", 0x7FE0000000000000), dtype="<f8")[0]
DAYS_1960_TO_1970 = 3653
#: Bytes of records built at once at most (a block of wide texts is written in parts).
CHUNK_BYTES = 16 * 1024 * 1024
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_GSO = np.dtype([("gso", "S3"), ("v", "<u4"), ("o", "<u8"), ("t", "u1"), ("len", "<u4")])
_GSO_ASCII = 130  # a GSO holding a NUL-terminated text


def write_dta(path: Path, table: StatTable, *, timestamp: time.struct_time | None = None) -> None:
    """Write ``table`` to ``path`` (a new file; on failure the caller removes it)."""
    variables = table.variables
    release = 118 if len(variables) <= 32767 else 119
    types = [_typecode(v) for v in variables]
    strls = [i for i, code in enumerate(types) if code == STRL]
    record = _record_dtype(types, release)
    with open(path, "w+b") as out, _StrlSpill(len(strls)) as gsos:
        out.write(_header(table, release, timestamp or time.localtime()))
        at_map = out.tell()
        out.write(b"<map>" + bytes(14 * 8) + b"</map>")
        sections = [0, at_map]
        for head in _descriptors(variables, types, release):
            sections.append(out.tell())
            out.write(head)
        sections.append(out.tell())
        out.write(b"<data>")
        rows = 0
        for arrays in _chunks(table, record.itemsize):
            n = len(arrays[0]) if arrays else 0
            if not n:
                continue
            records = np.zeros(n, dtype=record)
            for i, (variable, array) in enumerate(zip(variables, arrays, strict=True)):
                records[f"f{i}"] = _cells(variable, types[i], array, i, rows, release)
            for k, i in enumerate(strls):
                gsos.add(k, arrays[i], i + 1, rows)
            out.write(records.data)
            rows += n
        if rows != table.rows:
            raise ValueError(f"the table gave {rows} rows, not {table.rows}")
        out.write(b"</data>")
        sections.append(out.tell())
        out.write(b"<strls>")
        gsos.copy_to(out)
        out.write(b"</strls>")
        sections.append(out.tell())
        out.write(_value_labels(variables))
        sections.append(out.tell())
        out.write(b"</stata_dta>")
        sections.append(out.tell())
        out.seek(at_map + len(b"<map>"))
        out.write(np.array(sections, dtype="<u8").tobytes())


def _typecode(variable: StatVariable) -> int:
    if variable.kind != "text":
        return DOUBLE
    return STRL if variable.width >= STRL_FROM else max(1, variable.width)


def _record_dtype(types: list[int], release: int) -> np.dtype[Any]:
    formats = ["<f8" if c == DOUBLE else "<u8" if c == STRL else f"S{c}" for c in types]
    return np.dtype({"names": [f"f{i}" for i in range(len(types))], "formats": formats})


def _header(table: StatTable, release: int, stamp: time.struct_time) -> bytes:
    label = _utf8(table.label, 256)  # ReadStat kept at most 256 bytes of it
    when = (
        f"{stamp.tm_mday:02d} {_MONTHS[stamp.tm_mon - 1]} {stamp.tm_year:04d} "
        f"{stamp.tm_hour:02d}:{stamp.tm_min:02d}"
    ).encode("ascii")
    k = struct.pack("<H" if release == 118 else "<I", len(table.variables))
    return b"".join(
        [
            b"<stata_dta><header><release>%d</release><byteorder>LSF</byteorder>" % release,
            b"<K>" + k + b"</K><N>" + struct.pack("<Q", table.rows) + b"</N>",
            b"<label>" + struct.pack("<H", len(label)) + label + b"</label>",
            b"<timestamp>" + bytes([len(when)]) + when + b"</timestamp></header>",
        ]
    )


def _descriptors(variables: list[StatVariable], types: list[int], release: int) -> list[bytes]:
    """The sections from ``<variable_types>`` to ``<characteristics>``, in file order."""
    label_sets = _label_set_names(variables)
    formats = ["%td" if v.kind == "date" else "%10.0g" if c == DOUBLE else "%-9s"
               for v, c in zip(variables, types, strict=True)]  # fmt: skip
    sort_entry = 2 if release == 118 else 4
    return [
        b"<variable_types>" + np.array(types, dtype="<u2").tobytes() + b"</variable_types>",
        b"<varnames>" + _fixed([_utf8(v.name, 128) for v in variables], 129) + b"</varnames>",
        b"<sortlist>" + bytes(sort_entry * (len(variables) + 1)) + b"</sortlist>",
        b"<formats>" + _fixed([f.encode("ascii") for f in formats], 57) + b"</formats>",
        b"<value_label_names>"
        + _fixed([_utf8(n, 128) for n in label_sets], 129)
        + b"</value_label_names>",
        b"<variable_labels>"
        + _fixed([_utf8(v.label, 321) for v in variables], 321)
        + b"</variable_labels>",
        b"<characteristics></characteristics>",
    ]


def _label_set_names(variables: list[StatVariable]) -> list[str]:
    """The value label set of each variable ("" for none): its name and the set's number."""
    names, count = [], 0
    for variable in variables:
        if variable.value_labels:
            names.append(f"{variable.name}{count}")
            count += 1
        else:
            names.append("")
    return names


def _fixed(items: list[bytes], width: int) -> bytes:
    return b"".join(item.ljust(width, b"\0") for item in items)


def _utf8(text: str, limit: int) -> bytes:
    """``text`` in UTF-8, at most ``limit`` bytes (cut between characters)."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return data
    return data[:limit].decode("utf-8", errors="ignore").encode("utf-8")


def _chunks(table: StatTable, record_bytes: int) -> Iterator[list[Any]]:
    """The table's blocks, a block of wide records in parts of CHUNK_BYTES at most."""
    step = max(1, CHUNK_BYTES // max(1, record_bytes))
    for arrays in table.blocks():
        n = len(arrays[0]) if arrays else 0
        if n <= step:
            yield arrays
            continue
        for start in range(0, n, step):
            yield [a[start : start + step] for a in arrays]


def _cells(
    variable: StatVariable, typecode: int, array: Any, index: int, first_row: int, release: int
) -> Any:
    """A column of a block as the file stores it."""
    if typecode == DOUBLE:
        values = np.asarray(array, dtype="<f8")
        if variable.kind == "date":
            values = values + DAYS_1960_TO_1970
        return np.where(np.isnan(values), MISSING, values)
    if typecode != STRL:
        return array
    # a strL cell: (variable, observation) of its GSO, (0, 0) for an empty text
    o_shift = 16 if release == 118 else 24
    rows = np.arange(first_row + 1, first_row + 1 + len(array), dtype="<u8")
    refs = (rows << np.uint64(o_shift)) | np.uint64(index + 1)
    return np.where(np.strings.str_len(array) > 0, refs, np.uint64(0))


class _StrlSpill:
    """The GSOs of each strL column, in row order, in a temporary file per column: the
    ``<strls>`` section wants them by variable, then observation."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.files: list[IO[bytes]] = []

    def __enter__(self) -> _StrlSpill:
        import tempfile

        self.files = [tempfile.TemporaryFile(prefix="fieldsurvey-strl-") for _ in range(self.count)]
        return self

    def __exit__(self, *_exc: object) -> None:
        for handle in self.files:
            handle.close()

    def add(self, k: int, texts: Any, v: int, first_row: int) -> None:
        """The GSOs of the non-empty ``texts`` of a block (rows from ``first_row``)."""
        lengths = np.strings.str_len(texts).astype(np.int64)
        rows = np.flatnonzero(lengths)
        if not len(rows):
            return
        sizes = lengths[rows]
        head = np.zeros(len(rows), dtype=_GSO)
        head["gso"], head["v"], head["t"] = b"GSO", v, _GSO_ASCII
        head["o"] = rows + first_row + 1
        head["len"] = sizes + 1  # the text and its NUL
        spans = _GSO.itemsize + sizes + 1
        starts = np.cumsum(spans) - spans
        out = np.zeros(int(spans.sum()), dtype=np.uint8)
        out[(starts[:, None] + np.arange(_GSO.itemsize)).ravel()] = head.view(np.uint8)
        width = texts.dtype.itemsize
        chars = texts[rows].view(np.uint8).reshape(len(rows), width)
        total = int(sizes.sum())
        at = np.repeat(starts + _GSO.itemsize - (np.cumsum(sizes) - sizes), sizes)
        out[at + np.arange(total)] = chars[np.arange(width) < sizes[:, None]]
        self.files[k].write(out.data)

    def copy_to(self, out: IO[bytes]) -> None:
        for handle in self.files:
            handle.seek(0)
            while chunk := handle.read(1 << 20):
                out.write(chunk)


def _value_labels(variables: list[StatVariable]) -> bytes:
    parts = [b"<value_labels>"]
    for variable, name in zip(variables, _label_set_names(variables), strict=True):
        if not name:
            continue
        items = sorted((int(k), v) for k, v in variable.value_labels.items())
        texts = [_utf8(text, 1 << 20) + b"\0" for _k, text in items]
        offsets = np.cumsum([0, *map(len, texts)])[:-1]
        txt = b"".join(texts)
        table = (
            struct.pack("<ii", len(items), len(txt))
            + np.array(offsets, dtype="<i4").tobytes()
            + np.array([k for k, _v in items], dtype="<i4").tobytes()
            + txt
        )
        labname = _utf8(name, 128).ljust(129 + 3, b"\0")
        parts.append(b"<lbl>" + struct.pack("<i", len(table)) + labname + table + b"</lbl>")
    parts.append(b"</value_labels>")
    return b"".join(parts)
