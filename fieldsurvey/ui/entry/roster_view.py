"""The household roster: a table of members with add and remove, and a detail pane.

The table shows each member's first answers and whether anything is left to fix; the
pane on the right shows every question of the selected member. Enter on the member's
last question goes on to the next member, and after the last member to what follows the
roster. A repeat with ``repeat_count`` (household size) gets its members from the
engine: add and remove then give way to a note saying where the number comes from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.spec import Node

from fieldsurvey.ui.entry.answer_widget import shortcut
from fieldsurvey.ui.entry.page_model import visible_items
from fieldsurvey.ui.entry.question_panel import QuestionPanel
from fieldsurvey.ui.entry.roster_model import COL_FIRST_ANSWER, MemberRow, RosterModel

if TYPE_CHECKING:
    from fieldsurvey.ui.entry.entry_controller import EntryController

SUMMARY_COLUMNS = 4


class RosterView(QWidget):
    """Members of the repeat ``node`` at instance path ``path``."""

    exhausted = Signal()

    def __init__(
        self, ctx: EntryController, node: Node, path: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.node = node
        self.path = path
        self.fixed_count = bool(node.bind.repeat_count)
        self.current = 0  # 1-based member shown in the pane; 0 when there is none
        items = visible_items(node.children)
        self.columns = [
            n for n in items if n.kind == "question" and n.type not in ("note", "calculate")
        ][:SUMMARY_COLUMNS]
        self.model = RosterModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # full label in the tooltip
        self.setMinimumHeight(self.fontMetrics().height() * 24)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show(cur.row())
        )
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.count_note = QLabel(self)
        self.count_note.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self.remove_member)
        self.add_button.setVisible(not self.fixed_count)
        self.remove_button.setVisible(not self.fixed_count)
        self.member_title = QLabel(self)
        font = self.member_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.member_title.setFont(font)
        self.prev_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.prev_button.clicked.connect(lambda: self.select(self.current - 1, focus=True))
        self.next_button.clicked.connect(lambda: self.select(self.current + 1, focus=True))
        self.empty_note = QLabel(self)
        self.empty_note.setWordWrap(True)
        self.detail = QuestionPanel(ctx, items, f"{path}[1]", self)
        self.detail.exhausted.connect(self._after_member)
        for button in (self.add_button, self.remove_button, self.prev_button, self.next_button):
            button.setAutoDefault(True)  # Enter presses the focused button
        self._layout()
        for keys, slot in (
            ("Ctrl+N", self.add_member),
            ("Ctrl+Del", self.remove_member),
            ("Alt+PgDown", lambda: self.select(self.current + 1, focus=True)),
            ("Alt+PgUp", lambda: self.select(self.current - 1, focus=True)),
        ):
            shortcut(keys, self, slot)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter on the table: to the member
            shortcut(key, self.table, self.detail.focus_first, Qt.ShortcutContext.WidgetShortcut)
        self.retranslate()
        self.reload()

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.table, 1)
        left.addWidget(self.count_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.detail)
        self.detail_scroll = scroll
        right = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.member_title, 1)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        right.addLayout(top)
        right.addWidget(self.empty_note)
        right.addWidget(scroll, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 4)
        layout.addLayout(right, 5)

    # --- members ------------------------------------------------------------------------
    def count(self) -> int:
        return self.ctx.instance_count(self.path)

    def member_path(self, index: int) -> str:
        return f"{self.path}[{index}]"

    def _row(self, index: int, kinds: list[str] | None = None) -> MemberRow:
        base = self.member_path(index)
        cells = [self.ctx.display(base + n.path[len(self.node.path) :]) for n in self.columns]
        if kinds is None:
            kinds = [p.kind for p in self.ctx.problems_under(base)]
        missing = kinds.count("required")
        return MemberRow(index=index, cells=cells, missing=missing, wrong=len(kinds) - missing)

    def _rows(self) -> list[MemberRow]:
        """Every member's row; problems are sorted by member once, not per member."""
        count = self.count()
        kinds: dict[int, list[str]] = {i: [] for i in range(1, count + 1)}
        prefix = self.path + "["
        for path, problem in self.ctx.problems().items():
            if path.startswith(prefix):
                number = path[len(prefix) : path.find("]", len(prefix))]
                if number.isdigit() and int(number) in kinds:
                    kinds[int(number)].append(problem.kind)
        return [self._row(i, kinds[i]) for i in range(1, count + 1)]

    def reload(self) -> None:
        """Rebuild the table from the engine (members added or removed)."""
        self.model.set_rows(self._rows())
        count = self.model.rowCount()
        self.select(min(max(self.current, 1), count) if count else 0)
        self._update_buttons()
        self._fit_columns()

    def _widen_for(self, member: MemberRow) -> None:
        """Widen a column whose new answer no longer fits (cheaper than a full fit)."""
        metrics = self.table.fontMetrics()
        cap = metrics.horizontalAdvance("M" * 12)
        for offset, text in enumerate(member.cells):
            column = COL_FIRST_ANSWER + offset
            wanted = min(metrics.horizontalAdvance(text) + 16, cap)
            if wanted > self.table.columnWidth(column):
                self.table.setColumnWidth(column, wanted)

    def _fit_columns(self) -> None:
        """Columns as wide as their answers (not their long labels), within reason."""
        metrics = self.table.fontMetrics()
        for column in range(self.model.columnCount() - 1):
            header = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            wanted = max(
                self.table.sizeHintForColumn(column),
                min(metrics.horizontalAdvance(str(header)), metrics.horizontalAdvance("M" * 5)),
            )
            self.table.setColumnWidth(column, min(wanted + 16, metrics.horizontalAdvance("M" * 12)))

    def refresh(self, changed: set[str] | None) -> None:
        if self.model.rowCount() != self.count():
            self.reload()
            return
        for row, member in enumerate(self._rows()):
            if self.model.update_row(row, member):
                self._widen_for(member)
        if self.current:
            self.detail.refresh(changed)

    def rebase(self, path: str) -> None:
        """Show the roster of another instance (a roster inside a roster member)."""
        self.path = path
        self.current = 0
        self.reload()

    def select(self, index: int, *, focus: bool = False) -> None:
        count = self.model.rowCount()
        if count == 0:
            self.current = 0
            self._show(-1)
            return
        index = min(max(index, 1), count)
        model_index = self.model.index(index - 1, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(model_index, flags)
        if self.current != index:
            self._show(index - 1)
        if focus:
            self.detail.focus_first()

    def _show(self, row: int) -> None:
        index = row + 1 if 0 <= row < self.model.rowCount() else 0
        self.current = index
        has_member = index > 0
        self.detail_scroll.setVisible(has_member)
        self.empty_note.setVisible(not has_member)
        if has_member:
            self.detail.rebase(self.member_path(index))
            self.detail_scroll.verticalScrollBar().setValue(0)
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
        index = self.ctx.add_repeat(self.path)
        self.reload()
        self.select(index, focus=True)

    def remove_member(self) -> None:
        if self.fixed_count or not self.ctx.editable or not self.current:
            return
        if not self.confirm_remove(self, self.member_title.text()):
            return
        self.ctx.remove_repeat(self.path, self.current)
        self.reload()
        self.table.setFocus()

    @classmethod
    def confirm_remove(cls, parent: QWidget, who: str) -> bool:
        """Ask before a member and their answers go (tests replace this)."""
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("RosterView", "Remove member"),
            QCoreApplication.translate(
                "RosterView", "Remove {member} and all their answers?"
            ).format(member=who),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _after_member(self) -> None:
        if self.current < self.model.rowCount():
            self.select(self.current + 1, focus=True)
        else:
            self.exhausted.emit()

    # --- focus and jumps ----------------------------------------------------------------
    def focus_first(self) -> bool:
        if self.model.rowCount() == 0:
            target = self.add_button if not self.fixed_count else None
            if target is None or not target.isEnabled():
                return False
            target.setFocus()
            return True
        self.select(self.current or 1)
        return self.detail.focus_first() or (self.table.setFocus() or True)

    def focus_path(self, path: str) -> bool:
        """Show the member of ``path`` and focus its question."""
        prefix = self.path + "["
        if not path.startswith(prefix):
            return False
        index = int(path[len(prefix) : path.index("]", len(prefix))])
        self.select(index)
        return self.detail.focus_path(path)

    # --- texts --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.ctx.label(self.path) or self.tr("Members"))
        headers = [
            self.ctx.label(self.member_path(1) + n.path[len(self.node.path) :])
            for n in self.columns
        ]
        self.model.set_headers(headers, self.tr("Status"), self.tr("No."))
        self.add_button.setText(self.tr("Add member (Ctrl+N)"))
        self.remove_button.setText(self.tr("Remove member (Ctrl+Del)"))
        self.prev_button.setText(self.tr("◀ Previous (Alt+PgUp)"))
        self.next_button.setText(self.tr("Next member (Alt+PgDown) ▶"))
        self.prev_button.setToolTip(self.tr("Previous member"))
        self.next_button.setToolTip(self.tr("Next member"))
        if self.fixed_count:
            self.count_note.setText(
                self.tr("The number of rows follows the number of people given before this table.")
            )
        self.count_note.setVisible(self.fixed_count)
        self.empty_note.setText(
            self.tr("Nobody is listed yet.")
            if self.fixed_count
            else self.tr("Nobody is listed yet. Add the first member with Ctrl+N.")
        )
        self.retranslate_member()

    def retranslate_member(self) -> None:
        count = self.model.rowCount()
        self.member_title.setText(
            self.tr("Member {n} of {count}").format(n=self.current, count=count)
            if self.current
            else ""
        )
        self.model.set_status_texts(
            self.tr("✓ Complete"), self.tr("{n} to answer"), self.tr("⚠ {n} to fix")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
