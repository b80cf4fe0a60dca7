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

import heapq
import math
import random
import re
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from fieldsurvey.answers import parse_path
from fieldsurvey.errors import AnswerError, ExpressionError
from fieldsurvey.forms.dependency_graph import Computation
from fieldsurvey.forms.engine_answers import to_json, to_xvalue, wrap_result
from fieldsurvey.forms.expression_compiler import CompiledExpr
from fieldsurvey.forms.instance import NO_VALUE_TYPES, NOT_IN_BODY, Item, Template, pick_text
from fieldsurvey.forms.spec import DEFAULT_LANG, Choice, Texts
from fieldsurvey.forms.xpath_context import EvalContext
from fieldsurvey.forms.xpath_values import to_bool, to_number, to_string, unpack

if TYPE_CHECKING:
    from fieldsurvey.forms.engine import CompiledForm

#: The most repeat instances a repeat_count may create.
MAX_REPEAT_COUNT = 2000
#: How often one computation may rerun for one change before we call it unsettled.
MAX_RERUNS = 50
_OUTPUT_REF = re.compile(r"\$\{\s*([^{}\s]+)\s*\}")
_EVAL_ERRORS = (ExpressionError, ArithmeticError, ValueError, TypeError, RecursionError)

GENERIC_MESSAGES = {
    "en": {"required": "Sorry, this response is required!",
           "constraint": "Sorry, this response is invalid!"},
    "vi": {"required": "Câu hỏi này bắt buộc phải trả lời.",
           "constraint": "Câu trả lời không hợp lệ."},
}  # fmt: skip


class ValidationError(BaseModel):
    """A relevant question that is required but empty, or fails its constraint."""

    path: str
    kind: Literal["required", "constraint"]
    message: str


class EvaluationProblem(BaseModel):
    """An expression that failed at run time (e.g. a repeated field used as one value)."""

    path: str
    column: str
    message: str


#: A set of answer paths (``set`` itself is shadowed by Session.set inside the class).
Paths = set[str]


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


class Session:
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
        self.form = form
        self._graph = form.graph
        self._clock = clock or (lambda: datetime.now().astimezone())
        first = self._clock()
        self.tz: tzinfo = first.tzinfo or datetime.now().astimezone().tzinfo  # type: ignore[assignment]
        self.lang = form.resolve_lang(lang)
        self.form_version = form.spec.version
        self._rng = random.Random(seed)
        self._heap: list[tuple[int, int, Computation, Item]] = []
        self._pending: set[tuple[int, int]] = set()
        self._seq = 0
        self._changed: dict[int, Item] = {}
        self._changed_paths: Paths = set()
        self._chains: dict[tuple[int, int], tuple[str, ...]] = {}
        self._problems: dict[tuple[str, str], str] = {}
        #: computations run so far (to observe how much work a change causes)
        self.evaluations = 0
        self._root = Item(form.root, None)
        self._materialise(self._root)
        if answers is not None:
            if not isinstance(answers, dict):
                raise AnswerError("The answers must be an object of field names")
            self._load(self._root, answers, "")
        else:
            self._fill_meta(self._root, meta or {})
            self._apply_defaults(self._root)
        self._enqueue_subtree(self._root)
        self._run()
        self._changed.clear()

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
        return self.form.secondary(name, self.lang)

    def choice_name(self, value: str, question: str, origin: Any) -> str:
        text = question.strip()
        if text.startswith("${") and text.endswith("}"):
            name = text[2:-1].strip()
        else:
            name = text.rstrip("/").split("/")[-1].strip()
        tpl = self.form.scope.by_name.get(name)
        if tpl is None or tpl.node is None or not tpl.node.choices:
            return ""
        for choice in self.form.spec.choices.get(tpl.node.choices, []):
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
            raise AnswerError(f"{path} is not a question that takes an answer")
        if tpl.qtype == "calculate":
            raise AnswerError(f"{path} is calculated by the form and cannot be answered")
        xval = to_xvalue(tpl, value, self.tz)
        if not _same(item.xval, xval):
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
            raise AnswerError(f"{path} has no instance {index} (it has {count})")
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

    def choices(self, path: str) -> list[Choice]:
        """The choices of a select question, after its choice_filter."""
        item = self._find(path)
        node = item.tpl.node
        if node is None or not node.choices:
            return []
        choices = self.form.spec.choices.get(node.choices, [])
        expr = self.form.logic[item.tpl.tid].choice_filter
        if expr is None:
            return list(choices)
        doc = self.form.secondary(node.choices, self.lang)
        assert doc is not None
        kept = []
        for choice, sec in zip(choices, doc.kids[0].kids, strict=True):
            try:
                if to_bool(expr.fn(EvalContext(sec, item, self))):
                    kept.append(choice)
            except _EVAL_ERRORS as exc:
                self._problem(item, "choice_filter", exc)
                return list(choices)
        return kept

    def errors(self, lang: str | None = None) -> list[ValidationError]:
        """Required-but-empty and failing-constraint questions that are relevant, in
        form order, with the form's message in ``lang`` (default: the session's)."""
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
                out.append(ValidationError(path=item.label_path(), kind="constraint",
                                           message=message))  # fmt: skip
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
        """path -> (relevant, JSON value) of every node instance (for comparisons)."""
        return {
            item.label_path(): (item.rel, to_json(item.tpl, item.xval))
            for item in self.items()
            if item.tpl.kind == "question"
        } | {item.label_path(): (item.rel, None) for item in self.items() if item.tpl.is_container}

    def recompute_all(self) -> Paths:
        """Rerun every computation on every instance (full re-evaluation)."""
        self._enqueue_subtree(self._root)
        return self._finish()

    # --- building the tree -----------------------------------------------------------
    def _materialise(self, item: Item) -> None:
        for tpl in item.tpl.children:
            if tpl.is_repeat:
                item.kids[tpl.name] = []
            else:
                child = Item(tpl, item)
                child.rel = item.rel
                item.kids[tpl.name] = child
                self._materialise(child)

    def _new_instance(self, parent: Item, tpl: Template) -> Item:
        instances = parent.kids[tpl.name]
        inst = Item(tpl, parent, len(instances) + 1)
        inst.rel = parent.rel
        instances.append(inst)
        self._materialise(inst)
        return inst

    def _load(self, item: Item, doc: dict[str, Any], where: str) -> None:
        for key, value in doc.items():
            tpl = item.tpl.by_name.get(key) if isinstance(key, str) else None
            here = f"{where}{key}"
            if tpl is None:
                raise AnswerError(f"{here}: the form has no field named {key!r} here")
            if value is None:
                continue
            if tpl.is_repeat:
                if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                    raise AnswerError(f"{here}: a repeat is a list of objects")
                for i, sub in enumerate(value, start=1):
                    self._load(self._new_instance(item, tpl), sub, f"{here}[{i}]/")
            elif tpl.kind == "group":
                if not isinstance(value, dict):
                    raise AnswerError(f"{here}: a group is an object of field names")
                self._load(item.kids[key], value, f"{here}/")
            elif tpl.qtype == "note":
                continue
            elif tpl.qtype in ("calculate", "hidden") and not isinstance(value, list | dict):
                kid = item.kids[key]
                kid.xval = float(value) if isinstance(value, int | float) and not isinstance(
                    value, bool) else value  # fmt: skip
            else:
                try:
                    item.kids[key].xval = to_xvalue(tpl, value, self.tz)
                except AnswerError as exc:
                    raise AnswerError(here + exc.message.removeprefix(tpl.path)) from None

    def _fill_meta(self, root: Item, meta: dict[str, str]) -> None:
        now = self.now()
        for item in root.walk():
            qtype = item.tpl.qtype
            if qtype in ("start", "end"):
                item.xval = now
            elif qtype == "today":
                item.xval = now.date()
            elif qtype in ("deviceid", "username", "simserial", "subscriberid", "email"):
                item.xval = meta.get(qtype, "") if item.tpl.kind == "question" else item.xval

    def _apply_defaults(self, top: Item) -> None:
        for item in top.walk():
            default = self.form.logic[item.tpl.tid].default if item.tpl.node else None
            if default is None or item.tpl.kind != "question":
                continue
            if isinstance(default, str):
                try:
                    item.xval = to_xvalue(item.tpl, default, self.tz)
                except AnswerError:
                    item.xval = default
            else:
                result = self._evaluate(default, item, "default", "")
                item.xval = wrap_result(item.tpl, result)

    # --- incremental evaluation ------------------------------------------------------
    def _enqueue(self, comp: Computation, item: Item) -> None:
        key = (id(comp), id(item))
        if key not in self._pending:
            self._pending.add(key)
            self._seq += 1
            heapq.heappush(self._heap, (comp.rank, self._seq, comp, item))

    def _enqueue_subtree(self, top: Item) -> None:
        by_owner = self._graph.by_owner
        for item in top.walk():
            for comp in by_owner.get(item.tpl.tid, ()):
                if comp.kind != "trigger":
                    self._enqueue(comp, item)

    def _ancestor(self, item: Item, scope: Template) -> Item:
        while item.tpl is not scope and item.parent is not None:
            item = item.parent
        return item

    def _instances_under(self, top: Item, comp: Computation) -> list[Item]:
        key = (top.tpl.tid, comp.owner.tid)
        chain = self._chains.get(key)
        if chain is None:
            names: list[str] = []
            tpl: Template | None = comp.owner
            while tpl is not None and tpl is not top.tpl:
                names.append(tpl.name)
                tpl = tpl.parent
            chain = tuple(reversed(names)) if tpl is top.tpl else ()
            self._chains[key] = chain
        items = [top]
        for name in chain:
            items = [kid for it in items for kid in it.children_named(name)]
        return items

    def _fire(self, item: Item) -> None:
        """``item``'s value as read by expressions changed: rerun its readers."""
        self._changed[id(item)] = item
        for reader in self._graph.readers.get(item.tpl.tid, ()):
            top = self._ancestor(item, reader.scope)
            for inst in self._instances_under(top, reader.comp):
                self._enqueue(reader.comp, inst)
        for comp in self._graph.read_everything:
            for inst in self._instances_under(self._root, comp):
                self._enqueue(comp, inst)

    def _structural(self, parent: Item, repeat: Template) -> None:
        """Instances of ``repeat`` under ``parent`` were added or removed."""
        for tpl in repeat.subtree():
            for reader in self._graph.readers.get(tpl.tid, ()):
                if reader.scope.depth < repeat.depth:
                    top = self._ancestor(parent, reader.scope)
                    for inst in self._instances_under(top, reader.comp):
                        self._enqueue(reader.comp, inst)
        for comp in self._graph.read_everything:
            for inst in self._instances_under(self._root, comp):
                self._enqueue(comp, inst)

    def _update_rel(self, item: Item) -> None:
        parent = item.parent
        new = item.own_rel and (parent.rel if parent is not None else True)
        if new == item.rel:
            return
        item.rel = new
        self._fire(item)
        for kid in item.child_nodes():
            self._update_rel(kid)

    def _run(self) -> None:
        heap = self._heap
        runs: dict[tuple[int, int], int] = {}
        while heap:
            _, _, comp, item = heapq.heappop(heap)
            key = (id(comp), id(item))
            self._pending.discard(key)
            if item.dead:
                continue
            runs[key] = runs.get(key, 0) + 1
            self.evaluations += 1
            if runs[key] > MAX_RERUNS:
                self._problems[(item.label_path(), comp.describe())] = "does not settle"
                continue
            kind = comp.kind
            if kind == "rel":
                assert comp.expr is not None
                new_rel = to_bool(self._evaluate(comp.expr, item, "relevant", True))
                if new_rel != item.own_rel:
                    item.own_rel = new_rel
                    self._update_rel(item)
            elif kind == "count":
                self._apply_count(comp, item)
            else:
                result = self._evaluate(comp.expr, item, comp.describe(), "") if comp.expr else ""
                new = wrap_result(item.tpl, result)
                if not _same(new, item.xval):
                    item.xval = new
                    # fired even when not relevant: raw reads (a group's relevance
                    # reading inside it) see the stored value
                    self._fire(item)

    def _evaluate(self, expr: CompiledExpr, item: Item, column: str, fallback: Any) -> Any:
        try:
            result = unpack(expr.fn(EvalContext(item, item, self)))
        except _EVAL_ERRORS as exc:
            self._problem(item, column, exc)
            return fallback
        if self._problems:
            self._problems.pop((item.label_path(), column), None)
        return result

    def _problem(self, item: Item, column: str, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, ExpressionError) else type(exc).__name__
        self._problems[(item.label_path(), column)] = message

    def _apply_count(self, comp: Computation, parent: Item) -> None:
        """Add instances up to the repeat_count. A smaller count never deletes any: as in
        ODK Collect and the ODK XForms spec, to avoid losing answers to a typo."""
        assert comp.expr is not None
        number = to_number(self._evaluate(comp.expr, parent, "repeat_count", 0.0))
        wanted = 0 if math.isnan(number) else int(max(0.0, min(number, MAX_REPEAT_COUNT)))
        instances = parent.kids[comp.target.name]
        while len(instances) < wanted:
            self._add_instance(parent, comp.target)

    def _add_instance(self, parent: Item, tpl: Template) -> Item:
        inst = self._new_instance(parent, tpl)
        self._apply_defaults(inst)
        self._enqueue_subtree(inst)
        self._structural(parent, tpl)
        for item in inst.walk():
            self._changed[id(item)] = item
        return inst

    def _remove_instance(self, parent: Item, tpl: Template, index: int) -> None:
        instances = parent.kids[tpl.name]
        for later in instances[index - 1 :]:
            self._changed_paths.update(item.label_path() for item in later.walk())
        removed = instances.pop(index - 1)
        for item in removed.walk():
            item.dead = True
            self._changed.pop(id(item), None)
        for pos, inst in enumerate(instances[index - 1 :], start=index):
            inst.pos = pos
        self._structural(parent, tpl)

    def _finish(self) -> Paths:
        self._run()
        changed = {item.label_path() for item in self._changed.values() if not item.dead}
        changed |= self._changed_paths
        self._changed.clear()
        self._changed_paths = set()
        return changed

    # --- helpers ---------------------------------------------------------------------
    def _find(self, path: str) -> Item:
        item = self._root
        for step in parse_path(path):
            tpl = item.tpl.by_name.get(step.name)
            if tpl is None:
                raise AnswerError(f"{path}: the form has no field {step.name!r} there")
            if tpl.is_repeat:
                instances = item.kids[step.name]
                if step.repeat is None:
                    raise AnswerError(f"{path}: say which {step.name} instance, e.g. [1]")
                if step.repeat > len(instances):
                    raise AnswerError(
                        f"{path}: {step.name} has {len(instances)} instance(s), not {step.repeat}"
                    )
                item = instances[step.repeat - 1]
            else:
                if step.repeat is not None:
                    raise AnswerError(f"{path}: {step.name} is not a repeat")
                item = item.kids[step.name]
        return item

    def _find_repeat(self, path: str) -> tuple[Item, Template]:
        steps = parse_path(path)
        last = steps[-1]
        if last.repeat is not None:
            raise AnswerError(f"{path}: name the repeat without an instance number")
        parent = self._find("/".join(path.strip("/").split("/")[:-1])) if len(steps) > 1 else (
            self._root)  # fmt: skip
        tpl = parent.tpl.by_name.get(last.name)
        if tpl is None or not tpl.is_repeat:
            raise AnswerError(f"{path} is not a repeat of this form")
        return parent, tpl

    def _refuse_counted(self, tpl: Template, path: str) -> None:
        if tpl.node is not None and tpl.node.bind.repeat_count:
            raise AnswerError(f"{path}: the form sets the number of instances (repeat_count)")

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
        return GENERIC_MESSAGES[_generic_lang(lang or self.form.spec.default_language)][kind]

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


def _generic_lang(lang: str | None) -> str:
    low = (lang or "").lower()
    if low in ("vi", "vie", "vietnamese") or "(vi)" in low or "việt" in low:
        return "vi"
    return "en"


__all__ = ["EvaluationProblem", "Session", "ValidationError", "to_string"]
