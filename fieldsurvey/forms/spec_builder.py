"""pyxform's validated JSON (survey dict) -> our typed :class:`FormSpec`.

The tree, the resolved types, the choice lists and the nodes pyxform adds itself
(``<select>_other``, ``<repeat>_count``) come from the JSON; texts, expressions and
appearances come from the original survey-sheet cells (:class:`RowIndex`), because
pyxform rewrites some of them (``choice_filter`` into an itemset nodeset,
``repeat_count`` into a generated node, ``table-list`` into ``field-list``).
"""

from __future__ import annotations

import re
from typing import Any

from pyxform import aliases, constants
from pyxform.parsing.parameters import parse as parse_parameters
from pyxform.xls2json import RE_SELECT

from fieldsurvey.forms import entity_spec
from fieldsurvey.forms.form_errors import FormSheetError, phrase, where
from fieldsurvey.forms.spec import QUESTION_TYPES, Binding, Choice, FormSpec, Media, Node, Texts
from fieldsurvey.forms.xlsform_reader import RowIndex, SurveyRow, location

#: pyxform's type names (after its own dealiasing) -> canonical FormSpec types.
TYPE_MAP: dict[str, str] = {
    "select one": "select_one", "select all that apply": "select_multiple",
    "select one external": "select_one_external", "string": "text", "int": "integer",
    "photo": "image", "gps": "geopoint", "location": "geopoint", "datetime": "dateTime",
    "date time": "dateTime", "imei": "deviceid", "device id": "deviceid",
    "uri:deviceid": "deviceid", "uri:username": "username", "uri:email": "email",
    "uri:phonenumber": "phonenumber", "uri:simserial": "simserial",
    "uri:subscriberid": "subscriberid", "subscriber id": "subscriberid", "sim id": "simserial",
    "start time": "start", "end time": "end", "phone number": "text", "percentage": "integer",
    "osm": "file", "background-geopoint": "geopoint",
}  # fmt: skip
#: Type names made of a bind type (pyxform's question type dictionary) -> canonical type.
BIND_TYPE_MAP = {
    "int": "integer", "decimal": "decimal", "date": "date", "dateTime": "dateTime",
    "time": "time", "geopoint": "geopoint", "geotrace": "geotrace", "geoshape": "geoshape",
    "barcode": "barcode", "string": "text",
}  # fmt: skip
_MEDIA_KEYS = {"media", "image", "big-image", "audio", "video", "__row", "name", "label"}
_FILE_SUFFIX = re.compile(r"\.(csv|xml|geojson)$")
_OTHER_RELEVANT = re.compile(r"^selected\(\.\./(?P<name>[^,]+), 'other'\)$")
#: Our survey-sheet column that makes a constraint soft (a warning to confirm).
CONSTRAINT_TYPE = "constraint_type"
SOFT_TYPES = frozenset({"soft", "warning"})
_GENERATED_UI = ("reserved_name_for_field_list_labels_", "generated_table_list_label_")


def canonical_type(pyxform_type: str, list_name: str | None = None) -> str | None:
    """The FormSpec type for a pyxform type name, or None if there is none."""
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    from_file = bool(list_name and _FILE_SUFFIX.search(list_name))
    if pyxform_type == "select one" and from_file:
        return "select_one_from_file"
    if pyxform_type == "select all that apply" and from_file:
        return "select_multiple_from_file"
    if pyxform_type in TYPE_MAP:
        return TYPE_MAP[pyxform_type]
    if pyxform_type in QUESTION_TYPES:
        return pyxform_type
    known = QUESTION_TYPE_DICT.get(pyxform_type)
    if known is None:
        return None
    bind = known.get("bind", {})
    preload, params = bind.get("jr:preload"), bind.get("jr:preloadParams")
    if preload in {"timestamp", "date", "property"} and params:
        return canonical_type(str(params).removeprefix("uri:"))
    media = str(known.get("control", {}).get("mediatype", ""))
    for prefix, kind in (("image", "image"), ("audio", "audio"), ("video", "video")):
        if media.startswith(prefix):
            return kind
    if bind.get("type") == "binary":
        return "file"
    if known.get("control", {}).get("tag") == "trigger":
        return "acknowledge"
    return BIND_TYPE_MAP.get(str(bind.get("type")))


def texts(value: Any, default_lang: str) -> Texts:
    """A pyxform text cell (plain string or ``{language: text}``) as :data:`Texts`."""
    if value is None or value == "":
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if isinstance(v, str | int | float)}
    return {default_lang: str(value)}


def media(value: Any, default_lang: str) -> Media:
    """pyxform's ``media`` cell (``{kind: file}`` or ``{kind: {language: file}}``)."""
    if not isinstance(value, dict):
        return {}
    found = {str(kind): texts(names, default_lang) for kind, names in value.items()}
    return {kind: names for kind, names in found.items() if names}


def _flag(value: Any) -> str | None:
    """``required``/``read_only`` cells: yes/true -> ``"true()"``, no/false/empty -> None."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    converted = aliases.BINDING_CONVERSIONS.get(text, text)
    return None if converted == "false()" else converted


class SpecBuilder:
    """Walks pyxform's survey dict once and produces the FormSpec."""

    def __init__(
        self,
        survey: dict[str, Any],
        rows: RowIndex,
        warnings: list[str],
        external_choices: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        self.survey = survey
        self.rows = rows
        self.warnings = warnings
        self.default_lang = str(survey.get(constants.DEFAULT_LANGUAGE_KEY) or "default")
        self.choices = self._choices(external_choices or {})

    def build(self, settings: dict[str, str], source_hash: str) -> FormSpec:
        children = self._nodes(self.survey.get(constants.CHILDREN, []), "", None, top=True)
        spec = FormSpec(
            form_id=str(self.survey.get(constants.ID_STRING) or ""),
            version=str(self.survey.get(constants.VERSION) or ""),
            title=str(self.survey.get(constants.TITLE) or ""),
            default_language=self.default_lang,
            children=children,
            choices=self.choices,
            settings=settings,
            warnings=self.warnings,
            source_hash=source_hash,
            audit=self._audit(),
            entities=entity_spec.declarations(self.survey),
        )
        spec.languages = _languages(spec)
        return spec

    def _audit(self) -> dict[str, str] | None:
        """The parameters of the ``audit`` row of pyxform's ``meta`` group, if any."""
        for item in self.survey.get(constants.CHILDREN, []):
            if item.get(constants.NAME) != "meta" or item.get(constants.TYPE) != constants.GROUP:
                continue
            for child in item.get(constants.CHILDREN, []):
                if child.get(constants.TYPE) == "audit":
                    return {str(k): str(v) for k, v in (child.get(constants.BIND) or {}).items()}
        return None

    def _choices(self, external: dict[str, list[dict[str, Any]]]) -> dict[str, list[Choice]]:
        lists: dict[str, list[Choice]] = {}
        raw_lists = dict(self.survey.get(constants.CHOICES) or {})
        for list_name, items in external.items():  # the external_choices sheet
            raw_lists.setdefault(list_name, items)
        for list_name, items in raw_lists.items():
            lists[str(list_name)] = [self._choice(item) for item in items]
        return lists

    def _choice(self, item: dict[str, Any]) -> Choice:
        extra = {
            str(k): str(v)
            for k, v in item.items()
            if k not in _MEDIA_KEYS and isinstance(v, str | int | float)
        }
        label = texts(item.get(constants.LABEL), self.default_lang)
        return Choice(
            name=str(item.get(constants.NAME)),
            label=label,
            extra=extra,
            media=media(item.get(constants.MEDIA), self.default_lang),
        )

    def _nodes(
        self,
        items: list[dict[str, Any]],
        parent: str,
        parent_row: int | None,
        *,
        top: bool = False,
        lookup: str | None = None,
        from_json: bool = False,
    ) -> list[Node]:
        """Nodes of ``items``; ``lookup`` is the sheet path of ``parent`` (differs in loops)."""
        nodes: list[Node] = []
        lookup = parent if lookup is None else lookup
        for item in items:
            name = str(item.get(constants.NAME))
            if top and name == "meta" and item.get(constants.TYPE) == constants.GROUP:
                continue  # pyxform's own instanceID / instanceName / audit / entity block
            if entity_spec.is_entity_meta(item):
                continue  # the entity block pyxform writes in a repeat
            if name.startswith(_GENERATED_UI):
                continue  # table-list header rows pyxform adds for its own layout
            path = f"{parent}/{name}" if parent else name
            sheet_path = f"{lookup}/{name}" if lookup else name
            source = self.rows.by_path.get(sheet_path)
            if item.get(constants.TYPE) == constants.LOOP:
                nodes.append(self._loop(item, name, path, source, parent_row))
                continue
            if from_json and source is not None:
                source = SurveyRow(source.row, item)  # texts substituted per loop column
            nodes.append(self._node(item, name, path, source, parent_row, sheet_path, from_json))
        return nodes

    def _loop(
        self,
        item: dict[str, Any],
        name: str,
        path: str,
        source: SurveyRow | None,
        parent_row: int | None,
    ) -> Node:
        """``begin loop over <list>``: a group holding one group per choice, as pyxform does."""
        loop = self._node({**item, constants.TYPE: constants.GROUP, constants.CHILDREN: []},
                          name, path, source, parent_row, path, False)  # fmt: skip
        for column in item.get(constants.COLUMNS, []):
            if column.get(constants.NAME) == "none":
                continue
            col_name = str(column[constants.NAME])
            col_path = f"{path}/{col_name}"
            group = Node(kind="group", name=col_name, type="group", path=col_path, row=loop.row,
                         label=texts(column.get(constants.LABEL), self.default_lang))  # fmt: skip
            templates = [_substitute(child, column) for child in item.get(constants.CHILDREN, [])]
            group.children = self._nodes(templates, col_path, loop.row, lookup=path, from_json=True)
            loop.children.append(group)
        return loop

    def _node(
        self,
        item: dict[str, Any],
        name: str,
        path: str,
        source: SurveyRow | None,
        parent_row: int | None,
        sheet_path: str,
        from_json: bool,
    ) -> Node:
        cells = source.cells if source is not None else item
        row = source.row if source is not None else self._generated_row(name, parent_row)
        kind_name = str(item.get(constants.TYPE))
        bind = dict(cells.get(constants.BIND) or {})
        control = dict(cells.get(constants.CONTROL) or {})
        node = Node(
            kind="question",
            name=name,
            type="",
            path=path,
            label=texts(cells.get(constants.LABEL), self.default_lang),
            hint=texts(cells.get(constants.HINT), self.default_lang),
            guidance_hint=texts(cells.get("guidance_hint"), self.default_lang),
            media=media(cells.get(constants.MEDIA), self.default_lang),
            constraint_message=texts(bind.get("jr:constraintMsg"), self.default_lang),
            required_message=texts(bind.get("jr:requiredMsg"), self.default_lang),
            appearance=control.get(constants.APPEARANCE) or None,
            row=row,
        )
        node.bind = Binding(
            relevant=bind.get("relevant") or None,
            constraint=bind.get("constraint") or None,
            calculation=bind.get("calculate") or None,
            required=_flag(bind.get("required")),
            read_only=_flag(bind.get("readonly")),
            repeat_count=control.get("jr:count") or None,
            choice_filter=cells.get(constants.CHOICE_FILTER) or None,
            default=cells.get("default") or None,
            trigger=cells.get("trigger") if isinstance(cells.get("trigger"), str) else None,
        )
        node.constraint_soft = self._soft(node, sheet_path, cells)
        if source is None and node.bind.relevant:  # pyxform's generated `<name>_other`
            match = _OTHER_RELEVANT.match(node.bind.relevant)
            if match:
                node.bind.relevant = f"selected(${{{match['name']}}}, 'other')"
        if kind_name in {constants.GROUP, constants.REPEAT}:
            node.kind = "group" if kind_name == constants.GROUP else "repeat"
            node.type = node.kind
            node.children = self._nodes(
                item.get(constants.CHILDREN, []), path, row, lookup=sheet_path, from_json=from_json
            )
            return node
        self._set_question_type(node, item, cells, kind_name)
        node.parameters = self._parameters(item, cells, row)
        return node

    def _soft(self, node: Node, sheet_path: str, cells: dict[str, Any]) -> bool:
        """The ``constraint_type`` column (ours; pyxform passes it by): ``soft`` or
        ``warning`` makes the constraint a warning to confirm, ``hard`` or empty an error.
        Another value, or ``soft`` without a constraint, is a warning and reads as hard."""
        original = self.rows.by_path.get(sheet_path)
        raw = (original.cells if original is not None else cells).get(CONSTRAINT_TYPE)
        text = str(raw).strip().lower() if raw is not None else ""
        if text in ("", "hard"):
            return False
        if text not in SOFT_TYPES:
            self.warnings.append(
                location(
                    f"'{raw}' is not a constraint type ('soft' or 'hard'): the constraint"
                    " is checked as hard.",
                    "survey",
                    node.row,
                    CONSTRAINT_TYPE,
                )
            )
            return False
        if not node.bind.constraint:
            self.warnings.append(
                location(
                    "a soft constraint type without a constraint does nothing.",
                    "survey",
                    node.row,
                    CONSTRAINT_TYPE,
                )
            )
            return False
        return True

    def _set_question_type(
        self, node: Node, item: dict[str, Any], cells: dict[str, Any], kind_name: str
    ) -> None:
        list_name = item.get(constants.ITEMSET) or item.get(constants.LIST_NAME_U)
        canonical = canonical_type(kind_name, list_name)
        raw_type = str(cells.get(constants.TYPE) or kind_name)
        if canonical is None:
            canonical, list_name = self._case_insensitive_select(node, raw_type)
        node.type = canonical
        if list_name:
            node.choices = str(list_name)
        select = RE_SELECT.search(raw_type)
        node.or_other = bool(select and select.group("specify_other"))

    def _case_insensitive_select(self, node: Node, raw_type: str) -> tuple[str, str]:
        """ODK rejects ``Select one from x``; we read it as ``select one from x``."""
        select = RE_SELECT.search(raw_type.lower())
        if select is None:
            raise FormSheetError(
                "forms.at",
                where=where("survey", node.row, "type"),
                problem=phrase("forms.unknown_question_type", type=raw_type),
            )
        list_name = raw_type.split()[-1]
        if list_name not in self.choices:
            raise FormSheetError(
                "forms.at",
                where=where("survey", node.row),
                problem=phrase("forms.list_not_in_choices", list=list_name),
            )
        canonical = canonical_type(aliases.select[select.group("select_command")], list_name)
        self.warnings.append(
            location(f"type '{raw_type}' is read as '{raw_type.lower()}'.", "survey", node.row)
        )
        return canonical or "select_one", list_name

    def _parameters(
        self, item: dict[str, Any], cells: dict[str, Any], row: int | None
    ) -> dict[str, str]:
        params = item.get(constants.PARAMETERS)
        if isinstance(params, dict) and params:
            return {str(k): str(v) for k, v in params.items()}
        raw = cells.get(constants.PARAMETERS)
        if isinstance(raw, str) and raw.strip():
            return parse_parameters(raw_parameters=raw, row_number=row or 0)
        return {}

    def _generated_row(self, name: str, parent_row: int | None) -> int | None:
        """Row of the sheet row a pyxform-generated node comes from."""
        for suffix in ("_other", "_count"):
            if name.endswith(suffix):
                row = self.rows.row_of_name(name.removesuffix(suffix))
                if row is not None:
                    return row
        return parent_row


def _substitute(template: Any, column: dict[str, Any]) -> Any:
    """pyxform's ``%(name)s`` / ``%(label)s`` substitution of a loop column, per language."""
    if isinstance(template, str):
        label = column.get(constants.LABEL)
        values = {"name": column.get(constants.NAME), "label": label}
        try:
            return template % values if "%(" in template else template
        except (KeyError, ValueError, TypeError):
            return template
    if isinstance(template, dict):
        result = {}
        for key, value in template.items():
            label = column.get(constants.LABEL)
            if isinstance(value, str) and isinstance(label, dict) and key in label:
                value = _substitute(value, {**column, constants.LABEL: label[key]})
            elif key != constants.CHILDREN:
                value = _substitute(value, column)
            else:
                value = [_substitute(child, column) for child in value]
            result[key] = value
        return result
    return template


def _languages(spec: FormSpec) -> list[str]:
    seen: dict[str, None] = {}
    for node in spec.walk():
        for group in (node.label, node.hint, node.guidance_hint, node.constraint_message,
                      node.required_message, *node.media.values()):  # fmt: skip
            seen.update(dict.fromkeys(group))
    for items in spec.choices.values():
        for choice in items:
            seen.update(dict.fromkeys(choice.label))
            for files in choice.media.values():
                seen.update(dict.fromkeys(files))
    ordered = list(seen)
    if spec.default_language in seen:
        ordered.remove(spec.default_language)
        ordered.insert(0, spec.default_language)
    return ordered
