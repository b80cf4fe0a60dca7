"""The append-only, hash-chained audit log, whose answer values can be erased.

Each entry records who did what to which interview field, with the old and new value as
JSON. The values are sealed apart from the chain: ``values_digest = sha256(salt ||
canonical JSON of [old, new])`` with a random 128-bit ``values_salt``, and
``hash = sha256(canonical JSON of the entry's other columns, the digest and prev_hash)``;
the first entry's ``prev_hash`` is 64 zeros. So the chain proves who did what, when and
in which order, and while the values are there it proves them too; erasing an entry's
values and salt (:func:`erase_values`, when a laptop purges what the coordinator
acknowledged) leaves the chain intact and the digest reveals nothing (the salt is gone).

Triggers refuse DELETE, and any UPDATE other than that erasure. Values contain answers:
they live only inside the encrypted database and never appear in logs or error messages
(a :class:`ChainProblem` names only the entry's seq).

API:
    Entry(interview_uuid, who, action, field=None, old=None, new=None)
    append_entries(db, entries) -> rows   (the one writer; inside the caller's transaction)
    append_entry(ws, *, interview_uuid, who, action, field=None, old=None, new=None)
        -> AuditEntry      (call inside ``ws.transaction()``; opens one if none is open)
    entries(ws, interview_uuid=None) -> list[AuditEntry];  count(ws) -> int
    verify_chain(ws) -> list[ChainProblem]    (empty when the chain is intact)
    entry_problem(row) -> str | None          (one stored or received entry)
    erase_values(db, uuids) -> int            (entries whose values were erased)
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel, Field

from fieldsurvey import messages
from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from sqlite_utils import Database

    from fieldsurvey.store.workspace import Workspace

GENESIS = "0" * 64
COLUMNS = (
    "seq", "interview_uuid", "who", "at", "action", "field", "old_value", "new_value",
    "values_salt", "values_digest", "prev_hash", "hash",
)  # fmt: skip
_COLUMNS = ", ".join(COLUMNS)
#: What ``hash`` covers: everything but the erasable values and salt (and itself).
_HASHED = ("seq", "interview_uuid", "who", "at", "action", "field", "values_digest", "prev_hash")


class AuditEntry(BaseModel):
    seq: int
    interview_uuid: str | None
    who: str
    at: str
    action: str
    field: str | None
    old_value: Any = None
    new_value: Any = None
    values_salt: str | None = None
    values_digest: str | None = None
    prev_hash: str
    hash: str

    @property
    def erased(self) -> bool:
        """The entry had values, erased since (the purge of an acknowledged interview)."""
        return self.values_digest is not None and self.values_salt is None


class ChainProblem(BaseModel):
    """A broken link in the chain; names the entry, never its values. ``code`` (and
    ``params``) name the problem in the catalogue; ``problem`` is its English text."""

    seq: int
    code: str
    params: dict[str, int] = Field(default_factory=dict)

    @property
    def problem(self) -> str:
        return messages.render(self.code, "en", **self.params)

    def text(self, lang: str | None = None) -> str:
        """The finding in ``lang`` (default: the current language)."""
        return messages.render(
            "store.audit.problem", lang, seq=self.seq,
            problem=messages.render(self.code, lang, **self.params),
        )  # fmt: skip

    def __str__(self) -> str:
        return self.text("en")


def value_text(value: Any) -> str | None:
    """A value as the canonical JSON text stored in ``old_value``/``new_value``."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def values_digest(salt: str, old_text: str | None, new_text: str | None) -> str:
    """sha256(salt || canonical JSON of [old, new]) over the stored value texts."""
    body = json.dumps([old_text, new_text], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(bytes.fromhex(salt) + body.encode("utf-8")).hexdigest()


def seal(row: dict[str, Any]) -> None:
    """Fill ``values_salt``, ``values_digest`` and ``hash`` of a new row whose other
    columns (``old_value``/``new_value`` as texts, ``prev_hash``) are set."""
    if row["old_value"] is None and row["new_value"] is None:
        row["values_salt"] = row["values_digest"] = None
    else:
        row["values_salt"] = salt = secrets.token_hex(16)
        row["values_digest"] = values_digest(salt, row["old_value"], row["new_value"])
    row["hash"] = entry_hash(row)


def entry_hash(row: dict[str, Any]) -> str:
    """sha256 over the canonical JSON of a row's chained columns (see the docstring)."""
    body = {k: row[k] for k in _HASHED}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_problem(row: dict[str, Any]) -> str | None:
    """Why a stored (or received) entry is not genuine (a catalogue code), or None.
    Erased values are fine; values present must match the digest the chain holds."""
    if entry_hash(row) != row["hash"]:
        return "store.audit.altered_content"
    salt, old, new = row["values_salt"], row["old_value"], row["new_value"]
    if salt is None and old is None and new is None:
        return None  # no values, or values erased
    digest = row["values_digest"]
    try:
        genuine = (
            digest is not None and salt is not None and (values_digest(salt, old, new) == digest)
        )
    except ValueError:  # a salt that is not hex
        genuine = False
    return None if genuine else "store.audit.altered_values"


def erase_values(db: Database, uuids: list[str]) -> int:
    """Erase the old/new values (and salts) of these interviews' entries; the chain
    stays verifiable. Call inside the caller's transaction."""
    cursor = db.conn.executemany(
        "UPDATE audit_log SET old_value = NULL, new_value = NULL, values_salt = NULL "
        "WHERE interview_uuid = ? AND values_salt IS NOT NULL",
        [[u] for u in uuids],
    )
    return int(cursor.rowcount)


def _to_entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        **{
            **row,
            "old_value": None if row["old_value"] is None else json.loads(row["old_value"]),
            "new_value": None if row["new_value"] is None else json.loads(row["new_value"]),
        }
    )


class Entry(NamedTuple):
    """One entry to append: who did what to which interview field (values are JSON)."""

    interview_uuid: str | None
    who: str
    action: str
    field: str | None = None
    old: Any = None
    new: Any = None


def append_entries(db: Database, entries: list[Entry]) -> list[dict[str, Any]]:
    """The one writer of the chain: append ``entries`` after the current tail, in order.

    The caller holds the write lock (``ws.transaction()``); the tail is read once, so a
    bundle touching thousands of interviews costs one read and one ``executemany``.
    Returns the stored rows.
    """
    if not entries:
        return []
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (0, GENESIS) if last is None else (int(last[0]), str(last[1]))
    at = datetime.now(UTC).isoformat(timespec="milliseconds")
    rows: list[dict[str, Any]] = []
    for entry in entries:
        seq += 1
        row: dict[str, Any] = {
            "seq": seq,
            "interview_uuid": entry.interview_uuid,
            "who": entry.who,
            "at": at,
            "action": entry.action,
            "field": entry.field,
            "old_value": value_text(entry.old),
            "new_value": value_text(entry.new),
            "prev_hash": prev,
        }
        seal(row)
        prev = row["hash"]
        rows.append(row)
    db.conn.executemany(
        f"INSERT INTO audit_log ({_COLUMNS}) VALUES ({', '.join('?' * len(COLUMNS))})",
        [[row[c] for c in COLUMNS] for row in rows],
    )
    return rows


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
        (row,) = append_entries(db, [Entry(interview_uuid, who, action, field, old, new)])
    return _to_entry(row)


def _rows(ws: Workspace, where: str = "", params: list[Any] | None = None) -> Any:
    cursor = ws.db.execute(f"SELECT {_COLUMNS} FROM audit_log {where} ORDER BY seq", params or [])
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


@storage_errors
def count(ws: Workspace) -> int:
    """How many entries the chain holds."""
    return int(ws.db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


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
                ChainProblem(
                    seq=seq,
                    code="store.audit.missing_entries",
                    params={"first": prev_seq + 1, "last": seq - 1},
                )
            )
        if row["prev_hash"] != prev_hash:
            problems.append(ChainProblem(seq=seq, code="store.audit.broken_link"))
        problem = entry_problem(row)
        if problem is not None:
            problems.append(ChainProblem(seq=seq, code=problem))
        prev_seq, prev_hash = seq, row["hash"]
    return problems
