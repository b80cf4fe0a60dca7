"""Writing export tables as csv, xlsx, Stata .dta and SPSS .sav files.

- csv: one file per table, UTF-8 with a byte-order mark (Excel then shows Vietnamese),
  plus ``<form>-columns.csv``, a codebook of every column.
- xlsx: one workbook, one sheet per table and a ``columns`` codebook sheet, streamed
  row by row into the file by :mod:`fieldsurvey.reports.xlsx_stream`. Every text is a
  text cell (never a formula); numbers are numbers; date questions are Excel dates.
- Stata (format 118, UTF-8) and SPSS: one file per table, with variable labels; each
  table read once into numpy blocks spilled to a temporary file and written a block at
  a time (:mod:`stat_blocks`, :mod:`dta_writer`, :mod:`sav_writer`: the memory of one
  block at any size, no pyreadstat); a select_one is stored as a number
  with value labels (the choice's own number when every choice name of the list is a
  whole number, else its position in the list), a 0/1 column has the labels no/yes, a
  date question is a date.

Files of media answers (photos, signatures, recordings, documents) are written beside
the tables as ``media/<interview uuid>/<file name>``, the cell holding the file name (as
ODK Central does); forms with the ``audit`` meta question also get each interview's
``media/<interview uuid>/audit.csv`` (as ODK Collect writes it) and ``<form>-audit.csv``,
every interview's events with an ``instance ID`` column first (as Central exports them).

Each file is written to a temporary name and renamed into place; a file of the same
name is replaced. Files are named from form ids made safe as file names
(:func:`export_names.file_stems`: a path-like id such as ``../x`` never leaves the
folder).

No value an interview can hold stops an export; what a format cannot hold is changed
and said in ``ExportResult.warnings`` (:class:`ExportNote`, catalogue codes
``report.export_...``):

- numbers that are not finite (NaN, infinity, ``"NaN"`` texts) are left empty;
- Stata holds numbers up to about ±8.988e307, SPSS up to ±1.797e308 (not -1.797e308,
  its system-missing value): larger ones are left empty there (csv keeps them; xlsx
  writes a whole number too large for a float as text);
- an Excel sheet holds 1,048,576 rows: the rows beyond are left out of the xlsx file;
- texts: an Excel cell holds 32,767 characters and an SPSS string 32,767 bytes: longer
  texts are cut, the cut marked by ``…``; Stata writes texts of 2,045 bytes or more
  as strL, whole. A NUL character, which ends a text in Stata and SPSS, is written as
  ``\x00`` there. csv keeps every text as it is;
- interviews of a form that is not installed are left out, counted per form.

API:
    FORMATS; ExportResult
    export_workspace(ws, fmt, out, *, form_id=None, labels=False, lang="vi",
                     include_drafts=False, progress=None, cancel=None) -> ExportResult
    write_tables(tables, fmt, out, *, lang="vi", on_rows=None, notes=None) -> list[Path]
``notes``: a :class:`NoteCounter` that collects what the writers changed.
``on_rows(n)`` is called every few thousand rows written to xlsx (progress; a cancel
token's ``check()`` raised there stops the export and removes the half-written file).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pydantic import BaseModel, Field

from fieldsurvey.atomic_files import atomic_path
from fieldsurvey.errors import ReportError
from fieldsurvey.progress import CancelToken, Progress, ProgressCallback
from fieldsurvey.reports import export_names
from fieldsurvey.reports.export_tables import (
    ExportNote,
    ExportTable,
    NoteCounter,
    RowStream,
    media_references,
    row_blocks,
    stream_tables,
)
from fieldsurvey.reports.row_spill import SpillChanged
from fieldsurvey.reports.workspace_reader import (
    count_interviews,
    form_specs,
    installed_form_ids,
    read_interviews,
)
from fieldsurvey.reports.xlsx_stream import ROWS_CUT as XLSX_ROWS_CUT
from fieldsurvey.reports.xlsx_stream import XLSX_ROW_LIMIT, XLSX_TEXT_LIMIT, Sheet, write_workbook
from fieldsurvey.store import media, question_audit, report_rows

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

Format = Literal["csv", "xlsx", "stata", "spss"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "stata", "spss")


class TableInfo(BaseModel):
    name: str
    rows: int
    columns: int


class ExportResult(BaseModel):
    files: list[Path] = Field(default_factory=list)
    #: the files of media answers and audit logs written beside the tables
    media: list[Path] = Field(default_factory=list)
    tables: list[TableInfo] = Field(default_factory=list)
    #: What was changed or left out (values a format cannot hold, forms not installed).
    warnings: list[ExportNote] = Field(default_factory=list)


DATE_TYPES = frozenset({"date", "today"})
SPSS_TEXT_LIMIT = 32_767  # bytes in an SPSS string
STATA_NUMBER_LIMIT = 8.988465674311579e307  # the largest double Stata holds (not missing)
SPSS_NUMBER_LIMIT = sys.float_info.max  # -max is SPSS's system-missing value


def _stems(tables: Sequence[ExportTable]) -> dict[str, str]:
    return export_names.file_stems(list(dict.fromkeys(t.form_id for t in tables)))


def _stem(table: ExportTable, stems: dict[str, str]) -> str:
    form = stems.get(table.form_id) or export_names.file_stem(table.form_id)
    return form if not table.path else f"{form}-{export_names.file_stem(table.name)}"


def codebook(tables: Sequence[ExportTable]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows describing every column of every table."""
    head = ["table", "column", "type", "label", "choices"]
    rows = [
        [
            table.name,
            col.key,
            col.qtype or col.kind,
            col.label,
            "; ".join(f"{code}={text}" for code, text in col.choices),
        ]
        for table in tables
        for col in table.columns
    ]
    return head, rows


# --- csv and xlsx ------------------------------------------------------------------------
RowsCallback = Callable[[int], None]


def write_csv(
    tables: Sequence[ExportTable], folder: Path, on_rows: RowsCallback | None = None
) -> list[Path]:
    """One csv per table and a ``-columns`` codebook per form; ``on_rows`` is told each
    block of a table's rows written (progress; a cancel raises from it)."""
    written = []
    stems = _stems(tables)
    books = {t.form_id: [u for u in tables if u.form_id == t.form_id] for t in tables}
    items: list[tuple[str, list[str], Iterable[Sequence[Any]]]] = [
        (_stem(t, stems), [c.key for c in t.columns], t.rows) for t in tables
    ]
    counted = len(items)  # the tables' rows, not the codebooks'
    items += [(f"{stems[form]}-columns", *codebook(group)) for form, group in books.items()]
    for n, (stem, head, rows) in enumerate(items):
        path = folder / f"{stem}.csv"
        tell = on_rows if n < counted else None
        # UTF-8 with a byte-order mark written by hand: the "utf-8-sig" codec is encoded by
        # a Python function per write (a second per 400,000 rows), "utf-8" in C
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write("\ufeff")
            writer = csv.writer(handle)
            writer.writerow(head)
            if isinstance(rows, RowStream):  # a block's columns of texts: one write each
                for columns in rows.csv_blocks():
                    handle.write(csv_text(columns))
                    if tell is not None:
                        tell(len(columns[0]))
            else:
                for block in row_blocks(rows):
                    writer.writerows(block)
                    if tell is not None:
                        tell(len(block))
        written.append(path)
    return written


def csv_text(columns: Sequence[Sequence[str]]) -> str:
    """The csv text of a block of :meth:`RowStream.csv_blocks` (its columns of csv
    fields), byte for byte what csv.writer writes for the block's rows: the fields of
    a row joined by commas, each row ended by CRLF (a join per row: csv.writer's work
    cell by cell, character by character, was most of a csv export)."""
    if not columns or not columns[0]:
        return ""
    if len(columns) == 1:  # csv.writer writes a row of one empty cell as ""
        return "".join((v or '""') + "\r\n" for v in columns[0])
    return "\r\n".join(map(",".join, zip(*columns, strict=True))) + "\r\n"


def write_xlsx(
    tables: Sequence[ExportTable],
    path: Path,
    on_rows: RowsCallback | None = None,
    notes: NoteCounter | None = None,
) -> Path:
    """One workbook: a sheet per table, then the ``columns`` codebook; streamed into the
    file by :mod:`xlsx_stream` (no temporary files; a failure or a cancel leaves nothing
    behind). Date questions are Excel dates; texts are never formulas."""
    names = export_names.sheet_names([t.name for t in tables] + ["columns"])
    head, rows = codebook(tables)
    sheets = [
        Sheet(
            name,
            [c.key for c in table.columns],
            table.rows,
            frozenset(i for i, c in enumerate(table.columns) if c.qtype in DATE_TYPES),
        )
        for name, table in zip(names, tables, strict=False)
    ]
    sheets.append(Sheet(names[-1], head, rows))
    with atomic_path(path) as tmp:
        changes = write_workbook(tmp, sheets, on_rows=on_rows)
    if notes is not None:
        for sheet, changed in zip(sheets, changes, strict=True):
            for (column, code), n in changed.items():
                if code == XLSX_ROWS_CUT:
                    notes.add(code, n, file=path.name, table=sheet.name, limit=XLSX_ROW_LIMIT)
                    continue
                extra = {"limit": XLSX_TEXT_LIMIT} if code.endswith("_cut_chars") else {}
                notes.add(code, n, file=path.name, column=str(sheet.header[column]), **extra)
    return path


# --- Stata and SPSS ----------------------------------------------------------------------
class _StatFormat(NamedTuple):
    """How Stata and SPSS files differ: names, suffix, label limits."""

    names: Callable[[Sequence[str]], list[str]]
    suffix: str
    clip: Callable[[str, int], str]  # labels are limited in characters or in bytes
    limits: tuple[int, int, int]  # file label, variable label, value label
    title: str  # the format's name in notes
    number_limit: float  # the largest number held (its negative is the smallest)
    text_limit: int  # bytes in a text (0: no limit)


_STAT_FORMATS: dict[str, _StatFormat] = {
    "stata": _StatFormat(
        export_names.stata_names, ".dta", export_names.clip_chars, (80, 80, 32000), "Stata",
        STATA_NUMBER_LIMIT, 0,
    ),
    "spss": _StatFormat(
        export_names.spss_names, ".sav", export_names.clip_bytes, (64, 256, 120), "SPSS",
        SPSS_NUMBER_LIMIT, SPSS_TEXT_LIMIT,
    ),
}  # fmt: skip


def write_statistics(
    tables: Sequence[ExportTable],
    folder: Path,
    lang: str,
    fmt: Literal["stata", "spss"],
    notes: NoteCounter | None = None,
    on_rows: RowsCallback | None = None,
) -> list[Path]:
    """One Stata (.dta, format 118) or SPSS (.sav) file per table, with labels. Each
    table is read once into numpy blocks spilled to a temporary file
    (:mod:`stat_blocks`), then written a block at a time (:mod:`dta_writer`,
    :mod:`sav_writer`): the memory of one block, whatever the table's size."""
    from fieldsurvey.reports import dta_writer, sav_writer, stat_blocks

    spec = _STAT_FORMATS[fmt]
    write = dta_writer.write_dta if fmt == "stata" else sav_writer.write_sav
    stat_format = stat_blocks.StatFormat(
        spec.names, spec.clip, spec.limits, spec.title, spec.number_limit, spec.text_limit
    )
    stems = _stems(tables)
    written = []
    for table in tables:
        changed = NoteCounter()
        path = folder / f"{_stem(table, stems)}{spec.suffix}"
        with (
            stat_blocks.stat_table(table, stat_format, lang, changed, on_rows) as stat,
            atomic_path(path) as tmp,
        ):
            write(tmp, stat)
        written.append(path)
        if notes is not None:
            for note in changed.notes():
                params = {k: v for k, v in note.params.items() if k != "count"}
                notes.add(note.code, int(note.params["count"]), file=path.name, **params)
    return written


# --- files beside the tables ------------------------------------------------------------
MEDIA_FOLDER = "media"


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_media(
    ws: Workspace,
    refs: Sequence[tuple[str, str]],
    folder: Path,
    notes: NoteCounter,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """Write the files ``refs`` (interview uuid, file name) names into ``folder/media``,
    byte for byte as stored; a name the store does not hold is counted in ``notes``."""
    written: list[Path] = []
    missing = 0
    for uuid, name in refs:
        if cancel is not None:
            cancel.check()
        data = media.read(ws, uuid, name) if media.name_problem(name) is None else None
        if data is None:
            missing += 1
            continue
        path = folder / MEDIA_FOLDER / export_names.file_stem(uuid) / name
        _write_file(path, data)
        written.append(path)
    notes.add("media.export_missing", missing)
    return written


def write_audit_logs(
    ws: Workspace,
    uuids: Iterable[str],
    folder: Path,
    stem: str,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """Each interview's audit.csv (``media/<uuid>/audit.csv``) and ``<stem>-audit.csv``
    with all of them, ``instance ID`` first; nothing for interviews without one.
    ``uuids`` may be read twice (e.g. a StoredInterviews' uuids, read only when the
    workspace holds a file)."""
    with_audit = {i.interview_uuid for i in media.infos(ws.db, uuids) if i.name == media.AUDIT_FILE}
    if not with_audit:
        return []
    written: list[Path] = []
    rows: list[dict[str, str]] = []
    columns: set[str] = set()
    for uuid in uuids:
        if uuid not in with_audit:
            continue
        if cancel is not None:
            cancel.check()
        data = media.read(ws, uuid, media.AUDIT_FILE)
        parsed = question_audit.parse_csv(data or b"")
        if data is None or parsed is None:
            continue
        path = folder / MEDIA_FOLDER / export_names.file_stem(uuid) / media.AUDIT_FILE
        _write_file(path, data)
        written.append(path)
        for row in parsed:
            columns.update(row)
            rows.append({"instance ID": uuid, **row})
    if rows:
        head = ["instance ID", *(c for c in question_audit.ALL_COLUMNS if c in columns)]
        path = folder / f"{stem}-audit.csv"
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(head)
            writer.writerows([row.get(c, "") for c in head] for row in rows)
        written.append(path)
    return written


# --- whole workspace ---------------------------------------------------------------------
def write_tables(
    tables: Sequence[ExportTable],
    fmt: Format,
    out: Path,
    *,
    lang: str = "vi",
    on_rows: RowsCallback | None = None,
    notes: NoteCounter | None = None,
) -> list[Path]:
    """Write ``tables`` (of one or more forms) as ``fmt``: into the folder ``out``, or,
    for xlsx, to the workbook ``out`` when it ends in ``.xlsx`` (one form only)."""
    if fmt == "xlsx" and out.suffix.lower() == ".xlsx":
        if len({t.form_id for t in tables}) > 1:
            raise ReportError("sync.data.export_several_forms")
        _make_folder(out.parent)
        return [write_xlsx(tables, out, on_rows, notes)]
    if out.suffix.lower() in (".csv", ".xlsx", ".dta", ".sav", ".zip"):
        raise ReportError("sync.data.export_needs_folder", path=str(out))
    _make_folder(out)
    if fmt == "xlsx":
        stems = _stems(tables)
        return [
            write_xlsx([t for t in tables if t.form_id == f], out / f"{stem}.xlsx", on_rows, notes)
            for f, stem in stems.items()
        ]
    writers: dict[str, Callable[..., list[Path]]] = {
        "csv": lambda: write_csv(tables, out, on_rows),
        "stata": lambda: write_statistics(tables, out, lang, "stata", notes, on_rows),
        "spss": lambda: write_statistics(tables, out, lang, "spss", notes, on_rows),
    }
    if fmt not in writers:
        raise ReportError("sync.data.export_format_unknown", fmt=fmt, formats=FORMATS)
    return writers[fmt]()


class _Uuids:
    """The uuids of some interviews, read each time they are iterated (not at all when
    nobody asks: the audit logs ask only when the workspace holds a file)."""

    def __init__(self, interviews: Iterable[Any]) -> None:
        self.interviews = interviews

    def __iter__(self) -> Iterator[str]:
        return (iv.uuid for iv in self.interviews)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(
            "sync.data.folder_create_failed", folder=str(folder), detail=exc.strerror
        ) from exc


def export_workspace(
    ws: Workspace,
    fmt: Format,
    out: Path,
    *,
    form_id: str | None = None,
    labels: bool = False,
    lang: str = "vi",
    include_drafts: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Export the workspace's interviews (merged data on the coordinator, its own on a
    laptop) of ``form_id``, or of every form that has interviews. ``progress`` counts
    rows: read, then written; ``cancel`` stops it with nothing left behind."""
    notes = NoteCounter()
    if form_id is not None:
        forms = [form_id]
    else:
        forms = report_rows.forms_with_interviews(ws, include_drafts=include_drafts)
        if not forms:
            raise ReportError("sync.data.nothing_to_export")
        installed = installed_form_ids(ws)
        for form in [f for f in forms if f not in installed]:
            # one interview of a form nobody installed must not stop the whole export
            count = count_interviews(ws, form, include_drafts=include_drafts)
            notes.add("report.form_not_installed_skipped", count, form_id=form)
        forms = [f for f in forms if f in installed]
        if not forms:
            raise ReportError("sync.data.nothing_to_export")
    # one read transaction: the tables' rows are read in blocks while they are written
    with ws.reading():
        return _export(ws, fmt, out, forms, notes, labels, lang, include_drafts, progress, cancel)


def _export(
    ws: Workspace,
    fmt: Format,
    out: Path,
    forms: list[str],
    notes: NoteCounter,
    labels: bool,
    lang: str,
    include_drafts: bool,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> ExportResult:
    say = progress or (lambda _p: None)
    tables: list[ExportTable] = []
    refs: list[tuple[str, str]] = []
    exported: dict[str, _Uuids] = {}
    for form in forms:
        say(Progress(0, None, "report.export_reading", {"form": form}))
        interviews = read_interviews(ws, form, include_drafts=include_drafts)
        if cancel is not None:
            cancel.check()
        text_labels = labels and fmt in ("csv", "xlsx")
        specs = form_specs(ws, form)
        tables += stream_tables(interviews, specs, labels=text_labels, lang=lang, cancel=cancel)
        refs += media_references(interviews, specs)
        exported[form] = _Uuids(interviews)
    total = sum(len(t.rows) for t in tables)
    done = 0

    def on_rows(n: int) -> None:
        nonlocal done
        done += n
        if cancel is not None:
            cancel.check()
        say(Progress(min(done, total), total, "report.export_writing"))

    say(Progress(0, total, "report.export_writing"))
    try:
        files = write_tables(tables, fmt, Path(out), lang=lang, on_rows=on_rows, notes=notes)
    except SpillChanged as exc:
        raise ReportError("report.export_spill_changed") from exc
    except OSError as exc:
        raise ReportError(
            "sync.data.export_write_failed", path=str(out), detail=exc.strerror or str(exc)
        ) from exc
    stems = _stems(tables)
    single = fmt == "xlsx" and Path(out).suffix.lower() == ".xlsx"
    folder = Path(out).parent if single else Path(out)
    try:
        attached = write_media(ws, refs, folder, notes, cancel)
        for form, uuids in exported.items():
            stem = stems.get(form) or export_names.file_stem(form)
            attached += write_audit_logs(ws, uuids, folder, stem, cancel)
    except OSError as exc:
        raise ReportError(
            "sync.data.export_write_failed", path=str(folder), detail=exc.strerror or str(exc)
        ) from exc
    if attached:
        notes.add("media.export_files", len(attached), folder=str(folder / MEDIA_FOLDER))
    say(Progress(total, total, "report.export_done"))
    infos = [TableInfo(name=t.name, rows=len(t.rows), columns=len(t.columns)) for t in tables]
    renamed = [
        ExportNote(code="report.export_file_named", params={"form_id": f, "stem": stem})
        for f, stem in stems.items()
        if stem != f and not (fmt == "xlsx" and Path(out).suffix.lower() == ".xlsx")
    ]
    warnings = [n for t in tables for n in t.notes] + notes.notes() + renamed
    return ExportResult(files=files, media=attached, tables=infos, warnings=warnings)
