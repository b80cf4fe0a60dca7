"""A streaming SPSS .sav writer: the dictionary is written from the variables, then the
cases block by block, each block one numpy byte matrix written whole (no Python per
cell), so a table of any size is written in the memory of one block.

It writes what pyreadstat's ``write_sav`` writes (ReadStat), byte for byte but for the
creation date and time, so every reader of those files reads these the same
(tests/reports/test_sav_writer.py compares them; GNU PSPP reads them too):

- header ``$FL2``, layout 2, bias 100, the case count, the file label (64 bytes, space
  padded); the cases uncompressed (pyreadstat's default: the fastest to write, 5-6x
  faster than pyreadstat) or, with ``compress=True``, in SPSS's bytecode compression
  (``row_compress=True``: a file 3-4x smaller for about 40 % more CPU time);
- one variable record per 8 bytes of a case: numbers ``F8.2``, dates ``DATE11`` (SPSS
  dates are seconds since 1582-10-14), texts ``A<width>``; short names are the first 8
  bytes of the name in capitals (``V1``, ``V2``... where that is taken), the long name
  record gives the real ones; variable labels (256 bytes at most);
- texts longer than 255 bytes are "very long strings": segments of 255 bytes (the last
  one ``width - 252 * (n - 1)``), each segment's bytes stored as 255 bytes + 1 of
  padding, named ``<first 5 bytes of the name><base-36 number>`` and listed in the very
  long string record (subtype 14);
- value labels (numbers only; one set per labelled variable, in variable order, 120
  bytes a label), the machine records (UTF-8, code page 65001, little-endian IEEE),
  measure / width / alignment per segment (subtype 11), the encoding record (subtype
  20) and the 64-bit case count (subtype 16);
- missing numbers and dates as SYSMIS (-DBL_MAX); missing texts as spaces (texts are
  space padded: a text's trailing spaces are not kept, as in any .sav file).

The input is a :class:`fieldsurvey.reports.stat_model.StatTable` (see there what the
arrays hold). A block whose arrays break the contract (a text longer than its width, a
wrong length, rows not adding up to ``table.rows``) raises ``ValueError``: the file is
then incomplete and the caller (which writes to a temporary name) drops it.

Dates before 1582-10-15 are written as pyreadstat wrote them (negative seconds); SPSS
and PSPP show them as missing.

API:
    write_sav(path, table, *, compress=False) -> None
"""

from __future__ import annotations

import struct
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from fieldsurvey.reports.stat_model import StatTable, StatVariable

SYSMIS = -sys.float_info.max  # bit pattern ff ef ff ff ff ff ff ff (big-endian)
_HIGHEST = sys.float_info.max
_LOWEST = -sys.float_info.max + 2.0**970  # the float just above SYSMIS (ReadStat's LOWEST)
_BIAS = 100.0  # bytecode n stands for the number n - 100
_DAYS_1582_TO_1970 = 141_428  # days from 1582-10-14 (SPSS's day 0) to 1970-01-01
_SECONDS_A_DAY = 86_400.0

_MAX_STRING = 255  # bytes of one string segment
_SEGMENT_STRIDE = 252  # how SPSS counts a very long string's segments
_LABEL_LIMIT = 256  # bytes of a variable label
_VALUE_LABEL_LIMIT = 120  # bytes of a value label
_FILE_LABEL = 64
_PRODUCT = b"@(#) SPSS DATA FILE - https://github.com/WizardMac/ReadStat"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FORMAT_A, _FORMAT_F, _FORMAT_DATE = 1, 5, 20
_MEASURES = {"nominal": 1, "ordinal": 2, "scale": 3}
_CONTINUATION_FORMAT = 0x011D01  # what ReadStat writes in continuation records
_SPACE = 0x20


@dataclass(frozen=True)
class _Layout:
    """Where a variable sits in a case."""

    variable: StatVariable
    short: bytes  # the 8-byte name
    ghosts: tuple[bytes, ...]  # the names of a very long string's further segments
    offset: int  # bytes from the start of a case
    storage: int  # bytes it takes in a case (multiple of 8)
    segments: int  # 1, or more for a very long string


def write_sav(path: Path, table: StatTable, *, compress: bool = False) -> None:
    """Write ``table`` as an SPSS system file at ``path``; ``compress``: SPSS's bytecode
    compression (what pyreadstat writes with ``row_compress=True``)."""
    layouts = _layouts(table.variables)
    case_size = sum(layout.storage for layout in layouts)
    with open(path, "wb") as out:
        out.write(_dictionary(table, layouts, case_size, compress))
        _write_cases(out, table, layouts, case_size, compress)


# --- the dictionary ----------------------------------------------------------------------
def _segments(variable: StatVariable) -> int:
    width = _width(variable)
    if variable.kind == "text" and width > _MAX_STRING:
        return (width + _SEGMENT_STRIDE - 1) // _SEGMENT_STRIDE
    return 1


def _width(variable: StatVariable) -> int:
    return max(variable.width, 1) if variable.kind == "text" else 0


def _round8(n: int) -> int:
    return (n + 7) // 8 * 8


def _storage(variable: StatVariable) -> int:
    if variable.kind != "text":
        return 8
    width, segments = _width(variable), _segments(variable)
    if segments == 1:
        return _round8(width)
    return (segments - 1) * 256 + _round8(width - (segments - 1) * _SEGMENT_STRIDE)


def _layouts(variables: Sequence[StatVariable]) -> list[_Layout]:
    """Each variable's place in a case and its 8-byte names, chosen as ReadStat chooses
    them: the first 8 bytes of the name in capitals, ``V1``, ``V2``... where that is taken;
    a very long string's further segments the first 5 bytes and ``0``-``9``, ``A``-``Z``,
    ``10``... (base 36), the first free."""
    shorts = []
    taken: set[bytes] = set()
    counter = 1
    for variable in variables:
        short = variable.name.encode("utf-8")[:8].upper()
        while short in taken:
            short, counter = f"V{counter}".encode(), counter + 1
        taken.add(short)
        shorts.append(short)
    layouts, offset = [], 0
    for variable, short in zip(variables, shorts, strict=True):
        segments = _segments(variable)
        stem, number = variable.name.encode("utf-8")[:5].upper(), 0
        ghosts: list[bytes] = []
        while len(ghosts) < segments - 1:
            ghost = stem + _base36(number).encode()
            number += 1
            if ghost not in taken:
                taken.add(ghost)
                ghosts.append(ghost)
        storage = _storage(variable)
        layouts.append(_Layout(variable, short, tuple(ghosts), offset, storage, segments))
        offset += storage
    return layouts


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + digits
        if not number:
            return digits


def _pad(data: bytes, size: int, fill: bytes = b" ") -> bytes:
    return data[:size].ljust(size, fill)


def _header(table: StatTable, case_size: int, compress: bool) -> bytes:
    now = time.localtime()
    created = f"{now.tm_mday:02d} {_MONTHS[now.tm_mon - 1]} {now.tm_year % 100:02d}"
    clock = f"{now.tm_hour:02d}:{now.tm_min:02d}:{now.tm_sec:02d}"
    return b"".join((
        b"$FL2",
        _pad(_PRODUCT, 60),
        struct.pack("<iiiiid", 2, case_size // 8, int(compress), 0, table.rows, _BIAS),
        created.encode("ascii"),
        clock.encode("ascii"),
        _pad(table.label.encode("utf-8"), _FILE_LABEL),
        b"\0\0\0",
    ))  # fmt: skip


def _format(kind: int, width: int, decimals: int = 0) -> int:
    return (kind << 16) | (min(width, 255) << 8) | decimals


def _variable_record(vtype: int, fmt: int, name: bytes, label: bytes = b"") -> bytes:
    record = struct.pack("<iiiiii", 2, vtype, 1 if label else 0, 0, fmt, fmt) + _pad(name, 8)
    if label:
        record += struct.pack("<i", len(label)) + _pad(label, (len(label) + 3) // 4 * 4)
    return record


def _continuations(count: int) -> bytes:
    blank = struct.pack("<iiiiii", 2, -1, 0, 0, _CONTINUATION_FORMAT, _CONTINUATION_FORMAT)
    return (blank + b" " * 8) * count


def _variable_records(layout: _Layout) -> bytes:
    variable = layout.variable
    label = variable.label.encode("utf-8")[:_LABEL_LIMIT]
    if variable.kind == "number":
        return _variable_record(0, _format(_FORMAT_F, 8, 2), layout.short, label)
    if variable.kind == "date":
        return _variable_record(0, _format(_FORMAT_DATE, 11), layout.short, label)
    width = _width(variable)
    first = min(width, _MAX_STRING)
    parts = [
        _variable_record(first, _format(_FORMAT_A, width), layout.short, label),
        _continuations(min(layout.storage // 8 - 1, 31)),
    ]
    for segment, name in enumerate(layout.ghosts, 1):
        last = segment == layout.segments - 1
        size = width - (layout.segments - 1) * _SEGMENT_STRIDE if last else _MAX_STRING
        parts.append(_variable_record(size, _format(_FORMAT_A, size), name))
        parts.append(_continuations(min(_round8(size) // 8 - 1, 31)))
    return b"".join(parts)


def _value_labels(layout: _Layout) -> bytes:
    labels = layout.variable.value_labels
    if not labels or layout.variable.kind == "text":
        return b""
    parts = [struct.pack("<ii", 3, len(labels))]
    for value, text in labels.items():
        data = text.encode("utf-8")[:_VALUE_LABEL_LIMIT]
        size = (len(data) + 1 + 7) // 8 * 8 - 1
        parts.append(struct.pack("<dB", float(value), len(data)) + _pad(data, size))
    parts.append(struct.pack("<iii", 4, 1, layout.offset // 8 + 1))
    return b"".join(parts)


def _extension(subtype: int, size: int, count: int, data: bytes) -> bytes:
    return struct.pack("<iiii", 7, subtype, size, count) + data


def _info_records(table: StatTable, layouts: list[_Layout]) -> bytes:
    parts = [
        _extension(3, 4, 8, struct.pack("<8i", 20, 0, 0, -1, 1, 1, 2, 65001)),
        _extension(4, 8, 3, struct.pack("<3d", SYSMIS, _HIGHEST, _LOWEST)),
        _extension(20, 1, 5, b"UTF-8"),
    ]
    display = []
    for layout in layouts:
        variable = layout.variable
        alignment = 0 if variable.kind == "text" else 1  # left / right
        display += [_MEASURES[variable.measure], 8, alignment] * layout.segments
    parts.append(_extension(11, 4, len(display), struct.pack(f"<{len(display)}i", *display)))
    if layouts:
        names = b"\t".join(
            layout.short + b"=" + layout.variable.name.encode("utf-8")[:64] for layout in layouts
        )
        parts.append(_extension(13, 1, len(names), names))
    very_long = b"".join(
        layout.short + b"=" + f"{_width(layout.variable) % 100_000:05d}".encode() + b"\0\t"
        for layout in layouts
        if layout.segments > 1
    )
    if very_long:
        parts.append(_extension(14, 1, len(very_long), very_long))
    parts.append(_extension(16, 8, 2, struct.pack("<qq", 1, table.rows)))
    return b"".join(parts)


def _dictionary(table: StatTable, layouts: list[_Layout], case_size: int, compress: bool) -> bytes:
    return b"".join((
        _header(table, case_size, compress),
        *map(_variable_records, layouts),
        *map(_value_labels, layouts),
        _info_records(table, layouts),
        struct.pack("<ii", 999, 0),
    ))  # fmt: skip


# --- the cases ---------------------------------------------------------------------------
def _write_cases(
    out: BinaryIO, table: StatTable, layouts: list[_Layout], case_size: int, compress: bool
) -> None:
    numbers = np.flatnonzero(  # the 8-byte units of a case that are numbers
        np.repeat(
            [layout.variable.kind != "text" for layout in layouts],
            [layout.storage // 8 for layout in layouts],
        )
    )
    written = 0
    for block in table.blocks():
        if len(block) != len(layouts):
            raise ValueError(f"a block has {len(block)} arrays for {len(layouts)} variables")
        rows = len(block[0]) if block else 0
        if rows == 0:
            continue
        cases = _case_bytes(block, layouts, case_size, rows)
        written += rows
        if compress:
            out.write(_compressed(cases, numbers, last=written == table.rows).data)
        else:
            out.write(cases.data)
    if written != table.rows:
        raise ValueError(f"the blocks hold {written} rows, the table says {table.rows}")


def _case_bytes(block: list[Any], layouts: list[_Layout], case_size: int, rows: int) -> Any:
    """The block's cases as a (rows, case_size) uint8 matrix."""
    cases = np.empty((rows, case_size), dtype=np.uint8)
    for layout, values in zip(layouts, block, strict=True):
        if len(values) != rows:
            raise ValueError(f"{layout.variable.name}: {len(values)} values, {rows} expected")
        start = layout.offset
        if layout.variable.kind == "text":
            _put_texts(cases[:, start : start + layout.storage], values, layout)
            continue
        numbers = np.asarray(values, dtype=np.float64)
        if layout.variable.kind == "date":
            numbers = (numbers + _DAYS_1582_TO_1970) * _SECONDS_A_DAY
        else:
            numbers = numbers.copy()
        numbers[np.isnan(numbers)] = SYSMIS
        cases[:, start : start + 8] = (
            numbers.astype("<f8", copy=False).view(np.uint8).reshape(rows, 8)
        )
    return cases


def _put_texts(target: Any, values: Any, layout: _Layout) -> None:
    """Space-padded texts into ``target`` (rows x storage): 255 bytes of text per
    256-byte segment."""
    target.fill(_SPACE)
    values = np.ascontiguousarray(values)
    if values.dtype.kind != "S":
        raise ValueError(f"{layout.variable.name}: texts must be bytes, not {values.dtype}")
    size = values.dtype.itemsize
    if size == 0:
        return
    width = _width(layout.variable)
    if size > width and int(np.char.str_len(values).max(initial=0)) > width:
        raise ValueError(f"{layout.variable.name}: a text is longer than {width} bytes")
    size = min(size, width)
    data = values.view(np.uint8).reshape(len(values), values.dtype.itemsize)
    for segment in range(layout.segments):
        begin = segment * _MAX_STRING
        end = min(begin + _MAX_STRING, size)
        if begin >= end:
            break
        source = data[:, begin:end]
        into = target[:, segment * 256 : segment * 256 + end - begin]
        np.copyto(into, source, where=source != 0)


_EIGHT_SPACES = np.frombuffer(b" " * 8, dtype=np.uint64)[0]
_SYSMIS_BITS = np.array([SYSMIS], dtype="<f8").view(np.uint64)[0]


def _compressed(cases: Any, numbers: Any, last: bool) -> Any:
    """The cases in SPSS bytecode, as ReadStat writes them: per case, blocks of 8 command
    bytes each followed by the 8-byte units its 253 commands stand for (a number n with
    -100 < n < 152 whole is the byte n + 100, SYSMIS 255, 8 spaces of a text 254), the
    case's last command block padded with 0 (an empty one when the case filled the
    previous block), 252 after the file's last case. ``numbers``: the indexes of the
    units that are numbers. A 1-D uint64 array."""
    rows, units = cases.shape[0], cases.shape[1] // 8
    words = cases.view(np.uint64)  # (rows, units)
    full, rest = divmod(units, 8)
    codes = np.zeros((rows, (full + 1) * 8), dtype=np.uint8)
    np.add(words == _EIGHT_SPACES, np.uint8(253), out=codes[:, :units])  # texts: 254 / 253
    if len(numbers):
        bits = words[:, numbers]
        values = bits.view("<f8")
        small = (values > -100) & (values < 152) & (np.trunc(values) == values)
        code = np.where(small, values + _BIAS, 253.0).astype(np.uint8)
        code[bits == _SYSMIS_BITS] = 255
        codes[:, numbers] = code
    if last:
        codes[-1, units] = 252
    items = np.empty((rows, full + 1, 9), dtype=np.uint64)
    items[:, :, 0] = codes.view(np.uint64)
    items[:, :full, 1:] = words[:, : full * 8].reshape(rows, full, 8)
    items[:, full, 1 : 1 + rest] = words[:, full * 8 :]  # the rest: never kept (code 0)
    keep = np.empty((rows, full + 1, 9), dtype=bool)
    keep[:, :, 0] = True
    keep[:, :, 1:] = (codes == 253).reshape(rows, full + 1, 8)
    return items[keep]
