"""XPath values and the type conversions of XPath 1.0 as ODK JavaRosa applies them.

Values are ``str``, ``float``, ``bool``, ``datetime.date``/``datetime.datetime``
(JavaRosa's Date) or a :class:`NodeSet`. An empty or non-relevant node reads as
``""``. Rules worth knowing (all from JavaRosa's XPathFuncExpr and friends):

- ``number("")`` is NaN; strings may use ``,`` as decimal mark; no exponents.
- a date is its number of days since 1970-01-01 in arithmetic and comparisons.
- ``boolean("0")`` is true (non-empty string); ``boolean(0)`` is false.
- ``=``: boolean if either side is boolean, else numeric if either is a number,
  else string; numbers are equal when they differ by less than 1e-12.
- a node-set of several nodes used as a single value is an error ("repeated field").
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from fieldsurvey.errors import ExpressionError

EPOCH = date(1970, 1, 1)


class EvaluationError(ExpressionError):
    """An expression failed while being evaluated (e.g. a repeated field used as one value)."""


class XNode(Protocol):
    """A node an XPath path can reach: an answer in the form, or a choice-list item."""

    @property
    def parent(self) -> XNode | None: ...

    def children_named(self, name: str) -> list[Any]: ...

    def child_nodes(self) -> list[Any]: ...

    def xvalue(self) -> Any: ...

    def position(self) -> int: ...

    def label_path(self) -> str: ...


class NodeSet(list[Any]):
    """An ordered list of nodes (XNode) produced by a path."""


def unpack(value: Any) -> Any:
    """A node-set as one value: empty -> "", one node -> its value, more -> error."""
    if isinstance(value, NodeSet):
        if not value:
            return ""
        if len(value) > 1:
            raise EvaluationError("forms.eval_repeated_field", field=value[0].label_path())
        return value[0].xvalue()
    return value


def days_since_epoch(value: date) -> float:
    day = value.date() if isinstance(value, datetime) else value
    return float((day - EPOCH).days)


def to_number(value: Any) -> float:
    value = unpack(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        return string_to_number(value)
    if isinstance(value, date):
        return days_since_epoch(value)
    if isinstance(value, int):
        return float(value)
    raise EvaluationError("forms.eval_not_a_number", kind=type(value).__name__)


def string_to_number(text: str) -> float:
    text = text.replace(",", ".").strip()
    if not text or any(c not in "-.0123456789" for c in text):
        return math.nan
    try:
        return float(text)
    except ValueError:
        return math.nan


def to_bool(value: Any) -> bool:
    value = unpack(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return abs(value) > 1e-12 and not math.isnan(value)
    if isinstance(value, str):
        return len(value) > 0
    if isinstance(value, date):
        return True
    if isinstance(value, int):
        return value != 0
    raise EvaluationError("forms.eval_not_a_boolean", kind=type(value).__name__)


def format_number(number: float) -> str:
    """XPath string of a number: ``1.0`` -> ``"1"``, never an exponent."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if abs(number) < 1e-12:
        return "0"
    nearest = round(number)
    if abs(number - nearest) < 1e-12:
        return str(int(nearest))
    text = repr(number)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def to_string(value: Any) -> str:
    value = unpack(value)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        return day.isoformat()
    if isinstance(value, int):
        return str(value)
    raise EvaluationError("forms.eval_not_text", kind=type(value).__name__)


def values_equal(left: Any, right: Any) -> bool:
    a = unpack(left)
    b = unpack(right)
    if isinstance(a, bool) or isinstance(b, bool):
        return to_bool(a) == to_bool(b)
    if isinstance(a, float) or isinstance(b, float):
        return abs(to_number(a) - to_number(b)) < 1e-12
    return to_string(a) == to_string(b)


def compare(op: str, left: Any, right: Any) -> bool:
    a = to_number(left)
    b = to_number(right)
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


def arithmetic(op: str, left: Any, right: Any) -> float:
    a = to_number(left)
    b = to_number(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "div":
        return divide(a, b)
    return modulo(a, b)


def divide(a: float, b: float) -> float:
    """IEEE division: x/0 is +-Infinity, 0/0 and NaN/0 are NaN."""
    if b == 0.0:
        if a == 0.0 or math.isnan(a):
            return math.nan
        negative = (a < 0) != (math.copysign(1.0, b) < 0)
        return -math.inf if negative else math.inf
    return a / b


def modulo(a: float, b: float) -> float:
    """Java's ``%`` on doubles: the sign of the dividend; x mod 0 is NaN."""
    if b == 0.0 or math.isinf(a) or math.isnan(a) or math.isnan(b):
        return math.nan
    if math.isinf(b):
        return a
    return math.fmod(a, b)


def is_empty(value: Any) -> bool:
    """JavaRosa's isNull: the empty string or NaN (after unpacking a node-set)."""
    value = unpack(value)
    return (isinstance(value, str) and value == "") or (
        isinstance(value, float) and math.isnan(value)
    )
