"""Reports and exports read from the analysis tables equal those read from the answer
documents (issue 15): the same export tables (cells, columns, notes) for any answers an
interview can hold, and the same ward summary, ward by ward and period by period, for a
campaign of the default survey."""

from __future__ import annotations

import gc
import json
import random
from collections.abc import Iterator
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.reports.export_tables import ExportTable, build_tables
from fieldsurvey.reports.models import DataStamp, Lang, Period
from fieldsurvey.reports.synthetic import synthetic_answers
from fieldsurvey.reports.ward_summary import plan_ward_summary
from fieldsurvey.reports.workspace_reader import (
    StoredInterviews,
    form_specs,
    read_interviews,
    with_ward_codes,
)
from fieldsurvey.store import analysis_tables, interviews
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace

PASSWORD = "equivalence password"
FORM = """
| survey |
| | type | name | label |
| | select_one ward | ward | Ward |
| | select_multiple help | helps | Help |
| | decimal | income | Income |
| | integer | size | Size |
| | text | remark | Remark |
| | begin group | home | Home |
| | integer | rooms | Rooms |
| | select_one ward | home_ward | Home ward |
| | end group | | |
| | begin repeat | people | People |
| | text | name | Name |
| | integer | age | Age |
| | select_multiple help | p_help | Help |
| | begin repeat | visits | Visits |
| | date | v_date | Date |
| | end repeat | | |
| | end repeat | | |
| choices |
| | list_name | name | label |
| | ward | a | Ward A |
| | ward | b | Ward B |
| | help | food | Food |
| | help | cash | Cash |
| settings |
| | form_id | version | ward_field |
| | {form_id} | 1 | ward |
"""


def stored_and_documents(ws: Workspace, form_id: str) -> tuple[StoredInterviews, list[Any]]:
    """The same interviews twice: as read from the workspace (the analysis tables are
    used) and as a plain list (only the documents can be read)."""
    stored = read_interviews(ws, form_id)
    assert stored.analysis() is not None, "the analysis tables should be in use"
    return stored, list(stored)


def same_tables(first: list[ExportTable], second: list[ExportTable]) -> None:
    assert [t.name for t in first] == [t.name for t in second]
    for a, b in zip(first, second, strict=True):
        assert a.columns == b.columns, a.name
        assert a.rows == b.rows, a.name
        assert a.notes == b.notes, a.name


# --- any answers ---------------------------------------------------------------------------
SCALARS = st.one_of(
    st.none(),
    st.sampled_from(["", "a", "b", "food", "food cash", " 12", "007", "NaN", "x\x00y", "\ud800"]),
    st.text(max_size=4),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
)
ODD = st.one_of(
    st.lists(st.sampled_from(["food", "cash", "", "a b", 1, None]), max_size=3),
    st.dictionaries(st.sampled_from(["x", "y/z", "rooms"]), SCALARS, max_size=2),
)
VALUES = st.one_of(SCALARS, SCALARS, ODD)
CHOSEN = st.one_of(st.lists(st.sampled_from(["food", "cash", "other"]), max_size=3), VALUES)


def visit() -> st.SearchStrategy[Any]:
    return st.one_of(st.fixed_dictionaries({}, optional={"v_date": VALUES}), VALUES)


PERSON = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "name": VALUES,
            "age": VALUES,
            "p_help": CHOSEN,
            "visits": st.one_of(st.lists(visit(), max_size=2), VALUES),
        },
    ),
    VALUES,
)
DOCS = st.fixed_dictionaries(
    {},
    optional={
        "ward": VALUES, "helps": CHOSEN, "income": VALUES, "size": VALUES, "remark": VALUES,
        "home": st.one_of(
            st.fixed_dictionaries({}, optional={"rooms": VALUES, "home_ward": VALUES}), VALUES
        ),
        "people": st.one_of(st.lists(PERSON, max_size=3), VALUES),
        "home/rooms": VALUES, "unknown": VALUES, "today": st.sampled_from(["2026-10-01", "x"]),
    },
)  # fmt: skip


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap())
    yield ws
    ws.close()


FORM_NUMBERS = count(1)


def add_form(ws: Workspace) -> FormSpec:
    form_id = f"odd{next(FORM_NUMBERS)}"
    text = FORM.format(form_id=form_id)
    spec = load_form_bytes(text.encode("utf-8"), f"{form_id}.md", use_cache=False)
    forms_store.save_form(ws, form_id, "1", spec.model_dump_json(), spec.source_hash)
    analysis_tables.forms_changed(ws.db)
    return spec


def add_interview(ws: Workspace, spec: FormSpec, doc: dict[str, Any], *, complete: bool) -> None:
    """An interview holding ``doc`` as stored JSON (as a bundle could deliver it: lone
    surrogates, NaN, numbers beyond 64 bits), completed unless a draft is asked for."""
    made = interviews.new_interview(
        ws, form_id=spec.form_id, form_version="1", ward="Ward B", household_id="H",
        enumerator="Lan",
    )  # fmt: skip
    ws.db.execute("UPDATE interviews SET answers = ? WHERE uuid = ?", [json.dumps(doc), made.uuid])
    if complete:
        interviews.complete(ws, made.uuid, who="Lan")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(docs=st.lists(DOCS, min_size=1, max_size=4), draft=st.booleans(), labels=st.booleans())
@example(docs=[{"income": "NaN", "size": "1e400", "remark": "\ud800"}], draft=False, labels=False)
@example(docs=[{"ward": "\ud800"}, {"ward": "a"}], draft=False, labels=False)
@example(docs=[{"helps": ["food", "food"], "people": [{"p_help": []}]}], draft=False, labels=True)
def test_export_tables_from_the_analysis_tables_equal_those_from_the_documents(
    workspace: Workspace, docs: list[dict[str, Any]], draft: bool, labels: bool
) -> None:
    spec = add_form(workspace)
    for i, doc in enumerate(docs):
        add_interview(workspace, spec, doc, complete=not (draft and i == 0))
    stored, documents = stored_and_documents(workspace, spec.form_id)
    specs = form_specs(workspace, spec.form_id)
    same_tables(
        build_tables(stored, specs, labels=labels, lang="en"),
        build_tables(documents, specs, labels=labels, lang="en"),
    )


# --- a campaign of the default survey ----------------------------------------------------------
WARDS = ("phuc_tan", "chuong_duong", "hang_bac", "cua_nam")
LABELS = {"phuc_tan": "Phúc Tân", "chuong_duong": "Chương Dương", "hang_bac": "Hàng Bạc"}


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory, default_spec: FormSpec) -> Iterator[Path]:
    """400 interviews of the default survey over four wards and 90 days, a few of them
    holding answers the tables cannot hold (read from their documents), and drafts."""
    home = tmp_path_factory.mktemp("campaign") / "ws"
    rng = random.Random(15)
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        spec = default_spec
        forms_store.save_form(
            ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash
        )
        for k in range(400):
            ward = WARDS[k % len(WARDS)]
            day = date(2026, 9, 1 + rng.randrange(30))
            doc = synthetic_answers(rng, ward, day)
            if k % 37 == 0:
                doc["respondent"]["resp_age"] = True  # odd: read from the document
            if k % 53 == 0:
                doc.get("social", {})["hi_why_not"] = "cost distance"  # ODK's text form
            if k % 61 == 0:
                doc.pop("location", None)  # no ward answer: the record's ward counts
            made = interviews.new_interview(
                ws, form_id=spec.form_id, form_version=spec.version,
                ward=LABELS.get(ward, ward), household_id=f"H-{k}", enumerator="Lan",
                answers=doc,
            )  # fmt: skip
            if k % 50 != 7:  # a few drafts
                interviews.complete(ws, made.uuid, who="Lan")
    yield home


SELECTIONS: list[dict[str, Any]] = [
    {},
    {"wards": ["phuc_tan"]},
    {"wards": ["Hàng Bạc", "cua_nam", "trang_tien"]},
    {"period": Period(start=date(2026, 9, 10), end=date(2026, 9, 20))},
    {"period": Period(end=date(2026, 9, 5)), "wards": ["chuong_duong"]},
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: ",".join(s) or "all")
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_ward_summary_from_the_analysis_tables_equals_the_one_from_the_documents(
    campaign: Path, selection: dict[str, Any], lang: Lang
) -> None:
    with Workspace.open(campaign, PASSWORD) as ws:
        spec = form_specs(ws, "mnet_migrant_household")[0]
        stored, _ = stored_and_documents(ws, spec.form_id)
        coded = with_ward_codes(stored, spec)
        documents = list(coded)
        stamp = DataStamp()
        ours = plan_ward_summary(coded, spec, lang=lang, stamp=stamp, **selection)
        theirs = plan_ward_summary(documents, spec, lang=lang, stamp=stamp, **selection)
    facts, sections, header = ours
    assert facts.model_dump() == theirs[0].model_dump()
    assert [s.model_dump() for s in sections] == [s.model_dump() for s in theirs[1]]
    assert header == theirs[2]
    assert facts.counts[0][1] not in ("0", "")  # the comparison is of real tables


def test_the_export_of_a_campaign_from_the_analysis_tables_equals_the_one_from_the_documents(
    campaign: Path,
) -> None:
    with Workspace.open(campaign, PASSWORD) as ws:
        specs = form_specs(ws, "mnet_migrant_household")
        stored, documents = stored_and_documents(ws, "mnet_migrant_household")
        assert len(documents) == 392
        for labels in (False, True):
            same_tables(
                build_tables(stored, specs, labels=labels),
                build_tables(documents, specs, labels=labels),
            )


def test_reading_interviews_in_chunks_keeps_their_order_and_leaves_the_gc_on(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each chunk is read with the cyclic GC paused (issue 15: a second at 100,000);
    the interviews still come oldest first, and the GC is on again between chunks, after
    the last one and when the caller stops early."""
    from fieldsurvey.reports import workspace_reader

    monkeypatch.setattr(workspace_reader, "CHUNK", 2)
    spec = add_form(workspace)
    for size in range(5):
        add_interview(workspace, spec, {"size": size}, complete=True)
    stored = read_interviews(workspace, spec.form_id)
    seen = []
    for interview in stored:
        assert gc.isenabled()  # the caller's own work is collected as usual
        seen.append(interview.answers["size"])
    assert seen == [0, 1, 2, 3, 4]
    assert gc.isenabled()
    first = next(iter(stored))
    assert first.answers == {"size": 0}
    assert gc.isenabled()
