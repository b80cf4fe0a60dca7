"""A roster (a repeat): a grid of its rows with add and remove, and a detail pane.

The grid holds each row's short questions (name, relation, sex, age), answered in the
cells themselves (roster_grid, roster_editing); the detail pane beside it shows the
rest of the selected row. Answers typed in a cell go to the engine exactly as in the
detail pane, so relevance, constraints and the stopping checks apply. Enter and Tab go
from cell to cell, then through the row's detail questions, then to the next row, and
after the last row to what follows the roster; Shift+Tab goes back.

A roster whose rows hold another roster puts its detail pane under the grid, so the
inner roster has the page's width; add and remove sit above each grid, always in sight.
The repeat's own label names its rows ("Add household member", "Child under 18 2 of 3").
A repeat with ``repeat_count`` gets its rows from the engine: add and remove then give
way to a note. Keys (on the buttons and in their tooltips): Ctrl++ adds a row, Ctrl+-
removes it, Alt+PgDown / Alt+PgUp go to the next / previous row; in a roster inside a
roster they act on the roster that has the focus, never on both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shiboken6 import isValid

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import shortcut
from fieldsurvey.ui.entry.page_model import visible_items
from fieldsurvey.ui.entry.question_panel import QuestionPanel
from fieldsurvey.ui.entry.roster_editing import CellEditing
from fieldsurvey.ui.entry.roster_grid import CellDelegate, RosterGrid, grid_columns
from fieldsurvey.ui.entry.roster_model import COL_FIRST_ANSWER, Mark, MemberRow, RosterModel

if TYPE_CHECKING:
    from fieldsurvey.ui.entry.entry_controller import EntryController

# The roster's keys; none is used elsewhere in the app (Ctrl+N is "New interview").
ADD_KEYS = ("Ctrl++", "Ctrl+=")
REMOVE_KEYS = ("Ctrl+-",)
NEXT_KEYS = ("Alt+PgDown",)
PREVIOUS_KEYS = ("Alt+PgUp",)
# Rows the grid shows before it scrolls (a roster inside a roster, or around one: fewer).
GRID_ROWS = 40
NESTED_GRID_ROWS = 5
# Beside a detail pane the grid gets at least this share of the width; the pane keeps
# the width its questions need (at least this many characters) if the grid can give it.
GRID_SHARE_MIN = 0.4
# ... and the width of its columns with headers on two lines, up to this share.
GRID_SHARE_TIGHT = 0.55
DETAIL_CHARACTERS = 40
SPACING = 12


class RosterView(QWidget):
    """Rows of the repeat ``node`` at instance path ``path``."""

    exhausted = Signal()

    def __init__(
        self, ctx: EntryController, node: Node, path: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.node = node
        self.path = path
        self.fixed_count = bool(node.bind.repeat_count)
        self.nested = "[" in path  # inside a row of another roster
        self.current = 0  # 1-based row shown in the pane; 0 when there is none
        items = visible_items(node.children)
        self.columns = grid_columns(items, ctx.spec)
        detail_items = items[len(self.columns) :]
        self.has_detail = bool(detail_items)
        self.stacked = any(n.kind == "repeat" for n in detail_items)
        self.model = RosterModel(self)
        self.table = RosterGrid(self)
        self.table.setModel(self.model)
        self._build_widgets()
        self.cells = CellEditing(self)
        self.table.setItemDelegate(CellDelegate(self.cells.make_editor, self.table))
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show(cur.row())
        )
        self.table.edit_requested.connect(self._edit_requested)
        self.table.clicked.connect(self._clicked)
        self.table.resized.connect(self._fit_height)
        self.detail = QuestionPanel(ctx, detail_items, f"{path}[1]", self)
        self.detail.exhausted.connect(self.after_row)
        self._layout()
        self.shortcuts: list[QShortcut] = []
        self._owns_keys = False
        for keys, slot in (
            (ADD_KEYS, self.add_member),
            (REMOVE_KEYS, self.remove_member),
            (NEXT_KEYS, lambda: self.select(self.current + 1, focus=True)),
            (PREVIOUS_KEYS, lambda: self.select(self.current - 1, focus=True)),
        ):
            for key in keys:
                made = shortcut(key, self, slot)
                made.setEnabled(False)  # only while the focus is here, not in an inner roster
                self.shortcuts.append(made)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        if not self.nested:
            self.setMinimumHeight(self.fontMetrics().height() * 24)
        self.retranslate()
        self.reload()

    def _build_widgets(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrapped and cut by the grid
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(QLineEdit().sizeHint().height() + 6)  # an editor fits
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.count_note = QLabel(self)
        self.count_note.setWordWrap(True)
        self.empty_note = QLabel(self)
        self.empty_note.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self.remove_member)
        self.add_button.setVisible(not self.fixed_count)
        self.remove_button.setVisible(not self.fixed_count)
        self.message = QLabel(self)  # the current cell's message
        self.message.setWordWrap(True)
        self.confirm_box = QCheckBox(self)  # its soft check, confirmed
        self.readback = QLabel(self)  # the number being typed, read back
        self.readback.setWordWrap(True)
        for widget in (self.message, self.confirm_box, self.readback):
            widget.setVisible(False)
        self.member_title = QLabel(self)
        self.member_title.setWordWrap(True)
        font = self.member_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.member_title.setFont(font)
        self.prev_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.prev_button.clicked.connect(lambda: self.select(self.current - 1, focus=True))
        self.next_button.clicked.connect(lambda: self.select(self.current + 1, focus=True))
        for button in (self.add_button, self.remove_button, self.prev_button, self.next_button):
            button.setAutoDefault(True)  # Enter presses the focused button

    def _layout(self) -> None:
        self.grid_side = QWidget(self)
        left = QVBoxLayout(self.grid_side)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.title)
        buttons = QHBoxLayout()  # above the grid: in sight however long the table is
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addWidget(self.table, 1)
        for widget in (self.empty_note, self.message, self.confirm_box, self.readback):
            left.addWidget(widget)
        left.addWidget(self.count_note)
        left.addStretch(0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.detail)
        self.detail_scroll = scroll
        self.detail_side = QWidget(self)
        right = QVBoxLayout(self.detail_side)
        right.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.member_title, 1)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        right.addLayout(top)
        right.addWidget(scroll, 1)
        direction = (
            QBoxLayout.Direction.TopToBottom if self.stacked else QBoxLayout.Direction.LeftToRight
        )
        layout = QBoxLayout(direction, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.grid_side, 0 if self.has_detail else 1)
        layout.addWidget(self.detail_side, 1)
        self.detail_side.setVisible(self.has_detail)

    # --- rows and cells -------------------------------------------------------------------
    def count(self) -> int:
        return self.ctx.instance_count(self.path)

    def member_path(self, index: int) -> str:
        return f"{self.path}[{index}]"

    def cell_path(self, index: int, offset: int) -> str:
        """The instance path of grid column ``offset`` in row ``index`` (1-based)."""
        return self.member_path(index) + self.columns[offset].path[len(self.node.path) :]

    def cell_of(self, path: str) -> tuple[int, int | None] | None:
        """(row, grid column or None) of an instance path inside this roster."""
        prefix = self.path + "["
        end = path.find("]", len(prefix))
        if not path.startswith(prefix) or end < 0 or not path[len(prefix) : end].isdigit():
            return None
        rest = self.node.path + path[end + 1 :]
        offset = next((i for i, n in enumerate(self.columns) if n.path == rest), None)
        return int(path[len(prefix) : end]), offset

    def cell_open(self, index: int, offset: int) -> bool:
        """Whether the cell can be answered now (relevant, not read-only)."""
        path = self.cell_path(index, offset)
        return self.ctx.editable and self.ctx.relevant(path) and not self.ctx.read_only(path)

    def editing_path(self) -> str | None:
        """The instance path of the cell being edited, if any."""
        return self.cells.path()

    def cell_message(self, index: int, name: str) -> str:
        """The message shown in the cell of question ``name`` of row ``index``."""
        offset = next(i for i, n in enumerate(self.columns) if n.name == name)
        return self.model.rows[index - 1].note(offset)

    def _cell_state(self, path: str) -> tuple[str, Mark, str]:
        """What a cell shows, its mark and its message."""
        ctx = self.ctx
        if not ctx.relevant(path):
            return "", "off", ""
        shown = ctx.display(path)
        typed = self.cells.typed.get(path)
        if typed:
            return shown, "problem", typed
        text = ctx.message(path)
        if text:
            problem = ctx.problems().get(path)
            return shown, "warning" if problem and problem.kind == "warning" else "problem", text
        return shown, "locked" if not ctx.editable or ctx.read_only(path) else "", ""

    def _row(self, index: int, kinds: list[str] | None = None) -> MemberRow:
        if kinds is None:
            kinds = [p.kind for p in self.ctx.problems_under(self.member_path(index))]
        states = [self._cell_state(self.cell_path(index, i)) for i in range(len(self.columns))]
        missing = kinds.count("required")
        return MemberRow(
            index=index,
            cells=[s[0] for s in states],
            missing=missing,
            wrong=len(kinds) - missing,
            marks=[s[1] for s in states],
            notes=[s[2] for s in states],
        )

    def _rows(self) -> list[MemberRow]:
        """Every row; problems are sorted by row once, not per row."""
        count = self.count()
        kinds: dict[int, list[str]] = {i: [] for i in range(1, count + 1)}
        prefix = self.path + "["
        for path, problem in self.ctx.problems().items():
            if path.startswith(prefix):
                number = path[len(prefix) : path.find("]", len(prefix))]
                if number.isdigit() and int(number) in kinds:
                    kinds[int(number)].append(problem.kind)
        return [self._row(i, kinds[i]) for i in range(1, count + 1)]

    def update_cell_row(self, path: str) -> None:
        """Show again the row of the cell at ``path`` (what was typed there changed)."""
        index, _offset = self.cell_of(path) or (0, None)
        if 0 < index <= self.model.rowCount():
            self.model.update_row(index - 1, self._row(index))

    def reload(self) -> None:
        """Rebuild the table from the engine (rows added or removed)."""
        self.cells.close()
        self.model.set_rows(self._rows())
        count = self.model.rowCount()
        self.select(min(max(self.current, 1), count) if count else 0)
        self._update_buttons()
        self._fit()

    def refresh(self, changed: set[str] | None) -> None:
        if self.model.rowCount() != self.count():
            self.reload()
            return
        widen = False
        for row, member in enumerate(self._rows()):
            widen = self.model.update_row(row, member) or widen
        if widen:
            self._fit()
        index, offset = self.cell_of(self.cells.path() or "") or (0, None)
        if offset is not None and not self.cell_open(index, offset):
            self.cells.close()  # no longer asked, or now read-only
        if changed is None:  # maybe the form's language: labels, headers and widths
            self._retranslate_form()
        if self.current:
            self.detail.refresh(changed)
        self.cells.update_message()
        self.retranslate_member()

    def rebase(self, path: str) -> None:
        """Show the roster of another instance (a roster inside a row of a roster)."""
        self.cells.close()
        self.cells.message_path = None
        self.path = path
        self.current = 0
        self.reload()

    # --- sizes ----------------------------------------------------------------------------
    def _fit(self) -> None:
        self.table.fit_columns(self.model, self._number_header, self._status_header)
        self._fit_height()
        self._fit_width()

    def natural_width(self) -> int:
        """The grid's width with every column shown whole."""
        return self.table.natural_width()

    def _fit_height(self) -> None:
        limit = NESTED_GRID_ROWS if self.nested or self.stacked else GRID_ROWS
        self.table.fit_height(min(self.model.rowCount(), limit))

    def _fit_width(self) -> None:
        """The grid is as wide as its columns; beside a detail pane, the pane keeps
        room for its questions and the grid's columns give (see RosterGrid)."""
        buttons = self.add_button.sizeHint().width() + self.remove_button.sizeHint().width()
        wanted = max(self.natural_width(), buttons + SPACING if not self.fixed_count else 0)
        width = self.width()
        if self.has_detail and not self.stacked and width > 0:
            bar = self.detail_scroll.verticalScrollBar().sizeHint().width()
            detail = max(
                self.detail.minimumSizeHint().width() + bar,
                self.fontMetrics().horizontalAdvance("n" * DETAIL_CHARACTERS),
            )
            # Headers whole (on two lines) come before the pane's last few characters.
            tight = min(self.table.natural_width(tight=True), int(width * GRID_SHARE_TIGHT))
            wanted = max(min(wanted, width - detail - SPACING), tight, int(width * GRID_SHARE_MIN))
        self.grid_side.setMaximumWidth(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width()

    # --- which row ------------------------------------------------------------------------
    def select(self, index: int, *, focus: bool = False) -> None:
        count = self.model.rowCount()
        if count == 0:
            self.current = 0
            self._show(-1)
            return
        index = min(max(index, 1), count)
        editing = self.cells.current
        if editing is not None and editing.index.row() != index - 1:
            self.cells.close()
        current = self.table.currentIndex()
        column = current.column() if current.isValid() and current.row() == index - 1 else 0
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(self.model.index(index - 1, column), flags)
        if self.current != index:
            self._show(index - 1)
        if focus:
            self.focus_row()

    def _show(self, row: int) -> None:
        index = row + 1 if 0 <= row < self.model.rowCount() else 0
        self.current = index
        has_member = index > 0
        self.detail_scroll.setVisible(has_member)
        self.empty_note.setVisible(not has_member)
        if has_member and self.has_detail:
            self.detail.rebase(self.member_path(index))
            self.detail_scroll.verticalScrollBar().setValue(0)
        self._fit_width()  # the row's questions may need another width
        if self.cells.current is None:  # the row's first message shows under the grid
            notes = self.model.rows[index - 1].notes if has_member else []
            first = next((i for i, note in enumerate(notes) if note), None)
            self.cells.show_message(self.cell_path(index, first) if first is not None else None)
        self._update_buttons()
        self.retranslate_member()

    def _update_buttons(self) -> None:
        count = self.model.rowCount()
        editable = self.ctx.editable
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and self.current > 0)
        self.prev_button.setEnabled(self.current > 1)
        self.next_button.setEnabled(0 < self.current < count)

    def add_member(self) -> None:
        if self.fixed_count or not self.ctx.editable:
            return
        self.cells.close()
        index = self.ctx.add_repeat(self.path)
        self.reload()
        self.select(index, focus=True)

    def remove_member(self) -> None:
        if self.fixed_count or not self.ctx.editable or not self.current:
            return
        self.cells.close()
        if not self.confirm_remove(self, self._row_name(self.current)):
            return
        self.ctx.remove_repeat(self.path, self.current)
        self.reload()
        self.table.setFocus()

    @classmethod
    def confirm_remove(cls, parent: QWidget, who: str) -> bool:
        """Ask before a row and its answers go (tests replace this)."""
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("RosterView", "Remove a row"),
            QCoreApplication.translate("RosterView", "Remove {row} and every answer in it?").format(
                row=who
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def after_cells(self) -> None:
        """Past the row's last cell: its detail questions, else the next row."""
        if not (self.has_detail and self.detail.focus_first()):
            self.after_row()

    def after_row(self) -> None:
        if self.current < self.model.rowCount():
            self.select(self.current + 1, focus=True)
        else:
            self.cells.close()
            self.exhausted.emit()

    # --- focus and keys -------------------------------------------------------------------
    def focus_row(self) -> bool:
        """Focus the current row's first open cell, else its first detail question."""
        if any(self.cells.edit(self.current, i) for i in range(len(self.columns))):
            return True
        if self.has_detail and self.detail.focus_first():
            return True
        self.table.setFocus()
        return True

    def focus_first(self) -> bool:
        if self.model.rowCount() == 0:
            target = self.add_button if not self.fixed_count else None
            if target is None or not target.isEnabled():
                return False
            target.setFocus()
            return True
        self.select(self.current or 1)
        return self.focus_row()

    def focus_path(self, path: str) -> bool:
        """Show the row of ``path`` and focus its question (a cell, or in the pane)."""
        cell = self.cell_of(path)
        if cell is None:
            return False
        index, offset = cell
        self.select(index)
        if offset is None:
            return self.detail.focus_path(path)
        if not self.cells.edit(index, offset):
            self.table.setCurrentIndex(self.model.index(index - 1, COL_FIRST_ANSWER + offset))
            self.table.setFocus()
            self.cells.show_message(path)
        return True

    def _edit_requested(self, row: int, column: int, key: QKeyEvent | None) -> None:
        offset = column - COL_FIRST_ANSWER
        if 0 <= offset < len(self.columns) and self.cells.edit(row + 1, offset, key):
            return
        if key is None:  # Enter on the number or the status: into the row
            self.select(row + 1, focus=True)

    def _clicked(self, index: QModelIndex) -> None:
        offset = index.column() - COL_FIRST_ANSWER
        if 0 <= offset < len(self.columns):
            self.cells.edit(index.row() + 1, offset)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The keys act on the roster that has the focus (the innermost), never on two."""
        if not isValid(self):
            return
        owns = new is not None and _nearest_roster(new) is self
        if owns != self._owns_keys:
            self._owns_keys = owns
            for made in self.shortcuts:
                made.setEnabled(owns)
        self.cells.focus_moved(new)

    # --- texts ----------------------------------------------------------------------------
    def _label(self) -> str:
        return " ".join(self.ctx.label(self.path).split()) or self.node.name

    def _item(self) -> str:
        """The repeat's label as a word in a sentence ("Add household member")."""
        label = self._label()
        if len(label) > 1 and label[0].isupper() and not label[1].isupper():
            label = label[0].lower() + label[1:]
        return label if len(label) <= 40 else label[:39] + "…"

    def _row_name(self, index: int) -> str:
        """ "household member 2 (Hùng)": the row's number and its first answer."""
        name = self.model.rows[index - 1].cells[0] if self.columns and index else ""
        text = self.tr("{item} {n}").format(item=self._item(), n=index)
        return f"{text} ({name})" if name else text

    def _retranslate_form(self) -> None:
        """The form's texts: the roster's label and the questions' labels as headers."""
        tips = [
            self.ctx.label(self.member_path(1) + n.path[len(self.node.path) :])
            for n in self.columns
        ]
        if self.title.text() == self._label() and tips == self.model.header_tips:
            return
        self.title.setText(self._label())
        self.model.set_headers(tips, self._status_header, self._number_header, tips)
        self._retranslate_buttons()
        self._fit()

    def retranslate(self) -> None:
        self._status_header, self._number_header = self.tr("Status"), self.tr("No.")
        self.title.setText(self._label())
        tips = [
            self.ctx.label(self.member_path(1) + n.path[len(self.node.path) :])
            for n in self.columns
        ]
        self.model.set_headers(tips, self._status_header, self._number_header, tips)
        self._retranslate_buttons()
        self.count_note.setText(
            self.tr("The number of rows follows an answer given before this table.")
        )
        self.count_note.setVisible(self.fixed_count)
        self.confirm_box.setText(
            QCoreApplication.translate("QuestionRow", "I confirmed this answer with the respondent")
        )
        self.retranslate_member()
        self._fit()
        self.cells.update_message()

    def _retranslate_buttons(self) -> None:
        item = self._item()
        add, remove = ADD_KEYS[0], REMOVE_KEYS[0]
        self.add_button.setText(self.tr("Add {item} ({keys})").format(item=item, keys=add))
        self.add_button.setToolTip(
            self.tr("Add a row to “{table}” ({keys})").format(table=self._label(), keys=add)
        )
        self.remove_button.setToolTip(
            self.tr("Remove the selected row and its answers ({keys})").format(keys=remove)
        )
        self.prev_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.prev_button.setToolTip(
            self.tr("Previous {item} ({keys})").format(item=item, keys=PREVIOUS_KEYS[0])
        )
        self.next_button.setToolTip(
            self.tr("Next {item} ({keys})").format(item=item, keys=NEXT_KEYS[0])
        )
        self.empty_note.setText(
            self.tr("No rows yet.")
            if self.fixed_count
            else self.tr("No rows yet. Add the first with {keys}.").format(keys=add)
        )

    def retranslate_member(self) -> None:
        count = self.model.rowCount()
        index = self.current
        title = ""
        if index:
            title = self.tr("{item} {n} of {count}").format(
                item=self._label(), n=index, count=count
            )
            name = self.model.rows[index - 1].cells[0] if self.columns else ""
            title = f"{title} · {name}" if name else title
        self.member_title.setText(title)
        row = self.tr("{item} {n}").format(item=self._item(), n=index) if index else self._item()
        self.remove_button.setText(
            self.tr("Remove {row} ({keys})").format(row=row, keys=REMOVE_KEYS[0])
        )
        self.model.set_status_texts(
            self.tr("✓ Complete"), self.tr("{n} to answer"), self.tr("⚠ {n} to fix")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _nearest_roster(widget: QWidget | None) -> RosterView | None:
    while widget is not None and not isinstance(widget, RosterView):
        widget = widget.parentWidget()
    return widget
