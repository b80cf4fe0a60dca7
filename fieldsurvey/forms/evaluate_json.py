"""Answer-set JSON in, ODK's view of it out: the contract of ``fieldsurvey form evaluate``.

An answer set mirrors the form: nested objects for groups (keys are XLSForm names),
a list of objects for a repeat, a list of choice names for select_multiple,
``YYYY-MM-DD`` for dates, JSON numbers for numbers, a missing key for no answer.
Values of calculations may be present (they are recomputed).

:func:`evaluate_answer_set` returns::

    {"fields": {PATH: {"relevant": bool, "value": V}},
     "errors": [{"path": PATH, "kind": "required" | "constraint", "message": str}]}

PATH joins names below the form root with ``/`` and 1-based ``[i]`` for repeat
instances (``household/members[2]/age``). ``fields`` has every question, group,
repeat instance and calculation; a non-relevant node's value is null. A file that
does not fit the form raises :class:`DataFileError` naming the path (never a value).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from fieldsurvey.errors import AnswerError, DataFileError
from fieldsurvey.forms.engine import CompiledForm
from fieldsurvey.forms.engine_answers import to_json
from fieldsurvey.forms.engine_session import Session
from fieldsurvey.forms.form_errors import AnswerFileError

#: Select types whose choices come from the form's choices sheet (others are external).
_CHECKED_SELECTS = frozenset({"select_one", "select_multiple", "rank"})


def open_answer_set(
    compiled: CompiledForm,
    data: Any,
    lang: str | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
) -> Session:
    """A session holding ``data`` after checking that it fits the form."""
    if not isinstance(data, dict):
        raise DataFileError("forms.answer_file_not_object")
    try:
        session = compiled.session(data, clock=clock, lang=lang)
    except AnswerError as exc:
        raise AnswerFileError("forms.answer_file_does_not_fit", problem=exc) from None
    _check_choices(compiled, session)
    return session


def evaluate_answer_set(
    compiled: CompiledForm,
    data: Any,
    lang: str | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
) -> dict[str, Any]:
    """Relevance, values and validation errors of an answer set, as ODK Collect sees it."""
    session = open_answer_set(compiled, data, lang, clock=clock)
    return session_result(session, lang)


def session_result(session: Session, lang: str | None = None) -> dict[str, Any]:
    """The ``{"fields", "errors"}`` document of a session."""
    fields: dict[str, dict[str, Any]] = {}
    for item in session.items():
        value = to_json(item.tpl, item.xval) if item.rel and item.tpl.kind == "question" else None
        fields[item.label_path()] = {"relevant": item.rel, "value": value}
    errors = [error.model_dump() for error in session.errors(lang)]
    return {"fields": fields, "errors": errors}


def _check_choices(compiled: CompiledForm, session: Session) -> None:
    names_by_list = {
        name: {choice.name for choice in choices} for name, choices in compiled.spec.choices.items()
    }
    for item in session.items():
        node = item.tpl.node
        if node is None or node.type not in _CHECKED_SELECTS or not node.choices:
            continue
        if "search(" in (node.appearance or ""):  # its choices come from the attached file
            continue
        allowed = names_by_list.get(node.choices)
        if allowed is None or item.xval == "":
            continue
        picked = str(item.xval).split() if node.type != "select_one" else [str(item.xval)]
        for name in picked:
            if name not in allowed and not (node.or_other and name == "other"):
                raise DataFileError(
                    "forms.answer_file_not_a_choice", path=item.label_path(), list=node.choices
                )
