"""A form's ``entities`` sheet and ``save_to`` column read into ``FormSpec.entities``,
with pyxform's own checks (their rows named) and ours (expressions of the sheet)."""

from __future__ import annotations

import pytest

from fieldsurvey import messages
from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms import support
from fieldsurvey.forms.entity_model import EntityDeclaration
from fieldsurvey.forms.spec import FormSpec

from .entity_helpers import load_md

REGISTRATION = """
| survey |
| | type | name | label | save_to |
| | text | hh_name | Household name | households#hh_name |
| | integer | size | Size | households#size |
| | begin_repeat | members | Members | |
| | text | mname | Name | people#full_name |
| | integer | age | Age | people#age |
| | end_repeat | | | |
| entities |
| | list_name | label | create_if | repeat |
| | households | concat(${hh_name}, ' ', ${size}) | ${size} > 0 | |
| | people | ${mname} | | ${members} |
| settings |
| | form_id | version |
| | reg | 1 |
"""

FOLLOW_UP = """
| survey |
| | type | name | label | save_to | calculation |
| | select_one_from_file households.csv | hh | Household | | |
| | calculate | old_size | | | instance('households')/root/item[name=${hh}]/size |
| | integer | size | Size now | size | |
| entities |
| | list_name | entity_id | update_if | label |
| | households | ${hh} | ${size} != ${old_size} | concat('HH ', ${size}) |
| settings |
| | form_id | version |
| | fu | 1 |
"""


def test_a_registration_form_declares_one_list_per_interview_and_one_per_member() -> None:
    spec = load_md(REGISTRATION)
    assert spec.entities == [
        EntityDeclaration(
            list_name="households",
            label="concat(${hh_name}, ' ', ${size})",
            create_if="${size} > 0",
            properties={"hh_name": "hh_name", "size": "size"},
        ),
        EntityDeclaration(
            list_name="people",
            label="${mname}",
            repeat="members",
            properties={"full_name": "members/mname", "age": "members/age"},
        ),
    ]
    assert [d.creates for d in spec.entities] == [True, True]
    assert [d.updates for d in spec.entities] == [False, False]
    # pyxform's entity block in the repeat is not a question of the form
    assert [n.path for n in spec.walk()] == [
        "hh_name", "size", "members", "members/mname", "members/age",
    ]  # fmt: skip


def test_a_follow_up_form_declares_an_update_of_the_picked_entity() -> None:
    spec = load_md(FOLLOW_UP)
    (decl,) = spec.entities
    assert decl.list_name == "households"
    assert decl.entity_id == "${hh}"
    assert decl.update_if == "${size} != ${old_size}"
    assert decl.label == "concat('HH ', ${size})"
    assert decl.properties == {"size": "size"}
    assert decl.updates and not decl.creates
    assert spec.node("hh").type == "select_one_from_file"
    assert spec.node("hh").choices == "households.csv"


def test_an_upsert_declares_both_create_and_update() -> None:
    spec = load_md("""
| survey |
| | type | name | label | save_to |
| | select_one_from_file households.csv | hh | Household | |
| | text | name | Name | hh_name |
| entities |
| | list_name | entity_id | create_if | update_if | label |
| | households | ${hh} | ${hh} = '' | ${hh} != '' | ${name} |
""")
    (decl,) = spec.entities
    assert decl.creates and decl.updates
    assert (decl.create_if, decl.update_if) == ("${hh} = ''", "${hh} != ''")


def test_the_declarations_survive_the_workspace_json() -> None:
    spec = load_md(REGISTRATION)
    again = FormSpec.model_validate_json(spec.model_dump_json())
    assert again.entities == spec.entities


def test_a_form_with_entities_is_no_longer_noted_as_not_supported() -> None:
    assert "entities" not in {gap.name for gap in support.NOT_YET_SUPPORTED}
    for lang in ("en", "vi"):
        messages.set_language(lang)
        warnings = load_md(REGISTRATION).warnings
        assert not [w for w in warnings if "entities" in w], warnings
    messages.set_language("en")


@pytest.mark.parametrize(
    ("entities", "save_to", "expected"),
    [
        ("| | my.list | ${a} |", "a",
         "entities sheet, row 2: The 'dataset' value is invalid. Names used here must not"
         " contain a period."),
        ("| | hh | ${a} |", "name",
         "survey sheet, row 2: The 'save_to' value is invalid. Names used here must not be"
         " 'name' or 'label' (case-insensitive)."),
        ("| | hh | ${nope} |", "a",
         "entities sheet, row 2: The 'label' value is invalid. Reference variables must"
         " contain a name from the 'survey' sheet. Could not find the name 'nope'."),
        ("| | hh | frobnicate(${a}) |", "a",
         "entities sheet, row 2, column 'label': Unknown function frobnicate() in"
         " 'frobnicate(${a})'."),
    ],
)  # fmt: skip
def test_a_wrong_entities_sheet_is_refused_naming_its_row(
    entities: str, save_to: str, expected: str
) -> None:
    md = f"""
| survey |
| | type | name | label | save_to |
| | text | a | A | {save_to} |
| entities |
| | list_name | label |
{entities}
"""
    messages.set_language("en")
    with pytest.raises(FormDefinitionError) as caught:
        load_md(md)
    assert str(caught.value) == expected


def test_a_syntax_error_in_create_if_names_the_entities_row_and_column() -> None:
    md = """
| survey |
| | type | name | label | save_to |
| | text | a | A | x |
| entities |
| | list_name | label | create_if |
| | hh | ${a} | ${a} = = 2 |
"""
    messages.set_language("en")
    with pytest.raises(FormDefinitionError, match=r"^entities sheet, row 2, column 'create_if'"):
        load_md(md)


def test_two_lists_in_one_form_each_get_their_own_questions() -> None:
    spec = load_md("""
| survey |
| | type | name | label | save_to |
| | text | a | A | l1#pa |
| | begin_group | g | G | |
| | text | b | B | l2#pb |
| | end_group | | | |
| entities |
| | list_name | label |
| | l1 | ${a} |
| | l2 | ${b} |
""")
    assert [(d.list_name, d.properties) for d in spec.entities] == [
        ("l1", {"pa": "a"}), ("l2", {"pb": "g/b"}),
    ]  # fmt: skip
    assert [n.path for n in spec.walk()] == ["a", "g", "g/b"]
