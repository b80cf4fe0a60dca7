"""A streaming xlsx writer: each sheet's XML is written row by row into the zip file,
so a workbook of millions of cells takes little memory and about the time of a csv.

Why our own: for the exports' plain tables (a bold, frozen header row, then values) it
writes the same cells 15-20 times faster than xlsxwriter, which builds every cell
through several Python calls (docs/benchmarks.md, "Exports", has the comparison with
xlsxwriter, PyExcelerate and Rust-backed writers).

What it writes (ECMA-376, the parts Excel, LibreOffice and openpyxl need, nothing else):

- texts as inline strings (``<c t="inlineStr"><is><t>…</t></is></c>``): always text,
  never a formula, whatever they start with (``=``, ``+``, ``-``, ``@``);
- numbers as numbers (``<c><v>12.5</v></c>``), a whole number as its digits whether it
  came as 10 or 10.0 (the same number, the same cell, in any order); a whole number
  beyond what a float holds is written as its digits, as text (said in the notes);
- dates (``datetime.date`` values, and ISO ``YYYY-MM-DD`` texts in the columns named
  in ``date_columns``) as day numbers with a ``yyyy-mm-dd`` date style; a text that is
  no date stays text;
- ``None`` and ``""`` as an empty cell.

Cells carry no ``r`` reference: the spec (§18.3.1.4) makes it optional, a cell then
being the one after the previous one; rows do carry theirs. Without references a cell
is the same text wherever it is, so each distinct value is made into XML once per sheet
(a small cache, kept as UTF-8) and a row is one ``bytes.join``, never encoded again:
that is where the speed comes from. A stream that gives its blocks as columns (an
export's ``RowStream``) is written a column at a time: a column of mostly new plain texts
(names, uuids, times), which the cache would only miss, is made at once
(``xlsx_columns``); the bytes are the same.

Texts are escaped for XML (``& < >``); characters XML 1.0 forbids (control characters
but tab and line feed; U+FFFE, U+FFFF) and the carriage return are written as Excel
writes them, ``_xHHHH_``, and a text that itself holds such a pattern has its
underscore escaped (``_x005F_``), so Excel shows every text as it was. A text that
begins or ends with white space keeps it (``xml:space="preserve"``).

The zip uses deflate level 1 (fast; the file is still two thirds of xlsxwriter's) and no
ZIP64 extension unless a sheet may pass 2 GiB (Excel asks to repair a file whose small
parts carry it; rows given without a length are taken as possibly that large).
A sheet's blocks are deflated and written by a thread of their own while the next
block's XML is made (``write_behind``: zlib lets the GIL go), an eighth less wall time.

Limits, as Excel has them: a cell holds 32,767 characters (longer texts are cut, the
cut marked by ``…``) and a sheet 1,048,576 rows (the rows beyond are left out). What was
changed is returned per column (or, for rows, under the column ``-1``) as counts of
catalogue codes, for the export's notes.

API:
    XLSX_TEXT_LIMIT, XLSX_ROW_LIMIT
    Sheet(name, header, rows, date_columns=frozenset())
    write_workbook(path, sheets, *, on_rows=None, chunk=2000) -> list[dict[(column, code), n]]
"""

from __future__ import annotations

import errno
import math
import re
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from datetime import date
from itertools import chain, islice
from operator import call
from pathlib import Path
from typing import Any, NamedTuple

from fieldsurvey.reports.export_names import clip_chars
from fieldsurvey.reports.write_behind import WriteBehind
from fieldsurvey.reports.xlsx_columns import TEXT_CLOSE, TEXT_OPEN, text_cells

XLSX_TEXT_LIMIT = 32_767  # characters in a cell
XLSX_ROW_LIMIT = 1_048_576  # rows in a sheet, the header row included

CUT_CHARS = "report.export_text_cut_chars"
NUMBER_AS_TEXT = "report.export_number_as_text"
ROWS_CUT = "report.export_rows_cut"

Changed = dict[tuple[int, str], int]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ML = "application/vnd.openxmlformats-officedocument.spreadsheetml"

#: What XML cannot hold as it is: ``& < >``, the carriage return (a parser turns it into a
#: line feed), the control characters XML 1.0 forbids, U+FFFE/U+FFFF, lone surrogates
#: (not UTF-8), and ``_xHHHH_`` patterns (Excel's own escape, so escaped in turn).
_SPECIAL = re.compile(
    r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_x[0-9A-Fa-f]{4}_"
)
_ESCAPE = re.compile(r"[\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_NEEDS_ESCAPE = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]").search
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_EDGE_SPACE = " \t\n\r"
_EPOCH = date(1899, 12, 30).toordinal()  # day 0 of Excel's 1900 date system
#: ints up to this are written digit by digit (Excel keeps 15 significant digits)
_EXACT = 10**15

# styles: 0 the default, 1 bold (the header), 2 a date
_BOLD, _DATE = 1, 2
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


class Sheet(NamedTuple):
    """One sheet: its name (at most 31 characters, none of ``[]:*?/\\``; see
    ``export_names.sheet_names``), the header row and the rows (any iterable of
    sequences, read once). ``date_columns``: indexes of columns whose ISO-date texts are
    written as dates."""

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    date_columns: frozenset[int] = frozenset()


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return "_x005F_" if char == "_" else f"_x{ord(char):04X}_"


def xml_text(text: str) -> str:
    """``text`` as the content of a ``<t>`` element (see the module docstring)."""
    if _SPECIAL.search(text) is None:
        return text
    if _SURROGATE.search(text):  # not writable as UTF-8
        text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _ESCAPE.sub(_escape_char, text)


def _text_cell(text: str, style: str = "") -> str:
    body = xml_text(text)
    if text and (text[0] in _EDGE_SPACE or text[-1] in _EDGE_SPACE):
        return f'<c{style} t="inlineStr"><is><t xml:space="preserve">{body}</t></is></c>'
    return f'<c{style} t="inlineStr"><is><t>{body}</t></is></c>'


def _clip(text: str) -> str:
    return clip_chars(text, XLSX_TEXT_LIMIT)


def _digits(value: int) -> str:
    try:
        return str(value)
    except ValueError:  # more digits than Python converts (JSON cannot hold such either)
        digits = int(abs(value).bit_length() * math.log10(2))
        return f"{'-' if value < 0 else ''}~1e{digits}"


def _change(value: Any) -> str | None:
    """The note code for a value the sheet cannot hold as it is, or None."""
    kind = type(value)
    if kind is str:
        return CUT_CHARS if len(value) > XLSX_TEXT_LIMIT else None
    if kind is int and abs(value) > sys.float_info.max:
        return NUMBER_AS_TEXT
    return None


class _Cells(dict[Any, bytes]):
    """value -> its cell's XML (UTF-8: rows are joined as bytes, never encoded again),
    made on first use. A value the sheet changes (a text cut, a number written as text)
    is not kept, so each of them is seen (``changed``)."""

    LIMIT = 200_000  # values kept; then the cache starts again (memory stays small)
    LONG = 200  # longer texts are not kept: they seldom repeat

    def __init__(self) -> None:
        super().__init__()
        self.changed = False
        self.misses = 0  # values made (``_columns_xml`` counts them per column)

    def __missing__(self, value: Any) -> bytes:
        self.misses += 1
        if (
            type(value) is str  # the common case first: a plain text
            and 0 < len(value) <= self.LONG
            and _NEEDS_ESCAPE(value) is None
            and "_x" not in value
            and value[0] not in _EDGE_SPACE
            and value[-1] not in _EDGE_SPACE
        ):
            xml = (TEXT_OPEN + value + TEXT_CLOSE).encode()
        else:
            made = self.cell(value)
            if made is None:
                self.changed = True
                return self.changed_cell(value).encode()
            xml = made.encode()
        if type(value) is not str or len(value) <= self.LONG:
            if len(self) >= self.LIMIT:
                self.clear()
            self[value] = xml
        return xml

    @staticmethod
    def cell(value: Any) -> str | None:
        kind = type(value)
        if kind is str:
            if not value:
                return "<c/>"  # an empty text: an empty cell
            return _text_cell(value) if len(value) <= XLSX_TEXT_LIMIT else None
        if value is None:
            return "<c/>"
        if kind is int or kind is bool:
            if -_EXACT < value < _EXACT:
                return f"<c><v>{int(value)}</v></c>"
            if abs(value) > sys.float_info.max:
                return None
            return f"<c><v>{float(value)!r}</v></c>"
        if kind is float:
            if not math.isfinite(value):
                return "<c/>"
            if value.is_integer() and -_EXACT < value < _EXACT:
                # as the equal int: the cache holds one cell for 10 and 10.0 (equal keys),
                # so the first met would decide, and the file depend on the order
                return f"<c><v>{int(value)}</v></c>"
            return f"<c><v>{value!r}</v></c>"
        if kind is date:
            return f'<c s="{_DATE}"><v>{value.toordinal() - _EPOCH}</v></c>'
        if isinstance(value, int):  # a subclass (an enum, numpy's are not ints)
            return _Cells.cell(int(value))
        if isinstance(value, float):
            return _Cells.cell(float(value))
        text = str(value)
        return _text_cell(text) if len(text) <= XLSX_TEXT_LIMIT else None

    @staticmethod
    def changed_cell(value: Any) -> str:
        if type(value) is int:
            return _text_cell(_clip(_digits(value)))
        return _text_cell(_clip(str(value)))


class _Days(dict[Any, bytes]):
    """The cells of a date column: an ISO date text -> a date cell, else as ``cells``."""

    def __init__(self, cells: _Cells) -> None:
        super().__init__()
        self.cells = cells

    def __missing__(self, value: Any) -> bytes:
        if type(value) is not str or _DAY.fullmatch(value) is None:
            return self.cells[value]
        try:
            day = date.fromisoformat(value)
        except ValueError:  # 2026-13-45
            return self.cells[value]
        xml = f'<c s="{_DATE}"><v>{day.toordinal() - _EPOCH}</v></c>'.encode()
        if len(self) >= _Cells.LIMIT:
            self.clear()
        self[value] = xml
        return xml


def _sheet_xml(
    handle: Any,
    sheet: Sheet,
    selected: bool,
    on_rows: Callable[[int], None] | None,
    chunk: int,
) -> Changed:
    with WriteBehind(handle.write) as write:  # deflated beside the next block's XML
        return _sheet_parts(write, sheet, selected, on_rows, chunk)


def _sheet_parts(
    write: Callable[[bytes], None],
    sheet: Sheet,
    selected: bool,
    on_rows: Callable[[int], None] | None,
    chunk: int,
) -> Changed:
    view = ' tabSelected="1"' if selected else ""
    write(
        (
            f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheetViews><sheetView{view} workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
            '<row r="1">'
            + "".join(_text_cell(_clip(str(h)), f' s="{_BOLD}"') for h in sheet.header)
            + "</row>"
        ).encode()
    )
    cells = _Cells()
    get = cells.__getitem__
    dates = sorted(c for c in sheet.date_columns if 0 <= c < len(sheet.header))
    getters: list[Callable[[Any], bytes]] = [get] * len(sheet.header)
    for c in dates:
        getters[c] = _Days(cells).__getitem__
    changed: Changed = {}
    columns: Any = getattr(sheet.rows, "column_blocks", None)  # a stream's: column-wise
    blocks = getattr(sheet.rows, "blocks", None)  # else its rows, chained in C
    length = len(sheet.rows) if isinstance(sheet.rows, Sized) else -1
    by_columns = callable(columns) and length >= 0
    stream: Any = columns() if by_columns else blocks() if callable(blocks) else None
    try:
        if by_columns:
            left_out = _columns_xml(write, length, stream, getters, cells, changed, on_rows)
        else:
            rows = iter(sheet.rows) if stream is None else chain.from_iterable(stream)
            left_out = _rows_xml(write, sheet, rows, getters if dates else None, cells,
                                 changed, on_rows, chunk)  # fmt: skip
    finally:
        close = getattr(stream, "close", None)  # a generator's: its read ends (a
        if close is not None:  # transaction, the collector paused)
            close()
    if left_out:
        changed[-1, ROWS_CUT] = left_out
    write(b"</sheetData></worksheet>")
    return changed


def _rows_xml(
    write: Callable[[bytes], Any],
    sheet: Sheet,
    rows: Iterator[Sequence[Any]],
    getters: list[Callable[[Any], bytes]] | None,
    cells: _Cells,
    changed: Changed,
    on_rows: Callable[[int], None] | None,
    chunk: int,
) -> int:
    """Write the rows a sheet holds; how many were left out. Rows of a known number
    beyond what the sheet holds are counted, not read (at 1,000,000 interviews, two
    thirds of the members' table). ``getters``: each column's, where dates are made."""
    get = cells.__getitem__
    first = 2
    room = XLSX_ROW_LIMIT - 1
    while room > 0:
        block = list(islice(rows, min(chunk, room)))
        if not block:
            break
        if getters is not None:
            lines = [b"".join(map(call, getters, row)) for row in block]
        else:
            lines = [b"".join(map(get, row)) for row in block]
        if cells.changed:
            _count_changes(block, changed)
            cells.changed = False
        end = first + len(block)
        write(
            b"".join(
                [
                    b'<row r="%d">%b</row>' % (r, line)
                    for r, line in zip(range(first, end), lines, strict=True)
                ]
            )
        )
        first = end
        room -= len(block)
        if on_rows is not None and len(block) == chunk:
            on_rows(chunk)
    if isinstance(sheet.rows, Sized):
        return len(sheet.rows) - (first - 2)
    return sum(1 for _ in rows)


def _columns_xml(
    write: Callable[[bytes], Any],
    length: int,
    blocks: Iterator[list[Sequence[Any]]],
    getters: list[Callable[[Any], bytes]],
    cells: _Cells,
    changed: Changed,
    on_rows: Callable[[int], None] | None,
) -> int:
    """As :func:`_rows_xml`, for a table of ``length`` rows given as blocks of columns
    (a stream's ``column_blocks``): a column of plain texts made at once
    (``xlsx_columns.text_cells``) where most of its values are new to the cache (names,
    uuids, times: a miss is a Python call, about 1.5 µs), any other value by value
    through the cache (a hit is about 50 ns; the quick path 200-300 ns a cell). Which
    columns take the quick path is looked at again every ``RECHECK`` blocks."""
    plain = cells.__getitem__
    first = 2
    room = XLSX_ROW_LIMIT - 1
    quick = [False] * len(getters)  # mostly new values in its last block through the cache
    for k, block in enumerate(blocks):
        n = len(block[0]) if block else 0
        if n == 0:
            continue
        if n > room:
            block = [column[:room] for column in block]
            n = room
        made: list[Sequence[bytes]] = []
        for c, (column, get) in enumerate(zip(block, getters, strict=True)):
            if quick[c] and k % RECHECK:
                texts = text_cells(column, XLSX_TEXT_LIMIT)
                if texts is not None:
                    made.append(texts)
                    continue
            before = cells.misses
            made.append(list(map(get, column)))
            quick[c] = get == plain and (cells.misses - before) * 2 > n
        if cells.changed:
            _count_changes(list(zip(*block, strict=True)), changed)
            cells.changed = False
        end = first + n
        write(
            b"".join(
                [
                    b'<row r="%d">%b</row>' % (r, b"".join(line))
                    for r, line in zip(range(first, end), zip(*made, strict=True), strict=True)
                ]
            )
        )
        first = end
        room -= n
        if on_rows is not None:
            on_rows(n)
        if room == 0:
            break
    return length - (first - 2)


def _count_changes(block: list[Sequence[Any]], changed: Changed) -> None:
    for row in block:
        for c, value in enumerate(row):
            code = _change(value)
            if code is not None:
                changed[c, code] = changed.get((c, code), 0) + 1


#: blocks between two looks at which columns are mostly new values (``_columns_xml``)
RECHECK = 8
#: Estimated bytes of sheet XML per cell, generously (about 30 in the default survey).
_CELL_BYTES = 96


def _needs_zip64(sheet: Sheet) -> bool:
    """Whether a sheet's part may pass 2 GiB, which needs the ZIP64 extension. Only then:
    Excel asks to repair a small part written with it. Rows of unknown number: ZIP64."""
    rows = sheet.rows
    if not isinstance(rows, Sized):
        return True
    return len(rows) * max(len(sheet.header), 1) * _CELL_BYTES > zipfile.ZIP64_LIMIT


def _attr(text: str) -> str:
    return xml_text(text).replace('"', "&quot;")


def write_workbook(
    path: Path,
    sheets: Sequence[Sheet],
    *,
    on_rows: Callable[[int], None] | None = None,
    chunk: int = 2000,
    compresslevel: int = 1,
) -> list[Changed]:
    """Write ``sheets`` to the workbook ``path`` (the first sheet selected). ``on_rows(n)``
    is called after every ``chunk`` rows written (an exception raised there stops the
    writing; the caller removes the half-written file). Returns, per sheet, what was
    changed: (column index, note code) -> count; column -1 for rows left out."""
    n = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_ML}.worksheet+xml"/>'
        for i in range(1, n + 1)
    )
    parts = {
        "[Content_Types].xml": (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_ML}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_ML}.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'{_XML}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/>'
            '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
            + "".join(
                f'<sheet name="{_attr(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, s in enumerate(sheets, 1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML}<Relationships xmlns="{_PKG_REL}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, n + 1)
            )
            + f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": _STYLES,
    }
    results: list[Changed] = []
    with zipfile.ZipFile(
        path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel
    ) as book:
        for name, text in parts.items():
            book.writestr(name, text)
        for i, sheet in enumerate(sheets, 1):
            part = f"xl/worksheets/sheet{i}.xml"
            try:
                with book.open(part, "w", force_zip64=_needs_zip64(sheet)) as handle:
                    results.append(_sheet_xml(handle, sheet, i == 1, on_rows, chunk))
            except RuntimeError as exc:  # zipfile: a part over 2 GiB without ZIP64
                raise OSError(errno.EFBIG, f"{sheet.name}: {exc}") from exc
    return results
