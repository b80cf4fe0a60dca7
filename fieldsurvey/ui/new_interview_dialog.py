"""Start a new interview: which form, which ward, which household."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store.forms import FormInfo

from fieldsurvey.ui.entry.form_text import form_language


@dataclass(frozen=True)
class NewInterview:
    form: FormInfo
    ward: str
    ward_code: str | None
    household_id: str
    respondent: str


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
    def __init__(
        self,
        forms: list[FormInfo],
        specs: dict[str, FormSpec],
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.forms = forms
        self.specs = specs
        self.lang = lang
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
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        form = QFormLayout(self)
        form.addRow(self.tr("&Questionnaire:"), self.form_box)
        form.addRow(self.tr("&Ward:"), self.ward_box)
        form.addRow(self.tr("&Household id:"), self.household)
        form.addRow(self.tr("&Respondent (optional):"), self.respondent)
        form.addRow(self.message)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("&Start interview"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.form_box.currentIndexChanged.connect(self._fill_wards)
        self._fill_wards()
        self.setWindowTitle(self.tr("New interview"))
        self.resize(480, 0)

    def _fill_wards(self) -> None:
        self.ward_box.clear()
        info = self.form_box.currentData()
        spec = self.specs.get(info.form_id) if info is not None else None
        for code, label in ward_choices(spec, self.lang) if spec is not None else []:
            self.ward_box.addItem(label, code)

    def _accept(self) -> None:
        if not self.ward_box.currentText().strip() or not self.household.text().strip():
            self.message.setText(self.tr("Give the ward and the household id."))
            return
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
    ) -> NewInterview | None:
        dialog = cls(forms, specs, lang, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_value()
