"""Merge two entries of an entity list that are one household registered twice.

The two are shown side by side (label, every property, version, ward, last change); the
coordinator chooses which one stays. The one kept keeps its values and takes those it
lacks from the other; the other is removed from the list with a pointer to the one kept,
and both histories stay (``store/entity_merge.py: merge_entities``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.store.entities import StoredEntity

from fieldsurvey.ui.context_table import local_time


class MergeEntitiesDialog(QDialog):
    """``ask(parent, a, b)`` -> ``(keep, drop)`` or None."""

    def __init__(self, a: StoredEntity, b: StoredEntity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pair = (a, b)
        self.setWindowTitle(self.tr("Merge two entries"))
        intro = QLabel(
            self.tr(
                "Are these two entries of the list %1 one household registered twice? Then"
                " merge them: the one you keep takes the values it lacks from the other;"
                " the other is removed from the list, and both histories are kept. The"
                " laptops get the change with their next receipt."
            ).replace("%1", a.list_name)
        )
        intro.setWordWrap(True)
        names = sorted({*a.properties, *b.properties})
        rows = [
            (self.tr("Label"), a.label, b.label),
            *((name, a.properties.get(name, ""), b.properties.get(name, "")) for name in names),
            (self.tr("Ward"), a.ward, b.ward),
            (self.tr("Version"), str(a.version), str(b.version)),
            (self.tr("Last change"), local_time(a.updated_at), local_time(b.updated_at)),
            (self.tr("Id"), a.entity_id, b.entity_id),
        ]
        table = QTableWidget(len(rows), 3, self)
        table.setHorizontalHeaderLabels(["", self.tr("First entry"), self.tr("Second entry")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for i, (name, left, right) in enumerate(rows):
            for column, text in enumerate((name, left, right)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(i, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.keep_first = QRadioButton(
            self.tr("&Keep the first (%1), remove the second").replace("%1", a.label)
        )
        self.keep_second = QRadioButton(
            self.tr("Keep the &second (%1), remove the first").replace("%1", b.label)
        )
        group = QButtonGroup(self)
        group.addButton(self.keep_first)
        group.addButton(self.keep_second)
        # The older registration stays by default: its id is the one laptops know longest.
        (self.keep_first if a.created_at <= b.created_at else self.keep_second).setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Merge"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table, 1)
        layout.addWidget(self.keep_first)
        layout.addWidget(self.keep_second)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def outcome(self) -> tuple[StoredEntity, StoredEntity]:
        a, b = self.pair
        return (a, b) if self.keep_first.isChecked() else (b, a)

    @classmethod
    def ask(
        cls, parent: QWidget | None, a: StoredEntity, b: StoredEntity
    ) -> tuple[StoredEntity, StoredEntity] | None:
        dialog = cls(a, b, parent)
        return dialog.outcome() if dialog.exec() == QDialog.DialogCode.Accepted else None
