"""Language of the desktop app: Vietnamese by default, English on request.

Strings in the code are English and marked with ``tr()``; Vietnamese comes from
``resources/translations/fieldsurvey_vi.qm``, built from the ``.ts`` source with
``pyside6-lrelease`` (see ``tools/update_translations.py``). Switching language sends
every widget a ``LanguageChange`` event; widgets re-set their texts in ``retranslate()``.
The choice is kept in QSettings (it is not sensitive and is needed before unlock).
The core's texts (errors, reports; :mod:`fieldsurvey.messages`) follow the same choice.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from fieldsurvey import messages
from fieldsurvey.resources import resource_path

LANGUAGES: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"
_SETTINGS_KEY = "ui/language"


def qm_path(lang: str) -> str:
    return str(resource_path("translations", f"fieldsurvey_{lang}.qm"))


class Translations:
    """Holds the installed translator so the language can change at any time."""

    def __init__(self) -> None:
        self.translator: QTranslator | None = None
        self.language = DEFAULT_LANGUAGE

    def install(self, lang: str) -> None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("QApplication must exist before installing translations")
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        if lang != "en":
            translator = QTranslator(app)
            if not translator.load(qm_path(lang)):
                raise FileNotFoundError(qm_path(lang))
            QCoreApplication.installTranslator(translator)
            self.translator = translator
        self.language = lang
        messages.set_language(lang)  # core texts rendered without a language follow it
        QLocale.setDefault(
            QLocale(QLocale.Language.Vietnamese if lang == "vi" else QLocale.Language.English)
        )

    @staticmethod
    def saved_language() -> str:
        value = QSettings().value(_SETTINGS_KEY, DEFAULT_LANGUAGE)
        return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE

    @staticmethod
    def save_language(lang: str) -> None:
        QSettings().setValue(_SETTINGS_KEY, lang)


#: The app's one instance.
translations = Translations()
