"""``randomize`` and ``seed`` of a select: the choices shuffled as ODK Collect shuffles them.

pyxform writes ``parameters: randomize=true seed=${s}`` as the itemset
``randomize(instance('c')/root/item[filter], /data/s)``. The ODK XForms spec names the
shuffle: the "inside-out" Fisher-Yates algorithm fed by a Park-Miller generator seeded
with the seed. The expected orders of ``ABCDEF`` below are the ones the spec's
implementations share (JavaRosa's ``FisherYates``/``ParkMiller`` and Enketo's
``openrosa-xpath-evaluator`` tests: 42 -> AFCBDE, -42 -> EDAFBC, 1 -> BFEACD,
11111111 -> ACDBFE); the first numbers of the generator are Park and Miller's published
ones (seed 1: 16807, 282475249, 1622650073, ...; the 10 000th is 1043618065).
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest

from fieldsurvey.forms.choice_order import MODULUS, park_miller, seed_value, shuffled
from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.loader import load_form


def states(seed: int, count: int) -> list[int]:
    """The generator's integer states (the numbers it yields, undone)."""
    return [round(x * (MODULUS - 1)) + 1 for x in itertools.islice(park_miller(seed), count)]


def test_the_generator_is_park_and_millers_minimal_standard() -> None:
    assert states(1, 3) == [16807, 282475249, 1622650073]
    assert states(1, 10_000)[-1] == 1043618065  # Park & Miller's check value


def test_a_seed_of_zero_or_below_is_moved_into_range_as_javarosa_does() -> None:
    # JavaRosa: seed % (2^31 - 1), plus 2^31 - 2 when <= 0.
    assert states(0, 1) == states(MODULUS - 1, 1)
    assert states(-42, 1) == states(MODULUS - 1 - 42, 1)
    assert states(MODULUS, 1) == states(0, 1)


@pytest.mark.parametrize(
    ("seed", "order"),
    [(42, "AFCBDE"), (-42, "EDAFBC"), (1, "BFEACD"), (11111111, "ACDBFE")],
)
def test_seeded_shuffle_matches_the_orders_odk_implementations_share(seed: int, order: str) -> None:
    assert "".join(shuffled("ABCDEF", seed)) == order


def test_the_shuffle_derived_by_hand_from_the_algorithm() -> None:
    # seed 1: r = (16807-1)/(2^31-2) -> j = 0 for i = 0 (a); r2 = 0.1315 -> j = 0 for
    # i = 1: b goes first, a moves to 1; r3 = 0.7556 -> j = 2 for i = 2: c stays last.
    assert shuffled(["a", "b", "c"], 1) == ["b", "a", "c"]


@pytest.mark.parametrize(
    ("value", "seed"),
    [(42.9, 42), ("42", 42), (-42.9, -42), ("", 0), ("abc", 0), (math.nan, 0), (True, 1)],
)
def test_seed_values_are_truncated_numbers_as_javarosas_long_value(value: Any, seed: int) -> None:
    assert seed_value(value) == seed


FORM = """
| survey |
| | type          | name   | label  | parameters                 | choice_filter  |
| | integer       | s      | Seed   |                            |                |
| | select_one c  | pick   | Pick   | randomize=true seed=${s}   |                |
| | select_multiple c | many | Many | randomize=true seed=42     |                |
| | select_one c  | some   | Some   | randomize=true seed=42     | name != 'b'    |
| | select_one c  | free   | Free   | randomize=true             |                |
| | select_one c  | plain  | Plain  |                            |                |
| | select_one c  | off    | Off    | randomize=false seed=42    |                |
| choices |
| | list_name | name | label |
| | c | a | A |
| | c | b | B |
| | c | c | C |
| | c | d | D |
| | c | e | E |
| | c | f | F |
| settings |
| | form_id | version |
| | shuffle | 1 |
"""


@pytest.fixture
def form(xlsform: Any) -> CompiledForm:
    return FormEngine.build(load_form(xlsform(FORM), use_cache=False))


def names(session: Any, path: str) -> str:
    return "".join(choice.name for choice in session.choices(path)).upper()


def test_a_seeded_select_shows_the_order_odk_collect_shows(form: CompiledForm) -> None:
    session = form.session(None)
    assert names(session, "many") == "AFCBDE"
    session.set("s", 1)
    assert names(session, "pick") == "BFEACD"
    session.set("s", -42)
    assert names(session, "pick") == "EDAFBC"  # the seed is read when the list is shown


def test_the_filter_runs_first_then_what_is_left_is_shuffled(form: CompiledForm) -> None:
    # JavaRosa: randomize(instance('c')/root/item[name != 'b'], 42).
    assert names(form.session(None), "some") == "".join(shuffled("ACDEF", 42))


def test_an_empty_seed_is_zero_as_in_javarosa(form: CompiledForm) -> None:
    assert names(form.session(None), "pick") == "".join(shuffled("ABCDEF", 0))


def test_without_randomize_the_form_order_stays(form: CompiledForm) -> None:
    session = form.session(None)
    assert names(session, "plain") == "ABCDEF"
    assert names(session, "off") == "ABCDEF"


def test_without_a_seed_the_order_is_drawn_once_per_open_interview(form: CompiledForm) -> None:
    session = form.session(None)
    first = names(session, "free")
    assert sorted(first) == list("ABCDEF")
    session.set("s", 7)  # other answers change: the page is shown again
    assert all(names(session, "free") == first for _ in range(5))
    # Interviews get their own orders: 20 of them are not all in one order.
    orders = {names(form.session(None), "free") for _ in range(20)}
    assert len(orders) > 1


def test_the_stored_answer_is_the_choice_name_whatever_its_place(form: CompiledForm) -> None:
    session = form.session(None)
    session.set("s", 1)
    shown = [choice.name for choice in session.choices("pick")]
    session.set("pick", shown[0])  # the first shown: b
    session.set("many", ["a", "f"])
    assert session.value("pick") == "b"
    assert session.answers()["pick"] == "b"
    assert session.value("many") == ["a", "f"]
    assert session.unoffered("pick") == []


def test_labels_and_the_whole_list_keep_the_form_order(form: CompiledForm) -> None:
    session = form.session(None)
    assert [c.name for c in session.all_choices("pick")] == list("abcdef")


def test_randomize_in_an_expression_shuffles_the_same_way(xlsform: Any) -> None:
    md = """
| survey |
| | type      | name  | label | calculation                                                 |
| | integer   | s     | Seed  |                                                             |
| | calculate | order |       | join(' ', randomize(instance('c')/root/item/name, ${s}))     |
| choices |
| | list_name | name | label |
""" + "".join(f"| | c | {n} | {n.upper()} |\n" for n in "abcdef")
    session = FormEngine.build(load_form(xlsform(md, name="calc"), use_cache=False)).session()
    session.set("s", 42)
    assert session.value("order") == "a f c b d e"
    session.set("s", 11111111)
    assert session.value("order") == "a c d b f e"
