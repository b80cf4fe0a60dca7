"""Form attachments: the files a form references, found, checked and read as ODK reads them.

An XLSForm may name files that are not in the workbook: the list of a
``select_one_from_file`` (CSV, XML or GeoJSON), the CSV of ``pulldata()`` and of the
``search()`` appearance, ``xml-external``/``csv-external`` instances, and the images,
audio and video of labels and choices. They are published with the form version
(``store/forms.py`` keeps them, by SHA-256, in the encrypted workspace) and travel with
it to the laptops (``sync/device_forms.py``).

API:
    referenced_files(spec) -> list[Reference]      every file the form names, first use each
    gather(form_path, spec, attach_dir=None) -> Gathered   the files found beside the form
    FormFile.of(name, data); check_file(name, data)         one file: size, type, readable
    FormFiles(files)                                        what the engine reads (below)
    read_document(name, data) -> SecNode                    a data file as ``instance(id)``

Data files are read as JavaRosa reads them: a CSV is ``root/item`` per row, a child per
column (UTF-8, a byte-order mark dropped, ``,`` or ``;`` between cells, short rows
padded, blank rows skipped); an XML file is its own tree; a GeoJSON FeatureCollection is
an ``item`` per feature with ``geometry`` in ODK's ``lat lon 0 0`` form, its properties,
and the feature's ``id``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml

from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms.entity_instance import entity_document, entity_item
from fieldsurvey.forms.entity_model import EntitySource
from fieldsurvey.forms.instance import SecNode, pick_text
from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, FormSpec, Node

#: Largest attachment accepted (a file); a form version's attachments together.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FORM_BYTES = 20 * 1024 * 1024
DATA_SUFFIXES = (".csv", ".xml", ".geojson")
MEDIA_KINDS = ("image", "big-image", "audio", "video")
FILE_SELECT_TYPES = frozenset({"select_one_from_file", "select_multiple_from_file"})
#: Largest entity list whose entities a select lists as choices; a longer one is searched
#: in the picker (docs/xlsform-compatibility.md).
MAX_LISTED_ENTITIES = 1000
#: What ODK names the value and the label of a file's items, by file type.
DEFAULT_REFS = {".geojson": ("id", "title")}
PLAIN_REFS = ("name", "label")

Use = Literal["choices", "pulldata", "search", "instance", "media"]
_PULLDATA = re.compile(r"pulldata\s*\(\s*(['\"])(?P<name>[^'\"]*)\1")
_SEARCH = re.compile(r"search\s*\(\s*(['\"])(?P<name>[^'\"]*)\1")
_UNSAFE = re.compile(r"[/\\:\x00-\x1f\x7f]|^\.\.?$")


@dataclass(frozen=True)
class Reference:
    """One file a form names: where it is first used and for what."""

    name: str
    use: Use
    question: str
    row: int | None = None

    @property
    def is_data(self) -> bool:
        return self.use != "media"


@dataclass(frozen=True)
class FormFile:
    """One attachment: its name (as the form writes it), bytes and SHA-256 (hex)."""

    name: str
    data: bytes = field(repr=False)
    sha256: str

    @classmethod
    def of(cls, name: str, data: bytes) -> FormFile:
        return cls(name, data, hashlib.sha256(data).hexdigest())

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class Gathered:
    """The attachments found for a form, and the references no file was found for."""

    files: list[FormFile] = field(default_factory=list)
    missing: list[Reference] = field(default_factory=list)


def is_safe_name(name: str) -> bool:
    """A plain file name: no folder or drive part, no control character, not ``.``/``..``."""
    return bool(name) and len(name) <= 200 and not _UNSAFE.search(name)


def instance_name(file_name: str) -> str:
    """The ``instance('…')`` id of a file: its name without the extension."""
    stem, dot, suffix = file_name.rpartition(".")
    return stem if dot and f".{suffix.lower()}" in DATA_SUFFIXES else file_name


# --- which files a form names ---------------------------------------------------------
def referenced_files(spec: FormSpec) -> list[Reference]:
    """Every file ``spec`` references, once each (its first use), in form order."""
    found: dict[str, Reference] = {}

    def add(name: str, use: Use, node: Node) -> None:
        name = name.strip()
        if name and name not in found:
            found[name] = Reference(name, use, node.name, node.row)

    lists_used: dict[str, Node] = {}
    for node in spec.walk():
        if node.type in FILE_SELECT_TYPES and node.choices:
            add(node.choices, "choices", node)
        elif node.type == "xml-external":
            add(f"{node.name}.xml", "instance", node)
        elif node.type == "csv-external":
            add(f"{node.name}.csv", "instance", node)
        for text in _expressions(node):
            for match in _PULLDATA.finditer(text):
                add(_csv_name(match["name"]), "pulldata", node)
        search = _SEARCH.search(node.appearance or "")
        if search:
            add(_csv_name(search["name"]), "search", node)
        for name in _media_names(node.media):
            add(name, "media", node)
        if node.choices and node.choices in spec.choices:
            lists_used.setdefault(node.choices, node)
    for list_name, node in lists_used.items():
        for choice in spec.choices[list_name]:
            for name in _media_names(choice.media):
                add(name, "media", node)
    return list(found.values())


def _csv_name(name: str) -> str:
    name = name.strip()
    return name if name.lower().endswith(".csv") else f"{name}.csv"


def _expressions(node: Node) -> Iterator[str]:
    bind = node.bind
    for text in (bind.relevant, bind.constraint, bind.calculation, bind.required,
                 bind.read_only, bind.choice_filter, bind.default, bind.repeat_count):  # fmt: skip
        if text:
            yield text


def _media_names(media: dict[str, dict[str, str]]) -> Iterator[str]:
    for kind in MEDIA_KINDS:
        for name in media.get(kind, {}).values():
            if name:
                yield (
                    name.removeprefix("jr://images/")
                    .removeprefix("jr://audio/")
                    .removeprefix("jr://video/")
                )


# --- finding them beside the form -------------------------------------------------------
def media_folder(form_path: Path) -> Path:
    """ODK's folder for a form's files: ``<form name>-media`` beside the form."""
    return form_path.with_name(f"{form_path.stem}-media")


def gather(
    form_path: Path,
    spec: FormSpec,
    attach_dir: Path | None = None,
    *,
    entity_lists: Iterable[str] = (),
) -> Gathered:
    """The files ``spec`` references, from ``attach_dir`` if given, else from the
    ``<form>-media`` folder beside the form or the form's own folder. Each is checked
    (:func:`check_file`, columns a file select needs); FormDefinitionError names the file.

    A CSV with no file that names an entity list (one of ``entity_lists``, the lists the
    workspace holds, or one the form itself declares) is not missing: the list is read
    instead (``FormFiles.entities``), as ODK Central links a list to a form's attachment.
    """
    lists = set(entity_lists) | {decl.list_name for decl in spec.entities}
    folders = [attach_dir] if attach_dir is not None else [media_folder(form_path),
                                                           form_path.parent]  # fmt: skip
    if attach_dir is not None and not attach_dir.is_dir():
        raise FormDefinitionError("attachments.no_folder", folder=str(attach_dir))
    result = Gathered()
    total = 0
    for ref in referenced_files(spec):
        path = _find(ref.name, folders) if is_safe_name(ref.name) else None
        if path is None:
            if not (ref.is_data and ref.name.lower().endswith(".csv")
                    and instance_name(ref.name) in lists):  # fmt: skip
                result.missing.append(ref)
            continue
        data = _read(path, ref.name)
        check_file(ref.name, data)
        total += len(data)
        if total > MAX_FORM_BYTES:
            raise FormDefinitionError(
                "attachments.form_too_large", form_id=spec.form_id, limit=_mib(MAX_FORM_BYTES)
            )
        result.files.append(FormFile.of(ref.name, data))
    check_columns(spec, result.files)
    return result


def _find(name: str, folders: Iterable[Path]) -> Path | None:
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def _read(path: Path, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FormDefinitionError(
                "attachments.too_large", file=name, limit=_mib(MAX_FILE_BYTES)
            )
        return path.read_bytes()
    except OSError as exc:
        raise FormDefinitionError(
            "attachments.unreadable", file=name, reason=exc.strerror or str(exc)
        ) from exc


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB"


def check_file(name: str, data: bytes) -> None:
    """FormDefinitionError unless ``data`` may be the attachment ``name``: a plain file
    name, at most :data:`MAX_FILE_BYTES`, and a data file that reads."""
    if not is_safe_name(name):
        raise FormDefinitionError("attachments.unsafe_name", file=name)
    if len(data) > MAX_FILE_BYTES:
        raise FormDefinitionError("attachments.too_large", file=name, limit=_mib(MAX_FILE_BYTES))
    if name.lower().endswith(DATA_SUFFIXES):
        read_document(name, data)


def check_columns(spec: FormSpec, files: Iterable[FormFile]) -> None:
    """Each file select's file has the columns its value and label are read from."""
    by_name = {f.name: f for f in files}
    for node in spec.walk():
        file = by_name.get(node.choices or "") if node.type in FILE_SELECT_TYPES else None
        if file is None:
            continue
        items = FormFiles([file]).items(instance_name(file.name))
        value_ref, label_ref = item_refs(node)
        for column in (value_ref, label_ref):
            if items and not any(_has_child(item, column) for item in items):
                raise FormDefinitionError(
                    "attachments.missing_column",
                    file=file.name,
                    column=column,
                    question=node.name,
                    row=node.row if node.row is not None else "?",
                )


def _has_child(item: SecNode, name: str) -> bool:
    return any(kid.name == name for kid in item.kids)


def item_refs(node: Node) -> tuple[str, str]:
    """The children of a file's items that give a choice's value and label (pyxform's
    defaults, or the ``value=``/``label=`` parameters)."""
    suffix = "." + (node.choices or "").rpartition(".")[2].lower()
    value_ref, label_ref = DEFAULT_REFS.get(suffix, PLAIN_REFS)
    return node.parameters.get("value", value_ref), node.parameters.get("label", label_ref)


# --- reading data files ---------------------------------------------------------------
def read_document(name: str, data: bytes) -> SecNode:
    """The data file ``name`` as a secondary instance: a ``#document`` node whose one
    child is the file's root. FormDefinitionError names the file and the problem."""
    suffix = name.lower().rpartition(".")[2]
    if suffix == "csv":
        return _csv_document(name, data)
    if suffix == "xml":
        return _xml_document(name, data)
    if suffix == "geojson":
        return _geojson_document(name, data)
    raise FormDefinitionError("attachments.not_data", file=name)


def _text(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormDefinitionError("attachments.not_utf8", file=name, line=line) from exc


def _document(root_name: str) -> tuple[SecNode, SecNode]:
    doc = SecNode("#document", None)
    root = SecNode(root_name, doc)
    doc.kids.append(root)
    return doc, root


def _item(root: SecNode, fields: Iterable[tuple[str, str]]) -> None:
    item = SecNode("item", root, pos=len(root.kids) + 1)
    item.kids = [SecNode(key, item, value) for key, value in fields]
    root.kids.append(item)


def _csv_document(name: str, data: bytes) -> SecNode:
    text = _text(name, data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(rows, [])]
        if not any(header):
            raise FormDefinitionError("attachments.csv_no_header", file=name)
        seen: set[str] = set()
        for column in header:
            if column and column in seen:
                raise FormDefinitionError("attachments.csv_repeated_column", file=name,
                                          column=column)  # fmt: skip
            seen.add(column)
        doc, root = _document("root")
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            cells = row + [""] * (len(header) - len(row))
            _item(root, ((col, cells[i]) for i, col in enumerate(header) if col))
    except csv.Error as exc:
        raise FormDefinitionError("attachments.csv_bad", file=name, line=rows.line_num) from exc
    return doc


def _xml_document(name: str, data: bytes) -> SecNode:
    try:
        element = parse_xml(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise FormDefinitionError("attachments.xml_forbidden", file=name) from exc
    except ParseError as exc:
        line, column = exc.position
        raise FormDefinitionError("attachments.xml_bad", file=name, line=line,
                                  column=column) from exc  # fmt: skip
    doc = SecNode("#document", None)
    stack: list[tuple[Element, SecNode]] = [(element, doc)]
    while stack:  # no recursion: a deep file must not exhaust the stack
        elem, parent = stack.pop()
        children = list(elem)
        value = "" if children else (elem.text or "")
        node = SecNode(_local(elem.tag), parent, value)
        parent.kids.append(node)
        stack.extend((child, node) for child in reversed(children))
    _number(doc)
    return doc


def _local(tag: Any) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1] if text.startswith("{") else text


def _number(doc: SecNode) -> None:
    """Positions among same-named siblings (XPath ``[n]``)."""
    stack = [doc]
    while stack:
        node = stack.pop()
        counts: dict[str, int] = {}
        for kid in node.kids:
            counts[kid.name] = counts.get(kid.name, 0) + 1
            kid.pos = counts[kid.name]
        stack.extend(node.kids)


def _geojson_document(name: str, data: bytes) -> SecNode:
    try:
        parsed = json.loads(_text(name, data), parse_float=str)
    except json.JSONDecodeError as exc:
        raise FormDefinitionError("attachments.geojson_not_json", file=name,
                                  line=exc.lineno) from exc  # fmt: skip
    except RecursionError as exc:
        raise FormDefinitionError("attachments.geojson_not_json", file=name, line=1) from exc
    if not isinstance(parsed, dict) or parsed.get("type") != "FeatureCollection":
        raise FormDefinitionError("attachments.geojson_not_collection", file=name)
    features = parsed.get("features")
    if not isinstance(features, list):
        raise FormDefinitionError("attachments.geojson_no_features", file=name)
    doc, root = _document("root")
    for number, feature in enumerate(features, start=1):
        _item(root, _feature_fields(name, number, feature))
    return doc


def _feature_fields(name: str, number: int, feature: Any) -> list[tuple[str, str]]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise FormDefinitionError("attachments.geojson_not_feature", file=name, number=number)
    fields: list[tuple[str, str]] = []
    geometry = feature.get("geometry")
    if geometry is not None:
        fields.append(("geometry", _odk_geometry(name, number, geometry)))
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        raise FormDefinitionError("attachments.geojson_bad_feature", file=name, number=number)
    for key, value in properties.items():
        fields.append((str(key), _property_text(name, number, value)))
    if feature.get("id") is not None:
        ident = _property_text(name, number, feature["id"])
        fields = [(k, v) for k, v in fields if k != "id"]
        fields.append(("id", ident))
    return fields


def _property_text(name: str, number: int, value: Any) -> str:
    """A property as JavaRosa reads it into text: numbers as written, true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int):
        return str(value)
    raise FormDefinitionError("attachments.geojson_bad_feature", file=name, number=number)


def _odk_geometry(name: str, number: int, geometry: Any) -> str:
    """``lat lon 0 0`` points (``; ``-separated for a line or a polygon's outer ring)."""
    try:
        kind, coordinates = geometry["type"], geometry["coordinates"]
        if kind == "Point":
            return _odk_point(coordinates)
        if kind == "LineString":
            return "; ".join(_odk_point(point) for point in coordinates)
        if kind == "Polygon":
            return "; ".join(_odk_point(point) for point in coordinates[0]) if coordinates else ""
    except (KeyError, TypeError, IndexError, ValueError) as exc:
        raise FormDefinitionError("attachments.geojson_bad_feature", file=name,
                                  number=number) from exc  # fmt: skip
    raise FormDefinitionError("attachments.geojson_geometry", file=name, number=number,
                              kind=str(geometry.get("type")))  # fmt: skip


def _odk_point(point: Any) -> str:
    return f"{_java_number(point[1])} {_java_number(point[0])} 0 0"


def _java_number(value: Any) -> str:
    """A coordinate as Java prints a JSON number (``105.85``, ``21.0``, ``105``)."""
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int):
        return str(value)
    return repr(float(value))  # a decimal (kept as its text by the parser)


# --- what the engine reads ---------------------------------------------------------------
def entity_list_name(node: Node, files: FormFiles | None) -> str | None:
    """The entity list a ``select_*_from_file`` of a CSV the form has no attachment for
    picks from, by name (whether the lists hold it is theirs to say); None for any other
    question."""
    if node.type not in FILE_SELECT_TYPES or not node.choices:
        return None
    if not node.choices.lower().endswith(".csv"):
        return None
    name = instance_name(node.choices)
    if files is not None and files.file_for(name) is not None:
        return None  # an attached file: an ordinary list of choices
    return name


class FormFiles:
    """The attachments of one form version, read on first use and kept (thread-safe
    enough: a document parsed twice by two threads is the same document).

    A data file the form names but was not given (``households.csv``,
    ``instance('households')``) is read from the entity lists of :attr:`entities` when it
    has that list (``xpath_attachments.use_entities``): read afresh each time (the lists
    change as interviews are completed), by key where the form looks one entity up."""

    def __init__(self, files: Iterable[FormFile]) -> None:
        self.files: dict[str, FormFile] = {f.name: f for f in files}
        self._documents: dict[str, SecNode | None] = {}
        self._choices: dict[tuple[str, str, str], list[tuple[Choice, SecNode]]] = {}
        self._indexes: dict[tuple[str, str], dict[str, SecNode]] = {}
        #: the entity lists read where the form has no file of that name
        self.entities: EntitySource | None = None

    def __bool__(self) -> bool:
        return bool(self.files) or self.entities is not None

    def entity_list(self, instance: str) -> str | None:
        """The entity list read as ``instance(instance)`` (or as the file ``instance``):
        the name without its ``.csv``, when no attachment has it and the lists do."""
        name = instance_name(instance)
        if self.entities is None or self.file_for(name) is not None:
            return None
        return name if self.entities.has_list(name) else None

    def entity_select(self, node: Node) -> str | None:
        """The entity list of a ``select_*_from_file`` read from the lists, if it is one."""
        name = entity_list_name(node, self)
        if name is None or self.entities is None:
            return None
        return name if self.entities.has_list(name) else None

    def entity_choice(self, node: Node, value: str) -> Choice | None:
        """The choice ``value`` of a select from an entity list, found by key (None: the
        list has no such entity; also for a list that is not an entity list)."""
        list_name = self.entity_select(node)
        if list_name is None or self.entities is None:
            return None
        value_ref, label_ref = item_refs(node)
        if value_ref != "name":
            return next((c for c, _ in self.choice_items(node, limit=None) if c.name == value),
                        None)  # fmt: skip
        row = self.entities.get(list_name, value)
        if row is None:
            return None
        return _entity_choice(entity_item(_document("root")[1], row, 1), value_ref, label_ref)

    def get(self, name: str) -> FormFile | None:
        return self.files.get(name)

    def file_for(self, instance: str) -> FormFile | None:
        """The data file read as ``instance(instance)`` (its name without extension)."""
        if instance in self.files and instance.lower().endswith(DATA_SUFFIXES):
            return self.files[instance]
        for suffix in DATA_SUFFIXES:
            found = self.files.get(instance + suffix)
            if found is not None:
                return found
        return None

    def entity_unoffered(self, node: Node, answer: Any) -> list[str] | None:
        """For a select from an entity list too long to list (:meth:`choice_items`): the
        names in ``answer`` the list does not hold (found by key). None for any other
        select (its choices are listed and checked as usual)."""
        list_name = self.entity_select(node)
        if list_name is None or self.entities is None:
            return None
        if self.entities.count(list_name) <= MAX_LISTED_ENTITIES:
            return None
        picked = [answer] if isinstance(answer, str) else list(answer or [])
        other = {"other"} if node.or_other else set()
        return [n for n in picked if n not in other and self.entity_choice(node, n) is None]

    def document(self, instance: str) -> SecNode | None:
        """``instance('…')`` for a data file; None when there is no such file (or it does
        not read: it was checked when published, so only a damaged store gets here).
        An entity list is read from the lists (a new document each time)."""
        list_name = self.entity_list(instance)
        if list_name is not None and self.entities is not None:
            return entity_document(self.entities, list_name)
        if instance not in self._documents:
            file = self.file_for(instance)
            doc = None
            if file is not None:
                try:
                    doc = read_document(file.name, file.data)
                except FormDefinitionError:
                    doc = None
            self._documents[instance] = doc
        return self._documents[instance]

    def items(self, instance: str) -> list[SecNode]:
        """``instance(instance)/root/item``: the rows of a CSV, the features of a GeoJSON,
        the ``item`` children of an XML file whose root is ``root``."""
        doc = self.document(instance)
        if doc is None or not doc.kids or doc.kids[0].name != "root":
            return []
        return [item for item in doc.kids[0].kids if item.name == "item"]

    def choice_items(
        self, node: Node, *, limit: int | None = MAX_LISTED_ENTITIES
    ) -> list[tuple[Choice, SecNode]]:
        """(choice, item) for each item of the file of a ``select_*_from_file``: the
        value and label children as pyxform sets them (``name``/``label``; GeoJSON
        ``id``/``title``; the ``value=``/``label=`` parameters). A ``label::<language>``
        column gives the label in that language; an item without a value is left out.

        From an entity list (read afresh), only when it holds at most ``limit`` entities
        (:data:`MAX_LISTED_ENTITIES`): a longer one is left to the picker, which searches
        it (``EntitySource.search``); the answer is checked by :meth:`entity_choice`."""
        file_name = node.choices or ""
        value_ref, label_ref = item_refs(node)
        list_name = self.entity_select(node)
        if list_name is not None and self.entities is not None:
            if limit is not None and self.entities.count(list_name) > limit:
                return []
            items = self.items(list_name)
            found = ((_entity_choice(item, value_ref, label_ref), item) for item in items)
            return [(choice, item) for choice, item in found if choice is not None]
        key = (file_name, value_ref, label_ref)
        cached = self._choices.get(key)
        if cached is None:
            cached = []
            for item in self.items(instance_name(file_name)):
                choice = _entity_choice(item, value_ref, label_ref)
                if choice is not None:
                    cached.append((choice, item))
            self._choices[key] = cached
        return cached

    def lookup(self, instance: str, column: str, value: str) -> SecNode | None:
        """The first item of a data file whose ``column`` is ``value`` (pulldata()); in an
        entity list, by key for ``name``, else the first entity in the list's order."""
        list_name = self.entity_list(instance)
        if list_name is not None and self.entities is not None:
            if column == "name":
                row = self.entities.get(list_name, value)
                return None if row is None else entity_item(_document("root")[1], row, 1)
            for item in self.items(list_name):
                if any(kid.name == column and kid.value == value for kid in item.kids):
                    return item
            return None
        key = (instance, column)
        index = self._indexes.get(key)
        if index is None:
            index = {}
            for item in self.items(instance):
                for kid in item.kids:
                    if kid.name == column:
                        index.setdefault(kid.value, item)
                        break
            self._indexes[key] = index
        return index.get(value)


def _entity_choice(item: SecNode, value_ref: str, label_ref: str) -> Choice | None:
    """The choice of one file item (None: the item has no value)."""
    values = {kid.name: kid.value for kid in item.kids}
    value = values.get(value_ref, "")
    if value == "":
        return None
    prefix = f"{label_ref}::"
    label = {k[len(prefix) :]: v for k, v in values.items() if k.startswith(prefix)}
    label[DEFAULT_LANG] = values.get(label_ref, "")
    if not any(label.values()):
        label = {DEFAULT_LANG: value}  # nothing to show but the value
    skip = (value_ref, label_ref)
    extra = {k: v for k, v in values.items() if k not in skip and not k.startswith(prefix)}
    return Choice(name=value, label=label, extra=extra)


def media_name(media: dict[str, dict[str, str]], kind: str, lang: str | None,
               default_lang: str) -> str:  # fmt: skip
    """The file named for ``kind`` (image, big-image, audio, video) in ``lang``."""
    name = pick_text(media.get(kind, {}), lang, default_lang)
    for prefix in ("jr://images/", "jr://audio/", "jr://video/"):
        name = name.removeprefix(prefix)
    return name


__all__ = [
    "DATA_SUFFIXES",
    "FILE_SELECT_TYPES",
    "MAX_FILE_BYTES",
    "MAX_FORM_BYTES",
    "MAX_LISTED_ENTITIES",
    "MEDIA_KINDS",
    "FormFile",
    "FormFiles",
    "Gathered",
    "Reference",
    "check_columns",
    "check_file",
    "gather",
    "instance_name",
    "is_safe_name",
    "item_refs",
    "media_folder",
    "media_name",
    "read_document",
    "referenced_files",
]
