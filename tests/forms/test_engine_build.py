"""Building a form's logic: expressions compiled once, problems reported with the
survey row and column, cycles rejected naming the fields in the cycle."""

from __future__ import annotations

from typing import Any

import pytest

from fieldsurvey.errors import ExpressionError, FormDefinitionError
from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.spec import Binding, FormSpec, Node


def q(name: str, qtype: str = "integer", **bind: str) -> Node:
    return Node(kind="question", name=name, type=qtype, path=name, bind=Binding(**bind))


def test_calculation_cycle_names_the_fields_and_rows(xlsform: Any) -> None:
    md = """
| survey |
| | type      | name | label | calculation |
| | integer   | x    | X     |             |
| | calculate | a    |       | ${b} + 1    |
| | calculate | b    |       | ${a} + ${x} |
"""
    with pytest.raises(FormDefinitionError) as caught:
        load_form(xlsform(md), use_cache=False)
    assert str(caught.value) == "Cycle in form logic: a -> b -> a (survey sheet, rows 3, 4)"


def test_relevance_and_calculation_cycle() -> None:
    spec = FormSpec(
        form_id="f",
        children=[
            q("a", relevant="${c} > 1"),
            q("b", "calculate", calculation="${a} * 2"),
            q("c", "calculate", calculation="${b} + 1"),
        ],
    )
    with pytest.raises(FormDefinitionError, match=r"Cycle in form logic: a -> c -> b -> a"):
        FormEngine.build(spec)


def test_self_reference_in_a_calculation_is_a_cycle_like_odk_validate() -> None:
    spec = FormSpec(form_id="f", children=[q("keep", "calculate", calculation=".")])
    with pytest.raises(FormDefinitionError, match="keep -> keep"):
        FormEngine.build(spec)


def test_a_question_in_a_group_whose_relevance_reads_it_is_not_a_cycle() -> None:
    # CHT forms hide their `inputs` group with `./source = 'user'`: the group's relevance
    # reads the stored answer inside it. A calculation reading inside does cycle.
    group = Node(kind="group", name="inputs", type="group", path="inputs",
                 bind=Binding(relevant="./source = 'user'"),
                 children=[Node(kind="question", name="source", type="text",
                                path="inputs/source", bind=Binding(default="user"))])  # fmt: skip
    form = FormEngine.build(FormSpec(form_id="f", children=[group]))
    session = form.session()
    assert session.relevant("inputs/source")
    session.set("inputs/source", "task")
    assert not session.relevant("inputs") and not session.relevant("inputs/source")
    session.set("inputs/source", "user")
    assert session.relevant("inputs/source")

    looped = FormSpec(
        form_id="f",
        children=[Node(kind="group", name="g", type="group", path="g",
                       bind=Binding(relevant="${c} = 1"),
                       children=[Node(kind="question", name="c", type="calculate", path="g/c",
                                      bind=Binding(calculation="${x}"))]),
                  q("x")],
    )  # fmt: skip
    FormEngine.build(looped)  # g reads c's stored value: fine
    looped.children[0].children[0].bind.calculation = "if(${g} = '', 1, 0)"
    looped.children[0].bind.relevant = "${c2} = 1"
    looped.children.append(q("c2", "calculate", calculation="${c}"))
    with pytest.raises(FormDefinitionError, match="g -> c2 -> c -> g"):
        FormEngine.build(looped)


@pytest.mark.parametrize(
    ("column", "text", "fragment"),
    [
        ("relevant", "foo(${x})", r"row 3, column 'relevant' \(y\): Unknown function foo\(\)"),
        ("constraint", ". > ", r"row 3, column 'constraint' \(y\): Expression '. > ' ends too early"),  # noqa: E501
        ("calculation", "${nobody} + 1", r"column 'calculation' \(y\): .*\$\{nobody\}"),
        ("required", "if(${x})", r"column 'required' \(y\): if\(\) takes 3 arguments, not 1"),
    ],
)  # fmt: skip
def test_expression_problems_name_row_and_column(column: str, text: str, fragment: str) -> None:
    field = {"relevant": "relevant", "constraint": "constraint", "calculation": "calculation",
             "required": "required"}[column]  # fmt: skip
    y = q("y", "calculate" if column == "calculation" else "integer", **{field: text})
    y.row = 3
    with pytest.raises(ExpressionError, match=fragment) as caught:
        FormEngine.build(FormSpec(form_id="f", children=[q("x"), y]))
    assert str(caught.value).startswith("survey sheet, row 3")


def test_expression_problems_read_in_vietnamese() -> None:
    y = q("y", relevant="foo(${x})")
    y.row = 3
    with pytest.raises(ExpressionError) as caught:
        FormEngine.build(FormSpec(form_id="f", children=[q("x"), y]))
    assert caught.value.text("vi") == (
        "trang tính survey, dòng 3, cột 'relevant' (y): Không có hàm foo() "
        "(trong biểu thức 'foo(${x})')"
    )


def test_a_cycle_reads_in_vietnamese(xlsform: Any) -> None:
    md = """
| survey |
| | type      | name | label | calculation |
| | calculate | a    |       | ${b} + 1    |
| | calculate | b    |       | ${a} + 1    |
"""
    with pytest.raises(FormDefinitionError) as caught:
        load_form(xlsform(md), use_cache=False)
    assert caught.value.text("vi") == (
        "Logic của bảng hỏi bị vòng lặp: a -> b -> a (trang tính survey, dòng 2, 3)"
    )


def test_the_loader_reports_unknown_functions_at_load_time(xlsform: Any) -> None:
    md = """
| survey |
| | type     | name | label | relevant  |
| | integer  | x    | X     |           |
| | integer  | y    | Y     | foo(${x}) |
"""
    with pytest.raises((ExpressionError, FormDefinitionError), match=r"row 3.*foo\(\)"):
        load_form(xlsform(md), use_cache=False)


def test_platform_functions_load_with_a_warning() -> None:
    spec = FormSpec(form_id="f", children=[q("d", "calculate", calculation="duration()")])
    form = FormEngine.build(spec)
    assert form.warnings == [
        "survey sheet, column 'calculation' (d): duration() is a SurveyCTO function; "
        "FieldSurvey evaluates it as empty"
    ]
    assert form.session().value("d") is None


def test_each_expression_is_parsed_once_per_text() -> None:
    from fieldsurvey.forms.expression_parser import _parse_cached

    _parse_cached.cache_clear()
    children = [q(f"n{i}", relevant="${x} > 3") for i in range(50)]
    FormEngine.build(FormSpec(form_id="f", children=[q("x"), *children]))
    info = _parse_cached.cache_info()
    assert (info.misses, info.hits) == (1, 49)
