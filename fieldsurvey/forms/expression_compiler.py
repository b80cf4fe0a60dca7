"""AST -> Python closures, once per expression and form, plus what each one reads.

``compile_expression(text, owner, scope)`` parses ``text`` and returns a
:class:`CompiledExpr`: ``fn(ctx)`` evaluates it (``ctx`` is an
:class:`~fieldsurvey.forms.xpath_context.EvalContext` whose ``origin`` is an instance
of ``owner``), and ``deps`` lists the templates it reads with the scope that relates a
changed node to the expression instances that must rerun (see :class:`Dep`).

``${name}`` and absolute paths are resolved the way JavaRosa contextualises them:
repeats shared by the expression's node and the target resolve to the same
instance (siblings); repeats not shared resolve to all instances (a node-set).
As in JavaRosa (``XPathPathExprEval``), a path's result keeps only relevant nodes:
``count(${name})`` counts the relevant ones, ``join()`` joins them; the steps and
predicates on the way still see every node (``position()`` counts them all).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fieldsurvey.errors import ExpressionError
from fieldsurvey.forms import expression_parser as ast
from fieldsurvey.forms import last_saved
from fieldsurvey.forms.entity_instance import key_predicate
from fieldsurvey.forms.instance import Template, lowest_common_ancestor
from fieldsurvey.forms.xpath_context import EvalContext
from fieldsurvey.forms.xpath_functions import FUNCTIONS, SPECIAL_FUNCTIONS, VOLATILE
from fieldsurvey.forms.xpath_paths import (
    as_nodeset,
    filter_nodes,
    indexed_repeat_fn,
    make_step_runner,
    raw_nodes,
    relevant_nodes,
    relevant_only,
)
from fieldsurvey.forms.xpath_values import (
    EvaluationError,
    NodeSet,
    arithmetic,
    compare,
    is_empty,
    to_bool,
    to_number,
    to_string,
    unpack,
    values_equal,
)

Fn = Callable[[EvalContext], Any]

#: Functions of other platforms that real forms use; they load and read as empty.
UNSUPPORTED_EMPTY = {
    "duration": "SurveyCTO",
    "device-info": "SurveyCTO",
    "plug-in-metadata": "SurveyCTO",
    "add-date": "CHT/Enketo",
    "parse-timestamp-to-date": "CHT/Enketo",
}


@dataclass(frozen=True, slots=True)
class Dep:
    """The expression reads ``target`` (and, for a group or repeat, its descendants).

    When an instance N of ``target`` changes, the instances of the expression's owner
    to rerun are those below N's ancestor instance of template ``scope``.
    ``structural``: the expression also reacts to repeat instances of ``target``
    being added or removed (position(), count() of a repeat).
    """

    target: Template
    scope: Template
    structural: bool = False
    #: reads the stored answer whatever the relevance (a group's relevance reading
    #: answers inside the group, the CHT ``inputs`` pattern)
    raw: bool = False


@dataclass
class CompiledExpr:
    text: str
    fn: Fn
    deps: tuple[Dep, ...]
    #: uses now()/today()/random()/uuid(): may differ on every evaluation
    volatile: bool = False
    #: reads something we cannot trace statically: rerun on every change
    reads_everything: bool = False
    #: platform functions evaluated as empty (for load warnings)
    unsupported: tuple[str, ...] = ()


@dataclass
class FormScope:
    """What the compiler needs to know about the form."""

    root: Template
    by_name: dict[str, Template]
    #: names usable in instance('...') (choice lists)
    instances: frozenset[str] = frozenset()


def compile_expression(
    text: str,
    owner: Template,
    scope: FormScope,
    *,
    context_is_choice: bool = False,
    raw_inside_owner: bool = False,
) -> CompiledExpr:
    """Parse and compile; ``context_is_choice``: ``.`` is a choice item (choice_filter).

    ``raw_inside_owner``: nodes inside ``owner`` read as their stored answer even when
    not relevant. Used for a group's own relevance: JavaRosa calls a group whose
    relevance reads a question inside it a cycle, while CHT forms rely on it
    (``inputs`` groups); reading the stored answer makes it well defined.
    """
    tree = ast.parse(text)
    compiler = _Compiler(text, owner, scope, raw_inside=raw_inside_owner)
    try:
        fn = compiler.compile(tree, None if context_is_choice else owner)
    except RecursionError:
        raise ExpressionError("forms.expr_too_deep", expression=text) from None
    # A scope must enclose the owner too (paths from ${rep}/x or current() may start
    # elsewhere); widening a scope only makes more instances rerun, never fewer.
    deps = [
        Dep(d.target, lowest_common_ancestor(d.scope, owner), d.structural, d.raw)
        for d in compiler.deps
    ]
    return CompiledExpr(
        text=text,
        fn=fn,
        deps=tuple(dict.fromkeys(deps)),
        volatile=compiler.volatile,
        reads_everything=compiler.reads_everything,
        unsupported=tuple(dict.fromkeys(compiler.unsupported)),
    )


def _self_node(ctx: EvalContext) -> NodeSet:
    """``.``: the context node, unless it is a form node that is not relevant (and not
    the node whose expression this is), as :func:`relevant_only` keeps nodes."""
    node = ctx.node
    if getattr(node, "rel", True) or node is ctx.origin:
        return NodeSet((node,))
    return NodeSet()


def _value_reader(up: int, names: tuple[str, ...]) -> Fn:
    """Reads the node ``up`` levels above the context's origin and then down ``names``,
    as ``unpack`` reads a one-node node-set: its value, or "" when it is not relevant.
    The shapes of nearly every reference (a sibling, a question of a top-level group,
    from a repeat instance) are spelt out."""
    if up == 1 and len(names) == 1:
        (name,) = names

        def sibling(ctx: EvalContext) -> Any:
            item = ctx.origin.parent.kids[name]
            return item.xval if item.rel else ""

        return sibling
    if up == 0 and len(names) <= 2:
        first, second = (*names, "", "")[:2]

        def below(ctx: EvalContext) -> Any:
            item = ctx.origin
            if first:
                item = item.kids[first]
                if second:
                    item = item.kids[second]
            return item.xval if item.rel else ""

        return below

    def value(ctx: EvalContext) -> Any:
        item = ctx.origin
        for _ in range(up):
            item = item.parent
        for name in names:
            item = item.kids[name]
        return item.xval if item.rel else ""  # unpack: a non-relevant node reads ""

    return value


def _self_value(ctx: EvalContext) -> Any:
    """``unpack(_self_node(ctx))``: a node that is not relevant reads "" either way."""
    return ctx.node.xvalue()


_NAN = float("nan")
_ORDER: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}  # fmt: skip
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _with_literal(op: str, node: ast.BinOp, left: Fn, right: Fn) -> Fn | None:
    """``${x} = 'yes'``, ``. >= 15``...: a comparison with a literal, the literal's
    conversion done once (the same results as ``values_equal`` and ``compare``)."""
    if isinstance(node.left, ast.Str | ast.Num) and not isinstance(node.right, ast.Str | ast.Num):
        op = _MIRROR.get(op, op)
        literal, other = node.left, right
    elif isinstance(node.right, ast.Str | ast.Num):
        literal, other = node.right, left
    else:
        return None
    if op in ("=", "!=") and isinstance(literal, ast.Str):
        text = literal.value
        negate = op == "!="

        def equal_text(ctx: EvalContext) -> bool:
            value = unpack(other(ctx))
            if type(value) is str:  # a string against a string: compared as strings
                return (value == text) is not negate
            return values_equal(value, text) is not negate

        return equal_text
    if op in _ORDER and isinstance(literal, ast.Num):
        number, order = literal.value, _ORDER[op]

        def ordered(ctx: EvalContext) -> bool:
            value = other(ctx)
            if type(value) is not float:  # an unanswered question is NaN (to_number)
                value = _NAN if value == "" else to_number(value)
            return order(value, number)

        return ordered
    return None


@dataclass
class _Compiler:
    text: str
    owner: Template
    scope: FormScope
    raw_inside: bool = False
    deps: list[Dep] = field(default_factory=list)
    volatile: bool = False
    reads_everything: bool = False
    unsupported: list[str] = field(default_factory=list)

    # --- dispatch ----------------------------------------------------------------
    def compile(self, node: ast.Expr, here: Template | None) -> Fn:
        """``here``: the template of ``.`` (None when ``.`` is not a form node)."""
        if isinstance(node, ast.Num):
            number = node.value
            return lambda ctx: number
        if isinstance(node, ast.Str):
            text = node.value
            return lambda ctx: text
        if isinstance(node, ast.VarRef):
            target = self.lookup(node.name)
            if node.last_saved:  # the interview saved last on this laptop
                return last_saved.reference(target)
            return self.var_ref(target)
        if isinstance(node, ast.Path):
            return self.path(node, here)
        if isinstance(node, ast.Filter):
            return self.filter(node, here)
        if isinstance(node, ast.Call):
            return self.call(node, here)
        if isinstance(node, ast.BinOp):
            return self.binop(node, here)
        if isinstance(node, ast.Neg):
            operand = self.operand(node.operand, here)
            return lambda ctx: -to_number(operand(ctx))
        if isinstance(node, ast.Union):
            return self.union(node, here)
        raise ExpressionError("forms.expr_cannot_compile", expression=self.text)

    def lookup(self, name: str) -> Template:
        target = self.scope.by_name.get(name)
        if target is None:
            raise ExpressionError(
                "forms.expr_unknown_reference", expression=self.text, reference=f"${{{name}}}"
            )
        return target

    # --- operators -----------------------------------------------------------------
    def operand(self, node: ast.Expr, here: Template | None) -> Fn:
        """``node`` compiled for a use that reads one value of it (an operator's operand,
        a condition): a question's ``${name}`` outside repeats, or ``.``, then reads the
        value itself, without making the node-set that would only be unpacked."""
        if isinstance(node, ast.VarRef) and not node.last_saved:
            direct = self.var_value(self.lookup(node.name))
            if direct is not None:
                return direct
        fn = self.compile(node, here)
        return _self_value if fn is _self_node else fn

    def var_value(self, target: Template) -> Fn | None:
        """The value ``var_ref(target)`` reads, unpacked (as ``unpack`` would), when the
        reference is one node (no repeat on the way) read as relevance has it; else None."""
        common = lowest_common_ancestor(self.owner, target)
        if self.is_raw(target):
            return None
        chain: list[Template] = []
        node: Template | None = target
        while node is not None and node is not common:
            chain.append(node)
            node = node.parent
        if any(t.is_repeat for t in chain):
            return None
        self.deps.append(Dep(target, common))
        up = self.owner.depth - common.depth
        names = tuple(t.name for t in reversed(chain))
        return _value_reader(up, names)

    def binop(self, node: ast.BinOp, here: Template | None) -> Fn:
        left = self.operand(node.left, here)
        right = self.operand(node.right, here)
        op = node.op
        if op == "and":

            def both(ctx: EvalContext) -> bool:
                a = left(ctx)
                if not (a if a is True or a is False else to_bool(a)):
                    return False
                b = right(ctx)
                return b if b is True or b is False else to_bool(b)

            return both
        if op == "or":

            def either(ctx: EvalContext) -> bool:
                a = left(ctx)
                if a if a is True or a is False else to_bool(a):
                    return True
                b = right(ctx)
                return b if b is True or b is False else to_bool(b)

            return either
        fast = _with_literal(op, node, left, right)
        if fast is not None:
            return fast
        if op == "=":
            return lambda ctx: values_equal(left(ctx), right(ctx))
        if op == "!=":
            return lambda ctx: not values_equal(left(ctx), right(ctx))
        if op in ("<", "<=", ">", ">="):
            return lambda ctx: compare(op, left(ctx), right(ctx))
        return lambda ctx: arithmetic(op, left(ctx), right(ctx))

    def union(self, node: ast.Union, here: Template | None) -> Fn:
        left = self.compile(node.left, here)
        right = self.compile(node.right, here)

        def fn(ctx: EvalContext) -> Any:
            a, b = left(ctx), right(ctx)
            if not isinstance(a, NodeSet) or not isinstance(b, NodeSet):
                raise EvaluationError("forms.eval_union_of_values")
            seen = {id(n) for n in a}
            return NodeSet([*a, *(n for n in b if id(n) not in seen)])

        return fn

    # --- paths ---------------------------------------------------------------------
    def var_ref(self, target: Template) -> Fn:
        """``${name}`` (and simple absolute paths), contextualised like JavaRosa."""
        common = lowest_common_ancestor(self.owner, target)
        raw = self.is_raw(target)
        self.deps.append(Dep(target, common, raw=raw))
        up = self.owner.depth - common.depth
        chain: list[Template] = []
        node: Template | None = target
        while node is not None and node is not common:
            chain.append(node)
            node = node.parent
        chain.reverse()
        names = tuple(t.name for t in chain)
        if not any(t.is_repeat for t in chain):

            def single(ctx: EvalContext) -> Any:
                item = ctx.origin
                for _ in range(up):
                    item = item.parent
                for name in names:
                    item = item.kids[name]
                return NodeSet((item,))

            def single_relevant(ctx: EvalContext) -> Any:
                item = ctx.origin
                for _ in range(up):
                    item = item.parent
                for name in names:
                    item = item.kids[name]
                return NodeSet((item,)) if item.rel or item is ctx.origin else NodeSet()

            return raw_nodes(single) if raw else single_relevant

        def many(ctx: EvalContext) -> Any:
            item = ctx.origin
            for _ in range(up):
                item = item.parent
            items = [item]
            for name in names:  # it.children_named(name), inline: a sum over a roster
                found: list[Any] = []
                for it in items:
                    kid = it.kids.get(name)
                    if type(kid) is list:
                        found += kid
                    elif kid is not None:
                        found.append(kid)
                items = found
            return NodeSet(items)

        def many_relevant(ctx: EvalContext) -> Any:
            nodes: NodeSet = many(ctx)
            for node in nodes:  # (form items: relevant_only without getattr)
                if not node.rel:
                    return relevant_only(nodes, ctx.origin)
            return nodes

        return raw_nodes(many) if raw else many_relevant

    def is_raw(self, target: Template | None) -> bool:
        return (
            self.raw_inside
            and target is not None
            and target is not self.owner
            and self.owner.is_ancestor_of(target)
        )

    def path(self, node: ast.Path, here: Template | None) -> Fn:
        steps = node.steps
        if node.base is not None:
            start_tpl = self.base_template(node.base)
            base = self.compile(node.base, here)
            run = self.steps(steps, start_tpl)
            return relevant_nodes(lambda ctx: run(ctx, as_nodeset(base(ctx))))
        if node.absolute:
            return self.absolute(steps)
        before = len(self.deps)
        run = self.steps(steps, here)
        fn: Fn = lambda ctx: run(ctx, NodeSet((ctx.node,)))  # noqa: E731
        if here is self.owner and any(d.raw for d in self.deps[before:]):
            return raw_nodes(fn)
        if len(steps) == 1 and steps[0].axis == "self" and not steps[0].predicates:
            return _self_node  # ``.``: what relevant_nodes(fn) gives, without the steps
        return relevant_nodes(fn)

    def absolute(self, steps: tuple[ast.Step, ...]) -> Fn:
        root = self.scope.root
        if not steps:
            self.reads_everything = True
            return lambda ctx: NodeSet((ctx.env.root(),))
        first, rest = steps[0], steps[1:]
        simple = first.axis == "child" and not first.predicates
        target: Template | None = root
        for step in rest:
            if step.axis != "child" or step.predicates or target is None:
                simple = False
                break
            target = target.by_name.get(step.name)
        if simple and target is not None and target is not root:
            return self.var_ref(target)
        preds = [self.compile(p, root) for p in first.predicates]
        run = self.steps(rest, root)

        def fn(ctx: EvalContext) -> Any:
            start = NodeSet((ctx.env.root(),))
            if preds:
                start = filter_nodes(start, preds, ctx)
            return run(ctx, start)

        return relevant_nodes(fn)

    def base_template(self, base: ast.Expr) -> Template | None:
        """The static template a path's base expression yields, for dependencies."""
        if isinstance(base, ast.Call) and base.name == "current":
            return self.owner
        if isinstance(base, ast.VarRef):
            return self.lookup(base.name)
        if isinstance(base, ast.Call) and base.name == "instance":
            return None
        self.reads_everything = True
        return None

    def steps(
        self, steps: tuple[ast.Step, ...], start: Template | None
    ) -> Callable[[EvalContext, NodeSet], NodeSet]:
        """Compile the steps of a relative path; record what they read."""
        plan: list[tuple[str, str, list[Fn]]] = []
        tpl, anchor, known = start, start, start is not None
        for step in steps:
            if step.axis == "attr":
                raise ExpressionError(
                    "forms.expr_attribute", expression=self.text, attribute=f"@{step.name}"
                )
            if not known and step.axis == "parent" and start is not None:
                self.reads_everything = True  # climbing back out of a '*': untraceable
            if known and tpl is not None:
                if step.axis == "parent":
                    tpl = tpl.parent
                    if tpl is not None and anchor is not None and tpl.depth < anchor.depth:
                        anchor = tpl
                elif step.axis == "child":
                    tpl = tpl.by_name.get(step.name)
                elif step.axis == "any":
                    # Whatever '*' reaches is inside tpl: depend on all of it.
                    self.deps.extend(Dep(t, anchor or tpl) for t in tpl.subtree()[1:])
                    known = False
            preds = [self.compile(p, tpl if known else None) for p in step.predicates]
            if preds and not known:  # instance('list')/root/item[name = ${x}]: by key
                preds[0] = key_predicate(preds[0], step.predicates[0], self.key_value)
            plan.append((step.axis, step.name, preds))
        if start is not None and anchor is not None and tpl is not None:
            raw = start is self.owner and anchor is self.owner and self.is_raw(tpl)
            self.deps.append(Dep(tpl, anchor, raw=raw))
        return make_step_runner(tuple(plan))

    def key_value(self, expr: ast.Expr) -> Fn:
        """The value side of a key predicate (its reads are already recorded)."""
        before = len(self.deps)
        fn = self.compile(expr, None)
        del self.deps[before:]
        return fn

    def filter(self, node: ast.Filter, here: Template | None) -> Fn:
        base = self.compile(node.base, here)
        tpl = self.lookup(node.base.name) if isinstance(node.base, ast.VarRef) else None
        preds = [self.compile(p, tpl) for p in node.predicates]
        return relevant_nodes(lambda ctx: filter_nodes(as_nodeset(base(ctx)), preds, ctx))

    # --- functions -----------------------------------------------------------------
    def call(self, node: ast.Call, here: Template | None) -> Fn:
        name = node.name
        if name in SPECIAL_FUNCTIONS:
            low, high = SPECIAL_FUNCTIONS[name]
            self.check_arity(name, len(node.args), low, high)
            return getattr(self, "fn_" + name.replace("jr:", "jr_").replace("-", "_"))(  # type: ignore[no-any-return]
                node, here
            )
        if name in UNSUPPORTED_EMPTY:
            self.unsupported.append(name)
            args = [self.compile(arg, here) for arg in node.args]
            return lambda ctx: ""
        spec = FUNCTIONS.get(name)
        if spec is None:
            raise ExpressionError("forms.expr_unknown_function", name=name, expression=self.text)
        low, high, impl = spec
        self.check_arity(name, len(node.args), low, high)
        if name in VOLATILE:
            self.volatile = True
        args = [self.compile(arg, here) for arg in node.args]
        if not args:
            return lambda ctx: impl(ctx, [])
        if len(args) == 1:
            (only,) = args
            return lambda ctx: impl(ctx, [only(ctx)])
        if len(args) == 2:
            first, second = args
            return lambda ctx: impl(ctx, [first(ctx), second(ctx)])
        return lambda ctx: impl(ctx, [arg(ctx) for arg in args])

    def check_arity(self, name: str, count: int, low: int, high: int | None) -> None:
        if count >= low and (high is None or count <= high):
            return
        text = self.text
        if high == low == 1:
            raise ExpressionError("forms.expr_arity_one", name=name, count=count, expression=text)
        if high == low:
            raise ExpressionError(
                "forms.expr_arity", name=name, low=low, count=count, expression=text
            )
        if high is None:
            raise ExpressionError(
                "forms.expr_arity_at_least", name=name, low=low, count=count, expression=text
            )
        raise ExpressionError(
            "forms.expr_arity_range", name=name, low=low, high=high, count=count, expression=text
        )

    def fn_if(self, node: ast.Call, here: Template | None) -> Fn:
        cond = self.operand(node.args[0], here)
        yes, no = (self.compile(arg, here) for arg in node.args[1:])

        def fn(ctx: EvalContext) -> Any:
            test = cond(ctx)
            if test is True or (test is not False and to_bool(test)):
                return yes(ctx)
            return no(ctx)

        return fn

    def fn_coalesce(self, node: ast.Call, here: Template | None) -> Fn:
        first, second = (self.compile(arg, here) for arg in node.args)

        def fn(ctx: EvalContext) -> Any:
            value = unpack(first(ctx))
            return unpack(second(ctx)) if is_empty(value) else value

        return fn

    def fn_once(self, node: ast.Call, here: Template | None) -> Fn:
        arg = self.compile(node.args[0], here)

        def fn(ctx: EvalContext) -> Any:
            current = ctx.origin.xvalue()
            if current is None or to_string(current) == "":
                return arg(ctx)
            return current

        return fn

    def fn_current(self, node: ast.Call, here: Template | None) -> Fn:
        return lambda ctx: NodeSet((ctx.origin,))

    def fn_instance(self, node: ast.Call, here: Template | None) -> Fn:
        arg = node.args[0]
        if not isinstance(arg, ast.Str):
            raise ExpressionError("forms.expr_instance_name", expression=self.text)
        name = arg.value

        def fn(ctx: EvalContext) -> Any:
            doc = ctx.env.secondary(name)
            return NodeSet(() if doc is None else (doc,))

        return fn

    def fn_position(self, node: ast.Call, here: Template | None) -> Fn:
        if node.args:
            before = len(self.deps)
            arg = self.compile(node.args[0], here)
            for dep in self.deps[before:]:
                if dep.target.is_repeat:
                    self.deps.append(Dep(dep.target, dep.target.parent or dep.target, True))

            def fn(ctx: EvalContext) -> Any:
                nodes = as_nodeset(arg(ctx))
                return float(nodes[0].position()) if nodes else 0.0

            return fn
        if here is not None and here.is_repeat:
            self.deps.append(Dep(here, here.parent or here, True))

        def fn0(ctx: EvalContext) -> Any:
            if ctx.pos:
                return float(ctx.pos)
            return float(ctx.node.position())

        return fn0

    def fn_indexed_repeat(self, node: ast.Call, here: Template | None) -> Fn:
        args = node.args
        if len(args) % 2 == 0:
            raise ExpressionError("forms.expr_indexed_repeat_pairs", expression=self.text)
        target = self.path_template(args[0])
        pins: list[tuple[Template, Fn]] = []
        for rep_arg, idx_arg in zip(args[1::2], args[2::2], strict=True):
            repeat = self.path_template(rep_arg)
            if not repeat.is_repeat or not repeat.is_ancestor_of(target):
                raise ExpressionError(
                    "forms.expr_indexed_repeat_not_around",
                    repeat=repeat.name,
                    field=target.name,
                    expression=self.text,
                )
            pins.append((repeat, self.compile(idx_arg, here)))
            self.deps.append(Dep(repeat, self.scope.root, True))
        self.deps.append(Dep(target, self.scope.root))
        chain = [*target.ancestors()[1:], target]
        return indexed_repeat_fn(chain, pins)

    def path_template(self, arg: ast.Expr) -> Template:
        if isinstance(arg, ast.VarRef):
            return self.lookup(arg.name)
        if isinstance(arg, ast.Path) and arg.base is None:
            tpl: Template | None = self.scope.root if arg.absolute else self.owner
            steps = arg.steps[1:] if arg.absolute else arg.steps
            for step in steps:
                if tpl is None or step.predicates:
                    break
                if step.axis == "parent":
                    tpl = tpl.parent
                elif step.axis == "child":
                    tpl = tpl.by_name.get(step.name)
                elif step.axis != "self":
                    tpl = None
            if tpl is not None:
                return tpl
        raise ExpressionError("forms.expr_indexed_repeat_references", expression=self.text)

    def fn_jr_choice_name(self, node: ast.Call, here: Template | None) -> Fn:
        value = self.compile(node.args[0], here)
        question_arg = node.args[1]
        if isinstance(question_arg, ast.Str):
            question = question_arg.value
            return lambda ctx: ctx.env.choice_name(to_string(value(ctx)), question, ctx.origin)
        question_fn = self.compile(question_arg, here)
        return lambda ctx: ctx.env.choice_name(
            to_string(value(ctx)), to_string(question_fn(ctx)), ctx.origin
        )
