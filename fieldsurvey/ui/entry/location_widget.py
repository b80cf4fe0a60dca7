"""Places typed or pasted: ``geopoint`` on one line, ``geotrace`` and ``geoshape`` one
point per line, with the format always in sight and a read-back of what will be saved.

A laptop has no GPS and, offline, no map: the enumerator types the coordinates or pastes
them from a phone's map app ("21.0390, 105.8587"; accuracy optional, "±12 m"). What is
accepted is listed in :mod:`fieldsurvey.forms.geo_text`; what it cannot read is said
under the question and nothing is saved. The ``maps`` and ``placement-map`` appearances
ask for a map: the widget says a map is not shown on a laptop. The stored value is
ODK's (``lat lon alt acc``, points joined by ``;``); the box shows it readably
("21.039027, 105.858699 ±12 m"), and text left as shown is not saved again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from fieldsurvey import messages
from fieldsurvey.forms import geo_text
from fieldsurvey.forms import number_reading as nr
from fieldsurvey.forms.geo_text import GeoProblem, GeoReading
from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry import form_text
from fieldsurvey.ui.entry import value_parsing as vp
from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.line_answer import LineAnswer

HINT_COLOUR = "#4a4a4a"  # 9:1 on the window's grey


def problem_text(reading: GeoReading, kind: str = "point") -> str:
    """Why typed text is not a place, translated; ``kind`` is ``point``, ``line`` or
    ``shape`` (a list of points names the point that is wrong)."""
    problem = reading.problem
    if problem is GeoProblem.UNCLEAR_COMMAS:
        text = QCoreApplication.translate(
            "LocationAnswer",
            "Write decimals with a point and put a comma and a space between latitude and"
            " longitude: 21.0285, 105.8542.",
        )
    elif problem is GeoProblem.OUT_OF_RANGE:
        text = QCoreApplication.translate(
            "LocationAnswer", "Latitude must be between -90 and 90, longitude between -180 and 180."
        )
    elif problem is GeoProblem.SWAPPED:
        text = QCoreApplication.translate(
            "LocationAnswer", "Latitude comes first: did you mean {place}?"
        ).format(place=reading.swapped)
    elif problem is GeoProblem.BAD_ACCURACY:
        text = QCoreApplication.translate(
            "LocationAnswer", "The accuracy is a distance in metres: 0 or more."
        )
    elif problem is GeoProblem.TOO_FEW_POINTS:
        return (
            QCoreApplication.translate(
                "LocationAnswer", "An area needs at least 3 corners, one per line."
            )
            if kind == "shape"
            else QCoreApplication.translate(
                "LocationAnswer", "A line needs at least 2 points, one per line."
            )
        )
    else:
        text = QCoreApplication.translate(
            "LocationAnswer", "Type latitude and longitude, for example 21.0285, 105.8542."
        )
    if kind != "point" and reading.point is not None:
        return QCoreApplication.translate("LocationAnswer", "Point {number}: {problem}").format(
            number=reading.point, problem=text
        )
    return text


def hint_label(parent: QWidget) -> QLabel:
    """The format, in a quieter colour and a readable width beside the box."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("n" * 40))
    label.setMaximumWidth(label.fontMetrics().horizontalAdvance("n" * 90))
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(HINT_COLOUR))
    label.setPalette(palette)
    return label


def map_note(node: Node) -> str:
    """What the ``maps``/``placement-map`` appearances would show, said ("" without)."""
    if form_text.appearances(node) & {"maps", "placement-map"}:
        return QCoreApplication.translate(
            "LocationAnswer", "No map on a laptop: type or paste the coordinates."
        )
    return ""


class GeopointAnswer(LineAnswer):
    """``geopoint``: one place on one line, read back as it will be saved."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(
            node, parent, parse=self._parse, show=geo_text.describe_point, stretch=False
        )
        metrics = self.edit.fontMetrics()
        self.edit.setMaximumWidth(metrics.horizontalAdvance("0" * 34) + 24)
        self.edit.setMinimumWidth(metrics.horizontalAdvance("0" * 26))
        self.format_hint = hint_label(self)
        self.readback = QLabel(self)
        self.readback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.readback)
        column.addWidget(self.format_hint)
        self.box.addLayout(column)
        self.box.addStretch(1)
        self.box.setAlignment(self.edit, Qt.AlignmentFlag.AlignTop)
        self.edit.textChanged.connect(self._read_back)
        self.retranslate()

    @staticmethod
    def _parse(text: str) -> str | None:
        reading = geo_text.read_point(text)
        if reading.problem is not None:
            raise vp.InputProblem(problem_text(reading))
        return reading.value

    def _read_back(self, text: str) -> None:
        reading = geo_text.read_point(text)
        shown = geo_text.describe_point(reading.value) if reading.value else ""
        self.readback.setText(f"→ {shown}" if shown and shown != text.strip() else "")
        self.readback.setVisible(bool(self.readback.text()))

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(
            QCoreApplication.translate("LocationAnswer", "latitude, longitude")
        )
        hint = QCoreApplication.translate(
            "LocationAnswer",
            "Latitude, longitude in degrees, e.g. 21.0285, 105.8542; accuracy optional: ±10 m."
            " A place copied from a phone's map app can be pasted.",
        )
        note = map_note(self.node)
        self.format_hint.setText(f"{hint} {note}".strip())
        self._read_back(self.edit.text())


class GeoPathAnswer(AnswerWidget):
    """``geotrace`` (a line) or ``geoshape`` (an area): one point per line. Enter starts
    the next point, Tab moves on; saved when the enumerator leaves the box."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.shape = node.type == "geoshape"
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        metrics = self.edit.fontMetrics()
        self.edit.setFixedHeight(metrics.lineSpacing() * 5 + 14)
        self.edit.setFixedWidth(metrics.horizontalAdvance("0" * 34) + 24)
        self.edit.installEventFilter(self)
        self.format_hint = hint_label(self)
        self.readback = QLabel(self)
        self.readback.setWordWrap(True)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.readback)
        column.addWidget(self.format_hint)
        column.addStretch(1)
        self.box.addWidget(self.edit)
        self.box.addLayout(column)
        self.box.addStretch(1)
        self._shown_text = ""
        self.edit.textChanged.connect(self._read_back)
        self.retranslate()

    def _reading(self) -> GeoReading:
        return geo_text.read_points(self.edit.toPlainText(), shape=self.shape)

    def _show(self, value: Any) -> None:
        lines = geo_text.describe_points(value) if isinstance(value, str) else []
        self.edit.setPlainText("\n".join(lines) if lines else ("" if value is None else str(value)))
        self._shown_text = self.edit.toPlainText()
        self._set_problem("")

    def flush(self) -> None:
        if self._read_only:
            return
        if self._value is not None and self.edit.toPlainText() == self._shown_text:
            self._set_problem("")
            return
        reading = self._reading()
        if reading.problem is not None:
            self._set_problem(problem_text(reading, "shape" if self.shape else "line"))
            return
        self._set_problem("")
        self._commit(reading.value)

    def _read_back(self) -> None:
        reading = self._reading()
        if reading.value is None:
            self.readback.setText("")
        else:
            lang = messages.language()
            count = len(geo_text.describe_points(reading.value))
            if self.shape:
                hectares = geo_text.shape_area(reading.value) / 10_000
                text = QCoreApplication.translate(
                    "LocationAnswer", "→ {count} corners, area {area} ha"
                ).format(count=count, area=nr.format_number(round(hectares, 2), lang))
            else:
                km = geo_text.trace_length(reading.value) / 1000
                text = QCoreApplication.translate(
                    "LocationAnswer", "→ {count} points, {length} km long"
                ).format(count=count, length=nr.format_number(round(km, 3), lang))
            self.readback.setText(text)
        self.readback.setVisible(bool(self.readback.text()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        if event.type() == QEvent.Type.KeyPress:
            return False  # Enter starts the next point, not the next question
        return super().eventFilter(watched, event)

    def handle_enter(self) -> bool:
        self.flush()
        return not self._problem

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.edit.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.edit

    def retranslate(self) -> None:
        if self.shape:
            hint = QCoreApplication.translate(
                "LocationAnswer",
                "One corner per line: latitude, longitude (e.g. 21.0285, 105.8542), at"
                " least 3; the area is closed for you. Enter starts the next corner, Tab"
                " moves on.",
            )
        else:
            hint = QCoreApplication.translate(
                "LocationAnswer",
                "One point per line: latitude, longitude (e.g. 21.0285, 105.8542), at"
                " least 2. Enter starts the next point, Tab moves on.",
            )
        self.format_hint.setText(f"{hint} {map_note(self.node)}".strip())
        self.edit.setPlaceholderText(
            QCoreApplication.translate(
                "LocationAnswer", "latitude, longitude\nlatitude, longitude\n…"
            )
        )
        self._read_back()
