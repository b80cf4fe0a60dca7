"""Pick a household (or a person) from an entity list by searching it as you type.

The question is a ``select_one_from_file households.csv`` whose list is an entity list
(:mod:`entity_lists`): tens of thousands of rows, so no list of choices is shown; the
enumerator types a few letters of a name, a household id, a ward or a phone number
(accents not needed: "nguyen" finds "Nguyễn") and the matches appear under the box,
each with its label and a few properties. Keys: ↓/↑ highlight a match, Enter picks the
highlighted match (or the only one) and moves on, Escape clears the search, Delete in
the list (or the ✕ button) removes the answer; typing in the list goes on with the
search. Enter on an empty search moves on with nothing picked; on several matches it
stays and says how many. The chosen entity's label and properties show above the list.

Searches run on the task runner's read threads; a search typed while another runs waits
for it and only the newest text is searched (the results of an older text never replace
newer ones).
"""

from __future__ import annotations

from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey import messages
from fieldsurvey.forms import number_reading as nr
from fieldsurvey.forms.entity_model import EntityRow
from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.entity_lists import EntityLists, Found, ListInfo, row_text
from fieldsurvey.ui.entry.question_row import ERROR_COLOUR, set_colour

IdRole = Qt.ItemDataRole.UserRole + 1
# Rows the list of matches shows without scrolling.
VISIBLE_ROWS = 8


class EntityPicker(AnswerWidget):
    """A search box over an entity list; the answer is the chosen entity's id."""

    def __init__(
        self, node: Node, lists: EntityLists, list_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(node, parent)
        self.lists = lists
        self.list_name = list_name
        self.info: ListInfo | None = None
        # The text of the search running now, and the newest text typed while it runs.
        self._running: str | None = None
        self._waiting: str | None = None
        # Enter was pressed while a search ran: acted on when its results are back.
        self._enter_pending = False
        self._found: Found | None = None
        self._key_from: QObject | None = None
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.box.addLayout(column, 1)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("n" * 90))
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clear_button = QPushButton(self)
        self.clear_button.setFlat(True)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Delete in the list clears
        self.clear_button.clicked.connect(self._clear)
        chosen_line = QHBoxLayout()
        chosen_line.setContentsMargins(0, 0, 0, 0)
        chosen_line.addWidget(self.chosen, 1)
        chosen_line.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        self.status = QLabel(self)  # how many match, or what the list holds
        self.status.setWordWrap(True)
        self.note = QLabel(self)  # what Enter could not do
        set_colour(self.note, ERROR_COLOUR)
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.items = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setModel(self.items)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        self.view.setVisible(False)
        column.addLayout(chosen_line)
        column.addWidget(self.search)
        column.addWidget(self.status)
        column.addWidget(self.note)
        column.addWidget(self.view)
        self.search.textChanged.connect(self._typed)
        self.view.clicked.connect(self._activate)
        lists.row_read.connect(self._row_read)
        self.watch_enter(self.search, self.view)
        lists.info(list_name, self._got_info)
        self.retranslate()

    # --- the value --------------------------------------------------------------------
    def set_value(self, value: Any) -> None:
        """Show ``value`` (an entity id); a search typed for another member is dropped."""
        self._clear_search()
        super().set_value(value)

    def _show(self, value: Any) -> None:
        self._show_chosen()

    def _chosen_row(self) -> EntityRow | None:
        if not isinstance(self._value, str) or not self._value:
            return None
        row = self.lists.row(self.list_name, self._value)
        if row is None:
            self.lists.fetch(self.list_name, self._value)
        return row

    def _show_chosen(self) -> None:
        value = self._value
        answered = isinstance(value, str) and bool(value)
        if not answered:
            self.chosen.setText(self.tr("Nothing chosen yet."))
        else:
            row = self._chosen_row()
            if row is not None:
                text = row_text(row, self.lists.value_labels())
            elif self.lists.missing(self.list_name, value):
                text = self.tr("{id} (not on this laptop any more)").format(id=value)
            else:
                text = value
            self.chosen.setText(self.tr("Chosen: {entity}").format(entity=text))
        font = self.chosen.font()
        font.setBold(answered)
        self.chosen.setFont(font)
        self.clear_button.setVisible(answered and not self._read_only)

    def _row_read(self, list_name: str, entity_id: str) -> None:
        if list_name == self.list_name and entity_id == self._value:
            self._show_chosen()

    def _activate(self, index: QModelIndex) -> None:
        if self._read_only or not index.isValid():
            return
        entity_id = index.data(IdRole)
        row = next((r for r in (self._found.rows if self._found else []) if
                    r.entity_id == entity_id), None)  # fmt: skip
        if row is not None:
            self.lists.remember(row)
        self._set_note("")
        self._commit(entity_id)
        self._clear_search()
        self._show_chosen()

    def _clear(self) -> None:
        self._commit(None)
        self._show_chosen()
        self.search.setFocus()

    # --- searching ----------------------------------------------------------------------
    def _got_info(self, info: ListInfo) -> None:
        if not isValid(self):  # the page was rebuilt meanwhile
            return
        self.info = info
        self._say_status()

    def _typed(self, text: str) -> None:
        self._set_note("")
        self._enter_pending = False
        if not text.strip():
            self._waiting = None
            self._found = None
            self._fill([])
            self._say_status()
            return
        if self._running is not None:
            self._waiting = text  # searched when the running search is back
            return
        self._start(text)

    def _start(self, text: str) -> None:
        self._running = text
        self.status.setText(self.tr("Searching…"))
        self.lists.search(self.list_name, text, self._searched)

    def _searched(self, found: Found) -> None:
        if not isValid(self):
            return
        self._running = None
        waiting, self._waiting = self._waiting, None
        current = self.search.text()
        if waiting is not None and waiting != found.text and waiting == current:
            self._start(waiting)
            return
        if found.text != current:  # typed away (cleared) meanwhile
            if current.strip():
                self._start(current)
            return
        self._found = found
        self._fill(found.rows)
        self._say_status()
        if self._enter_pending:  # Enter typed before the results: act on it now
            self._enter_pending = False
            if self.handle_enter():
                self.enter_pressed.emit()

    def _fill(self, rows: list[EntityRow]) -> None:
        self.items.clear()
        labels = self.lists.value_labels()
        for row in rows:
            text = row_text(row, labels)
            item = QStandardItem(text)
            item.setData(row.entity_id, IdRole)
            item.setToolTip(text)
            item.setEditable(False)
            self.items.appendRow(item)
        self.view.setVisible(bool(rows))
        if rows:  # as high as the matches, up to VISIBLE_ROWS
            shown = min(len(rows), VISIBLE_ROWS)
            self.view.setFixedHeight(
                self.view.sizeHintForRow(0) * shown + 2 * self.view.frameWidth() + 2
            )
        # The only match is highlighted: Enter picks it.
        index = self.items.index(0, 0) if len(rows) == 1 else QModelIndex()
        self.view.selectionModel().clearSelection()
        self.view.setCurrentIndex(index)

    def _say_status(self) -> None:
        info, found = self.info, self._found
        text = ""
        if info is not None and not info.present:
            text = self.tr(
                "This laptop has no list “{list}” yet: it comes with the device package or"
                " a receipt from the coordinator."
            ).format(list=self.list_name)
        elif found is not None and self.search.text().strip():
            count = len(found.rows)
            if not count:
                text = self.tr("Nothing matches “{text}”. Check the spelling or type less.")
                text = text.format(text=found.text.strip())
            elif found.more:
                text = self.tr(
                    "More than {count} found: type more of the name, id, ward or phone."
                ).format(count=count)
            elif count == 1:
                text = self.tr("1 found: press Enter to pick it.")
            else:
                text = self.tr("{count} found: press ↓ to highlight one, then Enter.").format(
                    count=count
                )
        elif info is not None:
            text = self.tr("{count} in the list “{list}” on this laptop.").format(
                count=nr.format_number(info.count, messages.language()), list=self.list_name
            )
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _clear_search(self) -> None:
        self._set_note("")
        if self.search.text():
            self.search.clear()  # textChanged empties the list

    def _set_note(self, text: str) -> None:
        self.note.setText(f"⚠ {text}" if text else "")
        self.note.setVisible(bool(text))

    def focus_left(self) -> None:
        self._clear_search()

    # --- keyboard -----------------------------------------------------------------------
    def _highlighted(self) -> QModelIndex:
        index = self.view.currentIndex()
        return index if index.isValid() else QModelIndex()

    def handle_enter(self) -> bool:
        """Pick the highlighted match (or the only one) and move on; move on from an empty
        search; stay (saying why) on several matches or none. Enter pressed while the
        search runs is acted on when its results are back."""
        self._set_note("")
        if self._read_only:
            return True
        if not self.search.text().strip():
            return True
        if self._running is not None or self._waiting is not None:
            self._enter_pending = True
            return False
        highlighted = self._highlighted()
        if highlighted.isValid():
            self._activate(highlighted)
            return True
        count = self.items.rowCount()
        if count:
            self._set_note(
                self.tr("{count} found: press ↓ to highlight one, then Enter.").format(count=count)
            )
        else:
            self._set_note(self.tr("Nothing matches this search."))
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            self._key_from = watched
            if key == Qt.Key.Key_Escape and self.search.text():
                self._clear_search()
                self.search.setFocus()
                return True
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                if self.items.rowCount():
                    self.view.setFocus()
                    row = self._highlighted().row() if self._highlighted().isValid() else -1
                    step = 1 if key == Qt.Key.Key_Down else -1
                    target = min(max(row + step, 0), self.items.rowCount() - 1)
                    self.view.setCurrentIndex(self.items.index(target, 0))
                return True
            if watched is self.view and not self._read_only:
                if key == Qt.Key.Key_Up and self.view.currentIndex().row() <= 0:
                    self.search.setFocus()  # back up to the search box
                    return True
                if key == Qt.Key.Key_Delete:
                    self._clear()
                    return True
                if key == Qt.Key.Key_Backspace:
                    self.search.setFocus()
                    self.search.backspace()
                    return True
                if key == Qt.Key.Key_Space:
                    self._activate(self.view.currentIndex())
                    return True
                text = event.text()
                if (
                    text
                    and text.isprintable()
                    and not event.modifiers()
                    & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
                ):
                    self.search.setFocus()  # typing goes on with the search
                    self.search.insert(text)
                    return True
        return super().eventFilter(watched, event)

    # --- the rest -----------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.search.setVisible(not read_only)
        self.view.setEnabled(not read_only)
        self.status.setVisible(not read_only and bool(self.status.text()))
        self._show_chosen()

    def focus_target(self) -> QWidget:
        return self.search

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Type a name, household id, ward or phone (accents not needed)")
        )
        self.search.setToolTip(
            self.tr("↓ highlights a match, Enter picks it, Esc clears the search")
        )
        self.clear_button.setText(self.tr("✕ Clear"))
        self.clear_button.setToolTip(self.tr("Remove the answer to this question (Delete)"))
        self._show_chosen()
        self._say_status()


def picker_for(node: Node, lists: EntityLists) -> EntityPicker | None:
    """The picker for a question that picks from an entity list (None for the others)."""
    list_name = lists.list_of(node)
    return EntityPicker(node, lists, list_name) if list_name is not None else None
