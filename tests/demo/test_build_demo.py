"""The demo built through the real code paths (a small one, with a cheap key derivation):
the coordinator's merged data, the laptops after their receipts, PDFs and exports; the
second wave: households registered in wave 1, revisited on another laptop in wave 2."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from fieldsurvey import messages
from fieldsurvey.demo.build_demo import build_demo
from fieldsurvey.demo.demo_model import DEMO_PASSWORD, DemoReport
from fieldsurvey.errors import WorkspaceError
from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.evaluate_json import open_answer_set
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import Workspace

HOUSEHOLDS = 24
FORM_ID = "mnet_migrant_household"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoReport:
    steps: list[str] = []
    report = build_demo(
        tmp_path_factory.mktemp("demo") / "demo",
        households=HOUSEHOLDS,
        seed=7,
        kdf=KdfParams.cheap(),
        progress=lambda p: steps.append(p.message),
    )
    # each step is a catalogue code, shown in the CLI's or the app's language
    assert all(step in messages.CATALOGUE for step in steps), steps
    assert messages.render(steps[0], "en").startswith("Coordinator")
    assert messages.render(steps[0], "vi").startswith("Không gian làm việc của điều phối viên")
    assert messages.render(steps[-1], "en") == "Done"
    return report


def _rows(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in ws.db.execute(sql).fetchall()]


def test_coordinator_holds_every_completed_household(demo: DemoReport) -> None:
    assert demo.completed == HOUSEHOLDS
    assert demo.merged == HOUSEHOLDS + demo.registered + sum(demo.follow_ups.values())
    assert set(demo.per_ward) == {"phuc_tan", "chuong_duong"}
    with Workspace.open(demo.coordinator, DEMO_PASSWORD) as ws:
        assert ws.role == "coordinator"
        rows = _rows(
            ws,
            "SELECT uuid, ward, household_id, answers, device_id FROM interviews "
            f"WHERE form_id = '{FORM_ID}'",
        )
        spec = FormSpec.model_validate_json(
            ws.db.execute("SELECT definition FROM forms WHERE form_id = ?", [FORM_ID]).fetchone()[0]
        )
        bundles = _rows(ws, "SELECT device_id, sequence FROM sync_bundles ORDER BY sequence")
    assert len(rows) == HOUSEHOLDS
    assert len({r[2] for r in rows}) == HOUSEHOLDS  # household ids are unique
    wards = {"Phúc Tân": demo.per_ward["phuc_tan"], "Chương Dương": demo.per_ward["chuong_duong"]}
    assert Counter(str(r[1]) for r in rows) == wards
    compiled = FormEngine.build(spec)
    declined = 0
    for row in rows:
        answers = json.loads(str(row[3]))
        assert open_answer_set(compiled, answers).errors() == []
        declined += answers["consent_section"]["consent"] == "no"
    assert declined == demo.declined
    assert len({r[4] for r in rows}) == 3  # from three laptops
    # two rounds of three bundles in wave 1, one in wave 2
    assert [s for _d, s in bundles] == [1, 1, 1, 2, 2, 2, 3, 3, 3]


def test_laptops_acknowledged_their_work_and_keep_a_draft(demo: DemoReport) -> None:
    # receipts: two rounds and wave 2's lists and assignments, then wave 2's round
    assert len(demo.laptops) == 3 and len(demo.receipts) == 12
    assert sum(lap.completed for lap in demo.laptops) == HOUSEHOLDS
    for laptop in demo.laptops:
        with Workspace.open(laptop.home, DEMO_PASSWORD) as ws:
            statuses = Counter(str(r[0]) for r in _rows(ws, "SELECT status FROM interviews"))
            enumerators = {r[0] for r in _rows(ws, "SELECT enumerator FROM interviews")}
        done = laptop.completed + laptop.registered + laptop.followed_up
        assert statuses == {"acknowledged": done, "draft": 1}
        assert enumerators == {laptop.enumerator}


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


def test_ward_pdfs_name_the_wards_and_count_the_households(demo: DemoReport) -> None:
    names = {p.name for p in demo.pdfs}
    assert {"phuc-tan.pdf", "chuong-duong.pdf", "phuc-tan-chuong-duong.pdf"} <= names
    with Workspace.open(demo.coordinator, DEMO_PASSWORD) as ws:
        rows = [
            json.loads(str(r[0]))
            for r in _rows(ws, f"SELECT answers FROM interviews WHERE form_id = '{FORM_ID}'")
        ]
    consented = Counter(a["location"]["ward"] for a in rows if "location" in a)
    for file, ward, label in (("phuc-tan.pdf", "phuc_tan", "Phúc Tân"),
                              ("chuong-duong.pdf", "chuong_duong", "Chương Dương")):  # fmt: skip
        text = _text(demo.folder / "reports" / file)
        assert label in text
        assert f"Số hộ được phỏng vấn {consented[ward]}" in text
    both = _text(demo.folder / "reports" / "phuc-tan-chuong-duong.pdf")
    assert "Phúc Tân" in both and "Chương Dương" in both
    assert f"{HOUSEHOLDS} phiếu" in both


def test_exports_and_readme(demo: DemoReport) -> None:
    book = openpyxl.load_workbook(demo.folder / "exports" / f"{FORM_ID}.xlsx", read_only=True)
    assert book.sheetnames == [FORM_ID, "members", "columns"]
    assert sum(1 for _ in book[FORM_ID].iter_rows()) == HOUSEHOLDS + 1
    assert (demo.folder / "exports" / "csv" / f"{FORM_ID}-members.csv").is_file()
    readme = (demo.folder / "README.txt").read_text(encoding="utf-8")
    assert f"Password of every workspace: {DEMO_PASSWORD}" in readme
    assert f"Households visited: {HOUSEHOLDS}" in readme
    assert str(demo.coordinator) in readme
    assert (demo.folder / "recovery-identity.txt").is_file()


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "something").write_text("x")
    with pytest.raises(WorkspaceError, match="not an empty folder"):
        build_demo(tmp_path, households=6, kdf=KdfParams.cheap())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["something"]


def test_wave_two_revisits_the_registered_households_on_other_laptops(demo: DemoReport) -> None:
    """Every household registered in wave 1 was assigned to a laptop other than the one
    that registered it, visited there, and the coordinator's list holds the update."""
    from fieldsurvey.store import entities

    assert demo.registered > 0
    assert sum(demo.follow_ups.values()) == demo.registered
    with Workspace.open(demo.coordinator, DEMO_PASSWORD) as ws:
        households = entities.list_entities(ws.db, "households", limit=10_000)
        visits = entities.visit_status(ws.db, wave="2")
        people = entities.count_entities(ws.db, "people")
        assert entities.list_conflicts(ws.db) == []
    assert len(households) == demo.registered and people >= demo.registered
    assert all(h.version == 2 for h in households)  # registered, then updated in wave 2
    assert all(h.properties["visit_result"] in demo.follow_ups for h in households)
    made_by = {h.entity_id: h.device_id for h in households}
    assert len(visits) == demo.registered
    assert all(v.status != "pending" for v in visits)
    assert all(v.assignment.device_id != made_by[v.assignment.entity_id] for v in visits)
    assert Counter(v.status for v in visits) == Counter(demo.follow_ups)
    both = _text(demo.folder / "reports" / "phuc-tan-chuong-duong.pdf")
    assert "Thăm lại hộ: phường" in both
    english = _text(demo.folder / "reports" / "phuc-tan-chuong-duong-en.pdf")
    assert "Follow-up visits:" in english
    book = openpyxl.load_workbook(demo.folder / "exports" / "households.xlsx", read_only=True)
    assert book.sheetnames == ["households", "interviews", "columns"]
    readme = (demo.folder / "README.txt").read_text(encoding="utf-8")
    assert f"Wave 1: {demo.registered} households registered" in readme
