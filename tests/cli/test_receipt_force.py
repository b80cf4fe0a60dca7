"""``receipt export`` for a revoked laptop needs ``--force`` and says why in one line; a
file that is not a regular file (a FIFO) given to ``bundle import`` or ``receipt import``
is refused in one line instead of hanging the command, and the other files go on.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sync_helpers import (
    LAPTOP_PASSWORD,
    PASSWORD,
    CampaignFolders,
    campaign_on_disk,
)

from fieldsurvey.cli import cli

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs on Windows")


@dataclass
class Campaign:
    coord: Path
    laptop: Path
    bundle: Path


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> CampaignFolders:
    """A coordinator, one laptop set up from its package, and one real bundle of it."""
    return campaign_on_disk(tmp_path_factory.mktemp("campaign"))


@pytest.fixture
def campaign(template: CampaignFolders, tmp_path: Path) -> Campaign:
    """Fresh copies of the workspaces, for a test that changes them."""
    shutil.copytree(template.coord, tmp_path / "coord")
    shutil.copytree(template.laptop, tmp_path / "lap")
    return Campaign(tmp_path / "coord", tmp_path / "lap", template.bundle)


def run(home: Path, *args: object, lang: str = "en", password: str = PASSWORD) -> Result:
    env = {"FIELDSURVEY_LANG": lang, "FIELDSURVEY_PASSWORD": password}
    return CliRunner().invoke(cli, ["--home", str(home), *map(str, args)], env=env)


def lines(result: Result) -> list[str]:
    assert "Traceback" not in result.output and "Unexpected error" not in result.output
    return [line for line in result.output.splitlines() if line.strip()]


def test_a_receipt_for_a_revoked_laptop_needs_force(campaign: Campaign, tmp_path: Path) -> None:
    assert run(campaign.coord, "bundle", "import", campaign.bundle).exit_code == 0
    assert run(campaign.coord, "device", "revoke", "laptop-a").exit_code == 0
    out = tmp_path / "receipt.fsr"

    refused = run(campaign.coord, "receipt", "export", "--device", "laptop-a", "--out", out)
    assert refused.exit_code == 1
    (line,) = lines(refused)
    assert line.startswith("Error: Laptop 'laptop-a' was revoked on ")
    assert line.endswith(": add --force to write a receipt for it anyway.")
    assert not out.exists()
    args = ("receipt", "export", "--device", "laptop-a", "--out", out)
    (line,) = lines(run(campaign.coord, *args, lang="vi"))
    assert line.startswith("Lỗi: Máy 'laptop-a' đã bị thu hồi ngày ")
    assert "--force" in line
    assert not out.exists()

    forced = run(campaign.coord, *args, "--force")
    assert forced.exit_code == 0, forced.output
    assert lines(forced) == [
        f"Receipt for 'laptop-a' written to {out}: 1 acknowledged, 0 returned for correction."
    ]
    assert out.exists()
    applied = run(campaign.laptop, "receipt", "import", out, password=LAPTOP_PASSWORD)
    assert applied.exit_code == 0, applied.output


def test_force_is_not_needed_for_an_active_laptop(campaign: Campaign, tmp_path: Path) -> None:
    out = tmp_path / "receipt.fsr"
    result = run(campaign.coord, "receipt", "export", "--device", "laptop-a", "--out", out)
    assert result.exit_code == 0, result.output
    assert out.exists()


def _in_time(fifo: Path, call: Callable[[], Result]) -> Result:
    """``call()``; if it hangs reading ``fifo`` for 20 s, unblock it and fail."""
    hung: list[bool] = []

    def unblock() -> None:
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            hung.append(True)
        except OSError:  # nobody is reading it: nothing hangs
            pass

    timer = threading.Timer(20, unblock)
    timer.start()
    try:
        result = call()
    finally:
        timer.cancel()
    assert not hung, f"the command hung reading {fifo.name}"
    return result


@POSIX_ONLY
def test_bundle_import_refuses_a_fifo_and_imports_the_other_file(
    campaign: Campaign, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.fsb"
    os.mkfifo(fifo)
    result = _in_time(fifo, lambda: run(campaign.coord, "bundle", "import", fifo, campaign.bundle))
    assert result.exit_code == 1
    first, second, *_ = lines(result)
    assert first == (
        f"{fifo}: REJECTED (size): pipe.fsb is not a regular file (a folder, a device or a pipe)"
    )
    assert second.startswith(f"{campaign.bundle}: accepted")


@POSIX_ONLY
def test_receipt_import_refuses_a_fifo(campaign: Campaign, tmp_path: Path) -> None:
    fifo = tmp_path / "receipt.fsr"
    os.mkfifo(fifo)
    result = _in_time(
        fifo,
        lambda: run(campaign.laptop, "receipt", "import", fifo, password=LAPTOP_PASSWORD),
    )
    assert result.exit_code == 1
    assert lines(result) == [
        "Error: receipt.fsr is not a regular file (a folder, a device or a pipe)"
    ]
