"""A small combo box that switches the app's language at once (Vietnamese/English)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QWidget

from fieldsurvey.ui.i18n import LANGUAGES, translations


class LanguageSwitch(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, name in LANGUAGES.items():
            self.addItem(name, code)
        self.setCurrentIndex(self.findData(translations.language))
        self.setAccessibleName("Language / Ngôn ngữ")
        self.setToolTip("Ngôn ngữ / Language")
        self.currentIndexChanged.connect(self._changed)

    def _changed(self, index: int) -> None:
        code = self.itemData(index)
        if code and code != translations.language:
            translations.install(code)
            translations.save_language(code)

    def changeEvent(self, event: QEvent) -> None:
        """Follow a switch made in another window's combo box."""
        if event.type() == QEvent.Type.LanguageChange:
            index = self.findData(translations.language)
            if index != self.currentIndex():
                self.blockSignals(True)
                self.setCurrentIndex(index)
                self.blockSignals(False)
        super().changeEvent(event)
