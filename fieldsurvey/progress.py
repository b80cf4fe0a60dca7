"""Progress reports and cancellation for long-running core functions.

A long function accepts ``progress: ProgressCallback | None`` and ``cancel: CancelToken |
None``. The CLI prints the progress; the desktop app shows a progress dialog whose
Cancel button sets the token. Checking the token raises :class:`Cancelled` at a point
where the work can stop without leaving anything half-written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fieldsurvey import messages
from fieldsurvey.errors import FieldSurveyError


@dataclass(frozen=True)
class Progress:
    done: int
    total: int | None = None
    #: The current step for a person: a catalogue code (``fieldsurvey.messages``; the
    #: CLI and the app render it in their language) or a short text. Never an answer.
    message: str = ""
    #: The parameters of ``message`` when it is a catalogue code.
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        """The step in ``lang`` (default: the current language)."""
        return messages.render(self.message, lang, **self.params)

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


ProgressCallback = Callable[[Progress], None]


class Cancelled(FieldSurveyError):
    """The user cancelled the operation; nothing was changed."""

    def __init__(self, code: str = "core.cancelled", /, **params: Any) -> None:
        super().__init__(code, **params)


class CancelToken:
    """Thread-safe flag set by the UI and checked by the worker."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was asked for."""
        if self._event.is_set():
            raise Cancelled("core.cancelled")


def report(progress: ProgressCallback | None, done: int, total: int | None, message: str) -> None:
    """Call ``progress`` if there is one."""
    if progress is not None:
        progress(Progress(done, total, message))
