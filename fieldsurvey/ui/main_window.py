"""The main window: interviews, data entry, sending and receiving, coordinator tools.

Pages depend on the workspace's role: a laptop records interviews and sends them; the
coordinator imports, reviews and returns them. Data entry replaces the tabs while an
interview is open; after a crash the app reopens at the same question.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

from fieldsurvey import APP_NAME, __version__
from fieldsurvey.forms.installed import compiled_form, install_default_form, newest_forms
from fieldsurvey.forms.prefill import prefilled_answers
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.interviews import (
    InterviewStatus,
    delete_interview,
    get_interview,
    list_rows,
    new_interview,
    return_for_correction,
)
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import DEVICE_SETTING

from fieldsurvey.ui.entry.entry_controller import resume_point
from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.errors import show_error
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.interviews_page import InterviewsPage
from fieldsurvey.ui.language_switch import LanguageSwitch
from fieldsurvey.ui.new_interview_dialog import NewInterview, NewInterviewDialog
from fieldsurvey.ui.tasks import TaskRunner


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.runner = runner or TaskRunner(self)
        if self.runner.default_failure is None:
            self.runner.default_failure = lambda exc: show_error(self, exc)
        self.entry: EntryView | None = None
        self.role = workspace.role
        self.who_name = self.who()
        self.stack = QStackedWidget()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.interviews = InterviewsPage()
        self.tabs.addTab(self.interviews, "")
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.interviews.delete_requested.connect(self.delete_draft)
        self.interviews.open_requested.connect(self.open_interview)
        self.interviews.new_requested.connect(self.ask_new_interview)
        self.return_button = QPushButton()
        self.return_button.clicked.connect(self.ask_return)

        self.sync_page: QWidget | None = None
        self.coordinator_page: QWidget | None = None
        who = self.who()
        if workspace.role == "coordinator":
            from fieldsurvey.ui.coordinator_page import CoordinatorPage

            self.coordinator_page = CoordinatorPage(workspace, self.runner, who)
            self.coordinator_page.changed.connect(self.reload)  # type: ignore[attr-defined]
            self.tabs.addTab(self.coordinator_page, "")
            self.interviews.new_button.setVisible(False)
            self.interviews.delete_button.setVisible(False)
            self.interviews.open_button.setVisible(False)
            self.interviews.add_button(self.return_button)
        else:
            from fieldsurvey.ui.laptop_sync_page import LaptopSyncPage

            self.sync_page = LaptopSyncPage(workspace, self.runner, who)
            self.sync_page.changed.connect(self.reload)
            self.tabs.addTab(self.sync_page, "")
            self.return_button.setVisible(False)

        from fieldsurvey.ui.reports_page import ReportsPage

        self.reports_page = ReportsPage(workspace, self.runner)
        self.tabs.addTab(self.reports_page, "")

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
        self.retranslate()
        self._prepare()

    # --- texts ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.tabs.setTabText(self.tabs.indexOf(self.interviews), self.tr("&Interviews"))
        if self.sync_page is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.sync_page), self.tr("&Send and receive"))
        if self.coordinator_page is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.coordinator_page), self.tr("C&oordinator"))
        self.tabs.setTabText(self.tabs.indexOf(self.reports_page), self.tr("&Reports"))
        self.return_button.setText(self.tr("&Return for correction…"))
        roles = {
            "laptop": self.tr("Enumerator laptop"),
            "coordinator": self.tr("Network coordinator"),
            "manager": self.tr("Project manager"),
        }
        role = roles.get(self.role, self.role)
        self.role_label.setText(f"  {role} · {self.who_name}")
        self.about_action.setText(self.tr("About FieldSurvey (F1)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def who(self) -> str:
        for key in ("enumerator", "device_name"):
            value = self.workspace.get_setting(key)
            if value:
                return str(value)
        config = self.workspace.get_setting(DEVICE_SETTING)
        if isinstance(config, dict) and config.get("device_name"):
            return str(config["device_name"])
        return self.workspace.role

    # --- start ----------------------------------------------------------------------
    def _prepare(self) -> None:
        """Install the default form on a workspace without forms; reopen a crashed entry."""
        ws = self.workspace

        def work(progress, cancel):  # type: ignore[no-untyped-def]
            if not forms_store.list_forms(ws):
                install_default_form(ws)
            return resume_point(ws)

        self.runner.run(work, on_success=self._prepared)

    def _prepared(self, point: dict | None) -> None:  # type: ignore[type-arg]
        self.reload()
        if point is not None:
            self.open_interview(str(point["interview"]), start_path=point.get("path"))

    def reload(self) -> None:
        """Reload the interviews list (in the background)."""
        ws = self.workspace
        self.runner.run(
            lambda progress, cancel: list_rows(ws),
            on_success=self.interviews.set_rows,
            write=False,
        )
        if self.sync_page is not None:
            self.sync_page.refresh()  # type: ignore[attr-defined]

    # --- interviews -----------------------------------------------------------------
    def ask_new_interview(self) -> None:
        pairs = newest_forms(self.workspace)
        specs = {info.form_id: spec for info, spec in pairs}
        choice = NewInterviewDialog.ask(self, [i for i, _ in pairs], specs, translations.language)
        if choice is not None:
            self.start_interview(choice, specs[choice.form.form_id])

    def start_interview(self, choice: NewInterview, spec: FormSpec) -> None:
        answers = prefilled_answers(
            spec, ward_code=choice.ward_code, household_id=choice.household_id
        )
        ws, who = self.workspace, self.who()
        self.runner.run(
            lambda p, c: new_interview(
                ws,
                form_id=choice.form.form_id,
                form_version=choice.form.version,
                ward=choice.ward,
                household_id=choice.household_id,
                enumerator=who,
                respondent=choice.respondent,
                answers=answers,
            ),
            on_success=lambda interview: self.open_interview(interview.uuid),
        )

    def open_interview(self, uuid: str, start_path: str | None = None) -> None:
        ws = self.workspace

        def work(progress, cancel):  # type: ignore[no-untyped-def]
            interview = get_interview(ws, uuid)
            return compiled_form(ws, interview.form_id, interview.form_version)

        self.runner.run(
            work, on_success=lambda form: self._show_entry(uuid, form, start_path), write=False
        )

    def _show_entry(self, uuid: str, form, start_path: str | None) -> None:  # type: ignore[no-untyped-def]
        self.close_entry()
        self.entry = EntryView(
            self.workspace, uuid, form, self.runner, who=self.who(), start_path=start_path
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
        self.reload()

    def delete_draft(self, uuid: str) -> None:
        answer = QMessageBox.question(
            self,
            APP_NAME,
            self.tr("Delete this draft interview? The deletion is recorded in the audit log."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ws, who = self.workspace, self.who()
        self.runner.run(
            lambda progress, cancel: delete_interview(ws, uuid, who=who),
            on_success=lambda _changes: self.reload(),
        )

    def ask_return(self) -> None:
        row = self.interviews.current()
        if row is None or row.status == InterviewStatus.RETURNED:
            return
        comment, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Return for correction"),
            self.tr("What should the enumerator correct? (the comment travels with the receipt)"),
        )
        if ok and comment.strip():
            self.return_interview(row.uuid, comment.strip())

    def return_interview(self, uuid: str, comment: str) -> None:
        ws, who = self.workspace, self.who()
        self.runner.run(
            lambda p, c: return_for_correction(ws, uuid, comment, who),
            on_success=lambda _changes: self.reload(),
        )

    # --- misc -----------------------------------------------------------------------
    def show_about(self) -> None:
        from fieldsurvey.ui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.entry is not None:
            self.entry.close_entry()
        self.runner.wait_all()
        self.workspace.close()
        super().closeEvent(event)
