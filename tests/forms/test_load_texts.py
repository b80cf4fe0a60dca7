"""Texts per language, the expression columns as written, and the settings sheet."""

from __future__ import annotations

from fieldsurvey.forms.loader import load_form

BILINGUAL = """
| survey |
| | type | name | label::Tiếng Việt (vi) | label::English (en) | hint::Tiếng Việt (vi) | hint::English (en) | constraint | constraint_message::Tiếng Việt (vi) | constraint_message::English (en) | required | required_message::Tiếng Việt (vi) | required_message::English (en) |
| | integer | age | Tuổi | Age | Số năm tròn | Whole years | . >= 15 and . < 100 | Tuổi từ 15 đến 99 | Age 15 to 99 | yes | Bắt buộc | Required |
| | select_one sex | sex | Giới tính | Sex | | | | | | | | |
| choices |
| | list_name | name | label::Tiếng Việt (vi) | label::English (en) |
| | sex | f | Nữ | Female |
| | sex | m | Nam | Male |
| settings |
| | form_title | form_id | version | default_language | style | allow_choice_duplicates |
| | Khảo sát | mnet_hh | 2024061101 | Tiếng Việt (vi) | pages | no |
"""  # noqa: E501


def test_texts_are_kept_per_language(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(xlsform(BILINGUAL))
    age = spec.node("age")
    assert age.label == {"Tiếng Việt (vi)": "Tuổi", "English (en)": "Age"}
    assert age.hint == {"Tiếng Việt (vi)": "Số năm tròn", "English (en)": "Whole years"}
    assert age.constraint_message == {
        "Tiếng Việt (vi)": "Tuổi từ 15 đến 99",
        "English (en)": "Age 15 to 99",
    }
    assert age.required_message == {"Tiếng Việt (vi)": "Bắt buộc", "English (en)": "Required"}
    assert [c.label["Tiếng Việt (vi)"] for c in spec.choices["sex"]] == ["Nữ", "Nam"]
    assert spec.languages == ["Tiếng Việt (vi)", "English (en)"]


def test_settings_sheet_is_kept_with_custom_columns(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(xlsform(BILINGUAL))
    assert (spec.form_id, spec.version, spec.title) == ("mnet_hh", "2024061101", "Khảo sát")
    assert spec.default_language == "Tiếng Việt (vi)"
    assert spec.settings["style"] == "pages"
    assert spec.settings["allow_choice_duplicates"] == "no"


def test_plain_columns_are_the_default_language(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(
        xlsform(
            """
| survey |
| | type | name | label | label::French (fr) | hint |
| | text | a    | Name  | Nom                | Full |
""",
            name="household_v2",
        )
    )
    node = spec.node("a")
    assert node.label == {"default": "Name", "French (fr)": "Nom"}
    assert node.hint == {"default": "Full"}
    assert spec.languages == ["default", "French (fr)"]
    # without a settings sheet the file name is the form id, as in pyxform, and the
    # version is the time the workbook was saved (tests/forms/test_form_versions.py)
    assert (spec.form_id, spec.default_language) == ("household_v2", "default")
    assert len(spec.version) == 14 and spec.version.isdigit()


def test_expression_columns_are_kept_as_written(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(
        xlsform(
            """
| survey |
| | type | name | label | relevance | calculation | required | read_only | default | trigger | constraint |
| | integer | n | N | | | true() | | 2 | | . > 0 |
| | calculate | twice | | ${n} > 0 | ${n} * 2 | | | | | |
| | text | t | T | | | no | yes | | | |
| | decimal | stamp | S | | once(${n} div 3) | | | | ${n} | |
"""  # noqa: E501
        )
    )
    n, twice, t, stamp = (spec.node(p) for p in ("n", "twice", "t", "stamp"))
    assert (n.bind.required, n.bind.default, n.bind.constraint) == ("true()", "2", ". > 0")
    # the "relevance" alias and the "calculation" column land in the same bindings
    assert (twice.bind.relevant, twice.bind.calculation) == ("${n} > 0", "${n} * 2")
    assert (t.bind.required, t.bind.read_only) == (None, "true()")
    assert (stamp.bind.calculation, stamp.bind.trigger) == ("once(${n} div 3)", "${n}")


def test_choice_filter_is_the_original_expression_with_extra_columns(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(
        xlsform(
            """
| survey |
| | type | name | label | choice_filter |
| | select_one district | district | District | |
| | select_one ward | ward | Ward | district = ${district} |
| choices |
| | list_name | name | label | district |
| | district | hk | Hoàn Kiếm | |
| | ward | pt | Phúc Tân | hk |
| | ward | cd | Chương Dương | hk |
"""
        )
    )
    assert spec.node("ward").bind.choice_filter == "district = ${district}"
    wards = spec.choices["ward"]
    assert [(c.name, c.extra) for c in wards] == [
        ("pt", {"district": "hk"}),
        ("cd", {"district": "hk"}),
    ]
    assert wards[0].label == {"default": "Phúc Tân"}


def test_engine_remarks_become_load_warnings(xlsform) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from fieldsurvey import messages

    pytest.importorskip("fieldsurvey.forms.engine")
    messages.set_language("en")  # the notes are in the messages' language
    spec = load_form(
        xlsform(
            """
| survey |
| | type | name | label | calculation |
| | integer | a | A | |
| | calculate | d | | duration() |
"""
        )
    )
    # a SurveyCTO-only function loads (ODK would not know it either) but is flagged
    assert any("row 3" in w and "duration()" in w for w in spec.warnings)
