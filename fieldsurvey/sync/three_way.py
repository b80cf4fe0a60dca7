"""Field-by-field three-way merge of two answer documents with a common ancestor.

Groups (objects) are walked down to their answers; repeats and multiple choices
(lists) are compared whole. A field changed on one side only takes that change; a
field changed on both sides to different values is a clash, named by its path.
"""

from __future__ import annotations

from typing import Any

Path = tuple[str, ...]
_MISSING = object()


def flatten(doc: dict[str, Any], prefix: Path = ()) -> dict[Path, Any]:
    out: dict[Path, Any] = {}
    for key, value in doc.items():
        path = (*prefix, key)
        if isinstance(value, dict) and value:
            out.update(flatten(value, path))
        else:
            out[path] = value
    return out


def unflatten(flat: dict[Path, Any]) -> dict[str, Any]:
    """Inverse of :func:`flatten`; ValueError if a path runs through an answer."""
    doc: dict[str, Any] = {}
    for path in sorted(flat, key=len):
        node = doc
        for step in path[:-1]:
            child = node.setdefault(step, {})
            if not isinstance(child, dict):
                raise ValueError("/".join(path))
            node = child
        if path[-1] in node and isinstance(node[path[-1]], dict) and node[path[-1]]:
            raise ValueError("/".join(path))
        node[path[-1]] = flat[path]
    return doc


def changed(base: dict[Path, Any], other: dict[Path, Any]) -> set[Path]:
    return {
        p for p in base.keys() | other.keys() if base.get(p, _MISSING) != other.get(p, _MISSING)
    }


def merge(
    ancestor: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any] | None, list[str]]:
    """``(merged, [])`` or ``(None, clashing field paths)``.

    ``ours`` is the coordinator's current document, ``theirs`` the device's new one.
    """
    a, o, t = flatten(ancestor), flatten(ours), flatten(theirs)
    ours_changed, theirs_changed = changed(a, o), changed(a, t)
    clashes = sorted(
        "/".join(p)
        for p in ours_changed & theirs_changed
        if o.get(p, _MISSING) != t.get(p, _MISSING)
    )
    if clashes:
        return None, clashes
    merged = dict(o)
    for path in theirs_changed:
        if path in t:
            merged[path] = t[path]
        else:
            merged.pop(path, None)
    try:
        return unflatten(merged), []
    except ValueError as exc:
        return None, [str(exc)]
