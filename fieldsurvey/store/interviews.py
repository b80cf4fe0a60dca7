"""Interviews and their lifecycle: draft -> completed -> exported -> acknowledged, and
returned (sent back by the coordinator; editable again).

Every function takes the open :class:`~fieldsurvey.store.workspace.Workspace`. Each mutation is
one small transaction (row update + audit entry) and returns :class:`Changes`.
``revision`` counts changes made on the owning device (answers and completion);
sync bookkeeping (export, acknowledge, return) updates ``updated`` and the status but not
the revision. ``base_revision`` is left to the sync code.

API:
    InterviewStatus, TRANSITIONS, EDITABLE, DELETABLE, check_transition
        (defined in :mod:`fieldsurvey.store.lifecycle`, the one lifecycle table)
    InterviewMeta (all columns but answers), Interview (+ answers)
    new_interview(ws, *, form_id, form_version, ward, household_id, enumerator,
                  respondent="", answers=None, revisit_of=()) -> Interview   (form must be
                  installed; on a laptop the uuid derives from the device id:
                  store/interview_binding; ``revisit_of``: the interviews of the same
                  household the enumerator confirmed this one revisits, in the audit log)
    set_answer(ws, uuid, path, value, *, who, validate=None) -> Changes   (None removes;
                  the interview's form version must be installed)
    complete(ws, uuid, *, who, validate=None) -> Changes
    mark_exported(ws, uuid, *, who) / acknowledge(ws, uuid, *, who) -> Changes
    return_for_correction(ws, uuid, comment, who) -> Changes
    reopen(ws, uuid, *, reason, who) -> Changes   (completed, not yet exported -> draft;
                  the reason is required and goes to the audit log)
    delete_interview(ws, uuid, *, who) -> Changes          (drafts only)
    get_interview(ws, uuid) -> Interview;  resolve_uuid(ws, prefix) -> str
    list_interviews(ws, *, status=None, ward=None) -> list[InterviewRow]
    list_rows(ws) -> list[ListRow]      (what the interviews list shows: 11 columns)
    same_household(ws, *, form_id, ward, household_id) -> list[InterviewRow]
                  (this workspace's interviews of that form, ward (a name or all its
                  names) and household id)

Validation seam: ``validate`` callables are supplied by the questionnaire engine; they
raise AnswerError (or LifecycleError) and the transaction is rolled back.

Installed forms: a new interview needs its form version installed in the workspace
(:mod:`fieldsurvey.store.forms`), and answers are only recorded while it is, so nothing
is ever stored that no installed form can check (FormNotFoundError otherwise). Merging
interviews received in bundles does not go through here.

Refusals carry one catalogue code per situation (``store.edit_refused.completed``,
``store.cannot_export.draft``, ...), so each language names the status in its own words.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel

from fieldsurvey.answers import format_path, parse_path, set_value
from fieldsurvey.changes import Changes
from fieldsurvey.errors import (
    AnswerError,
    FormNotFoundError,
    InterviewNotFoundError,
    LifecycleError,
)
from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.logging_setup import log_event
from fieldsurvey.store import analysis_tables, entity_local, media, question_audit
from fieldsurvey.store.actor import acting_person
from fieldsurvey.store.audit import append_entry
from fieldsurvey.store.database import storage_errors
from fieldsurvey.store.forms import is_installed
from fieldsurvey.store.interview_binding import new_identity

# The lifecycle lives in store/lifecycle.py; its names stay reachable from here.
from fieldsurvey.store.lifecycle import DELETABLE as DELETABLE
from fieldsurvey.store.lifecycle import EDITABLE as EDITABLE
from fieldsurvey.store.lifecycle import REFUSED_DELETES as REFUSED_DELETES
from fieldsurvey.store.lifecycle import REFUSED_EDITS as REFUSED_EDITS
from fieldsurvey.store.lifecycle import REFUSED_TRANSITIONS as REFUSED_TRANSITIONS
from fieldsurvey.store.lifecycle import TRANSITIONS as TRANSITIONS
from fieldsurvey.store.lifecycle import InterviewStatus as InterviewStatus
from fieldsurvey.store.lifecycle import check_transition as check_transition
from fieldsurvey.store.person_keys import KEEP_SQL, KEY_COLUMNS, key_columns_of_text

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace


_log = logging.getLogger("fieldsurvey.store.interviews")


class InterviewMeta(BaseModel):
    uuid: str
    form_id: str
    form_version: str
    ward: str
    household_id: str
    respondent: str = ""
    enumerator: str = ""
    device_id: str = ""
    status: InterviewStatus
    created: str
    updated: str
    revision: int
    base_revision: int
    comment: str = ""
    #: Required/constraint problems found at the last save on this workspace (None:
    #: not checked here).
    problems: int | None = None


class InterviewRow(NamedTuple):
    """One line of the interviews list: the fields of :class:`InterviewMeta`, built
    without validation from our own schema (100,000 pydantic models took ~2 s to build,
    these a few tens of ms)."""

    uuid: str
    form_id: str
    form_version: str
    ward: str
    household_id: str
    respondent: str
    enumerator: str
    device_id: str
    #: An :class:`InterviewStatus` value as stored ("draft", ...); StrEnum members
    #: compare and hash equal to it.
    status: str
    created: str
    updated: str
    revision: int
    base_revision: int
    comment: str
    problems: int | None

    def model_dump(self, mode: str = "json") -> dict[str, Any]:
        """Same shape as ``InterviewMeta.model_dump(mode="json")``."""
        data = self._asdict()
        data["status"] = str(data["status"])
        return data


class ListRow(NamedTuple):
    """What the desktop's interviews list shows and searches, read straight from the
    covering listing index (a third of the work of :class:`InterviewRow`)."""

    uuid: str
    ward: str
    household_id: str
    respondent: str
    enumerator: str
    status: str
    updated: str
    problems: int | None
    comment: str
    form_id: str = ""
    form_version: str = ""


class Interview(InterviewMeta):
    answers: dict[str, Any] = {}


AnswerValidator = Callable[[InterviewMeta, str, Any, dict[str, Any]], None]
"""(meta, path, new value or None, answers after the change) -> None or raise AnswerError."""
CompletionValidator = Callable[[Interview], None]
"""(interview about to be completed) -> None or raise AnswerError."""

META_COLUMNS = tuple(InterviewMeta.model_fields)
_META_SQL = ", ".join(META_COLUMNS)
assert InterviewRow._fields == META_COLUMNS, "InterviewRow must mirror InterviewMeta"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _fetch(ws: Workspace, uuid: str) -> Interview:
    cursor = ws.db.execute(f"SELECT {_META_SQL}, answers FROM interviews WHERE uuid = ?", [uuid])
    row = cursor.fetchone()
    if row is None:
        raise InterviewNotFoundError("store.interview_not_found", uuid=uuid)
    data = dict(zip((*META_COLUMNS, "answers"), row, strict=True))
    data["answers"] = json.loads(data["answers"])
    return Interview.model_validate(data)


@storage_errors
def get_interview(ws: Workspace, uuid: str) -> Interview:
    """The interview with its answers; InterviewNotFoundError if absent."""
    return _fetch(ws, uuid)


@storage_errors
def resolve_uuid(ws: Workspace, prefix: str) -> str:
    """The full uuid for an exact uuid or a unique prefix of at least 4 characters."""
    if ws.db.execute("SELECT 1 FROM interviews WHERE uuid = ?", [prefix]).fetchone():
        return prefix
    if len(prefix) >= 4:
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = ws.db.execute(
            "SELECT uuid FROM interviews WHERE uuid LIKE ? ESCAPE '\\' LIMIT 2", [like]
        ).fetchall()
        if len(rows) == 1:
            return str(rows[0][0])
        if len(rows) > 1:
            raise InterviewNotFoundError("store.interview_prefix_ambiguous", prefix=prefix)
    raise InterviewNotFoundError("store.interview_not_found", uuid=prefix)


@storage_errors
def list_interviews(
    ws: Workspace, *, status: InterviewStatus | str | None = None, ward: str | None = None
) -> list[InterviewRow]:
    """Metadata of interviews (newest change first), optionally by status and/or ward."""
    where, params = [], []
    if status is not None:
        if status not in set(InterviewStatus):
            known = [s.value for s in InterviewStatus]
            raise LifecycleError("store.unknown_status", status=str(status), known=known)
        where.append("status = ?")
        params.append(str(status))
    if ward is not None:
        where.append("ward = ?")
        params.append(ward)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    cursor = ws.db.execute(
        # INDEXED BY: other indexes on interviews (e.g. ward, household_id) would tempt the
        # planner into row lookups in the answer-laden table; the listing index covers all.
        f"SELECT {_META_SQL} FROM interviews INDEXED BY idx_interviews_listing {clause} "
        "ORDER BY updated DESC",
        params,
    )
    with gc_paused():
        return list(map(InterviewRow._make, cursor))


@storage_errors
def list_rows(ws: Workspace) -> list[ListRow]:
    """The rows of the interviews list, newest change first."""
    cursor = ws.db.execute(
        f"SELECT {', '.join(ListRow._fields)} FROM interviews "
        "INDEXED BY idx_interviews_listing ORDER BY updated DESC"
    )
    with gc_paused():
        return list(map(ListRow._make, cursor))


@storage_errors
def same_household(
    ws: Workspace, *, form_id: str, ward: str | Sequence[str], household_id: str
) -> list[InterviewRow]:
    """This workspace's interviews of form ``form_id`` (any version) in ``ward`` (a name,
    or every name the ward goes by: its label in each language of the form) with this
    household id (compared without surrounding spaces and ignoring ASCII case), newest
    change first: what the new-interview dialog offers to open instead."""
    wards = sorted({w.strip() for w in ([ward] if isinstance(ward, str) else ward) if w.strip()})
    if not wards:
        return []
    cursor = ws.db.execute(
        f"SELECT {_META_SQL} FROM interviews INDEXED BY idx_interviews_household "
        f"WHERE ward IN ({', '.join('?' * len(wards))}) "
        "AND upper(trim(household_id)) = upper(?) AND form_id = ? ORDER BY updated DESC",
        [*wards, household_id.strip(), form_id],
    )
    return list(map(InterviewRow._make, cursor))


@storage_errors
def new_interview(
    ws: Workspace,
    *,
    form_id: str,
    form_version: str,
    ward: str,
    household_id: str,
    enumerator: str,
    respondent: str = "",
    answers: dict[str, Any] | None = None,
    revisit_of: Sequence[str] = (),
) -> Interview:
    """A new draft interview (revision 1) with an audit entry ``create``; its form
    version must be installed (FormNotFoundError). ``revisit_of``: the interviews of
    the same household the enumerator knowingly revisits (kept in the ``create`` entry)."""
    if not str(form_id).strip():
        raise AnswerError("store.new_interview_needs_form")
    if not str(ward).strip():
        raise AnswerError("store.new_interview_needs_ward")
    if not str(household_id).strip():
        raise AnswerError("store.new_interview_needs_household")
    now = _now()
    device_id = str(ws.get_setting("device_id", ""))
    uuid, nonce = new_identity(device_id)  # bound to this laptop (store/interview_binding)
    interview = Interview(
        uuid=uuid,
        form_id=form_id,
        form_version=form_version,
        ward=ward,
        household_id=household_id,
        respondent=respondent,
        enumerator=enumerator,
        device_id=device_id,
        status=InterviewStatus.DRAFT,
        created=now,
        updated=now,
        revision=1,
        base_revision=0,
        answers=dict(answers or {}),
    )
    row = interview.model_dump(mode="json")
    row["answers"] = json.dumps(row["answers"], ensure_ascii=False)
    row["nonce"] = nonce
    # the respondent as the duplicate check compares it (issue 15)
    row.update(zip(KEY_COLUMNS, key_columns_of_text(respondent, row["answers"]), strict=True))
    with ws.transaction() as db:
        if not is_installed(ws, form_id, form_version):
            raise FormNotFoundError(
                "store.new_interview_form_missing", form_id=form_id, version=form_version
            )
        db.execute(
            f"INSERT INTO interviews ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        created: dict[str, Any] = {
            k: row[k] for k in ("form_id", "form_version", "ward", "household_id")
        }
        if revisit_of:
            created["revisit_of"] = list(revisit_of)
        append_entry(
            ws,
            interview_uuid=interview.uuid,
            who=enumerator or acting_person(ws),
            action="create",
            new={**created, "answers": interview.answers} if interview.answers else created,
        )
    return interview


@storage_errors
def set_answer(
    ws: Workspace,
    uuid: str,
    path: str,
    value: Any,
    *,
    who: str,
    validate: AnswerValidator | None = None,
) -> Changes:
    """Autosave one answer (``None`` removes it): answers, revision, updated and audit
    entry in one transaction. Only drafts and returned interviews are editable."""
    field = format_path(parse_path(path))
    with ws.transaction() as db:
        interview = _fetch(ws, uuid)
        if interview.status not in EDITABLE:
            code = REFUSED_EDITS[interview.status]
            raise LifecycleError(code, uuid=uuid)
        if not is_installed(ws, interview.form_id, interview.form_version):
            raise FormNotFoundError(
                "store.interview_form_missing",
                uuid=uuid,
                form_id=interview.form_id,
                version=interview.form_version,
            )
        answers = interview.answers
        old = set_value(answers, field, value)
        if old == value:
            return Changes()
        if validate is not None:
            validate(interview, field, value, answers)
        text = json.dumps(answers, ensure_ascii=False)
        db.execute(
            f"UPDATE interviews SET answers = ?, revision = revision + 1, updated = ?, {KEEP_SQL} "
            "WHERE uuid = ?",
            [text, _now(), *key_columns_of_text(interview.respondent, text), uuid],
        )
        append_entry(
            ws, interview_uuid=uuid, who=who, action="set", field=field, old=old, new=value
        )
    return Changes(interviews=[uuid], fields=[field])


def _transition(
    ws: Workspace,
    uuid: str,
    action: str,
    *,
    who: str,
    comment: str | None = None,
    bump: bool = False,
    validate: CompletionValidator | None = None,
) -> Changes:
    with ws.transaction() as db:
        interview = _fetch(ws, uuid)
        target = check_transition(uuid, interview.status, action)
        if validate is not None:
            validate(interview)
        if action == "complete":  # its entity actions, applied at once (issue 16)
            entity_local.on_complete(ws, interview, who=who)
        sets = ["status = ?", "updated = ?"]
        params: list[Any] = [str(target), _now()]
        if comment is not None:
            sets.append("comment = ?")
            params.append(comment)
        if bump:
            sets.append("revision = revision + 1")
        db.execute(f"UPDATE interviews SET {', '.join(sets)} WHERE uuid = ?", [*params, uuid])
        append_entry(
            ws,
            interview_uuid=uuid,
            who=who,
            action=action,
            field="status",
            old=str(interview.status),
            new=str(target),
        )
        analysis_tables.refresh(db)  # the answers as columns (issue 15)
    log_event(_log, f"interview.{action}", uuid=uuid)
    return Changes(interviews=[uuid])


@storage_errors
def set_checks(ws: Workspace, uuid: str, problems: int) -> None:
    """Record how many problems the questionnaire engine finds in the saved answers.

    Derived metadata for the interviews list: no revision, no audit entry."""
    ws.db.execute("UPDATE interviews SET problems = ? WHERE uuid = ?", [problems, uuid])


@storage_errors
def complete(
    ws: Workspace, uuid: str, *, who: str, validate: CompletionValidator | None = None
) -> Changes:
    """draft/returned -> completed (no more edits until returned)."""
    return _transition(ws, uuid, "complete", who=who, bump=True, validate=validate)


@storage_errors
def mark_exported(ws: Workspace, uuid: str, *, who: str) -> Changes:
    """completed -> exported (put in a bundle); exporting again is allowed."""
    return _transition(ws, uuid, "export", who=who)


@storage_errors
def acknowledge(ws: Workspace, uuid: str, *, who: str) -> Changes:
    """completed/exported -> acknowledged by the coordinator."""
    return _transition(ws, uuid, "acknowledge", who=who)


@storage_errors
def return_for_correction(ws: Workspace, uuid: str, comment: str, who: str) -> Changes:
    """Sent back by the coordinator with ``comment``; editable again."""
    return _transition(ws, uuid, "return", who=who, comment=comment)


@storage_errors
def reopen(ws: Workspace, uuid: str, *, reason: str, who: str) -> Changes:
    """completed -> draft, so the enumerator can correct it before it is sent; complete
    it again afterwards. Refused once exported (only the coordinator can return it then).
    ``reason`` (required) is recorded in the audit log with who reopened it."""
    why = reason.strip()
    if not why:
        raise LifecycleError("store.reopen_needs_reason", uuid=uuid)
    with ws.transaction():
        changes = _transition(ws, uuid, "reopen", who=who)
        append_entry(ws, interview_uuid=uuid, who=who, action="reopen", field="reason", new=why)
    return changes


@storage_errors
def delete_interview(ws: Workspace, uuid: str, *, who: str) -> Changes:
    """Delete a draft; the audit log keeps a ``delete`` entry with its content."""
    with ws.transaction() as db:
        interview = _fetch(ws, uuid)
        if interview.status not in DELETABLE:
            code = REFUSED_DELETES[interview.status]
            raise LifecycleError(code, uuid=uuid)
        db.execute("DELETE FROM interviews WHERE uuid = ?", [uuid])
        media.erase(db, [uuid])  # its photos and files, and its per-question timings
        question_audit.erase(db, [uuid])
        append_entry(
            ws,
            interview_uuid=uuid,
            who=who,
            action="delete",
            old=interview.model_dump(mode="json"),
        )
    return Changes(interviews=[uuid], deleted=[uuid])
