"""The analysis tables (issue 15): every non-draft interview's answers as columns, kept
up to date where answers change state: completion, reopening, return, deletion, a merge,
a new form version; filled from the interviews already there when a workspace upgrades."""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import analysis_tables, interviews
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.analysis_tables import Selection
from fieldsurvey.store.interview_binding import new_identity
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_payload import BundlePayload, WireInterview
from fieldsurvey.sync.merge import merge_payload

PASSWORD = "analysis tables"
FORM = """
| survey |
| | type | name | label |
| | select_one ward | ward | Ward |
| | select_multiple help | helps | Help |
| | decimal | income | Income |
| | integer | size | Size |
| | begin group | home | Home |
| | integer | rooms | Rooms |
| | end group | | |
| | begin repeat | people | People |
| | text | name | Name |
| | integer | age | Age |
| | begin repeat | visits | Visits |
| | date | v_date | Date |
| | end repeat | | |
| | end repeat | | |
{extra}
| choices |
| | list_name | name | label |
| | ward | a | Ward A |
| | ward | b | Ward B |
| | help | food | Food |
| | help | cash | Cash |
| settings |
| | form_id | version | ward_field |
| | census | {version} | ward |
"""


def spec_of(version: str = "1", extra: str = "") -> FormSpec:
    text = FORM.format(version=version, extra=extra)
    return load_form_bytes(text.encode("utf-8"), "census.md", use_cache=False)


def install(ws: Workspace, spec: FormSpec) -> None:
    forms_store.save_form(ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap())
    install(workspace, spec_of())
    analysis_tables.forms_changed(workspace.db)
    yield workspace
    workspace.close()


ANSWERS: dict[str, Any] = {
    "ward": "a",
    "helps": ["food", "cash"],
    "income": 2.5,
    "size": 3,
    "home": {"rooms": 2},
    "people": [
        {"name": "Lan", "age": 30, "visits": [{"v_date": "2026-10-01"}]},
        {"name": "Minh", "age": 8},
    ],
}


def add(
    ws: Workspace, answers: dict[str, Any], *, complete: bool = True, version: str = "1"
) -> str:
    made = interviews.new_interview(
        ws, form_id="census", form_version=version, ward="Ward A", household_id="H-1",
        enumerator="Lan", answers=answers,
    )  # fmt: skip
    if complete:
        interviews.complete(ws, made.uuid, who="Lan")
    return made.uuid


def columns(ws: Workspace, *paths: str, **where: Any) -> dict[str, list[Any]]:
    layout = analysis_tables.layout_of(ws, "census")
    assert layout is not None
    rows = analysis_tables.read_main(
        ws, layout, list(paths), meta=["uuid", "status"], where=Selection(**where)
    )
    return rows.columns


def people(ws: Workspace, *paths: str) -> dict[str, list[Any]]:
    layout = analysis_tables.layout_of(ws, "census")
    assert layout is not None
    return analysis_tables.read_repeat(ws, layout, layout.scopes["people"], list(paths)).columns


def test_a_completed_interview_is_a_row_and_its_roster_rows(ws: Workspace) -> None:
    uuid = add(ws, ANSWERS)
    got = columns(ws, "ward", "helps", "income", "size", "home/rooms")
    assert got["uuid"] == [uuid]
    assert got["helps"] == [["food", "cash"]]  # a select_multiple comes back as its list
    assert (got["income"], got["size"], got["home/rooms"]) == ([2.5], [3], [2])
    assert type(got["size"][0]) is int and type(got["income"][0]) is float
    assert people(ws, "name", "age") == {"name": ["Lan", "Minh"], "age": [30, 8]}
    layout = analysis_tables.layout_of(ws, "census")
    assert layout is not None
    visits = analysis_tables.read_repeat(ws, layout, layout.scopes["people/visits"], ["v_date"])
    assert visits.columns == {"v_date": ["2026-10-01"]}


def test_drafts_are_not_in_the_tables(ws: Workspace) -> None:
    add(ws, ANSWERS, complete=False)
    assert columns(ws, "size")["uuid"] == []


def test_reopen_removes_the_row_and_completing_again_brings_the_new_answers(
    ws: Workspace,
) -> None:
    uuid = add(ws, ANSWERS)
    interviews.reopen(ws, uuid, reason="wrong size", who="Lan")
    assert columns(ws, "size")["uuid"] == []
    assert people(ws, "name") == {"name": []}
    interviews.set_answer(ws, uuid, "size", 4, who="Lan")
    interviews.set_answer(ws, uuid, "people[2]/name", "Minh Anh", who="Lan")
    interviews.complete(ws, uuid, who="Lan")
    assert columns(ws, "size")["size"] == [4]
    assert people(ws, "name") == {"name": ["Lan", "Minh Anh"]}


def test_a_returned_interview_keeps_its_row_and_its_corrections_are_read(ws: Workspace) -> None:
    uuid = add(ws, ANSWERS)
    interviews.mark_exported(ws, uuid, who="export")
    interviews.return_for_correction(ws, uuid, "check the rooms", who="coordinator")
    assert columns(ws, "home/rooms") == {"uuid": [uuid], "status": ["returned"], "home/rooms": [2]}
    # autosave of a returned interview does not rewrite the row: it is read from its
    # document until the next state change brings the row up to date
    interviews.set_answer(ws, uuid, "home/rooms", 5, who="Lan")
    layout = analysis_tables.layout_of(ws, "census")
    assert layout is not None
    main = analysis_tables.read_main(ws, layout, ["home/rooms"])
    assert main.columns["home/rooms"] == [] and main.documents == [uuid]
    interviews.complete(ws, uuid, who="Lan")
    assert columns(ws, "home/rooms")["home/rooms"] == [5]


def test_odd_answers_mark_the_row_to_be_read_from_its_document(ws: Workspace) -> None:
    clean = add(ws, ANSWERS)
    odd = [
        add(ws, {**ANSWERS, "size": True}),  # true/false is not a number
        add(ws, {**ANSWERS, "income": "007"}),  # kept: text stays text (no affinity)
        add(ws, {**ANSWERS, "helps": "food cash"}),  # ODK's text form of a list
        add(ws, {**ANSWERS, "home": ["rooms"]}),  # a group that is not an object
        add(ws, {**ANSWERS, "people": [{"name": "Lan"}, "Minh"]}),
        add(ws, {**ANSWERS, "size": 2**70}),
        add(ws, {**ANSWERS, "home/rooms": 3}),  # an export would read it as a path
    ]
    layout = analysis_tables.layout_of(ws, "census")
    assert layout is not None
    main = analysis_tables.read_main(ws, layout, ["income", "size"])
    assert sorted(main.documents) == sorted(o for i, o in enumerate(odd) if i != 1)
    assert main.columns["income"] == [2.5, "007"]
    assert clean in columns(ws, "size")["uuid"]


def test_selection_by_ward_and_date(ws: Workspace) -> None:
    a = add(ws, {**ANSWERS, "ward": "a"})
    b = add(ws, {**ANSWERS, "ward": "b"})
    declined = add(ws, {"size": 1})  # no ward answer: the record's "Ward A" is ward a
    assert sorted(columns(ws, "size", ward_keys=["a"])["uuid"]) == sorted([a, declined])
    assert columns(ws, "size", ward_keys=["b"])["uuid"] == [b]
    assert columns(ws, "size", date_to="2000-01-01")["uuid"] == []
    assert len(columns(ws, "size", date_from="2000-01-01")["uuid"]) == 3


def test_a_new_form_version_adds_its_columns_and_old_rows_have_none(ws: Workspace) -> None:
    old = add(ws, ANSWERS)
    v2 = spec_of("2", extra="| | text | phone | Phone |")
    install(ws, v2)  # installing the version brings the tables up to date at once
    layout = analysis_tables.layout_of(ws, "census")
    assert layout is not None and layout.main.column("phone") is not None
    new = add(ws, {**ANSWERS, "phone": "0912"}, version="2")
    got = columns(ws, "phone", "size")
    assert dict(zip(got["uuid"], got["phone"], strict=True)) == {old: None, new: "0912"}
    catalogue = ws.db.execute(
        "SELECT path, qtype FROM analysis_columns WHERE form_id = 'census' AND path = 'phone'"
    ).fetchall()
    assert catalogue == [("phone", "text")]


def test_an_upgraded_workspace_fills_the_tables_from_its_interviews(tmp_path: Path) -> None:
    home = tmp_path / "old"
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        install(ws, spec_of())
        made = [add(ws, {**ANSWERS, "size": n}) for n in range(1, 4)]
        add(ws, ANSWERS, complete=False)
        # as a workspace of the version before migration 0019 was
        db = ws.db
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'analysis%'"
        ).fetchall():
            db.execute(f"DROP TRIGGER {name}")
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'analysis%' "
            "ORDER BY name = 'analysis_forms', name"  # the catalogue's parent table last
        ).fetchall():
            db.execute(f"DROP TABLE {name}")
        db.execute("DROP INDEX idx_interviews_form")
        db.execute("DELETE FROM _migrations WHERE name = '0019_analysis_tables'")
    with Workspace.open(home, PASSWORD) as ws:
        got = columns(ws, "size")
        assert dict(zip(got["uuid"], got["size"], strict=True)) == dict(
            zip(made, [1, 2, 3], strict=True)
        )
        assert len(people(ws, "name")["name"]) == 6


def test_a_merged_newer_revision_replaces_the_row(tmp_path: Path) -> None:
    """The coordinator's merge keeps the tables in its own transaction: a newer revision
    of an interview replaces its row and its roster rows."""
    with Workspace.create(
        tmp_path / "coord", PASSWORD, role="coordinator", kdf=KdfParams.cheap()
    ) as ws:
        install(ws, spec_of())
        analysis_tables.forms_changed(ws.db)
        device = str(uuid_module.uuid4())
        uuid, nonce = new_identity(device)

        def record(revision: int, answers: dict[str, Any]) -> WireInterview:
            return WireInterview(
                uuid=uuid, form_id="census", form_version="1", ward="Ward A",
                household_id="H-1", respondent="", enumerator="Lan", device_id=device,
                status="completed", created="2026-11-23T10:00:00.000+00:00",
                updated="2026-11-23T10:00:00.000+00:00", revision=revision, base_revision=0,
                nonce=nonce, answers=answers,
            )  # fmt: skip

        for sequence, revision, answers in (
            (1, 2, ANSWERS),
            (2, 5, {**ANSWERS, "size": 9, "people": [{"name": "Hoa", "age": 41}]}),
        ):
            payload = BundlePayload(
                campaign=str(uuid_module.uuid4()), device=device, sequence=sequence,
                bundle=str(uuid_module.uuid4()), interviews=[record(revision, answers)],
            )  # fmt: skip
            with ws.transaction() as db:
                report = merge_payload(
                    db, payload, device_id=device, bundle_id=payload.bundle, who="coordinator"
                )
            assert report.new + report.updated == [uuid], report
        got = columns(ws, "size")
        assert (got["uuid"], got["size"]) == ([uuid], [9])
        assert people(ws, "name", "age") == {"name": ["Hoa"], "age": [41]}


def test_a_backlog_of_stale_rows_larger_than_sqlites_variable_limit_is_read(
    ws: Workspace,
) -> None:
    """Rows waiting for a refresh are read from their documents; a backlog of more than
    250,000 of them (a store of 1,000,000 upgraded, a write path that does not refresh)
    does not stop reports and exports with "too many SQL variables"."""
    kept = add(ws, ANSWERS)
    waiting = add(ws, ANSWERS)
    with ws.transaction() as db:
        db.executemany(
            "INSERT INTO analysis_stale (uuid) VALUES (?)",
            [[waiting], *([str(uuid_module.uuid4())] for _ in range(250_000))],
        )
    layout = analysis_tables.layout_of(ws, "census")
    assert layout is not None
    rows = analysis_tables.read_main(ws, layout, ["size"], meta=["uuid"])
    assert rows.columns["uuid"] == [kept]
    assert rows.documents == [waiting]  # read from its document
