"""The workspace's files are readable by their owner only (0600), whatever the umask."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.logging_setup import close_logging, log_event, log_path, setup_logging
from fieldsurvey.store.workspace import DB_FILE, WORKSPACE_FILE, Workspace

from .conftest import PASSWORD

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would make new files readable by everyone (0644)."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.usefixtures("open_umask")
def test_database_wal_shm_and_workspace_json_are_owner_only(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        ws.set_setting("x", 1)
        names = [DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", WORKSPACE_FILE]
        assert {name: _mode(home / name) for name in names} == dict.fromkeys(names, 0o600)
    assert _mode(home) == 0o700


@pytest.mark.usefixtures("open_umask")
def test_the_log_file_is_owner_only(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    home.mkdir()
    setup_logging(home)
    try:
        log_event(logging.getLogger("fieldsurvey.test"), "test.event", n=1)
    finally:
        close_logging()
    assert _mode(log_path(home)) == 0o600
    assert _mode(log_path(home).parent) == 0o700


@pytest.mark.usefixtures("open_umask")
def test_a_log_left_readable_by_an_older_version_is_made_owner_only(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    path.parent.mkdir()
    path.write_text("old line\n", encoding="utf-8")
    path.chmod(0o644)
    setup_logging(tmp_path)
    try:
        log_event(logging.getLogger("fieldsurvey.test"), "test.event", n=2)
    finally:
        close_logging()
    assert _mode(path) == 0o600
    assert path.read_text(encoding="utf-8").startswith("old line\n")
