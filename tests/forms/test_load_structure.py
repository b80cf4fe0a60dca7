"""Groups, repeats and their paths; sheet rows; the nodes pyxform adds or that we leave out."""

from __future__ import annotations

from fieldsurvey.forms.loader import load_form

ROSTER = """
| survey |
| | type         | name      | label          | repeat_count      | appearance | relevant        |
| | integer      | hh_size   | Household size |                   |            |                 |
| | begin group  | household | Household      |                   | field-list |                 |
| | begin repeat | members   | Member         | ${hh_size} + 0    |            |                 |
| | text         | name      | Name           |                   |            |                 |
| | integer      | age       | Age            |                   |            |                 |
| |              |           |                |                   |            |                 |
| | begin repeat | jobs      | Job            |                   |            | ${age} >= 15    |
| | text         | job       | Job            |                   |            |                 |
| | end repeat   |           |                |                   |            |                 |
| | end repeat   |           |                |                   |            |                 |
| | end group    |           |                |                   |            |                 |
| | note         |           | Thank you      |                   |            |                 |
| settings |
| | form_id | version |
| | roster  | 3       |
"""


def test_paths_kinds_and_rows_follow_the_sheet(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(xlsform(ROSTER))
    walked = [(n.path, n.kind, n.row) for n in spec.walk()]
    assert walked == [
        ("hh_size", "question", 2),
        ("household", "group", 3),
        # pyxform turns a repeat_count expression into a read-only calculate before the repeat
        ("household/members_count", "question", 4),
        ("household/members", "repeat", 4),
        ("household/members/name", "question", 5),
        ("household/members/age", "question", 6),
        ("household/members/jobs", "repeat", 8),  # the empty row 7 still counts
        ("household/members/jobs/job", "question", 9),
        ("generated_note_name_13", "question", 13),
    ]
    assert spec.node("household").is_field_list
    assert spec.node("household/members/jobs").bind.relevant == "${age} >= 15"


def test_repeat_count_keeps_the_authors_expression(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(xlsform(ROSTER))
    members = spec.node("household/members")
    assert members.bind.repeat_count == "${hh_size} + 0"
    generated = spec.node("household/members_count")
    assert (generated.type, generated.bind.calculation) == ("calculate", "${hh_size} + 0")
    assert spec.node("household/members/jobs").bind.repeat_count is None


def test_simple_repeat_count_reference_adds_no_node(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(
        xlsform(
            """
| survey |
| | type         | name | label | repeat_count |
| | integer      | n    | N     |              |
| | begin repeat | r    | R     | ${n}         |
| | text         | t    | T     |              |
| | end repeat   |      |       |              |
"""
        )
    )
    assert [n.path for n in spec.walk()] == ["n", "r", "r/t"]
    assert spec.node("r").bind.repeat_count == "${n}"


def test_pyxform_meta_block_is_left_out(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(
        xlsform(
            """
| survey |
| | type | name | label |
| | text | a    | A     |
| settings |
| | instance_name |
| | ${a}          |
"""
        )
    )
    assert [n.path for n in spec.walk()] == ["a"]
    assert spec.settings["instance_name"] == "${a}"


def test_table_list_keeps_its_label_and_appearance(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(
        xlsform(
            """
| survey |
| | type        | name | label     | appearance |
| | begin group | tbl  | Rate them | table-list |
| | select_one yn | a  | A         |            |
| | select_one yn | b  | B         |            |
| | end group   |      |           |            |
| choices |
| | list_name | name | label |
| | yn        | y    | Yes   |
| | yn        | n    | No    |
"""
        )
    )
    # pyxform rewrites this into field-list plus generated header rows; we keep the sheet
    assert [n.path for n in spec.walk()] == ["tbl", "tbl/a", "tbl/b"]
    group = spec.node("tbl")
    assert (group.label, group.appearance) == ({"default": "Rate them"}, "table-list")
    assert spec.node("tbl/a").appearance is None


def test_or_other_adds_the_other_choice_and_question(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(
        xlsform(
            """
| survey |
| | type                    | name | label |
| | select_one work or_other | work | Work  |
| choices |
| | list_name | name   | label  |
| | work      | vendor | Vendor |
"""
        )
    )
    work = spec.node("work")
    assert (work.type, work.or_other, work.choices) == ("select_one", True, "work")
    assert [c.name for c in spec.choices["work"]] == ["vendor", "other"]
    other = spec.node("work_other")
    assert (other.type, other.row) == ("text", 2)
    assert other.bind.relevant == "selected(${work}, 'other')"


def test_begin_loop_becomes_one_group_per_choice(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(
        xlsform(
            """
| survey |
| | type                   | name  | label             |
| | begin loop over crops  | crops | Crops             |
| | integer                | area  | Area of %(label)s |
| | end loop               |       |                   |
| choices |
| | list_name | name  | label |
| | crops     | rice  | Rice  |
| | crops     | maize | Maize |
"""
        )
    )
    assert [n.path for n in spec.walk()] == [
        "crops", "crops/rice", "crops/rice/area", "crops/maize", "crops/maize/area",
    ]  # fmt: skip
    assert spec.node("crops/maize/area").label == {"default": "Area of Maize"}
    assert spec.node("crops/maize/area").row == 3
