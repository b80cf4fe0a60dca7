"""The entity lists an interview picks from (households, people), as the entry screen reads them.

A ``select_one_from_file households.csv`` question with no attached ``households.csv``
picks from the entity list ``households`` (XLSForm entities): a list of up to a million
rows kept in the workspace, read through an :class:`~fieldsurvey.forms.entity_model.EntitySource`.
Its choices are never materialised: the picker (:mod:`entity_picker`) searches the list
as the enumerator types, and the chosen entity's row is read to show its label.

Every read runs on the task runner's read threads (no SQL on the UI thread); the rows
read are kept here, so the answer's label (in the review, the roster's table) needs no
second read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QObject, Signal

from fieldsurvey.forms.attachments import entity_list_name
from fieldsurvey.forms.entity_model import EntityRow, EntitySource
from fieldsurvey.forms.spec import Node
from fieldsurvey.forms.xpath_attachments import form_entities, form_files
from fieldsurvey.progress import CancelToken, Progress
from fieldsurvey.store.entity_local import StoreEntitySource
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry.form_text import choice_label
from fieldsurvey.ui.tasks import Task, TaskRunner

#: Rows a search shows at most (one more is asked for, to know there are more).
SEARCH_LIMIT = 50
#: Properties shown beside a label, at most.
SHOWN_PROPERTIES = 3
#: Property names read first, in this order (a household id, a ward, a phone number).
_PREFERRED = (
    ("household", "hh_id", "hhid", "ma_ho", "_id", "id"),
    ("ward", "phuong", "commune", "xa"),
    ("phone", "tel", "mobile", "sdt", "dien_thoai"),
)
_VALUE_WIDTH = 40


def entity_source(compiled: Any, ws: Workspace | None = None) -> EntitySource | None:
    """The entity lists an entry screen reads: the ones the form was given when they are
    not the store's (tests give dict-backed lists), else the workspace's, read on each
    thread's own connection (a store source given to the form at a completion reads the
    writer's connection: never used from another thread). None: no lists."""
    given = form_entities(compiled)
    if given is not None and not isinstance(given, StoreEntitySource):
        return given
    return StoreEntitySource(ws) if ws is not None and reads_entity_lists(compiled) else given


def reads_entity_lists(compiled: Any) -> bool:
    """Whether the form acts on entity lists or picks from one (else none is given)."""
    spec = compiled.spec
    return bool(spec.entities) or any(entity_list_of(n, compiled) for n in spec.walk())


def entity_list_of(node: Node, compiled: Any) -> str | None:
    """The entity list a question picks from: a ``select_one_from_file`` of a CSV
    the form has no attachment for (None for every other question)."""
    if node.type != "select_one_from_file":
        return None
    return entity_list_name(node, form_files(compiled))


def shown_properties(
    row: EntityRow,
    count: int = SHOWN_PROPERTIES,
    labels: Mapping[str, Mapping[str, str]] | None = None,
) -> list[str]:
    """Up to ``count`` property values that tell an entity apart: its household id,
    ward and phone first (by their names), then the others in order; values the label
    already says are left out. ``labels``: property -> choice name -> its label (a ward
    saved as ``phuc_tan`` reads "Phúc Tân")."""
    label = row.label.casefold()
    items = [
        (key, " ".join((labels or {}).get(key, {}).get(value, value).split()))
        for key, value in row.properties.items()
        if value.strip() and value.strip().casefold() not in label
    ]
    picked: list[tuple[str, str]] = []
    for words in _PREFERRED:
        for key, value in items:
            lowered = key.lower()
            if (key, value) not in picked and any(w in lowered for w in words):
                picked.append((key, value))
                break
    picked += [item for item in items if item not in picked]
    return [_short(value) for _key, value in picked[:count]]


def _short(value: str) -> str:
    return value if len(value) <= _VALUE_WIDTH else value[: _VALUE_WIDTH - 1] + "…"


def row_text(row: EntityRow, labels: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """An entity on one line: its label, then a few of its properties."""
    label = " ".join(row.label.split()) or row.entity_id
    shown = shown_properties(row, labels=labels)
    return f"{label} — {' · '.join(shown)}" if shown else label


@dataclass(frozen=True)
class ListInfo:
    """What the laptop holds of a list: whether it has it, and how many entities."""

    present: bool
    count: int


@dataclass(frozen=True)
class Found:
    """The result of one search: the rows, and whether more matched than are shown."""

    text: str
    rows: list[EntityRow]
    more: bool


class EntityLists(QObject):
    """The entity lists of one interview's form: which question picks from which list,
    searches and row reads in the background, and the rows read so far."""

    #: A row was read: (list, entity id). Labels shown from it can be updated.
    row_read = Signal(str, str)

    def __init__(
        self,
        compiled: Any,
        runner: TaskRunner,
        *,
        source: EntitySource | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        lang: Callable[[], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``lang()``: the form language the labels of choices are shown in."""
        super().__init__(parent)
        self.compiled = compiled
        self.lang = lang
        self.runner = runner
        self.on_failure = on_failure
        self.source = source if source is not None else entity_source(compiled)
        self._rows: dict[tuple[str, str], EntityRow] = {}
        self._asked: set[tuple[str, str]] = set()
        self._missing: set[tuple[str, str]] = set()
        self._lists: dict[str, str | None] = {}
        self._value_labels: dict[str, dict[str, dict[str, str]]] = {}

    def list_of(self, node: Node) -> str | None:
        """The entity list ``node`` picks from, if the form session reads entity lists."""
        if self.source is None:
            return None
        if node.path not in self._lists:
            self._lists[node.path] = entity_list_of(node, self.compiled)
        return self._lists[node.path]

    # --- reads in the background ---------------------------------------------------------
    def info(self, list_name: str, on_done: Callable[[ListInfo], None]) -> Task | None:
        """Read whether the laptop has ``list_name`` and its size; then ``on_done``."""
        source = self.source
        if source is None:
            return None

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> ListInfo:
            present = source.has_list(list_name)
            return ListInfo(present, source.count(list_name) if present else 0)

        return self._read(work, on_done)

    def search(self, list_name: str, text: str, on_done: Callable[[Found], None]) -> Task | None:
        """Search ``list_name`` for ``text`` (diacritics and case ignored by the source);
        ``on_done(Found)`` on the UI thread."""
        source = self.source
        if source is None:
            return None

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> Found:
            rows = source.search(list_name, text, SEARCH_LIMIT + 1)
            return Found(text, rows[:SEARCH_LIMIT], len(rows) > SEARCH_LIMIT)

        def done(found: Found) -> None:
            for row in found.rows:
                self._rows[(row.list_name, row.entity_id)] = row
            on_done(found)

        return self._read(work, done)

    def fetch(self, list_name: str, entity_id: str) -> None:
        """Read one entity (once) so its label can be shown; ``row_read`` when it is."""
        key = (list_name, entity_id)
        source = self.source
        if source is None or key in self._rows or key in self._asked:
            return
        self._asked.add(key)

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> EntityRow | None:
            return source.get(list_name, entity_id)

        def done(row: EntityRow | None) -> None:
            if row is not None:
                self._rows[key] = row
            else:
                self._missing.add(key)
            self.row_read.emit(list_name, entity_id)

        self._read(work, done)

    def _read(self, work: Any, on_done: Callable[[Any], None]) -> Task:
        def done(result: Any) -> None:
            if isValid(self):
                on_done(result)

        def failed(exc: BaseException) -> None:
            if isValid(self) and self.on_failure is not None:
                self.on_failure(exc)

        return self.runner.run(work, on_success=done, on_failure=failed, write=False)

    # --- rows read ---------------------------------------------------------------------
    def row(self, list_name: str, entity_id: str) -> EntityRow | None:
        """The entity if it was read (by a search or :meth:`fetch`), else None."""
        return self._rows.get((list_name, entity_id))

    def value_labels(self) -> dict[str, dict[str, str]]:
        """Property -> choice name -> label, for the properties named as a select_one
        question of the form (the values a registration saved from its choices)."""
        spec = self.compiled.spec
        lang = self.lang() if self.lang is not None else spec.default_language
        out = self._value_labels.get(lang)
        if out is not None:
            return out
        out = self._value_labels[lang] = {}
        for node in spec.walk():
            listed = spec.choices.get(node.choices or "") if node.type == "select_one" else None
            if listed:
                out.setdefault(node.name, {c.name: choice_label(c, lang, spec.default_language)
                                           for c in listed})  # fmt: skip
        return out

    def missing(self, list_name: str, entity_id: str) -> bool:
        """Whether the entity was looked for and the laptop does not have it."""
        return (list_name, entity_id) in self._missing

    def remember(self, row: EntityRow) -> None:
        self._rows[(row.list_name, row.entity_id)] = row

    def display(self, node: Node, value: Any) -> str:
        """The answer of an entity question as the enumerator reads it: the entity's
        label (its id until the row is read, which is then asked for)."""
        list_name = self.list_of(node)
        if list_name is None or value in (None, ""):
            return "" if value is None else str(value)
        row = self.row(list_name, str(value))
        if row is None:
            self.fetch(list_name, str(value))
            return str(value)
        return " ".join(row.label.split()) or row.entity_id
