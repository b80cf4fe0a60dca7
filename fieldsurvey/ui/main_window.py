"""The main window: interviews, data entry, sending and receiving, coordinator tools.

Pages depend on the workspace's role: a laptop records interviews and sends them; the
coordinator imports, reviews and returns them. Data entry replaces the tabs while an
interview is open; after a crash the app reopens at the same question.

Every database call runs in a task (``ui/tasks.py``), never on the UI thread. After each
write the runner broadcasts its :class:`~fieldsurvey.changes.Changes`
(``TaskRunner.changed``); the window reads just the interviews it names and puts their
rows in place in the list, and each page refreshes what it shows of it.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QToolBar,
    QWidget,
)

from fieldsurvey import APP_NAME, __version__
from fieldsurvey.changes import Changes
from fieldsurvey.forms.installed import compiled_form, install_default_form, newest_forms
from fieldsurvey.forms.prefill import prefilled_answers
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.interviews import (
    Interview,
    ListRow,
    delete_interview,
    get_interview,
    new_interview,
    reopen,
    return_for_correction,
)
from fieldsurvey.store.lifecycle import allowed
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.errors import show_error
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.interviews_page import InterviewsPage
from fieldsurvey.ui.language_switch import LanguageSwitch
from fieldsurvey.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from fieldsurvey.forms.engine import CompiledForm
    from fieldsurvey.forms.spec import FormSpec
    from fieldsurvey.store.forms import FormInfo

    from fieldsurvey.ui.coordinator_page import CoordinatorPage
    from fieldsurvey.ui.entry.entry_view import EntryView
    from fieldsurvey.ui.laptop_sync_page import LaptopSyncPage
    from fieldsurvey.ui.new_interview_dialog import NewInterview
    from fieldsurvey.ui.reports_page import ReportsPage


def _created(interview: Interview) -> Changes:
    return Changes(interviews=[interview.uuid], created=[interview.uuid])


def form_titles(ws: Workspace) -> dict[str, str]:
    """The title of each installed form's newest version, by form id (run it off the
    UI thread)."""
    return {info.form_id: spec.title or info.form_id for info, spec in newest_forms(ws)}


#: The modules of the pages behind the other tabs, and of the entry screen, imported
#: in a task once the window is up (each is also imported where it is used).
COORDINATOR_MODULE = "fieldsurvey.ui.coordinator_page"
SYNC_MODULE = "fieldsurvey.ui.laptop_sync_page"
REPORTS_MODULE = "fieldsurvey.ui.reports_page"
ENTRY_MODULE = "fieldsurvey.ui.entry.entry_view"
#: The warm-up starts at the latest this long after the window is made, even if the
#: list has not shown its first screen (a slow disk, a failed read).
WARM_UP_LATEST_MS = 3000
#: Once the window is up, the warm-up waits until no task has run for this long: the
#: list's count and marks arrive after its first screen and repaint it, and the
#: warm-up's imports beside that painting kept the window waiting for the GIL for
#: 100-370 ms at 1,000,000 interviews (each of the painting's calls into Python waits
#: for a thread that runs Python to let the GIL go).
WARM_UP_QUIET_MS = 200
#: ... but no longer than this after both steps, however busy the tasks are.
WARM_UP_WAIT_MS = 5000


def warm_up(modules: Iterable[str], *, freeze: bool = False) -> None:
    """Import ``modules`` (the pages not built yet, the entry screen) in a task once the
    window is up, so that the first switch to a tab only builds its widgets.

    ``freeze``: move everything held to the collector's permanent generation
    (``gc.freeze``), before the imports and after them. Every full collection walks
    every object the process holds, ~110,000 once the pages are loaded: 180 ms on a busy
    2-core machine, with the GIL held, so a full collection in a report or export task
    froze the window that long (bench/bench_ui_scale.py); with them frozen it walks only
    what is new. The app does it once (``run_app``); what start-up holds lives as long as
    the app anyway. Only the young generations are collected first (~1 ms): a full
    collection here found no garbage among what start-up holds, and its walk of every
    object, with the GIL held, froze the window opening on a 1,000,000-interview store
    for 100-320 ms on the busy machine."""
    if freeze:
        _freeze_young()  # the imports' own full collections then walk only what is new
    for name in [*modules, ENTRY_MODULE]:
        importlib.import_module(name)
    if freeze:
        _freeze_young()


def _freeze_young() -> None:
    """Collect the young generations' garbage, then freeze every object held."""
    gc.collect(1)
    gc.freeze()


class LazyTabs:
    """Tabs whose page is built the first time the tab is shown or the page asked for.

    Until then the tab holds an empty placeholder (its slot): the window opens without
    building the pages behind the other tabs, nor importing what they need (PDF
    rendering, exports, bundles). A page refreshes itself when it is built.
    """

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self._builders: dict[QWidget, Callable[[], QWidget]] = {}
        self._pages: dict[QWidget, QWidget] = {}
        tabs.tabBar().setSelectionBehaviorOnRemove(QTabBar.SelectionBehavior.SelectRightTab)
        tabs.currentChanged.connect(self._current_changed)

    def add(self, build: Callable[[], QWidget]) -> QWidget:
        """A new tab built by ``build()`` when needed; returns its slot."""
        slot = QWidget()
        self.tabs.addTab(slot, "")
        self._builders[slot] = build
        return slot

    def built(self, slot: QWidget) -> QWidget | None:
        return self._pages.get(slot)

    def page(self, slot: QWidget) -> QWidget:
        """The page of ``slot``, built and put in its tab now if it is not yet."""
        page = self._pages.get(slot)
        if page is not None:
            return page
        build = self._builders.pop(slot)
        page = build()
        self._pages[slot] = page
        index = self.tabs.indexOf(slot)
        was_current = self.tabs.currentIndex() == index
        # The page goes in right of its slot, then the slot goes: a current slot's tab
        # is followed by the page's (the tab bar selects the right-hand tab), never by
        # the next tab's for a moment (which built that page too, on the UI thread).
        self.tabs.insertTab(index + 1, page, self.tabs.tabText(index))
        self.tabs.removeTab(index)
        if was_current:
            self.tabs.setCurrentIndex(index)
        return page  # the slot (an empty widget) stays hidden: it keys the page

    def set_text(self, slot: QWidget, text: str) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self._pages.get(slot, slot)), text)

    def _current_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget in self._builders:
            self.page(widget)


class MainWindow(QMainWindow):
    def __init__(
        self, workspace: Workspace, runner: TaskRunner | None = None, *, freeze_heap: bool = False
    ) -> None:
        super().__init__()
        #: Freeze what start-up holds after the warm-up (:func:`warm_up`; the app does).
        self.freeze_heap = freeze_heap
        self.workspace = workspace
        self.runner = runner or TaskRunner(self)
        if self.runner.default_failure is None:
            self.runner.default_failure = lambda exc: show_error(self, exc)
        self.entry: EntryView | None = None
        self.role = workspace.role
        # Who is acting (``ws.acting_person()``), read off the UI thread at start.
        self.who_name = ""
        self.stack = QStackedWidget()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.interviews = InterviewsPage()
        self.interviews.set_source(workspace, self.runner)  # it reads its rows in windows
        self.tabs.addTab(self.interviews, "")
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.interviews.delete_requested.connect(self.delete_draft)
        self.interviews.open_requested.connect(self.open_interview)
        self.interviews.new_requested.connect(self.ask_new_interview)
        self.interviews.reopen_requested.connect(self.ask_reopen)
        self.return_button = QPushButton()
        self.return_button.clicked.connect(self.ask_return)
        self.interviews.current_changed.connect(self._current_changed)

        # The pages behind the other tabs are built when first shown (LazyTabs).
        self.lazy = LazyTabs(self.tabs)
        self._sync_slot: QWidget | None = None
        self._coordinator_slot: QWidget | None = None
        if workspace.role == "coordinator":
            self._coordinator_slot = self.lazy.add(self._build_coordinator_page)
            # The coordinator opens interviews to read them and returns them; recording,
            # reopening and deleting drafts happen on the laptops.
            self.interviews.new_button.setVisible(False)
            self.interviews.delete_button.setVisible(False)
            self.interviews.reopen_button.setVisible(False)
            self.interviews.add_button(self.return_button)
        else:
            self._sync_slot = self.lazy.add(self._build_sync_page)
            self.return_button.setVisible(False)
        self._reports_slot = self.lazy.add(self._build_reports_page)

        self.toolbar = QToolBar()
        self.toolbar.setMovable(False)
        self.toolbar.setObjectName("mainToolbar")
        self.role_label = QLabel()
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(self.role_label)
        self.toolbar.addWidget(spacer)
        self.language = LanguageSwitch()
        self.toolbar.addWidget(self.language)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.about_action = QAction(self)
        self.about_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.about_action.triggered.connect(self.show_about)
        self.addAction(self.about_action)
        self.statusBar()
        self.resize(1280, 720)
        self.runner.changed.connect(self.interviews_changed)
        self.retranslate()
        # The pages' modules and the form engine load in a task once the start-up task is
        # done AND the list's first screen is up: loading them while the first screen was
        # fitted kept the window waiting for the GIL (84-114 ms on 1,000,000 interviews).
        self._warm_steps: set[str] = set()
        #: The warm-up is done (its imports made): for tests and benchmarks.
        self.warmed_up = False
        self.interviews.first_screen_shown.connect(lambda: self._warm_up_after("listed"))
        latest = QTimer(self)  # dies with the window
        latest.setSingleShot(True)
        latest.timeout.connect(lambda: self._warm_up_after("listed"))
        latest.start(WARM_UP_LATEST_MS)
        self._prepare()

    # --- pages ----------------------------------------------------------------------
    def _build_coordinator_page(self) -> QWidget:
        from fieldsurvey.ui.coordinator_page import CoordinatorPage

        return CoordinatorPage(self.workspace, self.runner)

    def _build_sync_page(self) -> QWidget:
        from fieldsurvey.ui.laptop_sync_page import LaptopSyncPage

        return LaptopSyncPage(self.workspace, self.runner)

    def _build_reports_page(self) -> QWidget:
        from fieldsurvey.ui.reports_page import ReportsPage

        return ReportsPage(self.workspace, self.runner)

    @property
    def coordinator_page(self) -> CoordinatorPage | None:
        """The coordinator's page (built now if its tab was never shown); None on a laptop."""
        if self._coordinator_slot is None:
            return None
        return cast("CoordinatorPage", self.lazy.page(self._coordinator_slot))

    @property
    def sync_page(self) -> LaptopSyncPage | None:
        """The laptop's send-and-receive page (built now if need be); None on the
        coordinator."""
        if self._sync_slot is None:
            return None
        return cast("LaptopSyncPage", self.lazy.page(self._sync_slot))

    @property
    def reports_page(self) -> ReportsPage:
        """The reports page (built now if its tab was never shown)."""
        return cast("ReportsPage", self.lazy.page(self._reports_slot))

    # --- texts ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.tabs.setTabText(self.tabs.indexOf(self.interviews), self.tr("&Interviews"))
        if self._sync_slot is not None:
            self.lazy.set_text(self._sync_slot, self.tr("&Send and receive"))
        if self._coordinator_slot is not None:
            self.lazy.set_text(self._coordinator_slot, self.tr("&Coordinator"))
        self.lazy.set_text(self._reports_slot, self.tr("&Reports"))
        self.return_button.setText(self.tr("Re&turn for correction…"))
        roles = {
            "laptop": self.tr("Enumerator laptop"),
            "coordinator": self.tr("Network coordinator"),
            "manager": self.tr("Project manager"),
        }
        role = roles.get(self.role, self.role)
        self.role_label.setText(f"  {role} · {self.who_name}" if self.who_name else f"  {role}")
        self.about_action.setText(self.tr("About FieldSurvey (F1)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _acting(self) -> str:
        """Who acts (call it in a task's work: it may read the workspace)."""
        return self.who_name or self.workspace.acting_person()

    # --- start ----------------------------------------------------------------------
    def _prepare(self) -> None:
        """Install the default form on a workspace without forms; find who is acting and
        a crashed entry to reopen."""
        ws = self.workspace
        freeze = self.freeze_heap

        def work(progress: object, cancel: object) -> tuple[str, dict[str, Any] | None]:
            if freeze:  # (warm_up) the imports' full collections then walk only the new
                _freeze_young()
            # The entry screen's modules (the form engine) load here, off the UI thread,
            # after the window is up: not with the window, nor at the first interview.
            from fieldsurvey.ui.entry.resume import resume_point

            if not forms_store.list_forms(ws):
                install_default_form(ws)
            return ws.acting_person(), resume_point(ws)

        self.runner.run(work, on_success=self._prepared)

    def _prepared(self, found: tuple[str, dict[str, Any] | None]) -> None:
        self.who_name, point = found
        self.retranslate()
        self.runner.changed.emit(None)  # the default form may be new: every page reads
        if point is not None:
            self.open_interview(str(point["interview"]), start_path=point.get("path"))
        self._warm_up_after("prepared")

    def _warm_up_after(self, step: str) -> None:
        """Start the warm-up (:func:`warm_up`) once both steps are done: "prepared" (the
        start-up task) and "listed" (the first screen, or :data:`WARM_UP_LATEST_MS`),
        and then no task has run for :data:`WARM_UP_QUIET_MS`."""
        if self._warm_steps >= {"prepared", "listed"}:
            return  # started already
        self._warm_steps.add(step)
        if self._warm_steps != {"prepared", "listed"}:
            return
        # then once the tasks have been quiet for WARM_UP_QUIET_MS (the list repainted)
        timer = QTimer(self)  # dies with the window
        every = WARM_UP_QUIET_MS // 2
        timer.setInterval(every)
        ticks = {"quiet": 0, "all": 0}

        def tick() -> None:
            ticks["all"] += 1
            ticks["quiet"] = 0 if self.runner.busy else ticks["quiet"] + 1
            if ticks["quiet"] >= 2 or ticks["all"] * every >= WARM_UP_WAIT_MS:
                timer.stop()
                self._start_warm_up()

        timer.timeout.connect(tick)
        timer.start()

    def _start_warm_up(self) -> None:
        modules = [name for slot, name in self._page_modules() if self.lazy.built(slot) is None]
        freeze = self.freeze_heap

        def done(_result: object) -> None:
            self.warmed_up = True

        self.runner.run(lambda p, c: warm_up(modules, freeze=freeze), on_success=done, write=False)

    def _page_modules(self) -> list[tuple[QWidget, str]]:
        slots = [
            (self._coordinator_slot, COORDINATOR_MODULE),
            (self._sync_slot, SYNC_MODULE),
            (self._reports_slot, REPORTS_MODULE),
        ]
        return [(slot, name) for slot, name in slots if slot is not None]

    def reload(self) -> None:
        """Read the whole interviews list again (in the background)."""
        self._refresh_rows(True)

    def interviews_changed(self, changes: Changes | None) -> None:
        """A write changed ``changes`` (None: anything): bring their rows up to date."""
        if changes is None or changes.forms:
            ws = self.workspace
            self.runner.run(
                lambda p, c: form_titles(ws),
                on_success=self.interviews.set_form_titles,
                write=False,
            )
        if changes is None:
            self._refresh_rows(True)
        elif changes.interviews or changes.deleted or changes.created:
            self._refresh_rows([*changes.interviews, *changes.created, *changes.deleted])

    def _refresh_rows(self, uuids: Iterable[str] | bool) -> None:
        """Read the list again: from the start (True), or the rows it shows (after a
        write), in the background (the page reads windows: ui/interview_table_model.py)."""
        if uuids is True:
            self.interviews.reload()
        else:
            self.interviews.refresh()

    # --- interviews -----------------------------------------------------------------
    def ask_new_interview(self) -> None:
        """Read the installed forms (in the background), then ask which one to start."""
        ws = self.workspace
        self.runner.run(
            lambda p, c: newest_forms(ws), on_success=self._ask_new_interview, write=False
        )

    def _ask_new_interview(self, pairs: list[tuple[FormInfo, FormSpec]]) -> None:
        from fieldsurvey.ui.new_interview_dialog import NewInterviewDialog, OpenExisting

        specs = {info.form_id: spec for info, spec in pairs}
        choice = NewInterviewDialog.ask(
            self,
            [i for i, _ in pairs],
            specs,
            translations.language,
            workspace=self.workspace,
            runner=self.runner,
        )
        if isinstance(choice, OpenExisting):
            self.open_interview(choice.uuid)
        elif choice is not None:
            self.start_interview(choice, specs[choice.form.form_id])

    def start_interview(self, choice: NewInterview, spec: FormSpec) -> None:
        answers = prefilled_answers(
            spec, ward_code=choice.ward_code, household_id=choice.household_id
        )
        ws = self.workspace
        self.runner.run(
            lambda p, c: new_interview(
                ws,
                form_id=choice.form.form_id,
                form_version=choice.form.version,
                ward=choice.ward,
                household_id=choice.household_id,
                enumerator=self._acting(),
                respondent=choice.respondent,
                answers=answers,
                revisit_of=choice.revisit_of,
            ),
            on_success=lambda interview: self.open_interview(interview.uuid),
            changes=_created,
        )

    def open_interview(self, uuid: str, start_path: str | None = None) -> None:
        ws = self.workspace

        def work(progress: object, cancel: object) -> tuple[Interview, CompiledForm, str | None]:
            # Everything the entry screen needs is read here, off the UI thread.
            from fieldsurvey.ui.entry.resume import resume_point

            interview = get_interview(ws, uuid)
            form = compiled_form(ws, interview.form_id, interview.form_version)
            path = start_path
            point = resume_point(ws)
            if path is None and point is not None and point.get("interview") == uuid:
                found = point.get("path")
                path = found if isinstance(found, str) else None
            return interview, form, path

        def show(found: tuple[Interview, CompiledForm, str | None]) -> None:
            interview, form, path = found
            self._show_entry(interview, form, path)

        self.runner.run(work, on_success=show, write=False)

    def _show_entry(self, interview: Interview, form: CompiledForm, start_path: str | None) -> None:
        from fieldsurvey.ui.entry.entry_view import EntryView

        self.close_entry()
        self.entry = EntryView(
            self.workspace,
            interview.uuid,
            form,
            self.runner,
            who=self._acting(),
            start_path=start_path,
            interview=interview,
        )
        self.entry.closed.connect(self.close_entry)
        self.entry.completed.connect(lambda _uuid: self.close_entry())
        self.stack.addWidget(self.entry)
        self.stack.setCurrentWidget(self.entry)
        self.toolbar.setVisible(False)

    def close_entry(self) -> None:
        if self.entry is None:
            return
        entry, self.entry = self.entry, None
        self.stack.setCurrentWidget(self.tabs)
        self.stack.removeWidget(entry)
        entry.deleteLater()
        self.toolbar.setVisible(True)
        self._refresh_rows([entry.uuid])  # whatever the entry saved, even without Changes

    def _current_changed(self, row: ListRow | None) -> None:
        """Return for correction applies to some statuses only (the lifecycle table)."""
        self.return_button.setEnabled(row is not None and allowed("return", str(row.status)))

    def delete_draft(self, uuid: str) -> None:
        """Delete a draft after a confirmation that names its household."""
        row = self.interviews.model.row_of(uuid)
        if row is None or not allowed("delete", str(row.status)):
            return
        text = (
            self.tr(
                "Delete the draft interview of household %1 in %2? Its answers are removed "
                "from this laptop; the deletion is recorded in the audit log."
            )
            .replace("%1", row.household_id)
            .replace("%2", row.ward)
        )
        answer = QMessageBox.question(
            self,
            self.tr("Delete draft"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ws = self.workspace
        self.runner.run(lambda p, c: delete_interview(ws, uuid, who=self._acting()))

    def ask_reopen(self, uuid: str) -> None:
        """Ask why, then make a completed interview not yet sent a draft again and open
        it for correction."""
        row = self.interviews.model.row_of(uuid)
        if row is None or not allowed("reopen", str(row.status)):
            return
        prompt = (
            self.tr(
                "The interview of household %1 in %2 becomes a draft again, so you can "
                "correct it; complete it again afterwards.\n\nWhy is it reopened? (kept in "
                "the audit log with your name)"
            )
            .replace("%1", row.household_id)
            .replace("%2", row.ward)
        )
        asked = prompt
        while True:
            reason, ok = QInputDialog.getMultiLineText(
                self, self.tr("Reopen for correction"), asked
            )
            if not ok:
                return
            if reason.strip():
                break
            asked = self.tr("Please write why the interview is reopened.") + "\n\n" + prompt
        self.reopen_interview(uuid, reason.strip())

    def reopen_interview(self, uuid: str, reason: str) -> None:
        ws = self.workspace
        self.runner.run(
            lambda p, c: reopen(ws, uuid, reason=reason, who=self._acting()),
            on_success=lambda _changes: self.open_interview(uuid),
        )

    def ask_return(self) -> None:
        row = self.interviews.current()
        if row is None or not allowed("return", str(row.status)):
            return
        comment, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Return for correction"),
            self.tr("What should the enumerator correct? (the comment travels with the receipt)"),
        )
        if ok and comment.strip():
            self.return_interview(row.uuid, comment.strip())

    def return_interview(self, uuid: str, comment: str) -> None:
        ws = self.workspace
        self.runner.run(lambda p, c: return_for_correction(ws, uuid, comment, self._acting()))

    # --- misc -----------------------------------------------------------------------
    def show_about(self) -> None:
        from fieldsurvey.ui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.entry is not None:
            self.entry.close_entry()
        self.runner.cancel_reads()  # a report or duplicates scan of minutes: not waited for
        self.runner.wait_all()
        self.workspace.close()
        super().closeEvent(event)
