"""Text answers by appearance: ``multiline``, ``masked``, ``numbers`` and ``url``.

``multiline`` is a box of several lines: Enter starts a new line, Tab moves on, and the
text is saved when the enumerator leaves the box. ``masked`` hides what is typed (a
password or an ID read aloud in public), with a button to look at it. ``numbers`` takes
only what a phone's number pad gives (digits, ``+ - . , `` and spaces) and keeps the text
as typed, leading zeros included (a phone number). ``url`` shows a link to open, as ODK
shows a form's link; it opens in the browser only when the enumerator asks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QPushButton, QToolButton, QWidget

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.line_answer import LineAnswer

NUMBERS_CHARS = r"^[0-9+\-.,\s]*$"


class MultilineAnswer(AnswerWidget):
    """``multiline``: several lines; saved when the enumerator leaves the box (Tab)."""

    def __init__(self, node: Node, parent: QWidget | None = None, lines: int = 4) -> None:
        super().__init__(node, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        metrics = self.edit.fontMetrics()
        self.edit.setFixedHeight(metrics.lineSpacing() * lines + 14)
        self.edit.setMaximumWidth(metrics.horizontalAdvance("n" * 72))
        self.edit.installEventFilter(self)
        self.box.addWidget(self.edit, 1)
        self.box.addStretch(0)
        self._shown_text = ""
        self.retranslate()

    def _text_value(self) -> Any:
        text = self.edit.toPlainText()
        return text if text.strip() else None

    def _show(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))
        self._shown_text = self.edit.toPlainText()

    def flush(self) -> None:
        if not self._read_only and self.edit.toPlainText() != self._shown_text:
            self._commit(self._text_value())
            self._shown_text = self.edit.toPlainText()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        if event.type() == QEvent.Type.KeyPress:
            return False  # Enter is a new line here, not "next question"
        return super().eventFilter(watched, event)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.edit.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.edit

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(
            self.tr("Several lines: Enter starts a new line, Tab moves on")
        )


class MaskedAnswer(LineAnswer):
    """``masked``: the text is hidden as it is typed; the eye button shows it a moment."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent, stretch=False)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.reveal = QToolButton(self)
        self.reveal.setCheckable(True)
        self.reveal.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reveal.toggled.connect(
            lambda on: self.edit.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.box.addWidget(self.reveal)
        self.box.addStretch(1)
        self.edit.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.reveal.setChecked(False)  # never left readable on screen
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.reveal.setText(self.tr("Show"))
        self.reveal.setToolTip(self.tr("Show the hidden text (press again to hide it)"))


class NumbersTextAnswer(LineAnswer):
    """``numbers`` on a text question: a number pad's characters, kept as text."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent, allowed=NUMBERS_CHARS, stretch=False)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 34) + 24)
        self.box.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Digits, e.g. 0912 345 678"))


class UrlAnswer(LineAnswer):
    """``url``: the link the form gives (or that is typed), with a button to open it."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent, stretch=False)
        self.open = QPushButton(self)
        self.open.clicked.connect(self.open_link)
        self.box.addWidget(self.open)
        self.box.addStretch(1)
        self.edit.textChanged.connect(lambda _t: self._update())
        self.retranslate()

    def link(self) -> QUrl | None:
        url = QUrl.fromUserInput(self.edit.text().strip())
        return url if url.isValid() and url.scheme() in ("http", "https") else None

    def _update(self) -> None:
        self.open.setEnabled(self.link() is not None)

    def open_link(self) -> None:
        url = self.link()
        if url is not None:
            QDesktopServices.openUrl(url)

    def retranslate(self) -> None:
        self.edit.setPlaceholderText("https://…")
        self.open.setText(self.tr("Open link"))
        self.open.setToolTip(self.tr("Open this address in the web browser"))
        self._update()
