"""``minimal``: a choice question shown as a drop-down, as ODK Collect's spinner.

select_one: a combo box whose first row is "no answer"; ↑/↓ change the choice, the
choice's number picks it (the rows are numbered), Alt+↓ or F4 opens the list, Delete
clears. select_multiple: a button that opens a list of check boxes (Space or Alt+↓);
Space ticks, Enter or Esc closes it; the choices ticked are written beside the button.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.choice_widgets import MULTIPLE_TYPES, _as_list, choice_text

NameRole = Qt.ItemDataRole.UserRole + 1


class MinimalSelect(AnswerWidget):
    """select_one as a drop-down."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.combo = QComboBox(self)
        self.combo.setMaximumWidth(self.fontMetrics().horizontalAdvance("n" * 56))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(self._picked)
        self.box.addWidget(self.combo)
        self.box.addStretch(1)
        self.names: list[str] = []
        self.combo.installEventFilter(self)
        self.watch_enter(self.combo)
        self.retranslate()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        self.names = [name for name, _label in choices]
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("— choose —"))
        for i, (name, label) in enumerate(choices, start=1):
            self.combo.addItem(f"{i}. {choice_text(label)}", name)
        self.combo.blockSignals(False)
        self._show(self._value)

    def _show(self, value: Any) -> None:
        index = self.names.index(value) + 1 if value in self.names else 0
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)

    def _picked(self, index: int) -> None:
        if self._read_only:
            return
        self._commit(self.names[index - 1] if index > 0 else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.combo
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not self._read_only
        ):
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.combo.setCurrentIndex(0)
                self._picked(0)
                return True
            if event.key() == Qt.Key.Key_F4:
                self.combo.showPopup()
                return True
        return super().eventFilter(watched, event)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.combo.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.combo

    def retranslate(self) -> None:
        self.combo.setToolTip(
            self.tr("↑/↓ or the choice's number to choose, Alt+↓ to open the list, Delete to clear")
        )
        if self.combo.count():
            self.combo.setItemText(0, self.tr("— choose —"))


class MinimalMultiSelect(AnswerWidget):
    """select_multiple as a button opening a list of check boxes."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.open_list)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        self.box.addWidget(self.button)
        self.box.addWidget(self.chosen, 1)
        self.choices: list[tuple[str, str]] = []
        self.popup: QListWidget | None = None
        self.button.installEventFilter(self)
        self.watch_enter(self.button)
        self.retranslate()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        self.choices = [(name, choice_text(label)) for name, label in choices]
        self._show(self._value)

    def _show(self, value: Any) -> None:
        labels = dict(self.choices)
        names = _as_list(value)
        self.chosen.setText(", ".join(labels.get(n, n) for n in names))

    def open_list(self) -> None:
        if self._read_only or not self.choices:
            return
        popup = QListWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        chosen = set(_as_list(self._value))
        for i, (name, label) in enumerate(self.choices, start=1):
            item = QListWidgetItem(f"{i}. {label}")
            item.setData(NameRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
            popup.addItem(item)
        popup.setCurrentRow(0)
        popup.itemChanged.connect(self._ticked)
        popup.installEventFilter(self)
        rows = min(len(self.choices), 12)
        popup.resize(
            max(self.button.width(), popup.sizeHintForColumn(0) + 40),
            popup.sizeHintForRow(0) * rows + 8,
        )
        popup.move(self.button.mapToGlobal(self.button.rect().bottomLeft()))
        popup.show()
        popup.setFocus()
        self.popup = popup

    def _ticked(self, _item: QListWidgetItem) -> None:
        if self.popup is None:
            return
        ticked = {
            self.popup.item(r).data(NameRole)
            for r in range(self.popup.count())
            if self.popup.item(r).checkState() == Qt.CheckState.Checked
        }
        names = [n for n, _l in self.choices if n in ticked]
        offered = {n for n, _l in self.choices}
        kept = [n for n in _as_list(self._value) if n not in offered]
        self._commit([*names, *kept] or None)
        self._show(self._value)

    def close_list(self) -> None:
        if self.popup is not None:
            self.popup.close()
            self.popup = None
            self.button.window().activateWindow()  # the entry screen again, not the list
            self.button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.popup:
                if key == Qt.Key.Key_Space and self.popup is not None:
                    item = self.popup.currentItem()
                    if item is not None:
                        on = item.checkState() != Qt.CheckState.Checked
                        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
                    self.close_list()
                    return True
            elif watched is self.button and (
                key == Qt.Key.Key_F4
                or (key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier)
            ):
                self.open_list()
                return True
        return super().eventFilter(watched, event)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.button.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.button

    def retranslate(self) -> None:
        self.button.setText(self.tr("Choose… ▾"))
        self.button.setToolTip(self.tr("Open the list (Space): Space ticks, Enter closes"))


def make_minimal(node: Node, parent: QWidget | None) -> AnswerWidget:
    if node.type in MULTIPLE_TYPES:
        return MinimalMultiSelect(node, parent)
    return MinimalSelect(node, parent)
