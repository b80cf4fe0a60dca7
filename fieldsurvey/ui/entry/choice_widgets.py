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

Appearances (ODK's names): ``columns``, ``columns-N``, ``columns-pack`` and ``compact``
lay the buttons out in columns; ``likert`` in one row; ``no-buttons`` and ``compact`` as
tiles without radio circles; ``quick`` moves on once a choice is picked by its number, a
click or Space (not by the arrow keys, which only look); ``minimal`` is a drop-down
(:mod:`minimal_select`); ``image-map`` a picture to click (:mod:`image_map`); ``label`` and
``list-nolabel`` rows of a table (:mod:`table_list`); ``rank`` orders them
(:mod:`rank_widget`). Choice labels show without markup; a choice's image beside it.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QIcon, QKeyEvent, QStandardItem, QStandardItemModel
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

from fieldsurvey.forms.label_markup import to_plain_text
from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry import form_text
from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.label_text import CHOICE_IMAGE_HEIGHT, media_pixmap
from fieldsurvey.ui.entry.question_row import ERROR_COLOUR, set_colour
from fieldsurvey.ui.entry.value_parsing import fold

#: Lists longer than this become a searchable list.
LONG_LIST = 12
#: Types whose answer is a list of choices; every other select type picks one.
MULTIPLE_TYPES = frozenset({"select_multiple", "select_multiple_from_file"})
#: Width the buttons of ``columns``/``columns-pack`` fill (a 1366-pixel screen's page).
FIT_WIDTH = 960
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


def choice_text(label: str) -> str:
    """A choice label as a button or a list shows it (no markup, one line)."""
    return " ".join(to_plain_text(label).split())


class ButtonSelect(AnswerWidget):
    """Numbered radio buttons (select_one) or check boxes (select_multiple); tiles for
    ``no-buttons``/``compact``, laid out by ``columns*``/``likert``, moving on by ``quick``."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.multiple = node.type in MULTIPLE_TYPES
        words = form_text.appearances(node)
        self.likert = bool(words & {"likert", "list"})  # ``list``: ODK's older one-row form
        self.tiles = bool(words & {"no-buttons", "compact", "quickcompact"}) or any(
            w.startswith("compact-") for w in words
        )
        self.quick = bool(words & {"quick", "quickcompact"}) and not self.multiple
        self.columns = form_text.columns(node)
        self.images: dict[str, QIcon] = {}
        #: The next pick moves on (``quick``): it comes from a digit, Space or a click.
        self._pick_moves_on = False
        self._quick_timer = QTimer(self)
        self._quick_timer.setSingleShot(True)
        self._quick_timer.timeout.connect(self._quick_advance)
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
        self.none_offered = QLabel(self)
        self.none_offered.setVisible(False)
        self.box.addWidget(self.none_offered, 0, Qt.AlignmentFlag.AlignTop)
        #: Choice pictures the form names but the laptop does not have.
        self.missing_images = QLabel(self)
        self.missing_images.setWordWrap(True)
        self.missing_images.setVisible(False)
        self.box.addWidget(self.missing_images, 0, Qt.AlignmentFlag.AlignTop)
        self.box.addStretch(1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.group.buttonToggled.connect(self._toggled)
        self.buttons: list[QAbstractButton] = []
        self.names: list[str] = []
        self._choices: list[tuple[str, str]] = []
        self._placed: list[QWidget] = []
        self._image_files: dict[str, str] = {}
        self._missing: list[str] = []
        #: The digit typed last, when, and the answer before it (a second digit may undo it).
        self._typed: tuple[str, float, Any] = ("", 0.0, None)
        self._updating = False
        self.retranslate()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        if [name for name, _label in choices] == self.names and self.buttons:
            for i, (_name, label) in enumerate(choices):
                self._label_button(self.buttons[i], i, label)
            self._choices = list(choices)
            return
        self._build(choices)

    def _column_count(self, choices: list[tuple[str, str]]) -> int:
        count = len(choices)
        if self.likert:
            return max(1, count)
        if self.columns is None:
            return 1 if count <= 6 else 2
        if self.columns > 0:
            return min(self.columns, max(1, count))
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(self._text(i, lab)) for i, (_n, lab) in
                      enumerate(choices)), default=0) + 48  # fmt: skip
        if self.images:
            widest = max(widest, CHOICE_IMAGE_HEIGHT + 48)
        return max(1, min(count, FIT_WIDTH // max(widest, 1)))

    def _new_button(self) -> QAbstractButton:
        if self.tiles:
            tile = QPushButton(self)
            tile.setCheckable(True)
            tile.setMinimumHeight(self.fontMetrics().height() * 2)
            tile.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return tile
        return QCheckBox(self) if self.multiple else QRadioButton(self)

    def _label_button(self, button: QAbstractButton, index: int, label: str) -> None:
        button.setText(self._text(index, label))

    def _place(self, button: QAbstractButton, index: int, columns: int, rows: int) -> QWidget:
        """Put ``button`` in the grid; returns the widget placed (the button here)."""
        across = self.likert or (self.columns is not None and self.tiles)
        # Columns are filled down (a list read top to bottom); tiles and likert across.
        if across:
            row, column = index // columns, index % columns
        else:
            row, column = index % rows, index // rows
        self.grid.addWidget(button, row, column)
        return button

    def _build(self, choices: list[tuple[str, str]]) -> None:
        had_focus = any(b.hasFocus() for b in self.buttons)
        for old in self.buttons:
            self.group.removeButton(old)
        for placed in self._placed:
            self.grid.removeWidget(placed)
            placed.hide()
            placed.deleteLater()
        self._placed = []
        self.names = [name for name, _label in choices]
        self._choices = list(choices)
        self.buttons = []
        columns = self._column_count(choices)
        rows = max(1, -(-len(choices) // columns))
        for i, (name, label) in enumerate(choices):
            button = self._new_button()
            self._label_button(button, i, label)
            button.setEnabled(not self._read_only)
            icon = self.images.get(name)
            if icon is not None:
                button.setIcon(icon)
                button.setIconSize(QSize(CHOICE_IMAGE_HEIGHT, CHOICE_IMAGE_HEIGHT))
            self.group.addButton(button, i)
            placed = self._place(button, i, columns, rows)
            self._placed.append(placed)
            placed.show()
            button.show()  # at once: the layout would show it later, too late for the focus
            self.watch_enter(button)
            self.buttons.append(button)
        if self.likert:
            for column in range(columns):
                self.grid.setColumnStretch(column, 1)
        self.none_offered.setVisible(not choices)
        self._show(self._value)
        if had_focus:
            self.focus_target().setFocus()

    def set_choice_media(self, form: object, files: dict[str, str]) -> None:
        """Images of the choices (choice name -> file name of the form), shown beside
        each; a missing file shows no image (the label says the choice)."""
        files = {name: file_name for name, file_name in files.items() if file_name}
        if files == self._image_files:
            return
        self._image_files = files
        self.images = {}
        missing = []
        for name, file_name in files.items():
            pixmap = media_pixmap(form, file_name)
            if pixmap is not None:
                self.images[name] = QIcon(pixmap)
            else:
                missing.append(file_name)
        self._missing = sorted(set(missing))
        self._say_missing()
        if self.buttons:
            self._build(self._choices)

    def _say_missing(self) -> None:
        text = QCoreApplication.translate(
            "ButtonSelect", "Pictures of the choices missing on this laptop: {files}"
        )
        self.missing_images.setText(text.format(files=", ".join(self._missing)))
        self.missing_images.setVisible(bool(self._missing))

    @staticmethod
    def _text(index: int, label: str) -> str:
        return f"{index + 1}. {choice_text(label).replace('&', '&&')}"

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
            if self.quick and self._pick_moves_on:
                two_digits = self._typed[0] and len(self.buttons) > 9
                self._quick_timer.start(int(_TYPE_AHEAD_SECONDS * 1000) if two_digits else 0)
        self._pick_moves_on = False
        self.clear_button.setVisible(bool(picked) and not self.multiple and not self._read_only)

    def _quick_advance(self) -> None:
        """``quick``: the choice is picked, go on to the next question."""
        if self._value is not None and self.handle_enter():
            self.enter_pressed.emit()

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
        self._say_missing()
        self.none_offered.setText(
            QCoreApplication.translate(
                "ButtonSelect", "No choice to offer yet: the choices depend on an earlier answer."
            )
        )
        self.clear_button.setText(QCoreApplication.translate("ButtonSelect", "✕ Clear"))
        self.clear_button.setToolTip(
            QCoreApplication.translate(
                "ButtonSelect", "Remove the answer to this question (Delete)"
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            self._pick_moves_on = True  # a click picks: ``quick`` moves on
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not self._read_only
        ):
            self._pick_moves_on = event.key() == Qt.Key.Key_Space
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
            text = QCoreApplication.translate(
                "ButtonSelect", "There is no choice {number}: type a number from 1 to {count}."
            )
            _set_note(self.note, text.format(number=typed, count=count))
            return
        self._typed = (typed, now, undo if second else self._value)
        button = self.buttons[int(typed) - 1]
        button.setFocus()
        self._pick_moves_on = True
        if self.multiple:
            button.toggle()
        elif button.isChecked():
            self._toggled(button, True)  # typed again: ``quick`` still moves on
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
        self.multiple = node.type in MULTIPLE_TYPES
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
            item = QStandardItem(choice_text(label))
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
    node: Node, parent: QWidget | None, count: int | None = None, *, in_table: bool = False
) -> AnswerWidget:
    """The widget for a select question's type and appearance: radio buttons/check boxes,
    the searchable list for long or autocomplete lists, and the appearances' own widgets
    (``in_table``: a question of a ``table-list`` group)."""
    from fieldsurvey.ui.entry import image_map, minimal_select, rank_widget, table_list

    words = form_text.appearances(node)
    if node.type == "rank":
        return rank_widget.RankAnswer(node, parent)
    if "label" in words:
        return table_list.TableHeader(node, parent)
    if in_table or "list-nolabel" in words:
        return table_list.TableRowSelect(node, parent)
    if "image-map" in words:
        return image_map.ImageMapSelect(node, parent, count)
    if "minimal" in words:
        return minimal_select.make_minimal(node, parent)
    long_list = count is not None and count > LONG_LIST
    if long_list or "autocomplete" in words or "search" in (node.appearance or ""):
        return ListSelect(node, parent)
    return ButtonSelect(node, parent)
