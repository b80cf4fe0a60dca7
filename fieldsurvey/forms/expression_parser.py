"""XLSForm XPath text -> a small typed AST.

``parse(text)`` returns an :data:`Expr` or raises :class:`ExpressionError`; it never
raises anything else, whatever the text. Like pyxform, "smart" quotes become plain
quotes and non-breaking or other Unicode spaces become plain spaces before parsing.
Parsed texts are cached, so a form parses each distinct expression once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

from fieldsurvey.errors import ExpressionError
from fieldsurvey.forms.expression_grammar import GRAMMAR, NCNAME


# --- AST ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Num:
    value: float


@dataclass(frozen=True, slots=True)
class Str:
    value: str


@dataclass(frozen=True, slots=True)
class VarRef:
    """``${name}``: a question by its XLSForm name (``${last-saved#name}``: its value in
    the last saved interview)."""

    name: str
    last_saved: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    #: "child" (``name``), "any" (``*``), "parent" (``..``), "self" (``.``), "attr" (``@x``)
    axis: str
    name: str = ""
    predicates: tuple[Expr, ...] = ()


@dataclass(frozen=True, slots=True)
class Path:
    """A location path; ``base`` is a filter expression (``instance('x')``,
    ``current()``, ``${rep}``...) the steps start from, or None."""

    absolute: bool
    steps: tuple[Step, ...]
    base: Expr | None = None


@dataclass(frozen=True, slots=True)
class Filter:
    """``expr[pred]...`` where expr is not a plain path step."""

    base: Expr
    predicates: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class BinOp:
    #: one of or and = != < <= > >= + - * div mod
    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Expr


@dataclass(frozen=True, slots=True)
class Union:
    left: Expr
    right: Expr


Expr = Num | Str | VarRef | Path | Filter | Call | BinOp | Neg | Union

_VAR_NAME = re.compile(rf"\s*(last-saved#)?({NCNAME})\s*")


class _ToAst(Transformer[Token, Expr]):
    """Builds the AST while the LALR parser reduces (no second pass over a tree)."""

    def bool_op(self, items: list[Any]) -> Expr:
        left, op, right = items
        return BinOp(str(op), left, right)

    bin_op = bool_op

    def neg(self, items: list[Any]) -> Expr:
        return Neg(items[1])

    def union(self, items: list[Any]) -> Expr:
        return Union(items[0], items[1])

    def filter_path(self, items: list[Any]) -> Expr:
        base, steps = items
        return Path(False, tuple(steps), base)

    def filtered(self, items: list[Any]) -> Expr:
        base, pred = items
        if isinstance(base, Filter):
            return Filter(base.base, (*base.predicates, pred))
        return Filter(base, (pred,))

    def var_ref(self, items: list[Any]) -> Expr:
        raw = str(items[0])[2:-1]
        match = _VAR_NAME.fullmatch(raw)
        if match is None:
            raise ExpressionError("forms.expr_bad_reference", reference=f"${{{raw}}}")
        return VarRef(match.group(2), last_saved=match.group(1) is not None)

    def string(self, items: list[Any]) -> Expr:
        return Str(str(items[0])[1:-1])

    def number(self, items: list[Any]) -> Expr:
        return Num(float(str(items[0])))

    def call(self, items: list[Any]) -> Expr:
        name = str(items[0])
        args = tuple(arg for arg in items[1:] if arg is not None)
        return Call(name, args)

    def rel_path(self, items: list[Any]) -> Expr:
        return Path(False, tuple(items[0]))

    def abs_path(self, items: list[Any]) -> Expr:
        return Path(True, tuple(items[0]))

    def root_path(self, items: list[Any]) -> Expr:
        return Path(True, ())

    def relative_path(self, items: list[Any]) -> list[Step]:
        return list(items)

    def child_step(self, items: list[Any]) -> Step:
        return Step("child", str(items[0]), tuple(items[1:]))

    def wildcard_step(self, items: list[Any]) -> Step:
        return Step("any", "*", tuple(items[1:]))

    def parent_step(self, items: list[Any]) -> Step:
        return Step("parent")

    def self_step(self, items: list[Any]) -> Step:
        return Step("self")

    def attr_step(self, items: list[Any]) -> Step:
        return Step("attr", str(items[0]))

    def predicate(self, items: list[Any]) -> Expr:
        return items[0]  # type: ignore[no-any-return]


_PARSER = Lark(GRAMMAR, parser="lalr", lexer="contextual", transformer=_ToAst())

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_ODD_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]")


def normalise(text: str) -> str:
    """Smart quotes -> plain quotes, odd Unicode spaces -> plain spaces (as pyxform)."""
    return _ODD_SPACE.sub(" ", text.translate(_QUOTES))


def parse(text: str) -> Expr:
    """Parse one XLSForm expression; raises :class:`ExpressionError` on any problem."""
    if not isinstance(text, str):
        raise ExpressionError("forms.expr_not_text", kind=type(text).__name__)
    return _parse_cached(text)


@lru_cache(maxsize=8192)
def _parse_cached(text: str) -> Expr:
    clean = normalise(text)
    if not clean.strip():
        raise ExpressionError("forms.expr_empty")
    try:
        return _PARSER.parse(clean)  # type: ignore[return-value]
    except ExpressionError:
        raise
    except UnexpectedEOF:
        raise ExpressionError("forms.expr_ends_early", expression=text) from None
    except UnexpectedCharacters as exc:
        pos = exc.pos_in_stream or 0
        char = clean[pos] if pos < len(clean) else ""
        raise ExpressionError(
            "forms.expr_unexpected_character",
            expression=text,
            character=repr(char),
            position=exc.column,
        ) from None
    except UnexpectedToken as exc:
        if exc.token.type == "$END":
            raise ExpressionError("forms.expr_ends_early", expression=text) from None
        raise ExpressionError(
            "forms.expr_unexpected_token",
            expression=text,
            token=str(exc.token),
            position=exc.token.column,
        ) from None
    except LarkError as exc:
        # A transformer callback may fail on a token we do not expect; keep it typed.
        inner = getattr(exc, "orig_exc", None)
        if isinstance(inner, ExpressionError):
            raise ExpressionError(inner.code, **inner.params) from None
        raise ExpressionError("forms.expr_unreadable", expression=text) from None
    except RecursionError:
        raise ExpressionError("forms.expr_too_deep", expression=text) from None
