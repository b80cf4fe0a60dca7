"""Locations typed or pasted from a phone's map app become ODK's text; nothing is guessed."""

from __future__ import annotations

import pytest

from fieldsurvey.forms.geo_text import (
    GeoProblem,
    describe_point,
    describe_points,
    read_point,
    read_points,
    shape_area,
    trace_length,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("21.0390, 105.8587", "21.039 105.8587 0 0"),  # Google Maps, copied
        ("21.0390,105.8587", "21.039 105.8587 0 0"),
        ("  21.0390   105.8587 ", "21.039 105.8587 0 0"),
        ("21,0390 105,8587", "21.039 105.8587 0 0"),  # decimal commas, the Vietnamese way
        ("21,0390, 105,8587", "21.039 105.8587 0 0"),
        ("21.039027 105.858699 15 12", "21.039027 105.858699 15 12"),  # ODK's own text
        ("21.039027, 105.858699 ±12 m", "21.039027 105.858699 0 12"),  # as shown back
        ("21.03 105.85 acc 8.5", "21.03 105.85 0 8.5"),
        ("21°02'20.5\"N 105°51'31.3\"E", "21.0390277778 105.8586944444 0 0"),
        ("21.0390 N, 105.8587 E", "21.039 105.8587 0 0"),
        ("105.8587 E 21.0390 N", "21.039 105.8587 0 0"),
        ("33.87 S, 151.21 E", "-33.87 151.21 0 0"),
        ("geo:21.0390,105.8587", "21.039 105.8587 0 0"),
        ("https://www.google.com/maps/@21.0390,105.8587,15z", "21.039 105.8587 0 0"),
        ("https://maps.google.com/?q=21.0390,105.8587", "21.039 105.8587 0 0"),
        ("−12.5 −45", "-12.5 -45 0 0"),
    ],
)
def test_a_point_as_people_paste_it_is_stored_in_odk_form(typed: str, stored: str) -> None:
    assert read_point(typed).value == stored
    assert read_point(typed).problem is None


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("21,0390,105,8587", GeoProblem.UNCLEAR_COMMAS),  # 21.0390, 105.8587 or 21, 390…?
        ("ha noi", GeoProblem.UNREADABLE),
        ("21.03", GeoProblem.UNREADABLE),
        ("21.03 105.85 1 2 3", GeoProblem.UNREADABLE),
        ("121 200", GeoProblem.OUT_OF_RANGE),
        ("21.03 105.85 ±-3 m", GeoProblem.BAD_ACCURACY),
        ("21.03 N 105.85 N", GeoProblem.UNREADABLE),
    ],
)
def test_text_that_is_not_one_place_is_refused(typed: str, problem: GeoProblem) -> None:
    reading = read_point(typed)
    assert reading.value is None and reading.problem is problem


def test_longitude_first_is_refused_with_the_reading_meant() -> None:
    reading = read_point("105.8587, 21.0390")
    assert reading.problem is GeoProblem.SWAPPED
    assert reading.swapped == "21.039, 105.8587"


def test_empty_text_is_no_answer() -> None:
    assert read_point("   ") == read_points("\n \n")
    assert read_point("").value is None and read_point("").problem is None


def test_a_line_has_one_point_per_line_or_between_semicolons() -> None:
    typed = "21.0390, 105.8587\n21.0400, 105.8600 ±5 m\n\n"
    assert read_points(typed).value == "21.039 105.8587 0 0;21.04 105.86 0 5"
    assert read_points("21.039 105.8587; 21.04 105.86").value == (
        "21.039 105.8587 0 0;21.04 105.86 0 0"
    )
    one = read_points("21.039, 105.8587")
    assert one.value is None and one.problem is GeoProblem.TOO_FEW_POINTS


def test_a_bad_point_is_named_by_its_line() -> None:
    reading = read_points("21.039, 105.8587\n21.04 105.86\nabc")
    assert reading.problem is GeoProblem.UNREADABLE and reading.point == 3


def test_an_area_is_closed_as_odk_collect_closes_it() -> None:
    corners = "21.03, 105.85\n21.04, 105.85\n21.04, 105.86"
    closed = "21.03 105.85 0 0;21.04 105.85 0 0;21.04 105.86 0 0;21.03 105.85 0 0"
    assert read_points(corners, shape=True).value == closed
    assert read_points(corners + "\n21.03, 105.85", shape=True).value == closed  # once only
    two = read_points("21.03, 105.85\n21.04, 105.85", shape=True)
    assert two.problem is GeoProblem.TOO_FEW_POINTS


def test_points_read_back_with_their_accuracy() -> None:
    assert describe_point("21.039027 105.858699 15 12") == "21.039027, 105.858699 ±12 m"
    assert describe_point("21.039 105.8587 0 4.5") == "21.039, 105.8587 ±4.5 m"
    assert describe_point("21.039 105.8587 0 0") == "21.039, 105.8587"  # placed by hand
    assert describe_point("21.0390277778 105.8586944444") == "21.039028, 105.858694"
    assert describe_point("not a point") == "not a point"
    closed = "21.03 105.85 0 0;21.04 105.85 0 0;21.04 105.86 0 0;21.03 105.85 0 0"
    assert describe_points(closed) == ["21.03, 105.85", "21.04, 105.85", "21.04, 105.86"]


def test_what_is_shown_back_reads_as_the_same_point() -> None:
    stored = "21.039027 105.858699 0 12"
    assert read_point(describe_point(stored)).value == stored


def test_length_and_area_of_what_was_typed() -> None:
    line = read_points("21.03, 105.85\n21.04, 105.85").value
    assert line is not None and 1100 < trace_length(line) < 1125  # 0.01° of latitude
    shape = read_points("0, 0\n0, 0.01\n0.01, 0.01\n0.01, 0", shape=True).value
    assert shape is not None and 1.2e6 < shape_area(shape) < 1.3e6
    assert trace_length("nonsense") == 0.0


def test_the_printed_record_shows_places_readably(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from fieldsurvey.forms.spec import FormSpec, Node
    from fieldsurvey.reports.models import ReportInterview
    from fieldsurvey.reports.record_pdf import write_record_pdf

    gate = Node(
        kind="question", name="gate", type="geopoint", path="gate", label={"default": "Cổng"}
    )
    plot = Node(
        kind="question", name="plot", type="geoshape", path="plot", label={"default": "Thửa"}
    )
    shape = "21.03 105.85 0 0;21.04 105.85 0 0;21.04 105.86 0 0;21.03 105.85 0 0"
    record = ReportInterview(
        uuid="u1", answers={"gate": "21.039027 105.858699 15 12", "plot": shape}
    )
    spec = FormSpec(form_id="f", children=[gate, plot])
    out = write_record_pdf(record, spec, tmp_path / "r.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Cổng 21.039027, 105.858699 ±12 m" in text
    assert "21.03, 105.85 21.04, 105.85 21.04, 105.86" in text  # one corner per line
    assert "21.039027 105.858699 15 12" not in text
