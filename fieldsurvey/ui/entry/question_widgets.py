"""Answer widgets for every question type, and the one place that picks them.

:func:`make_answer_widget` gives each type and appearance its widget: typed answers
(:mod:`line_answer`, :mod:`text_widgets`, :mod:`number_widgets`, :mod:`range_widget`,
:mod:`date_widgets`, :mod:`location_widget`), the select widgets of :mod:`choice_widgets`
(and its appearances' modules), and here the file, tick, calculated and note widgets.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QWidget,
)

from fieldsurvey import messages
from fieldsurvey.forms import number_reading as nr
from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry import choice_widgets, form_text
from fieldsurvey.ui.entry import value_parsing as vp
from fieldsurvey.ui.entry.answer_widget import AnswerWidget
from fieldsurvey.ui.entry.date_widgets import (
    DateAnswer,
    DateTimeAnswer,
    TimeAnswer,
    make_date_widget,
)
from fieldsurvey.ui.entry.line_answer import LineAnswer
from fieldsurvey.ui.entry.location_widget import GeoPathAnswer, GeopointAnswer
from fieldsurvey.ui.entry.number_widgets import CounterAnswer, NumberAnswer
from fieldsurvey.ui.entry.range_widget import RangeAnswer
from fieldsurvey.ui.entry.text_widgets import (
    MaskedAnswer,
    MultilineAnswer,
    NumbersTextAnswer,
    UrlAnswer,
)

__all__ = [
    "AcknowledgeAnswer", "DateAnswer", "DateTimeAnswer", "GeopointAnswer",
    "LineAnswer", "NoAnswer", "NumberAnswer", "TimeAnswer", "ValueDisplay", "is_shown",
    "make_answer_widget",
]  # fmt: skip


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


def _text_widget(node: Node, parent: QWidget | None) -> AnswerWidget:
    words = form_text.appearances(node)
    if "multiline" in words:
        return MultilineAnswer(node, parent)
    if "masked" in words:
        return MaskedAnswer(node, parent)
    if "numbers" in words:
        return NumbersTextAnswer(node, parent)
    if "url" in words:
        return UrlAnswer(node, parent)
    return LineAnswer(node, parent)


def _integer_widget(node: Node, parent: QWidget | None) -> AnswerWidget:
    if "counter" in form_text.appearances(node):
        return CounterAnswer(node, parent)
    return NumberAnswer(node, parent)


def make_answer_widget(
    node: Node,
    parent: QWidget | None = None,
    *,
    choice_count: int | None = None,
    in_table: bool = False,
) -> AnswerWidget:
    """The widget for ``node``'s type and appearance (``in_table``: a select question of a
    ``table-list`` group); text for types a laptop cannot capture otherwise."""
    kind = node.type
    if kind in SELECT_TYPES:
        return choice_widgets.make_select_widget(node, parent, choice_count, in_table=in_table)
    factories: dict[str, Callable[[Node, QWidget | None], AnswerWidget]] = {
        "text": _text_widget, "integer": _integer_widget, "decimal": NumberAnswer,
        "range": RangeAnswer, "date": make_date_widget, "time": TimeAnswer,
        "dateTime": DateTimeAnswer, "geopoint": GeopointAnswer, "geotrace": GeoPathAnswer,
        "geoshape": GeoPathAnswer, "acknowledge": AcknowledgeAnswer,
        "trigger": AcknowledgeAnswer, "calculate": ValueDisplay, "note": NoAnswer,
    }  # fmt: skip
    if kind in ("image", "audio", "video", "file"):  # files kept encrypted: media_widgets
        from fieldsurvey.ui.entry.media_widgets import MediaAnswer

        return MediaAnswer(node, parent)
    factory = factories.get(kind)
    if factory is not None:
        return factory(node, parent)
    return LineAnswer(node, parent)
