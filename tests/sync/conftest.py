"""A coordinator and two laptops, built once per session and copied for each test.

Device packages are sealed at a cheap scrypt cost in these tests
(:func:`sync_helpers.cheap_passphrase_encrypt`): age calibrates the cost to about a
second per encryption and per decryption, and pyrage cannot lower it. The template is
still built once; every test gets fresh copies of the workspace folders and may change
them freely.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sync_helpers import (
    FORM,
    KDF,
    LAPTOP_PASSWORD,
    PASSPHRASE,
    PASSWORD,
    World,
)

from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import campaign, enrolment


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("world")
    coord, _ = campaign.init_campaign(
        root / "coord",
        PASSWORD,
        name="Hoàn Kiếm 2026",
        recovery_key_out=root / "recovery.txt",
        wards=["phuc_tan", "chuong_duong"],
        kdf=KDF,
    )
    forms_store.save_form(coord, *FORM, '{"form_id": "household"}', "hash-1")
    for name in ("a", "b"):
        data, _ = enrolment.issue_device(coord, f"laptop-{name}", PASSPHRASE)
        (root / f"{name}.pkg").write_bytes(data)
        package = enrolment.read_package(root / f"{name}.pkg", PASSPHRASE)
        enrolment.setup_device(root / f"lap_{name}", package, LAPTOP_PASSWORD, kdf=KDF).close()
    coord.close()
    return root


@pytest.fixture
def world(world_template: Path, tmp_path: Path) -> Iterator[World]:
    root = tmp_path / "world"
    shutil.copytree(world_template, root)
    coord = Workspace.open(root / "coord", PASSWORD)
    opened = World(
        root=root,
        coord=coord,
        lap_a=Workspace.open(root / "lap_a", LAPTOP_PASSWORD),
        lap_b=Workspace.open(root / "lap_b", LAPTOP_PASSWORD),
        keys=campaign.campaign_of(coord),
        recovery_file=root / "recovery.txt",
    )
    yield opened
    for ws in (opened.coord, opened.lap_a, opened.lap_b):
        ws.close()
