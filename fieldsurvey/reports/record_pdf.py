"""A printable record of one interview, with the form's labels, for review or for the
household's own copy. Only answered questions are printed (a non-relevant answer is
not kept in a completed interview), in form order, groups as headings and each repeat
instance numbered.

Any answer document prints: a value not shaped as the form says (a group sent as a
list, a list where one value goes) is printed as JSON text; control characters are
written out (``\\x1b``); a long answer wraps across pages (table rows split).

Media answers print their file name; a photo, signature or drawing is shown too when
its bytes are given (``media``: file name -> bytes, from ``store.media.read_all``)."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table

from fieldsurvey.forms import geo_text
from fieldsurvey.forms.spec import FormSpec, Node
from fieldsurvey.reports.form_access import FormAccess, pick_text
from fieldsurvey.reports.models import InterviewLike, Lang, interview_date
from fieldsurvey.reports.number_format import fmt_date, fmt_dec, fmt_int
from fieldsurvey.reports.pdf_layout import CONTENT_W, Styles, build_pdf, esc, grid_style, visible
from fieldsurvey.reports.report_text import t
from fieldsurvey.store.media import MEDIA_QUESTION_TYPES, kind_of, mime_for

#: The most characters of one answer printed (a page holds about 5,000).
ANSWER_LIMIT = 50_000
#: The largest picture printed beside a question (width, height).
IMAGE_BOX = (CONTENT_W * 0.45 - 12, 60 * mm)
_ONE_CHOICE = frozenset({"select_one", "select_one_external", "select_one_from_file"})
_CHOICE_TYPES = _ONE_CHOICE | {"select_multiple", "select_multiple_from_file", "rank"}
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
    def __init__(self, spec: FormSpec, lang: Lang, media: Mapping[str, bytes]) -> None:
        self.fa = FormAccess(spec, lang)
        self.lang = lang
        self.s = Styles()
        self.media = media

    def answer_text(self, node: Node, value: Any) -> str:
        if node.type in _CHOICE_TYPES and isinstance(value, str | list):
            names = value if isinstance(value, list) else value.split()
            if node.type in _ONE_CHOICE and isinstance(value, str):
                names = [value]
            return "; ".join(self.fa.choice_label(node.name, _text(n)) for n in names)
        if node.type in ("geopoint", "geotrace", "geoshape") and isinstance(value, str):
            # "21.039027, 105.858699 ±12 m", one point per line
            return "\n".join(geo_text.describe_points(value)) or value
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
                if node.type in MEDIA_QUESTION_TYPES and isinstance(value, str):
                    pending.append(self._media_row(question, value))
                else:
                    row = self._row(question, self.answer_text(node, value))
                    guidance = pick_text(node.guidance_hint, self.lang, self.fa.spec)
                    if guidance:  # the form's guidance for the enumerator, printed under it
                        row[0] = Paragraph(
                            f"{esc(question)}<br/><i>{esc(guidance)}</i>", self.s.cell
                        )
                    pending.append(row)
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

    def _media_row(self, question: str, name: str) -> list[Any]:
        """A media answer: its file name and size, and the picture itself when the file
        is an image that can be read."""
        data = self.media.get(name)
        cell = Paragraph(esc(question), self.s.cell)
        if data is None:
            text = t("record_media_missing", self.lang, name=visible(name))
            return [cell, Paragraph(esc(text), self.s.cell)]
        size = fmt_int(max(1, round(len(data) / 1024)), self.lang)
        caption = Paragraph(esc(t("record_media_file", self.lang, name=name, size=size)),
                            self.s.cell)  # fmt: skip
        if kind_of(mime_for(name) or "") != "image":
            return [cell, caption]
        picture = _picture(data)
        if picture is None:
            text = t("record_media_unreadable", self.lang, name=name)
            return [cell, Paragraph(esc(text), self.s.cell)]
        return [cell, [picture, caption]]

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


def _picture(data: bytes) -> Image | None:
    """The image scaled into :data:`IMAGE_BOX`, or None if it cannot be read."""
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
        scale = min(IMAGE_BOX[0] / width, IMAGE_BOX[1] / height, 1.0)
        picture = Image(io.BytesIO(data), width * scale, height * scale)
    except Exception:  # Pillow's errors for a damaged or hostile file vary (OSError, ...)
        return None
    picture.hAlign = "LEFT"
    return picture


def write_record_pdf(
    interview: InterviewLike,
    spec: FormSpec,
    out: Path,
    *,
    lang: Lang = "vi",
    media: Mapping[str, bytes] | None = None,
) -> Path:
    """Write one interview's answers with the form's labels to ``out``; returns it.
    ``media``: the interview's files by name (pictures are shown)."""
    printer = _Printer(spec, lang, media or {})
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
