"""Small building blocks shared by the pages: headings, tables, inline messages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget


def heading(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


def message_label(parent: QWidget | None = None) -> QLabel:
    """A label for results and problems shown in place, never in a pop-up."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setOpenExternalLinks(False)
    return label


#: Rows a column is fitted to (the visible ones first). Qt's default, 1,000, asked a
#: list of 15,000 possible duplicates for ~24,000 cells, in Python, on the UI thread
#: each time it was shown: 0.35-0.45 s (bench/bench_ui_scale.py; 48 ms now).
FITTED_ROWS = 100


def table_view(parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setResizeContentsPrecision(FITTED_ROWS)
    return view
