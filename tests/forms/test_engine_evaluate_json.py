"""The `form evaluate` contract: fields (every question, group, repeat instance and
calculation) with relevance and JSON values, errors in the chosen language, and a
DataFileError naming the path when the answer file does not fit the form."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from fieldsurvey.errors import DataFileError
from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.evaluate_json import evaluate_answer_set
from fieldsurvey.forms.loader import load_form

HANOI = timezone(timedelta(hours=7))


def clock() -> datetime:
    return datetime(2024, 5, 17, 9, 30, tzinfo=HANOI)


FORM = """
| survey |
| | type              | name      | label::Tiếng Việt (vi) | label::English (en) | relevant          | calculation          | constraint | constraint_message::Tiếng Việt (vi) | constraint_message::English (en) | required | repeat_count |
| | date              | visit     | Ngày                   | Date                |                   |                      |            |                                     |                                  | yes      |              |
| | begin group       | household | Hộ                     | Household           |                   |                      |            |                                     |                                  |          |              |
| | integer           | size      | Số người               | Size                |                   |                      | . > 0      | Phải lớn hơn 0                      | Must be more than 0              | yes      |              |
| | begin repeat      | members   | Thành viên             | Member              |                   |                      |            |                                     |                                  |          | ${size}      |
| | text              | name      | Tên                    | Name                |                   |                      |            |                                     |                                  | yes      |              |
| | integer           | age       | Tuổi                   | Age                 |                   |                      | . < 120    | Tuổi không hợp lý                   | Implausible age                  |          |              |
| | select_multiple w | work      | Việc làm               | Work                | ${age} >= 15      |                      |            |                                     |                                  |          |              |
| | decimal           | income    | Thu nhập               | Income              | ${age} >= 15      |                      |            |                                     |                                  |          |              |
| | end repeat        |           |                        |                     |                   |                      |            |                                     |                                  |          |              |
| | end group         |           |                        |                     |                   |                      |            |                                     |                                  |          |              |
| | calculate         | total     |                        |                     |                   | sum(${income})       |            |                                     |                                  |          |              |
| | calculate         | per_head  |                        |                     |                   | ${total} div ${size} |            |                                     |                                  |          |              |
| | note              | thanks    | Cảm ơn                 | Thanks              |                   |                      |            |                                     |                                  |          |              |
| choices |
| | list_name | name   | label::Tiếng Việt (vi) | label::English (en) |
| | w         | vendor | Bán hàng rong          | Street vendor       |
| | w         | porter | Bốc vác                | Porter              |
| settings |
| | default_language |
| | Tiếng Việt (vi)  |
"""  # noqa: E501

DATA = {
    "visit": "2024-05-16",
    "household": {
        "size": 2,
        "members": [
            {"name": "Lan", "age": 34, "work": ["vendor", "porter"], "income": 4500000.5},
            {"name": "Bé", "age": 130, "income": 99},
        ],
    },
}


@pytest.fixture
def form(xlsform: Any) -> CompiledForm:
    return FormEngine.build(load_form(xlsform(FORM), use_cache=False))


def test_fields_and_errors_follow_the_contract(form: CompiledForm) -> None:
    result = evaluate_answer_set(form, DATA, "vi", clock=clock)
    assert set(result) == {"fields", "errors"}
    fields = result["fields"]
    assert list(fields) == [
        "visit", "household", "household/size",
        "household/members[1]", "household/members[1]/name", "household/members[1]/age",
        "household/members[1]/work", "household/members[1]/income",
        "household/members[2]", "household/members[2]/name", "household/members[2]/age",
        "household/members[2]/work", "household/members[2]/income",
        "total", "per_head", "thanks",
    ]  # fmt: skip
    assert fields["visit"] == {"relevant": True, "value": "2024-05-16"}
    assert fields["household"] == {"relevant": True, "value": None}
    assert fields["household/size"] == {"relevant": True, "value": 2}
    assert fields["household/members[1]/work"] == {"relevant": True, "value": ["vendor", "porter"]}
    assert fields["household/members[1]/income"] == {"relevant": True, "value": 4500000.5}
    # age 130 fails its constraint but is a number, so income is relevant and counted
    assert fields["household/members[2]/income"] == {"relevant": True, "value": 99.0}
    assert fields["total"] == {"relevant": True, "value": 4500099.5}
    assert fields["per_head"] == {"relevant": True, "value": 2250049.75}
    assert fields["thanks"] == {"relevant": True, "value": None}
    assert result["errors"] == [
        {"path": "household/members[2]/age", "kind": "constraint", "message": "Tuổi không hợp lý"}
    ]
    json.dumps(result)  # plain JSON all the way down


def test_non_relevant_values_are_null_and_language_is_chosen(form: CompiledForm) -> None:
    data = json.loads(json.dumps(DATA))
    data["household"]["members"][1]["age"] = 9
    del data["visit"]
    result = evaluate_answer_set(form, data, "en", clock=clock)
    assert result["fields"]["household/members[2]/income"] == {"relevant": False, "value": None}
    assert result["fields"]["total"]["value"] == 4500000.5  # the hidden 99 is not summed
    assert result["errors"] == [
        {"path": "visit", "kind": "required", "message": "Sorry, this response is required!"}
    ]


def test_more_instances_than_the_count_are_kept(form: CompiledForm) -> None:
    # ODK Collect never deletes instances when the count goes down (no data loss)
    data = {"visit": "2024-05-16", "household": {"size": 1, "members": [{"name": "A"}, {}]}}
    result = evaluate_answer_set(form, data, "vi", clock=clock)
    assert result["fields"]["household/members[2]"] == {"relevant": True, "value": None}
    assert [(e["path"], e["kind"]) for e in result["errors"]] == [
        ("household/members[2]/name", "required")
    ]


def test_missing_instances_of_a_counted_repeat_are_added_empty(form: CompiledForm) -> None:
    data = {"visit": "2024-05-16", "household": {"size": 2, "members": [{"name": "Lan"}]}}
    result = evaluate_answer_set(form, data, "vi", clock=clock)
    assert result["fields"]["household/members[2]/name"] == {"relevant": True, "value": None}
    assert [(e["path"], e["kind"]) for e in result["errors"]] == [
        ("household/members[2]/name", "required")
    ]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ([], "one JSON object"),
        ({"nope": 1}, "nope: the form has no field named 'nope'"),
        ({"household": {"size": 1, "members": {"name": "x"}}}, "household/members: a repeat is a list"),  # noqa: E501
        ({"household": 3}, "household: a group is an object"),
        ({"household": {"size": "two"}}, "household/size: a number is expected"),
        ({"visit": "16/05/2024"}, "visit: a date is written YYYY-MM-DD"),
        ({"household": {"size": 1, "members": [{"work": "vendor, porter"}]}}, "is not one of the choices of list 'w'"),  # noqa: E501
        ({"household": {"size": 1, "members": [{"work": [1]}]}}, "household/members[1]/work: a select_multiple"),  # noqa: E501
        ({"household": {"size": 1, "members": [{"age": 2.5}]}}, "household/members[1]/age: a whole number"),  # noqa: E501
    ],
)  # fmt: skip
def test_answer_files_that_do_not_fit_are_rejected(
    form: CompiledForm, data: Any, fragment: str
) -> None:
    with pytest.raises(DataFileError) as caught:
        evaluate_answer_set(form, data, "vi", clock=clock)
    assert fragment in str(caught.value)
    assert "porter" not in str(caught.value)  # never echo answers


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"household": {"size": "two"}}, "Tệp câu trả lời không khớp với bảng hỏi: household/size: cần nhập một số"),  # noqa: E501
        ({"nope": 1}, "Tệp câu trả lời không khớp với bảng hỏi: nope: bảng hỏi không có trường tên 'nope' ở vị trí này"),  # noqa: E501
        ([], "Tệp câu trả lời phải chứa một đối tượng JSON gồm các tên trường."),
    ],
)  # fmt: skip
def test_answer_file_problems_read_in_vietnamese(
    form: CompiledForm, data: Any, expected: str
) -> None:
    """The answer problem inside "does not fit the form" is in the same language."""
    with pytest.raises(DataFileError) as caught:
        evaluate_answer_set(form, data, "vi", clock=clock)
    assert caught.value.text("vi") == expected
    assert caught.value.code.startswith("forms.")
