"""Numbers: typed in the app's language and read back; ``thousands-sep`` and ``counter``.

A number is read in the app's language (Vietnamese ``1.500`` and ``12,5``, English
``1,500`` and ``12.5``) and read back beside the box as it is typed, before it is saved:
"→ 1.500 (một nghìn năm trăm)". A number that could mean two things is not saved: the
message asks for it again (:mod:`fieldsurvey.forms.number_reading`). With the
``thousands-sep`` appearance the box itself shows the saved number grouped (1.500.000).
``counter`` adds − and + buttons; ↑/↓ and the + and − keys count up and down.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from fieldsurvey import messages
from fieldsurvey.forms import number_reading as nr
from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry import form_text
from fieldsurvey.ui.entry import value_parsing as vp
from fieldsurvey.ui.entry.line_answer import LineAnswer


def range_bounds(node: Node) -> tuple[float, float] | None:
    """A range question's (start, end), lowest first; None for other questions."""
    if node.type != "range":
        return None
    try:
        start = float(node.parameters.get("start", 1))
        end = float(node.parameters.get("end", 10))
    except ValueError:
        return None
    return (start, end) if start <= end else (end, start)


class NumberAnswer(LineAnswer):
    """Integer or decimal, read in the app's language and read back beside the box."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        self.whole = node.type == "integer" or (
            node.type == "range" and "." not in "".join(node.parameters.values())
        )
        super().__init__(node, parent, allowed=vp.NUMBER_CHARS, stretch=False)
        self.grouped = "thousands-sep" in form_text.appearances(node)
        self.parse = self._parse
        self.format = self._box_text
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 18) + 24)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.readback = QLabel(self)
        self.readback.setWordWrap(True)
        self.readback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box.addWidget(self.readback, 1)
        self.bounds = range_bounds(node)
        self.edit.textChanged.connect(self._read_back)
        self.retranslate()

    @staticmethod
    def _lang() -> str:
        return messages.language()

    def _parse(self, text: str) -> int | float | None:
        reading = nr.read_number(text, self._lang(), whole=self.whole)
        if reading.problem is not None:
            raise vp.InputProblem(vp.number_problem(reading, self._lang(), whole=self.whole))
        return reading.value

    def _box_text(self, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "" if value is None else str(value)
        if self.grouped:
            return vp.unasked_text(value, self._lang())
        return nr.typing_form(value, self._lang())

    def _read_back(self, text: str) -> None:
        """What the box will save, written out, as it is typed ("" while unreadable)."""
        value = nr.read_number(text, self._lang(), whole=self.whole).value
        self.readback.setText("" if value is None else f"→ {nr.read_back(value, self._lang())}")

    def out_of_bounds(self, value: int | float | None) -> str:
        """The message for a range answer outside its bounds ("" when inside)."""
        if self.bounds is None or value is None:
            return ""
        low, high = self.bounds
        if low <= value <= high:
            return ""
        lang = self._lang()
        text = QCoreApplication.translate("NumberAnswer", "Choose a number from {low} to {high}.")
        return text.format(low=nr.format_number(low, lang), high=nr.format_number(high, lang))

    def flush(self) -> None:
        if not self._read_only and self.bounds is not None:
            try:
                value = self.parse(self.edit.text())
            except vp.InputProblem:
                value = None
            problem = self.out_of_bounds(value)
            if problem:
                self._set_problem(problem)
                return
        super().flush()
        if self.grouped and not self._problem and self._value is not None:
            self._show(self._value)  # ``thousands-sep``: the saved number, grouped

    def retranslate(self) -> None:
        """The marks of the new language: the box, if untouched, and the read-back follow."""
        self.edit.setToolTip(
            QCoreApplication.translate(
                "NumberAnswer",
                "A comma separates thousands and a point marks decimals: 1,500 or 12.5.",
            )
        )
        if self.edit.text() == self._shown_text:
            self._show(self._value)
        self._read_back(self.edit.text())


class CounterAnswer(NumberAnswer):
    """``counter``: a whole number counted with − and + (or ↑/↓, the + and − keys)."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.minus = QToolButton(self)
        self.plus = QToolButton(self)
        for button, step in ((self.minus, -1), (self.plus, 1)):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys work in the box
            button.setMinimumSize(36, 28)
            button.clicked.connect(lambda _c=False, s=step: self.count(s))
        self.box.insertWidget(0, self.minus)
        self.box.insertWidget(2, self.plus)
        self.edit.installEventFilter(self)
        self.retranslate()

    def count(self, step: int) -> None:
        if self._read_only:
            return
        try:
            current = self.parse(self.edit.text())
        except vp.InputProblem:
            current = None
        value = int(current or 0) + step
        self._set_problem("")
        self._commit(value)
        self._show(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Plus):
                self.count(1)
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Minus):
                self.count(-1)
                return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "plus"):
            self.minus.setText("−")
            self.plus.setText("+")
            self.minus.setToolTip(self.tr("One less (↓ or −)"))
            self.plus.setToolTip(self.tr("One more (↑ or +)"))
