"""An export table as a :class:`StatTable`: its rows read once, a block at a time, each
block's columns turned into numpy arrays and spilled to a temporary file, while what the
file's header needs (text widths, select_one codes, notes) is gathered; the writers then
read the spill back block by block (issue 15: pyreadstat needs the whole table as one
DataFrame, about 6 GB at 1,000,000 interviews; this holds one block and the index).

A large table in scattered order (``RowStream.placed``: from 200,000 interviews merged
out of date order) is read once in its own order instead of a block of the export order
at a time: each batch's arrays are made there and spilled with their rows' places, and
read back group by group of :data:`PLACED_INTERVIEWS` interviews, put in export order
(SPSS at 1,000,000 interviews: 49 s of CPU against 61 s seeking each block by row id;
docs/benchmarks.md, "Scale, thirteenth pass"). The files are byte for byte the same.

The cells, labels and notes are those the pyreadstat path made (``tests/pyreadstat_reference.py``):

- a select_one is its choice's number (``export_names.numeric_codes``: the choice's own
  number when every choice name of the list is a whole number, else its position; other
  values get the next numbers in order of appearance), with value labels;
- a 0/1 column of a select_multiple is a number labelled no/yes;
- a numeric column's numbers beyond the format's range are left missing and counted
  (``report.export_out_of_range``);
- a date question is a date (days since 1970 here; missing if not a date);
- anything else is text: missing as ``""``, a NUL written as ``\\x00``, cut to the format's
  byte limit where it has one (``report.export_text_cut_bytes``).

Whether a column of a :class:`RowStream` is numeric is known only once every block is
read: a block of numbers only is kept both as float64 and as its values (pickled), so
it can still become text (or dates) if a later block holds a text.

API:
    StatFormat
    stat_table(table, fmt, lang, changed) -> context manager yielding a StatTable
"""

from __future__ import annotations

import math
import pickle
import secrets
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

import numpy as np
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fieldsurvey.messages import Lang
from fieldsurvey.reports import export_names
from fieldsurvey.reports.export_tables import (
    RANK_BITS,
    ExportColumn,
    ExportTable,
    NoteCounter,
    RowStream,
    row_blocks,
    set_numeric,
)
from fieldsurvey.reports.report_text import t
from fieldsurvey.reports.row_spill import SpillChanged
from fieldsurvey.reports.stat_model import StatKind, StatTable, StatVariable

DATE_TYPES = frozenset({"date", "today"})
#: Text bytes (rows x widths) of one block handed to a writer at most: a block holding a
#: very long text is handed over in fewer rows.
BLOCK_TEXT_BYTES = 32 * 1024 * 1024
_EPOCH = date(1970, 1, 1).toordinal()


class StatFormat(NamedTuple):
    """What a statistics format holds: names, label limits, numbers and texts
    (export_writers gives Stata's and SPSS's)."""

    names: Callable[[Sequence[str]], list[str]]
    clip: Callable[[str, int], str]  # labels are limited in characters or in bytes
    limits: tuple[int, int, int]  # file label, variable label, value label
    title: str  # the format's name in notes
    number_limit: float  # the largest number held (its negative is the smallest)
    text_limit: int  # bytes in a text (0: no limit)


# How a column is spilled, decided up front (UNDECIDED: a RowStream's plain column, whose
# cells say at the end whether it is numeric).
_SELECT, _FLAG, _NUMBER, _DATE, _TEXT, _UNDECIDED = range(6)
# What one block of one column is in the spill.
_FLOATS = "f"  # float64 (numbers, codes, flags, days)
_BYTES = "t"  # UTF-8 texts joined by NUL bytes (a text never holds one)
_NUMBERS = "u"  # numbers only (undecided): float64, then the pickled values
_EMPTY = "n"  # nothing but missing cells (undecided)


class _Part(NamedTuple):
    tag: str
    piece: int  # in the spill (_NUMBERS: the array's; the pickle is the next piece)
    width: int  # _BYTES: the block's widest text in bytes (0 for other parts)


@dataclass
class _Column:
    col: ExportColumn
    name: str
    mode: int
    kinds: set[type] = field(default_factory=set)
    out_of_range: int = 0
    cut: int = 0
    width: int = 1
    codes: dict[str, int] = field(default_factory=dict)  # select_one: code of each value text
    seen: dict[Any, float] = field(default_factory=dict)  # select_one: code of each value
    following: int = 1
    base: int = 1  # select_one: the code of the first value met outside the choices
    # select_one read in the table's order (placed): the first key of each code from
    # ``base`` on, then the final code of each code given (None: as given)
    first: dict[int, int] = field(default_factory=dict)
    remap: Any = None


class _Spill:
    """The temporary file and the index of what each block of each column is.

    Answers never reach the disk in plaintext: what is put (a column's block, a
    segment) is held until :meth:`seal`, which seals the segments held as one piece with
    AES-256-GCM under a key made for this file and held only in memory, under its own
    nonce (its number), so a piece read back is also checked (a changed byte:
    ``SpillChanged``). One AES-GCM object serves every piece, and a block's columns are
    one piece: with a piece per column, sealing and reading back the 130,000 columns'
    blocks of an SPSS export of 1,000,000 interviews read in table order took 3.3 s of
    CPU, as one piece per block 1.1 s. The last piece read is kept (a block's columns
    are read one after the other)."""

    def __init__(self, handle: Any) -> None:  # a binary file
        self.handle = handle
        self.blocks: list[tuple[int, list[_Part]]] = []  # (rows, a part per column)
        # placed: the group of interviews of each block, and its rows' keys (a segment)
        self.placed: list[tuple[int, int]] = []
        self._aead = AESGCM(secrets.token_bytes(32))
        self._pieces: list[tuple[int, int]] = []  # (offset, size sealed) of each piece
        self._segments: list[tuple[int, int, int]] = []  # (piece, start, stop)
        self._held: list[Any] = []  # the segments put since the last seal
        self._held_size = 0
        self._kept: tuple[int, bytes] = (-1, b"")  # the last piece read
        self._end = 0

    def put(self, data: Any) -> int:
        """Hold ``data`` (bytes or an array) to be sealed with the next piece; its
        segment number."""
        raw = memoryview(data).cast("B")  # numpy arrays' views have their own item format
        segment = len(self._segments)
        start = self._held_size
        self._segments.append((len(self._pieces), start, start + len(raw)))
        self._held.append(raw)
        self._held_size += len(raw)
        return segment

    def seal(self) -> None:
        """Seal and write the segments held, as one piece."""
        if not self._held:
            return
        piece = len(self._pieces)
        sealed = self._aead.encrypt(piece.to_bytes(12, "big"), b"".join(self._held), None)
        self._held, self._held_size = [], 0
        self.handle.seek(self._end)  # a read may have moved it
        self.handle.write(sealed)
        self._pieces.append((self._end, len(sealed)))
        self._end += len(sealed)

    def read(self, segment: int) -> memoryview:
        """The bytes put as ``segment``, checked (its piece sealed)."""
        piece, start, stop = self._segments[segment]
        if self._kept[0] != piece:
            offset, size = self._pieces[piece]
            self.handle.seek(offset)
            data = self.handle.read(size)
            if len(data) != size:  # pragma: no cover - the spill is ours
                raise OSError("short read of the temporary file")
            try:
                self._kept = (piece, self._aead.decrypt(piece.to_bytes(12, "big"), data, None))
            except InvalidTag:
                raise SpillChanged from None
        return memoryview(self._kept[1])[start:stop]


def _mode(col: ExportColumn, stream: bool) -> int:
    if col.qtype == "select_one":
        return _SELECT
    if col.kind == "flag":
        return _FLAG
    plain = col.kind in ("value", "meta") and col.qtype not in ("select_one", "select_multiple")
    if stream and plain:
        return _UNDECIDED
    if stream:
        set_numeric(col, set())  # as export_writers._columns: only plain columns' cells tell
    if col.numeric:
        return _NUMBER
    return _DATE if col.qtype in DATE_TYPES else _TEXT


def _column_blocks(table: ExportTable) -> Iterator[Sequence[Sequence[Any]]]:
    rows = table.rows
    if isinstance(rows, RowStream):
        yield from rows.column_blocks()
        return
    for block in row_blocks(rows):
        if block:
            yield list(zip(*block, strict=True))


@contextmanager
def stat_table(
    table: ExportTable,
    fmt: StatFormat,
    lang: str,
    changed: NoteCounter,
    on_rows: Callable[[int], None] | None = None,
) -> Iterator[StatTable]:
    """``table`` as a StatTable for ``fmt``, read once and spilled to a temporary file
    (deleted when the block ends); what the format could not hold is counted in
    ``changed``, one note per column, in column order. ``on_rows`` is told each block
    read (progress; a cancel raises from it)."""
    stream = isinstance(table.rows, RowStream)
    names = fmt.names([c.name for c in table.columns])
    columns = [_Column(c, n, _mode(c, stream)) for c, n in zip(table.columns, names, strict=True)]
    for column in columns:
        if column.mode == _SELECT:
            column.codes = export_names.numeric_codes([c for c, _ in column.col.choices], [])
            column.following = max(column.codes.values(), default=0) + 1
            column.base = column.following
    with tempfile.TemporaryFile(prefix="fieldsurvey-stat-") as handle:
        spill = _Spill(handle)
        source = table.rows if isinstance(table.rows, RowStream) else None
        placed = source is not None and source.placed
        if source is not None and placed:
            _spill_placed(source, columns, fmt, spill, on_rows)
            for column in columns:
                _renumber(column)
        else:
            for block in _column_blocks(table):
                n = len(block[0]) if block else 0
                if not n:
                    continue
                parts = [
                    _spill(column, cells, fmt, spill)
                    for column, cells in zip(columns, block, strict=True)
                ]
                spill.seal()
                spill.blocks.append((n, parts))
                if on_rows is not None:
                    on_rows(n)
        variables = _finish(columns, spill, fmt, lang, changed)
        file_limit = fmt.limits[0]
        read = _read_placed if placed else _read_blocks
        yield StatTable(
            label=fmt.clip(table.label, file_limit),
            variables=variables,
            rows=sum(n for n, _parts in spill.blocks),
            blocks=lambda: read(columns, spill),
        )


# --- a table read in its own order ------------------------------------------------------
#: Interviews whose rows are put in export order together when a table is read in its own
#: order (``RowStream.placed``): each batch read is cut by group of this many interviews
#: of the export order, and a group's pieces are read back together and put in order
#: (the scale stores' 300,000 members of a group: an export's peak 675 MB at 1,000,000).
PLACED_INTERVIEWS = 100_000


def _spill_placed(
    stream: RowStream,
    columns: list[_Column],
    fmt: StatFormat,
    spill: _Spill,
    on_rows: Callable[[int], None] | None,
) -> None:
    """Spill the batches of ``stream.placed_blocks()`` (the table's own order, each
    batch's rows of one group of :data:`PLACED_INTERVIEWS` interviews of the export
    order) as :func:`_spill` spills a block; each keeps its rows' keys (interview's
    place, then rank read), by which :func:`_read_placed` puts a group's rows in export
    order."""
    rank = 0
    for owners, block in stream.placed_blocks(PLACED_INTERVIEWS):
        n = len(owners)
        if not n:
            continue
        at = np.array(owners, dtype=np.int64)
        keys = (at << RANK_BITS) | np.arange(rank, rank + n, dtype=np.int64)
        rank += n
        spill.placed.append((owners[0] // PLACED_INTERVIEWS, spill.put(keys)))
        spill.seal()  # the keys on their own: read before the columns
        parts = [
            _spill(column, cells, fmt, spill, keys)
            for column, cells in zip(columns, block, strict=True)
        ]
        spill.seal()
        spill.blocks.append((n, parts))
        if on_rows is not None:
            on_rows(n)


def _renumber(column: _Column) -> None:
    """A select_one's values met outside the choices numbered in order of their first
    appearance in export order (as a block-by-block read numbers them), not in the
    table's order they were met in."""
    if not column.first:
        return
    given = sorted(column.first, key=column.first.__getitem__)
    if given == sorted(given):
        return
    remap = np.arange(column.following, dtype=np.float64)
    for code, old in enumerate(given, column.base):
        remap[old] = code
    column.remap = remap
    base = column.base
    codes = {t: c if c < base else int(remap[c]) for t, c in column.codes.items()}
    # the choices first as they were, then the new values by code (as block by block)
    column.codes = dict(sorted(codes.items(), key=lambda item: max(item[1] - base, -1)))


def _note_first(column: _Column, codes: Any, keys: Any) -> None:
    """The least key at which each code from ``column.base`` on is met."""
    new = codes >= column.base  # NaN (missing) is not
    if not new.any():
        return
    found, inverse = np.unique(codes[new].astype(np.int64), return_inverse=True)
    least = np.full(len(found), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(least, inverse, keys[new])
    first = column.first
    for code, key in zip(found.tolist(), least.tolist(), strict=True):
        if key < first.get(code, key + 1):
            first[code] = key


# --- one block of one column into the spill ---------------------------------------------
def _spill(
    column: _Column, cells: Sequence[Any], fmt: StatFormat, spill: _Spill, keys: Any = None
) -> _Part:
    """One block of one column spilled as the format holds it; ``keys``: its rows' keys in
    export order, when the block is not in it (a select_one's values outside the
    choices are numbered again at the end: :func:`_renumber`)."""
    mode = column.mode
    if mode == _SELECT:
        codes = _select_codes(column, cells)
        if keys is not None:
            _note_first(column, codes, keys)
        return _floats_part(spill, codes)
    if mode == _FLAG:
        return _floats_part(spill, np.array(cells, dtype="float64"))
    if mode == _NUMBER:
        numbers, beyond = _numbers(cells, fmt.number_limit)
        column.out_of_range += beyond
        return _floats_part(spill, numbers)
    if mode == _DATE:
        return _floats_part(spill, _days(cells))
    if mode == _TEXT:
        return _text_part(column, _texts(cells), fmt, spill)
    kinds = set(map(type, cells))
    column.kinds |= kinds
    if str in kinds:  # the column is not numeric: a date or a text from now on
        if column.col.qtype in DATE_TYPES:
            return _floats_part(spill, _days(cells))
        return _text_part(column, _texts(cells), fmt, spill)
    if kinds <= {type(None)}:
        return _Part(_EMPTY, 0, 0)
    numbers, beyond = _numbers(cells, fmt.number_limit)
    column.out_of_range += beyond
    piece = spill.put(numbers)
    spill.put(pickle.dumps(list(cells), protocol=pickle.HIGHEST_PROTOCOL))
    return _Part(_NUMBERS, piece, 0)


def _floats_part(spill: _Spill, numbers: Any) -> _Part:
    return _Part(_FLOATS, spill.put(numbers), 0)


def _select_codes(column: _Column, cells: Sequence[Any]) -> Any:
    """The select_one's code of each cell (missing as NaN); values not among the choices
    get the next numbers, in order of appearance over the whole table."""
    seen = column.seen
    if not seen:
        seen[None] = math.nan
    try:
        return np.fromiter(map(seen.__getitem__, cells), dtype=np.float64, count=len(cells))
    except KeyError:  # new values: numbered in order of appearance
        for value in dict.fromkeys(cells):
            if value in seen:
                continue
            text = str(value)
            if text not in column.codes:
                column.codes[text] = column.following
                column.following += 1
            seen[value] = column.codes[text]
        codes = [seen[v] for v in cells]
    return np.array(codes, dtype="float64")


def _numbers(cells: Sequence[Any], limit: float) -> tuple[Any, int]:
    """The numbers the format holds (others missing) and how many it did not hold."""
    try:
        numbers = np.array(cells, dtype="float64")
    except (OverflowError, TypeError, ValueError):  # a whole number no float holds
        held = [_number_cell(v, limit) for v in cells]
        out_of_range = sum(n is None for n in held) - list(cells).count(None)
        return np.array(held, dtype="float64"), out_of_range
    with np.errstate(invalid="ignore"):
        beyond = ~((numbers > -limit) & (numbers <= limit)) & ~np.isnan(numbers)
    out_of_range = int(beyond.sum())
    if out_of_range:
        numbers[beyond] = np.nan
    return numbers, out_of_range


def _number_cell(value: Any, limit: float) -> float | None:
    """``value`` as a float the format holds, else None (missing)."""
    if value is None:
        return None
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        return None
    return number if -limit < number <= limit else None


def _days(cells: Sequence[Any]) -> Any:
    """Days since 1970 of each date cell (a text starting with an ISO date), else NaN."""
    days = {value: _day(value) for value in set(cells)}
    return np.array(list(map(days.__getitem__, cells)), dtype="float64")


def _day(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(date.fromisoformat(str(value)[:10]).toordinal() - _EPOCH)
    except ValueError:
        return None


def _texts(cells: Sequence[Any]) -> list[str]:
    """The cells as texts, missing as ``""``."""
    kinds = set(map(type, cells))
    if kinds <= {str}:
        return list(cells)
    if kinds <= {str, type(None)}:
        return [v or "" for v in cells]
    return ["" if v is None else str(v) for v in cells]


def _text_part(column: _Column, strings: list[str], fmt: StatFormat, spill: _Spill) -> _Part:
    """The texts joined by NUL bytes (a NUL in a text written as ``\\x00``), cut to the
    format's byte limit; the column's width grows to the longest."""
    joined = "\x00".join(strings)
    if joined.count("\x00") != len(strings) - 1:
        strings = [_text_cell(v) for v in strings]
        joined = "\x00".join(strings)
    data = joined.encode("utf-8")
    lengths = _lengths(np.frombuffer(data, dtype=np.uint8), len(strings))
    widest = int(lengths.max()) if len(lengths) else 0
    limit = fmt.text_limit
    if limit and widest > limit:
        cut = np.flatnonzero(lengths > limit)
        for i in cut.tolist():
            strings[i] = export_names.clip_bytes(strings[i], limit)
        column.cut += len(cut)
        data = "\x00".join(strings).encode("utf-8")
        lengths = _lengths(np.frombuffer(data, dtype=np.uint8), len(strings))
        widest = int(lengths.max())
    column.width = max(column.width, widest)
    return _Part(_BYTES, spill.put(data), max(widest, 1))


def _text_cell(text: str) -> str:
    """A NUL ends a text in Stata and SPSS files: written as the four characters ``\\x00``."""
    return text.replace("\x00", "\\x00") if "\x00" in text else text


def _lengths(data: Any, n: int) -> Any:
    """The byte length of each of the ``n`` texts of ``data`` (joined by NUL bytes)."""
    ends = np.append(np.flatnonzero(data == 0), len(data))
    starts = np.concatenate(([0], ends[:-1] + 1))
    assert len(ends) == n
    return ends - starts


# --- the variables, once every block is read --------------------------------------------
def _finish(
    columns: list[_Column],
    spill: _Spill,
    fmt: StatFormat,
    lang: str,
    changed: NoteCounter,
) -> list[StatVariable]:
    code: Lang = "vi" if lang == "vi" else "en"
    no, yes = t("no", code), t("yes", code)
    _, label_limit, value_limit = fmt.limits
    variables = []
    for i, column in enumerate(columns):
        col = column.col
        if column.mode == _UNDECIDED:
            set_numeric(col, column.kinds)
            if col.numeric:
                column.mode = _NUMBER
            elif col.qtype in DATE_TYPES:
                column.mode = _DATE
            else:
                column.mode = _TEXT
                for _rows, parts in spill.blocks:
                    if parts[i].tag == _NUMBERS:
                        longest = max(map(len, _numbers_as_texts(spill, parts[i])), default=0)
                        column.width = max(column.width, longest)
        kind: StatKind = "number"
        labels: dict[float, str] = {}
        measure = "nominal"
        if column.mode == _SELECT:
            texts = dict(col.choices)
            labels = {float(n): _text_cell(texts.get(c, c)) for c, n in column.codes.items()}
        elif column.mode == _FLAG:
            labels = {0.0: no, 1.0: yes}
        elif column.mode == _NUMBER:
            measure = "scale"
            changed.add("report.export_out_of_range", column.out_of_range, column=col.key,
                        format=fmt.title)  # fmt: skip
        elif column.mode == _DATE:
            kind, measure = "date", "scale"
        else:
            kind = "text"
            limit = fmt.text_limit
            changed.add("report.export_text_cut_bytes", column.cut, column=col.key,
                        format=fmt.title, limit=limit)  # fmt: skip
        variables.append(
            StatVariable(
                name=column.name,
                label=fmt.clip(col.label, label_limit),
                kind=kind,
                width=column.width if kind == "text" else 0,
                value_labels={n: fmt.clip(v, value_limit) for n, v in labels.items()},
                measure="scale" if measure == "scale" else "nominal",
            )
        )
    return variables


def _numbers_as_texts(spill: _Spill, part: _Part) -> list[bytes]:
    values = pickle.loads(spill.read(part.piece + 1))
    return [b"" if v is None else str(v).encode("utf-8") for v in values]


# --- reading the spill back -------------------------------------------------------------
def _read_blocks(columns: list[_Column], spill: _Spill) -> Iterator[list[Any]]:
    """Each block's arrays; a block whose texts are wide is given in fewer rows (its
    texts made fixed-width a slice at a time)."""
    for rows, parts in spill.blocks:
        loaded = [_load(c.mode, part, rows, spill) for c, part in zip(columns, parts, strict=True)]
        text_bytes = rows * sum(p.width for p in parts if p.tag == _BYTES)
        step = rows if text_bytes <= BLOCK_TEXT_BYTES else rows * BLOCK_TEXT_BYTES // text_bytes
        step = max(1, step)
        for start in range(0, rows, step):
            yield [_rows(x, start, min(rows, start + step)) for x in loaded]


class _Texts(NamedTuple):
    data: Any  # uint8: the texts joined by NUL bytes
    starts: Any
    lengths: Any


class _Placed(NamedTuple):
    """A column's texts in export order: each text at ``starts`` in ``data`` (not in
    order: made a slice at a time by gathering their bytes)."""

    data: Any  # uint8
    starts: Any
    lengths: Any


def _read_placed(columns: list[_Column], spill: _Spill) -> Iterator[list[Any]]:
    """The blocks of a table spilled by :func:`_spill_placed`, in export order: each
    group's pieces read one after the other, their rows put in place by their keys, then
    given :data:`PLACED_BLOCK` rows at a time (fewer where the texts are wide, as
    :func:`_read_blocks`)."""
    groups: dict[int, list[int]] = {}
    for i, (group, _keys) in enumerate(spill.placed):
        groups.setdefault(group, []).append(i)
    for group in sorted(groups):
        pieces = groups[group]
        keys = [np.frombuffer(spill.read(spill.placed[i][1]), dtype=np.int64) for i in pieces]
        every = np.concatenate(keys)
        rows = len(every)
        place = np.empty(rows, dtype=np.int64)  # each row's place in the group's order
        place[np.argsort(every)] = np.arange(rows)
        sizes = [len(k) for k in keys]
        del every, keys
        texts = [column.mode == _TEXT for column in columns]
        found: list[Any] = [[] if text else np.empty(rows) for text in texts]
        at = 0
        for i, n in zip(pieces, sizes, strict=True):
            where = place[at : at + n]
            at += n
            parts = spill.blocks[i][1]
            for c, column in enumerate(columns):
                loaded = _load(column.mode, parts[c], n, spill)
                if texts[c]:  # copied: a view would keep the block's whole piece
                    found[c].append(
                        loaded._replace(data=loaded.data.copy())
                        if isinstance(loaded, _Texts)
                        else _as_texts(loaded)
                    )
                else:
                    found[c][where] = loaded
        loaded_columns = [
            _placed_texts(found[c], place, sizes) if text else _remapped(column, found[c])
            for c, (column, text) in enumerate(zip(columns, texts, strict=True))
        ]
        del found, place
        # the texts still to gather (those held as numpy bytes are given as slices)
        widths = sum(max(1, int(x.lengths.max())) for x in loaded_columns if isinstance(x, _Placed))
        step = PLACED_BLOCK if not widths else max(1, min(PLACED_BLOCK, BLOCK_TEXT_BYTES // widths))
        for start in range(0, rows, step):
            stop = min(rows, start + step)
            yield [
                _gathered(x, start, stop) if isinstance(x, _Placed) else x[start:stop]
                for x in loaded_columns
            ]


#: Rows of a block given to a writer by :func:`_read_placed` at most.
PLACED_BLOCK = 4096


def _remapped(column: _Column, numbers: Any) -> Any:
    """A select_one's codes numbered again (:func:`_renumber`); other numbers as they are."""
    if column.remap is not None:
        given = ~np.isnan(numbers)
        numbers[given] = column.remap[numbers[given].astype(np.int64)]
    return numbers


def _placed_texts(pieces: list[_Texts], place: Any, sizes: list[int]) -> Any:
    """A column's texts of one group (its pieces in the order read, of ``sizes`` rows)
    put at their places: as numpy bytes of the widest where they take at most
    :data:`PLACED_TEXT_BYTES`, else as :class:`_Placed` (gathered a slice at a time)."""
    rows = len(place)
    width = max([1, *(int(t.lengths.max()) for t in pieces if len(t.lengths))])
    if rows * width <= PLACED_TEXT_BYTES:
        out = np.zeros(rows, dtype=f"S{width}")
        at = 0
        for t, n in zip(pieces, sizes, strict=True):
            out[place[at : at + n]] = _contiguous(t, 0, n)
            at += n
        return out
    offsets = np.cumsum([0] + [len(t.data) for t in pieces[:-1]])
    starts = np.empty(rows, dtype=np.int64)
    lengths = np.empty(rows, dtype=np.int64)
    starts[place] = np.concatenate(
        [t.starts + o for t, o in zip(pieces, offsets.tolist(), strict=True)]
    )
    lengths[place] = np.concatenate([t.lengths for t in pieces])
    return _Placed(np.concatenate([t.data for t in pieces]), starts, lengths)


#: The bytes of a text column of one group held as fixed-width numpy bytes at most (a
#: wider column's texts are gathered a slice at a time).
PLACED_TEXT_BYTES = 64 * 1024 * 1024


def _as_texts(values: Any) -> _Texts:
    """Texts loaded as numpy bytes (numbers of a text column, or none) as :class:`_Texts`."""
    found = values.tolist()
    lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    data = np.frombuffer(b"".join(found), dtype=np.uint8)
    return _Texts(data, np.cumsum(lengths) - lengths, lengths)


def _gathered(texts: _Placed, start: int, stop: int) -> Any:
    """Texts ``start:stop`` as numpy bytes of their widest, their bytes gathered."""
    lengths = texts.lengths[start:stop]
    starts = texts.starts[start:stop]
    width = max(1, int(lengths.max()))
    out = np.zeros((stop - start, width), dtype=np.uint8)
    total = int(lengths.sum())
    if total:
        before = np.cumsum(lengths) - lengths
        at = np.repeat(starts - before, lengths) + np.arange(total)
        out[np.arange(width) < lengths[:, None]] = texts.data[at]
    return out.view(f"S{width}").reshape(stop - start)


def _load(mode: int, part: _Part, rows: int, spill: _Spill) -> Any:
    tag = part.tag
    if tag == _EMPTY:
        return np.zeros(rows, dtype="S1") if mode == _TEXT else np.full(rows, np.nan)
    if tag == _FLOATS or (tag == _NUMBERS and mode == _NUMBER):
        return np.frombuffer(spill.read(part.piece), dtype="float64")
    if tag == _NUMBERS:
        values = pickle.loads(spill.read(part.piece + 1))
        if mode == _DATE:
            return _days(values)
        texts = [b"" if v is None else str(v).encode("utf-8") for v in values]
        return np.array(texts, dtype=f"S{max([1, *map(len, texts)])}")
    data = np.frombuffer(spill.read(part.piece), dtype=np.uint8)
    lengths = _lengths(data, rows)
    return _Texts(data, np.cumsum(lengths + 1) - lengths - 1, lengths)


def _rows(loaded: Any, start: int, stop: int) -> Any:
    """Rows ``start:stop`` of a loaded column: texts as numpy bytes of their widest."""
    if not isinstance(loaded, _Texts):
        return loaded[start:stop]
    return _contiguous(loaded, start, stop)


def _contiguous(texts: _Texts, start: int, stop: int) -> Any:
    """Texts ``start:stop`` of ``texts`` (in the order of their bytes) as numpy bytes of
    their widest."""
    lengths = texts.lengths[start:stop]
    first = int(texts.starts[start])
    data = texts.data[first : int(texts.starts[stop - 1] + lengths[-1])]
    width = max(1, int(lengths.max()))
    out = np.zeros((stop - start, width), dtype=np.uint8)
    out[np.arange(width) < lengths[:, None]] = data[data != 0]
    return out.view(f"S{width}").reshape(stop - start)
