"""The roster table: one row per member, their short answers and what is left to do.

The answer columns are the member's short questions (name, sex, age, relation): the
grid edits them in place (see roster_grid). Each cell knows whether it can be edited
now (relevant, not read-only) and the message to show there, if any; the status column
counts what is left to answer or fix in the whole member.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

COL_NUMBER = 0
#: Answer columns start here; the status column is the last one.
COL_FIRST_ANSWER = 1
RowRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
#: The cell's mark (see ``Mark``), for the delegate and tests.
MarkRole = Qt.ItemDataRole.UserRole + 3
_WRONG = QColor("#a1001a")
_WARNING = QColor("#7a4100")
_WRONG_BACKGROUND = QColor("#fbe4e8")
_WARNING_BACKGROUND = QColor("#fdf0dc")
_OFF_BACKGROUND = QColor("#ececec")

Index = QModelIndex | QPersistentModelIndex
#: "" a plain cell; "problem" to fix; "warning" a soft check to confirm; "off" not asked
#: (not relevant); "locked" read-only.
Mark = Literal["", "problem", "warning", "off", "locked"]


class MemberRow(BaseModel):
    index: int
    cells: list[str]
    #: Required questions still unanswered, and answers that break a constraint.
    missing: int = 0
    wrong: int = 0
    #: Per answer column: the mark and the message shown in the cell's tooltip.
    marks: list[Mark] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def mark(self, offset: int) -> Mark:
        return self.marks[offset] if offset < len(self.marks) else ""

    def note(self, offset: int) -> str:
        return self.notes[offset] if offset < len(self.notes) else ""


class RosterModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MemberRow] = []
        #: What the header shows (the label, wrapped on two lines) and its tooltip.
        self.headers: list[str] = []
        self.header_tips: list[str] = []
        self.status_header = "Status"
        self.number_header = "No."
        self.status_texts = ("✓", "{n}", "⚠ {n}")

    @property
    def status_column(self) -> int:
        return COL_FIRST_ANSWER + len(self.headers)

    def set_rows(self, rows: list[MemberRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def update_row(self, row: int, member: MemberRow) -> bool:
        """Replace one row; True (and dataChanged for that row only) if it changed."""
        if self.rows[row] == member:
            return False
        self.rows[row] = member
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.status_column))
        return True

    def set_headers(
        self, headers: list[str], status: str, number: str, tips: list[str] | None = None
    ) -> None:
        if len(headers) != len(self.headers):
            self.beginResetModel()
            self.headers = headers
            self.endResetModel()
        self.headers, self.status_header, self.number_header = headers, status, number
        self.header_tips = tips if tips is not None else headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.status_column)

    def set_status_texts(self, done: str, missing: str, wrong: str) -> None:
        self.status_texts = (done, missing, wrong)
        if self.rows:
            column = self.status_column
            self.dataChanged.emit(self.index(0, column), self.index(len(self.rows) - 1, column))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.status_column + 1

    def _status(self, member: MemberRow) -> str:
        """In words, for the tooltip: "✓ Complete", "2 to answer", "⚠ 1 to fix"."""
        done, missing, wrong = self.status_texts
        if member.wrong:
            return wrong.format(n=member.wrong)
        if member.missing:
            return missing.format(n=member.missing)
        return done

    @staticmethod
    def _mark(member: MemberRow) -> str:
        """The status in the cell: the marks of the list of sections (✓ done, ○ to
        answer, ⚠ to fix), with how many; a narrow column leaves the grid its width."""
        if member.wrong:
            return f"⚠ {member.wrong}"
        return f"○ {member.missing}" if member.missing else "✓"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        offset = index.column() - COL_FIRST_ANSWER
        if 0 <= offset < len(self.headers) and index.row() < len(self.rows):
            if self.rows[index.row()].mark(offset) not in ("off", "locked"):
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        member, column = self.rows[index.row()], index.column()
        if role == RowRole:
            return member
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            if column == COL_NUMBER:
                return member.index if role == SortRole else str(member.index)
            if column == self.status_column:
                return (member.wrong, member.missing) if role == SortRole else self._mark(member)
            return member.cells[column - COL_FIRST_ANSWER]
        if column == self.status_column:
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._status(member)
            if role == Qt.ItemDataRole.ForegroundRole and member.wrong:
                return QBrush(_WRONG)
            return None
        offset = column - COL_FIRST_ANSWER
        if not 0 <= offset < len(member.cells):
            return None
        mark = member.mark(offset)
        if role == MarkRole:
            return mark
        if role == Qt.ItemDataRole.ToolTipRole:
            note = member.note(offset)
            cell = member.cells[offset]
            return f"⚠ {note}" if note else (cell or None)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = {
                "problem": _WRONG_BACKGROUND,
                "warning": _WARNING_BACKGROUND,
                "off": _OFF_BACKGROUND,
            }.get(mark)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and mark in ("problem", "warning"):
            return QBrush(_WRONG if mark == "problem" else _WARNING)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        tip = role == Qt.ItemDataRole.ToolTipRole
        if section in (COL_NUMBER, self.status_column):
            text = self.number_header if section == COL_NUMBER else self.status_header
            return " ".join(text.split()) if tip else text
        offset = section - COL_FIRST_ANSWER
        if 0 <= offset < len(self.headers):
            if tip and offset < len(self.header_tips):
                return self.header_tips[offset]
            return self.headers[offset]
        return None
