"""The household at the door: a new interview's household id, checked before it starts.

Two checks, in the core so that every front end agrees:

- the form's own rule for the household id: the constraint of the question named
  ``household_id`` (the question :mod:`fieldsurvey.forms.prefill` fills in from the
  new-interview dialog), evaluated by the engine with the form's own message. At the door
  the questions that make it relevant (consent, say) are not answered yet, so it is
  evaluated as if it were shown: on a copy of the form without the relevance of that
  question and of the groups around it (compiled once per form version);
- the interviews of the same form with the same ward and household id already in the
  workspace (:func:`fieldsurvey.store.interviews.same_household`), which the enumerator
  opens instead or knowingly revisits.

API:
    HOUSEHOLD_FIELD = "household_id"
    household_question(spec) -> Node | None
    household_id_problem(compiled, household_id, *, ward_code=None, lang=None)
        -> IdProblem | None        (pure: no workspace)
    check_household(ws, *, form_id, form_version, ward, household_id, ward_code=None,
                    lang=None) -> HouseholdCheck   (the ward matched by any of its labels)
    ward_names(spec, ward_code) -> set[str]
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fieldsurvey.errors import AnswerError, FormNotFoundError
from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.installed import compiled_form
from fieldsurvey.forms.prefill import prefilled_answers
from fieldsurvey.forms.spec import FormSpec, Node
from fieldsurvey.store.interviews import InterviewRow, same_household

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

#: The name of the household id question (the same rule as the prefill's).
HOUSEHOLD_FIELD = "household_id"

_lock = threading.Lock()
_door_forms: dict[tuple[str, str, str], CompiledForm | None] = {}


@dataclass(frozen=True)
class IdProblem:
    """The household id breaks the form's rule: the form's message, in the language asked.
    ``soft``: the form makes it a soft check (a warning the enumerator may confirm)."""

    message: str
    soft: bool = False


@dataclass(frozen=True)
class HouseholdCheck:
    #: The form's rule is broken (None: the id passes, or the form has no rule).
    problem: IdProblem | None = None
    #: The workspace's interviews of the same form, ward and household id, newest first.
    existing: list[InterviewRow] = field(default_factory=list)


def household_question(spec: FormSpec) -> Node | None:
    """The form's household id question, if it has one."""
    node = spec.by_name().get(HOUSEHOLD_FIELD)
    return node if node is not None and node.kind == "question" else None


def _at_the_door(spec: FormSpec, path: str) -> CompiledForm | None:
    """``spec`` compiled without the relevance of the question at ``path`` and of its
    groups; None when the question sits in a repeat (it has no single answer)."""
    key = (spec.form_id, spec.version, spec.source_hash)
    with _lock:
        if key in _door_forms:
            return _door_forms[key]
    copy = spec.model_copy(deep=True)
    parts = path.split("/")
    prefixes = {"/".join(parts[: i + 1]) for i in range(len(parts))}
    door: CompiledForm | None = None
    if not any(n.kind == "repeat" for n in copy.walk() if n.path in prefixes):
        for node in copy.walk():
            if node.path in prefixes:
                node.bind.relevant = None
        door = FormEngine.build(copy)
    with _lock:
        _door_forms[key] = door
    return door


def household_id_problem(
    compiled: CompiledForm,
    household_id: str,
    *,
    ward_code: str | None = None,
    lang: str | None = None,
) -> IdProblem | None:
    """Whether ``household_id`` breaks the form's rule for its household id question
    (its type or its constraint), with the form's message in ``lang`` ("vi", "en" or a
    language name of the form); None when it passes or the form has no such question.
    ``ward_code``: the ward chosen with it (a constraint may read it)."""
    spec = compiled.spec
    node = household_question(spec)
    if node is None:
        return None
    door = _at_the_door(spec, node.path)
    if door is None:
        return None
    answers = prefilled_answers(spec, ward_code=ward_code, household_id="")
    session = door.session(answers, lang=door.resolve_lang(lang))
    try:
        session.set(node.path, household_id.strip())
    except AnswerError as exc:  # a word where the form wants a number, say
        return IdProblem(exc.text(_core_lang(lang)))
    for error in session.errors(lang):
        if error.path == node.path and error.kind in ("constraint", "warning"):
            return IdProblem(error.message, soft=error.kind == "warning")
    return None


def _core_lang(lang: str | None) -> str | None:
    """The catalogue language ("vi"/"en") for a language code or form language name."""
    if lang is None:
        return None
    low = lang.strip().lower()
    return "en" if low == "en" or low.endswith("(en)") or low.startswith("english") else "vi"


def check_household(
    ws: Workspace,
    *,
    form_id: str,
    form_version: str,
    ward: str,
    household_id: str,
    ward_code: str | None = None,
    lang: str | None = None,
) -> HouseholdCheck:
    """Both checks at the door for a new interview of ``form_id``/``form_version`` (read
    only; run it off the UI thread)."""
    try:
        compiled = compiled_form(ws, form_id, form_version)
    except FormNotFoundError:
        compiled = None
    problem = (
        household_id_problem(compiled, household_id, ward_code=ward_code, lang=lang)
        if compiled is not None
        else None
    )
    names = {ward}
    if compiled is not None and ward_code:
        names |= ward_names(compiled.spec, ward_code)
    existing = same_household(ws, form_id=form_id, ward=sorted(names), household_id=household_id)
    return HouseholdCheck(problem=problem, existing=existing)


def ward_names(spec: FormSpec, ward_code: str) -> set[str]:
    """Every name of the ward ``ward_code`` in the form: its label in each language (the
    list stores the label the app showed when the interview was started)."""
    field_name = spec.settings.get("ward_field", "").strip()
    node = spec.by_name().get(field_name) if field_name else None
    if node is None or not node.choices:
        return set()
    for choice in spec.choices.get(node.choices, []):
        if choice.name == ward_code:
            return {label.strip() for label in choice.label.values() if label.strip()}
    return set()
