"""Which of the form's languages to show, and a node's texts in it.

XLSForm language names look like ``"Tiếng Việt (vi)"``; the app's languages are codes
(``"vi"``, ``"en"``). The form language for a UI language is the one whose name ends in
``(code)``, or whose name is the language's own name; else the form's default language.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale

from fieldsurvey.forms.attachments import media_name
from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, FormSpec, Node, Texts

_CODE = re.compile(r"\(([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\)\s*$")
_NAMES = {"vi": ("tiếng việt", "vietnamese"), "en": ("english", "tiếng anh")}


def ui_language() -> str:
    """The app's language code as set by ``ui.i18n`` (through QLocale's default)."""
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def language_code(name: str) -> str | None:
    """``"Tiếng Việt (vi)"`` -> ``"vi"``; None when the name carries no code."""
    match = _CODE.search(name)
    return match.group(1).lower().replace("_", "-").split("-")[0] if match else None


def form_language(spec: FormSpec, code: str) -> str:
    """The form language to show for the app language ``code``."""
    for name in spec.languages:
        if language_code(name) == code:
            return name
    for name in spec.languages:
        if name.strip().casefold() in _NAMES.get(code, ()):
            return name
    return spec.default_language


def display_name(name: str) -> str:
    """A form language name as shown in the language box (``default`` -> ``Default``)."""
    return "—" if name == DEFAULT_LANG else name


def pick(texts: Texts, lang: str, default_lang: str) -> str:
    """``texts`` in ``lang``, else the form's default language, else any language."""
    for key in (lang, default_lang, DEFAULT_LANG):
        text = texts.get(key)
        if text:
            return text
    return next((t for t in texts.values() if t), "")


def choice_label(choice: Choice, lang: str, default_lang: str) -> str:
    return pick(choice.label, lang, default_lang) or choice.name


# --- appearances, media and guidance ---------------------------------------------------

_COLUMNS = re.compile(r"^columns(?:-(\d+|pack))?$")


#: Collect's older names, still found in forms: read as the current ones.
_OLD_NAMES = {"horizontal": "columns", "horizontal-compact": "columns-pack"}


def appearances(node: Node) -> set[str]:
    """The node's appearance words, lower case (``"quick minimal"`` -> both)."""
    return {_OLD_NAMES.get(w, w) for w in (node.appearance or "").lower().split()}


def columns(node: Node) -> int | None:
    """Columns asked by ``columns``/``columns-N``/``columns-pack``/``compact`` (0: as many
    as fit), or None when the appearance asks for none."""
    words = appearances(node)
    if words & {"compact", "quickcompact"} or any(w.startswith("compact-") for w in words):
        count = next((w.split("-", 1)[1] for w in words if w.startswith("compact-")), "")
        return int(count) if count.isdigit() else 0
    for word in words:
        match = _COLUMNS.match(word)
        if match:
            count = match.group(1) or ""
            return int(count) if count.isdigit() else 0
    return None


def media(item: Node | Choice, kind: str, lang: str, default_lang: str) -> str:
    """The file name of ``item``'s ``image``/``big-image``/``audio``/``video`` in ``lang``
    ("" for none; ``jr://images/`` and the like left out)."""
    return media_name(item.media, kind, lang, default_lang)


def guidance(node: Node, lang: str, default_lang: str) -> str:
    """The node's ``guidance_hint`` in ``lang`` ("" for none); reads ``node.guidance_hint``
    (texts) when the form model carries it."""
    texts = getattr(node, "guidance_hint", None)
    return pick(texts, lang, default_lang) if isinstance(texts, dict) else ""
