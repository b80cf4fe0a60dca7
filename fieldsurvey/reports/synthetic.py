"""Seeded synthetic interviews of the default survey (no real people), for tests,
benchmarks and demos. Answers follow the form's skip logic and constraints."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from fieldsurvey.reports.models import ReportInterview

PROJECT_WARDS = ("phuc_tan", "chuong_duong")
_PROVINCES = [
    ("thanh_hoa", 14),
    ("nam_dinh", 12),
    ("thai_binh", 11),
    ("nghe_an", 9),
    ("ha_nam", 6),
    ("hung_yen", 6),
    ("ninh_binh", 5),
    ("phu_tho", 4),
    ("bac_giang", 4),
    ("hai_duong", 4),
    ("ha_tinh", 3),
    ("hoa_binh", 3),
    ("vinh_phuc", 2),
    ("thai_nguyen", 2),
    ("yen_bai", 1),
    ("tuyen_quang", 1),
    ("quang_binh", 1),
    ("son_la", 1),
    ("ha_noi", 1),
    ("lao_cai", 1),
]
_OCC_BY_SEX = {
    "female": [
        ("street_vendor", 34),
        ("domestic_worker", 16),
        ("waste_collector", 14),
        ("factory", 8),
        ("porter", 6),
        ("construction", 4),
        ("other", 10),
        ("no_work", 8),
    ],
    "male": [
        ("porter", 22),
        ("motorbike_taxi", 20),
        ("construction", 20),
        ("waste_collector", 10),
        ("street_vendor", 8),
        ("factory", 6),
        ("other", 9),
        ("no_work", 5),
    ],
}


def _pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights=weights)[0]


def _some(rng: random.Random, names: Sequence[str], p: float) -> list[str]:
    chosen = [n for n in names if rng.random() < p]
    return chosen or [rng.choice(list(names))]


def _member_occ(rng: random.Random, age: int, sex: str) -> str:
    if age < 6:
        return "young_child"
    if age < 15:
        return "student"
    if age > 64:
        return "retired"
    occ = _pick(rng, _OCC_BY_SEX["female" if sex == "female" else "male"])
    return "homemaker" if occ == "no_work" and sex == "female" else occ


def synthetic_answers(rng: random.Random, ward: str, day: date) -> dict[str, Any]:
    """One household's answer document."""
    doc: dict[str, Any] = {"today": day.isoformat()}
    if rng.random() < 0.03:
        doc["consent_section"] = {"consent": "no"}
        return doc
    doc["consent_section"] = {"consent": "yes"}
    doc["location"] = {
        "city": "ha_noi",
        "district": "hoan_kiem",
        "ward": ward,
        "res_group": f"Tổ {rng.randint(1, 30)}",
        "household_id": f"{ward[:2].upper()}-{rng.randint(1, 99999):05d}",
    }
    sex = "female" if rng.random() < 0.58 else "male"
    age = rng.randint(18, 68)
    occ = _pick(rng, _OCC_BY_SEX[sex])
    doc["respondent"] = {
        "resp_age": age,
        "resp_sex": sex,
        "home_province": _pick(rng, _PROVINCES),
        "years_away": rng.randint(0, min(age - 15, 30)),
        "temp_reg": _pick(rng, [("yes_valid", 35), ("expired", 15), ("no", 42), ("dont_know", 8)]),
    }
    work: dict[str, Any] = {"occupation": occ}
    if occ == "other":
        work["occupation_other"] = "Bán vé số"
    if occ != "no_work":
        work["contract"] = _pick(
            rng, [("written", 8), ("verbal", 30), ("none", 22), ("self_employed", 40)]
        )
        work["hours_day"] = round(rng.uniform(6, 14) * 2) / 2
        work["days_week"] = rng.choice([5, 6, 6, 7, 7, 7])
    work["income_month"] = 0 if occ == "no_work" else round(rng.lognormvariate(15.4, 0.35), -4)
    work["remit"] = "yes" if rng.random() < 0.62 else "no"
    if work["remit"] == "yes":
        work["remit_month"] = round(rng.uniform(0.5e6, 3e6), -5)
    doc["work"] = work
    people = rng.choice([1, 2, 2, 3, 3, 4, 5, 6])
    area = round(rng.uniform(6, 30), 1)
    housing: dict[str, Any] = {
        "accom_type": _pick(
            rng,
            [
                ("rented_room", 70),
                ("rented_house", 6),
                ("employer", 8),
                ("relatives", 5),
                ("makeshift", 7),
                ("other", 4),
            ],
        ),
        "room_area": area,
        "room_people": people,
        "m2_per_person": round(area / people, 1),
        "water": _pick(
            rng,
            [("tap_private", 30), ("tap_shared", 55), ("well", 5), ("bottled", 8), ("other", 2)],
        ),
        "toilet": _pick(
            rng, [("private_flush", 30), ("shared_flush", 55), ("public", 12), ("none", 3)]
        ),
        "elec_pay": _pick(
            rng,
            [("landlord_kwh", 65), ("evn", 10), ("included", 10), ("flat", 12), ("dont_know", 3)],
        ),
    }
    if housing["elec_pay"] == "landlord_kwh":
        housing["elec_price"] = rng.choice([3500, 3800, 4000, 4000, 4500, 5000])
    doc["housing"] = housing
    doc["tenure"] = {
        "evict_worry": _pick(rng, [("not", 45), ("somewhat", 35), ("very", 20)]),
        "moves_12m": rng.choice([0, 0, 0, 1, 1, 2, 3]),
    }
    if housing["accom_type"] in ("rented_room", "rented_house"):
        doc["tenure"]["lease"] = _pick(rng, [("written", 15), ("verbal", 70), ("none", 15)])
    health: dict[str, Any] = {
        "self_health": _pick(
            rng, [("very_good", 8), ("good", 35), ("fair", 40), ("poor", 14), ("very_poor", 3)]
        ),
        "ill_30d": "yes" if rng.random() < 0.3 else "no",
        "work_accident": "yes" if rng.random() < 0.08 else "no",
    }
    if health["ill_30d"] == "yes":
        care_names = [
            "pharmacy",
            "health_station",
            "district_hosp",
            "city_hosp",
            "private",
            "traditional",
            "home_province",
        ]
        care = ["none"] if rng.random() < 0.1 else _some(rng, care_names, 0.2)
        health["care_where"] = care
        if care != ["none"]:
            health["oop_cost"] = round(rng.lognormvariate(12.8, 1.0), -3)
        barrier_names = [
            "cost",
            "lost_income",
            "no_card",
            "procedures",
            "where",
            "waiting",
            "attitude",
        ]
        health["barriers"] = ["none"] if rng.random() < 0.2 else _some(rng, barrier_names, 0.25)
    doc["health"] = health
    hi = _pick(rng, [("none", 45), ("home_province", 40), ("hanoi", 15)])
    social: dict[str, Any] = {
        "hi_card": hi,
        "vol_si": _pick(rng, [("yes", 6), ("compulsory", 5), ("no", 60), ("never_heard", 29)]),
        "rights_know": _pick(rng, [("well", 10), ("some", 45), ("none", 45)]),
    }
    if hi == "none":
        social["hi_why_not"] = _some(
            rng,
            ["cost", "how", "no_registration", "expired", "not_needed", "poor_service", "other"],
            0.25,
        )
    doc["social"] = social
    member = _pick(rng, [("yes", 22), ("past", 8), ("no", 70)])
    doc["shg"] = {"shg_member": member}
    if member in ("yes", "past"):
        doc["shg"]["shg_support"] = _some(
            rng,
            [
                "info",
                "legal",
                "health_check",
                "hi_help",
                "savings",
                "skills",
                "emergency",
                "children",
            ],
            0.3,
        )
    members: list[dict[str, Any]] = [
        {
            "m_name": "NTH",
            "m_relation": "self",
            "m_sex": sex,
            "m_age": age,
            "m_occ": "no_work" if occ == "no_work" else occ,
            "m_hi": hi,
        }
    ]
    if rng.random() < 0.55:
        s2 = "male" if sex == "female" else "female"
        a2 = max(18, min(80, age + rng.randint(-6, 6)))
        members.append(
            {
                "m_name": "NVA",
                "m_relation": "spouse",
                "m_sex": s2,
                "m_age": a2,
                "m_occ": _member_occ(rng, a2, s2),
                "m_hi": _pick(rng, [("none", 45), ("home_province", 40), ("hanoi", 15)]),
            }
        )
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3])):
        a = rng.randint(0, 17)
        s = rng.choice(["male", "female"])
        child = {
            "m_name": "Bé",
            "m_relation": "child",
            "m_sex": s,
            "m_age": a,
            "m_occ": _member_occ(rng, a, s),
            "m_hi": _pick(rng, [("none", 25), ("home_province", 45), ("hanoi", 30)]),
        }
        if 6 <= a <= 17:
            child["m_school"] = "yes" if rng.random() < 0.85 else "no"
        members.append(child)
    ages = [int(m["m_age"]) for m in members]
    dependants = sum(a < 15 or a > 64 for a in ages)
    working = sum(15 <= a <= 64 for a in ages)
    doc["household"] = {
        "hh_size": len(members),
        "members": members,
        "hh_members": len(members),
        "n_dependants": dependants,
        "n_working_age": working,
        "dep_ratio": round(dependants / working, 2) if working else "",
    }
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
