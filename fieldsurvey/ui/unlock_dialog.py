"""Unlock the workspace with its password (key derivation runs off the UI thread).

The store is not imported with this module: the window shows first (docs/benchmarks.md,
"Start-up").
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.errors import WrongPasswordError

from fieldsurvey.ui.language_switch import LanguageSwitch

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

    from fieldsurvey.ui.tasks import TaskRunner


#: After this long, "Unlocking…" says why it may take minutes: the first opening after an
#: update brings the workspace up to the new version (about two minutes at 1,000,000
#: interviews; docs/benchmarks.md, "Scale, eleventh pass").
SLOW_UNLOCK_MS = 4000


class UnlockDialog(QDialog):
    """Asks for the password; ``workspace`` holds the opened workspace after accept()."""

    #: ``(time.perf_counter(), time.process_time())`` of the last Unlock click (the
    #: start-up benchmark measures the main window from it).
    last_click: tuple[float, float] | None = None

    def __init__(self, home: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.runner = runner
        self.workspace: Workspace | None = None
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.where = QLabel(str(home))
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password_label = QLabel()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label.setBuddy(self.password)
        self.message = QLabel()
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setDefault(True)
        self.quit_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button.clicked.connect(self.reject)
        self.language = LanguageSwitch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.language, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addSpacing(12)
        layout.addWidget(self.password_label)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, 300)
        self.slow = QTimer(self)
        self.slow.setSingleShot(True)
        self.slow.setInterval(SLOW_UNLOCK_MS)
        self.slow.timeout.connect(self._still_unlocking)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("FieldSurvey: unlock"))
        self.title.setText(self.tr("Unlock your workspace"))
        self.password_label.setText(self.tr("&Password:"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.quit_button.setText(self.tr("&Quit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def try_unlock(self) -> None:
        password = self.password.text()
        if not password:
            self.message.setText(self.tr("Type the workspace password."))
            return
        UnlockDialog.last_click = time.perf_counter(), time.process_time()
        self.unlock_button.setEnabled(False)
        self.message.setText(self.tr("Unlocking…"))
        home = self.home

        def work(progress: object, cancel: object) -> Workspace:
            # the store is imported here, off the UI thread (the app has usually done it
            # while the password was typed): the window shows without it
            from fieldsurvey.store.workspace import Workspace

            return Workspace.open(home, password)

        self.slow.start()
        self.runner.run(
            work,
            on_success=self._opened,
            on_failure=self._failed,
            write=False,
        )

    def _still_unlocking(self) -> None:
        self.message.setText(
            self.tr(
                "Still unlocking… The first opening after an update prepares the workspace "
                "for the new version. With many interviews this takes a few minutes: please "
                "wait and do not close FieldSurvey."
            )
        )

    def _opened(self, workspace: Workspace) -> None:
        self.slow.stop()
        self.workspace = workspace
        self.password.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.slow.stop()
        self.unlock_button.setEnabled(True)
        if isinstance(exc, WrongPasswordError):
            self.message.setText(self.tr("The password is not right. Nothing was changed."))
            self.password.selectAll()
            self.password.setFocus()
            return
        from fieldsurvey.ui.errors import show_error

        self.message.clear()
        show_error(self, exc)
