"""The installed Qt binding keeps Python's reference counts right.

PySide6 6.12 under Python 3.11 gives back a reference to None it never took on every
call that returns nothing (``item.setText(...)``): None's count falls by one per call,
and after some tens of thousands of screen updates (a long day of data entry, or paging
through a 180-section form) the app dies with "Fatal Python error: deallocating None".
"""

from __future__ import annotations

import sys

import pytest

from PySide6.QtWidgets import QListWidget, QListWidgetItem

CALLS = 5_000


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_calls_that_return_nothing_leave_none_alone(qtbot) -> None:
    sections = QListWidget()
    qtbot.addWidget(sections)
    sections.addItem(QListWidgetItem())
    item = sections.item(0)
    before = sys.getrefcount(None)
    for n in range(CALLS):
        item.setText(f"section {n}")
        item.setToolTip("visited")
        sections.setCurrentRow(0)
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"None lost {lost} references in {3 * CALLS} calls"
