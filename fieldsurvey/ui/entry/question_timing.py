"""The audit meta question on the entry screen: when each question is entered and left.

A :class:`QuestionTimer` follows the keyboard focus of one entry screen. The question
that holds the focus is "on screen": when the focus moves to another question (or to
the review, or out of the app's window) its ``question`` event is closed with the times
it was entered and left and, with ``track-changes=true``, the answer before and after
when it changed. The review is the ``end screen``; opening the interview logs ``form
start`` (new) or ``form resume``, completing it ``form save`` and ``form finalize``,
closing the screen ``form exit``, as ODK Collect does (docs.getodk.org, "Form audit
log"). Each closed event is written at once (:mod:`fieldsurvey.store.question_audit`,
on the write worker), so a power cut loses at most the question on screen.

Times are ODK's: the laptop's clock at the start, then the time elapsed since (a
monotonic clock), so changing the clock during the interview changes nothing. A laptop
has no location source in this build: a form asking for locations gets "location
providers disabled" and empty location columns.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from fieldsurvey.store import question_audit
from fieldsurvey.store.question_audit import AuditEvent, tracks_location

from fieldsurvey.ui.entry.question_row import QuestionRow

if TYPE_CHECKING:
    from fieldsurvey.ui.entry.entry_controller import EntryController

END_SCREEN = "\x00end screen"


def odk_value(value: Any) -> str | None:
    """An answer as ODK writes it in audit.csv (a multiple choice space-separated)."""
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(getattr(value, "name", value))


class QuestionTimer(QObject):
    """Logs the question events of the entry screen of ``ctx`` (one interview)."""

    def __init__(self, ctx: EntryController, params: dict[str, str], *, resumed: bool) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.track_changes = params.get("track-changes", "").lower() in ("true", "yes")
        self.user = ctx.who if params.get("identify-user", "").lower() in ("true", "yes") else None
        self.root = "/" + (ctx.spec.settings.get("name") or "data").strip("/")
        self._wall0 = int(time.time() * 1000)
        self._mono0 = time.monotonic()
        #: the question on screen: (instance path or END_SCREEN, start, answer then)
        self._open: tuple[str, int, str | None] | None = None
        self._pending: list[AuditEvent] = []
        self._ended = False
        self.log("form resume" if resumed else "form start")
        if tracks_location(params):
            self.log("location providers disabled")
        self.flush()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # --- time -----------------------------------------------------------------------------
    def now(self) -> int:
        """Milliseconds since 1970: the start's clock plus the time elapsed since."""
        return self._wall0 + int((time.monotonic() - self._mono0) * 1000)

    def node(self, path: str) -> str:
        """The XPath ODK writes for an instance path: ``/data/household/members[2]/age``."""
        return f"{self.root}/{path}" if path else ""

    # --- events -----------------------------------------------------------------------------
    def log(self, name: str, path: str = "", *, end: bool = False) -> None:
        """An event without a question (``form save``), or one of a repeat (``add
        repeat``); ``end``: it has an end time (the same as its start)."""
        if self._ended:
            return
        at = self.now()
        self._pending.append(
            AuditEvent(name, self.node(path), at, at if end else None, user=self.user)
        )

    def _enter(self, where: str) -> None:
        before = None if where == END_SCREEN else odk_value(self.ctx.value(where))
        self._open = (where, self.now(), before)

    def _leave(self) -> None:
        if self._open is None:
            return
        where, start, before = self._open
        self._open = None
        end = max(self.now(), start)
        if where == END_SCREEN:
            self._pending.append(AuditEvent("end screen", "", start, end, user=self.user))
            return
        old = new = None
        if self.track_changes:
            after = odk_value(self.ctx.value(where))
            if after != before:
                old, new = before, after
        self._pending.append(
            AuditEvent("question", self.node(where), start, end, old_value=old,
                       new_value=new, user=self.user)
        )  # fmt: skip

    def flush(self) -> None:
        """Write the events gathered so far (on the write worker)."""
        if not self._pending:
            return
        events, self._pending = self._pending, []
        ws, uuid = self.ctx.ws, self.ctx.uuid

        def work(_progress: object, _cancel: object) -> None:
            with ws.transaction() as db:
                question_audit.append(db, uuid, events)

        self.ctx.runner.run(work, on_failure=self.ctx.on_failure, write=True)

    def finish(self, *events: str) -> None:
        """Close the question on screen, log ``events`` (``form save``, ``form exit``),
        write everything and stop listening."""
        if self._ended:
            return
        self._leave()
        for name in events:
            self.log(name)
        self.flush()
        self._ended = True
        app = QApplication.instance()
        if isinstance(app, QApplication):
            try:
                app.focusChanged.disconnect(self._focus_changed)
            except (RuntimeError, TypeError):
                pass

    # --- following the focus ------------------------------------------------------------------
    def where(self, widget: QWidget | None) -> str | None:
        """The question (instance path) of ``widget``, END_SCREEN on the review, or None
        when it is not a question of this interview's screen."""
        from fieldsurvey.ui.entry.completion_summary import CompletionSummary

        found: str | None = None
        current = widget
        while current is not None:
            if found is None:
                if isinstance(current, QuestionRow):
                    found = current.path
                elif isinstance(current, CompletionSummary):
                    found = END_SCREEN
                else:
                    editing = getattr(current, "editing_path", None)
                    path = editing() if callable(editing) else None
                    if isinstance(path, str) and path:
                        found = path
            if getattr(current, "ctx", None) is self.ctx:
                return found
            current = current.parentWidget()
        return None

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._ended or not isValid(self) or not isValid(self.ctx):
            return
        if not self.ctx.editable:
            self.finish()
            return
        where = self.where(new) if new is not None else None
        if self._open is not None and self._open[0] == where:
            return
        self._leave()
        if where is not None:
            self._enter(where)
        self.flush()
