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

import heapq
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, Field

from fieldsurvey import messages
from fieldsurvey.errors import ReportError
from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, FormSpec, Node, Texts
from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.reports.columns import AnswerColumns
from fieldsurvey.store import analysis_tables, media

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
    rows: list[list[Any]] = field(default_factory=list)
    #: What building the table changed (e.g. NaN left empty).
    notes: list[ExportNote] = field(default_factory=list)


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

    def add(self, plan: _Plan, iv: ExportInterview, doc: dict[str, Any], key: str) -> None:
        for child in plan.children:
            items = _get(doc, child.rel)
            if not isinstance(items, list):
                continue
            table = self.tables[id(child)]
            nested = plan.node is not None
            for i, item in enumerate(items, 1):
                if not isinstance(item, dict):
                    continue
                own = f"{key}/{child.rel}[{i}]"
                keys: list[Any] = [own, key, i] + ([iv.uuid] if nested else [])
                table.rows.append(keys + self.values(child, item))
                self.add(child, iv, item, own)


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


def _tidy(table: ExportTable, known: _Known | None = None) -> None:
    """Every cell writable in every format: numbers that are not finite (NaN, infinity,
    from ``"NaN"`` or ``1e400`` answers) left empty and counted, texts encodable; then
    which columns are numeric. Each column is looked at as a whole first (its value
    types, one encoding of all its texts): cell by cell only where something needs it.
    ``known``: the value types of the rows built from the analysis tables' clean values
    (nothing to change in them) and the rows built from documents, to look at."""
    counter = NoteCounter()
    rows = table.rows if known is None else known.rows
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(table.columns)
    for i, column in enumerate(table.columns):
        if column.kind == "flag" or column.key == "_index":
            column.numeric = True
            continue
        if known is not None and float in known.kinds[i]:
            # a number read from a text ("NaN", "1e400") may not be finite: every row
            kinds = _fixed(table, table.rows, [row[i] for row in table.rows], i, counter)
        else:
            kinds = _fixed(table, rows, columns[i], i, counter)
            if known is not None:
                kinds |= known.kinds[i]
        if column.kind == "key" or column.qtype in ("select_one", "select_multiple"):
            continue
        # a float left after the fix is a finite one; any text makes the column text
        column.numeric = (int in kinds or float in kinds) and str not in kinds
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


class _Known(NamedTuple):
    """What building a table from the analysis tables already knows (see _tidy)."""

    #: per column, the value types of the clean rows (no text in them needs a fix; a
    #: column with numbers is looked at whole)
    kinds: list[set[type]]
    rows: list[list[Any]]  # the rows built from documents


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
    """The form's table then one per repeat (depth first). ``specs``: the versions of
    one form, newest first; ``interviews``: of that form, in the order to write them.
    Interviews read from a workspace (``workspace_reader.read_interviews``) are read from
    its analysis tables, as columns, when they can give them."""
    builder = _Builder(specs, labels, lang)
    root = builder.merged.root
    builder.setup(root)
    analysis = getattr(interviews, "analysis", None)
    source = analysis() if callable(analysis) else None
    with gc_paused():
        return _build(builder, interviews, source)


def _build(
    builder: _Builder, interviews: Iterable[ExportInterview], source: AnswerColumns | None
) -> list[ExportTable]:
    root = builder.merged.root
    known: dict[int, _Known] | None = None
    if source is not None:
        with source.snapshot():
            known = _from_columns(builder, source)
    if known is None:
        main = builder.tables[id(root)]
        for n, iv in enumerate(interviews, 1):
            meta = [getattr(iv, m) for m in META_FIELDS]
            main.rows.append([iv.uuid, n, *builder.values(root, iv.answers), *meta])
            builder.add(root, iv, iv.answers, iv.uuid)
    tables = list(builder.tables.values())
    for table in tables:
        _tidy(table, None if known is None else known[id(table)])
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


def _cells(builder: _Builder, plan: _Plan, raw: list[list[Any]]) -> list[list[Any]]:
    """The cells of each reader's column(s), column by column, from the stored values
    (what :meth:`_Builder.values` gives for each row, without a row at a time)."""
    out: list[list[Any]] = []
    for reader, col in zip(builder.readers(plan), raw, strict=True):
        mode, qtype = reader.mode, reader.qtype
        if mode == _PLAIN:
            out.append([None if v == "" else v for v in col] if "" in col else col)
        elif mode == _NUMBER:
            whole = qtype == "integer"  # a whole float is an int there
            out.append(
                [
                    v
                    if v is None or type(v) is int or (type(v) is float and not whole)
                    else _scalar(v, qtype)
                    for v in col
                ]
            )
        elif mode == _ONE_LABEL:
            names = reader.labels
            out.append([None if v is None or v == "" else names.get(str(v), str(v)) for v in col])
        else:  # _MULTIPLE: names joined by spaces ("" for none)
            chosen = [v.split(" ") if v else None for v in col]
            if builder.labels:
                names = reader.labels
                out.append(
                    [None if c is None else "; ".join(names.get(x, x) for x in c) for c in chosen]
                )
            else:
                out.append([v or None for v in col])
            sets = [None if c is None else set(c) for c in chosen]
            for code in reader.codes:
                out.append([None if c is None else (1 if code in c else 0) for c in sets])
    return out


class _Entry(NamedTuple):
    created: str
    uuid: str
    row: int | None  # the row id of a clean row of the tables
    doc: ExportInterview | None  # or an interview to read as a document


def _from_columns(builder: _Builder, source: AnswerColumns) -> dict[int, _Known] | None:
    """Fill the builder's tables from the analysis tables (None if they do not fit);
    what each table's tidying needs to know, by table id."""
    if not _matches(builder, source):
        return None
    root = builder.merged.root
    stale, pending = source.stale()
    odd: list[str] = []
    clean: list[tuple[Any, ...]] = []
    order: list[_Entry] = []
    created_at, uuid_at = 2 + analysis_tables.META.index("created"), 2
    uuid_of: dict[int, str] = {}
    for row in source.main_rows([rel for _node, rel in root.fields]):
        uuid = row[uuid_at]
        if uuid in stale:
            continue
        uuid_of[row[0]] = uuid
        if row[1]:
            odd.append(uuid)
            order.append(_Entry(row[created_at], uuid, None, None))
        else:
            clean.append(row)
            order.append(_Entry(row[created_at], uuid, row[0], None))
    docs = {iv.uuid: iv for iv in source.documents([*odd, *pending])}
    order = [e if e.row is not None else e._replace(doc=docs.get(e.uuid)) for e in order]
    held = set(odd)
    extra = sorted((iv.created, iv.uuid) for u, iv in docs.items() if u not in held)
    if extra:
        order = list(
            heapq.merge(
                order,
                (_Entry(c, u, None, docs[u]) for c, u in extra),
                key=lambda e: (e.created, e.uuid),
            )
        )
    order = [e for e in order if e.row is not None or e.doc is not None]
    # the form's table: clean rows column by column, documents as before
    n_fields = len(root.fields)
    first = 2 + len(analysis_tables.META)  # _id, _odd, META..., then the fields
    raw = [list(c) for c in zip(*clean, strict=True)] if clean else [[]] * (first + n_fields)
    meta_at = {m: 2 + analysis_tables.META.index(m) for m in META_FIELDS}
    cells = _cells(builder, root, raw[first : first + n_fields])
    metas = [raw[meta_at[m]] for m in META_FIELDS]
    main = builder.tables[id(root)]
    known = {id(main): _Known([_kinds(c) for c in (raw[uuid_at], [], *cells, *metas)], [])}
    del clean  # (memory: one copy of the cells at a time)
    rows = list(map(list, zip(raw[uuid_at], raw[uuid_at], *cells, *metas, strict=True)))
    ids = raw[0]
    del raw, cells, metas
    if len(rows) == len(order):  # no interview to read as a document: whole columns
        del order
        return _clean_only(builder, source, uuid_of, rows, ids, known)
    clean_rows = iter(rows)
    # repeats: their clean rows by interview, put in the interviews' order
    plans = []
    for plan in _plans(root)[1:]:
        table = builder.tables[id(plan)]
        cut, kinds = _repeat_cells(builder, plan, source, uuid_of)
        plans.append((table, _by_interview(*cut)))
        known[id(table)] = _Known(kinds or [set() for _ in table.columns], [])
    for n, entry in enumerate(order, 1):
        if entry.row is not None:
            out = next(clean_rows)
            out[1] = n
            main.rows.append(out)
            row_id = entry.row
            for table, by_interview in plans:
                instances = by_interview.pop(row_id, None)
                if instances:
                    table.rows.extend(instances)
        else:
            iv = entry.doc
            assert iv is not None
            meta = [getattr(iv, m) for m in META_FIELDS]
            main.rows.append([iv.uuid, n, *builder.values(root, iv.answers), *meta])
            known[id(main)].rows.append(main.rows[-1])
            before = [len(table.rows) for table, _ in plans]
            builder.add(root, iv, iv.answers, iv.uuid)
            for (table, _), start in zip(plans, before, strict=True):
                known[id(table)].rows.extend(table.rows[start:])
    return known


def _kinds(values: Sequence[Any]) -> set[type]:
    return set(map(type, values))


def _clean_only(
    builder: _Builder,
    source: AnswerColumns,
    uuid_of: dict[int, str],
    rows: list[list[Any]],
    ids: list[int],
    known: dict[int, _Known],
) -> dict[int, _Known]:
    """Every interview is clean: the rows in order, numbered; each repeat's rows put in
    the order of their interviews by one sort (no loop over interviews)."""
    root = builder.merged.root
    for n, row in enumerate(rows, 1):
        row[1] = n
    builder.tables[id(root)].rows = rows
    position = dict(zip(ids, range(len(ids)), strict=True))
    for plan in _plans(root)[1:]:
        table = builder.tables[id(plan)]
        (owners, instances), kinds = _repeat_cells(builder, plan, source, uuid_of)
        keys = [position[i] for i in owners]
        order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: positions kept
        table.rows = [instances[k] for k in order]
        known[id(table)] = _Known(kinds or [set() for _ in table.columns], [])
    return known


def _repeat_cells(
    builder: _Builder, plan: _Plan, source: AnswerColumns, uuid_of: dict[int, str]
) -> tuple[tuple[list[int], list[list[Any]]], list[set[type]]]:
    """A repeat's rows (keys and cells) of the clean interviews ``uuid_of`` names (row
    id -> uuid; the others are read as documents), with the interview's row id of each,
    by row id then position; and the value types of each column."""
    assert plan.node is not None
    rels = [rel for _node, rel in plan.fields]
    raw_rows = [r for r in source.repeat_rows(plan.node.path, rels) if r[0] in uuid_of]
    if not raw_rows:
        return ([], []), []
    nested = _is_nested(builder, plan)
    raw = [list(c) for c in zip(*raw_rows, strict=True)]
    del raw_rows  # (memory: one copy of the cells at a time)
    ids, parents, indexes = raw[0], raw[1], raw[2]
    uuids = [uuid_of[i] for i in ids]
    rel = plan.rel
    parent_keys = [u if not p else f"{u}/{p}" for u, p in zip(uuids, parents, strict=True)]
    own = [f"{k}/{rel}[{i}]" for k, i in zip(parent_keys, indexes, strict=True)]
    cells = _cells(builder, plan, raw[3:])
    columns = [own, parent_keys, indexes, *([uuids] if nested else []), *cells]
    del raw, cells
    kinds = [_kinds(c) for c in columns]
    rows = list(map(list, zip(*columns, strict=True)))
    return (ids, rows), kinds


def _by_interview(ids: list[int], rows: list[list[Any]]) -> dict[int, list[list[Any]]]:
    """The rows of each interview (``ids`` come grouped by interview)."""
    out: dict[int, list[list[Any]]] = {}
    start = 0
    for end in range(1, len(ids) + 1):
        if end == len(ids) or ids[end] != ids[start]:
            out[ids[start]] = rows[start:end]
            start = end
    return out


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
