"""The ward summary's follow-up section: what changed between waves (issue 16).

The six-month follow-up form (``mnet_household_follow_up``, resources/forms/) keeps in
each interview what the household's entity said before the visit (``prev_temp_reg``,
``prev_hi_card``, ...) next to this visit's answers (``temp_reg_now``, ``hi_card_now``)
and its result (``visit_result``: visited, refused, moved, not_found). So the change
between waves is read from the follow-up interviews alone, whichever laptop made them.

Per ward (the household's ward on the list before the visit, ``hh_ward``; else the ward of
the visit), one section: the visits' results, then for the households visited two
before/after tables (temporary-residence registration still valid; any health-insurance
card), and where the households that moved went. Each household counts once: its latest
follow-up in the period. Counts go through the report's small-cell suppression
(:mod:`summary_stats`: 1-4 shown as "<5", a second cell of a line hidden); a ward with
fewer than 5 households followed up gets a note instead of tables. There is no
all-wards total of these tables, so no ward's hidden cell can be worked out from one.

API:
    FOLLOW_UP_FORM
    follow_up_sections(interviews, wards, lang, period=None) -> list[Section]
        ``interviews``: the ward summary's interviews; the follow-ups are read from the
        same workspace (a :class:`StoredInterviews`' ``ws``) or taken from their
        ``follow_ups`` attribute (a sequence of interviews), else there are none.
    follow_up_blocks(visits, lang) -> list[Block]       (one ward's, for tests)
    before_after(title, cross, notes, lang) -> TextTable  (the 2x2 tables, as text)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from fieldsurvey.reports.blocks import Block, FreqBlock, Section, TextTable
from fieldsurvey.reports.models import Lang, Period
from fieldsurvey.reports.number_format import fmt_cell, fmt_int, fmt_pct
from fieldsurvey.reports.report_scope import in_period
from fieldsurvey.reports.report_text import t
from fieldsurvey.reports.summary_stats import THRESHOLD, Cell, CrossTab, crosstab, frequency

FOLLOW_UP_FORM = "mnet_household_follow_up"

RESULTS = ("visited", "refused", "moved", "not_found")
MOVED_WHERE = ("other_ward", "home_province", "other_province", "dont_know")
#: Answers of ``temp_reg`` / ``hi_card`` that count as "has it".
REGISTERED = frozenset({"yes_valid"})
INSURED = frozenset({"home_province", "hanoi"})


class Visit(NamedTuple):
    """One follow-up interview, as the section reads it."""

    household: str
    ward: str
    when: str
    result: str
    moved_where: str
    temp_reg_before: str
    temp_reg_after: str
    hi_before: str
    hi_after: str
    size: int


def _find(answers: Any, name: str) -> Any:
    """The answer named ``name`` anywhere outside repeats (the form's groups may move)."""
    if not isinstance(answers, Mapping):
        return None
    if name in answers and not isinstance(answers[name], (list, dict)):
        return answers[name]
    for value in answers.values():
        if isinstance(value, Mapping):
            found = _find(value, name)
            if found is not None:
                return found
    return None


def _text(answers: Any, name: str) -> str:
    value = _find(answers, name)
    return "" if value is None else str(value).strip()


def _int(answers: Any, *names: str) -> int:
    for name in names:
        try:
            return int(float(_text(answers, name)))
        except ValueError:
            continue
    return 0


def read_visit(interview: Any) -> Visit:
    answers = interview.answers
    household = _text(answers, "hh") or _text(answers, "household_id") or interview.uuid
    ward = _text(answers, "hh_ward") or _text(answers, "ward") or str(interview.ward or "")
    return Visit(
        household=household,
        ward=ward,
        when=str(getattr(interview, "created", "") or ""),
        result=_text(answers, "visit_result"),
        moved_where=_text(answers, "moved_where"),
        temp_reg_before=_text(answers, "prev_temp_reg"),
        temp_reg_after=_text(answers, "temp_reg_now"),
        hi_before=_text(answers, "prev_hi_card"),
        hi_after=_text(answers, "hi_card_now"),
        size=_int(answers, "hh_size_now", "prev_hh_size"),
    )


def latest_visits(interviews: Iterable[Any]) -> list[Visit]:
    """Each household's latest follow-up (by interview start)."""
    latest: dict[str, Visit] = {}
    for visit in map(read_visit, interviews):
        held = latest.get(visit.household)
        if held is None or visit.when >= held.when:
            latest[visit.household] = visit
    return list(latest.values())


def _had(value: str, yes: frozenset[str]) -> str:
    return "yes" if value in yes else "no"


def follow_up_blocks(visits: Sequence[Visit], lang: Lang) -> list[Block]:
    """One ward's tables (``visits``: its households' latest follow-ups)."""
    results = [(k, t(f"follow_up_result_{k}", lang)) for k in RESULTS]
    n = len(visits)
    blocks: list[Block] = [
        FreqBlock(
            title=t("follow_up_results", lang),
            freq=frequency([v.result or None for v in visits], results),
            base_note=t("follow_up_base_all", lang, n=fmt_int(n, lang)),
            count_label=t("count_hh", lang),
        )
    ]
    visited = [v for v in visits if v.result == "visited"]
    yes_no = [("yes", t("follow_up_had", lang)), ("no", t("follow_up_had_not", lang))]
    now = t("follow_up_after", lang)
    cols_after = [(k, f"{now}: {label.lower()}") for k, label in yes_no]
    base = t("follow_up_base_visited", lang, n=fmt_int(len(visited), lang))
    for key, yes in (("temp_reg", REGISTERED), ("hi_card", INSURED)):
        before = "temp_reg_before" if key == "temp_reg" else "hi_before"
        after = "temp_reg_after" if key == "temp_reg" else "hi_after"
        pairs = [(_had(getattr(v, before), yes), _had(getattr(v, after), yes)) for v in visited]
        blocks.append(
            before_after(
                t(f"follow_up_{key}", lang),
                crosstab(pairs, yes_no, cols_after),
                [base, t(f"follow_up_{key}_note", lang), t("follow_up_cells_note", lang)],
                lang,
            )
        )
    moved = [v for v in visits if v.result == "moved"]
    if moved:
        blocks.append(
            FreqBlock(
                title=t("follow_up_moved_where", lang),
                freq=frequency(
                    [v.moved_where or None for v in moved],
                    [(k, t(f"follow_up_moved_{k}", lang)) for k in MOVED_WHERE],
                ),
                base_note=t("follow_up_base_moved", lang, n=fmt_int(len(moved), lang)),
                count_label=t("count_hh", lang),
            )
        )
    return blocks


def before_after(title: str, cross: CrossTab, notes: list[str], lang: Lang) -> TextTable:
    """A 2x2 table of households, last wave (rows) by now (columns), as text: each cell
    its count (or suppression mark) and its row percentage."""

    def cell(count: Cell, base: Cell) -> str:
        text = fmt_cell(count, lang)
        if count.hidden or base.hidden or base.count == 0:
            return text
        return f"{text} ({fmt_pct(100.0 * count.count / base.count, lang)})"

    rows = [
        [label, *(cell(c, cross.row_totals[i]) for c in cross.cells[i]),
         fmt_cell(cross.row_totals[i], lang)]
        for i, label in enumerate(cross.row_labels)
    ]  # fmt: skip
    rows.append(
        [t("total", lang), *(cell(c, cross.total) for c in cross.col_totals),
         fmt_cell(cross.total, lang)]
    )  # fmt: skip
    header = [t("follow_up_row_head", lang), *cross.col_labels, t("total_base", lang)]
    return TextTable(title=title, header=header, rows=rows, notes=notes)


def _follow_ups(interviews: Any) -> Sequence[Any]:
    given = getattr(interviews, "follow_ups", None)
    if given is not None:
        return list(given)
    ws = getattr(interviews, "ws", None)
    if ws is None:
        return []
    from fieldsurvey.reports.workspace_reader import (
        count_interviews,
        installed_form_ids,
        read_interviews,
    )

    if FOLLOW_UP_FORM not in installed_form_ids(ws) or not count_interviews(ws, FOLLOW_UP_FORM):
        return []
    return list(read_interviews(ws, FOLLOW_UP_FORM))


def follow_up_sections(
    interviews: Any,
    wards: Sequence[tuple[str, str]],
    lang: Lang,
    period: Period | None = None,
) -> list[Section]:
    """One section per ward of ``wards`` ((key, label), in the report's order) with
    follow-up visits in ``period``; none when there are no follow-ups."""
    follow_ups = in_period(_follow_ups(interviews), period)
    if not follow_ups:
        return []
    by_ward: dict[str, list[Visit]] = {}
    for visit in latest_visits(follow_ups):
        by_ward.setdefault(visit.ward, []).append(visit)
    sections = []
    for key, label in wards:
        visits = by_ward.get(key, [])
        if not visits:
            continue
        n = len(visits)
        too_few = n < THRESHOLD
        sections.append(
            Section(
                title=t("follow_up_heading", lang, w=label),
                households=n,
                people=sum(v.size for v in visits),
                blocks=[] if too_few else follow_up_blocks(visits, lang),
                empty_note=t("follow_up_too_few", lang) if too_few else "",
            )
        )
    return sections
