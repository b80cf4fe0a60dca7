"""Names and limits of the export formats: Stata and SPSS variable names, Excel sheet
names, numeric codes for choices, labels clipped to what each format holds."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

_STATA_RESERVED = frozenset(
    "_all _b byte _coef _cons double float if in int long _n _N _pi _pred _rc _skip str "
    "strL using with".split()
)
_SPSS_RESERVED = frozenset("ALL AND BY EQ GE GT LE LT NE NOT OR TO WITH".split())
_NOT_WORD = re.compile(r"[^A-Za-z0-9_]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_WHOLE = re.compile(r"-?\d{1,9}")


def _unique(
    names: Sequence[str], limit: int, fold: Callable[[str], str] = lambda s: s
) -> list[str]:
    """``names`` cut to ``limit`` characters, with ``_2``, ``_3``... where two collide."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate = name[:limit]
        n = 1
        while fold(candidate) in seen:
            n += 1
            suffix = f"_{n}"
            candidate = name[: limit - len(suffix)] + suffix
        seen.add(fold(candidate))
        out.append(candidate)
    return out


def stata_names(names: Sequence[str]) -> list[str]:
    """Valid, unique Stata names: letters, digits, ``_``; at most 32; not reserved."""
    cleaned = []
    for name in names:
        text = _NOT_WORD.sub("_", name) or "v"
        if text[0].isdigit():
            text = f"v{text}"
        if text in _STATA_RESERVED:
            text = f"{text}_"
        cleaned.append(text)
    return _unique(cleaned, 32)


def spss_names(names: Sequence[str]) -> list[str]:
    """Valid, unique SPSS names: start with a letter (``_uuid`` -> ``v_uuid``), letters,
    digits, ``_``; at most 64; not reserved; unique ignoring case."""
    cleaned = []
    for name in names:
        text = _NOT_WORD.sub("_", name) or "v"
        if not text[0].isalpha():
            text = f"v{text}"
        if text.upper() in _SPSS_RESERVED:
            text = f"{text}_"
        cleaned.append(text.rstrip("."))
    return _unique(cleaned, 64, str.casefold)


def sheet_names(names: Sequence[str]) -> list[str]:
    """Valid, unique Excel sheet names (31 characters, no ``[]:*?/\\``)."""
    cleaned = [_SHEET_BAD.sub("_", n).strip("'") or "sheet" for n in names]
    return _unique(cleaned, 31, str.casefold)


def numeric_codes(codes: Sequence[str], cells: Sequence[Any]) -> dict[str, int]:
    """A number per choice: the name itself when every name of the list is a whole
    number, else the position in the list (1-based). Values not in the list (e.g. from
    an older form version) get the next numbers, in order of appearance."""
    if (
        codes
        and all(_WHOLE.fullmatch(c) for c in codes)
        and len({int(c) for c in codes}) == len(codes)
    ):
        numbers = {c: int(c) for c in codes}
    else:
        numbers = {c: i for i, c in enumerate(codes, 1)}
    following = max(numbers.values(), default=0) + 1
    for value in cells:
        if value is None:
            continue
        text = str(value)
        if text not in numbers:
            numbers[text] = following
            following += 1
    return numbers


def clip_chars(text: str, limit: int) -> str:
    """At most ``limit`` characters (an ellipsis marks a cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clip_bytes(text: str, limit: int) -> str:
    """At most ``limit`` UTF-8 bytes, cut between characters (an ellipsis marks a cut)."""
    if len(text.encode("utf-8")) <= limit:
        return text
    room = limit - len("…".encode())
    data = text.encode("utf-8")[:room]
    return data.decode("utf-8", errors="ignore") + "…"


_FILE_BAD = re.compile(r"[^\w.-]+")
_WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)]
)


def file_stem(name: str, limit: int = 80) -> str:
    """``name`` as a safe file name stem: letters, digits, ``_``, ``-`` and inner dots
    only (no ``/``, ``\\``, ``..`` or control characters), not a Windows device name,
    at most ``limit`` characters; never empty."""
    text = _FILE_BAD.sub("_", name).strip("._ ")[:limit].rstrip("._ ")
    if not text:
        return "form"
    if text.split(".")[0].upper() in _WINDOWS_DEVICES:
        text = f"_{text}"
    return text


def file_stems(names: Sequence[str]) -> dict[str, str]:
    """A safe, unique file name stem per name (unique ignoring case: Windows and macOS
    folders do not tell ``A`` from ``a``)."""
    stems = _unique([file_stem(n) for n in names], 84, str.casefold)
    return dict(zip(names, stems, strict=True))
