"""The all-wards PDF works a chunk at a time (issue 15, 1,000,000 interviews): no C call
over millions of values (the window would freeze) and no second copy of the rows. The
chunks must not change a number: the same plan with tiny chunks as with the usual ones
and as from the documents; sums and medians over arrays as over lists."""

from __future__ import annotations

import math
import random
import statistics
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.reports import summary_stats, ward_summary, ward_tables
from fieldsurvey.reports.models import DataStamp
from fieldsurvey.reports.summary_stats import exact_sum, summarise_sorted
from fieldsurvey.reports.synthetic import synthetic_answers
from fieldsurvey.reports.ward_summary import plan_ward_summary
from fieldsurvey.reports.ward_tables import _dep_part, _dep_ratios, pair_counts
from fieldsurvey.reports.workspace_reader import form_specs, read_interviews, with_ward_codes
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import interviews, ward_rows
from fieldsurvey.store.workspace import Workspace

PASSWORD = "ward chunks password"
WARDS = ("phuc_tan", "chuong_duong", "hang_bac")


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory, default_spec: FormSpec) -> Iterator[Path]:
    """90 interviews of the default survey over three wards, a few read from their
    documents (an answer the tables cannot hold)."""
    home = tmp_path_factory.mktemp("ward-chunks") / "ws"
    rng = random.Random(8)
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        spec = default_spec
        forms_store.save_form(
            ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash
        )
        for k in range(90):
            ward = WARDS[k % len(WARDS)]
            doc = synthetic_answers(rng, ward, date(2026, 9, 1 + k % 28))
            if k % 29 == 0:
                doc["respondent"]["resp_age"] = True  # odd: read from the document
            made = interviews.new_interview(
                ws, form_id=spec.form_id, form_version=spec.version, ward=ward,
                household_id=f"H-{k}", enumerator="Lan", answers=doc,
            )  # fmt: skip
            interviews.complete(ws, made.uuid, who="Lan")
    yield home


def _plans(campaign: Path) -> list[Any]:
    """(plan from the analysis tables, plan from the documents), as plain data."""
    with Workspace.open(campaign, PASSWORD) as ws:
        spec = form_specs(ws, "mnet_migrant_household")[0]
        coded = with_ward_codes(read_interviews(ws, spec.form_id), spec)
        stamp = DataStamp(generated_at=datetime(2026, 12, 6, 20, 0))
        stored = plan_ward_summary(coded, spec, lang="en", stamp=stamp)
        documents = plan_ward_summary(list(coded), spec, lang="en", stamp=stamp)
    return [
        [stored[0].model_dump(), [s.model_dump() for s in stored[1]], stored[2]],
        [documents[0].model_dump(), [s.model_dump() for s in documents[1]], documents[2]],
    ]


def test_tiny_chunks_give_the_same_report(campaign: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usual, from_documents = _plans(campaign)
    assert usual == from_documents
    # rows read 4 at a time, every chunked C call over 3 values, numpy sums above 5
    monkeypatch.setattr(ward_rows, "BLOCK", 4)
    monkeypatch.setattr(ward_summary, "CHUNK", 3)
    monkeypatch.setattr(ward_tables, "CHUNK", 3)
    monkeypatch.setattr(summary_stats, "_SUM_IN_C", 5)
    tiny, tiny_documents = _plans(campaign)
    assert tiny == usual
    assert tiny_documents == usual
    households = usual[0]["counts"][0][1]
    assert households not in ("0", "")  # real tables were compared


def _floats(rng: random.Random, n: int, kind: int) -> list[float]:
    if kind == 0:
        return [rng.lognormvariate(15, 2) for _ in range(n)]
    if kind == 1:
        return [rng.uniform(-1e6, 1e6) for _ in range(n)]
    if kind == 2:  # subnormals, huge values cancelling, exact halves
        pool = [5e-324, -3e-320, 1e-310, 1e300, -1e300, 0.1, 3.0, 1e16, -1e16, 0.5]
        return [rng.choice(pool) * rng.random() for _ in range(n)]
    if kind == 3:
        return [float(rng.randint(0, 30)) for _ in range(n)]
    return [rng.random() * 10.0 ** rng.randint(-300, 300) * rng.choice((1, -1)) for _ in range(n)]


def test_exact_sum_is_fsum(monkeypatch: pytest.MonkeyPatch) -> None:
    """Added up by numpy (above the threshold) the sum is fsum's to the last bit, for a
    list and for an array, whatever the values' sizes and signs."""
    monkeypatch.setattr(summary_stats, "_SUM_IN_C", 10)
    rng = random.Random(3)
    for trial in range(200):
        values = sorted(_floats(rng, rng.choice((11, 200, 3000)), trial % 5))
        expected = math.fsum(values)
        for given in (values, np.array(values)):
            got = exact_sum(given)
            assert got == expected and math.copysign(1, got) == math.copysign(1, expected)
    for zeros in ([-0.0] * 20, [0.0, -0.0] * 10):  # the sign of a zero sum: fsum's
        assert math.copysign(1, exact_sum(zeros)) == math.copysign(1, math.fsum(zeros))
    with pytest.raises(OverflowError):
        math.fsum([1e308] * 20)
    with pytest.raises(OverflowError):
        exact_sum([1e308] * 20)


def test_exact_sum_of_a_million_values() -> None:
    rng = random.Random(4)
    values = sorted(rng.lognormvariate(15, 1) for _ in range(1_000_000))
    assert exact_sum(values) == math.fsum(values)


def test_summaries_of_arrays_equal_those_of_lists() -> None:
    """An overview's merged values are a float64 array: the same count, mean (fmean),
    median (statistics.median), minimum and maximum as the sorted list gives."""
    rng = random.Random(5)
    for n in (5, 6, 7, 100, 70_001, 70_002):
        values = sorted(rng.lognormvariate(10, 1) for _ in range(n))
        for given in (values, np.array(values)):
            summary = summarise_sorted(given)
            assert summary.n == n
            assert summary.mean == statistics.fmean(values)
            assert summary.median == statistics.median(values)
            assert (summary.minimum, summary.maximum) == (values[0], values[-1])
            assert type(summary.median) is float


def test_counting_in_chunks_equals_counting_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(6)
    sizes = [rng.choice((0, 1, 2, 3, 7)) for _ in range(60)]
    ages = [rng.choice((None, 3.0, 14.0, 15.0, 40.0, 64.0, 65.0, 80.0)) for _ in range(sum(sizes))]
    sex = [rng.choice(("male", "female", None)) for _ in range(200)]
    card = [rng.choice(("none", "hanoi", None, "x" * 300)) for _ in range(200)]
    at_once = _dep_part(ages, sizes)
    monkeypatch.setattr(ward_tables, "CHUNK", 4)  # households of 7 overflow a chunk
    assert _dep_ratios(ages, sizes) == at_once
    assert pair_counts(sex, card) == Counter(zip(sex, card, strict=True))
