"""Answer widgets for typed answers: text, numbers, dates, times, places, files, ticks.

Typed answers use a ``QLineEdit`` (never a spin box), so "no answer" stays possible and
Vietnamese input methods work as in any text box. The widget for a node comes from
:func:`make_answer_widget`, which also picks the select widgets of ``choice_widgets``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from fieldsurvey import messages
from fieldsurvey.forms import number_reading as nr
from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry import choice_widgets
from fieldsurvey.ui.entry import value_parsing as vp
from fieldsurvey.ui.entry.answer_widget import AnswerWidget, shortcut

Parser = Callable[[str], Any]
Formatter = Callable[[Any], str]


class LineAnswer(AnswerWidget):
    """A one-line typed answer, parsed when the enumerator leaves the box or presses Enter."""

    def __init__(
        self,
        node: Node,
        parent: QWidget | None = None,
        *,
        parse: Parser = lambda text: text if text.strip() else None,
        show: Formatter | None = None,
        allowed: str | None = None,
        stretch: bool = True,
    ) -> None:
        super().__init__(node, parent)
        self.parse = parse
        self.format = show or _text
        self.edit = QLineEdit(self)
        if allowed:
            self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(allowed)))
        self.edit.editingFinished.connect(self.flush)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("n" * 64))
        self.box.addWidget(self.edit, 1)
        if stretch:  # keep the box at the left when it is narrower than the page
            self.box.addStretch(0)
        self.watch_enter(self.edit)

    def _show(self, value: Any) -> None:
        self.edit.setText(self.format(value))
        self._set_problem("")

    def flush(self) -> None:
        if self._read_only:
            return
        try:
            value = self.parse(self.edit.text())
        except vp.InputProblem as problem:
            self._set_problem(QCoreApplication.translate("InputProblem", str(problem)))
            return
        self._set_problem("")
        self._commit(value)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.edit.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.edit


class NumberAnswer(LineAnswer):
    """Integer or decimal, read in the app's language (Vietnamese ``1.500`` and ``12,5``,
    English ``1,500`` and ``12.5``) and read back beside the box as it is typed, before
    it is saved: "→ 1.500 (một nghìn năm trăm)". A number that could mean two things is
    not saved: the message asks for it again (:mod:`fieldsurvey.forms.number_reading`)."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        self.whole = node.type == "integer" or (
            node.type == "range" and "." not in "".join(node.parameters.values())
        )
        super().__init__(node, parent, allowed=vp.NUMBER_CHARS, stretch=False)
        self.parse = self._parse
        self.format = self._box_text
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 18) + 24)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.readback = QLabel(self)
        self.readback.setWordWrap(True)
        self.readback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box.addWidget(self.readback, 1)
        self.bounds = _range_bounds(node)
        self._shown_text = ""
        self.edit.textChanged.connect(self._read_back)
        self.retranslate()

    @staticmethod
    def _lang() -> str:
        return messages.language()

    def _parse(self, text: str) -> int | float | None:
        reading = nr.read_number(text, self._lang(), whole=self.whole)
        if reading.problem is not None:
            raise vp.InputProblem(vp.number_problem(reading, self._lang(), whole=self.whole))
        return reading.value

    def _box_text(self, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "" if value is None else str(value)
        return nr.typing_form(value, self._lang())

    def _show(self, value: Any) -> None:
        super()._show(value)
        self._shown_text = self.edit.text()

    def _read_back(self, text: str) -> None:
        """What the box will save, written out, as it is typed ("" while unreadable)."""
        value = nr.read_number(text, self._lang(), whole=self.whole).value
        self.readback.setText("" if value is None else f"→ {nr.read_back(value, self._lang())}")

    def flush(self) -> None:
        if not self._read_only and self.bounds is not None:
            try:
                value = self.parse(self.edit.text())
            except vp.InputProblem:
                value = None
            low, high = self.bounds
            if value is not None and not low <= value <= high:
                text = self.tr("Choose a number from {low} to {high}.")
                lang = self._lang()
                self._set_problem(
                    text.format(low=nr.format_number(low, lang), high=nr.format_number(high, lang))
                )
                return
        super().flush()

    def retranslate(self) -> None:
        """The marks of the new language: the box, if untouched, and the read-back follow."""
        self.edit.setToolTip(
            self.tr("A comma separates thousands and a point marks decimals: 1,500 or 12.5.")
        )
        if self.edit.text() == self._shown_text:
            self._show(self._value)
        self._read_back(self.edit.text())


def _range_bounds(node: Node) -> tuple[float, float] | None:
    if node.type != "range":
        return None
    try:
        return float(node.parameters.get("start", 1)), float(node.parameters.get("end", 10))
    except ValueError:
        return None


class DateAnswer(LineAnswer):
    """A date typed as day/month/year, or picked from a calendar (F4 or the button)."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(
            node, parent, parse=vp.parse_date, show=vp.format_date, allowed=vp.DATE_CHARS,
            stretch=False,
        )  # fmt: skip
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 40)
        self.pick = QToolButton(self)
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F4 opens it from the keyboard
        self.pick.clicked.connect(self.open_calendar)
        self.box.addWidget(self.pick)
        self.box.addStretch(1)
        self.calendar: QCalendarWidget | None = None
        shortcut(Qt.Key.Key_F4, self.edit, self.open_calendar, Qt.ShortcutContext.WidgetShortcut)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.pick.setText(self.tr("Calendar…"))
        self.pick.setToolTip(self.tr("Pick the date from a calendar (F4)"))

    def open_calendar(self) -> None:
        if self._read_only:
            return
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.setGridVisible(True)
        current = self._value if isinstance(self._value, str) else None
        if current:
            calendar.setSelectedDate(QDate.fromString(current[:10], Qt.DateFormat.ISODate))
        calendar.activated.connect(self._picked)
        calendar.clicked.connect(self._picked)
        calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.close()
            self.calendar = None
        self.edit.setText(vp.format_date(day.toString(Qt.DateFormat.ISODate)))
        self.flush()
        self.edit.setFocus()


class FileAnswer(AnswerWidget):
    """An image or file attached from disk; the answer is the file's path."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.shown = QLineEdit(self)
        self.shown.setReadOnly(True)
        self.shown.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choose = QPushButton(self)
        self.remove = QPushButton(self)
        self.choose.clicked.connect(self._choose)
        self.remove.clicked.connect(self._remove)
        for widget in (self.shown, self.choose, self.remove):
            self.box.addWidget(widget)
        self.box.setStretch(0, 1)
        self.watch_enter(self.choose, self.remove)
        self.retranslate()

    @classmethod
    def ask_path(cls, parent: QWidget, caption: str, images: bool) -> str | None:
        """The file the enumerator picks, or None (tests replace this)."""
        pattern = QCoreApplication.translate("FileAnswer", "Images (*.jpg *.jpeg *.png)")
        path, _filter = QFileDialog.getOpenFileName(parent, caption, "", pattern if images else "")
        return path or None

    def _choose(self) -> None:
        path = self.ask_path(self, self.tr("Attach a file"), self.node.type == "image")
        if path:
            self._commit(str(Path(path)))
            self._show(self._value)

    def _remove(self) -> None:
        self._commit(None)
        self._show(None)

    def _show(self, value: Any) -> None:
        self.shown.setText(Path(value).name if isinstance(value, str) and value else "")
        self.shown.setToolTip(value if isinstance(value, str) else "")
        self.remove.setEnabled(bool(value) and not self._read_only)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.choose.setEnabled(not read_only)
        self._show(self._value)

    def focus_target(self) -> QWidget:
        return self.choose

    def retranslate(self) -> None:
        self.shown.setPlaceholderText(self.tr("No file attached"))
        self.choose.setText(self.tr("Choose file…"))
        self.remove.setText(self.tr("Remove"))


class AcknowledgeAnswer(AnswerWidget):
    """A tick box; ticked is the answer ``"OK"``."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.check = QCheckBox(self)
        self.check.toggled.connect(lambda on: self._commit("OK" if on else None))
        self.box.addWidget(self.check)
        self.box.addStretch(1)
        self.watch_enter(self.check)
        self.retranslate()

    def _show(self, value: Any) -> None:
        self.check.blockSignals(True)
        self.check.setChecked(bool(value))
        self.check.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.check.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.check

    def retranslate(self) -> None:
        self.check.setText(self.tr("Yes, noted"))


class ValueDisplay(AnswerWidget):
    """A calculated value, shown read-only."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.text = QLabel(self)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.text.font()
        font.setBold(True)
        self.text.setFont(font)
        self.box.addWidget(self.text, 1)
        self._read_only = True

    def _show(self, value: Any) -> None:
        """Numbers the way the app reads them (``0,5`` in Vietnamese, ``0.5`` in English)."""
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            self.text.setText(nr.format_number(value, messages.language()))
        else:
            self.text.setText("—" if value in (None, "") else vp.format_number(value))

    def retranslate(self) -> None:
        self._show(self._value)


class NoAnswer(AnswerWidget):
    """A note: the label is everything."""

    def _show(self, value: Any) -> None:
        pass


def _line(parse: Parser, show: Formatter, allowed: str, placeholder: str) -> type[LineAnswer]:
    class Typed(LineAnswer):
        def __init__(self, node: Node, parent: QWidget | None = None) -> None:
            super().__init__(node, parent, parse=parse, show=show, allowed=allowed, stretch=False)
            self.box.addStretch(1)
            self.retranslate()

        def retranslate(self) -> None:
            text = QCoreApplication.translate("LineAnswer", placeholder)
            self.edit.setPlaceholderText(text)
            metrics = self.edit.fontMetrics()
            wide = max(metrics.horizontalAdvance(text), metrics.horizontalAdvance("0" * 24))
            self.edit.setMaximumWidth(wide + 32)

    return Typed


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _parse_datetime(text: str) -> str | None:
    parts = text.replace("T", " ").split()
    if not parts:
        return None
    day = vp.parse_date(parts[0])
    clock = vp.parse_time(parts[1]) if len(parts) > 1 else "00:00:00"
    return f"{day}T{clock}"


def _show_datetime(value: Any) -> str:
    if not isinstance(value, str) or not value:
        return ""
    day, _sep, clock = value.partition("T")
    return f"{vp.format_date(day)} {vp.format_time(clock)}".strip()


TimeAnswer = _line(vp.parse_time, vp.format_time, vp.TIME_CHARS, "hh:mm")
DateTimeAnswer = _line(_parse_datetime, _show_datetime, r"^[0-9/.\-\s:hHT]*$", "dd/mm/yyyy hh:mm")
GeopointAnswer = _line(
    vp.parse_geopoint, _text, vp.GEOPOINT_CHARS, "latitude longitude, e.g. 21.0285 105.8542"
)
# Marked for translation (lupdate reads these literals):
_PLACEHOLDERS = (
    QT_TRANSLATE_NOOP("LineAnswer", "hh:mm"),
    QT_TRANSLATE_NOOP("LineAnswer", "dd/mm/yyyy hh:mm"),
    QT_TRANSLATE_NOOP("LineAnswer", "latitude longitude, e.g. 21.0285 105.8542"),
)

#: Types that are never shown (metadata and values the engine fills in).
HIDDEN_TYPES = frozenset(
    {"start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
     "phonenumber", "audit", "start-geopoint", "background-audio", "hidden",
     "xml-external", "csv-external"}
)  # fmt: skip
SELECT_TYPES = frozenset(
    {"select_one", "select_multiple", "select_one_external", "select_one_from_file",
     "select_multiple_from_file", "rank"}
)  # fmt: skip


def is_shown(node: Node) -> bool:
    """Whether ``node`` appears on a page (calculates only when they have a label)."""
    if node.kind != "question" or node.type in HIDDEN_TYPES:
        return False
    return node.type != "calculate" or bool(node.label)


def make_answer_widget(
    node: Node, parent: QWidget | None = None, *, choice_count: int | None = None
) -> AnswerWidget:
    """The widget for ``node``'s type (text for types a laptop cannot capture otherwise)."""
    kind = node.type
    if kind in SELECT_TYPES:
        return choice_widgets.make_select_widget(node, parent, choice_count)
    factories: dict[str, Callable[[Node, QWidget | None], AnswerWidget]] = {
        "integer": NumberAnswer, "decimal": NumberAnswer, "range": NumberAnswer,
        "date": DateAnswer, "time": TimeAnswer, "dateTime": DateTimeAnswer,
        "geopoint": GeopointAnswer, "image": FileAnswer, "file": FileAnswer,
        "audio": FileAnswer, "video": FileAnswer, "acknowledge": AcknowledgeAnswer,
        "trigger": AcknowledgeAnswer, "calculate": ValueDisplay, "note": NoAnswer,
    }  # fmt: skip
    factory = factories.get(kind)
    if factory is not None:
        return factory(node, parent)
    return LineAnswer(node, parent)
