"""The one password policy of a workspace, the same for the CLI and the desktop app.

A workspace password is at least :data:`MIN_LENGTH` characters (counted after Unicode
NFC normalisation, so "ẩ" is one character however the keyboard typed it) and is not
blank or only spaces. :meth:`Workspace.create`, :meth:`Workspace.set_password` and
:meth:`Workspace.change_password` enforce it, so ``fieldsurvey init``, ``passwd``, the
recovery reset and the first-run window all refuse the same passwords with the same
message; a window may call :func:`check_password` first to say so beside the field.

API:
    MIN_LENGTH = 8
    WeakPasswordError (a WorkspaceError)
    check_password(password) -> None       raises WeakPasswordError
        codes: store.password_blank, store.password_too_short (min_length)
"""

from __future__ import annotations

import unicodedata

from fieldsurvey.errors import WorkspaceError

MIN_LENGTH = 8


class WeakPasswordError(WorkspaceError):
    """The password is blank or shorter than :data:`MIN_LENGTH`; nothing was changed."""


def check_password(password: str) -> None:
    """Refuse a password the policy does not accept (see the module docstring)."""
    if not password.strip():
        raise WeakPasswordError("store.password_blank")
    if len(unicodedata.normalize("NFC", password)) < MIN_LENGTH:
        raise WeakPasswordError("store.password_too_short", min_length=MIN_LENGTH)
