"""The households assigned to a laptop for a follow-up wave (issue 16): what became of
each, and the follow-up interview started from one. Assignments arrive with receipts
(``store/entity_share.py``); "start" creates a draft of the newest installed form that
picks from the household's list (a ``select_one_from_file LIST.csv`` question) with that
household chosen and its ward filled in. The app's "to visit" list is ``ui/to_visit.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldsurvey.answers import set_value
from fieldsurvey.errors import EntityError
from fieldsurvey.forms.installed import newest_forms
from fieldsurvey.forms.prefill import prefilled_answers
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import entities as es
from fieldsurvey.store.forms import FormInfo
from fieldsurvey.store.interviews import Interview, new_interview
from fieldsurvey.store.workspace import Workspace

PENDING = "pending"
# Property names that hold the project's household id (the interview's household).
HOUSEHOLD_ID_PROPERTIES = ("household_id", "hh_id")


@dataclass(frozen=True)
class Visit:
    """One assigned household: the assignment's state and the entity as the laptop has it."""

    status: es.VisitStatus
    entity: es.StoredEntity | None

    @property
    def label(self) -> str:
        return self.entity.label if self.entity is not None else self.status.assignment.entity_id

    @property
    def done(self) -> bool:
        return self.status.status != PENDING


def read_visits(ws: Workspace) -> list[Visit]:
    """The laptop's assignments with their state, those to visit first (off the UI thread)."""
    with ws.reading():
        visits = [
            Visit(s, es.get_entity(ws.db, s.assignment.list_name, s.assignment.entity_id))
            for s in es.visit_status(ws.db)
        ]
    return sorted(visits, key=lambda v: (v.done, v.status.assignment.wave, v.label.casefold()))


def follow_up_question(spec: FormSpec, list_name: str) -> str | None:
    """The path of the question of ``spec`` that picks from ``list_name`` (None: none)."""
    for node in spec.walk():
        if node.type == "select_one_from_file" and node.choices == f"{list_name}.csv":
            return node.path
    return None


def follow_up_form(
    pairs: list[tuple[FormInfo, FormSpec]], list_name: str
) -> tuple[FormInfo, FormSpec, str] | None:
    """The form to visit a household of ``list_name`` with: one that picks from the list
    and updates it (else one that only picks from it); the newest version of each form."""
    found = []
    for info, spec in pairs:
        path = follow_up_question(spec, list_name)
        if path is not None:
            updates = any(d.list_name == list_name and d.updates for d in spec.entities)
            found.append((not updates, info.form_id, info, spec, path))
    if not found:
        return None
    _rank, _id, info, spec, path = min(found, key=lambda f: (f[0], f[1]))
    return info, spec, path


def start_follow_up(ws: Workspace, visit: Visit, enumerator: str) -> Interview:
    """A draft follow-up interview of ``visit``'s household, the household chosen."""
    a = visit.status.assignment
    chosen = follow_up_form(newest_forms(ws), a.list_name)
    if chosen is None:
        raise EntityError("entity.no_follow_up_form", list=a.list_name)
    info, spec, path = chosen
    entity = visit.entity
    properties = entity.properties if entity is not None else {}
    household = next((properties[k] for k in HOUSEHOLD_ID_PROPERTIES if properties.get(k)), "")
    ward_code = properties.get(str(spec.settings.get("ward_field") or "ward")) or None
    answers = prefilled_answers(spec, ward_code=ward_code, household_id=household)
    set_value(answers, path, a.entity_id)
    return new_interview(
        ws,
        form_id=info.form_id,
        form_version=info.version,
        ward=(entity.ward if entity is not None else "") or ward_code or "",
        household_id=household or visit.label,
        enumerator=enumerator,
        respondent=visit.label,
        answers=answers,
    )
