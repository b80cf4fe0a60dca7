"""Answers known before an interview starts: the ward and household chosen for it."""

from __future__ import annotations

from typing import Any

from fieldsurvey.answers import set_value
from fieldsurvey.forms.spec import FormSpec


def prefilled_answers(
    spec: FormSpec, *, ward_code: str | None, household_id: str
) -> dict[str, Any]:
    """The form's ward question (settings ``ward_field``) and a ``household_id`` question,
    filled in, so the enumerator does not type them twice."""
    answers: dict[str, Any] = {}
    names = spec.by_name()
    ward_field = spec.settings.get("ward_field")
    if ward_code and ward_field in names:
        set_value(answers, names[ward_field].path, ward_code)
    if household_id and "household_id" in names:
        set_value(answers, names["household_id"].path, household_id)
    return answers
