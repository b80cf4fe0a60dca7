"""Numbers read the app's way: Vietnamese 1.500 / 12,5, English 1,500 / 12.5; nothing guessed."""

from __future__ import annotations

import pytest

from fieldsurvey.forms.number_reading import (
    Problem,
    Reading,
    format_number,
    read_back,
    read_number,
    typing_form,
    vietnamese_words,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.500", 1500),
        ("1.500.000", 1500000),
        ("1 500", 1500),
        ("1\u00a0500\u00a0000", 1500000),
        ("12,5", 12.5),
        ("1.500,75", 1500.75),
        ("0,125", 0.125),  # no thousands start with 0
        (",5", 0.5),
        ("-3,25", -3.25),
        ("1500", 1500),
        ("  42 ", 42),
        ("", None),
        ("   ", None),
    ],
)
def test_vietnamese_reading(text: str, value: float | None) -> None:
    reading = read_number(text, "vi")
    assert reading == Reading(value)
    assert type(reading.value) is type(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,500", 1500),
        ("1,500,000", 1500000),
        ("1 500", 1500),
        ("12.5", 12.5),
        ("1,500.75", 1500.75),
    ],
)
def test_english_reading(text: str, value: float) -> None:
    assert read_number(text, "en") == Reading(value)


@pytest.mark.parametrize(
    ("text", "lang", "readings"),
    [
        ("1.5", "vi", (1.5,)),  # a dot cannot group "5": the English habit for 1,5
        ("1.50", "vi", (1.5,)),
        ("1,500,000", "vi", (1500000,)),
        ("1,500", "vi", (1.5, 1500)),  # 1,5 by the rules, 1.500 by habit
        ("12,345", "vi", (12.345, 12345)),
        ("1,50", "en", (1.5,)),
        ("1.500", "en", (1.5, 1500)),  # issue 13: saved as 1.5
        ("12,5", "en", (12.5,)),
    ],
)
def test_unclear_numbers_are_not_guessed(text: str, lang: str, readings: tuple[float, ...]) -> None:
    reading = read_number(text, lang)
    assert reading.value is None and reading.problem is Problem.UNCLEAR
    assert reading.readings == readings


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("1.500", "vi", Reading(1500)),
        ("12,0", "vi", Reading(12)),
        ("1,5", "vi", Reading(None, Problem.NOT_WHOLE)),
        ("1.5", "vi", Reading(None, Problem.NOT_WHOLE)),  # no whole number it could mean
        ("1,500", "vi", Reading(None, Problem.UNCLEAR, (1500,))),
        ("1,000", "vi", Reading(None, Problem.UNCLEAR, (1, 1000))),
        ("1,500", "en", Reading(1500)),
        ("1.500", "en", Reading(None, Problem.UNCLEAR, (1500,))),
    ],
)
def test_whole_numbers(text: str, lang: str, expected: Reading) -> None:
    assert read_number(text, lang, whole=True) == expected


@pytest.mark.parametrize(
    "text", ["abc", "-", "--", "12,", "1..5", "1.5.5", "1,2,3", "1 50", "1.500 000", "1e5", "½"]
)
def test_not_numbers(text: str) -> None:
    for lang in ("vi", "en"):
        assert read_number(text, lang) == Reading(None, Problem.NOT_A_NUMBER), lang


def test_huge_numbers_stay_exact_or_are_refused() -> None:
    assert read_number("1.000.000.000.000", "vi") == Reading(10**12)
    assert read_number("9" * 400 + ",5", "vi").problem is Problem.NOT_A_NUMBER


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (1500, "1.500", "1,500"),
        (1500000, "1.500.000", "1,500,000"),
        (12.5, "12,5", "12.5"),
        (12.0, "12", "12"),
        (-1234.25, "-1.234,25", "-1,234.25"),
        (999, "999", "999"),
        (1e-7, "0,0000001", "0.0000001"),
        (-0.0, "0", "0"),
    ],
)
def test_format_number(value: float, vi: str, en: str) -> None:
    assert format_number(value, "vi") == vi
    assert format_number(value, "en") == en


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [(1500, "vi", "1500"), (12.5, "vi", "12,5"), (12.345, "vi", "12,3450"),
     (12.345, "en", "12.3450"), (0.125, "vi", "0,125"), (1500.5, "en", "1500.5")],
)  # fmt: skip
def test_typing_form_reads_back_unasked(value: float, lang: str, text: str) -> None:
    assert typing_form(value, lang) == text
    assert read_number(text, lang).value == value


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (1500, "một nghìn năm trăm"),
        (1005, "một nghìn không trăm linh năm"),
        (1050, "một nghìn không trăm năm mươi"),
        (2021, "hai nghìn không trăm hai mươi mốt"),
        (1_000_000, "một triệu"),
        (1_000_500, "một triệu năm trăm"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (3_500_000, "ba triệu năm trăm nghìn"),
        (1_000_000_000, "một tỷ"),
        (2_000_000_050, "hai tỷ không trăm năm mươi"),
        (10**12, "một nghìn tỷ"),
        (2_500_000_000_000, "hai nghìn năm trăm tỷ"),
        (10**15, "một triệu tỷ"),
        (-45, "âm bốn mươi lăm"),
        (12.5, "mười hai phẩy năm"),
        (0.05, "không phẩy không năm"),
        (3.25, "ba phẩy hai mươi lăm"),
        (1.12345, "một phẩy một hai ba bốn năm"),
    ],
)
def test_vietnamese_words(value: float, words: str) -> None:
    assert vietnamese_words(value) == words


def test_read_back() -> None:
    assert read_back(1500, "vi") == "1.500 (một nghìn năm trăm)"
    assert read_back(12.5, "vi") == "12,5 (mười hai phẩy năm)"
    assert read_back(1500, "en") == "1,500"
    assert read_back(12.5, "en") == "12.5"
