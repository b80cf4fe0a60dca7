"""`fieldsurvey` with no command and no display builds the demo instead of failing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.slow  # builds a demo in a fresh process (about 20 s)
def test_without_a_display_the_first_command_builds_the_demo(tmp_path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["FIELDSURVEY_HOME"] = str(tmp_path / "home")
    # A small demo keeps the test short: the CLI's own call uses 300 households.
    code = (
        "import sys; from fieldsurvey.cli import demo_cmds;"
        "demo_cmds.demo_cmd.params[1].default = 12;"
        "from fieldsurvey.cli import main; main([])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert "No display" in result.stdout
    pdfs = list((tmp_path / "home-demo").rglob("*.pdf"))
    assert pdfs, result.stdout
