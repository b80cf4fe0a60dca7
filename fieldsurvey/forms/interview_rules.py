"""The questionnaire engine applied to stored interviews (CLI and desktop app alike).

- :func:`answer_validator`: an ``interviews.set_answer`` validator that refuses a value
  the form cannot hold (unknown field, a word where a number goes, a choice the
  question does not offer, ...).
- :func:`complete_checked`: completes an interview only when every relevant required
  question is answered and every constraint holds, and stores it as submitted
  (calculations in, non-relevant answers out), in one transaction.

Both apply when the interview's form is installed in the workspace; an interview of a
form that is not installed (recorded before its form was published) is stored as is.
"""

from __future__ import annotations

from typing import Any

from fieldsurvey.changes import Changes
from fieldsurvey.errors import AnswerError, FormNotFoundError
from fieldsurvey.forms import answer_sync
from fieldsurvey.forms.engine import CompiledForm
from fieldsurvey.forms.engine_session import Session
from fieldsurvey.forms.installed import compiled_form
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace


def _compiled(ws: Workspace, form_id: str, version: str) -> CompiledForm | None:
    try:
        return compiled_form(ws, form_id, version or None)
    except FormNotFoundError:
        return None


def answer_validator(ws: Workspace) -> interviews.AnswerValidator:
    def validate(
        meta: interviews.InterviewMeta, path: str, value: Any, answers: dict[str, Any]
    ) -> None:
        compiled = _compiled(ws, meta.form_id, meta.form_version)
        if compiled is None:
            return
        # AnswerError if the value does not fit the question (or there is no such one).
        session = compiled.session(answers)
        session.set(path, value)
        _check_offered(session, path)

    return validate


def _check_offered(session: Session, path: str) -> None:
    """Refuse a select answer that is not among the choices the question offers now
    (after its choice_filter), as ODK Collect only lets one pick those. The message
    lists the choices, never the value given."""
    if not session.unoffered(path):
        return
    question = session.question(path)
    names = sorted({choice.name for choice in session.choices(path)})
    if question is not None and question.or_other:
        names.append("other")
    shown = ", ".join(names[:15])
    if len(names) > 15:
        raise AnswerError("forms.not_offered_more", path=path, choices=shown, more=len(names) - 15)
    raise AnswerError("forms.not_offered", path=path, choices=shown)


def complete_checked(
    ws: Workspace,
    uuid: str,
    *,
    who: str,
    lang: str | None = None,
    meta: dict[str, Any] | None = None,
    compiled: CompiledForm | None = None,
) -> Changes:
    """draft/returned -> completed after the form's checks; see the module docstring.
    ``compiled``: the form already compiled by the caller (else the installed one)."""
    with ws.transaction():
        interview = interviews.get_interview(ws, uuid)
        if compiled is None:
            compiled = _compiled(ws, interview.form_id, interview.form_version)
        if compiled is None:
            return interviews.complete(ws, uuid, who=who)
        session = compiled.session(interview.answers, meta=meta)
        session.recompute_all()  # calculations are not stored by autosave: run them
        problems = session.errors(lang)
        if problems:
            listed = ", ".join(p.path for p in problems[:8])
            if len(problems) > 8:
                raise AnswerError(
                    "forms.cannot_complete_more",
                    uuid=uuid,
                    count=len(problems),
                    paths=listed,
                    more=len(problems) - 8,
                )
            raise AnswerError("forms.cannot_complete", uuid=uuid, count=len(problems), paths=listed)
        final = session.answers(complete=True)
        for path, value in answer_sync.diff(interview.answers, final):
            interviews.set_answer(ws, uuid, path, value, who=who)
        interviews.set_checks(ws, uuid, 0)
        return interviews.complete(ws, uuid, who=who)
