"""Creating, unlocking and re-keying workspaces on real SQLCipher files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fieldsurvey.errors import WorkspaceError, WorkspaceExistsError, WrongPasswordError
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import DB_FILE, WORKSPACE_FILE, Workspace

from .conftest import PASSWORD, digest, folder_digest


def test_create_then_open_with_password(home: Path) -> None:
    with Workspace.create(home, PASSWORD, role="coordinator", kdf=KdfParams.cheap()) as ws:
        ws.set_setting("enumerator", {"name": "Lan", "wards": ["Phúc Xá"]})
    with Workspace.open(home, PASSWORD) as ws:
        assert ws.role == "coordinator"
        assert ws.get_setting("enumerator") == {"name": "Lan", "wards": ["Phúc Xá"]}
        assert ws.get_setting("missing", 7) == 7
        assert ws.db.journal_mode == "wal"
    assert sorted(p.name for p in home.iterdir()) == [DB_FILE, WORKSPACE_FILE]


def test_database_is_encrypted_and_not_readable_by_plain_sqlite(ws: Workspace, home: Path) -> None:
    ws.close()
    header = (home / DB_FILE).read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(home / DB_FILE).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_password_is_refused_and_changes_nothing(ws: Workspace, home: Path) -> None:
    ws.close()
    before = folder_digest(home)
    with pytest.raises(WrongPasswordError, match="Wrong password"):
        Workspace.open(home, "not the password")
    assert folder_digest(home) == before


def test_kdf_parameters_are_stored_in_the_slot(home: Path) -> None:
    params = KdfParams(iterations=2, memory_kib=256, lanes=2)
    Workspace.create(home, PASSWORD, kdf=params).close()
    slot = json.loads((home / WORKSPACE_FILE).read_text())["key_slots"][0]
    assert slot["kdf"]["iterations"] == 2 and slot["kdf"]["memory_kib"] == 256
    assert PASSWORD not in (home / WORKSPACE_FILE).read_text()
    Workspace.open(home, PASSWORD).close()


def test_change_password_rewraps_without_touching_the_database(ws: Workspace, home: Path) -> None:
    ws.set_setting("x", 1)
    ws.close()
    db_before = digest(home / DB_FILE)
    with Workspace.open(home, PASSWORD) as ws2:
        ws2.change_password(PASSWORD, "new secret")
    assert digest(home / DB_FILE) == db_before
    with pytest.raises(WrongPasswordError):
        Workspace.open(home, PASSWORD)
    with Workspace.open(home, "new secret") as ws3:
        assert ws3.get_setting("x") == 1
    assert not [p for p in home.iterdir() if p.name.endswith(".tmp")]


def test_change_password_with_wrong_old_password_changes_nothing(ws: Workspace, home: Path) -> None:
    before = digest(home / WORKSPACE_FILE)
    with pytest.raises(WrongPasswordError):
        ws.change_password("wrong", "new secret")
    assert digest(home / WORKSPACE_FILE) == before


def test_open_with_key_and_set_password(ws: Workspace, home: Path) -> None:
    key = ws.database_key
    assert len(key) == 32
    ws.close()
    with pytest.raises(WrongPasswordError):
        Workspace.open_with_key(home, bytes(32))
    with Workspace.open_with_key(home, key) as ws2:
        ws2.set_password("after recovery")
    Workspace.open(home, "after recovery").close()


def test_unknown_slot_types_are_preserved(ws: Workspace, home: Path) -> None:
    recovery = {"type": "age-recovery", "id": "recovery", "recipient": "age1xyz", "blob": "..."}
    ws.add_key_slot(recovery)
    ws.change_password(PASSWORD, "second password")
    ws.close()
    with Workspace.open(home, "second password") as ws2:
        slots = ws2.key_slots()
    assert recovery in slots
    assert {s["id"] for s in slots} == {"password", "recovery"}


def test_slot_moved_to_another_workspace_does_not_open(tmp_path: Path) -> None:
    a = Workspace.create(tmp_path / "a", PASSWORD, kdf=KdfParams.cheap())
    b = Workspace.create(tmp_path / "b", PASSWORD, kdf=KdfParams.cheap())
    a.close()
    b.close()
    meta_a = json.loads((tmp_path / "a" / WORKSPACE_FILE).read_text())
    meta_b = json.loads((tmp_path / "b" / WORKSPACE_FILE).read_text())
    meta_b["key_slots"] = meta_a["key_slots"]
    (tmp_path / "b" / WORKSPACE_FILE).write_text(json.dumps(meta_b))
    with pytest.raises(WrongPasswordError):
        Workspace.open(tmp_path / "b", PASSWORD)


def test_role_edited_in_workspace_json_is_detected(ws: Workspace, home: Path) -> None:
    ws.close()
    meta = json.loads((home / WORKSPACE_FILE).read_text())
    meta["role"] = "coordinator"
    (home / WORKSPACE_FILE).write_text(json.dumps(meta))
    with pytest.raises(WorkspaceError, match="edited"):
        Workspace.open(home, PASSWORD)


def test_create_refuses_existing_workspace(ws: Workspace, home: Path) -> None:
    with pytest.raises(WorkspaceExistsError):
        Workspace.create(home, PASSWORD, kdf=KdfParams.cheap())
    with pytest.raises(WorkspaceError, match="empty"):
        Workspace.create(home.parent / "other", "", kdf=KdfParams.cheap())


def test_missing_workspace_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="fieldsurvey init"):
        Workspace.open(tmp_path / "nowhere", PASSWORD)


def test_transaction_rolls_back_on_error(ws: Workspace) -> None:
    ws.set_setting("count", 1)
    with pytest.raises(RuntimeError), ws.transaction():
        ws.set_setting("count", 2)  # nested: a savepoint of the outer transaction
        raise RuntimeError("boom")
    assert ws.get_setting("count") == 1
    with ws.transaction():
        ws.set_setting("count", 3)
        ws.set_setting("other", "x")
    assert (ws.get_setting("count"), ws.get_setting("other")) == (3, "x")


def test_connection_settings(ws: Workspace) -> None:
    def pragma(name: str) -> object:
        return ws.db.execute(f"PRAGMA {name}").fetchone()[0]

    assert str(pragma("cipher_memory_security")) == "1"
    assert pragma("temp_store") == 2  # MEMORY
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1


def test_tampered_kdf_cost_in_the_password_slot_is_one_clear_error(
    ws: Workspace, home: Path
) -> None:
    """A slot whose Argon2 memory is below what its lanes need used to end in a
    traceback from the KDF; now it is the workspace's own error, in both languages."""
    ws.close()
    meta_path = home / WORKSPACE_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    slot = next(s for s in meta["key_slots"] if s["id"] == "password")
    slot["kdf"].update(lanes=64, memory_kib=8)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    before = folder_digest(home)
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(home, PASSWORD)
    assert caught.value.code == "core.password_slot_bad_kdf"
    assert caught.value.text("vi") != caught.value.text("en")
    assert folder_digest(home) == before
