"""The coordinator resets a forgotten laptop password, as ``fieldsurvey recovery
reset-password LAPTOP_HOME [--identity FILE]`` does.

The laptop's workspace folder (its disk, or a copy on a USB stick) holds the database
key wrapped to the campaign; this workspace's campaign key opens it, or the printed
recovery key file. The dialog only asks; the page confirms and runs the reset off the
UI thread (:func:`reset_laptop_password`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.store.password_policy import WeakPasswordError, check_password
from fieldsurvey.store.workspace import WORKSPACE_FILE, Workspace
from fieldsurvey.sync import keys
from fieldsurvey.sync.campaign import campaign_of
from fieldsurvey.sync.recovery import identities_from_file, reset_password

from fieldsurvey.ui.i18n import translations


@dataclass(frozen=True)
class LaptopPasswordReset:
    home: Path  # the laptop's workspace folder
    identity: Path | None  # the recovery key file; None: this workspace's campaign key
    password: str


def reset_laptop_password(ws: Workspace, reset: LaptopPasswordReset) -> Path:
    """Set the new password (call off the UI thread); returns the laptop's folder."""
    if reset.identity is not None:
        identities = identities_from_file(reset.identity)
    else:
        identities = [keys.age_identity(campaign_of(ws).age_identity)]
    reset_password(reset.home, identities, reset.password)
    return reset.home


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class LaptopPasswordDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result_value: LaptopPasswordReset | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.folder = QLineEdit()
        self.folder_browse = QPushButton()
        self.folder_browse.clicked.connect(self._browse_folder)
        self.campaign_key = QRadioButton()
        self.campaign_key.setChecked(True)
        self.recovery_key = QRadioButton()
        self.identity = QLineEdit()
        self.identity_browse = QPushButton()
        self.identity_browse.clicked.connect(self._browse_identity)
        self.recovery_key.toggled.connect(self._enable_identity)
        self.password = _password_field()
        self.password2 = _password_field()
        self.labels = [QLabel() for _ in range(5)]
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_browse)
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.identity, 1)
        identity_row.addWidget(self.identity_browse)
        keys_box = QVBoxLayout()
        keys_box.addWidget(self.campaign_key)
        keys_box.addWidget(self.recovery_key)
        form = QFormLayout()
        form.addRow(self.labels[0], folder_row)
        form.addRow(self.labels[1], keys_box)
        form.addRow(self.labels[2], identity_row)
        form.addRow(self.labels[3], self.password)
        form.addRow(self.labels[4], self.password2)
        buddies = (self.folder, self.campaign_key, self.identity, self.password, self.password2)
        for label, buddy in zip(self.labels, buddies, strict=True):
            label.setBuddy(buddy)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.ok_button = QPushButton()
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._enable_identity(False)
        self.resize(640, 360)
        self.retranslate()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> LaptopPasswordReset | None:
        """What to reset, or None if the coordinator cancelled."""
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_value

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reset a laptop's password"))
        self.intro.setText(
            self.tr(
                "An enumerator forgot the laptop's password. Choose the laptop's workspace "
                "folder (on its disk, or copied to a USB stick), then a new password to give "
                "the enumerator in person. The interviews on the laptop are kept."
            )
        )
        labels = [
            self.tr("Laptop's workspace &folder:"),
            self.tr("Open it with:"),
            self.tr("Recovery &key file:"),
            self.tr("New pass&word:"),
            self.tr("Password &again:"),
        ]
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        self.campaign_key.setText(self.tr("this coordinator workspace's &campaign key"))
        self.recovery_key.setText(self.tr("the printed &recovery key file"))
        self.folder_browse.setText(self.tr("&Browse…"))
        self.identity_browse.setText(self.tr("Br&owse…"))
        self.ok_button.setText(self.tr("&Set the new password"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _enable_identity(self, on: bool) -> None:
        self.identity.setEnabled(on)
        self.identity_browse.setEnabled(on)

    def _browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Laptop's workspace folder"))
        if folder:
            self.folder.setText(folder)

    def _browse_identity(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Recovery key file"))
        if path:
            self.identity.setText(path)

    def checked(self) -> LaptopPasswordReset | None:
        """The reset the fields describe, or None with the problem shown."""
        home = Path(self.folder.text().strip()) if self.folder.text().strip() else None
        if home is None or not (home / WORKSPACE_FILE).is_file():
            self.message.setText(
                self.tr("Choose the folder that holds the laptop's %1.").replace(
                    "%1", WORKSPACE_FILE
                )
            )
            return None
        identity: Path | None = None
        if self.recovery_key.isChecked():
            text = self.identity.text().strip()
            if not text or not Path(text).is_file():
                self.message.setText(self.tr("Choose the recovery key file."))
                return None
            identity = Path(text)
        try:
            check_password(self.password.text())
        except WeakPasswordError as exc:
            self.message.setText(exc.text(translations.language))
            return None
        if self.password.text() != self.password2.text():
            self.message.setText(self.tr("The two passwords differ."))
            return None
        self.message.clear()
        return LaptopPasswordReset(home, identity, self.password.text())

    def _submit(self) -> None:
        reset = self.checked()
        if reset is not None:
            self.result_value = reset
            self.accept()
