"""Answering in the roster's grid: one cell editor at a time, and the line under the grid.

A cell is edited with the question's own answer widget (the same parsing, read-back and
messages as in the detail pane) or, for a choice among a few, :class:`ChoiceCell`. What
the editor commits goes to the engine like any answer (``EntryController.answer``).
Enter or Tab moves on to the next open cell of the row, then to the row's detail
questions, then to the next row; a cell that must be fixed first (what was typed could
not be read, a required answer is missing, a constraint fails, a soft check waits for
its confirmation) keeps the focus, with its message under the grid, as the detail pane
does. Shift+Tab goes back and is never stopped; Escape puts the saved answer back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QWidget

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.question_row import ERROR_COLOUR, WARNING_COLOUR, set_colour
from fieldsurvey.ui.entry.question_widgets import make_answer_widget
from fieldsurvey.ui.entry.roster_model import COL_FIRST_ANSWER

if TYPE_CHECKING:
    from fieldsurvey.ui.entry.roster_view import RosterView

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ChoiceCell(AnswerWidget):
    """A select_one with a few choices, in a grid cell: a drop-down numbered 1, 2, 3, in
    which a digit picks, arrows move and Delete clears; the mouse wheel changes nothing."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(3)
        self.combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.combo.activated.connect(self._picked)
        self.box.addWidget(self.combo, 1)
        self.names: list[str] = []
        self.combo.installEventFilter(self)
        self.watch_enter(self.combo)

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        self.names = [name for name, _label in choices]
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems([f"{n}. {label}" for n, (_name, label) in enumerate(choices, 1)])
        view = self.combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)
        self.combo.blockSignals(False)
        self._show(self._value)

    def _show(self, value: Any) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.names.index(value) if value in self.names else -1)
        self.combo.blockSignals(False)

    def _picked(self, row: int) -> None:
        if self._read_only or not 0 <= row < len(self.names):
            return
        self._set_problem("")
        self._commit(self.names[row])

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.combo.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.combo and event.type() == QEvent.Type.Wheel:
            return True  # scrolling the page over the cell never changes the answer
        if (
            watched is self.combo
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not self._read_only
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            text = event.text()
            if len(text) == 1 and text.isdigit():
                self._digit(int(text))
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.combo.setCurrentIndex(-1)
                self._set_problem("")
                self._commit(None)
                return True
        return super().eventFilter(watched, event)

    def _digit(self, number: int) -> None:
        if 1 <= number <= len(self.names):
            self.combo.setCurrentIndex(number - 1)
            self._picked(number - 1)
            return
        self._set_problem(
            self.tr("There is no choice {n}: type a number from 1 to {count}.").format(
                n=number, count=len(self.names)
            )
        )


class _Editing:
    """The cell being edited: its index, its editor and the answer's instance path."""

    def __init__(self, index: QPersistentModelIndex, editor: AnswerWidget, path: str) -> None:
        self.index = index
        self.editor = editor
        self.path = path


class CellEditing(QObject):
    """The roster's open cell editor, what was typed and could not be saved, and the
    message (and soft-check box, and number read-back) shown under the grid."""

    def __init__(self, view: RosterView) -> None:
        super().__init__(view)
        self.view = view
        self.current: _Editing | None = None
        # What was typed in a cell and could not be saved, by instance path.
        self.typed: dict[str, str] = {}
        # The cell whose message shows under the grid.
        self.message_path: str | None = None
        view.confirm_box.clicked.connect(self._confirm_clicked)
        view.confirm_box.installEventFilter(self)
        view.ctx.rejected.connect(self._rejected)

    def path(self) -> str | None:
        return self.current.path if self.current is not None else None

    # --- opening and closing ----------------------------------------------------------
    def make_editor(self, parent: QWidget, row: int, column: int) -> QWidget | None:
        view = self.view
        offset = column - COL_FIRST_ANSWER
        if not 0 <= offset < len(view.columns):
            return None
        node = view.columns[offset]
        path = view.cell_path(row + 1, offset)
        editor: AnswerWidget
        if node.type == "select_one":
            editor = ChoiceCell(node, parent)
            editor.set_choices(view.ctx.choices(path))
        else:
            editor = make_answer_widget(node, parent)
        editor.set_value(view.ctx.value(path))
        editor.setAutoFillBackground(True)
        editor.committed.connect(lambda value, p=path: self._committed(p, value))
        editor.problem.connect(lambda text, p=path: self.set_typed(p, text))
        editor.enter_pressed.connect(lambda p=path: self.done(p))
        target = editor.focus_target()
        target.installEventFilter(self)
        target.setAccessibleName(view.model.header_tips[offset])
        readback = getattr(editor, "readback", None)
        if isinstance(readback, QLabel) and isinstance(target, QLineEdit):
            readback.hide()  # no room in a cell: the read-back shows under the grid
            target.textChanged.connect(lambda _text, r=readback: self._show_readback(r.text()))
        return editor

    def edit(self, index: int, offset: int, key: QKeyEvent | None = None) -> bool:
        """Open the editor of grid column ``offset`` in row ``index`` (1-based) and focus
        it; ``key`` (typed on the table) goes on to the editor."""
        view, table = self.view, self.view.table
        if not (0 < index <= view.model.rowCount() and 0 <= offset < len(view.columns)):
            return False
        if not view.cell_open(index, offset):
            return False
        model_index = view.model.index(index - 1, COL_FIRST_ANSWER + offset)
        if self.current is None or self.current.index != model_index:
            if index != view.current:
                view.select(index)  # closes an editor in another row
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            table.selectionModel().setCurrentIndex(model_index, flags)
            table.scrollTo(model_index)
            old, self.current = self.current, None
            table.openPersistentEditor(model_index)
            editor = table.indexWidget(model_index)
            if not isinstance(editor, AnswerWidget):
                return False
            path = view.cell_path(index, offset)
            self.current = _Editing(QPersistentModelIndex(model_index), editor, path)
            self._show_readback("")
            editor.focus_target().setFocus(Qt.FocusReason.TabFocusReason)  # selects the text
            if old is not None:
                self._close(old)
        current = self.current
        assert current is not None
        current.editor.focus_target().setFocus(Qt.FocusReason.TabFocusReason)
        if key is not None:
            QApplication.sendEvent(current.editor.focus_target(), key)
        self.show_message(current.path)
        return True

    def close(self) -> None:
        """Close the cell's editor (what was typed is committed first)."""
        current, self.current = self.current, None
        if current is not None:
            self._close(current)
        self._show_readback("")

    def _close(self, editing: _Editing) -> None:
        table = self.view.table
        editor = editing.editor
        if isValid(editor):
            focus = QApplication.focusWidget()
            editor.flush()
            if focus is not None and (focus is editor or editor.isAncestorOf(focus)):
                table.setFocus(Qt.FocusReason.OtherFocusReason)
        index = editing.index
        if index.isValid():
            table.closePersistentEditor(self.view.model.index(index.row(), index.column()))

    def focus_moved(self, new: QWidget | None) -> None:
        """The focus left the editor (a click elsewhere): close it once the move is over."""
        current = self.current
        if current is not None and new is not None and not _inside(new, current.editor):
            QTimer.singleShot(0, self._close_if_left)

    def _close_if_left(self) -> None:
        if not isValid(self) or self.current is None:
            return
        focus = QApplication.focusWidget()
        if focus is None or QApplication.activePopupWidget() is not None:
            return
        if not _inside(focus, self.current.editor):
            self.close()

    # --- answers ------------------------------------------------------------------------
    def _committed(self, path: str, value: Any) -> None:
        self.typed.pop(path, None)
        self.view.ctx.answer(path, value)

    def _rejected(self, path: str, reason: str) -> None:
        """The engine refused the value of a cell (the detail pane says it the same way)."""
        if not isValid(self) or not isValid(self.view):
            return
        if (self.view.cell_of(path) or (0, None))[1] is not None:
            text = QCoreApplication.translate("EntryView", "This answer was not accepted: {reason}")
            self.set_typed(path, text.format(reason=reason))

    def set_typed(self, path: str, text: str) -> None:
        """What was typed at ``path`` could not be saved, and why ("" once it could)."""
        if text:
            self.typed[path] = text
        else:
            self.typed.pop(path, None)
        self.view.update_cell_row(path)
        self.show_message(path)

    def stops(self, path: str) -> bool:
        """Whether the cell at ``path`` must be fixed before moving on (shown if so)."""
        ctx = self.view.ctx
        if self.typed.get(path):
            self.show_message(path)
            return True
        if not ctx.blocks(path):
            return False
        if path not in ctx.touched:
            ctx.touch([path])  # the required message shows from now on
        self.show_message(path)
        box = self.view.confirm_box
        if box.isVisibleTo(self.view) and box.isEnabled():
            box.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def done(self, path: str) -> None:
        """Enter (or Tab) on the cell at ``path``: on to the next question, unless it
        must be fixed first."""
        if self.stops(path):
            return
        view = self.view
        index, offset = view.cell_of(path) or (0, None)
        if offset is None:
            return
        for following in range(offset + 1, len(view.columns)):
            if self.edit(index, following):
                return
        self.close()
        view.after_cells()

    def back(self, path: str) -> None:
        """Shift+Tab: the previous cell of the row (never stopped)."""
        index, offset = self.view.cell_of(path) or (0, None)
        if offset is None:
            return
        for previous in range(offset - 1, -1, -1):
            if self.edit(index, previous):
                return
        self.close()

    def _confirm_clicked(self, on: bool) -> None:
        if self.message_path is not None:
            self.view.ctx.confirm(self.message_path, on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if watched is self.view.confirm_box:
            if key in _ENTER_KEYS and mods == Qt.KeyboardModifier.NoModifier:
                if self.message_path is not None:
                    self.done(self.message_path)
                return True
            return super().eventFilter(watched, event)
        current = self.current
        if current is None or watched is not current.editor.focus_target():
            return super().eventFilter(watched, event)
        if key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.NoModifier:
            current.editor.flush()
            if not current.editor.input_problem():
                self.done(current.path)
            return True
        if key == Qt.Key.Key_Backtab or (
            key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.ShiftModifier
        ):
            current.editor.flush()
            self.back(current.path)
            return True
        if key == Qt.Key.Key_Escape:
            current.editor.set_value(self.view.ctx.value(current.path))
            self.set_typed(current.path, "")
            self.close()
            return True
        return super().eventFilter(watched, event)

    # --- under the grid -----------------------------------------------------------------
    def show_message(self, path: str | None) -> None:
        self.message_path = path
        self.update_message()

    def update_message(self) -> None:
        """The message of the cell at ``message_path`` (with the question's label)."""
        view, ctx, path = self.view, self.view.ctx, self.message_path
        index, offset = (view.cell_of(path) if path else None) or (0, None)
        text, warning = "", False
        if path is not None and offset is not None and 0 < index <= view.model.rowCount():
            text = self.typed.get(path, "")
            found = ctx.warnings().get(path) if not text else None
            if found is not None:
                text, warning = found.message, True
            elif not text:
                text = ctx.message(path)
        if text and offset is not None:
            view.message.setText(f"⚠ {view.model.header_tips[offset]}: {text}")
            set_colour(view.message, WARNING_COLOUR if warning else ERROR_COLOUR)
        view.message.setVisible(bool(text))
        view.confirm_box.setVisible(warning)
        if warning and path is not None:
            view.confirm_box.setChecked(ctx.is_confirmed(path))
            view.confirm_box.setEnabled(ctx.editable)

    def _show_readback(self, text: str) -> None:
        """The number being typed, read back (the cell has no room beside the box)."""
        view, current = self.view, self.current
        _index, offset = (view.cell_of(current.path) if current else None) or (0, None)
        if text and offset is not None:
            view.readback.setText(f"{view.model.header_tips[offset]} {text}")
        view.readback.setVisible(bool(text) and offset is not None)


def _inside(widget: QWidget, container: QWidget) -> bool:
    return isValid(container) and (widget is container or container.isAncestorOf(widget))
