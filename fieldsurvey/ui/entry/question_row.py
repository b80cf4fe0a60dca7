"""One question on a page: label, hint, answer widget and its inline message.

Messages (required, constraint, or a problem with what was typed) appear under the
widget in dark red with a mark, never in a pop-up. A soft check (a warning the form lets
the enumerator confirm) shows in dark amber with a check box "I confirmed this answer
with the respondent". The row under the keyboard focus is highlighted, so the enumerator
always sees which question they are on.

Tab out of the row (forward) emits ``tabbed_out`` after the focus moved, so the panel can
bring it back when the question must be fixed first; Enter on the check box emits
``advance`` (move on, as Enter in the answer does).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.label_text import GuidanceHint, MediaStrip, rich_label

ERROR_COLOUR = "#a1001a"  # 7.9:1 on white
WARNING_COLOUR = "#7a4100"  # 8.3:1 on white
CURRENT_BACKGROUND = "#e6f0fa"
CURRENT_EDGE = "#1d5fa8"

EDGE_WIDTH = 4
#: The gap between a table row's label and its answer columns.
TABLE_GAP = 8


def set_colour(widget: QWidget, colour: str, *, bold: bool = True) -> None:
    """Text colour through the palette (style sheets make building pages slow)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)
    font = widget.font()
    font.setBold(bold)
    widget.setFont(font)


def rich(text: str) -> str:
    """A form text (label, hint) as Qt rich text: ODK's Markdown/HTML subset, made safe."""
    return rich_label(text)


class QuestionRow(QFrame):
    """Label, hint, widget and message of the question at instance ``path``."""

    # Tab moved the focus out of this row, forward.
    tabbed_out = Signal()
    # The soft check's box was ticked (True) or unticked by the enumerator.
    confirm_toggled = Signal(bool)
    # Enter on the soft check's box: move on.
    advance = Signal()

    def __init__(
        self, node: Node, path: str, widget: AnswerWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.node = node
        self.path = path
        self.widget = widget
        self.current = False
        self.has_problem = False
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        hint_font = self.hint.font()
        hint_font.setItalic(True)
        self.hint.setFont(hint_font)
        self.message = QLabel(self)
        set_colour(self.message, ERROR_COLOUR)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.confirm_box = QCheckBox(self)
        self.confirm_box.setVisible(False)
        self.confirm_box.clicked.connect(self.confirm_toggled)
        self.confirm_box.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(EDGE_WIDTH + 8, 6, 8, 8)
        layout.setSpacing(4)
        self.media = MediaStrip(self)
        self.guidance = GuidanceHint(self)
        if widget.label_width:  # a row of a table: the label beside the answer's columns
            self.label.setFixedWidth(widget.label_width)
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(TABLE_GAP)  # as the table's header row (table_list.TableHeading)
            line.addWidget(self.label, 0, Qt.AlignmentFlag.AlignVCenter)
            line.addWidget(widget, 1)
            layout.addLayout(line)
            layout.addWidget(self.hint)
            layout.addWidget(self.media)
        else:
            layout.addWidget(self.label)
            layout.addWidget(self.hint)
            layout.addWidget(self.media)
            layout.addWidget(widget)
        layout.addWidget(self.guidance)
        layout.addWidget(self.message)
        layout.addWidget(self.confirm_box)
        self.label.setBuddy(widget.focus_target())
        self._engine_message = ""
        self._local_problem = ""
        # The failing soft check's message and whether it is confirmed (None: none).
        self._warning: tuple[str, bool] | None = None
        self.retranslate()
        widget.problem.connect(self.set_local_problem)
        if node.type == "note":
            widget.setVisible(False)
            self.label.setFont(self.font())

    def set_texts(self, label: str, hint: str, required: bool) -> None:
        mark = f' <span style="color:{ERROR_COLOUR}">*</span>' if required and label else ""
        self.label.setText(rich(label) + mark)
        self.label.setVisible(bool(label) or bool(self.widget.label_width))
        self.hint.setText(rich(hint))
        self.hint.setVisible(bool(hint))
        self.widget.focus_target().setAccessibleName(label)
        self.widget.focus_target().setAccessibleDescription(hint)

    def set_media(self, form: object, files: dict[str, str]) -> None:
        """The label's image/big-image/audio/video (kind -> file name of ``form``, the
        compiled form holding its attachments)."""
        if files or self.media.files:
            self.media.set_media(form, files)

    def set_guidance(self, text: str) -> None:
        """The form's guidance hint, shown when the enumerator asks (Ctrl+I)."""
        self.guidance.set_guidance(text)

    def set_message(self, text: str) -> None:
        """The engine's required/constraint message ("" for none)."""
        self._engine_message = text
        self._update_message()

    def set_local_problem(self, text: str) -> None:
        """A problem with what was typed, found by the widget before saving."""
        self._local_problem = text
        self._update_message()

    def set_warning(self, text: str | None, confirmed: bool = False, editable: bool = True) -> None:
        """The failing soft check's message (None: none) and whether it is confirmed."""
        warning = None if text is None else (text, confirmed)
        self.confirm_box.setEnabled(editable)
        if warning != self._warning:
            self._warning = warning
            self._update_message()

    def shown_message(self) -> str:
        if self._local_problem:
            return self._local_problem
        return self._warning[0] if self._warning is not None else self._engine_message

    def has_local_problem(self) -> bool:
        """What was typed could not be read (nothing was saved)."""
        return bool(self._local_problem)

    def needs_confirmation(self) -> bool:
        """A soft check fails here and is not confirmed (and the typing is readable)."""
        return not self._local_problem and self._warning is not None and not self._warning[1]

    def _update_message(self) -> None:
        text = self.shown_message()
        warning = self._warning if not self._local_problem else None
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))
        set_colour(self.message, WARNING_COLOUR if warning is not None else ERROR_COLOUR)
        self.confirm_box.setVisible(warning is not None)
        self.confirm_box.setChecked(warning is not None and warning[1])
        self._set_problem(bool(text) and not (warning is not None and warning[1]))

    def focus_confirm(self) -> bool:
        """Put the focus on the soft check's box, if it is shown and can be ticked."""
        if self.confirm_box.isVisibleTo(self) and self.confirm_box.isEnabled():
            self.confirm_box.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def retranslate(self) -> None:
        self.media.retranslate()
        self.guidance.retranslate()
        self.confirm_box.setText(self.tr("I confirmed this answer with the respondent"))
        self.confirm_box.setToolTip(
            self.tr(
                "The answer is unusual but true: tick after checking it with the respondent"
                " (Space). It is recorded with the interview."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- keyboard ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.confirm_box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.advance.emit()
            return True
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, next: bool) -> bool:
        moved = super().focusNextPrevChild(next)
        if next:
            now = QApplication.focusWidget()
            if now is None or not self.isAncestorOf(now):
                self.tabbed_out.emit()
        return moved

    def set_current(self, current: bool) -> None:
        if current != self.current:
            self.current = current
            self.update()

    def _set_problem(self, on: bool) -> None:
        if on != self.has_problem:
            self.has_problem = on
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A light background under the focus; an edge: blue there, red on a problem."""
        if not (self.current or self.has_problem):
            return
        painter = QPainter(self)
        if self.current:
            painter.fillRect(self.rect(), QColor(CURRENT_BACKGROUND))
        edge = QRect(0, 0, EDGE_WIDTH, self.height())
        colour = CURRENT_EDGE
        if self.has_problem:
            colour = WARNING_COLOUR if self.needs_confirmation() else ERROR_COLOUR
        painter.fillRect(edge, QColor(colour))
