"""Every XLSForm question type (and pyxform's aliases) loads as one canonical type."""

from __future__ import annotations

import pytest
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.spec import QUESTION_TYPES
from fieldsurvey.forms.spec_builder import canonical_type

# (type cell as authors write it, canonical FormSpec type)
TYPES = [
    ("text", "text"),
    ("string", "text"),
    ("integer", "integer"),
    ("int", "integer"),
    ("decimal", "decimal"),
    ("date", "date"),
    ("time", "time"),
    ("dateTime", "dateTime"),
    ("datetime", "dateTime"),
    ("note", "note"),
    ("acknowledge", "acknowledge"),
    ("geopoint", "geopoint"),
    ("gps", "geopoint"),
    ("geotrace", "geotrace"),
    ("geoshape", "geoshape"),
    ("image", "image"),
    ("photo", "image"),
    ("audio", "audio"),
    ("video", "video"),
    ("file", "file"),
    ("barcode", "barcode"),
    ("start", "start"),
    ("end", "end"),
    ("today", "today"),
    ("deviceid", "deviceid"),
    ("imei", "deviceid"),
    ("username", "username"),
    ("email", "email"),
    ("phonenumber", "phonenumber"),
    ("hidden", "hidden"),
    ("select_one yn", "select_one"),
    ("select one yn", "select_one"),
    ("select_multiple yn", "select_multiple"),
    ("select all that apply yn", "select_multiple"),
    ("rank yn", "rank"),
    ("select_one_from_file places.csv", "select_one_from_file"),
    ("select_multiple_from_file towns.xml", "select_multiple_from_file"),
]


def test_each_type_cell_loads_as_its_canonical_type(xlsform) -> None:  # type: ignore[no-untyped-def]
    rows = "\n".join(f"| | {cell} | q{i} | Question {i} | |" for i, (cell, _) in enumerate(TYPES))
    # calculate needs a calculation column; range gets default parameters
    md = f"""
| survey |
| | type | name | label | calculation |
{rows}
| | range | r | Range | |
| | calculate | c | | 1 + 1 |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
"""
    spec = load_form(xlsform(md))
    got = {node.name: node.type for node in spec.walk()}
    for i, (cell, expected) in enumerate(TYPES):
        assert got[f"q{i}"] == expected, cell
    assert got["r"] == "range" and got["c"] == "calculate"
    assert spec.node("r").parameters == {"start": "1", "end": "10", "step": "1"}
    assert spec.node("q30").choices == "yn"
    assert spec.node("q35").choices == "places.csv"
    assert all(node.type in QUESTION_TYPES for node in spec.walk())


@pytest.mark.parametrize("pyxform_type", sorted(QUESTION_TYPE_DICT))
def test_every_pyxform_type_name_has_a_canonical_type(pyxform_type: str) -> None:
    assert canonical_type(pyxform_type) in QUESTION_TYPES


def test_barcode_and_metadata_keep_their_own_types(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(
        xlsform(
            """
| survey |
| | type | name | label |
| | start | started | |
| | end | ended | |
| | barcode | code | Scan |
| | start-geopoint | where | |
"""
        )
    )
    assert [(n.name, n.type) for n in spec.walk()] == [
        ("started", "start"),
        ("ended", "end"),
        ("code", "barcode"),
        ("where", "start-geopoint"),
    ]


def test_capitalised_select_is_read_as_select_with_a_warning(xlsform) -> None:  # type: ignore[no-untyped-def]
    # ODK rejects "Select one from x" (its type names are lower case); a corpus form uses it.
    spec = load_form(
        xlsform(
            """
| survey |
| | type | name | label |
| | Select one from src | s | Source |
| choices |
| | list_name | name | label |
| | src | lab | Lab |
"""
        )
    )
    node = spec.node("s")
    assert (node.type, node.choices) == ("select_one", "src")
    assert any("row 2" in w and "Select one from src" in w for w in spec.warnings)
