"""Issue 15: the coordinator checks received records with a check-only engine path
(``forms/engine_check``: each computation once, in rank order, no session state kept),
which must reach the very verdicts of a full session; its compiled forms are cached per
form version and must see attachments published after a first check."""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import EMPTY_HEAD, World, bound_wire, forge, streamed_payload

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.engine_check import AnswerCheck, CheckPlan
from fieldsurvey.forms.installed import install_form_file
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.resources import resource_path
from fieldsurvey.store import interviews, quarantine
from fieldsurvey.sync import record_checks
from fieldsurvey.sync.bundle_import import FileReport, import_bytes
from fieldsurvey.sync.bundle_payload import WireInterview

STREETS_FORM = """
| survey |  |  |  |  |
|  | type | name | label | choice_filter |
|  | select_one_from_file wards.csv | ward | Phường | |
|  | select_one_from_file streets.csv | street | Phố | ward=${ward} |
| settings | | |
| | form_id | version | form_title |
| | streets_late | 1 | Đường phố |
"""
WARDS = "name,label\nphuc_tan,Phúc Tân\nchuong_duong,Chương Dương\n".encode()
STREETS = (
    "name,label,ward\nhang_ma,Hàng Mã,phuc_tan\ntran_quang_khai,Trần Quang Khải,chuong_duong\n"
).encode()


def send(world: World, records: list[dict[str, Any]], sequence: int) -> FileReport:
    bundle = f"00000000-0000-4000-8000-{sequence:012d}"
    payload = streamed_payload(world.a, records, sequence=sequence, bundle=bundle)
    data = forge(world.a, payload=payload, sequence=sequence, bundle=bundle, **EMPTY_HEAD)
    report = import_bytes(world.coord, data, f"{sequence}.fsb")
    assert report.status == "accepted" and report.merge is not None, report
    return report


def test_files_added_to_a_version_after_a_first_check_are_used(world: World) -> None:
    """A version published before its files: its lists cannot be checked, so records
    merge. Once the coordinator adds the files to the same version, a street the file
    does not list is quarantined: the cached compiled form must not hide the files."""
    folder = world.root / "late"
    folder.mkdir()
    form = markdown_to_xlsx(STREETS_FORM, folder / "streets.xlsx")
    first = install_form_file(world.coord, form)
    assert sorted(m.name for m in first.missing) == ["streets.csv", "wards.csv"]
    early = bound_wire(world.a, {"ward": "phuc_tan", "street": "nowhere"},
                       form_id="streets_late", form_version="1")  # fmt: skip
    assert send(world, [early], 1).merge.new == [early["uuid"]]  # type: ignore[union-attr]

    media = folder / "streets-media"
    media.mkdir()
    (media / "wards.csv").write_bytes(WARDS)
    (media / "streets.csv").write_bytes(STREETS)
    later = install_form_file(world.coord, form)
    assert sorted(later.attachments) == ["streets.csv", "wards.csv"]
    good = bound_wire(world.a, {"ward": "phuc_tan", "street": "hang_ma"},
                      form_id="streets_late", form_version="1")  # fmt: skip
    bad = bound_wire(world.a, {"ward": "phuc_tan", "street": "nowhere"},
                     form_id="streets_late", form_version="1", household_id="H2")  # fmt: skip
    report = send(world, [good, bad], 2)
    assert report.merge is not None and report.merge.new == [good["uuid"]]
    assert [q.uuid for q in report.merge.quarantined] == [bad["uuid"]]
    held = quarantine.get(world.coord, bad["uuid"])
    assert held is not None and held.code == "sync.quarantine.not_a_choice"
    assert interviews.get_interview(world.coord, good["uuid"]).answers["street"] == "hang_ma"


# --- the check-only path reaches the verdicts of a full session --------------------------
RULES_FORM = """
| survey |
{header}
| | integer | n_kids | Kids | | . >= 0 and . <= 6 | | | | |
| | select_one yn | has_farm | Farm? | | | | | | |
| | begin_group | farm | Farm | ${has_farm} = 'yes' | | | | | |
| | decimal | area | Area | | . > 0 | | | | |
| | decimal | area_big | Big area | | . < 100 | soft | | | |
| | select_one kinds | crop_kind | Kind | | | | | | |
| | select_one crops | crop | Crop | | | | | kind = ${crop_kind} | |
| | end_group | | | | | | | | |
| | begin_repeat | kids | Kids | | | | | | ${n_kids} |
| | text | kname | Name | | | | | | |
| | integer | kage | Age | | . >= 0 and . < 18 | | | | |
| | calculate | is_school | | | | | if(${kage} >= 6, 1, 0) | | |
| | select_one yn | in_school | School? | ${kage} >= 6 | | | | | |
| | integer | grade | Grade | ${in_school} = 'yes' | . <= ${kage} - 5 | | | | |
| | end_repeat | | | | | | | | |
| | calculate | n_school | | | | | sum(${is_school}) | | |
| | integer | n_said | At school | | . = ${n_school} | | | | |
| | begin_group | extra | Extra | ${extra_flag} = 'yes' | | | | | |
| | select_one yn | extra_flag | More? | | | | | | |
| | text | extra_note | Note | ${n_kids} > 2 | | | | | |
| | end_group | | | | | | | | |
| | text | why_no_farm | Why | ${has_farm} = 'no' | | | | | |
| | note | done | Done | ${has_farm} = 'no' | | | | | |
| choices |
| | list_name | name | label | kind |
| | yn | yes | Yes | |
| | yn | no | No | |
| | kinds | grain | Grain | |
| | kinds | fruit | Fruit | |
| | crops | rice | Rice | grain |
| | crops | maize | Maize | grain |
| | crops | mango | Mango | fruit |
| settings |
| | form_id | version |
| | rules | 1 |
""".replace(
    "{header}",
    "| | type | name | label | relevant | constraint | constraint_type | calculation "
    "| choice_filter | repeat_count |",
)


@functools.cache
def default_form() -> CompiledForm:
    return FormEngine.build(load_form(resource_path("forms", "migrant_household.xlsx")))


@functools.cache
def rules_form() -> CompiledForm:
    folder = Path(tempfile.mkdtemp(prefix="rules-form-"))
    try:
        path = markdown_to_xlsx(RULES_FORM, folder / "rules.xlsx")
        return FormEngine.build(load_form(path, use_cache=False))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _values(compiled: CompiledForm, node: Any) -> st.SearchStrategy[Any]:
    """Answers of a question as a laptop (or a tampered bundle) may send them."""
    qtype = node.type
    names = [c.name for c in compiled.spec.choices.get(node.choices or "", [])]
    if qtype == "integer":
        return st.one_of(st.integers(-3, 130), st.sampled_from([0, 1, 5, 6, 15, 64, 65, 10**9]))
    if qtype in ("decimal", "range"):
        return st.one_of(st.floats(-1, 600, allow_nan=False), st.sampled_from([0.0, 99.5, 1e16]))
    if qtype == "select_one":
        return st.sampled_from([*names, "other", "bogus"])
    if qtype == "select_multiple":
        return st.lists(st.sampled_from([*names, "none", "bogus"]), max_size=3, unique=True)
    if qtype == "text":
        return st.sampled_from(["x", "PT-12", "Nguyễn Văn A", "bad id!"])
    if qtype == "calculate":
        return st.one_of(st.integers(0, 3), st.sampled_from(["", "1.5"]))
    if qtype == "date":
        return st.dates().map(str)
    return st.nothing()


def _document(compiled: CompiledForm, parent: Any) -> st.SearchStrategy[dict[str, Any]]:
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for node in parent.children:
        if node.kind == "group":
            optional[node.name] = _document(compiled, node)
        elif node.kind == "repeat":
            optional[node.name] = st.lists(_document(compiled, node), max_size=4)
        else:
            values = _values(compiled, node)
            if not values.is_empty:
                optional[node.name] = values
    return st.fixed_dictionaries({}, optional=optional)


def _state(session: Any, plan: CheckPlan) -> list[tuple[Any, ...]]:
    """What a check reads of each node: values, relevance where it matters, the hard
    constraints that fail, choices not offered."""
    from fieldsurvey.forms.engine_check import failing_constraint, unoffered

    out: list[tuple[Any, ...]] = []
    for item in session.items():
        if item.tpl.kind != "question":
            out.append((item.label_path(), item.rel))
            continue
        answered = item.xval != ""
        offered = answered and isinstance(item.xval, str) and not unoffered(session, plan, item)
        out.append((item.label_path(), repr(item.xval), repr(item.xvalue()),
                    item.rel if answered else None, failing_constraint(session, item),
                    offered))  # fmt: skip
    return out


def _agree(compiled: CompiledForm, answers: dict[str, Any]) -> None:
    from fieldsurvey.forms.engine_check import check_session

    plan = CheckPlan(compiled)
    full = CheckPlan(compiled)
    full.single_pass = False  # checked with a full session, as before issue 15
    item = WireInterview(
        uuid="00000000-0000-4000-8000-000000000001", form_id=compiled.spec.form_id,
        form_version=compiled.spec.version,
        ward="w", household_id="h", respondent="", enumerator="e", device_id="d",
        status="completed", created="2026-11-23T10:00:00+00:00",
        updated="2026-11-23T10:00:00+00:00", revision=1, base_revision=0, nonce="n",
        answers=answers,
    )  # fmt: skip
    assert record_checks._check_with_form(plan, item) == record_checks._check_with_form(full, item)
    try:
        reference = compiled.session(answers)
    except Exception as exc:  # the same refusal either way
        with pytest.raises(type(exc)):
            check_session(plan, answers)
        return
    checked = check_session(plan, answers)
    assert _state(checked, plan) == _state(reference, plan)


_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(data=st.data())
def test_default_survey_records_get_the_same_verdict(data: st.DataObject) -> None:
    form = default_form()
    answers = data.draw(_document(form, form.spec))
    if data.draw(st.booleans()):  # most records as a laptop makes them: consent, a roster
        answers.setdefault("consent_section", {})["consent"] = "yes"
        household = answers.setdefault("household", {})
        household["hh_size"] = len(household.get("members", []))
    _agree(form, answers)


@_SETTINGS
@given(data=st.data())
def test_records_of_a_form_with_repeats_relevance_and_constraints_get_the_same_verdict(
    data: st.DataObject,
) -> None:
    form = rules_form()
    answers = data.draw(_document(form, form.spec))
    if data.draw(st.booleans()):  # the count matches the roster (no instance to add)
        answers["n_kids"] = len(answers.get("kids", []))
    _agree(form, answers)


def test_the_check_path_runs_each_computation_once() -> None:
    """A complete record of the default survey is checked without a full session."""
    answers = {"consent_section": {"consent": "yes"},
               "household": {"hh_size": 2, "members": [{"m_age": 30}, {"m_age": 3}]}}  # fmt: skip
    from fieldsurvey.forms.engine_check import check_session

    plan = CheckPlan(default_form())
    checked = check_session(plan, answers)
    assert isinstance(checked, AnswerCheck)
    assert checked.evaluations == 0  # nothing queued or rerun: one pass in rank order
    assert checked.value("household/n_dependants") == 1
    assert checked.value("household/members[2]/m_dependant") == 1
    # a count asking for more members than sent: a full session adds them
    grown = {**answers, "household": {**answers["household"], "hh_size": 3}}
    assert not isinstance(check_session(plan, grown), AnswerCheck)
