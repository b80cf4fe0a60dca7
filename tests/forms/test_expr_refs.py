"""Expressions that read the form: choice labels (jr:choice-name, instance() lookups),
choice filters with current(), relative and absolute paths, once(), triggers, dates
against an injected clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.loader import load_form

HANOI = timezone(timedelta(hours=7))


def clock() -> datetime:
    return datetime(2024, 5, 17, 9, 30, tzinfo=HANOI)


def build(xlsform: Any, md: str) -> CompiledForm:
    return FormEngine.build(load_form(xlsform(md), use_cache=False))


PLACES = """
| survey |
| | type                | name      | label::Tiếng Việt (vi) | label::English (en) | calculation                                                   | choice_filter |
| | select_one district | district  | Quận                   | District            |                                                               |               |
| | select_one ward     | ward      | Phường                 | Ward                |                                                               | district = ${district} |
| | calculate           | ward_name |                        |                     | jr:choice-name(${ward}, '${ward}')                            |               |
| | calculate           | ward_code |                        |                     | instance('ward')/root/item[name = ${ward}]/code               |               |
| | calculate           | n_wards   |                        |                     | count(instance('ward')/root/item[district = current()/../district]) |     |
| choices |
| | list_name | name        | label::Tiếng Việt (vi) | label::English (en) | district    | code |
| | district  | hoan_kiem   | Hoàn Kiếm              | Hoan Kiem           |             |      |
| | district  | ba_dinh     | Ba Đình                | Ba Dinh             |             |      |
| | ward      | phuc_tan    | Phúc Tân               | Phuc Tan            | hoan_kiem   | 101  |
| | ward      | chuong_duong| Chương Dương           | Chuong Duong        | hoan_kiem   | 102  |
| | ward      | kim_ma      | Kim Mã                 | Kim Ma              | ba_dinh     | 201  |
| settings |
| | default_language |
| | Tiếng Việt (vi)  |
"""  # noqa: E501


def test_choice_labels_lookups_and_filters(xlsform: Any) -> None:
    form = build(xlsform, PLACES)
    session = form.session(clock=clock, lang="vi")
    assert [c.name for c in session.choices("ward")] == []
    session.set("district", "hoan_kiem")
    assert [c.name for c in session.choices("ward")] == ["phuc_tan", "chuong_duong"]
    assert session.value("n_wards") == 2
    session.set("ward", "chuong_duong")
    assert session.value("ward_name") == "Chương Dương"
    assert session.value("ward_code") == "102"
    english = form.session(session.answers(), clock=clock, lang="en")
    assert english.value("ward_name") == "Chuong Duong"
    session.set("district", "ba_dinh")
    assert [c.name for c in session.choices("ward")] == ["kim_ma"]
    assert session.value("n_wards") == 1


PATHS = """
| survey |
| | type         | name   | label | calculation                     | trigger    | default  |
| | integer      | a      | A     |                                 |            |          |
| | date         | dob    | DOB   |                                 |            |          |
| | calculate    | age    |       | int((today() - ${dob}) div 365.25) |         |          |
| | calculate    | first  |       | once(${a})                      |            |          |
| | calculate    | abs    |       | /data/a + 1                     |            |          |
| | integer      | copied | C     | ${a} * 10                       | ${a}       |          |
| | begin repeat | rep    | R     |                                 |            |          |
| | integer      | v      | V     |                                 |            |          |
| | calculate    | up     |       | ../v + ../../a                  |            |          |
| | calculate    | cur    |       | current()/../v * 2              |            |          |
| | end repeat   |        |       |                                 |            |          |
| | calculate    | stamp  |       | format-date-time(now(), '%Y-%m-%d %H:%M') |  |          |
| | date         | start_day | S  |                                 |            | today()  |
"""


def test_relative_absolute_once_trigger_and_clock(xlsform: Any) -> None:
    session = build(xlsform, PATHS).session(clock=clock)
    assert session.value("stamp") == "2024-05-17 09:30"
    assert session.value("start_day") == "2024-05-17"
    session.set("dob", "1990-05-18")
    assert session.value("age") == 33
    session.set("dob", "1990-05-17")
    assert session.value("age") == 34

    session.set("a", 3)
    assert (session.value("first"), session.value("abs"), session.value("copied")) == (3, 4, 30)
    session.set("copied", 7)  # the interviewer may correct a triggered value...
    session.set("a", 5)  # ...until the trigger fires again; once() keeps its first value
    assert (session.value("first"), session.value("abs"), session.value("copied")) == (3, 6, 50)
    session.add_repeat("rep")
    session.set("rep[1]/v", 2)
    assert (session.value("rep[1]/up"), session.value("rep[1]/cur")) == (7, 4)


def test_once_keeps_the_first_non_empty_value(xlsform: Any) -> None:
    session = build(xlsform, PATHS).session(clock=clock)
    session.set("a", 3)
    session.set("a", 4)
    assert session.value("first") == 3
    # A saved interview keeps its once() value when reopened.
    reopened = build(xlsform, PATHS).session(session.answers(), clock=clock)
    assert reopened.value("first") == 3


LABELS = """
| survey |
| | type         | name  | label::Tiếng Việt (vi)        | label::English (en)       | hint::English (en)       | calculation  |
| | text         | hh    | Hộ                            | Household                 |                          |              |
| | begin repeat | m     | Thành viên                    | Member                    |                          |              |
| | text         | name  | Tên                           | Name                      |                          |              |
| | integer      | age   | Tuổi của ${name} (hộ ${hh})   | Age of ${name} (${hh})    | ${name} is member ${pos} |              |
| | calculate    | pos   |                               |                           |                          | position(..) |
| | end repeat   |       |                               |                           |                          |              |
| settings |
| | default_language |
| | Tiếng Việt (vi)  |
"""  # noqa: E501


def test_labels_show_current_answers(xlsform: Any) -> None:
    form = build(xlsform, LABELS)
    session = form.session(clock=clock)
    session.set("hh", "H-07")
    session.add_repeat("m")
    session.add_repeat("m")
    session.set("m[2]/name", "Lan")
    assert session.text("m[2]/age") == "Tuổi của Lan (hộ H-07)"
    assert session.text("m[2]/age", lang="en") == "Age of Lan (H-07)"
    assert session.text("m[1]/age", lang="en") == "Age of  (H-07)"
    assert session.text("m[2]/age", "hint", lang="en") == "Lan is member 2"
