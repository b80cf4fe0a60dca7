"""What reports and exports read from a workspace: its interviews of a form, the form's
versions and the data stamp. The writers themselves never open the database.

On the coordinator the interviews table holds the merged data of every laptop; on a
laptop, only its own interviews. Drafts are left out unless asked for.

:func:`read_interviews` returns a :class:`StoredInterviews`: a sequence of the
interviews (each one's answers parsed when first asked for), which the ward summary and
the export tables recognise and read from the analysis tables instead, as columns
(``store/analysis_tables.py``; docs/store.md, "Analysis tables").

API:
    read_interviews(ws, form_id, *, include_drafts=False) -> StoredInterviews
        (a Sequence[ExportInterview]; ``.analysis()`` -> AnswerColumns | None)
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
from collections.abc import Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any, overload

from fieldsurvey.errors import ReportError
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.reports.columns import AnswerColumns
from fieldsurvey.reports.export_tables import ExportInterview
from fieldsurvey.reports.models import DataStamp
from fieldsurvey.store import analysis_tables, bundle_log, report_rows
from fieldsurvey.store import forms as forms_store
from fieldsurvey.sync.campaign import CAMPAIGN_SETTING, DEVICE_SETTING

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

assert ExportInterview._fields == report_rows.REPORT_COLUMNS, "rows are ExportInterviews"


class _Chunk:
    """Up to :data:`CHUNK` interviews read together: their answers are read (in one
    query) when one of them is first asked for its answers."""

    def __init__(self, ws: Workspace, uuids: list[str]) -> None:
        self.ws = ws
        self.uuids = uuids
        self.texts: dict[str, str] | None = None

    def text(self, uuid: str) -> str:
        if self.texts is None:
            self.texts = report_rows.answers_of(self.ws, self.uuids)
        return self.texts.get(uuid, "{}")


CHUNK = 2000


class _StoredInterview(ExportInterview):
    """An interview as read: its answers read and parsed on first use."""

    @property  # type: ignore[misc]
    def answers(self) -> dict[str, Any]:  # the field holds the interview's _Chunk
        cache = self.__dict__
        if "answers" not in cache:
            held = tuple.__getitem__(self, _ANSWERS)
            text = held.text(self.uuid) if isinstance(held, _Chunk) else str(held)
            cache["answers"] = json.loads(text)
        return cache["answers"]  # type: ignore[no-any-return]


_ANSWERS = ExportInterview._fields.index("answers")
_WARD = ExportInterview._fields.index("ward")


class StoredInterviews(Sequence[ExportInterview]):
    """The workspace's interviews of a form, oldest first: each iteration reads them
    anew, their metadata first and the answers of each chunk of them when first used
    (so a caller that only counts them or takes their uuids never reads an answer);
    ``with_ward_codes`` gives a copy whose wards are choice names. Read it within one
    ``ws.reading()`` when the workspace may change meanwhile."""

    def __init__(
        self,
        ws: Workspace,
        form_id: str,
        *,
        include_drafts: bool = False,
        ward_codes: dict[str, str] | None = None,
    ) -> None:
        self.ws = ws
        self.form_id = form_id
        self.include_drafts = include_drafts
        self.ward_codes = ward_codes

    def _interview(self, row: Sequence[Any], chunk: Any) -> ExportInterview:
        interview = _StoredInterview._make((*row[:_ANSWERS], chunk))
        codes = self.ward_codes
        if codes is not None:
            ward = row[_WARD]
            code = codes.get(_norm(ward), ward)
            if code != ward:
                interview = interview._replace(ward=code)
        return interview

    def __iter__(self) -> Iterator[ExportInterview]:
        rows = report_rows.interview_meta(self.ws, self.form_id, include_drafts=self.include_drafts)
        while True:
            # each chunk's interviews made with the cyclic GC paused (none is in a cycle;
            # at 100,000 interviews its passes over what the caller holds cost a second)
            with gc_paused():
                batch = list(islice(rows, CHUNK))
                chunk = _Chunk(self.ws, [str(r[0]) for r in batch])
                made = [self._interview(row, chunk) for row in batch]
            if not made:
                return
            yield from made

    def __len__(self) -> int:
        return report_rows.count_interviews(
            self.ws, self.form_id, include_drafts=self.include_drafts
        )

    @overload
    def __getitem__(self, index: int) -> ExportInterview: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ExportInterview]: ...
    def __getitem__(self, index: int | slice) -> ExportInterview | Sequence[ExportInterview]:
        return list(self)[index]

    def with_codes(self, codes: dict[str, str]) -> StoredInterviews:
        return StoredInterviews(
            self.ws, self.form_id, include_drafts=self.include_drafts, ward_codes=codes
        )

    def documents(self, uuids: Sequence[str]) -> list[ExportInterview]:
        """These interviews (not drafts) with their answers, as iterating would give them."""
        rows = analysis_tables.documents(self.ws, uuids)
        return [self._interview(row[:-1], row[-1]) for row in rows]

    def analysis(self) -> AnswerColumns | None:
        """The form's answers as columns, when the analysis tables can give them (drafts
        are not in them; a form whose versions changed is refilled first)."""
        if self.include_drafts:
            return None
        layout = analysis_tables.layout_of(self.ws, self.form_id)
        return None if layout is None else AnswerColumns(self.ws, layout, self.documents)


def read_interviews(
    ws: Workspace, form_id: str, *, include_drafts: bool = False
) -> StoredInterviews:
    """The workspace's interviews of ``form_id``, oldest first; drafts only if asked."""
    return StoredInterviews(ws, form_id, include_drafts=include_drafts)


def installed_form_ids(ws: Workspace) -> set[str]:
    """The ids of the forms installed here (any version)."""
    return {f.form_id for f in forms_store.list_forms(ws)}


def count_interviews(ws: Workspace, form_id: str, *, include_drafts: bool = False) -> int:
    """How many interviews of ``form_id`` are here (their answers are not read)."""
    return report_rows.count_interviews(ws, form_id, include_drafts=include_drafts)


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


def with_ward_codes(
    interviews: Sequence[ExportInterview], spec: FormSpec
) -> Sequence[ExportInterview]:
    """The interviews with their ``ward`` (the label the new-interview dialog stores,
    e.g. "Phúc Tân") replaced by the choice name of the form's ward question
    ("phuc_tan"), which the report writers group by; a ward not in the list is kept.
    A :class:`StoredInterviews` gives a StoredInterviews (still read as columns)."""
    field = spec.settings.get("ward_field", "").strip()
    node = spec.by_name().get(field) if field else None
    if node is None or not node.choices:
        return interviews if isinstance(interviews, StoredInterviews) else list(interviews)
    lookup: dict[str, str] = {}
    for choice in spec.choices.get(node.choices, []):
        lookup[_norm(choice.name)] = choice.name
        for text in choice.label.values():
            lookup.setdefault(_norm(text), choice.name)
    if isinstance(interviews, StoredInterviews):
        return interviews.with_codes(lookup)
    return [i._replace(ward=lookup.get(_norm(i.ward), i.ward)) for i in interviews]
