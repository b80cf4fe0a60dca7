"""Checking a complete answer document once: the coordinator's check of a received record.

A :class:`~fieldsurvey.forms.engine_session.Session` keeps an interview in progress: a
heap of pending computations, readers fired on every change, deferred work, changed
paths. A received record is complete and is checked once, so :func:`check_session`
opens it without that machinery: the answers are loaded into the same tree, and every
computation runs once, in the topological order of the form's dependency graph
(:class:`CheckPlan`, built once per compiled form). The result is the state
``CompiledForm.session(answers)`` reaches, for what a check reads: values, relevance,
constraints, choice filters (``tests/sync/test_check_path.py`` compares them):

- on opening, a session runs every computation on every instance in rank order (a heap
  ordered by rank, then by document order); a computation reruns only when something
  it reads changes after it ran, which in a ranked graph happens only for readers of a
  raw answer (a group's relevance reading inside the group: their result is the same)
  and for forms whose logic reads what cannot be traced (``read_everything``: such a
  form is checked with a full session);
- as a session opens (``IncrementalTree._open_all``), two passes: every computation
  but the relevance of groups and repeats and the repeat counts, as if every section
  were shown; then those in rank order, and after the first section that hides, the
  computations a session reruns then: all but those inside a hidden section (put off,
  their result cannot be seen; a section cannot become relevant again during the
  load: a section's relevance runs once, from true; a question's relevance that read
  what a section hid since may come back true);
- a relevance of an unanswered question that no expression reads is not evaluated: an
  empty answer reads the same relevant or not, and has no constraint to check;
- a repeat_count asking for more instances than the record has makes instances with
  their defaults: such a record is checked with a full session.

:func:`failing_constraint` and :func:`unoffered` read a question as the session's
``errors()`` and ``unoffered()`` do, without building paths or messages.
"""

from __future__ import annotations

import math
import threading
from typing import TYPE_CHECKING, Any

from fieldsurvey.forms.attachments import FILE_SELECT_TYPES
from fieldsurvey.forms.dependency_graph import Computation
from fieldsurvey.forms.engine_answers import to_json, wrap_result
from fieldsurvey.forms.engine_session import Session
from fieldsurvey.forms.engine_updates import EVAL_ERRORS, MAX_REPEAT_COUNT, same
from fieldsurvey.forms.expression_compiler import CompiledExpr
from fieldsurvey.forms.instance import NOT_IN_BODY, Item
from fieldsurvey.forms.xpath_attachments import form_files, search_arguments
from fieldsurvey.forms.xpath_context import EvalContext
from fieldsurvey.forms.xpath_values import to_bool, to_number

if TYPE_CHECKING:
    from fieldsurvey.forms.engine import CompiledForm

_SELECT_TYPES = frozenset({"select_one", "select_multiple", *FILE_SELECT_TYPES})


class CheckPlan:
    """What checking a record of one compiled form needs, worked out once."""

    def __init__(self, form: CompiledForm) -> None:
        self.form = form
        graph = form.graph
        #: False: the form's logic reads what cannot be traced; check with a full session
        self.single_pass = not graph.read_everything
        #: every computation but triggers (they never run on opening), in rank order
        self.order: list[Computation] = [c for c in graph.computations if c.kind != "trigger"]
        calculated = {c.target.tid for c in graph.computations if c.kind in ("calc", "trigger")}
        #: relevance computations of questions nothing reads and no calculation sets:
        #: not needed while the question is unanswered
        self.unread: set[int] = {
            id(c)
            for c in self.order
            if c.kind == "rel"
            and c.target.kind == "question"
            and not c.target.children
            and not graph.readers.get(c.target.tid)
            and c.target.tid not in calculated
        }
        #: the relevance of groups and repeats and the repeat counts: the second pass
        self.held: set[int] = {
            id(c)
            for c in self.order
            if c.kind == "count" or (c.kind == "rel" and c.target.kind != "question")
        }
        #: template id -> the names of the steps from the root to it
        self.chains: dict[int, tuple[str, ...]] = {
            tpl.tid: tuple(t.name for t in [*tpl.ancestors()[1:], tpl]) if tpl.parent else ()
            for tpl in form.templates
        }
        self._lock = threading.Lock()
        #: per select template id: choice name -> its list items, for a choice_filter
        self._filtered: dict[int, dict[str, list[Any]] | None] = {}
        #: free for the caller (record_checks keeps its per-form lookups here)
        self.memo: dict[Any, Any] = {}

    def filter_items(self, session: Session, item: Item) -> dict[str, list[Any]] | None:
        """Choice name -> the list's items of that name (what a choice_filter is evaluated
        on), for the select at ``item``; None for a list that is not at hand."""
        tid = item.tpl.tid
        with self._lock:
            if tid in self._filtered:
                return self._filtered[tid]
        node = item.tpl.node
        assert node is not None
        by_name: dict[str, list[Any]] | None = {}
        if node.type in FILE_SELECT_TYPES:
            files = form_files(self.form)
            pairs = files.choice_items(node) if files is not None else []
        else:
            choices = self.form.spec.choices.get(node.choices or "", [])
            doc = self.form.secondary(node.choices or "", session.lang)
            pairs = list(zip(choices, doc.kids[0].kids if doc is not None else [], strict=True))
        for choice, sec in pairs:
            by_name.setdefault(choice.name, []).append(sec)  # type: ignore[union-attr]
        with self._lock:
            self._filtered[tid] = by_name
        return by_name


class _NeedsSession(Exception):
    """The record needs what only a full session does (a repeat_count adds instances)."""


class AnswerCheck(Session):
    """A complete answer document evaluated once (see the module docstring)."""

    def __init__(self, plan: CheckPlan, answers: dict[str, Any]) -> None:
        self._open(plan.form, answers)
        self._once(plan)

    def _once(self, plan: CheckPlan) -> None:
        """Two passes in rank order, as a session opens (``IncrementalTree._open_all``):
        every computation but the relevance of groups and repeats and the repeat counts,
        as if every section were shown; then those, and, once a section is hidden, the
        computations a session reruns (all but those put off inside a hidden section;
        the others read what they read before unless something hid, and rerun the same)."""
        instances: dict[int, list[Item]] = {}  # owner template id -> its instances
        held = plan.held
        for comp in plan.order:
            if id(comp) not in held:
                self._compute(plan, comp, instances)
        hidden = False
        for comp in plan.order:
            if id(comp) in held:
                hidden = self._compute(plan, comp, instances) or hidden
            elif hidden:
                self._compute(plan, comp, instances)

    def _compute(
        self, plan: CheckPlan, comp: Computation, instances: dict[int, list[Item]]
    ) -> bool:
        """Run ``comp`` on every instance of its owner; True when a group or repeat
        instance became not relevant."""
        kind = comp.kind
        expr = comp.expr
        evaluate = self._evaluate
        skip_empty = id(comp) in plan.unread
        container = comp.target.kind != "question"
        hid = False
        items = instances.get(comp.owner.tid)
        if items is None:
            items = instances[comp.owner.tid] = self._instances_of(plan.chains[comp.owner.tid])
        for item in items:
            if comp.deferrable:  # inside a non-relevant group: put off, as a session does
                parent = item.parent
                if parent is not None and not parent.rel:
                    continue
            if kind == "rel":
                if skip_empty and item.xval == "":
                    continue
                assert expr is not None
                own = to_bool(evaluate(expr, item, "relevant", True))
                if own != item.own_rel:
                    item.own_rel = own
                    if own:  # a question read what a section hid since: shown again
                        # (a section's relevance runs once, from true: never here)
                        parent = item.parent
                        item.rel = parent is None or parent.rel
                    else:
                        hid = hid or (container and item.rel)
                        _hide(item)
            elif kind == "count":
                assert expr is not None
                number = to_number(evaluate(expr, item, "repeat_count", 0.0))
                wanted = 0 if math.isnan(number) else int(max(0.0, min(number, MAX_REPEAT_COUNT)))
                if len(item.kids[comp.target.name]) < wanted:
                    raise _NeedsSession
            else:
                result = evaluate(expr, item, "calculation", "") if expr is not None else ""
                new = wrap_result(item.tpl, result)
                if not same(new, item.xval):
                    item.xval = new
        return hid

    def _instances_of(self, names: tuple[str, ...]) -> list[Item]:
        """The instances of the template at ``names`` below the root, in document order."""
        items = [self._root]
        for name in names:
            if len(items) == 1 and type(items[0].kids.get(name)) is Item:
                items = [items[0].kids[name]]
            else:
                items = [kid for it in items for kid in it.children_named(name)]
        return items


def _hide(item: Item) -> None:
    """``item``'s own relevance became false: it and its descendants are not relevant
    (as ``_update_rel`` and ``_cascade`` set them, without firing readers: every reader
    runs later in rank order)."""
    if not item.rel:
        return
    item.rel = False
    stack = [item]
    while stack:
        for kid in stack.pop().kids.values():
            for inst in kid if type(kid) is list else (kid,):
                if inst.own_rel and inst.rel:
                    inst.rel = False
                    stack.append(inst)


def check_session(plan: CheckPlan, answers: dict[str, Any]) -> Session:
    """``answers`` opened for a check: an :class:`AnswerCheck`, or a full session when
    the form or the record needs one. AnswerError (shape, unknown field, a value not of
    its type) as ``CompiledForm.session`` raises it."""
    if plan.single_pass:
        try:
            return AnswerCheck(plan, answers)
        except _NeedsSession:
            pass
    return plan.form.session(answers)


def failing_constraint(session: Session, item: Item) -> bool:
    """Whether ``item`` fails its (hard) constraint, as ``Session.errors`` counts it: a
    relevant, answered question of the body; soft constraints are warnings, not errors."""
    tpl = item.tpl
    if not item.rel or tpl.kind != "question" or item.xval == "":
        return False
    if tpl.qtype in NOT_IN_BODY or tpl.qtype == "note":
        return False
    constraint = session.form.logic[tpl.tid].constraint
    node = tpl.node
    if constraint is None or node is None or node.constraint_soft:
        return False
    return not to_bool(session._evaluate(constraint, item, "constraint", True))


def unoffered(session: Session, plan: CheckPlan, item: Item) -> bool:
    """Whether the answer of the select at ``item`` names a choice its list, after its
    choice_filter, does not offer (``bool(session.unoffered(path))``). The filter is
    evaluated on the chosen choices only; when one of them is not offered, the whole
    list is evaluated as the session does (a filter failing on any choice offers all)."""
    node = item.tpl.node
    if node is None or node.type not in _SELECT_TYPES:
        return False
    if search_arguments(node.appearance) is not None or not session._listed(node):
        return False
    value = to_json(item.tpl, item.xvalue())
    picked = [value] if isinstance(value, str) else list(value or [])
    expr = session.form.logic[item.tpl.tid].choice_filter
    by_name = plan.filter_items(session, item) if expr is not None else None
    if expr is not None and by_name is not None:
        try:
            if all(
                (name == "other" and node.or_other)
                or any(
                    to_bool(expr.fn(EvalContext(sec, item, session)))
                    for sec in by_name.get(name, ())
                )
                for name in picked
            ):
                return False
        except EVAL_ERRORS:
            pass
    return bool(session.unoffered(item.label_path()))


def _offers(expr: CompiledExpr, sec: Any, item: Item, session: Session) -> bool:
    return to_bool(expr.fn(EvalContext(sec, item, session)))


__all__ = ["AnswerCheck", "CheckPlan", "check_session", "failing_constraint", "unoffered"]
