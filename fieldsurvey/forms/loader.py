"""XLSForm file -> validated :class:`FormSpec`: the one public entry of form loading.

Stages (each a function): read the sheets with pyxform's readers
(:mod:`.xlsform_reader`); validate and convert them with pyxform's
``workbook_to_json``; map the result into a FormSpec (:mod:`.spec_builder`); run
pyxform's XForm build for the checks it makes there; compile the expressions with
our engine (unknown functions, cycles). Every pyxform rejection becomes a
:class:`FormDefinitionError` naming sheet, row and problem.

A form whose settings sheet has no version gets one, as ODK Central and KoboToolbox
give one (:func:`default_version`): the time its file was last saved, so the same file
always gets the same version. Its warnings end with the notes of :mod:`.support` (the
version given, the features a laptop cannot do yet), in the language of the messages
when the form is loaded (the cache keeps a copy per language).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyxform.builder import create_survey_element_from_dict
from pyxform.errors import PyXFormError
from pyxform.utils import default_is_dynamic
from pyxform.xls2json import workbook_to_json

from fieldsurvey import messages
from fieldsurvey.errors import ExpressionError, FormDefinitionError
from fieldsurvey.forms import entity_spec, form_cache, support
from fieldsurvey.forms.form_errors import FormSheetError, Phrase, phrase, where
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.forms.spec_builder import SpecBuilder
from fieldsurvey.forms.xlsform_reader import (
    RowIndex,
    external_choice_lists,
    index_survey_rows,
    location,
    read_workbook,
    saved_time,
    settings_cells,
)

_ROW_PREFIX = re.compile(r"^\[row : (?P<row>\d+)\]\s*(?P<rest>.*)$", re.S)
_ON_SHEET = re.compile(r"^On the '(?P<sheet>[\w-]+)' sheet, (?P<rest>.*)$", re.S)
_NAMED = re.compile(r"named '(?P<name>[^']+)'|named (?P<bare>[^\s']+?)\.?(?:\s|$)")
_NO_CHOICES = "There should be a choices sheet"
_SHEET_WORD = re.compile(r"sheet(?: name)?:? '(?P<sheet>[\w-]+)'|'(?P<sheet2>[\w-]+)' sheet")


def load_form(path: Path, *, use_cache: bool = True) -> FormSpec:
    """Load and validate the XLSForm at ``path`` (.xlsx, .xls or a markdown .md table)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormSheetError("forms.unreadable_file", path=str(path), reason=exc.strerror) from exc
    return load_form_bytes(data, path.name, use_cache=use_cache)


def load_form_bytes(data: bytes, filename: str, *, use_cache: bool = True) -> FormSpec:
    """Like :func:`load_form` for file content; ``filename`` gives the type and fallback id."""
    source_hash = hashlib.sha256(data).hexdigest()
    key = cache_key(source_hash, filename)
    if use_cache:
        cached = form_cache.get(key)
        if cached is not None:
            return cached
    spec = convert_form(data, filename, source_hash=source_hash)
    check_expressions(spec)
    spec.warnings.extend(
        w for w in compile_check(spec) if w not in spec.warnings and not _noted_function(w)
    )
    if use_cache:
        form_cache.put(key, spec)
    return spec


def convert_form(data: bytes, filename: str, *, source_hash: str = "") -> FormSpec:
    """Read, validate with pyxform and map to a FormSpec (no cache, no expression check)."""
    warnings: list[str] = []
    definition = read_workbook(data, filename)
    try:
        survey = workbook_to_json(
            workbook_dict=definition,
            fallback_form_name=definition.fallback_form_name,
            warnings=warnings,
        )
    except PyXFormError as exc:
        raise pyxform_error(exc, _rows_for_message(definition)) from exc
    default_language = str(survey.get("default_language") or "default")
    rows = index_survey_rows(definition, default_language)
    builder = SpecBuilder(
        survey, rows, warnings, external_choice_lists(definition, default_language)
    )
    spec = builder.build(settings_cells(definition), source_hash or _sha256(data))
    check_xform_build(survey, rows, warnings)
    if spec.entities:
        check_expressions(spec, entity_spec.declaration_rows(survey))
    spec.warnings = list(dict.fromkeys(pyxform_message(text, rows) for text in warnings))
    notes = support.form_notes(spec, survey)
    if not spec.version.strip():
        spec.version, from_saved_time = default_version(data, filename)
        notes.insert(0, support.version_note(spec.version, from_saved_time=from_saved_time))
    spec.warnings.extend(note.text() for note in notes)
    return spec


def default_version(data: bytes, filename: str) -> tuple[str, bool]:
    """The version of a form whose settings sheet has none, and whether it is the time
    the file was last saved (``YYYYMMDDhhmmss``, UTC, as the workbook records it: a later
    edit gets a larger version) rather than taken from its content (a file that does not
    record that time, e.g. a markdown form). The same file always gets the same version:
    the time of publication (what ODK Central takes) would give a file a new version each
    time it is checked or published."""
    moment = saved_time(data, filename)
    if moment is not None:
        return moment.strftime("%Y%m%d%H%M%S"), True
    return _sha256(data)[:12], False


def cache_key(source_hash: str, filename: str) -> str:
    """The form cache's key for a file: its SHA-256 and name, the code (form_cache), and
    the language and catalogue texts its notes are rendered with (a copy per language)."""
    return form_cache.cache_key(f"{source_hash}|{messages.language()}|{_texts_key()}", filename)


@lru_cache(maxsize=1)
def _texts_key() -> str:
    """A fingerprint of the catalogue's texts (a changed note is not served from cache)."""
    entries = sorted((code, text.en, text.vi) for code, text in messages.CATALOGUE.items())
    return hashlib.sha256(repr(entries).encode()).hexdigest()[:16]


def _noted_function(warning: str) -> bool:
    """An engine warning about another platform's function, which the notes of
    :mod:`.support` give in the user's language."""
    return "FieldSurvey evaluates it as empty" in warning


def _rows_for_message(definition: Any) -> RowIndex | None:
    """The survey rows of a form pyxform rejected, if they can be read (for messages)."""
    try:
        language = settings_cells(definition).get("default_language", "default")
        return index_survey_rows(definition, language)
    except (PyXFormError, ValueError, TypeError, KeyError):
        return None


def check_xform_build(survey: dict[str, Any], rows: RowIndex, warnings: list[str]) -> None:
    """Run pyxform's XForm build (no ODK Validate) for the checks it makes only there.

    A question type pyxform does not know has already been resolved or rejected by the
    spec builder; an internal pyxform failure (not a PyXFormError) is not the form's
    fault, so it becomes a warning and the form loads from its validated JSON.
    """
    try:
        create_survey_element_from_dict(survey).to_xml(validate=False, warnings=warnings)
    except PyXFormError as exc:
        if str(exc).startswith("Unknown question type"):
            return
        raise pyxform_error(exc, rows) from exc
    except Exception as exc:  # pyxform's own bugs, e.g. TypeError in its XML writer
        warnings.append(
            "pyxform could not write this form as an XForm "
            f"({type(exc).__name__}: {exc}); it was loaded from its validated sheets."
        )


def pyxform_error(exc: PyXFormError, rows: RowIndex | None) -> FormDefinitionError:
    """A pyxform error as a message that names sheet, row and problem (pyxform's own
    English wording of the problem is kept as a detail: it has no codes to translate)."""
    context = exc.context if isinstance(exc.context, dict) else {}
    message, sheet, row = _pyxform_place(str(exc), rows, context.get("sheet"))
    if row is None and sheet is None:
        return FormSheetError("forms.pyxform", detail=message)
    return FormSheetError(
        "forms.at", where=where(sheet, row), problem=phrase("forms.pyxform", detail=message)
    )


def pyxform_message(message: str, rows: RowIndex | None, sheet: str | None = None) -> str:
    """Rewrite pyxform's ``[row : N] On the 'x' sheet, ...`` as ``x sheet, row N: ...``."""
    message, sheet, row = _pyxform_place(message, rows, sheet)
    if row is None and sheet is None:
        return message
    return location(message, sheet, row)


def _pyxform_place(
    message: str, rows: RowIndex | None, sheet: str | None
) -> tuple[str, str | None, int | None]:
    """pyxform's message without its ``[row : N] On the 'x' sheet,`` prefix (capitalised
    when a place was found), the sheet and the row it names or that we find for it."""
    message = message.strip()
    row: int | None = None
    match = _ROW_PREFIX.match(message)
    if match:
        row = int(match["row"])
        message = match["rest"].strip()
        sheet = sheet or "survey"
    on_sheet = _ON_SHEET.match(message)
    if on_sheet:
        sheet = on_sheet["sheet"]
        message = on_sheet["rest"]
    if row is None and rows is not None and message.startswith(_NO_CHOICES):
        row = rows.first_select_row()
        sheet = sheet or ("survey" if row else None)
    if row is None and rows is not None:
        named = _NAMED.search(message)
        name = (named["name"] or named["bare"]) if named else None
        if name and rows.row_of_name(name) is not None:
            row = rows.row_of_name(name)
            sheet = sheet or "survey"
    if sheet is None:
        word = _SHEET_WORD.search(message)
        if word:
            sheet = word["sheet"] or word["sheet2"]
    if row is None and sheet is None:
        return message, None, None
    return message[:1].upper() + message[1:], sheet, row


#: Binding field -> the survey-sheet column it comes from (for messages).
_EXPRESSION_COLUMNS = {
    "relevant": "relevant", "constraint": "constraint", "calculation": "calculation",
    "required": "required", "read_only": "read_only", "repeat_count": "repeat_count",
    "choice_filter": "choice_filter", "default": "default", "trigger": "trigger",
}  # fmt: skip


def check_expressions(spec: FormSpec, entity_rows: dict[str, int] | None = None) -> None:
    """Parse every expression; a syntax error or unknown function names its row and column
    (on the survey sheet, or on the entities sheet: ``entity_rows`` gives each list's row).

    Uses the engine's parser and function table once they are installed.
    """
    if importlib.util.find_spec("fieldsurvey.forms.xpath_functions") is None:
        return
    parser = importlib.import_module("fieldsurvey.forms.expression_parser")
    functions = importlib.import_module("fieldsurvey.forms.xpath_functions")
    compiler = importlib.import_module("fieldsurvey.forms.expression_compiler")
    arity: dict[str, tuple[int, int | None]] = {
        name: (entry[0], entry[1])
        for table in (functions.FUNCTIONS, functions.SPECIAL_FUNCTIONS)
        for name, entry in table.items()
    }
    known = set(arity) | set(getattr(compiler, "UNSUPPORTED_EMPTY", ()))

    def check(text: str, place: list[Phrase]) -> None:
        try:
            tree = parser.parse(text)
        except ExpressionError as exc:
            raise FormSheetError("forms.at", where=place, problem=exc) from exc
        for call in _calls(tree):
            problem = _call_problem(call.name, len(call.args), known, arity, text)
            if problem:
                raise FormSheetError("forms.at", where=place, problem=problem)

    for node in spec.walk():
        for field, column in _EXPRESSION_COLUMNS.items():
            text = getattr(node.bind, field)
            if not text or (field == "default" and not default_is_dynamic(text, node.type)):
                continue
            check(text, where("survey", node.row, column))
    for decl in spec.entities:
        row = (entity_rows or {}).get(decl.list_name)
        for column in ("label", "create_if", "update_if", "entity_id"):
            text = getattr(decl, column)
            if text:
                check(text, where("entities", row, column))


def _calls(tree: Any) -> list[Any]:
    """Every function call in a parsed expression (any dataclass AST)."""
    found: list[Any] = []
    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple | list):
            stack.extend(item)
        elif dataclasses.is_dataclass(item):
            if type(item).__name__ == "Call":
                found.append(item)
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
    return found


def _call_problem(
    name: str, count: int, known: set[str], arity: dict[str, tuple[int, int | None]], text: str
) -> Phrase | None:
    if name not in known:
        return phrase("forms.unknown_function_in", name=name, expression=text)
    low, high = arity.get(name, (0, None))
    if count < low or (high is not None and count > high):
        if low == high:
            return phrase("forms.arity_in", name=name, low=low, count=count, expression=text)
        if high is None:
            return phrase(
                "forms.arity_at_least_in", name=name, low=low, count=count, expression=text
            )
        return phrase(
            "forms.arity_range_in", name=name, low=low, high=high, count=count, expression=text
        )
    return None


def compile_check(spec: FormSpec) -> list[str]:
    """Compile the form with the engine (references, cycles); returns its warnings.

    Runs only when the engine module is installed (it lands separately). An
    ExpressionError becomes a FormDefinitionError: the form, not an answer, is wrong.
    """
    if importlib.util.find_spec("fieldsurvey.forms.engine") is None:
        return []
    engine = importlib.import_module("fieldsurvey.forms.engine")
    try:
        compiled = engine.FormEngine.build(spec)
    except ExpressionError as exc:
        raise FormSheetError(exc.code, **exc.params) from exc
    if spec.entities:  # the entities sheet's references (its rows named when converted)
        actions = importlib.import_module("fieldsurvey.forms.entity_actions")
        for _decl, column, problem in actions.check_declarations(compiled):
            raise FormSheetError(
                "forms.at", where=where("entities", None, column), problem=problem
            ) from problem
    return [str(w) for w in getattr(compiled, "warnings", [])]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
