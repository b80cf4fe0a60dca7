"""The ward summary PDF of the default migrant household survey (issue 6).

``write_ward_summary(interviews, spec, out, wards=..., period=..., lang=..., stamp=...)``
writes a cover, then for several wards a combined overview with the wards compared,
then one section per ward. Only interviews with consent are counted in the tables;
declined ones are counted on the cover.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, chain, repeat
from operator import add, itemgetter, sub
from pathlib import Path
from typing import Any, NamedTuple

from reportlab.platypus import Flowable, PageBreak, Paragraph

from fieldsurvey.errors import ReportError
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.reports.blocks import Section
from fieldsurvey.reports.columns import AnswerColumns, Columns, normalise
from fieldsurvey.reports.cover import CoverFacts, cover, period_text
from fieldsurvey.reports.follow_up import follow_up_sections
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
    MEMBER_FIELDS,
    REQUIRED_FIELDS,
    RESPONDENT_FIELDS,
    ConsentedData,
    WardTables,
    compare_wards,
    section,
)
from fieldsurvey.store import ward_rows
from fieldsurvey.store.analysis_tables import Selection


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
    with gc_paused():
        return _plan(interviews, spec, wards, period, lang, stamp)


def _plan(
    interviews: Sequence[InterviewLike],
    spec: FormSpec,
    wards: Sequence[str] | None,
    period: Period | None,
    lang: Lang,
    stamp: DataStamp | None,
) -> tuple[CoverFacts, list[Section], str]:
    fa = FormAccess(spec, lang)
    field = ward_field(spec) or "ward"
    keys = resolve_wards(spec, field, wards) if wards else None
    groups = _read_groups(interviews, fa, field, spec, period, keys, lang)
    overview_key = "overview_selected" if wards else "overview_district"
    data = [g.data for g in groups]
    everything = ConsentedData.concat(data)
    empty = t("no_data", lang)
    sections: list[Section] = []
    # Each ward counted once; the overview adds up the wards' counts.
    ward_tables = [WardTables(fa, d) if d.households else None for d in data]
    ward_blocks = [w.blocks() if w is not None else [] for w in ward_tables]
    if len(groups) > 1 or not wards:
        parts = [w for w in ward_tables if w is not None]
        overview_tables = WardTables(fa, everything, parts)
        blocks = overview_tables.blocks() if everything.households else []
        if len(groups) > 1:
            shown = [
                WardBlocks(b, d.households >= THRESHOLD)
                for b, d in zip(ward_blocks, data, strict=True)
            ]
            protect_overview(blocks, shown)
        overview = section(t(overview_key, lang), fa, everything, empty, blocks)
        if len(groups) > 1:
            rows = [
                (g.label, d, w)
                for g, d, w in zip(groups, data, ward_tables, strict=True)
                if d.households
            ]
            overview.blocks.insert(0, compare_wards(fa, rows))
        sections.append(overview)
    for g, d, b in zip(groups, data, ward_blocks, strict=True):
        if not wards and not d.households:
            continue  # e.g. declined interviews without a ward: on the cover only
        sections.append(section(t("ward_heading", lang, w=g.label), fa, d, empty, b))
    sections += follow_up_sections(interviews, [(g.key, g.label) for g in groups], lang, period)
    versions = sorted({v for g in groups for v in g.versions})
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
            n=fmt_int(sum(g.interviews for g in groups), lang),
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


class _Group(NamedTuple):
    """One ward's interviews in scope: how many, their form versions, the consented data."""

    key: str
    label: str
    interviews: int
    versions: set[str]
    data: ConsentedData


def _read_groups(
    interviews: Sequence[InterviewLike],
    fa: FormAccess,
    field: str,
    spec: FormSpec,
    period: Period | None,
    keys: Sequence[str] | None,
    lang: Lang,
) -> list[_Group]:
    """The wards in scope (``keys``: those asked for, in that order; else every ward met,
    in list order, unknown last): from the analysis tables when the interviews come from
    a workspace whose tables can give them, else from the documents."""
    analysis = getattr(interviews, "analysis", None)
    source = analysis() if callable(analysis) else None
    if source is not None:
        with source.snapshot():
            found = _stored_groups(source, fa, field, spec, period, keys, lang)
        if found is not None:
            return found
    groups = group_by_ward(in_period(interviews, period), fa, field, lang)
    if keys is not None:
        by_key = {g.key: g for g in groups}
        groups = [by_key.get(k) or _empty_group(fa, field, k, lang) for k in keys]
    return [_from_documents(fa, spec, g.key, g.label, g.interviews) for g in groups]


def _from_documents(
    fa: FormAccess, spec: FormSpec, key: str, label: str, interviews: Sequence[Any]
) -> _Group:
    versions = {str(getattr(i, "form_version", "") or spec.version) for i in interviews}
    data = ConsentedData.read(fa, [i.answers for i in interviews])
    return _Group(key, label, len(interviews), versions, data)


def _paths(
    source: AnswerColumns, fa: FormAccess
) -> tuple[dict[str, str], str, dict[str, str]] | None:
    """The columns the tables hold for the report's fields: (name -> path) of the
    household's, the roster's path and (name -> path) of its members'; None when the
    form keeps one where the tables would not read it as the documents are read."""
    resp: dict[str, str] = {}
    for name in ("consent", *RESPONDENT_FIELDS):
        if not fa.has(name):
            continue
        path = "/".join(fa.steps(name))
        if fa.repeat_of.get(name) is not None or not source.has_field(path):
            return None
        resp[name] = path
    roster = "/".join(fa.steps("members"))
    if fa.type_of("members") != "repeat" or fa.repeat_of.get("members") is not None:
        return None
    if not source.has_repeat(roster):
        return None
    members: dict[str, str] = {}
    for name in MEMBER_FIELDS:
        if not fa.has(name):
            continue
        path = "/".join(fa.steps(name))
        if fa.repeat_of.get(name) != "members" or not source.has_field(path, roster):
            return None
        members[name] = path
    return resp, roster, members


def _stored_groups(
    source: AnswerColumns,
    fa: FormAccess,
    field: str,
    spec: FormSpec,
    period: Period | None,
    keys: Sequence[str] | None,
    lang: Lang,
) -> list[_Group] | None:
    """The groups read from the analysis tables: one scan of the wards asked for and one
    of their members, as rows, sorted into wards here and each ward's turned into columns
    (``store/ward_rows.py``); the interviews the tables hand back as documents are read
    as before."""
    found = _paths(source, fa)
    if found is None:
        return None
    resp_paths, roster, member_paths = found
    bounded = period is not None and (period.start is not None or period.end is not None)
    where = Selection(
        ward_keys=keys,
        date_from=period.start.isoformat() if bounded and period and period.start else None,
        date_to=period.end.isoformat() if bounded and period and period.end else None,
    )
    read = ward_rows.read_rows(
        source.ws,
        source.layout,
        list(resp_paths.values()),
        meta=["_ward_key", "form_version"],
        where=where,
        repeat=roster,
        repeat_paths=list(member_paths.values()),
    )
    # rows: (_id, _ward_key, form_version, consent, the other RESPONDENT_FIELDS...), in
    # the table's order, turned into columns in that order (the values are then read in
    # the order they were made: sorting the rows first makes every later pass over the
    # values slower); each ward's consented rows, then its declined, by row id (the
    # interviews' order), are one slice of ``by_ward``
    names = list(resp_paths)
    at = 3 + names.index("consent")
    columns = read.columns
    consent = fa.type_of("consent")
    yes = {v for v in set(columns[at]) if normalise([v], consent) == ["yes"]}
    declined = [v not in yes for v in columns[at]]
    sort_keys = list(zip(columns[1], declined, columns[0], strict=True))
    by_ward = sorted(range(len(sort_keys)), key=sort_keys.__getitem__)
    ward_col = _take(columns[1], by_ward)
    spans: dict[str, tuple[int, int, int]] = {}  # ward -> (first, end of consented, end)
    for key in dict.fromkeys(ward_col):
        first, end = bisect_left(ward_col, key), bisect_right(ward_col, key)
        spans[key] = (first, end - sum(_take(declined, by_ward[first:end])), end)
    resp_cols = {
        name: normalise(columns[3 + i], fa.type_of(name))
        for i, name in enumerate(names)
        if name != "consent"
    }
    columns[3:] = []  # normalised: the columns as read are not needed
    # members: (_id, MEMBER_FIELDS...) by household row id, then position
    member_names = list(member_paths)
    owners = read.repeat[0]
    member_cols = {
        name: normalise(read.repeat[1 + i], fa.type_of(name)) for i, name in enumerate(member_names)
    }
    read.repeat[1:] = []  # normalised: the columns as read are not needed
    roster_size = Counter(owners)
    households = list(dict.fromkeys(owners))
    ends = accumulate(map(roster_size.__getitem__, households))
    starts_all = map(sub, ends, map(roster_size.__getitem__, households))
    roster_at = dict(zip(households, starts_all, strict=True))  # household -> first member
    documents = source.documents(read.documents)
    doc_groups = {g.key: g for g in group_by_ward(in_period(documents, period), fa, field, lang)}
    present = set(spans) | set(doc_groups)
    if keys is None:
        order = {name: i for i, name in enumerate(fa.choice_names(field))}
        wanted = sorted(present, key=lambda k: (k == UNKNOWN, order.get(k, len(order)), k))
    else:
        wanted = list(keys)
    groups = []
    for key in wanted:
        first, mid, end = spans.get(key, (0, 0, 0))
        picked_rows = by_ward[first:mid]
        ids = _take(columns[0], picked_rows)
        sizes = list(map(roster_size.__getitem__, ids))
        starts = list(map(roster_at.get, ids, repeat(0)))
        picked = list(chain.from_iterable(map(range, starts, map(add, starts, sizes))))
        data = ConsentedData(
            Columns(
                {name: _take(col, picked_rows) for name, col in resp_cols.items()}, mid - first
            ),
            Columns({name: _take(col, picked) for name, col in member_cols.items()}, len(picked)),
            sizes,
            end - mid,
        )
        versions = {str(v or spec.version) for v in set(_take(columns[2], by_ward[first:end]))}
        group = _Group(key, ward_label(fa, field, key, lang), end - first, versions, data)
        held = doc_groups.get(key)
        if held is not None:
            extra = _from_documents(fa, spec, key, group.label, held.interviews)
            group = _Group(
                key,
                group.label,
                group.interviews + extra.interviews,
                group.versions | extra.versions,
                ConsentedData.concat([group.data, extra.data]),
            )
        groups.append(group)
    return groups


def _take(values: list[Any], rows: list[int]) -> list[Any]:
    """``values`` at ``rows``, in that order (one C call: itemgetter)."""
    if len(rows) > 1:
        return list(itemgetter(*rows)(values))
    return [values[i] for i in rows]


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
    to consider (e.g. the completed ones); this function never opens the database:
    interviews read by ``workspace_reader.read_interviews`` bring their own reader of the
    workspace's analysis tables (only the wards asked for are read, as columns).
    """
    facts, sections, header = plan_ward_summary(
        interviews, spec, wards=wards, period=period, lang=lang, stamp=stamp
    )
    story: list[Any] = [*cover(facts, lang), *section_flowables(sections, lang)]
    return build_pdf(Path(out), story, header, lang, f"{facts.title} – {', '.join(facts.wards)}")
