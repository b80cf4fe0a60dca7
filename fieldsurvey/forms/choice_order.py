"""The order a select's choices are shown in: the form's, or shuffled (``randomize``).

A select with ``parameters: randomize=true`` (optionally ``seed=${x}`` or ``seed=42``)
shows its choices shuffled. pyxform writes it into the itemset as
``randomize(instance('list')/root/item[filter], seed)``: the choices left by the
``choice_filter`` are shuffled, never the stored answer (a choice's name is saved as
always, whatever its place on the screen).

The shuffle is the one of the ODK XForms specification (``randomize()``), as JavaRosa
and Enketo compute it, so a seeded list comes out in the same order as in ODK Collect:

- the "inside-out" Fisher-Yates shuffle: for each position ``i`` from the first, a
  place ``j = floor(r * (i + 1))`` is drawn; the element at ``j`` moves to ``i`` and
  the ``i``-th choice goes to ``j``;
- ``r`` from the Park-Miller "minimal standard" generator: ``state = state * 16807 mod
  (2^31 - 1)``, ``r = (state - 1) / (2^31 - 2)``; the first state is the seed modulo
  ``2^31 - 1`` (a remainder of the seed's sign), plus ``2^31 - 2`` when that is zero or
  negative;
- the seed is the ``seed`` expression's value as a number, its fraction dropped
  (JavaRosa's ``longValue()``): an empty or non-numeric seed is 0.

Without a seed, ODK shuffles once when the form is opened; so does FieldSurvey: a
random number is drawn once per session (an interview open on the entry screen) and
each question's seed derived from it and the question's path. The order is random
across interviews and does not change while the interview is open (when a filter
leaves other choices, those are shuffled anew with the same seed, as in ODK).

API:
    park_miller(seed) -> Iterator[float]          the generator's numbers in [0, 1)
    shuffled(items, seed) -> list                 the spec's shuffle of ``items``
    seed_value(value) -> int                      an XPath value as JavaRosa's seed
    randomized(choices_method) -> method          decorates ``Session.choices``
"""

from __future__ import annotations

import functools
import hashlib
import math
import secrets
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from fieldsurvey.errors import ExpressionError
from fieldsurvey.forms.spec import Choice, Node
from fieldsurvey.forms.xpath_context import EvalContext
from fieldsurvey.forms.xpath_values import to_number

if TYPE_CHECKING:
    from fieldsurvey.forms.engine import CompiledForm
    from fieldsurvey.forms.engine_session import Session
    from fieldsurvey.forms.expression_compiler import CompiledExpr

T = TypeVar("T")

MODULUS = 2**31 - 1
MULTIPLIER = 16807
_LONG_MAX = 2**63 - 1
_OFF = {"", "false", "false()", "no", "0"}


def park_miller(seed: int) -> Iterator[float]:
    """The numbers of the Park-Miller generator seeded with ``seed``, each in [0, 1)."""
    state = math.fmod(float(seed), MODULUS)  # Java's double remainder: the seed's sign
    if state <= 0:
        state += MODULUS - 1
    while True:
        state = math.fmod(state * MULTIPLIER, MODULUS)  # exact: below 2^53
        yield (int(state) - 1) / (MODULUS - 1)


def shuffled(items: Sequence[T], seed: int) -> list[T]:
    """``items`` in the order of the spec's seeded "inside-out" Fisher-Yates shuffle."""
    numbers = park_miller(seed)
    out: list[T] = []
    for i, item in enumerate(items):
        j = int(next(numbers) * (i + 1))
        if j == i:
            out.append(item)
        else:
            out.append(out[j])
            out[j] = item
    return out


def seed_value(value: Any) -> int:
    """An XPath value as the seed JavaRosa uses: the number, truncated toward zero
    (Java's ``(long)``: NaN is 0, out of range is clamped)."""
    number = to_number(value)
    if math.isnan(number):
        return 0
    if math.isinf(number) or abs(number) >= 2**63:
        return _LONG_MAX if number > 0 else -_LONG_MAX - 1
    return int(number)


# --- the Session.choices decorator --------------------------------------------------------
class _Plan:
    """What a form needs to order a question's choices: None, or its seed expression."""

    def __init__(self) -> None:
        #: template id -> compiled seed (None: no seed, the interview's own)
        self.seeds: dict[int, CompiledExpr | None] = {}


_PLAN_ATTRIBUTE = "choice_order_plan"


def _plan(form: CompiledForm) -> _Plan | None:
    """The randomized questions of ``form`` (None: it has none, the usual case); kept
    on the compiled form, as its attachments are."""
    plan: _Plan | None = getattr(form, _PLAN_ATTRIBUTE, None)
    if plan is None:
        # Imported here: the compiler's randomize() uses this module's shuffle.
        from fieldsurvey.forms.expression_compiler import compile_expression

        plan = _Plan()
        for tpl in form.templates:
            node = tpl.node
            if node is None or not is_randomized(node):
                continue
            seed = _parameter(node, "seed")
            expr = None
            if seed:
                try:
                    expr = compile_expression(seed, tpl, form.scope)
                except ExpressionError:
                    expr = None
            plan.seeds[tpl.tid] = expr
        setattr(form, _PLAN_ATTRIBUTE, plan)
    return plan if plan.seeds else None


def is_randomized(node: Node) -> bool:
    """Whether a select's choices are shuffled (``randomize`` true in its parameters)."""
    if not node.choices:
        return False
    value = _parameter(node, "randomize")
    return value is not None and value.strip().lower() not in _OFF


def _parameter(node: Node, name: str) -> str | None:
    for key, value in node.parameters.items():
        if key.strip().lower() == name:
            return value
    return None


def randomized(
    choices: Callable[[Session, str], list[Choice]],
) -> Callable[[Session, str], list[Choice]]:
    """Decorate ``Session.choices``: a randomized question's choices come shuffled."""

    @functools.wraps(choices)
    def ordered(session: Session, path: str) -> list[Choice]:
        listed = choices(session, path)
        plan = _plan(session.form)
        if plan is None or len(listed) < 2:
            return listed
        item = session._find(path)
        if item.tpl.tid not in plan.seeds:
            return listed
        return shuffled(listed, _seed(session, item, plan.seeds[item.tpl.tid]))

    return ordered


def _seed(session: Session, item: Any, expr: CompiledExpr | None) -> int:
    if expr is not None:
        try:
            return seed_value(expr.fn(EvalContext(item, item, session)))
        except (ExpressionError, ArithmeticError, TypeError, ValueError):
            return 0
    # No seed in the form: one per session and question (see the module docstring).
    drawn = _drawn.get(session)
    if drawn is None:
        drawn = _drawn[session] = secrets.randbelow(MODULUS - 1) + 1
    template_path = "/".join(t.name for t in [*item.tpl.ancestors()[1:], item.tpl])
    digest = hashlib.sha256(f"{drawn}/{template_path}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % (MODULUS - 1) + 1


_drawn: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()

__all__ = ["is_randomized", "park_miller", "randomized", "seed_value", "shuffled"]
