"""A printable record of one interview, with the form's labels, for review or for the
household's own copy. Only answered questions are printed (a non-relevant answer is
not kept in a completed interview), in form order, groups as headings and each repeat
instance numbered.

Any answer document prints: a value not shaped as the form says (a group sent as a
list, a list where one value goes) is printed as JSON text; control characters are
written out (``\\x1b``); a long answer wraps across pages (table rows split)."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from fieldsurvey.forms.spec import FormSpec, Node
from fieldsurvey.reports.form_access import FormAccess
from fieldsurvey.reports.models import InterviewLike, Lang, interview_date
from fieldsurvey.reports.number_format import fmt_date, fmt_dec, fmt_int
from fieldsurvey.reports.pdf_layout import CONTENT_W, Styles, build_pdf, esc, grid_style, visible
from fieldsurvey.reports.report_text import t

#: The most characters of one answer printed (a page holds about 5,000).
ANSWER_LIMIT = 50_000
#: Types that carry no answer worth printing.
_SKIP = frozenset({"note", "start", "end", "today", "deviceid", "username", "audit", "hidden"})


def _number(value: float, lang: Lang) -> str:
    """Up to two decimals, trailing zeros dropped: 10.5 -> '10,5' (vi); a number that is
    not finite (NaN, infinity) or too long to group as it is."""
    try:
        number = float(value)
    except OverflowError:  # a whole number beyond any float
        return _text(value)
    if not math.isfinite(number) or abs(number) >= 1e21:
        return _text(value) if isinstance(value, int) else repr(number)
    if number.is_integer():
        return fmt_int(value if isinstance(value, int) else number, lang)
    text = fmt_dec(number, lang, 2)
    return text.rstrip("0")


def _text(value: Any) -> str:
    """A value as text: a text as it is, anything else as JSON."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=True, default=str)
    except (RecursionError, ValueError):  # nested too deep to print
        return visible(repr(type(value)))


def _t(key: str, lang: Lang) -> str:
    return t(f"record_{key}", lang)


class _Printer:
    def __init__(self, spec: FormSpec, lang: Lang) -> None:
        self.fa = FormAccess(spec, lang)
        self.lang = lang
        self.s = Styles()

    def answer_text(self, node: Node, value: Any) -> str:
        if node.type in ("select_one", "select_multiple") and isinstance(value, str | list):
            names = value if isinstance(value, list) else value.split()
            if node.type == "select_one" and isinstance(value, str):
                names = [value]
            return "; ".join(self.fa.choice_label(node.name, _text(n)) for n in names)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _number(value, self.lang)
        if node.type == "date" and isinstance(value, str) and len(value) >= 10:
            try:
                return fmt_date(date.fromisoformat(value[:10]), self.lang)
            except ValueError:
                return value
        return _text(value)

    def rows(self, nodes: list[Node], doc: dict[str, Any], depth: int) -> list[Flowable]:
        """Flowables for ``nodes`` answered in ``doc`` (an interview or repeat instance)."""
        out: list[Flowable] = []
        pending: list[list[Any]] = []

        def flush() -> None:
            if pending:
                out.append(self._table(pending))
                pending.clear()

        for node in nodes:
            if node.kind == "group":
                value = doc.get(node.name)
                if value not in (None, "", [], {}) and not isinstance(value, dict):
                    # not shaped as the group: printed as it is, not lost
                    label = self.fa.label(node.name) or node.name
                    note = _t("group_not_object", self.lang)
                    pending.append(self._row(f"{label} {note}", _text(value)))
                    continue
                inner = self.rows(node.children, value or {}, depth)
                if inner:
                    flush()
                    out += [self._heading(self.fa.label(node.name) or node.name, depth), *inner]
            elif node.kind == "repeat":
                items = doc.get(node.name)
                label = self.fa.label(node.name) or node.name
                if items not in (None, "", [], {}) and not isinstance(items, list):
                    items = [items]  # one instance sent on its own
                for k, item in enumerate(items if isinstance(items, list) else [], start=1):
                    if not isinstance(item, dict):
                        if item not in (None, "", [], {}):
                            note = _t("group_not_object", self.lang)
                            pending.append(self._row(f"{label} {k} {note}", _text(item)))
                        continue
                    inner = self.rows(node.children, item, depth + 1)
                    if inner:
                        flush()
                        out += [self._heading(f"{label} {k}", depth + 1), *inner]
            elif node.type not in _SKIP:
                value = doc.get(node.name)
                if value in (None, "", []):
                    continue
                if node.type == "calculate" and not node.label:
                    continue
                question = self.fa.label(node.name) or node.name
                pending.append(self._row(question, self.answer_text(node, value)))
        flush()
        return out

    def _row(self, question: str, answer: str) -> list[Any]:
        """A question and its answer; the answer's lines kept (a long one wraps, one
        longer than :data:`ANSWER_LIMIT` characters is cut with a note)."""
        if len(answer) > ANSWER_LIMIT:
            cut = t("record_text_cut", self.lang, count=fmt_int(len(answer), self.lang))
            answer = f"{answer[:ANSWER_LIMIT]}{cut}"
        return [
            Paragraph(esc(question), self.s.cell),
            Paragraph(esc(answer).replace("\n", "<br/>"), self.s.cell),
        ]

    def _heading(self, text: str, depth: int) -> Paragraph:
        style = self.s.h2 if depth == 0 else self.s.head
        return Paragraph(esc(text), style)

    def _table(self, rows: list[list[Any]]) -> Table:
        table = Table(
            rows,
            colWidths=[CONTENT_W * 0.55, CONTENT_W * 0.45],
            hAlign="LEFT",
            splitByRow=1,
            splitInRow=1,  # an answer longer than a page goes on over the next one
        )
        style = grid_style(len(rows), total_row=False, head_rows=0, right_from=None)
        table.setStyle(style)
        return table


def write_record_pdf(
    interview: InterviewLike, spec: FormSpec, out: Path, *, lang: Lang = "vi"
) -> Path:
    """Write one interview's answers with the form's labels to ``out``; returns it."""
    printer = _Printer(spec, lang)
    s = printer.s
    meta = [
        (_t("id", lang), interview.uuid),
        (_t("date", lang), fmt_date(interview_date(interview), lang)),
        (_t("version", lang), str(getattr(interview, "form_version", "") or spec.version)),
    ]
    head = Table(
        [[Paragraph(esc(k), s.head), Paragraph(esc(v), s.cell)] for k, v in meta],
        colWidths=[45 * mm, CONTENT_W - 45 * mm],
        hAlign="LEFT",
        splitInRow=1,
    )
    head.setStyle(grid_style(len(meta), total_row=False, head_rows=0, right_from=None))
    body = printer.rows(spec.children, interview.answers, 0)
    story: list[Flowable] = [
        Paragraph(esc(_t("title", lang)), s.h1),
        Paragraph(esc(spec.title or spec.form_id), s.subtitle),
        Spacer(1, 6),
        KeepTogether([head]),
        Spacer(1, 6),
        *(body or [Paragraph(esc(_t("empty", lang)), s.body)]),
    ]
    header = f"{spec.title or spec.form_id} · {_t('id', lang)} {interview.uuid}"
    title = f"{_t('title', lang)} {interview.uuid}"
    return build_pdf(Path(out), story, header, lang, title, small_cell_note=False)
