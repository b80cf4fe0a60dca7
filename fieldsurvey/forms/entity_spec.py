"""The entities a form declares, read from pyxform's JSON (XLSForm ``entities`` sheet).

pyxform (4.5, entities spec 2024.1 / 2025.1) validates the ``entities`` sheet and the
``save_to`` column, and writes one ``meta/entity`` element per list: under the form root,
or under the repeat named in the sheet's ``repeat`` column (one entity per repeat
instance). Its attributes are ``dataset`` (the list), ``create`` / ``update`` (``"1"``, or
an expression from ``create_if`` / ``update_if``), ``id`` (the ``entity_id`` expression for
an update; a fresh uuid for a create), ``baseVersion`` / ``trunkVersion`` / ``branchId``
(read from the list for an update) and a ``label`` child (the label expression). A
question's ``save_to`` becomes the bind attribute ``entities:saveto`` (the property name;
``list#property`` in a form with several lists), and belongs to the entity declared in the
nearest repeat (or the root) around the question, as Collect reads it.

API:
    declarations(survey) -> list[EntityDeclaration]   every declaration, in sheet order
    declaration_rows(survey) -> dict[list name, row]   the entities-sheet row of each
    is_entity_meta(item) -> bool                       pyxform's ``meta`` group of an entity
"""

from __future__ import annotations

from typing import Any

from fieldsurvey.forms.entity_model import EntityDeclaration

SAVETO = "entities:saveto"
_CONSTANT_TRUE = {"1", "true", "true()"}


def is_entity_meta(item: dict[str, Any]) -> bool:
    """Whether ``item`` is the bodyless ``meta`` group pyxform writes around an entity
    (inside a repeat; the root's ``meta`` group is always skipped)."""
    return (
        item.get("name") == "meta"
        and item.get("type") == "group"
        and any(isinstance(c, dict) and c.get("type") == "entity" for c in item.get("children", []))
    )


def declarations(survey: dict[str, Any]) -> list[EntityDeclaration]:
    """The form's entity declarations (sheet order), each with its ``save_to`` questions."""
    found: list[tuple[int, str, str | None, dict[str, Any]]] = []  # row, container, repeat
    saveto: list[tuple[str, str]] = []  # node path, property

    def walk(element: dict[str, Any], prefix: str, repeat: str | None) -> None:
        for child in element.get("children") or []:
            if not isinstance(child, dict) or "name" not in child:
                continue
            name = str(child["name"])
            path = f"{prefix}/{name}" if prefix else name
            if child.get("type") == "group" and name == "meta":
                for entity in child.get("children") or []:
                    if isinstance(entity, dict) and entity.get("type") == "entity":
                        row = int(entity.get("__row_number") or 0)
                        found.append((row, prefix, repeat, entity))
                continue
            prop = (child.get("bind") or {}).get(SAVETO)
            if isinstance(prop, str) and prop.strip():
                saveto.append((path, prop.strip()))
            inner = path if child.get("type") == "repeat" else repeat
            walk(child, path, inner)

    walk(survey, "", None)
    found.sort(key=lambda entry: entry[0])
    containers = [container for _, container, _, _ in found]
    properties: list[dict[str, str]] = [{} for _ in found]
    for path, prop in saveto:
        owner = _owner(path, containers)
        if owner is not None:
            properties[owner].setdefault(prop, path)
    return [
        _declaration(entity, repeat, properties[i])
        for i, (_, _, repeat, entity) in enumerate(found)
    ]


def declaration_rows(survey: dict[str, Any]) -> dict[str, int]:
    """List name -> the row of the ``entities`` sheet that declares it (for messages)."""
    rows: dict[str, int] = {}

    def walk(element: dict[str, Any]) -> None:
        for child in element.get("children") or []:
            if not isinstance(child, dict):
                continue
            if child.get("type") == "entity":
                attributes = _attributes(child)
                dataset = attributes.get("dataset", {}).get("value")
                if dataset:
                    rows.setdefault(str(dataset), int(child.get("__row_number") or 0))
            walk(child)

    walk(survey)
    return rows


def _owner(path: str, containers: list[str]) -> int | None:
    """The declaration whose container is the nearest around ``path`` (root is ``""``)."""
    best: int | None = None
    best_depth = -1
    for index, container in enumerate(containers):
        inside = container == "" or path.startswith(container + "/")
        depth = 0 if container == "" else container.count("/") + 1
        if inside and depth > best_depth:
            best, best_depth = index, depth
    return best


def _attributes(entity: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        str(child.get("name")): child
        for child in entity.get("children") or []
        if isinstance(child, dict)
    }


def _calculate(child: dict[str, Any] | None) -> str | None:
    if child is None:
        return None
    text = (child.get("bind") or {}).get("calculate")
    return str(text).strip() if isinstance(text, str) and text.strip() else None


def _declaration(
    entity: dict[str, Any], repeat: str | None, properties: dict[str, str]
) -> EntityDeclaration:
    attributes = _attributes(entity)
    create = attributes.get("create")
    update = attributes.get("update")
    create_if = _calculate(create)
    update_if = _calculate(update)
    entity_id = _calculate(attributes.get("id")) if update is not None else None
    if update is not None and entity_id is not None and create is not None and create_if is None:
        create_if = "true()"  # an upsert whose create has no condition (pyxform writes "1")
    if (
        update is not None
        and update_if is None
        and str(update.get("value", "1")) not in (_CONSTANT_TRUE)
    ):
        update_if = "false()"
    return EntityDeclaration(
        list_name=str(attributes.get("dataset", {}).get("value", "")),
        label=_calculate(attributes.get("label")),
        create_if=create_if,
        update_if=update_if,
        entity_id=entity_id,
        repeat=repeat,
        properties=dict(properties),
    )


__all__ = ["SAVETO", "declaration_rows", "declarations", "is_entity_meta"]
