"""The main window: interviews, sending and receiving, coordinator tools, reports."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

from fieldsurvey import APP_NAME, __version__
from fieldsurvey.interviews import delete_interview, list_interviews
from fieldsurvey.workspace import Workspace

from fieldsurvey.ui.errors import show_error
from fieldsurvey.ui.interviews_page import InterviewsPage
from fieldsurvey.ui.language_switch import LanguageSwitch
from fieldsurvey.ui.tasks import TaskRunner


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.runner = runner or TaskRunner(self)
        if self.runner.default_failure is None:
            self.runner.default_failure = lambda exc: show_error(self, exc)
        self.stack = QStackedWidget()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.interviews = InterviewsPage()
        self.tabs.addTab(self.interviews, "")
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.interviews.delete_requested.connect(self.delete_draft)

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
        self.reload()

    # --- texts ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.tabs.setTabText(self.tabs.indexOf(self.interviews), self.tr("&Interviews"))
        roles = {
            "laptop": self.tr("Enumerator laptop"),
            "coordinator": self.tr("Network coordinator"),
            "manager": self.tr("Project manager"),
        }
        self.role_label.setText("  " + roles.get(self.workspace.role, self.workspace.role))
        self.about_action.setText(self.tr("About FieldSurvey (F1)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_page(self, page: QWidget, title: str) -> None:
        self.tabs.addTab(page, title)

    # --- actions --------------------------------------------------------------------
    def reload(self) -> None:
        """Reload the interviews list (in the background)."""
        ws = self.workspace
        self.runner.run(
            lambda progress, cancel: list_interviews(ws),
            on_success=self.interviews.set_rows,
            write=False,
        )

    def delete_draft(self, uuid: str) -> None:
        answer = QMessageBox.question(
            self,
            APP_NAME,
            self.tr("Delete this draft interview? The deletion is recorded in the audit log."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ws = self.workspace
        self.runner.run(
            lambda progress, cancel: delete_interview(ws, uuid, who=self.who()),
            on_success=lambda _changes: self.reload(),
        )

    def who(self) -> str:
        value = self.workspace.get_setting("enumerator") or self.workspace.get_setting(
            "device_name"
        )
        return str(value or self.workspace.role)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About FieldSurvey"),
            f"<b>{APP_NAME} {__version__}</b><br>"
            + self.tr("Offline household surveys for the Mnet network."),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.wait_all()
        self.workspace.close()
        super().closeEvent(event)
