"""The one-line typed answer every typed widget builds on.

Typed answers use a ``QLineEdit`` (never a spin box), so "no answer" stays possible and
Vietnamese input methods work as in any text box. The text is parsed when the enumerator
leaves the box or presses Enter; text that cannot be read is said under the question
and nothing is saved. Text shown for a stored value and left as it is never saves again
(a value shown rounded or readable, such as a place, keeps what was stored).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry import value_parsing as vp
from fieldsurvey.ui.entry.answer_widget import AnswerWidget

Parser = Callable[[str], Any]
Formatter = Callable[[Any], str]


def plain_text(value: Any) -> str:
    return "" if value is None else str(value)


class LineAnswer(AnswerWidget):
    """A one-line typed answer, parsed when the enumerator leaves the box or presses Enter."""

    def __init__(
        self,
        node: Node,
        parent: QWidget | None = None,
        *,
        parse: Parser = lambda text: text if text.strip() else None,
        show: Formatter | None = None,
        allowed: str | None = None,
        stretch: bool = True,
    ) -> None:
        super().__init__(node, parent)
        self.parse = parse
        self.format = show or plain_text
        self.edit = QLineEdit(self)
        if allowed:
            self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(allowed)))
        self.edit.editingFinished.connect(self.flush)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("n" * 64))
        self.box.addWidget(self.edit, 1)
        if stretch:  # keep the box at the left when it is narrower than the page
            self.box.addStretch(0)
        self.watch_enter(self.edit)
        #: The text last shown for the stored value (typing nothing new saves nothing).
        self._shown_text = ""

    def _show(self, value: Any) -> None:
        self.edit.setText(self.format(value))
        self._shown_text = self.edit.text()
        self._set_problem("")

    def flush(self) -> None:
        if self._read_only:
            return
        if self._value is not None and self.edit.text() == self._shown_text:
            self._set_problem("")
            return  # the stored value, as shown: nothing typed
        try:
            value = self.parse(self.edit.text())
        except vp.InputProblem as problem:
            self._set_problem(QCoreApplication.translate("InputProblem", str(problem)))
            return
        self._set_problem("")
        self._commit(value)
        self._shown_text = self.edit.text()  # the text of the value now saved

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.edit.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.edit


def typed_line(parse: Parser, show: Formatter, allowed: str, placeholder: str) -> type[LineAnswer]:
    """A LineAnswer class with a translated ``placeholder`` (marked in "LineAnswer")."""

    class Typed(LineAnswer):
        def __init__(self, node: Node, parent: QWidget | None = None) -> None:
            super().__init__(node, parent, parse=parse, show=show, allowed=allowed, stretch=False)
            self.box.addStretch(1)
            self.retranslate()

        def retranslate(self) -> None:
            text = QCoreApplication.translate("LineAnswer", placeholder)
            self.edit.setPlaceholderText(text)
            metrics = self.edit.fontMetrics()
            wide = max(metrics.horizontalAdvance(text), metrics.horizontalAdvance("0" * 24))
            self.edit.setMaximumWidth(wide + 32)

    return Typed
