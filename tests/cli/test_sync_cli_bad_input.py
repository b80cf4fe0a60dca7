"""The sync commands given garbage: each file argument (bundle, package, receipt, identity,
workspace folder, output file) and a bad option value ends in ONE plain line that says what
is wrong, with exit code 1 (2 for a usage error), never a traceback or "unexpected error".
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sync_helpers import (
    LAPTOP_PASSWORD,
    PASSPHRASE,
    PASSWORD,
    CampaignFolders,
    campaign_on_disk,
    encrypted_payload,
    forge,
    wire,
)

from fieldsurvey.cli import cli
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format
from fieldsurvey.sync.campaign import device_config_of

Campaign = CampaignFolders


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> CampaignFolders:
    """A coordinator, one laptop set up from its package, and one real bundle."""
    return campaign_on_disk(tmp_path_factory.mktemp("campaign"))


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("interviews.json", "{}")
    return buffer.getvalue()


GARBAGE = {
    "empty": b"",
    "random": bytes(range(256)) * 4,
    "text": "xin chào\n".encode(),
    "zip": _zip(),
    "json": json.dumps({"kind": "bundle"}).encode(),
}


def run(home: Path | None, *args: object, lang: str = "en", password: str = PASSWORD) -> Result:
    env = {
        "FIELDSURVEY_LANG": lang,
        "FIELDSURVEY_PASSWORD": password,
        "FIELDSURVEY_PACKAGE_PASSPHRASE": PASSPHRASE,
        "FIELDSURVEY_NEW_PASSWORD": "a new laptop password",
    }
    argv = ([] if home is None else ["--home", str(home)]) + [str(a) for a in args]
    return CliRunner().invoke(cli, argv, env=env)


def one_line(result: Result, *expected: str, code: int = 1) -> str:
    """The single line the command printed; fails on a traceback or a crash."""
    output = result.output
    lines = [line for line in output.splitlines() if line.strip()]
    assert result.exit_code == code, output
    assert not isinstance(result.exception, AssertionError)
    assert "Traceback" not in output and "Unexpected error" not in output, output
    assert len(lines) == 1, output
    for part in expected:
        assert part in lines[0], output
    return lines[0]


def garbage_file(tmp_path: Path, kind: str, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(GARBAGE[kind])
    return path


# --- the recovery identity (the bug of issue 11: a KeyFormatError traceback) ---------------
@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_reset_password_with_a_garbage_identity(
    campaign: Campaign, tmp_path: Path, kind: str
) -> None:
    identity = garbage_file(tmp_path, kind, "bad.txt")
    args = ("recovery", "reset-password", campaign.laptop, "--identity", identity)
    one_line(run(campaign.coord, *args), "Error:", "bad.txt", "not usable")


def test_reset_password_message_in_vietnamese(campaign: Campaign, tmp_path: Path) -> None:
    identity = garbage_file(tmp_path, "text", "bad.txt")
    args = ("recovery", "reset-password", campaign.laptop, "--identity", identity)
    line = one_line(run(campaign.coord, *args, lang="vi"), "Lỗi:", "bad.txt")
    assert line == "Lỗi: Không dùng được tệp khoá bad.txt: không phải khoá bí mật age " + (
        "(AGE-SECRET-KEY-1...)."
    )


def test_reset_password_of_a_folder_that_is_not_a_workspace(
    campaign: Campaign, tmp_path: Path
) -> None:
    args = ("recovery", "reset-password", tmp_path, "--identity", campaign.recovery)
    one_line(run(campaign.coord, *args), "No FieldSurvey workspace")
    (tmp_path / "workspace.json").write_bytes(GARBAGE["random"])
    one_line(run(campaign.coord, *args), "workspace.json", "damaged")


# --- bundles, packages and receipts ----------------------------------------------------------
@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_garbage_bundle(campaign: Campaign, tmp_path: Path, kind: str) -> None:
    bundle = garbage_file(tmp_path, kind, "bad.fsb")
    one_line(run(None, "bundle", "inspect", bundle), "Error:", "FieldSurvey")
    args = ("bundle", "decrypt", bundle, "--identity", campaign.recovery, "--out", tmp_path / "o")
    one_line(run(None, *args), "Error:")
    one_line(run(campaign.coord, "bundle", "import", bundle), "bad.fsb", "REJECTED (size)")


@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_decrypt_with_a_garbage_identity(campaign: Campaign, tmp_path: Path, kind: str) -> None:
    identity = garbage_file(tmp_path, kind, "id.txt")
    args = ("bundle", "decrypt", campaign.bundle, "--identity", identity, "--out", tmp_path / "o")
    one_line(run(None, *args), "id.txt", "not usable")
    assert not (tmp_path / "o").exists()


def test_decrypt_into_a_folder_that_cannot_be_made(campaign: Campaign, tmp_path: Path) -> None:
    blocker = garbage_file(tmp_path, "text", "blocker")
    args = ("bundle", "decrypt", campaign.bundle, "--identity", campaign.recovery)
    one_line(run(None, *args, "--out", blocker / "sub"), "Cannot write")


@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_garbage_device_package(campaign: Campaign, tmp_path: Path, kind: str) -> None:
    package = garbage_file(tmp_path, kind, "bad.pkg")
    one_line(run(tmp_path / "new", "device", "setup", package), "Error:", "device package")
    assert not (tmp_path / "new" / "workspace.json").exists()


@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_garbage_receipt(campaign: Campaign, tmp_path: Path, kind: str) -> None:
    receipt = garbage_file(tmp_path, kind, "bad.receipt")
    result = run(campaign.laptop, "receipt", "import", receipt, password=LAPTOP_PASSWORD)
    one_line(result, "Error:")


@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_garbage_form_to_publish(campaign: Campaign, tmp_path: Path, kind: str) -> None:
    form = garbage_file(tmp_path, kind, "form.xlsx")
    one_line(run(campaign.coord, "form", "add", form), "Error:")


# --- output files that are in the way --------------------------------------------------------
Args = Callable[[Campaign, Path], tuple[Path | None, tuple[object, ...]]]
OUTPUTS: dict[str, Args] = {
    "recovery key exists": lambda c, t: (
        t / "new-coord",
        ("coordinator", "init", "--campaign", "X", "--recovery-key-out", c.recovery),
    ),
    "package exists": lambda c, t: (c.coord, ("device", "add", "laptop-z", "--out", c.package)),
    "package folder missing": lambda c, t: (
        c.coord,
        ("device", "add", "laptop-y", "--out", t / "missing" / "y.pkg"),
    ),
}


@pytest.mark.parametrize("case", sorted(OUTPUTS))
def test_output_file_in_the_way(campaign: Campaign, tmp_path: Path, case: str) -> None:
    home, args = OUTPUTS[case](campaign, tmp_path)
    one_line(run(home, *args), "Error:")


# --- bad options -------------------------------------------------------------------------------
def test_bad_field_choice(campaign: Campaign) -> None:
    args = ("conflicts", "resolve", "some-uuid", "--field", "respondent/resp_age")
    one_line(run(campaign.coord, *args), "--field PATH=laptop", "'respondent/resp_age'")


def test_bad_choice_is_a_usage_error(campaign: Campaign) -> None:
    args = ("conflicts", "resolve", "some-uuid", "--take", "sideways")
    one_line(run(campaign.coord, *args), "Error:", "sideways", code=2)


# --- the chosen language -----------------------------------------------------------------------
def test_errors_and_reports_in_the_chosen_language(campaign: Campaign, tmp_path: Path) -> None:
    empty = garbage_file(tmp_path, "empty", "empty.pkg")
    line = one_line(run(tmp_path / "new", "device", "setup", empty, lang="vi"))
    assert line == "Lỗi: Tệp này không phải gói cài đặt (tệp rỗng hoặc quá lớn)."
    line = one_line(run(tmp_path / "new", "device", "setup", empty, lang="en"))
    assert line == "Error: This file is not a device package (empty or far too large)."
    listed = run(campaign.coord, "device", "list", lang="vi")
    assert listed.exit_code == 0
    laptop_a = listed.output.splitlines()[0]  # laptop-a, the one in use
    assert laptop_a.startswith("laptop-a\t") and "\tthêm ngày " in laptop_a
    assert laptop_a.endswith("\tđang dùng")
    listed = run(campaign.coord, "device", "list", lang="en")
    assert listed.output.splitlines()[0].endswith("\tactive")


def test_equivocating_bundle_is_refused_and_alerts_in_the_chosen_language(
    campaign: Campaign, tmp_path: Path
) -> None:
    coord = tmp_path / "coord"
    shutil.copytree(campaign.coord, coord)
    with Workspace.open(campaign.laptop, LAPTOP_PASSWORD) as laptop:
        config = device_config_of(laptop)
    container = bundle_format.split(campaign.bundle.read_bytes(), bundle_format.BUNDLE_MAGIC)
    sequence = bundle_format.BundleHeader.model_validate_json(container.header_bytes).sequence
    other = "22222222-2222-4333-8444-555555555555"
    payload = encrypted_payload(
        config, [wire(config, other, 1, {})], sequence=sequence, bundle=other
    )
    clone = tmp_path / "clone.fsb"
    clone.write_bytes(forge(config, payload=payload, sequence=sequence, bundle=other))
    assert run(coord, "bundle", "import", campaign.bundle).exit_code == 0
    one_line(run(coord, "bundle", "import", clone), "REJECTED (replay)", "EQUIVOCATION")
    listed = run(coord, "conflicts", "list", lang="vi")
    alert = f"MÂU THUẪN: máy 'laptop-a' đã gửi hai gói dữ liệu khác nhau cùng mang số {sequence}"
    assert listed.output.startswith("CẢNH BÁO ") and alert in listed.output, listed.output
