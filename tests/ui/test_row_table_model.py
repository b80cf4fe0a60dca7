"""The generic table model behind the short lists passes Qt's model checks."""

from __future__ import annotations

from pydantic import BaseModel

from PySide6.QtCore import QSortFilterProxyModel, Qt

from fieldsurvey.ui.row_table_model import Column, RowRole, RowTableModel, SortRole


class Laptop(BaseModel):
    name: str
    bundles: int


def test_row_model_is_a_correct_qt_model_and_sorts_natively(qtmodeltester) -> None:
    model: RowTableModel[Laptop] = RowTableModel(
        [Column(lambda: "Laptop", lambda r: r.name), Column(lambda: "Bundles", lambda r: r.bundles)]
    )
    model.set_rows([Laptop(name="may-3", bundles=10), Laptop(name="may-1", bundles=9)])
    qtmodeltester.check(model)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    # 9 before 10: numbers sort as numbers, not as text
    assert [proxy.index(i, 0).data() for i in range(2)] == ["may-1", "may-3"]
    assert proxy.index(0, 0).data(RowRole) == Laptop(name="may-1", bundles=9)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Bundles"


def test_a_long_list_is_shown_without_asking_for_every_row(qtbot) -> None:
    """The coordinator's possible duplicates of 1,000,000 interviews are ~150,000 rows:
    the columns are fitted to the first rows, not to a thousand of them (which took
    0.35-0.45 s of the UI thread each time the list was shown)."""
    from fieldsurvey.ui.widgets import FITTED_ROWS, table_view

    asked: list[int] = []

    class Counted(RowTableModel[int]):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[override]
            asked.append(index.row())
            return super().data(index, role)

    model = Counted([Column(lambda: "A", lambda r: r), Column(lambda: "B", lambda r: r * 2)])
    view = table_view()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 500)
    view.show()
    qtbot.waitExposed(view)
    model.set_rows(list(range(100_000)))
    qtbot.wait(50)
    assert asked and max(asked) < 3 * FITTED_ROWS
    assert len(asked) < 5_000  # 24,000 with Qt's default
    assert view.columnWidth(0) > 0
