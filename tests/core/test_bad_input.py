"""Bad input: each case gets one clear typed error and leaves the data as it was."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fieldsurvey.errors import DatabaseCorruptError, StorageFullError, WorkspaceError
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.database import integrity_problems
from fieldsurvey.store.workspace import DB_FILE, WORKSPACE_FILE, Workspace

from .conftest import PASSWORD, folder_digest, install_tiny_form


def _fill(ws: Workspace, n: int = 40) -> list[str]:
    install_tiny_form(ws)
    uuids = []
    for k in range(n):
        i = iv.new_interview(
            ws, form_id="f", form_version="1", ward="w", household_id=f"H{k}", enumerator="lan"
        )
        iv.set_answer(ws, i.uuid, "notes", "x" * 500, who="lan")
        uuids.append(i.uuid)
    return uuids


def _read_everything(home: Path) -> None:
    with Workspace.open(home, PASSWORD) as ws:
        for meta in iv.list_interviews(ws):
            iv.get_interview(ws, meta.uuid)


def test_truncated_database(ws: Workspace, home: Path) -> None:
    _fill(ws)
    ws.close()
    db = home / DB_FILE
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    before = folder_digest(home)
    with pytest.raises(DatabaseCorruptError, match="damaged"):
        _read_everything(home)
    assert folder_digest(home) == before


def test_corrupted_page_in_the_middle(ws: Workspace, home: Path) -> None:
    _fill(ws)
    ws.close()
    db = home / DB_FILE
    data = bytearray(db.read_bytes())
    for page_start in range(len(data) // 2 // 4096 * 4096, len(data), 4096):
        data[page_start + 100 : page_start + 164] = bytes(64)  # a bad sector's worth
    db.write_bytes(bytes(data))
    before = folder_digest(home)
    with pytest.raises(DatabaseCorruptError):
        _read_everything(home)
    assert folder_digest(home) == before


def test_file_that_is_not_a_database(ws: Workspace, home: Path) -> None:
    ws.close()
    (home / DB_FILE).write_bytes(b"%PDF-1.4 this is a report, not a database\n" * 200)
    before = folder_digest(home)
    with pytest.raises(DatabaseCorruptError, match="not a FieldSurvey database"):
        Workspace.open(home, PASSWORD)
    assert folder_digest(home) == before


def test_database_missing(ws: Workspace, home: Path) -> None:
    ws.close()
    (home / DB_FILE).unlink()
    with pytest.raises(WorkspaceError, match="missing"):
        Workspace.open(home, PASSWORD)
    assert not (home / DB_FILE).exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff garbage", b"[1, 2]", b'{"format": "one"}', b'{"format": 1}', b"\xff\xfe{"],
)
def test_workspace_json_garbage(ws: Workspace, home: Path, content: bytes) -> None:
    ws.close()
    (home / WORKSPACE_FILE).write_bytes(content)
    before = folder_digest(home)
    with pytest.raises(WorkspaceError, match="damaged"):
        Workspace.open(home, PASSWORD)
    assert folder_digest(home) == before


def test_damaged_password_slot(ws: Workspace, home: Path) -> None:
    ws.close()
    meta = json.loads((home / WORKSPACE_FILE).read_text())
    meta["key_slots"][0]["nonce"] = "***"
    (home / WORKSPACE_FILE).write_text(json.dumps(meta))
    with pytest.raises(WorkspaceError, match="damaged"):
        Workspace.open(home, PASSWORD)


FULL_DISK_CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from fieldsurvey.store import interviews as iv
    from fieldsurvey.errors import FieldSurveyError
    from fieldsurvey.store.workspace import Workspace

    home, password, uuid = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    ws = Workspace.open(home, password)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # writes past the limit fail with EFBIG
    limit = max(p.stat().st_size for p in home.iterdir()) + 16384
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        iv.set_answer(ws, uuid, "big", "y" * 400_000, who="lan")
    except FieldSurveyError as exc:
        print(type(exc).__name__)
        print(exc)
    else:
        print("saved")
    try:
        ws.add_key_slot({"type": "test", "id": "big", "blob": "z" * (limit + 100_000)})
    except FieldSurveyError as exc:
        print(type(exc).__name__)
    else:
        print("saved")
    """
)


def test_full_disk_is_reported_and_data_is_intact(ws: Workspace, home: Path) -> None:
    uuids = _fill(ws, 5)
    ws.close()
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_CHILD, str(home), PASSWORD, uuids[0]],
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == StorageFullError.__name__, result.stdout + result.stderr
    assert "disk is full" in lines[1] and "y" * 20 not in result.stdout
    assert lines[2] == StorageFullError.__name__, result.stdout + result.stderr
    with Workspace.open(home, PASSWORD) as again:
        assert integrity_problems(again.db) == []
        first = iv.get_interview(again, uuids[0])
        assert first.answers == {"notes": "x" * 500}
        assert first.revision == 2
        assert len(iv.list_interviews(again)) == 5
        assert [s["id"] for s in again.key_slots()] == ["password"]
    assert not [p for p in home.iterdir() if p.name.endswith(".tmp")]


INIT_CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from fieldsurvey.errors import FieldSurveyError
    from fieldsurvey.keywrap import KdfParams
    from fieldsurvey.store.workspace import Workspace

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
    try:
        Workspace.create(Path(sys.argv[1]), "correct horse battery", kdf=KdfParams.cheap())
    except FieldSurveyError as exc:
        print(type(exc).__name__)
    """
)


def test_full_disk_during_init_leaves_no_half_workspace(tmp_path: Path) -> None:
    home = tmp_path / "new"
    result = subprocess.run(
        [sys.executable, "-c", INIT_CHILD, str(home)], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == StorageFullError.__name__, result.stderr
    assert not Workspace.exists(home)
    assert list(home.iterdir()) == []


def test_busy_workspace_is_a_clear_error(
    ws: Workspace, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fieldsurvey.store.database.BUSY_TIMEOUT", 0.2)
    with Workspace.open(home, PASSWORD) as other, ws.transaction():
        ws.set_setting("held", True)  # ws holds the write lock
        with pytest.raises(WorkspaceError, match="busy"):
            other.set_setting("x", 1)
    assert ws.get_setting("held") is True


def test_workspace_folder_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(WorkspaceError, match="Cannot create the workspace folder"):
        Workspace.create(target, PASSWORD)
    with pytest.raises(WorkspaceError, match="No FieldSurvey workspace"):
        Workspace.open(target, PASSWORD)
