"""The coordinator's Entities tab: the network's entity lists, their conflicts, duplicates.

Three pages:
- **Lists**: pick a list (households, people), search it as on the laptops (accents not
  needed), read the selected entry's history (every version: who, which laptop and
  interview, what changed). Select two entries that are the same household and merge
  them (:mod:`entity_merge_dialog`).
- **Conflicts**: updates laptops made from an old version, side by side per property
  (:mod:`entity_conflicts_view`).
- **Same household twice?**: households the duplicate-household check found registered by
  two interviews (same ward and household id, or same respondent), each with the entries
  the two registrations created: merge them.
- **Assignments**: the households assigned to each laptop for a follow-up wave (assigned
  from the Lists page) and what became of each: to visit, visited, refused, moved, not
  found, with each laptop's progress.

Every read runs in the background (one read for the page, one per search and per
history); a write anywhere that changes interviews or entities reloads it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.changes import Changes
from fieldsurvey.forms import number_reading as nr
from fieldsurvey.store import entities as es
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.devices import list_devices
from fieldsurvey.sync.duplicates import DuplicateGroup
from fieldsurvey.sync.entity_duplicates import DuplicatePair, duplicate_pairs, groups_and_pairs

from fieldsurvey.ui.context_table import local_time
from fieldsurvey.ui.entity_conflicts_view import EntityConflictsView, ShownConflict
from fieldsurvey.ui.entity_merge_dialog import MergeEntitiesDialog
from fieldsurvey.ui.entry.entity_lists import shown_properties
from fieldsurvey.ui.errors import show_inline_or_dialog
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.row_table_model import Column, RowTableModel
from fieldsurvey.ui.shared_duplicates import SharedDuplicates
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.to_visit import ToVisitPanel, Visit, read_visits
from fieldsurvey.ui.when_shown import WhenShown
from fieldsurvey.ui.widgets import message_label, table_view

# Entries of a list shown at once (a search narrows the rest).
SHOWN = 200


@dataclass(frozen=True)
class Loaded:
    lists: list[tuple[str, int]]
    conflicts: list[ShownConflict]
    devices: dict[str, str]
    visits: list[Visit]
    #: The laptops that can be given households (active ones): (device id, name).
    active: list[tuple[str, str]]


@dataclass(frozen=True)
class Window:
    list_name: str
    text: str
    rows: list[es.StoredEntity]
    count: int


def _base_of(versions: list[es.EntityVersion], entity_id: str, version: int | None) -> (
    es.EntityVersion | None
):  # fmt: skip
    found = [v for v in versions if v.entity_id == entity_id and v.version == version]
    return found[-1] if found else None


def load(ws: Workspace) -> Loaded:
    """Everything the tab shows but the list's rows (run it off the UI thread)."""
    with ws.reading():
        listed = list_devices(ws)
        devices = {d.device_id: d.name for d in listed}
        shown = []
        for c in es.list_conflicts(ws.db):
            base = _base_of(es.history(ws.db, c.list_name, c.entity_id), c.entity_id,
                            c.base_version)  # fmt: skip
            shown.append(
                ShownConflict(
                    c, devices.get(c.device_id, c.device_id),
                    base.label if base is not None else None,
                    dict(base.properties) if base is not None else None,
                )
            )  # fmt: skip
        visits = sorted(
            read_visits(ws), key=lambda v: devices.get(v.status.assignment.device_id, "")
        )
        active = [(d.device_id, d.name) for d in listed if d.active]
        return Loaded(es.lists(ws.db), shown, devices, visits, active)


def entity_details(entity: es.StoredEntity) -> str:
    return " · ".join(shown_properties(entity.row()))


class EntitiesTab(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        acting: Callable[[], str],
        *,
        shared: SharedDuplicates | None = None,
    ) -> None:
        """``acting()`` names who resolves and merges (called off the UI thread);
        ``shared``: the possible duplicates the Coordinator page also reads."""
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self.acting = acting
        self.shared = shared if shared is not None else SharedDuplicates(runner, self)
        self.devices: dict[str, str] = {}
        self.active: list[tuple[str, str]] = []
        self._query = 0  # the newest search's number: older results are dropped
        self._window: Window | None = None
        runner.changed.connect(self._on_changed)
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        # Lists.
        self.list_label = QLabel()
        self.list_combo = QComboBox()
        self.list_combo.currentIndexChanged.connect(lambda _i: self.search_list())
        self.list_label.setBuddy(self.list_combo)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.search_list())
        self.merge_button = QPushButton()
        self.merge_button.clicked.connect(self.ask_merge_selected)
        self.assign_button = QPushButton()
        self.assign_button.clicked.connect(self.ask_assign_selected)
        self.count_label = QLabel()
        self.model: RowTableModel[es.StoredEntity] = RowTableModel(
            [
                Column(lambda: self.tr("Label"), lambda e: e.label),
                Column(lambda: self.tr("Details"), entity_details),
                Column(lambda: self.tr("Ward"), lambda e: e.ward),
                Column(lambda: self.tr("Version"), lambda e: e.version),
                Column(lambda: self.tr("Last change"), lambda e: local_time(e.updated_at),
                       sort_key=lambda e: e.updated_at),
            ]
        )  # fmt: skip
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.history_heading = QLabel()
        self.history_model: RowTableModel[es.EntityVersion] = RowTableModel(
            [
                Column(lambda: self.tr("Version"), lambda v: v.version),
                Column(lambda: self.tr("What"), lambda v: self._kind(v.kind)),
                Column(lambda: self.tr("When"), lambda v: local_time(v.at),
                       sort_key=lambda v: v.at),
                Column(lambda: self.tr("Laptop"), lambda v: self._device(v.device_id)),
                Column(lambda: self.tr("By"), lambda v: v.who or ""),
                Column(lambda: self.tr("Label"), lambda v: v.label),
                Column(lambda: self.tr("Interview"), lambda v: v.interview_uuid or ""),
                Column(lambda: self.tr("What changed"), self._changed),
            ]
        )  # fmt: skip
        self.history_view = table_view()
        self.history_view.setModel(self.history_model)
        self.lists_result = message_label()
        top = QHBoxLayout()
        top.addWidget(self.list_label)
        top.addWidget(self.list_combo)
        top.addWidget(self.search, 1)
        top.addWidget(self.assign_button)
        top.addWidget(self.merge_button)
        lists_page = QWidget()
        column = QVBoxLayout(lists_page)
        column.addLayout(top)
        column.addWidget(self.count_label)
        column.addWidget(self.view, 3)
        column.addWidget(self.lists_result)
        column.addWidget(self.history_heading)
        column.addWidget(self.history_view, 2)
        self.pages.addTab(lists_page, "")

        # Conflicts.
        self.conflicts = EntityConflictsView(workspace, runner, acting)
        self.conflicts.resolved_one.connect(self.refresh)
        self.pages.addTab(self.conflicts, "")

        # Same household twice.
        self.pairs_about = QLabel()
        self.pairs_about.setWordWrap(True)
        self.pairs_model: RowTableModel[DuplicatePair] = RowTableModel(
            [
                Column(lambda: self.tr("Why"), lambda p: self._rule(p.rule)),
                Column(lambda: self.tr("Household"), lambda p: p.key),
                Column(lambda: self.tr("List"), lambda p: p.first.list_name),
                Column(lambda: self.tr("First entry"), lambda p: p.first.label),
                Column(lambda: self.tr("Second entry"), lambda p: p.second.label),
            ]
        )  # fmt: skip
        self.pairs_view = table_view()
        self.pairs_view.setModel(self.pairs_model)
        self.pairs_view.selectionModel().selectionChanged.connect(self._enable)
        self.pairs_view.doubleClicked.connect(lambda _i: self.ask_merge_pair())
        self.pair_button = QPushButton()
        self.pair_button.clicked.connect(self.ask_merge_pair)
        self.pairs_result = message_label()
        pairs_page = QWidget()
        column = QVBoxLayout(pairs_page)
        column.addWidget(self.pairs_about)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pair_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.pairs_view, 1)
        column.addWidget(self.pairs_result)
        self.pages.addTab(pairs_page, "")
        # the pairs come from every interview's possible duplicates: read while shown
        self.pairs_reader = WhenShown(pairs_page, self._read_pairs)

        # Assignments: every laptop's, as the laptops see theirs (ui/to_visit.py).
        self.assignments = ToVisitPanel(workspace, runner, acting, coordinator=self._device)
        self.pages.addTab(self.assignments, "")
        self._enable()
        self.retranslate()

    # --- texts ------------------------------------------------------------------------
    def title(self) -> str:
        conflicts = self.conflicts.model.rowCount()
        if conflicts:
            return self.tr("Entities (%1 conflicts)").replace("%1", str(conflicts))
        return self.tr("Entities")

    def retranslate(self) -> None:
        self.pages.setTabText(0, self.tr("Lists"))
        conflicts = self.conflicts.model.rowCount()
        self.pages.setTabText(
            1,
            self.tr("Conflicts (%1)").replace("%1", str(conflicts))
            if conflicts
            else self.tr("Conflicts"),
        )
        self.pages.setTabText(2, self.tr("Same household twice?"))
        self.pages.setTabText(3, self.tr("Assignments"))
        self.assign_button.setText(self.tr("&Assign the selected to a laptop…"))
        self.assign_button.setToolTip(
            self.tr("The laptop gets these households in its “to visit” list with its next receipt")
        )
        self.list_label.setText(self.tr("&List:"))
        self.search.setPlaceholderText(
            self.tr("Search by name, household id, ward or phone (accents not needed)")
        )
        self.merge_button.setText(self.tr("&Merge the two selected entries…"))
        self.merge_button.setToolTip(
            self.tr("Select two entries that are the same household (Ctrl+click), then merge")
        )
        self.pair_button.setText(self.tr("Merge the &selected pair…"))
        self.pairs_about.setText(
            self.tr(
                "Households the duplicate check found registered twice (same ward and"
                " household id, or same respondent), with the two entries their interviews"
                " created. Merge them when they are one household."
            )
        )
        for model in (self.model, self.history_model, self.pairs_model):
            model.retranslate()
        self._say_count()
        self._history_heading()
        tabs = self.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        if tabs is not None and tabs.indexOf(self) >= 0:
            tabs.setTabText(tabs.indexOf(self), self.title())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _kind(self, kind: str) -> str:
        return {
            "create": self.tr("registered"),
            "update": self.tr("updated"),
            "correct": self.tr("corrected"),
            "base": self.tr("version a laptop started from"),
            "resolve": self.tr("conflict resolved"),
            "merge": self.tr("another entry merged into it"),
            "merged": self.tr("merged into another entry"),
            "received": self.tr("received"),
            "assign": self.tr("assigned to a laptop"),
        }.get(kind, kind)

    def _rule(self, rule: str) -> str:
        return {
            "ward+household": self.tr("same ward and household id"),
            "name+age+phone": self.tr("same respondent"),
        }.get(rule, rule)

    def _device(self, device_id: str | None) -> str:
        return self.devices.get(device_id or "", device_id or "")

    def _changed(self, v: es.EntityVersion) -> str:
        """The properties this version changed from the one before it (same entry)."""
        rows = self.history_model.rows
        index = rows.index(v) if v in rows else -1
        before = next((r for r in reversed(rows[:index]) if r.entity_id == v.entity_id), None)
        if before is None:
            return ""
        names = [k for k in v.properties if v.properties.get(k) != before.properties.get(k)]
        if v.label != before.label:
            names.insert(0, self.tr("(label)"))
        return ", ".join(names)

    # --- loading ----------------------------------------------------------------------
    def _on_changed(self, changes: Changes | None) -> None:
        if changes is None or changes.interviews:
            self.refresh()

    def refresh(self) -> None:
        ws = self.workspace
        self.runner.run(lambda p, c: load(ws), on_success=self._loaded, write=False)

    def _read_pairs(self) -> None:
        ws = self.workspace
        known = self.shared.fresh()  # the duplicates tab's groups, if nothing changed since
        token = self.shared.token()

        def read(
            progress: object, cancel: object
        ) -> tuple[list[DuplicateGroup], list[DuplicatePair]]:
            from fieldsurvey.store.interview_listing import holds_at_least
            from fieldsurvey.worker_process import APART_FROM, run_read

            # the whole store's duplicates and entities: a worker process when large,
            # which reads the groups again rather than be sent them (pickling 150,000
            # groups for it held the lock in the app for half a second)
            if known is not None and not holds_at_least(ws, APART_FROM):
                return known, run_read(ws, duplicate_pairs, known)
            return run_read(ws, groups_and_pairs)  # type: ignore[no-any-return]

        def done(result: tuple[list[DuplicateGroup], list[DuplicatePair]]) -> None:
            self.shared.keep(token, result[0])
            self._pairs_read(result[1])

        # (the possible duplicates of every interview: ui/tasks.py)
        self.runner.run(read, on_success=done, write=False, pause_collector=True)

    def _pairs_read(self, pairs: list[DuplicatePair]) -> None:
        self.pairs_model.set_rows(pairs)
        self._enable()

    def _loaded(self, loaded: Loaded) -> None:
        self.devices = loaded.devices
        self.active = loaded.active
        self.assignments.set_visits(loaded.visits)
        wanted = self.list_combo.currentData() or (loaded.lists[0][0] if loaded.lists else None)
        self.list_combo.blockSignals(True)
        self.list_combo.clear()
        lang = translations.language
        for name, size in loaded.lists:
            self.list_combo.addItem(f"{name} ({nr.format_number(size, lang)})", name)
        index = self.list_combo.findData(wanted)
        self.list_combo.setCurrentIndex(max(index, 0))
        self.list_combo.blockSignals(False)
        self.conflicts.set_rows(loaded.conflicts)
        self.pairs_reader.request()
        self.retranslate()
        self._enable()
        self.search_list()

    def search_list(self) -> None:
        """Read the chosen list's entries matching the search (the first SHOWN)."""
        list_name = self.list_combo.currentData()
        if not list_name:
            self.model.set_rows([])
            self._window = None
            self._say_count()
            return
        ws, text = self.workspace, self.search.text()
        self._query += 1
        number = self._query

        def work(_p: object, _c: object) -> Window:
            with ws.reading():
                rows = es.list_entities(ws.db, list_name, text=text, limit=SHOWN)
                count = es.count_entities(ws.db, list_name, text=text)
            return Window(list_name, text, rows, count)

        def done(window: Window) -> None:
            if number == self._query:
                self._window = window
                self.model.set_rows(window.rows)
                self.history_model.set_rows([])
                self._history_heading()
                self._say_count()
                self._enable()

        self.runner.run(work, on_success=done, write=False)

    def _say_count(self) -> None:
        window = self._window
        if window is None:
            self.count_label.setText(
                self.tr("No entity list yet: lists come with the interviews that register them.")
                if not self.list_combo.count()
                else ""
            )
            return
        lang = translations.language
        count = nr.format_number(window.count, lang)
        if window.count > len(window.rows):
            text = self.tr("Showing %1 of %2: search to find the others.").replace(
                "%1", nr.format_number(len(window.rows), lang)
            )
        elif window.text.strip():
            text = self.tr("%2 found.")
        else:
            text = self.tr("%2 entries.")
        self.count_label.setText(text.replace("%2", count))

    # --- history ----------------------------------------------------------------------
    def _selected(self) -> list[es.StoredEntity]:
        return [self.model.row(i.row()) for i in self.view.selectionModel().selectedRows()]

    def _selection_changed(self) -> None:
        self._enable()
        chosen = self._selected()
        if len(chosen) != 1:
            self.history_model.set_rows([])
            self._history_heading()
            return
        entity, ws = chosen[0], self.workspace

        def done(rows: list[es.EntityVersion]) -> None:
            if self._selected() == [entity]:
                self.history_model.set_rows(rows)
                self._history_heading()

        self.runner.run(
            lambda p, c: es.history(ws.db, entity.list_name, entity.entity_id),
            on_success=done,
            on_failure=lambda exc: show_inline_or_dialog(self, self.lists_result, exc),
            write=False,
        )

    def _history_heading(self) -> None:
        chosen = self._selected()
        if len(chosen) == 1:
            self.history_heading.setText(
                self.tr("History of %1 (id %2):")
                .replace("%1", chosen[0].label)
                .replace("%2", chosen[0].entity_id)
            )
        else:
            self.history_heading.setText(self.tr("Select an entry to see its history."))

    # --- merging ----------------------------------------------------------------------
    def _enable(self) -> None:
        self.merge_button.setEnabled(len(self._selected()) == 2)
        self.assign_button.setEnabled(bool(self._selected()) and bool(self.active))
        self.pair_button.setEnabled(bool(self.pairs_view.selectionModel().selectedRows()))

    def ask_merge_selected(self) -> None:
        chosen = self._selected()
        if len(chosen) == 2:
            self._ask_merge(chosen[0], chosen[1], self.lists_result)

    def ask_merge_pair(self) -> None:
        """Read the chosen pair's two entries as they are now, then ask which to keep (the
        list holds only what it shows of them; one merged away since is said, and the
        pairs are read again)."""
        rows = self.pairs_view.selectionModel().selectedRows()
        if not rows:
            return
        pair = self.pairs_model.row(rows[0].row())
        ws = self.workspace

        def read(_p: object, _c: object) -> list[es.StoredEntity | None]:
            with ws.reading():
                return [es.get_entity(ws.db, e.list_name, e.entity_id)
                        for e in (pair.first, pair.second)]  # fmt: skip

        def done(found: list[es.StoredEntity | None]) -> None:
            self._enable()
            first, second = found
            if first is None or second is None or first.deleted or second.deleted:
                self.pairs_result.setText(
                    self.tr("An entry of this pair changed meanwhile; reading the pairs again.")
                )
                self.pairs_reader.request()
                return
            self._ask_merge(first, second, self.pairs_result)

        def failed(exc: BaseException) -> None:
            self._enable()
            show_inline_or_dialog(self, self.pairs_result, exc)

        self.pair_button.setEnabled(False)  # one dialog at a time
        self.runner.run(read, on_success=done, on_failure=failed, write=False)

    def _ask_merge(self, a: es.StoredEntity, b: es.StoredEntity, result: QLabel) -> None:
        outcome = MergeEntitiesDialog.ask(self, a, b)
        if outcome is not None:
            self.merge(outcome[0], outcome[1], result)

    def merge(self, keep: es.StoredEntity, drop: es.StoredEntity, result: QLabel) -> None:
        ws, acting = self.workspace, self.acting

        def work(_p: object, _c: object) -> int:
            with ws.transaction():
                return es.merge_entities(ws.db, keep.list_name, keep.entity_id, drop.entity_id,
                                         acting())  # fmt: skip

        def done(version: int) -> None:
            result.setText(
                self.tr("%1 merged into %2 (now version %3); both histories are kept.")
                .replace("%1", drop.label)
                .replace("%2", keep.label)
                .replace("%3", str(version))
            )
            self.refresh()

        self.runner.run(
            work, on_success=done,
            on_failure=lambda exc: show_inline_or_dialog(self, result, exc),
        )  # fmt: skip

    # --- assigning --------------------------------------------------------------------
    def ask_assign_selected(self) -> None:
        """Ask which laptop and which wave, then assign the selected entries."""
        chosen = self._selected()
        if not chosen or not self.active:
            return
        names = [name for _id, name in self.active]
        name, ok = QInputDialog.getItem(
            self, self.tr("Assign for a follow-up visit"),
            self.tr("Laptop that visits the %1 selected households:").replace(
                "%1", str(len(chosen))),
            names, 0, False,
        )  # fmt: skip
        if not ok:
            return
        wave, ok = QInputDialog.getText(
            self, self.tr("Assign for a follow-up visit"),
            self.tr("Follow-up wave (e.g. “6 months”):"),
        )  # fmt: skip
        if ok:
            device = self.active[names.index(name)][0]
            self.assign(chosen, device, wave.strip())

    def assign(self, chosen: list[es.StoredEntity], device_id: str, wave: str) -> None:
        ws, acting = self.workspace, self.acting

        def work(_p: object, _c: object) -> int:
            who = acting()
            with ws.transaction():
                return sum(
                    es.add_assignment(ws.db, e.list_name, e.entity_id, device_id, wave=wave,
                                      who=who)
                    for e in chosen
                )  # fmt: skip

        def done(added: int) -> None:
            self.lists_result.setText(
                self.tr("Assigned to %2: %1 new, %3 already assigned.")
                .replace("%1", str(added))
                .replace("%2", self._device(device_id))
                .replace("%3", str(len(chosen) - added))
            )
            self.refresh()

        self.runner.run(
            work, on_success=done,
            on_failure=lambda exc: show_inline_or_dialog(self, self.lists_result, exc),
        )  # fmt: skip
