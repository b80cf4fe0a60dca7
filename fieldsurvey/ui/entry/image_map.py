"""``image-map``: choices picked on the question's SVG picture, with the list beside it.

In ODK the label's ``image`` is an SVG whose shapes carry the choice names as ``id``; a
click on a shape picks (or, for select_multiple, ticks) that choice. Here the picture is
drawn with the chosen shapes highlighted and a click on a shape picks it; the keyboard
uses the ordinary choice list under it (the numbers, ↑/↓, Space), which is also the
fallback, with the reason said, when the form has no SVG or the laptop does not have it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.choice_widgets import LONG_LIST, ButtonSelect, ListSelect, _as_list
from fieldsurvey.ui.entry.label_text import form_media

MAP_SIZE = QSize(560, 300)
CHOSEN = QColor(29, 95, 168, 110)


class SvgMap(QWidget):
    """The SVG drawn to fit, chosen shapes highlighted; a click names the shape's choice."""

    clicked_choice = Signal(str)

    def __init__(self, renderer: QSvgRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.names: list[str] = []
        self.chosen: set[str] = set()
        size = renderer.defaultSize().scaled(MAP_SIZE, Qt.AspectRatioMode.KeepAspectRatio)
        self.setFixedSize(size)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def _scale(self) -> tuple[float, float]:
        view = self.renderer.viewBoxF()
        if view.isEmpty():
            return 1.0, 1.0
        return self.width() / view.width(), self.height() / view.height()

    def shape_rect(self, name: str) -> QRectF:
        """Where the shape of choice ``name`` is drawn (empty when the SVG has none)."""
        if not self.renderer.elementExists(name):
            return QRectF()
        bounds = self.renderer.transformForElement(name).mapRect(
            self.renderer.boundsOnElement(name)
        )
        view = self.renderer.viewBoxF()
        sx, sy = self._scale()
        return QRectF(
            (bounds.x() - view.x()) * sx, (bounds.y() - view.y()) * sy,
            bounds.width() * sx, bounds.height() * sy,
        )  # fmt: skip

    def choice_at(self, point: QPointF) -> str | None:
        """The choice whose shape is under ``point`` (the smallest one, when nested)."""
        hits = [(r.width() * r.height(), n) for n in self.names
                if (r := self.shape_rect(n)).contains(point)]  # fmt: skip
        return min(hits)[1] if hits else None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.renderer.render(painter, QRectF(self.rect()))
        for name in self.chosen:
            rect = self.shape_rect(name)
            if not rect.isEmpty():
                painter.fillRect(rect, CHOSEN)
                painter.setPen(QColor(29, 95, 168))
                painter.drawRect(rect)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        name = self.choice_at(event.position())
        if name is not None:
            self.clicked_choice.emit(name)


class ImageMapSelect(AnswerWidget):
    """The picture (when there is one) and the choice list, kept in step."""

    def __init__(self, node: Node, parent: QWidget | None = None, count: int | None = None) -> None:
        super().__init__(node, parent)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.map: SvgMap | None = None
        long_list = count is not None and count > LONG_LIST
        self.inner: ButtonSelect | ListSelect = (
            ListSelect(node, self) if long_list else ButtonSelect(node, self)
        )
        self.inner.committed.connect(self._inner_committed)
        self.inner.enter_pressed.connect(self.enter_pressed)
        self.inner.problem.connect(self.problem)
        column.addWidget(self.note)
        column.addWidget(self.inner)
        self.column = column
        self.box.addLayout(column, 1)
        self._file = ""
        self._offered: list[str] = []
        self._renderer: QSvgRenderer | None = None
        self.set_form_media(None, {})

    # --- the picture ----------------------------------------------------------------------
    def set_form_media(self, form: object, files: dict[str, str]) -> None:
        """Draw the label's ``image`` (an SVG of the form) above the list, or say why not."""
        file_name = files.get("image", "")
        if self.map is not None and file_name == self._file:
            return
        self._file = file_name
        data = form_media(form, file_name) if file_name else None
        renderer = QSvgRenderer(QByteArray(data)) if data else None
        if self.map is not None:
            self.column.removeWidget(self.map)
            self.map.deleteLater()
            self.map = None
        if renderer is not None and renderer.isValid():
            self._renderer = renderer
            self.map = SvgMap(renderer, self)
            self.map.names = self._names()
            self.map.clicked_choice.connect(self.pick)
            self.column.insertWidget(0, self.map)
            self._show(self._value)
        self._say_why()

    def _say_why(self) -> None:
        if self.map is not None:
            text = self.tr("Click a place on the picture, or choose from the list.")
        elif self._file:
            text = self.tr(
                "The picture of this question ({file}) is not on this laptop, or is not an"
                " SVG map: choose from the list."
            ).format(file=self._file)
        else:
            text = self.tr("This question has no picture to click: choose from the list.")
        self.note.setText(text)

    def pick(self, name: str) -> None:
        """A click on the shape of choice ``name``."""
        if self._read_only:
            return
        if self.inner.multiple:
            chosen = _as_list(self._value)
            value = [n for n in chosen if n != name] if name in chosen else [*chosen, name]
            order = [n for n in self._names() if n in value]
            self._inner_committed(order or None)
        else:
            self._inner_committed(name)
        self.inner.set_value(self._value)

    def _names(self) -> list[str]:
        """The names of the choices offered, in order."""
        return list(self._offered)

    # --- the list -------------------------------------------------------------------------
    def _inner_committed(self, value: Any) -> None:
        self._commit(value)
        self._show_map(value)

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        self._offered = [name for name, _label in choices]
        self.inner.set_choices(choices)
        if self.map is not None:
            self.map.names = [n for n, _l in choices]

    def _show(self, value: Any) -> None:
        self.inner.set_value(value)
        self._show_map(value)

    def _show_map(self, value: Any) -> None:
        if self.map is not None:
            self.map.chosen = set(_as_list(value))
            self.map.update()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.inner.set_read_only(read_only)

    def focus_target(self) -> QWidget:
        return self.inner.focus_target()

    def handle_enter(self) -> bool:
        return self.inner.handle_enter()

    def focus_left(self) -> None:
        self.inner.focus_left()

    def retranslate(self) -> None:
        self.inner.retranslate()
        self._say_why()
