"""On a large workspace the exports, the summary and the possible duplicates are made in a
worker process (fieldsurvey/worker_process.py). Here the threshold is lowered so a small
workspace takes that path: real threads, a real child process, and what the user sees is
the same as in the app's own thread, with progress and a Cancel that leaves no file."""

from __future__ import annotations

import csv

import pytest

from PySide6.QtCore import Qt

from fieldsurvey import worker_process
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.duplicates import all_duplicates

from fieldsurvey.ui.coordinator_page import CoordinatorPage
from fieldsurvey.ui.reports_page import ReportsPage
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import seeded_workspace
from .test_coordinator_page import _completed

WAIT = 60_000  # ms: a child process starts in 0.3-1 s, more on a loaded machine


@pytest.fixture
def apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_process, "APART_FROM", 1)


@pytest.fixture
def workspace_with_data(tmp_path):
    ws = seeded_workspace(tmp_path / "ws", 30, seed=11)
    yield ws
    ws.close()


def _page(qtbot, ws) -> tuple[ReportsPage, TaskRunner]:
    runner = TaskRunner()  # real threads
    page = ReportsPage(ws, runner)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: bool(page.form_box.currentData()), timeout=WAIT)  # forms read
    return page, runner


def test_csv_export_in_a_worker_shows_progress_and_writes_the_rows(
    qtbot, apart, workspace_with_data, tmp_path
) -> None:
    page, runner = _page(qtbot, workspace_with_data)
    seen: list[tuple[int, int]] = []
    page.export_progress.valueChanged.connect(
        lambda value: seen.append((value, page.export_progress.maximum()))
    )
    page.export_to("csv", tmp_path / "out")
    assert page.export_progress.isVisible() and page.export_cancel.isVisible()
    assert not page.export_button.isEnabled()  # one export at a time
    qtbot.waitUntil(page.export_button.isEnabled, timeout=WAIT)
    runner.wait_all()
    assert "files written to" in page.export_message.text(), page.export_message.text()
    assert not page.export_progress.isVisible() and not page.export_cancel.isVisible()
    with (tmp_path / "out" / "mnet_migrant_household.csv").open(encoding="utf-8-sig") as f:
        assert len(list(csv.DictReader(f))) == 30
    assert seen and seen[-1][0] == seen[-1][1] > 0  # the bar reached its end


def test_cancel_stops_the_export_in_the_worker_and_leaves_no_file(
    qtbot, apart, workspace_with_data, tmp_path
) -> None:
    page, runner = _page(qtbot, workspace_with_data)
    out = tmp_path / "out"
    page.export_to("csv", out)
    qtbot.mouseClick(page.export_cancel, Qt.MouseButton.LeftButton)  # before the child even starts
    assert page.export_message.text() == "Stopping the export…"
    qtbot.waitUntil(page.export_button.isEnabled, timeout=WAIT)
    runner.wait_all()
    assert page.export_message.text() == "Export cancelled; no file was written."
    assert not out.exists() or not any(out.iterdir())


def test_the_summary_made_in_a_worker_is_previewed(qtbot, apart, workspace_with_data) -> None:
    page, runner = _page(qtbot, workspace_with_data)
    said: list[str] = []
    page.make_preview()
    assert not page.preview_button.isEnabled()
    qtbot.waitUntil(lambda: said.append(page.message.text()) or page.preview_button.isEnabled(),
                    timeout=WAIT)  # fmt: skip
    assert "Reading the interviews…" in said or "Writing the report…" in said, said
    runner.wait_all()
    assert page.preview.page_count >= 2
    assert page.message.text().startswith(f"{page.preview.page_count} pages.")


def test_possible_duplicates_found_in_a_worker_are_the_same(
    qtbot, apart, campaign, tmp_path
) -> None:
    coord, laptop = campaign
    usb = tmp_path / "usb"
    usb.mkdir()
    for household in ("CD-1", "CD-2", "CD-1", "CD-3", "CD-3"):
        _completed(laptop, household)
    export_bundle(laptop, usb)
    runner = TaskRunner()
    page = CoordinatorPage(coord, runner, who="coordinator")
    qtbot.addWidget(page)
    page.import_folder(usb)
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)
    page.show()
    page.tabs.setCurrentWidget(page.duplicates_tab)
    qtbot.waitUntil(lambda: page.duplicates_model.rowCount() == 2, timeout=WAIT)
    runner.wait_all()
    assert page.duplicates_model.rows == all_duplicates(coord)
    assert page.duplicates_result.text().startswith("2 groups")
