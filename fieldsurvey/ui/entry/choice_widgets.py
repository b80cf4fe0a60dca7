"""Select widgets: radio buttons or check boxes for short lists, a searchable list for long ones.

Short lists number their choices; typing the number picks the choice (``1`` … ``12``,
two digits typed quickly for 10 to 12). Long lists (more than :data:`LONG_LIST` choices,
or appearance ``autocomplete``/``search``) get a search box that ignores accents, so
"ha noi" finds "Hà Nội". A select_one answer is a choice name; a select_multiple answer
is a list of names in the order of the choices.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.value_parsing import fold

#: Lists longer than this become a searchable list.
LONG_LIST = 12
NameRole = Qt.ItemDataRole.UserRole + 1
_TYPE_AHEAD_SECONDS = 0.9


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str) and value:
        return value.split()
    return []


class ButtonSelect(AnswerWidget):
    """Numbered radio buttons (select_one) or check boxes (select_multiple)."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.multiple = node.type != "select_one"
        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(2)
        self.box.addWidget(self.grid_host)
        self.clear_button = QPushButton(self)
        self.clear_button.setFlat(True)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Delete clears from the keyboard
        self.clear_button.clicked.connect(self._clear)
        self.clear_button.setVisible(False)
        self.box.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        self.box.addStretch(1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.group.buttonToggled.connect(self._toggled)
        self.buttons: list[QAbstractButton] = []
        self.names: list[str] = []
        self._typed = ("", 0.0)
        self._updating = False
        self.retranslate()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        if [name for name, _label in choices] == self.names and self.buttons:
            for i, (_name, label) in enumerate(choices):
                self.buttons[i].setText(self._text(i, label))
            return
        had_focus = any(b.hasFocus() for b in self.buttons)
        for old in self.buttons:
            self.group.removeButton(old)
            self.grid.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.names = [name for name, _label in choices]
        self.buttons = []
        columns = 1 if len(choices) <= 6 else 2
        rows = -(-len(choices) // columns)
        for i, (_name, label) in enumerate(choices):
            button: QAbstractButton = QCheckBox(self) if self.multiple else QRadioButton(self)
            button.setText(self._text(i, label))
            button.setEnabled(not self._read_only)
            self.group.addButton(button, i)
            self.grid.addWidget(button, i % rows, i // rows)
            button.show()  # at once: the layout would show it later, too late for the focus
            self.watch_enter(button)
            self.buttons.append(button)
        self._show(self._value)
        if had_focus:
            self.focus_target().setFocus()

    @staticmethod
    def _text(index: int, label: str) -> str:
        return f"{index + 1}. {label.replace('&', '&&')}"

    def _show(self, value: Any) -> None:
        chosen = set(_as_list(value))
        self._updating = True
        if not self.multiple:
            self.group.setExclusive(False)
        for name, button in zip(self.names, self.buttons, strict=True):
            button.setChecked(name in chosen)
        self.group.setExclusive(not self.multiple)
        self._updating = False
        self.clear_button.setVisible(bool(chosen) and not self.multiple and not self._read_only)

    def _toggled(self, _button: QAbstractButton, _checked: bool) -> None:
        if self._updating:
            return
        picked = [n for n, b in zip(self.names, self.buttons, strict=True) if b.isChecked()]
        if self.multiple:
            kept = [n for n in _as_list(self._value) if n not in self.names]
            self._commit([*picked, *kept] or None)
        elif picked:
            self._commit(picked[0])
        self.clear_button.setVisible(bool(picked) and not self.multiple and not self._read_only)

    def _clear(self) -> None:
        self._commit(None)
        self._show(None)
        self.focus_target().setFocus()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for button in self.buttons:
            button.setEnabled(not read_only)
        self.clear_button.setVisible(bool(self._value) and not self.multiple and not read_only)

    def focus_target(self) -> QWidget:
        checked = next((b for b in self.buttons if b.isChecked()), None)
        return checked or (self.buttons[0] if self.buttons else self)

    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("✕ Clear"))
        self.clear_button.setToolTip(self.tr("Remove the answer to this question (Delete)"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not self._read_only
        ):
            if event.text().isdigit():
                self._type_number(event.text())
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self.multiple:
                self._clear()
                return True
        return super().eventFilter(watched, event)

    def _type_number(self, digit: str) -> None:
        """Pick choice N when its number is typed (two quick digits for 10 and up)."""
        before, when = self._typed
        now = time.monotonic()
        typed = before + digit if before and now - when < _TYPE_AHEAD_SECONDS else digit
        if not 1 <= int(typed) <= len(self.buttons):
            typed = digit
        self._typed = (typed, now)
        index = int(typed) - 1
        if not 0 <= index < len(self.buttons):
            return
        button = self.buttons[index]
        if self.multiple and before and typed != digit:
            self.buttons[int(before) - 1].toggle()  # undo the first digit's toggle
        button.setFocus()
        if self.multiple:
            button.toggle()
        else:
            button.setChecked(True)


class FoldingFilter(QSortFilterProxyModel):
    """Keeps the rows whose label contains every typed word, ignoring case and accents."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self.words = fold(text).split()
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self.words:
            return True
        label = self.sourceModel().index(source_row, 0, source_parent).data()
        folded = fold(str(label or ""))
        return all(word in folded for word in self.words)


class ListSelect(AnswerWidget):
    """A long choice list with a search box; check boxes in the list for select_multiple."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.multiple = node.type != "select_one"
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        self.box.addLayout(column, 1)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("n" * 80))
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        self.items = QStandardItemModel(self)
        self.proxy = FoldingFilter(self)
        self.proxy.setSourceModel(self.items)
        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        rows = 8
        self.view.setMinimumHeight(self.view.fontMetrics().height() * rows + 12)
        self.view.setMaximumHeight(self.view.fontMetrics().height() * (rows + 4) + 12)
        for widget in (self.search, self.chosen, self.view):
            column.addWidget(widget)
        self.search.textChanged.connect(self._filter)
        self.view.clicked.connect(self._activate)
        self.items.itemChanged.connect(self._item_changed)
        self.watch_enter(self.search, self.view)
        self.search.installEventFilter(self)
        self._updating = False
        self.retranslate()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        self._updating = True
        self.items.clear()
        for name, label in choices:
            item = QStandardItem(label)
            item.setData(name, NameRole)
            item.setEditable(False)
            item.setCheckable(self.multiple)
            self.items.appendRow(item)
        self._updating = False
        self._show(self._value)

    def set_value(self, value: Any) -> None:
        """Show ``value``; a search typed for another member or question is dropped."""
        if self.search.text():
            self.search.clear()
        super().set_value(value)

    def _names(self) -> list[str]:
        return [self.items.item(r).data(NameRole) for r in range(self.items.rowCount())]

    def _label(self, name: str) -> str:
        for row in range(self.items.rowCount()):
            if self.items.item(row).data(NameRole) == name:
                return self.items.item(row).text()
        return name

    def _show(self, value: Any) -> None:
        chosen = _as_list(value)
        self._updating = True
        selection = self.view.selectionModel()
        selection.clearSelection()
        for row in range(self.items.rowCount()):
            item = self.items.item(row)
            on = item.data(NameRole) in chosen
            if self.multiple:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            elif on:
                index = self.proxy.mapFromSource(item.index())
                if index.isValid():
                    self.view.setCurrentIndex(index)
        self._updating = False
        text = ", ".join(self._label(name) for name in chosen)
        self.chosen.setText(self.tr("Chosen: {choice}").format(choice=text) if text else "")
        self.chosen.setVisible(bool(text))

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        if self.proxy.rowCount():  # the first match is the one Enter picks
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _activate(self, index: QModelIndex) -> None:
        if self._read_only or not index.isValid():
            return
        name = index.data(NameRole)
        if self.multiple:
            item = self.items.itemFromIndex(self.proxy.mapToSource(index))
            on = item.checkState() != Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        else:
            self._commit(name)
            self._show(name)

    def _item_changed(self, _item: QStandardItem) -> None:
        if self._updating or not self.multiple:
            return
        names = self._names()
        picked = [
            n
            for r, n in enumerate(names)
            if self.items.item(r).checkState() == Qt.CheckState.Checked
        ]
        kept = [n for n in _as_list(self._value) if n not in names]
        self._commit([*picked, *kept] or None)
        self._show(self._value)

    def handle_enter(self) -> bool:
        """Enter picks the highlighted choice (the first match after a search)."""
        index = self.view.currentIndex()
        if not index.isValid() and self.proxy.rowCount():
            index = self.proxy.index(0, 0)
        if not self.multiple and index.isValid() and not self._read_only:
            self._activate(index)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.view.setFocus()
                if not self.view.currentIndex().isValid() and self.proxy.rowCount():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                return True
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Space and self.multiple:
                self._activate(self.view.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.search.setEnabled(not read_only)
        self.view.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.search

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Type to search, then Enter (accents not needed)"))
        self._show(self._value)


def make_select_widget(
    node: Node, parent: QWidget | None, count: int | None = None
) -> AnswerWidget:
    """Radio buttons/check boxes, or the searchable list for long or autocomplete lists."""
    appearance = node.appearance or ""
    long_list = count is not None and count > LONG_LIST
    if long_list or "autocomplete" in appearance or "search" in appearance:
        return ListSelect(node, parent)
    return ButtonSelect(node, parent)
