"""One interview in progress: answers, relevance, values and their incremental upkeep.

``Session`` is created by :meth:`CompiledForm.session`. Every change (``set``,
``add_repeat``, ``remove_repeat``) marks what it touched and reruns only the
computations that read it, in topological order, until nothing changes; it returns
the paths whose value or relevance changed. ``recompute_all()`` reruns everything
(the baseline the incremental path is checked and benchmarked against).

Semantics (ODK XForms): a non-relevant node reads as empty and a group's relevance
applies to everything inside it; required and constraint are checked only on
relevant questions, constraint only on a non-empty value, with ``.`` the question's
own value; calculations rerun whenever something they read changes.
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from fieldsurvey import messages
from fieldsurvey.answers import parse_path
from fieldsurvey.errors import AnswerError, ExpressionError
from fieldsurvey.forms.attachments import FILE_SELECT_TYPES, FormFile, media_name
from fieldsurvey.forms.choice_order import randomized
from fieldsurvey.forms.engine_answers import to_json, to_xvalue
from fieldsurvey.forms.engine_updates import EVAL_ERRORS, IncrementalTree, Paths, same
from fieldsurvey.forms.expression_compiler import CompiledExpr, compile_expression
from fieldsurvey.forms.instance import NO_VALUE_TYPES, NOT_IN_BODY, Item, Template, pick_text
from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, Node, Texts
from fieldsurvey.forms.xpath_attachments import (
    entity_unoffered,
    form_files,
    search_arguments,
    search_choices,
)
from fieldsurvey.forms.xpath_context import EvalContext
from fieldsurvey.forms.xpath_values import to_bool, to_string

if TYPE_CHECKING:
    from fieldsurvey.forms.engine import CompiledForm

_OUTPUT_REF = re.compile(r"\$\{\s*([^{}\s]+)\s*\}")

#: Catalogue codes of the messages used when the form gives none.
GENERIC_MESSAGES = {"required": "forms.required_default", "constraint": "forms.constraint_default"}


class ValidationError(BaseModel):
    """A relevant question that is required but empty, or fails its constraint; kind
    ``warning``: fails a soft constraint (``constraint_type`` soft), which the enumerator
    confirms with the respondent instead of changing the answer."""

    path: str
    kind: Literal["required", "constraint", "warning"]
    message: str


class EvaluationProblem(BaseModel):
    """An expression that failed at run time (e.g. a repeated field used as one value)."""

    path: str
    column: str
    message: str


class Session(IncrementalTree):
    def __init__(
        self,
        form: CompiledForm,
        answers: dict[str, Any] | None,
        *,
        clock: Callable[[], datetime] | None = None,
        lang: str | None = None,
        meta: dict[str, str] | None = None,
        seed: int | None = None,
    ) -> None:
        self._open(form, answers, clock=clock, lang=lang, meta=meta, seed=seed)
        self._open_all()
        self._changed.clear()

    def _open(
        self,
        form: CompiledForm,
        answers: dict[str, Any] | None,
        *,
        clock: Callable[[], datetime] | None = None,
        lang: str | None = None,
        meta: dict[str, str] | None = None,
        seed: int | None = None,
    ) -> None:
        """The tree with the answers loaded (or a new interview's defaults), nothing
        evaluated yet (``__init__`` then runs every computation)."""
        super().__init__(form)
        #: compiled arguments of ``search()`` appearances, by template
        self._search_cache: dict[int, list[CompiledExpr]] = {}
        self._clock = clock or (lambda: datetime.now().astimezone())
        first = self._clock()
        self.tz: tzinfo = first.tzinfo or datetime.now().astimezone().tzinfo  # type: ignore[assignment]
        self.lang = form.resolve_lang(lang)
        self.form_version = form.spec.version
        self._rng = random.Random(seed)
        self._materialise(self._root)
        if answers is not None:
            if not isinstance(answers, dict):
                raise AnswerError("forms.answers_not_object")
            self._load(self._root, answers, "")
        else:
            self._fill_meta(self._root, meta or {})
            self._apply_defaults(self._root)

    # --- Env protocol for expressions -----------------------------------------------
    def now(self) -> datetime:
        moment = self._clock()
        return moment if moment.tzinfo else moment.replace(tzinfo=self.tz)

    def random(self) -> float:
        return self._rng.random()

    def new_uuid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def root(self) -> Item:
        return self._root

    def secondary(self, name: str) -> Any:
        """``instance(name)``: a choice list of the form, else a data file attached to it."""
        doc = self.form.secondary(name, self.lang)
        if doc is None:
            files = form_files(self.form)
            doc = files.document(name) if files is not None else None
        return doc

    def choice_name(self, value: str, question: str, origin: Any) -> str:
        text = question.strip()
        if text.startswith("${") and text.endswith("}"):
            name = text[2:-1].strip()
        else:
            name = text.rstrip("/").split("/")[-1].strip()
        tpl = self.form.scope.by_name.get(name)
        if tpl is None or tpl.node is None or not tpl.node.choices:
            return ""
        for choice in self._listed(tpl.node):
            if choice.name == value:
                return pick_text(choice.label, self.lang, self.form.spec.default_language)
        return "Other" if tpl.node.or_other and value == "other" else ""

    # --- public API ------------------------------------------------------------------
    def set(self, path: str, value: Any) -> Paths:
        """Answer the question at ``path``; returns the paths whose value or relevance
        changed. ``None`` or ``""`` clears the answer. AnswerError on a bad value."""
        item = self._find(path)
        tpl = item.tpl
        if tpl.kind != "question" or tpl.qtype in NO_VALUE_TYPES:
            raise AnswerError("forms.not_answerable", path=path)
        if tpl.qtype == "calculate":
            raise AnswerError("forms.calculated", path=path)
        xval = to_xvalue(tpl, value, self.tz)
        if not same(item.xval, xval):
            item.xval = xval
            self._fire(item)
            for reader in self._graph.trigger_readers.get(tpl.tid, ()):
                for inst in self._instances_under(self._ancestor(item, reader.scope), reader.comp):
                    self._enqueue(reader.comp, inst)
        return self._finish()

    def add_repeat(self, path: str) -> Paths:
        """Add an instance at the end of the repeat at ``path`` (``household/members``)."""
        parent, tpl = self._find_repeat(path)
        self._refuse_counted(tpl, path)
        self._add_instance(parent, tpl)
        return self._finish()

    def remove_repeat(self, path: str, index: int) -> Paths:
        """Remove instance ``index`` (1-based) of the repeat at ``path``."""
        parent, tpl = self._find_repeat(path)
        self._refuse_counted(tpl, path)
        count = len(parent.kids[tpl.name])
        if not isinstance(index, int) or not 1 <= index <= count:
            raise AnswerError("forms.no_instance", path=path, index=index, count=count)
        self._remove_instance(parent, tpl, index)
        return self._finish()

    def repeat_count(self, path: str) -> int:
        parent, tpl = self._find_repeat(path)
        return len(parent.kids[tpl.name])

    def relevant(self, path: str) -> bool:
        """Relevance of a node; for a repeat named without an instance number, whether
        a new instance would be relevant (may the interviewer add one?)."""
        last = parse_path(path)[-1]
        if last.repeat is None:
            parent = self._find(path.rsplit("/", 1)[0]) if "/" in path.strip("/") else self._root
            tpl = parent.tpl.by_name.get(last.name)
            if tpl is not None and tpl.is_repeat:
                return self._would_be_relevant(parent, tpl)
        return self._find(path).rel

    def _would_be_relevant(self, parent: Item, tpl: Template) -> bool:
        if not parent.rel:
            return False
        probe = Item(tpl, parent, len(parent.kids[tpl.name]) + 1)
        self._materialise(probe)
        for comp in self._graph.by_owner.get(tpl.tid, ()):
            if comp.kind == "rel" and comp.expr is not None:
                return to_bool(self._evaluate(comp.expr, probe, "relevant", True))
        return True

    def value(self, path: str) -> Any:
        """The answer or calculated value as JSON (None when empty or not relevant)."""
        item = self._find(path)
        return to_json(item.tpl, item.xvalue()) if item.tpl.kind == "question" else None

    def required(self, path: str) -> bool:
        item = self._find(path)
        return self._flag(item, self.form.logic[item.tpl.tid].required, "required")

    def read_only(self, path: str) -> bool:
        item = self._find(path)
        return self._flag(item, self.form.logic[item.tpl.tid].read_only, "read_only")

    def text(self, path: str, kind: str = "label", lang: str | None = None) -> str:
        """The label (or "hint") of a node in ``lang`` (default: the session's), with
        ``${name}`` references replaced by their current values, as ODK shows them."""
        item = self._find(path)
        node = item.tpl.node
        if node is None:
            return ""
        texts: Texts = node.hint if kind == "hint" else node.label
        language = self.form.resolve_lang(lang) if lang is not None else self.lang
        template = pick_text(texts, language, self.form.spec.default_language)

        def value_of(match: re.Match[str]) -> str:
            expr = self.form.output_ref(item.tpl, match.group(1))
            if expr is None:
                return match.group(0)
            return to_string(self._evaluate(expr, item, kind, ""))

        return _OUTPUT_REF.sub(value_of, template)

    def question(self, path: str) -> Node | None:
        """The form's definition of the node at ``path`` (None for the root)."""
        return self._find(path).tpl.node

    @randomized  # a select with randomize=true: shuffled (forms/choice_order.py)
    def choices(self, path: str) -> list[Choice]:
        """The choices of a select question, after its choice_filter: from the form's
        choices sheet, from the file of a ``select_*_from_file`` (empty while the form
        has no such attachment), or from the CSV of a ``search()`` appearance."""
        item = self._find(path)
        node = item.tpl.node
        if node is None or not node.choices:
            return []
        if search_arguments(node.appearance) is not None and node.type not in FILE_SELECT_TYPES:
            return self._search(item, node)
        expr = self.form.logic[item.tpl.tid].choice_filter
        if node.type in FILE_SELECT_TYPES:
            files = form_files(self.form)
            pairs = files.choice_items(node) if files is not None else []
            choices = [choice for choice, _ in pairs]
            items = [sec for _, sec in pairs]
        else:
            choices = self.form.spec.choices.get(node.choices, [])
            doc = self.form.secondary(node.choices, self.lang) if expr is not None else None
            items = doc.kids[0].kids if doc is not None else []
        if expr is None:
            return list(choices)
        kept = []
        for choice, sec in zip(choices, items, strict=True):
            try:
                if to_bool(expr.fn(EvalContext(sec, item, self))):
                    kept.append(choice)
            except EVAL_ERRORS as exc:
                self._problem(item, "choice_filter", exc)
                return list(choices)
        return kept

    def all_choices(self, path: str) -> list[Choice]:
        """Every choice of a select question's list, before its choice_filter (the
        labels of answers given; the size of the list). Empty for a ``search()`` list."""
        node = self._find(path).tpl.node
        if node is None or not node.choices:
            return []
        return self._listed(node)

    def _listed(self, node: Node) -> list[Choice]:
        if node.type in FILE_SELECT_TYPES:
            files = form_files(self.form)
            return [choice for choice, _ in files.choice_items(node)] if files else []
        if search_arguments(node.appearance) is not None:
            return []
        return self.form.spec.choices.get(node.choices or "", [])

    def _search(self, item: Item, node: Node) -> list[Choice]:
        """The choices of a ``search()`` appearance, its arguments evaluated here."""
        fixed = self.form.spec.choices.get(node.choices or "", [])
        values = []
        for expr in self._search_exprs(item):
            try:
                values.append(self._evaluate(expr, item, "appearance", ""))
            except EVAL_ERRORS as exc:
                self._problem(item, "appearance", exc)
                return []
        if not values:
            return list(fixed)
        return search_choices(form_files(self.form), node, fixed, values)

    def _search_exprs(self, item: Item) -> list[CompiledExpr]:
        tid = item.tpl.tid
        cache = self._search_cache
        if tid not in cache:
            texts = search_arguments(item.tpl.node.appearance if item.tpl.node else None) or []
            try:
                cache[tid] = [compile_expression(t, item.tpl, self.form.scope) for t in texts]
            except ExpressionError:
                cache[tid] = []
        return cache[tid]

    def media(
        self, path: str, kind: str = "image", *, choice: str | None = None, lang: str | None = None
    ) -> FormFile | None:
        """The file shown with a question's label (``choice``: with that choice of its
        list): ``kind`` is ``image``, ``big-image``, ``audio`` or ``video``, in ``lang``
        (default: the session's). None when the form names none or it is not attached."""
        node = self._find(path).tpl.node
        files = form_files(self.form)
        if node is None or files is None:
            return None
        media = node.media
        if choice is not None:
            listed = next((c for c in self._listed(node) if c.name == choice), None)
            media = listed.media if listed is not None else {}
        language = self.form.resolve_lang(lang) if lang is not None else self.lang
        name = media_name(media, kind, language, self.form.spec.default_language)
        return files.get(name) if name else None

    def unoffered(self, path: str) -> list[str]:
        """The choice names in the answer at ``path`` that its list, after its
        choice_filter, does not offer now ("other" counts as offered with or_other).
        Empty when it is not a select, or when its list is not at hand (a file the form
        was not given, a ``search()``)."""
        node = self._find(path).tpl.node
        if node is None or node.type not in ("select_one", "select_multiple", *FILE_SELECT_TYPES):
            return []
        if (unlisted := entity_unoffered(self.form, node, self.value(path))) is not None:
            return unlisted  # a select from a long entity list: each answer found by key
        if search_arguments(node.appearance) is not None or not self._listed(node):
            return []
        offered = {choice.name for choice in self.choices(path)}
        if node.or_other:
            offered.add("other")
        value = self.value(path)
        picked = [value] if isinstance(value, str) else list(value or [])
        return [name for name in picked if name not in offered]

    def errors(
        self, lang: str | None = None, confirmed: Mapping[str, Any] | None = None
    ) -> list[ValidationError]:
        """What stops an interview from being completed: required-but-empty and
        failing-constraint questions that are relevant, and failing soft constraints
        (kind ``warning``) not confirmed, in form order, with the form's message in
        ``lang`` (default: the session's). ``confirmed``: path -> the answer the
        enumerator confirmed there; a confirmation holds only for that same answer."""
        return self.blocking(self.checks(lang), confirmed or {})

    def warnings(self, lang: str | None = None) -> list[ValidationError]:
        """Every relevant question failing a soft constraint, confirmed or not."""
        return [error for error in self.checks(lang) if error.kind == "warning"]

    def blocking(
        self, checks: list[ValidationError], confirmed: Mapping[str, Any]
    ) -> list[ValidationError]:
        """Of ``checks`` (from :meth:`checks`), those that stop the completion."""
        return [
            error
            for error in checks
            if error.kind != "warning" or not self.is_confirmed(error.path, confirmed)
        ]

    def is_confirmed(self, path: str, confirmed: Mapping[str, Any]) -> bool:
        """Whether the answer at ``path`` is the one confirmed there (see ``errors``)."""
        if path not in confirmed:
            return False
        value = self.value(path)
        return value is not None and same_answer(confirmed[path], value)

    def checks(self, lang: str | None = None) -> list[ValidationError]:
        """Every failing check in one pass: required, constraint and soft (``warning``,
        confirmed or not), in form order."""
        language = self.form.resolve_lang(lang) if lang is not None else self.lang
        out: list[ValidationError] = []
        for item in self._root.walk():
            tpl = item.tpl
            if not item.rel or tpl.kind != "question" or tpl.qtype in NOT_IN_BODY:
                continue
            if tpl.qtype == "note":
                continue
            logic = self.form.logic[tpl.tid]
            node = tpl.node
            assert node is not None
            if item.xval == "":
                if self._flag(item, logic.required, "required"):
                    message = self._message(node.required_message, language, "required")
                    out.append(ValidationError(path=item.label_path(), kind="required",
                                               message=message))  # fmt: skip
            elif logic.constraint is not None and not self._check(item, logic.constraint):
                message = self._message(node.constraint_message, language, "constraint")
                kind: Literal["constraint", "warning"] = (
                    "warning" if node.constraint_soft else "constraint"
                )
                out.append(ValidationError(path=item.label_path(), kind=kind, message=message))
        return out

    def answers(self, *, complete: bool = False) -> dict[str, Any]:
        """The answer document (groups as objects, repeats as lists). ``complete``:
        as submitted, without non-relevant answers and with ``end`` set to now."""
        return self._doc(self._root, complete)

    def problems(self) -> list[EvaluationProblem]:
        """Expressions that failed when last evaluated (the value used was empty)."""
        return [
            EvaluationProblem(path=path, column=column, message=message)
            for (path, column), message in sorted(self._problems.items())
        ]

    def items(self) -> Iterator[Item]:
        """Every node instance (groups, repeat instances, questions) in form order."""
        yield from self._root.walk()[1:]

    def snapshot(self) -> dict[str, tuple[bool, Any]]:
        """path -> (relevant, JSON value as expressions read it: None when not relevant)
        of every node instance (for comparisons). What a hidden node stores may differ
        between a session that hid it and one opened from its answers (the session
        opened computes it as if shown, see ``_open_all``) until it shows again."""
        return {
            item.label_path(): (item.rel, to_json(item.tpl, item.xvalue()))
            for item in self.items()
            if item.tpl.kind == "question"
        } | {item.label_path(): (item.rel, None) for item in self.items() if item.tpl.is_container}

    def recompute_all(self) -> Paths:
        """Rerun every computation on every instance (full re-evaluation)."""
        self._enqueue_subtree(self._root)
        return self._finish()

    # --- helpers ---------------------------------------------------------------------
    def _find(self, path: str) -> Item:
        item = self._root
        for step in parse_path(path):
            tpl = item.tpl.by_name.get(step.name)
            if tpl is None:
                raise AnswerError("forms.no_field_there", path=path, name=step.name)
            if tpl.is_repeat:
                instances = item.kids[step.name]
                if step.repeat is None:
                    raise AnswerError("forms.which_instance", path=path, name=step.name)
                if step.repeat > len(instances):
                    raise AnswerError(
                        "forms.instance_count",
                        path=path,
                        name=step.name,
                        count=len(instances),
                        index=step.repeat,
                    )
                item = instances[step.repeat - 1]
            else:
                if step.repeat is not None:
                    raise AnswerError("forms.step_not_a_repeat", path=path, name=step.name)
                item = item.kids[step.name]
        return item

    def _find_repeat(self, path: str) -> tuple[Item, Template]:
        steps = parse_path(path)
        last = steps[-1]
        if last.repeat is not None:
            raise AnswerError("forms.repeat_without_number", path=path)
        parent = self._find("/".join(path.strip("/").split("/")[:-1])) if len(steps) > 1 else (
            self._root)  # fmt: skip
        tpl = parent.tpl.by_name.get(last.name)
        if tpl is None or not tpl.is_repeat:
            raise AnswerError("forms.not_a_repeat", path=path)
        return parent, tpl

    def _refuse_counted(self, tpl: Template, path: str) -> None:
        if tpl.node is not None and tpl.node.bind.repeat_count:
            raise AnswerError("forms.counted_repeat", path=path)

    def _flag(self, item: Item, flag: CompiledExpr | bool, column: str) -> bool:
        if isinstance(flag, bool):
            return flag
        return to_bool(self._evaluate(flag, item, column, False))

    def _check(self, item: Item, constraint: CompiledExpr) -> bool:
        return to_bool(self._evaluate(constraint, item, "constraint", True))

    def _message(self, texts: Texts, lang: str | None, kind: str) -> str:
        for key in (lang, self.form.spec.default_language, DEFAULT_LANG):
            if key is not None and texts.get(key):
                return texts[key]
        return messages.render(
            GENERIC_MESSAGES[kind], _generic_lang(lang or self.form.spec.default_language)
        )

    def _doc(self, item: Item, complete: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for tpl in item.tpl.children:
            kid = item.kids[tpl.name]
            if tpl.is_repeat:
                docs = [self._doc(inst, complete) for inst in kid if inst.rel or not complete]
                if docs:
                    out[tpl.name] = docs
            elif complete and not kid.rel:
                continue
            elif tpl.kind == "group":
                sub = self._doc(kid, complete)
                if sub:
                    out[tpl.name] = sub
            else:
                xval = self.now() if complete and tpl.qtype == "end" else kid.xval
                value = to_json(tpl, xval)
                if value is not None:
                    out[tpl.name] = value
        return out


def same_answer(a: Any, b: Any) -> bool:
    """Two JSON answers are the same (``3`` and ``3.0`` alike, ``True`` and ``1`` not)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return bool(a == b)


def _generic_lang(lang: str | None) -> str:
    low = (lang or "").lower()
    if low in ("vi", "vie", "vietnamese") or "(vi)" in low or "việt" in low:
        return "vi"
    return "en"


__all__ = ["EvaluationProblem", "Session", "ValidationError", "same_answer", "to_string"]
