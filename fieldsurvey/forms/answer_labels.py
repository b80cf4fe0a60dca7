"""A question's label and an answer's choice labels, for screens that list answers by
their path (the coordinator's conflicts and quarantine).

The texts come from the installed form version, in the form language that matches the
app language (``"vi"`` -> ``"Tiếng Việt (vi)"``), else the form's default language.
A path the form does not know (or no form at all) is shown as it is. The choices of a
``select_one_from_file``/``select_multiple_from_file`` come from the file published
with the form version (read with the form by :func:`installed_specs`).

API:
    form_language(spec, code) -> str
    question_label(spec, path, code) -> str     "Household member 2 › Age (completed years)"
    answer_text(spec, path, value, code) -> str  "female – Nữ", "3 × Household member", ...
    ward_text(spec, ward, code) -> str           a ward stored by its code, as its label
    installed_specs(ws, versions) -> {(form_id, version): FormSpec}   (installed ones only)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from fieldsurvey.answers import parse_path
from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.forms.attachments import FILE_SELECT_TYPES, FormFile, FormFiles
from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, FormSpec, Node, Texts

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

_CODE = re.compile(r"\(([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?\)\s*$")
_NAMES = {"vi": ("tiếng việt", "vietnamese"), "en": ("english", "tiếng anh")}
_REFERENCE = re.compile(r"\$\{[^}]*\}")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
SEPARATOR = " › "
_SELECT_TYPES = frozenset({"select_one", "select_multiple", *FILE_SELECT_TYPES})


def form_language(spec: FormSpec, code: str) -> str:
    """The form language for the app language ``code`` (its name ends in ``(code)`` or
    is the language's own name), else the form's default language."""
    for name in spec.languages:
        match = _CODE.search(name)
        if match and match.group(1).lower() == code:
            return name
    for name in spec.languages:
        if name.strip().casefold() in _NAMES.get(code, ()):
            return name
    return spec.default_language


def _pick(texts: Texts, lang: str, default_lang: str) -> str:
    for key in (lang, default_lang, DEFAULT_LANG):
        if texts.get(key):
            return texts[key]
    return next((t for t in texts.values() if t), "")


def _one_line(text: str) -> str:
    """A label on one line: ``${...}`` references as "…", no tags, no line breaks."""
    text = _TAG.sub("", _REFERENCE.sub("…", text))
    return _SPACE.sub(" ", text).strip().strip("*_").strip()


def _label(spec: FormSpec, node: Node, code: str) -> str:
    text = _pick(node.label, form_language(spec, code), spec.default_language)
    return _one_line(text) or node.name


_by_path: dict[int, tuple[FormSpec, dict[str, Node]]] = {}


def _nodes(spec: FormSpec) -> dict[str, Node]:
    """The form's nodes by path (kept for the last few forms: a table asks per cell)."""
    kept = _by_path.get(id(spec))
    if kept is None or kept[0] is not spec:
        if len(_by_path) >= 8:
            _by_path.clear()
        kept = _by_path[id(spec)] = (spec, {node.path: node for node in spec.walk()})
    return kept[1]


def _steps(spec: FormSpec, path: str) -> list[tuple[Node, int | None]] | None:
    """The nodes along ``path`` (with their repeat position); None if the form does not
    have that path."""
    try:
        steps = parse_path(path)
    except FieldSurveyError:
        return None
    nodes = _nodes(spec)
    out = []
    names: list[str] = []
    for step in steps:
        names.append(step.name)
        node = nodes.get("/".join(names))
        if node is None:
            return None
        out.append((node, step.repeat))
    return out


def question_label(spec: FormSpec | None, path: str, code: str) -> str:
    """The label of the question at ``path`` in the app language ``code``, after the
    label and number of each repeat instance on the way; ``path`` itself if unknown."""
    steps = _steps(spec, path) if spec is not None else None
    if spec is None or not steps:
        return path
    parts = [
        f"{_label(spec, node, code)} {position}"
        for node, position in steps[:-1]
        if node.kind == "repeat" and position is not None
    ]
    last, position = steps[-1]
    own = _label(spec, last, code)
    parts.append(f"{own} {position}" if last.kind == "repeat" and position else own)
    return SEPARATOR.join(parts)


def _choice_text(spec: FormSpec, node: Node, name: str, code: str) -> str:
    for choice in _listed(spec, node):
        if choice.name == name:
            label = _one_line(_pick(choice.label, form_language(spec, code), spec.default_language))
            return f"{name} – {label}" if label and label != name else name
    return name


#: id(spec) -> (spec, node path -> the choices of its attached file)
_file_lists: dict[int, tuple[FormSpec, dict[str, list[Choice]]]] = {}


def _listed(spec: FormSpec, node: Node) -> list[Choice]:
    """The choices of a select: the form's list, or the rows of its attached file."""
    if node.type in FILE_SELECT_TYPES:
        kept = _file_lists.get(id(spec))
        return kept[1].get(node.path, []) if kept is not None and kept[0] is spec else []
    return spec.choices.get(node.choices or "", [])


def _keep_file_lists(spec: FormSpec, files: FormFiles) -> None:
    """Remember the choices of the form's file selects, read from its attachments."""
    lists = {
        node.path: [choice for choice, _ in files.choice_items(node)]
        for node in spec.walk()
        if node.type in FILE_SELECT_TYPES and node.choices
    }
    _file_lists[id(spec)] = (spec, lists)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def answer_text(spec: FormSpec | None, path: str, value: Any, code: str) -> str:
    """``value`` as the answer at ``path``: a choice code beside its label (several for a
    multiple choice), a repeat as its number of entries; else the value itself."""
    steps = _steps(spec, path) if spec is not None else None
    if spec is None or not steps:
        return _plain(value)
    node = steps[-1][0]
    if node.type in _SELECT_TYPES and value is not None:
        multiple = node.type in ("select_multiple", "select_multiple_from_file")
        names = value.split() if isinstance(value, str) and multiple else value
        if isinstance(names, list) and all(isinstance(n, str) for n in names):
            return "; ".join(_choice_text(spec, node, n, code) for n in names)
        if isinstance(names, str | int):
            return _choice_text(spec, node, str(names), code)
    if node.kind == "repeat" and isinstance(value, list):
        return f"{len(value)} × {_label(spec, node, code)}"
    return _plain(value)


def ward_text(spec: FormSpec | None, ward: str, code: str) -> str:
    """``ward`` as the form's ward question (settings ``ward_field``) labels it, when it
    is stored by its choice code; else as it is."""
    field = spec.settings.get("ward_field") if spec is not None else None
    if spec is None or not field:
        return ward
    node = next((n for n in _nodes(spec).values() if n.name == field), None)
    if node is None or not node.choices:
        return ward
    for choice in spec.choices.get(node.choices, []):
        if choice.name == ward:
            label = _pick(choice.label, form_language(spec, code), spec.default_language)
            return _one_line(label) or ward
    return ward


_installed: dict[str, FormSpec] = {}


def installed_specs(
    ws: Workspace, versions: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], FormSpec]:
    """The installed form versions among ``versions`` (the others are left out); each
    definition is read once per process (kept by its id, version and source hash)."""
    from fieldsurvey.store import forms as forms_store
    from fieldsurvey.store import quarantine

    out: dict[tuple[str, str], FormSpec] = {}
    for form_id, version in set(versions):
        key = quarantine.form_key(ws.db, form_id, version)
        if key is None:
            continue
        spec = _installed.get(key)
        if spec is None:
            definition = forms_store.get_form(ws, form_id, version).definition
            spec = FormSpec.model_validate_json(definition)
            if any(node.type in FILE_SELECT_TYPES for node in spec.walk()):
                held = forms_store.read_attachments(ws, form_id, version)
                _keep_file_lists(spec, FormFiles(FormFile(f.name, f.data, f.sha256) for f in held))
            _installed[key] = spec
        out[(form_id, version)] = spec
    return out
