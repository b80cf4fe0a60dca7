"""Numbers as an enumerator types them and reads them, in the app's language.

Vietnamese writes ``1.500`` for one thousand five hundred and ``12,5`` for twelve and a
half; English writes ``1,500`` and ``12.5``. Spaces separate thousands in both. Whatever
the language, a number that could mean two things is not guessed: ``1,500`` in the
Vietnamese app is 1,5 by the rules but 1.500 by the English habit, and ``1.5`` there has
a dot that cannot separate thousands. :func:`read_number` then returns the readings it
could mean so the enumerator retypes it; :func:`read_back` is the text shown beside the
box before a value is saved ("1.500 (một nghìn năm trăm)", "1,500").

API:
    read_number(text, lang, whole=False) -> Reading   the value, or why it is unclear
    format_number(value, lang, grouped=True) -> str   "1.500,5" / "1,500.5"
    typing_form(value, lang) -> str                   text that reads back as ``value``
    vietnamese_words(value) -> str                    "một nghìn năm trăm", "mười hai phẩy năm"
    read_back(value, lang) -> str                     the read-back beside a number box
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

Number = int | float

DECIMAL_MARK = {"vi": ",", "en": "."}
GROUP_MARK = {"vi": ".", "en": ","}
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]")
_DIGITS = re.compile(r"[0-9]+")


class Problem(enum.Enum):
    """Why typed text is not taken as a number."""

    NOT_A_NUMBER = "not_a_number"
    NOT_WHOLE = "not_whole"  # a whole number was asked for
    UNCLEAR = "unclear"  # the marks can be read another way: ``readings`` says how


@dataclass(frozen=True)
class Reading:
    """What typed text means: ``value`` (None for empty text or a problem), or a problem
    with the values it could mean (``readings``, at most two, none for NOT_A_NUMBER)."""

    value: Number | None
    problem: Problem | None = None
    readings: tuple[Number, ...] = ()


def _lang(lang: str) -> str:
    return "en" if lang.lower().startswith("en") else "vi"


def _strict(body: str, decimal: str, group: str) -> Decimal | None:
    """``body`` (no sign) as a number with these marks, or None if it is not one.

    Groups are the same separator (``group`` or a space) between a first group of one to
    three digits that does not start with 0 and groups of exactly three."""
    whole, mark, fraction = body.partition(decimal)
    if mark and not _DIGITS.fullmatch(fraction):
        return None  # "12," or a second decimal mark
    if not whole:
        if not mark:
            return None
        whole = "0"
    elif not _DIGITS.fullmatch(whole):
        separators = set(re.sub(r"[0-9]", "", whole))
        if len(separators) != 1 or separators - {group, " "}:
            return None
        (sep,) = separators
        if not re.fullmatch(rf"[1-9][0-9]{{0,2}}(?:{re.escape(sep)}[0-9]{{3}})+", whole):
            return None
        whole = whole.replace(sep, "")
    return Decimal(f"{whole}.{fraction}" if mark else whole)


def _number(amount: Decimal, *, decimal: bool) -> Number:
    return float(amount) if decimal else int(amount)


def read_number(text: str, lang: str, *, whole: bool = False) -> Reading:
    """What ``text`` means in the app language ``lang`` ("vi" or "en").

    A number with the decimal mark is a float, one without it an int; with ``whole`` a
    fraction is a problem (``12,0`` is 12). Unclear: marks that only read in the other
    language's way ("1.5" in Vietnamese), and a decimal mark followed by exactly three
    digits that the other language reads as thousands ("1,500" in Vietnamese, "1.500" in
    English)."""
    lang = _lang(lang)
    text = _SPACES.sub(" ", text).strip()
    if not text:
        return Reading(None)
    sign = -1 if text[0] in "-\u2212" else 1
    body = text[1:].lstrip() if text[0] in "-\u2212+" else text
    decimal, group = DECIMAL_MARK[lang], GROUP_MARK[lang]
    own = _strict(body, decimal, group)
    other = _strict(body, group, decimal)  # the other language's way
    candidates: list[Number] = []
    if own is not None:
        if other is not None and other != own and decimal in body:
            candidates = [_number(sign * own, decimal=True), _number(sign * other, decimal=False)]
        else:
            value = sign * own
            if not whole:
                number = _number(value, decimal=decimal in body)
                if not math.isfinite(number):
                    return Reading(None, Problem.NOT_A_NUMBER)
                return Reading(number)
            if value == value.to_integral_value():
                return Reading(int(value))
            return Reading(None, Problem.NOT_WHOLE)
    elif other is not None:
        candidates = [_number(sign * other, decimal=group in body)]
    else:
        return Reading(None, Problem.NOT_A_NUMBER)
    if whole:
        candidates = [int(c) for c in candidates if float(c).is_integer()]
        if not candidates:
            return Reading(None, Problem.NOT_WHOLE)
    return Reading(None, Problem.UNCLEAR, tuple(candidates))


def _decimal(value: Number) -> Decimal:
    try:
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return amount


def _parts(value: Number) -> tuple[str, str, str]:
    """Sign, whole digits and fraction digits (no trailing zeros) of ``value``."""
    digits = format(_decimal(value), "f")
    sign = "-" if digits.startswith("-") else ""
    whole, _dot, fraction = digits.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    if not fraction and not whole.strip("0"):
        sign = ""  # no "-0"
    return sign, whole, fraction


def format_number(value: Number, lang: str, *, grouped: bool = True) -> str:
    """``value`` written the ``lang`` way: "1.500.000", "12,5" (vi); "1,500,000", "12.5"."""
    lang = _lang(lang)
    sign, whole, fraction = _parts(value)
    if grouped:
        whole = f"{int(whole):,}".replace(",", GROUP_MARK[lang])
    return sign + whole + (DECIMAL_MARK[lang] + fraction if fraction else "")


def typing_form(value: Number, lang: str) -> str:
    """Text to type (or show in a box) for ``value`` that reads back as it, unasked:
    no grouping, the language's decimal mark, and a trailing 0 where three decimals
    would look like thousands ("12,3450")."""
    text = format_number(value, lang, grouped=False)
    if read_number(text, lang).problem is not None:
        text += "0"
    return text


_UNITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _hundreds(n: int, full: bool) -> list[str]:
    """0 < ``n`` < 1000 in words; ``full`` after a higher group ("không trăm linh năm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_UNITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
        if units:
            words.append(_UNITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _UNITS[units])
    else:
        words += [_UNITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, _UNITS[units]))
    return words


def _below_billion(n: int, full: bool) -> list[str]:
    words: list[str] = []
    for amount, scale in ((n // 10**6, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")):
        if amount:
            words += _hundreds(amount, full or bool(words))
            if scale:
                words.append(scale)
    return words


def _integer_words(n: int) -> list[str]:
    if n == 0:
        return ["không"]
    billions, rest = divmod(n, 10**9)
    if not billions:
        return _below_billion(rest, False)
    return [*_integer_words(billions), "tỷ", *_below_billion(rest, True)]


def _fraction_words(digits: str) -> list[str]:
    """After "phẩy": leading zeros one by one, then up to three digits as a number
    ("phẩy không năm", "phẩy hai mươi lăm"), longer fractions digit by digit."""
    zeros = len(digits) - len(digits.lstrip("0"))
    rest = digits[zeros:]
    words = ["không"] * zeros
    if len(rest) <= 3:
        return words + _integer_words(int(rest))
    return words + [_UNITS[int(d)] for d in rest]


def vietnamese_words(value: Number) -> str:
    """``value`` in Vietnamese words, as it is read aloud (northern usage: "nghìn",
    "linh"): 1500 "một nghìn năm trăm", 12.5 "mười hai phẩy năm", 10**12 "một nghìn tỷ"."""
    sign, whole, fraction = _parts(value)
    words = ["âm"] if sign else []
    words += _integer_words(int(whole))
    if fraction:
        words += ["phẩy", *_fraction_words(fraction)]
    return " ".join(words)


def read_back(value: Number, lang: str) -> str:
    """What a number box shows beside it: "1.500 (một nghìn năm trăm)" or "1,500"."""
    shown = format_number(value, lang)
    if _lang(lang) == "vi":
        return f"{shown} ({vietnamese_words(value)})"
    return shown
