"""The windowed interviews list (store/interview_listing.py): every sort order in both
directions, walked by key forwards and backwards and read by position, with ties and
filters, equals the same rows sorted in Python; the search index follows every write."""

from __future__ import annotations

import itertools
import re
import unicodedata

import pytest

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interview_listing as listing
from fieldsurvey.store.interview_listing import ListQuery
from fieldsurvey.store.interviews import (
    ListRow,
    delete_interview,
    list_rows,
    new_interview,
    return_for_correction,
    set_checks,
)
from fieldsurvey.store.sync_records import WIRE_COLUMNS, MergeWrites, apply_merge
from fieldsurvey.store.workspace import Workspace

WARDS = ("Phúc Tân", "Chương Dương", "Đồng Xuân")
NAMES = ("Nguyễn Văn An", "Đỗ Thị Đức", "Trần Hoa", "Nguyễn Đức", "Lê An", "")
STATUSES = ("exported", "acknowledged", "returned")
COUNT = 240


def _records() -> list[dict]:
    out = []
    for i in range(COUNT):
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
                "status": STATUSES[i % 5 % 2],
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
def ws(tmp_path_factory) -> Workspace:
    home = tmp_path_factory.mktemp("listing") / "ws"
    ws = Workspace.create(home, "mật khẩu thử nghiệm", role="coordinator", kdf=KdfParams.cheap())
    records = _records()
    with ws.transaction() as db:
        apply_merge(db, MergeWrites(inserts=[[r[c] for c in WIRE_COLUMNS] for r in records]))
    for i, r in enumerate(records):
        if i % 11 == 0:
            return_for_correction(ws, r["uuid"], ("thiếu tuổi", "")[i % 2] or "sai", "Lan")
        if i % 3:
            set_checks(ws, r["uuid"], i % 4)  # None, 0, 1, 2, 3: ties
    return ws


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _matches(row: ListRow, text: str) -> bool:
    words = re.findall(r"\w+", _fold(f"{row.ward} {row.household_id} {row.respondent} "
                                     f"{row.enumerator}"))  # fmt: skip
    typed = re.findall(r"\w+", _fold(text))
    whole, last = typed[:-1], typed[-1]
    if not re.search(r"\w$", text):
        whole, last = typed, ""
    return all(t in words for t in whole) and any(w.startswith(last) for w in words)


def _key(row: ListRow, sort: str) -> tuple:
    return {
        "updated": (row.updated, row.uuid),
        "ward": (row.ward, row.household_id, row.uuid),
        "household": (row.household_id, row.uuid),
        "respondent": (row.respondent, row.uuid),
        "enumerator": (row.enumerator, row.uuid),
        "form": (row.form_id, row.form_version, row.uuid),
        "status": (row.status, row.updated, row.uuid),
        "checks": (
            -1 if row.problems is None else row.problems,
            row.comment,
            row.uuid,
        ),  # NULL first
    }[sort]


def _expected(ws: Workspace, query: ListQuery) -> list[str]:
    rows = [
        r
        for r in list_rows(ws)
        if (query.status is None or r.status == query.status)
        and (query.ward is None or r.ward == query.ward)
        and (not query.text or _matches(r, query.text))
    ]
    rows.sort(key=lambda r: _key(r, query.sort), reverse=query.descending)
    return [r.uuid for r in rows]


def _walk(ws: Workspace, query: ListQuery, size: int) -> tuple[list[str], list[str], list[str]]:
    """The uuids read forwards by key, backwards by key from the end, and by position."""
    found = listing.plan(ws, query)
    total = listing.count(ws, found)
    forward: list[str] = []
    window = listing.window_at(ws, found, 0, size)
    while window.rows:
        forward.extend(r.uuid for r in window.rows)
        window = listing.window_after(ws, found, window.keys[-1], size)
    backward: list[str] = []
    window = listing.window_at(ws, found, max(0, total - size), size, total=total)
    while window.rows:
        backward[:0] = [r.uuid for r in window.rows]
        window = listing.window_after(ws, found, window.keys[0], size, before=True)
    by_position: list[str] = []
    for start in range(0, total, size):
        by_position.extend(
            r.uuid for r in listing.window_at(ws, found, start, size, total=total).rows
        )
    marks = listing.anchors(ws, found, every=13)
    assert len(marks) == (total + 12) // 13
    for start in range(0, total, size):
        window = listing.window_at(ws, found, start, size, total=total, marks=marks, every=13)
        assert [r.uuid for r in window.rows] == by_position[start : start + size]
    assert total == len(forward)
    return forward, backward, by_position


@pytest.mark.parametrize("sort", list(listing.SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_order_walks_the_same_rows_in_both_directions(ws, sort, descending) -> None:
    query = ListQuery(sort=sort, descending=descending)
    expected = _expected(ws, query)
    forward, backward, by_position = _walk(ws, query, 17)
    assert forward == expected
    assert backward == expected
    assert by_position == expected


FILTERS = [
    ListQuery(status="returned"),
    ListQuery(ward="Đồng Xuân"),
    ListQuery(status="acknowledged", ward="Phúc Tân"),
    ListQuery(text="nguyen"),
    ListQuery(text="do duc"),  # "Đỗ Thị Đức": diacritics and đ ignored
    ListQuery(text="nguy"),  # the start of a word
    ListQuery(text="nguy an"),  # a word not finished: no match
    ListQuery(text="le "),  # a whole word: not "Lê" as the start of a longer word
    ListQuery(text="HOA"),
    ListQuery(text="hh-01"),  # the start of a household id
    ListQuery(text="duc", status="exported", ward="Chương Dương"),
    ListQuery(text="nothing like this"),
]


@pytest.mark.parametrize("drive_limit", [0, 10_000])
@pytest.mark.parametrize(
    ("filtered", "sort"), list(itertools.product(FILTERS, ["respondent", "checks"]))
)
def test_filters_and_sort_orders_combine_whichever_index_drives(
    ws, filtered, sort, drive_limit, monkeypatch
) -> None:
    monkeypatch.setattr(listing, "DRIVE_LIMIT", drive_limit)
    for descending in (False, True):
        query = ListQuery(
            text=filtered.text, status=filtered.status, ward=filtered.ward, sort=sort,
            descending=descending,
        )  # fmt: skip
        found = listing.plan(ws, query)
        expected = _expected(ws, query)
        if drive_limit:
            assert found.driver != "sort"  # a filter's own index, then sorted
        elif expected:
            assert found.driver == "sort"  # the sort order's index, filters on the way
        assert _walk(ws, query, 7) == (expected, expected, expected)


def test_a_kept_interview_is_found_at_its_position(ws) -> None:
    query = ListQuery(sort="household", descending=True, status="exported")
    found = listing.plan(ws, query)
    expected = _expected(ws, query)
    for position in (0, 5, len(expected) - 1):
        key = listing.key_of(ws, found, expected[position])
        assert key is not None and listing.position_of(ws, found, key) == position
    returned = next(u for u in _expected(ws, ListQuery()) if u not in expected)
    assert listing.key_of(ws, found, returned) is None  # filtered out


def test_wards_and_status_counts(ws) -> None:
    assert listing.wards(ws) == sorted(WARDS)
    rows = list_rows(ws)
    assert listing.status_counts(ws) == {
        s: sum(1 for r in rows if r.status == s) for s in {r.status for r in rows}
    }


@pytest.mark.parametrize("drive_limit", [0, 2000])  # matches gathered once, or each time
def test_the_search_follows_new_changed_and_deleted_interviews(
    tmp_path, drive_limit, monkeypatch
) -> None:
    from fieldsurvey.forms.installed import install_default_form

    monkeypatch.setattr(listing, "DRIVE_LIMIT", drive_limit)

    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    version = install_default_form(ws).version

    def search(text: str) -> list[str]:
        found = listing.plan(ws, ListQuery(text=text))
        return [r.household_id for r in listing.window_at(ws, found, 0, 100).rows]

    made = new_interview(
        ws, form_id="mnet_migrant_household", form_version=version, ward="Phúc Tân",
        household_id="PT-1", enumerator="Lan", respondent="Đặng Thị Hương",
    )  # fmt: skip
    assert search("dang huong") == ["PT-1"]
    assert search("lan phuc") == ["PT-1"]
    with ws.transaction() as db:  # what a merge of a corrected record writes
        db.execute("UPDATE interviews SET respondent = 'Vũ Văn Kiên' WHERE uuid = ?", [made.uuid])
    assert search("dang") == [] and search("kien") == ["PT-1"]
    assert listing.count(ws, listing.plan(ws, ListQuery(text="kien"))) == 1
    delete_interview(ws, made.uuid, who="Lan")
    assert search("kien") == []
    assert listing.count(ws, listing.plan(ws, ListQuery(text="kien"))) == 0
    assert listing.count(ws, listing.plan(ws, ListQuery())) == 0


def test_search_terms_whole_words_then_the_start_of_the_one_being_typed() -> None:
    assert listing.search_terms("HH-00") == '"HH" "00"*'
    assert listing.search_terms("Đỗ văn ") == '"Dỗ" "văn"'  # the index folds the rest
    assert listing.search_terms(' "*( ') == ""
