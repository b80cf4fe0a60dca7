"""Markdown tables -> XLSForm workbook, for forms written as text (and for tests).

The layout is the one pyxform's own tests use: a row whose first cell is not empty
starts a sheet (``| survey |``); the following rows, with an empty first cell, are
that sheet's rows, the first of them being the header::

    | survey |         |      |            |
    |        | type    | name | label      |
    |        | integer | age  | Age?       |
    | choices |        |      |            |
    |        | list_name | name | label    |

The sheet row may also carry the header itself (``| survey | type | name |``). A blank
table row is a blank sheet row, so row numbers in messages match the table's lines.
Separator lines (``|---|---|``) and lines starting with ``#`` are skipped; ``\\|``
is a literal pipe inside a cell.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import Workbook

from fieldsurvey.errors import FormDefinitionError

Sheets = dict[str, list[list[str | None]]]

_SEPARATOR = re.compile(r"^[\s|:-]*-[\s|:-]*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str | None] | None:
    """The cells of one table line, or None when the line is not a table row."""
    text = line.strip()
    if not text.startswith("|") or _SEPARATOR.match(text):
        return None
    inner = text[1:-1] if text.endswith("|") and not text.endswith("\\|") else text[1:]
    cells: list[str | None] = []
    for raw in _UNESCAPED_PIPE.split(inner):
        value = raw.strip().replace("\\|", "|")
        cells.append(value if value else None)
    return cells


def markdown_to_sheets(md: str) -> Sheets:
    """Parse the markdown table into ``{sheet name: rows}`` (header row first)."""
    sheets: Sheets = {}
    current: list[list[str | None]] | None = None
    for line in md.splitlines():
        if line.lstrip().startswith("#"):
            continue
        cells = _cells(line)
        if cells is None or not cells:
            continue
        first, rest = cells[0], cells[1:]
        if first is not None:
            current = sheets.setdefault(first, [])
        if current is None:
            raise FormDefinitionError("forms.markdown_no_sheet_name")
        if current or any(cell is not None for cell in rest):
            current.append(rest)  # blank rows inside a sheet keep later row numbers true
    if not sheets:
        raise FormDefinitionError("forms.markdown_no_rows")
    return sheets


def sheets_to_workbook(sheets: Sheets) -> Workbook:
    """An openpyxl workbook with one worksheet per sheet, every cell a string."""
    workbook = Workbook()
    default = workbook.active
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(title=name)
        width = max((len(row) for row in rows), default=0)
        for row in rows:
            worksheet.append(list(row) + [None] * (width - len(row)))
    if default is not None:
        workbook.remove(default)
    return workbook


def markdown_to_xlsx_bytes(md: str) -> bytes:
    """The .xlsx file content for a markdown-table form."""
    buffer = io.BytesIO()
    sheets_to_workbook(markdown_to_sheets(md)).save(buffer)
    return buffer.getvalue()


def markdown_to_xlsx(md: str, dest: Path) -> Path:
    """Write the markdown-table form as an .xlsx file at ``dest``; returns ``dest``."""
    dest.write_bytes(markdown_to_xlsx_bytes(md))
    return dest
