"""The quarantine as the coordinator sees it in the app: each record with its household,
ward and enumerator, its reason naming the questions by their labels, and what the
record holds at those questions.

The reason's params name fields by path (``respondent/resp_age``,
``household/members[2]/age``); here they become the question's label in the form version
the record claims, when the coordinator has it installed.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from fieldsurvey import messages
from fieldsurvey.answers import get_value
from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.forms.answer_labels import question_label
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import quarantine, record_context
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_payload import WireInterview
from fieldsurvey.sync.quarantine_actions import Listed, listing
from fieldsurvey.sync.record_checks import printable

#: Params of a reason that name answers by path (``paths``: several, comma-separated).
PATH_PARAMS = ("path", "field")
PATHS_PARAM = "paths"


class QuarantineRow(BaseModel):
    """A quarantined record and where it comes from (texts escaped, one line each)."""

    listed: Listed
    household_id: str = ""
    ward: str = ""
    enumerator: str = ""
    questions: list[str] = Field(default_factory=list)  # the paths its reason names

    @property
    def uuid(self) -> str:
        return self.listed.uuid


def question_paths(params: dict[str, Any]) -> list[str]:
    """The answer paths a reason's params name (in the order they name them)."""
    out = [str(params[name]) for name in PATH_PARAMS if isinstance(params.get(name), str)]
    if isinstance(params.get(PATHS_PARAM), str):
        out += [p.strip() for p in params[PATHS_PARAM].split(",") if p.strip()]
    return [p for p in out if p and p != "/"]


def quarantine_rows(ws: Workspace) -> list[QuarantineRow]:
    """Every quarantined record, oldest first, with its context."""
    with ws.reading():
        listed = listing(ws)
        contexts = record_context.quarantine_contexts(ws)
    rows = []
    for item in listed:
        context = contexts.get(item.uuid)
        rows.append(
            QuarantineRow(
                listed=item,
                household_id=printable(context.household_id) if context else "",
                ward=printable(context.ward) if context else "",
                enumerator=printable(context.enumerator) if context else "",
                questions=question_paths(item.params),
            )
        )
    return rows


def reason_with_labels(
    item: Listed,
    spec: FormSpec | None,
    lang: str | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """Why ``item`` waits, in ``lang``, each field named by its question's label (or by
    ``names``, e.g. for the record's own fields: ward, household id)."""
    language = lang or messages.language()
    names = names or {}

    def label(path: str) -> str:
        if path in names:
            return names[path]
        return question_label(spec, path, language)

    params = dict(item.params)
    for name in PATH_PARAMS:
        if isinstance(params.get(name), str):
            params[name] = label(params[name])
    if isinstance(params.get(PATHS_PARAM), str):
        paths = [p.strip() for p in params[PATHS_PARAM].split(",")]
        params[PATHS_PARAM] = "; ".join(label(p) for p in paths if p)
    return printable(messages.render(item.code, language, **params))


def quarantined_answers(ws: Workspace, uuid: str, paths: list[str]) -> dict[str, Any]:
    """What the quarantined record of ``uuid`` holds at each of ``paths`` (for the
    coordinator to see what was wrong); paths it has no answer at are left out."""
    record = quarantine.get(ws, uuid)
    if record is None:
        return {}
    try:
        item = WireInterview.model_validate_json(record.record)
    except ValueError:
        return {}
    out: dict[str, Any] = {}
    for path in paths:
        try:
            value = get_value(item.answers, path)
        except FieldSurveyError:
            continue
        if value is not None:
            out[path] = value
    return out
