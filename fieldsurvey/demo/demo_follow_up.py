"""The demo's follow-up: households registered in wave 1 (the entity lists ``households``
and ``people``), followed up six months later in wave 2 on another laptop.

Wave 1: beside each consenting household's survey interview, the laptop records its
registration (``resources/forms/household_registration.xlsx``), built from the same
household (head = the respondent, the roster's members); completing it puts the household
and its members in the laptop's lists at once. After the wave's sync the coordinator
holds every household; it assigns each to a *different* laptop for wave 2
(``add_assignment``), and the next receipts bring the lists and the assignments. Wave 2:
each laptop visits the households assigned to it with the follow-up form
(``household_follow_up.xlsx``): the household picked from its list, the engine reading
its properties (``instance('households')``), the visit's answers drawn at random (a few
refuse, move or are not found; some got a residence registration or a card meanwhile),
the completion updating the entity. The answers are synthetic: nobody in them is real.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from fieldsurvey.forms.engine import CompiledForm
from fieldsurvey.forms.entity_model import EntityRow
from fieldsurvey.reports.synthetic_households import full_name, pick

REGISTRATION_FILE = "forms/household_registration.xlsx"
FOLLOW_UP_FILE = "forms/household_follow_up.xlsx"
#: Share of the consenting households of wave 1 that are also registered for follow-up.
REGISTERED_SHARE = 0.5
#: Wave 2 starts six months after wave 1.
WAVE_GAP = timedelta(days=182)
NEW_WORK = [
    ("street_vendor", 3), ("motorbike_taxi", 2), ("factory", 2), ("construction", 2),
    ("domestic_worker", 2), ("no_work", 1),
]  # fmt: skip
LANES = ["Ngõ Phúc Tân", "Ngõ Gạch", "Ngõ Hàng Hành", "Phố Chương Dương Độ", "Ngõ Trại Găng"]


def registration_answers(
    rng: random.Random, survey: dict[str, Any], started: datetime
) -> dict[str, Any] | None:
    """The registration of the household of ``survey`` (its survey interview's answers),
    or None when the household declined the survey."""
    if survey.get("consent_section", {}).get("consent") != "yes":
        return None
    location, resp = survey["location"], survey["respondent"]
    members = survey["household"]["members"]
    head = resp.get("resp_name") or full_name(rng, resp["resp_sex"])
    address = f"{rng.randint(1, 180)} {rng.choice(LANES)}, phòng {rng.randint(1, 12)}"
    phone = f"09{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.8 else None
    head_block: dict[str, Any] = {
        "head_name": head,
        "temp_reg": resp["temp_reg"],
        "hi_card": survey["social"]["hi_card"],
        "occupation": survey["work"]["occupation"],
        "income_month": survey["work"].get("income_month", 0),
    }
    if phone:
        head_block["phone"] = phone
    roster = [
        {
            "m_name": head if i == 0 else m["m_name"],
            "m_relation": m["m_relation"],
            "m_sex": m["m_sex"],
            "m_age": m["m_age"],
            "m_hi": m["m_hi"],
            "m_occ": m["m_occ"],
        }
        for i, m in enumerate(members)
    ]
    return {
        "start": started.isoformat(timespec="seconds"),
        "today": started.date().isoformat(),
        "consent_section": {"consent": "yes"},
        "location": {
            "ward": location["ward"],
            "res_group": location.get("res_group", ""),
            "address": address,
            "household_id": location["household_id"],
        },
        "head": head_block,
        "household": {"hh_size": len(roster), "members": roster},
    }


def follow_up_answers(
    rng: random.Random, household: EntityRow, ward: str, started: datetime
) -> dict[str, Any]:
    """A follow-up visit of ``household`` (as the laptop's list holds it): the result of
    the visit and, when visited, what holds now. Registration and cards improve for some
    (the self-help groups' work), rarely the other way."""
    props = household.properties
    result = pick(rng, [("visited", 78), ("refused", 5), ("moved", 12), ("not_found", 5)])
    visit: dict[str, Any] = {"ward": ward, "hh": household.entity_id, "visit_result": result}
    doc: dict[str, Any] = {
        "start": started.isoformat(timespec="seconds"),
        "today": started.date().isoformat(),
        "visit": visit,
    }
    if result == "moved":
        where = pick(rng, [("home_province", 45), ("other_ward", 25), ("other_province", 20),
                           ("dont_know", 10)])  # fmt: skip
        visit["moved_where"] = where
        if where == "other_ward":
            visit["new_ward"] = rng.choice(["phuc_tan", "chuong_duong", "hang_bac"])
    if result != "visited":
        return doc
    temp_reg = props.get("temp_reg", "no")
    if temp_reg != "yes_valid" and rng.random() < 0.35:
        temp_reg = "yes_valid"
    elif temp_reg == "yes_valid" and rng.random() < 0.08:
        temp_reg = "expired"
    hi_card = props.get("hi_card", "none")
    got_card = hi_card == "none" and rng.random() < 0.3
    if got_card:
        hi_card = pick(rng, [("hanoi", 60), ("home_province", 40)])
    occupation = props.get("occupation", "other")
    if rng.random() < 0.2:
        occupation = pick(rng, NEW_WORK)
    income = int(float(props.get("income_month") or 0) or 6_000_000)
    moved_room = rng.random() < 0.15
    changes: dict[str, Any] = {
        "same_address": "no" if moved_room else "yes",
        "temp_reg_now": temp_reg,
        "hi_card_now": hi_card,
        "occupation_now": occupation,
        "income_now": 0
        if occupation == "no_work"
        else int(round(income * rng.uniform(0.8, 1.3), -5)),
        "hh_size_now": max(1, int(float(props.get("hh_size") or 1)) + rng.choice([0, 0, 0, 1, -1])),
        "shg_helped": "yes" if rng.random() < 0.4 else "no",
    }
    if moved_room:
        changes["address_now"] = f"{rng.randint(1, 180)} {rng.choice(LANES)}"
    if got_card:
        changes["hi_help"] = [pick(rng, [("shg", 50), ("employer", 20), ("ward_office", 15),
                                          ("self", 15)])]  # fmt: skip
    if rng.random() < 0.1:
        changes["phone_now"] = f"09{rng.randint(10_000_000, 99_999_999)}"
    doc["changes"] = changes
    return doc


def _income(rng: random.Random, income: int) -> int:
    return int(round(income * rng.uniform(0.8, 1.3), -5))


def use_lists(compiled: CompiledForm, ws: Any) -> None:
    """Give the follow-up form this laptop's entity lists (as the app's entry screen does)."""
    from fieldsurvey.forms.xpath_attachments import use_entities
    from fieldsurvey.store.entities import StoreEntitySource

    use_entities(compiled, StoreEntitySource(ws.db))
