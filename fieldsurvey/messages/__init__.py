"""The one catalogue of texts the core shows a person: error messages, CLI output and
report texts, each in English and Vietnamese under a stable code.

The CLI, the desktop app and the PDF reports all read this catalogue; nothing
translates by matching English wording. The app's own widget labels are Qt strings
(``tr()``, ``resources/translations/*.ts``): Qt Linguist is how Qt widgets are
translated and re-translated live, and those strings never leave the ``ui`` package
(see docs/translations.md).

API:
    Text(en, vi)                         one entry
    CATALOGUE: dict[str, Text]           every code, from the area modules below
    render(code, lang=None, **params)    the text in ``lang`` (default: current language)
    set_language(lang); language()       the process's language (CLI option, app choice)
    language_from_environment(env)       FIELDSURVEY_LANG, else the locale, else "vi"

Templates use ``{name}`` placeholders; a value that is a list or tuple is joined with
", ". Texts never carry answers: only names of fields, files, rows and sheets.
"""

from __future__ import annotations

import locale
import os
import string
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

Lang = Literal["vi", "en"]
LANGUAGES: tuple[Lang, ...] = ("vi", "en")
DEFAULT_LANGUAGE: Lang = "vi"


class Text(NamedTuple):
    """One catalogue entry: the same message in English and in Vietnamese."""

    en: str
    vi: str


def _collect() -> dict[str, Text]:
    from fieldsurvey.messages import (
        attachment_texts,
        audit_texts,
        cli_texts,
        db_texts,
        entity_texts,
        forms_texts,
        inbox_texts,
        media_texts,
        quarantine_texts,
        reports_texts,
        store_texts,
        sync_data_texts,
        sync_texts,
        transport_texts,
    )

    merged: dict[str, Text] = {}
    areas = (db_texts, store_texts, forms_texts, sync_texts, sync_data_texts, reports_texts)
    for module in (
        *areas,
        entity_texts,
        audit_texts,
        quarantine_texts,
        media_texts,
        attachment_texts,
        transport_texts,
        inbox_texts,
        cli_texts,
    ):
        for code, entry in module.TEXTS.items():
            if code in merged:
                raise RuntimeError(f"message code {code} is defined twice")
            merged[code] = entry
    return merged


_language: Lang = DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Make ``lang`` ("vi" or "en") the language of texts rendered without one."""
    global _language
    _language = normalise(lang)


def language() -> Lang:
    return _language


def normalise(lang: str | None) -> Lang:
    """ "vi", "en" (or a locale name such as "en_GB.UTF-8") as a catalogue language."""
    text = (lang or "").strip().lower().replace("-", "_")
    if text.startswith("en"):
        return "en"
    return "vi"


def language_from_environment(env: Mapping[str, str] | None = None) -> Lang:
    """FIELDSURVEY_LANG if set, else the system locale when it is English or Vietnamese,
    else Vietnamese."""
    env = os.environ if env is None else env
    chosen = env.get("FIELDSURVEY_LANG", "").strip()
    if chosen:
        return normalise(chosen)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalise(value)
    if env is os.environ:
        try:
            # getlocale() names C.UTF-8 "en_US": a C locale says nothing of a language
            current = locale.setlocale(locale.LC_CTYPE)
            plain = current in ("C", "POSIX") or current.startswith("C.")
            system = "" if plain else (locale.getlocale()[0] or "")
        except (ValueError, locale.Error):
            system = ""
        if system.lower().startswith("en"):
            return "en"
    return DEFAULT_LANGUAGE


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _value(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return value


def placeholders(template: str) -> set[str]:
    """The ``{name}`` placeholders of a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(code: str, lang: str | None = None, /, **params: Any) -> str:
    """The text of ``code`` in ``lang`` (the current language when None).

    An unknown code is returned as it is (the tests keep every code in the catalogue).
    """
    entry = CATALOGUE.get(code)
    if entry is None:
        return code
    chosen = _language if lang is None else normalise(lang)
    template = entry.vi if chosen == "vi" else entry.en
    values = _Params({k: _value(v) for k, v in params.items()})
    return string.Formatter().vformat(template, (), values)


CATALOGUE: dict[str, Text] = _collect()
