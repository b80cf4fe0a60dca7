"""An entity list read as a form's secondary instance: ``instance('households')``.

ODK serves an entity list to a form as a CSV attachment (``households.csv``): ``root/item``
per entity, with ``name`` (the id), ``label``, ``__version``, ``__trunkVersion``,
``__branchId`` and a child per property (:meth:`EntityRow.columns`). Here the list is
read from an :class:`~fieldsurvey.forms.entity_model.EntitySource` (the laptop's store)
each time an expression asks, so an entity created by the interview completed a moment
ago is there for the next one.

A list may hold 100,000 entities: ``instance('households')/root/item[name = ${hh}]/size``
does not read them all. The compiled path marks a predicate ``name = <expression that
does not read the item>`` as a key (:func:`key_predicate`), and the root of an entity
list answers it with ``EntitySource.get`` (:meth:`EntityListRoot.keyed_children`); any
other path over the items reads the whole list (``count(instance('x')/root/item)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fieldsurvey.forms.entity_model import EntityRow, EntitySource
from fieldsurvey.forms.instance import SecNode
from fieldsurvey.forms.xpath_context import EvalContext
from fieldsurvey.forms.xpath_values import NodeSet

if TYPE_CHECKING:  # the grammar (lark) loads with the engine, not with the attachments
    from fieldsurvey.forms import expression_parser as ast

Fn = Callable[[EvalContext], Any]

#: Functions whose value depends on the node or the place being filtered.
_CONTEXT_FUNCTIONS = frozenset({"position", "last", "name", "local-name", "count"})


def entity_item(parent: SecNode, row: EntityRow, pos: int) -> SecNode:
    """The ``item`` of one entity: a child per column (system columns first)."""
    item = SecNode("item", parent, pos=pos)
    item.kids = [SecNode(key, item, value) for key, value in row.columns().items()]
    return item


class EntityListRoot(SecNode):
    """``root`` of an entity list: its items read on first use, or one by key."""

    __slots__ = ("_items", "_list", "_source")

    def __init__(self, parent: SecNode, source: EntitySource, list_name: str) -> None:
        self._source = source
        self._list = list_name
        self._items: list[SecNode] | None = None
        super().__init__("root", parent)

    @property  # type: ignore[override]
    def kids(self) -> list[SecNode]:
        if self._items is None:
            rows = self._source.rows(self._list)
            self._items = [entity_item(self, row, pos) for pos, row in enumerate(rows, start=1)]
        return self._items

    @kids.setter
    def kids(self, value: list[SecNode]) -> None:
        self._items = value or None

    def children_named(self, name: str) -> list[Any]:
        return list(self.kids) if name == "item" else []

    def child_nodes(self) -> list[Any]:
        return list(self.kids)

    def keyed_children(self, name: str, column: str, value: str) -> list[Any] | None:
        """The ``item`` children whose ``column`` is ``value``, by key when ``column`` is
        ``name``; None: not a key (the caller filters every child)."""
        if name != "item":
            return []
        if column != "name" or self._items is not None:
            return None
        row = self._source.get(self._list, value)
        return [] if row is None else [entity_item(self, row, 1)]


def entity_document(source: EntitySource, list_name: str) -> SecNode:
    """``instance(list_name)`` for an entity list: ``#document`` / ``root`` / ``item``..."""
    doc = SecNode("#document", None)
    doc.kids.append(EntityListRoot(doc, source, list_name))
    return doc


# --- key predicates ------------------------------------------------------------------------
def key_column(predicate: ast.Expr) -> tuple[str, ast.Expr] | None:
    """``(column, value expression)`` when ``predicate`` is ``column = value`` (either way
    round) with ``column`` a child of the item and ``value`` not reading the item."""
    from fieldsurvey.forms import expression_parser as ast

    if not isinstance(predicate, ast.BinOp) or predicate.op != "=":
        return None
    for side, other in ((predicate.left, predicate.right), (predicate.right, predicate.left)):
        name = _child_name(side)
        if name is not None and context_free(other):
            return name, other
    return None


def _child_name(expr: ast.Expr) -> str | None:
    from fieldsurvey.forms import expression_parser as ast

    if (
        isinstance(expr, ast.Path)
        and expr.base is None
        and not expr.absolute
        and len(expr.steps) == 1
        and expr.steps[0].axis == "child"
        and not expr.steps[0].predicates
    ):
        return expr.steps[0].name
    return None


def context_free(expr: ast.Expr) -> bool:
    """Whether ``expr`` has the same value for every node it filters (it reads no
    relative path, ``position()`` or ``last()``)."""
    from fieldsurvey.forms import expression_parser as ast

    if isinstance(expr, ast.Num | ast.Str | ast.VarRef):
        return True
    if isinstance(expr, ast.Path):
        if expr.base is not None:
            return context_free(expr.base)
        return expr.absolute
    if isinstance(expr, ast.Filter):
        return context_free(expr.base)
    if isinstance(expr, ast.Call):
        if expr.name in _CONTEXT_FUNCTIONS and not expr.args:
            return False
        return all(context_free(arg) for arg in expr.args)
    if isinstance(expr, ast.BinOp | ast.Union):
        return context_free(expr.left) and context_free(expr.right)
    if isinstance(expr, ast.Neg):
        return context_free(expr.operand)
    return False


class KeyPredicate:
    """A compiled predicate ``column = value`` that an entity list answers by key
    (:meth:`EntityListRoot.keyed_children`); called, it is the predicate itself."""

    __slots__ = ("column", "fn", "value")

    def __init__(self, fn: Fn, column: str, value: Fn) -> None:
        self.fn = fn
        self.column = column
        self.value = value

    def __call__(self, ctx: EvalContext) -> Any:
        return self.fn(ctx)

    def key(self, ctx: EvalContext) -> str | None:
        """The value looked up (as text), or None when ``=`` would not compare texts (a
        number, several nodes): then every item is filtered."""
        value = self.value(ctx)
        if isinstance(value, NodeSet):
            if len(value) != 1:
                return "" if not value else None
            value = value[0].xvalue()
        return value if isinstance(value, str) else None


def key_predicate(fn: Fn, predicate: ast.Expr, compile_value: Callable[[ast.Expr], Fn]) -> Fn:
    """``fn``, or a :class:`KeyPredicate` around it when ``predicate`` is a key lookup
    (``compile_value`` compiles the value expression)."""
    found = key_column(predicate)
    if found is None:
        return fn
    column, value = found
    return KeyPredicate(fn, column, compile_value(value))


def keyed(node: Any, name: str, pred: KeyPredicate, ctx: EvalContext) -> list[Any] | None:
    """The children ``name`` of ``node`` that may pass ``pred``, found by key; None when
    ``node`` is not an entity list (or the key cannot be used): filter every child."""
    lookup = getattr(node, "keyed_children", None)
    if lookup is None:
        return None
    key = pred.key(ctx)
    if key is None:
        return None
    found: list[Any] | None = lookup(name, pred.column, key)
    return found


__all__ = [
    "EntityListRoot",
    "KeyPredicate",
    "context_free",
    "entity_document",
    "entity_item",
    "key_column",
    "key_predicate",
    "keyed",
]
