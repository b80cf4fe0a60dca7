"""Before completing: what is left, and a read-back of every answer.

At the top, every unanswered required question, every failing constraint and every soft
check still to confirm, each a link (click, or Enter on it) that jumps to the question;
the soft checks confirmed are counted. Below, the read-back: every relevant answer, by
section (roster members under their roster), to read out to the respondent before
completing; Enter or a double click on one jumps to its question. One Back button and
one Complete button, enabled when nothing is left.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.page_model import FormPages, template_path
from fieldsurvey.ui.entry.question_panel import instance_path
from fieldsurvey.ui.entry.question_row import ERROR_COLOUR, WARNING_COLOUR
from fieldsurvey.ui.entry.question_widgets import is_shown

if TYPE_CHECKING:
    from fieldsurvey.ui.entry.entry_controller import EntryController

LINK_COLOUR = "#0a4fb4"  # 7:1 on white
MUTED_COLOUR = "#555555"  # 7.5:1 on white
PathRole = Qt.ItemDataRole.UserRole + 1
_INSTANCE = re.compile(r"([^/\[]+)\[(\d+)\]")


class CompletionSummary(QWidget):
    """What is left before the interview can be completed, and the answers read back."""

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
        self.soft_note = QLabel(self)
        self.soft_note.setWordWrap(True)
        self.links = QListWidget(self)
        self.links.setWordWrap(True)
        self.links.setSpacing(4)
        self.links.setCursor(Qt.CursorShape.PointingHandCursor)
        self.links.itemActivated.connect(self._follow)
        self.links.itemClicked.connect(self._follow)
        self.readback_heading = QLabel(self)
        bold = self.readback_heading.font()
        bold.setBold(True)
        self.readback_heading.setFont(bold)
        self.readback_heading.setWordWrap(True)
        self.readback = QTreeWidget(self)
        self.readback.setColumnCount(2)
        self.readback.setWordWrap(True)
        self.readback.setUniformRowHeights(False)
        self.readback.setAlternatingRowColors(True)
        self.readback.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.readback.setExpandsOnDoubleClick(False)
        self.readback.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.readback.itemActivated.connect(self._follow_answer)
        self.readback_heading.setBuddy(self.readback)
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
        layout.addWidget(self.soft_note)
        layout.addWidget(self.links, 1)
        layout.addWidget(self.readback_heading)
        layout.addWidget(self.readback, 2)
        layout.addLayout(buttons)
        self.retranslate()

    # --- what is left ------------------------------------------------------------------
    def refresh(self) -> None:
        problems = list(self.ctx.problems().values())
        self.links.clear()
        link = QBrush(QColor(LINK_COLOUR))
        for problem in problems:
            message = problem.message
            if problem.kind == "warning":
                message = self.tr("To confirm with the respondent: {message}").format(
                    message=message
                )
            item = QListWidgetItem(self._describe(problem.path, message))
            item.setData(PathRole, problem.path)
            item.setForeground(link)
            font = item.font()
            font.setUnderline(True)
            item.setFont(font)
            self.links.addItem(item)
        missing = sum(1 for p in problems if p.kind == "required")
        to_confirm = sum(1 for p in problems if p.kind == "warning")
        wrong = len(problems) - missing - to_confirm
        self.links.setVisible(bool(problems))
        can_complete = not problems and self.ctx.editable
        self.complete_button.setEnabled(can_complete)
        self.complete_button.setVisible(self.ctx.editable)
        if problems:
            heading = self.tr("{missing} to answer, {wrong} to fix").format(
                missing=missing, wrong=wrong
            )
            if to_confirm:
                heading += self.tr(", {count} to confirm").format(count=to_confirm)
            self.heading.setText(heading)
            self.explain.setText(
                self.tr("Click a question, or choose it with the arrow keys and press Enter.")
            )
            self.links.setCurrentRow(0)
        elif self.ctx.editable:
            self.heading.setText(self.tr("Everything is answered."))
            self.explain.setText(
                self.tr(
                    "Read the answers back to the respondent, then complete the interview"
                    " (Ctrl+Enter)."
                )
            )
        else:
            self.heading.setText(self.tr("This interview is completed."))
            self.explain.setText("")
        self.explain.setVisible(bool(self.explain.text()))
        self.readback_heading.setText(
            self.tr("&Answers given (press Enter or double-click on one to change it)")
            if self.ctx.editable
            else self.tr("&Answers given (press Enter or double-click on one to see it)")
        )
        confirmed = sum(1 for path in self.ctx.warnings() if self.ctx.is_confirmed(path))
        self.soft_note.setText(
            self.tr("Unusual answers confirmed with the respondent: {count}").format(
                count=confirmed
            )
        )
        self.soft_note.setVisible(bool(confirmed))
        self._fill_readback()

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

    # --- the read-back -----------------------------------------------------------------
    def _fill_readback(self) -> None:
        """Every relevant question with its answer, by section; members under rosters."""
        tree = self.readback
        tree.setUpdatesEnabled(False)
        tree.clear()
        root = tree.invisibleRootItem()
        for section in self.pages.sections:
            node = section.node
            if not self.ctx.relevant(node.path):
                continue
            if node.kind == "question":
                self._add_question(root, node, node.path)
                continue
            heading = QTreeWidgetItem(root, [self.ctx.text(node.path, node.label) or node.name])
            self._as_heading(heading, self._first_path(node, ""))
            if node.kind == "repeat":
                self._add_members(heading, node, "")
            else:
                self._add_children(heading, node.children, "")
            if heading.childCount() == 0:
                root.removeChild(heading)
        tree.expandAll()
        tree.setUpdatesEnabled(True)

    def answer_rows(self) -> list[tuple[str, str]]:
        """(question, answer) of every answer row of the read-back, in order (tests)."""
        rows: list[tuple[str, str]] = []

        def walk(item: QTreeWidgetItem) -> None:
            for i in range(item.childCount()):
                child = item.child(i)
                if child is None:
                    continue
                if child.childCount() == 0 and child.data(0, PathRole):
                    rows.append((child.text(0), child.text(1)))
                walk(child)

        walk(self.readback.invisibleRootItem())
        return rows

    def _add_children(self, parent: QTreeWidgetItem, nodes: list[Node], base: str) -> None:
        for node in nodes:
            path = instance_path(node.path, base)
            if node.kind == "group":
                if self.ctx.relevant(path):
                    self._add_children(parent, node.children, base)
            elif node.kind == "repeat":
                self._add_members(parent, node, base)
            elif self.ctx.relevant(path):
                self._add_question(parent, node, path)

    def _add_members(self, parent: QTreeWidgetItem, node: Node, base: str) -> None:
        path = instance_path(node.path, base)
        label = self.ctx.text(path, node.label) or node.name
        for index in range(1, self.ctx.instance_count(path) + 1):
            member = f"{path}[{index}]"
            if not self.ctx.relevant(member):
                continue
            title = self.tr("{what} {n}").format(what=label, n=index)
            first = self._first_path(node, member)
            named = self.ctx.display(first) if first else ""
            item = QTreeWidgetItem(parent, [title, named])
            self._as_heading(item, first)
            self._add_children(item, node.children, member)

    def _add_question(self, parent: QTreeWidgetItem, node: Node, path: str) -> None:
        if not is_shown(node) or node.type == "note":
            return
        shown = self.ctx.display(path)
        item = QTreeWidgetItem(parent, [self.ctx.label(path) or node.name, ""])
        item.setToolTip(0, item.text(0))
        item.setData(0, PathRole, path)
        problem = self.ctx.problems().get(path)
        if path in self.ctx.warnings() and self.ctx.is_confirmed(path):
            item.setText(1, self.tr("{answer}  ✓ confirmed with the respondent").format(
                answer=shown
            ))  # fmt: skip
        elif problem is not None and problem.kind != "required":
            item.setText(1, f"{shown}  ⚠ {problem.message}")
            colour = WARNING_COLOUR if problem.kind == "warning" else ERROR_COLOUR
            item.setForeground(1, QBrush(QColor(colour)))
        elif shown:
            item.setText(1, shown)
        else:
            item.setText(1, self.tr("(not answered)"))
            colour = ERROR_COLOUR if problem is not None else MUTED_COLOUR
            item.setForeground(1, QBrush(QColor(colour)))
        item.setToolTip(1, item.text(1))

    def _as_heading(self, item: QTreeWidgetItem, path: str | None) -> None:
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(False)
        if path:
            item.setData(0, PathRole, path)

    def _first_path(self, node: Node, base: str) -> str | None:
        """The instance path of the first question shown under ``node`` (its link)."""
        for inner in node.walk():
            if inner.kind == "question" and is_shown(inner) and inner.type != "note":
                return instance_path(inner.path, base)
        return None

    def _follow_answer(self, item: QTreeWidgetItem) -> None:
        path = item.data(0, PathRole)
        if path:
            self.jump.emit(path)

    # --- focus and texts ---------------------------------------------------------------
    def focus_first(self) -> None:
        if self.links.isVisibleTo(self) and self.links.count():
            self.links.setFocus()
        elif self.complete_button.isEnabled():
            self.complete_button.setFocus()
        else:
            self.back_button.setFocus()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("◀ Back to the questions (PgUp)"))
        self.complete_button.setText(self.tr("Complete interview (Ctrl+Enter)"))
        self.readback.setHeaderLabels([self.tr("Question"), self.tr("Answer")])
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
