"""``fieldsurvey entity list|show|lists|conflicts|resolve|merge|export`` and
``fieldsurvey assignment add|list`` through the real CLI, on a coordinator whose entity
lists were filled as the merge fills them (store.entities.merge_actions: creates and
updates received from a laptop, one of them made from an old version)."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fieldsurvey.cli import cli
from fieldsurvey.forms.entity_model import EntityAction, entity_id_for
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import entities
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import init_campaign
from fieldsurvey.sync.enrolment import issue_device

PASSWORD = "entity cli password"
KDF = KdfParams.cheap()
HOUSEHOLDS = [
    ("PT-001", "Nguyễn Văn An", "0912000001", "no", "none"),
    ("PT-002", "Trần Thị Bình", "0912000002", "yes_valid", "hanoi"),
    ("PT-003", "Lê Văn Đức", "0912000003", "no", "home_province"),
]


@dataclass
class Network:
    home: Path
    device: str
    ids: dict[str, str]  # household id -> entity id


def create(device_id: str, household: tuple[str, str, str, str, str]) -> EntityAction:
    hh, name, phone, temp_reg, hi_card = household
    nonce = uuid.uuid4().hex
    return EntityAction(
        list_name="households",
        entity_id=entity_id_for(device_id, nonce),
        verb="create",
        label=f"{hh} – {name}",
        properties={"household_id": hh, "head_name": name, "phone": phone,
                    "temp_reg": temp_reg, "hi_card": hi_card, "ward": "phuc_tan"},
        nonce=nonce,
    )  # fmt: skip


def update(entity_id: str, base: int, **properties: str) -> EntityAction:
    return EntityAction(
        list_name="households",
        entity_id=entity_id,
        verb="update",
        label=None,
        properties=properties,
        base_version=base,
        trunk_version=base,
        branch_id=str(uuid.uuid4()),
    )


def merge(ws: Workspace, device_id: str, actions: list[EntityAction]) -> str:
    interview = str(uuid.uuid4())
    with ws.transaction() as db:
        entities.merge_actions(
            db, interview_uuid=interview, device_id=device_id, ward="Phúc Tân", actions=actions
        )
    return interview


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Network:
    """A coordinator: three households registered on "Laptop 1", PT-001 updated once
    (temporary residence now registered), then updated again from version 1 by another
    interview: a conflict."""
    root = tmp_path_factory.mktemp("entities")
    ws, _ = init_campaign(
        root / "coord", PASSWORD, name="Hoàn Kiếm 2027", recovery_key_out=root / "r.txt",
        wards=["Phúc Tân"], kdf=KDF,
    )  # fmt: skip
    try:
        _data, device = issue_device(ws, "Laptop 1", "ENTITY-PASS")
        actions = [create(device.device_id, h) for h in HOUSEHOLDS]
        merge(ws, device.device_id, actions)
        ids = {h[0]: a.entity_id for h, a in zip(HOUSEHOLDS, actions, strict=True)}
        merge(ws, device.device_id, [update(ids["PT-001"], 1, temp_reg="yes_valid")])
        merge(ws, device.device_id, [update(ids["PT-001"], 1, temp_reg="expired", phone="0988")])
    finally:
        ws.close()
    return Network(root / "coord", "Laptop 1", ids)


@pytest.fixture
def net(template: Network, tmp_path: Path) -> Iterator[Network]:
    import shutil

    home = tmp_path / "coord"
    shutil.copytree(template.home, home)
    yield Network(home, template.device, dict(template.ids))


def run(net: Network, *args: str, lang: str = "en") -> Result:
    runner = CliRunner()
    return runner.invoke(
        cli,
        ["--home", str(net.home), "--lang", lang, *args],
        env={"FIELDSURVEY_PASSWORD": PASSWORD},
        catch_exceptions=False,
    )


def test_list_shows_labels_versions_and_finds_without_accents(net: Network) -> None:
    result = run(net, "entity", "list", "households")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("PT-001 – Nguyễn Văn An" in line and "version 2" in line for line in lines)
    assert "3 of 3 entries of list households shown." in result.output
    found = run(net, "entity", "list", "households", "--search", "duc", "--json")
    data = json.loads(found.output)
    assert data["total"] == 1
    assert data["entities"][0]["properties"]["head_name"] == "Lê Văn Đức"


def test_lists_counts_each_list(net: Network) -> None:
    result = run(net, "entity", "lists")
    assert result.output.strip() == "households: 3 entries"


def test_show_gives_properties_and_the_interviews_that_touched_it(net: Network) -> None:
    entity = net.ids["PT-001"]
    result = run(net, "entity", "show", "households", entity[:8])  # a prefix is enough
    assert result.exit_code == 0, result.output
    assert f"households {entity}: PT-001 – Nguyễn Văn An (version 2" in result.output
    assert "  temp_reg: yes_valid" in result.output
    history = [line for line in result.output.splitlines() if line.startswith("  v")]
    assert [line.split()[1] for line in history] == ["created", "updated"]
    assert all("laptop Laptop 1" in line for line in history)


def test_an_unknown_entry_is_one_line(net: Network) -> None:
    result = run(net, "entity", "show", "households", "ffffffff")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: List households has no entry ffffffff."
    bad = run(net, "entity", "list", "house holds")
    assert bad.exit_code == 1 and "is not the name of an entity list" in bad.stderr


def test_a_conflict_is_shown_side_by_side_and_resolved_per_property(net: Network) -> None:
    result = run(net, "entity", "conflicts")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "updated version 1, the network has version 2 [open]" in lines[0]
    assert "    temp_reg: network yes_valid | laptop expired" in lines
    assert "    phone: network 0912000001 | laptop 0988" in lines
    conflict = json.loads(run(net, "entity", "conflicts", "--json").output)[0]["id"]
    done = run(net, "entity", "resolve", str(conflict), "--property", "phone=theirs")
    assert done.exit_code == 0, done.output
    assert f"Conflict #{conflict} resolved: version 3" in done.output
    shown = json.loads(run(net, "entity", "show", "households", net.ids["PT-001"], "--json").output)
    assert shown["properties"]["phone"] == "0988"
    assert shown["properties"]["temp_reg"] == "yes_valid"  # the network's value kept
    assert run(net, "entity", "conflicts").output.strip() == "No entity conflicts to resolve."
    again = run(net, "entity", "resolve", str(conflict), "--take", "theirs")
    assert again.exit_code == 1 and again.stderr.count("\n") == 1


def test_a_bad_resolution_choice_is_refused(net: Network) -> None:
    result = run(net, "entity", "resolve", "1", "--property", "phone=laptop")
    assert result.exit_code == 1
    assert "NAME=mine" in result.stderr


def test_merge_keeps_both_histories(net: Network) -> None:
    keep, drop = net.ids["PT-002"], net.ids["PT-003"]
    result = run(net, "entity", "merge", "households", keep, drop)
    assert result.exit_code == 0, result.output
    assert f"{drop} merged into {keep}" in result.output
    listing = json.loads(run(net, "entity", "list", "households", "--json").output)
    assert {e["id"] for e in listing["entities"]} == {net.ids["PT-001"], keep}
    shown = run(net, "entity", "show", "households", keep).output
    assert f"(of {drop}, merged into this one)" in shown
    dropped = run(net, "entity", "show", "households", drop).output
    assert f"Merged into {keep}" in dropped


def test_export_csv_has_the_list_and_the_interviews(net: Network, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = run(net, "entity", "export", "households", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "NOT encrypted" in result.output or "not encrypted" in result.output
    with open(out / "households.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3
    first = next(r for r in rows if r["_id"] == net.ids["PT-001"])
    assert first["head_name"] == "Nguyễn Văn An" and first["_version"] == "2"
    with open(out / "households-interviews.csv", encoding="utf-8-sig") as f:
        touched = list(csv.DictReader(f))
    mine = [r for r in touched if r["_id"] == net.ids["PT-001"]]
    assert [r["_kind"] for r in mine] == ["create", "update"]
    assert all(r["_device"] == "Laptop 1" and r["_interview"] for r in mine)


@pytest.mark.parametrize("fmt, suffix", [("xlsx", ".xlsx"), ("stata", ".dta"), ("spss", ".sav")])
def test_export_other_formats(net: Network, tmp_path: Path, fmt: str, suffix: str) -> None:
    out = tmp_path / fmt
    result = run(net, "entity", "export", "households", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.suffix == suffix) in (
        ["households.xlsx"],
        ["households-interviews" + suffix, "households" + suffix],
    )
    if fmt == "stata":
        import pandas as pd

        frame = pd.read_stata(out / "households.dta")
        assert sorted(frame["head_name"]) == ["Lê Văn Đức", "Nguyễn Văn An", "Trần Thị Bình"]


def test_assignments_show_progress_and_visit_results(net: Network) -> None:
    add = run(net, "assignment", "add", "households", net.ids["PT-002"], net.ids["PT-003"],
              "--device", "Laptop 1", "--wave", "2")  # fmt: skip
    assert add.exit_code == 0, add.output
    assert "2 entries assigned to Laptop 1 (0 already were)" in add.output
    listed = run(net, "assignment", "list")
    assert "Laptop 1: 0 of 2 done" in listed.output
    assert listed.output.count(": to visit") == 2
    with Workspace.open(net.home, PASSWORD) as ws:
        device = next(iter(run_devices(ws)))
        merge(ws, device, [update(net.ids["PT-003"], 1, visit_result="moved")])
    listed = json.loads(run(net, "assignment", "list", "--wave", "2", "--json").output)
    status = {a["id"]: a["status"] for a in listed}
    assert status == {net.ids["PT-002"]: "pending", net.ids["PT-003"]: "moved"}
    text = run(net, "assignment", "list", lang="vi").output
    assert "Laptop 1: đã xong 1/2 (đã gặp 0, từ chối 0, đã chuyển đi 1" in text
    unknown = run(net, "assignment", "add", "households", net.ids["PT-002"], "--device", "Nope")
    assert unknown.exit_code == 1 and unknown.stderr.count("\n") == 1


def run_devices(ws: Workspace) -> list[str]:
    from fieldsurvey.store import device_registry

    return [d.device_id for d in device_registry.all_devices(ws)]


def test_texts_in_vietnamese(net: Network) -> None:
    result = run(net, "entity", "list", "households", lang="vi")
    assert "Đã hiện 3 trên 3 mục của danh sách households." in result.output
    assert "phiên bản 2" in result.output


def test_coordinator_commands_refuse_a_plain_workspace(tmp_path: Path) -> None:
    home = tmp_path / "plain"
    with Workspace.create(home, PASSWORD, kdf=KDF):
        pass
    result = CliRunner().invoke(
        cli, ["--home", str(home), "entity", "conflicts"],
        env={"FIELDSURVEY_PASSWORD": PASSWORD}, catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    empty = CliRunner().invoke(
        cli, ["--home", str(home), "entity", "list", "households"],
        env={"FIELDSURVEY_PASSWORD": PASSWORD}, catch_exceptions=False,
    )  # fmt: skip
    assert empty.exit_code == 0
    assert "0 of 0 entries" in empty.output


def test_a_laptops_wards_are_set_listed_and_checked(net: Network) -> None:
    """`device wards` gives a laptop its share of the lists; `device list --json` shows
    them; a ward the campaign does not have is one line and changes nothing."""
    before = json.loads(run(net, "device", "list", "--json").output)
    assert before[0]["wards"] == ["Phúc Tân"]  # none of its own: the campaign's
    done = run(net, "device", "wards", "Laptop 1", "Phúc Tân")
    assert done.exit_code == 0, done.output
    assert "Laptop 'Laptop 1' works in: Phúc Tân." in done.output
    bad = run(net, "device", "wards", "Laptop 1", "Hàng Bạc", lang="vi")
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1
    assert "Chiến dịch không có phường Hàng Bạc" in bad.stderr
    after = json.loads(run(net, "device", "list", "--json").output)
    assert after[0]["wards"] == ["Phúc Tân"]
