"""The dependency graph of a form's logic, built once per form on templates.

A :class:`Computation` is one expression that sets something: a node's relevance
(``rel``), its value (``calc``; ``trigger`` when it only runs on a trigger), or the
number of instances of a repeat (``count``). Computations are ranked in topological
order; a cycle among relevance, calculations and repeat counts is a
:class:`FormDefinitionError` naming the fields, e.g. ``a -> b -> a``.

At run time, when an instance N of template T changes, :attr:`DependencyGraph.readers`
``[T.tid]`` says which computations to rerun and (through ``scope``) on which instances:
those below N's ancestor instance of the scope template. Templates stand for all their
instances, which is what "templated per repeat" means here.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import NamedTuple

from fieldsurvey.forms.expression_compiler import CompiledExpr, Dep
from fieldsurvey.forms.form_errors import FormSheetError, Phrase, phrase
from fieldsurvey.forms.instance import (
    InstanceSteps,
    ShapeStep,
    Template,
    instance_steps,
    subtree_shape,
)


@dataclass(eq=False)
class Computation:
    #: "rel", "calc", "trigger" or "count"
    kind: str
    #: template whose instances carry the computation (for "count": the repeat's parent)
    owner: Template
    #: template whose relevance, value or instances it sets
    target: Template
    expr: CompiledExpr | None
    #: what makes it rerun (the expression's deps; for "trigger" the trigger's deps)
    reads: tuple[Dep, ...]
    rank: int = 0
    #: may wait while its instance is inside a non-relevant group (_mark_deferrable)
    deferrable: bool = False

    def describe(self) -> str:
        return _COLUMNS[self.kind]


#: The survey column of each kind of computation (in evaluation problems).
_COLUMNS = {"rel": "relevant", "calc": "calculation", "trigger": "trigger",
            "count": "repeat_count"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class FreshPlan:
    """How a new instance of a template is made and started (``IncrementalTree``), worked
    out once per form and template. Indexes are into the items ``make_instance`` returns
    (the instance first, then its descendants in document order)."""

    shape: tuple[ShapeStep, ...]
    #: ``make_instance``'s steps (the shape with each item's path below the instance's)
    steps: InstanceSteps
    #: the items with a default, in document order
    defaults: tuple[int, ...]
    #: (item, computation, same) for every computation but triggers, in the order
    #: ``IncrementalTree._enqueue_subtree`` queues them; ``same``: it gives the same
    #: result on every instance of a batch (``shared_results``)
    computations: tuple[tuple[int, Computation, bool], ...]


class Reader(NamedTuple):
    comp: Computation
    scope: Template
    structural: bool


@dataclass
class DependencyGraph:
    computations: list[Computation]
    readers: dict[int, list[Reader]] = field(default_factory=dict)
    #: computations with a trigger, by the template of the triggering question
    trigger_readers: dict[int, list[Reader]] = field(default_factory=dict)
    #: computations that may read anything (untraceable paths): rerun on every change
    read_everything: list[Computation] = field(default_factory=list)
    #: computations by owner template, in rank order (to evaluate a new instance)
    by_owner: dict[int, list[Computation]] = field(default_factory=dict)
    #: group template id -> template id -> the readers to rerun when a node of that
    #: template changes relevance because the group's did (``live_within``)
    _live_within: dict[int, dict[int, tuple[Reader, ...]]] = field(default_factory=dict)
    #: repeat template id -> ``structural_readers``
    _structural: dict[int, tuple[Reader, ...]] = field(default_factory=dict)
    #: template id -> its path, for the templates outside repeats (where a node's path
    #: is its template's); filled on first use (``IncrementalTree``)
    plain_paths: dict[int, str] | None = None
    #: (template id of an ancestor, owner template id) -> the names of the steps from
    #: the one down to the other (``IncrementalTree._instances_under``), filled on use
    chains: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)
    #: template id -> ``fresh_plan(template, ...)``, filled on use (``IncrementalTree``)
    fresh: dict[int, FreshPlan] = field(default_factory=dict)

    def fresh_plan(
        self, top: Template, with_default: frozenset[int], dynamic: frozenset[int]
    ) -> FreshPlan:
        """How to make a new instance of ``top`` (``with_default``: the ids of the
        questions that have a default; ``dynamic``: of those whose default is an
        expression)."""
        shape = subtree_shape(top)
        templates = [top, *(tpl for tpl, _, _, repeat, _ in shape if not repeat)]
        by_owner = self.by_owner
        computations = [
            comp
            for tpl in templates
            for comp in by_owner.get(tpl.tid, ())
            if comp.kind != "trigger"
        ]
        same = shared_results(self, top, computations)
        if any(t.tid in dynamic for t in templates):
            same = set()  # (a default may differ: uuid(), position(..))
        return FreshPlan(
            shape=shape,
            steps=instance_steps(shape),
            defaults=tuple(i for i, t in enumerate(templates) if t.tid in with_default),
            computations=tuple(
                (i, comp, id(comp) in same)
                for i, tpl in enumerate(templates)
                for comp in by_owner.get(tpl.tid, ())
                if comp.kind != "trigger"
            ),
        )

    def structural_readers(self, repeat: Template) -> tuple[Reader, ...]:
        """The readers of the nodes of ``repeat`` (and below) whose scope lies above
        it: what reruns when instances of ``repeat`` are added or removed (counts,
        sums, positions); worked out once per form and repeat."""
        found = self._structural.get(repeat.tid)
        if found is None:
            found = self._structural[repeat.tid] = tuple(
                reader
                for tpl in repeat.subtree()
                for reader in self.readers.get(tpl.tid, ())
                if reader.scope.depth < repeat.depth
            )
        return found

    def live_within(self, within: Template) -> dict[int, tuple[Reader, ...]]:
        """For a node whose relevance follows that of the group ``within``: by its
        template id, the readers that ``IncrementalTree._fire`` does not leave alone
        (absent: none), worked out once per form and group."""
        live = self._live_within.get(within.tid)
        if live is None:
            live = self._live_within[within.tid] = {}
            for tid, readers in self.readers.items():
                kept = tuple(
                    reader
                    for reader in readers
                    if not (
                        reader.comp.deferrable
                        and reader.scope.depth >= within.depth
                        and reader.comp.owner.depth > within.depth
                    )
                )
                if kept:
                    live[tid] = kept
        return live


def build_graph(computations: list[Computation]) -> DependencyGraph:
    """Index readers, rank computations topologically; raise on a cycle."""
    graph = DependencyGraph(computations)
    for comp in computations:
        if comp.expr is not None and comp.expr.reads_everything and comp.kind != "trigger":
            graph.read_everything.append(comp)
        index = graph.trigger_readers if comp.kind == "trigger" else graph.readers
        for dep in comp.reads:
            for tpl in _expand(dep.target):
                index.setdefault(tpl.tid, []).append(Reader(comp, dep.scope, dep.structural))
    _mark_deferrable(graph)
    _rank(computations)
    computations.sort(key=lambda c: c.rank)
    for comp in computations:
        graph.by_owner.setdefault(comp.owner.tid, []).append(comp)
    return graph


def shared_results(
    graph: DependencyGraph, repeat: Template, computations: list[Computation]
) -> set[int]:
    """Of ``computations`` (those of a new instance of ``repeat``), the ids of those that
    give the same result on every new instance of a batch (the instances a repeat_count
    makes at once, which start alike), so that ``IncrementalTree`` runs them on the
    first and gives the others the result. Such a computation sets a value, or the
    relevance of a question; reads nothing that tells the instances apart (position(),
    indexed-repeat(): a structural read) nor anything set by a computation of the
    instance that is not itself such; is not volatile; and nothing that reads what it
    sets runs before it (a raw read by a group's relevance, which would run between two
    instances). Between the batch's instances a computation then sees the same: what
    runs between them in rank order is that computation on the earlier instances,
    which changes only what it sets, which it does not read (the graph has no cycle)."""
    if graph.read_everything:
        return set()
    inside = {tpl.tid for tpl in repeat.subtree()}
    setters = _feeders(graph.computations)
    raw_setters = _feeders(graph.computations, with_relevance=False)
    same: dict[int, bool] = {}

    def alike(comp: Computation) -> bool:
        found = same.get(id(comp))
        if found is None:
            expr = comp.expr
            found = (
                expr is not None
                and (comp.kind == "calc" or (comp.kind == "rel" and not comp.target.children))
                and not expr.volatile
                and not expr.reads_everything
                and all(
                    reader.comp.rank > comp.rank
                    for reader in graph.readers.get(comp.target.tid, ())
                )
                and all(
                    not dep.structural
                    and all(
                        setter.owner.tid not in inside or alike(setter)
                        for setter in (raw_setters if dep.raw else setters).get(dep.target.tid, ())
                    )
                    for dep in comp.reads
                )
            )
            same[id(comp)] = found
        return found

    return {id(comp) for comp in computations if alike(comp)}


def _mark_deferrable(graph: DependencyGraph) -> None:
    """A relevance or calculation whose instance lies inside a non-relevant group can
    wait until the group is relevant again: meanwhile its result is not seen (its node
    reads as empty and its own relevance is masked by the group's). Not so for a value
    that a group's relevance reads raw, nor for once(), now()-like or untraceable
    expressions, triggers and repeat counts: those always run."""
    if graph.read_everything:
        return
    raw = {
        tpl.tid
        for comp in graph.computations
        for dep in comp.reads
        if dep.raw
        for tpl in _expand(dep.target)
    }
    for comp in graph.computations:
        expr = comp.expr
        if comp.kind not in ("rel", "calc") or expr is None or expr.volatile:
            continue
        if "once" in expr.text or (comp.kind == "calc" and comp.owner.tid in raw):
            continue
        comp.deferrable = True


def _expand(target: Template) -> list[Template]:
    """What reading ``target`` depends on. A group or repeat has no value of its own in
    JavaRosa (it reads as ""), so reading it (count(), position(..)) depends on the
    node itself (its instances), not on the answers inside it."""
    return [target]


def _feeders(
    computations: list[Computation], with_relevance: bool = True
) -> dict[int, list[Computation]]:
    """template id -> computations that change what reading that template yields
    (``with_relevance=False``: what reading its stored answer yields)."""
    setters: dict[int, list[Computation]] = {}
    for comp in computations:
        if comp.kind == "count" or (comp.kind == "rel" and with_relevance):
            for tpl in comp.target.subtree():
                setters.setdefault(tpl.tid, []).append(comp)
        elif comp.kind == "calc":
            setters.setdefault(comp.target.tid, []).append(comp)
    return setters


def _rank(computations: list[Computation]) -> None:
    ordered = [c for c in computations if c.kind != "trigger"]
    setters = _feeders(ordered)
    raw_setters = _feeders(ordered, with_relevance=False)
    edges: dict[int, list[tuple[Computation, Template]]] = {id(c): [] for c in ordered}
    indegree: dict[int, int] = {id(c): 0 for c in ordered}
    for comp in ordered:
        sources: dict[int, tuple[Computation, Template]] = {}
        for dep in comp.reads:
            feeders = raw_setters if dep.raw else setters
            for tpl in _expand(dep.target):
                for setter in feeders.get(tpl.tid, ()):
                    sources.setdefault(id(setter), (setter, tpl))
        for setter, via in sources.values():
            edges[id(setter)].append((comp, via))
            indegree[id(comp)] += 1
    ready = deque(c for c in ordered if indegree[id(c)] == 0)
    rank = 0
    while ready:
        comp = ready.popleft()
        comp.rank = rank
        rank += 1
        for nxt, _via in edges[id(comp)]:
            indegree[id(nxt)] -= 1
            if indegree[id(nxt)] == 0:
                ready.append(nxt)
    if rank < len(ordered):
        left = [c for c in ordered if indegree[id(c)] > 0]
        raise FormSheetError("forms.cycle", **_cycle_params(left, edges))
    for comp in computations:
        if comp.kind == "trigger":
            comp.rank = rank
            rank += 1


def _cycle_params(
    left: list[Computation], edges: dict[int, list[tuple[Computation, Template]]]
) -> dict[str, str | Phrase]:
    """Find one cycle among the computations left after ranking and describe it.

    Each computation left unranked reads at least one other left unranked, so walking
    from reader to what it reads must come back to a computation already seen. The
    message names each field in turn, with the field actually read when it lies inside
    a group whose relevance is part of the cycle.
    """
    remaining = {id(c) for c in left}
    reads: dict[int, list[tuple[Computation, Template]]] = {id(c): [] for c in left}
    for source in left:
        for reader, via in edges[id(source)]:
            if id(reader) in remaining:
                reads[id(reader)].append((source, via))
    path: list[tuple[Computation, Template]] = []
    seen: dict[int, int] = {}
    comp = left[0]
    while id(comp) not in seen:
        seen[id(comp)] = len(path)
        source, via = reads[id(comp)][0]
        path.append((comp, via))
        comp = source
    cycle = path[seen[id(comp)] :]
    names: list[str] = []
    for (reader, via), nxt in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
        names.append(reader.target.name)
        if via is not nxt[0].target:
            names.append(via.name)
    names.append(cycle[0][0].target.name)
    rows = sorted(
        {c.target.node.row for c, _ in cycle if c.target.node and c.target.node.row is not None}
    )
    where: str | Phrase = phrase("forms.cycle_rows", rows=", ".join(map(str, rows))) if rows else ""
    in_cycle = {id(c) for c, _ in cycle}
    plain = {key: [src for src, _ in value] for key, value in reads.items()}
    others = [c.target.name for c in left if id(c) not in in_cycle and _on_a_cycle(c, plain)]
    more: str | Phrase = ""
    if others:
        shown = ", ".join(dict.fromkeys(others[:10]))
        extra: str | Phrase = (
            phrase("forms.and_more", count=len(others) - 10) if len(others) > 10 else ""
        )
        more = phrase("forms.cycle_others", fields=shown, more=extra)
    return {"fields": " -> ".join(names), "rows": where, "more": more}


def _on_a_cycle(start: Computation, reads: dict[int, list[Computation]]) -> bool:
    """Whether following "reads" from ``start`` comes back to it."""
    stack = list(reads.get(id(start), ()))
    seen: set[int] = set()
    while stack:
        comp = stack.pop()
        if comp is start:
            return True
        if id(comp) not in seen:
            seen.add(id(comp))
            stack.extend(reads.get(id(comp), ()))
    return False
