"""The XPath and ODK functions whose arguments are all evaluated first.

Each entry of :data:`FUNCTIONS` is ``(min_args, max_args, impl)``; ``impl(ctx, args)``
gets the evaluated arguments. Functions that need lazy arguments or the form's
structure (``if``, ``coalesce``, ``once``, ``current``, ``instance``, ``position``,
``indexed-repeat``) are built by the compiler instead.
"""

from __future__ import annotations

import base64
import hashlib
import math
import random as _random
import re
from collections.abc import Callable
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from fieldsurvey.forms import xpath_attachments as attachments
from fieldsurvey.forms import xpath_dates as dates
from fieldsurvey.forms import xpath_geo as geo
from fieldsurvey.forms.choice_order import seed_value, shuffled
from fieldsurvey.forms.xpath_context import EvalContext
from fieldsurvey.forms.xpath_values import (
    EvaluationError,
    NodeSet,
    to_bool,
    to_number,
    to_string,
    unpack,
)

Impl = Callable[[EvalContext, list[Any]], Any]


def _num1(fn: Callable[[float], float]) -> Impl:
    def impl(ctx: EvalContext, args: list[Any]) -> Any:
        try:
            return float(fn(to_number_or_date(args[0])))
        except (ValueError, OverflowError):
            return math.nan

    return impl


def to_number_or_date(value: Any) -> float:
    """JavaRosa's toDouble: like number(), but a date-time keeps its time of day."""
    value = unpack(value)
    from datetime import datetime

    if isinstance(value, datetime):
        return value.timestamp() / dates.DAY_SECONDS
    return to_number(value)


def node_values(value: Any) -> list[Any]:
    """The values of a node-set's nodes, or the single value given."""
    if isinstance(value, NodeSet):
        return [node.xvalue() for node in value]
    return [value]


def _expand(args: list[Any]) -> list[Any]:
    """A single node-set argument stands for its nodes (concat, max, min)."""
    if len(args) == 1 and isinstance(args[0], NodeSet):
        return node_values(args[0])
    return args


def _nodeset(value: Any, fn: str) -> NodeSet:
    if not isinstance(value, NodeSet):
        raise EvaluationError("forms.eval_needs_reference", function=fn)
    return value


def _round(ctx: EvalContext, args: list[Any]) -> Any:
    number = to_number(args[0])
    places = _as_int(args[1]) if len(args) > 1 else 0
    if math.isnan(number) or math.isinf(number):
        return number
    if abs(places) > 30:
        return math.nan
    mode = ROUND_HALF_DOWN if number < 0 else ROUND_HALF_UP
    try:
        exact = Decimal(repr(number))
        return float(exact.quantize(Decimal(1).scaleb(-places), rounding=mode))
    except InvalidOperation:
        return number


def _int(ctx: EvalContext, args: list[Any]) -> Any:
    number = to_number(args[0])
    if math.isnan(number) or math.isinf(number) or abs(number) >= 2**63:
        return number
    return float(math.trunc(number)) if number != 0 else number


def _max_min(pick: Callable[[float, float], float]) -> Impl:
    def impl(ctx: EvalContext, args: list[Any]) -> Any:
        result = math.nan
        for value in _expand(args):
            number = to_number(value)
            if not math.isnan(number):
                result = number if math.isnan(result) else pick(result, number)
        return result

    return impl


def _sum(ctx: EvalContext, args: list[Any]) -> Any:
    total = 0.0
    for node in _nodeset(args[0], "sum"):
        value = node.xvalue()
        if type(value) is float:  # (a calculation's number: to_number, inline)
            if value == value:  # not NaN
                total += value
            continue
        number = to_number(value)
        if not math.isnan(number):
            total += number
    return total


def _join(ctx: EvalContext, args: list[Any]) -> Any:
    sep = to_string(args[0])
    rest = args[1:]
    if len(rest) == 1 and isinstance(rest[0], NodeSet):
        rest = node_values(rest[0])
    return sep.join(to_string(v) for v in rest)


def _substr(ctx: EvalContext, args: list[Any]) -> Any:
    text = to_string(args[0])
    length = len(text)
    start = _as_int(args[1])
    end = _as_int(args[2]) if len(args) > 2 else length
    if start < 0:
        start += length
    if end < 0:
        end += length
    start = min(max(0, start), length)
    end = min(max(0, end), length)
    return text[start:end] if start <= end else ""


def _as_int(value: Any) -> int:
    number = to_number(value)
    if math.isnan(number):
        return 0
    if math.isinf(number):
        return 2**31 - 1 if number > 0 else -(2**31)
    return math.trunc(number)


def _context_or_arg(ctx: EvalContext, args: list[Any]) -> Any:
    if args:
        return args[0]
    return ctx.node.xvalue() if ctx.node is not None else ""


def _translate(ctx: EvalContext, args: list[Any]) -> Any:
    text, source, target = (to_string(a) for a in args)
    table: dict[str, str | None] = {}
    for i, char in enumerate(source):
        table.setdefault(char, target[i] if i < len(target) else None)
    return "".join(ch if ch not in table else (table[ch] or "") for ch in text)


@lru_cache(maxsize=512)
def _pattern(expr: str) -> re.Pattern[str]:
    try:
        return re.compile(expr)
    except re.error as exc:
        raise EvaluationError("forms.eval_bad_pattern", pattern=expr, detail=str(exc)) from None


def _regex(ctx: EvalContext, args: list[Any]) -> Any:
    return _pattern(to_string(args[1])).fullmatch(to_string(args[0])) is not None


def _selected(ctx: EvalContext, args: list[Any]) -> Any:
    return to_string(args[1]).strip() in to_string(args[0]).split()


def _selected_at(ctx: EvalContext, args: list[Any]) -> Any:
    parts = to_string(args[0]).split()
    index = _as_int(args[1])
    return parts[index] if 0 <= index < len(parts) else ""


def _count(ctx: EvalContext, args: list[Any]) -> Any:
    return float(len(_nodeset(args[0], "count")))


def _count_non_empty(ctx: EvalContext, args: list[Any]) -> Any:
    nodes = _nodeset(args[0], "count-non-empty")
    return float(sum(1 for node in nodes if to_string(node.xvalue()) != ""))


def _bool_from_string(ctx: EvalContext, args: list[Any]) -> Any:
    text = to_string(args[0])
    return text.lower() == "true" or text == "1"


def _checklist(ctx: EvalContext, args: list[Any]) -> Any:
    low, high = _as_int(args[0]), _as_int(args[1])
    flags = args[2:]
    if len(flags) == 1 and isinstance(flags[0], NodeSet):
        flags = node_values(flags[0])
    count = sum(1 for flag in flags if to_bool(flag))
    return (low < 0 or count >= low) and (high < 0 or count <= high)


def _weighted_checklist(ctx: EvalContext, args: list[Any]) -> Any:
    low, high = to_number(args[0]), to_number(args[1])
    pairs = args[2:]
    if len(pairs) == 2 and all(isinstance(p, NodeSet) for p in pairs):
        flags, weights = node_values(pairs[0]), node_values(pairs[1])
        if len(flags) != len(weights):
            raise EvaluationError("forms.eval_checklist_lengths")
    else:
        flags, weights = pairs[0::2], pairs[1::2]
    total = sum(to_number(w) for f, w in zip(flags, weights, strict=False) if to_bool(f))
    return low <= total <= high


def _uuid(ctx: EvalContext, args: list[Any]) -> Any:
    if not args:
        return ctx.env.new_uuid()
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    length = _as_int(args[0])
    if length > 4096:
        raise EvaluationError("forms.eval_uuid_too_long")
    return "".join(alphabet[int(ctx.env.random() * len(alphabet))] for _ in range(length))


def _digest(ctx: EvalContext, args: list[Any]) -> Any:
    algorithms = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384",
                  "SHA-512": "sha512"}  # fmt: skip
    name = algorithms.get(to_string(args[1]))
    if name is None:
        raise EvaluationError("forms.eval_digest_algorithm")
    raw = hashlib.new(name, to_string(args[0]).encode()).digest()
    encoding = to_string(args[2]) if len(args) > 2 else "base64"
    return raw.hex() if encoding == "hex" else base64.b64encode(raw).decode()


def _base64_decode(ctx: EvalContext, args: list[Any]) -> Any:
    try:
        return base64.b64decode(to_string(args[0]), validate=False).decode("utf-8", "replace")
    except ValueError:
        return ""


def _randomize(ctx: EvalContext, args: list[Any]) -> Any:
    nodes = NodeSet(_nodeset(args[0], "randomize"))
    if len(args) > 1:  # the spec's seeded shuffle, as JavaRosa's (forms/choice_order.py)
        return NodeSet(shuffled(nodes, seed_value(args[1])))
    _random.Random().shuffle(nodes)
    return nodes


def _pow(ctx: EvalContext, args: list[Any]) -> Any:
    try:
        return float(math.pow(to_number_or_date(args[0]), to_number_or_date(args[1])))
    except (ValueError, OverflowError, ZeroDivisionError):
        return math.nan


def _atan2(ctx: EvalContext, args: list[Any]) -> Any:
    return math.atan2(to_number_or_date(args[0]), to_number_or_date(args[1]))


def _safe_log(fn: Callable[[float], float]) -> Callable[[float], float]:
    def impl(x: float) -> float:
        if math.isnan(x):
            return x
        if x == 0:
            return -math.inf
        if x < 0:
            return math.nan
        return fn(x)

    return impl


def _exp(x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def _sqrt(x: float) -> float:
    return math.sqrt(x) if x >= 0 or math.isnan(x) else math.nan


def _string_arg(fn: Callable[[str], Any]) -> Impl:
    return lambda ctx, args: fn(to_string(_context_or_arg(ctx, args)))


def _two_strings(fn: Callable[[str, str], Any]) -> Impl:
    return lambda ctx, args: fn(to_string(args[0]), to_string(args[1]))


FUNCTIONS: dict[str, tuple[int, int | None, Impl]] = {
    "true": (0, 0, lambda ctx, a: True),
    "false": (0, 0, lambda ctx, a: False),
    "boolean": (1, 1, lambda ctx, a: to_bool(a[0])),
    "not": (1, 1, lambda ctx, a: not to_bool(a[0])),
    "number": (1, 1, lambda ctx, a: to_number(a[0])),
    "string": (0, 1, lambda ctx, a: to_string(_context_or_arg(ctx, a))),
    "int": (1, 1, _int),
    "round": (1, 2, _round),
    "floor": (1, 1, _num1(math.floor)),
    "ceiling": (1, 1, _num1(math.ceil)),
    "abs": (1, 1, _num1(abs)),
    "pow": (2, 2, _pow),
    "sqrt": (1, 1, _num1(_sqrt)),
    "exp": (1, 1, _num1(_exp)),
    "exp10": (1, 1, _num1(lambda x: _exp(x * math.log(10)))),
    "log": (1, 1, _num1(_safe_log(math.log))),
    "log10": (1, 1, _num1(_safe_log(math.log10))),
    "sin": (1, 1, _num1(math.sin)),
    "cos": (1, 1, _num1(math.cos)),
    "tan": (1, 1, _num1(math.tan)),
    "asin": (1, 1, _num1(math.asin)),
    "acos": (1, 1, _num1(math.acos)),
    "atan": (1, 1, _num1(math.atan)),
    "atan2": (2, 2, _atan2),
    "pi": (0, 0, lambda ctx, a: math.pi),
    "concat": (0, None, lambda ctx, a: "".join(to_string(v) for v in _expand(a))),
    "join": (1, None, _join),
    "string-length": (0, 1, _string_arg(lambda s: float(len(s)))),
    "normalize-space": (0, 1, _string_arg(lambda s: " ".join(s.split()))),
    "substr": (2, 3, _substr),
    "contains": (2, 2, _two_strings(lambda s, t: t in s)),
    "starts-with": (2, 2, _two_strings(lambda s, t: s.startswith(t))),
    "ends-with": (2, 2, _two_strings(lambda s, t: s.endswith(t))),
    "substring-before": (2, 2, _two_strings(lambda s, t: s[: s.find(t)] if t in s else "")),
    "substring-after": (2, 2, _two_strings(lambda s, t: s[s.find(t) + len(t) :] if t in s else "")),
    "translate": (3, 3, _translate),
    "regex": (2, 2, _regex),
    "selected": (2, 2, _selected),
    "is-selected": (2, 2, _selected),
    "count-selected": (1, 1, lambda ctx, a: float(len(to_string(a[0]).split()))),
    "selected-at": (2, 2, _selected_at),
    "count": (1, 1, _count),
    "count-non-empty": (1, 1, _count_non_empty),
    "sum": (1, 1, _sum),
    "max": (1, None, _max_min(max)),
    "min": (1, None, _max_min(min)),
    "today": (0, 0, lambda ctx, a: ctx.env.now().date()),
    "now": (0, 0, lambda ctx, a: ctx.env.now()),
    "date": (1, 1, lambda ctx, a: dates.to_date(a[0], ctx.env.tz, keep_time=False)),
    "date-time": (1, 1, lambda ctx, a: dates.to_date(a[0], ctx.env.tz, keep_time=True)),
    "decimal-date-time": (1, 1, lambda ctx, a: dates.decimal_date_time(a[0], ctx.env.tz)),
    "decimal-time": (1, 1, lambda ctx, a: dates.decimal_date_time(a[0], ctx.env.tz, False)),
    "format-date-time": (2, 2, lambda ctx, a: dates.format_date_time(a[0], a[1], ctx.env.tz)),
    "format-date": (2, 2, lambda ctx, a: dates.format_date_time(a[0], a[1], ctx.env.tz)),
    "difference-in-months": (2, 2, lambda ctx, a: dates.months_between(a[0], a[1], ctx.env.tz)),
    "boolean-from-string": (1, 1, _bool_from_string),
    "checklist": (2, None, _checklist),
    "weighted-checklist": (2, None, _weighted_checklist),
    "random": (0, 0, lambda ctx, a: ctx.env.random()),
    "uuid": (0, 1, _uuid),
    "version": (0, 0, lambda ctx, a: ctx.env.form_version),
    "depend": (1, None, lambda ctx, a: a[0]),
    "digest": (2, 3, _digest),
    "base64-decode": (1, 1, _base64_decode),
    "randomize": (1, 2, _randomize),
    "area": (1, 1, lambda ctx, a: geo.area(node_values(a[0]))),
    "enclosed-area": (1, 1, lambda ctx, a: geo.area(node_values(a[0]))),
    "distance": (1, 1, lambda ctx, a: geo.distance(node_values(a[0]))),
    # A lookup in a form attachment (CSV) or another instance (xpath_attachments.py).
    "pulldata": (4, 4, attachments.pulldata),
}  # fmt: skip

#: Functions the compiler builds itself (lazy arguments or form structure).
SPECIAL_FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "if": (3, 3),
    "coalesce": (2, 2),
    "once": (1, 1),
    "current": (0, 0),
    "instance": (1, 1),
    "position": (0, 1),
    "indexed-repeat": (3, 11),
    "jr:choice-name": (2, 2),
}

#: Functions whose result changes without any answer changing.
VOLATILE = frozenset({"now", "today", "random", "uuid", "randomize"})
