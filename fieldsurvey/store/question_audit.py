"""The ``audit`` meta question: when each question was entered and left (ODK's audit.csv).

A form with a row of type ``audit`` asks the laptop to log how the enumerator moved
through the interview: one ``question`` event per question visited, with the times it
was entered and left (milliseconds since 1970, UTC), and ``form start``, ``form
resume``, ``add repeat``, ``end screen``, ``form save``, ``form finalize``, ``form exit``.
Its parameters add columns, as ODK Collect defines them (docs.getodk.org,
"Form audit log"; the XForms spec's "Client audit logs"):

- ``track-changes=true``: ``old-value`` and ``new-value`` of each question event (empty
  when the answer did not change);
- ``location-priority``, ``location-min-interval``, ``location-max-age``: ``latitude``,
  ``longitude``, ``accuracy`` (a laptop without a location source logs "location
  providers disabled" and leaves them empty);
- ``identify-user=true``: ``user``, the person signed in;
- ``track-changes-reasons=on-form-edit``: ``change-reason``.

The laptop keeps the events here (one row each, written as questions are left), sends
them as the interview's file ``audit.csv`` (:mod:`fieldsurvey.store.media`) and erases
them with the interview's answers when it is purged. The coordinator checks a received
audit.csv (:func:`parse_csv`) and summarises it (:func:`summarise`) to find interviews
answered implausibly fast.

API:
    create_question_audit(db)          (part of migration "0017_media")
    audit_parameters(spec) -> dict[str, str] | None;  columns_for(params) -> list[str]
    AuditEvent; append(db, uuid, events); events(ws, uuid) -> list[AuditEvent]
    has_events(db, uuids) -> set[str];  erase(db, uuids)
    to_csv(events, columns) -> bytes;  parse_csv(data) -> list[dict] | None
    Summary; summarise(data) -> Summary | None
    Duration; durations(ws, *, seconds_per_question=5, share_of_median=0.4) -> list[Duration]
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace

BASE_COLUMNS = ("event", "node", "start", "end")
LOCATION_COLUMNS = ("latitude", "longitude", "accuracy")
CHANGE_COLUMNS = ("old-value", "new-value")
ALL_COLUMNS = (*BASE_COLUMNS, *LOCATION_COLUMNS, *CHANGE_COLUMNS, "user", "change-reason")
#: Events that have a duration (an end), as ODK Collect logs them.
QUESTION_EVENTS = frozenset({"question", "group questions"})
#: The longest value kept in old-value / new-value (a text answer is at most 10,000).
MAX_VALUE = 10_000
_ROW_COLUMNS = (
    "interview_uuid", "event", "node", "start", "end", "latitude", "longitude", "accuracy",
    "old_value", "new_value", "user", "change_reason",
)  # fmt: skip


def create_question_audit(db: Database) -> None:
    db.execute(
        """CREATE TABLE question_audit (
            seq INTEGER PRIMARY KEY,
            interview_uuid TEXT NOT NULL,
            event TEXT NOT NULL,
            node TEXT NOT NULL DEFAULT '',
            start INTEGER NOT NULL,
            "end" INTEGER,
            latitude REAL,
            longitude REAL,
            accuracy REAL,
            old_value TEXT,
            new_value TEXT,
            user TEXT,
            change_reason TEXT
        )"""
    )
    db.execute("CREATE INDEX idx_question_audit ON question_audit (interview_uuid, seq)")


def audit_parameters(spec: Any) -> dict[str, str] | None:
    """The parameters of the form's ``audit`` row (``{}`` without any), or None when the
    form asks for no audit log. Reads ``spec.audit`` (the pyxform bind attributes, with
    or without their ``odk:`` prefix)."""
    raw = getattr(spec, "audit", None)
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        return {}
    return {str(k).rpartition(":")[2]: str(v) for k, v in raw.items()}


def _on(params: Mapping[str, str], name: str) -> bool:
    return params.get(name, "").strip().lower() in ("true", "yes", "true()")


def tracks_location(params: Mapping[str, str]) -> bool:
    return any(k in params for k in ("location-priority", "location-min-interval"))


def columns_for(params: Mapping[str, str]) -> list[str]:
    """The audit.csv header for a form's parameters, in ODK's order."""
    columns = list(BASE_COLUMNS)
    if tracks_location(params):
        columns += LOCATION_COLUMNS
    if _on(params, "track-changes"):
        columns += CHANGE_COLUMNS
    if _on(params, "identify-user"):
        columns.append("user")
    if params.get("track-changes-reasons", "").strip() == "on-form-edit":
        columns.append("change-reason")
    return columns


class AuditEvent(NamedTuple):
    """One line of audit.csv; times in milliseconds since 1970 (UTC)."""

    event: str
    node: str = ""
    start: int = 0
    end: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    accuracy: float | None = None
    old_value: str | None = None
    new_value: str | None = None
    user: str | None = None
    change_reason: str | None = None


def _clip(value: str | None) -> str | None:
    return value if value is None or len(value) <= MAX_VALUE else value[:MAX_VALUE]


def append(db: Database, uuid: str, items: Iterable[AuditEvent]) -> None:
    """Add events of interview ``uuid`` (inside the caller's transaction)."""
    rows = [
        [uuid, e.event, e.node, e.start, e.end, e.latitude, e.longitude, e.accuracy,
         _clip(e.old_value), _clip(e.new_value), e.user, e.change_reason]
        for e in items
    ]  # fmt: skip
    if rows:
        names = ", ".join(f'"{c}"' for c in _ROW_COLUMNS)
        db.conn.executemany(
            f"INSERT INTO question_audit ({names}) VALUES ({', '.join('?' * len(_ROW_COLUMNS))})",
            rows,
        )


@storage_errors
def events(ws: Workspace, uuid: str) -> list[AuditEvent]:
    return events_in(ws.db, uuid)


def events_in(db: Database, uuid: str) -> list[AuditEvent]:
    """The events of one interview, in the order they were written."""
    names = ", ".join(f'"{c}"' for c in _ROW_COLUMNS[1:])
    rows = db.execute(
        f"SELECT {names} FROM question_audit WHERE interview_uuid = ? ORDER BY seq", [uuid]
    ).fetchall()
    return [AuditEvent(*row) for row in rows]


def has_events(db: Database, uuids: Iterable[str]) -> set[str]:
    """Which of these interviews have audit events here."""
    wanted = sorted(set(uuids))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        rows = db.execute(
            "SELECT DISTINCT interview_uuid FROM question_audit "
            f"WHERE interview_uuid IN ({', '.join('?' * len(part))})",
            part,
        ).fetchall()
        found.update(str(r[0]) for r in rows)
    return found


def erase(db: Database, uuids: Iterable[str]) -> None:
    """Remove the events of these interviews (the purge of acknowledged ones)."""
    db.conn.executemany("DELETE FROM question_audit WHERE interview_uuid = ?", [[u] for u in uuids])


# --- audit.csv --------------------------------------------------------------------------
def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(items: Iterable[AuditEvent], columns: list[str]) -> bytes:
    """audit.csv as the XForms spec describes it: UTF-8, commas, ``\\n`` line ends, a
    header, values with a comma, quote or line break in double quotes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    index = {c: i for i, c in enumerate(ALL_COLUMNS)}
    for event in items:
        row = list(event)
        writer.writerow([_cell(row[index[c]]) for c in columns])
    return out.getvalue().encode("utf-8")


def parse_csv(data: bytes) -> list[dict[str, str]] | None:
    """The rows of an audit.csv (None when it is not one: not UTF-8, a header that does
    not start with event,node,start,end or names an unknown column, a row of another
    width, a time that is not a whole number)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return None
    if tuple(header[:4]) != BASE_COLUMNS or len(set(header)) != len(header):
        return None
    if any(c not in ALL_COLUMNS for c in header):
        return None
    rows: list[dict[str, str]] = []
    try:
        for cells in reader:
            if len(cells) != len(header):
                return None
            row = dict(zip(header, cells, strict=True))
            if not _whole(row["start"]) or (row["end"] and not _whole(row["end"])):
                return None
            rows.append(row)
    except csv.Error:
        return None
    return rows


def _whole(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 16


@dataclass(frozen=True)
class Summary:
    """How long an interview took, from its audit.csv."""

    #: questions visited (distinct nodes of question events)
    questions: int
    #: time spent on questions, summed over their events (milliseconds)
    question_ms: int
    #: from the first event to the last one (milliseconds)
    span_ms: int

    @property
    def seconds_per_question(self) -> float:
        return self.question_ms / 1000 / self.questions if self.questions else 0.0


def summarise(data: bytes) -> Summary | None:
    """The durations of one audit.csv (None when it is not one)."""
    rows = parse_csv(data)
    if rows is None:
        return None
    nodes: set[str] = set()
    spent = 0
    first: int | None = None
    last = 0
    for row in rows:
        start = int(row["start"])
        end = int(row["end"]) if row["end"] else start
        first = start if first is None else min(first, start)
        last = max(last, end, start)
        if row["event"] in QUESTION_EVENTS and end >= start:
            nodes.add(row["node"])
            spent += end - start
    return Summary(len(nodes), spent, 0 if first is None else last - first)


# --- the coordinator: interviews answered implausibly fast ---------------------------------
#: Below this many seconds per question visited, an interview is listed as too fast.
SECONDS_PER_QUESTION = 5.0
#: Below this share of its form's median time on questions, an interview is listed too.
SHARE_OF_MEDIAN = 0.4


@dataclass(frozen=True)
class Duration:
    """One interview's times, from its audit.csv, and why it looks too fast (``fast``:
    ``per_question`` and/or ``below_median``; empty when it does not)."""

    uuid: str
    form_id: str
    household_id: str
    ward: str
    enumerator: str
    device: str
    summary: Summary
    median_ms: int
    fast: tuple[str, ...] = ()


@storage_errors
def durations(
    ws: Workspace,
    *,
    seconds_per_question: float = SECONDS_PER_QUESTION,
    share_of_median: float = SHARE_OF_MEDIAN,
) -> list[Duration]:
    """Every interview with an audit.csv here, fastest first (time per question), each
    marked when it took under ``seconds_per_question`` a question or under
    ``share_of_median`` of its form's median time on questions. Reads one audit.csv at
    a time."""
    from fieldsurvey.store.bundle_log import device_label

    found: list[tuple[tuple[str, str, str, str, str, str], Summary]] = []
    db = ws.db
    rows = db.execute(
        "SELECT i.uuid, i.form_id, i.household_id, i.ward, i.enumerator, i.device_id "
        "FROM interviews i JOIN media m ON m.interview_uuid = i.uuid AND m.name = 'audit.csv' "
        "ORDER BY i.form_id, i.uuid"
    ).fetchall()
    labels: dict[str, str] = {}
    for row in rows:
        uuid, form_id, household, ward, enumerator, device_id = (str(v) for v in row)
        data = db.execute(
            "SELECT data FROM media WHERE interview_uuid = ? AND name = 'audit.csv'", [uuid]
        ).fetchone()
        summary = summarise(bytes(data[0])) if data is not None else None
        if summary is None or not summary.questions:
            continue
        if device_id not in labels:
            labels[device_id] = device_label(db, device_id) if device_id else ""
        found.append(((uuid, form_id, household, ward, enumerator, labels[device_id]), summary))
    medians: dict[str, int] = {}
    for form in {meta[1] for meta, _s in found}:
        medians[form] = int(statistics.median(s.question_ms for m, s in found if m[1] == form))
    result = []
    for meta, summary in found:
        median = medians[meta[1]]
        fast = []
        if summary.seconds_per_question < seconds_per_question:
            fast.append("per_question")
        if median and summary.question_ms < share_of_median * median:
            fast.append("below_median")
        uuid, form_id, household, ward, enumerator, device = meta
        result.append(
            Duration(
                uuid, form_id, household, ward, enumerator, device, summary, median, tuple(fast)
            )
        )
    result.sort(key=lambda d: (not d.fast, d.summary.seconds_per_question, d.uuid))
    return result
