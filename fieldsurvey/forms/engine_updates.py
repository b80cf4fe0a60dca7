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
"""

from __future__ import annotations

import heapq
import math
from datetime import tzinfo
from typing import TYPE_CHECKING, Any, cast

from fieldsurvey.errors import AnswerError, ExpressionError
from fieldsurvey.forms.dependency_graph import Computation
from fieldsurvey.forms.engine_answers import to_xvalue, wrap_result
from fieldsurvey.forms.expression_compiler import CompiledExpr
from fieldsurvey.forms.instance import Item, Template
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
        self._problems: dict[tuple[str, str], str] = {}
        #: computations put off while their instance is inside a non-relevant group,
        #: by instance; run when the group is relevant again (_wake)
        self._deferred: dict[Item, list[Computation]] = {}
        #: computations run so far (to observe how much work a change causes)
        self.evaluations = 0
        self._root = Item(form.root, None)
        #: what expressions run with (the subclass provides the Env protocol)
        self._env = cast(Env, self)

    # --- building the tree -----------------------------------------------------------
    def _materialise(self, item: Item) -> None:
        kids = item.kids
        rel = item.rel
        for tpl in item.tpl.children:
            if tpl.kind == "repeat":
                kids[tpl.name] = []
            else:
                child = Item(tpl, item)
                child.rel = rel
                kids[tpl.name] = child
                if tpl.children:
                    self._materialise(child)

    def _new_instance(self, parent: Item, tpl: Template) -> Item:
        instances = parent.kids[tpl.name]
        inst = Item(tpl, parent, len(instances) + 1)
        inst.rel = parent.rel
        instances.append(inst)
        self._materialise(inst)
        return inst

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
                    self._load(self._new_instance(item, tpl), sub, f"{here}[{i}]/")
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
        """Defaults of ``top`` and its descendants (``items``: ``top.walk()``, if known)."""
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
        runs: dict[tuple[Computation, Item], int] = {}
        while heap:
            _, _, comp, item = pop(heap)
            key = (comp, item)
            pending.discard(key)
            if item.dead:
                continue
            if comp.deferrable:  # inside a non-relevant group: not needed until relevant
                parent = item.parent
                if parent is not None and not parent.rel:
                    self._defer(comp, item)
                    continue
            reruns = runs[key] = runs.get(key, 0) + 1
            self.evaluations += 1
            if reruns > MAX_RERUNS:
                self._problems[(item.label_path(), comp.describe())] = "does not settle"
                continue
            kind = comp.kind
            if kind == "rel":
                assert comp.expr is not None
                try:  # _evaluate, inline: a relevance change runs hundreds of these
                    value = unpack(comp.expr.fn(EvalContext(item, item, env)))
                except EVAL_ERRORS as exc:
                    self._problem(item, "relevant", exc)
                    value = True
                else:
                    if self._problems:
                        self._problems.pop((item.label_path(), "relevant"), None)
                new_rel = value if value is True or value is False else to_bool(value)
                if new_rel != item.own_rel:
                    item.own_rel = new_rel
                    self._update_rel(item)
            elif kind == "count":
                self._apply_count(comp, item)
            else:
                result = self._evaluate(comp.expr, item, comp.describe(), "") if comp.expr else ""
                new = wrap_result(item.tpl, result)
                if not same(new, item.xval):
                    item.xval = new
                    # fired even when not relevant: raw reads (a group's relevance
                    # reading inside it) see the stored value
                    self._fire(item)

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
            while len(instances) < wanted:
                self._add_instance(parent, comp.target, notify=False)
            self._structural(parent, comp.target)  # once: the same readers each time

    def _add_instance(self, parent: Item, tpl: Template, *, notify: bool = True) -> Item:
        """A new instance of ``tpl`` under ``parent``, with its defaults, its
        computations queued; ``notify``: and the readers of the repeat's instances."""
        inst = self._new_instance(parent, tpl)
        items = inst.walk()
        self._apply_defaults(inst, items)
        self._enqueue_subtree(inst, items)
        if notify:
            self._structural(parent, tpl)
        self._changed.update(dict.fromkeys(items))
        return inst

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
