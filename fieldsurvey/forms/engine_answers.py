"""Answers in and out: typed values <-> the XPath values the engine keeps.

In (``to_xvalue``): what a user, the UI or an answer-set JSON gives for a question of
a type, checked and turned into what JavaRosa would hold: numbers as ``float``,
select_multiple as space-separated choice names, dates as ``date``, date-times as
aware ``datetime``; ``None``/``""`` is no answer (``""``).

Out (``to_json``): integers as ``int``, select_multiple as a list, dates as
``YYYY-MM-DD``, no answer as ``None``. ``wrap_result`` stores a calculation's result
the way JavaRosa's ``IAnswerData.wrapData`` does (NaN and "" become empty).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, tzinfo
from typing import Any

from fieldsurvey.errors import AnswerError
from fieldsurvey.forms.instance import Template
from fieldsurvey.forms.xpath_dates import parse_iso
from fieldsurvey.forms.xpath_values import format_number, string_to_number, to_string

NUMBER_TYPES = frozenset({"integer", "decimal", "range"})
DATE_TYPES = frozenset({"date", "today"})
DATETIME_TYPES = frozenset({"dateTime", "start", "end"})
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?")
_GEO = re.compile(r"-?\d+(\.\d+)?\s+-?\d+(\.\d+)?(\s+-?\d+(\.\d+)?){0,2}")


def to_xvalue(tpl: Template, value: Any, tz: tzinfo) -> Any:
    """Check and convert one answer; raises AnswerError naming the field, never the value."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return ""
    qtype = tpl.qtype
    if qtype in NUMBER_TYPES:
        return _number(tpl, value, integer=qtype == "integer")
    if qtype in ("select_multiple", "select_multiple_from_file", "rank"):
        names = value.split() if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise AnswerError("forms.answer_select_multiple", path=tpl.path)
        return " ".join(n.strip() for n in names if n.strip())
    if qtype in DATE_TYPES:
        return _date(tpl, value, tz)
    if qtype in DATETIME_TYPES:
        return _datetime(tpl, value, tz)
    if qtype == "time":
        text = value.strip() if isinstance(value, str) else ""
        if not _TIME.fullmatch(text):
            raise AnswerError("forms.answer_time", path=tpl.path)
        return text
    if qtype == "geopoint":
        return _geopoint(tpl, value)
    if qtype == "acknowledge":
        if value is True or (isinstance(value, str) and value.strip().upper() == "OK"):
            return "OK"
        raise AnswerError("forms.answer_acknowledge", path=tpl.path)
    if isinstance(value, bool):
        raise AnswerError("forms.answer_text_not_boolean", path=tpl.path, type=qtype)
    if isinstance(value, int | float):
        return format_number(float(value))
    if not isinstance(value, str):
        raise AnswerError("forms.answer_text_not_list", path=tpl.path, type=qtype)
    if qtype in ("select_one", "select_one_from_file", "select_one_external"):
        return value.strip()
    return value


def _number(tpl: Template, value: Any, integer: bool) -> float:
    if isinstance(value, bool):
        raise AnswerError("forms.answer_number_not_boolean", path=tpl.path)
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        number = string_to_number(value)
    else:
        raise AnswerError("forms.answer_number", path=tpl.path)
    if math.isnan(number) or math.isinf(number):
        raise AnswerError("forms.answer_number", path=tpl.path)
    if integer and number != int(number):
        raise AnswerError("forms.answer_whole_number", path=tpl.path)
    return float(int(number)) if integer else number


def _date(tpl: Template, value: Any, tz: tzinfo) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        parsed = parse_iso(value, tz)
        if isinstance(parsed, date) and not isinstance(parsed, datetime):
            return parsed
    raise AnswerError("forms.answer_date", path=tpl.path)


def _datetime(tpl: Template, value: Any, tz: tzinfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, str):
        parsed = parse_iso(value, tz)
        if isinstance(parsed, datetime):
            return parsed
    raise AnswerError("forms.answer_datetime", path=tpl.path)


def _geopoint(tpl: Template, value: Any) -> str:
    if isinstance(value, list) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    ):
        value = " ".join(format_number(float(v)) for v in value)
    if isinstance(value, str) and _GEO.fullmatch(value.strip()):
        parts = [float(p) for p in value.split()]
        if -90 <= parts[0] <= 90 and -180 <= parts[1] <= 180:
            return " ".join(value.split())
    raise AnswerError("forms.answer_geopoint", path=tpl.path)


def wrap_result(tpl: Template, result: Any) -> Any:
    """A calculation's result as JavaRosa stores it for the question's type."""
    if isinstance(result, float):
        if math.isnan(result):
            return ""
        if tpl.qtype == "integer" and not math.isinf(result):
            return float(int(result))
        return result
    if isinstance(result, str) or isinstance(result, bool | date):
        if tpl.qtype in ("select_one", "select_multiple") and not isinstance(result, str):
            return to_string(result)
        return result
    return to_string(result)


def to_json(tpl: Template, xval: Any) -> Any:
    """The stored value as an answer-set JSON value."""
    if isinstance(xval, str):
        if xval == "":
            return None
        if tpl.qtype in ("select_multiple", "select_multiple_from_file", "rank"):
            return xval.split()
        return xval
    if isinstance(xval, bool):
        return xval
    if isinstance(xval, float):
        if math.isnan(xval) or math.isinf(xval):
            return None
        if tpl.qtype == "decimal":
            return xval
        return int(xval) if xval == int(xval) and abs(xval) < 2**53 else xval
    if isinstance(xval, datetime):
        return xval.isoformat(timespec="milliseconds")
    if isinstance(xval, date):
        return xval.isoformat()
    return to_string(xval)
