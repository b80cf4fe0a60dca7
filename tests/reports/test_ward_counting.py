"""The ward summary's counting shortcuts give what the plain ways give."""

from __future__ import annotations

from collections import Counter

from fieldsurvey.reports.ward_tables import _dep_ratios, pair_counts


def test_pair_counts_are_the_pairs_counted() -> None:
    sex = ["male", "female", None, "female", "male", "male", "x" * 300, None]
    card = ["none", "hanoi", "none", None, "none", "home_province", "hanoi", None]
    assert pair_counts(sex, card) == Counter(zip(sex, card, strict=True))
    assert pair_counts([], []) == Counter()


def test_dependency_ratios_per_household() -> None:
    # households of 3, 0, 2 and 3 members (None: age not given): 2 dependants / 1 aged
    # 15-64; no one; no one 15-64 (both left out); 1 / 1 (the unknown age not counted)
    ages = [30.0, 5.0, 70.0, 10.0, 12.0, 40.0, None, 14.0]
    sizes = [3, 0, 2, 3]
    assert _dep_ratios(ages, sizes) == [2.0, 1.0]
