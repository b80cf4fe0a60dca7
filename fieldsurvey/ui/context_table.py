"""Tables of records with context: a tooltip of its own per column, texts that follow
the language (labels from the form), and the full interview id to copy.

Used by the coordinator's Conflicts and Quarantine tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QTableView

from fieldsurvey.ui.row_table_model import AnyIndex, Column, RowTableModel

T = TypeVar("T")


@dataclass(frozen=True)
class TipColumn(Column[T]):
    # The cell's tooltip (default: its text).
    tooltip: Callable[[T], Any] | None = None


class TipTableModel(RowTableModel[T]):
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            if 0 <= index.row() < len(self.rows):
                column = self.columns[index.column()]
                tooltip = getattr(column, "tooltip", None)
                if tooltip is not None:
                    value = tooltip(self.rows[index.row()])
                    return "" if value is None else str(value)
        return super().data(index, role)

    def retranslate(self) -> None:
        """Headers and cells again (cells show the form's labels in the app language)."""
        super().retranslate()
        if self.rows and self.columns:
            last = self.index(len(self.rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)


def add_copy_action(view: QTableView, text_of_current: Callable[[], str | None]) -> QAction:
    """Ctrl+C and the context menu's "Copy the interview id" on ``view`` put
    ``text_of_current()`` on the clipboard."""

    def copy() -> None:
        text = text_of_current()
        if text:
            QGuiApplication.clipboard().setText(text)

    action = QAction(view)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(copy)
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    retranslate_copy_action(action)
    return action


def retranslate_copy_action(action: QAction) -> None:
    action.setText(QCoreApplication.translate("ContextTable", "&Copy the interview id"))


def local_time(text: str) -> str:
    """A stored ISO moment as the app shows dates: dd/mm/yyyy HH:MM, in local time."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")
