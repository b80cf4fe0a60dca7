"""Issue 15: a laptop's export marks what it sent without moving an entry of the list's
scattered per-order indexes (a laptop keeps them without the status: migration 0027,
``interview_listing.fit_to_laptop``). What a user notices must not change: the
interviews sent are exported and read-only, and the list, in every sort order, with
every status and ward filter and search, shows the same rows as a coordinator's list
of the same interviews (tests/store/test_listing.py checks those against Python)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from sync_helpers import LAPTOP_PASSWORD, PASSWORD, World, completed

from fieldsurvey.errors import LifecycleError
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interview_listing as listing
from fieldsurvey.store import interviews
from fieldsurvey.store.interview_listing import ListQuery
from fieldsurvey.store.sync_records import WIRE_COLUMNS, MergeWrites, apply_merge
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_writer import export_bundle

STATUSES = ("draft", "completed", "exported", "acknowledged", "returned")
WARDS = ("Phúc Tân", "Chương Dương", "Đồng Xuân")
NAMES = ("Nguyễn Văn An", "Đỗ Thị Đức", "Trần Hoa", "Nguyễn Đức", "Lê An", "")


def _rows_of(ws: Workspace, query: ListQuery) -> list[str]:
    """The uuids the list shows for ``query``, read as the list reads them while
    scrolling (windows of 20 by key), from the first row to the last."""
    found = listing.plan(ws, query)
    window = listing.window_at(ws, found, 0, 20)
    seen = [row.uuid for row in window.rows]
    while window.keys:
        window = listing.window_after(ws, found, window.keys[-1], 20)
        seen += [row.uuid for row in window.rows]
    return seen


def _status_indexes_moved(ws: Workspace) -> bool:
    """Whether the laptop's per-order indexes would still need fitting (they hold the
    status); checked in a transaction that is rolled back."""
    ws.db.execute("SAVEPOINT probe")
    try:
        return listing.fit_to_laptop(ws.db)
    finally:
        ws.db.execute("ROLLBACK TO probe")
        ws.db.execute("RELEASE probe")


def test_exported_interviews_are_marked_read_only_and_the_status_filter_finds_them(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    lap = world.lap_a
    assert not _status_indexes_moved(lap)  # fitted when the laptop was enrolled
    sent = completed(lap, 4, household="HH")
    draft = interviews.new_interview(
        lap, form_id="household", form_version="1", ward="chuong_duong",
        household_id="HH-9", enumerator="enum",
    )  # fmt: skip
    result = export_bundle(lap, world.out())
    assert result.interviews == 4
    assert not _status_indexes_moved(lap)
    for uuid in sent:
        assert interviews.get_interview(lap, uuid).status == "exported"
        with pytest.raises(LifecycleError):
            interviews.set_answer(lap, uuid, "respondent/resp_age", 41, who="enum")
    assert interviews.get_interview(lap, draft.uuid).status == "draft"
    # every filter walks the sort order's index (none drives with its own index)
    monkeypatch.setattr(listing, "DRIVE_LIMIT", 0)
    for sort, descending in itertools.product(listing.SORTS, (True, False)):
        for status, expected in (
            ("exported", set(sent)), ("completed", set()), ("draft", {draft.uuid}),
        ):  # fmt: skip
            query = ListQuery(status=status, sort=sort, descending=descending)
            shown = _rows_of(lap, query)
            assert sorted(shown) == sorted(expected), (sort, status)
            assert listing.count(lap, listing.plan(lap, query)) == len(expected)
        query = ListQuery(status="exported", ward="chuong_duong", sort=sort)
        assert _rows_of(lap, query) == []
    assert listing.status_counts(lap) == {"exported": 4, "draft": 1}
    # the next export carries nothing and changes no status
    assert export_bundle(lap, world.out()).path is None


def _records(count: int) -> list[dict[str, Any]]:
    out = []
    for i in range(count):
        out.append(
            {
                "uuid": f"{(i * 7919) % 1000:04d}0000-0000-4000-8000-{i:012d}",
                "form_id": ("mnet", "other")[i % 2],
                "form_version": ("1", "2", "1")[i % 3],
                "ward": WARDS[i % 3],
                "household_id": f"HH-{i % 40:03d}",  # ties
                "respondent": NAMES[i % 6],
                "enumerator": ("Hoa", "Minh", "Đạt", "hoa")[i % 4],
                "device_id": "may-1",
                "status": STATUSES[i * 3 % 5],
                "created": "2026-01-01T00:00:00.000+00:00",
                "updated": f"2026-01-{1 + i % 9:02d}T00:00:00.000+00:00",  # ties
                "revision": 1,
                "base_revision": 1,
                "nonce": f"n{i}",
                "answers": "{}",
            }
        )
    return out


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Workspace]]:
    """The same interviews on a coordinator (0018's indexes) and on a laptop (its own)."""
    root = tmp_path_factory.mktemp("laptop-list")
    records = _records(120)
    out = []
    for role in ("coordinator", "laptop"):
        ws = Workspace.create(root / role, "mật khẩu thử nghiệm", role=role, kdf=KdfParams.cheap())
        with ws.transaction() as db:
            apply_merge(db, MergeWrites(inserts=[[r[c] for c in WIRE_COLUMNS] for r in records]))
            if role == "laptop":
                assert listing.fit_to_laptop(db)
        for i, r in enumerate(records):
            if i % 3:
                interviews.set_checks(ws, r["uuid"], i % 4)  # None, 0, 1, 2, 3: ties
        out.append(ws)
    yield out[0], out[1]
    for ws in out:
        ws.close()


#: (drive limit, status, ward, search, descending): every status walking the sort
#: order's index in both directions (drive limit 0), with the ward filter and a search;
#: and as the list plans them (the ward's own index drives). Descending: the laptop
#: checks the status in the set of its rowids; ascending: in the rows.
CASES = [
    *((0, status, None, "", d) for status in (None, *STATUSES) for d in (True, False)),
    (0, "acknowledged", WARDS[1], "", True), (0, None, None, "an", False),
    (0, "exported", None, "an", True),
    (listing.DRIVE_LIMIT, None, WARDS[1], "", True),
    (listing.DRIVE_LIMIT, "returned", WARDS[2], "", False),
]  # fmt: skip


@pytest.mark.parametrize("sort", list(listing.SORTS))
def test_a_laptops_list_shows_what_a_coordinators_shows(
    pair: tuple[Workspace, Workspace], sort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    coord, lap = pair
    for drive_limit, status, ward, text, descending in CASES:
        monkeypatch.setattr(listing, "DRIVE_LIMIT", drive_limit)
        # the laptop's status filter: in the status's rowids, or read from the rows
        set_limit = listing.STATUS_SET_LIMIT if descending else 0
        monkeypatch.setattr(listing, "STATUS_SET_LIMIT", set_limit)
        query = ListQuery(text=text, status=status, ward=ward, sort=sort, descending=descending)
        expected = _rows_of(coord, query)
        assert _rows_of(lap, query) == expected, query
        found = listing.plan(lap, query)
        assert listing.count(lap, found) == len(expected)
        # a row kept selected is found at its place; a jump of the scroll bar
        for place in range(0, len(expected), 41):
            key = listing.key_of(lap, found, expected[place])
            assert key is not None and listing.position_of(lap, found, key) == place
        window = listing.window_at(lap, found, 11, 9, total=len(expected))
        assert [row.uuid for row in window.rows] == expected[11:20]
    assert listing.wards(lap) == listing.wards(coord)
    assert listing.status_counts(lap) == listing.status_counts(coord)


def test_an_enrolled_laptop_upgraded_to_0027_gets_its_indexes_a_coordinator_keeps_its_own(
    world: World,
) -> None:
    homes = {"laptop": world.root / "lap_a", "coordinator": world.root / "coord"}
    # a laptop enrolled by the previous version has 0018's indexes, as the coordinator
    old = world.coord.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'interviews' "
        "AND name LIKE 'idx_interviews_by_%'"
    ).fetchall()
    for name, sql in old:
        world.lap_a.db.execute(f"DROP INDEX {name}")
        world.lap_a.db.execute(sql)
    for ws in (world.lap_a, world.coord):
        with ws.transaction() as db:
            apply_merge(db, MergeWrites(inserts=[[r[c] for c in WIRE_COLUMNS]
                                                 for r in _records(30)]))  # fmt: skip
        # as a workspace of the previous version left it
        ws.db.execute("DELETE FROM _migrations WHERE name = '0027_laptop_listing'")
        assert _status_indexes_moved(ws)
        ws.close()
    # (the world closes them)
    lap = world.lap_a = Workspace.open(homes["laptop"], LAPTOP_PASSWORD)
    coord = world.coord = Workspace.open(homes["coordinator"], PASSWORD)
    assert not _status_indexes_moved(lap)
    assert _status_indexes_moved(coord)
    for status in STATUSES:
        query = ListQuery(status=status, sort="respondent")
        assert _rows_of(lap, query) == _rows_of(coord, query)


def test_the_coordinator_keeps_its_list_indexes_when_it_imports_a_laptops_bundle(
    world: World,
) -> None:
    lap = world.lap_a
    sent = completed(lap, 2)
    path = export_bundle(lap, world.out()).path
    assert path is not None
    import_files(world.coord, [path])
    assert not _status_indexes_moved(lap)
    assert _status_indexes_moved(world.coord)  # 0018's: status filters read no row
    shown = _rows_of(world.coord, ListQuery(status="exported", sort="household"))
    assert sorted(shown) == sorted(sent)
