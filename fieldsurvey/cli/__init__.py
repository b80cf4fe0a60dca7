"""The ``fieldsurvey`` command: a thin layer over the core.

Each command group lives in its own module and registers itself here. The language of
everything the commands print is chosen once, before any command runs: ``--lang``,
else env FIELDSURVEY_LANG, else the system locale, else Vietnamese
(:func:`fieldsurvey.messages.language_from_environment`).

Errors are rendered in exactly one place, :class:`FieldSurveyGroup`: a
:class:`~fieldsurvey.errors.FieldSurveyError` becomes one plain line on stderr in that
language and exit code 1; a usage error (a bad option or argument) one line and exit
code 2; an operating-system error one line naming the file. ``--debug`` adds the
traceback. Anything else is a bug: one line that says so, exit code 1 (the traceback with
``--debug``, its frames in the workspace log).

The command modules are imported the first time a command is looked up (or
``cli.commands`` read), not with this package: ``fieldsurvey --version`` and the app's
start (no command) never load them, nor what they import (docs/benchmarks.md,
"Start-up").
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import IO, Any, NoReturn

import click

from fieldsurvey import APP_NAME, __version__, messages
from fieldsurvey.cli.context import CliContext, default_home, os_error_text, printable
from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.logging_setup import log_event, setup_logging

_log = logging.getLogger("fieldsurvey.cli")


def _single_line(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def error_line(message: str) -> str:
    """``Error: message`` in the current language."""
    return messages.render("cli.error", message=message)


class OneLineError(click.ClickException):
    """A ClickException that click's ``main`` shows as exactly one line on stderr (exit 1)."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message, file=file, err=file is None)


class OneLineUsageError(OneLineError):
    """A usage error (bad option or argument) shown as one line; exit code 2."""

    exit_code = 2


def _one_line(exc: click.ClickException) -> OneLineError:
    """Click's own error (usage or other) as one translated line."""
    message = _single_line(exc.format_message())
    if isinstance(exc, click.UsageError):
        if exc.ctx is not None:
            command = exc.ctx.command_path
            message = messages.render("cli.usage_error", message=message, command=command)
        return OneLineUsageError(error_line(message))
    return OneLineError(error_line(message))


def command_modules() -> tuple[ModuleType, ...]:
    """The modules whose ``register(group)`` adds the commands, in this order (a module
    may add to a group an earlier one registered, e.g. ``interview import``). Imported
    here, by name, so that PyInstaller finds them."""
    from fieldsurvey.cli import (
        demo_cmds,
        entity_cmds,
        folder_cmds,
        form_cmds,
        inbox_cmds,
        interview_cmds,
        quarantine_cmds,
        report_cmds,
        selftest_cmds,
        sync_cmds,
        workspace_cmds,
    )

    return (
        workspace_cmds,
        interview_cmds,
        form_cmds,
        sync_cmds,
        quarantine_cmds,
        report_cmds,
        selftest_cmds,
        demo_cmds,
        entity_cmds,
        folder_cmds,
        inbox_cmds,
    )


class FieldSurveyGroup(click.Group):
    """Top-level group that turns every error into one line: typed errors exit 1, usage
    errors 2; ``--debug`` adds the traceback.

    Its commands are registered from :func:`command_modules` on first use of
    ``commands``.
    """

    _registered = False

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        if not self._registered:
            self._registered = True
            for module in command_modules():
                module.register(self)
        return self._commands

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._commands = value

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        # The language of an error in the top-level options themselves (--lang fr).
        messages.set_language(messages.language_from_environment())
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.NoArgsIsHelpError, OneLineError):
            raise  # an exit, a group's help when given no command, or already one line
        except click.Abort:
            self._fail(ctx, messages.render("cli.aborted"), code=1, show_traceback=False)
        except click.ClickException as exc:
            raise _one_line(exc) from None
        except FieldSurveyError as exc:
            self._fail(ctx, exc.text(), kind=type(exc).__name__)
        except KeyboardInterrupt:
            click.echo(messages.render("cli.interrupted"), err=True)
            ctx.exit(130)
        except OSError as exc:
            self._fail(ctx, os_error_text(exc), kind=type(exc).__name__)
        except Exception as exc:
            _log.error("unexpected error", exc_info=True)
            kind = type(exc).__name__
            self._fail(ctx, messages.render("cli.unexpected_error", kind=kind), kind=kind)

    @staticmethod
    def _fail(
        ctx: click.Context,
        text: str,
        *,
        kind: str = "",
        code: int = 1,
        show_traceback: bool = True,
    ) -> NoReturn:
        if kind:
            log_event(_log, "error", kind=kind, command=ctx.invoked_subcommand or "")
        obj = ctx.obj if isinstance(ctx.obj, CliContext) else None
        if show_traceback and obj is not None and obj.debug:
            traceback.print_exc()
        # what the user typed may be in it: control characters are written out
        click.echo(error_line(_single_line(printable(text, newlines=True))), err=True)
        ctx.exit(code)


@click.group("fieldsurvey", cls=FieldSurveyGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name=APP_NAME.lower())
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="FIELDSURVEY_HOME",
    help="Workspace folder (default: the platform's user data folder; env FIELDSURVEY_HOME).",
)
@click.option(
    "--lang",
    type=click.Choice(messages.LANGUAGES, case_sensitive=False),
    help="Language of messages and results: vi or en (default: env FIELDSURVEY_LANG, "
    "else the system's language, else vi).",
)
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, lang: str | None, debug: bool) -> None:
    """FieldSurvey: offline household surveys with an encrypted local workspace.

    Run without a command to start the desktop app (with no display: build the demo).
    """
    messages.set_language(lang or messages.language_from_environment())
    ctx.obj = CliContext(home=home if home is not None else default_home(), debug=debug)
    setup_logging(ctx.obj.home)
    if ctx.invoked_subcommand is None:
        if not has_display():
            demo = ctx.obj.home.parent / f"{ctx.obj.home.name}-demo"
            click.echo(messages.render("cli.no_display", folder=demo))
            if (demo / "README.txt").is_file():
                click.echo((demo / "README.txt").read_text(encoding="utf-8"))
                ctx.exit(0)
            from fieldsurvey.cli import demo_cmds

            ctx.invoke(demo_cmds.demo_cmd, folder=demo)
            ctx.exit(0)
        from fieldsurvey.ui.app import run_app  # Qt is imported only here

        ctx.exit(run_app(home=ctx.obj.home))


def has_display() -> bool:
    """Whether a window can be shown: Windows and macOS always; elsewhere X11/Wayland,
    or a Qt platform chosen explicitly (e.g. ``QT_QPA_PLATFORM=offscreen``)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else sys.argv[1:], prog_name="fieldsurvey")
