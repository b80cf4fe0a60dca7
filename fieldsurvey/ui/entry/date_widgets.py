"""Dates and times, typed or picked: F4 (or the button) opens the picker.

``date`` is typed day/month/year or picked on a calendar; ``month-year`` month/year (the
calendar picks the month), ``year`` four digits. ODK stores both as a full date, the
first day of the month or year (``1990-03-01``, ``1990-01-01``). ``time`` is typed
hours:minutes or set in a clock (↑/↓ change the highlighted part, ←/→ move between
hours and minutes, Enter keeps it); ``dateTime`` is both, the calendar then the clock.
Esc closes a picker without changing anything.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QEvent,
    QObject,
    Qt,
    QTime,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLabel,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry import form_text
from fieldsurvey.ui.entry import value_parsing as vp
from fieldsurvey.ui.entry.answer_widget import shortcut
from fieldsurvey.ui.entry.line_answer import Formatter, LineAnswer, Parser

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
#: Placeholders, marked for translation (lupdate reads these literals).
_PLACEHOLDERS = (
    QT_TRANSLATE_NOOP("DateAnswer", "dd/mm/yyyy"),
    QT_TRANSLATE_NOOP("DateAnswer", "mm/yyyy"),
    QT_TRANSLATE_NOOP("DateAnswer", "yyyy"),
    QT_TRANSLATE_NOOP("DateAnswer", "hh:mm"),
    QT_TRANSLATE_NOOP("DateAnswer", "dd/mm/yyyy hh:mm"),
)


class PickerPopup(QFrame):
    """A calendar and/or a clock under the box; ``picked(date, time)`` on Enter or click."""

    def __init__(
        self,
        parent: QWidget,
        picked: Callable[[QDate | None, QTime | None], None],
        *,
        with_calendar: bool,
        with_clock: bool,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.picked = picked
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.calendar: QCalendarWidget | None = None
        self.clock: QTimeEdit | None = None
        if with_calendar:
            self.calendar = QCalendarWidget(self)
            self.calendar.setGridVisible(True)
            self.calendar.activated.connect(self._day_done)
            self.calendar.clicked.connect(self._day_done)
            layout.addWidget(self.calendar)
        if with_clock:
            self.clock_note = QLabel(self)
            self.clock_note.setText(
                self.tr("↑/↓ change, ←/→ hours or minutes, Enter keeps the time")
            )
            self.clock = QTimeEdit(self)
            self.clock.setDisplayFormat("HH:mm")
            self.clock.installEventFilter(self)
            layout.addWidget(self.clock_note)
            layout.addWidget(self.clock)

    def start(self, anchor: QWidget, day: QDate | None, clock: QTime | None) -> None:
        """Show under ``anchor`` on ``day`` (else today) and ``clock`` (else noon)."""
        if self.calendar is not None:
            self.calendar.setSelectedDate(
                day if day is not None and day.isValid() else QDate.currentDate()
            )
        if self.clock is not None:
            self.clock.setTime(clock if clock is not None and clock.isValid() else QTime(12, 0))
        self.move(anchor.mapToGlobal(anchor.rect().bottomLeft()))
        self.show()
        first = self.calendar or self.clock
        if first is not None:
            first.setFocus()

    def _day_done(self, _day: QDate) -> None:
        if self.clock is not None:
            self.clock.setFocus()  # the time next
            self.clock.selectAll()
        else:
            self._finish()

    def _finish(self) -> None:
        day = self.calendar.selectedDate() if self.calendar is not None else None
        clock = self.clock.time() if self.clock is not None else None
        self.hide()
        self.picked(day, clock)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.clock
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER
        ):
            self._finish()
            return True
        return super().eventFilter(watched, event)


class PickedLine(LineAnswer):
    """A typed date or time with a picker (F4 or the button)."""

    #: The placeholder (marked in "DateAnswer") and which pickers the popup has.
    placeholder = "dd/mm/yyyy"
    sample = "00/00/00000"
    with_calendar, with_clock = True, False

    def __init__(
        self, node: Node, parent: QWidget | None, parse: Parser, show: Formatter, allowed: str
    ) -> None:
        super().__init__(node, parent, parse=parse, show=show, allowed=allowed, stretch=False)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance(self.sample) + 40)
        self.pick = QToolButton(self)
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F4 opens it from the keyboard
        self.pick.clicked.connect(self.open_picker)
        self.box.addWidget(self.pick)
        self.box.addStretch(1)
        self.popup: PickerPopup | None = None
        shortcut(Qt.Key.Key_F4, self.edit, self.open_picker, Qt.ShortcutContext.WidgetShortcut)
        self.retranslate()

    def open_picker(self) -> None:
        if self._read_only or not (self.with_calendar or self.with_clock):
            return
        current = self._value if isinstance(self._value, str) else ""
        day_text, _t, clock_text = current.partition("T") if "T" in current else (current, "", "")
        if not self.with_calendar:
            day_text, clock_text = "", current
        day = QDate.fromString(day_text[:10], Qt.DateFormat.ISODate) if day_text else None
        clock = QTime.fromString(clock_text[:5], "HH:mm") if clock_text else None
        if self.popup is None:  # made once, shown again each time
            self.popup = PickerPopup(
                self, self._picked, with_calendar=self.with_calendar, with_clock=self.with_clock
            )
        self.popup.start(self.edit, day, clock)

    @property
    def calendar(self) -> QCalendarWidget | None:
        return self.popup.calendar if self.popup is not None and self.popup.isVisible() else None

    def _picked(self, day: QDate | None, clock: QTime | None) -> None:
        self.edit.setText(self.picked_text(day, clock))
        self.flush()
        self.edit.setFocus()

    def picked_text(self, day: QDate | None, clock: QTime | None) -> str:
        return vp.format_date(day.toString(Qt.DateFormat.ISODate)) if day is not None else ""

    def retranslate(self) -> None:
        # Translated in the "DateAnswer" context whatever the subclass (PySide's tr() would
        # look in the subclass's own context).
        self.edit.setPlaceholderText(QCoreApplication.translate("DateAnswer", self.placeholder))
        if self.with_calendar:
            self.pick.setText(QCoreApplication.translate("DateAnswer", "Calendar…"))
            self.pick.setToolTip(
                QCoreApplication.translate("DateAnswer", "Pick the date from a calendar (F4)")
            )
        else:
            self.pick.setText(QCoreApplication.translate("DateAnswer", "Clock…"))
            self.pick.setToolTip(
                QCoreApplication.translate("DateAnswer", "Set the time on a clock (F4)")
            )

    # The calendar of earlier versions (tests and the roster grid open it by this name).
    def open_calendar(self) -> None:
        self.open_picker()


class DateAnswer(PickedLine):
    """A date typed as day/month/year, or picked from a calendar (F4 or the button)."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent, vp.parse_date, vp.format_date, vp.DATE_CHARS)


class MonthYearAnswer(PickedLine):
    """``month-year``: month/year, stored as the month's first day."""

    placeholder, sample = "mm/yyyy", "00/00000"

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent, vp.parse_month_year, vp.format_month_year, vp.DATE_CHARS)

    def picked_text(self, day: QDate | None, clock: QTime | None) -> str:
        return f"{day.month():02d}/{day.year():04d}" if day is not None else ""


class YearAnswer(PickedLine):
    """``year``: four digits, stored as the year's first day (no picker)."""

    placeholder, sample = "yyyy", "000000"
    with_calendar = False

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent, vp.parse_year, vp.format_year, r"^[0-9]{0,4}$")
        self.pick.hide()


class TimeAnswer(PickedLine):
    """``time``: hours:minutes typed, or set on a clock (F4)."""

    placeholder, sample = "hh:mm", "00:00000"
    with_calendar, with_clock = False, True

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent, vp.parse_time, vp.format_time, vp.TIME_CHARS)

    def picked_text(self, day: QDate | None, clock: QTime | None) -> str:
        return clock.toString("HH:mm") if clock is not None else ""


class DateTimeAnswer(PickedLine):
    """``dateTime``: day/month/year hours:minutes, or the calendar then the clock (F4)."""

    placeholder, sample = "dd/mm/yyyy hh:mm", "00/00/0000 00:00000"
    with_calendar, with_clock = True, True

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent, vp.parse_datetime, vp.format_datetime, r"^[0-9/.\-\s:hHT]*$")

    def picked_text(self, day: QDate | None, clock: QTime | None) -> str:
        text = vp.format_date(day.toString(Qt.DateFormat.ISODate)) if day is not None else ""
        return f"{text} {clock.toString('HH:mm')}" if clock is not None else text


def make_date_widget(node: Node, parent: QWidget | None) -> PickedLine:
    """The widget of a ``date`` for its appearance (``month-year``, ``year``)."""
    words = form_text.appearances(node)
    if "year" in words:
        return YearAnswer(node, parent)
    if "month-year" in words:
        return MonthYearAnswer(node, parent)
    return DateAnswer(node, parent)
