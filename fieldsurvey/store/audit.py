"""The append-only, hash-chained audit log, whose answer values can be erased.

Each entry records who did what to which interview field, with the old and new value as
JSON. The values are sealed apart from the chain: ``values_digest = sha256(salt ||
canonical JSON of [old, new])`` with a random 128-bit ``values_salt``, and
``hash = sha256(canonical JSON of the entry's other columns, the digest and prev_hash)``;
the first entry's ``prev_hash`` is 64 zeros. So the chain proves who did what, when and
in which order, and while the values are there it proves them too; erasing an entry's
values and salt (:func:`erase_values`, when a laptop purges what the coordinator
acknowledged) leaves the chain intact and the digest reveals nothing (the salt is gone).

Triggers refuse DELETE, and any UPDATE other than that erasure, which they allow only for
entries of acknowledged interviews (what the purge may erase). Values contain answers:
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

The anchor (issue 12): each bundle's signed header carries the laptop's chain head
(:class:`Head`: seq and hash of the last entry at export) and the payload carries the
chain from the head of the previous export (:func:`chain_segment`; entries of interviews
not in the bundle without their values). The laptop keeps the head it last exported
(:data:`EXPORTED_HEAD_SETTING`); the coordinator keeps each device's last signed head
(:mod:`fieldsurvey.store.bundle_log`) and checks a received segment against it
(:func:`check_segment`).
    head(db) -> Head;  without_values(row) -> dict
    chain_segment(ws, after, upto) -> list[dict]
    check_segment(previous, new, received, *, linked) -> list[ChainProblem]
    verify_exported_head(ws) -> list[ChainProblem]      (laptop: a cut or rewritten tail)
    verify_interviews(ws) -> list[InterviewFinding]     (rows against the log)
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
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace

GENESIS = "0" * 64
#: The laptop's setting: the head (``{"seq", "hash"}``) carried by its last bundle.
EXPORTED_HEAD_SETTING = "audit_exported_head"
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


class Head(NamedTuple):
    """The head of a chain: its last entry's seq and hash ((0, GENESIS) when empty)."""

    seq: int
    hash: str


EMPTY_HEAD = Head(0, GENESIS)


class ChainProblem(BaseModel):
    """A broken link in the chain; names the entry, never its values. ``code`` (and
    ``params``) name the problem in the catalogue; ``problem`` is its English text."""

    seq: int
    code: str
    params: dict[str, int | str] = Field(default_factory=dict)

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


# --- the anchor -------------------------------------------------------------------------
def head(db: Database) -> Head:
    """The chain's head now (the caller reads inside its transaction if it matters)."""
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return EMPTY_HEAD if last is None else Head(int(last[0]), str(last[1]))


def without_values(row: dict[str, Any]) -> dict[str, Any]:
    """The entry as it travels for an interview not in the bundle: chained columns only
    (it still verifies: ``values_digest`` stays, values and salt are gone)."""
    return {**row, "old_value": None, "new_value": None, "values_salt": None}


@storage_errors
def chain_segment(ws: Workspace, after: int, upto: int) -> list[dict[str, Any]]:
    """Entries ``after`` < seq <= ``upto``, in order, without their values."""
    rows = _rows(ws, "WHERE seq > ? AND seq <= ?", [after, upto])
    return [without_values(row) for row in rows]


def check_segment(
    previous: Head, new: Head, received: list[dict[str, Any]], *, linked: bool
) -> list[ChainProblem]:
    """How the received entries fail to carry a device's chain from its previous signed
    head to the new one (empty when they do). ``linked``: the bundle follows the one
    that brought ``previous`` (no sequence gap), so the first new entry must link to it.
    Only seq, hash and prev_hash are read: each entry's own content is checked apart."""
    problems: list[ChainProblem] = []
    by_seq: dict[int, dict[str, Any]] = {}
    for entry in received:
        seq = int(entry["seq"])
        if seq in by_seq and by_seq[seq]["hash"] != entry["hash"]:
            problems.append(ChainProblem(seq=seq, code="store.audit.two_versions"))
        by_seq.setdefault(seq, entry)
    if new.seq < previous.seq:
        problems.append(
            ChainProblem(
                seq=new.seq, code="store.audit.head_went_back", params={"previous": previous.seq}
            )
        )
        return problems
    if new.seq == previous.seq and new.hash != previous.hash:
        problems.append(ChainProblem(seq=new.seq, code="store.audit.head_rewritten"))
        return problems
    known = by_seq.get(previous.seq)
    if previous.seq and known is not None and known["hash"] != previous.hash:
        problems.append(ChainProblem(seq=previous.seq, code="store.audit.head_rewritten"))
    beyond = [s for s in by_seq if s > new.seq]
    if beyond:
        problems.append(ChainProblem(seq=min(beyond), code="store.audit.beyond_head"))
    wanted = sorted(s for s in by_seq if previous.seq < s <= new.seq)
    expected = previous.seq + 1
    prev_hash: str | None = previous.hash
    if not linked and wanted:  # the bundles between are missing: start where this one does
        expected, prev_hash = wanted[0], None
    last_hash = previous.hash
    for seq in wanted:
        entry = by_seq[seq]
        if seq != expected:
            problems.append(
                ChainProblem(
                    seq=seq,
                    code="store.audit.missing_entries",
                    params={"first": expected, "last": seq - 1},
                )
            )
            prev_hash = None
        if prev_hash is not None and entry["prev_hash"] != prev_hash:
            problems.append(ChainProblem(seq=seq, code="store.audit.broken_link"))
        prev_hash = last_hash = entry["hash"]
        expected = seq + 1
    if new.seq > previous.seq:
        if expected <= new.seq:
            problems.append(
                ChainProblem(
                    seq=new.seq,
                    code="store.audit.missing_entries",
                    params={"first": expected, "last": new.seq},
                )
            )
        elif last_hash != new.hash:
            problems.append(ChainProblem(seq=new.seq, code="store.audit.head_rewritten"))
    return problems


def check_received(signed: Head, received: list[dict[str, Any]]) -> list[ChainProblem]:
    """On the coordinator: a device's received entries (all bundles, by seq) must end at
    its last signed head, with that hash, and link wherever consecutive entries are held."""
    problems: list[ChainProblem] = []
    previous: dict[str, Any] | None = None
    for entry in received:
        seq = int(entry["seq"])
        if previous is not None and seq == int(previous["seq"]) + 1:
            if entry["prev_hash"] != previous["hash"]:
                problems.append(ChainProblem(seq=seq, code="store.audit.broken_link"))
        if seq == signed.seq and entry["hash"] != signed.hash:
            problems.append(ChainProblem(seq=seq, code="store.audit.head_rewritten"))
        previous = entry
    tail = 0 if previous is None else int(previous["seq"])
    if tail != signed.seq:
        problems.append(
            ChainProblem(seq=signed.seq, code="store.audit.received_tail_at", params={"tail": tail})
        )
    return problems


@storage_errors
def verify_exported_head(ws: Workspace) -> list[ChainProblem]:
    """On a laptop: the head its last bundle carried must still be in the chain, unchanged
    (a cut tail or a recomputed history shows here). Empty when nothing was exported."""
    value = ws.get_setting(EXPORTED_HEAD_SETTING)
    if not isinstance(value, dict):
        return []
    seq, hash_ = int(value["seq"]), str(value["hash"])
    if seq == 0:
        return []
    row = ws.db.execute("SELECT hash FROM audit_log WHERE seq = ?", [seq]).fetchone()
    if row is None:
        return [ChainProblem(seq=seq, code="store.audit.exported_head_missing")]
    if str(row[0]) != hash_:
        return [ChainProblem(seq=seq, code="store.audit.exported_head_rewritten")]
    return []


class InterviewFinding(BaseModel):
    """An interview row the audit log does not account for (names the uuid only)."""

    uuid: str
    code: str
    params: dict[str, str] = Field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        return messages.render(self.code, lang, uuid=self.uuid, **self.params)

    def __str__(self) -> str:
        return self.text("en")


#: Status an action leaves an interview in, when the entry itself does not say.
#: "merge" and "resolve" (coordinator) leave a received record in MERGED_STATUS.
_STATUS_AFTER = {"create": "draft", "merge": "exported", "resolve": "exported"}


@storage_errors
def verify_interviews(ws: Workspace) -> list[InterviewFinding]:
    """Each interview row against the log: it was created (a ``create`` entry, or listed
    by a ``merge-new`` entry on the coordinator), and its status is the one the log
    leads to (status entries, ``export`` and ``merge-new`` summaries). Erased values and
    actions that do not say a status leave it unknown: nothing is claimed then."""
    rows = ws.db.execute("SELECT uuid, status FROM interviews").fetchall()
    status = {str(u): str(s) for u, s in rows}
    created: set[str] = set()
    expected: dict[str, str | None] = {}
    for row in _rows(ws):
        uuid, action = row["interview_uuid"], row["action"]
        new = None if row["new_value"] is None else json.loads(row["new_value"])
        if uuid is None:
            if action == "export" and isinstance(new, dict):
                for u in new.get("completed_to_exported") or []:
                    expected[str(u)] = "exported"
            elif action == "merge-new" and isinstance(new, dict):
                for u in new.get("new") or []:
                    created.add(str(u))
                    expected[str(u)] = "exported"
            continue
        if action == "create":
            created.add(uuid)
        if row["field"] == "status":
            expected[uuid] = new if isinstance(new, str) else None
        elif action in _STATUS_AFTER:
            expected[uuid] = _STATUS_AFTER[action]
    findings: list[InterviewFinding] = []
    for uuid in sorted(status):
        if uuid not in created:
            findings.append(InterviewFinding(uuid=uuid, code="store.audit.interview_not_created"))
            continue
        want = expected.get(uuid)
        if want is not None and want != status[uuid]:
            findings.append(
                InterviewFinding(
                    uuid=uuid,
                    code="store.audit.interview_status",
                    params={"status": status[uuid], "logged": want},
                )
            )
    return findings
