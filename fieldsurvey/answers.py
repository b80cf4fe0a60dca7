"""Reading and writing one answer inside an interview's nested answer document.

The document is shaped like the form: groups are objects, repeats are lists of objects,
a select_multiple answer is a list of choice names. A *path* names one answer::

    "household/members[2]/age"   -> doc["household"]["members"][1]["age"]

Repeat indexes are 1-based, as in XLSForm. Setting creates missing groups and repeats,
and may append the next repeat instance (``members[3]`` when there are 2) but not skip
one. Setting ``None`` removes the answer (or the repeat instance); removing something
absent does nothing.

API:
    parse_path(path) -> list[Step];  format_path(steps) -> str
    get_value(doc, path) -> Any | None
    set_value(doc, path, value) -> Any   (mutates ``doc`` in place; returns the old value)
Errors are AnswerError, naming the path but never a value.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from fieldsurvey.errors import AnswerError

_SEGMENT = re.compile(r"^([^\W\d][\w.\-:]*)(?:\[(\d+)\])?$")


class Step(NamedTuple):
    name: str
    repeat: int | None  # 1-based repeat index, or None for a plain name


def parse_path(path: str) -> list[Step]:
    """The steps of ``path``; AnswerError if it is malformed."""
    if not isinstance(path, str) or not path.strip("/"):
        raise AnswerError("forms.answer_path_empty")
    steps: list[Step] = []
    for segment in path.strip("/").split("/"):
        match = _SEGMENT.match(segment)
        if match is None:
            raise AnswerError("forms.answer_path_bad_name", path=path, segment=segment)
        index = int(match.group(2)) if match.group(2) is not None else None
        if index is not None and index < 1:
            raise AnswerError("forms.answer_path_zero", path=path)
        steps.append(Step(match.group(1), index))
    return steps


def format_path(steps: list[Step]) -> str:
    """The canonical text of a path."""
    return "/".join(s.name if s.repeat is None else f"{s.name}[{s.repeat}]" for s in steps)


def get_value(doc: dict[str, Any], path: str) -> Any:
    """The answer at ``path``, or None if it (or a group on the way) is absent."""
    node: Any = doc
    for step in parse_path(path):
        if not isinstance(node, dict):
            return None
        node = node.get(step.name)
        if step.repeat is not None:
            if not isinstance(node, list) or step.repeat > len(node):
                return None
            node = node[step.repeat - 1]
    return node


def _not_group(steps: list[Step], upto: int) -> AnswerError:
    return AnswerError("forms.answer_path_not_group", path=format_path(steps[: upto + 1]))


def set_value(doc: dict[str, Any], path: str, value: Any) -> Any:
    """Set (or, with ``None``, remove) the answer at ``path``; returns the old value.

    Removing the last answer of a group removes the group too (no ``{}`` left behind);
    a repeat instance stays, even empty, since its number identifies a person."""
    steps = parse_path(path)
    container: dict[str, Any] = doc
    groups: list[tuple[dict[str, Any], str]] = []  # the groups entered since the last repeat
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        if step.repeat is None:
            if last:
                old = container.get(step.name)
                if value is None:
                    container.pop(step.name, None)
                    _prune(groups)
                else:
                    container[step.name] = value
                return old
            child = container.get(step.name)
            if child is None:
                if value is None:
                    return None
                child = container[step.name] = {}
            if not isinstance(child, dict):
                raise _not_group(steps, i)
            groups.append((container, step.name))
            container = child
            continue
        items = container.get(step.name)
        if items is None:
            if value is None:
                return None
            items = container[step.name] = []
        if not isinstance(items, list):
            raise AnswerError(
                "forms.answer_path_not_repeat", path=format_path(steps[: i + 1]), name=step.name
            )
        if step.repeat > len(items):
            if value is None:
                return None
            if step.repeat > len(items) + 1:
                raise AnswerError(
                    "forms.answer_path_skips",
                    path=path,
                    name=step.name,
                    count=len(items),
                    next_index=len(items) + 1,
                )
            items.append(value if last else {})
            if last:
                return None
        elif last:
            old = items[step.repeat - 1]
            if value is None:
                del items[step.repeat - 1]
            else:
                items[step.repeat - 1] = value
            return old
        element = items[step.repeat - 1]
        if not isinstance(element, dict):
            raise _not_group(steps, i)
        groups.clear()
        container = element
    return None  # unreachable: the loop returns at the last step


def _prune(groups: list[tuple[dict[str, Any], str]]) -> None:
    """Remove the groups left empty, innermost first."""
    for parent, name in reversed(groups):
        if parent.get(name):
            return
        parent.pop(name, None)
