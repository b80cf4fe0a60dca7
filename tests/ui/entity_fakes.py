"""A dict-backed EntitySource (forms/entity_model.py's protocol) for the UI tests."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from fieldsurvey.forms.entity_model import EntityRow


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class DictEntitySource:
    """Lists held in memory; search as the protocol says (words start with the typed
    words, diacritics and case ignored)."""

    def __init__(self, lists: dict[str, list[EntityRow]] | None = None) -> None:
        self.lists: dict[str, dict[str, EntityRow]] = {
            name: {row.entity_id: row for row in rows} for name, rows in (lists or {}).items()
        }
        self.searched: list[str] = []

    def has_list(self, list_name: str) -> bool:
        return list_name in self.lists

    def get(self, list_name: str, entity_id: str) -> EntityRow | None:
        return self.lists.get(list_name, {}).get(entity_id)

    def rows(self, list_name: str) -> Iterable[EntityRow]:
        return list(self.lists.get(list_name, {}).values())

    def search(self, list_name: str, text: str, limit: int = 50) -> list[EntityRow]:
        self.searched.append(text)
        wanted = fold(text).split()
        out = []
        for row in self.lists.get(list_name, {}).values():
            words = fold(" ".join([row.label, *row.properties.values()])).split()
            if all(any(w.startswith(t) for w in words) for t in wanted):
                out.append(row)
                if len(out) >= limit:
                    break
        return out

    def count(self, list_name: str) -> int:
        return len(self.lists.get(list_name, {}))


def household(entity_id: str, label: str, hh_id: str, ward: str, phone: str) -> EntityRow:
    return EntityRow(
        list_name="households",
        entity_id=entity_id,
        label=label,
        properties={"hh_id": hh_id, "ward": ward, "phone": phone, "size": "4"},
        version=1,
    )


HOUSEHOLDS = [
    household("e-1", "Nguyễn Văn An", "PT-001", "Phúc Tân", "0912 345 678"),
    household("e-2", "Nguyễn Thị Bình", "PT-002", "Phúc Tân", "0987 111 222"),
    household("e-3", "Trần Đức Cường", "CD-001", "Chương Dương", "0903 000 111"),
    household("e-4", "Lê Thị Dung", "CD-002", "Chương Dương", "0913 222 333"),
    household("e-5", "Nguyễn Đình Dũng", "PT-003", "Phúc Tân", "0977 444 555"),
]
