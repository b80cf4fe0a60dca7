"""Small-cell suppression and summaries: nobody identifiable, nothing recoverable."""

from __future__ import annotations

import pytest

from fieldsurvey.reports.summary_stats import (
    PRIMARY,
    SECONDARY,
    crosstab,
    frequency,
    summarise,
    top_n,
)

ORDER = [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]


def _answers(counts: dict[str, int]) -> list[str | None]:
    """One choice per respondent, and two respondents who did not answer."""
    return [k for k, n in counts.items() for _ in range(n)] + [None, None]


def test_counts_of_one_to_four_are_hidden_and_a_second_cell_protects_them() -> None:
    freq = frequency(_answers({"a": 20, "b": 3, "c": 7, "d": 0}), ORDER)
    cells = {r.key: r.cell for r in freq.rows}
    assert freq.base == 30
    assert cells["a"].hidden == "" and cells["a"].count == 20
    assert cells["b"].hidden == PRIMARY
    # 30 - 20 - 0 would give b back if c were shown: the smallest other count is hidden.
    assert cells["c"].hidden == SECONDARY
    assert cells["d"].hidden == "" and cells["d"].count == 0
    assert freq.pct(freq.rows[1]) is None
    assert freq.pct(freq.rows[0]) == pytest.approx(200 / 3)


def test_multiple_answers_need_no_second_cell() -> None:
    answers = [["a", "b"]] * 3 + [["a", "c"]] * 9
    freq = frequency(answers, ORDER, multiple=True)
    cells = {r.key: r.cell for r in freq.rows}
    assert freq.base == 12
    assert cells["a"].count == 12 and cells["b"].hidden == PRIMARY and cells["c"].hidden == ""


def test_small_base_hides_the_table() -> None:
    freq = frequency(_answers({"a": 2, "b": 1}), ORDER)
    assert freq.base_cell.hidden == PRIMARY
    assert all(freq.pct(r) is None for r in freq.rows)


def test_top_n_pools_the_rest_and_protects_it() -> None:
    freq = frequency(_answers({"a": 30, "b": 10, "c": 4, "d": 2}), ORDER)
    top = top_n(freq, 2, "Other")
    assert [(r.key, r.cell.count) for r in top.rows] == [("a", 30), ("b", 10), ("_other", 6)]
    assert all(r.cell.hidden == "" for r in top.rows)


def test_crosstab_no_line_has_a_single_hidden_cell_beside_a_shown_total() -> None:
    pairs = [("m", "x")] * 12 + [("m", "y")] * 2 + [("m", "z")] * 9
    pairs += [("f", "x")] * 8 + [("f", "y")] * 11 + [("f", "z")] * 6
    pairs += [("o", "x")] * 6 + [("o", "y")] * 7 + [("o", "z")] * 5
    rows = [("m", "M"), ("f", "F"), ("o", "O")]
    cols = [("x", "X"), ("y", "Y"), ("z", "Z")]
    tab = crosstab(pairs, rows, cols)
    assert tab.cells[0][1].hidden == PRIMARY
    lines = [(row, tot) for row, tot in zip(tab.cells, tab.row_totals, strict=True)]
    lines += [([r[j] for r in tab.cells], tab.col_totals[j]) for j in range(3)]
    for cells, total in lines:
        hidden = [c for c in cells if c.hidden]
        assert len(hidden) != 1 or total.hidden, "a lone hidden cell beside its total"
    assert tab.total.count == 66 and tab.row_totals[0].count == 23


def test_numeric_summary_needs_five_values() -> None:
    assert summarise([1, 2, 3, 4]).mean is None
    s = summarise([4, 1, 3, 2, 10])
    assert (s.n, s.mean, s.median, s.minimum, s.maximum) == (5, 4.0, 3, 1, 10)


def test_overview_cross_table_hides_what_one_ward_hides() -> None:
    from fieldsurvey.reports.blocks import CrossBlock
    from fieldsurvey.reports.overview_protection import WardBlocks, protect_overview

    rows, cols = [("m", "M"), ("f", "F")], [("x", "X"), ("y", "Y")]
    ward_a = [("m", "x")] * 3 + [("m", "y")] * 20 + [("f", "x")] * 15 + [("f", "y")] * 15
    ward_b = [("m", "x")] * 30 + [("m", "y")] * 25 + [("f", "x")] * 12 + [("f", "y")] * 18

    def block(pairs: list[tuple[str, str]]) -> CrossBlock:
        return CrossBlock(title="t", row_head="r", cross=crosstab(pairs, rows, cols), base_note="")

    a, b, both = block(ward_a), block(ward_b), block(ward_a + ward_b)
    assert a.cross.cells[0][0].hidden == PRIMARY and not b.cross.cells[0][0].hidden
    assert not both.cross.cells[0][0].hidden  # 33 people: fine on its own
    protect_overview([both], [WardBlocks([a], True), WardBlocks([b], True)])
    # 33 - 30 would give ward A's 3 away: hidden, and its row and column protected.
    assert both.cross.cells[0][0].hidden
    line = both.cross.cells[0]
    column = [both.cross.cells[0][0], both.cross.cells[1][0]]
    assert sum(bool(c.hidden) for c in line) >= 2 or both.cross.row_totals[0].hidden
    assert sum(bool(c.hidden) for c in column) >= 2 or both.cross.col_totals[0].hidden
