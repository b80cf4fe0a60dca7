"""Seeded synthetic interviews of the default survey (no real people), for tests,
benchmarks and demos. Answers follow the form's skip logic and constraints; the
households come from :mod:`fieldsurvey.reports.synthetic_households`, the one generator
(the demo builds its laptops' interviews from it too)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from fieldsurvey.reports.models import ReportInterview
from fieldsurvey.reports.synthetic_households import household_answers

PROJECT_WARDS = ("phuc_tan", "chuong_duong")


def synthetic_answers(rng: random.Random, ward: str, day: date) -> dict[str, Any]:
    """One household's answer document as the laptop stores it after completion: the
    answers an enumerator records (:func:`household_answers`, the same generator the
    demo uses) plus the form's calculations that the reports read."""
    started = datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randrange(600))
    doc = household_answers(
        rng,
        ward=ward,
        household_id=f"{ward[:2].upper()}-{rng.randint(1, 99999):05d}",
        started=started,
    )
    housing = doc.get("housing")
    if housing is not None and housing.get("room_people"):
        housing["m2_per_person"] = round(housing["room_area"] / housing["room_people"], 1)
    household = doc.get("household")
    if household is not None:
        ages = [int(m["m_age"]) for m in household["members"]]
        dependants = sum(a < 15 or a > 64 for a in ages)
        working = sum(15 <= a <= 64 for a in ages)
        household.update(
            hh_members=len(ages),
            n_dependants=dependants,
            n_working_age=working,
            dep_ratio=round(dependants / working, 2) if working else "",
        )
    return doc


def synthetic_interviews(
    n: int,
    *,
    seed: int = 2026,
    wards: Sequence[str] = PROJECT_WARDS,
    start: date = date(2026, 9, 1),
    days: int = 90,
) -> list[ReportInterview]:
    """``n`` seeded interviews spread over ``wards`` and ``days`` from ``start``."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        day = start + timedelta(days=rng.randrange(days))
        created = datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randrange(600))
        out.append(
            ReportInterview(
                uuid=f"{seed:04d}-{k:08d}",
                answers=synthetic_answers(rng, wards[k % len(wards)], day),
                created=created.isoformat(),
            )
        )
    return out
