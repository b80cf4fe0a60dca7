"""Fixtures for core tests: real SQLCipher workspaces in temporary folders, cheap KDF."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import Workspace

PASSWORD = "correct horse battery"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def ws(home: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(home, PASSWORD, kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


def digest(path: Path) -> str:
    """sha256 of a file's bytes (to prove it was not changed)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_digest(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}
