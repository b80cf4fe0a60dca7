"""Read XLSForm sheets with pyxform's own workbook readers, keeping row numbers.

pyxform's JSON output has no row numbers, so the survey sheet is dealiased here a
second time, with pyxform's own header rules, and each node path is mapped to its
sheet row and its original (unrewritten) cells.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import xlrd
import xlrd.compdoc
from openpyxl import load_workbook
from pyxform import aliases, constants
from pyxform.errors import PyXFormError
from pyxform.parsing.sheet_headers import dealias_and_group_headers
from pyxform.question import MultipleChoiceQuestion
from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL, RE_SELECT, dealias_types
from pyxform.xls2json_backends import DefinitionData, get_xlsform

from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms.form_errors import FormSheetError, phrase, where
from fieldsurvey.forms.markdown_form import markdown_to_xlsx_bytes

#: File name suffixes we read, and the pyxform reader type used for each.
SUPPORTED_SUFFIXES = {".xlsx": ".xlsx", ".xlsm": ".xlsm", ".xls": ".xls", ".md": ".xlsx"}


@dataclass(frozen=True)
class SurveyRow:
    """One survey-sheet row: its 1-based sheet row and pyxform's dealiased cells."""

    row: int
    cells: dict[str, Any]


@dataclass
class RowIndex:
    """Survey rows by node path (``group/question``) and by name."""

    by_path: dict[str, SurveyRow] = field(default_factory=dict)
    by_name: dict[str, list[SurveyRow]] = field(default_factory=dict)

    def add(self, path: str, name: str, row: SurveyRow) -> None:
        self.by_path.setdefault(path, row)
        self.by_name.setdefault(name, []).append(row)

    def first_select_row(self) -> int | None:
        """Row of the first select question (what needs a choices sheet)."""
        rows = [r.row for r in self.by_path.values() if RE_SELECT.search(str(r.cells.get("type")))]
        return min(rows) if rows else None

    def row_of_name(self, name: str) -> int | None:
        rows = self.by_name.get(name)
        return rows[0].row if rows else None


def location(problem: str, sheet: str | None = None, row: int | None = None,
             column: str | None = None) -> str:  # fmt: skip
    """``"survey sheet, row 12, column 'relevant': problem"`` (parts left out if unknown)."""
    parts = []
    if sheet:
        parts.append(f"{sheet} sheet")
    if row is not None:
        parts.append(f"row {row}")
    if column:
        parts.append(f"column '{column}'")
    return f"{', '.join(parts)}: {problem}" if parts else problem


def read_workbook(data: bytes, filename: str) -> DefinitionData:
    """The workbook's sheets as pyxform reads them (``.xlsx``, ``.xls``, ``.md``).

    A file the spreadsheet readers cannot parse (a damaged zip, XML or OLE file, a
    markdown table that makes no valid workbook) is a FormDefinitionError naming the
    file and the reader's problem; no reader exception reaches the user."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in SUPPORTED_SUFFIXES:
        raise FormSheetError("forms.not_an_xlsform", file=filename)
    file_type = SUPPORTED_SUFFIXES[suffix]
    try:
        if suffix == ".md":
            data = markdown_to_xlsx_bytes(data.decode("utf-8"))
        definition = get_xlsform(io.BytesIO(data), file_type=file_type)
    except UnicodeDecodeError as exc:
        raise FormSheetError("forms.markdown_not_utf8", file=filename) from exc
    except PyXFormError as exc:
        message = str(exc)
        if message.startswith("Duplicate column header: "):
            header = message.removeprefix("Duplicate column header: ")
            sheet = _sheet_with_duplicate_header(data, file_type, header)
            raise FormSheetError(
                "forms.at",
                where=where(sheet, 1),
                problem=phrase("forms.duplicate_header", header=header),
            ) from exc
        raise FormSheetError(
            "forms.unreadable_workbook", file=filename, suffix=suffix, detail=message
        ) from exc
    except FormDefinitionError:
        raise
    except Exception as exc:  # the readers' own errors on a damaged file (zip, XML, OLE)
        detail = str(exc) or type(exc).__name__
        raise FormSheetError(
            "forms.unreadable_workbook", file=filename, suffix=suffix, detail=detail
        ) from exc
    definition.fallback_form_name = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return definition


def _sheet_with_duplicate_header(data: bytes, file_type: str, header: str) -> str | None:
    """Name of the XLSForm sheet whose first row repeats ``header`` (None if unknown)."""
    try:
        firsts = _first_rows(data, file_type)
    except Exception:  # the file was read once already; a second reader failing is not news
        return None
    for name, values in firsts.items():
        cleaned = [str(v).strip() for v in values if v not in (None, "")]
        if cleaned.count(header) > 1:
            return name
    return None


def _first_rows(data: bytes, file_type: str) -> dict[str, list[Any]]:
    firsts: dict[str, list[Any]] = {}
    if file_type == ".xls":
        book = xlrd.open_workbook(file_contents=data)
        for sheet in book.sheets():
            firsts[sheet.name] = sheet.row_values(0) if sheet.nrows else []
    else:
        book_x = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for ws in book_x.worksheets:
            first = next(ws.iter_rows(max_row=1, values_only=True), ())
            firsts[ws.title] = list(first)
        book_x.close()
    return firsts


def settings_cells(definition: DefinitionData) -> dict[str, str]:
    """The settings sheet's first row as strings, keyed by its own column headers."""
    rows = definition.settings or []
    return {str(k): str(v) for k, v in (rows[0] if rows else {}).items() if v is not None}


def index_survey_rows(definition: DefinitionData, default_language: str) -> RowIndex:
    """Map each survey node path to its row, the way pyxform walks the sheet."""
    settings = settings_cells(definition)
    strip = aliases.yes_no.get(settings.get("clean_text_values", "yes"), True)
    sheet = dealias_and_group_headers(
        sheet_name=constants.SURVEY,
        sheet_data=definition.survey or [],
        sheet_header=definition.survey_header or [],
        header_aliases=aliases.survey_header,  # type: ignore[arg-type]
        header_columns=set(MultipleChoiceQuestion.get_slot_names()),
        default_language=default_language,
        strip_whitespace=strip,
    )
    data = dealias_types(dict_array=[dict(row) for row in sheet.data])
    index = RowIndex()
    stack: list[str] = []
    for row_number, cells in enumerate(data, start=2):
        if not cells or aliases.yes_no.get(cells.get("disabled", "no")):
            continue
        kind = cells.get(constants.TYPE)
        if not kind or kind == "audit" or aliases.settings_header.get(kind):
            continue
        if RE_END_CONTROL.search(kind):
            if stack:
                stack.pop()
            continue
        name = cells.get(constants.NAME)
        if name is None and kind == "note":
            name = f"generated_note_name_{row_number}"
        if name is None:
            continue
        name = str(name)
        path = "/".join([*stack, name])
        index.add(path, name, SurveyRow(row_number, cells))
        if RE_BEGIN_CONTROL.search(kind):
            stack.append(name)
    return index


def external_choice_lists(
    definition: DefinitionData, default_language: str
) -> dict[str, list[dict[str, Any]]]:
    """The external_choices sheet grouped by list name (pyxform keeps it out of its JSON)."""
    if not definition.external_choices:
        return {}
    from pyxform.question import Option

    sheet = dealias_and_group_headers(
        sheet_name=constants.EXTERNAL_CHOICES,
        sheet_data=definition.external_choices,
        sheet_header=definition.external_choices_header or [],
        header_aliases=aliases.list_header,  # type: ignore[arg-type]
        header_columns=set(Option.get_slot_names()),
        default_language=default_language,
    )
    lists: dict[str, list[dict[str, Any]]] = {}
    for cells in sheet.data:
        list_name = cells.get(constants.LIST_NAME_S)
        if list_name and cells.get(constants.NAME) is not None:
            item = {k: v for k, v in cells.items() if k != constants.LIST_NAME_S}
            lists.setdefault(str(list_name), []).append(item)
    return lists


#: Saved times outside these years are placeholders (Excel writes 1601-01-01 for "none").
_PLAUSIBLE_YEARS = range(1990, 2200)
_CORE_TIME = re.compile(r"<dcterms:(modified|created)\b[^>]*>\s*([^<\s]+)\s*<")
#: OLE property ids of the SummaryInformation stream: last saved, created (FILETIME).
_PID_LAST_SAVED, _PID_CREATED, _VT_FILETIME = 13, 12, 64


def saved_time(data: bytes, filename: str) -> datetime | None:
    """When the workbook says it was last saved (else created), in UTC; None when the
    file does not record it (a markdown form, some generated files) or it is unreadable.

    Read from the file's own properties (``docProps/core.xml`` of an .xlsx, the
    SummaryInformation stream of an .xls), so the same file always gives the same time.
    """
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    try:
        if suffix in ("xlsx", "xlsm"):
            return _xlsx_saved_time(data)
        if suffix == "xls":
            return _xls_saved_time(data)
    except Exception:  # a damaged properties part: no saved time, nothing worse
        return None
    return None


def _plausible(moment: datetime | None) -> datetime | None:
    if moment is None or moment.year not in _PLAUSIBLE_YEARS:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _xlsx_saved_time(data: bytes) -> datetime | None:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        try:
            core = book.read("docProps/core.xml").decode("utf-8", "replace")
        except KeyError:
            return None
    found = {kind: text for kind, text in _CORE_TIME.findall(core)}
    for kind in ("modified", "created"):
        if kind in found:
            try:
                moment = _plausible(datetime.fromisoformat(found[kind]))
            except ValueError:
                continue
            if moment is not None:
                return moment
    return None


def _xls_saved_time(data: bytes) -> datetime | None:
    stream = xlrd.compdoc.CompDoc(data, logfile=io.StringIO()).get_named_stream(
        "\x05SummaryInformation"
    )
    if not stream:
        return None
    section = struct.unpack_from("<I", stream, 44)[0]  # first property set's offset
    count = struct.unpack_from("<I", stream, section + 4)[0]
    offsets = dict(
        struct.unpack_from("<II", stream, section + 8 + 8 * i) for i in range(min(count, 256))
    )
    for pid in (_PID_LAST_SAVED, _PID_CREATED):
        if pid not in offsets:
            continue
        kind, low, high = struct.unpack_from("<III", stream, section + offsets[pid])
        if kind != _VT_FILETIME:
            continue
        ticks = (high << 32) | low  # 100 ns since 1601-01-01 UTC
        moment = _plausible(datetime(1601, 1, 1, tzinfo=UTC) + timedelta(microseconds=ticks // 10))
        if moment is not None:
            return moment
    return None
