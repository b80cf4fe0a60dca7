"""Start-up stays light: ``fieldsurvey --version``, the unlock window and the main window
do not import the heavy libraries only some pages and commands need (issue 15;
docs/benchmarks.md, "Start-up").

Each start runs in a fresh process, as a user starts the app, and reports the modules
loaded when the window is shown (or the version printed).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "mật khẩu khởi động 2026"

#: Imported only where used: exports, reports, PDF preview, the XLSForm loader.
HEAVY = (
    "pandas",
    "numpy",
    "pyxform",
    "openpyxl",
    "xlrd",
    "reportlab",
    "pypdfium2",
    "xlsxwriter",
    "pyreadstat",
    "sqlite_utils",
)
#: The form engine (its expression grammar) loads in a task once the main window is up.
ENGINE = ("lark", "fieldsurvey.forms.engine", "fieldsurvey.forms.expression_parser")


def _run(code: str, tmp_path: Path, **env: str) -> dict[str, list[str]]:
    """Run ``code`` in a fresh interpreter; it prints ``MODULES <tag> <json list>`` lines."""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # QSettings: not the user's
        "FIELDSURVEY_LANG": "en",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = {}
    for line in done.stdout.splitlines():
        if line.startswith("MODULES "):
            _, tag, listed = line.split(" ", 2)
            found[tag] = json.loads(listed)
    return found


DUMP = (
    "import json, sys\n"
    "def dump(tag):\n"
    "    print('MODULES', tag, json.dumps(sorted(sys.modules)), flush=True)\n"
)


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if name in modules]


def test_version_loads_no_command_and_no_heavy_library(tmp_path: Path) -> None:
    code = DUMP + (
        "from fieldsurvey.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "dump('version')\n"
    )
    modules = _run(code, tmp_path)["version"]
    assert _loaded(modules, HEAVY + ENGINE + ("PySide6", "pydantic")) == []
    assert [m for m in modules if m.startswith("fieldsurvey.cli.") and "_cmds" in m] == []


def test_the_unlock_window_shows_without_the_heavy_libraries(tmp_path: Path) -> None:
    Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap()).close()
    code = DUMP + (
        "import fieldsurvey.ui.app as app\n"
        "said = app._say_shown\n"
        "def say(name, **seconds):\n"
        "    dump(name)\n"
        "    said(name, **seconds)\n"
        "app._say_shown = say\n"
        "from fieldsurvey.cli import main\n"
        f"main(['--home', {str(tmp_path / 'ws')!r}])\n"
    )
    found = _run(code, tmp_path, FIELDSURVEY_EXIT_AFTER_SHOWN="unlock")
    assert "unlock" in found, "the unlock window was not shown"
    assert _loaded(found["unlock"], HEAVY + ENGINE) == []
    assert "fieldsurvey.ui.unlock_dialog" in found["unlock"]


def test_the_main_window_shows_without_the_heavy_libraries_nor_the_engine(
    tmp_path: Path,
) -> None:
    """What the UI thread imports to show the main window (the tasks it starts are held
    back here: the engine and the other pages load in them, off the UI thread)."""
    from fieldsurvey.forms.installed import install_default_form

    for role in ("laptop", "coordinator"):
        home = tmp_path / role
        ws = Workspace.create(home, PASSWORD, role=role, kdf=KdfParams.cheap())
        install_default_form(ws)
        ws.close()
    code = DUMP + (
        "from PySide6.QtWidgets import QApplication\n"
        "from fieldsurvey.ui.app import make_application\n"
        "from fieldsurvey.store.workspace import Workspace\n"
        "from fieldsurvey.ui.tasks import TaskRunner\n"
        "class HeldBack(TaskRunner):\n"
        "    def run(self, work, **kwargs):\n"
        "        self.held.append(work)\n"
        "app = make_application()\n"
        "from fieldsurvey.ui.main_window import MainWindow\n"
        "for role in ('laptop', 'coordinator'):\n"
        f"    ws = Workspace.open(__import__('pathlib').Path({str(tmp_path)!r}) / role,"
        f" {PASSWORD!r})\n"
        "    runner = HeldBack(app)\n"
        "    runner.held = []\n"
        "    window = MainWindow(ws, runner)\n"
        "    window.show()\n"
        "    app.processEvents()\n"
        "    dump(role)\n"
        "    assert runner.held, 'the window reads nothing'\n"
        "    ws.close()\n"
    )
    found = _run(code, tmp_path)
    for role in ("laptop", "coordinator"):
        loaded = found[role]
        assert _loaded(loaded, HEAVY + ENGINE) == [], role
        pages = ("fieldsurvey.ui.reports_page", "fieldsurvey.ui.coordinator_page")
        assert _loaded(loaded, pages) == [], role


def test_every_command_module_is_registered_lazily() -> None:
    from fieldsurvey.cli import command_modules

    modules = sorted(p.stem for p in (ROOT / "fieldsurvey" / "cli").glob("*_cmds.py"))
    assert sorted(m.__name__.rsplit(".", 1)[1] for m in command_modules()) == modules


def _static_imports() -> set[str]:
    """Every module named in an import statement of the package (what PyInstaller's
    analysis finds, inside functions too)."""
    found: set[str] = set()
    for path in (ROOT / "fieldsurvey").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_modules_imported_by_name_are_also_imported_by_statement() -> None:
    """The app imports some modules ahead, by name (importlib): each is also imported by
    an import statement, so the PyInstaller build (build.spec) finds it."""
    from fieldsurvey.ui import app, main_window

    named = [
        *app.MAIN_WINDOW_MODULES,
        main_window.COORDINATOR_MODULE,
        main_window.SYNC_MODULE,
        main_window.REPORTS_MODULE,
        main_window.ENTRY_MODULE,
    ]
    static = _static_imports()
    assert [name for name in named if name not in static] == []


def test_the_lazy_cli_lists_every_command() -> None:
    import click
    from click.testing import CliRunner

    from fieldsurvey.cli import cli

    result = CliRunner().invoke(cli, ["--lang", "en", "--help"])
    assert result.exit_code == 0
    for name in ("init", "interview", "form", "bundle", "export", "report", "selftest", "demo"):
        assert f"  {name} " in result.output
    interview = cli.commands["interview"]
    assert isinstance(interview, click.Group)
    assert "import" in interview.commands  # added by form_cmds


def test_the_app_knows_the_workspace_files_and_the_export_formats() -> None:
    from fieldsurvey.reports.export_writers import Format
    from fieldsurvey.store import workspace

    from fieldsurvey.ui.app import WORKSPACE_FILES
    from fieldsurvey.ui.reports_page import EXPORT_FORMATS

    assert WORKSPACE_FILES == (workspace.WORKSPACE_FILE, workspace.DB_FILE)
    assert set(EXPORT_FORMATS) == set(get_args(Format))


@pytest.mark.parametrize(
    ("default", "qtype"),
    [
        ("0", "integer"),
        ("yes", "select_one"),
        ("Phúc Tân", "text"),
        ("", "text"),
        ("2024-01-31", "date"),
        ("2024-01-31", "text"),
        ("-5", "integer"),
        ("5 - 3", "integer"),
        ("today()", "date"),
        ("now()", "dateTime"),
        ("${age} + 1", "integer"),
        ("${name}", "text"),
        ("'a+b'", "text"),
        ("3 mod 2", "integer"),
        ("6 div 2", "integer"),
        ("model", "text"),
        ("a|b", "text"),
        ("x[1]", "text"),
        ("1.5", "decimal"),
        ("21.0 105.8 0 0", "geopoint"),
        ("concat('a', 'b')", "text"),
        ("{x}", "text"),
    ],
)
def test_defaults_read_as_pyxform_reads_them(default: str, qtype: str) -> None:
    """The engine decides literal defaults without pyxform; it agrees with pyxform."""
    from pyxform.utils import default_is_dynamic as pyxform_rule

    from fieldsurvey.forms.engine import default_is_dynamic

    assert default_is_dynamic(default, qtype) == bool(pyxform_rule(default, qtype))
