"""Turn what an enumerator typed into answer values, and answer values back into text.

Answer values are the JSON shapes of the answer document: ``int``/``float`` for numbers,
``"YYYY-MM-DD"`` for dates, ``"HH:MM:SS"`` for times, ``"lat lon alt acc"`` for a
geopoint. Parsers return ``None`` for empty input and raise :class:`InputProblem` with a
short English reason (the widgets translate it) for input they cannot read. Numbers are
read by :mod:`fieldsurvey.forms.number_reading` in the app's language (Vietnamese
``1.500`` and ``12,5``, English ``1,500`` and ``12.5``); :func:`number_problem` says, in
that language, why typed text was not taken.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldsurvey import messages
from fieldsurvey.forms import number_reading as nr

_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})(?:[:hH.](\d{2}))?(?::(\d{2}))?$")

#: Characters a number box lets through while typing (the parser has the last word).
NUMBER_CHARS = r"^-?[0-9.,\s\x{00a0}]*$"
DATE_CHARS = r"^[0-9/.\-\s]*$"
TIME_CHARS = r"^[0-9:hH.]*$"
GEOPOINT_CHARS = r"^[0-9.,\-+\s]*$"


class InputProblem(ValueError):
    """Typed input that is not a value of the question's type.

    The message is English, marked for translation in the ``InputProblem`` context;
    show it with ``QCoreApplication.translate("InputProblem", str(problem))``.
    """


def parse_integer(text: str, lang: str | None = None) -> int | None:
    """A whole number typed in the app's language (or ``lang``)."""
    value = _parse_number(text, lang, whole=True)
    assert value is None or isinstance(value, int)
    return value


def parse_decimal(text: str, lang: str | None = None) -> int | float | None:
    """A number typed in the app's language (or ``lang``): int without a decimal mark."""
    return _parse_number(text, lang, whole=False)


def _parse_number(text: str, lang: str | None, *, whole: bool) -> int | float | None:
    lang = lang or messages.language()
    reading = nr.read_number(text, lang, whole=whole)
    if reading.problem is not None:
        raise InputProblem(number_problem(reading, lang, whole=whole))
    return reading.value


def _tr(text: object) -> str:
    """``text`` (marked with QT_TRANSLATE_NOOP in "InputProblem") in the app's language."""
    return QCoreApplication.translate("InputProblem", str(text))


def unasked_text(value: int | float, lang: str) -> str:
    """``value`` written so that typing it is taken at once ("1.500", else "12,3450")."""
    shown = nr.format_number(value, lang)
    return shown if nr.read_number(shown, lang).value == value else nr.typing_form(value, lang)


_unasked = unasked_text


def number_problem(reading: nr.Reading, lang: str, *, whole: bool) -> str:
    """Why ``reading`` was not taken, translated, with examples written the ``lang`` way
    (the app's language: the translation describes that language's marks)."""
    if reading.problem is nr.Problem.UNCLEAR and len(reading.readings) == 2:
        first, second = reading.readings
        text = _tr(
            QT_TRANSLATE_NOOP(
                "InputProblem",
                "A comma separates thousands and a point marks decimals. Is this {first} or "
                "{second}? Type the one you mean.",
            )
        )
        return text.format(first=_unasked(first, lang), second=_unasked(second, lang))
    if reading.problem is nr.Problem.UNCLEAR and reading.readings:
        text = _tr(
            QT_TRANSLATE_NOOP(
                "InputProblem",
                "A comma separates thousands and a point marks decimals. Did you mean {value}? "
                "Type it that way.",
            )
        )
        return text.format(value=_unasked(reading.readings[0], lang))
    if whole or reading.problem is nr.Problem.NOT_WHOLE:
        text = _tr(QT_TRANSLATE_NOOP("InputProblem", "Type a whole number, for example {example}."))
        return text.format(example=nr.format_number(1500000, lang))
    return _tr(QT_TRANSLATE_NOOP("InputProblem", "Type a number, for example {example}.")).format(
        example=nr.format_number(12.5, lang)
    )


def format_number(value: object) -> str:
    """The text a number box shows for a stored value (no grouping, ``.`` kept)."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_date(text: str) -> str | None:
    """``dd/mm/yyyy`` (also ``-``, ``.``, or ``ddmmyyyy``) or ``yyyy-mm-dd`` -> ISO date."""
    text = text.strip()
    if not text:
        return None
    if match := _DATE_ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DATE_DMY.match(text) or _DATE_COMPACT.match(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise InputProblem(
            QT_TRANSLATE_NOOP(
                "InputProblem", "Type the date as day/month/year, for example 15/03/1990."
            )
        )
    try:
        return date(year, month, day).isoformat()
    except ValueError as exc:
        raise InputProblem(QT_TRANSLATE_NOOP("InputProblem", "This date does not exist.")) from exc


def format_date(value: object) -> str:
    if not isinstance(value, str) or not value:
        return ""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-\s](\d{4})$|^(\d{4})-(\d{1,2})$")


def parse_month_year(text: str) -> str | None:
    """``mm/yyyy`` (also ``-``, ``.``) or ``yyyy-mm`` -> the month's first day, as ODK
    stores a ``month-year`` date (``"1990-03-01"``)."""
    text = text.strip()
    if not text:
        return None
    match = _MONTH_YEAR.match(text)
    if not match:
        raise InputProblem(
            QT_TRANSLATE_NOOP("InputProblem", "Type the month as month/year, for example 03/1990.")
        )
    month, year = (int(match[1]), int(match[2])) if match[1] else (int(match[4]), int(match[3]))
    if not 1 <= month <= 12 or year < 1:
        raise InputProblem(QT_TRANSLATE_NOOP("InputProblem", "This month does not exist."))
    return date(year, month, 1).isoformat()


def format_month_year(value: object) -> str:
    if not isinstance(value, str) or len(value) < 7:
        return ""
    return f"{value[5:7]}/{value[:4]}"


def parse_year(text: str) -> str | None:
    """``yyyy`` -> the year's first day, as ODK stores a ``year`` date (``"1990-01-01"``)."""
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text) or int(text) < 1:
        raise InputProblem(
            QT_TRANSLATE_NOOP("InputProblem", "Type the year with four digits, for example 1990.")
        )
    return f"{text}-01-01"


def format_year(value: object) -> str:
    return value[:4] if isinstance(value, str) and len(value) >= 4 else ""


def parse_time(text: str) -> str | None:
    """``14:30``, ``14h30``, ``14.30`` or ``14`` -> ``"14:30:00"``."""
    text = text.strip()
    if not text:
        return None
    match = _TIME.match(text)
    if not match:
        raise InputProblem(
            QT_TRANSLATE_NOOP("InputProblem", "Type the time as hours:minutes, for example 14:30.")
        )
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    if hours > 23 or minutes > 59 or seconds > 59:
        raise InputProblem(QT_TRANSLATE_NOOP("InputProblem", "This time does not exist."))
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}"


def format_time(value: object) -> str:
    if not isinstance(value, str) or not value:
        return ""
    return value[:5]


def parse_geopoint(text: str) -> str | None:
    """``lat lon [alt [acc]]`` (spaces, or ``,`` followed by a space) -> ODK's form."""
    text = text.strip()
    if not text:
        return None
    parts = [p for p in re.split(r"[;\s]+|,\s+", text) if p]
    try:
        numbers = [float(p.replace(",", ".")) for p in parts]
    except ValueError as exc:
        raise InputProblem(
            QT_TRANSLATE_NOOP(
                "InputProblem", "Type latitude and longitude, for example 21.0285 105.8542."
            )
        ) from exc
    if not 2 <= len(numbers) <= 4:
        raise InputProblem(
            QT_TRANSLATE_NOOP(
                "InputProblem", "Type latitude and longitude, for example 21.0285 105.8542."
            )
        )
    lat, lon = numbers[0], numbers[1]
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputProblem(
            QT_TRANSLATE_NOOP(
                "InputProblem",
                "Latitude must be between -90 and 90, longitude between -180 and 180.",
            )
        )
    numbers += [0.0] * (4 - len(numbers))
    return " ".join(format_number(n) for n in numbers)


def parse_datetime(text: str) -> str | None:
    """``dd/mm/yyyy hh:mm`` (the time optional: midnight) -> ``YYYY-MM-DDTHH:MM:SS``."""
    parts = text.replace("T", " ").split()
    if not parts:
        return None
    if len(parts) > 2:
        raise InputProblem(
            QT_TRANSLATE_NOOP(
                "InputProblem",
                "Type the date and time as day/month/year hours:minutes, for example"
                " 15/03/2024 14:30.",
            )
        )
    day = parse_date(parts[0])
    clock = parse_time(parts[1]) if len(parts) > 1 else "00:00:00"
    return f"{day}T{clock}"


def format_datetime(value: object) -> str:
    if not isinstance(value, str) or not value:
        return ""
    day, _sep, clock = value.partition("T")
    return f"{format_date(day)} {format_time(clock)}".strip()


def fold(text: str) -> str:
    """Lower case without diacritics, so "ha noi" finds "Hà Nội" and "dak" finds "Đắk"."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
