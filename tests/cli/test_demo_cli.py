"""``fieldsurvey demo DIR`` from the command line: ward PDFs in readable Vietnamese."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from fieldsurvey import keywrap
from fieldsurvey.cli import cli
from fieldsurvey.demo.demo_model import DEMO_PASSWORD


def _cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests only: a cheap Argon2id for the demo's workspaces (the demo uses the real one)."""
    real = keywrap.wrap_with_password

    def cheap(key: bytes, password: str, *, workspace_id: str, kdf: Any = None) -> Any:
        return real(key, password, workspace_id=workspace_id, kdf=kdf or keywrap.KdfParams.cheap())

    monkeypatch.setattr(keywrap, "wrap_with_password", cheap)


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


@pytest.mark.slow  # builds a demo campaign and its PDFs (about 15 s)
def test_demo_command_writes_ward_pdfs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _cheap_kdf(monkeypatch)
    folder = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", str(folder), "--households", "12"])
    assert result.exit_code == 0, result.output
    assert "[7/7] Done" in result.output
    assert f"Password of every workspace: {DEMO_PASSWORD}\n" in result.output
    assert "Households visited: 12" in result.output
    reports = folder / "reports"
    phuc_tan, chuong_duong = _text(reports / "phuc-tan.pdf"), _text(reports / "chuong-duong.pdf")
    assert "Phường Phúc Tân" in phuc_tan and "Chương Dương" not in phuc_tan
    assert "Phường Chương Dương" in chuong_duong and "Phúc Tân" not in chuong_duong
    both = _text(reports / "phuc-tan-chuong-duong.pdf")
    assert "Phúc Tân, Chương Dương" in both and "Hoàn Kiếm" in both
    english = _text(reports / "phuc-tan-chuong-duong-en.pdf")
    assert "Households interviewed" in english
    # the demo's own commands then work on its coordinator workspace
    env = {"FIELDSURVEY_PASSWORD": DEMO_PASSWORD}
    home = ["--home", str(folder / "coordinator")]
    listed = CliRunner().invoke(cli, [*home, "interview", "list", "--json"], env=env)
    assert listed.exit_code == 0
    forms = Counter(row["form_id"] for row in json.loads(listed.output))
    assert forms["mnet_migrant_household"] == 12  # and wave 1's registrations, wave 2's visits
    assert forms["mnet_household_registration"] == forms["mnet_household_follow_up"]


def test_demo_command_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["demo", str(tmp_path)])
    assert result.exit_code == 1
    assert "not an empty folder" in result.output


def test_demo_help_gives_the_demo_password() -> None:
    from fieldsurvey.cli.demo_cmds import demo_cmd

    assert f'password is "{DEMO_PASSWORD}"' in (demo_cmd.help or "")
