"""Read answers and labels of a form by field name, for the report writers.

Answers are the nested documents of ``fieldsurvey/answers.py``: groups are objects,
repeats are lists of objects, a select_multiple is a list of choice names (a
space-separated string is accepted too, as ODK exports write it).
"""

from __future__ import annotations

import math
from typing import Any

from fieldsurvey.forms.spec import DEFAULT_LANG, FormSpec, Node, Texts
from fieldsurvey.reports.models import Lang

NUMBER_TYPES = frozenset({"integer", "decimal", "range"})
SELECT_TYPES = frozenset({"select_one", "select_multiple"})


def pick_text(texts: Texts, lang: Lang, spec: FormSpec) -> str:
    """The text in ``lang`` (matched as ``"(vi)"``/``"(en)"`` or the bare code), else a fallback."""
    if not texts:
        return ""
    for key, value in texts.items():
        if value and (key == lang or key.endswith(f"({lang})")):
            return value
    for key in (spec.default_language, DEFAULT_LANG):
        if texts.get(key):
            return texts[key]
    return next((v for v in texts.values() if v), "")


class FormAccess:
    """Field lookup by XLSForm name; paths are relative to the root or to their repeat."""

    def __init__(self, spec: FormSpec, lang: Lang) -> None:
        self.spec = spec
        self.lang = lang
        self.nodes: dict[str, Node] = {}
        self._steps: dict[str, tuple[str, ...]] = {}
        self.repeat_of: dict[str, str | None] = {}
        self._index(spec.children, (), None)
        self._labels: dict[str, dict[str, str]] = {
            list_name: {c.name: pick_text(c.label, lang, spec) or c.name for c in items}
            for list_name, items in spec.choices.items()
        }

    def _index(self, nodes: list[Node], prefix: tuple[str, ...], repeat: str | None) -> None:
        for node in nodes:
            steps = (*prefix, node.name)
            self.nodes[node.name] = node
            self._steps[node.name] = steps
            self.repeat_of[node.name] = repeat
            if node.kind == "repeat":
                self._index(node.children, (), node.name)
            elif node.kind == "group":
                self._index(node.children, steps, repeat)

    def steps(self, name: str) -> tuple[str, ...]:
        """Names from the root (or from the enclosing repeat instance) down to ``name``."""
        return self._steps.get(name, (name,))

    def has(self, name: str) -> bool:
        return name in self.nodes

    def get(self, doc: dict[str, Any], name: str) -> Any:
        """The answer to ``name`` in ``doc`` (the interview, or one repeat instance)."""
        node: Any = doc
        for step in self._steps.get(name, (name,)):
            if not isinstance(node, dict):
                return None
            node = node.get(step)
        return node

    def rows(self, doc: dict[str, Any], repeat: str) -> list[dict[str, Any]]:
        """The instances of repeat ``repeat`` (empty if absent)."""
        value = self.get(doc, repeat)
        return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []

    def instances(self, doc: dict[str, Any], repeat: str) -> list[dict[str, Any]]:
        """Every instance of ``repeat`` in an interview, through any enclosing repeats."""
        parent = self.repeat_of.get(repeat)
        parents = [doc] if parent is None else self.instances(doc, parent)
        return [row for p in parents for row in self.rows(p, repeat)]

    def number(self, doc: dict[str, Any], name: str) -> float | None:
        """A finite number, else None (NaN, infinity, texts that are not numbers)."""
        value = self.get(doc, name)
        if isinstance(value, bool) or value is None or value == "":
            return None
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            return None
        return number if math.isfinite(number) else None

    def selected(self, doc: dict[str, Any], name: str) -> list[str]:
        """Choice names of a select answer (one for select_one, several for multiple)."""
        value = self.get(doc, name)
        if value is None or value == "":
            return []
        if isinstance(value, list):
            return [str(v) for v in value]
        return str(value).split() if self.type_of(name) == "select_multiple" else [str(value)]

    def type_of(self, name: str) -> str:
        node = self.nodes.get(name)
        return node.type if node else ""

    def label(self, name: str) -> str:
        node = self.nodes.get(name)
        return pick_text(node.label, self.lang, self.spec) if node else name

    def choice_names(self, name: str) -> list[str]:
        node = self.nodes.get(name)
        if node is None or node.choices is None:
            return []
        return [c.name for c in self.spec.choices.get(node.choices, [])]

    def choice_label(self, name: str, choice: str) -> str:
        """The label of ``choice``; a value the list lacks as it is (at most
        :data:`LABEL_LIMIT` characters: it comes from an answer)."""
        node = self.nodes.get(name)
        if node is None or node.choices is None:
            return clip_label(choice)
        label = self._labels.get(node.choices, {}).get(choice)
        return clip_label(choice) if label is None else label


#: The most characters of an answer printed as a label (a ward or choice not in the list).
LABEL_LIMIT = 200


def clip_label(text: str) -> str:
    """``text`` cut to :data:`LABEL_LIMIT` characters, the cut marked by ``…``."""
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"
