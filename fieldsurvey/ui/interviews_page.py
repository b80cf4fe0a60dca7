"""The interviews list with search and filters: new, open, reopen for correction, delete.

Each action is enabled only when it applies to the selected interview (the store's
lifecycle table decides, :func:`fieldsurvey.store.lifecycle.allowed`), so no button
leads to a refusal.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.store.interviews import InterviewStatus, ListRow
from fieldsurvey.store.lifecycle import allowed

from fieldsurvey.ui.interview_table_model import (
    COL_FORM,
    COL_RESPONDENT,
    COL_UPDATED,
    InterviewProxy,
    InterviewTableModel,
    status_text,
)

#: The widest a column grows when fitted to its contents (px); the full text is in the
#: cell's tooltip. Long questionnaire titles would otherwise push the list off screen.
MAX_FITTED_WIDTH = 240


class InterviewsPage(QWidget):
    new_requested = Signal()
    open_requested = Signal(str)
    delete_requested = Signal(str)
    reopen_requested = Signal(str)
    #: The selected interview's row (None: nothing selected), whenever it may have changed.
    current_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = InterviewTableModel(self)
        self.proxy = InterviewProxy(self.model, self)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.ward_filter = QComboBox()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(COL_UPDATED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line per interview: long titles are elided
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COL_RESPONDENT, QHeaderView.ResizeMode.Stretch)
        header.sortIndicatorChanged.connect(self._sorted)
        self._last_selected: ListRow | None = None
        self.table.selectionModel().selectionChanged.connect(self._remember_selection)
        self.table.doubleClicked.connect(lambda _index: self._open_current())
        self.count_label = QLabel()
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.reopen_button = QPushButton()
        self.delete_button = QPushButton()
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._open_current)
        self.reopen_button.clicked.connect(self._reopen_current)
        self.delete_button.clicked.connect(self._delete_current)
        # Its own shortcut: the "&" of the button's text takes the button's (Alt+N).
        self.new_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        self.new_shortcut.activated.connect(self.new_button.click)
        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.activated.connect(self.search.setFocus)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.activated.connect(self._open_current)
            # PySide6 ignores the context keyword argument: set it explicitly, so Enter
            # opens an interview only from the table, not while typing in the search box.
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

        filters = QHBoxLayout()
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        filters.addWidget(self.search_label)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.ward_filter, 1)
        buttons = self.buttons_row = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reopen_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.search.textChanged.connect(self._apply_filter)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.ward_filter.currentIndexChanged.connect(self._apply_filter)
        self.retranslate()

    # --- texts ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Interviews"))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Ward, household, respondent… (Ctrl+F)"))
        self.new_button.setText(self.tr("&New interview (Ctrl+N)"))
        self.open_button.setText(self.tr("&Open (Enter)"))
        self.reopen_button.setText(self.tr("Reopen for &correction…"))
        self.delete_button.setText(self.tr("&Delete draft…"))
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in InterviewStatus:
            self.status_filter.addItem(status_text(status), status)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(current)))
        self.status_filter.blockSignals(False)
        self._fill_wards()
        self._update_count()
        self._update_actions()
        last = self.model.columnCount() - 1
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- data -----------------------------------------------------------------------
    def set_rows(self, rows: list[ListRow]) -> None:
        self.model.set_rows(rows)
        self._fill_wards()
        self._apply_filter()
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self._fit_columns()
        self._update_actions()

    def set_form_titles(self, titles: dict[str, str]) -> None:
        """The installed forms' titles by form id, for the Questionnaire column."""
        self.model.set_form_titles(titles)
        self.table.resizeColumnToContents(COL_FORM)
        self._cap(COL_FORM)

    def _fit_columns(self) -> None:
        """Fit the columns the user may resize to their contents (at most
        MAX_FITTED_WIDTH); the respondent and the last column keep stretching
        (resizeColumnsToContents on a shown table would fix their width too)."""
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                self.table.resizeColumnToContents(column)
                self._cap(column)

    def _cap(self, column: int) -> None:
        header = self.table.horizontalHeader()
        if header.sectionSize(column) > MAX_FITTED_WIDTH:
            header.resizeSection(column, MAX_FITTED_WIDTH)

    def update_rows(self, rows: list[ListRow], removed: list[str]) -> None:
        """Put these interviews' new rows in place (adding new ones) and drop the
        ``removed`` ones, keeping the selection, search, filters and sort order."""
        selected = self.current() or self._last_selected
        self.model.apply(rows, removed)
        self._fill_wards()
        self._reselect(selected)
        self._update_count()
        self._update_actions()

    def _fill_wards(self) -> None:
        current = self.ward_filter.currentData()
        self.ward_filter.blockSignals(True)
        self.ward_filter.clear()
        self.ward_filter.addItem(self.tr("All wards"), None)
        for ward in self.model.wards():
            self.ward_filter.addItem(ward, ward)
        self.ward_filter.setCurrentIndex(max(0, self.ward_filter.findData(current)))
        self.ward_filter.blockSignals(False)

    def _apply_filter(self) -> None:
        selected = self.current() or self._last_selected
        self.proxy.set_filter(
            self.search.text(), self.status_filter.currentData(), self.ward_filter.currentData()
        )
        self._reselect(selected)
        self._update_count()
        self._update_actions()

    def _reselect(self, row: ListRow | None) -> None:
        pos = self.model.visible_row_of(row.uuid) if row is not None else None
        if pos is None and self.proxy.rowCount():
            pos = 0
        if pos is not None:
            self.table.selectRow(pos)

    def _update_count(self) -> None:
        total, shown = len(self.model.rows), self.proxy.rowCount()
        # Two texts, so that English says "1 interview" and "3 interviews" without a
        # translator (Vietnamese has one form for both).
        if total == 1:
            text = self.tr("Showing %1 of %n interview", "", total)
        else:
            text = self.tr("Showing %1 of %n interviews", "", total)
        self.count_label.setText(text.replace("%1", str(shown)))

    def _remember_selection(self) -> None:
        row = self.current()
        if row is not None:
            self._last_selected = row
        self._update_actions()

    def _update_actions(self) -> None:
        """Enable what applies to the selected interview, and say why the rest does not."""
        row = self.current()
        status = str(row.status) if row is not None else ""
        self.open_button.setEnabled(row is not None)
        can_delete = row is not None and allowed("delete", status)
        self.delete_button.setEnabled(can_delete)
        self.delete_button.setToolTip(
            "" if can_delete else self.tr("Only a draft can be deleted: select a draft.")
        )
        can_reopen = row is not None and allowed("reopen", status)
        self.reopen_button.setEnabled(can_reopen)
        self.reopen_button.setToolTip(
            self.tr("Make this completed interview a draft again, to correct it before it is sent.")
            if can_reopen
            else self.tr(
                "Only a completed interview that has not been sent can be reopened; once "
                "sent, the coordinator returns it for correction."
            )
        )
        self.current_changed.emit(row)

    def _sorted(self, _column: int, _order: Qt.SortOrder) -> None:
        self._reselect(self._last_selected)

    def add_button(self, button: QPushButton) -> None:
        """Add a role-specific action beside the standard ones."""
        self.buttons_row.insertWidget(self.buttons_row.indexOf(self.delete_button) + 1, button)

    def current(self) -> ListRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.row_at(rows[0].row())

    def _open_current(self) -> None:
        row = self.current()
        if row is not None:
            self.open_requested.emit(row.uuid)

    def _delete_current(self) -> None:
        row = self.current()
        if row is not None and allowed("delete", str(row.status)):
            self.delete_requested.emit(row.uuid)

    def _reopen_current(self) -> None:
        row = self.current()
        if row is not None and allowed("reopen", str(row.status)):
            self.reopen_requested.emit(row.uuid)
