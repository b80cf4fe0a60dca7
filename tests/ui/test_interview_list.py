"""The interviews list over a real workspace of thousands of interviews, read in windows:
the keyboard reaches the last interview, a far row opens, the search ignores
diacritics, a header click sorts, the count is shown, and no SQL runs on the UI thread."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from PySide6.QtCore import Qt

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.interviews import ListRow, return_for_correction, set_checks
from fieldsurvey.store.sync_records import WIRE_COLUMNS, MergeWrites, apply_merge
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.interview_table_model import BLOCK, COL_HOUSEHOLD, COL_RESPONDENT
from fieldsurvey.ui.interviews_page import InterviewsPage
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import type_text

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Đỗ", "Bùi")
GIVEN = ("An", "Bình", "Đức", "Hoa", "Lan", "Nam", "Thảo")


def synthetic(count: int) -> list[ListRow]:
    """``count`` interviews, HH-00000 the oldest; two share each timestamp."""
    return [
        ListRow(
            uuid=f"00000000-0000-4000-8000-{i:012d}",
            ward=("Phúc Tân", "Chương Dương", "Hàng Bạc")[i % 3],
            household_id=f"HH-{i:05d}",
            respondent=f"{FAMILY[i % 6]} Văn {GIVEN[i % 7]}",
            enumerator=("Hoa", "Minh", "Đạt")[i % 3],
            status=("exported", "acknowledged")[i % 2],
            updated=f"2026-{1 + i // 2 // 28 // 24 % 12:02d}-{1 + i // 2 // 24 % 28:02d}"
            f"T{i // 2 % 24:02d}:00:00.000+00:00",
            problems=None,
            comment="",
            form_id="mnet_migrant_household",
            form_version="2026112302",
        )
        for i in range(count)
    ]


def listed(tmp_path, rows: Iterable[ListRow], *, role: str = "coordinator") -> Workspace:
    """A workspace holding ``rows`` (merged in bulk, as an import writes them); a row
    "returned" is returned with its comment, its problems recorded."""
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", role=role, kdf=KdfParams.cheap())
    rows = list(rows)
    inserts = []
    for r in rows:
        status = "exported" if r.status == "returned" else str(r.status)
        values = {
            **r._asdict(), "status": status, "device_id": "may-1", "created": r.updated,
            "revision": 2, "base_revision": 2, "nonce": r.uuid[-8:], "answers": "{}",
        }  # fmt: skip
        inserts.append([values[c] for c in WIRE_COLUMNS])
    with ws.transaction() as db:
        apply_merge(db, MergeWrites(inserts=inserts))
    for r in rows:
        if r.status == "returned":
            return_for_correction(ws, r.uuid, r.comment or "sửa lại", "Điều phối viên")
        if r.problems is not None:
            set_checks(ws, r.uuid, r.problems)
    return ws


def shown_page(qtbot, ws: Workspace, runner: TaskRunner | None = None) -> InterviewsPage:
    page = InterviewsPage()
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.set_source(ws, runner or TaskRunner(synchronous=True))
    page.show()
    qtbot.waitExposed(page)
    page.reload()
    qtbot.waitUntil(lambda: not page.model.loading())
    return page


def households(page: InterviewsPage) -> list[str]:
    return [r.household_id for r in page.model.rows]


def wait_read(qtbot, page: InterviewsPage) -> None:
    qtbot.waitUntil(lambda: not page.model.loading(), timeout=10000)


def test_ctrl_end_reaches_the_last_interview_and_it_opens(qtbot, tmp_path) -> None:
    ws = listed(tmp_path, synthetic(3000))
    page = shown_page(qtbot, ws)
    assert page.model.rowCount() == 3000
    assert page.count_label.text() == "Showing 3,000 of 3,000 interviews"
    assert page.model.loaded_blocks() == [0]  # not every row: the first window
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    wait_read(qtbot, page)
    # newest change first: the oldest interviews are the last rows (HH-00000 and
    # HH-00001 share a time; ties go by uuid)
    assert page.current() is not None and page.current().household_id == "HH-00000"
    assert len(page.model.loaded_blocks()) <= 3
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == ["00000000-0000-4000-8000-000000000000"]
    qtbot.keyClick(page.table, Qt.Key.Key_PageUp)
    wait_read(qtbot, page)
    above = page.current()
    assert above is not None and int(above.household_id[3:]) > 10  # some rows up, read


def test_page_down_reads_the_next_windows_by_key_in_order(qtbot, tmp_path) -> None:
    ws = listed(tmp_path, synthetic(1200))
    page = shown_page(qtbot, ws)
    page.table.sortByColumn(COL_HOUSEHOLD, Qt.SortOrder.AscendingOrder)
    wait_read(qtbot, page)
    page.table.setFocus()
    page.table.selectRow(0)
    for _ in range(2 * BLOCK // 10):
        qtbot.keyClick(page.table, Qt.Key.Key_PageDown)
        wait_read(qtbot, page)
    position = page.table.selectionModel().selectedRows()[0].row()
    assert position > BLOCK  # past the first window
    assert page.current().household_id == f"HH-{position:05d}"
    read = page.model.rows
    assert [r.household_id for r in read] == sorted(r.household_id for r in read)


@pytest.mark.parametrize("anchors", [False, True])
def test_scroll_bar_jump_to_a_far_row_reads_that_window_and_it_opens(
    qtbot, tmp_path, anchors, monkeypatch
) -> None:
    from fieldsurvey.store import interview_listing

    if anchors:  # a long list: jumps read from the nearest of the keys every 300 rows
        monkeypatch.setattr(interview_listing, "ANCHOR_EVERY", 300)
    ws = listed(tmp_path, synthetic(2500))
    page = shown_page(qtbot, ws)
    page.table.sortByColumn(COL_HOUSEHOLD, Qt.SortOrder.AscendingOrder)
    wait_read(qtbot, page)
    assert (page.model._marks is not None) == anchors
    bar = page.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 2400)  # the view's layout knows the count
    bar.setValue(int(bar.maximum() * 0.8))
    qtbot.wait(20)
    top = page.table.rowAt(0)
    qtbot.waitUntil(lambda: page.model.row_at(top) is not None, timeout=10000)
    assert top > 1500
    assert page.model.index(top, COL_HOUSEHOLD).data() == f"HH-{top:05d}"
    page.table.selectRow(top)
    with qtbot.waitSignal(page.open_requested) as opened:
        page.open_button.click()
    assert opened.args == [f"00000000-0000-4000-8000-{top:012d}"]


def test_search_ignores_case_and_vietnamese_diacritics(qtbot, tmp_path) -> None:
    ws = listed(tmp_path, synthetic(600))
    page = shown_page(qtbot, ws)
    type_text(page.search, "do van duc")  # finds "Đỗ Văn Đức"
    wait_read(qtbot, page)
    found = {r.respondent for r in page.model.rows}
    assert found == {"Đỗ Văn Đức"}
    expected = sum(1 for i in range(600) if i % 6 == 4 and i % 7 == 2)
    assert page.model.rowCount() == expected
    assert page.count_label.text() == f"Showing {expected} of 600 interviews"
    page.search.clear()
    type_text(page.search, "Phạm văn")
    wait_read(qtbot, page)
    assert {r.respondent.split()[0] for r in page.model.rows} == {"Phạm"}
    page.search.setText("hh-0004")  # the start of a household id
    wait_read(qtbot, page)
    assert sorted(households(page)) == [f"HH-0004{d}" for d in range(10)]


def test_header_click_sorts_the_whole_list_not_just_the_rows_read(qtbot, tmp_path) -> None:
    ws = listed(tmp_path, synthetic(1500))
    page = shown_page(qtbot, ws)
    header = page.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=_section_center(header, COL_RESPONDENT),
    )
    wait_read(qtbot, page)
    assert page.model.query.sort == "respondent"
    first = page.model.index(0, COL_RESPONDENT).data()
    assert first == "Bùi Văn An"  # the smallest of all 1,500 names
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    wait_read(qtbot, page)
    assert page.current().respondent == "Đỗ Văn Đức"  # Đ sorts after the Latin letters


def _section_center(header, section):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def test_no_sql_on_the_ui_thread_while_reading_scrolling_and_searching(qtbot, tmp_path) -> None:
    ws = listed(tmp_path, synthetic(1000))
    on_ui_thread: list[str] = []
    ws.db.conn.set_trace_callback(on_ui_thread.append)  # this thread's connection
    runner = TaskRunner()
    page = shown_page(qtbot, ws, runner)
    qtbot.waitUntil(lambda: page.model.total == 1000, timeout=10000)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    wait_read(qtbot, page)
    page.search.setText("nguyen")
    qtbot.waitUntil(lambda: page.model.query.text == "nguyen" and page.model.total is not None)
    wait_read(qtbot, page)
    assert all(r.respondent.startswith("Nguyễn") for r in page.model.rows)
    runner.wait_all()
    assert on_ui_thread == []


def test_the_count_follows_filters_and_writes(qtbot, tmp_path) -> None:
    rows = synthetic(450)
    ws = listed(tmp_path, rows)
    page = shown_page(qtbot, ws)
    page.status_filter.setCurrentIndex(page.status_filter.findData("acknowledged"))
    wait_read(qtbot, page)
    assert page.count_label.text() == "Showing 225 of 450 interviews"
    page.ward_filter.setCurrentIndex(page.ward_filter.findData("Hàng Bạc"))
    wait_read(qtbot, page)
    assert page.count_label.text() == "Showing 75 of 450 interviews"
    assert {(r.status, r.ward) for r in page.model.rows} == {("acknowledged", "Hàng Bạc")}
    selected = page.current()
    return_for_correction(ws, selected.uuid, "Thiếu tuổi", "Điều phối viên")
    page.refresh()
    wait_read(qtbot, page)
    assert page.count_label.text() == "Showing 74 of 450 interviews"
