"""A form reads the laptop's entity lists as ODK forms read Central's entity CSVs:
``select_one_from_file households.csv``, ``instance('households')/root/item[name=…]/…``
and ``pulldata('households', …)``, one entity found by key, never a scan of the list."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldsurvey.forms.attachments import MAX_LISTED_ENTITIES, FormFile, FormFiles, gather
from fieldsurvey.forms.entity_actions import entity_actions
from fieldsurvey.forms.entity_instance import key_column
from fieldsurvey.forms.entity_model import EntityRow
from fieldsurvey.forms.expression_parser import parse
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.xpath_attachments import form_entities, use_entities, use_files

from .entity_helpers import DictSource, compile_md
from .test_entity_forms import REGISTRATION

# ODK's "trees" follow-up example, re-created: the update form reads the entity's
# properties and its version through instance('trees').
TREES = """
| survey |
| | type | name | label | save_to | calculation |
| | select_one_from_file trees.csv | tree | Tree | | |
| | calculate | species | | | instance('trees')/root/item[name=${tree}]/species |
| | calculate | version | | | instance('trees')/root/item[name=${tree}]/__version |
| | calculate | by_pull | | | pulldata('trees', 'species', 'name', ${tree}) |
| | calculate | how_many | | | count(instance('trees')/root/item) |
| | integer | circumference | Circumference (cm) | circumference_cm | |
| entities |
| | list_name | entity_id | label |
| | trees | ${tree} | concat(${circumference}, 'cm ', ${species}) |
"""


def trees(n: int = 3) -> DictSource:
    return DictSource(
        EntityRow("trees", f"t{i}", f"Tree {i}", {"species": f"sp{i}"}, i, trunk_version=i)
        for i in range(1, n + 1)
    )


def test_the_select_lists_the_entities_and_the_form_reads_the_picked_one_by_key() -> None:
    form = compile_md(TREES)
    source = trees()
    use_entities(form, source)
    session = form.session()
    assert [(c.name, c.label["default"]) for c in session.choices("tree")] == [
        ("t1", "Tree 1"), ("t2", "Tree 2"), ("t3", "Tree 3"),
    ]  # fmt: skip
    assert session.choices("tree")[0].extra["species"] == "sp1"
    source.calls.update(get=0, rows=0)
    session.set("tree", "t2")
    assert session.value("species") == "sp2"
    assert session.value("by_pull") == "sp2"
    assert session.value("version") == "2"  # __version, as ODK's update forms read it
    assert source.calls["get"] >= 3
    session.set("circumference", 42)
    assert session.value("how_many") == 3  # a path over every item still reads them all
    (action,) = entity_actions(form, session.answers(complete=True), device_id="L1",
                               previous=[], source=source)  # fmt: skip
    assert (action.label, action.base_version, action.properties) == (
        "42cm sp2", 2, {"circumference_cm": "42"},
    )  # fmt: skip


def test_a_lookup_of_one_entity_does_not_read_the_whole_list() -> None:
    form = compile_md(TREES.replace("count(instance('trees')/root/item)", "1"))
    source = trees(5000)
    use_entities(form, source)
    session = form.session()
    source.calls.update(get=0, rows=0)
    session.set("tree", "t4321")
    assert session.value("species") == "sp4321"
    assert session.value("by_pull") == "sp4321"
    assert source.calls["rows"] == 0 and source.calls["get"] >= 2
    session.set("tree", "nobody")
    assert session.value("species") is None and session.value("by_pull") is None


def test_a_long_list_is_left_to_the_picker_and_an_answer_is_checked_by_key() -> None:
    form = compile_md(TREES.replace("count(instance('trees')/root/item)", "1"))
    source = trees(MAX_LISTED_ENTITIES + 1)
    use_entities(form, source)
    session = form.session()
    source.calls.update(rows=0)
    assert session.choices("tree") == []  # the picker searches instead
    assert source.calls["rows"] == 0
    session.set("tree", "t1001")
    assert session.unoffered("tree") == []
    session.set("tree", "not-a-tree")
    assert session.unoffered("tree") == ["not-a-tree"]
    assert source.calls["rows"] == 0


def test_a_short_list_checks_an_answer_against_its_choices() -> None:
    form = compile_md(TREES)
    use_entities(form, trees(3))
    session = form.session()
    session.set("tree", "t9")
    assert session.unoffered("tree") == ["t9"]


def test_an_entity_registered_in_one_interview_is_in_the_next_interviews_list() -> None:
    registration = compile_md(REGISTRATION)
    follow_up = compile_md("""
| survey |
| | type | name | label | calculation |
| | select_one_from_file households.csv | hh | Household | |
| | calculate | size | | instance('households')/root/item[name=${hh}]/size |
""")
    source = DictSource()
    source.lists["households"] = {}
    use_entities(follow_up, source)
    assert follow_up.session().choices("hh") == []
    answers = {"hh_name": "Đỗ Thị Lan", "size": 3, "members": []}
    actions = entity_actions(registration, answers, device_id="L1", previous=[], source=source)
    source.apply(actions)  # what the laptop's store does at completion
    session = follow_up.session()
    (choice,) = session.choices("hh")
    assert choice.label["default"] == "Đỗ Thị Lan 3"
    session.set("hh", choice.name)
    assert session.value("size") == "3"
    assert [r.label for r in source.search("households", "do thi")] == ["Đỗ Thị Lan 3"]


def test_an_attached_file_wins_over_a_list_of_the_same_name() -> None:
    form = compile_md(TREES)
    use_files(form, FormFiles([FormFile.of("trees.csv", b"name,label,species\nf1,File tree,x\n")]))
    use_entities(form, trees(2))
    assert [c.name for c in form.session().choices("tree")] == ["f1"]
    assert form_entities(form) is not None


def test_without_lists_a_form_reads_an_entity_list_as_empty() -> None:
    form = compile_md(TREES)
    use_entities(form, None)
    session = form.session()
    assert session.choices("tree") == []
    session.set("tree", "t1")
    assert session.value("species") is None


def test_publishing_a_follow_up_form_does_not_ask_for_the_lists_csv(tmp_path: Path) -> None:
    reader = tmp_path / "reader.md"  # reads the list, does not update it
    reader.write_text(TREES.split("| entities |")[0].replace("circumference_cm", ""), "utf-8")
    spec = load_form(reader, use_cache=False)
    assert [ref.name for ref in gather(reader, spec).missing] == ["trees.csv"]
    assert gather(reader, spec, entity_lists=["trees"]).missing == []
    updater = tmp_path / "updater.md"  # declares the list: it is the workspace's
    updater.write_text(TREES, "utf-8")
    assert gather(updater, load_form(updater, use_cache=False)).missing == []


@pytest.mark.parametrize(
    ("predicate", "key"),
    [
        ("name = ${x}", "name"),
        ("${x} = name", "name"),
        ("name = current()/../x", "name"),
        ("name = concat('a', ${x})", "name"),
        ("size = 3", "size"),
        ("name = ../x", None),  # reads the item itself
        ("name = position()", None),
        ("name != ${x}", None),
        ("name = ${x} and size = 3", None),
    ],
)
def test_only_a_comparison_with_a_value_that_does_not_read_the_item_is_a_key(
    predicate: str, key: str | None
) -> None:
    found = key_column(parse(predicate))
    assert (found[0] if found else None) == key


def test_working_out_actions_with_a_source_leaves_the_shared_form_as_it_was() -> None:
    form = compile_md(TREES)
    screen = trees(2)
    use_entities(form, screen)
    completion = trees(3)
    (action,) = entity_actions(form, {"tree": "t3", "circumference": 5}, device_id="L1",
                               previous=[], source=completion)  # fmt: skip
    assert action.label == "5cm sp3"  # read from the completion's lists
    assert form_entities(form) is screen
    assert [c.name for c in form.session().choices("tree")] == ["t1", "t2"]
