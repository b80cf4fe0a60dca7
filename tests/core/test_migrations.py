"""Named migrations: fresh == upgraded, and a newer database is refused untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from fieldsurvey import migrations
from fieldsurvey.errors import MigrationError
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.workspace import WORKSPACE_FILE, Workspace

from .conftest import PASSWORD, folder_digest


def schema(db: Database) -> list[tuple[str, str, str]]:
    rows = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
    return [(r[0], r[1], r[2] or "") for r in rows]


def test_fresh_database_equals_one_upgraded_step_by_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = Workspace.create(tmp_path / "fresh", PASSWORD, kdf=KdfParams.cheap())
    first_only = migrations.MIGRATIONS[:1]
    monkeypatch.setattr(
        "fieldsurvey.workspace.apply_migrations",
        lambda db: migrations.apply_migrations(db, first_only),
    )
    monkeypatch.setattr("fieldsurvey.workspace.check_not_newer", lambda db: None)
    old = Workspace.create(tmp_path / "old", PASSWORD, kdf=KdfParams.cheap())
    assert migrations.applied_migrations(old.db) == ["0001_initial"]
    assert "audit_log" not in old.db.table_names()
    old.close()
    monkeypatch.undo()
    with Workspace.open(tmp_path / "old", PASSWORD) as upgraded:
        assert migrations.applied_migrations(upgraded.db) == [n for n, _ in migrations.MIGRATIONS]
        assert schema(upgraded.db) == schema(fresh.db)
    fresh.close()


def test_migrations_have_unique_names_in_order() -> None:
    names = [name for name, _ in migrations.MIGRATIONS]
    assert len(names) == len(set(names))
    assert names == sorted(names)


def test_database_from_a_newer_version_is_refused_and_left_alone(ws: Workspace, home: Path) -> None:
    with ws.transaction():
        ws.db.execute("INSERT INTO _migrations (name, applied) VALUES ('0099_future', 'x')")
    ws.close()
    before = folder_digest(home)
    with pytest.raises(MigrationError, match="newer version"):
        Workspace.open(home, PASSWORD)
    assert folder_digest(home) == before


def test_workspace_format_from_a_newer_version_is_refused(ws: Workspace, home: Path) -> None:
    ws.close()
    meta = json.loads((home / WORKSPACE_FILE).read_text())
    meta["format"] = 99
    (home / WORKSPACE_FILE).write_text(json.dumps(meta))
    before = folder_digest(home)
    with pytest.raises(MigrationError, match="format 99"):
        Workspace.open(home, PASSWORD)
    assert folder_digest(home) == before


def test_failed_migration_leaves_no_trace(ws: Workspace) -> None:
    def broken(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("bug in migration")

    with pytest.raises(RuntimeError):
        migrations.apply_migrations(ws.db, [*migrations.MIGRATIONS, ("0100_broken", broken)])
    assert "half_done" not in ws.db.table_names()
    assert "0100_broken" not in migrations.applied_migrations(ws.db)
