"""Dates in XPath: parsing ISO text, date()/date-time(), decimal-date-time(),
format-date-time(), as ODK JavaRosa does them.

Dates are ``datetime.date`` (midnight), date-times are timezone-aware
``datetime.datetime`` in the session's time zone (the one of its clock).
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from fieldsurvey.forms.xpath_values import EPOCH, EvaluationError, to_number, to_string, unpack

DAY_SECONDS = 86400.0

_ISO = re.compile(
    r"\s*(-?\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*"
)


def parse_iso(text: str, tz: tzinfo) -> date | None:
    """``YYYY-MM-DD`` -> date; with a time part -> aware datetime; else None."""
    match = _ISO.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, sec, frac, zone = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        micro = int((frac or "0").ljust(6, "0")[:6])
        zone_info = _zone(zone) if zone else tz
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(sec or 0), micro, zone_info
        ).astimezone(tz)
    except ValueError:
        return None


def _zone(text: str) -> tzinfo:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0), tz)


def to_date(value: Any, tz: tzinfo, keep_time: bool) -> Any:
    """date() (``keep_time=False``) and date-time() (``True``); "" and NaN pass through."""
    try:
        return _to_date(value, tz, keep_time)
    except (OverflowError, ValueError):
        raise EvaluationError("forms.eval_date_out_of_range") from None


def _to_date(value: Any, tz: tzinfo, keep_time: bool) -> Any:
    value = unpack(value)
    if isinstance(value, bool):
        value = to_number(value)
    if isinstance(value, float):
        if math.isnan(value):
            return value
        if math.isinf(value) or abs(value) > 2**31:
            raise EvaluationError("forms.eval_date_out_of_range")
        if keep_time:
            return datetime.fromtimestamp(value * DAY_SECONDS, UTC).astimezone(tz)
        return EPOCH + timedelta(days=int(value))
    if isinstance(value, str):
        if value == "":
            return value
        parsed = parse_iso(value, tz)
        if parsed is None:
            raise EvaluationError("forms.eval_not_a_date")
        value = parsed
    if isinstance(value, datetime):
        return value if keep_time else value.date()
    if isinstance(value, date):
        return midnight(value, tz) if keep_time else value
    raise EvaluationError("forms.eval_not_a_date")


def decimal_date_time(value: Any, tz: tzinfo, keep_date: bool = True) -> Any:
    """Days (with fraction) since 1970-01-01T00:00Z; ``keep_date=False``: time of day."""
    try:
        return _decimal_date_time(value, tz, keep_date)
    except (OverflowError, ValueError):
        raise EvaluationError("forms.eval_date_out_of_range") from None


def _decimal_date_time(value: Any, tz: tzinfo, keep_date: bool) -> Any:
    value = unpack(value)
    if isinstance(value, bool):
        value = to_number(value)
    if isinstance(value, float):
        if math.isnan(value):
            return value
        if math.isinf(value) or abs(value) > 2**31:
            raise EvaluationError("forms.eval_date_out_of_range")
        return value if keep_date else value - math.floor(value)
    if isinstance(value, str):
        if value == "":
            return value
        parsed = parse_iso(value, tz)
        if parsed is None:
            raise EvaluationError("forms.eval_not_a_date")
        value = parsed
    if isinstance(value, date):
        moment = value if isinstance(value, datetime) else midnight(value, tz)
        if keep_date:
            return moment.timestamp() / DAY_SECONDS
        local = moment.astimezone(tz)
        seconds = local.hour * 3600 + local.minute * 60 + local.second + local.microsecond / 1e6
        return seconds / DAY_SECONDS
    raise EvaluationError("forms.eval_not_a_date")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def format_date_time(value: Any, pattern: Any, tz: tzinfo) -> str:
    """format-date-time(): %Y %y %m %n %b %d %e %H %h %M %S %3 %a; "" for no date."""
    moment = to_date(value, tz, keep_time=True)
    if not isinstance(moment, datetime):
        return ""
    try:
        moment = moment.astimezone(tz)
    except (OverflowError, ValueError):
        raise EvaluationError("forms.eval_date_out_of_range") from None
    fmt = to_string(pattern)
    codes = {
        "Y": f"{moment.year:04d}",
        "y": f"{moment.year % 100:02d}",
        "m": f"{moment.month:02d}",
        "n": str(moment.month),
        "b": _MONTHS[moment.month - 1],
        "d": f"{moment.day:02d}",
        "e": str(moment.day),
        "H": f"{moment.hour:02d}",
        "h": str(moment.hour),
        "M": f"{moment.minute:02d}",
        "S": f"{moment.second:02d}",
        "3": f"{moment.microsecond // 1000:03d}",
        "a": _DAYS[moment.weekday()],
    }
    out: list[str] = []
    i = 0
    while i < len(fmt):
        char = fmt[i]
        if char == "%" and i + 1 < len(fmt):
            code = fmt[i + 1]
            out.append(codes.get(code, "%" + code))
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def months_between(first: Any, second: Any, tz: tzinfo) -> float:
    """difference-in-months(a, b) as Enketo/CHT: whole months from a to b."""
    start = to_date(first, tz, keep_time=False)
    end = to_date(second, tz, keep_time=False)
    if not isinstance(start, date) or not isinstance(end, date):
        return math.nan
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return float(months)
