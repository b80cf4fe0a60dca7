"""The parts of the entry screen around the questions: a page, the progress bar, the
list of sections, and focus helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.ui.entry.entry_controller import EntryController
from fieldsurvey.ui.entry.label_text import plain_label, section_title
from fieldsurvey.ui.entry.page_model import FormPages
from fieldsurvey.ui.entry.question_panel import QuestionPanel
from fieldsurvey.ui.entry.question_row import ERROR_COLOUR, QuestionRow

DONE_COLOUR = "#1b6e20"


class PageWidget(QScrollArea):
    """One page: its title and its questions, scrolling when taller than the window."""

    def __init__(self, ctx: EntryController, title_path: str | None, panel: QuestionPanel) -> None:
        super().__init__()
        self.ctx = ctx
        self.title_path = title_path
        self.panel = panel
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(panel, 1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

    def refresh(self, changed: set[str] | None) -> None:
        path = self.title_path
        node = self.ctx.nodes.get(path) if path else None
        self.title.setText(plain_label(self.ctx.label(path)) if node and path else "")
        self.title.setVisible(bool(self.title.text()))
        self.panel.refresh(changed)


class PageProgress(QWidget):
    """How far through the pages: a thin bar, repainted lazily (QProgressBar repaints
    at once on every value, which costs a whole frame on a slow laptop)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.setFixedSize(160, max(8, self.fontMetrics().height() // 2))

    def set_fraction(self, fraction: float) -> None:
        if fraction != self.fraction:
            self.fraction = fraction
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        done = self.rect().adjusted(1, 1, -1, -1)
        done.setWidth(int(done.width() * self.fraction))
        painter.fillRect(done, palette.color(QPalette.ColorRole.Highlight))


class SectionList(QListWidget):
    """The form's sections, each with a mark: ○ not visited yet (or not finished), ⚠
    something to answer, fix or confirm, ✓ done (visited, nothing left); none when not
    asked. The tooltip says which in words."""

    NOT_VISITED, PROBLEMS, DONE = "○", "⚠", "✓"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumWidth(max(200, self.fontMetrics().horizontalAdvance("M" * 17)))
        self.setWordWrap(True)
        # The state of each section as last shown: "", "not-visited", "unfinished",
        # "problems" or "done".
        self.states: list[str] = []

    def show_sections(
        self,
        ctx: EntryController,
        pages: FormPages,
        current_page: int,
        page_shown: Callable[[int], bool],
        visited: set[int],
    ) -> None:
        problems = ctx.problems()
        per_section: dict[int, list[str]] = {}
        for path in problems:
            page = pages.page_of(path)
            if page is not None:
                per_section.setdefault(pages.section_of(page), []).append(path)
        self.blockSignals(True)
        if self.count() != len(pages.sections):
            self.clear()
            for _section in pages.sections:
                self.addItem(QListWidgetItem())
        self.states = []
        current = pages.section_of(current_page) if current_page >= 0 else -1
        for i, section in enumerate(pages.sections):
            shown = [p for p in section.pages if page_shown(p)]
            paths = per_section.get(i, [])
            seen = any(p in visited for p in shown)
            # A wrong answer counts even where the enumerator has not been (given at
            # creation, or in a roster member); an unanswered one only once visited.
            wrong = any(problems[p].kind != "required" or p in ctx.touched for p in paths)
            if not shown:
                state = ""
            elif wrong:
                state = "problems"
            elif seen and not paths:
                state = "done"
            elif seen:
                state = "unfinished"  # being filled in: questions not reached yet
            else:
                state = "not-visited"
            self.states.append(state)
            mark = {
                "problems": self.PROBLEMS,
                "done": self.DONE,
                "unfinished": self.NOT_VISITED,
                "not-visited": self.NOT_VISITED,
            }
            # A group's label, short and plain: never a note's paragraph, nor a ${…}.
            label = section_title(ctx.label(section.node.path), section.node.name)
            item = self.item(i)
            item.setText(f"{mark.get(state, '  ')} {label}")
            item.setToolTip(self._tip(state))
            # Coloured marks, except on the highlighted current section (contrast).
            colour = {"problems": ERROR_COLOUR, "done": DONE_COLOUR}.get(state)
            item.setForeground(QBrush(QColor(colour)) if colour and i != current else QBrush())
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags if shown else Qt.ItemFlag.NoItemFlags)
        self.setCurrentRow(current)
        self.blockSignals(False)

    def _tip(self, state: str) -> str:
        if state == "problems":
            return self.tr("Something to answer, fix or confirm in this section")
        if state == "done":
            return self.tr("Done: visited, and every answer is valid")
        if state == "unfinished":
            return self.tr("Not finished: questions still to answer")
        if state == "not-visited":
            return self.tr("Not visited yet")
        return self.tr("Not asked in this interview")


def ancestor(widget: QWidget | None, kind: type[Any]) -> Any:
    while widget is not None and not isinstance(widget, kind):
        widget = widget.parentWidget()
    return widget


def scroll_into_view(widget: QWidget, row: QuestionRow | None) -> None:
    """Scroll every scroll area around ``widget`` so its question is in sight."""
    target: QWidget = row if row is not None and row.height() < 400 else widget
    parent = target.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(target, 16, 24)
        parent = parent.parentWidget()
