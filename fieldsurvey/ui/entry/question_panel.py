"""A column of questions (a page, or one roster member) kept in step with the engine.

The panel holds template nodes; ``base`` is the instance path of the repeat instance
they belong to ("" outside repeats), so one panel can show member 1, then member 2, by
``rebase``. ``refresh`` asks the controller for relevance, values, choices and messages;
hidden questions disappear at once. Enter in a question moves to the next visible one;
past the last, the panel emits ``exhausted`` and its owner decides (next member, page).

Stopping checks: Enter (or Tab out of the question) on a question that must be fixed
first (required and unanswered, failing its constraint, an unconfirmed soft check, or
typing that could not be read) stays there with its message, as ODK Collect and CSPro
do; on a soft check the focus goes to its "I confirmed" box. Going back is never stopped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry import form_text
from fieldsurvey.ui.entry.entity_picker import picker_for
from fieldsurvey.ui.entry.label_text import plain_label
from fieldsurvey.ui.entry.page_model import template_path
from fieldsurvey.ui.entry.question_row import EDGE_WIDTH, TABLE_GAP, QuestionRow
from fieldsurvey.ui.entry.question_widgets import SELECT_TYPES, make_answer_widget
from fieldsurvey.ui.entry.table_list import TableHeading, is_table_header

if TYPE_CHECKING:
    from fieldsurvey.ui.entry.entry_controller import EntryController

INPUT_LESS = frozenset({"note", "calculate"})


def instance_path(node_path: str, base: str) -> str:
    """The path of ``node_path`` (a template path) inside the repeat instance ``base``."""
    if not base:
        return node_path
    prefix = template_path(base)
    return base + node_path[len(prefix) :]


class QuestionPanel(QWidget):
    """Questions, group headings and rosters for ``items`` at instance ``base``."""

    exhausted = Signal()

    def __init__(
        self, ctx: EntryController, items: list[Node], base: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.base = base
        self.entries: list[tuple[Node, QWidget]] = []
        #: ``table-list`` groups on this panel: their select questions are rows of a table.
        self._tables: set[str] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for node in items:
            widget = self._build(node)
            self.entries.append((node, widget))
            layout.addWidget(widget, 1 if node.kind == "repeat" else 0)
        if not any(node.kind == "repeat" for node in items):
            layout.addStretch(1)  # a roster takes the free height itself

    def _build(self, node: Node) -> QWidget:
        path = instance_path(node.path, self.base)
        if node.kind == "group" and "table-list" in form_text.appearances(node):
            self._tables.add(node.path)
            return self._table_heading(node)
        if node.kind == "group":
            heading = QLabel(self)
            heading.setWordWrap(True)
            heading.setTextFormat(Qt.TextFormat.PlainText)  # a label without its markup
            font = heading.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.15)
            heading.setFont(font)
            return heading
        if node.kind == "repeat":
            from fieldsurvey.ui.entry.roster_view import RosterView

            roster = RosterView(self.ctx, node, path, self)
            roster.exhausted.connect(lambda r=roster: self._advance_from(r))
            return roster
        count = self.ctx.choice_count(path)
        in_table = node.type in SELECT_TYPES and node.path.rpartition("/")[0] in self._tables
        widget = picker_for(node, self.ctx.entities) or make_answer_widget(
            node, None, choice_count=count, in_table=in_table
        )
        row = QuestionRow(node, path, widget, self)
        if node.choices:
            widget.set_choices(self.ctx.choices(path))
        widget.set_value(self.ctx.value(path))
        widget.committed.connect(lambda value, r=row: self.ctx.answer(r.path, value))
        widget.enter_pressed.connect(lambda r=row: self._advance_from(r))
        row.advance.connect(lambda r=row: self._advance_from(r))
        row.tabbed_out.connect(lambda r=row: self.stop_at(r))
        row.confirm_toggled.connect(lambda on, r=row: self.ctx.confirm(r.path, on))
        return row

    def _table_heading(self, group: Node) -> TableHeading:
        """A ``table-list`` group's label and the header of its choice columns (those of
        its first select question)."""
        first = next((n for n in group.children if n.type in SELECT_TYPES), None)

        def choices() -> list[tuple[str, str]]:
            if first is None:
                return []
            return self.ctx.choices(instance_path(first.path, self.base))

        def label() -> str:
            return self.ctx.label(instance_path(group.path, self.base))

        return TableHeading(label, choices, EDGE_WIDTH + 8, TABLE_GAP, self)

    def _show_media(self, node: Node, row: QuestionRow) -> None:
        """The label's and the choices' media and the guidance hint, in the form language."""
        ctx = self.ctx
        lang, default = ctx.lang, ctx.spec.default_language
        kinds = ("image", "big-image", "audio", "video")
        files = {kind: form_text.media(node, kind, lang, default) for kind in kinds}
        drawn = "image-map" in form_text.appearances(node)  # the widget draws its picture
        row.set_media(
            ctx.compiled, {k: v for k, v in files.items() if not (drawn and k == "image")}
        )
        row.widget.set_form_media(ctx.compiled, files)
        row.set_guidance(form_text.guidance(node, lang, default))
        if node.choices:
            row.widget.set_choice_media(
                ctx.compiled,
                {
                    c.name: form_text.media(c, "image", lang, default)
                    for c in ctx.spec.choices.get(node.choices, [])
                },
            )

    # --- which member --------------------------------------------------------------------
    def rebase(self, base: str) -> None:
        """Show the same questions for another repeat instance."""
        self.base = base
        for node, widget in self.entries:
            path = instance_path(node.path, base)
            if isinstance(widget, QuestionRow):
                widget.path = path
                widget.set_local_problem("")
                if node.choices:
                    widget.widget.set_choices(self.ctx.choices(path))
                widget.widget.set_value(self.ctx.value(path))
            elif hasattr(widget, "rebase"):
                widget.rebase(path)
        self.refresh(None)

    # --- keeping in step -----------------------------------------------------------------
    def rows(self) -> list[QuestionRow]:
        return [w for _n, w in self.entries if isinstance(w, QuestionRow)]

    def refresh(self, changed: set[str] | None = None) -> None:
        """Update relevance, values, choices and messages (``changed``: paths, or all)."""
        ctx = self.ctx
        for node, widget in self.entries:
            path = instance_path(node.path, self.base)
            shown = ctx.relevant(path)
            widget.setVisible(shown)
            if not shown:
                continue
            if isinstance(widget, QuestionRow):
                self._refresh_row(node, widget, changed)
            elif isinstance(widget, QLabel):
                widget.setText(plain_label(ctx.label(path)))
            else:
                widget.refresh(changed)  # type: ignore[attr-defined]

    def _refresh_row(self, node: Node, row: QuestionRow, changed: set[str] | None) -> None:
        ctx, path = self.ctx, row.path
        answered = node.type not in INPUT_LESS and not is_table_header(node)
        required = answered and ctx.required(path)
        row.set_texts(ctx.label(path), ctx.hint(path), required)
        if changed is None:  # built, member or language changed
            self._show_media(node, row)
        answer = row.widget
        if node.bind.choice_filter and (changed is None or changed):
            answer.set_choices(ctx.choices(path))
            ctx.drop_unoffered(path)
        if node.type in INPUT_LESS or (changed is None or path in changed):
            value: Any = ctx.value(path)
            if value != answer.value():
                answer.set_value(value)
        answer.set_read_only(not ctx.editable or ctx.read_only(path))
        warning = ctx.warnings().get(path)
        if warning is None:
            row.set_warning(None)
        else:
            row.set_warning(warning.message, ctx.is_confirmed(path), ctx.editable)
        row.set_message(ctx.message(path))

    def retranslate(self) -> None:
        for node, widget in self.entries:
            if isinstance(widget, QuestionRow):
                widget.retranslate()
                widget.widget.retranslate()
                if node.choices and not node.bind.choice_filter:
                    widget.widget.set_choices(self.ctx.choices(widget.path))
            elif hasattr(widget, "retranslate"):
                widget.retranslate()
        self.refresh(None)

    # --- keyboard ------------------------------------------------------------------------
    def _focusables(self) -> list[QWidget]:
        return [
            w
            for n, w in self.entries
            if not w.isHidden()
            and (
                n.kind == "repeat"
                or (n.kind == "question" and n.type not in INPUT_LESS and not is_table_header(n))
            )
        ]

    def focus_first(self) -> bool:
        return self._focus_from(0)

    def _focus_from(self, start: int) -> bool:
        items = self._focusables()
        for widget in items[start:]:
            if _focus(widget):
                return True
        return False

    def stop_at(self, row: QuestionRow) -> bool:
        """If the question of ``row`` must be fixed before moving on, show why and put the
        focus back on it (on its "I confirmed" box for a soft check); True then."""
        if not self.ctx.editable or row.isHidden():
            return False
        if not (row.has_local_problem() or self.ctx.blocks(row.path)):
            return False
        if row.path not in self.ctx.touched:
            self.ctx.touch([row.path])  # the required message shows from now on
        if not (row.needs_confirmation() and row.focus_confirm()):
            _focus(row)
        return True

    def _advance_from(self, widget: QWidget) -> None:
        if isinstance(widget, QuestionRow) and self.stop_at(widget):
            return
        items = self._focusables()
        start = items.index(widget) + 1 if widget in items else len(items)
        if not self._focus_from(start):
            self.exhausted.emit()

    def focus_path(self, path: str) -> bool:
        """Put the focus on the question at instance ``path`` (rosters look inside)."""
        for node, widget in self.entries:
            if isinstance(widget, QuestionRow) and widget.path == path:
                return _focus(widget)
            if node.kind == "repeat" and template_path(path).startswith(node.path + "/"):
                return bool(widget.focus_path(path))  # type: ignore[attr-defined]
        return False

    def row_at(self, path: str) -> QuestionRow | None:
        return next((r for r in self.rows() if r.path == path), None)


def _focus(widget: QWidget) -> bool:
    if isinstance(widget, QuestionRow):
        if widget.widget.is_read_only():
            return False
        widget.widget.focus_target().setFocus()
        return True
    return bool(widget.focus_first())  # type: ignore[attr-defined]
