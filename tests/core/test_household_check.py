"""The household at the door: the form's own rule for the household id, and the
interviews of the same household already in the workspace."""

from __future__ import annotations

import functools

import pytest

from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.household_check import check_household, household_id_problem
from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.forms import save_form
from fieldsurvey.store.workspace import Workspace

# The household id sits in a group shown only after consent, as in the default survey:
# at the door consent is not answered yet, and the rule must apply all the same.
FORM = """
| survey |
| | type | name | label | relevant | constraint | constraint_message::English (en) | constraint_message::Tiếng Việt (vi) | constraint_type |
| | select_one yn | consent | Consent | | | | | |
| | begin group | location | Location | ${consent} = 'yes' | | | | |
| | select_one wards | ward | Ward | | | | | |
| | text | household_id | Household id | | regex(., '^[A-Z]{2}-[0-9]{3,4}$') and starts-with(., if(${ward} = 'pt', 'PT', 'CD')) | Two capitals of the ward, a hyphen and 3 or 4 digits. | Hai chữ hoa của phường, gạch ngang và 3 hoặc 4 chữ số. | |
| | integer | size | Size | | . < 30 | Over 30 people? | Hơn 30 người? | soft |
| | end group | | | | | | | |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
| | wards | pt | Phúc Tân |
| | wards | cd | Chương Dương |
| settings |
| | form_id | version | ward_field |
| | {form_id} | 1 | ward |
"""  # noqa: E501


@functools.cache
def spec(form_id: str = "hh") -> FormSpec:
    text = FORM.replace("{form_id}", form_id)
    return load_form_bytes(text.encode("utf-8"), f"{form_id}.md", use_cache=False)


@pytest.fixture
def installed(ws: Workspace) -> Workspace:
    for form_id in ("hh", "other"):
        s = spec(form_id)
        save_form(ws, s.form_id, s.version, s.model_dump_json(), s.source_hash)
    return ws


@pytest.mark.parametrize(
    ("household_id", "ward_code", "refused"),
    [("PT-0103", "pt", False), ("abc", "pt", True), ("PT 0103", "pt", True),
     ("Hộ-103", "pt", True), ("PT-0103", "cd", True), ("CD-014", "cd", False)],
)  # fmt: skip
def test_the_forms_rule_applies_before_the_question_is_shown(
    household_id: str, ward_code: str, refused: bool
) -> None:
    compiled = FormEngine.build(spec())
    problem = household_id_problem(compiled, household_id, ward_code=ward_code, lang="en")
    if not refused:
        assert problem is None
        return
    assert problem is not None and not problem.soft
    assert problem.message == "Two capitals of the ward, a hyphen and 3 or 4 digits."
    vi = household_id_problem(compiled, household_id, ward_code=ward_code, lang="vi")
    assert vi is not None
    assert vi.message == "Hai chữ hoa của phường, gạch ngang và 3 hoặc 4 chữ số."


def test_a_form_without_a_household_id_question_checks_nothing() -> None:
    text = "| survey |\n| | type | name | label |\n| | text | q | Q |\n"
    bare = load_form_bytes(text.encode("utf-8"), "bare.md", use_cache=False)
    assert household_id_problem(FormEngine.build(bare), "anything at all") is None


def test_check_household_finds_the_same_forms_interviews_of_that_household(
    installed: Workspace,
) -> None:
    def make(form_id: str, ward: str, household_id: str) -> str:
        return iv.new_interview(
            installed, form_id=form_id, form_version="1", ward=ward,
            household_id=household_id, enumerator="Hoa",
        ).uuid  # fmt: skip

    first = make("hh", "Phúc Tân", "PT-0103")
    make("hh", "Chương Dương", "PT-0103")  # another ward
    make("other", "Phúc Tân", "PT-0103")  # another questionnaire
    found = check_household(
        installed, form_id="hh", form_version="1", ward="Phúc Tân",
        household_id="PT-0103", ward_code="pt", lang="en",
    )  # fmt: skip
    assert found.problem is None
    assert [r.uuid for r in found.existing] == [first]
    refused = check_household(
        installed, form_id="hh", form_version="1", ward="Phúc Tân",
        household_id="abc", ward_code="pt", lang="vi",
    )  # fmt: skip
    assert refused.problem is not None
    assert refused.problem.message.startswith("Hai chữ hoa")
    assert refused.existing == []


def test_a_soft_rule_on_the_household_id_is_a_warning_to_confirm() -> None:
    text = FORM.replace("{form_id}", "soft").replace(
        "3 hoặc 4 chữ số. | |", "3 hoặc 4 chữ số. | soft |"
    )
    soft = load_form_bytes(text.encode("utf-8"), "soft.md", use_cache=False)
    problem = household_id_problem(FormEngine.build(soft), "abc", ward_code="pt", lang="en")
    assert problem is not None and problem.soft
