"""``fieldsurvey quarantine list|drop|return|recheck`` and the import summary's count:
one line per record or error, in English and Vietnamese, never a traceback."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sync_helpers import (
    EMPTY_HEAD,
    KDF,
    LAPTOP_PASSWORD,
    PASSPHRASE,
    PASSWORD,
    bound_wire,
    encrypted_payload,
    forge,
)

from fieldsurvey.cli import cli
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.store import forms as forms_store
from fieldsurvey.sync.campaign import DeviceConfig, device_config_of, init_campaign
from fieldsurvey.sync.enrolment import issue_device, read_package, setup_device

FORM_MD = """
| survey |
|        | type    | name    | label   | required | constraint         |
|        | text    | hh_name | Name    | yes      |                    |
|        | integer | members | Members | yes      | . >= 1 and . <= 50 |
| settings |
|          | form_id | version |
|          | hh_q    | {version} |
"""
GOOD = {"hh_name": "Nguyễn Văn A", "members": 4}


@dataclass
class Campaign:
    coord: Path
    bundle: Path
    form_v8: Path
    uuids: dict[str, str]


def record(config: DeviceConfig, answers: Any, version: str = "7") -> dict[str, Any]:
    return bound_wire(config, answers, form_id="hh_q", form_version=version)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Campaign]:
    """A coordinator with form hh_q 7, and a bundle of its laptop: a good record, one
    that fails a constraint, one of version 8 (not installed)."""
    root = tmp_path_factory.mktemp("campaign")
    v7 = load_form(markdown_to_xlsx(FORM_MD.format(version=7), root / "v7.xlsx"))
    v8 = markdown_to_xlsx(FORM_MD.format(version=8), root / "v8.xlsx")
    # (packages are sealed cheaply for the whole session: tests/conftest.py)
    coord, _ = init_campaign(
        root / "coord", PASSWORD, name="Hoàn Kiếm 2026",
        recovery_key_out=root / "recovery.txt", wards=["phuc_tan"], kdf=KDF,
    )  # fmt: skip
    forms_store.save_form(coord, v7.form_id, v7.version, v7.model_dump_json(), v7.source_hash)
    data, _ = issue_device(coord, "laptop-a", PASSPHRASE)
    coord.close()
    (root / "a.pkg").write_bytes(data)
    package = read_package(root / "a.pkg", PASSPHRASE)
    laptop = setup_device(root / "lap", package, LAPTOP_PASSWORD, kdf=KDF)
    config = device_config_of(laptop)
    laptop.close()
    records = {
        "good": record(config, GOOD),
        "bad": record(config, {**GOOD, "members": 99}),
        "waits": record(config, GOOD, version="8"),
    }
    payload = encrypted_payload(config, list(records.values()))
    bundle = root / "a-1.fsb"
    bundle.write_bytes(forge(config, payload=payload, **EMPTY_HEAD))
    yield Campaign(root / "coord", bundle, v8, {k: r["uuid"] for k, r in records.items()})


@pytest.fixture
def campaign(template: Campaign, tmp_path: Path) -> Campaign:
    shutil.copytree(template.coord, tmp_path / "coord")
    return Campaign(tmp_path / "coord", template.bundle, template.form_v8, template.uuids)


def run(home: Path, *args: object, lang: str = "en") -> Result:
    env = {"FIELDSURVEY_LANG": lang, "FIELDSURVEY_PASSWORD": PASSWORD}
    return CliRunner().invoke(cli, ["--home", str(home), *map(str, args)], env=env)


def lines(result: Result) -> list[str]:
    assert "Traceback" not in result.output and "Unexpected error" not in result.output
    return [line for line in result.output.splitlines() if line.strip()]


def test_import_says_how_many_and_list_says_why(campaign: Campaign) -> None:
    imported = run(campaign.coord, "bundle", "import", campaign.bundle)
    assert imported.exit_code == 0, imported.output
    assert "1 new" in imported.output
    assert "quarantined: 2 interviews failed their form's checks" in imported.output

    listed = lines(run(campaign.coord, "quarantine", "list"))
    assert len(listed) == 2
    by_uuid = {line.split()[0]: line for line in listed}
    bad = by_uuid[campaign.uuids["bad"]]
    assert "laptop-a" in bad and "hh_q (7)" in bad
    assert "waiting: answers that break the form's constraints (1): members" in bad
    waits = by_uuid[campaign.uuids["waits"]]
    assert "form hh_q version 8 is not installed" in waits

    vi = lines(run(campaign.coord, "quarantine", "list", lang="vi"))
    assert any("bảng hỏi hh_q phiên bản 8 chưa được cài" in line for line in vi)
    assert any("đang chờ" in line for line in vi)

    as_json = json.loads(run(campaign.coord, "quarantine", "list", "--json").output)
    assert {r["uuid"]: r["code"] for r in as_json} == {
        campaign.uuids["bad"]: "sync.quarantine.fails_checks",
        campaign.uuids["waits"]: "sync.quarantine.form_not_installed",
    }


def test_return_and_drop(campaign: Campaign) -> None:
    run(campaign.coord, "bundle", "import", campaign.bundle)
    bad, waits = campaign.uuids["bad"], campaign.uuids["waits"]
    returned = run(campaign.coord, "quarantine", "return", bad[:8], "--comment", "Sai số người")
    assert returned.exit_code == 0
    assert lines(returned) == [f"Interview {bad} goes back to its laptop with the next receipt."]
    listed = lines(run(campaign.coord, "quarantine", "list"))
    assert any(line.startswith(bad) and "returned" in line for line in listed)

    assert lines(run(campaign.coord, "quarantine", "drop", waits)) == [
        f"Dropped interview {waits} from the quarantine."
    ]
    assert [line.split()[0] for line in lines(run(campaign.coord, "quarantine", "list"))] == [bad]


@pytest.mark.parametrize(
    ("args", "english", "vietnamese"),
    [
        (("drop", "ffffffff-0000"), "No quarantined interview ffffffff-0000.", "Không có phiếu"),
        (("return", "x" * 8, "--comment", " "), "A comment of 1 to 2000", "Cần một nhận xét"),
    ],
)
def test_errors_are_one_line(
    campaign: Campaign, args: tuple[str, ...], english: str, vietnamese: str
) -> None:
    run(campaign.coord, "bundle", "import", campaign.bundle)
    result = run(campaign.coord, "quarantine", *args)
    assert result.exit_code == 1
    (line,) = lines(result)
    assert line.startswith("Error: ") and english in line
    (line,) = lines(run(campaign.coord, "quarantine", *args, lang="vi"))
    assert line.startswith("Lỗi: ") and vietnamese in line


def test_installing_the_form_version_merges_what_waited(campaign: Campaign) -> None:
    run(campaign.coord, "bundle", "import", campaign.bundle)
    assert lines(run(campaign.coord, "quarantine", "recheck")) == [
        "Merged 0 interviews from the quarantine; 1 still wait."
    ]
    installed = run(campaign.coord, "form", "install", campaign.form_v8)
    assert installed.exit_code == 0
    # installing the version merges what waited for it, without a separate recheck
    assert lines(installed)[-1] == "Merged 1 interviews from the quarantine; 0 still wait."
    rechecked = lines(run(campaign.coord, "quarantine", "recheck"))
    assert rechecked == ["Merged 0 interviews from the quarantine; 0 still wait."]
    listed = lines(run(campaign.coord, "quarantine", "list"))
    assert [line.split()[0] for line in listed] == [campaign.uuids["bad"]]
    shown = run(campaign.coord, "interview", "show", campaign.uuids["waits"])
    assert shown.exit_code == 0, shown.output


def test_verify_records_lists_merged_records_that_fail_their_form(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records merged by a version without the content checks stay in the store; `verify
    --records` finds those that fail their form today, and changes nothing."""
    from fieldsurvey.sync import record_checks

    clean = run(campaign.coord, "verify", "--records")
    assert clean.exit_code == 0, clean.output
    assert "Merged records checked against their forms: 0; failing: 0." in clean.output
    monkeypatch.setattr(record_checks.RecordChecks, "check", lambda self, item: None)  # older
    assert run(campaign.coord, "bundle", "import", campaign.bundle).exit_code == 0
    monkeypatch.undo()

    found = run(campaign.coord, "verify", "--records")
    assert found.exit_code == 1
    failing = [line for line in lines(found) if line.startswith("fails its form")]
    assert len(failing) == 2, found.output
    bad = next(line for line in failing if campaign.uuids["bad"] in line)
    assert "from laptop-a" in bad and "constraints (1): members" in bad
    waits = next(line for line in failing if campaign.uuids["waits"] in line)
    assert "form hh_q version 8 is not installed" in waits
    assert "checked against their forms: 3; failing: 2." in found.output
    vi = run(campaign.coord, "verify", "--records", lang="vi")
    assert "không đạt bảng hỏi của nó" in vi.output and "từ máy laptop-a" in vi.output
    as_json = json.loads(run(campaign.coord, "verify", "--records", "--json").output)
    assert as_json["ok"] is False and as_json["records_checked"] == 3
    assert {r["uuid"] for r in as_json["records"]} == {
        campaign.uuids["bad"],
        campaign.uuids["waits"],
    }
    assert run(campaign.coord, "verify").exit_code == 0, "without --records: as before"
