"""A table of questions sharing one choice list: ``table-list`` groups, and the ``label``
and ``list-nolabel`` appearances ODK uses to build them by hand.

The header row shows the choice labels in columns and cannot be answered (the ``label``
question's row, or the group's own header); each question is a row: its label at the
left, one radio button (or check box) per column, aligned with the header. The keys are
those of any choice question: the number of a column picks it, ←/→ move along the row,
Enter or Tab goes to the next row. Each button is named by its choice for screen readers
and its tooltip. Widths depend only on the font and the choice labels, so every row of a
table lines up without knowing the others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.choice_widgets import ButtonSelect, choice_text
from fieldsurvey.ui.entry.label_text import plain_label

#: Narrowest and widest column of a choice (its label wraps over up to three lines).
COLUMN_MIN, COLUMN_MAX = 64, 150


def label_width(metrics: QFontMetrics) -> int:
    """The width of the question labels' column."""
    return metrics.horizontalAdvance("n" * 34)


def column_width(metrics: QFontMetrics, labels: list[str]) -> int:
    """One width for every choice column: the longest label over about two lines."""
    widest = 0
    for label in labels:
        text = choice_text(label)
        words = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
        widest = max(widest, words, metrics.horizontalAdvance(text) // 2)
    return max(COLUMN_MIN, min(COLUMN_MAX, widest + 16))


def is_table_header(node: Node) -> bool:
    """A ``label`` question: the header row of a hand-made table, never answered."""
    return "label" in (node.appearance or "").lower().split()


class TableHeader(AnswerWidget):
    """The choice labels of a table in columns; nothing to answer (no focus, no value)."""

    def __init__(self, node: Node | None, parent: QWidget | None = None) -> None:
        super().__init__(node or Node(kind="question", name="", type="note", path=""), parent)
        self.label_width = label_width(self.fontMetrics())
        self.cells: list[QLabel] = []
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._read_only = True
        self.box.setSpacing(0)
        self.box.addStretch(1)

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        for cell in self.cells:
            self.box.removeWidget(cell)
            cell.deleteLater()
        width = column_width(self.fontMetrics(), [label for _name, label in choices])
        self.cells = []
        for i, (_name, label) in enumerate(choices):
            cell = QLabel(f"{i + 1}. {choice_text(label)}", self)
            cell.setWordWrap(True)
            cell.setFixedWidth(width)
            cell.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            font = cell.font()
            font.setBold(True)
            cell.setFont(font)
            self.box.insertWidget(i, cell)
            self.cells.append(cell)

    def _show(self, value: Any) -> None:
        pass

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = True

    def focus_target(self) -> QWidget:
        return self


class TableRowSelect(ButtonSelect):
    """One question of a table: a button per choice column, no choice labels."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.label_width = label_width(self.fontMetrics())
        self.tiles = self.likert = False
        self.grid.setHorizontalSpacing(0)
        self._width = COLUMN_MIN

    def _build(self, choices: list[tuple[str, str]]) -> None:
        self._width = column_width(self.fontMetrics(), [label for _name, label in choices])
        super()._build(choices)

    def _column_count(self, choices: list[tuple[str, str]]) -> int:
        return max(1, len(choices))

    def _new_button(self) -> QAbstractButton:
        return QCheckBox(self) if self.multiple else QRadioButton(self)

    def _label_button(self, button: QAbstractButton, index: int, label: str) -> None:
        name = self._text(index, label).replace("&&", "&")
        button.setText("")
        button.setToolTip(name)
        button.setAccessibleName(name)

    def _place(self, button: QAbstractButton, index: int, columns: int, rows: int) -> QWidget:
        cell = QWidget(self.grid_host)
        line = QHBoxLayout(cell)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        cell.setFixedWidth(self._width)
        self.grid.addWidget(cell, 0, index)
        return cell


class TableHeading(QWidget):
    """The heading of a ``table-list`` group: its label, then the choice labels in the
    columns of the rows below (``edge`` and ``gap``: a question row's left margin and the
    gap after its label, so the columns line up)."""

    def __init__(
        self,
        label_of: Callable[[], str],
        choices_of: Callable[[], list[tuple[str, str]]],
        edge: int,
        gap: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.label_of = label_of
        self.choices_of = choices_of
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.header = TableHeader(None, self)
        spacer = QWidget(self)
        spacer.setFixedWidth(self.header.label_width)
        line = QHBoxLayout()
        line.setContentsMargins(edge, 0, 8, 0)
        line.setSpacing(gap)
        line.addWidget(spacer)
        line.addWidget(self.header, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addLayout(line)

    def refresh(self, changed: set[str] | None) -> None:
        self.title.setText(plain_label(self.label_of()))
        self.title.setVisible(bool(self.title.text()))
        if changed is None:
            self.header.set_choices(self.choices_of())
