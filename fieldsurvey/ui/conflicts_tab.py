"""The coordinator's Conflicts tab: interviews changed on both sides, by household.

Each conflict shows its household, ward, enumerator and laptop, and the questions that
clash by their labels (in the form language of the app language); the selected one's
fields side by side, choice codes beside their labels. The full interview id is in the
tooltips, in the line above the fields, and on the clipboard with Ctrl+C.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.answer_labels import answer_text, question_label, ward_text
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.conflict_detail import (
    ConflictDetail,
    ConflictField,
    ConflictRow,
    conflict_detail,
)
from fieldsurvey.sync.conflicts import Side, resolve_conflict

from fieldsurvey.ui.context_table import (
    TipColumn,
    TipTableModel,
    add_copy_action,
    retranslate_copy_action,
)
from fieldsurvey.ui.errors import show_inline_or_dialog
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.widgets import message_label, table_view

T = TypeVar("T")
Specs = dict[tuple[str, str], FormSpec]


def selected(view: QTableView, model: TipTableModel[T]) -> T | None:
    rows = view.selectionModel().selectedRows()
    return model.row(rows[0].row()) if rows else None


class ConflictsTab(QWidget):
    def __init__(self, workspace: Workspace, runner: TaskRunner, acting: Callable[[], str]) -> None:
        """``acting()`` names who resolves (called off the UI thread)."""
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self.acting = acting
        self.specs: Specs = {}
        self.detail: ConflictDetail | None = None
        self.model: TipTableModel[ConflictRow] = TipTableModel(
            [
                TipColumn(lambda: self.tr("Household"), lambda c: c.household_id,
                          tooltip=self._id_tip),
                TipColumn(lambda: self.tr("Ward"), self._ward, tooltip=self._id_tip),
                TipColumn(lambda: self.tr("Enumerator"), lambda c: c.enumerator,
                          tooltip=self._id_tip),
                TipColumn(lambda: self.tr("Laptop"), lambda c: c.device_name,
                          tooltip=self._id_tip),
                TipColumn(lambda: self.tr("Questions that differ"), self._questions,
                          tooltip=lambda c: "\n".join(c.fields)),
            ]
        )  # fmt: skip
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.selectionModel().selectionChanged.connect(self._show)
        self.copy_action = add_copy_action(self.view, self._current_uuid)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_model: TipTableModel[ConflictField] = TipTableModel(
            [
                TipColumn(lambda: self.tr("Question"), self._field_label,
                          tooltip=lambda f: f.field),
                TipColumn(lambda: self.tr("Coordinator's value"),
                          lambda f: self._value(f, f.coordinator)),
                TipColumn(lambda: self.tr("Laptop's value"), lambda f: self._value(f, f.laptop)),
            ]
        )  # fmt: skip
        self.detail_view = table_view()
        self.detail_view.setModel(self.detail_model)
        self.keep_button = QPushButton()
        self.take_button = QPushButton()
        self.keep_button.clicked.connect(lambda: self.resolve_selected("coordinator"))
        self.take_button.clicked.connect(lambda: self.resolve_selected("laptop"))
        self.result = message_label()
        header = self.detail_view.horizontalHeader()
        for column in (1, 2):  # the two sides get the same room
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.about)
        layout.addWidget(self.detail_view, 1)
        layout.addLayout(buttons)  # under the values they choose between
        layout.addWidget(self.result)
        self._enable()
        self.retranslate()

    # --- texts ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.keep_button.setText(self.tr("Keep the &coordinator's values"))
        self.take_button.setText(self.tr("Take the &laptop's values"))
        retranslate_copy_action(self.copy_action)
        self.model.retranslate()
        self.detail_model.retranslate()
        self._about()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _spec(self, form_id: str, version: str) -> FormSpec | None:
        return self.specs.get((form_id, version))

    def _id_tip(self, c: ConflictRow) -> str:
        return self.tr("Interview %1").replace("%1", c.uuid)

    def _ward(self, c: ConflictRow) -> str:
        return ward_text(self._spec(c.form_id, c.form_version), c.ward, translations.language)

    def _questions(self, c: ConflictRow) -> str:
        spec = self._spec(c.form_id, c.form_version)
        return "; ".join(question_label(spec, f, translations.language) for f in c.fields)

    def _field_label(self, f: ConflictField) -> str:
        d = self.detail
        spec = self._spec(d.form_id, d.form_version) if d is not None else None
        return question_label(spec, f.field, translations.language)

    def _value(self, f: ConflictField, value: object) -> str:
        d = self.detail
        spec = self._spec(d.form_id, d.form_version) if d is not None else None
        return answer_text(spec, f.field, value, translations.language)

    def _about(self) -> None:
        d = self.detail
        if d is None:
            self.about.setText(self.tr("Select a conflict to see its answers side by side."))
            return
        text = (
            self.tr("Household %1, ward %2, enumerator %3. Interview %4.")
            .replace("%1", d.household_id or "—")
            .replace(
                "%2",
                ward_text(self._spec(d.form_id, d.form_version), d.ward, translations.language)
                or "—",
            )
            .replace("%3", d.enumerator or "—")
            .replace("%4", d.uuid)
        )
        self.about.setText(html.escape(text))

    # --- rows -------------------------------------------------------------------------
    def set_rows(self, rows: list[ConflictRow], specs: Specs) -> None:
        self.specs = specs
        self.model.set_rows(rows)
        self.detail = None
        self.detail_model.set_rows([])
        self._about()
        self._enable()

    def _enable(self) -> None:
        chosen = selected(self.view, self.model) is not None
        self.keep_button.setEnabled(chosen)
        self.take_button.setEnabled(chosen)

    def _current_uuid(self) -> str | None:
        row = selected(self.view, self.model)
        return row.uuid if row is not None else None

    def _show(self) -> None:
        self._enable()
        conflict = selected(self.view, self.model)
        if conflict is None:
            self.detail = None
            self.detail_model.set_rows([])
            self._about()
            return
        ws = self.workspace
        self.runner.run(
            lambda p, c: conflict_detail(ws, conflict.uuid),
            on_success=self._detail,
            on_failure=lambda exc: show_inline_or_dialog(self, self.result, exc),
            write=False,
        )

    def _detail(self, detail: ConflictDetail) -> None:
        self.detail = detail
        self.detail_model.set_rows(detail.fields)
        self._about()

    def resolve_selected(self, side: str) -> None:
        conflict = selected(self.view, self.model)
        if conflict is None:
            return
        ws = self.workspace
        default: Side = "laptop" if side == "laptop" else "coordinator"
        acting = self.acting
        self.runner.run(
            lambda p, c: resolve_conflict(ws, conflict.uuid, {}, default=default, who=acting()),
            on_success=lambda _c: self.result.setText(self.tr("Conflict resolved.")),
            on_failure=lambda exc: show_inline_or_dialog(self, self.result, exc),
        )
