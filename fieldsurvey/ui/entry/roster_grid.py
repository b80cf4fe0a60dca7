"""The roster's grid: short questions answered in the table itself, as in CSPro.

A row's first short questions (a line of text, a number, a choice among a few) are the
grid's columns; the first question that needs more room (a long list, a date, a group,
a roster inside) and everything after it go to the detail pane, so the order of the form
is kept. Cells are edited through roster_editing.

Columns are as wide as their answers; headers are the questions' labels on at most two
lines (the full label is the tooltip). When the grid is narrower than its columns, the
status column gives first, then the answer columns, before it scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from fieldsurvey.forms.spec import FormSpec, Node

from fieldsurvey.ui.entry.roster_model import COL_FIRST_ANSWER, MarkRole, RosterModel

#: Types typed into a cell; a select_one joins them when its list is short.
GRID_TYPES = frozenset({"text", "integer", "decimal"})
#: A choice list this short is picked with one digit in the cell.
GRID_CHOICES = 9
#: At most this many grid columns; the rest go to the detail pane.
GRID_COLUMNS = 6
# Room around a cell's text, and around a header's (wider margins).
CELL_PAD = 14
HEADER_PAD = 16
CURRENT_EDGE = "#1d5fa8"
PROBLEM_EDGE = "#a1001a"
WARNING_EDGE = "#b36200"

Index = QModelIndex | QPersistentModelIndex


def is_grid_question(node: Node, spec: FormSpec) -> bool:
    """Whether ``node`` is short enough to be answered in a grid cell."""
    if node.kind != "question" or node.appearance:  # multiline, numbers, minimal, ...
        return False
    if node.type in GRID_TYPES:
        return True
    if node.type != "select_one" or not node.choices or node.or_other:
        return False
    return 0 < len(spec.choices.get(node.choices, [])) <= GRID_CHOICES


def grid_columns(items: list[Node], spec: FormSpec) -> list[Node]:
    """The leading short questions of a member (``items`` from ``visible_items``)."""
    columns: list[Node] = []
    for node in items:
        if len(columns) == GRID_COLUMNS or not is_grid_question(node, spec):
            break
        columns.append(node)
    return columns


def _two_lines(label: str, metrics: QFontMetrics) -> int:
    """The width of ``label`` split on two lines where the wider line is narrowest."""
    words = label.split()
    widths = [
        max(
            metrics.horizontalAdvance(" ".join(words[:cut])),
            metrics.horizontalAdvance(" ".join(words[cut:])),
        )
        for cut in range(1, len(words))
    ]
    return min(widths, default=metrics.horizontalAdvance(" ".join(words)))


def header_text(label: str, metrics: QFontMetrics, content: int, cap: int) -> tuple[str, int]:
    """``label`` as a header: one line if it is no wider than the column's answers (or
    a short word), else on two lines split where the wider line is narrowest, and past
    ``cap`` cut with "…"; with the width of the widest line."""
    words = label.split()
    if not words:
        return "", 0
    one = " ".join(words)
    width = metrics.horizontalAdvance(one)
    if width <= min(max(content, metrics.horizontalAdvance("M" * 7)), cap):
        return one, width
    best, best_width = one, width
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        wider = max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second))
        if wider < best_width:
            best, best_width = f"{first}\n{second}", wider
    if best_width <= cap:
        return best, best_width
    taken: list[str] = []
    for word in words:
        if taken and metrics.horizontalAdvance(" ".join([*taken, word])) > cap:
            break
        taken.append(word)
    elide = Qt.TextElideMode.ElideRight
    first = metrics.elidedText(" ".join(taken), elide, cap)
    rest = " ".join(words[len(taken) :])
    return (f"{first}\n{metrics.elidedText(rest, elide, cap)}" if rest else first), cap


EditorFactory = Callable[[QWidget, int, int], QWidget | None]


class CellDelegate(QStyledItemDelegate):
    """Editors come from the roster view (it knows the questions and the engine); the
    current cell gets a blue frame while the grid has the focus."""

    def __init__(self, factory: EditorFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.factory = factory

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = self.factory(parent, index.row(), index.column())
        return editor if editor is not None else QWidget(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """The view sets the value when it opens the editor; the model never does."""

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Answers go to the engine through the editor's own ``committed``."""

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = QRect(option.rect)  # type: ignore[attr-defined]
        rect.setWidth(max(rect.width(), editor.minimumSizeHint().width()))
        editor.setGeometry(rect)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.data(MarkRole) in ("problem", "warning"):  # seen in a selected row too
            option.text = f"⚠ {option.text}"  # type: ignore[attr-defined]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        mark = index.data(MarkRole)
        if mark in ("problem", "warning"):
            painter.save()
            colour = PROBLEM_EDGE if mark == "problem" else WARNING_EDGE
            painter.setPen(QPen(QColor(colour), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))  # type: ignore[attr-defined]
            painter.restore()
        view = self.parent()
        if (
            isinstance(view, QTableView)
            and view.hasFocus()
            and option.state & QStyle.StateFlag.State_HasFocus  # type: ignore[attr-defined]
        ):
            painter.save()
            painter.setPen(QPen(QColor(CURRENT_EDGE), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))  # type: ignore[attr-defined]
            painter.restore()


class RosterGrid(QTableView):
    """The table: Enter or F2 on a cell edits it; typing on an answer cell starts the
    answer with what was typed."""

    #: Edit the cell at (row, column), passing on the key that started it (or None).
    edit_requested = Signal(int, int, object)
    #: The table changed size (a horizontal scroll bar may come or go).
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Per column: the full header, the answers' width, and the widths wanted (all
        # whole), tight (headers on two lines) and at least (text cut).
        self.labels: list[str] = []
        self.contents: list[int] = []
        self.wanted: list[int] = []
        self.tight: list[int] = []
        self.floor: list[int] = []

    def fit_columns(self, model: RosterModel, number: str, status: str) -> None:
        """Columns as wide as their answers, headers on one line where the answers leave
        room, else on two (``model.header_tips`` has the full labels, the tooltips)."""
        heads, cells = self.horizontalHeader().fontMetrics(), self.fontMetrics()
        cap = cells.horizontalAdvance("M" * 13)
        short = heads.horizontalAdvance("M" * 7)
        mark = cells.horizontalAdvance("⚠ ")
        self.labels = [number, *model.header_tips, status]
        self.contents, wanted, tight, floor = [], [], [], []
        for column, label in enumerate(self.labels):
            content = cells.horizontalAdvance("⚠ 00")
            for row in range(model.rowCount()):
                index = model.index(row, column)
                flagged = model.data(index, MarkRole) in ("problem", "warning")
                text = str(model.data(index))
                content = max(content, cells.horizontalAdvance(text) + (mark if flagged else 0))
            self.contents.append(content)
            one = heads.horizontalAdvance(" ".join(label.split()))
            two = _two_lines(label, heads)
            header = min(one if one <= max(content, short) else two, cap)
            wanted.append(min(max(content + CELL_PAD, header + HEADER_PAD), cap + HEADER_PAD))
            tight.append(min(max(content + CELL_PAD, min(two, cap) + HEADER_PAD), wanted[-1]))
            floor.append(min(tight[-1], cells.horizontalAdvance("⚠ 00") + CELL_PAD))
        self.tight, self.floor = tight, floor
        self.set_widths(wanted)

    def fit_height(self, rows: int) -> None:
        """Tall enough for ``rows`` rows (at least one); no taller."""
        header = self.horizontalHeader().sizeHint().height()
        row = self.verticalHeader().defaultSectionSize()
        model = self.model()
        columns = model.columnCount() if model is not None else 0
        clipped = sum(self.columnWidth(c) for c in range(columns)) > self.viewport().width() + 1
        scroll = self.horizontalScrollBar().sizeHint().height() if clipped else 0
        fitted = header + max(rows, 1) * row + 2 * self.frameWidth() + scroll
        self.setMaximumHeight(fitted)
        self.setMinimumHeight(min(fitted, header + 3 * row))

    def set_widths(self, widths: list[int]) -> None:
        """The columns' widths that show their answers and headers whole."""
        self.wanted = widths
        self.updateGeometry()
        self._squeeze()

    def natural_width(self, *, tight: bool = False) -> int:
        """The width that shows every column whole (``tight``: headers on two lines)."""
        width = sum(self.tight if tight and self.tight else self.wanted)
        width += 2 * self.frameWidth() + 2
        if self.verticalScrollBar().isVisible():
            width += self.verticalScrollBar().sizeHint().width()
        return width

    def _squeeze(self) -> None:
        """Fit the columns in the width there is: the status column gives first, then
        the answer columns in proportion, first down to their headers on two lines, then
        (their text cut with "…", whole in the tooltip) to a few characters; only below
        that does the grid scroll sideways. Headers are wrapped for the widths."""
        widths = list(self.wanted)
        excess = sum(widths) - self.viewport().width()
        if len(self.tight) == len(widths) > 2:
            last = len(widths) - 1
            for target in (self.tight, self.floor):
                for group in ([last], list(range(1, last)), [0]):
                    if excess <= 0:
                        break
                    spare = {i: max(0, widths[i] - target[i]) for i in group}
                    total: int = sum(spare.values())
                    if total <= 0:
                        continue
                    share = min(1.0, excess / total)
                    for i, room in spare.items():
                        cut = min(round(room * share), excess)
                        widths[i] -= cut
                        excess -= cut
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)
        self._wrap_headers(widths)

    def _wrap_headers(self, widths: list[int]) -> None:
        model = self.model()
        if not isinstance(model, RosterModel) or len(self.labels) != len(widths):
            return
        heads = self.horizontalHeader().fontMetrics()
        texts = [
            header_text(label, heads, content, max(width - HEADER_PAD, 8))[0]
            for label, content, width in zip(self.labels, self.contents, widths, strict=True)
        ]
        if texts[1:-1] != model.headers or texts[-1] != model.status_header:
            model.set_headers(texts[1:-1], texts[-1], texts[0], model.header_tips)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._squeeze()
        self.resized.emit()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(self.natural_width(), 80), hint.height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if index.isValid() and mods in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ShiftModifier,
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.edit_requested.emit(index.row(), index.column(), None)
                event.accept()
                return
            text = event.text()
            answer_cell = index.column() >= COL_FIRST_ANSWER
            if (
                answer_cell
                and text
                and text.isprintable()
                and index.flags() & (Qt.ItemFlag.ItemIsEditable)
            ):
                key = QKeyEvent(event.type(), event.key(), event.modifiers(), text)
                self.edit_requested.emit(index.row(), index.column(), key)
                event.accept()
                return
        super().keyPressEvent(event)
