"""Start the desktop app: language, unlock or first run, then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from fieldsurvey import APP_ID, APP_NAME, __version__
from fieldsurvey.resources import resource_path
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.errors import show_error
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.tasks import TaskRunner


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    QCoreApplication.setOrganizationName("Mnet")
    QCoreApplication.setApplicationName(APP_ID)
    QCoreApplication.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    icon = resource_path("icons", "fieldsurvey.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    translations.install(translations.saved_language())
    return app


def open_workspace(home: Path, runner: TaskRunner) -> Workspace | None:
    """Unlock the workspace in ``home``, or run the first-run choices if there is none."""
    if Workspace.exists(home):
        from fieldsurvey.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(home, runner)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.workspace
    from fieldsurvey.ui.first_run_dialog import FirstRunDialog

    first = FirstRunDialog(home, runner)
    if first.exec() != QDialog.DialogCode.Accepted:
        return None
    return first.workspace


def run_app(home: Path) -> int:
    app = make_application()
    runner = TaskRunner(app)
    runner.default_failure = lambda exc: show_error(None, exc)
    workspace = open_workspace(home, runner)
    if workspace is None:
        return 0
    from fieldsurvey.ui.main_window import MainWindow

    window = MainWindow(workspace, runner)
    window.show()
    return int(app.exec())
