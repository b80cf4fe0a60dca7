"""Before completing: every unanswered required question and every failing constraint.

Each problem is a link (click, or Enter on it) that jumps to the question. When nothing
is left, the 'Complete interview' button is enabled.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.ui.entry.page_model import FormPages, template_path

if TYPE_CHECKING:
    from fieldsurvey.ui.entry.entry_controller import EntryController

LINK_COLOUR = "#0a4fb4"  # 7:1 on white
PathRole = Qt.ItemDataRole.UserRole + 1
_INSTANCE = re.compile(r"([^/\[]+)\[(\d+)\]")


class CompletionSummary(QWidget):
    """What is left before the interview can be completed."""

    jump = Signal(str)
    complete_requested = Signal()
    back_requested = Signal()

    def __init__(
        self, ctx: EntryController, pages: FormPages, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages = pages
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.links = QListWidget(self)
        self.links.setWordWrap(True)
        self.links.setSpacing(4)
        self.links.setCursor(Qt.CursorShape.PointingHandCursor)
        self.links.itemActivated.connect(self._follow)
        self.links.itemClicked.connect(self._follow)
        self.back_button = QPushButton(self)
        self.complete_button = QPushButton(self)
        self.back_button.clicked.connect(self.back_requested)
        self.complete_button.clicked.connect(self.complete_requested)
        self.back_button.setAutoDefault(True)
        self.complete_button.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.complete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.links, 1)
        self.filler = QWidget(self)  # keeps the text at the top when there is no list
        layout.addWidget(self.filler, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def refresh(self) -> None:
        problems = list(self.ctx.problems().values())
        self.links.clear()
        link = QBrush(QColor(LINK_COLOUR))
        for problem in problems:
            item = QListWidgetItem(self._describe(problem.path, problem.message))
            item.setData(PathRole, problem.path)
            item.setForeground(link)
            font = item.font()
            font.setUnderline(True)
            item.setFont(font)
            self.links.addItem(item)
        missing = sum(1 for p in problems if p.kind == "required")
        wrong = len(problems) - missing
        self.links.setVisible(bool(problems))
        self.filler.setVisible(not problems)
        can_complete = not problems and self.ctx.editable
        self.complete_button.setEnabled(can_complete)
        self.complete_button.setVisible(self.ctx.editable)
        if problems:
            self.heading.setText(
                self.tr("{missing} to answer, {wrong} to fix").format(missing=missing, wrong=wrong)
            )
            self.explain.setText(
                self.tr("Click a question, or choose it with the arrow keys and press Enter.")
            )
            self.links.setCurrentRow(0)
        elif self.ctx.editable:
            self.heading.setText(self.tr("Everything is answered."))
            self.explain.setText(
                self.tr("Complete the interview to send it with the next export (Ctrl+Enter).")
            )
        else:
            self.heading.setText(self.tr("This interview is completed."))
            self.explain.setText("")

    def _describe(self, path: str, message: str) -> str:
        page = self.pages.page_of(path)
        where = ""
        if page is not None:
            section = self.pages.pages[page].section
            where = self.ctx.text(section.path, section.label)
        members = [
            self.tr("{what} {n}").format(
                what=self.ctx.text(template_path(m.group(0)), self._node_label(m)), n=m.group(2)
            )
            for m in _INSTANCE.finditer(path)
        ]
        question = self.ctx.label(path) or self.ctx.node(path).name
        trail = " › ".join(part for part in (where, *members) if part)
        return f"{trail} › {question}\n{message}" if trail else f"{question}\n{message}"

    def _node_label(self, match: re.Match[str]) -> dict[str, str]:
        prefix = template_path(match.string[: match.end()])
        return self.ctx.node(prefix).label

    def _follow(self, item: QListWidgetItem) -> None:
        self.jump.emit(item.data(PathRole))

    def focus_first(self) -> None:
        if self.links.count():
            self.links.setFocus()
        elif self.complete_button.isEnabled():
            self.complete_button.setFocus()
        else:
            self.back_button.setFocus()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("◀ Back to the questions (PgUp)"))
        self.complete_button.setText(self.tr("Complete interview (Ctrl+Enter)"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
