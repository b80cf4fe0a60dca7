"""Entity lists that travel back to the laptops, and assignments for follow-up waves.

Coordinator: :func:`changes_since` gives the entities changed after a change number
(``entity_versions.seq``, the ``entity_changes`` view) that a laptop should hold: those
of its wards and those assigned to it, deleted and merged ones included (so the laptop
drops them). Receipts and device packages carry them (``sync/``).

Laptop: :func:`apply_received` replaces each local row by the coordinator's, except
where the laptop has local updates of that entity the coordinator has not acknowledged
yet (their interviews are drafts, completed or exported): there the local values stay,
the trunk version moves to the received one, and the coordinator's row is kept aside
(``entity_trunk``) until :func:`settle` finds those interviews acknowledged and puts it
in place. Received rows write no history (the coordinator holds it).

Assignments: the coordinator assigns entities to a laptop for a wave
(:func:`add_assignment`, an ``assign`` row in the entity's history, so the entity
travels to that laptop); the laptop holds the assignments a receipt brings
(:func:`replace_assignments`); :func:`visit_status` tells from the history and the
conflicts which were visited since, and the ``visit_result`` the follow-up recorded
(``visited``, ``refused``, ``moved``, ``not_found``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fieldsurvey.errors import EntityError
from fieldsurvey.store.audit import Entry, append_entries
from fieldsurvey.store.database import Database, storage_errors
from fieldsurvey.store.entity_tables import (
    add_rows,
    check_entity_id,
    check_list_name,
    check_values,
    dumps,
    ensure_lists,
    now,
    rowids_of,
    search_body,
    search_delete,
    search_insert,
    write_versions,
)

#: Statuses of interviews whose local entity updates the coordinator has not yet
#: acknowledged (a returned interview was merged: the coordinator's row has it).
PENDING_STATUSES = ("draft", "completed", "exported")
#: What a follow-up records in the ``visit_result`` property (``pending``: no visit yet).
VISIT_RESULTS = ("visited", "refused", "moved", "not_found")
VISIT_PROPERTY = "visit_result"


@dataclass(frozen=True)
class EntityChange:
    """An entity as the coordinator holds it, sent to a laptop."""

    list_name: str
    entity_id: str
    label: str
    properties: dict[str, str]
    version: int
    ward: str = ""
    deleted: bool = False
    merged_into: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "list": self.list_name, "id": self.entity_id, "label": self.label,
            "properties": dict(self.properties), "version": self.version, "ward": self.ward,
        }  # fmt: skip
        if self.deleted:
            out["deleted"] = True
        if self.merged_into is not None:
            out["merged_into"] = self.merged_into
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> EntityChange:
        """From :meth:`to_json`'s shape; EntityError ``entity.bad_received`` otherwise."""
        try:
            properties = data["properties"]
            version = data["version"]
            merged = data.get("merged_into")
            if not isinstance(properties, dict) or not isinstance(version, int) or version < 1:
                raise TypeError
            fields = (data["list"], data["id"], data["label"], data.get("ward", ""))
            if (
                not all(isinstance(x, str) for x in fields)
                or not all(isinstance(k, str) and isinstance(v, str) for k, v in properties.items())
                or (merged is not None and not isinstance(merged, str))
            ):
                raise TypeError
            return cls(
                list_name=str(data["list"]), entity_id=str(data["id"]), label=str(data["label"]),
                properties=dict(properties), version=version, ward=str(data.get("ward", "")),
                deleted=bool(data.get("deleted", False)), merged_into=merged,
            )  # fmt: skip
        except (KeyError, TypeError) as exc:
            raise EntityError("entity.bad_received") from exc

    def check(self) -> None:
        """The limits (EntityError)."""
        check_list_name(self.list_name)
        check_entity_id(self.list_name, self.entity_id)
        check_values(self.list_name, self.label, self.properties)


_CHANGE_COLUMNS = "list, id, label, properties, version, ward, deleted, merged_into"


def _change(r: Any) -> EntityChange:
    return EntityChange(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], bool(r[6]), r[7])


@storage_errors
def last_change(db: Database) -> int:
    """The newest change number (0: none)."""
    row = db.execute("SELECT max(seq) FROM entity_versions").fetchone()
    return int(row[0] or 0)


@storage_errors
def changes_since(
    db: Database, seq: int, *, wards: Iterable[str], device_id: str | None = None
) -> tuple[list[EntityChange], int]:
    """The entities changed after change ``seq`` that a laptop with ``wards`` (and the
    assignments of ``device_id``) holds, as they are now; and the newest change number
    (the laptop's next ``seq`` once it has them). ``seq`` 0: the laptop's whole share."""
    newest = last_change(db)
    if newest <= seq:
        return [], max(seq, newest)
    wanted = sorted(set(wards))
    db.execute("CREATE TEMP TABLE IF NOT EXISTS entity_wanted_wards (ward TEXT PRIMARY KEY)")
    db.execute("DELETE FROM temp.entity_wanted_wards")
    db.executemany("INSERT INTO temp.entity_wanted_wards (ward) VALUES (?)", [[w] for w in wanted])
    assigned = (
        "OR EXISTS (SELECT 1 FROM entity_assignments a WHERE a.list = e.list AND a.id = e.id "
        "AND a.device_id = ?)"
        if device_id
        else ""
    )
    rows = db.execute(
        f"SELECT {', '.join('e.' + c for c in _CHANGE_COLUMNS.split(', '))} FROM entities e "
        "WHERE e.rowid IN (SELECT e2.rowid FROM entity_versions v JOIN entities e2 "
        "ON e2.list = v.list AND e2.id = v.id WHERE v.seq > ?) "
        f"AND (e.ward IN (SELECT ward FROM temp.entity_wanted_wards) {assigned}) "
        "ORDER BY e.list, e.id",
        [seq, *([device_id] if device_id else [])],
    ).fetchall()
    db.execute("DELETE FROM temp.entity_wanted_wards")
    return [_change(r) for r in rows], newest


def _pending(db: Database) -> set[tuple[str, str]]:
    """Entities with local updates the coordinator has not acknowledged."""
    rows = db.execute(
        "SELECT DISTINCT v.list, v.id FROM entity_versions v JOIN interviews i "
        "ON i.uuid = v.interview_uuid WHERE v.kind IN ('create', 'update', 'correct') "
        f"AND i.status IN ({', '.join('?' * len(PENDING_STATUSES))})",
        list(PENDING_STATUSES),
    ).fetchall()
    return {(r[0], r[1]) for r in rows}


@dataclass
class ReceivedOutcome:
    #: Rows put in place (new or replacing the local one).
    replaced: int = 0
    #: Rows kept aside: the laptop's own updates of them are not yet acknowledged.
    kept_local: int = 0
    #: Rows removed (deleted or merged on the coordinator).
    removed: int = 0


@storage_errors
def apply_received(
    db: Database, rows: Sequence[EntityChange | Mapping[str, Any]], *, at: str | None = None
) -> ReceivedOutcome:
    """Apply entity rows received from the coordinator (in the caller's transaction;
    every row is checked first: EntityError and nothing applied when one is bad). Call it
    after the receipt's acknowledgements (then :func:`settle` puts in place the rows kept
    aside earlier)."""
    changes = [r if isinstance(r, EntityChange) else EntityChange.from_json(r) for r in rows]
    for change in changes:
        change.check()
    at = at or now()
    outcome = ReceivedOutcome()
    ensure_lists(db, {c.list_name for c in changes}, at)
    pending = _pending(db)
    held = _held(db, {(c.list_name, c.entity_id) for c in changes})
    aside = [c for c in changes if (c.list_name, c.entity_id) in pending
             and (c.list_name, c.entity_id) in held]  # fmt: skip
    if aside:
        db.executemany(
            "INSERT OR REPLACE INTO entity_trunk (list, id, label, properties, version, ward, "
            "deleted, merged_into) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [[c.list_name, c.entity_id, c.label, dumps(c.properties), c.version, c.ward,
              int(c.deleted), c.merged_into] for c in aside],
        )  # fmt: skip
        db.executemany(
            "UPDATE entities SET trunk_version = ? WHERE list = ? AND id = ?",
            [[c.version, c.list_name, c.entity_id] for c in aside],
        )
        outcome.kept_local = len(aside)
    put = [c for c in changes if (c.list_name, c.entity_id) not in pending
           or (c.list_name, c.entity_id) not in held]  # fmt: skip
    _put_in_place(db, put, held, at, outcome)
    settle(db, at=at)
    return outcome


@dataclass(frozen=True)
class _Held:
    rowid: int
    deleted: bool
    #: The search text the entity is indexed with ('' when deleted: not indexed).
    body: str
    label: str
    ward: str


def _held(db: Database, keys: set[tuple[str, str]]) -> dict[tuple[str, str], _Held]:
    """The entities held among ``keys``."""
    by_list: dict[str, list[str]] = {}
    for list_name, entity_id in keys:
        by_list.setdefault(list_name, []).append(entity_id)
    out: dict[tuple[str, str], _Held] = {}
    for list_name, ids in by_list.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for rowid, entity_id, deleted, label, properties, ward in db.execute(
                f"SELECT rowid, id, deleted, label, properties, ward FROM entities "
                f"WHERE list = ? AND id IN ({', '.join('?' * len(chunk))})",
                [list_name, *chunk],
            ):
                body = "" if deleted else search_body(list_name, label, json.loads(properties),
                                                      ward)  # fmt: skip
                out[(list_name, entity_id)] = _Held(int(rowid), bool(deleted), body, label, ward)
    return out


def _put_in_place(
    db: Database,
    changes: list[EntityChange],
    held: dict[tuple[str, str], _Held],
    at: str,
    outcome: ReceivedOutcome,
) -> None:
    new = [c for c in changes if (c.list_name, c.entity_id) not in held]
    old = [c for c in changes if (c.list_name, c.entity_id) in held]
    adding: dict[str, int] = {}
    for c in new:
        adding[c.list_name] = adding.get(c.list_name, 0) + 1
    add_rows(db, adding, at)
    if new:
        db.executemany(
            "INSERT INTO entities (list, id, label, properties, version, trunk_version, ward, "
            "deleted, merged_into, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[c.list_name, c.entity_id, c.label, dumps(c.properties), c.version, c.version,
              c.ward, int(c.deleted), c.merged_into, at, at] for c in new],
        )  # fmt: skip
        live = [c for c in new if not c.deleted]
        if live:
            ids = rowids_of(db, [(c.list_name, c.entity_id) for c in live])
            search_insert(db, [[ids[(c.list_name, c.entity_id)],
                                search_body(c.list_name, c.label, c.properties, c.ward)]
                               for c in live])  # fmt: skip
    if old:
        # The label and ward only where they changed (each has an index to keep).
        old.sort(key=lambda c: held[(c.list_name, c.entity_id)].rowid)
        for moved in (True, False):
            rows = [c for c in old if moved == (
                (c.label, c.ward) != (held[(c.list_name, c.entity_id)].label,
                                      held[(c.list_name, c.entity_id)].ward))]  # fmt: skip
            if not rows:
                continue
            sets = "label = ?, ward = ?, " if moved else ""
            db.executemany(
                f"UPDATE entities SET {sets}properties = ?, version = ?, trunk_version = ?, "
                "branch_id = NULL, deleted = ?, merged_into = ?, updated_at = ?, "
                "last_interview = NULL, last_branch = NULL, last_local = NULL WHERE rowid = ?",
                [[*((c.label, c.ward) if moved else ()), dumps(c.properties), c.version,
                  c.version, int(c.deleted), c.merged_into, at,
                  held[(c.list_name, c.entity_id)].rowid] for c in rows],
            )  # fmt: skip
        out, into = [], []
        for c in old:
            was = held[(c.list_name, c.entity_id)]
            body = "" if c.deleted else search_body(c.list_name, c.label, c.properties, c.ward)
            if body == was.body:
                continue  # indexed as it is (or neither indexed)
            if not was.deleted:
                out.append([was.rowid, was.body])
            if not c.deleted:
                into.append([was.rowid, body])
        search_delete(db, out)
        search_insert(db, into)
        if db.execute("SELECT 1 FROM entity_trunk LIMIT 1").fetchone():
            db.executemany(
                "DELETE FROM entity_trunk WHERE list = ? AND id = ?",
                [[c.list_name, c.entity_id] for c in old],
            )
    outcome.replaced += sum(1 for c in changes if not c.deleted)
    outcome.removed += sum(1 for c in changes if c.deleted)


@storage_errors
def settle(db: Database, *, at: str | None = None) -> int:
    """Put in place the coordinator's rows kept aside whose entities no longer have
    unacknowledged local updates (call after acknowledgements). Returns how many."""
    pending = _pending(db)
    rows = db.execute(
        "SELECT list, id, label, properties, version, ward, deleted, merged_into FROM entity_trunk"
    ).fetchall()
    ready = [_change(r) for r in rows if (r[0], r[1]) not in pending]
    if not ready:
        return 0
    held = _held(db, {(c.list_name, c.entity_id) for c in ready})
    _put_in_place(db, ready, held, at or now(), ReceivedOutcome())
    db.executemany(
        "DELETE FROM entity_trunk WHERE list = ? AND id = ?",
        [[c.list_name, c.entity_id] for c in ready],
    )
    return len(ready)


@storage_errors
def drop_outside(db: Database, wards: Iterable[str], device_id: str | None = None) -> int:
    """Laptop purge: remove the entities of wards it no longer has that are not assigned
    to it and have no unacknowledged local update. Returns how many."""
    keep = set(wards)
    pending = _pending(db)
    assigned = {
        (r[0], r[1])
        for r in db.execute(
            "SELECT list, id FROM entity_assignments WHERE device_id = ?", [device_id or ""]
        )
    }
    gone = [
        (rowid, list_name, entity_id, deleted, label, properties, ward)
        for rowid, list_name, entity_id, deleted, label, properties, ward in db.execute(
            "SELECT rowid, list, id, deleted, label, properties, ward FROM entities"
        ).fetchall()
        if ward not in keep and (list_name, entity_id) not in pending
        and (list_name, entity_id) not in assigned
    ]  # fmt: skip
    if not gone:
        return 0
    search_delete(db, [[g[0], search_body(g[1], g[4], json.loads(g[5]), g[6])]
                       for g in gone if not g[3]])  # fmt: skip
    db.executemany("DELETE FROM entities WHERE rowid = ?", [[g[0]] for g in gone])
    db.executemany(
        "DELETE FROM entity_trunk WHERE list = ? AND id = ?", [[g[1], g[2]] for g in gone]
    )
    counts: dict[str, int] = {}
    for _, list_name, *_ in gone:
        counts[list_name] = counts.get(list_name, 0) + 1
    db.executemany(
        "UPDATE entity_lists SET size = size - ? WHERE list = ?",
        [[n, k] for k, n in counts.items()],
    )
    return len(gone)


# --- assignments ----------------------------------------------------------------------


@dataclass(frozen=True)
class Assignment:
    list_name: str
    entity_id: str
    device_id: str
    wave: str
    assigned_at: str
    assigned_by: str

    def to_json(self) -> dict[str, object]:
        return {"list": self.list_name, "id": self.entity_id, "device_id": self.device_id,
                "wave": self.wave, "assigned_at": self.assigned_at,
                "assigned_by": self.assigned_by}  # fmt: skip

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Assignment:
        try:
            values = [data[k] for k in ("list", "id", "device_id", "wave", "assigned_at",
                                        "assigned_by")]  # fmt: skip
        except KeyError as exc:
            raise EntityError("entity.bad_received") from exc
        if not all(isinstance(v, str) for v in values):
            raise EntityError("entity.bad_received")
        return cls(*(str(v) for v in values))


@dataclass(frozen=True)
class VisitStatus:
    assignment: Assignment
    #: ``pending`` or one of :data:`VISIT_RESULTS`.
    status: str
    #: The interview of the visit (None: pending).
    interview_uuid: str | None = None
    at: str | None = None


_ASSIGNMENT_COLUMNS = "list, id, device_id, wave, assigned_at, assigned_by"


@storage_errors
def add_assignment(
    db: Database,
    list_name: str,
    entity_id: str,
    device_id: str,
    *,
    wave: str = "",
    who: str,
    at: str | None = None,
) -> bool:
    """Assign an entity to a laptop for a follow-up wave (False: it already was). The
    entity then travels to that laptop with its next receipt. In the caller's
    transaction, with an audit entry."""
    check_list_name(list_name)
    row = db.execute(
        "SELECT version, label, properties FROM entities WHERE list = ? AND id = ? AND deleted = 0",
        [list_name, entity_id],
    ).fetchone()
    if row is None:
        raise EntityError("entity.unknown_entity", list=list_name)
    at = at or now()
    cursor = db.execute(
        f"INSERT OR IGNORE INTO entity_assignments ({_ASSIGNMENT_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [list_name, entity_id, device_id, wave, at, who],
    )
    if not cursor.rowcount:
        return False
    write_versions(db, [[list_name, entity_id, row[0], "assign", row[1], row[2], None, device_id,
                         None, None, None, None, at, who]])  # fmt: skip
    append_entries(db, [Entry(None, who, "entity-assign", list_name, None,
                              {"id": entity_id, "device": device_id, "wave": wave})])  # fmt: skip
    return True


@storage_errors
def list_assignments(
    db: Database,
    *,
    device_id: str | None = None,
    list_name: str | None = None,
    wave: str | None = None,
) -> list[Assignment]:
    where, params = [], []
    for column, value in (("device_id", device_id), ("list", list_name), ("wave", wave)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = db.execute(
        f"SELECT {_ASSIGNMENT_COLUMNS} FROM entity_assignments {clause} "
        "ORDER BY wave, list, assigned_at, id",
        params,
    ).fetchall()
    return [Assignment(*r) for r in rows]


@storage_errors
def replace_assignments(db: Database, device_id: str, assignments: Sequence[Assignment]) -> None:
    """Laptop: hold exactly ``assignments`` (those a receipt brings for ``device_id``)."""
    db.execute("DELETE FROM entity_assignments WHERE device_id = ?", [device_id])
    db.executemany(
        f"INSERT OR IGNORE INTO entity_assignments ({_ASSIGNMENT_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [[a.list_name, a.entity_id, device_id, a.wave, a.assigned_at, a.assigned_by]
         for a in assignments],
    )  # fmt: skip


@storage_errors
def visit_status(
    db: Database,
    *,
    device_id: str | None = None,
    list_name: str | None = None,
    wave: str | None = None,
) -> list[VisitStatus]:
    """Each assignment with what became of it: the first interview that updated the
    entity (applied, or a conflict) after it was assigned, and the ``visit_result`` it
    saved (``visited`` when it saved none); ``pending`` before any."""
    out = []
    for a in list_assignments(db, device_id=device_id, list_name=list_name, wave=wave):
        visit = db.execute(
            "SELECT interview_uuid, at, properties FROM entity_versions "
            "WHERE list = ? AND id = ? AND at >= ? AND interview_uuid IS NOT NULL "
            "AND kind IN ('update', 'correct', 'resolve') ORDER BY seq LIMIT 1",
            [a.list_name, a.entity_id, a.assigned_at],
        ).fetchone()
        incoming = None
        if visit is None:
            row = db.execute(
                "SELECT interview_uuid, created_at, incoming FROM entity_conflicts "
                "WHERE list = ? AND entity_id = ? AND created_at >= ? ORDER BY id LIMIT 1",
                [a.list_name, a.entity_id, a.assigned_at],
            ).fetchone()
            if row is not None:
                visit = row
                incoming = json.loads(row[2]).get("properties", {})
        if visit is None:
            out.append(VisitStatus(a, "pending"))
            continue
        properties = incoming if incoming is not None else json.loads(visit[2])
        result = properties.get(VISIT_PROPERTY, "")
        out.append(VisitStatus(a, result if result in VISIT_RESULTS else "visited", visit[0],
                               visit[1]))  # fmt: skip
    return out
