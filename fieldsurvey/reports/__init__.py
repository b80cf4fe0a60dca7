"""PDF reports (reportlab; no Qt, no database access: models in, a path out).

Public API:
    write_ward_summary(interviews, spec, out, *, wards=None, period=None, lang="vi",
                       stamp=None) -> Path      the default survey's ward summary
    write_generic_summary(interviews, spec, out, *, wards=None, period=None, lang="vi",
                          stamp=None) -> Path   any form: selects and numbers, per ward
    write_summary(...)                          one of the two, whichever fits the form
    write_record_pdf(interview, spec, out, *, lang="vi") -> Path   one interview
``interviews`` are objects with ``uuid``, ``answers`` and ``created`` (e.g.
``fieldsurvey.store.interviews.Interview`` or :class:`ReportInterview`); the caller chooses
which ones (e.g. completed or merged) and this package filters by ward and period.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports.generic_summary import write_generic_summary
from fieldsurvey.reports.models import DataStamp, InterviewLike, Lang, Period, ReportInterview
from fieldsurvey.reports.record_pdf import write_record_pdf
from fieldsurvey.reports.ward_summary import is_default_survey, write_ward_summary

__all__ = [
    "DataStamp",
    "InterviewLike",
    "Period",
    "ReportInterview",
    "write_generic_summary",
    "write_record_pdf",
    "write_summary",
    "write_ward_summary",
]


def write_summary(
    interviews: Sequence[InterviewLike],
    spec: FormSpec,
    out: Path,
    *,
    wards: Sequence[str] | None = None,
    period: Period | None = None,
    lang: Lang = "vi",
    stamp: DataStamp | None = None,
) -> Path:
    """The ward summary for the migrant household survey, the generic one otherwise."""
    writer = write_ward_summary if is_default_survey(spec) else write_generic_summary
    return writer(interviews, spec, out, wards=wards, period=period, lang=lang, stamp=stamp)
