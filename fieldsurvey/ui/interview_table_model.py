"""The interviews list: a table model that holds only the windows of rows it shows.

The workspace answers "the rows of this filter and sort order from here, 100 of
them" and "how many" (:mod:`fieldsurvey.store.interview_listing`), so the list opens
and filters as fast at 1,000,000 interviews as at 100. The model keeps blocks of
BLOCK rows around what the view shows (at most MAX_BLOCKS): a row not loaded yet asks
for its block (read in the background through the TaskRunner, never on the UI thread)
and shows empty until it comes. The next block while scrolling is read by key from its
neighbour (keyset: the same cost at row 900,000 as at row 100); a jump (the scroll bar,
Ctrl+End) is read by position. A new query (search text, filters, sort order) keeps
the rows shown until its first screen is there, then resets the model; its count
follows (counting a million rows takes longer than the first screen).

The view shows the model directly (no proxy: a proxy maps every row, a million of
them); a click on a column header sorts through :meth:`InterviewTableModel.sort`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from fieldsurvey.store import interview_listing as listing
from fieldsurvey.store.interview_listing import ListPlan, ListQuery, ListWindow
from fieldsurvey.store.interviews import InterviewStatus, ListRow
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.context_table import local_time
from fieldsurvey.ui.tasks import TaskRunner

COL_WARD = 0
COL_HOUSEHOLD = 1
COL_RESPONDENT = 2
COL_ENUMERATOR = 3
COL_FORM = 4
COL_STATUS = 5
COL_UPDATED = 6
COL_CHECKS = 7
COLUMN_COUNT = 8

RowRole = Qt.ItemDataRole.UserRole + 2

#: Rows per window read from the workspace, and windows kept.
BLOCK = 100
MAX_BLOCKS = 60

#: The store's sort order of each column.
SORT_OF_COLUMN = {
    COL_WARD: "ward",
    COL_HOUSEHOLD: "household",
    COL_RESPONDENT: "respondent",
    COL_ENUMERATOR: "enumerator",
    COL_FORM: "form",
    COL_STATUS: "status",
    COL_UPDATED: "updated",
    COL_CHECKS: "checks",
}

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


@dataclass
class Screen:
    """What a query's first read brings: its plan, the blocks read (by number), the
    count when it came cheaply (None: asked for next), where the kept interview is."""

    plan: ListPlan
    blocks: dict[int, ListWindow]
    total: int | None = None
    #: The kept (selected) interview's position in the new order (None: not there).
    kept_at: int | None = None
    generation: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        """How many rows this screen brings."""
        return sum(len(w.rows) for w in self.blocks.values())


def read_screen(
    ws: Workspace,
    query: ListQuery,
    *,
    blocks: Iterable[int] = (0,),
    keep: str | None = None,
    total: int | None = None,
    count: bool = False,
) -> Screen:
    """Plan ``query`` and read its ``blocks`` (and the block of ``keep``, the selected
    interview, if it is selected); run it off the UI thread. ``count``: count always
    (else only when the first block tells it)."""
    found = listing.plan(ws, query)
    kept_at = None
    if keep is not None:
        key = listing.key_of(ws, found, keep)
        if key is not None:
            kept_at = listing.position_of(ws, found, key)
    wanted = set(blocks)
    if kept_at is not None:
        wanted.add(kept_at // BLOCK)
    if count or 0 not in wanted:
        total = listing.count(ws, found)
    read: dict[int, ListWindow] = {}
    for number in sorted(wanted):
        if total is not None and number * BLOCK >= total and number:
            continue
        read[number] = listing.window_at(ws, found, number * BLOCK, BLOCK, total=total)
        if number == 0 and len(read[0].rows) < BLOCK:
            total = len(read[0].rows)
    return Screen(plan=found, blocks=read, total=total, kept_at=kept_at)


class InterviewTableModel(QAbstractTableModel):
    """The rows of the current query, read in windows of BLOCK rows on demand.

    ``total`` is the query's row count (None until counted: the model then has the
    rows read so far). Each new query or refresh has a generation: answers to an
    older one are dropped.
    """

    #: The query's count is known (or changed).
    counted = Signal()
    #: A new first screen is shown (``Screen``), or a refresh came (same signal).
    screen_shown = Signal(object)
    #: A column header asked for another order (``query`` has it): query again.
    sort_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws: Workspace | None = None
        self.runner: TaskRunner | None = None
        self.query = ListQuery()
        self.plan: ListPlan | None = None
        self.total: int | None = None
        #: How many interviews the workspace holds (the "of N" of the count).
        self.all_total: int | None = None
        self._rows_shown = 0
        self._blocks: OrderedDict[int, ListWindow] = OrderedDict()
        self._asked: set[int] = set()
        self._wanted: set[int] = set()
        self._generation = 0
        self._reading_screen = False
        #: A screen's read is under way in a task; the newest asked for meanwhile waits.
        self._screen_running = False
        self._screen_waiting: Callable[[], None] | None = None
        #: Sort keys of every ANCHOR_EVERY-th row (read after the count): a jump reads
        #: from the nearest one.
        self._marks: list[tuple[Any, ...]] | None = None
        self._every = listing.ANCHOR_EVERY
        #: form id -> the title of its newest installed version (the Questionnaire column).
        self.form_titles: dict[str, str] = {}
        self._ask_timer = QTimer(self)
        self._ask_timer.setSingleShot(True)
        self._ask_timer.setInterval(0)
        self._ask_timer.timeout.connect(self._read_wanted)

    def set_source(self, ws: Workspace, runner: TaskRunner) -> None:
        self.ws, self.runner = ws, runner

    # --- queries ----------------------------------------------------------------------
    def set_query(
        self,
        query: ListQuery,
        *,
        keep: str | None = None,
        on_shown: Callable[[Screen], None] | None = None,
    ) -> None:
        """Show ``query``: its first screen replaces the rows when read (``keep``: the
        selected interview, found in the new order)."""
        self.query = query
        self._read_screen(blocks=(0,), keep=keep, on_shown=on_shown)

    def refresh(
        self,
        blocks: Iterable[int],
        *,
        keep: str | None = None,
        on_shown: Callable[[Screen], None] | None = None,
    ) -> None:
        """Read the same query again (after a write): these blocks and the count."""
        self._read_screen(blocks=blocks, keep=keep, on_shown=on_shown, count=True)

    def _read_screen(
        self,
        *,
        blocks: Iterable[int],
        keep: str | None,
        on_shown: Callable[[Screen], None] | None,
        count: bool = False,
    ) -> None:
        """Read a first screen (a new query) or the screen shown (a refresh) in a task.
        While one is read, a newer one waits and replaces any that waited before it: a
        search typed key by key on 1,000,000 interviews reads the newest text when the
        read under way ends, instead of one search per key all at once (each a few
        hundred ms of CPU, every read thread busy while the window waits for a core)."""
        if self.ws is None or self.runner is None:
            return
        self._generation += 1
        generation = self._generation
        ws, query, wanted = self.ws, self.query, sorted(set(blocks))
        self._reading_screen = True
        filtered = bool(query.text or query.status is not None or query.ward is not None)
        # The "of N" (every interview): counted again after a write (``count``) or when
        # not known; a search or filter alone does not change it.
        count_all = filtered and (count or self.all_total is None)

        def work(progress: object, cancel: object) -> Screen:
            screen = read_screen(ws, query, blocks=wanted, keep=keep, count=count)
            if count_all:
                screen.extra["all"] = listing.count(ws, listing.plan(ws, ListQuery()))
            elif not filtered and screen.total is not None:
                screen.extra["all"] = screen.total
            screen.generation = generation
            return screen

        def shown(screen: Screen) -> None:
            self._screen_read()
            if screen.generation != self._generation:
                return
            self._reading_screen = False
            self._show(screen)
            if on_shown is not None:
                on_shown(screen)
            self.screen_shown.emit(screen)
            if self.total is None:
                self._count()
            else:
                self._read_marks()

        def failed(exc: BaseException) -> None:
            self._screen_read()
            self._failed(generation)(exc)

        def start() -> None:
            assert self.runner is not None
            self._screen_running = True
            self.runner.run(work, on_success=shown, on_failure=failed, write=False)

        if self._screen_running:
            self._screen_waiting = start
        else:
            start()

    def _screen_read(self) -> None:
        """A screen's read ended: start the newest one that waited for it, if any."""
        self._screen_running = False
        waiting, self._screen_waiting = self._screen_waiting, None
        if waiting is not None:
            waiting()

    def _failed(self, generation: int) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._reading_screen = False
            if self.runner is not None and self.runner.default_failure is not None:
                self.runner.default_failure(exc)

        return failed

    def _show(self, screen: Screen) -> None:
        self.beginResetModel()
        self.plan = screen.plan
        self.total = screen.total
        self._blocks = OrderedDict(sorted(screen.blocks.items()))
        self._asked.clear()
        self._wanted.clear()
        self._marks = None
        if "all" in screen.extra:
            self.all_total = int(screen.extra["all"])
        self._rows_shown = self.total if self.total is not None else self._read_rows()
        self.endResetModel()
        self.counted.emit()

    def _read_rows(self) -> int:
        """Rows known to exist from the blocks read (while not counted)."""
        return max((n * BLOCK + len(w.rows) for n, w in self._blocks.items()), default=0)

    def _count(self) -> None:
        assert self.ws is not None and self.runner is not None and self.plan is not None
        ws, found, generation = self.ws, self.plan, self._generation
        needs_all = self.all_total is None
        query = self.query
        filtered = bool(query.text or query.status is not None or query.ward is not None)

        def work(progress: object, cancel: object) -> tuple[int, int | None]:
            total = listing.count(ws, found)
            every = None
            if needs_all:
                every = listing.count(ws, listing.plan(ws, ListQuery())) if filtered else total
            return total, every

        def counted(found_counts: tuple[int, int | None]) -> None:
            if generation != self._generation:
                return
            total, every = found_counts
            if every is not None:
                self.all_total = every
            self._set_total(total)
            self._read_marks()

        self.runner.run(work, on_success=counted, on_failure=self._failed(generation), write=False)

    def _read_marks(self) -> None:
        """Read the anchors of a long list (jumps then read at most ANCHOR_EVERY rows
        further instead of up to half the list)."""
        if self.total is None or self.total < 2 * listing.ANCHOR_EVERY:
            return
        assert self.ws is not None and self.runner is not None and self.plan is not None
        ws, found, generation = self.ws, self.plan, self._generation
        every = self._every = listing.ANCHOR_EVERY

        def read(marks: list[tuple[Any, ...]]) -> None:
            if generation == self._generation:
                self._marks = marks

        # (a newer query or refresh makes them useless: the hops stop)
        self.runner.run(
            lambda p, c: listing.anchors(
                ws, found, every, stop=lambda: generation != self._generation
            ),
            on_success=read,
            on_failure=self._failed(generation),
            write=False,
        )

    def _set_total(self, total: int) -> None:
        self.total = total
        if total > self._rows_shown:
            self.beginInsertRows(QModelIndex(), self._rows_shown, total - 1)
            self._rows_shown = total
            self.endInsertRows()
        elif total < self._rows_shown:
            self.beginRemoveRows(QModelIndex(), total, self._rows_shown - 1)
            self._rows_shown = total
            self.endRemoveRows()
        self.counted.emit()

    # --- windows on demand ------------------------------------------------------------
    def _ask(self, number: int) -> None:
        if number in self._asked or number in self._wanted:
            return
        self._wanted.add(number)
        if not self._ask_timer.isActive():
            self._ask_timer.start()

    def _read_wanted(self) -> None:
        if self.ws is None or self.runner is None or self.plan is None:
            return
        wanted, self._wanted = sorted(self._wanted), set()
        for number in wanted:
            if number in self._blocks or number in self._asked:
                continue
            self._asked.add(number)
            self._read_block(number)

    def _read_block(self, number: int) -> None:
        assert self.ws is not None and self.runner is not None and self.plan is not None
        ws, found, total, generation = self.ws, self.plan, self.total, self._generation
        before, after = self._blocks.get(number - 1), self._blocks.get(number + 1)
        marks, every = self._marks, self._every

        def work(progress: object, cancel: object) -> ListWindow:
            if before is not None and len(before.keys) == BLOCK:
                return listing.window_after(ws, found, before.keys[-1], BLOCK)
            if after is not None and after.keys:
                return listing.window_after(ws, found, after.keys[0], BLOCK, before=True)
            return listing.window_at(
                ws, found, number * BLOCK, BLOCK, total=total, marks=marks, every=every
            )

        def read(window: ListWindow) -> None:
            if generation != self._generation:
                return
            self._asked.discard(number)
            self._blocks[number] = window
            self._forget_far(number)
            first = number * BLOCK
            last = min(first + BLOCK, self._rows_shown) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))

        self.runner.run(work, on_success=read, on_failure=self._failed(generation), write=False)

    def _forget_far(self, near: int) -> None:
        """Keep at most MAX_BLOCKS blocks: drop the farthest from ``near``."""
        while len(self._blocks) > MAX_BLOCKS:
            far = max(self._blocks, key=lambda n: abs(n - near))
            del self._blocks[far]

    def loading(self) -> bool:
        """A read is under way or asked for (for tests and the benchmark)."""
        return bool(self._reading_screen or self._asked or self._wanted)

    def loaded_blocks(self) -> list[int]:
        return sorted(self._blocks)

    def painted_rows(self) -> bool:
        """The first block is read (what the first screen paints)."""
        return 0 in self._blocks and not self._reading_screen

    # --- rows ---------------------------------------------------------------------------
    def row_at(self, position: int) -> ListRow | None:
        """The row at ``position`` if read (None: not yet; asks for it)."""
        if not 0 <= position < self._rows_shown:
            return None
        number, offset = divmod(position, BLOCK)
        window = self._blocks.get(number)
        if window is None:
            self._ask(number)
            return None
        return window.rows[offset] if offset < len(window.rows) else None

    @property
    def rows(self) -> list[ListRow]:
        """The rows read, in list order (all of them for a short list)."""
        return [row for _n, window in sorted(self._blocks.items()) for row in window.rows]

    def row_of(self, uuid: str) -> ListRow | None:
        """The row of ``uuid`` if read."""
        return next((r for w in self._blocks.values() for r in w.rows if r.uuid == uuid), None)

    def visible_row_of(self, uuid: str) -> int | None:
        """The position of ``uuid`` among the rows read (None: not read)."""
        for number, window in self._blocks.items():
            for offset, row in enumerate(window.rows):
                if row.uuid == uuid:
                    return number * BLOCK + offset
        return None

    def set_form_titles(self, titles: dict[str, str]) -> None:
        """Titles of the installed forms, by form id (the Questionnaire column)."""
        if titles == self.form_titles:
            return
        self.form_titles = dict(titles)
        if self._rows_shown:
            last = self._rows_shown - 1
            self.dataChanged.emit(self.index(0, COL_FORM), self.index(last, COL_FORM))

    def form_text(self, row: ListRow) -> str:
        return self.form_titles.get(row.form_id) or row.form_id

    # --- sort -------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``: the page makes the new query (``sort_changed``)."""
        sort = SORT_OF_COLUMN.get(column)
        if sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self.query.sort, self.query.descending):
            return
        self.query = replace(self.query, sort=sort, descending=descending)
        self.sort_changed.emit()

    # --- Qt model interface -----------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows_shown

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in _ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        col = index.column()
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_FORM:
            return (
                QCoreApplication.translate("InterviewTableModel", "%1 (form id %2, version %3)")
                .replace("%1", self.form_text(row))
                .replace("%2", row.form_id)
                .replace("%3", row.form_version)
            )
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


_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RowRole)
