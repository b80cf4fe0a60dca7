"""``rank``: the choices put in order with the keyboard, saved as ODK saves a ranking.

The list starts in the form's order, not ranked: the answer is empty until the enumerator
moves a choice (Ctrl+↑/Ctrl+↓, or Alt+↑/Alt+↓; a digit N puts the highlighted choice at
place N) or keeps the order as it is (Space). Every change saves the whole order: a list
of every choice name, first ranked first (ODK's space-separated ``odk:rank`` value).
Delete removes the ranking. ↑/↓ only move the highlight; Enter moves on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.choice_widgets import choice_text

NameRole = Qt.ItemDataRole.UserRole + 1
_MOVE_MODIFIERS = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier)


class RankAnswer(AnswerWidget):
    """A list to put in order; the answer is every choice name, in the order given."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.labels: dict[str, str] = {}
        self.order: list[str] = []
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMaximumWidth(self.fontMetrics().horizontalAdvance("n" * 60))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.up = QPushButton(self)
        self.down = QPushButton(self)
        self.keep = QPushButton(self)
        self.clear = QPushButton(self)
        for button, slot in (
            (self.up, lambda: self.move_by(-1)),
            (self.down, lambda: self.move_by(1)),
            (self.keep, self.keep_order),
            (self.clear, self.clear_ranking),
        ):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # each has its key in the list
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addWidget(self.status)
        column.addWidget(self.list)
        column.addLayout(buttons)
        self.box.addLayout(column, 1)
        self.box.addStretch(0)
        self.list.installEventFilter(self)
        self.retranslate()

    # --- choices and value ----------------------------------------------------------------
    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        self.labels = {name: choice_text(label) for name, label in choices}
        self._show(self._value)

    def _ranked(self, value: Any) -> list[str]:
        names = value if isinstance(value, list) else str(value or "").split()
        return [n for n in names if n in self.labels]

    def _show(self, value: Any) -> None:
        ranked = self._ranked(value)
        self.order = ranked + [n for n in self.labels if n not in ranked]
        self._fill(self.list.currentRow())

    def _fill(self, current: int) -> None:
        self.list.clear()
        for place, name in enumerate(self.order, start=1):
            item = QListWidgetItem(f"{place}. {self.labels.get(name, name)}")
            item.setData(NameRole, name)
            self.list.addItem(item)
        if self.order:
            self.list.setCurrentRow(max(0, min(current, len(self.order) - 1)))
        rows = max(3, min(len(self.order), 10))
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 8 if self.order else 60)
        self._show_status()

    def _show_status(self) -> None:
        if self._value:
            self.status.setText(self.tr("Ranked: first is the most important. Ctrl+↑/↓ to change."))
        else:
            self.status.setText(
                self.tr(
                    "Not ranked yet: highlight a choice with ↑/↓ and move it with Ctrl+↑/↓ "
                    "(or type its place), or press Space to keep this order."
                )
            )
        self.clear.setEnabled(bool(self._value) and not self._read_only)
        self.keep.setEnabled(not self._value and not self._read_only)

    # --- ranking --------------------------------------------------------------------------
    def move_by(self, step: int) -> None:
        """Move the highlighted choice up (-1) or down (1) and save the order."""
        row = self.list.currentRow()
        self.move_to(row, row + step)

    def move_to(self, row: int, target: int) -> None:
        if self._read_only or not 0 <= row < len(self.order):
            return
        target = max(0, min(target, len(self.order) - 1))
        name = self.order.pop(row)
        self.order.insert(target, name)
        self._commit(list(self.order))
        self._fill(target)

    def keep_order(self) -> None:
        """Rank the choices in the order shown."""
        if not self._read_only and self.order:
            self._commit(list(self.order))
            self._show_status()

    def clear_ranking(self) -> None:
        if not self._read_only:
            self._commit(None)
            self._show(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods in _MOVE_MODIFIERS:
                self.move_by(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key == Qt.Key.Key_Space and not mods:
                self.keep_order()
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_ranking()
                return True
            if event.text().isdigit() and event.text() != "0":
                self.move_to(self.list.currentRow(), int(event.text()) - 1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
                self.enter_pressed.emit()
                return True
        return super().eventFilter(watched, event)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.up.setEnabled(not read_only)
        self.down.setEnabled(not read_only)
        self._show_status()

    def focus_target(self) -> QWidget:
        return self.list

    def retranslate(self) -> None:
        self.up.setText(self.tr("▲ Move up"))
        self.up.setToolTip(self.tr("Move the highlighted choice up (Ctrl+↑)"))
        self.down.setText(self.tr("▼ Move down"))
        self.down.setToolTip(self.tr("Move the highlighted choice down (Ctrl+↓)"))
        self.keep.setText(self.tr("Keep this order"))
        self.keep.setToolTip(self.tr("Rank the choices in the order shown (Space)"))
        self.clear.setText(self.tr("✕ Clear"))
        self.clear.setToolTip(self.tr("Remove the ranking (Delete)"))
        self._show_status()
