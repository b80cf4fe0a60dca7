"""Named migrations: fresh == upgraded, and a newer database is refused untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldsurvey.errors import MigrationError
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import migrations
from fieldsurvey.store.database import Database
from fieldsurvey.store.workspace import WORKSPACE_FILE, Workspace

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
        "fieldsurvey.store.workspace.apply_migrations",
        lambda db: migrations.apply_migrations(db, first_only),
    )
    monkeypatch.setattr("fieldsurvey.store.workspace.check_not_newer", lambda db: None)
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


def _upto(name: str) -> list[tuple[str, migrations.Migration]]:
    names = [n for n, _ in migrations.MIGRATIONS]
    return migrations.MIGRATIONS[: names.index(name) + 1]


def _older_workspace(home: Path, monkeypatch: pytest.MonkeyPatch, values: list[str]) -> None:
    """A workspace as 0001-0007 left it, with audit entries hashed the way they did
    (values inside the chain)."""
    import hashlib

    from fieldsurvey.store import audit

    older = _upto("0007_interview_checks")
    with monkeypatch.context() as patch:
        patch.setattr(
            "fieldsurvey.store.workspace.apply_migrations",
            lambda db: migrations.apply_migrations(db, older),
        )
        patch.setattr("fieldsurvey.store.workspace.check_not_newer", lambda db: None)
        with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws, ws.transaction() as db:
            prev = audit.GENESIS
            for seq, value in enumerate(values, start=1):
                row = {"seq": seq, "interview_uuid": "u-1", "who": "lan",
                       "at": "2026-11-01T08:00:00", "action": "set", "field": "q",
                       "old_value": None, "new_value": value, "prev_hash": prev}  # fmt: skip
                text = json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                row["hash"] = prev = hashlib.sha256(text.encode("utf-8")).hexdigest()
                db.execute(
                    f"INSERT INTO audit_log ({', '.join(row)}) "
                    f"VALUES ({', '.join('?' * len(row))})",
                    list(row.values()),
                )


def test_audit_entries_of_an_older_workspace_are_sealed_on_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0008 moves answer values out of the chain (so a purge can erase them): the old
    history keeps its values and verifies, and values can then be erased."""
    from fieldsurvey.store import audit

    _older_workspace(tmp_path / "ws", monkeypatch, ['"Lan"', "34", '"yes"'])
    with Workspace.open(tmp_path / "ws", PASSWORD) as ws:
        assert "0008_audit_erasable_values" in migrations.applied_migrations(ws.db)
        assert audit.verify_chain(ws) == []
        assert [e.new_value for e in audit.entries(ws)] == ["Lan", 34, "yes"]
        with ws.transaction() as db:
            # only the values of an acknowledged interview may be erased (0011's trigger)
            db.execute(
                "INSERT INTO interviews (uuid, form_id, form_version, ward, household_id, "
                "respondent, enumerator, device_id, status, created, updated, revision, "
                "base_revision, answers, comment) "
                "VALUES ('u-1', 'f', '1', 'w', 'h', '', 'e', 'd', 'acknowledged', "
                "'2026-01-01', '2026-01-01', 1, 1, '{}', '')"
            )
            audit.erase_values(db, ["u-1"])
        assert audit.verify_chain(ws) == []
        assert [e.new_value for e in audit.entries(ws)] == [None, None, None]


def test_an_upgrade_does_not_launder_a_tampered_audit_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldsurvey.store import audit

    home = tmp_path / "ws"
    _older_workspace(home, monkeypatch, ['"Lan"', "34", '"yes"'])
    with monkeypatch.context() as patch:  # someone with the key edits entry 2 first
        patch.setattr(
            "fieldsurvey.store.workspace.apply_migrations",
            lambda db: migrations.apply_migrations(db, _upto("0007_interview_checks")),
        )
        with Workspace.open(home, PASSWORD) as old, old.transaction() as db:
            db.execute("DROP TRIGGER audit_log_no_update")
            db.execute("UPDATE audit_log SET new_value = '35' WHERE seq = 2")
            db.execute(  # and puts the guard of 0002 back
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
    with Workspace.open(home, PASSWORD) as ws:
        problems = audit.verify_chain(ws)
    assert [(p.seq, "altered" in p.problem) for p in problems] == [(2, True)]
