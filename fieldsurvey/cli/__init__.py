"""The ``fieldsurvey`` command: a thin layer over the core.

Each command group lives in its own module and registers itself here. Errors are
rendered in exactly one place, :meth:`FieldSurveyGroup.invoke`: a
:class:`~fieldsurvey.errors.FieldSurveyError` becomes one plain line on stderr and
exit code 1; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from fieldsurvey import APP_NAME, __version__
from fieldsurvey.cli import (
    demo_cmds,
    form_cmds,
    interview_cmds,
    report_cmds,
    selftest_cmds,
    sync_cmds,
    workspace_cmds,
)
from fieldsurvey.cli.context import CliContext, default_home
from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.logging_setup import log_event, setup_logging

_log = logging.getLogger("fieldsurvey.cli")


class FieldSurveyGroup(click.Group):
    """Top-level group that turns typed errors into one line and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FieldSurveyError as exc:
            log_event(_log, "error", kind=type(exc).__name__, command=ctx.invoked_subcommand or "")
            obj = ctx.obj if isinstance(ctx.obj, CliContext) else None
            if obj is not None and obj.debug:
                traceback.print_exc()
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


@click.group(cls=FieldSurveyGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name=APP_NAME.lower())
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="FIELDSURVEY_HOME",
    help="Workspace folder (default: the platform's user data folder; env FIELDSURVEY_HOME).",
)
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, debug: bool) -> None:
    """FieldSurvey: offline household surveys with an encrypted local workspace.

    Run without a command to start the desktop app (with no display: build the demo).
    """
    ctx.obj = CliContext(home=home if home is not None else default_home(), debug=debug)
    setup_logging(ctx.obj.home)
    if ctx.invoked_subcommand is None:
        if not has_display():
            demo = ctx.obj.home.parent / f"{ctx.obj.home.name}-demo"
            click.echo(f"No display to show the app on: building the demo in {demo} instead.")
            if (demo / "README.txt").is_file():
                click.echo((demo / "README.txt").read_text(encoding="utf-8"))
                ctx.exit(0)
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


for _module in (
    workspace_cmds,
    interview_cmds,
    form_cmds,
    sync_cmds,
    report_cmds,
    selftest_cmds,
    demo_cmds,
):
    _module.register(cli)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="fieldsurvey")
