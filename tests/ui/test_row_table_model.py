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
