"""Answers and metadata may hold control and escape characters (a laptop, an old version
or a signed bundle sent them): ``interview list|show|history`` never print them raw to
the terminal, and ``--json`` stays valid JSON holding the same values."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldsurvey.cli import cli
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace

PASSWORD = "mật khẩu đủ dài"
#: What a terminal must not get: C0 controls but newline, DEL, C1, bidi overrides.
RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
CLEAR = "\x1b[2J\x1b[H"
WARD = f"Phúc Xá{CLEAR}\r\x00\u202e"
NOTE = "dòng một\ndòng hai\r\nba\x1b]0;pwned\x07\x9b31m\tcuối"


@pytest.fixture
def home(tmp_path: Path, install_household_form: Callable[[Workspace], None]) -> Path:
    """A workspace with one interview whose metadata and answers hold control characters,
    put there through the store as a merge or an old version could."""
    home = tmp_path / "ws"
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        install_household_form(ws)
        created = interviews.new_interview(
            ws, form_id="household", form_version="1", ward=WARD,
            household_id="HH\x1b[31m-7", enumerator="Lan\x08\x08\x08Mai",
            answers={"note": NOTE, "q": "\x00\x7f", "household": {"members": [{"name": CLEAR}]}},
        )  # fmt: skip
        interviews.set_answer(ws, created.uuid, "big", "x\x1b[1Ay", who="Lan\x1b[2K")
    return home


def run(home: Path, *args: str) -> str:
    result = CliRunner().invoke(
        cli, ["--home", str(home), *args], env={"FIELDSURVEY_PASSWORD": PASSWORD}
    )
    assert result.exit_code == 0, result.output
    return result.output


def uuid_of(home: Path) -> str:
    return str(json.loads(run(home, "interview", "list", "--json"))[0]["uuid"])


def test_list_escapes_control_characters(home: Path) -> None:
    out = run(home, "interview", "list")
    assert not RAW.search(out), repr(out)
    assert "Phúc Xá\\x1b[2J\\x1b[H\\r\\x00\\u202e" in out
    assert "HH\\x1b[31m-7" in out
    assert len(out.strip().splitlines()) == 1  # one interview, one line


def test_show_escapes_control_characters_and_keeps_lines(home: Path) -> None:
    out = run(home, "interview", "show", uuid_of(home))
    assert not RAW.search(out), repr(out)
    assert "Phúc Xá\\x1b[2J" in out and "Lan\\x08\\x08\\x08Mai" in out
    # the answers: JSON escapes (C0 as \u001b, C1 as \u009b), nothing raw
    assert "\\u001b]0;pwned\\u0007\\u009b31m" in out


def test_show_keeps_the_lines_of_multi_line_metadata(
    tmp_path: Path, install_household_form: Callable[[Workspace], None]
) -> None:
    home = tmp_path / "ws"
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        install_household_form(ws)
        interviews.new_interview(
            ws, form_id="household", form_version="1", ward="Phúc Xá", household_id="H",
            enumerator="Lan", respondent="Nguyễn Văn An\r\nchủ hộ\x1b[2J",
        )  # fmt: skip
    out = run(home, "interview", "show", uuid_of(home))
    assert not RAW.search(out), repr(out)
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if "Nguyễn Văn An" in line)
    assert lines[first + 1].strip() == "chủ hộ\\x1b[2J"


def test_json_output_is_valid_and_holds_the_same_values(home: Path) -> None:
    uuid = uuid_of(home)
    out = run(home, "interview", "show", uuid, "--json")
    assert not RAW.search(out.replace("\n", "")), repr(out)
    data = json.loads(out)
    assert data["ward"] == WARD and data["answers"]["note"] == NOTE
    listed = run(home, "interview", "list", "--json")
    assert not RAW.search(listed.replace("\n", ""))
    assert json.loads(listed)[0]["household_id"] == "HH\x1b[31m-7"


def test_history_escapes_control_characters(home: Path) -> None:
    out = run(home, "interview", "history", uuid_of(home))
    assert not RAW.search(out), repr(out)
    assert "Lan\\x1b[2K" in out and "\\u001b[1Ay" in out


def test_an_error_line_never_prints_control_characters(home: Path) -> None:
    """An error naming what the user typed (here an interview id holding a terminal
    escape) writes the characters out instead of sending them to the terminal."""
    result = CliRunner().invoke(
        cli,
        ["--home", str(home), "interview", "show", f"ab{CLEAR}\r\x07\u202ecd"],
        env={"FIELDSURVEY_PASSWORD": PASSWORD, "FIELDSURVEY_LANG": "en"},
        color=True,  # as on a terminal: click strips nothing
    )
    assert result.exit_code == 1
    assert not RAW.search(result.stderr), repr(result.stderr)
    assert "ab\\x1b[2J\\x1b[H\\r\\x07\\u202ecd" in result.stderr
