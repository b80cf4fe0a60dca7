"""About FieldSurvey: version, purpose, and the licences of what it bundles."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey import APP_NAME, __version__
from fieldsurvey.about import components
from fieldsurvey.resources import resource_path


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About FieldSurvey"))
        icon = QLabel()
        pixmap = QPixmap(str(resource_path("icons", "fieldsurvey-64.png")))
        if not pixmap.isNull():
            icon.setPixmap(pixmap)
        self.title = title = QLabel(f"<h2>{APP_NAME} {__version__}</h2>")
        self.purpose = QLabel(
            self.tr(
                "Offline household surveys for the Mnet network of Vietnamese NGOs that "
                "support internal migrant workers in Hanoi."
            )
        )
        self.purpose.setWordWrap(True)
        self.licences = QTextBrowser()
        rows = "".join(
            f"<tr><td>{html.escape(c.name)}</td><td>{html.escape(c.version)}</td>"
            f"<td>{html.escape(c.licence)}</td></tr>"
            for c in components()
        )
        self.licences.setHtml(
            f"<p><b>{html.escape(self.tr('Built with'))}</b></p>"
            f"<table cellpadding='3'>{rows}</table>"
        )
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(icon, alignment=Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(self.purpose)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        self.resize(620, 480)
