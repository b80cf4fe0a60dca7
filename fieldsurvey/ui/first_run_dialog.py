"""First run: set this laptop up from a device package, or start a coordinator workspace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.demo.build_demo import build_demo
from fieldsurvey.demo.demo_model import DEMO_PASSWORD
from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.store.password_policy import WeakPasswordError, check_password
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import init_campaign
from fieldsurvey.sync.enrolment import read_package, setup_device

from fieldsurvey.ui.errors import show_error
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.language_switch import LanguageSwitch
from fieldsurvey.ui.tasks import TaskRunner


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class FirstRunDialog(QDialog):
    """``workspace`` holds the new, unlocked workspace after accept()."""

    def __init__(self, home: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.runner = runner
        self.workspace: Workspace | None = None
        self.demo_folder = home.parent / f"{home.name}-demo"
        self.stack = QStackedWidget()
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.laptop_choice = QCommandLinkButton()
        self.coordinator_choice = QCommandLinkButton()
        self.demo_choice = QCommandLinkButton()
        self.demo_choice.clicked.connect(self.open_demo)
        choices = QWidget()
        box = QVBoxLayout(choices)
        box.addWidget(self.intro)
        box.addWidget(self.laptop_choice)
        box.addWidget(self.coordinator_choice)
        box.addWidget(self.demo_choice)
        box.addStretch(1)
        self.stack.addWidget(choices)

        # Laptop from a device package.
        self.package_file = QLineEdit()
        self.package_browse = QPushButton()
        self.package_browse.clicked.connect(self._browse_package)
        self.package_pass = _password_field()
        self.laptop_pw = _password_field()
        self.laptop_pw2 = _password_field()
        laptop = QWidget()
        self.laptop_form = QFormLayout(laptop)
        row = QHBoxLayout()
        row.addWidget(self.package_file, 1)
        row.addWidget(self.package_browse)
        self.laptop_labels = [QLabel() for _ in range(4)]
        fields = (self.package_file, self.package_pass, self.laptop_pw, self.laptop_pw2)
        for label, field in zip(self.laptop_labels, fields, strict=True):
            label.setBuddy(field)
        self.laptop_form.addRow(self.laptop_labels[0], row)
        for label, field in zip(self.laptop_labels[1:], fields[1:], strict=True):
            self.laptop_form.addRow(label, field)
        self.stack.addWidget(laptop)

        # Coordinator.
        self.campaign_name = QLineEdit()
        # Empty: a real campaign names its own wards (the demo has its own).
        self.wards = QLineEdit()
        self.recovery_file = QLineEdit(str(Path.home() / "fieldsurvey-recovery-key.txt"))
        self.coord_pw = _password_field()
        self.coord_pw2 = _password_field()
        coordinator = QWidget()
        self.coord_form = QFormLayout(coordinator)
        self.coord_labels = [QLabel() for _ in range(5)]
        for label, field in zip(
            self.coord_labels,
            (self.campaign_name, self.wards, self.recovery_file, self.coord_pw, self.coord_pw2),
            strict=True,
        ):
            label.setBuddy(field)
            self.coord_form.addRow(label, field)
        self.stack.addWidget(coordinator)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.back_button = QPushButton()
        self.ok_button = QPushButton()
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.back_button.clicked.connect(lambda: self._show(0))
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        self.laptop_choice.clicked.connect(lambda: self._show(1))
        self.coordinator_choice.clicked.connect(lambda: self._show(2))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(LanguageSwitch(), alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(640, 460)
        self._show(0)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("FieldSurvey: first start"))
        self.title.setText(self.tr("Welcome to FieldSurvey"))
        self.intro.setText(
            self.tr(
                "There is no workspace on this computer yet. Everything you record is kept "
                "encrypted under a password that only you know."
            )
        )
        self.laptop_choice.setText(self.tr("Set up this laptop from a device package"))
        self.laptop_choice.setDescription(
            self.tr("For enumerators: the coordinator gave you a package file and a passphrase.")
        )
        self.coordinator_choice.setText(self.tr("Start a coordinator workspace"))
        self.coordinator_choice.setDescription(
            self.tr("For the network coordinator, once per campaign.")
        )
        self.demo_choice.setText(self.tr("Open a demo workspace"))
        self.demo_choice.setDescription(
            self.tr(
                "To look around: synthetic households in Phúc Tân and Chương Dương, "
                "no real people. Built once in %1."
            ).replace("%1", str(self.demo_folder))
        )
        self.package_browse.setText(self.tr("&Browse…"))
        labels = [
            self.tr("Device &package:"),
            self.tr("Package pass&phrase:"),
            self.tr("New workspace pass&word:"),
            self.tr("Password &again:"),
        ]
        for label, text in zip(self.laptop_labels, labels, strict=True):
            label.setText(text)
        labels = [
            self.tr("Campaign &name:"),
            self.tr("&Wards (comma-separated):"),
            self.tr("&Recovery key file (print it, lock it away):"),
            self.tr("New workspace pass&word:"),
            self.tr("Password &again:"),
        ]
        for label, text in zip(self.coord_labels, labels, strict=True):
            label.setText(text)
        self.wards.setPlaceholderText(self.tr("The wards of this campaign, separated by commas"))
        self.back_button.setText(self.tr("< &Back"))
        self.ok_button.setText(self.tr("&Create workspace"))
        self.cancel_button.setText(self.tr("&Quit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        self.back_button.setVisible(page != 0)
        self.ok_button.setVisible(page != 0)
        self.message.clear()

    def _browse_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Device package"))
        if path:
            self.package_file.setText(path)

    def _check_passwords(self, first: QLineEdit, second: QLineEdit) -> str | None:
        """The new password if the store's policy accepts it and both fields agree."""
        try:
            check_password(first.text())
        except WeakPasswordError as exc:
            self.message.setText(exc.text(translations.language))
            return None
        if first.text() != second.text():
            self.message.setText(self.tr("The two passwords differ."))
            return None
        return first.text()

    def _submit(self) -> None:
        home = self.home
        laptop = self.stack.currentIndex() == 1
        fields = (self.laptop_pw, self.laptop_pw2) if laptop else (self.coord_pw, self.coord_pw2)
        checked = self._check_passwords(*fields)
        if checked is None:
            return
        password: str = checked
        if laptop:
            package_path = Path(self.package_file.text())
            passphrase = self.package_pass.text()

            def work(progress, cancel) -> Workspace:  # type: ignore[no-untyped-def]
                package = read_package(package_path, passphrase)
                return setup_device(home, package, password)

        else:
            name = self.campaign_name.text()
            wards = [w.strip() for w in self.wards.text().split(",") if w.strip()]
            recovery = Path(self.recovery_file.text())

            def work(progress, cancel) -> Workspace:  # type: ignore[no-untyped-def]
                ws, _campaign = init_campaign(
                    home, password, name=name, recovery_key_out=recovery, wards=wards
                )
                return ws

        self.ok_button.setEnabled(False)
        self.message.setText(self.tr("Creating the workspace…"))
        self.runner.run(work, on_success=self._created, on_failure=self._failed)

    def open_demo(self, households: int = 150) -> None:
        """Build the demo beside the workspace folder (once), then open its coordinator."""
        folder = self.demo_folder

        def work(progress, cancel) -> Workspace:  # type: ignore[no-untyped-def]
            coordinator = folder / "coordinator"
            if not Workspace.exists(coordinator):
                build_demo(folder, households=households, progress=progress)
            return Workspace.open(coordinator, DEMO_PASSWORD)

        for button in (self.laptop_choice, self.coordinator_choice, self.demo_choice):
            button.setEnabled(False)
        self.message.setText(self.tr("Building the demo (about a minute)…"))
        self.runner.run(
            work,
            on_success=self._created,
            on_failure=self._demo_failed,
            on_progress=lambda p: self.message.setText(
                self.tr("Building the demo: step %1 of %2…")
                .replace("%1", str(p.done + 1))
                .replace("%2", str(p.total))
            ),
        )

    def _demo_failed(self, exc: BaseException) -> None:
        for button in (self.laptop_choice, self.coordinator_choice, self.demo_choice):
            button.setEnabled(True)
        self._failed(exc)

    def _created(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, FieldSurveyError):
            self.message.setText(exc.text(translations.language))
            return
        self.message.clear()
        show_error(self, exc)
