"""What a compiled expression sees when it runs: the context node and the session."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any, Protocol


class Env(Protocol):
    """Session-wide services for expressions (clock, language, choice lists, root)."""

    tz: tzinfo
    lang: str | None
    form_version: str

    def now(self) -> datetime: ...

    def random(self) -> float: ...

    def new_uuid(self) -> str: ...

    def root(self) -> Any: ...

    def secondary(self, name: str) -> Any | None: ...

    def choice_name(self, value: str, question: str, origin: Any) -> str: ...


class EvalContext:
    """The XPath context: ``node`` for ``.``, ``origin`` for ``current()`` and ``${}``.

    ``pos``/``size`` are the context position and size inside a predicate (0 outside).
    """

    __slots__ = ("env", "node", "origin", "pos", "size")

    def __init__(self, node: Any, origin: Any, env: Env, pos: int = 0, size: int = 0) -> None:
        self.node = node
        self.origin = origin
        self.env = env
        self.pos = pos
        self.size = size
