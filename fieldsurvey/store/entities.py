"""Entity lists (XLSForm entities, issue 16): households and people registered once and
found again, offline, on any laptop. The one place other code calls.

The tables, limits and rows: :mod:`fieldsurvey.store.entity_tables` (migrations 0021,
0022). The laptop (the engine's lists, completing an interview):
:mod:`~fieldsurvey.store.entity_local`. The coordinator's merge, conflicts and merging
two entities: :mod:`~fieldsurvey.store.entity_merge`. What travels back and the
assignments: :mod:`~fieldsurvey.store.entity_share`. docs/entities.md tells the story.

API (every function takes a ``Database``, e.g. ``ws.db`` or the one a transaction
yields; writes belong in the caller's ``ws.transaction()``):
    limits: LIST_NAME, MAX_PROPERTIES, MAX_VALUE_CHARS, MAX_LABEL_CHARS, MAX_ACTIONS,
        MAX_ENTITIES_PER_LIST
    StoreEntitySource(ws_or_db)           the EntitySource the engine and the picker read
    apply_local(db, interview_uuid, actions, *, device_id, who) -> [(list, id, version)]
    actions_of(db, interview_uuid) -> [EntityAction]
    on_complete(ws, interview, *, who)    the completion hook (store/interviews.py)
    merge_actions(db, *, interview_uuid, device_id, ward, actions, at) -> MergeOutcome
    merge_many(db, [InterviewActions]) -> MergeOutcome  (refused interviews inside)
    list_conflicts(db, *, status="open", list_name=None) -> [EntityConflict]
    get_conflict(db, id);  resolve_conflict(db, id, {property|"label": "mine"|"theirs"}, who)
    merge_entities(db, list, keep_id, drop_id, who) -> version of the keeper
    history(db, list, id) -> [EntityVersion]    (with the histories merged into it)
    get_entity(db, list, id) -> StoredEntity | None
    list_entities(db, list, *, ward=None, text=None, offset=0, limit=100) -> [StoredEntity]
    matching_entities(db, list, text, *, limit=200) -> [StoredEntity]   (few matches, no order)
    created_by(db, interview_uuids) -> {uuid: [EntryRef]}   the live entries each created
    count_entities(db, list, *, ward=None, text=None) -> int;  lists(db) -> [(name, size)]
    list_names(db) -> [name]
    changes_since(db, seq, *, wards, device_id) -> ([EntityChange], new_seq);  last_change(db)
    apply_received(db, rows) -> ReceivedOutcome;  settle(db);  drop_outside(db, wards, device)
    add_assignment(db, list, id, device_id, *, wave, who);  list_assignments(db, ...)
    replace_assignments(db, device_id, [Assignment]);  visit_status(db, ...) -> [VisitStatus]
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from fieldsurvey.forms.entity_model import EntityRow
from fieldsurvey.store.database import Database, storage_errors
from fieldsurvey.store.entity_local import (
    StoreEntitySource,
    actions_of,
    apply_local,
    on_complete,
    undo_local,
)
from fieldsurvey.store.entity_merge import (
    EntityConflict,
    InterviewActions,
    MergeOutcome,
    get_conflict,
    list_conflicts,
    merge_actions,
    merge_entities,
    merge_many,
    resolve_conflict,
)
from fieldsurvey.store.entity_share import (
    Assignment,
    EntityChange,
    ReceivedOutcome,
    VisitStatus,
    add_assignment,
    apply_received,
    changes_since,
    drop_outside,
    last_change,
    list_assignments,
    replace_assignments,
    settle,
    visit_status,
)
from fieldsurvey.store.entity_tables import (
    LIST_NAME,
    MAX_ACTIONS,
    MAX_ENTITIES_PER_LIST,
    MAX_LABEL_CHARS,
    MAX_PROPERTIES,
    MAX_VALUE_CHARS,
    check_actions,
    ensure_lists,
    search_query,
)

__all__ = [
    "LIST_NAME", "MAX_ACTIONS", "MAX_ENTITIES_PER_LIST", "MAX_LABEL_CHARS", "MAX_PROPERTIES",
    "MAX_VALUE_CHARS", "Assignment", "EntityChange", "EntityConflict", "EntityVersion",
    "InterviewActions", "MergeOutcome", "ReceivedOutcome", "StoreEntitySource", "StoredEntity",
    "VisitStatus", "actions_of", "add_assignment", "apply_local", "apply_received",
    "changes_since", "check_actions", "count_entities", "drop_outside", "ensure_lists",
    "get_conflict", "get_entity", "history", "ids_starting_with", "last_change",
    "list_assignments", "list_conflicts", "list_entities", "lists", "merge_actions",
    "merge_entities",
    "merge_many", "on_complete", "replace_assignments", "resolve_conflict", "settle",
    "undo_local", "visit_status",
]  # fmt: skip


@dataclass(frozen=True)
class StoredEntity:
    """An entity as this workspace holds it (what the lists and exports show)."""

    list_name: str
    entity_id: str
    label: str
    properties: dict[str, str]
    version: int
    trunk_version: int | None
    branch_id: str | None
    ward: str
    deleted: bool
    merged_into: str | None
    interview_uuid: str | None
    device_id: str | None
    created_at: str
    updated_at: str

    def row(self) -> EntityRow:
        return EntityRow(self.list_name, self.entity_id, self.label, dict(self.properties),
                         self.version, self.trunk_version, self.branch_id)  # fmt: skip


_STORED = (
    "list", "id", "label", "properties", "version", "trunk_version", "branch_id", "ward",
    "deleted", "merged_into", "interview_uuid", "device_id", "created_at", "updated_at",
)  # fmt: skip


def _stored(r: Any) -> StoredEntity:
    return StoredEntity(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6], r[7], bool(r[8]),
                        r[9], r[10], r[11], r[12], r[13])  # fmt: skip


@dataclass(frozen=True)
class EntityVersion:
    """One row of an entity's history."""

    seq: int
    entity_id: str
    version: int
    #: create, update, correct (the same interview completed again), base (the state a
    #: laptop's update started from), resolve, merge (the keeper), merged (the one merged
    #: away), assign.
    kind: str
    label: str
    properties: dict[str, str]
    interview_uuid: str | None
    device_id: str | None
    base_version: int | None
    trunk_version: int | None
    branch_id: str | None
    at: str
    who: str | None


@storage_errors
def get_entity(db: Database, list_name: str, entity_id: str) -> StoredEntity | None:
    """The entity (deleted or merged ones too), or None."""
    row = db.execute(
        f"SELECT {', '.join(_STORED)} FROM entities WHERE list = ? AND id = ?",
        [list_name, entity_id],
    ).fetchone()
    return None if row is None else _stored(row)


@dataclass(frozen=True)
class EntryRef:
    """What a list of candidate pairs shows of an entry (the entry itself is read when
    it is acted on: :func:`get_entity`)."""

    list_name: str
    entity_id: str
    label: str
    created_at: str


def entry_ref(entity: StoredEntity) -> EntryRef:
    return EntryRef(entity.list_name, entity.entity_id, entity.label, entity.created_at)


@storage_errors
def created_by(db: Database, interview_uuids: Collection[str]) -> dict[str, list[EntryRef]]:
    """The live entries each of these interviews created (``interview_uuid``: the
    interview whose create made the entry, on a laptop and on the coordinator alike), in
    the table's order: one read of the entities table, not a statement per interview,
    and only what a list of pairs shows (no properties parsed)."""
    wanted = set(interview_uuids)
    out: dict[str, list[EntryRef]] = {}
    if not wanted:
        return out
    rows = db.execute(
        "SELECT interview_uuid, list, id, label, created_at FROM entities "
        "WHERE deleted = 0 AND interview_uuid IS NOT NULL ORDER BY rowid"
    )
    for uuid, list_name, entity_id, label, created_at in rows:
        if uuid in wanted:
            out.setdefault(uuid, []).append(EntryRef(list_name, entity_id, label, created_at))
    return out


@storage_errors
def ids_starting_with(db: Database, list_name: str, prefix: str, limit: int = 2) -> list[str]:
    """Ids of live entities of a list that start with ``prefix`` (by the primary key's
    order, at most ``limit``): a shortened id typed on the command line."""
    rows = db.execute(
        "SELECT id FROM entities WHERE list = ? AND id >= ? AND id < ? AND deleted = 0 "
        "ORDER BY id LIMIT ?",
        [list_name, prefix, prefix + "\U0010ffff", limit],
    ).fetchall()
    return [str(r[0]) for r in rows]


def _filters(list_name: str, ward: str | None, text: str | None) -> tuple[str, str, list[Any]]:
    source, where, params = "entities", ["list = ?", "deleted = 0"], [list_name]
    if ward is not None:
        where.append("ward = ?")
        params.append(ward)
    query = search_query(list_name, text or "")
    if " " in query:  # words typed
        where.append("rowid IN (SELECT rowid FROM entity_search WHERE entity_search MATCH ?)")
        params.append(query)
    return source, " AND ".join(where), params


@storage_errors
def list_entities(
    db: Database,
    list_name: str,
    *,
    ward: str | None = None,
    text: str | None = None,
    offset: int = 0,
    limit: int = 100,
) -> list[StoredEntity]:
    """Live entities of a list by label (then id), optionally of a ward and matching a
    search text (as :meth:`StoreEntitySource.search`), a window of them."""
    source, where, params = _filters(list_name, ward, text)
    rows = db.execute(
        f"SELECT {', '.join(_STORED)} FROM {source} WHERE {where} ORDER BY label, id "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [_stored(r) for r in rows]


@storage_errors
def matching_entities(
    db: Database, list_name: str, text: str, *, limit: int = 200
) -> list[StoredEntity]:
    """Live entities of a list matching a search text (as :func:`list_entities`), at most
    ``limit``, in no particular order: read from the search index's matches, for a text
    that few entries match (a household id). :func:`list_entities` walks the list in
    label order to find its window: 10 ms a call at 100,000 entries."""
    query = search_query(list_name, text)
    if " " not in query:  # no word typed: not a search
        return []
    rows = db.execute(
        f"SELECT {', '.join('e.' + c for c in _STORED)} FROM entity_search s "
        "CROSS JOIN entities e ON e.rowid = s.rowid "
        "WHERE s.entity_search MATCH ? AND e.list = ? AND e.deleted = 0 LIMIT ?",
        [query, list_name, limit],
    ).fetchall()
    return [_stored(r) for r in rows]


@storage_errors
def count_entities(
    db: Database, list_name: str, *, ward: str | None = None, text: str | None = None
) -> int:
    source, where, params = _filters(list_name, ward, text)
    return int(db.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()[0])


@storage_errors
def list_names(db: Database) -> list[str]:
    """The lists this workspace knows, by name (not counted: :func:`lists` counts)."""
    return [r[0] for r in db.execute("SELECT list FROM entity_lists ORDER BY list")]


@storage_errors
def lists(db: Database) -> list[tuple[str, int]]:
    """The lists this workspace knows and how many live entities each has."""
    names = list_names(db)
    return [
        (name, int(db.execute(
            "SELECT count(*) FROM entities INDEXED BY idx_entities_by_label "
            "WHERE list = ? AND deleted = 0", [name]).fetchone()[0]))
        for name in names
    ]  # fmt: skip


@storage_errors
def history(db: Database, list_name: str, entity_id: str) -> list[EntityVersion]:
    """The entity's history, oldest first, with the histories of the entities merged into
    it (each row names its entity)."""
    ids = [entity_id]
    frontier = [entity_id]
    while frontier and len(ids) < 1_000:
        found = [
            r[0]
            for r in db.execute(
                f"SELECT id FROM entities WHERE list = ? AND merged_into IN "
                f"({', '.join('?' * len(frontier))})",
                [list_name, *frontier],
            )
            if r[0] not in ids
        ]
        ids += found
        frontier = found
    rows = db.execute(
        "SELECT seq, id, version, kind, label, properties, interview_uuid, device_id, "
        "base_version, trunk_version, branch_id, at, who FROM entity_versions "
        f"WHERE list = ? AND id IN ({', '.join('?' * len(ids))}) ORDER BY seq",
        [list_name, *ids],
    ).fetchall()
    return [
        EntityVersion(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            json.loads(r[5]),
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
            r[12],
        )
        for r in rows
    ]
