"""The questionnaire engine applied to stored interviews (CLI and desktop app alike).

- :func:`answer_validator`: an ``interviews.set_answer`` validator that refuses a value
  the form cannot hold (unknown field, a word where a number goes, a choice the
  question does not offer, ...).
- :func:`complete_checked`: completes an interview only when every relevant required
  question is answered and every constraint holds, and stores it as submitted
  (calculations in, non-relevant answers out), in one transaction.

Both apply when the interview's form is installed in the workspace; an interview of a
form that is not installed (recorded before its form was published) is stored as is.

Soft checks (``constraint_type`` soft): a failing soft constraint is a warning that the
enumerator confirms with the respondent. :func:`confirm_check` records the confirmation
in the interview's audit log (action ``confirm``, the question's path as the field and
the answer confirmed as the new value; ``None`` withdraws it), so it is kept with the
interview, survives a restart and is audited like an answer. :func:`confirmed_checks`
reads them back. A confirmation holds for the answer confirmed only: a changed answer
must be confirmed again. :func:`complete_checked` completes with confirmed warnings and
refuses unconfirmed ones.
"""

from __future__ import annotations

from typing import Any

from fieldsurvey.changes import Changes
from fieldsurvey.errors import AnswerError, FormNotFoundError, LifecycleError
from fieldsurvey.forms import answer_sync
from fieldsurvey.forms.engine import CompiledForm
from fieldsurvey.forms.engine_session import Session
from fieldsurvey.forms.installed import compiled_form
from fieldsurvey.store import audit, interviews
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


#: The audit action of a soft check confirmed (or withdrawn) by the enumerator.
CONFIRM_ACTION = "confirm"


def confirm_check(ws: Workspace, uuid: str, path: str, value: Any, *, who: str) -> Changes:
    """Record that the enumerator confirmed the answer ``value`` at ``path`` (a failing
    soft check) with the respondent; ``value`` None withdraws the confirmation. Only
    drafts and returned interviews take confirmations, as they take answers."""
    with ws.transaction():
        interview = interviews.get_interview(ws, uuid)
        if interview.status not in interviews.EDITABLE:
            code = interviews.REFUSED_EDITS[interview.status]
            raise LifecycleError(code, uuid=uuid)
        before = confirmed_checks(ws, uuid).get(path)
        if before == value:
            return Changes()
        audit.append_entry(
            ws, interview_uuid=uuid, who=who, action=CONFIRM_ACTION, field=path,
            old=before, new=value,
        )  # fmt: skip
    return Changes(interviews=[uuid], fields=[path])


def confirmed_checks(ws: Workspace, uuid: str) -> dict[str, Any]:
    """Question path -> the answer confirmed there, from the interview's audit log."""
    confirmed: dict[str, Any] = {}
    for entry in audit.entries(ws, uuid):
        if entry.action != CONFIRM_ACTION or entry.field is None:
            continue
        if entry.new_value is None:
            confirmed.pop(entry.field, None)
        else:
            confirmed[entry.field] = entry.new_value
    return confirmed


def complete_checked(
    ws: Workspace,
    uuid: str,
    *,
    who: str,
    lang: str | None = None,
    meta: dict[str, Any] | None = None,
    compiled: CompiledForm | None = None,
) -> Changes:
    """draft/returned -> completed after the form's checks (soft checks confirmed);
    see the module docstring.
    ``compiled``: the form already compiled by the caller (else the installed one)."""
    with ws.transaction():
        interview = interviews.get_interview(ws, uuid)
        if compiled is None:
            compiled = _compiled(ws, interview.form_id, interview.form_version)
        if compiled is None:
            return interviews.complete(ws, uuid, who=who)
        session = compiled.session(interview.answers, meta=meta)
        session.recompute_all()  # calculations are not stored by autosave: run them
        problems = session.errors(lang, confirmed_checks(ws, uuid))
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
