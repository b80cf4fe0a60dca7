"""``${last-saved#name}``: an answer of the interview saved last on this laptop.

pyxform writes ``${last-saved#ward}`` as ``instance('__last-saved')/data/ward``, with a
secondary instance ``__last-saved`` (``src="jr://instance/last-saved"``) that ODK
Collect fills with the last form of the same kind saved on the phone, when a new one is
started. Forms use it to carry a value from one interview to the next: ``default =
${last-saved#ward}`` starts each household of a street with the street typed before.

In FieldSurvey the last saved interview is the one of the same form (any version) that
was changed last on this workspace, other than the interview being started
(``store/last_saved.py`` reads it). Its answers are given to the new interview's session
(:func:`open_session`, or :func:`give` once read in the background), which keeps them
while it is open: defaults and calculations read them, a roster member added later too.
A reference to a field that is not in those answers (another version of the form, an
answer left empty, the first interview on the laptop) reads as empty. A field inside a
repeat reads the first member's answer (the string value of a node-set in XPath).

A session opened without them (an interview continued, checked or completed) reads
every reference as empty, so use ``last-saved`` in a ``default``, where it is read once
when the interview starts, as ODK's documentation advises.

API:
    INSTANCE                                  the secondary instance's name
    reference(target) -> Fn                   what a compiled ``${last-saved#x}`` runs
    open_session(form, last_saved, **kw)      a new interview with those answers
    give(session, last_saved) -> set[str]     the same for a session already open: the
                                              defaults that read them, still empty, are
                                              filled; the paths that changed
    reads_last_saved(spec) -> bool            whether a form uses it at all
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from fieldsurvey.errors import AnswerError
from fieldsurvey.forms.engine_answers import to_json, wrap_result
from fieldsurvey.forms.instance import Template
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.forms.xpath_context import EvalContext

if TYPE_CHECKING:
    from fieldsurvey.forms.engine import CompiledForm
    from fieldsurvey.forms.engine_session import Session

INSTANCE = "__last-saved"
_MARK = "${last-saved#"

#: session -> the answers of the interview saved last (kept while the session lives)
_given: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()
#: the answers for a session being built (its defaults are read in its constructor)
_opening: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "last_saved_opening", default=None
)


def reference(target: Template) -> Callable[[EvalContext], Any]:
    """The compiled ``${last-saved#name}`` of the question ``target``."""
    steps = [tpl.name for tpl in [*target.ancestors()[1:], target]]

    def value(ctx: EvalContext) -> Any:
        answers = _answers_of(ctx.env)
        return _text(_find(answers, steps)) if answers else ""

    return value


def _answers_of(env: Any) -> dict[str, Any] | None:
    try:
        found = _given.get(env)
    except TypeError:  # an environment that cannot be weakly referenced
        found = None
    return found if found is not None else _opening.get()


def _find(answers: Any, steps: list[str]) -> Any:
    node = answers
    for name in steps:
        if isinstance(node, list):  # a repeat: its first member, as XPath's string()
            node = node[0] if node else None
        if not isinstance(node, dict):
            return None
        node = node.get(name)
    return node


def _text(value: Any) -> str:
    """A stored answer as the text of its node in the instance (as ODK saves it)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, list):
        return " ".join(_text(v) for v in value if not isinstance(v, dict | list))
    if isinstance(value, dict):
        return ""
    return str(value)


@contextlib.contextmanager
def _opening_with(answers: dict[str, Any]) -> Iterator[None]:
    token = _opening.set(answers)
    try:
        yield
    finally:
        _opening.reset(token)


def open_session(form: CompiledForm, last_saved: dict[str, Any] | None, **kwargs: Any) -> Session:
    """A new interview of ``form`` (defaults filled) whose ``last-saved`` references read
    ``last_saved`` (None or empty: every one reads as empty). ``kwargs`` as
    :meth:`CompiledForm.session` takes them."""
    answers = dict(last_saved or {})
    with _opening_with(answers):
        session = form.session(None, **kwargs)
    _given[session] = answers
    return session


def give(session: Session, last_saved: dict[str, Any] | None) -> set[str]:
    """Give an open session the answers of the interview saved last: the questions whose
    default reads them and that are still empty get their default now, and every
    calculation is rerun. Returns the paths whose value or relevance changed."""
    answers = dict(last_saved or {})
    _given[session] = answers
    if not answers:
        return set()
    changed: set[str] = set()
    for item in list(session.items()):
        tpl = item.tpl
        node = tpl.node
        if node is None or tpl.kind != "question" or item.xval != "":
            continue
        if _MARK not in (node.bind.default or "").replace(" ", ""):
            continue
        default = session.form.logic[tpl.tid].default
        if default is None or isinstance(default, str):
            continue
        result = session._evaluate(default, item, "default", "")
        try:
            changed |= session.set(item.label_path(), to_json(tpl, wrap_result(tpl, result)))
        except AnswerError:  # a value the question cannot take (another version's)
            continue
    changed |= session.recompute_all()
    return changed


def reads_last_saved(spec: FormSpec) -> bool:
    """Whether any expression of the form reads ``${last-saved#…}``."""
    for node in spec.walk():
        bind = node.bind
        for text in (bind.default, bind.calculation, bind.relevant, bind.constraint,
                     bind.required, bind.read_only, bind.choice_filter, bind.repeat_count,
                     bind.trigger):  # fmt: skip
            if text and _MARK in text.replace(" ", ""):
                return True
    return False


__all__ = ["INSTANCE", "give", "open_session", "reads_last_saved", "reference"]
