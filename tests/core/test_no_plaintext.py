"""No answer reaches the disk in plaintext: not in the database, WAL, shm, temp files or logs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.workspace import Workspace

from .conftest import PASSWORD, install_tiny_form

MARKER = "ZEBRA7731"
ANSWER = f"{MARKER} Nguyễn Thị Bích Ngọc sống ở Phúc Xá"
NEEDLES = [
    MARKER.encode(),
    "Bích Ngọc".encode(),
    "Bích Ngọc".encode("utf-16-le"),
    MARKER.encode("utf-16-le"),
]

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from fieldsurvey.store import interviews as iv
    from fieldsurvey.store.workspace import Workspace

    home, password, answer = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    ws = Workspace.open(home, password)
    uuids = []
    for k in range(30):
        i = iv.new_interview(ws, form_id="f", form_version="1", ward="w",
                             household_id=f"H{k}", enumerator="lan", respondent=answer)
        iv.set_answer(ws, i.uuid, "health/notes", answer * 40, who="lan")
        iv.set_answer(ws, i.uuid, "members[1]/name", answer, who="lan")
        uuids.append(i.uuid)
    iv.delete_interview(ws, uuids[0], who="lan")   # the audit log keeps the deleted answers
    # a big sort that cannot use an index, so SQLite needs scratch space
    ws.db.execute("SELECT answers FROM interviews ORDER BY answers || respondent").fetchall()
    print("open", flush=True)
    sys.stdin.readline()
    ws.close()
    print("closed", flush=True)
    """
)


def _files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def _leaks(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        data = path.read_bytes()
        found += [f"{path.name}: {needle!r}" for needle in NEEDLES if needle in data]
    return found


def test_answers_never_on_disk_in_plaintext(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        install_tiny_form(ws)
    env = {**os.environ, "TMPDIR": str(scratch), "SQLITE_TMPDIR": str(scratch)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(home), PASSWORD, ANSWER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "open", proc.stderr.read() if proc.stderr else ""
        # While the workspace is open: the WAL holds every recent write.
        while_open = _files(home, scratch)
        assert any(p.name.endswith("-wal") and p.stat().st_size > 100_000 for p in while_open)
        assert _leaks(while_open) == []
        proc.stdin.write("\n")
        proc.stdin.flush()
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert out.strip() == "closed" and proc.returncode == 0, err
    assert _leaks(_files(home, scratch)) == []
    assert MARKER not in err  # nothing logged to the console either


def test_answers_are_not_logged(ws: Workspace, caplog: pytest.LogCaptureFixture) -> None:
    install_tiny_form(ws)
    caplog.set_level(logging.DEBUG)
    i = iv.new_interview(
        ws, form_id="f", form_version="1", ward="w", household_id="h", enumerator="lan"
    )
    iv.set_answer(ws, i.uuid, "q", ANSWER, who="lan")
    iv.complete(ws, i.uuid, who="lan")
    with pytest.raises(Exception) as info:
        iv.set_answer(ws, i.uuid, "q", ANSWER + " again", who="lan")
    assert MARKER not in str(info.value)
    assert MARKER not in caplog.text
