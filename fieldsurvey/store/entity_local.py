"""Entity lists on the laptop: what the engine and the picker read, and what completing an
interview does to them at once (before any sync).

Versions as ODK's offline-entities spec (2024.1) numbers them on a device: an entity the
laptop creates has version 1, no trunk version and no branch; an update made on the laptop
is version + 1, keeps the trunk version (the last coordinator version the laptop had) and
sets the branch the action carries (the chain of offline updates since that trunk
version). Received rows (:mod:`fieldsurvey.store.entity_share`) set the trunk again.

Completing an interview (:func:`on_complete`, called in ``interviews.complete``'s
transaction) works out its actions with the form (``forms/entity_actions.py``), stores
them in ``interviews.entity_actions`` and applies them (:func:`apply_local`); an
:class:`EntityError` refuses the completion and nothing is kept. A re-completed interview
reopened before it was sent first takes back what its earlier completion did to entities
nobody changed since (that completion never left the laptop), so the chain a bundle
carries stays the one the coordinator can follow; a returned interview (merged already)
acts again on top, and the coordinator takes its new values as a correction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from fieldsurvey.errors import EntityError, FormNotFoundError
from fieldsurvey.forms.entity_model import EntityAction, EntityRow
from fieldsurvey.store.audit import Entry, append_entries
from fieldsurvey.store.database import Database, storage_errors
from fieldsurvey.store.entity_tables import (
    ROW_SQL,
    add_rows,
    check_actions,
    dumps,
    merged_properties,
    now,
    row_of,
    search_body,
    search_delete,
    search_insert,
    search_query,
    search_replace,
    write_versions,
)

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

#: The audit action of an interview's entity changes on the laptop.
AUDIT_ACTION = "entities"
#: Kinds of history rows the laptop writes for its own interviews.
LOCAL_KINDS = ("create", "update", "correct")


def _database(source: Workspace | Database) -> Database:
    return source if isinstance(source, Database) else source.db


class StoreEntitySource:
    """The workspace's entity lists as the engine and the picker read them
    (:class:`~fieldsurvey.forms.entity_model.EntitySource`). Pass the workspace (each
    call then uses the calling thread's connection) or a connection (inside a
    transaction: reads see its writes)."""

    def __init__(self, source: Workspace | Database) -> None:
        self._source = source

    @property
    def _db(self) -> Database:
        return _database(self._source)

    @storage_errors
    def has_list(self, list_name: str) -> bool:
        db = self._db
        if db.execute("SELECT 1 FROM entity_lists WHERE list = ?", [list_name]).fetchone():
            return True
        return db.execute("SELECT 1 FROM entities WHERE list = ? LIMIT 1", [list_name]).fetchone() \
            is not None  # fmt: skip

    @storage_errors
    def get(self, list_name: str, entity_id: str) -> EntityRow | None:
        row = self._db.execute(
            f"SELECT {ROW_SQL} FROM entities WHERE list = ? AND id = ? AND deleted = 0",
            [list_name, entity_id],
        ).fetchone()
        return None if row is None else row_of(row)

    def rows(self, list_name: str) -> Iterator[EntityRow]:
        """Every live entity of the list, by label (then id), read in pages."""
        after: tuple[str, str] | None = None
        while True:
            page = self._page(list_name, after, 1_000)
            yield from page
            if len(page) < 1_000:
                return
            after = (page[-1].label, page[-1].entity_id)

    @storage_errors
    def _page(self, list_name: str, after: tuple[str, str] | None, limit: int) -> list[EntityRow]:
        keyset = "" if after is None else "AND (label, id) > (?, ?)"
        cursor = self._db.execute(
            f"SELECT {ROW_SQL} FROM entities INDEXED BY idx_entities_by_label "
            f"WHERE list = ? AND deleted = 0 {keyset} ORDER BY label, id LIMIT ?",
            [list_name, *(after or ()), limit],
        )
        return [row_of(r) for r in cursor]

    @storage_errors
    def search(self, list_name: str, text: str, limit: int = 50) -> list[EntityRow]:
        """Live entities of the list with a word starting with each word of ``text``
        (label, property values, ward; case, diacritics and "đ" ignored): at most
        ``limit`` of them (the first found), shown by label; the list's first ``limit``
        by label when ``text`` has no word."""
        query = search_query(list_name, text)
        if " " not in query:  # no word typed
            return self._page(list_name, None, limit)
        cursor = self._db.execute(
            f"SELECT {', '.join('e.' + c for c in ROW_SQL.split(', '))} FROM entity_search s "
            "JOIN entities e ON e.rowid = s.rowid "
            "WHERE entity_search MATCH ? AND e.list = ? AND e.deleted = 0 LIMIT ?",
            [query, list_name, limit],
        )
        found = [row_of(r) for r in cursor]
        found.sort(key=lambda r: (r.label.casefold(), r.entity_id))
        return found

    @storage_errors
    def count(self, list_name: str) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM entities INDEXED BY idx_entities_by_label "
            "WHERE list = ? AND deleted = 0",
            [list_name],
        ).fetchone()
        return int(row[0])


# --- an interview's actions -----------------------------------------------------------


@storage_errors
def actions_of(source: Workspace | Database, interview_uuid: str) -> list[EntityAction]:
    """The entity actions stored with the interview (empty when none, or no interview)."""
    row = (
        _database(source)
        .execute("SELECT entity_actions FROM interviews WHERE uuid = ?", [interview_uuid])
        .fetchone()
    )
    if row is None or not row[0]:
        return []
    return [EntityAction.from_json(item) for item in json.loads(row[0])]


def _current(db: Database, list_name: str, entity_id: str) -> dict[str, Any] | None:
    row = db.execute(
        "SELECT rowid, label, properties, version, trunk_version, branch_id, deleted, "
        "interview_uuid, ward, last_interview FROM entities WHERE list = ? AND id = ?",
        [list_name, entity_id],
    ).fetchone()
    if row is None:
        return None
    names = ("rowid", "label", "properties", "version", "trunk_version", "branch_id",
             "deleted", "interview_uuid", "ward", "last_interview")  # fmt: skip
    out = dict(zip(names, row, strict=True))
    out["properties"] = json.loads(out["properties"])
    return out


def _body(list_name: str, cur: dict[str, Any]) -> str:
    """The search text ``cur`` (a :func:`_current` row) is indexed with."""
    return search_body(list_name, cur["label"], cur["properties"], cur["ward"])


def _latest_version(db: Database, list_name: str, entity_id: str) -> tuple[Any, ...] | None:
    return db.execute(  # type: ignore[no-any-return]
        "SELECT seq, version, kind, label, properties, interview_uuid, trunk_version, branch_id "
        "FROM entity_versions WHERE list = ? AND id = ? ORDER BY seq DESC LIMIT 1",
        [list_name, entity_id],
    ).fetchone()


@storage_errors
def apply_local(
    db: Database,
    interview_uuid: str,
    actions: list[EntityAction],
    *,
    device_id: str = "",
    who: str = "",
    at: str | None = None,
) -> list[tuple[str, str, int]]:
    """Store ``actions`` as the interview's and apply them to this workspace's lists, in
    the caller's transaction: a create adds version 1, an update makes version + 1 with
    the saved properties replaced (the others kept), the label replaced unless None,
    the trunk version kept and the action's branch set. An audit entry names what
    changed (lists, ids, versions: no values). Returns ``(list, id, version)`` per action.

    EntityError (nothing written by this call once the caller rolls back): a limit
    passed, an update of an entity this workspace does not hold (or merged away:
    ``entity.unknown_entity``), a create of an id another interview created
    (``entity.id_collision``).
    """
    check_actions(actions)
    at = at or now()
    done: list[tuple[str, str, int]] = []
    adding: dict[str, int] = {}
    for action in actions:
        done.append(_apply_one(db, interview_uuid, action, device_id, who, at, adding))
    add_rows(db, adding, at)
    db.execute(
        "UPDATE interviews SET entity_actions = ? WHERE uuid = ?",
        [json.dumps([a.to_json() for a in actions], ensure_ascii=False), interview_uuid],
    )
    if done:
        summary = [{"list": k, "id": i, "version": v} for k, i, v in done]
        append_entries(db, [Entry(interview_uuid, who, AUDIT_ACTION, None, None, summary)])
    return done


def _apply_one(
    db: Database,
    interview_uuid: str,
    action: EntityAction,
    device_id: str,
    who: str,
    at: str,
    adding: dict[str, int],
) -> tuple[str, str, int]:
    key = (action.list_name, action.entity_id)
    cur = _current(db, *key)
    if action.verb == "create" and cur is None:
        label = action.label or ""
        db.execute(
            "INSERT INTO entities (list, id, label, properties, version, ward, interview_uuid, "
            "device_id, created_at, updated_at, last_interview, last_local) "
            "VALUES (?, ?, ?, ?, 1, '', ?, ?, ?, ?, ?, 1)",
            [*key, label, dumps(action.properties), interview_uuid, device_id, at, at,
             interview_uuid],
        )  # fmt: skip
        rowid = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        search_insert(db, [[rowid, search_body(action.list_name, label, action.properties, "")]])
        write_versions(db, [[*key, 1, "create", label, dumps(action.properties), interview_uuid,
                             device_id, None, None, None, 1, at, who]])  # fmt: skip
        adding[action.list_name] = adding.get(action.list_name, 0) + 1
        return (*key, 1)
    if cur is None or cur["deleted"]:
        raise EntityError("entity.unknown_entity", list=action.list_name)
    if action.verb == "create" and cur["interview_uuid"] != interview_uuid:
        raise EntityError("entity.id_collision", list=action.list_name)
    latest = _latest_version(db, *key)
    if latest is None or (latest[1], latest[3], json.loads(latest[4])) != (
        cur["version"],
        cur["label"],
        cur["properties"],
    ):  # the state this update starts from is not in the history (received): keep it
        write_versions(db, [[*key, cur["version"], "base", cur["label"],
                             dumps(cur["properties"]), None, None, None, cur["trunk_version"],
                             cur["branch_id"], None, at, None]])  # fmt: skip
    if action.verb == "create":  # the same interview, completed again: its values now
        kind, properties, branch = "correct", dict(action.properties), cur["branch_id"]
    else:
        kind, branch = "update", action.branch_id
        properties = merged_properties(cur["properties"], action.properties)
    label = cur["label"] if action.label is None else action.label
    version = int(cur["version"]) + 1
    db.execute(
        "UPDATE entities SET label = ?, properties = ?, version = ?, branch_id = ?, "
        "updated_at = ?, last_interview = ?, last_branch = ?, last_local = ? WHERE rowid = ?",
        [label, dumps(properties), version, branch, at, interview_uuid, branch, version,
         cur["rowid"]],
    )  # fmt: skip
    body = search_body(action.list_name, label, properties, cur["ward"])
    search_replace(db, [[cur["rowid"], _body(action.list_name, cur), body]])
    history = [*key, version, kind, label, dumps(properties), interview_uuid, device_id,
               action.base_version, cur["trunk_version"], branch, version, at, who]  # fmt: skip
    write_versions(db, [history])
    return (*key, version)


def undo_local(db: Database, interview_uuid: str, previous: list[EntityAction]) -> int:
    """Take back what the interview's earlier completion (its actions ``previous``) did
    to entities whose latest version it made and that no receipt replaced since: a
    create is removed, an update gives way to the version before it. Returns how many."""
    undone = 0
    for list_name, entity_id in dict.fromkeys((a.list_name, a.entity_id) for a in previous):
        cur = _current(db, list_name, entity_id)
        latest = _latest_version(db, list_name, entity_id)
        if (cur is None or latest is None or latest[5] != interview_uuid
                or latest[2] not in LOCAL_KINDS or cur["version"] != latest[1]
                or cur["last_interview"] != interview_uuid):  # fmt: skip
            continue  # changed since (by another interview, or a received row)
        db.execute("DELETE FROM entity_versions WHERE seq = ?", [latest[0]])
        if latest[2] == "create":
            db.execute("DELETE FROM entities WHERE rowid = ?", [cur["rowid"]])
            search_delete(db, [[cur["rowid"], _body(list_name, cur)]])
            db.execute("UPDATE entity_lists SET size = size - 1 WHERE list = ?", [list_name])
        else:
            before = _latest_version(db, list_name, entity_id)
            if before is None:  # cannot happen: an update writes the state it starts from
                continue
            _, b_version, _, b_label, b_properties, b_interview, b_trunk, b_branch = before
            db.execute(
                "UPDATE entities SET label = ?, properties = ?, version = ?, trunk_version = ?, "
                "branch_id = ?, last_interview = ?, last_branch = ?, last_local = ? "
                "WHERE rowid = ?",
                [b_label, b_properties, b_version, b_trunk, b_branch, b_interview, b_branch,
                 b_version, cur["rowid"]],
            )  # fmt: skip
            search_replace(db, [[cur["rowid"], _body(list_name, cur),
                                 search_body(list_name, b_label, json.loads(b_properties),
                                             cur["ward"])]])  # fmt: skip
        undone += 1
    return undone


# --- the completion hook --------------------------------------------------------------


def on_complete(ws: Workspace, interview: Any, *, who: str) -> None:
    """Completing ``interview`` (an ``interviews.Interview``, in the completion's
    transaction): its entity actions worked out, stored and applied on this workspace.
    A form that declares no entities (and an interview that had no actions) does nothing.
    EntityError refuses the completion (the caller's transaction rolls back)."""
    db = ws.db
    previous = actions_of(db, interview.uuid)
    declares = _declares_entities(db, interview.form_id, interview.form_version)
    if not declares and not previous:
        return
    compiled = _compiled(ws, interview.form_id, interview.form_version) if declares else None
    try:
        from fieldsurvey.forms.entity_actions import entity_actions
    except ImportError:  # pragma: no cover - the forms side not there (older tree)
        return
    if str(interview.status) == "draft":  # reopened before it was sent: take back
        undo_local(db, interview.uuid, previous)
    actions: list[EntityAction] = []
    if compiled is not None:
        actions = entity_actions(
            compiled, dict(interview.answers), device_id=interview.device_id,
            previous=previous, source=StoreEntitySource(db),
        )  # fmt: skip
    apply_local(db, interview.uuid, actions, device_id=interview.device_id, who=who)


def _declares_entities(db: Database, form_id: str, version: str) -> bool:
    """Whether the installed form version declares entities (read from its stored
    definition, without compiling a form that does not)."""
    row = db.execute(
        "SELECT definition FROM forms WHERE form_id = ? AND version = ?", [form_id, version]
    ).fetchone()
    return row is not None and _DECLARES.search(row[0]) is not None


#: A FormSpec's JSON with a non-empty ``entities`` list (only FormSpec has that key).
_DECLARES = re.compile(r'"entities"\s*:\s*\[\s*\{')


def _compiled(ws: Workspace, form_id: str, version: str) -> Any:
    from fieldsurvey.forms.installed import compiled_form

    try:
        return compiled_form(ws, form_id, version or None)
    except FormNotFoundError:
        return None
