"""The roster table: one row per member, their first answers and what is left to do."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

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
_WRONG = QColor("#a1001a")

Index = QModelIndex | QPersistentModelIndex


class MemberRow(BaseModel):
    index: int
    cells: list[str]
    #: Required questions still unanswered, and answers that break a constraint.
    missing: int = 0
    wrong: int = 0


class RosterModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MemberRow] = []
        self.headers: list[str] = []
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

    def set_headers(self, headers: list[str], status: str, number: str) -> None:
        if len(headers) != len(self.headers):
            self.beginResetModel()
            self.headers = headers
            self.endResetModel()
        self.headers, self.status_header, self.number_header = headers, status, number
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
        done, missing, wrong = self.status_texts
        if member.wrong:
            return wrong.format(n=member.wrong)
        if member.missing:
            return missing.format(n=member.missing)
        return done

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
                return (member.wrong, member.missing) if role == SortRole else self._status(member)
            return member.cells[column - COL_FIRST_ANSWER]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.status_column and member.wrong:
            return QBrush(_WRONG)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if section == COL_NUMBER:
            return self.number_header
        if section == self.status_column:
            return self.status_header
        if 0 <= section - COL_FIRST_ANSWER < len(self.headers):
            return self.headers[section - COL_FIRST_ANSWER]
        return None
