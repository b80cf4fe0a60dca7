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
  requires on the laptop;
- its entity actions, if any, are within the limits, bound to the sending laptop, act on
  entities it holds, and are what its form gives for its answers
  (:mod:`fieldsurvey.sync.entity_checks`). Required questions left empty are NOT a reason: records
  completed without the engine's checks (``fieldsurvey selftest``, older laptops) are
  incomplete, not invalid, and every output handles an empty answer.

:func:`check_record` returns None (mergeable) or a :class:`Problem`: a catalogue code
and its params (names of fields and forms, counts; never an answer value). A merge checks
through one :class:`RecordChecks` (each form version looked up once per merge). The engine
opens a record with its check-only path (:mod:`fieldsurvey.forms.engine_check`: every
computation once, in rank order, no session state), which reaches the verdicts of a full
session; a version's compiled form and check plan are cached by its definition's hash
and its attachments (files may be added to a version after it was first used).
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.forms.attachments import FormFile, FormFiles
from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.engine_check import CheckPlan, check_session, failing_constraint, unoffered
from fieldsurvey.forms.engine_session import Session
from fieldsurvey.forms.instance import NOT_IN_BODY, Item
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.forms.xpath_attachments import use_files
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import media, quarantine
from fieldsurvey.store.database import Database
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
    if text.isprintable():  # nearly every string: no character to look at
        return False
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


# --- compiled forms, by the stored definition's hash and attachments ----------------------
_lock = threading.Lock()
_compiled: dict[str, CheckPlan | None] = {}


def _plan(db: Database, form_id: str, version: str) -> CheckPlan | bool:
    """The check plan of the compiled form; False if not installed; True if its stored
    definition is not a form (a stub; only the type and size checks then apply)."""
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
    plan: CheckPlan | None = None
    try:
        spec = FormSpec.model_validate_json(definition)
        if spec.children:  # the loader never stores a form without questions
            compiled = FormEngine.build(spec)
            # its attachments: lists from files, pulldata() in constraints, search()
            files = forms_store.read_attachments(db, form_id, version)
            use_files(compiled, FormFiles(FormFile(a.name, a.data, a.sha256) for a in files))
            plan = CheckPlan(compiled)
    except (ValueError, FieldSurveyError):
        plan = None
    with _lock:
        _compiled[key] = plan
    return plan or True


# --- the checks ----------------------------------------------------------------------------
class RecordChecks:
    """The checks of one merge (one transaction): each form version a record names is
    looked up once, and its compiled form and check plan are shared by every merge
    (cached by the version's definition hash and attachments)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._plans: dict[tuple[str, str], CheckPlan | bool] = {}
        #: the answers last checked and their JSON text (:meth:`answers_text`)
        self._text: tuple[dict[str, Any], str] | None = None

    def check(self, item: WireInterview) -> Problem | None:
        """None if ``item`` may be merged, else why not (see the module docstring)."""
        problem = _check_meta(item)
        if problem is not None:
            return problem
        text = _answers_json(item.answers)
        if text is None:
            return Problem("sync.quarantine.too_deep", {"max": MAX_DEPTH})
        self._text = (item.answers, text)
        problem = _check_values(item.answers, text)
        if problem is not None:
            return problem
        version = (item.form_id, item.form_version)
        plan = self._plans.get(version)
        if plan is None:
            plan = self._plans[version] = _plan(self._db, *version)
        if plan is False:
            if not _SAFE_ID.fullmatch(item.form_id) or not _SAFE_ID.fullmatch(item.form_version):
                return Problem("sync.quarantine.form_id_invalid")
            return Problem(NOT_INSTALLED, {"form_id": item.form_id, "version": item.form_version})
        if isinstance(plan, bool):
            return self._check_entities(plan, item)
        return (
            _check_with_form(plan, item)
            or _check_media(self._db, plan, item)
            or self._check_entities(plan, item)
        )

    def answers_text(self, item: WireInterview) -> str:
        """``item``'s answers as the JSON text the interviews table stores: the one the
        size check of :meth:`check` wrote for them, not written again."""
        last = self._text
        if last is not None and last[0] is item.answers:
            return last[1]
        return json.dumps(item.answers, ensure_ascii=False)

    def _check_entities(self, plan: CheckPlan | bool, item: WireInterview) -> Problem | None:
        """The record's entity actions (:mod:`fieldsurvey.sync.entity_checks`)."""
        if not item.entities:
            return None
        from fieldsurvey.sync.entity_checks import check_entities  # it imports this module

        return check_entities(
            self._db, plan, item.uuid, item.device_id, item.answers, item.entities
        )


def check_record(db: Database, item: WireInterview) -> Problem | None:
    """None if ``item`` may be merged, else why not (see the module docstring)."""
    return RecordChecks(db).check(item)


def _check_media(db: Database, plan: CheckPlan, item: WireInterview) -> Problem | None:
    """Each media answer names a held file its question takes (the files of a bundle are
    kept before its records are checked)."""
    nodes = plan.memo.get("media")
    if nodes is None:
        nodes = plan.memo["media"] = media.media_nodes(plan.form.spec.walk())
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


def _answers_json(answers: dict[str, Any]) -> str | None:
    """The answers as JSON text, as the interviews table stores them (None: too deep to
    write)."""
    try:
        return json.dumps(answers, ensure_ascii=False)
    except (RecursionError, ValueError):
        return None


def _check_values(answers: dict[str, Any], text: str | None = None) -> Problem | None:
    """Sizes, nesting, characters and numbers, walking iteratively (no recursion);
    ``text``: the answers as JSON text, if written already."""
    if text is None:
        text = _answers_json(answers)
        if text is None:
            return Problem("sync.quarantine.too_deep", {"max": MAX_DEPTH})
    size = len(text) if text.isascii() else len(text.encode("utf-8", "replace"))
    if size > MAX_RECORD_BYTES:
        return Problem("sync.quarantine.record_too_large", {"max": MAX_RECORD_BYTES})
    if _plain_values(answers):
        return None
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


def _plain_values(answers: dict[str, Any]) -> bool:
    """True when :func:`_check_values` finds nothing to report: the same tests without
    building a path for every value (a record with something to report is walked again,
    naming the path)."""
    stack: list[tuple[Any, int]] = [(answers, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if type(value) is dict:
            for key in value:
                if type(key) is not str or len(key) > MAX_KEY or "/" in key or bad_character(key):
                    return False
            subs = value.values()
        else:
            subs = value
        for sub in subs:
            kind = type(sub)
            if kind is str:
                if len(sub) > MAX_STRING or bad_character(sub):
                    return False
            elif kind is dict or kind is list:
                stack.append((sub, depth + 1))
            elif kind is int:
                if abs(sub) > MAX_INTEGER:
                    return False
            elif kind is float:
                if not math.isfinite(sub) or abs(sub) > MAX_DECIMAL:
                    return False
            elif sub is not None and kind is not bool:
                return False  # a subclass, or not a JSON value: the full walk says
    return True


_SELECTS = ("select_one", "select_multiple", "select_one_from_file", "select_multiple_from_file")
_UNLISTED = frozenset[str]()  # a list from a file this coordinator does not hold


class _Question(NamedTuple):
    """What the check reads of one question template, worked out once per form."""

    limit: float  # the largest number it may hold
    #: its answer is looked up in a choice list (not a ``search()`` list)
    select: bool
    #: its list has a choice_filter: the engine says what is offered (``unoffered``)
    filtered: bool
    multiple: bool  # select_multiple: the answer is names joined by spaces
    or_other: bool
    constrained: bool  # a hard constraint (:func:`failing_constraint` evaluates it)


def _choice_names(plan: CheckPlan, session: Session, it: Item) -> frozenset[str]:
    """The names of the choices of the (unfiltered) list of the select at ``it``, looked
    up once per form (:data:`_UNLISTED` for a list from a file this coordinator lacks)."""
    node = it.tpl.node
    assert node is not None
    key = ("choices", node.choices or "")
    names: frozenset[str] | None = plan.memo.get(key)
    if names is None:
        listed = plan.form.spec.choices.get(node.choices or "") or session.all_choices(
            it.label_path()
        )  # a list from an attached file, when the form has it
        names = plan.memo[key] = frozenset(c.name for c in listed) if listed else _UNLISTED
    return names


def _check_with_form(plan: CheckPlan, item: WireInterview) -> Problem | None:
    try:
        session = check_session(plan, item.answers)
    except FieldSurveyError as exc:  # shape, unknown field, a value not of its type
        return Problem(exc.code, {k: str(v) for k, v in exc.params.items()})
    except (RecursionError, ValueError, TypeError, OverflowError, ArithmeticError):
        return Problem("sync.quarantine.bad_value", {"path": "/"})
    # Constraints, not "required": a value the form forbids is invalid for it, while an
    # unanswered question is only incomplete (records completed without the engine's
    # checks, e.g. by `fieldsurvey selftest`, are accepted as today). A number out of
    # range or a choice not offered anywhere in the record comes first.
    questions: dict[int, _Question] | None = plan.memo.get("questions")
    if questions is None:
        questions = plan.memo["questions"] = _questions(plan)
    memo = plan.memo
    failing: list[str] = []
    for it in session.root().walk():
        facts = questions.get(it.tpl.tid)
        if facts is None:  # the root, a group, a repeat instance
            continue
        xval = it.xval
        if isinstance(xval, float):
            if not math.isfinite(xval) or abs(xval) > facts.limit:
                return Problem("sync.quarantine.number_out_of_range", {"path": it.label_path()})
        elif facts.select and isinstance(xval, str) and xval:
            if facts.filtered:
                offered = not unoffered(session, plan, it)
            else:  # the usual case, inline: a set of names
                names = memo.get(("choices", it.tpl.node.choices or ""))  # type: ignore[union-attr]
                if names is None:
                    names = _choice_names(plan, session, it)
                if names is _UNLISTED:
                    offered = True
                elif facts.multiple:
                    offered = all(p in names or (p == "other" and facts.or_other)
                                  for p in xval.split())  # fmt: skip
                else:
                    offered = xval in names or (xval == "other" and facts.or_other)
            if not offered:
                return Problem("sync.quarantine.not_a_choice", {"path": it.label_path()})
        if facts.constrained and failing_constraint(session, it):
            failing.append(it.label_path())
    if failing:
        paths = ", ".join(failing[:MAX_PATHS])
        return Problem("sync.quarantine.fails_checks", {"count": len(failing), "paths": paths})
    return None


def _questions(plan: CheckPlan) -> dict[int, _Question]:
    """Per question template id, what :func:`_check_with_form` reads of it."""
    out: dict[int, _Question] = {}
    for tpl in plan.form.templates[1:]:
        node = tpl.node
        if tpl.kind != "question" or node is None:
            continue
        limit = MAX_INTEGER if tpl.qtype == "integer" else MAX_DECIMAL
        select = node.type in _SELECTS and "search(" not in (node.appearance or "")
        logic = plan.form.logic[tpl.tid]
        constrained = (
            logic.constraint is not None
            and not node.constraint_soft
            and tpl.qtype not in NOT_IN_BODY
            and tpl.qtype != "note"
        )
        out[tpl.tid] = _Question(
            limit, select, logic.choice_filter is not None,
            node.type.startswith("select_multiple"), bool(node.or_other), constrained,
        )  # fmt: skip
    return out
