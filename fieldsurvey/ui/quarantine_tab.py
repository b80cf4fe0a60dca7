"""The coordinator's Quarantine tab: received interviews that failed their form's checks.

Each record shows its household, ward, enumerator, laptop and form, and why it waits,
naming the questions by their labels. The selected one's line gives the full interview
id (selectable; Ctrl+C copies it) and what the record holds at those questions, choice
codes beside their labels. Drop and Return act on the selected record.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.answer_labels import answer_text, question_label, ward_text
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.quarantine_actions import drop_record, return_record
from fieldsurvey.sync.quarantine_detail import (
    QuarantineRow,
    quarantined_answers,
    reason_with_labels,
)
from fieldsurvey.sync.record_checks import printable

from fieldsurvey.ui.conflicts_tab import Specs, selected
from fieldsurvey.ui.context_table import (
    TipColumn,
    TipTableModel,
    add_copy_action,
    local_time,
    retranslate_copy_action,
)
from fieldsurvey.ui.errors import show_inline_or_dialog
from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.widgets import message_label, table_view


class QuarantineTab(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        acting: Callable[[], str],
        refresh: Callable[[], None],
    ) -> None:
        """``acting()`` names who acts (called off the UI thread); ``refresh()`` reloads
        the page's lists after a drop or a return."""
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self.acting = acting
        self.refresh = refresh
        self.specs: Specs = {}
        self.answers: dict[str, Any] = {}
        self.model: TipTableModel[QuarantineRow] = TipTableModel(
            [
                TipColumn(lambda: self.tr("Household"), lambda q: q.household_id,
                          tooltip=self._id_tip),
                TipColumn(lambda: self.tr("Ward"), self._ward, tooltip=self._id_tip),
                TipColumn(lambda: self.tr("Enumerator"), lambda q: q.enumerator,
                          tooltip=self._id_tip),
                TipColumn(lambda: self.tr("Laptop"), lambda q: q.listed.device,
                          tooltip=self._id_tip),
                TipColumn(lambda: self.tr("Form"),
                          lambda q: f"{q.listed.form_id} ({q.listed.form_version})"),
                TipColumn(lambda: self.tr("State"), self._state),
                TipColumn(lambda: self.tr("Why"), self._reason, tooltip=self._reason),
            ]
        )  # fmt: skip
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.selectionModel().selectionChanged.connect(self._show)
        self.copy_action = add_copy_action(self.view, self._current_uuid)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.RichText)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.drop_button = QPushButton()
        self.return_button = QPushButton()
        self.drop_button.clicked.connect(self.ask_drop)
        self.return_button.clicked.connect(self.ask_return)
        self.result = message_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.drop_button)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.about)
        layout.addWidget(self.result)
        self._enable()
        self.retranslate()

    # --- texts ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.drop_button.setText(self.tr("&Drop the selected interview…"))
        self.return_button.setText(self.tr("&Return it to its laptop with a comment…"))
        retranslate_copy_action(self.copy_action)
        self.model.retranslate()
        self._about()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _spec(self, q: QuarantineRow) -> FormSpec | None:
        return self.specs.get((q.listed.form_id, q.listed.form_version))

    def _id_tip(self, q: QuarantineRow) -> str:
        return self.tr("Interview %1").replace("%1", q.uuid)

    def _ward(self, q: QuarantineRow) -> str:
        return ward_text(self._spec(q), q.ward, translations.language)

    def _state(self, q: QuarantineRow) -> str:
        if q.listed.status == "returned":
            return self.tr("returned: %1").replace("%1", q.listed.comment)
        return self.tr("waiting")

    def _meta_names(self) -> dict[str, str]:
        """The record's own fields, as a reason may name them."""
        return {
            "household_id": self.tr("household id"),
            "ward": self.tr("ward"),
            "respondent": self.tr("respondent"),
            "enumerator": self.tr("enumerator"),
            "created": self.tr("time created"),
            "updated": self.tr("time updated"),
        }

    def _reason(self, q: QuarantineRow) -> str:
        names = self._meta_names() if q.listed.code.startswith("sync.quarantine.meta") else {}
        return reason_with_labels(q.listed, self._spec(q), translations.language, names)

    def _about(self) -> None:
        q = selected(self.view, self.model)
        if q is None:
            self.about.setText(
                html.escape(self.tr("Select an interview to see what it holds and why it waits."))
            )
            return
        lines = [
            html.escape(
                self.tr("Household %1, ward %2, enumerator %3, received %4. Interview %5.")
                .replace("%1", q.household_id or "—")
                .replace("%2", self._ward(q) or "—")
                .replace("%3", q.enumerator or "—")
                .replace("%4", local_time(q.listed.received))
                .replace("%5", q.uuid)
            )
        ]
        spec = self._spec(q)
        lang = translations.language
        for path, value in self.answers.items():
            label = question_label(spec, path, lang)
            shown = printable(answer_text(spec, path, value, lang))
            lines.append(
                html.escape(self.tr("%1: received “%2”").replace("%1", label).replace("%2", shown))
            )
        self.about.setText("<br>".join(lines))

    # --- rows -------------------------------------------------------------------------
    def set_rows(self, rows: list[QuarantineRow], specs: Specs) -> None:
        self.specs = specs
        self.model.set_rows(rows)
        self.answers = {}
        self._about()
        self._enable()

    def _enable(self) -> None:
        chosen = selected(self.view, self.model) is not None
        self.drop_button.setEnabled(chosen)
        self.return_button.setEnabled(chosen)

    def _current_uuid(self) -> str | None:
        row = selected(self.view, self.model)
        return row.uuid if row is not None else None

    def _show(self) -> None:
        self._enable()
        self.answers = {}
        self._about()
        q = selected(self.view, self.model)
        if q is None or not q.questions:
            return
        ws = self.workspace
        uuid, paths = q.uuid, q.questions

        def shown(answers: dict[str, Any]) -> None:
            if self._current_uuid() == uuid:
                self.answers = answers
                self._about()

        self.runner.run(
            lambda p, c: quarantined_answers(ws, uuid, paths), on_success=shown, write=False
        )

    # --- actions ----------------------------------------------------------------------
    def ask_drop(self) -> None:
        item = selected(self.view, self.model)
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Drop the interview"),
            self.tr(
                "Drop the interview of household %1 (ward %2) from laptop %3 for good? "
                "It will not be merged."
            )
            .replace("%1", item.household_id or "—")
            .replace("%2", self._ward(item) or "—")
            .replace("%3", item.listed.device),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.drop(item.uuid)

    def drop(self, uuid: str) -> None:
        ws = self.workspace
        acting = self.acting
        household = self._household(uuid)

        def done(full: str) -> None:
            self.result.setText(
                self.tr("The interview of household %1 was dropped.").replace("%1", household)
            )
            self.refresh()

        self.runner.run(
            lambda p, c: drop_record(ws, uuid, who=acting()),
            on_success=done,
            on_failure=lambda exc: show_inline_or_dialog(self, self.result, exc),
        )

    def ask_return(self) -> None:
        item = selected(self.view, self.model)
        if item is None:
            return
        comment, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Return to the laptop"),
            self.tr("What should the enumerator of household %1 correct?").replace(
                "%1", item.household_id or "—"
            ),
        )
        if ok and comment.strip():
            self.return_to_laptop(item.uuid, comment)

    def return_to_laptop(self, uuid: str, comment: str) -> None:
        ws = self.workspace
        acting = self.acting
        household = self._household(uuid)

        def done(full: str) -> None:
            self.result.setText(
                self.tr(
                    "The interview of household %1 goes back to its laptop with the next receipt."
                ).replace("%1", household)
            )
            self.refresh()

        self.runner.run(
            lambda p, c: return_record(ws, uuid, comment, who=acting()),
            on_success=done,
            on_failure=lambda exc: show_inline_or_dialog(self, self.result, exc),
        )

    def _household(self, uuid: str) -> str:
        row = next((q for q in self.model.rows if q.uuid == uuid), None)
        return (row.household_id if row is not None else "") or uuid[:8]
