"""A summary of any form: a frequency table per select question and count, mean,
median, minimum and maximum per number question, overall and per ward when the
settings sheet names a ``ward_field``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fieldsurvey.forms.spec import FormSpec, Node
from fieldsurvey.reports.blocks import Block, FreqBlock, NumberBlock, Section
from fieldsurvey.reports.cover import CoverFacts, cover, period_text
from fieldsurvey.reports.form_access import NUMBER_TYPES, SELECT_TYPES, FormAccess
from fieldsurvey.reports.models import DataStamp, InterviewLike, Lang, Period
from fieldsurvey.reports.number_format import fmt_int
from fieldsurvey.reports.pdf_layout import build_pdf
from fieldsurvey.reports.report_scope import group_by_ward, in_period, resolve_wards, ward_field
from fieldsurvey.reports.report_text import t
from fieldsurvey.reports.summary_stats import frequency, summarise
from fieldsurvey.reports.ward_summary import section_flowables

#: Choice lists longer than this show only the choices that were given.
LONG_LIST = 15


def _rows_of(fa: FormAccess, docs: Sequence[dict[str, Any]], node: Node) -> list[dict[str, Any]]:
    """The answer holders of ``node``: the interviews, or every instance of its repeat."""
    repeat = fa.repeat_of.get(node.name)
    if repeat is None:
        return list(docs)
    return [row for d in docs for row in fa.instances(d, repeat)]


def _base_note(fa: FormAccess, node: Node, n: int) -> str:
    repeat = fa.repeat_of.get(node.name)
    n_text = fmt_int(n, fa.lang)
    if repeat is None:
        return t("base_answered", fa.lang, n=n_text)
    return t("base_entries", fa.lang, label=fa.label(repeat) or repeat, n=n_text)


def generic_blocks(fa: FormAccess, docs: Sequence[dict[str, Any]]) -> list[Block]:
    blocks: list[Block] = []
    for node in fa.spec.walk():
        if node.kind != "question":
            continue
        title = f"{fa.label(node.name) or node.name} ({node.name})"
        rows = _rows_of(fa, docs, node)
        if node.type in SELECT_TYPES:
            multiple = node.type == "select_multiple"
            order = [(c, fa.choice_label(node.name, c)) for c in fa.choice_names(node.name)]
            chosen = (fa.selected(r, node.name) for r in rows)
            freq = frequency(
                chosen if multiple else ((c[0] if c else None) for c in chosen),
                order,
                multiple=multiple,
                keep_zero=len(order) <= LONG_LIST,
            )
            notes = [t("multi_note", fa.lang)] if multiple else []
            blocks.append(
                FreqBlock(
                    title=title, freq=freq, notes=notes, base_note=_base_note(fa, node, freq.base)
                )
            )
        elif node.type in NUMBER_TYPES:
            values = [v for v in (fa.number(r, node.name) for r in rows) if v is not None]
            unit = "int" if node.type == "integer" else "dec"
            blocks.append(
                NumberBlock(
                    title=title,
                    summary=summarise(values),
                    unit=unit,
                    extremes=True,
                    base_note=_base_note(fa, node, len(values)),
                )
            )
    return blocks


def write_generic_summary(
    interviews: Sequence[InterviewLike],
    spec: FormSpec,
    out: Path,
    *,
    wards: Sequence[str] | None = None,
    period: Period | None = None,
    lang: Lang = "vi",
    stamp: DataStamp | None = None,
) -> Path:
    """Write the generic summary of ``spec``'s interviews to ``out`` and return it."""
    fa = FormAccess(spec, lang)
    chosen = in_period(interviews, period)
    field = ward_field(spec)
    sections: list[Section] = []
    labels: list[str] = []
    if field is not None:
        groups = group_by_ward(chosen, fa, field, lang)
        if wards:
            keys = resolve_wards(spec, field, wards)
            groups = [g for g in groups if g.key in keys]
            chosen = [i for g in groups for i in g.interviews]
        labels = [g.label for g in groups]
    all_title = t("all_interviews", lang)
    sections.append(_section(all_title, fa, [i.answers for i in chosen]))
    if field is not None and len(groups) > 1:
        for g in groups:
            title = t("ward_heading", lang, w=g.label)
            sections.append(_section(title, fa, [i.answers for i in g.interviews]))
    n_text = fmt_int(len(chosen), lang)
    facts = CoverFacts(
        title=t("report_title", lang),
        subtitle=spec.title or spec.form_id,
        wards=labels,
        period=period,
        counts=[(t("included", lang), n_text)],
        included_text=n_text,
        form_versions=sorted({str(getattr(i, "form_version", "") or spec.version) for i in chosen})
        or [spec.version],
        stamp=stamp or DataStamp(),
    )
    header = f"{spec.title or spec.form_id} · {period_text(period, lang)}"
    story = [*cover(facts, lang), *section_flowables(sections, lang, counts=False)]
    return build_pdf(Path(out), story, header, lang, f"{facts.title} – {facts.subtitle}")


def _section(title: str, fa: FormAccess, docs: list[dict[str, Any]]) -> Section:
    return Section(
        title=title,
        households=len(docs),
        blocks=generic_blocks(fa, docs),
        empty_note="" if docs else t("no_data", fa.lang),
    )
