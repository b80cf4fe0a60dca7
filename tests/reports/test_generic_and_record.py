"""Generic summary of any form (grouped by its ward field) and the one-interview record."""

from __future__ import annotations

import random
import statistics
from pathlib import Path

import pytest
from conftest import between, pypdf_text

from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports.generic_summary import write_generic_summary
from fieldsurvey.reports.models import ReportInterview
from fieldsurvey.reports.record_pdf import write_record_pdf
from fieldsurvey.reports.synthetic import synthetic_interviews

FORM = """
| survey   |                      |          |            |
|          | type                 | name     | label      |
|          | select_one ward      | ward     | Ward       |
|          | select_multiple need | needs    | Needs      |
|          | integer              | age      | Age        |
|          | begin_repeat         | kids     | Child      |
|          | decimal              | kid_age  | Child age  |
|          | end_repeat           |          |            |
| choices  |                      |          |            |
|          | list_name            | name     | label      |
|          | ward                 | a        | Ward A     |
|          | ward                 | b        | Ward B     |
|          | need                 | food     | Food       |
|          | need                 | rent     | Rent       |
|          | need                 | school   | School     |
| settings |                      |          |            |
|          | form_id              | ward_field | form_title |
|          | generic_test         | ward     | Needs check |
"""


@pytest.fixture(scope="module")
def generic_spec(tmp_path_factory: pytest.TempPathFactory) -> FormSpec:
    path = markdown_to_xlsx(FORM, tmp_path_factory.mktemp("form") / "generic.xlsx")
    return load_form(path, use_cache=False)


def _data() -> list[ReportInterview]:
    rng = random.Random(5)
    out = []
    for k in range(30):
        needs = ["food", "rent"] if k % 3 else ["food"]
        if k in (4, 9):
            needs.append("school")
        answers = {
            "ward": "a" if k < 18 else "b",
            "needs": needs,
            "age": 20 + k,
            "kids": [{"kid_age": round(rng.uniform(0, 17), 1)} for _ in range(k % 3)],
        }
        out.append(ReportInterview(uuid=f"g{k}", answers=answers, created="2026-10-01T08:00"))
    return out


def test_generic_summary_counts_selects_and_numbers_per_ward(
    generic_spec: FormSpec, tmp_path: Path
) -> None:
    data = _data()
    out = write_generic_summary(data, generic_spec, tmp_path / "g.pdf", lang="en")
    text = pypdf_text(out)
    overall = between(text, "All interviews", "Ward: Ward A")
    assert "Ward A 18 60.0%" in between(overall, "Ward (ward)", "Base:")
    needs = between(overall, "Needs (needs)", "Base:")
    food = sum("food" in d.answers["needs"] for d in data)
    rent = sum("rent" in d.answers["needs"] for d in data)
    assert f"Food {food} 100.0%" in needs and f"Rent {rent} {100 * rent / 30:.1f}%" in needs
    assert "School <5" in needs
    kid_ages = [kid["kid_age"] for d in data for kid in d.answers["kids"]]
    kids = between(overall, "Child age (kid_age)", "Base:")
    assert f"Median: {statistics.median(kid_ages):.1f}" in kids
    assert f"N = {len(kid_ages)}" in kids and "“Child” entries" in overall
    ward_b = text.split("Ward: Ward B")[-1]
    ages_b = [d.answers["age"] for d in data if d.answers["ward"] == "b"]
    age_line = between(ward_b, "Age (age)", "Base:")
    assert f"Minimum: {min(ages_b)} · Maximum: {max(ages_b)} · N = {len(ages_b)}" in age_line
    assert f"Mean: {statistics.fmean(ages_b):.1f}" in age_line


def test_record_pdf_prints_labels_and_answers(default_spec: FormSpec, tmp_path: Path) -> None:
    interviews = synthetic_interviews(40, seed=3)
    chosen = next(
        i for i in interviews
        if i.answers["consent_section"]["consent"] == "yes"
        and len(i.answers["household"]["members"]) >= 2
    )  # fmt: skip
    text = pypdf_text(write_record_pdf(chosen, default_spec, tmp_path / "r.pdf"))
    a = chosen.answers
    ward = {"phuc_tan": "Phúc Tân", "chuong_duong": "Chương Dương"}[a["location"]["ward"]]
    assert f"Phường/xã {ward}" in text
    assert f"Mã hộ {a['location']['household_id']}" in text
    assert f"Tuổi (số năm tròn) {a['respondent']['resp_age']}" in text
    income = f"{a['work']['income_month']:,.0f}".replace(",", ".")
    assert f"Thu nhập trung bình mỗi tháng của anh/chị (đồng) {income}" in text
    n = len(a["household"]["members"])
    assert f"Thành viên {n}" in text and f"Thành viên {n + 1}" not in text
    assert chosen.uuid in text
    english = pypdf_text(write_record_pdf(chosen, default_spec, tmp_path / "e.pdf", lang="en"))
    assert "Household member 1" in english and "Ward or commune" in english


def test_write_summary_picks_the_report_that_fits_the_form(
    generic_spec: FormSpec, tmp_path: Path
) -> None:
    from fieldsurvey.reports import write_summary

    text = pypdf_text(write_summary(_data(), generic_spec, tmp_path / "s.pdf", lang="en"))
    assert "All interviews" in text and "Main occupation" not in text


GUIDED = (
    "| survey |\n"
    "| | type | name | label::English (en) | label::Tiếng Việt (vi) "
    "| guidance_hint::English (en) | guidance_hint::Tiếng Việt (vi) |\n"
    "| | integer | rent | Monthly rent | Tiền thuê mỗi tháng "
    "| Include water and power if the landlord bills them | Tính cả điện nước nếu chủ nhà thu |\n"
    "| settings |\n"
    "| | form_id | version |\n"
    "| | guided | 1 |\n"
)


def test_record_pdf_prints_the_guidance_hint_under_its_question(tmp_path: Path) -> None:
    source = tmp_path / "guided.md"
    source.write_text(GUIDED, encoding="utf-8")
    spec = load_form(source, use_cache=False)
    record = ReportInterview(
        uuid="9b1c0f7e-0000-4000-8000-000000000001",
        created="2026-12-06T08:00:00+07:00",
        answers={"rent": 1500000},
    )
    vi = pypdf_text(write_record_pdf(record, spec, tmp_path / "vi.pdf"))
    assert "Tính cả điện nước nếu chủ nhà thu" in vi
    en = pypdf_text(write_record_pdf(record, spec, tmp_path / "en.pdf", lang="en"))
    assert "Include water and power if the landlord bills them" in en
