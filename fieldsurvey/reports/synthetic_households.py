"""Seeded, plausible answers to the default survey (``mnet_migrant_household``) for the
demo. Nobody here is real: names are drawn from common Vietnamese family, middle and
given names; numbers follow rough shapes of migrant workers' lives in Hanoi's old
quarter (street vending, portering, motorbike taxis; rented rooms of about 12 m²;
half without a health-insurance card, or with one valid only in the home province).

``household_answers`` gives the raw answers an enumerator types; the engine fills the
calculations and checks them (see ``build_demo``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from typing import Any

Weighted = Sequence[tuple[str, float]]

FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Vũ", 4),
          ("Phan", 4), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Ngô", 1.5), ("Hồ", 1.3),
          ("Dương", 1), ("Đinh", 1), ("Lương", 0.6), ("Trịnh", 0.8)]  # fmt: skip
MIDDLE = {
    "male": ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Thanh"],
    "female": ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Kim", "Minh"],
}
GIVEN = {
    "male": ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Huy", "Khánh", "Long", "Nam",
             "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Hiếu", "Toàn", "Đạt", "Lâm"],
    "female": ["Anh", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai",
               "Nga", "Nhung", "Phương", "Thảo", "Trang", "Yến", "Huyền", "Loan", "Hạnh"],
}  # fmt: skip
PROVINCES = [("thanh_hoa", 15), ("nam_dinh", 12), ("thai_binh", 11), ("nghe_an", 8),
             ("ha_nam", 6), ("hung_yen", 6), ("ninh_binh", 5), ("hai_duong", 5), ("phu_tho", 4),
             ("bac_giang", 4), ("ha_tinh", 3), ("hoa_binh", 3), ("vinh_phuc", 2),
             ("bac_ninh", 2), ("thai_nguyen", 2), ("yen_bai", 1.5), ("tuyen_quang", 1),
             ("quang_binh", 1), ("son_la", 1), ("lao_cai", 0.8), ("hai_phong", 1),
             ("quang_tri", 0.5), ("ha_noi", 1.5), ("ho_chi_minh", 0.3)]  # fmt: skip
OCCUPATION = {
    "female": [("street_vendor", 34), ("domestic_worker", 14), ("waste_collector", 14),
               ("porter", 8), ("factory", 6), ("construction", 4), ("other", 10),
               ("no_work", 6)],
    "male": [("porter", 22), ("motorbike_taxi", 22), ("construction", 20),
             ("waste_collector", 8), ("street_vendor", 8), ("factory", 6), ("other", 9),
             ("no_work", 4)],
}  # fmt: skip
#: Median monthly income in VND by main work (lognormal around it).
INCOME = {"street_vendor": 6.0e6, "porter": 6.5e6, "motorbike_taxi": 7.5e6,
          "domestic_worker": 6.0e6, "construction": 8.0e6, "factory": 7.5e6,
          "waste_collector": 4.5e6, "other": 6.0e6}  # fmt: skip
CONTRACT = {"factory": [("written", 70), ("verbal", 20), ("none", 10)],
            "domestic_worker": [("verbal", 70), ("none", 25), ("written", 5)],
            "construction": [("verbal", 55), ("none", 40), ("written", 5)],
            "porter": [("self_employed", 45), ("verbal", 30), ("none", 25)]}  # fmt: skip
OTHER_WORK = ["Bán vé số", "Rửa bát thuê ở quán ăn", "Đánh giày", "Chở hàng bằng xe ba gác",
              "Bán báo", "Nhặt rau thuê ở chợ Long Biên"]  # fmt: skip
#: Rough centre of each project ward (latitude, longitude), for optional GPS answers.
WARD_CENTRE = {"phuc_tan": (21.0372, 105.8566), "chuong_duong": (21.0262, 105.8612)}


def pick(rng: random.Random, weighted: Weighted) -> str:
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights=weights)[0]


def some(rng: random.Random, weighted: Weighted) -> list[str]:
    """Each choice with its own probability (%); at least one, in list order."""
    chosen = [name for name, p in weighted if rng.random() * 100 < p]
    return chosen or [pick(rng, weighted)]


def full_name(rng: random.Random, sex: str, family: str | None = None) -> str:
    key = "female" if sex == "female" else "male"
    return f"{family or pick(rng, FAMILY)} {rng.choice(MIDDLE[key])} {rng.choice(GIVEN[key])}"


def initials(name: str) -> str:
    return ".".join(part[0] for part in name.split()) + "."


def household_size(rng: random.Random) -> int:
    return int(pick(rng, [("1", 22), ("2", 22), ("3", 20), ("4", 17), ("5", 9), ("6", 5),
                          ("7", 3), ("8", 2)]))  # fmt: skip


def _money(value: float, step: int = 100_000) -> int:
    return max(0, round(value / step) * step)


def _respondent(rng: random.Random) -> tuple[str, int]:
    sex = "female" if rng.random() < 0.56 else "male"
    band = pick(rng, [("18", 14), ("25", 30), ("35", 28), ("45", 18), ("55", 10)])
    return sex, int(band) + rng.randrange(7 if band == "18" else 10)


def _work(rng: random.Random, sex: str) -> dict[str, Any]:
    occ = pick(rng, OCCUPATION[sex])
    work: dict[str, Any] = {"occupation": occ}
    if occ == "other":
        work["occupation_other"] = rng.choice(OTHER_WORK)
    if occ == "no_work":
        work["income_month"] = 0 if rng.random() < 0.7 else _money(rng.uniform(0.5e6, 2e6))
    else:
        work["contract"] = pick(rng, CONTRACT.get(occ, [("self_employed", 75), ("verbal", 15),
                                                         ("none", 10)]))  # fmt: skip
        work["hours_day"] = rng.choice([8, 9, 10, 10, 10.5, 11, 12, 12, 13, 14])
        work["days_week"] = int(pick(rng, [("7", 45), ("6", 40), ("5", 15)]))
        work["income_month"] = _money(rng.lognormvariate(0, 0.35) * INCOME[occ])
    sends = work["income_month"] > 0 and rng.random() < 0.66
    work["remit"] = "yes" if sends else "no"
    if sends:
        work["remit_month"] = _money(max(3e5, work["income_month"] * rng.uniform(0.15, 0.4)))
    return work


def _housing(rng: random.Random, occ: str, size: int) -> dict[str, Any]:
    accom = pick(rng, [("rented_room", 72), ("rented_house", 5), ("employer", 6),
                       ("relatives", 5), ("makeshift", 6), ("own", 1), ("other", 3)])  # fmt: skip
    if occ == "domestic_worker" and rng.random() < 0.5:
        accom = "employer"
    area = {"rented_house": (30, 0.3), "makeshift": (5, 0.4), "employer": (9, 0.3)}.get(
        accom, (12, 0.35)
    )
    people = size + (rng.choice([0, 0, 0, 1, 2, 3]) if accom == "rented_room" else 0)
    housing: dict[str, Any] = {
        "accom_type": accom,
        "room_area": min(480.0, max(2.0, round(area[0] * rng.lognormvariate(0, area[1]) * 2) / 2)),
        "room_people": people,
        "water": pick(
            rng,
            [("tap_shared", 55), ("tap_private", 30), ("bottled", 8), ("well", 4), ("other", 3)],
        ),
        "toilet": pick(rng, [("public", 70), ("none", 30)])
        if accom == "makeshift"
        else pick(rng, [("shared_flush", 57), ("private_flush", 35), ("public", 8)]),
    }
    pay = {"employer": [("included", 80), ("flat", 20)],
           "makeshift": [("flat", 40), ("dont_know", 40), ("included", 20)],
           "own": [("evn", 100)]}.get(accom, [("landlord_kwh", 70), ("flat", 12), ("included", 8),
                                             ("evn", 8), ("dont_know", 2)])  # fmt: skip
    housing["elec_pay"] = pick(rng, pay)
    if housing["elec_pay"] == "landlord_kwh":
        housing["elec_price"] = int(pick(rng, [("3500", 35), ("4000", 35), ("3800", 10),
                                               ("4500", 12), ("5000", 8)]))  # fmt: skip
    return housing


def _health(rng: random.Random, occ: str) -> dict[str, Any]:
    risky = occ in ("construction", "porter", "motorbike_taxi")
    health: dict[str, Any] = {
        "self_health": pick(
            rng, [("very_good", 7), ("good", 35), ("fair", 42), ("poor", 13), ("very_poor", 3)]
        ),
        "ill_30d": "yes" if rng.random() < 0.26 else "no",
        "work_accident": "yes" if rng.random() < (0.12 if risky else 0.04) else "no",
    }
    if health["ill_30d"] == "yes":
        care = ["none"] if rng.random() < 0.1 else some(
            rng, [("pharmacy", 60), ("health_station", 10), ("district_hosp", 10),
                  ("city_hosp", 7), ("private", 25), ("traditional", 8), ("home_province", 5)]
        )  # fmt: skip
        health["care_where"] = care
        if care != ["none"]:
            health["oop_cost"] = _money(rng.lognormvariate(0, 0.9) * 350_000, 10_000)
        health["barriers"] = ["none"] if rng.random() < 0.25 else some(
            rng, [("cost", 50), ("lost_income", 40), ("no_card", 35), ("procedures", 25),
                  ("where", 10), ("waiting", 20), ("attitude", 10)]
        )  # fmt: skip
    return health


def _social(rng: random.Random, contract: str | None, temp_reg: str) -> dict[str, Any]:
    if contract == "written":
        card = pick(rng, [("hanoi", 75), ("home_province", 15), ("none", 10)])
    elif temp_reg == "yes_valid":
        card = pick(rng, [("hanoi", 22), ("home_province", 45), ("none", 33)])
    else:
        card = pick(rng, [("hanoi", 6), ("home_province", 42), ("none", 52)])
    social: dict[str, Any] = {"hi_card": card}
    if card == "none":
        social["hi_why_not"] = some(
            rng, [("cost", 45), ("how", 25), ("no_registration", 30), ("expired", 20),
                  ("not_needed", 20), ("poor_service", 10), ("other", 4)]
        )  # fmt: skip
    social["vol_si"] = (
        "compulsory" if contract == "written" and rng.random() < 0.6
        else pick(rng, [("yes", 5), ("no", 62), ("never_heard", 33)])
    )  # fmt: skip
    social["rights_know"] = pick(rng, [("well", 10), ("some", 45), ("none", 45)])
    return social


def _shg(rng: random.Random) -> dict[str, Any]:
    member = pick(rng, [("yes", 25), ("past", 8), ("no", 67)])
    shg: dict[str, Any] = {"shg_member": member}
    if member != "no":
        shg["shg_support"] = ["none"] if rng.random() < 0.05 else some(
            rng, [("info", 60), ("legal", 15), ("health_check", 40), ("hi_help", 30),
                  ("savings", 35), ("skills", 15), ("emergency", 20), ("children", 10)]
        )  # fmt: skip
    return shg


def _member_occ(rng: random.Random, age: int, sex: str) -> str:
    if age < 6:
        return "young_child"
    if age < 18:
        return "student" if rng.random() < 0.88 else pick(rng, [("no_work", 50), ("other", 50)])
    if age > 64:
        return "retired" if rng.random() < 0.7 else "street_vendor"
    if sex == "female" and rng.random() < 0.12:
        return "homemaker"
    return pick(rng, OCCUPATION[sex])


def roster(
    rng: random.Random,
    size: int,
    sex: str,
    age: int,
    occ: str,
    card: str,
    name: str,
    shown: str,
) -> list[dict[str, Any]]:
    """``size`` members, the respondent (``name``, written as ``shown``) first, with
    coherent relations, family names and ages."""
    family = name.split()[0]
    members = [{"m_name": shown, "m_relation": "self", "m_sex": sex, "m_age": age,
                "m_occ": occ, "m_hi": card}]  # fmt: skip
    children_family = family if sex == "male" else pick(rng, FAMILY)
    for slot in range(1, size):
        if slot == 1 and age >= 20 and rng.random() < 0.75:
            relation, m_sex = "spouse", "male" if sex == "female" else "female"
            m_age = max(18, age + rng.randint(-4, 6) * (1 if sex == "female" else -1))
            m_family = children_family if sex == "female" else pick(rng, FAMILY)
        elif age >= 20 and rng.random() < 0.8 and (age - 19) > 0:
            relation, m_sex = "child", rng.choice(["male", "female"])
            m_age = max(0, age - rng.randint(19, min(40, max(19, age - 1))))
            m_family = children_family
        else:
            relation = pick(rng, [("sibling", 40), ("other_relative", 25), ("non_relative", 25),
                                  ("parent", 10)])  # fmt: skip
            m_sex = rng.choice(["male", "female"])
            m_age = {"parent": min(95, age + rng.randint(20, 30))}.get(
                relation, max(16, age + rng.randint(-8, 8))
            )
            m_family = family if relation in ("sibling", "parent") else pick(rng, FAMILY)
        m_occ = _member_occ(rng, m_age, m_sex)
        member: dict[str, Any] = {
            "m_name": full_name(rng, m_sex, m_family)
            if rng.random() < 0.8
            else initials(full_name(rng, m_sex, m_family)),
            "m_relation": relation,
            "m_sex": m_sex,
            "m_age": m_age,
            "m_occ": m_occ,
            "m_hi": pick(rng, [("home_province", 55), ("hanoi", 35), ("none", 10)])
            if m_age < 6
            else pick(rng, [("none", 45), ("home_province", 40), ("hanoi", 15)]),
        }
        if 6 <= m_age <= 17:
            member["m_school"] = "yes" if m_occ == "student" else "no"
        members.append(member)
    return members


def household_answers(
    rng: random.Random, *, ward: str, household_id: str, started: datetime
) -> dict[str, Any]:
    """The answers an enumerator records for one household (no calculations, no ``end``)."""
    doc: dict[str, Any] = {"start": started.isoformat(timespec="seconds"),
                           "today": started.date().isoformat()}  # fmt: skip
    if rng.random() < 0.03:
        doc["consent_section"] = {"consent": "no"}
        return doc
    doc["consent_section"] = {"consent": "yes"}
    location: dict[str, Any] = {"city": "ha_noi", "district": "hoan_kiem", "ward": ward,
                                "res_group": f"Tổ {rng.randint(1, 28)}",
                                "household_id": household_id}  # fmt: skip
    if ward in WARD_CENTRE and rng.random() < 0.6:
        lat, lon = WARD_CENTRE[ward]
        location["gps"] = (
            f"{lat + rng.uniform(-0.0025, 0.0025):.6f} {lon + rng.uniform(-0.0025, 0.0025):.6f} "
            f"12 {rng.randint(4, 25)}"
        )
    doc["location"] = location
    sex, age = _respondent(rng)
    name = full_name(rng, sex)
    temp_reg = pick(rng, [("yes_valid", 30), ("expired", 12), ("no", 50), ("dont_know", 8)])
    respondent: dict[str, Any] = {
        "resp_age": age,
        "resp_sex": sex,
        "home_province": pick(rng, PROVINCES),
        "years_away": min(age - 15, int(rng.triangular(0, max(1, age - 16), 3))),
        "temp_reg": temp_reg,
    }
    if rng.random() < 0.7:
        respondent["resp_name"] = name
    doc["respondent"] = respondent
    doc["work"] = work = _work(rng, sex)
    size = household_size(rng)
    doc["housing"] = housing = _housing(rng, work["occupation"], size)
    tenure: dict[str, Any] = {
        "evict_worry": pick(rng, [("not", 40), ("somewhat", 38), ("very", 22)]),
        "moves_12m": int(pick(rng, [("0", 55), ("1", 28), ("2", 12), ("3", 5)])),
    }
    if housing["accom_type"] in ("rented_room", "rented_house"):
        tenure["lease"] = pick(rng, [("verbal", 65), ("written", 15), ("none", 20)])
    doc["tenure"] = tenure
    doc["health"] = _health(rng, work["occupation"])
    doc["social"] = social = _social(rng, work.get("contract"), temp_reg)
    doc["shg"] = _shg(rng)
    shown = name if "resp_name" in respondent else initials(name)
    members = roster(rng, size, sex, age, work["occupation"], social["hi_card"], name, shown)
    doc["household"] = {"hh_size": size, "members": members}
    return doc
