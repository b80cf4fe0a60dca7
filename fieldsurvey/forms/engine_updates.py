"""The answer tree of a session and its incremental upkeep (the engine's core loop).

:class:`IncrementalTree` holds the items of one interview and reruns computations
(relevance, calculations, repeat counts) when what they read changes: a change marks
the readers of the changed node (found through the form's dependency graph and the
reader's scope), and a heap processes them in topological rank until nothing changes.
Adding or removing repeat instances notifies readers of the repeat's nodes whose scope
lies above the repeat (counts, sums, positions). :class:`~.engine_session.Session`
builds on it with the public API.

A group that stops being relevant (consent refused) hides hundreds of nodes: work on
them waits. Computations inside a non-relevant group are put off until it is relevant
again, and the relevance cascade does not rerun readers inside the group for a change
that the group's own relevance caused (see ``_fire``). The form's results are the same:
only values no expression can see (those of non-relevant nodes) may be stale. Opening
an interview computes a hidden section as if it were shown, then hides it
(``_open_all``): reopening a refused interview leaves nothing put off, and the consent
given then only shows the sections.

A repeat_count that makes many instances at once (a household size of 30: 300 items)
makes them from the form's plan of a new instance (``FreshPlan``), each instance with
its items and their paths in one pass (``instance.make_instance``), and a computation
that gives the same result on every instance of the batch runs on the first only and
gives its result to the others (``_add_instances``, ``_copy``;
tests/forms/test_engine_roster_speed.py compares with the change made one by one).
"""

from __future__ import annotations

import heapq
import itertools
import math
from datetime import tzinfo
from typing import TYPE_CHECKING, Any, cast

from fieldsurvey.errors import AnswerError, ExpressionError
from fieldsurvey.forms.dependency_graph import Computation, FreshPlan
from fieldsurvey.forms.engine_answers import to_xvalue, wrap_result
from fieldsurvey.forms.expression_compiler import CompiledExpr
from fieldsurvey.forms.instance import Item, Template, make_instance, make_subtree
from fieldsurvey.forms.xpath_context import Env, EvalContext
from fieldsurvey.forms.xpath_values import to_bool, to_number, unpack

if TYPE_CHECKING:
    from fieldsurvey.forms.engine import CompiledForm

#: The most repeat instances a repeat_count may create.
MAX_REPEAT_COUNT = 2000
#: How often one computation may rerun for one change before we call it unsettled.
MAX_RERUNS = 50
EVAL_ERRORS = (ExpressionError, ArithmeticError, ValueError, TypeError, RecursionError)

#: A set of answer paths.
Paths = set[str]


def same(a: Any, b: Any) -> bool:
    """Equal values of the same type (so 1.0 and True, or "1" and 1.0, differ)."""
    return type(a) is type(b) and a == b


class IncrementalTree:
    """Items of one interview, kept consistent with the form's logic. The subclass
    provides the :class:`~fieldsurvey.forms.xpath_context.Env` expressions run with."""

    tz: tzinfo

    def __init__(self, form: CompiledForm) -> None:
        self.form = form
        self._graph = form.graph
        self._heap: list[tuple[int, int, Computation, Item]] = []
        #: (computation, item) pairs on the heap (both hash by identity)
        self._pending: set[tuple[Computation, Item]] = set()
        self._seq = 0
        #: items whose value or relevance changed, in the order noted (parents first)
        self._changed: dict[Item, None] = {}
        self._changed_paths: Paths = set()
        self._chains = form.graph.chains  # the form's (shared by its sessions)
        self._fresh = form.graph.fresh  # the form's too
        self._problems: dict[tuple[str, str], str] = {}
        #: computations put off while their instance is inside a non-relevant group,
        #: by instance; run when the group is relevant again (_wake)
        self._deferred: dict[Item, list[Computation]] = {}
        #: (computation, first instance's item) -> the repeat and the same items of the
        #: other new instances of its batch, given its result when it runs (``_copy``)
        self._copies: dict[tuple[Computation, Item], tuple[Template, list[Item]]] = {}
        #: computations run so far (to observe how much work a change causes)
        self.evaluations = 0
        self._root = Item(form.root, None)
        #: what expressions run with (the subclass provides the Env protocol)
        self._env = cast(Env, self)

    # --- building the tree -----------------------------------------------------------
    def _plan(self, tpl: Template) -> FreshPlan:
        """How to make a new instance of ``tpl`` (worked out once per form)."""
        plan = self._fresh.get(tpl.tid)
        if plan is None:
            logic = self.form.logic
            with_default = frozenset(
                t.tid
                for t in self.form.templates[1:]
                if t.kind == "question" and logic[t.tid].default is not None
            )
            dynamic = frozenset(
                tid for tid in with_default if not isinstance(logic[tid].default, str)
            )
            plan = self._fresh[tpl.tid] = self._graph.fresh_plan(tpl, with_default, dynamic)
        return plan

    def _materialise(self, item: Item, plan: FreshPlan | None = None) -> list[Item]:
        """Make the descendants of the new ``item`` (no repeat instances yet), relevant
        as it is; returns ``item.walk()``."""
        return make_subtree(item, (plan or self._plan(item.tpl)).shape)

    def _new_instance(
        self, parent: Item, tpl: Template, plan: FreshPlan | None = None
    ) -> list[Item]:
        """A new last instance of ``tpl`` under ``parent``; returns its ``walk()``."""
        instances = parent.kids[tpl.name]
        inst = Item(tpl, parent, len(instances) + 1)
        inst.rel = parent.rel
        instances.append(inst)
        return self._materialise(inst, plan)

    def _load(self, item: Item, doc: dict[str, Any], where: str) -> None:
        by_name = item.tpl.by_name
        kids = item.kids
        tz = self.tz
        for key, value in doc.items():
            tpl = by_name.get(key) if isinstance(key, str) else None
            if tpl is None:
                raise AnswerError("forms.no_field_here", path=f"{where}{key}", name=str(key))
            if value is None:
                continue
            kind = tpl.kind
            if kind == "question":
                qtype = tpl.qtype
                if qtype == "note":
                    continue
                if qtype in ("calculate", "hidden") and not isinstance(value, list | dict):
                    kids[key].xval = float(value) if isinstance(value, int | float) and not (
                        isinstance(value, bool)) else value  # fmt: skip
                    continue
                try:
                    kids[key].xval = to_xvalue(tpl, value, tz)
                except AnswerError as exc:
                    params = {**exc.params, "path": f"{where}{key}"}
                    raise AnswerError(exc.code, **params) from None
            elif kind == "repeat":
                here = f"{where}{key}"
                if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                    raise AnswerError("forms.repeat_not_list", path=here)
                for i, sub in enumerate(value, start=1):
                    self._load(self._new_instance(item, tpl)[0], sub, f"{here}[{i}]/")
            else:  # a group
                if not isinstance(value, dict):
                    raise AnswerError("forms.group_not_object", path=f"{where}{key}")
                self._load(kids[key], value, f"{where}{key}/")

    def _fill_meta(self, root: Item, meta: dict[str, str]) -> None:
        now = cast(Env, self).now()
        for item in root.walk():
            qtype = item.tpl.qtype
            if qtype in ("start", "end"):
                item.xval = now
            elif qtype == "today":
                item.xval = now.date()
            elif qtype in ("deviceid", "username", "simserial", "subscriberid", "email"):
                item.xval = meta.get(qtype, "") if item.tpl.kind == "question" else item.xval

    def _apply_defaults(self, top: Item, items: list[Item] | None = None) -> None:
        """Defaults of ``top`` and its descendants (``items``: those of them that may
        have one, in document order; default ``top.walk()``)."""
        logic = self.form.logic
        for item in top.walk() if items is None else items:
            default = logic[item.tpl.tid].default if item.tpl.node else None
            if default is None or item.tpl.kind != "question":
                continue
            if isinstance(default, str):
                try:
                    item.xval = to_xvalue(item.tpl, default, self.tz)
                except AnswerError:
                    item.xval = default
            else:
                result = self._evaluate(default, item, "default", "")
                item.xval = wrap_result(item.tpl, result)

    # --- incremental evaluation ------------------------------------------------------
    def _enqueue(self, comp: Computation, item: Item) -> None:
        key = (comp, item)
        if key not in self._pending:
            self._pending.add(key)
            self._seq += 1
            heapq.heappush(self._heap, (comp.rank, self._seq, comp, item))

    def _enqueue_subtree(self, top: Item, items: list[Item] | None = None) -> None:
        by_owner = self._graph.by_owner
        for item in top.walk() if items is None else items:
            for comp in by_owner.get(item.tpl.tid, ()):
                if comp.kind != "trigger":
                    self._enqueue(comp, item)

    def _open_all(self) -> None:
        """Run every computation of a tree just loaded, in two rounds: first all but
        the relevance of groups and repeats and the repeat counts, as if every section
        were shown; then those. A section that is not relevant then hides as it does
        when an answer hides it: what lies inside holds what it computed while shown
        (what ``_fire`` leaves alone), and what reads it from outside reruns. So the
        first change that shows the section again (consent given after reopening a
        refused interview) finds nothing put off on it, as on a warm session."""
        by_owner = self._graph.by_owner
        held: list[tuple[Computation, Item]] = []
        for item in self._root.walk():
            for comp in by_owner.get(item.tpl.tid, ()):
                kind = comp.kind
                if kind == "trigger":
                    continue
                if kind == "count" or (kind == "rel" and comp.target.kind != "question"):
                    held.append((comp, item))
                else:
                    self._enqueue(comp, item)
        self._run()
        for comp, item in held:
            if not item.dead:
                self._enqueue(comp, item)
        self._run()

    def _ancestor(self, item: Item, scope: Template) -> Item:
        while item.tpl is not scope and item.parent is not None:
            item = item.parent
        return item

    def _instances_under(self, top: Item, comp: Computation) -> list[Item]:
        key = (top.tpl.tid, comp.owner.tid)
        chain = self._chains.get(key)
        if chain is None:
            names: list[str] = []
            tpl: Template | None = comp.owner
            while tpl is not None and tpl is not top.tpl:
                names.append(tpl.name)
                tpl = tpl.parent
            chain = tuple(reversed(names)) if tpl is top.tpl else ()
            self._chains[key] = chain
        if not chain:
            return [top]
        if len(chain) == 1:  # (a question beside, or below, the scope's instance)
            kid = top.kids.get(chain[0])
            return [] if kid is None else kid[:] if type(kid) is list else [kid]
        items = [top]
        for name in chain:
            items = [kid for it in items for kid in it.children_named(name)]
        return items

    def _fire(self, item: Item, within: Template | None = None) -> None:
        """``item``'s value as read by expressions changed: rerun its readers.

        ``within``: the change is ``item``'s relevance following that of its ancestor
        group (an instance of ``within``) whose relevance just changed. Deferrable
        readers inside that group are then left alone: while the group is not relevant
        they are put off anyway, and when it is relevant again its nodes read as they
        did before, so what those readers last computed still holds (any real change
        meanwhile was put off and is run on waking, see ``_wake``)."""
        self._changed[item] = None
        readers = self._graph.readers.get(item.tpl.tid)
        if readers:  # most nodes are read by nothing: skip the loops
            for reader in readers:
                comp = reader.comp
                if (
                    within is not None
                    and comp.deferrable
                    and reader.scope.depth >= within.depth
                    and comp.owner.depth > within.depth
                ):
                    continue
                top = self._ancestor(item, reader.scope)
                for inst in self._instances_under(top, comp):
                    self._enqueue(comp, inst)
        if self._graph.read_everything:
            for comp in self._graph.read_everything:
                for inst in self._instances_under(self._root, comp):
                    self._enqueue(comp, inst)

    def _structural(self, parent: Item, repeat: Template) -> None:
        """Instances of ``repeat`` under ``parent`` were added or removed."""
        for reader in self._graph.structural_readers(repeat):
            top = self._ancestor(parent, reader.scope)
            for inst in self._instances_under(top, reader.comp):
                self._enqueue(reader.comp, inst)
        for comp in self._graph.read_everything:
            for inst in self._instances_under(self._root, comp):
                self._enqueue(comp, inst)

    def _update_rel(self, item: Item) -> None:
        """Recompute ``item``'s effective relevance after its own or its parent's
        changed, and cascade to its descendants."""
        parent = item.parent
        new = item.own_rel and (parent.rel if parent is not None else True)
        if new == item.rel:
            return
        item.rel = new
        self._fire(item)
        if item.kids:
            self._cascade(item, item.tpl, new)

    def _cascade(self, item: Item, within: Template, new: bool) -> None:
        """``item`` (inside the group ``within`` whose relevance changed, or that group)
        became ``new``: its descendants follow, unless their own relevance is false."""
        deferred = self._deferred
        wake = new and deferred  # (re-read as the loop wakes entries: the dict itself)
        graph = self._graph
        everything = graph.read_everything
        live = graph.live_within(within)  # template id -> readers to rerun (or absent)
        changed = self._changed
        for kid in item.kids.values():
            for inst in kid if type(kid) is list else (kid,):
                if wake:
                    put_off = deferred.pop(inst, None)
                    if put_off is not None:  # what was put off on it runs now (_wake)
                        for comp in put_off:
                            self._enqueue(comp, inst)
                if inst.own_rel and new != inst.rel:
                    inst.rel = new
                    if everything:
                        self._fire(inst, within)
                    else:  # _fire, with the readers it would not leave alone
                        changed[inst] = None
                        for reader in live.get(inst.tpl.tid, ()):
                            comp = reader.comp
                            top = self._ancestor(inst, reader.scope)
                            for target in self._instances_under(top, comp):
                                self._enqueue(comp, target)
                    if inst.kids:
                        self._cascade(inst, within, new)

    def _defer(self, comp: Computation, item: Item) -> None:
        """Put ``comp`` on ``item`` off until ``item``'s group is relevant again."""
        put_off = self._deferred.get(item)
        if put_off is None:
            self._deferred[item] = [comp]
        elif comp not in put_off:
            put_off.append(comp)

    def _wake(self, item: Item) -> None:
        """``item``'s group became relevant: run what was put off on it."""
        put_off = self._deferred.pop(item, None)
        if put_off is not None:
            for comp in put_off:
                self._enqueue(comp, item)

    def _run(self) -> None:
        heap = self._heap
        pending = self._pending
        pop = heapq.heappop
        env = self._env
        copies = self._copies
        runs: dict[tuple[Computation, Item], int] = {}
        evaluations = 0
        try:
            while heap:
                _, _, comp, item = pop(heap)
                key = (comp, item)
                pending.discard(key)
                batch = copies.pop(key, None) if copies else None
                if item.dead:
                    if batch:
                        self._requeue(comp, batch[1])
                    continue
                if comp.deferrable:  # inside a non-relevant group: not needed until relevant
                    parent = item.parent
                    if parent is not None and not parent.rel:
                        self._defer(comp, item)
                        if batch:
                            self._requeue(comp, batch[1])
                        continue
                reruns = runs[key] = runs.get(key, 0) + 1
                evaluations += 1
                if reruns > MAX_RERUNS:
                    self._problems[(item.label_path(), comp.describe())] = "does not settle"
                    if batch:
                        self._requeue(comp, batch[1])
                    continue
                kind = comp.kind
                if kind == "count":
                    self._apply_count(comp, item)
                    continue
                expr = comp.expr
                if expr is None:  # a trigger without a calculation
                    value: Any = ""
                else:  # _evaluate, inline: a change may run hundreds of these
                    try:
                        value = unpack(expr.fn(EvalContext(item, item, env)))
                    except EVAL_ERRORS as exc:
                        self._problem(item, comp.describe(), exc)
                        value = True if kind == "rel" else ""
                        if batch:  # each of them notes its own problem
                            self._requeue(comp, batch[1])
                            batch = None
                    else:
                        if self._problems:
                            self._problems.pop((item.label_path(), comp.describe()), None)
                if kind == "rel":
                    new_rel = value if value is True or value is False else to_bool(value)
                    if new_rel != item.own_rel:
                        item.own_rel = new_rel
                        self._update_rel(item)
                else:
                    new = wrap_result(item.tpl, value)
                    old = item.xval
                    if type(new) is not type(old) or new != old:  # not same(new, old)
                        item.xval = new
                        # fired even when not relevant: raw reads (a group's relevance
                        # reading inside it) see the stored value
                        self._fire(item)
                if batch:
                    self._copy(comp, value, *batch)
        finally:
            self.evaluations += evaluations

    def _copy(self, comp: Computation, value: Any, repeat: Template, items: list[Item]) -> None:
        """``comp`` on ``items`` (of the other new instances of ``repeat`` in a batch),
        right after it ran on the first instance and gave ``value``: what ``_run`` would
        do with each, the result given (``FreshPlan``: it is the same on every one). It
        sets a value or a question's relevance; ``_fire`` is inline, and the readers
        whose scope lies above the instances (a sum over the roster) are queued once:
        they are the same for every instance. The items are new in this change: their
        paths are noted already (``_add_instances``), so they are not noted changed."""
        self._pending.difference_update(zip(itertools.repeat(comp), items))
        problems = self._problems
        column = comp.describe()
        relevance = comp.kind == "rel"
        if relevance:  # (a question's: no descendants to cascade to)
            own_rel = value if value is True or value is False else to_bool(value)
        else:  # the items are instances of the computation's target
            new = wrap_result(comp.target, value)
            kind = type(new)
        readers = self._graph.readers.get(comp.target.tid, ())
        own = [reader for reader in readers if reader.scope.depth >= repeat.depth]
        fire = readers  # the first item changed fires them all, the others their own
        deferrable = comp.deferrable
        evaluations = 0
        for item in items:
            parent = item.parent
            assert parent is not None
            if deferrable and not parent.rel:
                self._defer(comp, item)
                continue
            evaluations += 1
            if problems:
                problems.pop((item.label_path(), column), None)
            if relevance:
                if own_rel == item.own_rel:
                    continue
                item.own_rel = own_rel
                rel = own_rel and parent.rel
                if rel == item.rel:
                    continue
                item.rel = rel
            else:
                old = item.xval
                if type(old) is kind and old == new:  # same(new, old)
                    continue
                item.xval = new
            if fire:
                for reader in fire:
                    top = self._ancestor(item, reader.scope)
                    for inst in self._instances_under(top, reader.comp):
                        self._enqueue(reader.comp, inst)
                fire = own
        self.evaluations += evaluations

    def _requeue(self, comp: Computation, items: list[Item]) -> None:
        """Queue ``comp`` on each of ``items`` after all (already noted as pending): the
        first instance of their batch did not run it, or ran into a problem."""
        heap = self._heap
        for item in items:
            self._seq += 1
            heapq.heappush(heap, (comp.rank, self._seq, comp, item))

    def _evaluate(self, expr: CompiledExpr, item: Item, column: str, fallback: Any) -> Any:
        try:
            result = unpack(expr.fn(EvalContext(item, item, self._env)))
        except EVAL_ERRORS as exc:
            self._problem(item, column, exc)
            return fallback
        if self._problems:
            self._problems.pop((item.label_path(), column), None)
        return result

    def _problem(self, item: Item, column: str, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, ExpressionError) else type(exc).__name__
        self._problems[(item.label_path(), column)] = message

    def _apply_count(self, comp: Computation, parent: Item) -> None:
        """Add instances up to the repeat_count. A smaller count never deletes any: as in
        ODK Collect and the ODK XForms spec, to avoid losing answers to a typo."""
        assert comp.expr is not None
        number = to_number(self._evaluate(comp.expr, parent, "repeat_count", 0.0))
        wanted = 0 if math.isnan(number) else int(max(0.0, min(number, MAX_REPEAT_COUNT)))
        instances = parent.kids[comp.target.name]
        if len(instances) < wanted:
            self._add_instances(parent, comp.target, wanted - len(instances))
            self._structural(parent, comp.target)  # once: the same readers each time

    def _add_instance(self, parent: Item, tpl: Template, *, notify: bool = True) -> list[Item]:
        """A new instance of ``tpl`` under ``parent``, with its defaults, its
        computations queued; ``notify``: and the readers of the repeat's instances.
        What ``_apply_defaults``, ``_enqueue_subtree`` and noting every item changed
        do, from the form's plan of a new instance. Returns the instance's ``walk()``."""
        items = self._add_instances(parent, tpl, 1)
        if notify:
            self._structural(parent, tpl)
        return items

    def _add_instances(self, parent: Item, tpl: Template, count: int) -> list[Item]:
        """``count`` (>= 1) new instances of ``tpl`` under ``parent`` at once (a
        repeat_count: a household size of 30 makes 300 items), each as ``_add_instance``
        makes it, but for the computations that give the same result on every instance
        of the batch (they start alike: ``FreshPlan``): those are queued on the first
        instance only, and its result is given to the others when it runs (``_copy``).
        Returns the first instance's ``walk()``."""
        plan = self._plan(tpl)
        steps = plan.steps
        defaults = plan.defaults
        instances = parent.kids[tpl.name]
        above = parent.label_path()
        name = f"{above}/{tpl.name}" if above else tpl.name
        paths: list[str] = []
        made: list[list[Item]] = []
        first = len(instances) + 1
        for pos in range(first, first + count):
            items = make_instance(tpl, parent, pos, steps, f"{name}[{pos}]", paths)
            instances.append(items[0])
            made.append(items)
            if defaults:  # (one instance at a time: a default may count the instances)
                self._apply_defaults(items[0], [items[i] for i in defaults])
        self._changed_paths.update(paths)
        heap = self._heap
        pending = self._pending
        push = heapq.heappush
        seq = self._seq
        start = made[0]
        for index, comp, _ in plan.computations:  # the first instance: every one
            item = start[index]
            pending.add((comp, item))  # (a new item: nothing of it is queued yet)
            seq += 1
            push(heap, (comp.rank, seq, comp, item))
        others = made[1:]
        if others:
            queued = [(index, comp) for index, comp, same in plan.computations if not same]
            for items in others:
                for index, comp in queued:
                    item = items[index]
                    pending.add((comp, item))
                    seq += 1
                    push(heap, (comp.rank, seq, comp, item))
            for index, comp, same in plan.computations:
                if same:  # given its result with the first's (_copy)
                    batch = [items[index] for items in others]
                    pending.update(zip(itertools.repeat(comp), batch))
                    self._copies[(comp, start[index])] = (tpl, batch)
        self._seq = seq
        return start

    def _remove_instance(self, parent: Item, tpl: Template, index: int) -> None:
        instances = parent.kids[tpl.name]
        for later in instances[index - 1 :]:
            self._changed_paths.update(item.label_path() for item in later.walk())
        removed = instances.pop(index - 1)
        for item in removed.walk():
            item.dead = True
            self._changed.pop(item, None)
        for pos, inst in enumerate(instances[index - 1 :], start=index):
            inst.renumber(pos)
        self._structural(parent, tpl)

    def _finish(self) -> Paths:
        self._run()
        plain = self._graph.plain_paths
        if plain is None:
            plain = self._graph.plain_paths = {
                tpl.tid: tpl.path
                for tpl in self.form.templates[1:]
                if not any(t.is_repeat for t in (*tpl.ancestors(), tpl))
            }
        changed = self._changed_paths
        for item in self._changed:  # hundreds after a relevance change: the path inline
            if item.dead:
                continue
            path = item._path
            if path is None:
                path = plain.get(item.tpl.tid)
                if path is None:
                    path = _label_path(item, plain)
                else:
                    item._path = path
            changed.add(path)
        self._changed.clear()
        self._changed_paths = set()
        return changed


def _label_path(item: Item, plain: dict[int, str]) -> str:
    """``item.label_path()``, for the hundreds of items a relevance change touches: outside
    repeats a node's path is its template's (``plain``); inside, the changes are noted
    parents first, so the parent's path is already known (and cached)."""
    path = item._path
    if path is not None:
        return path
    path = plain.get(item.tpl.tid)
    if path is not None:
        item._path = path
        return path
    parent = item.parent
    if parent is None:
        return ""
    above = parent._path
    if above is None:
        above = parent.label_path()
    tpl = item.tpl
    own = f"{tpl.name}[{item.pos}]" if tpl.kind == "repeat" else tpl.name
    path = item._path = f"{above}/{own}" if above else own
    return path
