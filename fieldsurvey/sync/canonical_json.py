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

MAX_DEPTH = 32


class StrictJsonError(ValueError):
    """The bytes are not the strict JSON we accept; the message says why."""


def dumps(value: Any) -> bytes:
    """Canonical encoding: sorted keys, compact separators, UTF-8, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise StrictJsonError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise StrictJsonError(f"{name} is not allowed")


def _depth(value: Any) -> int:
    """Nesting depth without recursion (a hostile document could be deep)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def loads_strict(
    data: bytes, *, max_bytes: int, max_depth: int | None = MAX_DEPTH, canonical: bool = False
) -> Any:
    """Parse ``data`` or raise :class:`StrictJsonError`.

    Deep nesting makes the C parser raise ``RecursionError``, which is refused;
    ``max_depth`` (``None`` to skip the walk on large payloads) is a tighter bound.
    ``canonical=True`` additionally requires ``data`` to be exactly what
    :func:`dumps` would produce for the parsed value (no alternative spellings).
    """
    if len(data) > max_bytes:
        raise StrictJsonError(f"{len(data)} bytes is more than the limit of {max_bytes}")
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise StrictJsonError("not valid UTF-8") from exc
    if text.startswith("\ufeff"):
        raise StrictJsonError("byte-order mark is not allowed")
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except StrictJsonError:
        raise
    except (ValueError, RecursionError) as exc:
        raise StrictJsonError(f"not valid JSON ({type(exc).__name__})") from exc
    if max_depth is not None and _depth(value) > max_depth:
        raise StrictJsonError(f"nested deeper than {max_depth} levels")
    if canonical and dumps(value) != data:
        raise StrictJsonError("not in canonical form")
    return value
