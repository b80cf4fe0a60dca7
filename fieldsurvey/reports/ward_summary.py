"""The ward summary PDF of the default migrant household survey (issue 6).

``write_ward_summary(interviews, spec, out, wards=..., period=..., lang=..., stamp=...)``
writes a cover, then for several wards a combined overview with the wards compared,
then one section per ward. Only interviews with consent are counted in the tables;
declined ones are counted on the cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, PageBreak, Paragraph

from fieldsurvey.errors import ReportError
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports.blocks import Section
from fieldsurvey.reports.cover import CoverFacts, cover, period_text
from fieldsurvey.reports.form_access import FormAccess
from fieldsurvey.reports.models import DataStamp, InterviewLike, Lang, Period
from fieldsurvey.reports.number_format import fmt_int
from fieldsurvey.reports.overview_protection import WardBlocks, protect_overview
from fieldsurvey.reports.pdf_layout import BlockRenderer, Styles, build_pdf, esc
from fieldsurvey.reports.report_scope import (
    UNKNOWN,
    WardGroup,
    group_by_ward,
    in_period,
    resolve_wards,
    ward_field,
    ward_label,
)
from fieldsurvey.reports.report_text import t
from fieldsurvey.reports.summary_stats import THRESHOLD
from fieldsurvey.reports.ward_tables import (
    REQUIRED_FIELDS,
    ConsentedData,
    WardTables,
    compare_wards,
    section,
)


def is_default_survey(spec: FormSpec) -> bool:
    """True when the form has the fields the ward summary reports on."""
    names = spec.by_name()
    return ward_field(spec) is not None and all(f in names for f in REQUIRED_FIELDS)


def plan_ward_summary(
    interviews: Sequence[InterviewLike],
    spec: FormSpec,
    *,
    wards: Sequence[str] | None = None,
    period: Period | None = None,
    lang: Lang = "vi",
    stamp: DataStamp | None = None,
) -> tuple[CoverFacts, list[Section], str]:
    """Everything the PDF shows, as data: cover facts, sections, running header."""
    if not is_default_survey(spec):
        raise ReportError("report.not_default_survey", form=spec.form_id)
    fa = FormAccess(spec, lang)
    field = ward_field(spec) or "ward"
    groups = group_by_ward(in_period(interviews, period), fa, field, lang)
    overview_key = "overview_district"
    if wards:
        keys = resolve_wards(spec, field, wards)
        by_key = {g.key: g for g in groups}
        groups = [by_key.get(k) or _empty_group(fa, field, k, lang) for k in keys]
        overview_key = "overview_selected"
    included = [i for g in groups for i in g.interviews]
    data = [ConsentedData.read(fa, [i.answers for i in g.interviews]) for g in groups]
    everything = ConsentedData.concat(data)
    empty = t("no_data", lang)
    sections: list[Section] = []
    ward_blocks = [WardTables(fa, d).blocks() if d.households else [] for d in data]
    if len(groups) > 1 or not wards:
        blocks = WardTables(fa, everything).blocks() if everything.households else []
        if len(groups) > 1:
            shown = [
                WardBlocks(b, d.households >= THRESHOLD)
                for b, d in zip(ward_blocks, data, strict=True)
            ]
            protect_overview(blocks, shown)
        overview = section(t(overview_key, lang), fa, everything, empty, blocks)
        if len(groups) > 1:
            rows = [(g.label, d) for g, d in zip(groups, data, strict=True) if d.households]
            overview.blocks.insert(0, compare_wards(fa, rows))
        sections.append(overview)
    for g, d, b in zip(groups, data, ward_blocks, strict=True):
        if not wards and not d.households:
            continue  # e.g. declined interviews without a ward: on the cover only
        sections.append(section(t("ward_heading", lang, w=g.label), fa, d, empty, b))
    versions = sorted({str(getattr(i, "form_version", "") or spec.version) for i in included})
    districts = sorted(
        {fa.choice_label("district", c) for c in set(everything.resp["district"]) if c}
    )
    facts = CoverFacts(
        title=t("report_title", lang),
        subtitle=spec.title if lang == "vi" and spec.title else t("survey_title", lang),
        wards=[g.label for g in groups if wards or g.key != UNKNOWN] or [t("unknown", lang)],
        district=", ".join(districts) if fa.has("district") else "",
        period=period,
        counts=[
            (t("households", lang), fmt_int(everything.households, lang)),
            (t("people", lang), fmt_int(everything.people, lang)),
        ],
        included_text=t(
            "included_detail",
            lang,
            n=fmt_int(len(included), lang),
            c=fmt_int(everything.households, lang),
            r=fmt_int(everything.declined, lang),
        ),
        form_versions=[v for v in versions if v] or [spec.version],
        stamp=stamp or DataStamp(),
    )
    ward_text = (
        facts.wards[0] if len(facts.wards) == 1 else t("ward_count", lang, n=len(facts.wards))
    )
    header = f"{t('survey_title', lang)} · {ward_text} · {period_text(period, lang)}"
    return facts, sections, header


def _empty_group(fa: FormAccess, field: str, key: str, lang: Lang) -> WardGroup:
    return WardGroup(key=key, label=ward_label(fa, field, key, lang), interviews=[])


def section_flowables(
    sections: Sequence[Section], lang: Lang, *, counts: bool = True
) -> list[Flowable]:
    """Each section on new pages: heading, households and people line, its blocks."""
    s = Styles()
    story: list[Flowable] = []
    for i, sec in enumerate(sections):
        if i:
            story.append(PageBreak())
        story.append(Paragraph(esc(sec.title), s.h1))
        if sec.empty_note:
            story.append(Paragraph(esc(sec.empty_note), s.body))
            continue
        summary = (
            f"{t('households', lang)}: <b>{fmt_int(sec.households, lang)}</b> · "
            f"{t('people', lang)}: <b>{fmt_int(sec.people, lang)}</b>"
        )
        if counts:
            story.append(Paragraph(summary, s.body))
        renderer = BlockRenderer(lang)
        for block in sec.blocks:
            story += renderer.render(block)
    return story


def write_ward_summary(
    interviews: Sequence[InterviewLike],
    spec: FormSpec,
    out: Path,
    *,
    wards: Sequence[str] | None = None,
    period: Period | None = None,
    lang: Lang = "vi",
    stamp: DataStamp | None = None,
) -> Path:
    """Write the ward summary PDF to ``out`` and return it.

    ``wards``: ward names (choice names or labels); None for every ward with a district
    overview. ``period``: interview dates to include. The caller passes the interviews
    to consider (e.g. the completed ones); this function never opens the database.
    """
    facts, sections, header = plan_ward_summary(
        interviews, spec, wards=wards, period=period, lang=lang, stamp=stamp
    )
    story: list[Any] = [*cover(facts, lang), *section_flowables(sections, lang)]
    return build_pdf(Path(out), story, header, lang, f"{facts.title} – {', '.join(facts.wards)}")
