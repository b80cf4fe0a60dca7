"""Checking one received record on the coordinator, before it may be merged.

A signed bundle proves where a record comes from, not that it is correct: an enumerator
can read their own laptop's signing key. So each interview is checked against the form
version it claims, with the questionnaire engine the laptop runs
(:mod:`fieldsurvey.forms`), and against documented limits (docs/security-model.md):

- metadata: ward, household id, respondent, enumerator without control characters (not
  even a newline); ``created``/``updated`` real ISO 8601 date-times;
- size: at most :data:`MAX_STRING` characters per string, :data:`MAX_RECORD_BYTES` of JSON
  per record, :data:`MAX_DEPTH` levels of nesting, :data:`MAX_KEY` characters per field
  name; no control characters but ``\\n`` and ``\\t`` (no line separators, no lone
  surrogates);
- numbers finite, decimals within ±:data:`MAX_DECIMAL`, integers within ±2**53;
- shape and types as the engine loads them (groups are objects, repeats lists of
  objects, no unknown field, each value of its question's type), choices in their list;
- every media answer (image, audio, video, file) names a file held here, received with
  the record or before (:mod:`fieldsurvey.store.media`), of a type its question takes;
- every answered, relevant question passes its constraint, as ``complete_checked``
  requires on the laptop. Required questions left empty are NOT a reason: records
  completed without the engine's checks (``fieldsurvey selftest``, older laptops) are
  incomplete, not invalid, and every output handles an empty answer.

:func:`check_record` returns None (mergeable) or a :class:`Problem`: a catalogue code
and its params (names of fields and forms, counts; never an answer value).
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.forms.attachments import FormFile, FormFiles
from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.forms.xpath_attachments import use_files
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import media, quarantine
from fieldsurvey.sync.bundle_payload import WireInterview

MAX_STRING = 10_000  # characters in one string (a text answer)
MAX_KEY = 200  # characters in one field name
MAX_RECORD_BYTES = 1_000_000  # UTF-8 bytes of one record's answers as JSON
MAX_DEPTH = 32  # levels of nested objects and lists in one record's answers
MAX_DECIMAL = 1e15  # |decimal| (Stata, SPSS and Excel hold it exactly enough)
MAX_INTEGER = 2**53  # |integer| (exact in a double)
MAX_PATHS = 8  # failing questions named in one reason

NOT_INSTALLED = "sync.quarantine.form_not_installed"
_ALLOWED_CONTROLS = frozenset("\n\t")
_SAFE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,199}")
_META = ("ward", "household_id", "respondent", "enumerator", "device_id")


@dataclass(frozen=True)
class Problem:
    """Why a record cannot be merged: a catalogue code and its params."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def waits(self) -> bool:
        """True when the record only waits for its form version to be installed."""
        return self.code == NOT_INSTALLED


def bad_character(text: str, allowed: frozenset[str] = _ALLOWED_CONTROLS) -> bool:
    """A control character (other than ``allowed``: newline and tab), a line or paragraph
    separator, or a lone surrogate."""
    return any(
        unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") and c not in allowed
        for c in text
        if not c.isprintable()
    )


def printable(text: str) -> str:
    """``text`` with control characters escaped (``\\x1b``), for one line of output."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


# --- compiled forms, by the stored definition's hash -------------------------------------
_lock = threading.Lock()
_compiled: dict[str, CompiledForm | None] = {}


def _form(db: Database, form_id: str, version: str) -> CompiledForm | bool:
    """The compiled form; False if not installed; True if its stored definition is not
    a form (a stub; only the type and size checks then apply)."""
    key = quarantine.form_key(db, form_id, version)  # small: no definition read
    if key is None:
        return False
    with _lock:
        if key in _compiled:
            return _compiled[key] or True
    stored = quarantine.form_definition(db, form_id, version)
    if stored is None:
        return False
    key, definition = stored
    compiled: CompiledForm | None = None
    try:
        spec = FormSpec.model_validate_json(definition)
        if spec.children:  # the loader never stores a form without questions
            compiled = FormEngine.build(spec)
            # its attachments: lists from files, pulldata() in constraints, search()
            files = forms_store.read_attachments(db, form_id, version)
            use_files(compiled, FormFiles(FormFile(a.name, a.data, a.sha256) for a in files))
    except (ValueError, FieldSurveyError):
        compiled = None
    with _lock:
        _compiled[key] = compiled
    return compiled or True


# --- the checks ----------------------------------------------------------------------------
def check_record(db: Database, item: WireInterview) -> Problem | None:
    """None if ``item`` may be merged, else why not (see the module docstring)."""
    problem = _check_meta(item) or _check_values(item.answers)
    if problem is not None:
        return problem
    compiled = _form(db, item.form_id, item.form_version)
    if compiled is False:
        if not _SAFE_ID.fullmatch(item.form_id) or not _SAFE_ID.fullmatch(item.form_version):
            return Problem("sync.quarantine.form_id_invalid")
        return Problem(NOT_INSTALLED, {"form_id": item.form_id, "version": item.form_version})
    if isinstance(compiled, bool):
        return None
    return _check_with_form(compiled, item) or _check_media(db, compiled, item)


_media_nodes: dict[int, dict[str, str]] = {}


def _check_media(db: Database, compiled: CompiledForm, item: WireInterview) -> Problem | None:
    """Each media answer names a held file its question takes (the files of a bundle are
    kept before its records are checked)."""
    with _lock:
        nodes = _media_nodes.get(id(compiled))
        if nodes is None:
            nodes = _media_nodes[id(compiled)] = media.media_nodes(compiled.spec.walk())
    if not nodes:
        return None
    answers = media.referenced(item.answers, nodes)
    for path, _qtype, name in answers:
        if media.name_problem(name) is not None or name == media.AUDIT_FILE:
            return Problem("media.quarantine_bad_value", {"path": path})
    held = media.held(db, item.uuid, [name for _p, _t, name in answers])
    for path, qtype, name in answers:
        info = held.get(name)
        if info is None:
            return Problem("media.quarantine_missing", {"path": path})
        if not media.fits_question(qtype, info.mime):
            return Problem("media.quarantine_wrong_type", {"path": path})
    return None


def _check_meta(item: WireInterview) -> Problem | None:
    for name in _META:  # one-line fields: not even a newline
        if bad_character(getattr(item, name), frozenset()):
            return Problem("sync.quarantine.meta_control", {"field": name})
    if bad_character(item.form_id, frozenset()) or bad_character(item.form_version, frozenset()):
        return Problem("sync.quarantine.form_id_invalid")
    for name in ("created", "updated"):
        if not _real_moment(getattr(item, name)):
            return Problem("sync.quarantine.meta_time", {"field": name})
    return None


def _real_moment(text: str) -> bool:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return False
    return 2000 <= moment.year <= 2200


def _check_values(answers: dict[str, Any]) -> Problem | None:
    """Sizes, nesting, characters and numbers, walking iteratively (no recursion)."""
    try:
        size = len(
            json.dumps(answers, ensure_ascii=False, allow_nan=True).encode("utf-8", "replace")
        )
    except (RecursionError, ValueError):
        return Problem("sync.quarantine.too_deep", {"max": MAX_DEPTH})
    if size > MAX_RECORD_BYTES:
        return Problem("sync.quarantine.record_too_large", {"max": MAX_RECORD_BYTES})
    stack: list[tuple[Any, str, int]] = [(answers, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict):
            if depth > MAX_DEPTH:
                return Problem("sync.quarantine.too_deep", {"max": MAX_DEPTH})
            for key, sub in value.items():
                if len(key) > MAX_KEY or bad_character(key) or "/" in key:
                    return Problem("sync.quarantine.bad_field_name", {"path": path or "/"})
                stack.append((sub, f"{path}/{key}" if path else key, depth + 1))
        elif isinstance(value, list):
            if depth > MAX_DEPTH:
                return Problem("sync.quarantine.too_deep", {"max": MAX_DEPTH})
            stack.extend((sub, f"{path}[{i}]", depth + 1) for i, sub in enumerate(value, 1))
        elif isinstance(value, str):
            if len(value) > MAX_STRING:
                return Problem("sync.quarantine.string_too_long", {"path": path, "max": MAX_STRING})
            if bad_character(value):
                return Problem("sync.quarantine.control_character", {"path": path})
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if abs(value) > MAX_INTEGER:
                return Problem("sync.quarantine.number_out_of_range", {"path": path})
        elif isinstance(value, float):
            if not math.isfinite(value) or abs(value) > MAX_DECIMAL:
                return Problem("sync.quarantine.number_out_of_range", {"path": path})
        else:
            return Problem("sync.quarantine.bad_value", {"path": path})
    return None


_choice_names: dict[tuple[int, str], frozenset[str] | None] = {}
_SELECTS = ("select_one", "select_multiple", "select_one_from_file", "select_multiple_from_file")


def _not_a_choice(compiled: CompiledForm, session: Any, it: Any, xval: str) -> bool:
    """Whether a select's answer names a choice its list does not offer. A list without
    a choice_filter is a set looked up once per form; one with a filter asks the engine
    (``Session.unoffered``: the filter is evaluated for this record)."""
    node = it.tpl.node
    if node is None or node.type not in _SELECTS:
        return False
    if "search(" in (node.appearance or ""):  # choices looked up in a file as typed
        return False
    if compiled.logic[it.tpl.tid].choice_filter is not None:
        return bool(session.unoffered(it.label_path()))
    key = (id(compiled), node.choices or "")
    with _lock:
        if key not in _choice_names:
            listed = compiled.spec.choices.get(node.choices or "") or session.all_choices(
                it.label_path()
            )  # a list from an attached file, when the form has it
            _choice_names[key] = frozenset(c.name for c in listed) if listed else None
        names = _choice_names[key]
    if names is None:  # a list from a file this coordinator does not hold
        return False
    picked = xval.split() if node.type.startswith("select_multiple") else [xval]
    return any(p not in names and not (p == "other" and node.or_other) for p in picked)


def _check_with_form(compiled: CompiledForm, item: WireInterview) -> Problem | None:
    try:
        session = compiled.session(item.answers)
    except FieldSurveyError as exc:  # shape, unknown field, a value not of its type
        return Problem(exc.code, {k: str(v) for k, v in exc.params.items()})
    except (RecursionError, ValueError, TypeError, OverflowError, ArithmeticError):
        return Problem("sync.quarantine.bad_value", {"path": "/"})
    for it in session.items():
        if it.tpl.kind != "question":
            continue
        xval = it.xval
        if isinstance(xval, float):
            limit = MAX_INTEGER if it.tpl.qtype == "integer" else MAX_DECIMAL
            if not math.isfinite(xval) or abs(xval) > limit:
                return Problem("sync.quarantine.number_out_of_range", {"path": it.label_path()})
        elif isinstance(xval, str) and xval and _not_a_choice(compiled, session, it, xval):
            return Problem("sync.quarantine.not_a_choice", {"path": it.label_path()})
    # Constraints, not "required": a value the form forbids is invalid for it, while an
    # unanswered question is only incomplete (records completed without the engine's
    # checks, e.g. by `fieldsurvey selftest`, are accepted as today).
    failing = [e for e in session.errors("en") if e.kind == "constraint"]
    if failing:
        paths = ", ".join(e.path for e in failing[:MAX_PATHS])
        return Problem("sync.quarantine.fails_checks", {"count": len(failing), "paths": paths})
    return None
