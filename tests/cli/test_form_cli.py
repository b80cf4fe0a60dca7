"""``fieldsurvey form check / install / list`` end to end (evaluate and import: see below)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldsurvey.cli import cli
from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.workspace import Workspace

PASSWORD = "mật khẩu dài"

GOOD = """
| survey |
| | type | name | label::Tiếng Việt (vi) | label::English (en) | constraint |
| | integer | age | Tuổi | Age | . >= 0 |
| | image | photo | Ảnh | Photo | |
| settings |
| | form_id | version | default_language |
| | hh | 7 | Tiếng Việt (vi) |
"""

BAD = """
| survey |
| | type | name | label |
| | integer | age | Age |
| | select_one sexes | sex | Sex |
"""
BAD_LIST = (
    BAD
    + """
| choices |
| | list_name | name | label |
| | sex | f | Female |
"""
)


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FIELDSURVEY_PASSWORD", PASSWORD)
    monkeypatch.setenv("FIELDSURVEY_HOME", str(tmp_path / "ws"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_accepts_a_form_and_prints_warnings(tmp_path: Path) -> None:
    form = markdown_to_xlsx(GOOD, tmp_path / "hh.xlsx")
    code, out, err = run("form", "check", str(form))
    assert code == 0, err
    assert "OK: hh version 7, 2 questions; languages: Tiếng Việt (vi), English (en)" in out
    # pyxform's advice about image size comes with its row
    assert "Warning: survey sheet, row 3: Use the max-pixels parameter" in out


def test_check_rejects_with_sheet_row_and_problem(tmp_path: Path) -> None:
    form = tmp_path / "bad.md"
    form.write_text(BAD, "utf-8")
    code, out, err = run("form", "check", str(form))
    assert code == 1
    assert err.startswith("Error: survey sheet, row 3: There should be a choices sheet")
    assert out == ""
    form.write_text(BAD_LIST, "utf-8")
    code, out, err = run("form", "check", str(form))
    assert (code, err) == (1, "Error: survey sheet, row 3: List name not in choices sheet: sexes\n")


def test_check_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("form", "check", str(tmp_path / "nope.xlsx"))
    assert code == 2 and "does not exist" in err


def test_install_then_list(tmp_path: Path) -> None:
    Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap()).close()
    form = markdown_to_xlsx(GOOD, tmp_path / "hh.xlsx")
    assert run("form", "install", str(form))[:2] == (0, "hh version 7: installed.\n")
    assert run("form", "install", str(form))[:2] == (0, "hh version 7: already installed.\n")
    code, out, _ = run("form", "list")
    assert code == 0 and out.startswith("hh\t7\t")
    changed = markdown_to_xlsx(GOOD.replace("Tuổi", "Tuổi (năm)"), tmp_path / "hh2.xlsx")
    code, _, err = run("form", "install", str(changed))
    assert code == 1 and "already installed with different content" in err
    assert run("form", "install", "--replace", str(changed))[0] == 0
