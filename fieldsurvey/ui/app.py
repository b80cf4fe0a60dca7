"""Start the desktop app: language, unlock or first run, then the main window.

Start-up time (docs/benchmarks.md, "Start-up"): the unlock window needs Qt, the
workspace file and the catalogue only; the main window builds its first tab and loads
the rest (form engine, other tabs' pages) in a task once it is up. With env
``FIELDSURVEY_EXIT_AFTER_SHOWN=unlock`` (or ``main``) the app quits as soon as that window
is shown and prints how long it took (``bench/bench_startup.py``).
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from fieldsurvey import APP_ID, APP_NAME, __version__
from fieldsurvey.resources import resource_path

from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.tasks import TaskRunner, share_the_gil

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

#: ``unlock`` or ``main``: quit once that window is shown, printing the times it took.
EXIT_AFTER_SHOWN_ENV = "FIELDSURVEY_EXIT_AFTER_SHOWN"
#: The ``time.time()`` at which the process was started (set by the benchmark); else
#: the operating system's start time of the process is used where it is known.
STARTED_AT_ENV = "FIELDSURVEY_STARTED_AT"


def process_age() -> float | None:
    """Seconds since this process started (None where that is not known)."""
    given = os.environ.get(STARTED_AT_ENV)
    if given:
        try:
            return time.time() - float(given)
        except ValueError:
            pass
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as uptime:
            up = float(uptime.read().split()[0])
    except (OSError, IndexError, ValueError):
        return None
    # field 22 of stat (the 20th after the command name): start time in clock ticks
    return up - int(fields[19]) / os.sysconf("SC_CLK_TCK")


class ShownProbe(QObject):
    """Calls ``then()`` once, just after ``widget``'s first paint (the window is on the
    screen)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def _exit_after_shown() -> str:
    return os.environ.get(EXIT_AFTER_SHOWN_ENV, "").strip().lower()


def _say_shown(name: str, **seconds: float | None) -> None:
    parts = [f"{key}={value:.4f}" for key, value in seconds.items() if value is not None]
    print(f"shown {name} " + " ".join(parts), flush=True)


#: ``store.workspace``'s file names: whether to unlock is decided without importing the
#: store (a test checks they agree).
WORKSPACE_FILES = ("workspace.json", "fieldsurvey.db")

#: What the main window needs, imported in a task while the user types the password.
MAIN_WINDOW_MODULES = (
    "fieldsurvey.store.workspace",
    "fieldsurvey.ui.errors",
    "fieldsurvey.ui.main_window",
)


def workspace_exists(home: Path) -> bool:
    """``Workspace.exists(home)``, without importing the store."""
    return any((home / name).exists() for name in WORKSPACE_FILES)


def warm_up(modules: Iterable[str]) -> None:
    """Import ``modules`` (run it in a task: a later import on the UI thread is then free)."""
    for name in modules:
        importlib.import_module(name)


def _show_error(exc: BaseException) -> None:
    from fieldsurvey.ui.errors import show_error

    show_error(None, exc)


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
    if workspace_exists(home):
        from fieldsurvey.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(home, runner)

        def while_typing() -> None:
            runner.run(lambda p, c: warm_up(MAIN_WINDOW_MODULES), write=False)

        ShownProbe(dialog, while_typing)
        if _exit_after_shown() == "unlock":

            def shown() -> None:
                _say_shown("unlock", wall=process_age(), cpu=time.process_time())
                dialog.reject()

            ShownProbe(dialog, shown)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            runner.wait_all()  # the imports started when the window was shown
            return None
        return dialog.workspace
    from fieldsurvey.ui.first_run_dialog import FirstRunDialog

    first = FirstRunDialog(home, runner)
    if first.exec() != QDialog.DialogCode.Accepted:
        return None
    return first.workspace


def run_app(home: Path) -> int:
    app = make_application()
    share_the_gil()  # before any task starts
    runner = TaskRunner(app)
    runner.default_failure = _show_error
    workspace = open_workspace(home, runner)
    if workspace is None:
        return 0
    unlocked = time.perf_counter(), time.process_time()
    from fieldsurvey.ui.main_window import MainWindow

    window = MainWindow(workspace, runner, freeze_heap=True)
    if _exit_after_shown() == "main":

        def shown() -> None:
            # from the Unlock click (the password hashing included: it is measured
            # apart) and from the workspace being open
            from fieldsurvey.ui.unlock_dialog import UnlockDialog

            clicked = UnlockDialog.last_click
            _say_shown(
                "main",
                wall=process_age(),
                cpu=time.process_time(),
                after_click=time.perf_counter() - clicked[0] if clicked else None,
                cpu_after_click=time.process_time() - clicked[1] if clicked else None,
                after_open=time.perf_counter() - unlocked[0],
                cpu_after_open=time.process_time() - unlocked[1],
            )
            window.close()

        ShownProbe(window, shown)
    window.show()
    return int(app.exec())
