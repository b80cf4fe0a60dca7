"""Which interviews a summary covers: period filter, ward grouping and ward lookup."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from fieldsurvey.errors import ReportError
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports.form_access import FormAccess, clip_label, pick_text
from fieldsurvey.reports.models import InterviewLike, Lang, Period, interview_date
from fieldsurvey.reports.report_text import t

UNKNOWN = "_unknown"


class WardGroup(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    key: str
    label: str
    interviews: list[Any]


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def ward_field(spec: FormSpec) -> str | None:
    """The ward question named by the settings sheet's ``ward_field``, if the form has it."""
    name = spec.settings.get("ward_field", "").strip()
    return name if name and name in spec.by_name() else None


def in_period(interviews: Sequence[InterviewLike], period: Period | None) -> list[InterviewLike]:
    if period is None or (period.start is None and period.end is None):
        return list(interviews)
    return [i for i in interviews if period.contains(interview_date(i))]


def group_by_ward(
    interviews: Sequence[InterviewLike], fa: FormAccess, field: str, lang: Lang
) -> list[WardGroup]:
    """Interviews per ward answer, in the order of the ward's choice list, unknown last."""
    groups: dict[str, list[Any]] = {}
    for interview in interviews:
        # A declined interview has no location answers; the record's own ward may say.
        value = fa.get(interview.answers, field) or getattr(interview, "ward", None)
        key = str(value) if value not in (None, "") else UNKNOWN
        groups.setdefault(key, []).append(interview)
    order = {name: i for i, name in enumerate(fa.choice_names(field))}
    keys = sorted(groups, key=lambda k: (k == UNKNOWN, order.get(k, len(order)), k))
    return [
        WardGroup(key=k, label=ward_label(fa, field, k, lang), interviews=groups[k]) for k in keys
    ]


def ward_label(fa: FormAccess, field: str, key: str, lang: Lang) -> str:
    if key == UNKNOWN:
        return t("unknown", lang)
    if key == "other":
        return t("other_ward", lang)
    return fa.choice_label(field, key) if fa.choice_names(field) else clip_label(key)


def resolve_wards(spec: FormSpec, field: str, wanted: Sequence[str]) -> list[str]:
    """Map ward names as typed (choice name or label in any language) to choice names."""
    node = spec.by_name()[field]
    choices = spec.choices.get(node.choices or "", [])
    lookup: dict[str, str] = {}
    for choice in choices:
        lookup[_norm(choice.name)] = choice.name
        for text in choice.label.values():
            lookup.setdefault(_norm(text), choice.name)
    resolved = []
    for name in wanted:
        key = lookup.get(_norm(name))
        if key is None and not choices:
            key = name
        if key is None:
            known = ", ".join(pick_text(c.label, "vi", spec) or c.name for c in choices)
            raise ReportError("report.unknown_ward", ward=name, known=known)
        resolved.append(key)
    return resolved
