"""Entity conflicts side by side: the value before, the network's now and the laptop's, per
property; the coordinator chooses per property and resolves.

A conflict is an update a laptop made from an old version of a household (someone else
changed it meanwhile): the store kept the network's values (``store/entity_merge.py``).
Each row of the comparison is the label or a property the laptop sent: its value at the
version the laptop started from (the base), the network's value now and the laptop's. A
row whose laptop value is the network's needs no choice. The choice offered first is the
laptop's value where only the laptop changed it since the base, the network's where both
did (those rows are marked ⚠): the coordinator reads and changes them before resolving.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.store.entity_merge import LABEL, EntityConflict, resolve_conflict
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.context_table import TipColumn, TipTableModel, local_time
from fieldsurvey.ui.errors import show_inline_or_dialog
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.widgets import message_label, table_view

COL_PROPERTY, COL_BASE, COL_CURRENT, COL_INCOMING, COL_KEEP = range(5)
MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class ShownConflict:
    """A conflict as the tab shows it: with the laptop's name and the entity at its base."""

    conflict: EntityConflict
    device_name: str
    # The label and properties at the version the laptop started from (None: unknown).
    base_label: str | None
    base_properties: dict[str, str] | None


@dataclass(frozen=True)
class Line:
    """One row of the comparison."""

    name: str
    base: str | None
    current: str | None
    incoming: str | None
    # The laptop sent a value for it (only those can be chosen).
    sent: bool

    @property
    def same(self) -> bool:
        return self.incoming == self.current

    @property
    def both_changed(self) -> bool:
        """Changed on both sides since the base (or the base is unknown)."""
        return not self.same and (self.base is None or self.current != self.base)

    @property
    def suggested(self) -> str:
        return MINE if self.same or self.both_changed else THEIRS


def lines_of(shown: ShownConflict) -> list[Line]:
    """The label (when the laptop sent one) and every property, the laptop's first."""
    c = shown.conflict
    current = c.current
    base = shown.base_properties
    out = []
    if c.incoming.label is not None:
        out.append(
            Line(LABEL, shown.base_label, current.label if current else None, c.incoming.label,
                 True)
        )  # fmt: skip
    for name in c.properties():
        sent = name in c.incoming.properties
        out.append(
            Line(
                name,
                base.get(name) if base is not None else None,
                current.properties.get(name) if current is not None else None,
                c.incoming.properties.get(name) if sent else None,
                sent,
            )
        )
    return out


class EntityConflictsView(QWidget):
    """The open entity conflicts, the selected one side by side, and its resolution."""

    # A conflict was resolved (the entity may have a new version).
    resolved_one = Signal()

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        acting: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.acting = acting
        self.shown: ShownConflict | None = None
        self.lines: list[Line] = []
        self.model: TipTableModel[ShownConflict] = TipTableModel(
            [
                TipColumn(lambda: self.tr("List"), lambda s: s.conflict.list_name),
                TipColumn(lambda: self.tr("Entry"), self._entity_label,
                          tooltip=lambda s: s.conflict.entity_id),
                TipColumn(lambda: self.tr("Laptop"), lambda s: s.device_name),
                TipColumn(lambda: self.tr("Received"), lambda s: local_time(s.conflict.created_at),
                          sort_key=lambda s: s.conflict.created_at),
                TipColumn(lambda: self.tr("What differs"), self._differing),
            ]
        )  # fmt: skip
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_BASE, COL_CURRENT, COL_INCOMING):  # the sides get the same room
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.resolve_button = QPushButton()
        self.mine_button = QPushButton()
        self.theirs_button = QPushButton()
        self.resolve_button.clicked.connect(self.resolve)
        self.mine_button.clicked.connect(lambda: self._choose_all(MINE))
        self.theirs_button.clicked.connect(lambda: self._choose_all(THEIRS))
        self.result = message_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.mine_button)
        buttons.addWidget(self.theirs_button)
        buttons.addStretch(1)
        buttons.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 2)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)  # under the values they choose between
        layout.addWidget(self.result)
        self._enable()
        self.retranslate()

    # --- texts ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Property"),
                self.tr("Before (the laptop's starting point)"),
                self.tr("Coordinator's value now"),
                self.tr("Laptop's value"),
                self.tr("Keep"),
            ]
        )
        self.mine_button.setText(self.tr("Choose all the &coordinator's values"))
        self.theirs_button.setText(self.tr("Choose all the &laptop's values"))
        self.resolve_button.setText(self.tr("&Resolve with these choices"))
        self.model.retranslate()
        self._about()
        if self.shown is not None:
            choices = self.choices()
            self._fill(choices)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _entity_label(self, s: ShownConflict) -> str:
        current = s.conflict.current
        return current.label if current is not None else s.conflict.entity_id

    def _differing(self, s: ShownConflict) -> str:
        names = s.conflict.differing()
        return ", ".join(self._name(n) for n in names)

    def _name(self, name: str) -> str:
        return self.tr("(label)") if name == LABEL else name

    def _kind(self, kind: str) -> str:
        return {
            "update": self.tr("changed on the laptop from an older version"),
            "id-collision": self.tr("created with an id another interview already used"),
            "merged": self.tr("changed on the laptop after it was merged into another entry"),
            "deleted": self.tr("changed on the laptop after it was removed"),
        }.get(kind, kind)

    def _about(self) -> None:
        s = self.shown
        if s is None:
            self.about.setText(
                self.tr("Select a conflict to see its values side by side.")
                if self.model.rowCount()
                else self.tr("No entity conflict to resolve.")
            )
            return
        c = s.conflict
        base = "—" if c.base_version is None else str(c.base_version)
        self.about.setText(
            self.tr(
                "%1 in list %2: %3. The laptop %4 started from version %5; the network has"
                " version %6. Interview %7."
            )
            .replace("%1", self._entity_label(s))
            .replace("%2", c.list_name)
            .replace("%3", self._kind(c.kind))
            .replace("%4", s.device_name)
            .replace("%5", base)
            .replace("%6", str(c.current_version))
            .replace("%7", c.interview_uuid)
        )

    # --- rows -------------------------------------------------------------------------
    def set_rows(self, rows: list[ShownConflict]) -> None:
        keep = self.shown.conflict.id if self.shown is not None else None
        self.model.set_rows(rows)
        self.shown = None
        self.lines = []
        self.table.setRowCount(0)
        for i, row in enumerate(rows):
            if row.conflict.id == keep:
                self.view.selectRow(i)
        self._about()
        self._enable()

    def _selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        self.shown = self.model.row(rows[0].row()) if rows else None
        self.lines = lines_of(self.shown) if self.shown is not None else []
        self._fill({line.name: line.suggested for line in self.lines})
        self._about()
        self._enable()

    def _fill(self, choices: dict[str, str]) -> None:
        self.table.setRowCount(len(self.lines))
        for i, line in enumerate(self.lines):
            values = {
                COL_PROPERTY: self._name(line.name),
                COL_BASE: self._value(line.base),
                COL_CURRENT: self._value(line.current),
                COL_INCOMING: self._value(line.incoming) if line.sent else self.tr("(not sent)"),
            }
            for column, text in values.items():
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if line.both_changed and line.sent:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(i, column, item)
            mark = self.table.item(i, COL_PROPERTY)
            if line.both_changed and line.sent and mark is not None:
                mark.setText("⚠ " + mark.text())
                mark.setToolTip(self.tr("Changed on both sides since the laptop's version"))
            if not line.sent or line.same:
                self.table.removeCellWidget(i, COL_KEEP)
                self.table.setItem(i, COL_KEEP, QTableWidgetItem(self.tr("same") if line.sent
                                                                 else ""))  # fmt: skip
                continue
            combo = QComboBox()
            combo.addItem(self.tr("Coordinator's"), MINE)
            combo.addItem(self.tr("Laptop's"), THEIRS)
            combo.setCurrentIndex(1 if choices.get(line.name, line.suggested) == THEIRS else 0)
            combo.setAccessibleName(self.tr("Keep for %1").replace("%1", self._name(line.name)))
            self.table.setCellWidget(i, COL_KEEP, combo)
        self.table.resizeRowsToContents()

    def _value(self, value: str | None) -> str:
        if value is None:
            return "—"
        return value if value != "" else self.tr("(empty)")

    def _combo(self, row: int) -> QComboBox | None:
        widget = self.table.cellWidget(row, COL_KEEP)
        return widget if isinstance(widget, QComboBox) else None

    def choices(self) -> dict[str, str]:
        """property (or ``label``) -> ``"mine"``/``"theirs"``, for the rows to choose."""
        out = {}
        for i, line in enumerate(self.lines):
            combo = self._combo(i)
            if combo is not None:
                out[line.name] = str(combo.currentData())
        return out

    def choose(self, name: str, pick: str) -> None:
        """Set the choice of one property (``label`` for the label)."""
        for i, line in enumerate(self.lines):
            combo = self._combo(i)
            if line.name == name and combo is not None:
                combo.setCurrentIndex(1 if pick == THEIRS else 0)

    def _choose_all(self, pick: str) -> None:
        for line in self.lines:
            self.choose(line.name, pick)

    def _enable(self) -> None:
        chosen = self.shown is not None
        for button in (self.resolve_button, self.mine_button, self.theirs_button):
            button.setEnabled(chosen)

    # --- resolving ----------------------------------------------------------------------
    def resolve(self) -> None:
        shown = self.shown
        if shown is None:
            return
        ws, acting, choice = self.workspace, self.acting, self.choices()
        conflict_id = shown.conflict.id

        def work(_progress: object, _cancel: object) -> int | None:
            with ws.transaction():
                return resolve_conflict(ws.db, conflict_id, choice, acting())

        def done(version: int | None) -> None:
            name = self._entity_label(shown)
            if version is None:
                text = self.tr("Conflict resolved: %1 keeps the coordinator's values.")
            else:
                text = self.tr(
                    "Conflict resolved: %1 is now version %2; the laptops get it with their"
                    " next receipt."
                ).replace("%2", str(version))
            self.result.setText(text.replace("%1", name))
            self.resolved(conflict_id)
            self.resolved_one.emit()

        self.runner.run(
            work,
            on_success=done,
            on_failure=lambda exc: show_inline_or_dialog(self, self.result, exc),
        )

    def resolved(self, conflict_id: int) -> None:
        """After a resolution: the conflict leaves the list (the tab reloads the rest)."""
        rows = [r for r in self.model.rows if r.conflict.id != conflict_id]
        self.model.set_rows(rows)
        self.shown = None
        self.lines = []
        self.table.setRowCount(0)
        self._about()
        self._enable()
