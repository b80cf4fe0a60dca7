"""Locations as people type or paste them, and as they read them.

ODK keeps a geopoint as ``"lat lon alt acc"`` (decimal degrees, metres); a geotrace and a
geoshape as such points joined by ``;``, a shape closed by repeating its first point
(ODK Collect's ``GeoUtils.formatPointsResultString``). A point placed by hand in Collect
has altitude and accuracy 0; a point typed here without them is stored the same way.

What is accepted for one point (a whole line, or one piece between ``;``):

- ``21.0390, 105.8587`` or ``21.0390 105.8587`` (a phone's map app, Google Maps);
- ``21,0390 105,8587`` or ``21,0390, 105,8587`` (decimal commas, as Vietnamese writes them:
  then a comma between the numbers needs a space after it);
- ``21.0390 105.8587 15 12`` (ODK's own text: altitude then accuracy);
- ``21.039027, 105.858699 ±12 m`` (what :func:`describe_point` shows; ``acc 12`` too);
- ``21°02'20.5"N 105°51'31.3"E`` and ``21.0390 N, 105.8587 E`` (S and W are negative);
- ``geo:21.0390,105.8587`` and map links with ``@21.0390,105.8587`` or ``q=21.0390,105.8587``.

Nothing is guessed: ``21,0390,105,8587`` could be read two ways and is refused, and a
longitude typed first (``105.85, 21.03``) is refused with the swapped reading offered.

API:
    read_point(text) -> GeoReading                      one geopoint
    read_points(text, shape=False) -> GeoReading        a geotrace, or a geoshape
    describe_point(value) -> str                        "21.039027, 105.858699 ±12 m"
    describe_points(value) -> list[str]                 one line per point
    point_values(value) -> list[tuple[float, ...]]      (lat, lon, alt, acc) of each point
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass

from fieldsurvey.forms.xpath_geo import area, distance
from fieldsurvey.forms.xpath_values import EvaluationError

#: Least points of a line, and least corners of an area (its closing point not counted).
TRACE_MIN, SHAPE_MIN = 2, 3

_NUMBER = r"[-+]?\d+(?:[.,]\d+)?"
_ACCURACY = re.compile(
    rf"(?:±|\+/-|\+-|\bacc(?:uracy)?\s*[:=]?)\s*(?P<acc>{_NUMBER})\s*(?:m\b|mét\b|metres?\b)?",
    re.IGNORECASE,
)
_GEO_URI = re.compile(r"\bgeo:\s*(?P<body>[^?;\s]+)", re.IGNORECASE)
_MAP_LINK = re.compile(r"(?:@|[?&](?:q|ll|query)=)(?P<lat>-?\d+\.\d+),\s*(?P<lon>-?\d+\.\d+)")
_DMS = re.compile(
    r"(?P<hem1>[NSEW])?\s*(?P<deg>\d+(?:[.,]\d+)?)\s*°\s*"
    r"(?:(?P<min>\d+(?:[.,]\d+)?)\s*['′’]\s*)?"
    r"(?:(?P<sec>\d+(?:[.,]\d+)?)\s*(?:[\"″”]|'')\s*)?(?P<hem2>[NSEW])?",
    re.IGNORECASE,
)
_HEMISPHERE = re.compile(r"(?<![A-Za-z])[NSEWnsew](?![A-Za-z])")
_POINT_BREAK = re.compile(r"[\n;]+")


class GeoProblem(enum.Enum):
    """Why typed text is not taken as a location."""

    UNREADABLE = "unreadable"  # not latitude and longitude
    UNCLEAR_COMMAS = "unclear_commas"  # commas that can be decimal marks or separators
    OUT_OF_RANGE = "out_of_range"  # latitude beyond ±90 or longitude beyond ±180
    SWAPPED = "swapped"  # longitude first: ``swapped`` holds the reading meant
    BAD_ACCURACY = "bad_accuracy"  # a negative accuracy
    TOO_FEW_POINTS = "too_few_points"  # a line under TRACE_MIN points, an area under SHAPE_MIN


@dataclass(frozen=True)
class GeoReading:
    """What typed text means: ``value`` in ODK's form (None for empty text or a problem),
    or a ``problem``; ``point`` is the 1-based point (line) it is about in a list of points,
    ``swapped`` the "lat, lon" text meant when the two were typed the other way round."""

    value: str | None
    problem: GeoProblem | None = None
    point: int | None = None
    swapped: str | None = None


def _float(text: str) -> float:
    return float(text.replace(",", "."))


def _odk_number(value: float) -> str:
    """A coordinate or distance as ODK text: no exponent, no trailing zeros."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def _shown_number(value: float, decimals: int = 6) -> str:
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _dms(text: str) -> list[float] | None:
    """Two coordinates written with degree signs (and N/S/E/W), or None."""
    found = [m for m in _DMS.finditer(text) if m.group("deg")]
    if len(found) != 2:
        return None
    values: list[float] = []
    hemispheres: list[str] = []
    for match in found:
        value = _float(match["deg"])
        value += _float(match["min"]) / 60 if match["min"] else 0.0
        value += _float(match["sec"]) / 3600 if match["sec"] else 0.0
        hemisphere = (match["hem1"] or match["hem2"] or "").upper()
        values.append(-value if hemisphere in ("S", "W") else value)
        hemispheres.append(hemisphere)
    if hemispheres[0] in ("E", "W") and hemispheres[1] in ("N", "S", ""):
        values.reverse()  # "105°51'E 21°02'N": longitude written first
    return values


def _hemisphere_signs(text: str) -> tuple[str, int, int, bool] | None:
    """``text`` without N/S/E/W letters, the signs of latitude and longitude, and whether
    longitude came first; None when the letters do not make one N/S and one E/W."""
    letters = [m.group().upper() for m in _HEMISPHERE.finditer(text)]
    if not letters:
        return text, 1, 1, False
    if len(letters) != 2 or {letters[0], letters[1]} & {"N", "S"} == set():
        return None
    north_south = [x for x in letters if x in ("N", "S")]
    east_west = [x for x in letters if x in ("E", "W")]
    if len(north_south) != 1 or len(east_west) != 1:
        return None
    stripped = _HEMISPHERE.sub(" ", text)
    return (
        stripped,
        -1 if north_south[0] == "S" else 1,
        -1 if east_west[0] == "W" else 1,
        letters[0] in ("E", "W"),
    )


def _numbers(text: str) -> list[float] | GeoProblem:
    """The numbers of one point, separated by spaces, ``;`` or commas."""
    text = text.strip().strip(",;").strip()
    if not text:
        return GeoProblem.UNREADABLE
    if "." in text:
        parts = re.split(r"[\s,;]+", text)
    elif re.search(r"\s|;", text):
        parts = re.split(r"\s*;\s*|,\s+|\s+", text)  # commas inside a number are decimals
    elif text.count(",") == 1:
        parts = text.split(",")  # "21,105": whole degrees
    else:
        return GeoProblem.UNCLEAR_COMMAS if "," in text else GeoProblem.UNREADABLE
    parts = [p for p in parts if p]
    if not all(re.fullmatch(_NUMBER, p) for p in parts):
        return GeoProblem.UNREADABLE
    if any(p.count(",") > 1 for p in parts):
        return GeoProblem.UNCLEAR_COMMAS
    return [_float(p) for p in parts]


def _point(text: str) -> tuple[float, float, float, float] | GeoReading:
    """One point's (lat, lon, alt, acc), or a reading with the problem."""
    text = text.replace("−", "-").replace("\u00a0", " ").strip()
    accuracy: float | None = None
    found = _ACCURACY.search(text)
    if found:
        accuracy = _float(found["acc"])
        text = (text[: found.start()] + " " + text[found.end() :]).strip()
    numbers: list[float] | GeoProblem
    link = _MAP_LINK.search(text)
    uri = _GEO_URI.search(text)
    if uri:
        numbers = _numbers(uri["body"].replace(",", " "))
    elif link:
        numbers = [float(link["lat"]), float(link["lon"])]
    elif "°" in text:
        numbers = _dms(text) or GeoProblem.UNREADABLE
    else:
        signed = _hemisphere_signs(text)
        if signed is None:
            return GeoReading(None, GeoProblem.UNREADABLE)
        stripped, lat_sign, lon_sign, lon_first = signed
        numbers = _numbers(stripped)
        if isinstance(numbers, list) and len(numbers) >= 2:
            if lon_first:
                numbers[0], numbers[1] = numbers[1], numbers[0]
            numbers[0] = math.copysign(numbers[0], lat_sign) if lat_sign < 0 else numbers[0]
            numbers[1] = math.copysign(numbers[1], lon_sign) if lon_sign < 0 else numbers[1]
    if isinstance(numbers, GeoProblem):
        return GeoReading(None, numbers)
    if accuracy is not None and len(numbers) == 4:
        return GeoReading(None, GeoProblem.UNREADABLE)
    if not 2 <= len(numbers) <= 4:
        return GeoReading(None, GeoProblem.UNREADABLE)
    lat, lon = numbers[0], numbers[1]
    alt = numbers[2] if len(numbers) > 2 else 0.0
    acc = numbers[3] if len(numbers) > 3 else (accuracy if accuracy is not None else 0.0)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        if -90 <= lon <= 90 and -180 <= lat <= 180:
            return GeoReading(
                None, GeoProblem.SWAPPED, swapped=f"{_shown_number(lon)}, {_shown_number(lat)}"
            )
        return GeoReading(None, GeoProblem.OUT_OF_RANGE)
    if acc < 0:
        return GeoReading(None, GeoProblem.BAD_ACCURACY)
    return lat, lon, alt, acc


def _odk_point(values: tuple[float, float, float, float]) -> str:
    return " ".join(_odk_number(v) for v in values)


def read_point(text: str) -> GeoReading:
    """One geopoint typed or pasted (see the module's list), as ODK's ``lat lon alt acc``."""
    if not text.strip():
        return GeoReading(None)
    found = _point(text)
    return found if isinstance(found, GeoReading) else GeoReading(_odk_point(found))


def read_points(text: str, *, shape: bool = False) -> GeoReading:
    """A geotrace (``shape=False``) or geoshape: one point per line (or between ``;``).

    A shape is closed as ODK Collect closes it (its first point repeated at the end)."""
    pieces = [p for p in _POINT_BREAK.split(text) if p.strip()]
    if not pieces:
        return GeoReading(None)
    points: list[tuple[float, float, float, float]] = []
    for number, piece in enumerate(pieces, start=1):
        found = _point(piece)
        if isinstance(found, GeoReading):
            return GeoReading(None, found.problem, number, found.swapped)
        points.append(found)
    if shape and len(points) > 1 and points[0][:2] == points[-1][:2]:
        points.pop()  # already closed: the closing point is added back below
    if len(points) < (SHAPE_MIN if shape else TRACE_MIN):
        return GeoReading(None, GeoProblem.TOO_FEW_POINTS)
    if shape:
        points.append(points[0])
    return GeoReading(";".join(_odk_point(p) for p in points))


def point_values(value: object) -> list[tuple[float, ...]]:
    """(lat, lon, alt, acc) of each point of a stored geopoint/geotrace/geoshape; points
    that are not numbers are left out."""
    if not isinstance(value, str):
        return []
    out: list[tuple[float, ...]] = []
    for piece in value.split(";"):
        fields = piece.split()
        try:
            numbers = [float(f) for f in fields[:4]]
        except ValueError:
            continue
        if len(numbers) >= 2:
            out.append(tuple(numbers + [0.0] * (4 - len(numbers))))
    return out


def _describe(values: tuple[float, ...]) -> str:
    text = f"{_shown_number(values[0])}, {_shown_number(values[1])}"
    accuracy = values[3]
    if accuracy > 0:
        text += f" ±{_shown_number(accuracy, 0 if accuracy >= 10 else 1)} m"
    return text


def describe_point(value: object) -> str:
    """A stored geopoint as people read it: ``"21.039027, 105.858699 ±12 m"`` (no
    accuracy when it is 0, a point placed by hand); the text as it is if unreadable."""
    points = point_values(value)
    if not points:
        return "" if value is None else str(value)
    return _describe(points[0])


def describe_points(value: object) -> list[str]:
    """One readable line per point of a stored geotrace/geoshape (its closing point,
    the first one repeated, left out)."""
    points = point_values(value)
    if len(points) > 2 and points[0][:2] == points[-1][:2]:
        points = points[:-1]
    return [_describe(p) for p in points]


def trace_length(value: str) -> float:
    """Length in metres of a stored geotrace (0 when unreadable)."""
    try:
        return distance([value])
    except EvaluationError:
        return 0.0


def shape_area(value: str) -> float:
    """Area in square metres of a stored geoshape (0 when unreadable)."""
    try:
        return area([value])
    except EvaluationError:
        return 0.0
