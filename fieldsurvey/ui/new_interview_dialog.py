"""Start a new interview: which form, which ward, which household.

The household is checked at the door (:mod:`fieldsurvey.forms.household_check`, in a
task): an id that breaks the form's own rule is refused here with the form's message,
and when this laptop already has an interview of the same form, ward and household the
enumerator either opens it or confirms that this is a revisit. The dialog stays open
until one of those is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from fieldsurvey.forms.household_check import HouseholdCheck, check_household
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store.forms import FormInfo
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.context_table import local_time
from fieldsurvey.ui.entry.form_text import form_language
from fieldsurvey.ui.errors import show_inline_or_dialog
from fieldsurvey.ui.interview_table_model import status_text
from fieldsurvey.ui.tasks import TaskRunner


@dataclass(frozen=True)
class NewInterview:
    form: FormInfo
    ward: str
    ward_code: str | None
    household_id: str
    respondent: str
    #: The interviews of the same household this one knowingly revisits.
    revisit_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpenExisting:
    """The enumerator chose to open the household's existing interview instead."""

    uuid: str


def ward_choices(spec: FormSpec, lang: str) -> list[tuple[str, str]]:
    """(code, label) of the form's ward question (settings ``ward_field``), if any."""
    field = spec.settings.get("ward_field")
    if not field:
        return []
    node = spec.by_name().get(field)
    if node is None or not node.choices:
        return []
    language = form_language(spec, lang)
    out = []
    for choice in spec.choices.get(node.choices, []):
        label = choice.label.get(language) or next(iter(choice.label.values()), choice.name)
        out.append((choice.name, label))
    return out


class NewInterviewDialog(QDialog):
    """``outcome`` after accept(): a :class:`NewInterview` to start, or an
    :class:`OpenExisting`. Without a workspace and runner nothing is checked."""

    def __init__(
        self,
        forms: list[FormInfo],
        specs: dict[str, FormSpec],
        lang: str,
        parent: QWidget | None = None,
        *,
        workspace: Workspace | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.forms = forms
        self.specs = specs
        self.lang = lang
        self.workspace = workspace
        self.runner = runner
        self.outcome: NewInterview | OpenExisting | None = None
        # What the last check found, and for which choice (a change of form, ward or
        # household makes it stale).
        self._checked: NewInterview | None = None
        self._existing: list[str] = []
        self._soft_confirmed: NewInterview | None = None
        self.form_box = QComboBox()
        for info in forms:
            spec = specs.get(info.form_id)
            title = spec.title if spec is not None and spec.title else info.form_id
            self.form_box.addItem(f"{title} ({info.version})", info)
        self.ward_box = QComboBox()
        self.ward_box.setEditable(True)
        self.household = QLineEdit()
        self.respondent = QLineEdit()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.open_existing_button = QPushButton(self.tr("&Open the existing interview"))
        self.revisit_button = QPushButton(self.tr("This is a re&visit: start a new interview"))
        self.keep_id_button = QPushButton(self.tr("&Keep this household id"))
        self.open_existing_button.clicked.connect(self._open_existing)
        self.revisit_button.clicked.connect(self._revisit)
        self.keep_id_button.clicked.connect(self._keep_id)
        choices = QHBoxLayout()
        for button in (self.open_existing_button, self.revisit_button, self.keep_id_button):
            button.setVisible(False)  # Enter presses the one that has the focus
            choices.addWidget(button)
        choices.addStretch(1)
        form = self.form_layout = QFormLayout(self)
        form.addRow(self.tr("&Questionnaire:"), self.form_box)
        form.addRow(self.tr("&Ward:"), self.ward_box)
        form.addRow(self.tr("&Household id:"), self.household)
        form.addRow(self.tr("&Respondent (optional):"), self.respondent)
        form.addRow(self.message)
        form.addRow(choices)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton(
            self.tr("&Start interview"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.start_button.setDefault(True)  # once in the dialog: Enter starts
        self.form_box.currentIndexChanged.connect(self._fill_wards)
        for signal in (
            self.form_box.currentIndexChanged,
            self.ward_box.currentTextChanged,
            self.household.textChanged,
        ):
            signal.connect(self._choice_changed)
        self._fill_wards()
        self.setWindowTitle(self.tr("New interview"))
        self.resize(560, 0)

    def _fill_wards(self) -> None:
        self.ward_box.clear()
        info = self.form_box.currentData()
        spec = self.specs.get(info.form_id) if info is not None else None
        for code, label in ward_choices(spec, self.lang) if spec is not None else []:
            self.ward_box.addItem(label, code)

    def _choice_changed(self) -> None:
        """What the last check said no longer applies."""
        if self._checked is None:
            return
        self._checked = None
        self._existing = []
        self.message.clear()
        for button in (self.open_existing_button, self.revisit_button, self.keep_id_button):
            button.setVisible(False)
        self._fit()

    # --- the check at the door ------------------------------------------------------
    def _accept(self) -> None:
        if not self.ward_box.currentText().strip() or not self.household.text().strip():
            self.message.setText(self.tr("Give the ward and the household id."))
            return
        choice = self.result_value()
        if self.workspace is None or self.runner is None:
            self._finish(choice)
            return
        ws = self.workspace
        self.start_button.setEnabled(False)
        self.message.setText(self.tr("Checking the household id…"))
        self.runner.run(
            lambda p, c: check_household(
                ws,
                form_id=choice.form.form_id,
                form_version=choice.form.version,
                ward=choice.ward,
                household_id=choice.household_id,
                ward_code=choice.ward_code,
                lang=self.lang,
            ),
            on_success=lambda found: self._checked_household(choice, found),
            on_failure=self._check_failed,
            write=False,
        )

    def _check_failed(self, exc: BaseException) -> None:
        self.start_button.setEnabled(True)
        show_inline_or_dialog(self, self.message, exc)
        self._fit()

    def _checked_household(self, choice: NewInterview, found: HouseholdCheck) -> None:
        self.start_button.setEnabled(True)
        self._show_check(choice, found)
        self._fit()

    def _fit(self) -> None:
        """Grow (or shrink) to show the whole message and the choices it offers."""
        layout = self.form_layout
        layout.activate()
        width = self.width()
        height = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
        self.resize(width, max(height, layout.minimumSize().height()))

    def _show_check(self, choice: NewInterview, found: HouseholdCheck) -> None:
        if choice != self.result_value():  # changed while the check ran: check again
            self.message.clear()
            return
        self._checked = choice
        problem = found.problem
        if problem is not None and not (problem.soft and self._soft_confirmed == choice):
            if problem.soft:
                self.message.setText(
                    self.tr("Check the household id: %1 If it is right, keep it.").replace(
                        "%1", _sentence(problem.message)
                    )
                )
                self.keep_id_button.setVisible(True)
                self.keep_id_button.setFocus()
                return
            self.message.setText(
                self.tr("This household id cannot be used: %1").replace("%1", problem.message)
            )
            self.household.setFocus()
            self.household.selectAll()
            return
        if not found.existing:
            self._finish(choice)
            return
        latest = found.existing[0]
        self._existing = [row.uuid for row in found.existing]
        count = len(found.existing)
        if count == 1:
            text = self.tr(
                "This laptop already has an interview of household %1 in %2 (%3, last "
                "changed %4). Open it, or start a new one if this is a revisit."
            )
        else:
            text = self.tr(
                "This laptop already has %n interviews of household %1 in %2 (the latest: "
                "%3, last changed %4). Open the latest, or start a new one if this is a "
                "revisit.",
                "",
                count,
            )
        self.message.setText(
            text.replace("%1", choice.household_id)
            .replace("%2", choice.ward)
            .replace("%3", status_text(latest.status))
            .replace("%4", local_time(latest.updated))
        )
        self.open_existing_button.setVisible(True)
        self.revisit_button.setVisible(True)
        self.open_existing_button.setFocus()

    def _open_existing(self) -> None:
        if self._existing:
            self.outcome = OpenExisting(self._existing[0])
            self.accept()

    def _revisit(self) -> None:
        if self._checked is not None and self._existing:
            self._finish(replace(self._checked, revisit_of=tuple(self._existing)))

    def _keep_id(self) -> None:
        if self._checked is not None:
            self._soft_confirmed = self._checked
            self.keep_id_button.setVisible(False)
            self._accept()

    def _finish(self, choice: NewInterview) -> None:
        self.outcome = choice
        self.accept()

    def result_value(self) -> NewInterview:
        text = self.ward_box.currentText().strip()
        index = self.ward_box.findText(text)
        code = self.ward_box.itemData(index) if index >= 0 else None
        return NewInterview(
            form=self.form_box.currentData(),
            ward=text,
            ward_code=code,
            household_id=self.household.text().strip(),
            respondent=self.respondent.text().strip(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        forms: list[FormInfo],
        specs: dict[str, FormSpec],
        lang: str,
        *,
        workspace: Workspace | None = None,
        runner: TaskRunner | None = None,
    ) -> NewInterview | OpenExisting | None:
        dialog = cls(forms, specs, lang, parent, workspace=workspace, runner=runner)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.outcome


def _sentence(text: str) -> str:
    """``text`` ending with a full stop (a form's message may have none)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."
