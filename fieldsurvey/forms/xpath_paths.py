"""Run-time pieces of compiled paths: steps, predicates, indexed-repeat(), raw reads.

Used by the closures that :mod:`.expression_compiler` builds; nodes are anything with
the :class:`~fieldsurvey.forms.xpath_values.XNode` interface (form items, choice items).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from fieldsurvey.forms.entity_instance import KeyPredicate, keyed
from fieldsurvey.forms.instance import Template
from fieldsurvey.forms.xpath_context import EvalContext
from fieldsurvey.forms.xpath_values import EvaluationError, NodeSet, to_bool, to_number, unpack

Fn = Callable[[EvalContext], Any]


class RawNode:
    """A form node read as its stored answer, whatever its relevance."""

    __slots__ = ("item",)

    def __init__(self, item: Any) -> None:
        self.item = item

    @property
    def parent(self) -> Any:
        return self.item.parent

    def children_named(self, name: str) -> list[Any]:
        return self.item.children_named(name)  # type: ignore[no-any-return]

    def child_nodes(self) -> list[Any]:
        return self.item.child_nodes()  # type: ignore[no-any-return]

    def xvalue(self) -> Any:
        return self.item.xval

    def position(self) -> int:
        return self.item.position()  # type: ignore[no-any-return]

    def label_path(self) -> str:
        return self.item.label_path()  # type: ignore[no-any-return]


def raw_nodes(fn: Fn) -> Fn:
    return lambda ctx: NodeSet(RawNode(node) for node in fn(ctx))


def relevant_only(nodes: NodeSet, origin: Any = None) -> NodeSet:
    """The nodes of a path's result that are relevant, as JavaRosa's path evaluation keeps
    them (``XPathPathExprEval.removeIrrelevantNodesets``): ``count()``, ``join()``,
    ``sum()``... see only relevant nodes. Choice-list nodes have no relevance.

    ``origin``, the node whose expression this is, is kept: its relevance is what its
    relevance expression is computing (``position(.)`` there must not flip with it)."""
    if all(getattr(node, "rel", True) for node in nodes):
        return nodes
    return NodeSet(node for node in nodes if getattr(node, "rel", True) or node is origin)


def relevant_nodes(fn: Fn) -> Fn:
    """``fn``'s node-set without its non-relevant nodes (see :func:`relevant_only`)."""

    def run(ctx: EvalContext) -> Any:
        result = fn(ctx)
        return relevant_only(result, ctx.origin) if isinstance(result, NodeSet) else result

    return run


def as_nodeset(value: Any) -> NodeSet:
    if isinstance(value, NodeSet):
        return value
    raise EvaluationError("forms.eval_path_on_value")


def filter_nodes(nodes: NodeSet, preds: list[Fn], ctx: EvalContext) -> NodeSet:
    for pred in preds:
        size = len(nodes)
        kept = NodeSet()
        for pos, node in enumerate(nodes, start=1):
            result = pred(EvalContext(node, ctx.origin, ctx.env, pos, size))
            if isinstance(result, NodeSet):
                result = unpack(result) if len(result) <= 1 else True
            if isinstance(result, float) and not isinstance(result, bool):
                if not math.isnan(result) and result == pos:
                    kept.append(node)
            elif to_bool(result):
                kept.append(node)
        nodes = kept
    return nodes


def make_step_runner(
    plan: tuple[tuple[str, str, list[Fn]], ...],
) -> Callable[[EvalContext, NodeSet], NodeSet]:
    # a first predicate an entity list answers by key (instance('x')/root/item[name=...])
    steps = tuple(
        (axis, name, preds, preds[0] if preds and isinstance(preds[0], KeyPredicate) else None)
        for axis, name, preds in plan
    )

    def run(ctx: EvalContext, nodes: NodeSet) -> NodeSet:
        for axis, name, preds, key in steps:
            out = NodeSet()
            if axis == "parent":
                seen: set[int] = set()
                for node in nodes:
                    parent = node.parent
                    if parent is not None and id(parent) not in seen:
                        seen.add(id(parent))
                        out.append(parent)
            elif axis == "self":
                out = nodes
            else:
                for node in nodes:
                    found = keyed(node, name, key, ctx) if key and axis == "child" else None
                    if found is not None:  # an entity list's items, by key
                        kids = found
                    elif axis == "child":
                        kids = node.children_named(name)
                    else:
                        kids = node.child_nodes()
                    if preds:
                        kids = filter_nodes(NodeSet(kids), preds, ctx)
                    out.extend(kids)
                nodes = out
                continue
            nodes = filter_nodes(out, preds, ctx) if preds else out
        return nodes

    return run


def indexed_repeat_fn(chain: list[Template], pins: list[tuple[Template, Fn]]) -> Fn:
    def fn(ctx: EvalContext) -> Any:
        wanted: dict[int, int] = {}
        for repeat, index_fn in pins:
            index = to_number(index_fn(ctx))
            wanted[repeat.tid] = 1 if math.isnan(index) else max(1, int(min(index, 2**31)))
        around: dict[int, Any] = {}
        item = ctx.origin
        while item is not None:
            around[item.tpl.tid] = item
            item = item.parent
        items = [ctx.env.root()]
        for tpl in chain:
            if tpl.tid in wanted:
                pos = wanted[tpl.tid]
                items = [kid for it in items for kid in it.children_named(tpl.name)[pos - 1 : pos]]
            elif tpl.is_repeat and tpl.tid in around:
                pos = around[tpl.tid].pos
                items = [kid for it in items for kid in it.children_named(tpl.name)[pos - 1 : pos]]
            else:
                items = [kid for it in items for kid in it.children_named(tpl.name)]
        return relevant_only(NodeSet(items), ctx.origin)

    return fn
