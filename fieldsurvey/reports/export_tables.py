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
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, Field

from fieldsurvey import messages
from fieldsurvey.errors import ReportError
from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, FormSpec, Node, Texts
from fieldsurvey.store import media

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


def _tidy(table: ExportTable) -> None:
    """Every cell writable in every format: numbers that are not finite (NaN, infinity,
    from ``"NaN"`` or ``1e400`` answers) left empty and counted, texts encodable; then
    which columns are numeric."""
    counter = NoteCounter()
    rows = table.rows
    for i, column in enumerate(table.columns):
        if column.kind == "flag" or column.key == "_index":
            column.numeric = True
            continue
        numbers = 0
        texts = 0
        for row in rows:
            value = row[i]
            kind = type(value)
            if kind is str:
                texts += 1
                if not value.isascii():
                    row[i] = _clean_text(value)
            elif kind is float:
                if not math.isfinite(value):
                    row[i] = None
                    counter.add("report.export_not_finite", table=table.name, column=column.key)
                else:
                    numbers += 1
            elif kind is int:
                numbers += 1
        if column.kind == "key" or column.qtype in ("select_one", "select_multiple"):
            continue
        column.numeric = numbers > 0 and texts == 0
    table.notes = counter.notes()


def build_tables(
    interviews: Iterable[ExportInterview],
    specs: Sequence[FormSpec],
    *,
    labels: bool = False,
    lang: str = "vi",
) -> list[ExportTable]:
    """The form's table then one per repeat (depth first). ``specs``: the versions of
    one form, newest first; ``interviews``: of that form, in the order to write them."""
    builder = _Builder(specs, labels, lang)
    root = builder.merged.root
    builder.setup(root)
    main = builder.tables[id(root)]
    for n, iv in enumerate(interviews, 1):
        meta = [getattr(iv, m) for m in META_FIELDS]
        main.rows.append([iv.uuid, n, *builder.values(root, iv.answers), *meta])
        builder.add(root, iv, iv.answers, iv.uuid)
    tables = list(builder.tables.values())
    for table in tables:
        _tidy(table)
    return tables


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
