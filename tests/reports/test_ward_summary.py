"""The ward summary PDF holds the right numbers, in extractable Vietnamese, safely."""

from __future__ import annotations

import shutil
import statistics
import subprocess
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import between, pdftotext_text, pypdf_text, vietnamese
from pypdf import PdfReader

from fieldsurvey.errors import ReportError
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports.models import DataStamp, Period, ReportInterview
from fieldsurvey.reports.synthetic import synthetic_interviews
from fieldsurvey.reports.ward_summary import write_ward_summary

PERIOD = Period(start=date(2026, 9, 1), end=date(2026, 10, 31))
STAMP = DataStamp(last_merge=datetime(2026, 11, 22, 17, 40), generated_at=datetime(2026, 11, 23))
Labels = dict[tuple[str, str], dict[str, str]]


def vi_num(n: float) -> str:
    return f"{round(n):,}".replace(",", ".")


def vi_pct(count: int, base: int) -> str:
    return f"{100 * count / base:.1f}%".replace(".", ",")


def consented_in(interviews: list[ReportInterview], ward: str) -> list[dict[str, Any]]:
    """Independent of the report code: plain dictionary walking."""
    out = []
    for i in interviews:
        a = i.answers
        if not (date(2026, 9, 1) <= date.fromisoformat(a["today"]) <= date(2026, 10, 31)):
            continue
        if a["consent_section"]["consent"] == "yes" and a["location"]["ward"] == ward:
            out.append(a)
    return out


@pytest.fixture(scope="module")
def dataset() -> list[ReportInterview]:
    # 90 days of interviews, of which the period keeps September and October.
    return synthetic_interviews(360, seed=11, wards=("phuc_tan", "chuong_duong"))


@pytest.fixture(scope="module")
def ward_pdf(
    dataset: list[ReportInterview], default_spec: FormSpec, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "ward.pdf"
    return write_ward_summary(
        dataset, default_spec, out, wards=None, period=PERIOD, lang="vi", stamp=STAMP
    )


@pytest.fixture(scope="module")
def texts(ward_pdf: Path) -> list[str]:
    found = [pypdf_text(ward_pdf)]
    layout = pdftotext_text(ward_pdf)
    if layout is not None:
        found.append(layout)
    return found


def test_cover_counts_households_people_and_stamp(
    dataset: list[ReportInterview], texts: list[str], default_spec: FormSpec
) -> None:
    in_period = [i for i in dataset if "2026-09-01" <= i.answers["today"] <= "2026-10-31"]
    ok = [i.answers for i in in_period if i.answers["consent_section"]["consent"] == "yes"]
    people = sum(len(a["household"]["members"]) for a in ok)
    declined = len(in_period) - len(ok)
    assert declined > 0 and len(in_period) < len(dataset)
    for text in texts:
        cover = between(text, "BÁO CÁO TỔNG HỢP", "Trang 1")
        assert f"Số hộ được phỏng vấn {vi_num(len(ok))}" in cover
        assert f"Số người trong các hộ {vi_num(people)}" in cover
        expected = f"{len(in_period)} phiếu ({len(ok)} đồng ý, {declined} từ chối)"
        assert expected in cover
        assert "Lần hợp nhất dữ liệu gần nhất 22/11/2026 17:40" in cover
        assert f"Phiên bản bảng hỏi {default_spec.version}" in cover
        assert "01/09/2026 – 31/10/2026" in cover


@pytest.mark.parametrize("ward,label", [("phuc_tan", "Phúc Tân"), ("chuong_duong", "Chương Dương")])
def test_each_ward_section_holds_its_occupation_counts(
    dataset: list[ReportInterview], texts: list[str], choice_labels: Labels, ward: str, label: str
) -> None:
    docs = consented_in(dataset, ward)
    counts = Counter(a["work"]["occupation"] for a in docs)
    names = choice_labels[("occupation", "vi")]
    for text in texts:
        section = text.split(f"Phường {label}")[-1]
        table = between(section, "Nghề nghiệp chính của người trả lời", "Cơ sở:")
        for name, count in counts.items():
            shown = vi_num(count) if count >= 5 else "<5"
            pct = f" {vi_pct(count, len(docs))}" if count >= 5 else ""
            assert f"{names[name]} {shown}{pct}" in table, (name, table)
        assert f"Tổng số (N) {vi_num(len(docs))}" in table


def test_health_insurance_by_sex_and_medians(
    dataset: list[ReportInterview], texts: list[str]
) -> None:
    docs = consented_in(dataset, "phuc_tan")
    members = [m for a in docs for m in a["household"]["members"]]
    women = [m for m in members if m["m_sex"] == "female"]
    cards = Counter(m["m_hi"] for m in women)
    row = "Nữ " + " ".join(
        f"{vi_num(cards[k])} {vi_pct(cards[k], len(women))}"
        for k in ("none", "home_province", "hanoi")
    )
    income = statistics.median(a["work"]["income_month"] for a in docs)
    m2 = statistics.median(a["housing"]["room_area"] / a["housing"]["room_people"] for a in docs)
    for text in texts:
        section = text.split("Phường Phúc Tân")[-1]
        table = between(section, "Thẻ bảo hiểm y tế theo giới tính", "Cơ sở:")
        assert f"{row} {vi_num(len(women))}" in table
        assert f"Trung vị: {vi_num(round(income / 1000) * 1000)}" in section
        assert f"Trung vị: {m2:.1f}".replace(".", ",") in section


@pytest.fixture
def small_ward(dataset: list[ReportInterview]) -> list[ReportInterview]:
    """Hàng Bạc: 12 street vendors, 5 domestic workers, 3 porters."""
    base = [i for i in dataset if i.answers["consent_section"]["consent"] == "yes"][:20]
    out = []
    for k, interview in enumerate(base):
        answers = dict(interview.answers)
        answers["location"] = {**answers["location"], "ward": "hang_bac"}
        occ = "street_vendor" if k < 12 else "domestic_worker" if k < 17 else "porter"
        answers["work"] = {**answers["work"], "occupation": occ}
        out.append(ReportInterview(uuid=f"s{k}", answers=answers, created=interview.created))
    return out


def test_small_cells_are_suppressed_with_a_footnote(
    small_ward: list[ReportInterview], default_spec: FormSpec, tmp_path: Path
) -> None:
    out = write_ward_summary(small_ward, default_spec, tmp_path / "s.pdf", wards=["Hàng Bạc"])
    text = pypdf_text(out)
    table = between(text.split("Phường Hàng Bạc")[-1], "Nghề nghiệp chính", "Cơ sở:")
    assert "Bán hàng rong 12 60,0%" in table
    assert "Bốc vác, khuân vác <5" in table and "Bốc vác, khuân vác 3" not in table
    # 5 domestic workers would give the 3 porters away (20 - 12 - 5): hidden too.
    assert "Giúp việc gia đình x" in table
    assert "ô có từ 1 đến 4 người được ghi “<5”" in text


def test_english_version(
    dataset: list[ReportInterview], default_spec: FormSpec, tmp_path: Path
) -> None:
    out = write_ward_summary(
        dataset, default_spec, tmp_path / "en.pdf", wards=["phuc_tan"], lang="en"
    )
    text = pypdf_text(out)
    assert "Main occupation of respondents" in text and "Street vendor" in text
    assert "Ward: Phuc Tan" in text and "Households interviewed" in text
    # every fixed text comes from the catalogue in English: no Vietnamese left in it
    assert not vietnamese(text)


def test_fonts_are_embedded_and_diacritics_extract(ward_pdf: Path, texts: list[str]) -> None:
    for text in texts:
        for phrase in (
            "Phường Chương Dương",
            "Đăng ký tạm trú",
            "Thẻ bảo hiểm y tế",
            "Thu gom phế liệu, đồng nát",
            "Lý do không có thẻ",
            "Tỷ lệ",
        ):
            assert phrase in text
    for page in PdfReader(ward_pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "DejaVuSans" in font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_a_page_renders_to_png(ward_pdf: Path, tmp_path: Path) -> None:
    exe = shutil.which("pdftoppm")
    if exe is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run([exe, "-r", "50", "-png", "-f", "2", "-l", "2", str(ward_pdf),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    (png,) = tmp_path.glob("page*.png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 5000


def test_wards_are_checked_and_other_forms_refused(
    dataset: list[ReportInterview], default_spec: FormSpec, tmp_path: Path
) -> None:
    with pytest.raises(ReportError, match="Unknown ward"):
        write_ward_summary(dataset, default_spec, tmp_path / "x.pdf", wards=["Ba Đình"])
    other = FormSpec(form_id="other_form")
    with pytest.raises(ReportError, match="generic summary"):
        write_ward_summary(dataset, other, tmp_path / "y.pdf")


def test_a_ward_of_fewer_than_five_households_shows_no_tables(
    small_ward: list[ReportInterview], default_spec: FormSpec, tmp_path: Path
) -> None:
    tiny = small_ward[:4]
    out = write_ward_summary(tiny, default_spec, tmp_path / "t.pdf", wards=["hang_bac"])
    text = pypdf_text(out)
    section = text.split("Phường Hàng Bạc")[-1]
    assert "Ít hơn 5 hộ được phỏng vấn" in section
    assert "Nghề nghiệp chính" not in section and "Bán hàng rong" not in section


def test_overview_does_not_give_away_a_ward_small_cell(
    dataset: list[ReportInterview], default_spec: FormSpec, tmp_path: Path
) -> None:
    """Phúc Tân: exactly 3 porters. Overview minus Chương Dương would reveal them."""
    changed, porters = [], 0
    for interview in dataset:
        answers = dict(interview.answers)
        if answers.get("location", {}).get("ward") == "phuc_tan":
            occ = "porter" if porters < 3 else "street_vendor"
            porters += occ == "porter"
            answers["work"] = {**answers["work"], "occupation": occ}
        changed.append(interview.model_copy(update={"answers": answers}))
    out = write_ward_summary(changed, default_spec, tmp_path / "o.pdf")
    text = pypdf_text(out)
    title = "Nghề nghiệp chính của người trả lời"
    overview = between(text.split("Tổng quan toàn quận")[-1], title, "Cơ sở:")
    phuc_tan = between(text.split("Phường Phúc Tân")[-1], title, "Cơ sở:")
    chuong_duong = between(text.split("Phường Chương Dương")[-1], title, "Cơ sở:")
    assert "Bốc vác, khuân vác <5" in phuc_tan
    shown = chuong_duong.split("Bốc vác, khuân vác ")[1].split(" ")[0]
    assert shown.isdigit() and int(shown) >= 5
    assert "Bốc vác, khuân vác x" in overview
