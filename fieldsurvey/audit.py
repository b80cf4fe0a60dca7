"""The append-only, hash-chained audit log.

Each entry records who did what to which interview field, with the old and new value as
JSON, and ``hash = sha256(canonical JSON of the entry, including prev_hash)``; the first
entry's ``prev_hash`` is 64 zeros. Triggers refuse UPDATE and DELETE on ``audit_log``.
Values contain answers: they live only inside the encrypted database and never appear in
logs or error messages (a :class:`ChainProblem` names only the entry's seq).

API:
    append_entry(ws, *, interview_uuid, who, action, field=None, old=None, new=None)
        -> AuditEntry      (call inside ``ws.transaction()``; opens one if none is open)
    entries(ws, interview_uuid=None) -> list[AuditEntry]
    verify_chain(ws) -> list[ChainProblem]    (empty when the chain is intact)
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from fieldsurvey.store import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.workspace import Workspace

GENESIS = "0" * 64
_COLUMNS = "seq, interview_uuid, who, at, action, field, old_value, new_value, prev_hash, hash"


class AuditEntry(BaseModel):
    seq: int
    interview_uuid: str | None
    who: str
    at: str
    action: str
    field: str | None
    old_value: Any = None
    new_value: Any = None
    prev_hash: str
    hash: str


class ChainProblem(BaseModel):
    """A broken link in the chain; names the entry, never its values."""

    seq: int
    problem: str

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.problem}"


def _value_text(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(row: dict[str, Any]) -> str:
    """sha256 over the canonical JSON of a stored row (all columns but ``hash``)."""
    body = {k: row[k] for k in _COLUMNS.split(", ") if k != "hash"}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _to_entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        **{
            **row,
            "old_value": None if row["old_value"] is None else json.loads(row["old_value"]),
            "new_value": None if row["new_value"] is None else json.loads(row["new_value"]),
        }
    )


def append_entry(
    ws: Workspace,
    *,
    interview_uuid: str | None,
    who: str,
    action: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> AuditEntry:
    """Append one entry to the chain (atomically with the caller's transaction)."""
    with ws.transaction() as db:
        last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        row: dict[str, Any] = {
            "seq": 1 if last is None else last[0] + 1,
            "interview_uuid": interview_uuid,
            "who": who,
            "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "action": action,
            "field": field,
            "old_value": _value_text(old),
            "new_value": _value_text(new),
            "prev_hash": GENESIS if last is None else last[1],
        }
        row["hash"] = entry_hash(row)
        db.execute(
            f"INSERT INTO audit_log ({_COLUMNS}) VALUES ({', '.join('?' * 10)})",
            [row[k] for k in _COLUMNS.split(", ")],
        )
    return _to_entry(row)


def _rows(ws: Workspace, where: str = "", params: list[Any] | None = None) -> Any:
    cursor = ws.db.execute(f"SELECT {_COLUMNS} FROM audit_log {where} ORDER BY seq", params or [])
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


@storage_errors
def entries(ws: Workspace, interview_uuid: str | None = None) -> list[AuditEntry]:
    """Audit entries in order, all or for one interview."""
    if interview_uuid is None:
        return [_to_entry(r) for r in _rows(ws)]
    return [_to_entry(r) for r in _rows(ws, "WHERE interview_uuid = ?", [interview_uuid])]


@storage_errors
def verify_chain(ws: Workspace) -> list[ChainProblem]:
    """Every entry whose hash, link to the previous entry or position is wrong."""
    problems: list[ChainProblem] = []
    prev_seq = 0
    prev_hash = GENESIS
    for row in _rows(ws):
        seq = row["seq"]
        if seq != prev_seq + 1:
            problems.append(
                ChainProblem(seq=seq, problem=f"entries {prev_seq + 1}..{seq - 1} are missing")
            )
        if row["prev_hash"] != prev_hash:
            problems.append(ChainProblem(seq=seq, problem="does not link to the entry before it"))
        if entry_hash(row) != row["hash"]:
            problems.append(
                ChainProblem(seq=seq, problem="content does not match its hash (altered)")
            )
        prev_seq, prev_hash = seq, row["hash"]
    return problems
