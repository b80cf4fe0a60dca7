"""A dict-backed :class:`EntitySource` and form loading for the entity tests."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.entity_model import EntityAction, EntityRow
from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.markdown_form import markdown_to_xlsx_bytes
from fieldsurvey.forms.spec import FormSpec


def load_md(md: str) -> FormSpec:
    return load_form_bytes(markdown_to_xlsx_bytes(md), "f.xlsx", use_cache=False)


def compile_md(md: str) -> CompiledForm:
    return FormEngine.build(load_md(md))


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class DictSource:
    """Entity lists in dicts; counts its calls so tests can see keyed lookups."""

    def __init__(self, rows: Iterable[EntityRow] = ()) -> None:
        self.lists: dict[str, dict[str, EntityRow]] = {}
        self.calls: dict[str, int] = {"get": 0, "rows": 0, "search": 0, "count": 0}
        for row in rows:
            self.put(row)

    def put(self, row: EntityRow) -> None:
        self.lists.setdefault(row.list_name, {})[row.entity_id] = row

    def apply(self, actions: Iterable[EntityAction]) -> None:
        """What the laptop's store does at completion (a simple stand-in)."""
        for a in actions:
            old = self.lists.get(a.list_name, {}).get(a.entity_id)
            if a.verb == "create":
                self.put(EntityRow(a.list_name, a.entity_id, a.label or "", dict(a.properties), 1))
            elif old is not None:
                props = {**old.properties, **a.properties}
                self.put(EntityRow(a.list_name, a.entity_id, a.label or old.label, props,
                                   old.version + 1, old.trunk_version, a.branch_id))  # fmt: skip

    def has_list(self, list_name: str) -> bool:
        return list_name in self.lists

    def get(self, list_name: str, entity_id: str) -> EntityRow | None:
        self.calls["get"] += 1
        return self.lists.get(list_name, {}).get(entity_id)

    def rows(self, list_name: str) -> Iterable[EntityRow]:
        self.calls["rows"] += 1
        return list(self.lists.get(list_name, {}).values())

    def search(self, list_name: str, text: str, limit: int = 50) -> list[EntityRow]:
        self.calls["search"] += 1
        words = _fold(text).split()
        found = []
        for row in self.lists.get(list_name, {}).values():
            have = _fold(" ".join([row.label, *row.properties.values()])).split()
            if all(any(h.startswith(w) for h in have) for w in words):
                found.append(row)
        return found[:limit]

    def count(self, list_name: str) -> int:
        self.calls["count"] += 1
        return len(self.lists.get(list_name, {}))
