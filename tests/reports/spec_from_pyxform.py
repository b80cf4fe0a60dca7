"""A small FormSpec builder from pyxform's JSON, for report tests only.

The real loader lives in fieldsurvey/forms/; the report tests need just names, types,
labels, choices and settings, and must not depend on the loader's progress.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pyxform.xls2xform import convert

from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, FormSpec, Node

_TYPES = {"select one": "select_one", "select all that apply": "select_multiple"}


def _texts(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {DEFAULT_LANG: str(value)} if value else {}


def _node(raw: dict[str, Any], prefix: str) -> Node:
    kind = raw["type"] if raw["type"] in ("group", "repeat") else "question"
    path = f"{prefix}{raw['name']}"
    return Node(
        kind=kind,
        name=raw["name"],
        type=_TYPES.get(raw["type"], raw["type"]),
        path=path,
        label=_texts(raw.get("label")),
        choices=raw.get("itemset") or raw.get("list_name"),
        children=[_node(c, f"{path}/") for c in raw.get("children", [])],
    )


def spec_from_xlsform(path: Path) -> FormSpec:
    data = convert(xlsform=str(path))._pyxform
    choices = {
        name: [
            Choice(
                name=str(c["name"]),
                label=_texts(c.get("label")),
                extra={k: str(v) for k, v in c.items() if k not in ("name", "label")},
            )
            for c in items
        ]
        for name, items in data.get("choices", {}).items()
    }
    children = [_node(c, "") for c in data["children"] if c["name"] != "meta"]
    settings = {k: str(v) for k, v in data.items() if isinstance(v, str)}
    settings["form_id"] = data["id_string"]
    return FormSpec(
        form_id=data["id_string"],
        version=str(data.get("version", "")),
        title=str(data.get("title", "")),
        default_language=data.get("default_language", DEFAULT_LANG),
        children=children,
        choices=choices,
        settings=settings,
    )
