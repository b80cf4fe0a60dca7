"""The enumerator's interviews list: search, filters, sorting, opening (over a real
workspace; thousands of rows: test_interview_list.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from fieldsurvey.store.interviews import InterviewStatus, ListRow, set_checks

from fieldsurvey.ui.interview_table_model import (
    COL_CHECKS,
    COL_HOUSEHOLD,
    COL_STATUS,
    COL_WARD,
    InterviewTableModel,
)
from fieldsurvey.ui.interviews_page import InterviewsPage
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import type_text
from .test_interview_list import listed


def meta(i: int, ward: str, status: str = "draft", respondent: str = "") -> ListRow:
    return ListRow(
        uuid=f"00000000-0000-0000-0000-{i:012d}",
        ward=ward,
        household_id=f"HH-{i:04d}",
        respondent=respondent,
        enumerator="Hoa" if i % 2 else "Minh",
        status=InterviewStatus(status),
        updated=f"2026-11-{1 + i % 28:02d}T09:{i % 60:02d}:00",
        problems={"draft": 2, "completed": 0}.get(status),
        comment="returned comment" if status == "returned" else "",
        form_id="mnet_migrant_household",
        form_version="2026112302",
    )


ROWS = [
    meta(1, "Phúc Tân", "draft", "Nguyễn Thị Hoa"),
    meta(2, "Chương Dương", "completed", "Trần Văn Nam"),
    meta(3, "Phúc Tân", "returned", "Lê Thị Lan"),
    meta(4, "Chương Dương", "draft", "Phạm Văn Đức"),
]


def page_of(qtbot, tmp_path, rows=ROWS) -> InterviewsPage:
    """The page over a workspace holding ``rows`` (read synchronously)."""
    page = InterviewsPage()
    qtbot.addWidget(page)
    page.set_source(listed(tmp_path, rows, role="laptop"), TaskRunner(synchronous=True))
    page.reload()
    return page


def shown(page: InterviewsPage) -> list[str]:
    return [page.model.row_at(i).household_id for i in range(page.model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, tmp_path) -> None:
    model = InterviewTableModel()
    model.set_source(listed(tmp_path, ROWS), TaskRunner(synchronous=True))
    model.set_query(model.query)
    assert model.rowCount() == 4
    qtmodeltester.check(model)


def test_search_matches_vietnamese_names_ignoring_case(qtbot, tmp_path) -> None:
    page = page_of(qtbot, tmp_path)
    type_text(page.search, "phạm văn")
    assert page.search.text() == "phạm văn"
    assert shown(page) == ["HH-0004"]


def test_status_and_ward_filters_combine(qtbot, tmp_path) -> None:
    page = page_of(qtbot, tmp_path)
    page.status_filter.setCurrentIndex(page.status_filter.findData(InterviewStatus.DRAFT))
    assert set(shown(page)) == {"HH-0001", "HH-0004"}
    page.ward_filter.setCurrentIndex(page.ward_filter.findData("Phúc Tân"))
    assert shown(page) == ["HH-0001"]


def test_header_click_sorts_and_selection_resolves_to_the_right_row(qtbot, tmp_path) -> None:
    page = page_of(qtbot, tmp_path)
    page.table.sortByColumn(COL_HOUSEHOLD, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, COL_HOUSEHOLD).data() == "HH-0004"
    page.table.sortByColumn(COL_WARD, Qt.SortOrder.AscendingOrder)
    assert page.proxy.index(0, COL_WARD).data() == "Chương Dương"
    page.table.selectRow(3)
    with qtbot.waitSignal(page.open_requested) as opened:
        page.open_button.click()
    assert opened.args == [page.current().uuid]
    assert page.current().ward == "Phúc Tân"
    page.table.sortByColumn(COL_HOUSEHOLD, Qt.SortOrder.AscendingOrder)
    assert page.current().uuid == opened.args[0]  # the selection follows its interview


def test_status_column_reads_in_plain_words(qtbot, tmp_path) -> None:
    page = page_of(qtbot, tmp_path)
    page.search.setText("HH-0003")
    assert page.proxy.index(0, COL_STATUS).data() == "Returned for correction"


def test_checks_column_says_what_is_left_and_shows_the_return_comment(qtbot, tmp_path) -> None:
    page = page_of(qtbot, tmp_path)
    texts = {}
    for i in range(page.proxy.rowCount()):
        texts[page.model.row_at(i).household_id] = page.proxy.index(i, COL_CHECKS).data()
    assert texts["HH-0001"] == "2 questions to answer or fix"
    assert texts["HH-0002"] == "✓ All checks pass"
    assert texts["HH-0003"] == "returned comment"
    set_checks(page.model.ws, ROWS[0].uuid, 1)
    page.search.setText("HH-0001")
    assert page.proxy.index(0, COL_CHECKS).data() == "1 question to answer or fix"


def test_the_count_says_interview_or_interviews_in_both_languages(qtbot, tmp_path) -> None:
    from fieldsurvey.ui.i18n import translations

    page = page_of(qtbot, tmp_path)
    assert page.count_label.text() == "Showing 4 of 4 interviews"
    page.search.setText("HH-0003")
    assert page.count_label.text() == "Showing 1 of 4 interviews"
    page = page_of(qtbot, tmp_path / "one", ROWS[:1])
    assert page.count_label.text() == "Showing 1 of 1 interview"
    translations.install("vi")
    qtbot.waitUntil(lambda: page.count_label.text() == "Đang hiện 1 trên tổng số 1 phiếu")
    assert "(s)" not in page.proxy.index(0, COL_CHECKS).data()


def test_last_change_reads_day_month_year_like_the_rest_of_the_app(qtbot, tmp_path) -> None:
    from fieldsurvey.ui.interview_table_model import COL_UPDATED

    page = page_of(
        qtbot, tmp_path, [ROWS[0], ROWS[1]._replace(updated="2026-11-03T09:05:00.000+00:00")]
    )
    texts = {page.model.row_at(i).uuid: page.proxy.index(i, COL_UPDATED).data() for i in range(2)}
    assert texts[ROWS[0].uuid] == "02/11/2026 09:01"
    local = datetime(2026, 11, 3, 9, 5, tzinfo=UTC).astimezone()
    assert texts[ROWS[1].uuid] == local.strftime("%d/%m/%Y %H:%M")


def test_the_list_names_the_enumerator_and_the_questionnaire(qtbot, tmp_path) -> None:
    from fieldsurvey.ui.interview_table_model import COL_ENUMERATOR, COL_FORM

    page = page_of(qtbot, tmp_path)
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers[COL_ENUMERATOR] == "Enumerator" and headers[COL_FORM] == "Questionnaire"
    page.search.setText("HH-0001")
    assert page.proxy.index(0, COL_ENUMERATOR).data() == "Hoa"
    assert page.proxy.index(0, COL_FORM).data() == "mnet_migrant_household"  # titles unread
    page.set_form_titles({"mnet_migrant_household": "Khảo sát hộ gia đình người di cư"})
    assert page.proxy.index(0, COL_FORM).data() == "Khảo sát hộ gia đình người di cư"
    tip = page.proxy.index(0, COL_FORM).data(Qt.ItemDataRole.ToolTipRole)
    assert "version 2026112302" in tip
    page.search.setText("minh")  # the enumerator is searched too
    assert set(shown(page)) == {"HH-0002", "HH-0004"}


def test_each_action_is_enabled_only_when_it_applies_to_the_selected_interview(
    qtbot, tmp_path
) -> None:
    page = page_of(qtbot, tmp_path, [*ROWS, meta(5, "Phúc Tân", "exported")])

    def buttons(household: str) -> tuple[bool, bool, bool]:
        page.search.setText(household)
        assert page.current() is not None and page.current().household_id == household
        return (
            page.open_button.isEnabled(),
            page.reopen_button.isEnabled(),
            page.delete_button.isEnabled(),
        )

    assert buttons("HH-0001") == (True, False, True)  # draft
    assert buttons("HH-0002") == (True, True, False)  # completed, not sent
    assert buttons("HH-0003") == (True, False, False)  # returned
    assert buttons("HH-0005") == (True, False, False)  # sent
    assert "coordinator" in page.reopen_button.toolTip()
    with qtbot.assertNotEmitted(page.delete_requested):
        page.delete_button.click()
    page.search.setText("HH-0002")
    with qtbot.waitSignal(page.reopen_requested) as asked:
        page.reopen_button.click()
    assert asked.args == [ROWS[1].uuid]
    page.search.setText("nothing like this")
    assert page.current() is None
    assert not page.open_button.isEnabled() and not page.delete_button.isEnabled()


def test_rows_arriving_after_the_page_is_shown_keep_the_respondent_column_wide(
    qtbot, tmp_path
) -> None:
    """In the app the list arrives from a background read after the window is shown;
    fitting the columns then must not shrink the stretching respondent column."""
    from fieldsurvey.ui.interview_table_model import COL_RESPONDENT

    page = InterviewsPage()
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.set_source(listed(tmp_path, ROWS), TaskRunner(synchronous=True))
    page.reload()
    header = page.table.horizontalHeader()
    assert header.sectionSize(COL_RESPONDENT) > 300
    assert header.length() >= page.table.viewport().width() - 2


def test_a_change_is_read_again_keeping_the_selection_and_filters(qtbot, tmp_path) -> None:
    page = page_of(qtbot, tmp_path, [*ROWS, meta(5, "Phúc Tân", "draft", "Đỗ Văn Hùng")])
    page.ward_filter.setCurrentIndex(page.ward_filter.findData("Phúc Tân"))
    page.table.sortByColumn(COL_HOUSEHOLD, Qt.SortOrder.AscendingOrder)
    page.table.selectRow(1)
    assert page.current().household_id == "HH-0003"
    resets: list[int] = []
    page.model.modelReset.connect(lambda: resets.append(1))
    set_checks(page.model.ws, ROWS[0].uuid, 0)
    page.refresh()
    assert resets == [1]
    assert shown(page) == ["HH-0001", "HH-0003", "HH-0005"]
    assert page.current().household_id == "HH-0003"  # still selected
    assert page.proxy.index(0, COL_CHECKS).data() == "✓ All checks pass"
    assert page.ward_filter.currentData() == "Phúc Tân"
    assert page.count_label.text() == "Showing 3 of 5 interviews"


def test_ctrl_n_asks_for_a_new_interview(qtbot) -> None:
    """The button's text says Ctrl+N: the key does it (its "&" alone would make it Alt+N)."""
    page = InterviewsPage()
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    assert "Ctrl+N" in page.new_button.text()
    with qtbot.waitSignal(page.new_requested, timeout=2000):
        qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
