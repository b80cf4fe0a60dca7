"""Interviews -> one wide table per form and one per repeat, as ODK Central and
KoboToolbox export them.

Columns are named by group path (``location/ward``). A select_multiple gives its
space-separated codes (``health/care_where``) and one 0/1 column per choice
(``health/care_where/pharmacy``); with ``labels=True`` selects show choice labels in
``lang`` instead of codes (several joined by ``"; "``). Keys:

- the form's table: ``_uuid`` (the interview) and ``_index`` (row number, 1-based);
- a repeat's table: ``_uuid`` (its own key, ``<interview uuid>/household/members[2]``),
  ``_parent_uuid`` (the ``_uuid`` of the row it belongs to: the interview, or the
  enclosing repeat instance), ``_index`` (1-based position in its parent) and, for a
  repeat inside a repeat, ``_submission_uuid`` (the interview).

Interviews of several versions of a form share one table: the columns of the newest
version first, then those only older versions had. Interview metadata follows the
questions (``_ward``, ``_household_id``, ``_enumerator``, ...).

Any answer document builds a table: a value not shaped as the form says (a group sent
as a list, a list where one value goes, an unknown field) is a JSON text cell, at any
nesting depth; numbers that are not finite (NaN, infinity, ``"NaN"``) are left empty
and counted in ``ExportTable.notes``; a lone surrogate in a text becomes U+FFFD.

Media answers (image, audio, video, file) keep their file name in the cell, as ODK
Central exports them; the files themselves are written beside the tables, in
``media/<interview uuid>/<file name>`` (:func:`media_references` lists them).

API:
    ExportColumn, ExportTable, ExportInterview, ExportNote, NoteCounter
    build_tables(interviews, specs, *, labels=False, lang="vi") -> list[ExportTable]
    media_references(interviews, specs) -> list[(interview uuid, file name)]
Reading them from a workspace: :mod:`fieldsurvey.reports.workspace_reader`.
"""

from __future__ import annotations

import json
import math
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, Field

from fieldsurvey import messages
from fieldsurvey.errors import ReportError
from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, FormSpec, Node, Texts
from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.progress import CancelToken
from fieldsurvey.reports.columns import AnswerColumns
from fieldsurvey.reports.row_spill import RowSpill
from fieldsurvey.store import analysis_tables, export_scan, media

ColumnKind = Literal["key", "value", "flag", "meta"]
#: Question types that never hold an answer.
NO_DATA_TYPES = frozenset({"note", "trigger"})
NUMBER_TYPES = frozenset({"integer", "decimal", "range"})
META_FIELDS = (
    "ward", "household_id", "enumerator", "device_id", "status", "form_version",
    "created", "updated", "revision",
)  # fmt: skip


class ExportNote(BaseModel):
    """Something an export changed or left out, for the person exporting: a catalogue
    code (``report.export_...``) and its parameters (names, counts, never answers)."""

    code: str
    params: dict[str, str | int] = Field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        return messages.render(self.code, lang, **self.params)


class NoteCounter:
    """Counts notes of the same code and parameters; ``notes()`` adds ``count``."""

    def __init__(self) -> None:
        self._counts: Counter[tuple[str, tuple[tuple[str, str | int], ...]]] = Counter()

    def add(self, code: str, n: int = 1, **params: str | int) -> None:
        if n:
            self._counts[code, tuple(params.items())] += n

    def notes(self) -> list[ExportNote]:
        return [
            ExportNote(code=code, params={**dict(params), "count": n})
            for (code, params), n in self._counts.items()
        ]


class ExportColumn(BaseModel):
    #: The header in csv/xlsx: the group path (``location/ward``, ``_uuid``).
    key: str
    #: A short name for Stata/SPSS: the XLSForm name (flags: ``care_where_pharmacy``).
    name: str
    label: str = ""
    kind: ColumnKind
    #: The question type (``select_one``, ``integer``, ...); ``flag`` for 0/1 columns.
    qtype: str = ""
    #: (code, label) of a select's choices, in list order (codes, not labels, are stored).
    choices: list[tuple[str, str]] = Field(default_factory=list)
    #: Every value is a number or missing (set after the rows are built).
    numeric: bool = False


@dataclass
class ExportTable:
    """One table. A dataclass: its rows (millions of cells) are not validated."""

    name: str
    form_id: str
    #: The repeat's path; "" for the form's own table.
    path: str
    label: str
    columns: list[ExportColumn]
    #: The rows: a list, or a :class:`RowStream` reading them from the workspace in
    #: chunks each time it is iterated (exports of a workspace).
    rows: list[list[Any]] | RowStream = field(default_factory=list)
    #: What building the table changed (e.g. NaN left empty); for a RowStream, set
    #: once it has been read to the end.
    notes: list[ExportNote] = field(default_factory=list)


#: How a :class:`RowStream` gives a block: its rows; its columns; its rows with the 0/1
#: cells of choices as texts; its columns as the texts a csv writer writes (``csv_blocks``).
Shape = Literal["rows", "columns", "text rows", "csv"]
#: A cut of :meth:`RowStream.placed_blocks`: its rows' interviews' places, its columns.
Placed = tuple[list[int], list[Sequence[Any]]]


class RowStream:
    """A table's rows, read from the workspace in blocks of a few thousand each time it
    is iterated (an export of 1,000,000 interviews never holds its tables). Its length
    is known before reading (``len``); ``blocks()`` gives the rows a block at a time."""

    def __init__(
        self,
        length: int,
        blocks: Callable[[Shape], Iterator[list[Sequence[Any]]]],
        placed: Callable[[int], Iterator[Placed]] | None = None,
    ) -> None:
        self.length = length
        self._blocks = blocks
        self._placed = placed

    @property
    def placed(self) -> bool:
        """Whether :meth:`placed_blocks` gives the rows (a large table in scattered order)."""
        return self._placed is not None

    def __len__(self) -> int:
        return self.length

    def blocks(self) -> Iterator[list[Sequence[Any]]]:
        return self._blocks("rows")

    def column_blocks(self) -> Iterator[list[Sequence[Any]]]:
        """The rows a block at a time, each block as its columns (a list of one sequence
        per column; blocks without rows left out): for writers that take columns."""
        return self._blocks("columns")

    def text_blocks(self) -> Iterator[list[Sequence[Any]]]:
        """As :meth:`blocks`, the 0/1 cells of select_multiple choices as the texts
        ``"0"``/``"1"`` where that is quicker to make."""
        return self._blocks("text rows")

    def csv_blocks(self) -> Iterator[list[Sequence[str]]]:
        """As :meth:`column_blocks`, every cell as its csv field: the text csv.writer
        writes for it (``""`` for a missing value, ``str()`` of a number, quoted where
        the excel dialect quotes); the fields of a select_multiple's cell and its 0/1
        cells may come as one column, joined by commas. ``export_writers.csv_text``
        joins a block's rows. Made column by column where the cells are worked out (a
        choice's fields once per distinct answer), not cell by cell by a writer."""
        return self._blocks("csv")

    def placed_blocks(self, group: int) -> Iterator[Placed]:
        """Only where :attr:`placed`: the rows in the order they are stored, a batch at a
        time, each batch's rows cut by group of ``group`` interviews of the export order
        (0 to group - 1, ...), each cut as ``(owners, columns)``: the place in the export
        order of each row's interview (0 the first), then the columns as
        :meth:`column_blocks` gives them. Put in export order, by owner then in the order
        given (a repeat's rows of one interview come in their order), they are
        :meth:`column_blocks`'s rows. For a writer that puts its rows in order itself, at
        less cost than reading a scattered order block by block (``stat_blocks``)."""
        assert self._placed is not None
        return self._placed(group)

    def __iter__(self) -> Iterator[Sequence[Any]]:
        for block in self._blocks("rows"):
            yield from block


def row_blocks(rows: Iterable[Sequence[Any]], size: int = 2000) -> Iterator[list[Sequence[Any]]]:
    """``rows`` a block at a time (a RowStream's own blocks; a list's slices)."""
    if isinstance(rows, RowStream):
        yield from rows.blocks()
    elif isinstance(rows, list):
        for start in range(0, len(rows), size):
            yield rows[start : start + size]
    else:
        it = iter(rows)
        while block := list(islice(it, size)):
            yield block


def set_numeric(column: ExportColumn, kinds: set[type]) -> None:
    """Whether ``column`` is numeric, from the value types of its (tidied) cells."""
    if column.kind == "flag" or column.key == "_index":
        column.numeric = True
    elif column.kind != "key" and column.qtype not in ("select_one", "select_multiple"):
        # a float left after tidying is a finite one; any text makes the column text
        column.numeric = (int in kinds or float in kinds) and str not in kinds


class ExportInterview(NamedTuple):
    uuid: str
    form_version: str
    status: str
    ward: str
    household_id: str
    enumerator: str
    device_id: str
    created: str
    updated: str
    revision: int
    answers: dict[str, Any]


def pick_label(texts: Texts, lang: str, spec: FormSpec) -> str:
    """The text in ``lang`` (a language name, or its code as in ``"Tiếng Việt (vi)"``)."""
    for key, value in texts.items():
        if value and (key == lang or key.endswith(f"({lang})")):
            return value
    for key in (spec.default_language, DEFAULT_LANG):
        if texts.get(key):
            return texts[key]
    return next((v for v in texts.values() if v), "")


@dataclass
class _Plan:
    """The questions of one table, and the repeats below it."""

    node: Node | None
    rel: str  # path of the repeat relative to its parent's instance ("" for the form)
    fields: list[tuple[Node, str]] = field(default_factory=list)  # (node, path in instance)
    children: list[_Plan] = field(default_factory=list)


_PLAIN, _NUMBER, _ONE_LABEL, _MULTIPLE = range(4)


class _Reader(NamedTuple):
    rel: str
    qtype: str
    mode: int
    codes: list[str]
    labels: dict[str, str]


class _Merged:
    """The union of several versions of one form: nodes by path, choice lists by name."""

    def __init__(self, specs: Sequence[FormSpec]) -> None:
        self.spec = specs[0]
        self.root = _Plan(None, "")
        self.choices: dict[str, dict[str, Choice]] = {}
        plans: dict[str, _Plan] = {"": self.root}
        seen: set[str] = set()
        for spec in specs:
            self._walk(spec.children, self.root, "", plans, seen)
            for list_name, items in spec.choices.items():
                known = self.choices.setdefault(list_name, {})
                for choice in items:
                    known.setdefault(choice.name, choice)

    def _walk(
        self, nodes: list[Node], plan: _Plan, base: str, plans: dict[str, _Plan], seen: set[str]
    ) -> None:
        for node in nodes:
            rel = node.path[len(base) :].lstrip("/") if base else node.path
            if node.kind == "repeat":
                child = plans.get(node.path)
                if child is None:
                    child = plans[node.path] = _Plan(node, rel)
                    plan.children.append(child)
                self._walk(node.children, child, node.path, plans, seen)
            elif node.kind == "group":
                self._walk(node.children, plan, base, plans, seen)
            elif node.type not in NO_DATA_TYPES and node.path not in seen:
                seen.add(node.path)
                plan.fields.append((node, rel))


class _Builder:
    def __init__(self, specs: Sequence[FormSpec], labels: bool, lang: str) -> None:
        if not specs:
            raise ReportError("report.no_form_definition")
        self.merged = _Merged(specs)
        self.spec = specs[0]
        self.labels = labels
        self.lang = lang
        self.tables: dict[int, ExportTable] = {}
        self._pairs: dict[str, list[tuple[str, str]]] = {}
        self._readers: dict[int, list[_Reader]] = {}
        self._fields: dict[int, dict[Any, str]] = {}

    def csv_fields(self, reader: _Reader) -> dict[Any, str]:
        """A choice question's stored answer -> its csv field(s) (:func:`_csv_cells`),
        kept while the export runs (the answers of a campaign repeat), up to a bound."""
        made = self._fields.setdefault(id(reader), {})
        if len(made) > CSV_FIELDS_KEPT:
            made.clear()
        return made

    def text(self, texts: Texts) -> str:
        return pick_label(texts, self.lang, self.spec)

    def choice_pairs(self, node: Node) -> list[tuple[str, str]]:
        """(code, label) of the node's choices; cached per question."""
        pairs = self._pairs.get(node.path)
        if pairs is None:
            items = self.merged.choices.get(node.choices or "", {})
            pairs = [(c.name, self.text(c.label) or c.name) for c in items.values()]
            self._pairs[node.path] = pairs
        return pairs

    def columns(self, plan: _Plan, nested: bool) -> list[ExportColumn]:
        if plan.node is None:
            cols = [
                ExportColumn(key="_uuid", name="_uuid", label="Interview id", kind="key"),
                ExportColumn(key="_index", name="_index", label="Row number", kind="key"),
            ]
        else:
            cols = [
                ExportColumn(key="_uuid", name="_uuid", label="Row id", kind="key"),
                ExportColumn(key="_parent_uuid", name="_parent_uuid", label="Parent row id",
                             kind="key"),
                ExportColumn(key="_index", name="_index", label="Position in parent", kind="key"),
            ]  # fmt: skip
            if nested:
                cols.append(
                    ExportColumn(key="_submission_uuid", name="_submission_uuid",
                                 label="Interview id", kind="key")
                )  # fmt: skip
        for node, _rel in plan.fields:
            label = self.text(node.label) or node.name
            pairs = self.choice_pairs(node) if node.type.startswith("select_") else []
            cols.append(ExportColumn(key=node.path, name=node.name, label=label, kind="value",
                                     qtype=node.type, choices=pairs))  # fmt: skip
            if node.type == "select_multiple":
                for code, text in pairs:
                    cols.append(ExportColumn(key=f"{node.path}/{code}", name=f"{node.name}_{code}",
                                             label=f"{label}: {text}", kind="flag", qtype="flag",
                                             numeric=True))  # fmt: skip
        if plan.node is None:
            cols += [
                ExportColumn(key=f"_{m}", name=f"_{m}", label=m.replace("_", " "), kind="meta")
                for m in META_FIELDS
            ]
        return cols

    def setup(self, plan: _Plan, nested: bool = False) -> None:
        node = plan.node
        name = self.spec.form_id if node is None else node.name
        label = self.spec.title if node is None else (self.text(node.label) or node.name)
        self.tables[id(plan)] = ExportTable(
            name=name,
            form_id=self.spec.form_id,
            path="" if node is None else node.path,
            label=label,
            columns=self.columns(plan, nested),
        )
        for child in plan.children:
            self.setup(child, nested=node is not None)

    def readers(self, plan: _Plan) -> list[_Reader]:
        found = self._readers.get(id(plan))
        if found is None:
            found = []
            for node, rel in plan.fields:
                mode = _PLAIN
                if node.type == "select_multiple":
                    mode = _MULTIPLE
                elif node.type == "select_one" and self.labels:
                    mode = _ONE_LABEL
                elif node.type in NUMBER_TYPES:
                    mode = _NUMBER
                pairs = self.choice_pairs(node) if node.type.startswith("select_") else []
                found.append(_Reader(rel, node.type, mode, [c for c, _ in pairs], dict(pairs)))
            self._readers[id(plan)] = found
        return found

    def values(self, plan: _Plan, doc: dict[str, Any]) -> list[Any]:
        """The cells of one row (the form, or one repeat instance), in column order."""
        flat: dict[str, Any] = {}
        _flatten(doc, "", flat)
        get = flat.get
        out: list[Any] = []
        append = out.append
        for reader in self.readers(plan):
            value = get(reader.rel)
            mode = reader.mode
            if value is None and mode != _MULTIPLE:
                append(None)
            elif mode == _PLAIN:
                kind = type(value)
                if kind is str or kind is int or kind is float:
                    append(value if value != "" else None)
                else:
                    append(_scalar(value, reader.qtype))
            elif mode == _MULTIPLE:
                codes = _codes(value)
                if codes is None:
                    out.extend([None] * (len(reader.codes) + 1))
                    continue
                append(self._select_text(codes, reader.labels))
                chosen = set(codes)
                out.extend([1 if code in chosen else 0 for code in reader.codes])
            elif mode == _ONE_LABEL and value != "":
                append(reader.labels.get(str(value), str(value)))
            else:
                append(_scalar(value, reader.qtype))
        return out

    def _select_text(self, codes: list[str], labels: dict[str, str]) -> str:
        if not self.labels:
            return " ".join(codes)
        return "; ".join(labels.get(code, code) for code in codes)

    def add(
        self,
        plan: _Plan,
        iv: ExportInterview,
        doc: dict[str, Any],
        key: str,
        sink: dict[int, list[list[Any]]],
    ) -> None:
        """The rows of the repeats below ``plan`` in ``doc``, into ``sink`` (by plan id)."""
        for child in plan.children:
            items = _get(doc, child.rel)
            if not isinstance(items, list):
                continue
            rows = sink[id(child)]
            nested = plan.node is not None
            for i, item in enumerate(items, 1):
                if not isinstance(item, dict):
                    continue
                own = f"{key}/{child.rel}[{i}]"
                keys: list[Any] = [own, key, i] + ([iv.uuid] if nested else [])
                rows.append(keys + self.values(child, item))
                self.add(child, iv, item, own, sink)

    def document_rows(self, iv: ExportInterview, n: int) -> dict[int, list[list[Any]]]:
        """The rows an interview read as a document gives each table (by plan id), as
        numbered ``n`` in the form's table; not tidied."""
        root = self.merged.root
        sink: dict[int, list[list[Any]]] = {id(p): [] for p in _plans(root)}
        meta = [getattr(iv, m) for m in META_FIELDS]
        sink[id(root)].append([iv.uuid, n, *self.values(root, iv.answers), *meta])
        self.add(root, iv, iv.answers, iv.uuid, sink)
        return sink


def _flatten(doc: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    """``out[path] = value`` for every leaf below ``doc`` (no recursion: any depth)."""
    stack = [(doc, prefix)]
    while stack:
        node, base = stack.pop()
        for name, value in node.items():
            if isinstance(value, dict):
                stack.append((value, f"{base}{name}/"))
            else:
                out[base + str(name)] = value


def _get(doc: dict[str, Any], path: str) -> Any:
    node: Any = doc
    for step in path.split("/"):
        if not isinstance(node, dict):
            return None
        node = node.get(step)
    return node


def _codes(value: Any) -> list[str] | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).split()


def _scalar(value: Any, qtype: str) -> Any:
    """A cell: number, text or None (missing)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if qtype in NUMBER_TYPES and isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return value
    if isinstance(value, float) and qtype == "integer" and value.is_integer():
        return int(value)
    if isinstance(value, int | float | str):
        return value
    return json_text(value)


def json_text(value: Any) -> str:
    """``value`` as JSON text; one nested too deep to write says so (``[…]``)."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (RecursionError, ValueError, TypeError):
        return "[…]" if isinstance(value, list) else "{…}"


def _clean_text(text: str) -> str:
    """``text`` writable as UTF-8: a lone surrogate (JSON ``"\\ud800"``) becomes U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text


def _tidy(table: ExportTable) -> None:
    """Every cell writable in every format: numbers that are not finite (NaN, infinity,
    from ``"NaN"`` or ``1e400`` answers) left empty and counted, texts encodable; then
    which columns are numeric. Each column is looked at as a whole first (its value
    types, one encoding of all its texts): cell by cell only where something needs it."""
    counter = NoteCounter()
    rows = table.rows
    assert isinstance(rows, list)
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(table.columns)
    for i, column in enumerate(table.columns):
        if column.kind == "flag" or column.key == "_index":
            column.numeric = True
            continue
        set_numeric(column, _fixed(table, rows, columns[i], i, counter))
    table.notes = counter.notes()


def _fixed(
    table: ExportTable, rows: list[list[Any]], values: Sequence[Any], i: int, counter: NoteCounter
) -> set[type]:
    """Fix column ``i`` of ``rows`` (``values``: its cells); the value types after."""
    kinds = set(map(type, values))
    if str in kinds and not _encodable(values, kinds):
        for row in rows:
            value = row[i]
            if type(value) is str and not value.isascii():
                row[i] = _clean_text(value)
    if float in kinds and not all(map(math.isfinite, (v for v in values if type(v) is float))):
        for row in rows:
            value = row[i]
            if type(value) is float and not math.isfinite(value):
                row[i] = None
                key = table.columns[i].key
                counter.add("report.export_not_finite", table=table.name, column=key)
        kinds = set(map(type, (row[i] for row in rows)))
    return kinds


def _encodable(values: Sequence[Any], kinds: set[type]) -> bool:
    """Whether every text of a column encodes as UTF-8 (no lone surrogate), in one go."""
    texts = (
        filter(None, values)
        if kinds <= {str, type(None)}
        else (v for v in values if type(v) is str)
    )
    try:
        "".join(texts).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def build_tables(
    interviews: Iterable[ExportInterview],
    specs: Sequence[FormSpec],
    *,
    labels: bool = False,
    lang: str = "vi",
) -> list[ExportTable]:
    """The form's table then one per repeat (depth first), their rows in lists.
    ``specs``: the versions of one form, newest first; ``interviews``: of that form, in
    the order to write them. Interviews read from a workspace
    (``workspace_reader.read_interviews``) are read from its analysis tables, as
    columns, when they can give them (:func:`stream_tables`, read whole)."""
    builder = _Builder(specs, labels, lang)
    source = _source(builder, interviews)
    with _snapshot(source), gc_paused():
        tables = _tables(builder, interviews, source)
        for table in tables:
            if isinstance(table.rows, RowStream):
                table.rows = [list(row) for block in table.rows.blocks() for row in block]
                columns = list(zip(*table.rows, strict=True))
                for i, column in enumerate(table.columns):
                    set_numeric(column, set(map(type, columns[i])) if columns else set())
    return tables


def stream_tables(
    interviews: Iterable[ExportInterview],
    specs: Sequence[FormSpec],
    *,
    labels: bool = False,
    lang: str = "vi",
    cancel: CancelToken | None = None,
) -> list[ExportTable]:
    """As :func:`build_tables`, but the tables of interviews read from a workspace's
    analysis tables have :class:`RowStream` rows: read in blocks, in the interviews'
    order, each time they are iterated. Call it and read the rows within one
    ``ws.reading()`` (every block then sees the state the tables were set up in).
    Their columns' ``numeric`` is not set (the Stata and SPSS writers work it out from
    the cells). Other interviews (drafts, plain models, tables behind the form's
    versions) give lists, as :func:`build_tables` does. ``cancel`` is checked while a
    large table is read whole before its first block (a minute at 1,000,000 interviews:
    the writers check it between blocks)."""
    builder = _Builder(specs, labels, lang)
    source = _source(builder, interviews)
    with _snapshot(source):
        return _tables(builder, interviews, source, cancel)


def _source(builder: _Builder, interviews: Iterable[ExportInterview]) -> AnswerColumns | None:
    """The interviews' analysis tables, when they hold every question the export reads."""
    analysis = getattr(interviews, "analysis", None)
    source = analysis() if callable(analysis) else None
    return source if source is not None and _matches(builder, source) else None


def _snapshot(source: AnswerColumns | None) -> AbstractContextManager[object]:
    return nullcontext() if source is None else source.snapshot()


def _tables(
    builder: _Builder,
    interviews: Iterable[ExportInterview],
    source: AnswerColumns | None,
    cancel: CancelToken | None = None,
) -> list[ExportTable]:
    root = builder.merged.root
    builder.setup(root)
    if source is not None:
        with gc_paused():
            _Streamed(builder, source, cancel)
        return list(builder.tables.values())
    with gc_paused():
        sink: dict[int, list[list[Any]]] = {id(p): [] for p in _plans(root)}
        for n, iv in enumerate(interviews, 1):
            meta = [getattr(iv, m) for m in META_FIELDS]
            sink[id(root)].append([iv.uuid, n, *builder.values(root, iv.answers), *meta])
            builder.add(root, iv, iv.answers, iv.uuid, sink)
        for plan in _plans(root):
            builder.tables[id(plan)].rows = sink[id(plan)]
        tables = list(builder.tables.values())
        for table in tables:
            _tidy(table)
    return tables


def _plans(plan: _Plan) -> list[_Plan]:
    return [plan, *(p for child in plan.children for p in _plans(child))]


def _matches(builder: _Builder, source: AnswerColumns) -> bool:
    """Whether the tables hold every question the export reads, where it reads it."""
    for plan in _plans(builder.merged.root):
        path = "" if plan.node is None else plan.node.path
        if path and not source.has_repeat(path):
            return False
        if any(not source.has_field(rel, path) for _node, rel in plan.fields):
            return False
    return True


def _cells(
    builder: _Builder,
    plan: _Plan,
    raw: Sequence[Sequence[Any]],
    flags: tuple[Any, Any] = (0, 1),
) -> list[Sequence[Any]]:
    """The cells of each reader's column(s), column by column, from the stored values
    (what :meth:`_Builder.values` gives for each row, without a row at a time); a
    choice's 0/1 cells as ``flags`` (not chosen, chosen) where they are made per answer."""
    out: list[Sequence[Any]] = []
    for reader, col in zip(builder.readers(plan), raw, strict=True):
        out += _reader_cells(builder, reader, col, flags)
    return out


def _reader_cells(
    builder: _Builder, reader: _Reader, col: Sequence[Any], flags: tuple[Any, Any]
) -> list[Sequence[Any]]:
    """The cells of one reader's column(s) (:func:`_cells`)."""
    mode, qtype = reader.mode, reader.qtype
    if mode == _PLAIN:
        return [[None if v == "" else v for v in col] if "" in col else col]
    if mode == _NUMBER:
        whole = qtype == "integer"  # a whole float is an int there
        kinds = set(map(type, col))
        if kinds <= ({int, NONE} if whole else {int, float, NONE}):
            return [col]  # nothing to change (looked at in C)
        return [
            [
                v
                if v is None or type(v) is int or (type(v) is float and not whole)
                else _scalar(v, qtype)
                for v in col
            ]
        ]
    if mode == _ONE_LABEL:
        names = reader.labels
        if set(map(type, col)) <= _STR_OR_NONE:  # each text looked up once
            shown = {v: names.get(v, v) if v else None for v in set(col)}
            return [list(map(shown.__getitem__, col))]
        return [[None if v is None or v == "" else names.get(str(v), str(v)) for v in col]]
    if col and set(map(type, col)) <= _STR_OR_NONE:
        # _MULTIPLE, each distinct answer made once: its cell and its 0/1 cells
        made = {v: _multiple_cells(v, reader, builder.labels, flags) for v in set(col)}
        return list(zip(*map(made.__getitem__, col), strict=True))
    # _MULTIPLE: names joined by spaces ("" for none)
    chosen = [v.split(" ") if v else None for v in col]
    out: list[Sequence[Any]] = []
    if builder.labels:
        names = reader.labels
        out.append([None if c is None else "; ".join(names.get(x, x) for x in c) for c in chosen])
    else:
        out.append([v or None for v in col])
    sets = [None if c is None else set(c) for c in chosen]
    for code in reader.codes:
        out.append([None if c is None else (1 if code in c else 0) for c in sets])
    return out


NONE = type(None)
NUMBER_FLAGS = (0, 1)
TEXT_FLAGS = ("0", "1")  # a csv writes 0 and 1 so, with no call per cell
NUMBERS = frozenset({int, float, NONE})
_STR_OR_NONE = frozenset({str, NONE})


def _multiple_cells(
    value: str | None,
    reader: _Reader,
    labels: bool,
    flags: tuple[Any, Any],
    missing: str | None = None,
) -> tuple[Any, ...]:
    """A select_multiple's cell and its 0/1 cells (``flags``: not chosen, chosen), from its
    stored text (names joined by spaces; None or "" for none: every cell ``missing``)."""
    if not value:
        return (missing,) * (1 + len(reader.codes))
    chosen = value.split(" ")
    names = reader.labels
    cell = "; ".join(names.get(x, x) for x in chosen) if labels else value
    picked = set(chosen)
    no, yes = flags
    return (cell, *(yes if code in picked else no for code in reader.codes))


# --- csv fields: what csv.writer (excel dialect) writes for each cell -------------------


def _csv_cells(
    builder: _Builder, plan: _Plan, raw: Sequence[Sequence[Any]], counts: _Counts, offset: int
) -> list[Sequence[str]]:
    """As :func:`_cells` with the numbers tidied (``counts``; ``offset``: the table column
    of the first reader), every cell as its csv field (:func:`_csv_column`); the cell of a
    choice question read from its stored text, with its 0/1 cells, made once per distinct
    answer as one field text joined by commas (one column here for 1 + choices there)."""
    out: list[Sequence[str]] = []
    i = offset
    labels = builder.labels
    for reader, col in zip(builder.readers(plan), raw, strict=True):
        mode = reader.mode
        distinct = set(col) if mode in (_MULTIPLE, _ONE_LABEL) else ()  # stored: hashable
        if distinct and set(map(type, distinct)) <= _STR_OR_NONE:
            made = builder.csv_fields(reader)  # each answer's fields made once per export
            new = distinct.difference(made)
            if mode == _MULTIPLE:
                made.update((v, _multiple_fields(v, reader, labels)) for v in new)
            else:
                names = reader.labels
                made.update((v, _csv_field(names.get(v, v)) if v else "") for v in new)
            out.append(list(map(made.__getitem__, col)))
        elif mode == _PLAIN:  # "" and None are both an empty field
            out.append(_csv_column(col))
        elif mode == _NUMBER:
            (cells,) = _reader_cells(builder, reader, col, NUMBER_FLAGS)
            out.append(_csv_column(counts.fix_column(i, cells), numbers=True))
        else:
            out += map(_csv_column, _reader_cells(builder, reader, col, TEXT_FLAGS))
        i += 1 + (len(reader.codes) if mode == _MULTIPLE else 0)
    return out


def _multiple_fields(value: str | None, reader: _Reader, labels: bool) -> str:
    """A select_multiple's csv field and those of its 0/1 cells, joined by commas."""
    cell, *flags = _multiple_cells(value, reader, labels, TEXT_FLAGS, "")
    return ",".join([_csv_field(cell), *flags])  # the 0/1 fields need no quotes


def _csv_field(text: str) -> str:
    """``text`` as csv.writer writes it: quoted (its quotes doubled) when it holds a
    comma, a quote or a line break (the excel dialect's rule), else as it is."""
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_column(col: Sequence[Any], numbers: bool = False) -> Sequence[str]:
    """The csv fields of a column of cells, as csv.writer writes them: a text as it is,
    ``""`` for None, ``str()`` of anything else, quoted where :func:`_csv_field` says.
    Passes over the column are C-level joins, but for Nones and numbers: a cell by cell
    csv.writer was most of a csv export (docs/benchmarks.md); ``numbers``: a number
    question's (no text looked for first)."""
    if not numbers:
        try:
            text = "".join(col)  # every cell a text: most columns, nothing to make
        except TypeError:  # Nones, numbers, other values: the first value says which
            numbers = type(next(filter(None, col), "")) is not str
            if not numbers:
                texts = ["" if v is None else v for v in col]
                try:
                    text = "".join(texts)
                    col = texts
                except TypeError:  # not texts after all
                    numbers = True
    if numbers:  # (not made once per distinct value: 0 == -0.0 == False, 1 == True)
        col = ["" if v is None else str(v) for v in col]
        text = "".join(col)
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return list(map(_csv_field, col))
    return col


CHUNK = 2000  # interviews per block read
CSV_FIELDS_KEPT = 50_000  # distinct answers of a choice question kept as csv fields
#: From this many interviews, a table whose export order is scattered over it is read
#: with a larger page cache (``_Streamed._reader``: xlsx), or whole in its own order: for
#: a csv its lines put in export order through an encrypted spill (``_Streamed._csv_lines``),
#: for Stata and SPSS its batches given with their places (``RowStream.placed_blocks``).
SPILL_FROM = 200_000
SEEK_CACHE_KIB = 256 * 1024  # the page cache of such a read (the worker's memory < 1 GB)
SPREAD = 16  # a block's row ids spread over more than this many blocks: scattered
SCAN_BATCH = 5000  # rows fetched at a time by a whole-table read
PLACED_BATCH = 10_000  # rows read at a time for ``RowStream.placed_blocks``
#: A row's key where a table read in its own order is put in export order: its
#: interview's place << RANK_BITS | its rank read (a repeat's rows keep their order).
RANK_BITS = 32


def _finite_sum(values: Sequence[Any]) -> bool:
    """Whether the numbers (and Nones) ``values`` add up to a finite number, added in C:
    then none is NaN or infinite (a sum that overflows says no; the caller looks again)."""
    try:
        return math.isfinite(sum(filter(None, values)))
    except OverflowError:  # a whole number too large for a float
        return False


class _Counts:
    """A table's cells left empty (not finite), by column: its notes, in column order."""

    def __init__(self, table: ExportTable) -> None:
        self.table = table
        self.by_column: Counter[int] = Counter()

    def fix_row(self, row: list[Any]) -> list[Any]:
        """A row built from a document, tidied as :func:`_tidy` tidies a column."""
        for i, value in enumerate(row):
            kind = type(value)
            if kind is float and not math.isfinite(value):
                row[i] = None
                self.by_column[i] += 1
            elif kind is str and not value.isascii():
                row[i] = _clean_text(value)
        return row

    def fix_column(self, i: int, values: Sequence[Any]) -> Sequence[Any]:
        """Column ``i`` of a block with its numbers that are not finite left empty."""
        kinds = set(map(type, values))
        if float not in kinds:
            return values
        if kinds <= NUMBERS and _finite_sum(values):
            return values
        if all(map(math.isfinite, (v for v in values if type(v) is float))):
            return values
        fixed = [None if type(v) is float and not math.isfinite(v) else v for v in values]
        self.by_column[i] += sum(1 for v in values if type(v) is float and not math.isfinite(v))
        return fixed

    def finish(self) -> None:
        self.table.notes = [
            ExportNote(
                code="report.export_not_finite",
                params={"table": self.table.name, "column": self.table.columns[i].key, "count": n},
            )
            for i, n in sorted(self.by_column.items())
        ]


Entry = int | ExportInterview  # a clean row's row id, or an interview read as a document
#: read(block number, row ids) -> the stored rows of those interviews (``_Streamed._reader``)
_Read = Callable[[int, list[int]], Sequence[Sequence[Any]]]


class _Streamed:
    """The builder's tables as RowStreams over the analysis tables: the interviews'
    export order read once (row ids, and the few interviews read as documents: odd rows,
    rows not yet refreshed); each table's rows read in blocks of :data:`CHUNK`
    interviews, seeking their rows by row id."""

    def __init__(
        self, builder: _Builder, source: AnswerColumns, cancel: CancelToken | None = None
    ) -> None:
        self.builder = builder
        self.source = source
        self.cancel = cancel
        stale, pending = source.stale()
        extra = deque(sorted(source.documents(pending), key=lambda iv: (iv.created, iv.uuid)))
        entries: list[int | ExportInterview | str] = []
        uuids: list[str] = []  # of each entry (the repeats' keys start with it)
        left_out: list[int] = []
        odd: list[str] = []
        order = export_scan.export_order(source.ws, source.layout)
        clean = not extra and not stale and not any(map(itemgetter(3), order))
        if clean:
            # every interview from the tables (the rule): their row ids and uuids, in C
            entries += map(itemgetter(2), order)
            uuids += map(itemgetter(1), order)
            order.clear()
        for created, uuid, row_id, is_odd in order:
            while extra and (extra[0].created, extra[0].uuid) < (created, uuid):
                uuids.append(extra[0].uuid)
                entries.append(extra.popleft())
            if uuid in stale or is_odd:
                left_out.append(row_id)
                if uuid not in stale:
                    odd.append(uuid)
                    entries.append(uuid)
                    uuids.append(uuid)
                continue
            entries.append(row_id)
            uuids.append(uuid)
        del order
        uuids += [iv.uuid for iv in extra]
        entries.extend(extra)
        if odd:
            docs = {iv.uuid: iv for iv in source.documents(odd)}
            found = [docs.get(e) if type(e) is str else e for e in entries]
            uuids = [u for u, e in zip(uuids, found, strict=True) if e is not None]
            entries = [e for e in found if e is not None]
        self.entries: list[Entry] = entries  # type: ignore[assignment]
        self.uuids = uuids
        self.docs = (
            []
            if clean
            else [(n, e) for n, e in enumerate(self.entries, 1) if not isinstance(e, int)]
        )
        self.scattered = self._scattered()
        root = builder.merged.root
        in_docs: Counter[int] = Counter()
        for n, iv in self.docs:
            for plan_id, rows in builder.document_rows(iv, n).items():
                in_docs[plan_id] += len(rows)
        for plan in _plans(root):
            table = builder.tables[id(plan)]
            if plan is root:
                length = len(self.entries)
            else:
                assert plan.node is not None
                length = source.count_instances(plan.node.path, left_out) + in_docs[id(plan)]
            table.rows = RowStream(
                length, self._blocks_of(plan), self._placed_of(plan) if self.scattered else None
            )

    def _blocks_of(self, plan: _Plan) -> Callable[[Shape], Iterator[list[Sequence[Any]]]]:
        def blocks(shape: Shape) -> Iterator[list[Sequence[Any]]]:
            table = self.builder.tables[id(plan)]
            counts = _Counts(table)
            entries = self.entries
            # the collector paused for the whole table, not block by block: resumed
            # between blocks, it ran over each new block at its first allocation
            # (0.4 s at 100,000 interviews); what the blocks leave is freed as it goes.
            # Paused before the reader starts: a spilled table is read whole as it
            # starts, and between its batches the collector walked the rows held for
            # the spill (4.6 s of a csv export of 1,000,000 interviews)
            if shape == "csv" and self.scattered:
                with self.source.snapshot(), gc_paused():
                    yield from self._csv_lines(plan, counts)
                counts.finish()
                return
            with self.source.snapshot(), gc_paused(), self._reader(plan) as read:
                for start in range(0, len(entries), CHUNK):
                    part = entries[start : start + CHUNK]
                    if plan.node is None:
                        block = self._main_block(plan, start, part, counts, shape, read)
                    else:
                        uuids = self.uuids[start : start + CHUNK]
                        block = self._repeat_block(plan, start, part, uuids, counts, shape, read)
                    if block or shape in ("rows", "text rows"):
                        yield block
            counts.finish()

        return blocks

    def _scattered(self) -> bool:
        """Whether reading the export order by row id would seek all over a large table:
        :data:`SPILL_FROM` interviews or more, and the row ids of a block spread over
        more than :data:`SPREAD` blocks' worth of the table (merged out of date order)."""
        entries = self.entries
        if len(entries) < SPILL_FROM:
            return False
        spans = []
        for start in range(0, len(entries), CHUNK):
            ids = [e for e in entries[start : start + CHUNK] if type(e) is int]
            if ids:
                spans.append(max(ids) - min(ids))
        spans.sort()
        return bool(spans) and spans[len(spans) // 2] > SPREAD * CHUNK

    @contextmanager
    def _reader(self, plan: _Plan) -> Iterator[_Read]:
        """``read(block number, row ids)``: the stored rows of the block's clean
        interviews (the main table's in any order, a repeat's by row id then position),
        each block sought by row id. For a large table in scattered order the
        connection's page cache is made :data:`SEEK_CACHE_KIB` while it is read: each
        block's rows are spread over the whole table, and with SQLite's 2 MB cache
        nearly every row cost a page read and decrypted (at 1,000,000 interviews 40 µs
        a row, 22 µs with 256 MB, as at 100,000 with the default cache; reading the
        table in its own order and putting its rows in export order through a spill
        cost 29 µs a row)."""
        paths = [rel for _n, rel in plan.fields]
        source, repeat = self.source, plan.node.path if plan.node is not None else None
        scattered = self.scattered
        with export_scan.page_cache(source.ws, SEEK_CACHE_KIB) if scattered else nullcontext():
            if repeat is None:
                yield lambda _k, ids: source.main_chunk(ids, paths)
            else:
                yield lambda _k, ids: source.repeat_chunk(repeat, ids, paths)

    def _csv_lines(self, plan: _Plan, counts: _Counts) -> Iterator[list[Sequence[str]]]:
        """The csv blocks of a large table in scattered order, each block as one column
        of whole csv lines (its rows' fields joined by commas).

        The table is read once in its own order and each batch's csv lines are made
        there, column by column as :meth:`_main_block` makes a clean block's; the lines
        (not the rows: one text instead of some 60 values each) go through the
        encrypted spill to their block of the export order, each block's lines of a
        batch as one list beside their keys (place, then rank read: a repeat's rows of
        one interview stay in their order) as one array, and are put in order by their
        keys when the block is taken. At 1,000,000 interviews the rows' way through the
        spill cost 18 s of a csv export's 83 s; the lines' way with a tuple per line
        (place, rank, line) sorted in Python 6.9-8.3 s of 47-53, as keys and lists 5.4 s
        of 45-46."""
        import numpy as np  # only a large export comes here

        entries = self.entries
        batches = self._stored_batches(plan, SCAN_BATCH)
        spill = RowSpill()
        try:
            position = self._positions()
            last, made = len(position), 0
            for batch in batches:
                if self.cancel is not None:
                    self.cancel.check()
                rows = [r for r in batch if r[0] < last and position[r[0]] >= 0]
                if not rows:
                    continue
                at = [position[r[0]] for r in rows]
                if plan.node is None:
                    columns = self._main_csv(plan, rows, [n + 1 for n in at], counts)
                else:
                    columns = self._repeat_csv(plan, rows, at, counts)
                lines = list(map(",".join, zip(*columns, strict=True)))
                places = np.array(at, dtype=np.int64)
                keys = (places << RANK_BITS) | np.arange(made, made + len(at), dtype=np.int64)
                made += len(at)
                blocks = places // CHUNK
                order = np.argsort(blocks, kind="stable")
                cuts = np.flatnonzero(np.diff(blocks[order])) + 1
                starts, stops = [0, *cuts.tolist()], [*cuts.tolist(), len(order)]
                in_order = list(map(lines.__getitem__, order.tolist()))
                keys = keys[order]
                for start, stop in zip(starts, stops, strict=True):
                    k = int(blocks[order[start]])
                    spill.add(k, [(keys[start:stop].tobytes(), in_order[start:stop])], stop - start)
            for start in range(0, len(entries), CHUNK):
                pieces: list[tuple[bytes, list[str]]] = spill.take(start // CHUNK)  # type: ignore[assignment]
                found = np.concatenate(
                    [np.frombuffer(kb, dtype=np.int64) for kb, _ in pieces]
                    or [np.zeros(0, np.int64)]
                )
                taken = [line for _kb, piece in pieces for line in piece]
                ranked = np.argsort(found).tolist()  # keys are unique
                lines = list(map(taken.__getitem__, ranked))
                part = entries[start : start + CHUNK]
                if not all(type(e) is int for e in part):
                    places_of = (found[ranked] >> RANK_BITS).tolist()
                    lines = self._with_documents(plan, start, part, places_of, lines, counts)
                if lines:
                    yield [lines]
        finally:
            spill.close()

    def _stored_batches(self, plan: _Plan, batch: int) -> Iterator[list[tuple[Any, ...]]]:
        """The table's stored rows in its own order, in batches of ``batch`` rows."""
        source = self.source
        paths = [rel for _n, rel in plan.fields]
        if plan.node is None:
            return export_scan.main_scan(source.ws, source.layout, paths, batch)
        scope = source.layout.scopes[plan.node.path]
        return export_scan.repeat_scan(source.ws, source.layout, scope, paths, batch)

    def _placed_of(self, plan: _Plan) -> Callable[[int], Iterator[Placed]]:
        def placed(group: int) -> Iterator[Placed]:
            counts = _Counts(self.builder.tables[id(plan)])
            with self.source.snapshot(), gc_paused():
                yield from self._placed(plan, counts, group)
            counts.finish()

        return placed

    def _placed(self, plan: _Plan, counts: _Counts, group: int) -> Iterator[Placed]:
        """``RowStream.placed_blocks`` of a large table in scattered order: read once in
        its own order, each batch's rows cut by group of ``group`` interviews of the
        export order and each cut's columns made as :meth:`_main_block` makes a clean
        block's; then the rows of the interviews read as documents, in cuts of about
        :data:`CHUNK` rows. At 1,000,000 interviews reading the members' table in its
        order took 5.0 s of CPU, sought a block of the export order at a time 9.1 s (main
        table: 11.1 and 19.9)."""
        position = self._positions()
        last = len(position)
        for batch in self._stored_batches(plan, PLACED_BATCH):
            if self.cancel is not None:
                self.cancel.check()
            cuts: dict[int, tuple[list[tuple[Any, ...]], list[int]]] = {}
            for row in batch:
                n = position[row[0]] if row[0] < last else -1
                if n < 0:
                    continue
                found = cuts.get(n // group)
                if found is None:
                    cuts[n // group] = ([row], [n])
                else:
                    found[0].append(row)
                    found[1].append(n)
            for g in sorted(cuts):
                rows, at = cuts[g]
                if plan.node is None:
                    yield at, self._main_columns(plan, rows, [n + 1 for n in at], counts)
                else:
                    owner_uuids = list(map(self.uuids.__getitem__, at))
                    yield at, self._repeat_columns(plan, rows, owner_uuids, counts)
        owners: list[int] = []
        made: list[Sequence[Any]] = []
        docs = self.docs
        for k, (n, iv) in enumerate(docs):
            assert isinstance(iv, ExportInterview)
            for doc_row in self.builder.document_rows(iv, n)[id(plan)]:
                made.append(counts.fix_row(doc_row))
                owners.append(n - 1)
            after = docs[k + 1][0] - 1 if k + 1 < len(docs) else None
            if made and (after is None or after // group != (n - 1) // group or len(made) >= CHUNK):
                yield owners, _transposed(made)
                owners, made = [], []

    def _with_documents(
        self,
        plan: _Plan,
        start: int,
        part: list[Entry],
        places: list[int],
        lines: list[str],
        counts: _Counts,
    ) -> list[str]:
        """The csv lines of a block holding interviews read as documents: the stored
        rows' lines (``lines``, in order, of the interviews at ``places``) with the
        documents' rows made in their place."""
        by_position: dict[int, list[str]] = {}
        for n, line in zip(places, lines, strict=True):
            by_position.setdefault(n, []).append(line)
        out: list[str] = []
        for n, entry in enumerate(part, start):
            if type(entry) is int:
                out += by_position.get(n, [])
                continue
            assert isinstance(entry, ExportInterview)
            rows: list[Sequence[Any]] = [
                counts.fix_row(r) for r in self.builder.document_rows(entry, n + 1)[id(plan)]
            ]
            if rows:
                out += map(",".join, zip(*_shaped(rows, "csv"), strict=True))
        return out

    def _main_csv(
        self, plan: _Plan, rows: Sequence[Sequence[Any]], numbers: list[int], counts: _Counts
    ) -> list[Sequence[str]]:
        """The csv fields, column by column, of the form's stored ``rows`` (as
        :func:`analysis_tables.main_chunk` gives them), numbered ``numbers``."""
        raw = list(zip(*rows, strict=True))
        first = 1 + len(analysis_tables.META)
        metas = [raw[1 + analysis_tables.META.index(m)] for m in META_FIELDS]
        revisions = metas[META_FIELDS.index("revision")]
        return [
            _csv_column(raw[1 + analysis_tables.META.index("uuid")]),
            list(map(str, numbers)),
            *_csv_cells(self.builder, plan, raw[first : first + len(plan.fields)], counts, 2),
            *(_csv_column(m, m is revisions) for m in metas),
        ]

    def _repeat_csv(
        self, plan: _Plan, rows: Sequence[Sequence[Any]], at: list[int], counts: _Counts
    ) -> list[Sequence[str]]:
        """The csv fields, column by column, of the repeat's stored ``rows`` (as
        :func:`analysis_tables.repeat_chunk` gives them), whose interviews are at
        positions ``at`` of the export order."""
        raw = list(zip(*rows, strict=True))
        parents, indexes = raw[1], raw[2]
        owner_uuids = list(map(self.uuids.__getitem__, at))
        parent_keys = [
            u if not p else f"{u}/{p}" for u, p in zip(owner_uuids, parents, strict=True)
        ]
        own = [f"{k}/{plan.rel}[{i}]" for k, i in zip(parent_keys, indexes, strict=True)]
        nested = _is_nested(self.builder, plan)
        return [
            _csv_column(own),
            _csv_column(parent_keys),
            _csv_column(indexes, numbers=True),
            *([_csv_column(owner_uuids)] if nested else []),
            *_csv_cells(self.builder, plan, raw[3:], counts, 4 if nested else 3),
        ]

    def _positions(self) -> array[int]:
        """Row id -> its interview's position in the export order (-1: none)."""
        found = array("i", [-1]) * (export_scan.max_row_id(self.source.ws, self.source.layout) + 1)
        for n, entry in enumerate(self.entries):
            if type(entry) is int and entry < len(found):
                found[entry] = n
        return found

    def _main_block(
        self,
        plan: _Plan,
        start: int,
        part: list[Entry],
        counts: _Counts,
        shape: Shape,
        read: _Read,
    ) -> list[Sequence[Any]]:
        """The form's rows of the interviews ``part`` (entries from ``start``) in
        ``shape`` (for columns, [] when there is no row)."""
        builder = self.builder
        ids = [e for e in part if type(e) is int]
        numbers = [n for n, e in enumerate(part, start + 1) if type(e) is int]
        clean = len(ids) == len(part)
        rows: list[Sequence[Any]] = []
        if ids:
            by_id = {r[0]: r for r in read(start // CHUNK, ids)}
            stored = list(map(by_id.__getitem__, ids))
            if clean and shape == "csv":  # the fields made column by column
                return self._main_csv(plan, stored, numbers, counts)
            made = self._main_columns(plan, stored, numbers, counts, shape)
            if clean and shape == "columns":
                return made
            rows = list(zip(*made, strict=True))
        if clean:
            return _shaped(rows, shape)
        out: list[Sequence[Any]] = []
        from_table = iter(rows)
        for n, entry in enumerate(part, start + 1):
            if type(entry) is int:
                out.append(next(from_table))
            else:
                assert isinstance(entry, ExportInterview)
                (row,) = builder.document_rows(entry, n)[id(plan)]
                out.append(counts.fix_row(row))
        return _shaped(out, shape)

    def _main_columns(
        self,
        plan: _Plan,
        stored: Sequence[Sequence[Any]],
        numbers: list[int],
        counts: _Counts,
        shape: Shape = "columns",
    ) -> list[Sequence[Any]]:
        """The columns of the form's ``stored`` rows (as :func:`analysis_tables.main_chunk`
        gives them), numbered ``numbers``."""
        raw = list(zip(*stored, strict=True))
        first = 1 + len(analysis_tables.META)
        uuids = raw[1 + analysis_tables.META.index("uuid")]
        answers = raw[first : first + len(plan.fields)]
        metas = [raw[1 + analysis_tables.META.index(m)] for m in META_FIELDS]
        cells = _cells(self.builder, plan, answers, _flags(shape))
        for i in _number_columns(self.builder, plan, 2):
            cells[i - 2] = counts.fix_column(i, cells[i - 2])
        return [uuids, numbers, *cells, *metas]

    def _repeat_columns(
        self,
        plan: _Plan,
        stored: Sequence[Sequence[Any]],
        owner_uuids: list[str],
        counts: _Counts,
        shape: Shape = "columns",
    ) -> list[Sequence[Any]]:
        """The columns of the repeat's ``stored`` rows (as
        :func:`analysis_tables.repeat_chunk` gives them), of the interviews ``owner_uuids``."""
        builder = self.builder
        raw = list(zip(*stored, strict=True))
        parents, indexes = raw[1], raw[2]
        parent_keys = [
            u if not p else f"{u}/{p}" for u, p in zip(owner_uuids, parents, strict=True)
        ]
        own = [f"{k}/{plan.rel}[{i}]" for k, i in zip(parent_keys, indexes, strict=True)]
        nested = _is_nested(builder, plan)
        keys = 4 if nested else 3
        cells = _cells(builder, plan, raw[3:], _flags(shape))
        for i in _number_columns(builder, plan, keys):
            cells[i - keys] = counts.fix_column(i, cells[i - keys])
        return [own, parent_keys, indexes, *([owner_uuids] if nested else []), *cells]

    def _repeat_block(
        self,
        plan: _Plan,
        start: int,
        part: list[Entry],
        uuids: list[str],
        counts: _Counts,
        shape: Shape,
        read: _Read,
    ) -> list[Sequence[Any]]:
        """The rows of the repeat ``plan`` in the interviews ``part`` (entries from
        ``start``), in their order and in ``shape``: read by row id then position, put in
        the entries' order by one stable sort."""
        builder = self.builder
        assert plan.node is not None
        ids = [e for e in part if type(e) is int]
        clean = len(ids) == len(part)
        rows: list[Sequence[Any]] = []
        at: list[int] = []  # the position in ``part`` of each row's interview
        raw_rows = read(start // CHUNK, ids) if ids else []
        if raw_rows:
            position = {e: k for k, e in enumerate(part) if type(e) is int}
            owner_at = list(map(position.__getitem__, map(itemgetter(0), raw_rows)))
            order = sorted(range(len(owner_at)), key=owner_at.__getitem__)  # stable
            at = list(map(owner_at.__getitem__, order))
            stored = list(map(raw_rows.__getitem__, order))
            del raw_rows
            if clean and shape == "csv":  # the fields made column by column
                return self._repeat_csv(plan, stored, [start + k for k in at], counts)
            owner_uuids = [uuids[k] for k in at]
            made = self._repeat_columns(plan, stored, owner_uuids, counts, shape)
            if clean and shape == "columns":
                return made
            rows = list(zip(*made, strict=True))
        if clean:
            return _shaped(rows, shape)
        out: list[Sequence[Any]] = []
        j = 0
        for k, entry in enumerate(part):
            if type(entry) is int:
                while j < len(rows) and at[j] == k:
                    out.append(rows[j])
                    j += 1
            else:
                assert isinstance(entry, ExportInterview)
                out += map(counts.fix_row, builder.document_rows(entry, start + k + 1)[id(plan)])
        return _shaped(out, shape)


def _flags(shape: Shape) -> tuple[Any, Any]:
    """How the 0/1 cells of choices made per distinct answer are made for ``shape``."""
    return TEXT_FLAGS if shape in ("text rows", "csv") else NUMBER_FLAGS


def _shaped(rows: list[Sequence[Any]], shape: Shape) -> list[Sequence[Any]]:
    """``rows`` as a block of ``shape``."""
    if shape == "columns":
        return _transposed(rows)
    if shape == "csv":
        return [_csv_column(col) for col in _transposed(rows)]
    return rows


def _transposed(rows: list[Sequence[Any]]) -> list[Sequence[Any]]:
    return list(zip(*rows, strict=True))


def _number_columns(builder: _Builder, plan: _Plan, offset: int) -> list[int]:
    """The table columns (indexes) that number questions fill: a number read from a
    text (``"NaN"``, ``"1e400"``) may not be finite there."""
    found, i = [], offset
    for reader in builder.readers(plan):
        if reader.mode == _NUMBER:
            found.append(i)
        i += 1 + (len(reader.codes) if reader.mode == _MULTIPLE else 0)
    return found


def _is_nested(builder: _Builder, plan: _Plan) -> bool:
    """Whether ``plan``'s repeat is inside another repeat (its table has _submission_uuid)."""
    return any(plan in p.children for p in _plans(builder.merged.root)[1:])


def media_references(
    interviews: Iterable[ExportInterview], specs: Sequence[FormSpec]
) -> list[tuple[str, str]]:
    """(interview uuid, file name) of every media answer of ``interviews``, in order,
    each once (the questions of every version in ``specs``)."""
    nodes: dict[str, str] = {}
    for spec in specs:
        for path, qtype in media.media_nodes(spec.walk()).items():
            nodes.setdefault(path, qtype)
    if not nodes:
        return []
    found: dict[tuple[str, str], None] = {}
    for iv in interviews:
        for _path, _qtype, name in media.referenced(iv.answers, nodes):
            found.setdefault((iv.uuid, name), None)
    return list(found)
