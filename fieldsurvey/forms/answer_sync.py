"""Which ``set_answer`` calls bring a saved answer document to the engine's document.

The engine may change more than the answer just typed: defaults in a new roster
member, members added or removed by ``repeat_count``, start/today metadata. The entry
screen saves the difference between the document in the workspace and the engine's,
as a list of (path, value) steps for ``interviews.set_answer`` (``None`` removes):
new repeat instances first (``{}``), then their answers; surplus instances go last,
from the end. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Step = tuple[str, Any]
#: Whether the answer at a template path (no indexes) belongs in the saved document.
Keep = Callable[[str], bool]


def _is_repeat(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    return bool(old == new)


def diff(old: dict[str, Any], new: dict[str, Any], keep: Keep = lambda _p: True) -> list[Step]:
    """Steps that turn ``old`` into ``new`` (only for answers ``keep`` accepts)."""
    steps: list[Step] = []
    _diff(old, new, "", "", keep, steps)
    return steps


def _diff(
    old: dict[str, Any], new: dict[str, Any], where: str, tpl: str, keep: Keep, steps: list[Step]
) -> None:
    keys = list(new) + [k for k in old if k not in new]
    for key in keys:
        before, after = old.get(key), new.get(key)
        path, template = f"{where}{key}", f"{tpl}{key}"
        if _is_repeat(before) or _is_repeat(after):
            olds = before if isinstance(before, list) else []
            news = after if isinstance(after, list) else []
            for i in range(len(olds), len(news)):
                steps.append((f"{path}[{i + 1}]", {}))
            for i, inst in enumerate(news):
                was = olds[i] if i < len(olds) and isinstance(olds[i], dict) else {}
                _diff(was, inst, f"{path}[{i + 1}]/", f"{template}/", keep, steps)
            for i in range(len(olds), len(news), -1):
                steps.append((f"{path}[{i}]", None))
        elif isinstance(before, dict) or isinstance(after, dict):
            was = before if isinstance(before, dict) else {}
            now = after if isinstance(after, dict) else {}
            _diff(was, now, f"{path}/", f"{template}/", keep, steps)
        elif keep(template) and not _same(before, after):
            steps.append((path, after))
