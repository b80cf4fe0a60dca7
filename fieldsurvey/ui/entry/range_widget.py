"""``range``: a number between the form's bounds, with the bounds always in sight.

The number is typed in a box (read in the app's language), ↑/↓ in the box step it by the
form's ``step``, and the appearance adds what ODK shows: a slider with ticks (none with
``no-ticks``; upright with ``vertical``), stars for ``rating`` (a click on a star, or its
number), or a drop-down of every allowed value for ``picker``. The answer stays empty
until the enumerator gives one (a slider cannot show "no answer", so it only follows).
A value off the steps is refused with the nearest allowed ones.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QWidget,
)

from fieldsurvey.forms import number_reading as nr
from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry import form_text
from fieldsurvey.ui.entry import value_parsing as vp
from fieldsurvey.ui.entry.number_widgets import NumberAnswer

#: More values than this make ``picker`` a typed box.
PICKER_MAX = 400
STAR_COLOUR = "#b36b00"


class RangeAnswer(NumberAnswer):
    """A range question: the box, the bounds, and the appearance's slider, stars or list."""

    # Set before the number box shows its first value (from NumberAnswer.__init__).
    slider: QSlider | None = None
    picker: QComboBox | None = None
    stars: tuple[QToolButton, ...] = ()
    start, end, step = 1.0, 10.0, 1.0

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        words = form_text.appearances(node)
        start, end = self.bounds or (1.0, 10.0)
        try:
            step = abs(float(node.parameters.get("step", 1))) or 1.0
        except ValueError:
            step = 1.0
        self.start, self.end, self.step = start, end, step
        self.steps = max(0, math.floor((end - start) / step + 1e-9))
        self.limits = QLabel(self)
        stars: list[QToolButton] = []
        extra = QWidget(self)
        line = QHBoxLayout(extra)
        line.setContentsMargins(0, 0, 0, 0)
        if "rating" in words:
            for i in range(1, self.steps + 2):
                star = QToolButton(extra)
                star.setAutoRaise(True)
                star.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the box takes the number
                star.clicked.connect(lambda _c=False, n=i: self.pick(self.value_at(n - 1)))
                font = star.font()
                font.setPointSizeF(font.pointSizeF() * 1.6)
                star.setFont(font)
                line.addWidget(star)
                stars.append(star)
            self.stars = tuple(stars)
        elif "picker" in words and self.steps < PICKER_MAX:
            self.picker = QComboBox(extra)
            self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.picker.addItem("—")
            for i in range(self.steps + 1):
                self.picker.addItem(self._number_text(self.value_at(i)))
            self.picker.activated.connect(
                lambda index: self.pick(self.value_at(index - 1) if index else None)
            )
            self.watch_enter(self.picker)
            line.addWidget(self.picker)
            self.edit.hide()
            self.readback.hide()
        else:
            vertical = "vertical" in words
            self.slider = QSlider(
                Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal, extra
            )
            self.slider.setRange(0, self.steps)
            self.slider.setPageStep(max(1, self.steps // 10))
            self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # ↑/↓ in the box step it
            if "no-ticks" not in words:
                self.slider.setTickPosition(
                    QSlider.TickPosition.TicksRight if vertical else QSlider.TickPosition.TicksBelow
                )
                self.slider.setTickInterval(max(1, self.steps // 20))
            if vertical:
                self.slider.setInvertedAppearance(True)  # the end at the top, as in ODK
                self.slider.setFixedHeight(min(220, max(120, self.steps * 12)))
            else:
                self.slider.setFixedWidth(min(480, max(200, self.steps * 24)))
            self.slider.sliderMoved.connect(lambda i: self.pick(self.value_at(i)))
            self.slider.sliderReleased.connect(lambda: self.pick(self.value_at(self.slider_at())))
            line.addWidget(self.slider)
        line.addWidget(self.limits)
        line.addStretch(1)
        self.box.removeWidget(self.readback)
        self.box.addWidget(extra)
        self.box.addWidget(self.readback, 1)
        self.edit.installEventFilter(self)
        self.retranslate()

    # --- values ---------------------------------------------------------------------------
    def value_at(self, index: int) -> int | float:
        value = self.start + index * self.step
        value = round(value, 10)
        return int(value) if self.whole and float(value).is_integer() else value

    def index_of(self, value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return round((float(value) - self.start) / self.step)

    def slider_at(self) -> int:
        return self.slider.value() if self.slider is not None else 0

    def _number_text(self, value: float) -> str:
        return nr.format_number(value, self._lang())

    def off_step(self, value: float) -> str:
        """The message for a value between two steps ("" when on a step)."""
        index = (value - self.start) / self.step
        if abs(index - round(index)) < 1e-6:
            return ""
        below = self.value_at(math.floor(index))
        above = self.value_at(min(self.steps, math.floor(index) + 1))
        return self.tr("Choose a value in steps of {step}: {below} or {above}.").format(
            step=self._number_text(self.step),
            below=self._number_text(below),
            above=self._number_text(above),
        )

    def pick(self, value: int | float | None) -> None:
        """A value chosen on the slider, the stars or the list."""
        if self._read_only:
            self._show(self._value)
            return
        self._set_problem("")
        self._commit(value)
        self._show(value)

    def flush(self) -> None:
        if not self._read_only and self.edit.text() != self._shown_text:
            try:
                value = self.parse(self.edit.text())
            except vp.InputProblem:
                value = None
            if value is not None and not self.out_of_bounds(value) and self.off_step(value):
                self._set_problem(self.off_step(value))
                return
        super().flush()

    def _show(self, value: Any) -> None:
        super()._show(value)
        self._follow(value)

    def _commit(self, value: Any) -> None:
        super()._commit(value)
        self._follow(value)  # a typed number moves the slider, the stars, the list

    def _follow(self, value: Any) -> None:
        index = self.index_of(value)
        if self.slider is not None:
            self.slider.blockSignals(True)
            self.slider.setValue(index if index is not None else 0)
            self.slider.blockSignals(False)
        for i, star in enumerate(self.stars):
            on = index is not None and i <= index
            star.setText("★" if on else "☆")
            star.setStyleSheet(f"color: {STAR_COLOUR}" if on else "")
        if self.picker is not None:
            self.picker.setCurrentIndex(index + 1 if index is not None else 0)

    def step_by(self, steps: int) -> None:
        """↑/↓ in the box: the next allowed value up or down (the first or last from none)."""
        try:
            current = self.parse(self.edit.text())
        except vp.InputProblem:
            current = None
        index = self.index_of(current)
        if index is None:
            index = 0 if steps > 0 else self.steps
        else:
            index = max(0, min(self.steps, index + steps))
        self.pick(self.value_at(index))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.step_by(1 if event.key() == Qt.Key.Key_Up else -1)
            return True
        return super().eventFilter(watched, event)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for widget in (self.slider, self.picker, *self.stars):
            if widget is not None:
                widget.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.picker if self.picker is not None else self.edit

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "limits"):
            return
        text = self.tr("From {start} to {end}").format(
            start=self._number_text(self.start), end=self._number_text(self.end)
        )
        if self.step != 1:
            text += self.tr(", in steps of {step}").format(step=self._number_text(self.step))
        if self.picker is None:
            text += self.tr(" (↑/↓ to step)")
        self.limits.setText(text)
