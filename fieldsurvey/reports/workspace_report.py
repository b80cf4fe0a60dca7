"""A summary PDF straight from a workspace: read, stamp, write (CLI and desktop app).

The PDF writers take models in; this reads them from the workspace through
:mod:`fieldsurvey.reports.workspace_reader` and hands them over.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from fieldsurvey.progress import ProgressCallback, report
from fieldsurvey.reports import write_summary
from fieldsurvey.reports.export_tables import ExportNote
from fieldsurvey.reports.models import Lang, Period
from fieldsurvey.reports.workspace_reader import (
    choose_form,
    form_specs,
    forms_not_installed,
    read_interviews,
    with_ward_codes,
    workspace_stamp,
)
from fieldsurvey.store.workspace import Workspace


class SummaryResult(BaseModel):
    path: Path
    form_id: str
    interviews: int
    #: Interviews left out (of forms not installed), also printed on the cover.
    warnings: list[ExportNote] = Field(default_factory=list)


def write_workspace_summary(
    ws: Workspace,
    out: Path,
    *,
    form_id: str | None = None,
    wards: Sequence[str] | None = None,
    period: Period | None = None,
    lang: Lang = "vi",
    progress: ProgressCallback | None = None,
) -> SummaryResult:
    """Write the summary of ``form_id`` (default: the one form with interviews) to ``out``.

    ``wards`` by name or code; None gives every ward with a district overview.
    Interviews of forms that are not installed are left out, counted in the result's
    warnings and on the cover (they do not stop the report).
    """
    report(progress, 0, 2, "report.progress_reading")
    form = choose_form(ws, form_id)
    spec = form_specs(ws, form)[0]
    interviews = with_ward_codes(read_interviews(ws, form), spec)
    warnings = [
        ExportNote(code="report.form_not_installed_skipped", params={"form_id": f, "count": n})
        for f, n in (forms_not_installed(ws) if form_id is None else {}).items()
    ]
    stamp = workspace_stamp(ws)
    stamp.notes = [w.text(lang) for w in warnings]
    report(progress, 1, 2, "report.progress_writing")
    path = write_summary(
        interviews, spec, out, wards=wards or None, period=period, lang=lang, stamp=stamp
    )
    report(progress, 2, 2, "report.progress_done")
    return SummaryResult(path=path, form_id=form, interviews=len(interviews), warnings=warnings)
