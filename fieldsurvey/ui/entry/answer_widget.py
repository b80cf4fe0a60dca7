"""The base of every answer widget: one value, committed when the enumerator is done.

An answer widget holds the question's current value (a JSON value or ``None``) and emits
``committed(value)`` only when the enumerator finishes an answer (Enter, leaving the
box, a choice clicked), never on each keystroke: Vietnamese input methods (Unikey,
Telex) rewrite the text while a word is typed. ``set_value`` shows a value without
emitting anything. Enter in any part of the widget asks to move on (``enter_pressed``)
unless the widget keeps the enumerator there (text it could not read, a search that
matches several choices); ``input_problem()`` is what it could not take, and why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from fieldsurvey.forms.spec import Node

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
#: Focus that leaves for these reasons comes back to the same place (another window, a menu).
_PASSING_FOCUS = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)


def shortcut(
    keys: QKeySequence | QKeySequence.StandardKey | str | Qt.Key,
    parent: QWidget,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> QShortcut:
    """A shortcut active only in ``parent`` (and, by default, its children).

    Set the context after creating it: PySide6's ``QShortcut(key, parent, slot,
    context=...)`` ignores the keyword and leaves a window-wide shortcut."""
    made = QShortcut(QKeySequence(keys), parent)
    made.setContext(context)
    made.activated.connect(slot)
    return made


class AnswerWidget(QWidget):
    """One question's input. Subclasses implement ``_show`` and the input itself."""

    #: The enumerator finished an answer: the new value (``None`` for no answer).
    committed = Signal(object)
    #: A translated problem with what was typed ("" when fixed); nothing is committed.
    problem = Signal(str)
    #: Enter was pressed inside the widget: move on to the next question.
    enter_pressed = Signal()
    #: A row of a table (table-list): the width of the label put beside it (0: above it).
    label_width = 0

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.node = node
        self._value: Any = None
        self._read_only = False
        self._problem = ""
        self.box = QHBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)

    # --- the value --------------------------------------------------------------------
    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        """Show ``value`` (from the interview or the engine) without committing it."""
        self._value = value
        self._show(value)

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _commit(self, value: Any) -> None:
        if value == self._value and type(value) is type(self._value):
            return
        self._value = value
        self.committed.emit(value)

    def flush(self) -> None:
        """Commit what is typed but not yet committed (before a page change)."""

    def _set_problem(self, text: str) -> None:
        self._problem = text
        self.problem.emit(text)

    def input_problem(self) -> str:
        """Why what the enumerator typed was not saved ("" when nothing is pending)."""
        return self._problem

    # --- options ----------------------------------------------------------------------
    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """The (name, label) choices to offer; only select widgets use them."""

    def set_choice_media(self, form: object, files: dict[str, str]) -> None:
        """Images of the choices (choice name -> file of ``form``, the compiled form
        holding its attachments); select widgets show them."""

    def set_form_media(self, form: object, files: dict[str, str]) -> None:
        """The label's media (kind -> file of ``form``), for widgets that use them
        themselves (``image-map`` draws its choices on the label's image)."""

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def is_read_only(self) -> bool:
        return self._read_only

    def focus_target(self) -> QWidget:
        """The part that takes the focus when the question is reached."""
        return self

    def retranslate(self) -> None:
        """Re-set the widget's own texts after a language change."""

    # --- keyboard ---------------------------------------------------------------------
    def watch_enter(self, *widgets: QWidget) -> None:
        """Treat Enter in ``widgets`` as 'done with this question'."""
        for widget in widgets:
            widget.installEventFilter(self)

    def handle_enter(self) -> bool:
        """Called on Enter (the key is used up either way): True to move on, False to
        stay at the question (what was typed could not be saved)."""
        self.flush()
        return not self._problem

    def focus_left(self) -> None:
        """The focus went to another question: drop what only made sense here (a search,
        a note); the answer itself stays."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() in _ENTER_KEYS and mods == Qt.KeyboardModifier.NoModifier:
                if self.handle_enter():
                    self.enter_pressed.emit()
                return True
        elif (
            event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() not in _PASSING_FOCUS
        ):
            now = QApplication.focusWidget()  # already the widget that takes the focus
            if now is None or not self.isAncestorOf(now):
                self.focus_left()
        return super().eventFilter(watched, event)
