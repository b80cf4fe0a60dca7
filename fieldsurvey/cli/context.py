"""State shared by all commands: the workspace folder, --debug, password input."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import click
import platformdirs

from fieldsurvey import APP_ID

PASSWORD_ENV = "FIELDSURVEY_PASSWORD"


def default_home() -> Path:
    """The platform's user data folder, e.g. ``%LOCALAPPDATA%\\fieldsurvey`` on Windows."""
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


@dataclass
class CliContext:
    home: Path
    debug: bool = False


def read_password(prompt: str = "Workspace password", *, confirm: bool = False) -> str:
    """The workspace password from env FIELDSURVEY_PASSWORD, else asked without echo."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env is not None:
        return from_env
    value: str = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
    return value


pass_cli = click.make_pass_decorator(CliContext)
