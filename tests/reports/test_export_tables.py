"""Export tables: one wide table per form and per repeat, as ODK Central/KoboToolbox."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports.export_names import (
    clip_bytes,
    numeric_codes,
    sheet_names,
    spss_names,
    stata_names,
)
from fieldsurvey.reports.export_tables import ExportInterview, ExportTable, build_tables

FORM = """
| survey   |                      |         |                       |                 |
|          | type                 | name    | label::Tiếng Việt (vi) | label::English (en) |
|          | text                 | who     | Họ tên                | Name            |
|          | begin_group          | hh      | Hộ                    | Household       |
|          | select_one ward      | ward    | Phường                | Ward            |
|          | select_multiple need | needs   | Nhu cầu               | Needs           |
|          | end_group            |         |                       |                 |
|          | note                 | info    | Ghi chú               | A note          |
|          | begin_repeat         | members | Thành viên            | Member          |
|          | text                 | m_name  | Tên                   | Name            |
|          | integer              | m_age   | Tuổi                  | Age             |
|          | begin_repeat         | jobs    | Việc làm              | Job             |
|          | text                 | job     | Việc                  | Work            |
|          | end_repeat           |         |                       |                 |
|          | end_repeat           |         |                       |                 |
|          | date                 | visit   | Ngày                  | Date            |
|          | decimal              | area    | Diện tích             | Area            |
| choices  |                      |         |                       |                 |
|          | list_name            | name    | label::Tiếng Việt (vi) | label::English (en) |
|          | ward                 | pt      | Phúc Tân              | Phuc Tan        |
|          | ward                 | cd      | Chương Dương          | Chuong Duong    |
|          | need                 | food    | Lương thực            | Food            |
|          | need                 | rent    | Tiền nhà              | Rent            |
|          | need                 | school  | Học phí               | School fees     |
| settings |                      |         |                       |                 |
|          | form_id              | version | default_language      | form_title      |
|          | needs_test           | 2       | Tiếng Việt (vi)       | Nhu cầu hộ      |
"""


def _spec(tmp: Path, md: str, name: str) -> FormSpec:
    return load_form(markdown_to_xlsx(md, tmp / f"{name}.xlsx"), use_cache=False)


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> FormSpec:
    return _spec(tmp_path_factory.mktemp("form"), FORM, "needs")


def _iv(uuid: str, answers: dict[str, Any], version: str = "2") -> ExportInterview:
    return ExportInterview(
        uuid=uuid, form_version=version, status="exported", ward="Phúc Tân", household_id="H1",
        enumerator="Lê Thu Hà", device_id="dev-1", created="2026-10-01T08:00:00+00:00",
        updated="2026-10-01T09:00:00+00:00", revision=3, answers=answers,
    )  # fmt: skip


ANSWERS = [
    _iv("u1", {
        "who": "Nguyễn Thị Hương",
        "hh": {"ward": "pt", "needs": ["food", "school"]},
        "members": [
            {"m_name": "Hương", "m_age": 34,
             "jobs": [{"job": "bán hàng rong"}, {"job": "giúp việc"}]},
            {"m_name": "Bé", "m_age": 6.0},
        ],
        "visit": "2026-10-01",
        "area": 12.5,
    }),
    _iv("u2", {"who": "Trần Văn Nam", "hh": {"ward": "cd"}, "members": [], "area": ""}),
]  # fmt: skip


def _table(tables: list[ExportTable], path: str) -> ExportTable:
    return next(t for t in tables if t.path == path)


def _rows(table: ExportTable) -> list[dict[str, Any]]:
    keys = [c.key for c in table.columns]
    return [dict(zip(keys, row, strict=True)) for row in table.rows]


def test_one_table_per_form_and_per_repeat_columns_by_group_path(spec: FormSpec) -> None:
    tables = build_tables(ANSWERS, [spec])
    assert [(t.name, t.path) for t in tables] == [
        ("needs_test", ""), ("members", "members"), ("jobs", "members/jobs")
    ]  # fmt: skip
    main = [c.key for c in tables[0].columns]
    assert main[:10] == [
        "_uuid", "_index", "who", "hh/ward", "hh/needs", "hh/needs/food", "hh/needs/rent",
        "hh/needs/school", "visit", "area",
    ]  # fmt: skip
    assert "info" not in main  # a note holds no answer
    assert main[10:] == [
        "_ward", "_household_id", "_enumerator", "_device_id", "_status", "_form_version",
        "_created", "_updated", "_revision",
    ]  # fmt: skip


def test_codes_and_one_0_1_column_per_choice(spec: FormSpec) -> None:
    first, second = _rows(build_tables(ANSWERS, [spec])[0])
    assert first["_uuid"] == "u1" and first["_index"] == 1 and second["_index"] == 2
    assert first["hh/ward"] == "pt"
    assert first["hh/needs"] == "food school"
    assert (first["hh/needs/food"], first["hh/needs/rent"], first["hh/needs/school"]) == (1, 0, 1)
    # not answered: the flags are missing, not 0
    assert second["hh/needs"] is None and second["hh/needs/food"] is None
    assert second["area"] is None  # an empty answer is missing
    assert first["visit"] == "2026-10-01" and first["area"] == 12.5
    assert first["_enumerator"] == "Lê Thu Hà" and first["_revision"] == 3


def test_labels_in_the_chosen_language(spec: FormSpec) -> None:
    vi = _rows(build_tables(ANSWERS, [spec], labels=True, lang="vi")[0])[0]
    assert vi["hh/ward"] == "Phúc Tân" and vi["hh/needs"] == "Lương thực; Học phí"
    en = _rows(build_tables(ANSWERS, [spec], labels=True, lang="en")[0])[0]
    assert en["hh/ward"] == "Phuc Tan" and en["hh/needs"] == "Food; School fees"
    assert en["hh/needs/school"] == 1  # flags stay 0/1
    columns = {c.key: c for c in build_tables(ANSWERS, [spec], lang="en")[0].columns}
    assert columns["hh/needs/rent"].label == "Needs: Rent"
    assert columns["hh/ward"].choices == [("pt", "Phuc Tan"), ("cd", "Chuong Duong")]


def test_repeats_link_to_their_parent_row(spec: FormSpec) -> None:
    tables = build_tables(ANSWERS, [spec])
    members = _rows(_table(tables, "members"))
    assert [(m["_uuid"], m["_parent_uuid"], m["_index"]) for m in members] == [
        ("u1/members[1]", "u1", 1), ("u1/members[2]", "u1", 2)
    ]  # fmt: skip
    assert members[1]["members/m_age"] == 6 and isinstance(members[1]["members/m_age"], int)
    jobs = _rows(_table(tables, "members/jobs"))
    keys = ("_parent_uuid", "_index", "members/jobs/job", "_submission_uuid")
    assert [tuple(j[k] for k in keys) for j in jobs] == [
        ("u1/members[1]", 1, "bán hàng rong", "u1"), ("u1/members[1]", 2, "giúp việc", "u1")
    ]  # fmt: skip
    assert jobs[0]["_uuid"] == "u1/members[1]/jobs[1]"
    parents = {m["_uuid"] for m in members}
    assert {j["_parent_uuid"] for j in jobs} <= parents


def test_numeric_columns_are_marked(spec: FormSpec) -> None:
    main = {c.key: c for c in build_tables(ANSWERS, [spec])[0].columns}
    assert main["area"].numeric and main["hh/needs/food"].numeric and main["_index"].numeric
    assert not main["who"].numeric and not main["hh/ward"].numeric


def test_versions_share_one_table_older_fields_last(tmp_path: Path, spec: FormSpec) -> None:
    old_md = FORM.replace("| decimal              | area    |", "| integer | rooms |").replace(
        "| needs_test           | 2       |", "| needs_test | 1 |"
    )
    old = _spec(tmp_path, old_md, "old")
    data = [*ANSWERS, _iv("u3", {"who": "Old", "rooms": 2, "hh": {"ward": "zz"}}, version="1")]
    tables = build_tables(data, [spec, old])
    keys = [c.key for c in tables[0].columns]
    assert keys.index("rooms") == keys.index("area") + 1  # old field after the new ones
    last = _rows(tables[0])[2]
    assert last["rooms"] == 2 and last["area"] is None and last["_form_version"] == "1"
    assert last["hh/ward"] == "zz"  # a code no version lists is kept as it is


def test_format_names_are_valid_and_unique() -> None:
    names = ["_uuid", "care_where_home_province", "a" * 40, "a" * 40, "long", "2x", "tên"]
    stata = stata_names(names)
    assert stata[0] == "_uuid" and stata[4] == "long_" and stata[5] == "v2x"
    assert all(len(n) <= 32 for n in stata) and len(set(stata)) == len(stata)
    assert stata[6] == "t_n"
    spss = spss_names(["_uuid", "_index", "AND", "Age", "age"])
    assert spss[:3] == ["v_uuid", "v_index", "AND_"]
    assert len({n.casefold() for n in spss}) == 5
    assert sheet_names(["a/b", "x" * 40, "x" * 40]) == ["a_b", "x" * 31, "x" * 29 + "_2"]


def test_numeric_codes() -> None:
    assert numeric_codes(["1", "2", "9"], ["9", None]) == {"1": 1, "2": 2, "9": 9}
    assert numeric_codes(["yes", "no"], ["no", "maybe"]) == {"yes": 1, "no": 2, "maybe": 3}
    assert clip_bytes("Phường Chương Dương", 12) == "Phường…"  # 9 bytes + the ellipsis
    cut = clip_bytes("ươ" * 100, 120)  # never half a character
    assert len(cut.encode("utf-8")) <= 120 and cut.rstrip("…") == "ươ" * 29
