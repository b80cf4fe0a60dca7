"""The coordinator's entity lists: merging the actions laptops send, conflicts, merging two
entities that are one household.

The rules (ODK's offline-entities spec 2024.1, with Central's 2024 revision: an update
from an old version is a conflict; unlike Central, which applies it and flags the entity,
FieldSurvey keeps the network's values and shows the two side by side until the
coordinator chooses):

- create of a new id: version 1 (the id must be bound to the sending laptop:
  ``entity_id_for(device, nonce)``). Create of an id another interview created: a
  conflict of kind ``id-collision`` (only a forged or buggy laptop can send it). The same
  interview's create received again: nothing if equal, else its values as a new version
  when nothing else changed the entity since (a returned interview corrected), else a
  conflict.
- update: its *base* is the coordinator version it was made from. A laptop numbers its
  versions itself, so for a chain of offline updates (one ``branch_id``) the base of the
  first is its ``trunk_version`` (the laptop's ``base_version`` equals it, or 1 for an
  entity the laptop created: it has no trunk version yet) and the base of each next
  one is the version the previous update of the chain made here. An update whose base is
  the entity's current version is applied (version + 1); any other is a conflict of kind
  ``update`` (someone else changed the entity since), and so is the rest of its chain.
  An update of an entity merged into another: kind ``merged``. An update of an entity
  the coordinator does not hold: ``EntityError("entity.unknown_entity")`` (the merge
  quarantines the record). The same update received twice is applied once; the same
  interview's update with new values (returned, corrected, sent again) is a correction
  (a new version) while the entity's current version is its own, else a conflict.
- a conflict keeps the entity as it is; :func:`resolve_conflict` takes, property by
  property, the network's value (``"mine"``) or the laptop's (``"theirs"``).

Batches: :func:`merge_many` merges the actions of many interviews with one read of the
entities they touch and one ``executemany`` per table; :func:`merge_actions` is one
interview's. An interview whose actions break a limit or a rule is refused whole
(``MergeOutcome.refused``; :func:`merge_actions` raises it) and the others go on.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldsurvey.errors import EntityError
from fieldsurvey.forms.entity_model import EntityAction, EntityRow, entity_id_for
from fieldsurvey.store.audit import Entry, append_entries
from fieldsurvey.store.database import Database, storage_errors
from fieldsurvey.store.entity_tables import (
    add_rows,
    check_actions,
    check_list_name,
    dumps,
    merged_properties,
    now,
    rowids_of,
    search_body,
    search_delete,
    search_insert,
    search_replace,
    write_versions,
)

#: A choice in a conflict's resolution: the network's value or the laptop's.
CHOICES = ("mine", "theirs")
#: The key of the label in a resolution's choices (ODK reserves it: no property has it).
LABEL = "label"


@dataclass(frozen=True)
class InterviewActions:
    """One received interview's entity actions."""

    interview_uuid: str
    device_id: str
    ward: str
    actions: list[EntityAction]
    at: str = ""


@dataclass
class MergeOutcome:
    applied: int = 0
    conflicted: int = 0
    #: Actions received again (already applied, or already a conflict).
    skipped: int = 0
    conflict_ids: list[int] = field(default_factory=list)
    #: Interviews whose actions were refused whole (nothing of them kept).
    refused: dict[str, EntityError] = field(default_factory=dict)


@dataclass
class _State:
    """An entity as the batch sees it (the row read, then the batch's changes)."""

    rowid: int | None
    list_name: str
    entity_id: str
    label: str
    properties: dict[str, str]
    version: int
    ward: str
    deleted: bool
    merged_into: str | None
    interview_uuid: str | None
    last_interview: str | None
    last_branch: str | None
    last_local: int | None
    device_id: str | None = None
    created_at: str = ""
    updated_at: str = ""
    new: bool = False
    changed: bool = False
    #: The label and search text as read (what needs writing again).
    was: tuple[str, str] = ("", "")


_STATE_COLUMNS = (
    "rowid", "list", "id", "label", "properties", "version", "ward", "deleted", "merged_into",
    "interview_uuid", "last_interview", "last_branch", "last_local",
)  # fmt: skip


def _load(db: Database, keys: set[tuple[str, str]]) -> dict[tuple[str, str], _State]:
    by_list: dict[str, list[str]] = {}
    for list_name, entity_id in keys:
        by_list.setdefault(list_name, []).append(entity_id)
    out: dict[tuple[str, str], _State] = {}
    for list_name, ids in by_list.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor = db.execute(
                f"SELECT {', '.join(_STATE_COLUMNS)} FROM entities "
                f"WHERE list = ? AND id IN ({', '.join('?' * len(chunk))})",
                [list_name, *chunk],
            )
            for r in cursor:
                st = _State(
                    rowid=r[0], list_name=r[1], entity_id=r[2], label=r[3],
                    properties=json.loads(r[4]), version=r[5], ward=r[6], deleted=bool(r[7]),
                    merged_into=r[8], interview_uuid=r[9], last_interview=r[10],
                    last_branch=r[11], last_local=r[12],
                )  # fmt: skip
                st.was = (st.label, _body(st))
                out[(r[1], r[2])] = st
    return out


class _Batch:
    def __init__(self, db: Database, items: Sequence[InterviewActions]) -> None:
        self.db = db
        self.state = _load(db, {(a.list_name, a.entity_id) for i in items for a in i.actions})
        self.versions: list[list[Any]] = []
        self.conflicts: list[list[Any]] = []
        self.outcome = MergeOutcome()

    # -- one interview: worked out on copies, kept only if every action passes ---------

    def interview(self, item: InterviewActions) -> None:
        try:
            check_actions(item.actions)
            touched: dict[tuple[str, str], _State] = {}
            versions: list[list[Any]] = []
            conflicts: list[list[Any]] = []
            counts = [0, 0, 0]
            for action in item.actions:
                key = (action.list_name, action.entity_id)
                if key not in touched:
                    held = self.state.get(key)
                    touched[key] = None if held is None else _copy(held)  # type: ignore[assignment]
                result = self._action(item, action, touched, versions, conflicts)
                counts[("applied", "conflicted", "skipped").index(result)] += 1
        except EntityError as exc:
            self.outcome.refused[item.interview_uuid] = exc
            return
        for key, st in touched.items():
            if st is not None:
                self.state[key] = st
        self.versions += versions
        self.conflicts += conflicts
        self.outcome.applied += counts[0]
        self.outcome.conflicted += counts[1]
        self.outcome.skipped += counts[2]

    def _action(
        self,
        item: InterviewActions,
        action: EntityAction,
        touched: dict[tuple[str, str], _State],
        versions: list[list[Any]],
        conflicts: list[list[Any]],
    ) -> str:
        key = (action.list_name, action.entity_id)
        cur = touched[key]
        at = item.at or now()
        if action.verb == "create":
            if action.nonce is None or entity_id_for(item.device_id, action.nonce) != key[1]:
                raise EntityError("entity.id_not_bound", list=action.list_name)
            if cur is None:
                label = action.label or ""
                touched[key] = _State(
                    rowid=None, list_name=key[0], entity_id=key[1], label=label,
                    properties=dict(action.properties), version=1, ward=item.ward,
                    deleted=False, merged_into=None, interview_uuid=item.interview_uuid,
                    last_interview=item.interview_uuid, last_branch=None, last_local=1,
                    device_id=item.device_id, created_at=at, updated_at=at, new=True,
                    changed=True,
                )  # fmt: skip
                versions.append(_version(touched[key], "create", item, action, at))
                return "applied"
            if cur.interview_uuid != item.interview_uuid:
                return self._conflict(item, action, cur, "id-collision", conflicts)
            if self._made_before(item, key, action.label or "", action.properties):
                return "skipped"  # received again
            if cur.last_interview == item.interview_uuid and not cur.deleted:
                self._apply(cur, action, item, "correct", at, versions, replace=True)
                return "applied"
            return self._conflict(item, action, cur, "update", conflicts)
        if cur is None:
            raise EntityError("entity.unknown_entity", list=action.list_name)
        if cur.deleted:
            kind = "merged" if cur.merged_into else "deleted"
            return self._conflict(item, action, cur, kind, conflicts)
        b, trunk, branch = action.base_version, action.trunk_version, action.branch_id
        if cur.last_interview == item.interview_uuid:  # its own version: received again
            if _gives(action, cur.label, cur.properties):
                return "skipped"
            self._apply(cur, action, item, "correct", at, versions)  # a corrected interview
            return "applied"
        base: int | None
        if b is None:
            base = None
        elif branch is not None and cur.last_branch == branch and cur.last_local == b:
            base = cur.version  # the chain goes on from the version its last update made
        elif b == (trunk if trunk is not None else 1):
            base = b  # the first update since the laptop's trunk version
        elif branch is not None:
            base = self._branch_version(key, branch, b)
        else:
            base = b
        if base is not None and base == cur.version:
            self._apply(cur, action, item, "update", at, versions)
            return "applied"
        if self._already(item, key, action):
            return "skipped"
        return self._conflict(item, action, cur, "update", conflicts)

    def _branch_version(self, key: tuple[str, str], branch: str, local: int) -> int | None:
        """The version an earlier update of ``branch`` made here, that the laptop
        numbered ``local``."""
        row = self.db.execute(
            "SELECT version FROM entity_versions WHERE list = ? AND id = ? AND branch_id = ? "
            "AND local_version = ? ORDER BY seq DESC LIMIT 1",
            [*key, branch, local],
        ).fetchone()
        return None if row is None else int(row[0])

    def _made_before(
        self, item: InterviewActions, key: tuple[str, str], label: str, properties: dict[str, str]
    ) -> bool:
        """Whether this interview's create or correction gave these values before."""
        for r_label, r_properties in self.db.execute(
            "SELECT label, properties FROM entity_versions WHERE list = ? AND id = ? "
            "AND interview_uuid = ? AND kind IN ('create', 'correct') ORDER BY seq DESC LIMIT 1",
            [*key, item.interview_uuid],
        ):
            return bool(r_label == label and json.loads(r_properties) == properties)
        return False

    def _already(self, item: InterviewActions, key: tuple[str, str], action: EntityAction) -> bool:
        """Whether this interview's update of the entity, with these values, was received
        before (applied then, or a conflict then)."""
        row = self.db.execute(
            "SELECT label, properties FROM entity_versions WHERE list = ? AND id = ? "
            "AND interview_uuid = ? AND kind IN ('update', 'correct') ORDER BY seq DESC LIMIT 1",
            [*key, item.interview_uuid],
        ).fetchone()
        if row is not None and _gives(action, row[0], json.loads(row[1])):
            return True
        incoming = json.dumps(action.to_json(), ensure_ascii=False)
        return bool(
            self.db.execute(
                "SELECT 1 FROM entity_conflicts WHERE list = ? AND entity_id = ? "
                "AND interview_uuid = ? AND incoming = ?",
                [*key, item.interview_uuid, incoming],
            ).fetchone()
        )

    def _apply(
        self,
        cur: _State,
        action: EntityAction,
        item: InterviewActions,
        kind: str,
        at: str,
        versions: list[list[Any]],
        *,
        replace: bool = False,
    ) -> None:
        if action.label is not None:
            cur.label = action.label
        cur.properties = (
            dict(action.properties) if replace else merged_properties(cur.properties,
                                                                      action.properties)
        )  # fmt: skip
        cur.version += 1
        cur.last_interview = item.interview_uuid
        cur.last_branch = action.branch_id
        cur.last_local = None if action.base_version is None else action.base_version + 1
        cur.updated_at = at
        cur.changed = True
        versions.append(_version(cur, kind, item, action, at))

    def _conflict(
        self,
        item: InterviewActions,
        action: EntityAction,
        cur: _State,
        kind: str,
        conflicts: list[list[Any]],
    ) -> str:
        conflicts.append([
            action.list_name, action.entity_id, kind, item.interview_uuid, item.device_id,
            action.base_version, cur.version, json.dumps(action.to_json(), ensure_ascii=False),
            item.at or now(),
        ])  # fmt: skip
        return "conflicted"

    # -- the writes --------------------------------------------------------------------

    def write(self) -> MergeOutcome:
        db = self.db
        changed = [s for s in self.state.values() if s.changed]
        new = [s for s in changed if s.new]
        old = sorted((s for s in changed if not s.new), key=lambda s: s.rowid or 0)
        adding: dict[str, int] = {}
        for s in new:
            adding[s.list_name] = adding.get(s.list_name, 0) + 1
        add_rows(db, adding)
        if new:
            db.executemany(
                "INSERT INTO entities (list, id, label, properties, version, ward, "
                "interview_uuid, device_id, created_at, updated_at, last_interview, "
                "last_branch, last_local) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[s.list_name, s.entity_id, s.label, dumps(s.properties), s.version, s.ward,
                  s.interview_uuid, s.device_id, s.created_at, s.updated_at, s.last_interview,
                  s.last_branch, s.last_local] for s in new],
            )  # fmt: skip
            ids = rowids_of(db, [(s.list_name, s.entity_id) for s in new])
            search_insert(db, [[ids[(s.list_name, s.entity_id)],
                                search_body(s.list_name, s.label, s.properties, s.ward)]
                               for s in new])  # fmt: skip
        # The label only where it changed (its index), the search text likewise.
        for relabelled in (True, False):
            rows = [s for s in old if (s.label != s.was[0]) == relabelled]
            if not rows:
                continue
            label = "label = ?, " if relabelled else ""
            db.executemany(
                f"UPDATE entities SET {label}properties = ?, version = ?, updated_at = ?, "
                "last_interview = ?, last_branch = ?, last_local = ? WHERE rowid = ?",
                [[*([s.label] if relabelled else []), dumps(s.properties), s.version,
                  s.updated_at, s.last_interview, s.last_branch, s.last_local, s.rowid]
                 for s in rows],
            )  # fmt: skip
        bodies = [(_body(s), s) for s in old]
        search_replace(db, [[s.rowid, s.was[1], body] for body, s in bodies])
        write_versions(db, self.versions)
        for values in self.conflicts:
            cursor = db.execute(
                "INSERT INTO entity_conflicts (list, entity_id, kind, interview_uuid, device_id, "
                "base_version, current_version, incoming, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            self.outcome.conflict_ids.append(int(cursor.lastrowid))
        return self.outcome


def _body(st: _State) -> str:
    return search_body(st.list_name, st.label, st.properties, st.ward)


def _gives(action: EntityAction, label: str, properties: dict[str, str]) -> bool:
    """Whether an update's values are already those (label and saved properties)."""
    return (action.label is None or action.label == label) and all(
        properties.get(k) == v for k, v in action.properties.items()
    )


def _copy(st: _State) -> _State:
    return _State(**{**st.__dict__, "properties": dict(st.properties)})


def _version(
    st: _State, kind: str, item: InterviewActions, action: EntityAction, at: str
) -> list[Any]:
    return [st.list_name, st.entity_id, st.version, kind, st.label, dumps(st.properties),
            item.interview_uuid, item.device_id, action.base_version, action.trunk_version,
            action.branch_id, st.last_local, at, None]  # fmt: skip


@storage_errors
def merge_many(db: Database, items: Sequence[InterviewActions]) -> MergeOutcome:
    """Merge the entity actions of many received interviews, in order (in the caller's
    transaction). Interviews refused whole are in ``refused``."""
    batch = _Batch(db, items)
    for item in items:
        batch.interview(item)
    return batch.write()


@storage_errors
def merge_actions(
    db: Database,
    *,
    interview_uuid: str,
    device_id: str,
    ward: str,
    actions: list[EntityAction],
    at: str | None = None,
) -> MergeOutcome:
    """Merge one received interview's entity actions (see the module docstring);
    EntityError when they are refused (nothing of them kept)."""
    if not actions:
        return MergeOutcome()
    outcome = merge_many(
        db, [InterviewActions(interview_uuid, device_id, ward, list(actions), at or now())]
    )
    if interview_uuid in outcome.refused:
        raise outcome.refused[interview_uuid]
    return outcome


# --- conflicts ------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityConflict:
    """An update the coordinator did not apply, with the entity as it is (side by side)."""

    id: int
    list_name: str
    entity_id: str
    kind: str
    interview_uuid: str
    device_id: str
    base_version: int | None
    current_version: int
    incoming: EntityAction
    #: The entity now (None if no longer held).
    current: EntityRow | None
    status: str
    created_at: str
    resolved_by: str | None = None
    resolved_at: str | None = None

    def properties(self) -> list[str]:
        """The properties to compare: the laptop's, then the others the entity has."""
        names = list(self.incoming.properties)
        if self.current is not None:
            names += [k for k in self.current.properties if k not in self.incoming.properties]
        return names

    def differing(self) -> list[str]:
        """The properties (and ``label``) whose two values differ."""
        cur = self.current
        out = []
        if self.incoming.label is not None and (cur is None or cur.label != self.incoming.label):
            out.append(LABEL)
        for name, value in self.incoming.properties.items():
            if cur is None or cur.properties.get(name) != value:
                out.append(name)
        return out


_CONFLICT_COLUMNS = ("id", "list", "entity_id", "kind", "interview_uuid", "device_id",
                     "base_version", "current_version", "incoming", "status", "created_at",
                     "resolved_by", "resolved_at")  # fmt: skip


def _conflict_of(db: Database, values: Any) -> EntityConflict:
    data = dict(zip(_CONFLICT_COLUMNS, values, strict=True))
    row = db.execute(
        "SELECT list, id, label, properties, version, trunk_version, branch_id FROM entities "
        "WHERE list = ? AND id = ?",
        [data["list"], data["entity_id"]],
    ).fetchone()
    current = None
    if row is not None:
        current = EntityRow(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6])
    return EntityConflict(
        id=data["id"], list_name=data["list"], entity_id=data["entity_id"], kind=data["kind"],
        interview_uuid=data["interview_uuid"], device_id=data["device_id"],
        base_version=data["base_version"], current_version=data["current_version"],
        incoming=EntityAction.from_json(json.loads(data["incoming"])), current=current,
        status=data["status"], created_at=data["created_at"], resolved_by=data["resolved_by"],
        resolved_at=data["resolved_at"],
    )  # fmt: skip


@storage_errors
def list_conflicts(
    db: Database, *, status: str | None = "open", list_name: str | None = None
) -> list[EntityConflict]:
    """Entity conflicts (open ones by default; ``status=None``: all), oldest first."""
    where, params = [], []
    if status is not None:
        where.append("status = ?")
        params.append(status)
    if list_name is not None:
        where.append("list = ?")
        params.append(list_name)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = db.execute(
        f"SELECT {', '.join(_CONFLICT_COLUMNS)} FROM entity_conflicts {clause} ORDER BY id",
        params,
    ).fetchall()
    return [_conflict_of(db, r) for r in rows]


@storage_errors
def get_conflict(db: Database, conflict_id: int) -> EntityConflict:
    row = db.execute(
        f"SELECT {', '.join(_CONFLICT_COLUMNS)} FROM entity_conflicts WHERE id = ?",
        [conflict_id],
    ).fetchone()
    if row is None:
        raise EntityError("entity.conflict_not_found", conflict=conflict_id)
    return _conflict_of(db, row)


@storage_errors
def resolve_conflict(
    db: Database,
    conflict_id: int,
    choice: Mapping[str, str],
    who: str,
    *,
    at: str | None = None,
) -> int | None:
    """Resolve an open conflict: for each property (and ``"label"``) of the laptop's
    update, ``"mine"`` keeps the network's value, ``"theirs"`` takes the laptop's (not
    named: ``"mine"``). Taking any value makes a new version of the entity (of the one it
    was merged into, for an update of a merged entity), which travels to the laptops.
    Returns that version (None: the entity kept its values). In the caller's
    transaction, with an audit entry (the choices, no values)."""
    conflict = get_conflict(db, conflict_id)
    if conflict.status != "open":
        raise EntityError("entity.conflict_resolved", conflict=conflict_id)
    incoming = conflict.incoming
    for name, pick in choice.items():
        if (
            pick not in CHOICES
            or (name != LABEL and name not in incoming.properties)
            or (name == LABEL and incoming.label is None)
        ):
            raise EntityError("entity.bad_choice", conflict=conflict_id, property=name[:80])
    at = at or now()
    target = (conflict.list_name, conflict.entity_id)
    row = db.execute(
        "SELECT rowid, label, properties, version, ward, deleted, merged_into FROM entities "
        "WHERE list = ? AND id = ?",
        list(target),
    ).fetchone()
    hops = 0
    while row is not None and row[5] and row[6] and hops < 20:  # merged: its keeper
        target = (conflict.list_name, row[6])
        row = db.execute(
            "SELECT rowid, label, properties, version, ward, deleted, merged_into FROM entities "
            "WHERE list = ? AND id = ?",
            list(target),
        ).fetchone()
        hops += 1
    taken = {k for k, v in choice.items() if v == "theirs"}
    version: int | None = None
    if row is not None and taken and not row[5]:
        rowid, label, properties_text, current, ward = row[:5]
        properties = json.loads(properties_text)
        new_label = incoming.label if LABEL in taken and incoming.label is not None else label
        new_properties = dict(properties)
        for name in taken - {LABEL}:
            new_properties[name] = incoming.properties[name]
        if (new_label, new_properties) != (label, properties):
            version = int(current) + 1
            db.execute(
                "UPDATE entities SET label = ?, properties = ?, version = ?, updated_at = ?, "
                "last_interview = NULL, last_branch = NULL, last_local = NULL WHERE rowid = ?",
                [new_label, dumps(new_properties), version, at, rowid],
            )
            was = search_body(target[0], label, properties, ward)
            body = search_body(target[0], new_label, new_properties, ward)
            search_replace(db, [[rowid, was, body]])
            write_versions(db, [[*target, version, "resolve", new_label, dumps(new_properties),
                                 conflict.interview_uuid, conflict.device_id,
                                 incoming.base_version, incoming.trunk_version,
                                 incoming.branch_id, None, at, who]])  # fmt: skip
    resolution = {"choice": dict(choice), "version": version}
    db.execute(
        "UPDATE entity_conflicts SET status = 'resolved', resolved_by = ?, resolved_at = ?, "
        "resolution = ? WHERE id = ?",
        [who, at, json.dumps(resolution), conflict_id],
    )
    append_entries(db, [Entry(conflict.interview_uuid, who, "entity-resolve",
                              f"{conflict.list_name}/{conflict.entity_id}", None,
                              resolution)])  # fmt: skip
    return version


# --- two entities that are one --------------------------------------------------------


@storage_errors
def merge_entities(
    db: Database, list_name: str, keep_id: str, drop_id: str, who: str, *, at: str | None = None
) -> int:
    """``drop_id`` is the same household as ``keep_id`` (registered twice): ``keep_id``
    keeps its values and takes those it lacks (or holds empty) from ``drop_id``;
    ``drop_id`` is deleted with ``merged_into`` = ``keep_id``. Both histories are kept
    (:func:`fieldsurvey.store.entities.history` of the keeper shows both); assignments
    move to the keeper; both changes travel to the laptops. Returns the keeper's new
    version. In the caller's transaction, with an audit entry."""
    check_list_name(list_name)
    if keep_id == drop_id:
        raise EntityError("entity.merge_same", list=list_name)
    at = at or now()
    rows = {}
    for entity_id in (keep_id, drop_id):
        row = db.execute(
            "SELECT rowid, label, properties, version, ward, deleted FROM entities "
            "WHERE list = ? AND id = ?",
            [list_name, entity_id],
        ).fetchone()
        if row is None or row[5]:
            raise EntityError("entity.merge_missing", list=list_name)
        rows[entity_id] = row
    k_rowid, k_label, k_props, k_version, k_ward, _ = rows[keep_id]
    d_rowid, d_label, d_props, d_version, d_ward, _ = rows[drop_id]
    keep_properties, drop_properties = json.loads(k_props), json.loads(d_props)
    merged = dict(keep_properties)
    for name, value in drop_properties.items():
        if not merged.get(name):
            merged[name] = value
    version = int(k_version) + 1
    db.execute(
        "UPDATE entities SET properties = ?, version = ?, updated_at = ?, last_interview = NULL, "
        "last_branch = NULL, last_local = NULL WHERE rowid = ?",
        [dumps(merged), version, at, k_rowid],
    )
    search_replace(db, [[k_rowid, search_body(list_name, k_label, keep_properties, k_ward),
                         search_body(list_name, k_label, merged, k_ward)]])  # fmt: skip
    db.execute(
        "UPDATE entities SET deleted = 1, merged_into = ?, version = ?, updated_at = ?, "
        "last_interview = NULL, last_branch = NULL, last_local = NULL WHERE rowid = ?",
        [keep_id, int(d_version) + 1, at, d_rowid],
    )
    search_delete(db, [[d_rowid, search_body(list_name, d_label, drop_properties, d_ward)]])
    write_versions(db, [
        [list_name, drop_id, int(d_version) + 1, "merged", d_label, d_props, None, None, None,
         None, None, None, at, who],
        [list_name, keep_id, version, "merge", k_label, dumps(merged), None, None, None, None,
         None, None, at, who],
    ])  # fmt: skip
    db.execute(
        "UPDATE OR IGNORE entity_assignments SET id = ? WHERE list = ? AND id = ?",
        [keep_id, list_name, drop_id],
    )
    db.execute("DELETE FROM entity_assignments WHERE list = ? AND id = ?", [list_name, drop_id])
    append_entries(db, [Entry(None, who, "entity-merge", list_name, None,
                              {"keep": keep_id, "drop": drop_id, "version": version})])  # fmt: skip
    return version
