"""Every command explains itself, and the reference in docs/ says what --help says."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click
import pytest

from fieldsurvey.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location(
        "make_cli_docs", ROOT / "tools" / "make_cli_docs.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


COMMANDS = _tool().walk(cli, ["fieldsurvey"])


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_text(path: list[str], command: click.Command) -> None:
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_the_reference(path: list[str], command: click.Command) -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"\n## `{' '.join(path)}`\n" in doc, f"{' '.join(path)} is not in docs/cli.md"


def test_the_reference_says_how_the_language_is_chosen() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "--lang [vi|en]" in doc and "FIELDSURVEY_LANG" in doc
    assert "stay English" in doc  # --help and Click's usage errors are not translated


def test_cli_reference_is_current() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert doc == _tool().render(), "docs/cli.md is stale: run tools/make_cli_docs.py"


def test_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install . && .venv/bin/fieldsurvey" in readme
    assert 'pip install -e ".[test]"' in readme and "pytest" in readme
    assert "make test-fast" in readme
