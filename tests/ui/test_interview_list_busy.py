"""The interviews list when reads are slow (issue 15: a coordinator of 1,000,000 interviews,
where a search takes a few hundred ms to gather its matches and counting every interview
~200 ms): a search typed key by key reads the newest text once the read under way ends,
instead of one read per key all at once; a search or filter does not count every
interview again; the anchors of a list nobody looks at any more stop being read."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt

from fieldsurvey.store import interview_listing as listing
from fieldsurvey.store.interview_listing import ListQuery
from fieldsurvey.store.interviews import return_for_correction
from fieldsurvey.store.sync_records import WIRE_COLUMNS, MergeWrites, apply_merge

from fieldsurvey.ui import interview_table_model as table_model
from fieldsurvey.ui.tasks import TaskRunner

from .test_interview_list import listed, shown_page, synthetic, wait_read


def test_a_search_typed_while_the_list_is_read_reads_only_the_newest_text(
    qtbot, tmp_path, monkeypatch
) -> None:
    ws = listed(tmp_path, synthetic(600))
    runner = TaskRunner()  # real threads: the reads overlap the typing
    page = shown_page(qtbot, ws, runner)
    qtbot.waitUntil(lambda: page.model.total == 600, timeout=10000)
    runner.wait_all()
    real = table_model.read_screen
    texts: list[str] = []
    slow = threading.Event()

    def slow_read(ws_, query, **kwargs):  # as a search of 1,000,000 interviews
        texts.append(query.text)
        if slow.is_set():
            time.sleep(0.4)
        return real(ws_, query, **kwargs)

    monkeypatch.setattr(table_model, "read_screen", slow_read)
    slow.set()
    page.search.setFocus()
    qtbot.keyClicks(page.search, "nguyen")  # six keys, well within one slow read
    qtbot.waitUntil(lambda: page.model.query.text == "nguyen", timeout=10000)
    qtbot.waitUntil(lambda: not page.model.loading(), timeout=10000)
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=10000)
    runner.wait_all()
    assert texts == ["n", "nguyen"]  # not one read per key
    assert page.model.rows
    assert {r.respondent.split()[0] for r in page.model.rows} == {"Nguyễn"}
    assert page.count_label.text() == "Showing 100 of 600 interviews"


def test_a_search_or_filter_does_not_count_every_interview_again(
    qtbot, tmp_path, monkeypatch
) -> None:
    ws = listed(tmp_path, synthetic(450))
    page = shown_page(qtbot, ws)
    assert page.count_label.text() == "Showing 450 of 450 interviews"
    real = listing.count
    counted: list[ListQuery] = []

    def count(ws_, found):
        counted.append(found.query)
        return real(ws_, found)

    monkeypatch.setattr(listing, "count", count)
    page.status_filter.setCurrentIndex(page.status_filter.findData("acknowledged"))
    wait_read(qtbot, page)
    page.search.setText("hh-001")
    wait_read(qtbot, page)
    assert page.count_label.text() == "Showing 50 of 450 interviews"
    assert ListQuery() not in counted  # every interview: counted once, at the start
    # A write: every interview is counted again (an import may have added some).
    selected = page.current()
    assert selected is not None
    return_for_correction(ws, selected.uuid, "Thiếu tuổi", "Điều phối viên")
    page.refresh()
    wait_read(qtbot, page)
    assert ListQuery() in counted
    assert page.count_label.text() == "Showing 49 of 450 interviews"
    page.search.clear()
    page.status_filter.setCurrentIndex(0)
    wait_read(qtbot, page)
    assert page.count_label.text() == "Showing 450 of 450 interviews"


def test_reload_counts_every_interview_again(qtbot, tmp_path) -> None:
    """After "anything may have changed" (an import cancelled half-way) the list is read
    from the start, the "of N" too."""
    rows = synthetic(400)
    ws = listed(tmp_path, rows[:300])
    page = shown_page(qtbot, ws)
    page.status_filter.setCurrentIndex(page.status_filter.findData("acknowledged"))
    wait_read(qtbot, page)
    assert page.count_label.text() == "Showing 150 of 300 interviews"
    inserts = []
    for r in rows[300:]:  # as an import writes them: interviews the list has not seen
        values = {
            **r._asdict(), "device_id": "may-1", "created": r.updated, "revision": 2,
            "base_revision": 2, "nonce": r.uuid[-8:], "answers": "{}",
        }  # fmt: skip
        inserts.append([values[c] for c in WIRE_COLUMNS])
    with ws.transaction() as db:
        apply_merge(db, MergeWrites(inserts=inserts))
    page.reload()
    wait_read(qtbot, page)
    assert page.count_label.text() == "Showing 200 of 400 interviews"


def test_the_anchors_of_a_list_left_behind_stop_being_read(qtbot, tmp_path) -> None:
    ws = listed(tmp_path, synthetic(2500))
    found = listing.plan(ws, ListQuery())
    every = listing.anchors(ws, found, 500)
    assert len(every) == 5  # rows 0, 500, ... 2000
    hops: list[int] = []

    def stop() -> bool:  # the list asked for another query after two hops
        hops.append(1)
        return len(hops) > 2

    assert listing.anchors(ws, found, 500, stop=stop) == every[:3]
    page = shown_page(qtbot, ws)
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    wait_read(qtbot, page)
    assert page.model.row_at(2499) is not None
