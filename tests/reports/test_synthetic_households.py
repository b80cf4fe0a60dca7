"""The demo's synthetic households: valid for the form, plausible, seeded."""

from __future__ import annotations

import random
import statistics
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import pytest

from fieldsurvey.demo.demo_model import VN
from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.evaluate_json import open_answer_set
from fieldsurvey.forms.loader import load_form
from fieldsurvey.reports.synthetic_households import FAMILY, GIVEN, MIDDLE, household_answers
from fieldsurvey.resources import resource_path

N = 400


@pytest.fixture(scope="module")
def compiled() -> CompiledForm:
    return FormEngine.build(load_form(resource_path("forms/migrant_household.xlsx")))


def _households(seed: int, n: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = datetime(2026, 9, 8, 9, tzinfo=VN)
    return [
        household_answers(
            rng, ward=("phuc_tan", "chuong_duong")[k % 2], household_id=f"PT-{k:04d}",
            started=start + timedelta(hours=k),
        )
        for k in range(n)
    ]  # fmt: skip


@pytest.fixture(scope="module")
def completed(compiled: CompiledForm) -> list[dict[str, Any]]:
    """Each household as the engine completes it; none may fail a check of the form."""
    out = []
    for doc in _households(1, N):
        session = open_answer_set(compiled, doc)
        assert session.errors() == [], session.errors()[:3]
        out.append(session.answers(complete=True))
    return out


def test_seeded() -> None:
    assert _households(5, 20) == _households(5, 20)
    assert _households(5, 20) != _households(6, 20)


def test_rosters_of_one_to_eight_led_by_the_respondent(completed: list[dict[str, Any]]) -> None:
    took_part = [a for a in completed if a["consent_section"]["consent"] == "yes"]
    assert 0.9 * N < len(took_part) < N  # a few households decline
    sizes = Counter(a["household"]["hh_size"] for a in took_part)
    assert set(sizes) == set(range(1, 9))
    for a in took_part:
        members = a["household"]["members"]
        assert len(members) == a["household"]["hh_size"] == a["household"]["hh_members"]
        assert members[0]["m_relation"] == "self"
        assert members[0]["m_age"] == a["respondent"]["resp_age"]
        assert all(m["m_relation"] != "self" for m in members[1:])
        for m in members:
            assert ("m_school" in m) == (6 <= m["m_age"] <= 17)


def test_plausible_figures(completed: list[dict[str, Any]]) -> None:
    took_part = [a for a in completed if a["consent_section"]["consent"] == "yes"]
    working = [a["work"]["income_month"] for a in took_part if a["work"]["income_month"] > 0]
    assert 4_000_000 < statistics.median(working) < 9_000_000  # VND a month
    assert all(i % 100_000 == 0 for i in working)
    areas = [a["housing"]["room_area"] for a in took_part]
    assert 7 < statistics.median(areas) < 18  # m², a rented room in the old quarter
    cards = Counter(a["social"]["hi_card"] for a in took_part)
    assert cards["none"] > cards["hanoi"] and cards["home_province"] > cards["hanoi"]
    provinces = Counter(a["respondent"]["home_province"] for a in took_part)
    assert provinces.most_common(1)[0][0] in {"thanh_hoa", "nam_dinh", "thai_binh"}
    jobs = Counter((a["respondent"]["resp_sex"], a["work"]["occupation"]) for a in took_part)
    assert jobs["female", "street_vendor"] > jobs["male", "street_vendor"]
    assert jobs["male", "motorbike_taxi"] > jobs["female", "motorbike_taxi"]


def test_names_are_built_from_common_parts(completed: list[dict[str, Any]]) -> None:
    families = {f for f, _ in FAMILY}
    middles = {m for parts in MIDDLE.values() for m in parts}
    givens = {g for parts in GIVEN.values() for g in parts}
    names = [m["m_name"] for a in completed if "household" in a for m in a["household"]["members"]]
    full = [n.split() for n in names if "." not in n]
    assert len(full) > len(names) / 2
    assert all(p[0] in families and p[1] in middles and p[2] in givens for p in full)
    initials = [n for n in names if "." in n]
    assert initials and all(n.endswith(".") for n in initials)
