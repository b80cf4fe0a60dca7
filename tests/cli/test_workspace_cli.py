"""``fieldsurvey init / passwd / verify`` and the bad-input cases, end to end."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldsurvey.cli import cli
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.workspace import DB_FILE, WORKSPACE_FILE, Workspace

PASSWORD = "mật khẩu đủ dài"


def run(home: Path, *args: str, password: str = PASSWORD, **env: str) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--home", str(home), *args], env={"FIELDSURVEY_PASSWORD": password, **env}
    )
    return result.exit_code, result.stdout, result.stderr


def one_error_line(code: int, err: str) -> str:
    """The failure contract: exit 1 and exactly one plain line on stderr."""
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    return lines[0]


def snapshot(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}


@pytest.fixture
def home(tmp_path: Path, install_household_form: Callable[[Workspace], None]) -> Path:
    """A workspace with one answered interview (cheap KDF, so commands run fast)."""
    home = tmp_path / "ws"
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        install_household_form(ws)
        i = iv.new_interview(
            ws, form_id="household", form_version="1", ward="w", household_id="h",
            enumerator="lan",
        )  # fmt: skip
        iv.set_answer(ws, i.uuid, "q", "answer", who="lan")
    return home


def test_init_creates_a_workspace_with_the_calibrated_kdf(tmp_path: Path) -> None:
    home = tmp_path / "new"
    code, out, err = run(home, "init")
    assert code == 0, err
    assert f"Created a laptop workspace in {home}" in out
    slot = json.loads((home / WORKSPACE_FILE).read_text())["key_slots"][0]
    assert slot["kdf"]["memory_kib"] >= 65536  # the real cost, not the test one
    code, _, err = run(home, "init")
    assert "already exists" in one_error_line(code, err)


def test_passwd_changes_the_password(home: Path) -> None:
    code, out, err = run(home, "passwd", FIELDSURVEY_NEW_PASSWORD="another one")
    assert (code, out.strip()) == (0, "Password changed."), err
    assert run(home, "verify", password="another one")[0] == 0
    assert "Wrong password" in one_error_line(*run(home, "verify")[::2])


def test_verify_reports_ok_and_a_broken_chain(home: Path) -> None:
    code, out, _ = run(home, "verify")
    assert code == 0 and "audit chain of 2 entries intact" in out
    with Workspace.open(home, PASSWORD) as ws, ws.transaction():
        ws.db.execute("DROP TRIGGER audit_log_no_update")
        ws.db.execute("UPDATE audit_log SET who = 'someone else' WHERE seq = 1")
    code, out, _ = run(home, "verify")
    assert code == 1
    assert "audit chain: audit entry 1: content does not match its hash (altered)" in out
    code, out, _ = run(home, "--lang", "vi", "verify")
    assert code == 1
    assert "mục 1 của nhật ký kiểm tra: nội dung không khớp với mã băm (đã bị sửa)" in out
    code, out, _ = run(home, "verify", "--json")
    assert code == 1 and json.loads(out)["ok"] is False


def test_wrong_password(home: Path) -> None:
    before = snapshot(home)
    line = one_error_line(*run(home, "interview", "list", password="nope")[::2])
    assert line == "Error: Wrong password for this workspace."
    assert snapshot(home) == before


def test_truncated_database(home: Path) -> None:
    db = home / DB_FILE
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 3])
    before = snapshot(home)
    assert "damaged" in one_error_line(*run(home, "interview", "list")[::2])
    assert snapshot(home) == before


def test_not_a_database(home: Path) -> None:
    (home / DB_FILE).write_text("just some notes\n" * 300)
    before = snapshot(home)
    assert "not a FieldSurvey database" in one_error_line(*run(home, "verify")[::2])
    assert snapshot(home) == before


def test_workspace_json_garbage(home: Path) -> None:
    (home / WORKSPACE_FILE).write_text("{not json")
    before = snapshot(home)
    assert "damaged" in one_error_line(*run(home, "interview", "list")[::2])
    assert snapshot(home) == before


def test_no_workspace(tmp_path: Path) -> None:
    line = one_error_line(*run(tmp_path / "none", "interview", "list")[::2])
    assert "fieldsurvey init" in line


def test_workspace_from_a_newer_version(home: Path) -> None:
    with Workspace.open(home, PASSWORD) as ws, ws.transaction():
        ws.db.execute("INSERT INTO _migrations (name, applied) VALUES ('0500_future', 'x')")
    before = snapshot(home)
    assert "newer version" in one_error_line(*run(home, "interview", "list")[::2])
    assert snapshot(home) == before


def test_debug_shows_the_traceback(home: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--home", str(home), "--debug", "interview", "list"],
        env={"FIELDSURVEY_PASSWORD": "nope"},
    )
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and "WrongPasswordError" in result.stderr
    assert result.stderr.strip().endswith("Error: Wrong password for this workspace.")


def test_full_disk(home: Path) -> None:
    with Workspace.open(home, PASSWORD) as ws:
        uuid = iv.list_interviews(ws)[0].uuid
    # A write beyond 64 KiB into any file fails: the change (100 kB in the write-ahead
    # log) cannot be written, while the workspace, already on disk, still opens.
    limit = 65_536

    def limit_file_size() -> None:  # runs in the child before exec
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "FIELDSURVEY_PASSWORD": PASSWORD}
    command = ["interview", "set", uuid, "big", "x" * 100_000]
    result = subprocess.run(
        [sys.executable, "-m", "fieldsurvey", "--home", str(home), *command],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit_file_size,
        timeout=60,
    )
    line = one_error_line(result.returncode, result.stderr)
    assert "disk is full" in line and "xxxx" not in line
    with Workspace.open(home, PASSWORD) as ws:
        assert iv.get_interview(ws, uuid).answers == {"q": "answer"}


def test_verify_on_damaged_pages_exits_1(home: Path) -> None:
    with Workspace.open(home, PASSWORD) as ws:
        for k in range(120):
            i = iv.new_interview(
                ws, form_id="household", form_version="1", ward="w", household_id=f"{k}",
                enumerator="e",
            )  # fmt: skip
            iv.set_answer(ws, i.uuid, "notes", "n" * 800, who="e")
    db = home / DB_FILE
    data = bytearray(db.read_bytes())
    for page in range(len(data) * 3 // 4 // 4096 * 4096, len(data), 4096):
        data[page + 200 : page + 232] = bytes(32)
    db.write_bytes(bytes(data))
    code, out, err = run(home, "verify")
    assert code == 1
    # which finding comes first depends on the pages hit: SQLCipher's HMAC check, or
    # SQLite's own integrity check over pages that decrypted to garbage
    assert "integrity: HMAC verification failed for page" in out or (
        "integrity: *** in database main ***" in out
    ), out
    assert "Traceback" not in err


def test_an_unexpected_exception_is_one_line_and_debug_shows_it(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain exception (a bug) never shows the user a traceback or its message (which
    may quote an answer): one line naming its type and --debug; --debug shows it."""
    from fieldsurvey.store import audit

    def broken(ws: Workspace) -> list[object]:
        raise ValueError("an answer: Nguyễn Văn An")

    monkeypatch.setattr(audit, "verify_chain", broken)
    code, out, err = run(home, "verify")
    line = one_error_line(code, err)
    assert line.startswith("Error: Unexpected error (ValueError).") and "--debug" in line
    assert "Nguyễn" not in out + err and "Traceback" not in err
    code, _, err = run(home, "--debug", "verify")
    assert code == 1 and "Traceback" in err and "ValueError: an answer" in err
    assert err.strip().splitlines()[-1] == line


def test_an_os_error_names_the_file_and_the_reason(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operating-system refusal that reaches the CLI reads as one sentence with the
    file and a reason in the chosen language."""
    import errno

    from fieldsurvey.store import audit

    def refused(ws: Workspace) -> list[object]:
        raise PermissionError(errno.EACCES, "Permission denied", "/media/usb/notes.txt")

    monkeypatch.setattr(audit, "verify_chain", refused)
    line = one_error_line(*run(home, "verify")[::2])
    assert line == "Error: Cannot use /media/usb/notes.txt: permission denied."
    code, _, err = run(home, "--lang", "vi", "verify")
    assert (code, err) == (
        1,
        "Lỗi: Không dùng được /media/usb/notes.txt: không có quyền truy cập.\n",
    )
