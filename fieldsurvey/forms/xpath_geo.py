"""area() and distance() over geopoint/geotrace/geoshape values ("lat lon alt acc; ...")."""

from __future__ import annotations

import itertools
import math
from typing import Any

from fieldsurvey.forms.xpath_values import EvaluationError, to_string

EARTH_RADIUS_M = 6378100.0


def points(values: list[Any]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for value in values:
        for part in to_string(value).split(";"):
            fields = part.split()
            if not fields:
                continue
            if len(fields) < 2:
                raise EvaluationError("forms.eval_geopoint_parts")
            try:
                out.append((float(fields[0]), float(fields[1])))
            except ValueError:
                raise EvaluationError("forms.eval_not_a_geopoint") from None
    return out


def distance(values: list[Any]) -> float:
    """Length in metres of the path through the points (haversine)."""
    pts = points(values)
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(pts):
        p1, p2 = math.radians(lat1), math.radians(lat2)
        dp, dl = p2 - p1, math.radians(lon2 - lon1)
        h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        total += 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))
    return total


def area(values: list[Any]) -> float:
    """Area in square metres of the polygon through the points, on a sphere."""
    pts = points(values)
    if len(pts) < 3:
        return 0.0
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(pts):
        total += math.radians(lon2 - lon1) * (
            2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2))
        )
    return abs(total * EARTH_RADIUS_M * EARTH_RADIUS_M / 2.0)
