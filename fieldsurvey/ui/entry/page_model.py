"""Split a form into pages, as the form says: a field-list group is one page, any other
question is a page of its own, and a repeat is a roster page.

Rules (those of ODK Collect, adapted to a laptop):
- a ``field-list`` group is one page with all its questions; nested groups show as
  headings and nested repeats as rosters on that page; a ``table-list`` group is one
  page too, a table whose heading (the group's label and the choice columns) is its
  first item;
- a group without ``field-list`` only gathers pages: each question in it is a page;
- a repeat outside a field-list group is a roster page (its questions are in the
  roster's detail pane);
- a calculate with a label (a value worth showing) joins the page before it in the same
  group instead of taking a page alone; unlabelled calculates and metadata never show.

Pages hold template nodes (paths without repeat indexes); the entry screen adds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fieldsurvey.forms.spec import FormSpec, Node

from fieldsurvey.ui.entry.question_widgets import is_shown

_INDEX = re.compile(r"\[\d+\]")


def template_path(path: str) -> str:
    """``household/members[2]/m_age`` -> ``household/members/m_age``."""
    return _INDEX.sub("", path)


@dataclass
class Page:
    index: int
    #: The top-level node (group or question) the page belongs to.
    section: Node
    #: The field-list group shown on this page, or None for a one-question or roster page.
    group: Node | None
    #: The group the page's nodes sit in (for the page title), or None at the top level.
    parent: Node | None
    #: What the page shows, in form order: questions, group headings and repeats.
    items: list[Node] = field(default_factory=list)


@dataclass
class Section:
    node: Node
    pages: list[int] = field(default_factory=list)


def visible_items(nodes: list[Node]) -> list[Node]:
    """``nodes`` flattened for one page: questions shown, groups as headings, repeats whole."""
    items: list[Node] = []
    for node in nodes:
        if node.kind == "group":
            inner = visible_items(node.children)
            if inner:
                items.append(node)
                items.extend(inner)
        elif node.kind == "repeat" or is_shown(node):
            items.append(node)
    return items


class FormPages:
    """The pages and sections of ``spec``, and which page holds each question."""

    def __init__(self, spec: FormSpec) -> None:
        self.spec = spec
        self.pages: list[Page] = []
        self.sections: list[Section] = []
        self._page_of: dict[str, int] = {}
        for node in spec.children:
            section = Section(node)
            self.sections.append(section)
            self._visit(node, section, None)
        self.sections = [s for s in self.sections if s.pages]

    def _new_page(self, section: Section, group: Node | None, parent: Node | None) -> Page:
        page = Page(len(self.pages), section.node, group, parent)
        self.pages.append(page)
        section.pages.append(page.index)
        return page

    def _add(self, page: Page, nodes: list[Node]) -> None:
        page.items.extend(nodes)
        for node in nodes:
            for inner in node.walk():
                self._page_of.setdefault(inner.path, page.index)

    def _visit(self, node: Node, section: Section, parent: Node | None) -> None:
        table = node.kind == "group" and "table-list" in (node.appearance or "").split()
        if node.kind == "group" and not (node.is_field_list or table):
            for child in node.children:
                self._visit(child, section, node)
            return
        if node.kind == "group":
            items = visible_items(node.children)
            if items and table:  # the table's heading is on the page, not its title
                self._add(self._new_page(section, None, parent), [node, *items])
            elif items:
                self._add(self._new_page(section, node, parent), items)
            self._page_of.setdefault(node.path, self._page_of.get(items[0].path, 0) if items else 0)
            return
        if node.kind == "question" and not is_shown(node):
            return
        last = self.pages[-1] if self.pages else None
        joins = (
            node.type == "calculate"
            and last is not None
            and last.parent is parent
            and last.section is section.node
        )
        page = last if joins and last is not None else self._new_page(section, None, parent)
        self._add(page, [node])

    def page_of(self, path: str) -> int | None:
        """The page showing the question (or group/repeat) at ``path`` (indexes ignored)."""
        return self._page_of.get(template_path(path))

    def section_of(self, page: int) -> int:
        return next(i for i, s in enumerate(self.sections) if page in s.pages)

    def __len__(self) -> int:
        return len(self.pages)
