"""The self-test: it passes on a sound installation, names what fails, skips what
depends on a failure, leaves nothing behind, and `fieldsurvey selftest` exits accordingly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldsurvey import selftest
from fieldsurvey.cli import cli
from fieldsurvey.progress import Progress
from fieldsurvey.selftest import SelfTestRun, Step, run_selftest


@pytest.fixture(scope="module")
def full_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[selftest.SelfTestReport, list[Progress], Path]:
    workdir = tmp_path_factory.mktemp("selftest")
    seen: list[Progress] = []
    report = run_selftest(seen.append, workdir=workdir)
    return report, seen, workdir


def test_every_step_passes_on_this_installation(full_run: tuple) -> None:
    report, _, _ = full_run
    failed = [(s.name, s.detail) for s in report.steps if s.status != "passed"]
    assert failed == []
    assert [s.name for s in report.steps] == [
        "resources", "workspace", "form", "laptop", "interview", "bundle", "pdf", "exports",
    ]  # fmt: skip
    assert report.ok and report.exit_code == 0
    bundle = next(s for s in report.steps if s.name == "bundle")
    assert "replay refused" in bundle.detail


def test_progress_names_each_step_then_done(full_run: tuple) -> None:
    report, seen, _ = full_run
    assert [p.message for p in seen] == [s.title for s in report.steps] + ["done"]
    assert [p.done for p in seen] == list(range(len(report.steps) + 1))
    assert seen[-1].fraction == 1.0


def test_the_temporary_folder_is_removed(full_run: tuple) -> None:
    _, _, workdir = full_run
    assert list(workdir.iterdir()) == []


def _boom(run: SelfTestRun) -> str:
    raise RuntimeError("disk on fire")


def test_a_failure_is_reported_and_its_dependants_skipped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ran: list[str] = []

    def fine(run: SelfTestRun) -> str:
        ran.append("independent")
        assert run.root.is_dir()
        return "fine"

    monkeypatch.setattr(
        selftest,
        "STEPS",
        (
            Step("first", "First", _boom),
            Step("second", "Second", lambda run: "never", ("first",)),
            Step("third", "Third", fine),
        ),
    )
    report = run_selftest(workdir=tmp_path)
    assert [(s.name, s.status) for s in report.steps] == [
        ("first", "failed"), ("second", "skipped"), ("third", "passed"),
    ]  # fmt: skip
    assert "RuntimeError: disk on fire" in report.steps[0].detail
    assert "needs first" in report.steps[1].detail
    assert ran == ["independent"]
    assert not report.ok and report.exit_code == 1
    assert list(tmp_path.iterdir()) == []


def test_a_missing_resource_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        selftest, "REQUIRED_RESOURCES", (*selftest.REQUIRED_RESOURCES, ("fonts", "Nope.ttf"))
    )
    monkeypatch.setattr(selftest, "STEPS", selftest.STEPS[:1])
    [step] = run_selftest().steps
    assert step.status == "failed"
    assert "fonts/Nope.ttf" in step.detail


def test_cli_exit_codes_and_json(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FIELDSURVEY_LANG", "en")
    home = tmp_path / "never-created"
    runner = CliRunner()
    monkeypatch.setattr(selftest, "STEPS", (Step("ok", "Fine step", lambda run: "fine"),))
    result = runner.invoke(cli, ["--home", str(home), "selftest", "--no-gui"])
    assert result.exit_code == 0, result.output
    assert "ok   Fine step" in result.output and "Self-test passed: all 1 steps." in result.output

    monkeypatch.setattr(selftest, "STEPS", (Step("bad", "Bad step", _boom),))
    result = runner.invoke(cli, ["--home", str(home), "selftest", "--no-gui", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["steps"][0]["status"] == "failed"
    assert not home.exists()  # the user's workspace folder is never touched


def test_qt_check_renders_vietnamese(tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    from fieldsurvey.cli.selftest_cmds import qt_step

    detail = qt_step(SelfTestRun(tmp_path))
    assert "font DejaVu Sans" in detail and "text drawn" in detail


@pytest.mark.slow  # a whole self-test in a fresh process
def test_the_exports_need_neither_pandas_nor_pyreadstat(tmp_path: Path) -> None:
    """The app ships without them (build.spec, pyproject): in a fresh process where
    importing either fails, every step passes, the Stata and SPSS exports included."""
    import subprocess
    import sys

    code = (
        "import sys, json\n"
        "sys.modules['pandas'] = None\n"  # an import of either raises ImportError
        "sys.modules['pyreadstat'] = None\n"
        "from pathlib import Path\n"
        "from fieldsurvey.selftest import run_selftest\n"
        f"report = run_selftest(workdir=Path({str(tmp_path)!r}))\n"
        "print(json.dumps([[s.name, s.status, s.detail] for s in report.steps]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
    )
    steps = json.loads(done.stdout.strip().splitlines()[-1])
    assert [name for name, status, _ in steps if status != "passed"] == []
    assert "exports" in [name for name, _, _ in steps]
