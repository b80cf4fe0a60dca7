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

from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms.expression_compiler import CompiledExpr, Dep
from fieldsurvey.forms.instance import Template


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

    def describe(self) -> str:
        return {"rel": "relevant", "calc": "calculation", "trigger": "trigger",
                "count": "repeat_count"}[self.kind]  # fmt: skip


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
    _rank(computations)
    computations.sort(key=lambda c: c.rank)
    for comp in computations:
        graph.by_owner.setdefault(comp.owner.tid, []).append(comp)
    return graph


def _expand(target: Template) -> list[Template]:
    """Reading a group or repeat reads everything inside it."""
    return target.subtree() if target.is_container else [target]


def _feeders(computations: list[Computation]) -> dict[int, list[Computation]]:
    """template id -> computations that change what reading that template yields."""
    setters: dict[int, list[Computation]] = {}
    for comp in computations:
        if comp.kind in ("rel", "count"):
            for tpl in comp.target.subtree():
                setters.setdefault(tpl.tid, []).append(comp)
        elif comp.kind == "calc":
            setters.setdefault(comp.target.tid, []).append(comp)
    return setters


def _rank(computations: list[Computation]) -> None:
    ordered = [c for c in computations if c.kind != "trigger"]
    setters = _feeders(ordered)
    edges: dict[int, list[Computation]] = {id(c): [] for c in ordered}
    indegree: dict[int, int] = {id(c): 0 for c in ordered}
    for comp in ordered:
        sources: dict[int, Computation] = {}
        for dep in comp.reads:
            for tpl in _expand(dep.target):
                for setter in setters.get(tpl.tid, ()):
                    sources[id(setter)] = setter
        for setter in sources.values():
            edges[id(setter)].append(comp)
            indegree[id(comp)] += 1
    ready = deque(c for c in ordered if indegree[id(c)] == 0)
    rank = 0
    while ready:
        comp = ready.popleft()
        comp.rank = rank
        rank += 1
        for nxt in edges[id(comp)]:
            indegree[id(nxt)] -= 1
            if indegree[id(nxt)] == 0:
                ready.append(nxt)
    if rank < len(ordered):
        left = [c for c in ordered if indegree[id(c)] > 0]
        raise FormDefinitionError(_cycle_message(left, edges))
    for comp in computations:
        if comp.kind == "trigger":
            comp.rank = rank
            rank += 1


def _cycle_message(left: list[Computation], edges: dict[int, list[Computation]]) -> str:
    """Find one cycle among the computations left after ranking and describe it.

    Each computation left unranked reads at least one other left unranked, so walking
    from reader to what it reads must come back to a computation already seen.
    """
    remaining = {id(c) for c in left}
    reads: dict[int, list[Computation]] = {id(c): [] for c in left}
    for source in left:
        for reader in edges[id(source)]:
            if id(reader) in remaining:
                reads[id(reader)].append(source)
    path: list[Computation] = []
    seen: dict[int, int] = {}
    comp = left[0]
    while id(comp) not in seen:
        seen[id(comp)] = len(path)
        path.append(comp)
        comp = reads[id(comp)][0]
    cycle = path[seen[id(comp)] :]
    names = [c.target.name for c in cycle]
    names.append(names[0])
    rows = sorted({c.target.node.row for c in cycle if c.target.node and c.target.node.row})
    where = f" (survey sheet, rows {', '.join(map(str, rows))})" if rows else ""
    return f"Cycle in form logic: {' -> '.join(names)}{where}"
