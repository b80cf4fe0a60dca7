"""The interview being filled in: engine session, autosave and the resume point.

Every committed answer goes to the questionnaire engine first (relevance, calculations,
messages), then to the workspace as one transaction (``store.autosave.autosave``) on the
task runner's single write worker. Widgets listen to ``changed`` (which instance
paths the engine recomputed) and ``save_state`` (the 'saved' mark). No survey rule and
no SQL lives here: both belong to the core.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QObject, Signal

from fieldsurvey import messages
from fieldsurvey.errors import AnswerError, LifecycleError
from fieldsurvey.forms import answer_sync, geo_text, number_reading
from fieldsurvey.forms.choice_order import is_randomized
from fieldsurvey.forms.engine import CompiledForm
from fieldsurvey.forms.engine_session import Session, ValidationError
from fieldsurvey.forms.interview_rules import complete_checked, confirm_check, confirmed_checks
from fieldsurvey.forms.last_saved import give as give_last_saved
from fieldsurvey.forms.last_saved import reads_last_saved
from fieldsurvey.forms.spec import Choice, FormSpec, Node
from fieldsurvey.forms.xpath_attachments import form_entities, use_entities
from fieldsurvey.progress import CancelToken, Progress
from fieldsurvey.store import interviews, media, question_audit
from fieldsurvey.store.autosave import autosave
from fieldsurvey.store.last_saved import last_saved_answers
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry import form_text
from fieldsurvey.ui.entry.entity_lists import EntityLists, entity_source
from fieldsurvey.ui.entry.media_widgets import InterviewFiles
from fieldsurvey.ui.entry.page_model import template_path
from fieldsurvey.ui.entry.question_timing import QuestionTimer
from fieldsurvey.ui.entry.resume import RESUME_KEY
from fieldsurvey.ui.entry.value_parsing import format_date
from fieldsurvey.ui.tasks import TaskRunner

#: Values the engine recomputes; saved only when the interview is completed.
NOT_SAVED = frozenset({"calculate"})


class EntryController(QObject):
    """Holds the engine session of one interview and saves every answer."""

    #: Instance paths whose relevance, value, choices or messages may have changed.
    changed = Signal(object)
    #: "saving", "saved" or "failed"; with the time (float) or the exception.
    save_state = Signal(str, object)
    #: Repeat instances were added or removed under this repeat path (template path).
    repeats_changed = Signal(str)
    #: The engine refused a value at a path: (path, reason in English).
    rejected = Signal(str, str)

    def __init__(
        self,
        ws: Workspace,
        interview_uuid: str,
        compiled: CompiledForm,
        runner: TaskRunner,
        *,
        who: str | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        parent: QObject | None = None,
        interview: interviews.Interview | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.uuid = interview_uuid
        self.compiled = compiled
        self.runner = runner
        # The app passes the interview (and who) read in the background; tests may not.
        self.interview = interview or interviews.get_interview(ws, interview_uuid)
        self.who = who or ws.acting_person()
        self.on_failure = on_failure
        self.spec: FormSpec = compiled.spec
        self.nodes: dict[str, Node] = {n.path: n for n in self.spec.walk()}
        self._label_cache: dict[tuple[str, str], dict[str, str]] = {}
        source = entity_source(compiled, ws)  # the lists the engine and the pickers read
        if source is not None and form_entities(compiled) is not source:
            use_entities(compiled, source)
        self.entities = EntityLists(compiled, runner, source=source, on_failure=on_failure,
                                    lang=lambda: self.lang, parent=self)  # fmt: skip
        self.lang = form_text.form_language(self.spec, form_text.ui_language())
        self.editable = self.interview.status in interviews.EDITABLE
        # A new interview (never saved since it was created): the engine fills in the
        # defaults and start/today, then the answers given at creation (ward, id) go in.
        fresh = self.interview.revision == 1 and self.editable
        meta = {"deviceid": self.interview.device_id, "username": self.who}
        self.session: Session = compiled.session(
            None if fresh else self.interview.answers, lang=self.lang, meta=meta
        )
        if fresh:
            self._apply(self.interview.answers)
        #: Questions the enumerator has been past (their required messages show).
        self.touched: set[str] = set()
        #: Soft checks confirmed with the respondent: path -> the answer confirmed.
        self.confirmed: dict[str, Any] = {}
        self._problems: dict[str, ValidationError] | None = None
        self._warnings: dict[str, ValidationError] | None = None
        self.pending = 0
        self.last_saved: float | None = None
        #: Media questions (template path -> type) and the files of their answers.
        self.media_nodes = media.media_nodes(self.spec.walk())
        self.files = InterviewFiles(self)
        if fresh:
            self._save()
            if reads_last_saved(self.spec):  # ${last-saved#…}: the interview saved last
                self._read_last_saved()
        else:
            self._read_confirmations()
        audit = question_audit.audit_parameters(self.spec)
        self.timing: QuestionTimer | None = None
        if audit is not None and self.editable:  # the form's audit meta question
            self.timing = QuestionTimer(self, audit, resumed=not fresh)

    def _read_confirmations(self) -> None:
        """The soft checks confirmed before (kept in the interview's audit log)."""
        ws, uuid = self.ws, self.uuid

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> dict[str, Any]:
            return confirmed_checks(ws, uuid)

        def done(confirmed: dict[str, Any]) -> None:
            if not isValid(self) or not confirmed:
                return
            self.confirmed = {**confirmed, **self.confirmed}
            self._problems = self._warnings = None
            self.changed.emit(None)

        self.runner.run(work, on_success=done, on_failure=self.on_failure, write=False)

    def _read_last_saved(self) -> None:
        """A new interview of a form reading ``${last-saved#…}``: the answers of the
        interview of that form saved last, read in the background, go to the engine,
        which fills the defaults that read them (forms/last_saved.py)."""
        ws, uuid, form_id = self.ws, self.uuid, self.interview.form_id

        def work(
            _progress: Callable[[Progress], None], _cancel: CancelToken
        ) -> dict[str, Any] | None:
            return last_saved_answers(ws, form_id, other_than=uuid)

        def done(answers: dict[str, Any] | None) -> None:
            if not isValid(self):
                return
            if give_last_saved(self.session, answers):
                self._problems = self._warnings = None
                self._save()
                self.changed.emit(None)

        self.runner.run(work, on_success=done, on_failure=self.on_failure, write=False)

    def _apply(self, answers: dict[str, Any]) -> None:
        """Give the engine answers set before the entry screen opened (at creation)."""
        for path, value in answer_sync.diff({}, answers):
            try:
                if value == {}:
                    self.session.add_repeat(path.rpartition("[")[0])
                else:
                    self.session.set(path, value)
            except AnswerError:  # e.g. a roster sized by the form: its members come alone
                continue

    # --- reading the engine -------------------------------------------------------------
    def node(self, path: str) -> Node:
        return self.nodes[template_path(path)]

    def relevant(self, path: str) -> bool:
        """Whether ``path`` is shown; a repeat (no index) follows its parent group."""
        if self.node(path).kind == "repeat" and not path.endswith("]"):
            parent = path.rpartition("/")[0]
            return self.relevant(parent) if parent else True
        try:
            return bool(self.session.relevant(path))
        except AnswerError:  # a roster member that is not there (any more)
            return False

    def value(self, path: str) -> Any:
        try:
            return self.session.value(path)
        except AnswerError:
            return None

    def required(self, path: str) -> bool:
        try:
            return bool(self.session.required(path))
        except AnswerError:
            return False

    def read_only(self, path: str) -> bool:
        try:
            return bool(self.session.read_only(path))
        except AnswerError:
            return True

    def instance_count(self, repeat_path: str) -> int:
        try:
            return self.session.repeat_count(repeat_path)
        except AnswerError:  # inside a roster member that is not there (yet)
            return 0

    def choices(self, path: str) -> list[tuple[str, str]]:
        """(name, label) of the choices offered at ``path`` (choice_filter applied)."""
        node = self.node(path)
        if self.entities.list_of(node):  # an entity list: searched, never listed
            return []
        shuffled = is_randomized(node)
        if node.bind.choice_filter or node.choices not in self.spec.choices or shuffled:
            try:  # filtered, a list from a file, or shuffled (randomize)
                offered = self.session.choices(path)
            except AnswerError:
                offered = []
        else:
            offered = self._listed(node, path)
        default = self.spec.default_language
        return [(c.name, form_text.choice_label(c, self.lang, default)) for c in offered]

    def choice_count(self, path: str) -> int | None:
        """How many choices the list at ``path`` has before any filter (a list from an
        attached file counts its rows); None for a question without a list."""
        node = self.node(path)
        if self.entities.list_of(node):
            return None
        return len(self._listed(node, path)) if node.choices else None

    def _listed(self, node: Node, path: str) -> list[Choice]:
        """Every choice of ``node``'s list before any filter: the form's, or the rows of
        the file attached to it."""
        listed = self.spec.choices.get(node.choices or "")
        if listed is not None:
            return listed
        try:
            return self.session.all_choices(path)
        except AnswerError:
            return []

    def _labels(self, list_name: str, path: str) -> dict[str, str]:
        """Choice name -> label in the current language, for every choice of a list (of
        the form, or of a file attached to it)."""
        key = (list_name, self.lang)
        labels = self._label_cache.get(key)
        if labels is None:
            default = self.spec.default_language
            listed = self._listed(self.node(path), path)
            labels = {c.name: form_text.choice_label(c, self.lang, default) for c in listed}
            self._label_cache[key] = labels
        return labels

    def problems_under(self, prefix: str) -> list[ValidationError]:
        """The problems of questions below the instance path ``prefix``."""
        return [p for path, p in self.problems().items() if path.startswith(prefix + "/")]

    def display(self, path: str) -> str:
        """The answer at ``path`` as the enumerator would read it (choice labels, dates)."""
        node, value = self.node(path), self.value(path)
        if value is None or value == "":
            return ""
        if self.entities.list_of(node):
            return self.entities.display(node, value)
        if node.choices:
            labels = self._labels(node.choices, path)
            names = value if isinstance(value, list) else str(value).split()
            return ", ".join(labels.get(n, n) for n in names)
        if node.type == "date":
            return format_date(value)
        if node.type == "geopoint":
            return geo_text.describe_point(value)
        if node.type in ("geotrace", "geoshape"):
            return "; ".join(geo_text.describe_points(value))
        if node.type == "text" and "masked" in (node.appearance or "").split():
            return "••••"  # masked on the screen: not read back in clear either
        if isinstance(value, int | float) and not isinstance(value, bool):
            # Written as the app's language writes numbers: 6.500.000 and 12,5 in Vietnamese.
            return number_reading.format_number(value, messages.language())
        return str(value)

    def text(self, path: str, texts: dict[str, str]) -> str:
        return form_text.pick(texts, self.lang, self.spec.default_language)

    def label(self, path: str) -> str:
        """The label at ``path`` with its ``${name}`` references filled in."""
        return self._text(path, "label")

    def hint(self, path: str) -> str:
        return self._text(path, "hint")

    def _text(self, path: str, kind: str) -> str:
        node = self.node(path)
        text = self.text(path, node.hint if kind == "hint" else node.label)
        if "${" not in text:
            return text
        try:
            return self.session.text(path, kind, self.lang)
        except AnswerError:  # a repeat named without an instance
            return text

    def problems(self) -> dict[str, ValidationError]:
        """What stops the completion, by path: every relevant required-but-empty and
        failing-constraint question, and every soft check not confirmed (``warning``)."""
        if self._problems is None:
            self._check()
        assert self._problems is not None
        return self._problems

    def warnings(self) -> dict[str, ValidationError]:
        """Every failing soft check, confirmed or not, by path."""
        if self._warnings is None:
            self._check()
        assert self._warnings is not None
        return self._warnings

    def _check(self) -> None:
        checks = self.session.checks(self.lang)
        blocking = self.session.blocking(checks, self.confirmed)
        self._problems = {e.path: e for e in blocking}
        self._warnings = {e.path: e for e in checks if e.kind == "warning"}

    def is_confirmed(self, path: str) -> bool:
        """Whether the failing soft check at ``path`` is confirmed for its answer."""
        return self.session.is_confirmed(path, self.confirmed)

    def message(self, path: str) -> str:
        """The inline message to show at ``path`` now (required only once passed)."""
        problem = self.problems().get(path)
        if problem is None or (problem.kind == "required" and path not in self.touched):
            return ""
        return problem.message

    def blocks(self, path: str) -> bool:
        """Whether moving on from the question at ``path`` must stop there: it is
        relevant, can be answered here, and is unanswered-but-required, fails its
        constraint or has a soft check to confirm."""
        return (
            self.editable
            and path in self.problems()
            and self.relevant(path)
            and not self.read_only(path)
        )

    def confirm(self, path: str, confirmed: bool) -> None:
        """The enumerator confirmed (or unticked) the failing soft check at ``path``:
        recorded in the interview (audit log) for the answer given, on the write worker."""
        if not self.editable:
            return
        value = self.value(path) if confirmed else None
        if value is None:
            self.confirmed.pop(path, None)
        else:
            self.confirmed[path] = value
        self._problems = None
        problems = len(self.problems())
        ws, uuid, who, keep = self.ws, self.uuid, self.who, self._keep
        target = self.session.answers()

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> float:
            with ws.transaction():
                confirm_check(ws, uuid, path, value, who=who)
                autosave(
                    ws, uuid, lambda saved: answer_sync.diff(saved, target, keep), who=who,
                    problems=problems,
                )  # fmt: skip
            return time.time()

        self.pending += 1
        self.save_state.emit("saving", None)
        self.runner.run(work, on_success=self._saved, on_failure=self._save_failed, write=True)
        self.changed.emit({path})

    def set_language(self, name: str) -> None:
        """Show the form's texts in its language ``name`` (e.g. ``"English (en)"``)."""
        self.lang = name
        self.session.lang = self.compiled.resolve_lang(name)
        self._problems = self._warnings = None
        self.changed.emit(None)

    def touch(self, paths: Iterable[str], *, notify: bool = True) -> None:
        """The enumerator has been past ``paths``: their required messages may show."""
        self.touched.update(paths)
        if notify:
            self.changed.emit(None)

    # --- changing answers -----------------------------------------------------------------
    def answer(self, path: str, value: Any) -> bool:
        """The enumerator committed ``value`` at ``path``: evaluate, show, save.

        False (and ``rejected``) when the engine refuses the value. A file just attached
        (:class:`~fieldsurvey.store.media.NewMedia`) is kept first, then its name is the
        answer; a file no answer names any more is removed."""
        if not self.editable:
            return False
        if isinstance(value, media.NewMedia):
            self.files.attach(path, value)
            return True
        before = self.value(path) if template_path(path) in self.media_nodes else None
        try:
            changed = self.session.set(path, value)
        except AnswerError as exc:
            self.rejected.emit(path, exc.message)
            return False
        changed.add(path)
        self.touched.add(path)
        self._after_change(changed)
        if isinstance(before, str) and before and before != value:
            self.files.drop(before)
        return True

    def drop_unoffered(self, path: str) -> None:
        """Clear the choices of the answer at ``path`` that its filter no longer offers
        (a ward of the district chosen before), as ODK Collect does when it shows the
        question; saved and recomputed like any answer."""
        if self.entities.list_of(self.node(path)):
            return  # an entity list: its filter is not applied here
        try:
            stale = self.session.unoffered(path)
        except AnswerError:
            return
        if stale:
            value = self.session.value(path)
            kept = [name for name in value if name not in stale] if isinstance(value, list) else []
            self.answer(path, kept or None)

    def add_repeat(self, repeat_path: str) -> int:
        """Add an instance at the end of the repeat; returns its 1-based index."""
        changed = self.session.add_repeat(repeat_path)
        self._after_change(changed, repeat=repeat_path)
        count = self.instance_count(repeat_path)
        if self.timing is not None:
            self.timing.log("add repeat", f"{repeat_path}[{count}]", end=True)
        return count

    def remove_repeat(self, repeat_path: str, index: int) -> None:
        named = self.files.named()
        changed = self.session.remove_repeat(repeat_path, index)
        self._after_change(changed, repeat=repeat_path, removed=f"{repeat_path}[{index}]")
        if self.timing is not None:
            self.timing.log("delete repeat", f"{repeat_path}[{index}]", end=True)
        for name in named - self.files.named():
            self.files.drop(name)

    def _after_change(
        self, changed: set[str], *, repeat: str | None = None, removed: str | None = None
    ) -> None:
        self._problems = self._warnings = None
        self._save(removed)
        if repeat is not None:
            self.repeats_changed.emit(template_path(repeat))
        self.changed.emit(None if repeat is not None else changed)

    # --- saving -----------------------------------------------------------------------------
    def _keep(self, template: str, *, complete: bool = False) -> bool:
        node = self.nodes.get(template)
        return node is not None and (complete or node.type not in NOT_SAVED)

    def _save(self, removed: str | None = None) -> None:
        """Bring the saved interview to the engine's answers, on the write worker."""
        target = self.session.answers()
        problems = len(self.problems())
        ws, uuid, who, keep = self.ws, self.uuid, self.who, self._keep

        def plan(saved: dict[str, Any]) -> list[answer_sync.Step]:
            return answer_sync.diff(saved, target, keep)

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> float:
            autosave(ws, uuid, plan, who=who, problems=problems, removed=removed)
            return time.time()

        self.pending += 1
        self.save_state.emit("saving", None)
        self.runner.run(work, on_success=self._saved, on_failure=self._save_failed, write=True)

    def _saved(self, when: float) -> None:
        if not isValid(self):  # the screen was closed while the save ran
            return
        self.pending -= 1
        self.last_saved = when
        if not self.pending:
            self.save_state.emit("saved", when)

    def _save_failed(self, exc: BaseException) -> None:
        if not isValid(self):  # the screen is gone: the app's error hook still tells
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        self.pending -= 1
        self.save_state.emit("failed", exc)
        if self.on_failure is not None:
            self.on_failure(exc)

    def complete(self, on_done: Callable[[], None]) -> None:
        """Save the interview as submitted (calculations in, non-relevant answers out)
        and mark it completed; ``on_done`` runs in the UI thread afterwards."""
        if self.problems():
            raise LifecycleError("store.complete_has_problems")
        if self.timing is not None:
            self.timing.finish("form save", "form exit", "form finalize")
        ws, uuid, who = self.ws, self.uuid, self.who
        meta = {"deviceid": self.interview.device_id, "username": self.who}
        compiled = self.compiled

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> None:
            # The autosaves queued before this on the single writer are in the database;
            # the core checks them again and completes in one transaction.
            complete_checked(ws, uuid, who=who, meta=meta, compiled=compiled)
            if (ws.get_setting(RESUME_KEY) or {}).get("interview") == uuid:
                ws.set_setting(RESUME_KEY, None)

        def done(_result: object) -> None:
            if not isValid(self):
                return
            self.editable = False
            self.save_state.emit("saved", time.time())
            on_done()

        self.save_state.emit("saving", None)
        self.runner.run(work, on_success=done, on_failure=self._save_failed_once, write=True)

    def _save_failed_once(self, exc: BaseException) -> None:
        if not isValid(self):
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        self.save_state.emit("failed", exc)
        if self.on_failure is not None:
            self.on_failure(exc)

    # --- where we are -------------------------------------------------------------------
    def remember(self, path: str, page: int) -> None:
        """Keep the current question so the app reopens here after a crash."""
        point = {"interview": self.uuid, "path": path, "page": page}
        ws = self.ws

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> None:
            ws.set_setting(RESUME_KEY, point)

        self.runner.run(work, on_failure=self.on_failure, write=True)

    def forget(self) -> None:
        """The interview was completed or closed on purpose: no resume point."""
        if self.timing is not None:
            self.timing.finish("form exit")
        ws, uuid = self.ws, self.uuid

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> None:
            if (ws.get_setting(RESUME_KEY) or {}).get("interview") == uuid:
                ws.set_setting(RESUME_KEY, None)

        self.runner.run(work, on_failure=self.on_failure, write=True)
