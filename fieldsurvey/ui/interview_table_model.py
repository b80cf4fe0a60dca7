"""The interviews list: a table model over ListRow rows, and its proxy.

Sorting and filtering happen in the model on plain Python lists, not in
QSortFilterProxyModel: with 100,000 rows the proxy's own sort calls ``data()`` millions
of times and took 45 s on a test laptop, where ``list.sort`` takes a few tens of ms
(bench/bench_ui_list.py). :class:`InterviewProxy` keeps the usual proxy interface for
the view and forwards sorting and filtering to the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from fieldsurvey.store.interviews import InterviewStatus, ListRow

from fieldsurvey.ui.context_table import local_time

COL_WARD = 0
COL_HOUSEHOLD = 1
COL_RESPONDENT = 2
COL_ENUMERATOR = 3
COL_FORM = 4
COL_STATUS = 5
COL_UPDATED = 6
COL_CHECKS = 7
COLUMN_COUNT = 8

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


def status_text(status: str) -> str:
    return {
        InterviewStatus.DRAFT: QCoreApplication.translate("InterviewTableModel", "Draft"),
        InterviewStatus.COMPLETED: QCoreApplication.translate("InterviewTableModel", "Completed"),
        InterviewStatus.EXPORTED: QCoreApplication.translate("InterviewTableModel", "Sent"),
        InterviewStatus.ACKNOWLEDGED: QCoreApplication.translate(
            "InterviewTableModel", "Received by coordinator"
        ),
        InterviewStatus.RETURNED: QCoreApplication.translate(
            "InterviewTableModel", "Returned for correction"
        ),
    }[InterviewStatus(status)]


def checks_text(row: ListRow) -> str:
    """The validation state in plain words (and the coordinator's comment if returned)."""
    if row.status == InterviewStatus.RETURNED and row.comment:
        return row.comment
    if row.problems is None:
        return ""
    if row.problems == 0:
        return QCoreApplication.translate("InterviewTableModel", "✓ All checks pass")
    # Two texts, so that English says "1 question" and "3 questions" without a
    # translator (Vietnamese has one form for both).
    if row.problems == 1:
        return QCoreApplication.translate(
            "InterviewTableModel", "%n question to answer or fix", "", row.problems
        )
    return QCoreApplication.translate(
        "InterviewTableModel", "%n questions to answer or fix", "", row.problems
    )


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("InterviewTableModel", "Ward"),
        QCoreApplication.translate("InterviewTableModel", "Household"),
        QCoreApplication.translate("InterviewTableModel", "Respondent"),
        QCoreApplication.translate("InterviewTableModel", "Enumerator"),
        QCoreApplication.translate("InterviewTableModel", "Questionnaire"),
        QCoreApplication.translate("InterviewTableModel", "Status"),
        QCoreApplication.translate("InterviewTableModel", "Last change"),
        QCoreApplication.translate("InterviewTableModel", "Checks"),
    ]


def _search_key(r: ListRow) -> str:
    return f"{r.ward}\t{r.household_id}\t{r.respondent}\t{r.enumerator}".casefold()


_SORT_KEYS: dict[int, Callable[[ListRow], Any]] = {
    COL_WARD: lambda r: (r.ward.casefold(), r.household_id),
    COL_HOUSEHOLD: lambda r: r.household_id.casefold(),
    COL_RESPONDENT: lambda r: r.respondent.casefold(),
    COL_ENUMERATOR: lambda r: r.enumerator.casefold(),
    COL_FORM: lambda r: (r.form_id, r.form_version),
    COL_STATUS: lambda r: str(r.status),
    COL_UPDATED: lambda r: r.updated,
    COL_CHECKS: lambda r: (-1 if r.problems is None else r.problems, r.comment),
}


class InterviewTableModel(QAbstractTableModel):
    """All interviews in memory; ``visible`` holds the filtered, sorted row numbers.

    Filtering and sorting reset the model (the row count changes); the page restores
    the selection by uuid.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ListRow] = []
        self._search_keys: list[str] = []
        self.visible: list[int] = []
        self._text = ""
        self._status: InterviewStatus | None = None
        self._ward: str | None = None
        self._sort_column = COL_UPDATED
        self._sort_order = Qt.SortOrder.DescendingOrder
        #: form id -> the title of its newest installed version (the Questionnaire column).
        self.form_titles: dict[str, str] = {}

    # --- data -----------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ListRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._search_keys = [_search_key(r) for r in self.rows]
        self._recompute()
        self.endResetModel()

    def apply(self, rows: Sequence[ListRow], removed: Iterable[str] = ()) -> None:
        """Replace these interviews' rows (adding new ones) and drop ``removed``.

        When every visible row keeps its place (a change that moves nothing under the
        current sort and filter), only those rows' ``dataChanged`` is emitted; otherwise
        the model resets, like filtering and sorting do (the page restores the selection
        by uuid). Either way nothing is read again from the database.
        """
        gone = set(removed)
        position = {r.uuid: i for i, r in enumerate(self.rows)}
        changed: list[int] = []
        moved = False  # rows added or dropped: the row numbers shift
        for row in rows:
            i = position.get(row.uuid)
            if row.uuid in gone:
                continue
            if i is None:
                moved = True
                position[row.uuid] = len(self.rows)
                self.rows.append(row)
                self._search_keys.append(_search_key(row))
            elif self.rows[i] != row:
                self.rows[i] = row
                self._search_keys[i] = _search_key(row)
                changed.append(i)
        if gone & position.keys():
            moved = True
            keep = [i for i, r in enumerate(self.rows) if r.uuid not in gone]
            self.rows = [self.rows[i] for i in keep]
            self._search_keys = [self._search_keys[i] for i in keep]
        visible = self._visible_rows()
        if not moved and visible == self.visible:
            for i in changed:
                pos = self._visible_pos(i)
                if pos is not None:
                    self.dataChanged.emit(self.index(pos, 0), self.index(pos, COLUMN_COUNT - 1))
            return
        self.beginResetModel()
        self.visible = visible
        self.endResetModel()

    def _visible_pos(self, i: int) -> int | None:
        try:
            return self.visible.index(i)
        except ValueError:
            return None

    def wards(self) -> list[str]:
        return sorted({r.ward for r in self.rows if r.ward})

    def row_of(self, uuid: str) -> ListRow | None:
        """The row of ``uuid`` (shown or filtered out), if the list has it."""
        return next((r for r in self.rows if r.uuid == uuid), None)

    def set_form_titles(self, titles: dict[str, str]) -> None:
        """Titles of the installed forms, by form id (the Questionnaire column)."""
        if titles == self.form_titles:
            return
        self.form_titles = dict(titles)
        if self.visible:
            last = len(self.visible) - 1
            self.dataChanged.emit(self.index(0, COL_FORM), self.index(last, COL_FORM))

    def form_text(self, row: ListRow) -> str:
        return self.form_titles.get(row.form_id) or row.form_id

    # --- filter and sort ------------------------------------------------------------
    def set_filter(
        self, text: str = "", status: InterviewStatus | None = None, ward: str | None = None
    ) -> None:
        self.beginResetModel()
        self._text, self._status, self._ward = text.casefold().strip(), status, ward
        self._recompute()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self.beginResetModel()
        self._sort_column, self._sort_order = column, order
        self._recompute()
        self.endResetModel()

    def _recompute(self) -> None:
        self.visible = self._visible_rows()

    def _visible_rows(self) -> list[int]:
        """Row numbers that pass the filter, in sort order."""
        text, status, ward, rows = self._text, self._status, self._ward, self.rows
        keep: Iterable[int] = range(len(rows))
        if status is not None:
            keep = [i for i in keep if rows[i].status == status]
        if ward is not None:
            keep = [i for i in keep if rows[i].ward == ward]
        if text:
            keys = self._search_keys
            keep = [i for i in keep if text in keys[i]]
        key = _SORT_KEYS[self._sort_column]
        return sorted(
            keep,
            key=lambda i: key(rows[i]),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    # --- Qt model interface ---------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def row_at(self, visible_row: int) -> ListRow:
        return self.rows[self.visible[visible_row]]

    def visible_row_of(self, uuid: str) -> int | None:
        for pos, i in enumerate(self.visible):
            if self.rows[i].uuid == uuid:
                return pos
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.visible):
            return None
        row = self.row_at(index.row())
        col = index.column()
        if role == RowRole:
            return row
        if role == SortRole:
            return _SORT_KEYS[col](row)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_FORM:
            return (
                QCoreApplication.translate("InterviewTableModel", "%1 (form id %2, version %3)")
                .replace("%1", self.form_text(row))
                .replace("%2", row.form_id)
                .replace("%3", row.form_version)
            )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == COL_WARD:
                return row.ward
            if col == COL_HOUSEHOLD:
                return row.household_id
            if col == COL_RESPONDENT:
                return row.respondent
            if col == COL_ENUMERATOR:
                return row.enumerator
            if col == COL_FORM:
                return self.form_text(row)
            if col == COL_STATUS:
                return status_text(row.status)
            if col == COL_UPDATED:
                return local_time(row.updated)
            if col == COL_CHECKS:
                return checks_text(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = _headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None


class InterviewProxy(QSortFilterProxyModel):
    """The view's proxy: forwards sorting and filtering to :class:`InterviewTableModel`."""

    def __init__(self, model: InterviewTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model_ = model
        self.setSourceModel(model)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.model_.sort(column, order)

    def set_filter(
        self, text: str = "", status: InterviewStatus | None = None, ward: str | None = None
    ) -> None:
        self.model_.set_filter(text, status, ward)

    def row_at(self, proxy_row: int) -> ListRow:
        index = self.index(proxy_row, 0)
        row = self.data(index, RowRole)
        assert isinstance(row, ListRow)
        return row
