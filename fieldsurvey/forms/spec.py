"""FormSpec: our typed model of a questionnaire, built from pyxform's output.

This is the contract between the loader (``forms/loader.py``: XLSForm -> FormSpec)
and the engine (``forms/engine.py``: FormSpec + answers -> relevance, values, errors).

Conventions
- Translated texts are ``dict[str, str]`` from language name to text. The language
  name is the XLSForm one, e.g. ``"Tiếng Việt (vi)"``; a column without a language
  (plain ``label``) is stored under :data:`DEFAULT_LANG`.
- ``Node.path`` joins the names below the form root with ``/``, without instance
  indexes: ``"household/members/age"``. The engine adds ``[i]`` for repeat instances.
- Expressions are kept as the XLSForm author wrote them (``${name}`` references
  included); the engine parses and compiles them once per form.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, Field

from fieldsurvey.forms.entity_model import EntityDeclaration

DEFAULT_LANG = "default"

NodeKind = Literal["question", "group", "repeat"]

#: Canonical question types (pyxform's aliases are resolved by the loader).
QUESTION_TYPES = frozenset(
    {
        "text", "integer", "decimal", "select_one", "select_multiple", "rank",
        "date", "time", "dateTime", "note", "calculate", "acknowledge", "range",
        "geopoint", "geotrace", "geoshape", "image", "audio", "video", "file",
        "barcode", "start", "end", "today", "deviceid", "username", "email",
        "phonenumber", "simserial", "subscriberid", "start-geopoint", "audit",
        "hidden", "trigger", "select_one_external", "select_one_from_file",
        "select_multiple_from_file", "background-audio", "xml-external", "csv-external",
    }
)  # fmt: skip

Texts = dict[str, str]
#: Media of a label or a choice: kind (``image``, ``big-image``, ``audio``, ``video``) ->
#: file name per language (as :data:`Texts`); the files are the form's attachments.
Media = dict[str, Texts]


class Choice(BaseModel):
    name: str
    label: Texts = Field(default_factory=dict)
    #: Other columns of the choices sheet (used by choice_filter), as strings.
    extra: dict[str, str] = Field(default_factory=dict)
    media: Media = Field(default_factory=dict)


class Binding(BaseModel):
    """The XLSForm expression columns of one row; ``None`` where the cell is empty."""

    relevant: str | None = None
    constraint: str | None = None
    calculation: str | None = None
    #: ``"yes"``/``"true()"`` style constants are normalised to ``"true()"``.
    required: str | None = None
    read_only: str | None = None
    repeat_count: str | None = None
    choice_filter: str | None = None
    default: str | None = None
    #: The ``${name}`` whose change triggers this question's calculation.
    trigger: str | None = None


class Node(BaseModel):
    kind: NodeKind
    name: str
    #: Canonical type: a QUESTION_TYPES member, or ``"group"``/``"repeat"``.
    type: str
    path: str
    label: Texts = Field(default_factory=dict)
    hint: Texts = Field(default_factory=dict)
    #: ``guidance_hint``: longer guidance for the enumerator, shown on demand and printed.
    guidance_hint: Texts = Field(default_factory=dict)
    #: Media columns of the row (``media::image``, ``audio::English (en)``, ...).
    media: Media = Field(default_factory=dict)
    constraint_message: Texts = Field(default_factory=dict)
    required_message: Texts = Field(default_factory=dict)
    #: The ``constraint_type`` column says ``soft``: a failing constraint is a warning the
    #: enumerator confirms with the respondent, not an error (see docs/xlsform-compatibility.md).
    constraint_soft: bool = False
    bind: Binding = Field(default_factory=Binding)
    #: Name of the choice list of a select question.
    choices: str | None = None
    or_other: bool = False
    appearance: str | None = None
    #: ``parameters`` column parsed into key/value pairs (range start/end/step, ...).
    parameters: dict[str, str] = Field(default_factory=dict)
    #: Row of the survey sheet (1-based, header is row 1) for messages; None if unknown.
    row: int | None = None
    children: list[Node] = Field(default_factory=list)

    @property
    def is_field_list(self) -> bool:
        return self.kind == "group" and "field-list" in (self.appearance or "")

    def walk(self) -> Iterator[Node]:
        """This node and every descendant, depth first, in form order."""
        yield self
        for child in self.children:
            yield from child.walk()


class FormSpec(BaseModel):
    form_id: str
    version: str = ""
    title: str = ""
    default_language: str = DEFAULT_LANG
    #: Every language that appears in a label/hint/message column, default first.
    languages: list[str] = Field(default_factory=list)
    #: Top-level nodes below the form root (pyxform's ``meta``/``instanceID`` excluded).
    children: list[Node] = Field(default_factory=list)
    choices: dict[str, list[Choice]] = Field(default_factory=dict)
    #: The settings sheet as strings (form_title, form_id, version, ... and custom keys).
    settings: dict[str, str] = Field(default_factory=dict)
    #: Non-fatal problems found while loading (pyxform's warnings and our own).
    warnings: list[str] = Field(default_factory=list)
    #: SHA-256 of the source file, for caching and for the forms table.
    source_hash: str = ""
    #: The ``audit`` meta question's parameters (its bind attributes, e.g.
    #: ``odk:track-changes``); None when the form asks for no per-question audit log.
    audit: dict[str, str] | None = None
    #: The entity lists the form creates or updates (its ``entities`` sheet and ``save_to``
    #: column, see :mod:`fieldsurvey.forms.entity_spec`), in sheet order.
    entities: list[EntityDeclaration] = Field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            yield from child.walk()

    def node(self, path: str) -> Node:
        """The node at ``path`` (names joined by ``/``, no instance indexes)."""
        for node in self.walk():
            if node.path == path:
                return node
        raise KeyError(path)

    def by_name(self) -> dict[str, Node]:
        """Nodes by XLSForm name (names are unique in a form that pyxform accepts)."""
        return {node.name: node for node in self.walk()}
