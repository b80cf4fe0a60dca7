"""The answer tree: templates (one per form node) and items (one per node instance).

A :class:`Template` mirrors one FormSpec node; the root template stands for the
form itself. An :class:`Item` is one instance of a template in an interview: the
root, a group, a repeat instance or a question. Repeat instances of a repeat are a
list under their parent's ``kids``. Items are what XPath paths walk over; choice
lists are exposed to ``instance('list')`` as :class:`SecNode` trees.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, cast

from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, FormSpec, Node, Texts

#: Question types that never carry an answer of their own.
NO_VALUE_TYPES = frozenset({"note", "group", "repeat"})
#: Types the body of the form shows as questions (validated for required/constraint).
META_TYPES = frozenset(
    {"start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
     "phonenumber_meta", "audit", "start-geopoint", "background-audio"}
)  # fmt: skip
NOT_IN_BODY = META_TYPES | {"calculate", "hidden", "xml-external", "csv-external"}


class Template:
    """One node of the form: its place in the tree and its compiled logic."""

    __slots__ = (
        "by_name",
        "children",
        "depth",
        "kind",
        "name",
        "node",
        "parent",
        "path",
        "qtype",
        "tid",
    )

    def __init__(self, tid: int, node: Node | None, parent: Template | None) -> None:
        self.tid = tid
        self.node = node
        self.parent = parent
        self.name = node.name if node else ""
        self.path = node.path if node else ""
        self.kind = node.kind if node else "root"
        self.qtype = node.type if node else "group"
        self.depth: int = parent.depth + 1 if parent else 0
        self.children: list[Template] = []
        self.by_name: dict[str, Template] = {}

    @property
    def is_repeat(self) -> bool:
        return self.kind == "repeat"

    @property
    def is_container(self) -> bool:
        return self.kind != "question"

    def ancestors(self) -> list[Template]:
        """Ancestors from the root down to (and excluding) this template."""
        chain: list[Template] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def subtree(self) -> list[Template]:
        out = [self]
        for child in self.children:
            out.extend(child.subtree())
        return out

    def is_ancestor_of(self, other: Template) -> bool:
        node: Template | None = other
        while node is not None and node.depth > self.depth:
            node = node.parent
        return node is self

    def __repr__(self) -> str:
        return f"Template({self.path or '/'})"


def lowest_common_ancestor(a: Template, b: Template) -> Template:
    while a.depth > b.depth:
        a = a.parent  # type: ignore[assignment]
    while b.depth > a.depth:
        b = b.parent  # type: ignore[assignment]
    while a is not b:
        a = a.parent  # type: ignore[assignment]
        b = b.parent  # type: ignore[assignment]
    return a


def build_templates(spec: FormSpec) -> list[Template]:
    """All templates in document order; element 0 is the root."""
    root = Template(0, None, None)
    out = [root]

    def add(node: Node, parent: Template) -> None:
        tpl = Template(len(out), node, parent)
        out.append(tpl)
        parent.children.append(tpl)
        parent.by_name[node.name] = tpl
        for child in node.children:
            add(child, tpl)

    for child in spec.children:
        add(child, root)
    return out


class Item:
    """One node instance in an interview (XPath node of the main instance)."""

    __slots__ = ("_path", "dead", "kids", "own_rel", "parent", "pos", "rel", "tpl", "xval")

    def __init__(self, tpl: Template, parent: Item | None, pos: int = 1) -> None:
        self.tpl = tpl
        self.parent = parent
        self.pos = pos
        #: child name -> item, or list of repeat instances for a repeat child
        self.kids: dict[str, Any] = {}
        #: the XPath value ("" when unanswered): str, float, bool, date, datetime
        self.xval: Any = ""
        #: result of this node's own relevant expression
        self.own_rel = True
        #: effective relevance: own and all ancestors'
        self.rel = True
        #: set when the item's repeat instance was removed
        self.dead = False
        #: label_path(), cached; see renumber()
        self._path: str | None = None

    def children_named(self, name: str) -> list[Any]:
        kid = self.kids.get(name)
        if kid is None:
            return []
        if type(kid) is list:
            return kid
        return [kid]

    def child_nodes(self) -> list[Any]:
        out: list[Any] = []
        for kid in self.kids.values():
            if type(kid) is list:
                out.extend(kid)
            else:
                out.append(kid)
        return out

    def xvalue(self) -> Any:
        return self.xval if self.rel else ""

    def position(self) -> int:
        return self.pos

    def label_path(self) -> str:
        """``household/members[2]/age``; cached, as a change lists hundreds of paths."""
        path = self._path
        if path is None:
            parent = self.parent
            if parent is None:
                return ""
            name = self.tpl.name
            own = f"{name}[{self.pos}]" if self.tpl.is_repeat else name
            above = parent.label_path()
            path = self._path = f"{above}/{own}" if above else own
        return path

    def renumber(self, pos: int) -> None:
        """This repeat instance is now number ``pos``: its paths and its items' change."""
        self.pos = pos
        for item in self.walk():
            item._path = None

    def walk(self) -> list[Item]:
        """This item and its descendants in document order."""
        out = [self]
        for kid in self.kids.values():
            if type(kid) is list:
                for inst in kid:
                    out.extend(inst.walk())
            else:
                out.extend(kid.walk())
        return out

    def __repr__(self) -> str:
        return f"Item({self.label_path() or '/'})"


#: One descendant in the shape of a new instance (``subtree_shape``): its template, the
#: index of its parent among the items made so far, its name, whether it is a repeat
#: (then an empty list of instances, no item), and whether it is a leaf (no children).
ShapeStep = tuple[Template, int, str, bool, bool]
#: The ``kids`` of every leaf that ``make_subtree`` makes: nothing is ever added to a
#: question's, and one read-only mapping for them all spares a dict per question
#: (300 for a household size of 30, and a collection of the garbage collector).
NO_KIDS = cast("dict[str, Any]", MappingProxyType({}))


def subtree_shape(top: Template) -> tuple[ShapeStep, ...]:
    """The descendants ``make_subtree`` makes below a new instance of ``top``, in
    document order (a new instance has no repeat instances)."""
    steps: list[ShapeStep] = []
    count = 1

    def visit(tpl: Template, at: int) -> None:
        nonlocal count
        for child in tpl.children:
            if child.kind == "repeat":
                steps.append((child, at, child.name, True, False))
                continue
            steps.append((child, at, child.name, False, not child.children))
            index = count
            count += 1
            if child.children:
                visit(child, index)

    visit(top, 0)
    return tuple(steps)


def make_subtree(top: Item, shape: tuple[ShapeStep, ...]) -> list[Item]:
    """Make the descendants of the new item ``top`` (``shape``: ``subtree_shape`` of its
    template), each as ``Item(tpl, parent)`` makes it, relevant as ``top`` is; returns
    ``top.walk()``. The slots are set here, not by ``__init__``: a household size of 30
    makes 300 items at once, and a call of ``__init__`` costs twice what it sets
    (tests/forms/test_engine_roster_speed.py checks the two make the same items); a
    leaf's ``kids`` is ``NO_KIDS``."""
    new = object.__new__
    rel = top.rel
    items = [top]
    append = items.append
    for tpl, at, name, repeat, leaf in shape:
        parent = items[at]
        if repeat:
            parent.kids[name] = []
            continue
        kid = new(Item)
        kid.tpl = tpl
        kid.parent = parent
        kid.pos = 1
        kid.kids = NO_KIDS if leaf else {}
        kid.xval = ""
        kid.own_rel = True
        kid.rel = rel
        kid.dead = False
        kid._path = None
        parent.kids[name] = kid
        append(kid)
    return items


def make_instance(
    tpl: Template,
    parent: Item,
    pos: int,
    steps: InstanceSteps,
    base: str,
    paths: list[str],
) -> list[Item]:
    """A new instance ``pos`` of the repeat ``tpl`` under ``parent`` and its descendants,
    relevant as ``parent`` is, each item with its path (``base``: the instance's, e.g.
    ``household/members[4]``), also noted in ``paths``; ``steps``: ``instance_steps``
    of ``tpl``. Returns the instance's ``walk()``; the instance is not yet in
    ``parent.kids``.

    What ``Item(tpl, parent, pos)``, ``make_subtree`` and ``label_path()`` make, in one
    pass: a household size of 30 makes 300 items, and making them was half the change
    (tests/forms/test_engine_roster_speed.py checks that the items are the same)."""
    new = object.__new__
    rel = parent.rel
    top = new(Item)
    top.tpl = tpl
    top.parent = parent
    top.pos = pos
    top.xval = ""
    top.own_rel = True
    top.rel = rel
    top.dead = False
    top._path = base
    items = [top]
    append = items.append
    note = paths.append
    note(base)
    flat, nested = steps
    if flat is not None:  # questions only, right under the instance (a roster's members)
        kids: dict[str, Any] = {}
        for name, step_tpl, suffix in flat:
            kid = new(Item)
            kid.tpl = step_tpl
            kid.parent = top
            kid.pos = 1
            kid.kids = NO_KIDS
            kid.xval = ""
            kid.own_rel = True
            kid.rel = rel
            kid.dead = False
            kid._path = path = base + suffix
            kids[name] = kid
            append(kid)
            note(path)
        top.kids = kids
        return items
    top.kids = {}
    for at, name, below, suffix, leaf in nested:
        up = items[at]
        if below is None:  # a repeat inside: no instances yet
            up.kids[name] = []
            continue
        kid = new(Item)
        kid.tpl = below
        kid.parent = up
        kid.pos = 1
        kid.kids = NO_KIDS if leaf else {}
        kid.xval = ""
        kid.own_rel = True
        kid.rel = rel
        kid.dead = False
        kid._path = path = base + suffix
        up.kids[name] = kid
        append(kid)
        note(path)
    return items


#: How ``make_instance`` makes the descendants of a new repeat instance
#: (``instance_steps``), in document order: when they are all questions right under it,
#: ``(flat, ())`` with (name, template, path below the instance's: "/m_age") for each;
#: else ``(None, nested)`` with (index of its parent among the items made so far, name,
#: template or None for a repeat (an empty list of instances, no item), path below,
#: whether a leaf) for each.
InstanceSteps = tuple[
    tuple[tuple[str, Template, str], ...] | None,
    tuple[tuple[int, str, Template | None, str, bool], ...],
]


def instance_steps(shape: tuple[ShapeStep, ...]) -> InstanceSteps:
    """``make_instance``'s steps for a repeat whose ``subtree_shape`` is ``shape``."""
    suffixes = [""]
    nested: list[tuple[int, str, Template | None, str, bool]] = []
    for tpl, at, name, repeat, leaf in shape:
        if repeat:
            nested.append((at, name, None, "", False))
            continue
        suffix = f"{suffixes[at]}/{name}"
        suffixes.append(suffix)
        nested.append((at, name, tpl, suffix, leaf))
    if all(at == 0 and tpl is not None and leaf for at, _, tpl, _, leaf in nested):
        flat = tuple((name, tpl, suffix) for _, name, tpl, suffix, _ in nested if tpl)
        return flat, ()
    return None, tuple(nested)


class SecNode:
    """A node of a secondary instance (a choice list as ``instance('list')``)."""

    __slots__ = ("kids", "name", "parent", "pos", "value")

    def __init__(self, name: str, parent: SecNode | None, value: str = "", pos: int = 1) -> None:
        self.name = name
        self.parent = parent
        self.value = value
        self.pos = pos
        self.kids: list[SecNode] = []

    def children_named(self, name: str) -> list[Any]:
        return [kid for kid in self.kids if kid.name == name]

    def child_nodes(self) -> list[Any]:
        return list(self.kids)

    def xvalue(self) -> Any:
        return self.value

    def position(self) -> int:
        return self.pos

    def label_path(self) -> str:
        return self.name


def pick_text(texts: Texts, lang: str | None, default_lang: str) -> str:
    """The text in ``lang``, else the default language, else untranslated, else any."""
    for key in (lang, default_lang, DEFAULT_LANG):
        if key is not None and texts.get(key):
            return texts[key]
    for text in texts.values():
        if text:
            return text
    return ""


def choice_instance(choices: list[Choice], lang: str | None, default_lang: str) -> SecNode:
    """``instance('list')``: a document node whose ``root`` holds one ``item`` per choice."""
    doc = SecNode("#document", None)
    root = SecNode("root", doc)
    doc.kids.append(root)
    for pos, choice in enumerate(choices, start=1):
        item = SecNode("item", root, pos=pos)
        root.kids.append(item)
        item.kids.append(SecNode("name", item, choice.name))
        item.kids.append(SecNode("label", item, pick_text(choice.label, lang, default_lang)))
        for key, value in choice.extra.items():
            if key not in ("name", "label"):
                item.kids.append(SecNode(key, item, value))
    return doc
