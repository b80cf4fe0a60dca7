"""What a laptop cannot do yet with an XLSForm: the one table of features not supported,
and the notes ``form check`` and ``form add`` show for a form that uses them.

:data:`NOT_YET_SUPPORTED` is the single list of question types, appearances, parameters,
functions, columns, settings and sheets of the ODK XLSForm specification that the app
accepts but cannot do (yet). Each entry names the catalogue text (``forms_texts``) that
says what happens instead. When a feature is built, its entry (and its text) goes away,
and the form check stops warning about it. docs/xlsform-compatibility.md lists the same
features beside ODK Collect's support.

A form that uses one gets one note per feature and column, naming its rows:
``survey sheet, rows 4, 9, column 'appearance': The appearance 'bearing' is not supported
on a laptop yet: the bearing is typed as a number; there is no compass.``

Functions of other platforms (``duration()``, ...) read as empty; they are noted here
too, in the user's language (the engine's own remark is English only).

API:
    NOT_YET_SUPPORTED                       the table (tuple of :class:`Gap`)
    form_notes(spec, survey=None) -> list[Phrase]   the notes for a form, any language
    version_note(version, from_saved_time) -> Phrase   a version the app gave the form
    appearance_words(appearance) -> list[str]          an appearance cell as ODK reads it
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from fieldsurvey.errors import ExpressionError
from fieldsurvey.forms import expression_parser
from fieldsurvey.forms.expression_compiler import UNSUPPORTED_EMPTY
from fieldsurvey.forms.form_errors import Phrase, phrase, where
from fieldsurvey.forms.spec import FormSpec, Node

Kind = Literal[
    "type", "appearance", "parameter", "function", "reference", "column", "setting", "sheet"
]


@dataclass(frozen=True)
class Gap:
    """A feature of the XLSForm specification that a laptop cannot do yet."""

    kind: Kind
    #: the type, appearance word, parameter, function, column, setting or sheet name;
    #: appearance words as :func:`appearance_words` gives them (``columns-n``, ``ex:``)
    name: str
    #: catalogue code of what happens instead (``forms.effect.*``)
    effect: str
    #: for an appearance or a parameter: the question types it is read on (empty: any)
    types: frozenset[str] = frozenset()


_FILE_SELECTS = frozenset({"select_one_from_file", "select_multiple_from_file"})
_SELECTS = frozenset({"select_one", "select_multiple", "rank"}) | _FILE_SELECTS

#: Everything the app accepts in a form but cannot do yet (see the module docstring).
NOT_YET_SUPPORTED: tuple[Gap, ...] = (
    # --- question types
    Gap("type", "start-geopoint", "forms.effect.no_gps"),
    Gap("type", "background-audio", "forms.effect.nothing_recorded"),
    # --- appearances
    Gap("appearance", "bearing", "forms.effect.no_compass", frozenset({"decimal"})),
    Gap("appearance", "map", "forms.effect.no_map_choices", _SELECTS - {"rank"}),
    Gap("appearance", "ex:", "forms.effect.no_external_app"),
    Gap("appearance", "printer", "forms.effect.no_printer"),
    # --- parameters
    Gap("parameter", "location-priority", "forms.effect.audit_no_location", frozenset({"audit"})),
    # --- references (last-saved: read by a default only, see _node_gaps)
    Gap("reference", "last-saved", "forms.effect.last_saved_outside_default"),
    # --- columns, settings and sheets
    Gap("setting", "public_key", "forms.effect.no_form_encryption"),
)

#: Most rows named in one note; the others are counted.
MAX_ROWS = 8
_WHAT = {
    "type": "forms.gap_type",
    "appearance": "forms.gap_appearance",
    "parameter": "forms.gap_parameter",
    "function": "forms.gap_function",
    "reference": "forms.gap_reference",
    "column": "forms.gap_column",
    "setting": "forms.gap_setting",
    "sheet": "forms.gap_sheet",
}
_EXPRESSION_COLUMNS = {
    "relevant": "relevant", "constraint": "constraint", "calculation": "calculation",
    "required": "required", "read_only": "read_only", "repeat_count": "repeat_count",
    "choice_filter": "choice_filter", "default": "default", "trigger": "trigger",
}  # fmt: skip
_LAST_SAVED = re.compile(r"\$\{\s*last-saved#")
_PARENTHESES = re.compile(r"\([^()]*\)")
_COLUMNS_N = re.compile(r"^columns-\d+$")
_OFF = {"", "false", "false()", "no", "0"}


def appearance_words(appearance: str | None) -> list[str]:
    """An appearance cell as words, lower case: ``columns-3`` reads as ``columns-n``,
    ``ex:org.app(...)`` as ``ex:``, ``printer:org.app`` as ``printer``, ``search('x',
    ...)`` as ``search()``."""
    text = (appearance or "").lower().replace("\x01", "")
    while _PARENTHESES.search(text):  # innermost first: search('x', concat(...))
        text = _PARENTHESES.sub("\x01", text)
    text = text.replace("\x01", "()")
    words = []
    for word in text.split():
        if word.startswith("ex:"):
            word = "ex:"
        elif word.startswith("printer:"):
            word = "printer"
        elif _COLUMNS_N.match(word):
            word = "columns-n"
        words.append(word)
    return words


def version_note(version: str, *, from_saved_time: bool) -> Phrase:
    """The note for a form whose settings sheet has no version: the one it was given."""
    code = "forms.version_from_saved_time" if from_saved_time else "forms.version_from_content"
    return phrase(code, version=version)


def form_notes(spec: FormSpec, survey: dict[str, Any] | None = None) -> list[Phrase]:
    """One note per feature of :data:`NOT_YET_SUPPORTED` the form uses (and per column),
    naming its rows; ``survey`` is pyxform's JSON of the form (for the columns and sheets
    the FormSpec does not keep). Functions of other platforms are noted here too."""
    found: dict[tuple[Gap | str, str | None], list[int | None]] = {}

    def add(key: Gap | str, column: str | None, row: int | None) -> None:
        rows = found.setdefault((key, column), [])
        if row not in rows:
            rows.append(row)

    by_kind: dict[str, dict[str, Gap]] = {}
    for entry in NOT_YET_SUPPORTED:
        by_kind.setdefault(entry.kind, {})[entry.name] = entry
    for node in spec.walk():
        _node_gaps(node, by_kind, add)
    for name, value in spec.settings.items():
        setting = by_kind.get("setting", {}).get(name)
        if setting is not None and value.strip():
            add(setting, name, 2)  # the settings sheet's one row below its headers
    if survey is not None:
        _survey_gaps(spec, survey, by_kind, add)
    return [_note(key, column, rows) for (key, column), rows in found.items()]


def _node_gaps(node: Node, by_kind: dict[str, dict[str, Gap]], add: Any) -> None:
    kind = node.type
    gap = by_kind.get("type", {}).get(kind) if node.kind == "question" else None
    if gap is not None:
        add(gap, None, node.row)
    for word in appearance_words(node.appearance):
        gap = by_kind.get("appearance", {}).get(word)
        if gap is not None and (not gap.types or kind in gap.types):
            add(gap, "appearance", node.row)
    for name, value in node.parameters.items():
        gap = by_kind.get("parameter", {}).get(name.strip().lower())
        if gap is not None and (not gap.types or kind in gap.types):
            if value.strip().lower() not in _OFF:
                add(gap, "parameters", node.row)
    functions = by_kind.get("function", {})
    last_saved = by_kind.get("reference", {}).get("last-saved")
    for field, column in _EXPRESSION_COLUMNS.items():
        text = getattr(node.bind, field)
        if not text:
            continue
        # A default reads the interview saved last when the interview starts
        # (forms/last_saved.py); the other columns read it only while it is first open.
        if last_saved is not None and column != "default" and _LAST_SAVED.search(text):
            add(last_saved, column, node.row)
        for name in _called(text):
            if name in functions:
                add(functions[name], column, node.row)
            elif name in UNSUPPORTED_EMPTY:
                add(name, column, node.row)


def _called(text: str) -> Iterator[str]:
    """The names of the functions an expression calls (none if it does not parse)."""
    try:
        tree = expression_parser.parse(text)
    except (ExpressionError, RecursionError):
        return
    stack: list[Any] = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple | list):
            stack.extend(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            if isinstance(item, expression_parser.Call):
                yield item.name
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))


def _survey_gaps(
    spec: FormSpec, survey: dict[str, Any], by_kind: dict[str, dict[str, Gap]], add: Any
) -> None:
    rows = {node.path: node.row for node in spec.walk()}
    columns = by_kind.get("column", {})
    audit = [g for g in by_kind.get("parameter", {}).values() if "audit" in g.types]

    def walk(element: dict[str, Any], prefix: str) -> None:
        for child in element.get("children") or []:
            if not isinstance(child, dict) or "name" not in child:
                continue
            path = f"{prefix}{child['name']}"
            if path in rows:
                for name, gap in columns.items():
                    if child.get(name):
                        add(gap, name, rows[path])
            elif child.get("type") == "audit":  # kept in pyxform's meta group only
                bind = child.get("bind") or {}
                for gap in audit:
                    if str(bind.get(f"odk:{gap.name}", "")).strip():
                        add(gap, "parameters", None)
            walk(child, f"{path}/")

    walk(survey, "")
    sheets = by_kind.get("sheet", {})
    if "entities" in sheets and survey.get("entity_version"):
        add(sheets["entities"], None, None)


def _note(key: Gap | str, column: str | None, rows: list[int | None]) -> Phrase:
    numbered = sorted(row for row in rows if row is not None)
    if isinstance(key, str):  # a function of another platform
        place = _place("survey", column, numbered)
        problem = phrase("forms.other_platform", name=key, platform=UNSUPPORTED_EMPTY[key])
        return phrase("forms.at", where=place, problem=problem)
    sheet = {"setting": "settings", "sheet": key.name}.get(key.kind, "survey")
    place = _place(sheet, column, numbered if key.kind != "sheet" else [])
    what = phrase(_WHAT[key.kind], name=key.name)
    problem = phrase("forms.gap", what=what, effect=phrase(key.effect))
    return phrase("forms.at", where=place, problem=problem)


def _place(sheet: str, column: str | None, rows: list[int]) -> list[Phrase]:
    place = where(sheet)
    if len(rows) == 1:
        place.extend(where(row=rows[0]))
    elif len(rows) > MAX_ROWS:
        listed = ", ".join(str(row) for row in rows[:MAX_ROWS])
        place.append(phrase("forms.where_rows_more", rows=listed, count=len(rows) - MAX_ROWS))
    elif rows:
        place.append(phrase("forms.where_rows", rows=", ".join(str(row) for row in rows)))
    if column:
        place.extend(where(column=column))
    return place
