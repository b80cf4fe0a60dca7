"""Start the desktop app. A placeholder window until the UI issue lands."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from fieldsurvey import APP_NAME, __version__


class MainWindow(QMainWindow):
    def __init__(self, home: Path) -> None:
        super().__init__()
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        label = QLabel(f"{APP_NAME} {__version__}\nWorkspace: {home}")
        label.setMargin(24)
        self.setCentralWidget(label)
        self.resize(900, 600)


def run_app(home: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow(home)
    window.show()
    return int(app.exec())
