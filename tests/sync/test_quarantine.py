"""Issue 12, items 1-2: every received record is checked against the form version it
claims; one that fails is quarantined (kept, not merged), the others merge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import (
    EMPTY_HEAD,
    World,
    bound_wire,
    dump,
    encrypted_payload,
    forge,
    streamed_payload,
)

from fieldsurvey.errors import SyncError
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import audit, interviews, quarantine
from fieldsurvey.store import forms as forms_store
from fieldsurvey.sync import keys, quarantine_actions, record_checks
from fieldsurvey.sync.bundle_import import FileReport, import_bytes
from fieldsurvey.sync.campaign import DeviceConfig
from fieldsurvey.sync.canonical_json import dumps

FORM_MD = """
| survey |
|        | type                  | name         | label        | required | constraint          |
|        | text                  | hh_name      | Name         | yes      |                     |
|        | integer               | members      | Members      | yes      | . >= 1 and . <= 50  |
|        | decimal               | income_month | Income       |          |                     |
|        | date                  | visit_date   | Visit date   |          |                     |
|        | select_one yn         | has_phone    | Phone?       |          |                     |
|        | select_multiple src   | sources      | Sources      |          |                     |
|        | begin_group           | respondent   | Respondent   |          |                     |
|        | integer               | resp_age     | Age          |          |                     |
|        | end_group             |              |              |          |                     |
|        | begin_repeat          | people       | People       |          |                     |
|        | text                  | pname        | Person       |          |                     |
|        | end_repeat            |              |              |          |                     |
| choices |
|        | list_name | name   | label  |
|        | yn        | yes    | Yes    |
|        | yn        | no     | No     |
|        | src       | wage   | Wage   |
|        | src       | farm   | Farm   |
|        | src       | remit  | Remit  |
| settings |
|          | form_id | version |
|          | hh_q    | 7       |
"""
FORM_ID, VERSION = "hh_q", "7"
GOOD: dict[str, Any] = {
    "hh_name": "Nguyễn Văn A",
    "members": 4,
    "income_month": 5_500_000.5,
    "visit_date": "2026-11-20",
    "has_phone": "yes",
    "sources": ["wage", "remit"],
    "respondent": {"resp_age": 41},
    "people": [{"pname": "Bình"}, {"pname": "Lan\nthứ hai"}],
}
# what a bundle of quarantined records changes: the quarantine and the bundle's bookkeeping
CHANGED = {"sync_quarantine", "sync_bundles", "sync_audit_heads"}


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> FormSpec:
    path = markdown_to_xlsx(FORM_MD, tmp_path_factory.mktemp("form") / "hh_q.xlsx")
    return load_form(path, use_cache=False)


def install(world: World, spec: FormSpec) -> None:
    forms_store.save_form(
        world.coord, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash
    )


def record(config: DeviceConfig, answers: Any, **kw: Any) -> dict[str, Any]:
    """A wire record of ``config``'s laptop whose uuid is bound to it."""
    return bound_wire(config, answers, **{"form_id": FORM_ID, "form_version": VERSION, **kw})


_sequence = {"n": 0}


def _head() -> dict[str, Any]:
    """The header's audit chain head: empty (these records carry no audit entries)."""
    return EMPTY_HEAD


def send(world: World, records: list[dict[str, Any]], sequence: int = 1) -> FileReport:
    bundle = f"00000000-0000-4000-8000-{sequence:012d}"
    payload = streamed_payload(world.a, records, sequence=sequence, bundle=bundle)
    data = forge(world.a, payload=payload, sequence=sequence, bundle=bundle, **_head())
    report = import_bytes(world.coord, data, f"{sequence}.fsb")
    assert report.status == "accepted", report
    assert report.merge is not None
    return report


def changed_tables(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    return {name for name in after if before.get(name) != after[name]}


def quarantined_as(world: World, rec: dict[str, Any], code: str) -> quarantine.Quarantined:
    held = quarantine.get(world.coord, rec["uuid"])
    assert held is not None, "the record is kept, not lost"
    assert held.code == code
    assert held.device_id == world.a.device_id
    assert (held.form_id, held.form_version) == (rec["form_id"], rec["form_version"])
    assert json.loads(held.record)["answers"] == rec["answers"]
    return held


def test_valid_record_merges(world: World, spec: FormSpec) -> None:
    install(world, spec)
    rec = record(world.a, GOOD)
    report = send(world, [rec])
    assert report.merge is not None
    assert report.merge.new == [rec["uuid"]] and report.merge.quarantined == []
    assert interviews.get_interview(world.coord, rec["uuid"]).answers == GOOD
    assert quarantine.list_records(world.coord) == []


BAD_CASES = [
    ("nan_text_decimal", {"income_month": "NaN"}, "forms.answer_number"),
    ("huge_decimal", {"income_month": 1e308}, "sync.quarantine.number_out_of_range"),
    ("huge_integer", {"members": 2**60}, "sync.quarantine.number_out_of_range"),
    ("digits_decimal", {"income_month": "9" * 30}, "sync.quarantine.number_out_of_range"),
    ("digits_inf", {"income_month": "9" * 400}, "forms.answer_number"),
    ("group_as_list", {"respondent": [{"resp_age": 3}]}, "forms.group_not_object"),
    ("repeat_as_object", {"people": {"pname": "x"}}, "forms.repeat_not_list"),
    ("unknown_field", {"salary": 3}, "forms.no_field_here"),
    ("not_a_date", {"visit_date": "2026-13-45"}, "forms.answer_date"),
    ("choice_not_listed", {"has_phone": "maybe"}, "sync.quarantine.not_a_choice"),
    ("multi_not_listed", {"sources": ["wage", "lottery"]}, "sync.quarantine.not_a_choice"),
    # over the record cap, under the line cap (a longer line refuses the bundle:
    # test_payload_stream)
    ("long_string", {"hh_name": "x" * 2_000_000}, "sync.quarantine.record_too_large"),
    ("string_over_cap", {"hh_name": "x" * 10_001}, "sync.quarantine.string_too_long"),
    ("control_chars", {"hh_name": "A\x1b[31mB"}, "sync.quarantine.control_character"),
    ("constraint_fails", {"members": 99}, "sync.quarantine.fails_checks"),
]


def _deep(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = {"a": value}
    return value


@pytest.mark.parametrize(("name", "change", "code"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_answers_are_quarantined_and_the_rest_merges(
    world: World, spec: FormSpec, name: str, change: dict[str, Any], code: str
) -> None:
    install(world, spec)
    good = record(world.a, GOOD, household_id="HH-good")
    bad = record(world.a, {**GOOD, **change})
    report = send(world, [bad, good])
    assert report.merge is not None
    assert report.merge.new == [good["uuid"]]
    assert [q.uuid for q in report.merge.quarantined] == [bad["uuid"]]
    assert report.merge.quarantined[0].code == code
    assert [row[0] for row in dump(world.coord)["interviews"]] == [good["uuid"]]
    quarantined_as(world, bad, code)
    assert audit.verify_chain(world.coord) == []


def test_lone_surrogate_never_merges(world: World, spec: FormSpec) -> None:
    """A lone surrogate (valid JSON escape, not encodable text) breaks every UTF-8 output."""
    install(world, spec)
    bad = record(world.a, {**GOOD, "hh_name": "SURROGATE"})
    bundle = "00000000-0000-4000-8000-000000000001"
    body = {
        "format": 1, "kind": "bundle-payload", "campaign": world.a.campaign_id,
        "device": world.a.device_id, "sequence": 1, "bundle": bundle,
        "interviews": [bad], "audit": [],
    }  # fmt: skip
    text = dumps(body).replace(b'"SURROGATE"', b'"A\\ud800"')
    payload = bytes(pyrage.encrypt(text, [keys.age_recipient(r) for r in world.a.recipients]))
    head = EMPTY_HEAD
    before = dump(world.coord)
    report = import_bytes(world.coord, forge(world.a, payload=payload, **head), "s.fsb")
    after = dump(world.coord)
    assert after["interviews"] == before["interviews"]
    if report.status == "accepted":  # the payload parser let it through: quarantined
        assert report.merge is not None
        assert [q.code for q in report.merge.quarantined] == ["sync.quarantine.control_character"]
    else:  # refused whole, nothing changed
        assert after == before


def only_quarantine_changed(world: World, records: list[dict[str, Any]]) -> FileReport:
    before = dump(world.coord)
    report = send(world, records)
    after = dump(world.coord)
    assert changed_tables(before, after) <= CHANGED
    assert after["interviews"] == before["interviews"]
    return report


def test_an_unanswered_required_question_is_not_a_reason(world: World, spec: FormSpec) -> None:
    """Incomplete is not invalid: records completed without the engine's checks merge."""
    install(world, spec)
    rec = record(world.a, {**GOOD, "hh_name": None})
    report = send(world, [rec])
    assert report.merge is not None and report.merge.new == [rec["uuid"]]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"income_month": "NaN"}, "forms.answer_number"),
        ({"income_month": 1e308}, "sync.quarantine.number_out_of_range"),
        ({"respondent": [{"resp_age": 3}]}, "forms.group_not_object"),
        ({"hh_name": "\x00\x07"}, "sync.quarantine.control_character"),
        ({"hh_name": "a\u2029b"}, "sync.quarantine.control_character"),
        ({"people": [{"pname": "y" * 20_000}]}, "sync.quarantine.string_too_long"),
    ],
)
def test_only_the_quarantine_changes(
    world: World, spec: FormSpec, change: dict[str, Any], code: str
) -> None:
    install(world, spec)
    bad = record(world.a, {**GOOD, **change})
    report = only_quarantine_changed(world, [bad])
    assert report.merge is not None and report.merge.new == []
    quarantined_as(world, bad, code)


def test_deep_nesting_is_quarantined(world: World, spec: FormSpec) -> None:
    install(world, spec)
    bad = record(world.a, {**GOOD, "hh_name": _deep(200)})
    only_quarantine_changed(world, [bad])
    held = quarantined_as(world, bad, "sync.quarantine.too_deep")
    assert json.loads(held.params) == {"max": record_checks.MAX_DEPTH}


@pytest.mark.parametrize(
    ("meta", "code"),
    [
        ({"created": "2026-13-45T99:99:99Z"}, "sync.quarantine.meta_time"),
        ({"updated": "yesterday"}, "sync.quarantine.meta_time"),
        ({"updated": "1066-10-14T09:00:00+00:00"}, "sync.quarantine.meta_time"),
        ({"ward": "phuc_tan\x1b[2J"}, "sync.quarantine.meta_control"),
        ({"household_id": "HH\r\n1"}, "sync.quarantine.meta_control"),
        ({"household_id": "HH\n1"}, "sync.quarantine.meta_control"),
        ({"enumerator": "Lan\u2028"}, "sync.quarantine.meta_control"),
        ({"respondent": "Bà\x07"}, "sync.quarantine.meta_control"),
    ],
)
def test_bad_metadata_is_quarantined(
    world: World, spec: FormSpec, meta: dict[str, str], code: str
) -> None:
    install(world, spec)
    bad = record(world.a, GOOD, **meta)
    only_quarantine_changed(world, [bad])
    quarantined_as(world, bad, code)


def test_path_like_form_id_is_quarantined_not_waiting(world: World, spec: FormSpec) -> None:
    install(world, spec)
    bad = record(world.a, GOOD, form_id="../../etc/passwd")
    only_quarantine_changed(world, [bad])
    quarantined_as(world, bad, "sync.quarantine.form_id_invalid")
    assert quarantine_actions.recheck(world.coord).merged == []


def test_form_not_installed_waits_then_merges_when_installed(world: World, spec: FormSpec) -> None:
    waiting = record(world.a, GOOD)
    report = only_quarantine_changed(world, [waiting])
    assert report.merge is not None
    [item] = report.merge.quarantined
    assert item.code == record_checks.NOT_INSTALLED
    assert "hh_q" in item.reason_text("en") and "hh_q" in item.reason_text("vi")
    held = quarantined_as(world, waiting, record_checks.NOT_INSTALLED)
    assert json.loads(held.params) == {"form_id": FORM_ID, "version": VERSION}
    assert quarantine_actions.recheck(world.coord).still == [waiting["uuid"]]

    install(world, spec)
    result = quarantine_actions.recheck(world.coord)
    assert result.merged == [waiting["uuid"]]
    assert interviews.get_interview(world.coord, waiting["uuid"]).answers == GOOD
    assert quarantine.list_records(world.coord) == []
    assert audit.verify_chain(world.coord) == []


def test_waiting_record_that_fails_its_form_stays(world: World, spec: FormSpec) -> None:
    bad = record(world.a, {**GOOD, "members": 99})
    send(world, [bad])
    install(world, spec)
    result = quarantine_actions.recheck(world.coord)
    assert result.still == [bad["uuid"]]
    quarantined_as(world, bad, "sync.quarantine.fails_checks")


def test_a_newer_valid_revision_supersedes_the_quarantined_one(
    world: World, spec: FormSpec
) -> None:
    install(world, spec)
    bad = record(world.a, {**GOOD, "members": 99})
    send(world, [bad], sequence=1)
    fixed = {**bad, "revision": 2, "answers": GOOD}
    report = send(world, [fixed], sequence=2)
    assert report.merge is not None and report.merge.new == [bad["uuid"]]
    assert quarantine.get(world.coord, bad["uuid"]) is None


def test_drop_and_return(world: World, spec: FormSpec) -> None:
    install(world, spec)
    one = record(world.a, {**GOOD, "members": 99})
    two = record(world.a, {**GOOD, "income_month": 1e308}, household_id="HH-2")
    send(world, [one, two])
    assert quarantine_actions.drop_record(world.coord, one["uuid"][:8], who="coord") == one["uuid"]
    assert quarantine.get(world.coord, one["uuid"]) is None
    with pytest.raises(SyncError, match="No quarantined interview"):
        quarantine_actions.drop_record(world.coord, one["uuid"], who="coord")
    with pytest.raises(SyncError, match="comment"):
        quarantine_actions.return_record(world.coord, two["uuid"], "  ", who="coord")
    quarantine_actions.return_record(world.coord, two["uuid"], "Thu nhập sai", who="coord")
    held = quarantine.get(world.coord, two["uuid"])
    assert held is not None and (held.status, held.comment) == ("returned", "Thu nhập sai")
    assert quarantine.returned_for_device(world.coord, world.a.device_id) == [
        (two["uuid"], 1, "Thu nhập sai")
    ]
    actions = [e.action for e in audit.entries(world.coord)]
    assert "quarantine-drop" in actions and "quarantine-return" in actions
    assert audit.verify_chain(world.coord) == []


def test_a_returned_record_goes_back_with_the_next_receipt(world: World, spec: FormSpec) -> None:
    """Returning a quarantined record used to record the comment only: the laptop never
    heard of it. Now the next receipt for that laptop carries it back with the comment."""
    from fieldsurvey.sync.receipts import build_receipt

    install(world, spec)
    rec = record(world.a, {**GOOD, "members": 99})
    send(world, [rec])
    quarantine_actions.return_record(world.coord, rec["uuid"], "Số người sai", who="coord")
    _data, payload = build_receipt(world.coord, "laptop-a")
    assert [(r.uuid, r.comment) for r in payload.returned] == [(rec["uuid"], "Số người sai")]
    assert rec["uuid"] not in [a.uuid for a in payload.acknowledged]


def test_a_returned_record_reaches_the_laptop_as_returned(world: World, tmp_path: Path) -> None:
    """End to end: a laptop's interview with a text over the limit is quarantined, the
    coordinator returns it, and the laptop's next receipt makes it editable again with
    the comment."""
    from sync_helpers import completed

    from fieldsurvey.sync.bundle_import import import_files
    from fieldsurvey.sync.bundle_writer import export_bundle
    from fieldsurvey.sync.receipts import build_receipt, import_receipt

    [uuid] = completed(world.lap_a, 1, notes="x" * (record_checks.MAX_STRING + 1))
    sent = export_bundle(world.lap_a, tmp_path)
    assert sent.path is not None
    [report] = import_files(world.coord, [sent.path]).files
    assert report.merge is not None
    assert [q.uuid for q in report.merge.quarantined] == [uuid]
    quarantine_actions.return_record(world.coord, uuid, "Ghi chú quá dài", who="coord")
    data, _payload = build_receipt(world.coord, "laptop-a")
    import_receipt(world.lap_a, data)
    back = interviews.get_interview(world.lap_a, uuid)
    assert (back.status, back.comment) == ("returned", "Ghi chú quá dài")


FILTERED_MD = """
| survey |
|        | type               | name     | label    | choice_filter         |
|        | select_one district | district | District |                       |
|        | select_one ward     | ward_q   | Ward     | district = ${district} |
| choices |
|        | list_name | name         | label        | district    |
|        | district  | hoan_kiem    | Hoàn Kiếm    |             |
|        | district  | ba_dinh      | Ba Đình      |             |
|        | ward      | phuc_tan     | Phúc Tân     | hoan_kiem   |
|        | ward      | chuong_duong | Chương Dương | hoan_kiem   |
|        | ward      | kim_ma       | Kim Mã       | ba_dinh     |
| settings |
|          | form_id | version |
|          | hh_q    | 7       |
"""


def test_a_choice_its_filter_does_not_offer_is_quarantined(world: World, tmp_path: Path) -> None:
    """A ward of another district is in the list but not offered after the choice_filter:
    the engine evaluates the filter for the record, as on the laptop."""
    filtered = load_form(markdown_to_xlsx(FILTERED_MD, tmp_path / "f.xlsx"), use_cache=False)
    install(world, filtered)
    good = record(world.a, {"district": "hoan_kiem", "ward_q": "phuc_tan"})
    other = record(world.a, {"district": "hoan_kiem", "ward_q": "kim_ma"}, household_id="H2")
    unknown = record(world.a, {"district": "hoan_kiem", "ward_q": "nowhere"}, household_id="H3")
    report = send(world, [good, other, unknown])
    assert report.merge is not None and report.merge.new == [good["uuid"]]
    for rec in (other, unknown):
        quarantined_as(world, rec, "sync.quarantine.not_a_choice")


# --- property: a record built from the form's spec merges (and exports) or waits -----
_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
_clean = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zs")), min_size=1, max_size=40)
_valid = st.fixed_dictionaries(
    {"hh_name": _clean, "members": st.integers(min_value=1, max_value=50)},
    optional={
        "income_month": st.floats(min_value=0, max_value=1e9),
        "visit_date": st.dates().map(str),
        "has_phone": st.sampled_from(["yes", "no"]),
        "sources": st.lists(st.sampled_from(["wage", "farm", "remit"]), unique=True),
        "respondent": st.fixed_dictionaries({"resp_age": st.integers(0, 120)}),
        "people": st.lists(st.fixed_dictionaries({"pname": _clean}), max_size=3),
    },
)
_names = st.sampled_from([*GOOD, "extra", "respondent"])
_odd = st.one_of(_value, st.just("NaN"), st.just("2026-02-30"), st.just(51), st.just(1e300))
#: half of the records as the laptop makes them, half with one to two odd values
_mutation = st.one_of(st.just({}), st.dictionaries(_names, _odd, min_size=1, max_size=2))
_answers = st.builds(lambda valid, odd: {**valid, **odd}, _valid, _mutation)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(_answers, min_size=1, max_size=4))
def test_random_records_merge_and_export_or_are_quarantined(
    world: World, spec: FormSpec, tmp_path: Path, batch: list[dict[str, Any]]
) -> None:
    install(world, spec)
    _sequence["n"] += 1
    records = [record(world.a, answers, household_id=f"H{i}") for i, answers in enumerate(batch)]
    report = send(world, records, sequence=_sequence["n"])
    assert report.merge is not None
    merged = set(report.merge.new) | set(report.merge.updated)
    held = {q.uuid for q in report.merge.quarantined}
    assert merged | held == {r["uuid"] for r in records}
    for item in report.merge.quarantined:
        assert item.reason_text("vi") and item.reason_text("en")
    if merged:
        from fieldsurvey.reports.export_writers import export_workspace

        for fmt in ("csv", "xlsx"):
            out = tmp_path / f"{fmt}-{_sequence['n']}"
            result = export_workspace(world.coord, fmt, out, form_id=FORM_ID)  # type: ignore[arg-type]
            assert result.files


def test_an_impossible_header_timestamp_is_refused(world: World) -> None:
    payload = encrypted_payload(world.a, [])
    data = forge(world.a, payload=payload, created="2026-13-45T99:99:99Z", **_head())
    before = dump(world.coord)
    report = import_bytes(world.coord, data, "time.fsb")
    assert report.status == "rejected" and report.check == "header"
    assert dump(world.coord) == before
