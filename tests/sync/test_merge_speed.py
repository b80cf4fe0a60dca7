"""What the merge does to be fast (issue 15) gives what the slower way gave.

- The analysis rows of the records a merge inserts are made from the answers it already
  parsed (``analysis_tables.refresh(db, written)``), not read back: they must equal the
  rows a refill from the stored documents makes.
- The entity actions of a batch are merged with one ``entities.merge_many`` (not one
  interview at a time), while each record is still checked as if the earlier records'
  actions were merged: a household registered and visited again before the laptop synced
  arrives in one bundle and both merge.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import World

from fieldsurvey.forms.installed import install_form_file
from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import analysis_tables, entities, interviews
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.interview_binding import new_identity
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_payload import BundlePayload, WireInterview
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.merge import merge_payload
from fieldsurvey.sync.receipts import build_receipt, import_receipt

CENSUS = """
| survey |
| | type | name | label |
| | select_one ward | ward | Ward |
| | select_multiple help | helps | Help |
| | decimal | income | Income |
| | integer | size | Size |
| | text | note | Note |
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
| choices |
| | list_name | name | label |
| | ward | a | Ward A |
| | ward | b | Ward B |
| | help | food | Food |
| | help | cash | Cash |
| settings |
| | form_id | version | ward_field |
| | census | 1 | ward |
"""


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "coord", "merge speed", role="coordinator",
                          kdf=KdfParams.cheap())  # fmt: skip
    spec = load_form_bytes(CENSUS.encode("utf-8"), "census.md", use_cache=False)
    forms_store.save_form(ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash)
    analysis_tables.forms_changed(ws.db)
    yield ws
    ws.close()


def _answers(k: int) -> dict[str, Any]:
    people = [
        {"name": f"Nguyễn Thị {k}-{i}", "age": 20 + i,
         "visits": [{"v_date": f"2026-10-{d:02d}"} for d in range(1, i + 1)]}
        for i in range(k % 4)
    ]  # fmt: skip
    doc: dict[str, Any] = {
        "ward": "ab"[k % 2], "helps": ["food", "cash"][: k % 3], "income": 2.5 * k,
        "size": len(people), "note": "007" if k % 5 == 0 else f"ghi chú {k}",
        "home": {"rooms": k}, "people": people,
    }  # fmt: skip
    if k % 7 == 3:
        del doc["home"]  # unanswered
    return doc


def _record(device: str, uuid: str, nonce: str, revision: int, k: int) -> WireInterview:
    return WireInterview(
        uuid=uuid, form_id="census", form_version="1", ward="Ward A" if k % 3 else "Hàng Bạc",
        household_id=f"H-{k}", respondent="", enumerator="Lan", device_id=device,
        status="completed", created=f"2026-11-{k % 28 + 1:02d}T10:00:00.000+00:00",
        updated="2026-11-23T10:00:00.000+00:00", revision=revision, base_revision=0,
        nonce=nonce, answers=_answers(k),
    )  # fmt: skip


def _tables(ws: Workspace) -> dict[str, Any]:
    """Every analysis table's rows, the interview's row id replaced by its uuid."""
    db = ws.db
    layout = analysis_tables.layout_of(ws, "census")
    assert layout is not None
    main = layout.main.table
    uuid_of = dict(db.execute(f'SELECT _id, uuid FROM "{main}"').fetchall())
    out: dict[str, Any] = {}
    for scope in layout.all_scopes():
        rows = db.execute(f'SELECT * FROM "{scope.table}"').fetchall()
        out[scope.table] = sorted(
            (uuid_of[r[0]], *r[1:]) for r in rows
        )  # the main table: uuid, uuid, META..., the columns
    return out


def test_analysis_rows_of_merged_records_equal_a_refill_from_the_documents(
    coord: Workspace,
) -> None:
    device = str(uuid_module.uuid4())
    ids = [new_identity(device) for _ in range(30)]
    batches = [
        [_record(device, u, n, 2, k) for k, (u, n) in enumerate(ids[:10])],
        # a newer revision of a held record (read back) among new ones (not read back)
        [_record(device, *ids[0], 5, 41), *(_record(device, u, n, 2, k)
                                            for k, (u, n) in enumerate(ids[10:], 10))],
    ]  # fmt: skip
    for sequence, records in enumerate(batches, 1):
        payload = BundlePayload(
            campaign=str(uuid_module.uuid4()), device=device, sequence=sequence,
            bundle=str(uuid_module.uuid4()), interviews=records,
        )  # fmt: skip
        with coord.transaction() as db:
            report = merge_payload(db, payload, device_id=device, bundle_id=payload.bundle,
                                   who="coordinator")  # fmt: skip
        assert not report.quarantined and not report.rejected, report
    assert len(report.new) == 20 and report.updated == [ids[0][0]]
    assert coord.db.execute("SELECT COUNT(*) FROM analysis_stale").fetchone()[0] == 0
    merged = _tables(coord)
    assert sum(len(rows) for rows in merged.values()) > 60  # the rosters are in

    with coord.transaction() as db:  # a refill from the stored documents
        db.execute("UPDATE analysis_forms SET versions = ''")
        analysis_tables.forms_changed(db)
    assert _tables(coord) == merged


# --- entity actions, per batch --------------------------------------------------------------
REGISTRATION = """
| survey |
| | type | name | label | save_to |
| | text | hh_name | Household head | hh_name |
| | integer | size | Size | size |
| entities |
| | list_name | label |
| | households | ${hh_name} |
| settings |
| | form_id | version |
| | hh_reg | 1 |
"""
FOLLOW_UP = """
| survey |
| | type | name | label | save_to |
| | select_one_from_file households.csv | hh | Household | |
| | integer | size | Size now | size |
| entities |
| | list_name | entity_id |
| | households | ${hh} |
| settings |
| | form_id | version |
| | hh_fu | 1 |
"""


@pytest.fixture
def ent(world: World) -> World:
    folder = world.root / "forms"
    folder.mkdir()
    for name, md in (("reg", REGISTRATION), ("fu", FOLLOW_UP)):
        install_form_file(world.coord, markdown_to_xlsx(md, folder / f"{name}.xlsx"))
    data, _ = build_receipt(world.coord, "laptop-a")
    assert import_receipt(world.lap_a, data).status == "applied"
    return world


def _interview(lap: Workspace, form: str, answers: dict[str, Any]) -> str:
    made = interviews.new_interview(
        lap, form_id=form, form_version="1", ward="phuc_tan", household_id="H", enumerator="e"
    )
    for name, value in answers.items():
        interviews.set_answer(lap, made.uuid, name, value, who="e")
    interviews.complete(lap, made.uuid, who="e")
    return made.uuid


def _ship(world: World) -> Any:
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    report = import_files(world.coord, [result.path]).files[0]
    assert report.status == "accepted", report
    return report.merge


def test_a_household_registered_and_visited_before_a_sync_merges_in_one_bundle(
    ent: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = ent
    calls: list[int] = []
    merge_many = entities.merge_many

    def counted(db: Any, items: Any) -> Any:
        calls.append(len(items))
        return merge_many(db, items)

    monkeypatch.setattr(entities, "merge_many", counted)
    first = _interview(world.lap_a, "hh_reg", {"hh_name": "Trần Văn Bình", "size": 3})
    (action,) = entities.actions_of(world.lap_a, first)
    other = _interview(world.lap_a, "hh_reg", {"hh_name": "Lê Thị Hoa", "size": 2})
    visit = _interview(world.lap_a, "hh_fu", {"hh": action.entity_id, "size": 4})
    merge = _ship(world)
    assert merge.quarantined == [] and sorted(merge.new) == sorted([first, other, visit])
    row = entities.get_entity(world.coord.db, "households", action.entity_id)
    assert row is not None and (row.version, row.properties["size"]) == (2, "4")
    with world.coord.reading() as db:
        assert entities.list_conflicts(db) == []
    # the two registrations in one call; the visit names what they created: merged after
    assert calls == [2, 1]


def test_registrations_of_a_batch_are_merged_in_one_call(
    ent: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = ent
    calls: list[int] = []
    merge_many = entities.merge_many

    def counted(db: Any, items: Any) -> Any:
        calls.append(len(items))
        return merge_many(db, items)

    monkeypatch.setattr(entities, "merge_many", counted)
    made = [_interview(world.lap_a, "hh_reg", {"hh_name": f"Hộ {k}", "size": k}) for k in range(5)]
    merge = _ship(world)
    assert sorted(merge.new) == sorted(made)
    assert calls == [5]
    assert entities.count_entities(world.coord.db, "households") == 5
