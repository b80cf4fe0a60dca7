"""The XPath parser: what XLSForms write parses to the right tree; anything else is
an ExpressionError, never another exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldsurvey.errors import ExpressionError
from fieldsurvey.forms.expression_parser import (
    BinOp,
    Call,
    Neg,
    Num,
    Path,
    Step,
    Str,
    VarRef,
    parse,
)


def test_precedence_follows_xpath() -> None:
    # or < and < = < relational < additive < multiplicative < unary minus
    assert parse("1 + 2 * 3") == BinOp("+", Num(1), BinOp("*", Num(2), Num(3)))
    assert parse("${a} or ${b} and ${c}") == BinOp(
        "or", VarRef("a"), BinOp("and", VarRef("b"), VarRef("c"))
    )
    assert parse("1 < 2 = 3 > 4") == BinOp(
        "=", BinOp("<", Num(1), Num(2)), BinOp(">", Num(3), Num(4))
    )
    assert parse("- - 2") == Neg(Neg(Num(2)))
    assert parse("7 - 2 - 1") == BinOp("-", BinOp("-", Num(7), Num(2)), Num(1))


def test_keywords_are_operators_only_between_operands() -> None:
    name = lambda n: Path(False, (Step("child", n),))  # noqa: E731
    assert parse("and and or") == BinOp("and", name("and"), name("or"))
    assert parse("div div mod") == BinOp("div", name("div"), name("mod"))
    assert parse("/data/order/division") == Path(
        True, (Step("child", "data"), Step("child", "order"), Step("child", "division"))
    )
    assert parse("${x} mod 2") == BinOp("mod", VarRef("x"), Num(2))


def test_names_may_contain_hyphens_but_refs_subtract() -> None:
    assert parse("a-b") == Path(False, (Step("child", "a-b"),))
    assert parse("${a}-${b}") == BinOp("-", VarRef("a"), VarRef("b"))
    assert parse("${a} -1") == BinOp("-", VarRef("a"), Num(1))


def test_refs_paths_and_predicates() -> None:
    assert parse("${ age }") == VarRef("age")
    assert parse("../x") == Path(False, (Step("parent"), Step("child", "x")))
    assert parse(".") == Path(False, (Step("self"),))
    assert parse("position(..)") == Call("position", (Path(False, (Step("parent"),)),))
    lookup = parse("instance('places')/root/item[name = ${district}]/label")
    assert isinstance(lookup, Path)
    assert lookup.base == Call("instance", (Str("places"),))
    assert [s.name for s in lookup.steps] == ["root", "item", "label"]
    name_is = BinOp("=", Path(False, (Step("child", "name"),)), VarRef("district"))
    assert lookup.steps[1].predicates == (name_is,)
    current = parse("current()/../name")
    assert isinstance(current, Path) and current.base == Call("current", ())


def test_strings_numbers_and_namespaced_functions() -> None:
    assert parse('"it\'s"') == Str("it's")
    assert parse("'say \"hi\"'") == Str('say "hi"')
    assert parse(".5 + 5.") == BinOp("+", Num(0.5), Num(5.0))
    assert parse("jr:choice-name(${x}, '${x}')") == Call(
        "jr:choice-name", (VarRef("x"), Str("${x}"))
    )
    assert parse("true()") == Call("true", ())


def test_smart_quotes_and_nbsp_are_normalised_like_pyxform() -> None:
    assert parse("${a}\u00a0=\u00a0\u2018yes\u2019") == BinOp("=", VarRef("a"), Str("yes"))
    assert parse("selected(${a}, \u201cx\u201d)") == Call("selected", (VarRef("a"), Str("x")))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("1 +", "ends too early"),
        ("(1", "ends too early"),
        ("${a} = 'open", "unexpected"),
        ("${}", "not a valid reference"),
        ("${a b}", "not a valid reference"),
        ("1 2", "unexpected '2'"),
        ("a // b", "unexpected"),
        ("#", "unexpected character"),
    ],
)
def test_bad_text_gives_a_readable_expression_error(text: str, fragment: str) -> None:
    with pytest.raises(ExpressionError, match=fragment):
        parse(text)


def test_deep_nesting_is_parsed_without_recursion_trouble() -> None:
    depth = 2000
    tree = parse("(" * depth + "1" + ")" * depth)
    assert tree == Num(1)


_ALPHABET = st.sampled_from(
    [
        *"abxyz019 ._-$(){}[]/,'\"=!<>+*|@:\u00a0\u2018",
        *["and", "or", "div", "mod", "${a}", "count(", "..", "selected(", "jr:choice-name("],
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_any_token_soup_parses_or_raises_expression_error(text: str) -> None:
    try:
        parse(text)
    except ExpressionError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_unicode_text_parses_or_raises_expression_error(text: str) -> None:
    try:
        parse(text)
    except ExpressionError:
        pass
