"""Form errors whose text is made of other catalogue texts, rendered in one language.

A problem in an XLSForm is reported at its place: ``survey sheet, row 12, column
'relevant': <problem>``. The place words and the problem are catalogue texts too (an
:class:`~fieldsurvey.errors.ExpressionError` inside a form error, say), so they are
passed as :class:`Phrase` or error parameters and rendered in the language the whole
message is shown in, never pre-rendered in English.

API:
    Phrase(code, params); phrase(code, **params)   a catalogue text used as a parameter
    where(sheet, row, column) -> list[Phrase]       "survey sheet, row 12, column 'x'"
    FormSheetError      FormDefinitionError with phrase parameters
    LocatedExpressionError, AnswerFileError          the same for those classes
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldsurvey import messages
from fieldsurvey.errors import DataFileError, ExpressionError, FieldSurveyError, FormDefinitionError


@dataclass(frozen=True)
class Phrase:
    """A catalogue text used as a parameter of another, rendered in the same language."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        return render_nested(self.code, lang, self.params)

    def __str__(self) -> str:
        return self.text("en")


def phrase(code: str, /, **params: Any) -> Phrase:
    return Phrase(code, params)


def _localise(value: Any, lang: str | None) -> Any:
    if isinstance(value, Phrase | FieldSurveyError):
        return value.text(lang)
    if isinstance(value, list | tuple):
        return [_localise(item, lang) for item in value]
    return value


def render_nested(code: str, lang: str | None, params: dict[str, Any]) -> str:
    """``messages.render`` with :class:`Phrase` and error parameters rendered in ``lang``."""
    chosen = messages.language() if lang is None else lang
    values = {name: _localise(value, chosen) for name, value in params.items()}
    return messages.render(code, chosen, **values)


def where(
    sheet: str | None = None, row: int | None = None, column: str | None = None
) -> list[Phrase]:
    """The place of a problem in the XLSForm (parts left out if unknown)."""
    parts = []
    if sheet:
        parts.append(phrase("forms.where_sheet", sheet=sheet))
    if row is not None:
        parts.append(phrase("forms.where_row", row=row))
    if column:
        parts.append(phrase("forms.where_column", column=column))
    return parts


class _NestedText(FieldSurveyError):
    """Renders :class:`Phrase` and error parameters in the language of the message."""

    def text(self, lang: str | None = None) -> str:
        return render_nested(self.code, lang, self.params)


class FormSheetError(_NestedText, FormDefinitionError):
    """An XLSForm problem, usually at a place in one of its sheets."""


class LocatedExpressionError(_NestedText, ExpressionError):
    """An expression problem at a place in the XLSForm (row, column, question)."""


class AnswerFileError(_NestedText, DataFileError):
    """An answer file that does not fit the form (the answer problem inside)."""
