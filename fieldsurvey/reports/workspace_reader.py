"""What reports and exports read from a workspace: its interviews of a form, the form's
versions and the data stamp. The writers themselves never open the database.

On the coordinator the interviews table holds the merged data of every laptop; on a
laptop, only its own interviews. Drafts are left out unless asked for.

API:
    read_interviews(ws, form_id, *, include_drafts=False) -> list[ExportInterview]
    form_specs(ws, form_id) -> list[FormSpec]          (newest first)
    installed_form_ids(ws) -> set[str]
    count_interviews(ws, form_id, *, include_drafts=False) -> int
    choose_form(ws, form_id=None) -> str               (the one form with interviews)
    forms_not_installed(ws, *, include_drafts=False) -> dict[str, int]
    with_ward_codes(interviews, spec) -> list[ExportInterview]
    workspace_stamp(ws) -> DataStamp                   (last merge, campaign name)
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from fieldsurvey.errors import ReportError
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports.export_tables import ExportInterview
from fieldsurvey.reports.models import DataStamp
from fieldsurvey.store import bundle_log, report_rows
from fieldsurvey.store import forms as forms_store
from fieldsurvey.sync.campaign import CAMPAIGN_SETTING, DEVICE_SETTING

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

assert ExportInterview._fields == report_rows.REPORT_COLUMNS, "rows are ExportInterviews"


def read_interviews(
    ws: Workspace, form_id: str, *, include_drafts: bool = False
) -> list[ExportInterview]:
    """The workspace's interviews of ``form_id``, oldest first; drafts only if asked."""
    rows = report_rows.interview_rows(ws, form_id, include_drafts=include_drafts)
    return [
        ExportInterview._make((*row[:-1], json.loads(row[-1])))  # answers: the stored JSON
        for row in rows
    ]


def installed_form_ids(ws: Workspace) -> set[str]:
    """The ids of the forms installed here (any version)."""
    return {f.form_id for f in forms_store.list_forms(ws)}


def count_interviews(ws: Workspace, form_id: str, *, include_drafts: bool = False) -> int:
    """How many interviews of ``form_id`` are here (their answers are not parsed)."""
    return sum(1 for _ in report_rows.interview_rows(ws, form_id, include_drafts=include_drafts))


def form_specs(ws: Workspace, form_id: str) -> list[FormSpec]:
    """Every installed version of ``form_id``, newest first."""
    infos = [f for f in forms_store.list_forms(ws) if f.form_id == form_id]
    if not infos:
        raise ReportError("sync.data.form_not_installed", form_id=form_id)
    return [
        FormSpec.model_validate_json(forms_store.get_form(ws, form_id, f.version).definition)
        for f in reversed(infos)
    ]


def choose_form(ws: Workspace, form_id: str | None = None) -> str:
    """``form_id``, else the one installed form that has (non-draft) interviews here
    (interviews of a form not installed cannot be reported on: see
    :func:`forms_not_installed`)."""
    if form_id is not None:
        return form_id
    installed = installed_form_ids(ws)
    forms = [f for f in report_rows.forms_with_interviews(ws) if f in installed]
    if not forms:
        raise ReportError("sync.data.nothing_to_report")
    if len(forms) > 1:
        raise ReportError("sync.data.several_forms", forms=forms)
    return forms[0]


def forms_not_installed(ws: Workspace, *, include_drafts: bool = False) -> dict[str, int]:
    """Form id -> number of interviews, for the forms with interviews here that are not
    installed (left out of reports and exports, with a note)."""
    installed = installed_form_ids(ws)
    return {
        form: count_interviews(ws, form, include_drafts=include_drafts)
        for form in report_rows.forms_with_interviews(ws, include_drafts=include_drafts)
        if form not in installed
    }


def last_merge(ws: Workspace) -> datetime | None:
    """When a bundle was last merged into this workspace (coordinator), or None."""
    stamp = bundle_log.last_imported(ws)
    try:
        when = datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None
    return when.astimezone().replace(tzinfo=None) if when else None  # local time, as printed


def workspace_stamp(ws: Workspace) -> DataStamp:
    """The cover's data stamp: last merge and where the data comes from."""
    setting = ws.get_setting(CAMPAIGN_SETTING) or ws.get_setting(DEVICE_SETTING) or {}
    name = (
        (setting.get("name") or setting.get("campaign_name")) if isinstance(setting, dict) else ""
    )
    source = f"{name} ({ws.role})" if name else ws.role
    return DataStamp(last_merge=last_merge(ws), source=source)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def with_ward_codes(interviews: Sequence[ExportInterview], spec: FormSpec) -> list[ExportInterview]:
    """The interviews with their ``ward`` (the label the new-interview dialog stores,
    e.g. "Phúc Tân") replaced by the choice name of the form's ward question
    ("phuc_tan"), which the report writers group by; a ward not in the list is kept."""
    field = spec.settings.get("ward_field", "").strip()
    node = spec.by_name().get(field) if field else None
    if node is None or not node.choices:
        return list(interviews)
    lookup: dict[str, str] = {}
    for choice in spec.choices.get(node.choices, []):
        lookup[_norm(choice.name)] = choice.name
        for text in choice.label.values():
            lookup.setdefault(_norm(text), choice.name)
    return [i._replace(ward=lookup.get(_norm(i.ward), i.ward)) for i in interviews]
