"""The interviews list with search and filters: new, open, reopen for correction, delete.

Each action is enabled only when it applies to the selected interview (the store's
lifecycle table decides, :func:`fieldsurvey.store.lifecycle.allowed`), so no button
leads to a refusal.

The list reads its rows from the workspace in windows (``ui/interview_table_model.py``):
the search box, the filters and a click on a column header each make a new query, read
in the background; the rows shown stay until the new ones are there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
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

from fieldsurvey.store import interview_listing as listing
from fieldsurvey.store.interview_listing import ListQuery
from fieldsurvey.store.interviews import InterviewStatus, ListRow
from fieldsurvey.store.lifecycle import allowed
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.interview_table_model import (
    BLOCK,
    COL_FORM,
    COL_RESPONDENT,
    COL_UPDATED,
    InterviewTableModel,
    Screen,
    status_text,
)
from fieldsurvey.ui.tasks import TaskRunner

#: The widest a column grows when fitted to its contents (px); the full text is in the
#: cell's tooltip. Long questionnaire titles would otherwise push the list off screen.
MAX_FITTED_WIDTH = 240
#: The rows a column is fitted to (about a screen).
FITTED_ROWS = 30


class InterviewsPage(QWidget):
    new_requested = Signal()
    open_requested = Signal(str)
    delete_requested = Signal(str)
    reopen_requested = Signal(str)
    #: The selected interview's row (None: nothing selected), whenever it may have changed.
    current_changed = Signal(object)
    #: The list's first screen is on show, its columns fitted (once, at the first query).
    first_screen_shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = InterviewTableModel(self)
        #: The view's model (the list has no proxy any more; the name stays for callers).
        self.proxy = self.model
        self._wards: list[str] = []
        self._fit_pending = False
        self._first_shown = False
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
        self.table.setModel(self.model)
        # Every row has the same height: the view never asks a million rows for theirs.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Columns fit to the rows on screen, not to the first thousand (unread) rows.
        self.table.verticalHeader().setResizeContentsPrecision(0)
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
        self._last_selected: ListRow | None = None
        self.table.selectionModel().selectionChanged.connect(self._remember_selection)
        self.model.counted.connect(self._update_count)
        self.model.dataChanged.connect(self._update_actions)
        self.model.sort_changed.connect(self._apply_filter)
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
    def set_source(self, ws: Workspace, runner: TaskRunner) -> None:
        """Read the list from ``ws`` through ``runner`` (call :meth:`reload` to show it)."""
        self.model.set_source(ws, runner)

    def reload(self) -> None:
        """Read the wards and the list again from the start (in the background)."""
        self._read_wards()
        self._fit_pending = True  # fit the columns to the first rows read
        self.model.all_total = None  # anything may have changed: count every one again
        self._query(keep=None)

    def refresh(self) -> None:
        """The workspace changed: read the rows shown, the count and the wards again,
        keeping the selection and the scroll position (in the background)."""
        if self.model.plan is None:
            self.reload()
            return
        # A read under way is superseded: only the newest one's rows are shown.
        self._read_wards()
        selected = self.current() or self._last_selected
        first = max(0, self.table.rowAt(0))
        last = self.table.rowAt(max(0, self.table.viewport().height() - 1))
        last = first + BLOCK if last < 0 else last
        blocks = range(first // BLOCK, last // BLOCK + 1)
        self.model.refresh(
            blocks, keep=selected.uuid if selected else None, on_shown=self._refreshed
        )

    def _refreshed(self, screen: Screen) -> None:
        self._select_kept(screen, scroll=False)

    def set_rows(self, screen: Screen) -> None:
        """Show the first screen of a new query (its rows are in the model already)."""
        self._select_kept(screen, scroll=True)
        if self._fit_pending:  # not while typing a search: the columns would jump
            self._fit_pending = False
            self._fit_columns()
        if not self._first_shown:
            self._first_shown = True
            self.first_screen_shown.emit()

    def _query(self, keep: str | None) -> None:
        query = ListQuery(
            text=self.search.text(),
            status=self.status_filter.currentData(),
            ward=self.ward_filter.currentData(),
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )
        # Looked up when called, so that a test can watch the first screens.
        self.model.set_query(query, keep=keep, on_shown=lambda screen: self.set_rows(screen))  # noqa: PLW0108

    def _select_kept(self, screen: Screen, *, scroll: bool) -> None:
        position = screen.kept_at
        if position is None and self.model.rowCount():
            position = 0
        if position is not None:
            self.table.selectRow(position)
            if scroll:
                self.table.scrollTo(self.model.index(position, 0))
        self._update_count()
        self._update_actions()

    def _read_wards(self) -> None:
        ws, runner = self.model.ws, self.model.runner
        if ws is None or runner is None:
            return
        runner.run(lambda p, c: listing.wards(ws), on_success=self._wards_read, write=False)

    def _wards_read(self, wards: list[str]) -> None:
        self._wards = wards
        self._fill_wards()

    def set_form_titles(self, titles: dict[str, str]) -> None:
        """The installed forms' titles by form id, for the Questionnaire column."""
        self.model.set_form_titles(titles)
        self._fit(COL_FORM)

    def _fit_columns(self) -> None:
        """Fit the columns the user may resize to the rows read (at most
        MAX_FITTED_WIDTH); the respondent and the last column keep stretching."""
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                self._fit(column)

    def _fit(self, column: int) -> None:
        """Fit ``column`` to its header and the first rows read, measured here: Qt's own
        fitting asks the model for hundreds of rows, most of them not read."""
        header = self.table.horizontalHeader()
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            return
        metrics = self.table.fontMetrics()
        title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
        widest = header.fontMetrics().horizontalAdvance(title) + 2 * metrics.height()
        for row in range(min(self.model.rowCount(), FITTED_ROWS)):
            if self.model.row_at(row) is None:
                break
            text = str(self.model.index(row, column).data() or "")
            widest = max(widest, metrics.horizontalAdvance(text) + metrics.height())
        header.resizeSection(column, min(widest, MAX_FITTED_WIDTH))

    def _fill_wards(self) -> None:
        current = self.ward_filter.currentData()
        self.ward_filter.blockSignals(True)
        self.ward_filter.clear()
        self.ward_filter.addItem(self.tr("All wards"), None)
        for ward in self._wards:
            self.ward_filter.addItem(ward, ward)
        self.ward_filter.setCurrentIndex(max(0, self.ward_filter.findData(current)))
        self.ward_filter.blockSignals(False)

    def _apply_filter(self) -> None:
        selected = self.current() or self._last_selected
        self._query(keep=selected.uuid if selected else None)

    def _update_count(self) -> None:
        total, shown = self.model.all_total, self.model.total
        if total is None or shown is None:
            self.count_label.setText(self.tr("Counting interviews…"))
            return
        # Two texts, so that English says "1 interview" and "3 interviews" without a
        # translator (Vietnamese has one form for both).
        if total == 1:
            text = self.tr("Showing %1 of %Ln interview", "", total)
        else:
            text = self.tr("Showing %1 of %Ln interviews", "", total)
        self.count_label.setText(text.replace("%1", QLocale().toString(shown)))

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

    def add_button(self, button: QPushButton) -> None:
        """Add a role-specific action beside the standard ones."""
        self.buttons_row.insertWidget(self.buttons_row.indexOf(self.delete_button) + 1, button)

    def current(self) -> ListRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(rows[0].row())

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
