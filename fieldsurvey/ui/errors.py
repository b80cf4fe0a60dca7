"""The one place where the desktop app shows an error.

A :class:`FieldSurveyError` gets a plain dialog: a heading in the chosen language for
its kind, and the core's message looked up by its code in the message catalogue
(:mod:`fieldsurvey.messages`) in the app's language. Anything else is a bug: a dialog
that says so, with the traceback in a copyable details pane.
"""

from __future__ import annotations

import html
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from fieldsurvey import errors as e

from fieldsurvey.ui.i18n import translations


def message_text(exc: e.FieldSurveyError) -> str:
    """The core's message for ``exc`` in the app's language."""
    return exc.text(translations.language)


def heading_for(exc: BaseException) -> str:
    """A short, translated heading naming the kind of problem."""
    if isinstance(exc, e.WrongPasswordError):
        return QCoreApplication.translate("Errors", "The password is not right")
    if isinstance(exc, e.StorageFullError):
        return QCoreApplication.translate("Errors", "The disk is full")
    if isinstance(exc, e.MigrationError):
        return QCoreApplication.translate(
            "Errors", "This workspace cannot be opened by this version"
        )
    if isinstance(exc, e.WorkspaceError):
        return QCoreApplication.translate("Errors", "The workspace cannot be opened")
    if isinstance(exc, e.FormDefinitionError | e.ExpressionError):
        return QCoreApplication.translate("Errors", "The questionnaire has a problem")
    if isinstance(exc, e.LifecycleError):
        return QCoreApplication.translate("Errors", "This interview cannot be changed now")
    if isinstance(exc, e.ReceiptError):
        return QCoreApplication.translate("Errors", "The receipt was refused")
    if isinstance(exc, e.BundleRejectedError):
        return QCoreApplication.translate("Errors", "A bundle was refused")
    if isinstance(exc, e.SyncError):
        return QCoreApplication.translate("Errors", "Synchronisation problem")
    if isinstance(exc, e.ReportError):
        return QCoreApplication.translate("Errors", "The report cannot be made")
    if isinstance(exc, e.FieldSurveyError):
        return QCoreApplication.translate("Errors", "Something needs your attention")
    return QCoreApplication.translate("Errors", "Something went wrong inside FieldSurvey")


def build_error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """The dialog for ``exc``, not yet shown (tests inspect it)."""
    box = QMessageBox(parent)
    box.setWindowTitle("FieldSurvey")
    box.setText(heading_for(exc))
    if isinstance(exc, e.FieldSurveyError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setInformativeText(message_text(exc))
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setInformativeText(
            QCoreApplication.translate(
                "Errors",
                "Your answers are saved. Please send the details below to the coordinator.",
            )
        )
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc`` to the user and wait for them to close the dialog."""
    build_error_box(parent, exc).exec()


def show_inline_or_dialog(parent: QWidget | None, label: QLabel, exc: BaseException) -> None:
    """A typed error in ``label`` beside the action (no pop-up); a bug in the dialog."""
    if isinstance(exc, e.FieldSurveyError):
        label.setTextFormat(Qt.TextFormat.RichText)
        text = message_text(exc)
        label.setText(f"<b>{html.escape(heading_for(exc))}</b><br>{html.escape(text)}")
        return
    label.clear()
    show_error(parent, exc)
