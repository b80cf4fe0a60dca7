"""``fieldsurvey interview new|set|complete|reopen|show|delete|list`` end to end."""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fieldsurvey.cli import cli
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import Workspace

PASSWORD = "mật khẩu đủ dài"


@pytest.fixture
def home(tmp_path: Path, install_household_form: Callable[[Workspace], None]) -> Path:
    """A workspace with the form ``household`` installed (see conftest.py)."""
    home = tmp_path / "ws"
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        install_household_form(ws)
    return home


def run(home: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, ["--home", str(home), *args], env={"FIELDSURVEY_PASSWORD": PASSWORD}
    )
    return result.exit_code, result.stdout, result.stderr


def ok(home: Path, *args: str) -> str:
    code, out, err = run(home, *args)
    assert code == 0, err
    return out


def new(home: Path, ward: str = "Phúc Xá", household: str = "HH-7") -> str:
    args = ["--form", "household", "--ward", ward, "--household", household]
    return ok(home, "interview", "new", *args, "--enumerator", "Lan").strip()


def show(home: Path, uuid: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(home, "interview", "show", uuid, "--json"))
    return data


def test_new_set_show_list_json(home: Path) -> None:
    uuid = new(home)
    assert len(uuid) == 36
    assert "revision 2" in ok(home, "interview", "set", uuid, "household/members[1]/age", "34")
    ok(home, "interview", "set", uuid[:8], "water", '["tap", "well"]')
    ok(home, "interview", "set", uuid, "household/members[1]/name", "Nguyễn Văn An")
    ok(home, "interview", "set", uuid, "note", "{not json")
    data = show(home, uuid)
    assert data["answers"] == {
        "household": {"members": [{"age": 34, "name": "Nguyễn Văn An"}]},
        "water": ["tap", "well"],
        "note": "{not json",
    }
    assert (data["status"], data["revision"], data["enumerator"]) == ("draft", 5, "Lan")
    listed = json.loads(ok(home, "interview", "list", "--json"))
    assert [(r["uuid"], r["ward"], r["household_id"]) for r in listed] == [
        (uuid, "Phúc Xá", "HH-7")
    ]
    assert "answers" not in listed[0]
    assert uuid in ok(home, "interview", "list")


def test_null_removes_an_answer(home: Path) -> None:
    uuid = new(home)
    ok(home, "interview", "set", uuid, "q", "1")
    ok(home, "interview", "set", uuid, "q", "null")
    assert show(home, uuid)["answers"] == {}


def test_list_filters(home: Path) -> None:
    a = new(home, ward="Kim Mã")
    b = new(home, ward="Phúc Xá")
    ok(home, "interview", "complete", b)
    by_ward = json.loads(ok(home, "interview", "list", "--ward", "Kim Mã", "--json"))
    assert [r["uuid"] for r in by_ward] == [a]
    done = json.loads(ok(home, "interview", "list", "--status", "completed", "--json"))
    assert [r["uuid"] for r in done] == [b]
    assert ok(home, "interview", "list", "--ward", "nowhere").strip() == "No interviews."


def test_completed_interview_cannot_be_edited_or_deleted(home: Path) -> None:
    uuid = new(home)
    ok(home, "interview", "set", uuid, "q", "before")
    ok(home, "interview", "complete", uuid)
    code, _, err = run(home, "interview", "set", uuid, "q", "after")
    assert code == 1 and err.strip() == (
        f"Error: Interview {uuid} is completed; only draft or returned interviews can be edited."
    )
    code, _, err = run(home, "interview", "delete", uuid)
    assert code == 1 and "only drafts can be deleted" in err
    assert show(home, uuid)["answers"] == {"q": "before"}


def test_reopen_a_completed_interview_with_a_reason_then_complete_it_again(home: Path) -> None:
    uuid = new(home)
    ok(home, "interview", "set", uuid, "q", "before")
    ok(home, "interview", "complete", uuid)
    code, _, err = run(home, "interview", "reopen", uuid)
    assert code == 2 and "--reason" in err  # the reason is required
    assert show(home, uuid)["status"] == "completed"
    out = ok(home, "interview", "reopen", uuid[:8], "--reason", "Tuổi ghi nhầm")
    assert out.strip() == (
        f"Reopened {uuid}: it is a draft again. Correct it, then complete it again."
    )
    ok(home, "interview", "set", uuid, "q", "after")
    ok(home, "interview", "complete", uuid)
    assert (show(home, uuid)["status"], show(home, uuid)["answers"]) == (
        "completed",
        {"q": "after"},
    )
    lines = ok(home, "interview", "history", uuid).splitlines()
    me = getpass.getuser()
    assert any(line.split()[1:4] == [me, "reopen", "reason"] and "Tuổi ghi nhầm" in line
               for line in lines)  # fmt: skip
    history = json.loads(ok(home, "interview", "history", uuid, "--json"))
    assert [e["action"] for e in history].count("reopen") == 2  # status, and why
    vi = CliRunner().invoke(
        cli, ["--home", str(home), "--lang", "vi", "interview", "history", uuid],
        env={"FIELDSURVEY_PASSWORD": PASSWORD},
    )  # fmt: skip
    assert "mở lại" in vi.stdout


def test_reopen_is_refused_once_the_interview_is_no_longer_completed(home: Path) -> None:
    uuid = new(home)
    code, _, err = run(home, "interview", "reopen", uuid, "--reason", "x")
    assert code == 1 and err.strip() == (
        f"Error: Cannot reopen interview {uuid}: it is draft (allowed from completed)."
    )
    ok(home, "interview", "complete", uuid)
    code, _, err = run(home, "interview", "reopen", uuid, "--reason", "   ")
    assert code == 1 and "Say why" in err and "Nothing was changed" in err
    assert show(home, uuid)["status"] == "completed"


def test_delete_draft(home: Path) -> None:
    uuid = new(home)
    assert f"Deleted {uuid}" in ok(home, "interview", "delete", uuid)
    code, _, err = run(home, "interview", "show", uuid)
    assert code == 1 and "No interview" in err
    assert "2 entries intact" in ok(home, "verify")


def test_bad_path_is_one_clear_error(home: Path) -> None:
    uuid = new(home)
    code, _, err = run(home, "interview", "set", uuid, "members[0]/age", "3")
    assert code == 1 and err.count("\n") == 1 and "repeat numbers start at 1" in err


def test_history_shows_who_changed_what_even_after_a_delete(home: Path) -> None:
    uuid = new(home)
    ok(home, "interview", "set", uuid, "household/members[1]/age", "34")
    ok(home, "interview", "set", uuid, "household/members[1]/age", "43")
    lines = ok(home, "interview", "history", uuid[:8]).splitlines()
    me = getpass.getuser()  # `set` acts as the login user; `new` was given --enumerator
    assert [line.split()[1:3] for line in lines] == [["Lan", "create"], [me, "set"], [me, "set"]]
    assert lines[2].endswith("household/members[1]/age     34 -> 43")
    ok(home, "interview", "delete", uuid)
    history = json.loads(ok(home, "interview", "history", uuid, "--json"))
    assert [e["action"] for e in history] == ["create", "set", "set", "delete"]
    assert history[-1]["old_value"]["answers"] == {"household": {"members": [{"age": 43}]}}
    assert all("values_salt" not in e for e in history)
    code, _, err = run(home, "interview", "history", "00000000-0000-4000-8000-000000000000")
    assert code == 1 and "No interview" in err


def test_new_refuses_a_form_that_is_not_installed(home: Path) -> None:
    where = ["--ward", "Phúc Xá", "--household", "HH-7"]
    code, out, err = run(home, "interview", "new", "--form", "nope", *where)
    assert (code, out) == (1, "")
    assert err == "Error: Form 'nope' is not installed in this workspace.\n"
    version_9 = ["--form", "household", "--form-version", "9"]
    code, _, err = run(home, "interview", "new", *version_9, *where)
    assert code == 1 and "version '9' is not installed" in err
    assert ok(home, "interview", "list").strip() == "No interviews."
