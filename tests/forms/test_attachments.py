"""Form attachments read by the engine as ODK reads them: choices from CSV, XML and GeoJSON
files (with choice filters), pulldata(), search(), instance() and label media."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pytest

from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms.attachments import FormFile, FormFiles, read_document
from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.markdown_form import markdown_to_xlsx_bytes
from fieldsurvey.forms.xpath_attachments import use_files

REGIONS = b"name,label\nn,North\ns,South\n"
DISTRICTS = "name,label,region,pop\nd1,Ba Đình,n,100\nd2,Hoàn Kiếm,n,200\nd3,Sóc Sơn,s,300\n"
POINTS = b"""{"type": "FeatureCollection", "features": [
 {"type": "Feature", "id": "w1", "geometry": {"type": "Point", "coordinates": [105.8587, 21.039]},
  "properties": {"title": "Well by the market", "depth": 12.50, "open": true}},
 {"type": "Feature", "geometry": {"type": "LineString",
  "coordinates": [[105.0, 21.0], [105.5, 21.5]]}, "properties": {"id": "w2", "title": "Pipe"}}
]}"""


def compiled(md: str, files: Mapping[str, bytes | str] | None = None) -> CompiledForm:
    spec = load_form_bytes(markdown_to_xlsx_bytes(md), "f.xlsx", use_cache=False)
    form = FormEngine.build(spec)
    if files is not None:
        use_files(form, FormFiles(FormFile.of(n, d if isinstance(d, bytes) else d.encode())
                                  for n, d in files.items()))  # fmt: skip
    return form


def names(choices: list[Any]) -> list[str]:
    return [choice.name for choice in choices]


CASCADE = """
| survey |  |  |  |  |  |
|  | type | name | label | choice_filter | calculation |
|  | select_one_from_file regions.csv | region | Region | | |
|  | select_one_from_file districts.csv | district | District | region=${region} | |
|  | calculate | pop | | | pulldata('districts', 'pop', 'name', ${district}) |
"""


def test_cascading_selects_from_csv_files_filter_as_the_answers_change() -> None:
    session = compiled(CASCADE, {"regions.csv": REGIONS, "districts.csv": DISTRICTS}).session()
    assert [(c.name, c.label["default"]) for c in session.choices("region")] == [
        ("n", "North"),
        ("s", "South"),
    ]
    assert session.choices("district") == []  # no region yet: the filter keeps none
    session.set("region", "n")
    assert names(session.choices("district")) == ["d1", "d2"]
    assert session.choices("district")[1].label["default"] == "Hoàn Kiếm"
    session.set("region", "s")
    assert names(session.choices("district")) == ["d3"]
    assert names(session.all_choices("district")) == ["d1", "d2", "d3"]


def test_a_file_list_without_its_file_is_empty_not_an_assertion_error() -> None:
    """The bug of issue 14: the page with a filtered file select raised AssertionError."""
    session = compiled(CASCADE).session()
    session.set("region", "n")  # not offered (no file), but a saved answer may hold it
    assert session.choices("district") == []
    assert session.choices("region") == []
    assert session.value("pop") is None
    assert session.unoffered("district") == []


def test_pulldata_takes_the_first_exact_match_and_follows_its_key() -> None:
    rows = "name,pop\nd1,100\nD2,150\nd2,200\nd2,999\n3,three\n"
    md = """
| survey |  |  |  |  |
|  | type | name | label | calculation |
|  | text | key | Key | |
|  | integer | n | N | |
|  | calculate | pop | | pulldata('districts', 'pop', 'name', ${key}) |
|  | calculate | by_number | | pulldata('districts.csv', 'pop', 'name', ${n}) |
|  | calculate | unknown_column | | pulldata('districts', 'nope', 'name', ${key}) |
|  | calculate | no_file | | pulldata('nowhere', 'pop', 'name', ${key}) |
"""
    session = compiled(md, {"districts.csv": rows}).session()
    session.set("key", "d2")
    assert session.value("pop") == "200"  # the first row; "D2" differs in case (JavaRosa)
    session.set("key", "zz")
    assert session.value("pop") is None  # no such row: ''
    session.set("key", "d1")
    assert session.value("pop") == "100"  # recomputed when the key changes
    assert session.value("unknown_column") is None and session.value("no_file") is None
    session.set("n", 3)
    assert session.value("by_number") == "three"  # 3, not "3.0", as XPath string()


SEARCH = """
| survey |  |  |  |  |
|  | type | name | label | appearance |
|  | text | start | Start | |
|  | select_one fruits | fruit | Fruit | search('fruits', 'startsWith', 'name', ${start}) |
|  | select_one fruits | any | Any | search('fruits') |
|  | select_one plain | g | G | search('fruits','contains','name, label','a','color','GREEN') |
|  | select_one labelled | both | Both | search('fruits', 'matches', 'name', 'banana') |
| choices | | | |
| | list_name | name | label |
| | fruits | name | label |
| | fruits | 99 | None of these |
| | plain | name | name |
| | labelled | name | label, color |
"""
FRUITS = (
    "name,label,color,sortby\n"
    "banana,Banana,yellow,3\nbasil,Basil,green,1\napple,Apple,red,2\n"
    "Bamboo,Bamboo shoot,green,4\nbanana,Banana again,yellow,5\n"
)


def test_search_appearance_builds_choices_as_collect_does() -> None:
    session = compiled(SEARCH, {"fruits.csv": FRUITS}).session()
    session.set("start", "ba")
    found = session.choices("fruit")
    # in the sortby order, case ignored, one choice per value, the fixed choice kept
    assert names(found) == ["basil", "banana", "Bamboo", "99"]
    assert found[1].label["default"] == "Banana" and found[3].label["default"] == "None of these"
    session.set("start", "app")
    assert names(session.choices("fruit")) == ["apple", "99"]
    assert names(session.choices("any")) == ["basil", "apple", "banana", "Bamboo", "99"]
    # two searched columns (either matches), a filter column (case ignored); a label
    # that names only the value column shows the value
    assert [(c.name, c.label["default"]) for c in session.choices("g")] == [
        ("basil", "basil"),
        ("Bamboo", "Bamboo"),
    ]
    # several label columns: "first (column: value)"
    assert [c.label["default"] for c in session.choices("both")] == ["Banana (color: yellow)"]


def test_search_without_its_file_offers_only_the_fixed_choices() -> None:
    session = compiled(SEARCH).session()
    assert names(session.choices("fruit")) == ["99"]


def test_geojson_choices_and_instance_lookups_read_as_javarosa() -> None:
    md = """
| survey |  |  |  |  |  |
|  | type | name | label | choice_filter | calculation |
|  | select_one_from_file points.geojson | existing | Water point | true() | |
|  | calculate | where | | | instance('points')/root/item[id=${existing}]/geometry |
|  | calculate | depth | | | instance('points')/root/item[id=${existing}]/depth |
|  | calculate | open | | | instance('points')/root/item[id=${existing}]/open |
"""
    session = compiled(md, {"points.geojson": POINTS}).session()
    assert [(c.name, c.label["default"]) for c in session.choices("existing")] == [
        ("w1", "Well by the market"),
        ("w2", "Pipe"),
    ]
    session.set("existing", "w1")
    assert session.value("where") == "21.039 105.8587 0 0"
    assert (session.value("depth"), session.value("open")) == ("12.50", "true")
    session.set("existing", "w2")
    assert session.value("where") == "21.0 105.0 0 0; 21.5 105.5 0 0"


def test_xml_and_csv_external_instances_and_file_parameters() -> None:
    md = """
| survey |  |  |  |  |  |
|  | type | name | label | calculation | parameters |
|  | xml-external | towns | | | |
|  | csv-external | people | | | |
|  | select_multiple_from_file people.csv | who | Who | | value=id, label=full_name |
|  | text | code | Code | | |
|  | calculate | town | | instance('towns')/root/item[code=${code}]/label | |
|  | calculate | count | | count(instance('people')/root/item) | |
"""
    towns = (
        '<?xml version="1.0"?><root xmlns="urn:x"><item><code>HK</code>'
        "<label>Hoàn Kiếm</label></item><item><code>BD</code><label>Ba Đình</label></item></root>"
    )
    people = "\ufeffid;full_name\n1;Nguyễn Văn An\n\n2;Trần Thị Bình\n3\n"  # BOM, ";", blanks
    session = compiled(md, {"towns.xml": towns, "people.csv": people}).session()
    session.set("code", "BD")
    assert session.value("town") == "Ba Đình"
    assert session.value("count") == 3
    choices = session.choices("who")
    assert [(c.name, c.label["default"]) for c in choices] == [
        ("1", "Nguyễn Văn An"),
        ("2", "Trần Thị Bình"),
        ("3", "3"),  # a short row is padded; an empty label shows the value
    ]
    session.set("who", ["1", "2"])
    assert session.value("who") == ["1", "2"]


def test_translated_labels_of_a_csv_list() -> None:
    md = """
| survey |  |  |  |
|  | type | name | label::Tiếng Việt (vi) | label::English (en) |
|  | select_one_from_file places.csv | place | Nơi | Place |
"""
    places = "name,label,label::English (en)\nmarket,Chợ,Market\n"
    form = compiled(md, {"places.csv": places})
    choice = form.session(lang="en").choices("place")[0]
    assert choice.label == {"default": "Chợ", "English (en)": "Market"}


def test_label_and_choice_media_bytes_by_language() -> None:
    md = """
| survey |  |  |  |  |  |
|  | type | name | label | media::image::Tiếng Việt (vi) | media::image::English (en) |
|  | select_one yn | ok | OK | ok_vi.png | ok_en.png |
| choices | | | | | |
| | list_name | name | label | image | audio |
| | yn | yes | Yes | yes.png | yes.mp3 |
| | yn | no | No | | |
"""
    files = {"ok_vi.png": b"\x89PNG-vi", "ok_en.png": b"\x89PNG-en", "yes.png": b"\x89PNG-yes"}
    session = compiled(md, files).session(lang="vi")
    label = session.media("ok")
    assert label is not None and (label.name, label.data) == ("ok_vi.png", b"\x89PNG-vi")
    assert session.media("ok", lang="en").data == b"\x89PNG-en"  # type: ignore[union-attr]
    assert session.media("ok", choice="yes").data == b"\x89PNG-yes"  # type: ignore[union-attr]
    assert session.media("ok", "audio", choice="yes") is None  # named, but not attached
    assert session.media("ok", choice="no") is None
    assert compiled(md).session().media("ok") is None  # a form without its files


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.csv", b"name,label\n\xff\xfe\n", "'a.csv' is not UTF-8 text (line 2)"),
        ("a.csv", b"name,name\nx,y\n", "'a.csv' has the column 'name' twice"),
        ("a.csv", b"\n\n", "'a.csv' has no header row"),
        ("a.xml", b"<root><item></root>", "'a.xml' is not well-formed (line 1"),
        (
            "a.xml",
            b'<!DOCTYPE r [<!ENTITY a "aaaa">]><root>&a;&a;</root>',
            "'a.xml' declares a DTD or entities",
        ),
        ("a.geojson", b"[1, 2]", "'a.geojson' is not a FeatureCollection"),
        ("a.geojson", b'{"type": "FeatureCollection"', "'a.geojson' is not valid JSON"),
        (
            "a.geojson",
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry":'
            b' {"type": "MultiPoint", "coordinates": []}}]}',
            "Feature 1 of the GeoJSON file 'a.geojson' is a MultiPoint",
        ),
    ],
)
def test_a_bad_data_file_is_named_with_its_problem(name: str, data: bytes, message: str) -> None:
    with pytest.raises(FormDefinitionError, match=re.escape(message)):
        read_document(name, data)


def test_a_deep_xml_file_reads_without_recursion() -> None:
    depth = 5000
    data = ("<a>" * depth + "x" + "</a>" * depth).encode()
    doc = read_document("deep.xml", data)
    node = doc
    for _ in range(depth):
        node = node.kids[0]
    assert node.value == "x"
