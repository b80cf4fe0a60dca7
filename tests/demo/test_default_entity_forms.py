"""The default survey's entity forms (resources/forms/household_registration.xlsx and
household_follow_up.xlsx): they load with the project's loader, are bilingual, are what
tools/make_entity_forms.py writes, and on a laptop the registration puts the household
and its members in the lists while the follow-up reads the household back and updates it."""

from __future__ import annotations

import random
import subprocess
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from fieldsurvey.demo import demo_follow_up as fu
from fieldsurvey.demo.build_demo import _Recorder
from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.reports.synthetic_households import household_answers
from fieldsurvey.resources import resource_path
from fieldsurvey.store import entities, interviews
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
VI, EN = "Tiếng Việt (vi)", "English (en)"


@pytest.fixture(scope="module")
def forms() -> tuple[FormSpec, FormSpec]:
    return (
        load_form(resource_path(fu.REGISTRATION_FILE), use_cache=False),
        load_form(resource_path(fu.FOLLOW_UP_FILE), use_cache=False),
    )


def test_both_load_without_warnings_and_declare_their_lists(
    forms: tuple[FormSpec, FormSpec],
) -> None:
    registration, follow_up = forms
    assert registration.warnings == [] and follow_up.warnings == []
    households, people = registration.entities
    assert (households.list_name, households.repeat, households.creates) == (
        "households", None, True,
    )  # fmt: skip
    assert {"ward", "household_id", "head_name", "phone", "temp_reg", "hi_card",
            "occupation"} <= set(households.properties)  # fmt: skip
    assert people.list_name == "people" and people.repeat == "household/members"
    assert {"full_name", "household_id", "hi_card"} <= set(people.properties)
    (update,) = follow_up.entities
    assert (update.list_name, update.entity_id, update.updates) == ("households", "${hh}", True)
    assert {"temp_reg", "hi_card", "occupation", "visit_result", "ward"} <= set(update.properties)
    picker = follow_up.by_name()["hh"]
    assert picker.type == "select_one_from_file"


@pytest.mark.parametrize("name", ["household_registration", "household_follow_up"])
def test_every_question_is_in_vietnamese_and_english(name: str) -> None:
    book = openpyxl.load_workbook(ROOT / "resources" / "forms" / f"{name}.xlsx", read_only=True)
    rows = list(book["survey"].iter_rows(values_only=True))
    head = list(rows[0])
    vi, en = head.index(f"label::{VI}"), head.index(f"label::{EN}")
    for row in rows[1:]:
        if row[vi] or row[en]:
            assert row[vi] and row[en], row
    settings = dict(zip(*book["settings"].iter_rows(values_only=True), strict=True))
    assert settings["default_language"] == VI


def test_the_script_writes_the_forms_as_shipped(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_entity_forms.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("household_registration.xlsx", "household_follow_up.xlsx"):
        made = openpyxl.load_workbook(tmp_path / name, read_only=True)
        shipped = openpyxl.load_workbook(ROOT / "resources" / "forms" / name, read_only=True)
        assert made.sheetnames == shipped.sheetnames
        for sheet in made.sheetnames:
            assert list(made[sheet].iter_rows(values_only=True)) == list(
                shipped[sheet].iter_rows(values_only=True)
            ), f"{name}:{sheet}: run tools/make_entity_forms.py"


def test_registration_then_follow_up_on_a_laptop(
    forms: tuple[FormSpec, FormSpec], tmp_path: Path
) -> None:
    registration, follow_up = forms
    with Workspace.create(tmp_path / "lap", "laptop password", kdf=KdfParams.cheap()) as ws:
        for spec in forms:
            forms_store.save_form(
                ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash
            )
        rng = random.Random(4)
        when = datetime(2026, 9, 8, 9)
        survey = household_answers(rng, ward="phuc_tan", household_id="PT-0042", started=when)
        survey["consent_section"]["consent"] = "yes"
        doc = fu.registration_answers(rng, survey, when)
        assert doc is not None
        doc["head"]["temp_reg"], doc["head"]["hi_card"] = "no", "none"
        recorder = _Recorder(ws, registration, FormEngine.build(registration), "Lan")
        recorder.record(doc, "phuc_tan", "PT-0042", finish=when)

        (household,) = entities.list_entities(ws.db, "households")
        assert household.label == f"PT-0042 – {doc['head']['head_name']}"
        assert household.properties["temp_reg"] == "no"
        assert entities.count_entities(ws.db, "people") == doc["household"]["hh_size"]
        # found by the head's name typed without accents
        word = unicodedata.normalize("NFD", household.properties["head_name"].split()[-1])
        plain = "".join(c for c in word if not unicodedata.combining(c)).replace("đ", "d")
        assert plain.isascii()
        found = entities.StoreEntitySource(ws.db).search("households", plain)
        assert [r.entity_id for r in found] == [household.entity_id]

        compiled = FormEngine.build(follow_up)
        fu.use_lists(compiled, ws)
        visit = {
            "start": "2027-03-08T09:00:00",
            "today": "2027-03-08",
            "visit": {"ward": "phuc_tan", "hh": household.entity_id, "visit_result": "visited"},
            "changes": {
                "same_address": "yes", "temp_reg_now": "yes_valid", "hi_card_now": "hanoi",
                "hi_help": ["shg"], "occupation_now": "factory", "income_now": 7_000_000,
                "hh_size_now": 3, "shg_helped": "yes",
            },
        }  # fmt: skip
        uuid = _Recorder(ws, follow_up, compiled, "Minh").record(
            visit, "phuc_tan", "PT-0042", finish=datetime(2027, 3, 8, 9, 20)
        )
        answers = interviews.get_interview(ws, uuid).answers
        # the engine read the household from the list: what held before the visit
        assert answers["visit"]["household_id"] == "PT-0042"
        assert answers["visit"]["prev_temp_reg"] == "no"
        assert answers["visit"]["prev_hi_card"] == "none"
        assert answers["visit"]["hh_ward"] == "phuc_tan"
        updated = entities.get_entity(ws.db, "households", household.entity_id)
    assert updated is not None and updated.version == 2
    assert updated.properties["temp_reg"] == "yes_valid"
    assert updated.properties["hi_card"] == "hanoi"
    assert updated.properties["visit_result"] == "visited"
    assert updated.properties["head_name"] == household.properties["head_name"]  # kept
    assert updated.label == household.label  # an update without a label keeps it


@pytest.mark.slow  # ODK Validate runs Java (a few seconds per form)
@pytest.mark.parametrize("name", ["household_registration", "household_follow_up"])
def test_odk_validate_accepts_them(name: str) -> None:
    import shutil

    from pyxform.xls2xform import convert

    if shutil.which("java") is None:
        pytest.skip("ODK Validate needs Java")
    result = convert(xlsform=str(ROOT / "resources" / "forms" / f"{name}.xlsx"), validate=True)
    assert result.warnings == []
