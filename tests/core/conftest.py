"""Fixtures for core tests: real SQLCipher workspaces in temporary folders, cheap KDF.

The store only keeps interviews of installed forms: a test that creates interviews asks
for the ``form`` fixture (or calls :func:`install_tiny_form`), which installs a small
markdown-table questionnaire, ``FORM_ID`` version ``FORM_VERSION``.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.forms import save_form
from fieldsurvey.store.workspace import Workspace

PASSWORD = "correct horse battery"
FORM_ID = "f"
FORM_VERSION = "1"
TINY_FORM = """
| survey |
| | type | name | label |
| | text | q1 | First question |
| | text | q2 | Second question |
| | begin group | respondent | Respondent |
| | integer | resp_age | Age |
| | end group | | |
| settings |
| | form_id | version |
| | {form_id} | {version} |
"""


@functools.cache
def tiny_form(form_id: str = FORM_ID, version: str = FORM_VERSION) -> FormSpec:
    """The small questionnaire, loaded once per test session (pyxform takes a moment)."""
    text = TINY_FORM.format(form_id=form_id, version=version)
    return load_form_bytes(text.encode("utf-8"), f"{form_id}.md", use_cache=False)


def install_tiny_form(ws: Workspace, form_id: str = FORM_ID, version: str = FORM_VERSION) -> None:
    """Install the small questionnaire in ``ws``, as the form loader installs any form."""
    spec = tiny_form(form_id, version)
    save_form(ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def ws(home: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(home, PASSWORD, kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


@pytest.fixture
def form(ws: Workspace) -> tuple[str, str]:
    """``ws`` with the small questionnaire installed: (form id, version)."""
    install_tiny_form(ws)
    return FORM_ID, FORM_VERSION


def digest(path: Path) -> str:
    """sha256 of a file's bytes (to prove it was not changed)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_digest(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}
