"""Reading a form's attachments from expressions: ``pulldata()``, ``search()``, files.

A compiled form carries its attachments (:class:`~fieldsurvey.forms.attachments.FormFiles`)
once :func:`use_files` gave them (``forms/installed.py`` does, from the workspace); a
form without them reads every file as empty, as before. :func:`use_entities` gives it the
laptop's entity lists: a data file the form names without an attachment of that name is
read from the list of that name (``pulldata('households', 'size', 'name', ${hh})`` by
key).

- ``pulldata('name', 'col', 'key_col', key)``: ``col`` of the first row of ``name``
  (a CSV, or any instance) whose ``key_col`` is ``key`` as text; ``''`` when there is
  none. JavaRosa's semantics (an exact comparison), not Collect's older SQLite lookup
  (which ignored the case of ASCII letters).
- ``search('name' [, 'contains'|'matches'|'startsWith'|'endsWith', 'cols', text
  [, 'filter_col', filter]])`` in a select's appearance: the choices come from the CSV
  as ODK Collect builds them (``ExternalDataHandlerSearch``): each row of the choices
  sheet names the value column (``name``) and the label columns (``label``, comma
  separated); a row whose name is a whole number is kept as a fixed choice; rows are in
  the file's order (or its ``sortby`` column), one choice per value; a label of several
  columns reads ``first (col2: value2) (col3: value3)``. Matching ignores case (of every
  letter: Collect ignores it only for A-Z) and ``%``/``_`` work as SQL wildcards, as in
  Collect; the filter column must equal its value (case ignored too).
"""

from __future__ import annotations

import copy
import math
import re
from functools import lru_cache
from typing import Any

from fieldsurvey.forms.attachments import FormFiles, instance_name
from fieldsurvey.forms.entity_model import EntitySource
from fieldsurvey.forms.instance import SecNode
from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, Node
from fieldsurvey.forms.xpath_context import EvalContext
from fieldsurvey.forms.xpath_values import to_string

FILES_ATTRIBUTE = "attachment_files"
ENTITIES_ATTRIBUTE = "entity_source"
_SEARCH_CALL = re.compile(r"search\s*\((?P<args>.*)\)", re.S)
_SEARCH_TYPES = {"contains": "%{}%", "matches": "{}", "startswith": "{}%", "endswith": "%{}"}
_SORT_COLUMN = "sortby"


def use_files(form: Any, files: FormFiles | None) -> None:
    """Give the compiled form ``form`` its attachments (None: none)."""
    if files is not None:
        files.entities = form_entities(form)
    setattr(form, FILES_ATTRIBUTE, files)


def use_entities(form: Any, source: EntitySource | None) -> None:
    """Give the compiled form ``form`` the entity lists it reads where it names a data
    file it has no attachment for (``households.csv`` / ``instance('households')``:
    the list ``households``); None: none. The store gives its lists
    (``StoreEntitySource``); a compiled form is shared, so the last source given holds."""
    setattr(form, ENTITIES_ATTRIBUTE, source)
    files = getattr(form, FILES_ATTRIBUTE, None)
    if isinstance(files, FormFiles):
        files.entities = source
    elif source is not None:
        holder = FormFiles(())
        holder.entities = source
        setattr(form, FILES_ATTRIBUTE, holder)


def with_entities(form: Any, source: EntitySource | None) -> Any:
    """A view of the compiled form ``form`` that reads the entity lists of ``source``,
    leaving ``form`` (shared by every screen and thread) as it is: a shallow copy
    sharing its compiled logic and file caches. ``form`` itself when it reads them."""
    if source is None or form_entities(form) is source:
        return form
    view = copy.copy(form)
    files = form_files(form)
    view_files = copy.copy(files) if files is not None else FormFiles(())
    view_files.entities = source
    setattr(view, FILES_ATTRIBUTE, view_files)
    setattr(view, ENTITIES_ATTRIBUTE, source)
    return view


def form_entities(form: Any) -> EntitySource | None:
    """The entity lists a compiled form was given (:func:`use_entities`)."""
    source = getattr(form, ENTITIES_ATTRIBUTE, None)
    return source if source is not None else None


def form_files(form: Any) -> FormFiles | None:
    """The attachments of a compiled form, if it was given them (or entity lists)."""
    files = getattr(form, FILES_ATTRIBUTE, None)
    return files if isinstance(files, FormFiles) else None


def entity_unoffered(form: Any, node: Node, answer: Any) -> list[str] | None:
    """The names in ``answer`` of a select from an entity list too long to list that
    the list does not hold; None for any other select (see ``FormFiles.entity_unoffered``)."""
    files = form_files(form)
    return files.entity_unoffered(node, answer) if files is not None else None


# --- pulldata() ---------------------------------------------------------------------------
def pulldata(ctx: EvalContext, args: list[Any]) -> Any:
    """``pulldata(instance, column, key_column, key)`` (see the module docstring)."""
    name, column, key_column, key = (to_string(arg) for arg in args)
    name = instance_name(name.strip())
    files = _env_files(ctx)
    if files is not None and (
        files.file_for(name) is not None or files.entity_list(name) is not None
    ):
        item = files.lookup(name, key_column, key)
        return _child_value(item, column) if item is not None else ""
    doc = ctx.env.secondary(name)
    if doc is None or not doc.kids:
        return ""
    for item in doc.kids[0].kids:
        if _child_value(item, key_column, None) == key:
            return _child_value(item, column)
    return ""


def _env_files(ctx: EvalContext) -> FormFiles | None:
    form = getattr(ctx.env, "form", None)
    return form_files(form) if form is not None else None


def _child_value(item: SecNode, name: str, missing: str | None = "") -> Any:
    for kid in item.kids:
        if kid.name == name:
            return kid.value
    return missing


# --- search() -------------------------------------------------------------------------------
def search_arguments(appearance: str | None) -> list[str] | None:
    """The argument texts of a ``search(...)`` appearance (1, 4 or 6 of them), else None."""
    match = _SEARCH_CALL.search(appearance or "")
    if match is None:
        return None
    args = split_arguments(match["args"])
    return args if len(args) in (1, 4, 6) else None


def split_arguments(text: str) -> list[str]:
    """Split ``a, 'b,c', f(x, y)`` at its top-level commas (quotes and brackets kept)."""
    parts: list[str] = []
    depth, quote, start = 0, "", 0
    for i, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    last = text[start:].strip()
    if last or parts:
        parts.append(last)
    return parts


def search_choices(
    files: FormFiles | None, node: Node, fixed: list[Choice], values: list[Any]
) -> list[Choice]:
    """The choices of a select with the ``search()`` appearance, given its evaluated
    arguments ``values`` and the rows of its choice list ``fixed``."""
    texts = [to_string(value) for value in values]
    name = instance_name(texts[0].strip())
    items = files.items(name) if files is not None else []
    rows = _sorted(items)
    matcher = _matcher(texts)
    out: list[Choice] = []
    for row_choice in fixed:
        if _is_whole_number(row_choice.name):
            out.append(row_choice)
            continue
        value_column = row_choice.name.strip()
        label_columns = _columns(next(iter(row_choice.label.values()), ""))
        seen: set[str] = set()
        for item in rows:
            fields = {kid.name: kid.value for kid in item.kids}
            if not matcher(fields):
                continue
            value = fields.get(value_column, "")
            if value == "" or value in seen:
                continue
            seen.add(value)
            label = _label(fields, label_columns, value_column) or value
            out.append(Choice(name=value, label={DEFAULT_LANG: label}))
    return out


def _sorted(items: list[SecNode]) -> list[SecNode]:
    def key(pair: tuple[int, SecNode]) -> tuple[float, int]:
        position, item = pair
        raw = _child_value(item, _SORT_COLUMN, None)
        if raw is None:
            return (float(position), position)
        try:
            number = float(raw)
        except ValueError:
            number = math.inf
        return (number, position)

    return [item for _, item in sorted(enumerate(items, start=1), key=key)]


def _matcher(texts: list[str]) -> Any:
    if len(texts) < 4:
        return lambda fields: True
    pattern = _SEARCH_TYPES.get(texts[1].strip().lower(), "%{}%").format(texts[3])
    like = _like(pattern)
    columns = _columns(texts[2])
    filter_column = texts[4].strip() if len(texts) == 6 else None
    wanted = texts[5].casefold() if len(texts) == 6 else ""

    def match(fields: dict[str, str]) -> bool:
        if filter_column is not None and fields.get(filter_column, "").casefold() != wanted:
            return False
        if not columns:
            return True
        return any(like.fullmatch(fields.get(column, "")) for column in columns)

    return match


@lru_cache(maxsize=256)
def _like(pattern: str) -> re.Pattern[str]:
    """SQL ``LIKE``: ``%`` any run, ``_`` one character, case ignored."""
    parts = []
    for char in pattern:
        if char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def _columns(text: str) -> list[str]:
    """Collect's column list: comma separated, else space separated."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) == 1 and " " in text.strip():
        parts = [part for part in text.split() if part]
    return parts


def _label(fields: dict[str, str], columns: list[str], value_column: str) -> str:
    shown = list(dict.fromkeys(c for c in columns if c != value_column))
    if not shown:
        return ""
    first = fields.get(shown[0], "")
    if len(shown) == 1:
        return first
    rest = " ".join(f"({column}: {fields.get(column, '')})" for column in shown[1:])
    return f"{first} {rest}"


def _is_whole_number(text: str) -> bool:
    try:
        int(text.strip())
    except ValueError:
        return False
    return True


__all__ = [
    "ENTITIES_ATTRIBUTE",
    "FILES_ATTRIBUTE",
    "entity_unoffered",
    "form_entities",
    "form_files",
    "pulldata",
    "search_arguments",
    "search_choices",
    "split_arguments",
    "use_entities",
    "use_files",
    "with_entities",
]
