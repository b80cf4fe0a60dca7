"""The ward summary PDF of the default migrant household survey (issue 6).

``write_ward_summary(interviews, spec, out, wards=..., period=..., lang=..., stamp=...)``
writes a cover, then for several wards a combined overview with the wards compared,
then one section per ward. Only interviews with consent are counted in the tables;
declined ones are counted on the cover.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
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
from fieldsurvey.reports.summary_stats import THRESHOLD, free_list
from fieldsurvey.reports.ward_tables import (
    CHUNK,
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


def _release(data: Sequence[ConsentedData], tables: Sequence[WardTables | None]) -> None:
    """Free the groups' columns and what their tables kept a list at a time (left to
    the end of :func:`_plan`, freeing them all would be one C call: at 1,000,000
    interviews 0.4 s during which no other thread runs)."""
    for table in tables:
        if table is not None:
            table.release()
    for d in data:
        d.release()


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
    overview_tables = None
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
    met = set().union(*(_distinct(d.resp["district"]) for d in data))  # no joined copy
    districts = sorted({fa.choice_label("district", c) for c in met if c})
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
    _release([*data, everything], [*ward_tables, overview_tables])
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
    of their members (``store/ward_rows.py``), normalised a block at a time as they are
    read, sorted into wards by numpy (which lets other threads run while it sorts) and
    each ward's columns taken one column at a time, the column as read freed once its
    wards have their values; the interviews the tables hand back as documents are read
    as before. No step runs a C call over more than :data:`CHUNK` values (the window
    stays responsive at 1,000,000 interviews) and the rows are held once, not twice."""
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
    names, member_names = list(resp_paths), list(member_paths)
    read = ward_rows.read_rows(
        source.ws,
        source.layout,
        list(resp_paths.values()),
        meta=["_ward_key", "form_version"],
        where=where,
        repeat=roster,
        repeat_paths=list(member_paths.values()),
        convert=[None, None, *(_normaliser(fa.type_of(name)) for name in names)],
        repeat_convert=[_normaliser(fa.type_of(name)) for name in member_names],
    )
    # columns: _ward_key, form_version, consent and the other RESPONDENT_FIELDS,
    # normalised, in the table's order; each ward's consented rows, then its declined, by
    # row id (the interviews' order), are one slice of ``order``
    columns, ids = read.columns, read.ids
    ward_col, version_col = columns[0], columns[1]
    consent_col = columns[2 + names.index("consent")]
    codes = {key: i for i, key in enumerate(_distinct(ward_col))}
    n = len(ward_col)
    sort_key = np.empty(n, dtype=np.uint16 if 2 * len(codes) < 2**16 else np.int64)
    for i in range(0, n, CHUNK):
        ward_part = np.fromiter(map(codes.__getitem__, ward_col[i : i + CHUNK]), np.int64)
        yes_part = np.fromiter(map(_YES.__contains__, consent_col[i : i + CHUNK]), np.int64)
        sort_key[i : i + CHUNK] = 2 * ward_part + 1 - yes_part
    if n > 1 and not (ids[1:] > ids[:-1]).all():  # not in row id order (a ward index read)
        by_id = np.argsort(ids, kind="stable")
        order = by_id[np.argsort(sort_key[by_id], kind="stable")]
    else:
        order = np.argsort(sort_key, kind="stable")  # radix sort of small whole numbers
    bounds = np.concatenate(([0], np.cumsum(np.bincount(sort_key, minlength=2 * len(codes)))))
    del sort_key
    # members: each household's first member and roster size (its members are one run:
    # read by household row id, then position)
    owners = read.owners
    if len(owners):
        first_member = np.concatenate(([0], np.flatnonzero(owners[1:] != owners[:-1]) + 1))
        households = owners[first_member]
        roster_sizes = np.diff(np.concatenate((first_member, [len(owners)])))
        if not (households[1:] > households[:-1]).all():
            by_household = np.argsort(households, kind="stable")
            households = households[by_household]
            first_member = first_member[by_household]
            roster_sizes = roster_sizes[by_household]
    else:
        first_member = households = roster_sizes = np.zeros(0, dtype=np.int64)
    documents = source.documents(read.documents)
    doc_groups = {g.key: g for g in group_by_ward(in_period(documents, period), fa, field, lang)}
    present = set(codes) | set(doc_groups)
    if keys is None:
        order_of = {name: i for i, name in enumerate(fa.choice_names(field))}
        wanted = sorted(present, key=lambda k: (k == UNKNOWN, order_of.get(k, len(order_of)), k))
    else:
        wanted = list(keys)
    plans = []  # per ward: consented rows, their members, roster sizes, (interviews, declined)
    for key in wanted:
        c = codes.get(key)
        first, mid, end = (0, 0, 0) if c is None else (int(b) for b in bounds[2 * c : 2 * c + 3])
        rows = order[first:mid]
        picked, sizes = _members(ids[rows], households, first_member, roster_sizes)
        met = _distinct(_take(version_col, order[first:end].tolist()))
        versions = {str(v or spec.version) for v in met}
        plans.append((key, rows.tolist(), picked, sizes, end - first, end - mid, versions))
    del order, ids, owners, households, first_member, roster_sizes
    resp: list[dict[str, list[Any]]] = [{} for _ in plans]
    for name, column in zip(names, columns[2:], strict=True):
        if name != "consent":
            for kept, plan in zip(resp, plans, strict=True):
                kept[name] = _take(column, plan[1])
        free_list(column)
    members: list[dict[str, list[Any]]] = [{} for _ in plans]
    for name, column in zip(member_names, read.repeat, strict=True):
        for kept, plan in zip(members, plans, strict=True):
            kept[name] = _take(column, plan[2])
        free_list(column)
    free_list(ward_col)
    free_list(version_col)
    groups = []
    for (key, rows, picked, sizes, interviews, declined, versions), r, m in zip(
        plans, resp, members, strict=True
    ):
        data = ConsentedData(Columns(r, len(rows)), Columns(m, len(picked)), sizes, declined)
        group = _Group(key, ward_label(fa, field, key, lang), interviews, versions, data)
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


_YES = frozenset({"yes"})


def _normaliser(kind: str) -> Callable[[list[Any]], list[Any]]:
    """:func:`normalise` for one kind of column, for a block of it (it works value by
    value: normalising the blocks of a column gives the whole column normalised)."""
    return lambda values: normalise(values, kind)


def _distinct(values: list[Any]) -> list[Any]:
    """The distinct values of ``values``, in first-seen order, a chunk at a time."""
    seen: dict[Any, None] = {}
    for i in range(0, len(values), CHUNK):
        seen.update(dict.fromkeys(values[i : i + CHUNK]))
    return list(seen)


def _members(
    ids: np.ndarray, households: np.ndarray, first: np.ndarray, sizes: np.ndarray
) -> tuple[list[int], list[int]]:
    """(positions of the members of the households ``ids``, in that order; each one's
    roster size): ``households`` sorted, with their ``first`` member and roster ``sizes``."""
    if not len(households) or not len(ids):
        return [], [0] * len(ids)
    at = np.minimum(np.searchsorted(households, ids), len(households) - 1)
    found = households[at] == ids
    size = np.where(found, sizes[at], 0)
    start = np.where(found, first[at], 0)
    before = np.cumsum(size) - size  # members of the earlier households
    picked = np.repeat(start - before, size) + np.arange(int(size.sum()))
    return picked.tolist(), size.tolist()


def _take(values: list[Any], rows: list[int]) -> list[Any]:
    """``values`` at ``rows``, in that order (one C call, itemgetter, per :data:`CHUNK`)."""
    out: list[Any] = []
    for i in range(0, len(rows), CHUNK):
        part = rows[i : i + CHUNK]
        out.extend(itemgetter(*part)(values) if len(part) > 1 else [values[j] for j in part])
    return out


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
