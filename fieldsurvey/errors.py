"""Typed errors, each written for the person in front of the laptop.

Every error the user can cause is a subclass of :class:`FieldSurveyError` and carries a
stable ``code`` and its ``params``; the English and Vietnamese texts live together in
the catalogue (:mod:`fieldsurvey.messages`). ``str(exc)`` is the English text (logs,
tests); ``exc.text(lang)`` is the text in a chosen language. The CLI renders them as
one plain line (``cli/__init__.py``), the desktop app in one dialog (``ui/errors.py``).
Messages never contain answers: only names of fields, files, rows and sheets.
"""

from __future__ import annotations

from typing import Any

from fieldsurvey import messages


class FieldSurveyError(Exception):
    """Base class of every error shown to a user: ``FieldSurveyError(code, **params)``."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` ("vi" or "en"; default: the current language).

        A parameter that is itself an error (``reason=exc``) is rendered in the same
        language, so a wrapped cause never shows in English inside a Vietnamese message.
        """
        params = {
            key: value.text(lang) if isinstance(value, FieldSurveyError) else value
            for key, value in self.params.items()
        }
        return messages.render(self.code, lang, **params)

    @property
    def message(self) -> str:
        return self.text("en")

    def __str__(self) -> str:
        return self.text("en")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its type, arguments and fields, whatever its constructor takes (an
        error made in the worker process is shown by the app: worker_process.py)."""
        return (_restored, (type(self), self.args, dict(self.__dict__)))


def _restored(kind: type[FieldSurveyError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


# --- workspace and store -------------------------------------------------------------
class WorkspaceError(FieldSurveyError):
    """The workspace folder is missing, unreadable or not a FieldSurvey workspace."""


class WorkspaceExistsError(WorkspaceError):
    """``init`` was asked to create a workspace where one already exists."""


class WrongPasswordError(FieldSurveyError):
    """The password does not unwrap the database key."""


class DatabaseCorruptError(WorkspaceError):
    """The database file is damaged, truncated or not a database."""


class MigrationError(WorkspaceError):
    """The schema cannot be brought up to date (e.g. written by a newer version)."""


class StorageFullError(FieldSurveyError):
    """The disk is full or a file-size limit was hit; nothing was changed."""


# --- interviews ----------------------------------------------------------------------
class InterviewNotFoundError(FieldSurveyError):
    """No interview has the given id."""


class LifecycleError(FieldSurveyError):
    """An action is not allowed in the interview's current status."""


class AnswerError(FieldSurveyError):
    """An answer cannot be recorded (unknown field, wrong type, bad value)."""


# --- forms ---------------------------------------------------------------------------
class FormDefinitionError(FieldSurveyError):
    """An XLSForm is invalid; the message names sheet, row and problem."""


class FormNotFoundError(FieldSurveyError):
    """No form with the given id (and version) is installed."""


class ExpressionError(FieldSurveyError):
    """An XPath expression cannot be parsed or uses an unknown function."""


class DataFileError(FieldSurveyError):
    """An answer-set JSON file is malformed or does not fit the form."""


# --- sync ----------------------------------------------------------------------------
class SyncError(FieldSurveyError):
    """Base class of campaign, device, bundle and receipt errors."""


class BundleRejectedError(SyncError):
    """A bundle failed one of the import checks; the message says which."""


class BundleDecryptError(BundleRejectedError):
    """A bundle's payload cannot be decrypted with the keys at hand."""


class PackageError(SyncError):
    """A device package is invalid, forged, or the passphrase is wrong."""


class ReceiptError(SyncError):
    """A receipt is invalid, forged, or for another device."""


class MergeConflictError(SyncError):
    """A conflict cannot be resolved as asked."""


class RoleError(SyncError):
    """The command needs a coordinator (or laptop) workspace and this is not one."""


class BundleCheckError(BundleRejectedError):
    """A bundle or receipt failed one named import check (``check``: size, header, ...)."""

    def __init__(self, check: str, code: str, /, **params: Any) -> None:
        super().__init__(code, **params)
        self.check = check


class EquivocationError(BundleCheckError):
    """A device sent two different bundles with the same sequence number."""


class RecoveryError(SyncError):
    """A recovery identity or recovery slot cannot unlock what was asked."""


# --- entities ------------------------------------------------------------------------
class EntityError(FieldSurveyError):
    """An entity (a household or person registered once and revisited) cannot be created,
    updated, merged or read as asked."""


# --- reports -------------------------------------------------------------------------
class ReportError(FieldSurveyError):
    """A report or export cannot be produced."""
