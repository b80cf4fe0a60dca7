"""What the report writers take in: interviews, the period and the data stamp.

The writers never open the database: the caller (CLI, desktop app, demo) reads the
interviews it wants to report on and passes them in. Anything with ``uuid``,
``answers`` and ``created`` attributes works (e.g. ``fieldsurvey.store.interviews.Interview``);
:class:`ReportInterview` is the plain model for tests, benchmarks and scripts.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field

Lang = Literal["vi", "en"]


class InterviewLike(Protocol):
    @property
    def uuid(self) -> str: ...

    @property
    def answers(self) -> dict[str, Any]: ...

    @property
    def created(self) -> str: ...


class ReportInterview(BaseModel):
    uuid: str
    #: Nested answer document shaped like the form (groups as objects, repeats as lists).
    answers: dict[str, Any] = Field(default_factory=dict)
    #: ISO timestamp of creation; its date is the interview date when there is no ``today``.
    created: str = ""


class Period(BaseModel):
    """Inclusive range of interview dates; an open end includes everything on that side."""

    start: date | None = None
    end: date | None = None

    def contains(self, day: date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


class DataStamp(BaseModel):
    """Where the data comes from, printed on the cover."""

    last_merge: datetime | None = None
    generated_at: datetime = Field(default_factory=lambda: datetime.now().replace(microsecond=0))
    #: Free text, e.g. the workspace or coordinator name.
    source: str = ""
    #: Lines printed under the data stamp, e.g. interviews left out and why.
    notes: list[str] = Field(default_factory=list)


def interview_date(interview: InterviewLike) -> date | None:
    """The ``today`` metadata answer if present, else the date of ``created``."""
    raw = interview.answers.get("today") or interview.created
    if not isinstance(raw, str) or len(raw) < 10:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return None
