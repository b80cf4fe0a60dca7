"""The all-wards overview adds up the wards' counts (issue 15): its numbers must be those
computed from all the rows at once."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from typing import Any

import pytest

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports.blocks import CrossBlock, FreqBlock, NumberBlock, Section
from fieldsurvey.reports.columns import Columns, normalise
from fieldsurvey.reports.form_access import FormAccess
from fieldsurvey.reports.models import ReportInterview
from fieldsurvey.reports.overview_protection import WardBlocks, protect_overview
from fieldsurvey.reports.report_text import t
from fieldsurvey.reports.summary_stats import THRESHOLD, band_counts, band_of
from fieldsurvey.reports.synthetic import synthetic_interviews
from fieldsurvey.reports.ward_summary import plan_ward_summary
from fieldsurvey.reports.ward_tables import ConsentedData, WardTables

WARDS = ("phuc_tan", "chuong_duong", "hang_bac")


@pytest.fixture(scope="module")
def interviews() -> list[ReportInterview]:
    # Three wards of different sizes; the third has only three interviews (a ward too
    # small to show its tables: its cells count as hidden for the overview).
    big = synthetic_interviews(260, seed=7, wards=WARDS[:2])
    small = synthetic_interviews(3, seed=8, wards=WARDS[2:])
    return big + small


@pytest.fixture(scope="module")
def overview(interviews: list[ReportInterview], default_spec: FormSpec) -> Section:
    _, sections, _ = plan_ward_summary(interviews, default_spec, lang="en")
    assert len(sections) == 4  # the overview, then the three wards
    return sections[0]


def _ward(answers: dict[str, Any]) -> Any:
    return answers.get("location", {}).get("ward")


def _consented(interviews: list[ReportInterview], ward: str | None = None) -> list[Any]:
    return [
        i.answers
        for i in interviews
        if i.answers["consent_section"]["consent"] == "yes"
        and (ward is None or _ward(i.answers) == ward)
    ]


def test_overview_equals_the_tables_of_all_rows_at_once(
    interviews: list[ReportInterview], default_spec: FormSpec, overview: Section
) -> None:
    """Every block (counts, bases, medians, means, bands, hidden cells) as if the
    overview were computed over every row, with the same overview protection."""
    fa = FormAccess(default_spec, "en")
    docs = [i.answers for i in interviews]
    wards = [ConsentedData.read(fa, [d for d in docs if _ward(d) == w]) for w in WARDS]
    whole = WardTables(fa, ConsentedData.read(fa, docs)).blocks()  # no parts: every row
    ward_blocks = [WardTables(fa, d).blocks() for d in wards]
    protect_overview(
        whole,
        [WardBlocks(b, d.households >= THRESHOLD) for b, d in zip(ward_blocks, wards, strict=True)],
    )
    shown = overview.blocks[1:]  # [0]: the wards compared
    assert [b.model_dump() for b in shown] == [b.model_dump() for b in whole]


def test_overview_numbers_by_plain_counting(
    interviews: list[ReportInterview], overview: Section
) -> None:
    """Independent of the report code: counts and a median from the answers themselves."""
    consented = _consented(interviews)
    assert overview.households == len(consented)
    assert overview.people == sum(len(a["household"]["members"]) for a in consented)
    blocks = {b.title: b for b in overview.blocks}
    occupation = blocks[t("table_occupation", "en")]
    assert isinstance(occupation, FreqBlock)
    expected = Counter(a["work"]["occupation"] for a in consented)
    assert {r.key: r.cell.count for r in occupation.freq.rows if r.cell.count} == expected
    assert occupation.freq.base == len(consented)
    incomes = [
        float(a["work"]["income_month"])
        for a in consented
        if a["work"].get("income_month") is not None
    ]
    income = blocks[t("table_income", "en")]
    assert isinstance(income, NumberBlock)
    assert income.summary.n == len(incomes)
    assert income.summary.median == statistics.median(incomes)
    assert income.summary.mean == pytest.approx(statistics.fmean(incomes))
    sexes = blocks[t("table_hi_sex", "en")]
    assert isinstance(sexes, CrossBlock)
    members = [
        m for a in consented for m in a["household"]["members"] if m.get("m_sex") and m.get("m_hi")
    ]
    assert sexes.cross.total.count == len(members)
    by_sex = Counter(m["m_sex"] for m in members)
    assert (
        dict(zip(sexes.cross.row_keys, (c.count for c in sexes.cross.row_totals), strict=True))
        == by_sex
    )


def test_each_ward_is_counted_once(
    interviews: list[ReportInterview], default_spec: FormSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The overview's counts come from the wards' tallies: no second pass over the rows."""
    from fieldsurvey.reports import ward_tables

    counted: list[int] = []
    real = ward_tables.tally

    def counting(values: Any, **kw: Any) -> Any:
        values = list(values)
        counted.append(len(values))
        return real(values, **kw)

    monkeypatch.setattr(ward_tables, "tally", counting)
    plan_ward_summary(interviews, default_spec, lang="en")
    largest_ward = max(len(_consented(interviews, w)) for w in WARDS)
    assert len(_consented(interviews)) > largest_ward
    # Ward by ward only: no count runs over more rows than the largest ward has.
    assert counted and max(counted) <= largest_ward


def test_bands_by_bisection_match_value_by_value() -> None:
    values = sorted([0.0, 1.0, 199_999.0, 200_000.0, 200_000.0, 5e6, 9e9, 999_999.5])
    edges = (1, 200_000, 1e6, 5e6)
    expected = Counter(str(band_of(v, edges)) for v in values)
    assert band_counts(values, edges) == expected


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        (["a", None, "b"], "select_one", ["a", None, "b"]),
        (["a", "", None, 3], "select_one", ["a", None, None, "3"]),
        ([1.5, None, 2.0], "decimal", [1.5, None, 2.0]),
        ([1, None, 2.5, -7], "integer", [1.0, None, 2.5, -7.0]),
        ([1.0, math.nan, None], "decimal", [1.0, None, None]),
        ([math.inf, 1], "decimal", [None, 1.0]),
        ([10**400, 1], "integer", [None, 1.0]),
        ([2**60, 1e308, 1e308], "decimal", [float(2**60), 1e308, 1e308]),
        (["3", 1, True], "integer", [3.0, 1.0, None]),
    ],
)
def test_normalise_whole_columns_as_value_by_value(
    raw: list[Any], kind: str, expected: list[Any]
) -> None:
    got = normalise(raw, kind)
    assert got == expected
    assert [type(v) for v in got] == [type(v) for v in expected]


def test_columns_taken_and_joined_lazily_give_the_same_values() -> None:
    a = Columns({"x": ["p", "q", "p"], "y": [1, 2, 3]}, 3)
    b = Columns({"x": ["q"]}, 1)
    joined = Columns.concat([a, b])
    assert joined["y"] == [1, 2, 3, None]
    assert joined.where("x", "p")["y"] == [1, 3]
    assert joined.where("x", "q")["x"] == ["q", "q"]
    assert joined.where("x", "zz")["y"] == []
    assert sorted(joined.names()) == ["x", "y"]
