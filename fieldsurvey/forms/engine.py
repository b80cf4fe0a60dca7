"""The questionnaire engine: FormSpec -> CompiledForm -> Session.

``FormEngine.build(spec)`` parses and compiles every expression of the form once,
builds the dependency graph (rejecting cycles) and returns a :class:`CompiledForm`.
``compiled.session(answers, clock=..., lang=...)`` opens one interview: a
:class:`~fieldsurvey.forms.engine_session.Session` that recomputes only what depends
on each change. Errors name the survey row and column of the expression.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fieldsurvey.errors import ExpressionError, FormDefinitionError
from fieldsurvey.forms.dependency_graph import Computation, DependencyGraph, build_graph
from fieldsurvey.forms.expression_compiler import (
    UNSUPPORTED_EMPTY,
    CompiledExpr,
    Dep,
    FormScope,
    compile_expression,
)
from fieldsurvey.forms.form_errors import LocatedExpressionError, Phrase, phrase, where
from fieldsurvey.forms.instance import SecNode, Template, build_templates, choice_instance
from fieldsurvey.forms.spec import FormSpec

if TYPE_CHECKING:
    from fieldsurvey.forms.engine_session import Session

_TRUE = {"true()", "true", "yes", "1"}
_FALSE = {"false()", "false", "no", "0", ""}
_REF = re.compile(r"\$\{\s*([^}\s]+)\s*\}")
#: Every token pyxform reads as dynamic in a default (an arithmetic operator, ``|``, a
#: ``${ref}``, a function call) holds one of these characters or words.
_MAYBE_DYNAMIC = re.compile(r"[*+\-|$(]|mod|div")


def default_is_dynamic(default: str, qtype: str | None) -> bool:
    """Whether a default is an expression evaluated on a new instance (pyxform's rule).

    A default without any character of an expression is a literal, decided here: pyxform
    (0.6 s to import, with openpyxl and numpy) is imported only for the others.
    """
    if not _MAYBE_DYNAMIC.search(default):
        return False
    from pyxform.utils import default_is_dynamic as pyxform_rule

    return bool(pyxform_rule(default, qtype))


@dataclass
class TemplateLogic:
    """The compiled expressions of one node that are evaluated on demand."""

    constraint: CompiledExpr | None = None
    required: CompiledExpr | bool = False
    read_only: CompiledExpr | bool = False
    choice_filter: CompiledExpr | None = None
    #: a literal default (as authored) or an expression evaluated on a new instance
    default: CompiledExpr | str | None = None


@dataclass
class CompiledForm:
    spec: FormSpec
    templates: list[Template]
    by_path: dict[str, Template]
    scope: FormScope
    graph: DependencyGraph
    logic: dict[int, TemplateLogic]
    #: non-fatal remarks (functions of other platforms read as empty, ...)
    warnings: list[str] = field(default_factory=list)
    _secondary: dict[tuple[str, str | None], SecNode] = field(default_factory=dict)
    _outputs: dict[tuple[int, str], CompiledExpr | None] = field(default_factory=dict)

    @property
    def root(self) -> Template:
        return self.templates[0]

    def session(
        self,
        answers: dict[str, Any] | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        lang: str | None = None,
        meta: dict[str, str] | None = None,
        seed: int | None = None,
    ) -> Session:
        """Open an interview. ``answers=None`` starts a new one (defaults and
        start/today filled in); a dict continues a saved one as it is."""
        from fieldsurvey.forms.engine_session import Session

        return Session(self, answers, clock=clock, lang=lang, meta=meta, seed=seed)

    def secondary(self, name: str, lang: str | None) -> SecNode | None:
        """``instance(name)`` for a choice list, labels in ``lang``."""
        key = (name, lang)
        doc = self._secondary.get(key)
        if doc is None:
            choices = self.spec.choices.get(name)
            if choices is None:
                return None
            doc = choice_instance(choices, lang, self.spec.default_language)
            self._secondary[key] = doc
        return doc

    def output_ref(self, tpl: Template, name: str) -> CompiledExpr | None:
        """``${name}`` inside a label or hint of ``tpl`` (None if no such question)."""
        key = (tpl.tid, name)
        if key not in self._outputs:
            try:
                self._outputs[key] = compile_expression(f"${{{name}}}", tpl, self.scope)
            except ExpressionError:
                self._outputs[key] = None
        return self._outputs[key]

    def resolve_lang(self, lang: str | None) -> str | None:
        """A language name of the form for a name or code ("vi", "Tiếng Việt (vi)")."""
        if lang is None:
            return None
        wanted = lang.strip().lower()
        for name in self.spec.languages:
            low = name.lower()
            if low == wanted or low.endswith(f"({wanted})") or low.split(" (")[0] == wanted:
                return name
        return lang


class FormEngine:
    @staticmethod
    def build(spec: FormSpec) -> CompiledForm:
        """Compile the form's logic; ExpressionError / FormDefinitionError name the row."""
        templates = build_templates(spec)
        by_name = {t.name: t for t in templates[1:]}
        scope = FormScope(templates[0], by_name, frozenset(spec.choices))
        builder = _Builder(scope)
        logic: dict[int, TemplateLogic] = {}
        for tpl in templates[1:]:
            logic[tpl.tid] = builder.template(tpl)
        graph = build_graph(builder.computations)
        return CompiledForm(
            spec=spec,
            templates=templates,
            by_path={t.path: t for t in templates[1:]},
            scope=scope,
            graph=graph,
            logic=logic,
            warnings=builder.warnings,
        )


class _Builder:
    def __init__(self, scope: FormScope) -> None:
        self.scope = scope
        self.computations: list[Computation] = []
        self.warnings: list[str] = []

    def compile(
        self, tpl: Template, column: str, text: str, owner: Template | None = None, **kw: Any
    ) -> CompiledExpr:
        try:
            expr = compile_expression(text, owner or tpl, self.scope, **kw)
        except ExpressionError as exc:
            raise LocatedExpressionError(
                "forms.at_question", where=_place(tpl, column), question=tpl.name, problem=exc
            ) from None
        for name in expr.unsupported:
            platform = UNSUPPORTED_EMPTY[name]
            problem = f"{name}() is a {platform} function; FieldSurvey evaluates it as empty"
            self.warnings.append(_where(tpl, column, problem))
        return expr

    def template(self, tpl: Template) -> TemplateLogic:
        node = tpl.node
        assert node is not None
        bind = node.bind
        logic = TemplateLogic()
        if bind.relevant:
            expr = self.compile(tpl, "relevant", bind.relevant, raw_inside_owner=tpl.is_container)
            self.computations.append(Computation("rel", tpl, tpl, expr, expr.deps))
        if bind.trigger:
            self.add_trigger(tpl, bind.trigger, bind.calculation)
        elif bind.calculation:
            expr = self.compile(tpl, "calculation", bind.calculation)
            self.computations.append(Computation("calc", tpl, tpl, expr, expr.deps))
        if bind.repeat_count and tpl.is_repeat:
            parent = tpl.parent or tpl
            expr = self.compile(tpl, "repeat_count", bind.repeat_count, owner=parent)
            self.computations.append(Computation("count", parent, tpl, expr, expr.deps))
        if bind.constraint:
            logic.constraint = self.compile(tpl, "constraint", bind.constraint)
        logic.required = self.flag(tpl, "required", bind.required)
        logic.read_only = self.flag(tpl, "read_only", bind.read_only)
        if bind.choice_filter:
            logic.choice_filter = self.compile(
                tpl, "choice_filter", bind.choice_filter, context_is_choice=True
            )
        if bind.default is not None and bind.default != "":
            if default_is_dynamic(bind.default, tpl.qtype):
                logic.default = self.compile(tpl, "default", bind.default)
            else:
                logic.default = bind.default
        return logic

    def flag(self, tpl: Template, column: str, text: str | None) -> CompiledExpr | bool:
        if text is None or text.strip().lower() in _FALSE:
            return False
        if text.strip().lower() in _TRUE:
            return True
        return self.compile(tpl, column, text)

    def add_trigger(self, tpl: Template, trigger: str, calculation: str | None) -> None:
        names = _REF.findall(trigger)
        if not names:
            raise LocatedExpressionError(
                "forms.at_question",
                where=_place(tpl, "trigger"),
                question=tpl.name,
                problem=phrase("forms.trigger_needs_reference", trigger=trigger),
            )
        deps: list[Dep] = []
        for name in names:
            deps.extend(self.compile(tpl, "trigger", f"${{{name}}}").deps)
        expr = self.compile(tpl, "calculation", calculation) if calculation else None
        self.computations.append(Computation("trigger", tpl, tpl, expr, tuple(deps)))


def _place(tpl: Template, column: str) -> list[Phrase]:
    return where("survey", tpl.node.row if tpl.node is not None else None, column)


def _where(tpl: Template, column: str, problem: str) -> str:
    """The English place of a warning (warnings are plain text)."""
    row = tpl.node.row if tpl.node is not None else None
    parts = ["survey sheet"]
    if row is not None:
        parts.append(f"row {row}")
    parts.append(f"column '{column}'")
    return f"{', '.join(parts)} ({tpl.name}): {problem}"


__all__ = ["CompiledForm", "FormDefinitionError", "FormEngine", "TemplateLogic"]
