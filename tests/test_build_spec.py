"""build.spec without running PyInstaller (CI builds the folder with tools/ci_build.sh):
it parses, takes name and version from the package, ships resources/ where the app
looks for them, keeps the Qt plugins a laptop needs, and leaves out nothing we import."""

from __future__ import annotations

import ast
import contextlib
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import fieldsurvey
from fieldsurvey import resources

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build.spec"
#: Top-level statements of the spec that need no PyInstaller: constants and functions.
PURE = (ast.Assign, ast.FunctionDef)


def _tree() -> ast.Module:
    return ast.parse(SPEC.read_text("utf-8"), filename=str(SPEC))


def _constant(name: str) -> Any:
    for node in _tree().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"build.spec defines no {name}")


#: Names that exist only inside PyInstaller; statements using them are not run here.
PYINSTALLER_ONLY = {"SPECPATH", "Analysis", "PYZ", "EXE", "COLLECT", "collect_data_files",
                    "a", "pyz", "program", "programs"}  # fmt: skip


@pytest.fixture(scope="module")
def keep() -> Any:
    """The spec's ``keep(dest)`` filter, run from the spec's own source."""
    body = [
        node
        for node in _tree().body
        if isinstance(node, PURE)
        and not {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} & PYINSTALLER_ONLY
    ]
    namespace: dict[str, Any] = {"re": re, "Path": Path}
    for node in body:
        with contextlib.suppress(NameError):  # e.g. paths built from SPECPATH
            exec(compile(ast.Module(body=[node], type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace["keep"]


def test_name_and_version_come_from_the_package() -> None:
    text = SPEC.read_text("utf-8")
    assert "from fieldsurvey import APP_ID, APP_NAME, __version__" in text
    assert fieldsurvey.__version__ not in text  # never repeated by hand
    assert 'name=f"{APP_ID}-{__version__}"' in text


def test_resources_land_where_the_app_looks_for_them() -> None:
    source, dest = _constant("RESOURCES")
    assert (ROOT / source).is_dir()
    # In the build, fieldsurvey/resources.py sits in <folder>/fieldsurvey/ and looks for
    # a "resources" folder beside itself.
    package_dir = Path(resources.__file__).parent
    assert dest == f"{package_dir.name}/resources"
    for sub in ("forms", "fonts", "translations", "icons"):
        assert any((ROOT / source / sub).iterdir()), f"resources/{sub} is empty"
    assert (ROOT / source / "forms" / "migrant_household.xlsx").is_file()
    assert (ROOT / source / "icons" / "fieldsurvey.ico").is_file()


def test_the_crypto_packages_are_named() -> None:
    text = SPEC.read_text("utf-8")
    assert re.search(r"hiddenimports=\[[^\]]*\"sqlcipher3\"[^\]]*\"pyrage\"", text)


def _imported_modules() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "fieldsurvey").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_nothing_the_app_imports_is_excluded() -> None:
    excluded = _constant("EXCLUDED_MODULES")
    imported = _imported_modules()
    assert "PySide6.QtWidgets" in imported and "reportlab.platypus" in imported
    clashes = sorted(
        name for name in imported for ex in excluded if name == ex or name.startswith(ex + ".")
    )
    assert clashes == [], "remove these from EXCLUDED_MODULES in build.spec"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6PrintSupport.so.6", True),
        ("libcairo.so.2", False),
        ("libpangoft2-1.0.so.0", False),
        ("libglib-2.0.so.0", True),
        ("libfontconfig.so.1", True),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", True),
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("libQt6WaylandClient.so.6", False),
        ("PySide6\\opengl32sw.dll", False),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qt_de.qm", False),
        ("fieldsurvey/resources/forms/migrant_household.xlsx", True),
        ("fieldsurvey/resources/translations/fieldsurvey_vi.qm", True),
        ("sqlcipher3/_sqlite3.cpython-311-x86_64-linux-gnu.so", True),
    ],
)
def test_only_the_needed_qt_pieces_are_kept(keep: Any, dest: str, kept: bool) -> None:
    assert keep(dest) is kept


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("script", ["tools/build_app.sh", "tools/ci_build.sh"])
def test_build_scripts_are_valid_bash_and_stop_on_errors(script: str) -> None:
    path = ROOT / script
    done = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "set -euo pipefail" in path.read_text("utf-8")
