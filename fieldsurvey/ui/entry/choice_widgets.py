"""Select widgets: radio buttons or check boxes for short lists, a searchable list for long ones.

Short lists number their choices; typing the number picks the choice (``1`` … ``12``,
two digits typed quickly for 10 to 12); a number with no choice is said beside the list
and picks nothing. Long lists (more than :data:`LONG_LIST` choices, or appearance
``autocomplete``/``search``) get a search box that ignores accents, so "ha noi" finds
"Hà Nội". A choice is only ever picked by an explicit key: a digit, Enter on a row
highlighted with the arrow keys (or the row a search points at: the only match, or the
one whose whole label was typed), Space, or a click;
Enter on an empty search moves on with nothing picked. A search lasts while the
enumerator is in the question. A select_one answer is a choice name; a select_multiple
answer is a list of names in the order of the choices.
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
    QHBoxLayout,
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
from fieldsurvey.ui.entry.question_row import ERROR_COLOUR, set_colour
from fieldsurvey.ui.entry.value_parsing import fold

#: Lists longer than this become a searchable list.
LONG_LIST = 12
NameRole = Qt.ItemDataRole.UserRole + 1
_TYPE_AHEAD_SECONDS = 0.9


def _note_label(parent: QWidget) -> QLabel:
    """A message beside the list about a key that picked nothing (hidden when empty)."""
    note = QLabel(parent)
    set_colour(note, ERROR_COLOUR)
    note.setWordWrap(True)
    note.setVisible(False)
    return note


def _set_note(note: QLabel, text: str) -> None:
    note.setText(f"⚠ {text}" if text else "")
    note.setVisible(bool(text))


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
        self.note = _note_label(self)
        self.note.setWordWrap(False)  # one short line beside the buttons
        self.box.addWidget(self.note, 0, Qt.AlignmentFlag.AlignTop)
        self.box.addStretch(1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.group.buttonToggled.connect(self._toggled)
        self.buttons: list[QAbstractButton] = []
        self.names: list[str] = []
        #: The digit typed last, when, and the answer before it (a second digit may undo it).
        self._typed: tuple[str, float, Any] = ("", 0.0, None)
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
        _set_note(self.note, "")
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
        _set_note(self.note, "")
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

    def focus_left(self) -> None:
        _set_note(self.note, "")

    def _type_number(self, digit: str) -> None:
        """Pick choice N when its number is typed; with more than 9 choices a second digit
        typed quickly makes 10 and up, replacing the first digit's pick. A number with no
        choice picks nothing (and undoes its first digit) and says so beside the list."""
        before, when, undo = self._typed
        now = time.monotonic()
        count = len(self.buttons)
        second = len(before) == 1 and count > 9 and now - when < _TYPE_AHEAD_SECONDS
        typed = before + digit if second else digit
        valid = 1 <= int(typed) <= count
        if second and (self.multiple or not valid):
            self._restore(undo)  # the first digit's pick gives way
        if not valid:
            self._typed = ("", 0.0, None)
            text = self.tr("There is no choice {number}: type a number from 1 to {count}.")
            _set_note(self.note, text.format(number=typed, count=count))
            return
        self._typed = (typed, now, undo if second else self._value)
        button = self.buttons[int(typed) - 1]
        button.setFocus()
        if self.multiple:
            button.toggle()
        else:
            button.setChecked(True)

    def _restore(self, value: Any) -> None:
        if value != self._value:
            self._commit(value)
            self._show(value)


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
    """A long choice list with a search box; check boxes in the list for select_multiple.

    Enter picks only a row the enumerator highlighted (arrow keys) or the row a search
    points at (the only match, or the one whose whole label was typed); on an empty
    search it moves on with nothing picked, and on a search that matches several rows (or
    none) it stays and says so beside the list."""

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
        self.clear_button = QPushButton(self)
        self.clear_button.setFlat(True)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Delete in the list clears
        self.clear_button.clicked.connect(self._clear)
        chosen_line = QHBoxLayout()
        chosen_line.setContentsMargins(0, 0, 0, 0)
        chosen_line.addWidget(self.chosen, 1)
        chosen_line.addWidget(self.clear_button)
        self.note = _note_label(self)
        self.items = QStandardItemModel(self)
        self.proxy = FoldingFilter(self)
        self.proxy.setSourceModel(self.items)
        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        rows = 8
        self.view.setMinimumHeight(self.view.fontMetrics().height() * rows + 12)
        self.view.setMaximumHeight(self.view.fontMetrics().height() * (rows + 4) + 12)
        column.addWidget(self.search)
        column.addLayout(chosen_line)
        column.addWidget(self.note)
        column.addWidget(self.view)
        self.search.textChanged.connect(self._filter)
        self.view.clicked.connect(self._activate)
        self.items.itemChanged.connect(self._item_changed)
        self.watch_enter(self.search, self.view)
        self._choices: list[tuple[str, str]] = []
        self._updating = False
        self._key_from: QObject | None = None
        self.retranslate()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """Offer ``choices``; new choices (not just new labels) drop the search."""
        choices = list(choices)
        if choices == self._choices:
            return
        if [n for n, _l in choices] != [n for n, _l in self._choices]:
            self._clear_search()
        self._updating = True
        self.items.clear()
        for name, label in choices:
            item = QStandardItem(label)
            item.setData(name, NameRole)
            item.setEditable(False)
            item.setCheckable(self.multiple)
            self.items.appendRow(item)
        self._choices = choices
        self._updating = False
        self._show(self._value)

    def set_value(self, value: Any) -> None:
        """Show ``value``; a search typed for another member or question is dropped."""
        self._clear_search()
        super().set_value(value)

    def _clear_search(self) -> None:
        _set_note(self.note, "")
        if self.search.text():
            self.search.clear()

    def focus_left(self) -> None:
        self._clear_search()

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
        for row in range(self.items.rowCount()):
            item = self.items.item(row)
            if self.multiple:
                on = item.data(NameRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._updating = False
        self._highlight()
        self._show_chosen()

    def _show_chosen(self) -> None:
        text = ", ".join(self._label(name) for name in _as_list(self._value))
        self.chosen.setText(self.tr("Chosen: {choice}").format(choice=text) if text else "")
        self.chosen.setVisible(bool(text))
        self.clear_button.setVisible(bool(text) and not self.multiple and not self._read_only)

    def _searched_row(self) -> QModelIndex:
        """The row a search points at: the only match, or the one whose whole label is
        the search ("di hoc" is "Đi học", not "Trẻ nhỏ chưa đi học"); else none."""
        if not self.proxy.words:
            return QModelIndex()
        if self.proxy.rowCount() == 1:
            return self.proxy.index(0, 0)
        exact = [
            self.proxy.index(row, 0)
            for row in range(self.proxy.rowCount())
            if fold(str(self.proxy.index(row, 0).data() or "")).split() == self.proxy.words
        ]
        return exact[0] if len(exact) == 1 else QModelIndex()

    def _highlight(self) -> None:
        """Highlight the row a search points at, else the answer if shown, else nothing."""
        index = self._searched_row()
        if not index.isValid() and not self.multiple and isinstance(self._value, str):
            for row in range(self.proxy.rowCount()):
                if self.proxy.index(row, 0).data(NameRole) == self._value:
                    index = self.proxy.index(row, 0)
        self.view.selectionModel().clearSelection()
        self.view.setCurrentIndex(index)

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        _set_note(self.note, "")
        self._highlight()

    def _highlighted(self) -> QModelIndex:
        index = self.view.currentIndex()
        selected = index.isValid() and self.view.selectionModel().isSelected(index)
        return index if selected else QModelIndex()

    def _activate(self, index: QModelIndex) -> None:
        if self._read_only or not index.isValid():
            return
        _set_note(self.note, "")
        name = index.data(NameRole)
        if self.multiple:
            item = self.items.itemFromIndex(self.proxy.mapToSource(index))
            on = item.checkState() != Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        else:
            self._commit(name)
            self._show(name)

    def _clear(self) -> None:
        self._commit(None)
        self._show(None)
        self.focus_target().setFocus()

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
        self._show_chosen()  # the highlighted row stays where the enumerator is

    def handle_enter(self) -> bool:
        """Pick the highlighted row (in the list, or the row a search points at) and move
        on; with an empty search move on; with several rows or none, stay and say so."""
        _set_note(self.note, "")
        if self._read_only or self.multiple:
            return True  # Space and clicks tick a select_multiple's rows
        highlighted = self._highlighted()
        if self._key_from is self.view and highlighted.isValid():
            self._activate(highlighted)
            return True
        searched = self._searched_row()
        if searched.isValid():
            self._activate(searched)
            return True
        if not self.search.text():
            return True
        count = self.proxy.rowCount()
        if count:
            text = self.tr("{count} choices match: press ↓ to highlight one, then Enter.")
            _set_note(self.note, text.format(count=count))
        else:
            _set_note(self.note, self.tr("No choice matches this search."))
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            self._key_from = watched  # Enter in the list picks its highlighted row
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.view.setFocus()
                if not self._highlighted().isValid() and self.proxy.rowCount():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                return True
            if watched is self.view and key == Qt.Key.Key_Space and not self._read_only:
                self._activate(self.view.currentIndex())
                return True
            if (
                watched is self.view
                and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
                and not self.multiple
                and not self._read_only
            ):
                self._clear()
                return True
        return super().eventFilter(watched, event)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.search.setEnabled(not read_only)
        self.view.setEnabled(not read_only)
        self.clear_button.setVisible(bool(self._value) and not self.multiple and not read_only)

    def focus_target(self) -> QWidget:
        return self.search

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Type to search (accents not needed), ↓ to highlight, Enter to pick")
        )
        self.clear_button.setText(self.tr("✕ Clear"))
        self.clear_button.setToolTip(self.tr("Remove the answer to this question (Delete)"))
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
