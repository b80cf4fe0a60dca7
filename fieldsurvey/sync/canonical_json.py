"""Canonical JSON out, strict JSON in.

Everything we sign is canonical JSON: UTF-8, keys sorted, no insignificant
whitespace. Everything we read from a bundle, package or receipt goes through
:func:`loads_strict`, which refuses what a lenient parser would quietly accept:
duplicate keys (the classic "two parsers see two different documents" trick),
``NaN``/``Infinity``, invalid UTF-8, oversized input and deep nesting.
"""

from __future__ import annotations

import json
from typing import Any

from fieldsurvey.errors import SyncError

MAX_DEPTH = 32


class StrictJsonError(SyncError, ValueError):
    """The bytes are not the strict JSON we accept; the code says why (``sync.json.*``)."""


def dumps(value: Any) -> bytes:
    """Canonical encoding: sorted keys, compact separators, UTF-8, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The object, or an error naming its first repeated key (the dict is built in C;
    the pairs are walked again only when it came out shorter)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise StrictJsonError("sync.json.duplicate_key", key=key)
            seen.add(key)
    return result


def _refuse_constant(name: str) -> Any:
    raise StrictJsonError("sync.json.constant_not_allowed", name=name)


def _depth(value: Any) -> int:
    """Nesting depth without recursion (a hostile document could be deep): one level of
    objects and lists at a time, each found by a comprehension (C loops over the
    values: 2.5x faster than walking every value in Python, which a record's parse paid
    for each of its ~300 values). A level holds references to that level's containers
    only, never more than the parsed document already holds."""
    if not isinstance(value, dict | list):
        return 0
    depth = 0
    level: list[Any] = [value]
    while level:
        depth += 1
        level = [
            child
            for parent in level
            for child in (parent.values() if isinstance(parent, dict) else parent)
            if isinstance(child, dict | list)
        ]
    return depth


def value_bound(data: bytes | bytearray) -> int:
    """An upper bound on the JSON values in ``data``, without parsing it: the outermost
    value, plus for each list or object one more member than it has commas (each key of
    an object comes with its value). Commas and brackets inside texts only make the bound
    larger. Counting bytes is fast and needs no memory."""
    return data.count(b",") + data.count(b"[") + data.count(b"{") + 1


def loads_strict(
    data: bytes | bytearray,
    *,
    max_bytes: int,
    max_depth: int | None = MAX_DEPTH,
    max_values: int | None = None,
    canonical: bool = False,
) -> Any:
    """Parse ``data`` or raise :class:`StrictJsonError`.

    Deep nesting makes the C parser raise ``RecursionError``, which is refused;
    ``max_depth`` (``None`` to skip the walk) is a tighter bound. ``max_values`` caps the
    JSON values, checked on the bytes BEFORE parsing (:func:`value_bound`): a document of
    millions of tiny objects would take some 40 times its size in memory once parsed.
    ``canonical=True`` additionally requires ``data`` to be exactly what
    :func:`dumps` would produce for the parsed value (no alternative spellings).
    """
    if len(data) > max_bytes:
        raise StrictJsonError("sync.json.too_large", size=len(data), limit=max_bytes)
    if max_values is not None and value_bound(data) > max_values:
        raise StrictJsonError("sync.json.too_many_values", limit=max_values)
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise StrictJsonError("sync.json.not_utf8") from exc
    if text.startswith("\ufeff"):
        raise StrictJsonError("sync.json.bom")
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except StrictJsonError:
        raise
    except (ValueError, RecursionError) as exc:
        raise StrictJsonError("sync.json.invalid", kind=type(exc).__name__) from exc
    if max_depth is not None and _depth(value) > max_depth:
        raise StrictJsonError("sync.json.too_deep", depth=max_depth)
    if canonical and dumps(value) != data:
        raise StrictJsonError("sync.json.not_canonical")
    return value
