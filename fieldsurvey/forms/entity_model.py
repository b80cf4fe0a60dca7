"""Entities (XLSForm ``entities`` sheet, ``save_to``): the shapes every layer shares.

A form *declares* entities (:class:`EntityDeclaration`, read from pyxform's output);
completing an interview *acts* on them (:class:`EntityAction`: create or update one
entity of a list, with the values its ``save_to`` questions gave); the store keeps the
lists with versions and reads them back to the engine through :class:`EntitySource`.

Versions follow ODK's offline-entities spec (2024.1): the coordinator is the trunk and
numbers an entity's versions 1, 2, 3...; a laptop that updates an entity offline
records the version it changed (``base_version``), the last coordinator version it had
(``trunk_version``) and the chain of its offline updates since then (``branch_id``, a
uuid drawn at the first offline update after a trunk version). The coordinator applies
an update whose base is its current version, or whose base was made by the same branch;
any other update is a conflict (docs/entities.md).

An entity created by a laptop has an id bound to that laptop, as interviews are:
``uuid5(ENTITY_NAMESPACE, f"{device_id}/{nonce}")`` with 128 random bits ``nonce``
(32 lowercase hex digits) carried with the create, so no laptop can create an entity
under an id another laptop made.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

ENTITY_NAMESPACE = uuidlib.UUID("5b0c7f0e-3a51-4f8e-9d2b-6f1f4c1e2a77")

#: Columns every entity list has besides its properties (ODK's names).
SYSTEM_COLUMNS = ("name", "label", "__version", "__trunkVersion", "__branchId")

EntityVerb = Literal["create", "update"]


def entity_id_for(device_id: str, nonce: str) -> str:
    """The id of an entity created on ``device_id`` with ``nonce``."""
    return str(uuidlib.uuid5(ENTITY_NAMESPACE, f"{device_id}/{nonce}"))


@dataclass(frozen=True)
class EntityDeclaration:
    """One row of a form's ``entities`` sheet, with the ``save_to`` columns that feed it.

    Expressions are kept as the author wrote them (``${name}`` references included), as
    for the rest of :mod:`fieldsurvey.forms.spec`.
    """

    list_name: str
    #: The entity's label; None for an update that keeps the label.
    label: str | None = None
    #: When to create (None: always, if the form creates, i.e. has no ``entity_id``).
    create_if: str | None = None
    #: When to update (None: always, if the form updates, i.e. has an ``entity_id``).
    update_if: str | None = None
    #: The id of the entity to update (usually ``${the_select_one_from_file_question}``).
    entity_id: str | None = None
    #: Node path of the repeat whose instances each act on one entity; None: one per interview.
    repeat: str | None = None
    #: property name -> node path of the question saved to it (``save_to``).
    properties: dict[str, str] = field(default_factory=dict)

    @property
    def creates(self) -> bool:
        return self.entity_id is None or self.create_if is not None

    @property
    def updates(self) -> bool:
        return self.entity_id is not None


@dataclass(frozen=True)
class EntityAction:
    """What one completed interview does to one entity (in bundles as a JSON object:
    :meth:`to_json` / :meth:`from_json`)."""

    list_name: str
    entity_id: str
    verb: EntityVerb
    #: None: an update that keeps the label.
    label: str | None
    #: Property values as text, as ODK keeps them ('' for an empty answer).
    properties: dict[str, str]
    #: Where in the interview: ``""`` for the interview, ``"members[2]"`` for a repeat instance
    #: (1-based, as XPath counts).
    path: str = ""
    #: create: the 32-hex nonce the id derives from (:func:`entity_id_for`).
    nonce: str | None = None
    #: update: the version the change was made from, the last coordinator version the
    #: laptop had, and its offline branch.
    base_version: int | None = None
    trunk_version: int | None = None
    branch_id: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "list": self.list_name,
            "id": self.entity_id,
            "verb": self.verb,
            "label": self.label,
            "properties": dict(self.properties),
            "path": self.path,
        }
        if self.nonce is not None:
            out["nonce"] = self.nonce
        if self.base_version is not None:
            out["base_version"] = self.base_version
        if self.trunk_version is not None:
            out["trunk_version"] = self.trunk_version
        if self.branch_id is not None:
            out["branch_id"] = self.branch_id
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> EntityAction:
        """From :meth:`to_json`'s shape; KeyError/TypeError/ValueError on a bad shape
        (callers that read received data turn those into their own error codes)."""
        properties = data["properties"]
        if not isinstance(properties, dict):
            raise TypeError("properties")
        verb = data["verb"]
        if verb not in ("create", "update"):
            raise ValueError("verb")
        label = data.get("label")

        def opt_int(key: str) -> int | None:
            value = data.get(key)
            if value is None:
                return None
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(key)
            return value

        def opt_str(key: str) -> str | None:
            value = data.get(key)
            if value is None:
                return None
            if not isinstance(value, str):
                raise TypeError(key)
            return value

        return cls(
            list_name=str(data["list"]),
            entity_id=str(data["id"]),
            verb=verb,  # type: ignore[arg-type]
            label=None if label is None else str(label),
            properties={str(k): str(v) for k, v in properties.items()},
            path=str(data.get("path", "")),
            nonce=opt_str("nonce"),
            base_version=opt_int("base_version"),
            trunk_version=opt_int("trunk_version"),
            branch_id=opt_str("branch_id"),
        )


@dataclass(frozen=True)
class EntityRow:
    """One entity as a list holds it (what the engine and the picker read)."""

    list_name: str
    entity_id: str
    label: str
    properties: dict[str, str]
    version: int
    trunk_version: int | None = None
    branch_id: str | None = None

    def columns(self) -> dict[str, str]:
        """The row as an ODK entity list CSV has it: name, label, __version, ..., properties."""
        out = {
            "name": self.entity_id,
            "label": self.label,
            "__version": str(self.version),
            "__trunkVersion": "" if self.trunk_version is None else str(self.trunk_version),
            "__branchId": self.branch_id or "",
        }
        for key, value in self.properties.items():
            out.setdefault(key, value)
        return out


class EntitySource(Protocol):
    """The entity lists a form session reads (the store implements it; tests may use a
    dict-backed one). Every method is cheap enough to call on each keystroke."""

    def has_list(self, list_name: str) -> bool: ...

    def get(self, list_name: str, entity_id: str) -> EntityRow | None: ...

    def rows(self, list_name: str) -> Iterable[EntityRow]:
        """Every entity of the list, in a stable order (for small lists and pulldata)."""
        ...

    def search(self, list_name: str, text: str, limit: int = 50) -> list[EntityRow]:
        """Entities whose label or properties have words starting with the words of
        ``text``, diacritics and case ignored ("đ" reads as "d"); at most ``limit``."""
        ...

    def count(self, list_name: str) -> int: ...
