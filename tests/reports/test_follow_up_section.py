"""The ward summary's follow-up section (reports/follow_up.py): change between waves per
ward, each household once (its latest visit), small cells suppressed, both languages."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import pdftotext_text

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports.blocks import FreqBlock, Section, TextTable
from fieldsurvey.reports.follow_up import follow_up_sections
from fieldsurvey.reports.models import ReportInterview
from fieldsurvey.reports.synthetic import synthetic_interviews
from fieldsurvey.reports.ward_summary import plan_ward_summary, write_ward_summary


def visit(
    n: int,
    ward: str,
    result: str,
    *,
    before: tuple[str, str] = ("no", "none"),
    after: tuple[str, str] = ("yes_valid", "hanoi"),
    moved_where: str = "",
    day: int = 1,
) -> ReportInterview:
    """One follow-up interview as the follow-up form saves it."""
    changes: dict[str, Any] = {}
    if result == "visited":
        changes = {"temp_reg_now": after[0], "hi_card_now": after[1], "hh_size_now": 3}
    answers = {
        "visit": {
            "ward": ward,
            "hh": f"entity-{n}",
            "household_id": f"PT-{n:03d}",
            "hh_ward": ward,
            "prev_temp_reg": before[0],
            "prev_hi_card": before[1],
            "prev_hh_size": 3,
            "visit_result": result,
            **({"moved_where": moved_where} if moved_where else {}),
        },
        **({"changes": changes} if changes else {}),
    }
    return ReportInterview(
        uuid=f"fu-{n}-{day}", answers=answers, created=f"2027-03-{day:02d}T09:00:00"
    )


class WithFollowUps(list[ReportInterview]):
    """The ward summary's interviews, carrying the follow-ups as a workspace would."""

    follow_ups: list[ReportInterview]


def dataset(follow_ups: list[ReportInterview]) -> WithFollowUps:
    data = WithFollowUps(synthetic_interviews(80, seed=7))
    data.follow_ups = follow_ups
    return data


def phuc_tan_visits() -> list[ReportInterview]:
    """Phúc Tân: 14 households visited (8 got a registration, 6 a card), 5 moved,
    2 not found, 1 refused; one household visited twice (only the later counts)."""
    out = []
    for n in range(14):
        after = ("yes_valid" if n < 8 else "no", "hanoi" if n < 6 else "none")
        out.append(visit(n, "phuc_tan", "visited", after=after, day=5))
    out += [visit(20 + n, "phuc_tan", "moved", moved_where="home_province") for n in range(5)]
    out += [visit(30 + n, "phuc_tan", "not_found") for n in range(2)]
    out.append(visit(40, "phuc_tan", "refused"))
    out.append(visit(0, "phuc_tan", "refused", day=1))  # the earlier visit of household 0
    return out


def by_title(section: Section, words: str) -> Any:
    return next(b for b in section.blocks if words in b.title)


def test_one_section_per_ward_with_results_and_changes() -> None:
    sections = follow_up_sections(
        dataset(phuc_tan_visits()), [("phuc_tan", "Phúc Tân"), ("chuong_duong", "Chương Dương")],
        "en",
    )  # fmt: skip
    assert [s.title for s in sections] == ["Follow-up visits: Phúc Tân"]
    (section,) = sections
    assert section.households == 22  # household 0 once: its later visit
    results = by_title(section, "Result")
    assert isinstance(results, FreqBlock)
    counts = {r.key: (r.cell.count, r.cell.hidden) for r in results.freq.rows}
    assert counts["visited"] == (14, "")
    assert counts["moved"] == (5, "")
    assert counts["not_found"][1] == "<5" and counts["refused"][1] == "<5"
    reg = by_title(section, "residence")
    assert isinstance(reg, TextTable)
    assert reg.header == ["Last wave", "Now: yes", "Now: no", "Total (N)"]
    # every household visited had no registration before: 8 have one now, 6 still not
    assert reg.rows == [
        ["Yes", "0", "0", "0"],
        ["No", "8 (57.1%)", "6 (42.9%)", "14"],
        ["Total", "8 (57.1%)", "6 (42.9%)", "14"],
    ]
    card = by_title(section, "insurance")
    assert card.rows[1] == ["No", "6 (42.9%)", "8 (57.1%)", "14"]
    assert "Each cell: households (percentage of the row)." in card.notes
    moved = by_title(section, "moved")
    assert {r.key: r.cell.count for r in moved.freq.rows}["home_province"] == 5


def test_a_ward_with_fewer_than_five_follow_ups_shows_no_tables() -> None:
    few = [visit(n, "chuong_duong", "visited") for n in range(3)]
    (section,) = follow_up_sections(dataset(few), [("chuong_duong", "Chương Dương")], "vi")
    assert section.blocks == []
    assert "Ít hơn 5 hộ được thăm lại" in section.empty_note


def test_no_follow_ups_no_section(default_spec: FormSpec) -> None:
    _facts, sections, _ = plan_ward_summary(
        synthetic_interviews(40, seed=3), default_spec, lang="en"
    )
    assert not any(s.title.startswith("Follow-up") for s in sections)


def test_the_pdf_shows_the_section_in_both_languages(
    default_spec: FormSpec, tmp_path: Path
) -> None:
    data = dataset(phuc_tan_visits())
    vi = write_ward_summary(data, default_spec, tmp_path / "vi.pdf", wards=["phuc_tan"], lang="vi")
    en = write_ward_summary(data, default_spec, tmp_path / "en.pdf", wards=["phuc_tan"], lang="en")
    text_vi, text_en = pdftotext_text(vi), pdftotext_text(en)
    if text_vi is None or text_en is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert "Thăm lại hộ: phường Phúc Tân" in text_vi
    assert "Đăng ký tạm trú của chủ hộ: lần trước và lần này" in text_vi
    assert "Follow-up visits: Phuc Tan" in text_en
    assert "Health-insurance card of the head of household, last wave and now" in text_en
    exe = shutil.which("pdftoppm")
    if exe:
        subprocess.run([exe, "-png", "-r", "60", str(vi), str(tmp_path / "page")], check=True)
        assert list(tmp_path.glob("page*.png"))


def test_random_follow_ups_never_show_a_count_of_one_to_four() -> None:
    rng = random.Random(5)
    results = ("visited", "refused", "moved", "not_found")
    follow = [
        visit(
            n, rng.choice(["phuc_tan", "chuong_duong"]), rng.choice(results),
            before=(rng.choice(["yes_valid", "no"]), rng.choice(["none", "hanoi"])),
            after=(rng.choice(["yes_valid", "no"]), rng.choice(["none", "hanoi"])),
            moved_where=rng.choice(["home_province", "other_ward"]),
        )
        for n in range(60)
    ]  # fmt: skip
    sections = follow_up_sections(dataset(follow), [("phuc_tan", "P"), ("chuong_duong", "C")], "en")
    assert len(sections) == 2
    shown = 0
    for section in sections:
        for block in section.blocks:
            if isinstance(block, FreqBlock):
                counts = [r.cell.count for r in block.freq.rows if not r.cell.hidden]
            else:
                assert isinstance(block, TextTable)
                texts = [cell for row in block.rows for cell in row[1:]]
                counts = [int(x.split()[0]) for x in texts if x.split()[0].isdigit()]
                shown += sum(x in ("<5", "x") for x in texts)
            assert not [n for n in counts if 0 < n < 5]
    assert shown  # some cells of the random tables were small: hidden, not printed


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_texts_exist_in_both_languages(lang: str) -> None:
    (section,) = follow_up_sections(dataset(phuc_tan_visits()), [("phuc_tan", "X")], lang)  # type: ignore[arg-type]
    assert all(block.title for block in section.blocks)
