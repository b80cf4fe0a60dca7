"""Required and constraint: checked only on relevant questions, constraint only on a
value, ``.`` is the question's own value, messages in the chosen language with the
default language and then a generic English/Vietnamese message as fallbacks."""

from __future__ import annotations

from typing import Any

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.loader import load_form


def build(xlsform: Any, md: str) -> CompiledForm:
    return FormEngine.build(load_form(xlsform(md), use_cache=False))


BILINGUAL = """
| survey |
| | type    | name   | label::Tiếng Việt (vi) | label::English (en) | relevant     | required        | constraint          | constraint_message::Tiếng Việt (vi) | constraint_message::English (en) | required_message::English (en) |
| | integer | age    | Tuổi                   | Age                 |              | yes             | . >= 15 and . < 100 | Tuổi từ 15 đến 99                   | Age must be 15 to 99             | Please give the age            |
| | text    | phone  | Điện thoại             | Phone               | ${age} >= 18 | ${age} >= 60    | regex(., '0[0-9]{9}') |                                   | Ten digits starting with 0       |                                |
| | integer | income | Thu nhập               | Income              |              |                 | . > 0               |                                     |                                  |                                |
| settings |
| | default_language |
| | Tiếng Việt (vi)  |
"""  # noqa: E501


def test_required_and_constraint_messages_by_language(xlsform: Any) -> None:
    session = build(xlsform, BILINGUAL).session()
    # required_message only in English: Vietnamese falls back to the default language
    # (Vietnamese, missing too), then to the generic Vietnamese message.
    assert [(e.path, e.kind, e.message) for e in session.errors("vi")] == [
        ("age", "required", "Câu hỏi này bắt buộc phải trả lời.")
    ]
    assert [e.message for e in session.errors("en")] == ["Please give the age"]
    assert [e.message for e in session.errors("English (en)")] == ["Please give the age"]

    session.set("age", 12)
    assert [(e.path, e.kind, e.message) for e in session.errors("vi")] == [
        ("age", "constraint", "Tuổi từ 15 đến 99")
    ]
    assert [e.message for e in session.errors("en")] == ["Age must be 15 to 99"]


def test_constraint_uses_own_value_and_skips_empty_and_irrelevant(xlsform: Any) -> None:
    session = build(xlsform, BILINGUAL).session(lang="en")
    session.set("age", 16)
    session.set("phone", "12345")  # invalid, but phone is not relevant under 18
    assert session.errors() == []
    session.set("age", 65)  # now relevant and required... and invalid
    errors = session.errors()
    # English message in English; Vietnamese missing -> default language (vi) missing too
    # -> the English text is not used for Vietnamese: generic Vietnamese message.
    assert [(e.path, e.kind, e.message) for e in errors] == [
        ("phone", "constraint", "Ten digits starting with 0")
    ]
    assert [e.message for e in session.errors("vi")] == ["Câu trả lời không hợp lệ."]
    session.set("phone", None)
    assert [(e.path, e.kind) for e in session.errors()] == [("phone", "required")]
    session.set("age", 40)  # relevant, not required any more: empty is fine
    assert session.errors() == []
    session.set("phone", "0912345678")
    session.set("income", 0)
    assert [(e.path, e.kind, e.message) for e in session.errors()] == [
        ("income", "constraint", "Sorry, this response is invalid!")
    ]


def test_required_flag_and_read_only_are_queryable(xlsform: Any) -> None:
    form = build(
        xlsform,
        """
| survey |
| | type    | name | label | required      | read_only |
| | integer | a    | A     | ${b} = 'x'    | ${b} = 'y' |
| | text    | b    | B     |               |           |
""",
    )
    session = form.session()
    assert not session.required("a") and not session.read_only("a")
    session.set("b", "x")
    assert session.required("a") and not session.read_only("a")
    session.set("b", "y")
    assert not session.required("a") and session.read_only("a")
