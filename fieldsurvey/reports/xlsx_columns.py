"""The cells of a column of plain texts, made at once (``xlsx_stream``'s quick path).

A column of a block (2,000 interviews' values of one question) whose every value is a
text or missing, and none needs more than to be put between the tags (no ``& < >``, no
character XML or Excel escapes, no space at either end, none longer than a cell holds),
is made into its cells by a few passes over the column joined into one text: C-level
searches and one replace, instead of a look-up per cell and, for each value not seen
before, a Python call that checks and makes it. Names, phone numbers, uuids and dates
written as text are such columns, and nearly every value of theirs is new: at 100,000
interviews they were 710,000 of the xlsx export's 812,000 cache misses
(docs/benchmarks.md, "Scale, fourteenth pass").

The cells are byte for byte those ``xlsx_stream._Cells`` makes: ``<c/>`` for a missing
value or an empty text, else ``<c t="inlineStr"><is><t>text</t></is></c>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: a plain text's cell is TEXT_OPEN + text + TEXT_CLOSE (here, and in the cells' cache)
TEXT_OPEN = '<c t="inlineStr"><is><t>'
TEXT_CLOSE = "</t></is></c>"
#: between two values in the joined column: "<", which no value taken here holds
_JOIN = "<"
#: what each "<" becomes: the end of a cell, the cut, the start of the next
_CUT = TEXT_CLOSE + "\x00" + TEXT_OPEN
_EMPTY = (TEXT_OPEN + TEXT_CLOSE).encode()


def text_cells(column: Sequence[Any], limit: int) -> list[bytes] | None:
    """The cells of ``column`` (texts of at most ``limit`` characters, or None), or None
    when a value is not a text or needs more than the tags (then: cell by cell)."""
    try:
        text = _JOIN.join(column)
    except TypeError:  # a None, or a value that is not a text
        texts = ["" if v is None else v for v in column]
        try:
            text = _JOIN.join(texts)
        except TypeError:
            return None
        column = texts
    if (
        text.count(_JOIN) != len(column) - 1  # a value holds "<"
        or "&" in text
        or ">" in text
        or "_x" in text  # Excel's escape pattern: escaped in turn (kept simple: any "_x")
        or not text.isprintable()  # control characters, tab, line ends, surrogates,
        # U+FFFE/U+FFFF, and spaces but " " (a no-break space: cell by cell, as before)
        or text[:1] == " "
        or text[-1:] == " "
        or " <" in text
        or "< " in text
        or (text and max(map(len, column)) > limit)
    ):
        return None
    cells = (TEXT_OPEN + text.replace(_JOIN, _CUT) + TEXT_CLOSE).encode().replace(_EMPTY, b"<c/>")
    return cells.split(b"\x00")
