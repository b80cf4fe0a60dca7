"""State shared by all commands: the workspace folder, --debug, password input."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import platformdirs

from fieldsurvey import APP_ID, messages

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

PASSWORD_ENV = "FIELDSURVEY_PASSWORD"

_OS_REASONS = {
    errno.ENOENT: "cli.os_reason.missing",
    errno.EEXIST: "cli.os_reason.exists",
    errno.EACCES: "cli.os_reason.permission",
    errno.EPERM: "cli.os_reason.permission",
    errno.EISDIR: "cli.os_reason.is_folder",
    errno.ENOTDIR: "cli.os_reason.not_folder",
    errno.ENOSPC: "cli.os_reason.disk_full",
    errno.EDQUOT: "cli.os_reason.disk_full",
    errno.EFBIG: "cli.os_reason.disk_full",
    errno.EROFS: "cli.os_reason.read_only",
    errno.ENOTEMPTY: "cli.os_reason.folder_not_empty",
    errno.ENAMETOOLONG: "cli.os_reason.name_too_long",
}


def default_home() -> Path:
    """The platform's user data folder, e.g. ``%LOCALAPPDATA%\\fieldsurvey`` on Windows."""
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


@dataclass
class CliContext:
    home: Path
    debug: bool = False


def ask_secret(prompt: str, *, confirm: bool = False) -> str:
    """A secret typed without echo; ``prompt`` is a catalogue code (``cli.prompt.*``) or
    a text. With ``confirm`` it is asked twice."""
    repeat = messages.render("cli.prompt.repeat") if confirm else False
    value: str = click.prompt(messages.render(prompt), hide_input=True, confirmation_prompt=repeat)
    return value


def read_password(prompt: str = "cli.prompt.password", *, confirm: bool = False) -> str:
    """The workspace password from env FIELDSURVEY_PASSWORD, else asked without echo
    (``prompt``: a catalogue code such as ``cli.prompt.new_workspace_password``)."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env is not None:
        return from_env
    return ask_secret(prompt, confirm=confirm)


def open_workspace(obj: CliContext) -> Workspace:
    """Unlock the workspace of ``--home`` with the password from env or a prompt."""
    from fieldsurvey.store.workspace import Workspace

    return Workspace.open(obj.home, read_password())


def say(code: str, **params: Any) -> None:
    """Print the catalogue text ``code`` in the chosen language."""
    click.echo(messages.render(code, **params))


#: What a terminal must not get raw: C0 and C1 controls, DEL, line and paragraph
#: separators, bidi overrides and isolates, unpaired surrogates.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(value: object, *, newlines: bool = False) -> str:
    """``value`` as text safe for a terminal: control characters written out
    (``"\\x1b[2J"``); with ``newlines``, line ends are kept (CR LF as one)."""
    text = "" if value is None else str(value)
    if newlines:
        text = text.replace("\r\n", "\n")

    def show(match: re.Match[str]) -> str:
        char = match.group()
        if newlines and char == "\n":
            return char
        code = ord(char)
        named = _NAMED.get(char)
        if named:
            return named
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _CONTROL.sub(show, text)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def term(group: str, name: str) -> str:
    """The word for ``name`` (a status, an action, a role) in the current language:
    the catalogue entry ``cli.<group>.<name>``, else ``name`` itself."""
    code = f"cli.{group}.{name}"
    return messages.render(code) if code in messages.CATALOGUE else name


def os_error_reason(exc: OSError) -> str:
    """Why the operating system refused, in the current language (errno, not its text)."""
    code = _OS_REASONS.get(exc.errno or 0)
    if code is not None:
        return messages.render(code)
    return messages.render("cli.os_reason.other", detail=exc.strerror or type(exc).__name__)


def os_error_text(exc: OSError) -> str:
    """An operating-system error as one sentence naming the file, never its contents."""
    if exc.filename is None:
        return messages.render("cli.os_error_no_file", reason=os_error_reason(exc))
    file = os.fsdecode(exc.filename)
    return messages.render("cli.os_error", file=file, reason=os_error_reason(exc))


pass_cli = click.make_pass_decorator(CliContext)
