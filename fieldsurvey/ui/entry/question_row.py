"""One question on a page: label, hint, answer widget and its inline message.

Messages (required, constraint, or a problem with what was typed) appear under the
widget in dark red with a mark, never in a pop-up. The row under the keyboard focus is
highlighted, so the enumerator always sees which question they are on.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import AnswerWidget

ERROR_COLOUR = "#a1001a"  # 7.9:1 on white
CURRENT_BACKGROUND = "#e6f0fa"
CURRENT_EDGE = "#1d5fa8"

EDGE_WIDTH = 4


def set_colour(widget: QWidget, colour: str, *, bold: bool = True) -> None:
    """Text colour through the palette (style sheets make building pages slow)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)
    font = widget.font()
    font.setBold(bold)
    widget.setFont(font)


def rich(text: str) -> str:
    """Plain text as Qt rich text (escaped, line breaks kept)."""
    return html.escape(text).replace("\n", "<br>")


class QuestionRow(QFrame):
    """Label, hint, widget and message of the question at instance ``path``."""

    def __init__(
        self, node: Node, path: str, widget: AnswerWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.node = node
        self.path = path
        self.widget = widget
        self.current = False
        self.has_problem = False
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        hint_font = self.hint.font()
        hint_font.setItalic(True)
        self.hint.setFont(hint_font)
        self.message = QLabel(self)
        set_colour(self.message, ERROR_COLOUR)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(EDGE_WIDTH + 8, 6, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.hint)
        layout.addWidget(widget)
        layout.addWidget(self.message)
        self.label.setBuddy(widget.focus_target())
        self._engine_message = ""
        self._local_problem = ""
        widget.problem.connect(self.set_local_problem)
        if node.type == "note":
            widget.setVisible(False)
            self.label.setFont(self.font())

    def set_texts(self, label: str, hint: str, required: bool) -> None:
        mark = f' <span style="color:{ERROR_COLOUR}">*</span>' if required and label else ""
        self.label.setText(rich(label) + mark)
        self.label.setVisible(bool(label))
        self.hint.setText(rich(hint))
        self.hint.setVisible(bool(hint))
        self.widget.focus_target().setAccessibleName(label)
        self.widget.focus_target().setAccessibleDescription(hint)

    def set_message(self, text: str) -> None:
        """The engine's required/constraint message ("" for none)."""
        self._engine_message = text
        self._update_message()

    def set_local_problem(self, text: str) -> None:
        """A problem with what was typed, found by the widget before saving."""
        self._local_problem = text
        self._update_message()

    def shown_message(self) -> str:
        return self._local_problem or self._engine_message

    def _update_message(self) -> None:
        text = self.shown_message()
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))
        self._set_problem(bool(text))

    def set_current(self, current: bool) -> None:
        if current != self.current:
            self.current = current
            self.update()

    def _set_problem(self, on: bool) -> None:
        if on != self.has_problem:
            self.has_problem = on
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A light background under the focus; an edge: blue there, red on a problem."""
        if not (self.current or self.has_problem):
            return
        painter = QPainter(self)
        if self.current:
            painter.fillRect(self.rect(), QColor(CURRENT_BACKGROUND))
        edge = QRect(0, 0, EDGE_WIDTH, self.height())
        painter.fillRect(edge, QColor(ERROR_COLOUR if self.has_problem else CURRENT_EDGE))
