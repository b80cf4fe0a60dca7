"""The CI scripts parse and pass shellcheck: a garbled line once made CI fail on any
machine without Xvfb before a single test ran."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = [ROOT / ".ci" / "run", *sorted((ROOT / "tools").glob("*.sh"))]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_parses(script: Path) -> None:
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_passes_shellcheck(script: Path) -> None:
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed (.ci/run installs it from Debian)")
    result = subprocess.run(
        ["shellcheck", "--severity=warning", str(script)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_installs_each_missing_tool_by_its_package_name() -> None:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for tool, package in [
        ("pdftoppm", "poppler-utils"),
        ("Xvfb", "xvfb"),
        ("age", "age"),
        ("shellcheck", "shellcheck"),
    ]:
        assert f"command -v {tool} >/dev/null 2>&1 || need+=({package})\n" in text
