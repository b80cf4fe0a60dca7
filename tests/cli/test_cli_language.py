"""The CLI speaks the chosen language: --lang, else FIELDSURVEY_LANG, else the system
locale, else Vietnamese. Errors, summaries and prompts alike; Click's --help stays
English (docs/cli.md says so)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldsurvey import messages
from fieldsurvey.cli import cli
from fieldsurvey.errors import WorkspaceError
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import Workspace

PASSWORD = "mật khẩu đủ dài"
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str | None] | None = None, **kw: str) -> tuple[int, str, str]:
    full_env: dict[str, str | None] = {"FIELDSURVEY_PASSWORD": PASSWORD, **(env or {})}
    result = CliRunner().invoke(cli, list(args), env=full_env, **kw)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def home(tmp_path: Path, install_household_form: Callable[[Workspace], None]) -> Path:
    home = tmp_path / "ws"
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        install_household_form(ws)
    return home


def _missing_workspace_error(home: Path) -> WorkspaceError:
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(home, PASSWORD)
    return info.value


def test_an_error_in_vietnamese_with_lang_vi(tmp_path: Path) -> None:
    home = tmp_path / "none"
    expected = _missing_workspace_error(home)
    code, out, err = run("--home", str(home), "--lang", "vi", "interview", "list")
    assert (code, out) == (1, "")
    assert err == f"Lỗi: {expected.text('vi')}\n"
    assert expected.text("vi") != expected.text("en")
    code, _, err = run("--home", str(home), "--lang", "en", "interview", "list")
    assert (code, err) == (1, f"Error: {expected.text('en')}\n")


def test_an_error_in_vietnamese_with_the_environment(tmp_path: Path) -> None:
    home = tmp_path / "none"
    expected = _missing_workspace_error(home).text("vi")
    vi = {"FIELDSURVEY_LANG": "vi"}
    assert run("--home", str(home), "interview", "list", env=vi)[2] == f"Lỗi: {expected}\n"
    # --lang wins over the environment
    code, _, err = run("--home", str(home), "--lang", "en", "interview", "list", env=vi)
    assert code == 1 and err.startswith("Error: No FieldSurvey workspace")


def test_summaries_follow_the_language(home: Path, household_form_md: Path) -> None:
    vi = ("--home", str(home), "--lang", "vi")
    assert run(*vi, "interview", "list")[1] == "Không có phiếu nào.\n"
    assert run(*vi, "form", "install", str(household_form_md))[1] == (
        "household phiên bản 1: đã được cài đặt từ trước.\n"
    )
    code, out, _ = run(*vi, "verify")
    assert code == 0 and out.startswith("Tốt: cơ sở dữ liệu nguyên vẹn")
    en = ("--home", str(home), "--lang", "en")
    assert run(*en, "interview", "list")[1] == "No interviews.\n"
    code, out, _ = run(*en, "verify")
    assert code == 0 and out.startswith("OK: integrity check passed")


def test_interview_list_and_show_name_statuses_in_vietnamese(home: Path) -> None:
    where = ("--form", "household", "--ward", "Phúc Tân", "--household", "PT-1")
    code, out, err = run("--home", str(home), "interview", "new", *where)
    assert code == 0, err
    uuid = out.strip()
    vi = ("--home", str(home), "--lang", "vi")
    listed = run(*vi, "interview", "list")[1]
    assert listed.startswith(f"{uuid}  Nháp") and "lần sửa 1" in listed
    shown = run(*vi, "interview", "show", uuid)[1]
    assert "trạng thái: Nháp" in shown and "phường: Phúc Tân" in shown
    saved = run(*vi, "interview", "set", uuid, "q", "có")[1]
    assert saved == "Đã lưu q (lần sửa 2).\n"


def test_usage_errors_are_one_line_in_the_language(home: Path) -> None:
    code, out, err = run("--home", str(home), "--lang", "vi", "interview", "list", "--status", "x")
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert line.startswith("Lỗi: ") and line.endswith("Xem 'fieldsurvey interview list --help'.")
    code, _, err = run("--home", str(home), "--lang", "fr", "interview", "list")
    [line] = err.splitlines()
    assert code == 2 and "'--lang'" in line


def test_prompts_and_giving_up_in_vietnamese(home: Path) -> None:
    no_password = {"FIELDSURVEY_PASSWORD": None}
    code, out, err = run(
        "--home", str(home), "--lang", "vi", "interview", "list", env=no_password, input=""
    )
    assert "Mật khẩu không gian làm việc" in out
    assert (code, err) == (1, f"Lỗi: {messages.render('cli.aborted', 'vi')}\n")
    code, out, _ = run(
        "--home", str(home), "--lang", "vi", "interview", "list",
        env=no_password, input=f"{PASSWORD}\n",
    )  # fmt: skip
    assert code == 0 and out.endswith("Không có phiếu nào.\n")


def _subprocess_language(tmp_path: Path, **env: str) -> str:
    """The language of the error a real ``fieldsurvey`` process prints with ``env``."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FIELDSURVEY_LANG", "LANG", "LANGUAGE") and not k.startswith("LC_")
    }
    done = subprocess.run(
        [sys.executable, "-m", "fieldsurvey", "--home", str(tmp_path / "none"), "verify"],
        env={**clean, "FIELDSURVEY_PASSWORD": PASSWORD, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    if done.stderr.startswith("Lỗi: "):
        return "vi"
    assert done.stderr.startswith("Error: "), done.stderr
    return "en"


def test_the_default_follows_the_locale_else_vietnamese(tmp_path: Path) -> None:
    assert _subprocess_language(tmp_path, LANG="C") == "vi"
    assert _subprocess_language(tmp_path, LANG="C.UTF-8") == "vi"
    assert _subprocess_language(tmp_path, LC_ALL="C", LANG="C") == "vi"
    assert _subprocess_language(tmp_path, LANG="vi_VN.UTF-8") == "vi"
    assert _subprocess_language(tmp_path, LANG="en_GB.UTF-8") == "en"
    assert _subprocess_language(tmp_path, LANG="en_GB.UTF-8", FIELDSURVEY_LANG="vi") == "vi"


def test_every_cli_code_the_commands_use_is_in_the_catalogue() -> None:
    """``messages.render`` returns an unknown code as it is: a typo would print the code."""
    used: list[tuple[str, str]] = []
    for path in sorted((ROOT / "fieldsurvey" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if text.startswith("cli.") and " " not in text and not text.endswith("."):
                    used.append((path.name, text))
    assert used, "no cli.* codes found"
    missing = [f"{name}: {code}" for name, code in used if code not in messages.CATALOGUE]
    assert not missing, missing
