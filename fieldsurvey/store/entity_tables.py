"""The entity lists' tables (migrations 0021 and 0022), their limits and the rows they hold.

Shared by :mod:`fieldsurvey.store.entities` (the public API), the laptop's side
(:mod:`~fieldsurvey.store.entity_local`), the coordinator's merge
(:mod:`~fieldsurvey.store.entity_merge`) and the lists that travel
(:mod:`~fieldsurvey.store.entity_share`).

Tables (0021):
    entity_lists(list, created_at, size)    lists this workspace knows (maybe empty), and
                                            how many rows each holds (the limit)
    entities(rowid, list, id, label, properties JSON, version, trunk_version, branch_id,
             ward, deleted, merged_into, interview_uuid, device_id, created_at,
             updated_at, last_interview, last_branch, last_local)
        one row per entity; ``last_*``: what made the current version (the interview, its
        offline branch and the laptop's version number after it), so the merge resolves
        a laptop's chain of updates from the row alone.
    entity_versions(seq, list, id, version, kind, label, properties, interview_uuid,
             device_id, base_version, trunk_version, branch_id, local_version, at, who)
        the history; ``seq`` numbers every change of the workspace, so it is also the
        coordinator's change counter for receipts (``entity_changes`` is a view of it).
    entity_search   FTS5 over the folded label, property values and ward of each live
        entity (rowid = entities.rowid), plus one token naming its list; contentless (a
        row leaves it with the text it was indexed with: :func:`search_body` of the row
        as stored), written in rowid order, prefix indexes of 1-3 characters.
    entity_conflicts(id, list, entity_id, kind, interview_uuid, device_id, base_version,
             current_version, incoming JSON, status, resolved_by, resolved_at, created_at)
    entity_trunk(list, id, ...)   laptop: the coordinator's row received while local
        updates of that entity were not yet acknowledged (settled later).
    entity_assignments(list, id, device_id, wave, assigned_at, assigned_by, status)
0022: ``interviews.entity_actions`` (TEXT, the JSON list of the interview's actions).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fieldsurvey.errors import EntityError
from fieldsurvey.forms.entity_model import EntityAction, EntityRow

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database

# --- limits ---------------------------------------------------------------------------

#: A list name (an XML name ODK accepts, and a file name ``LIST.csv``).
LIST_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")
#: A property name (``save_to``): the same shape, not one of the system columns.
PROPERTY_NAME = LIST_NAME
RESERVED_PROPERTIES = frozenset({"name", "label"})
MAX_PROPERTIES = 200
MAX_VALUE_CHARS = 4_000
MAX_LABEL_CHARS = 1_000
MAX_ACTIONS = 100
MAX_ENTITIES_PER_LIST = 1_000_000
#: An entity id (a uuid from entity_id_for; received ids are checked against this).
MAX_ID_CHARS = 100

#: Kinds of history rows.
KINDS = ("create", "update", "correct", "base", "resolve", "merge", "merged", "assign")
#: Conflict kinds and statuses.
CONFLICT_KINDS = ("update", "id-collision", "merged", "deleted")
CONFLICT_STATUSES = ("open", "resolved")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# --- migrations -----------------------------------------------------------------------


def migrate_entities(db: Database) -> None:
    """0021: the entity lists, their history, search, conflicts and assignments."""
    db.execute(
        "CREATE TABLE entity_lists (list TEXT PRIMARY KEY, created_at TEXT NOT NULL, "
        "size INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute(
        """CREATE TABLE entities (
            rowid INTEGER PRIMARY KEY,
            list TEXT NOT NULL,
            id TEXT NOT NULL,
            label TEXT NOT NULL,
            properties TEXT NOT NULL DEFAULT '{}',
            version INTEGER NOT NULL,
            trunk_version INTEGER,
            branch_id TEXT,
            ward TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0,
            merged_into TEXT,
            interview_uuid TEXT,
            device_id TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            last_interview TEXT,
            last_branch TEXT,
            last_local INTEGER,
            UNIQUE (list, id)
        )"""
    )
    # The picker's and the lists' order (and counts: a covering walk of one list).
    db.execute("CREATE INDEX idx_entities_by_label ON entities (list, deleted, label)")
    db.execute("CREATE INDEX idx_entities_by_ward ON entities (ward, list)")
    # No CHECK on kind: an IN list builds a temporary index at each row inserted (a
    # third of the insert's cost under SQLCipher); KINDS is checked in Python.
    db.execute(
        """CREATE TABLE entity_versions (
            seq INTEGER PRIMARY KEY,
            list TEXT NOT NULL,
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            kind TEXT NOT NULL,
            label TEXT NOT NULL,
            properties TEXT NOT NULL,
            interview_uuid TEXT,
            device_id TEXT,
            base_version INTEGER,
            trunk_version INTEGER,
            branch_id TEXT,
            local_version INTEGER,
            at TEXT NOT NULL,
            who TEXT
        )"""
    )
    db.execute("CREATE INDEX idx_entity_versions_entity ON entity_versions (list, id, seq)")
    # The coordinator's change counter: every history row is a change of its entity.
    db.execute("CREATE VIEW entity_changes AS SELECT seq, list, id, version FROM entity_versions")
    db.execute(
        "CREATE VIRTUAL TABLE entity_search USING fts5(body, content='', columnsize=0, "
        "detail=none, prefix='1 2 3', tokenize='unicode61 remove_diacritics 2')"
    )
    conflict_kinds = ", ".join(f"'{k}'" for k in CONFLICT_KINDS)
    statuses = ", ".join(f"'{s}'" for s in CONFLICT_STATUSES)
    db.execute(
        f"""CREATE TABLE entity_conflicts (
            id INTEGER PRIMARY KEY,
            list TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ({conflict_kinds})),
            interview_uuid TEXT NOT NULL,
            device_id TEXT NOT NULL,
            base_version INTEGER,
            current_version INTEGER NOT NULL,
            incoming TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ({statuses})),
            resolved_by TEXT,
            resolved_at TEXT,
            resolution TEXT,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_entity_conflicts_status ON entity_conflicts (status, id)")
    db.execute("CREATE INDEX idx_entity_conflicts_entity ON entity_conflicts (list, entity_id)")
    db.execute(
        """CREATE TABLE entity_trunk (
            list TEXT NOT NULL,
            id TEXT NOT NULL,
            label TEXT NOT NULL,
            properties TEXT NOT NULL,
            version INTEGER NOT NULL,
            ward TEXT NOT NULL,
            deleted INTEGER NOT NULL,
            merged_into TEXT,
            PRIMARY KEY (list, id)
        )"""
    )
    db.execute(
        """CREATE TABLE entity_assignments (
            list TEXT NOT NULL,
            id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            wave TEXT NOT NULL DEFAULT '',
            assigned_at TEXT NOT NULL,
            assigned_by TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'assigned',
            PRIMARY KEY (list, id, device_id, wave)
        )"""
    )
    db.execute("CREATE INDEX idx_entity_assignments_device ON entity_assignments (device_id)")


def migrate_interview_entity_actions(db: Database) -> None:
    """0022: each interview's entity actions (JSON list of ``EntityAction.to_json()``)."""
    db.execute("ALTER TABLE interviews ADD COLUMN entity_actions TEXT NOT NULL DEFAULT '[]'")


# --- folding and search ---------------------------------------------------------------


def fold(text: str) -> str:
    """Text as the search index holds it: NFC, "đ"/"Đ" read as "d"/"D" (the tokenizer,
    ``unicode61 remove_diacritics 2``, removes the other diacritics and the case), as
    :func:`fieldsurvey.store.interview_listing.search_terms` folds the interviews'."""
    return unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")


def list_token(list_name: str) -> str:
    """The one token in an entity's search text naming its list (hex: one token)."""
    return "zzl" + list_name.encode("utf-8").hex()


def search_body(list_name: str, label: str, properties: Mapping[str, str], ward: str) -> str:
    return fold(" ".join([list_token(list_name), label, ward, *properties.values()]))


def search_query(list_name: str, text: str) -> str:
    """The FTS5 query: the list's token, and each word typed as the start of a word."""
    words = re.findall(r"\w+", fold(text))
    return " ".join([list_token(list_name), *(f'"{w}"*' for w in words)])


# --- rows -----------------------------------------------------------------------------

ROW_COLUMNS = ("list", "id", "label", "properties", "version", "trunk_version", "branch_id")
ROW_SQL = ", ".join(ROW_COLUMNS)


def dumps(properties: Mapping[str, str]) -> str:
    return json.dumps(dict(properties), ensure_ascii=False, separators=(",", ":"))


def row_of(values: Any) -> EntityRow:
    """An :class:`EntityRow` from a SELECT of :data:`ROW_COLUMNS`."""
    return EntityRow(
        list_name=values[0],
        entity_id=values[1],
        label=values[2],
        properties=json.loads(values[3]),
        version=values[4],
        trunk_version=values[5],
        branch_id=values[6],
    )


def ensure_lists(db: Database, names: Iterable[str], at: str | None = None) -> None:
    """Record the lists ``names`` (checked) as known to this workspace."""
    wanted = sorted(set(names))
    for name in wanted:
        check_list_name(name)
    if wanted:
        db.executemany(
            "INSERT OR IGNORE INTO entity_lists (list, created_at) VALUES (?, ?)",
            [[n, at or now()] for n in wanted],
        )


def rowids_of(db: Database, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(list, id) -> rowid of the entities held among ``keys`` (read in chunks)."""
    by_list: dict[str, list[str]] = {}
    for list_name, entity_id in keys:
        by_list.setdefault(list_name, []).append(entity_id)
    out: dict[tuple[str, str], int] = {}
    for list_name, ids in by_list.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for rowid, entity_id in db.execute(
                f"SELECT rowid, id FROM entities WHERE list = ? "
                f"AND id IN ({', '.join('?' * len(chunk))})",
                [list_name, *chunk],
            ):
                out[(list_name, entity_id)] = int(rowid)
    return out


def search_insert(db: Database, rows: list[list[Any]]) -> None:
    """Index ``[rowid, body]`` rows, in rowid order: FTS5 writes its pending terms out
    each time a rowid comes before the one written last (five times the cost)."""
    if rows:
        db.executemany(
            "INSERT INTO entity_search (rowid, body) VALUES (?, ?)",
            sorted(rows, key=lambda r: r[0]),
        )


def search_delete(db: Database, rows: list[list[Any]]) -> None:
    """Take ``[rowid, body]`` rows out of the index. The index keeps no copy of the text
    (contentless), so ``body`` must be the text it was indexed with: the entity's row
    as stored (:func:`search_body`): a third of the cost of contentless_delete's
    tombstones."""
    if rows:
        db.executemany(
            "INSERT INTO entity_search (entity_search, rowid, body) VALUES ('delete', ?, ?)",
            sorted(rows, key=lambda r: r[0]),
        )


def search_replace(db: Database, rows: list[list[Any]]) -> None:
    """Re-index ``[rowid, old body, new body]`` rows (those whose text changed)."""
    changed = [r for r in rows if r[1] != r[2]]
    search_delete(db, [[r[0], r[1]] for r in changed])
    search_insert(db, [[r[0], r[2]] for r in changed])


def rebuild_search(db: Database) -> None:
    """Index every live entity again (after a change of :func:`search_body`)."""
    db.execute("INSERT INTO entity_search (entity_search) VALUES ('delete-all')")
    rows = db.execute(
        "SELECT rowid, list, label, properties, ward FROM entities WHERE deleted = 0"
    ).fetchall()
    search_insert(db, [[r[0], search_body(r[1], r[2], json.loads(r[3]), r[4])] for r in rows])


VERSION_COLUMNS = (
    "list", "id", "version", "kind", "label", "properties", "interview_uuid", "device_id",
    "base_version", "trunk_version", "branch_id", "local_version", "at", "who",
)  # fmt: skip


def write_versions(db: Database, rows: list[list[Any]]) -> None:
    """Append history rows (values in :data:`VERSION_COLUMNS` order)."""
    if rows:
        db.executemany(
            f"INSERT INTO entity_versions ({', '.join(VERSION_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(VERSION_COLUMNS))})",
            rows,
        )


# --- checks ---------------------------------------------------------------------------


def check_list_name(name: str) -> None:
    if not isinstance(name, str) or not LIST_NAME.match(name):
        raise EntityError("entity.bad_list_name", list=str(name)[:80])


def check_entity_id(list_name: str, entity_id: str) -> None:
    if not isinstance(entity_id, str) or not entity_id.strip() or len(entity_id) > MAX_ID_CHARS:
        raise EntityError("entity.bad_id", list=list_name)


def check_values(list_name: str, label: str | None, properties: Mapping[str, str]) -> None:
    """The limits on what one entity holds (names of lists and properties, counts and
    lengths only in the message: never a value)."""
    if label is not None and len(label) > MAX_LABEL_CHARS:
        raise EntityError("entity.label_too_long", list=list_name, limit=MAX_LABEL_CHARS)
    if len(properties) > MAX_PROPERTIES:
        raise EntityError(
            "entity.too_many_properties", list=list_name, count=len(properties),
            limit=MAX_PROPERTIES,
        )  # fmt: skip
    for key, value in properties.items():
        if not PROPERTY_NAME.match(key) or key in RESERVED_PROPERTIES:
            raise EntityError("entity.bad_property_name", list=list_name, property=key[:80])
        if len(value) > MAX_VALUE_CHARS:
            raise EntityError(
                "entity.value_too_long", list=list_name, property=key, limit=MAX_VALUE_CHARS
            )


def check_actions(actions: list[EntityAction]) -> None:
    """Every limit an interview's actions must respect, before anything is written."""
    if len(actions) > MAX_ACTIONS:
        raise EntityError("entity.too_many_actions", count=len(actions), limit=MAX_ACTIONS)
    for action in actions:
        check_list_name(action.list_name)
        check_entity_id(action.list_name, action.entity_id)
        check_values(action.list_name, action.label, action.properties)


def add_rows(db: Database, adding: Mapping[str, int], at: str | None = None) -> None:
    """Count ``adding[list]`` new rows in their lists (recorded if new); EntityError when
    a list would pass :data:`MAX_ENTITIES_PER_LIST` (the caller's transaction then
    rolls back: nothing is kept)."""
    wanted = {k: v for k, v in adding.items() if v}
    if not wanted:
        return
    ensure_lists(db, wanted, at)
    for list_name, more in wanted.items():
        held = db.execute("SELECT size FROM entity_lists WHERE list = ?", [list_name]).fetchone()
        if int(held[0]) + more > MAX_ENTITIES_PER_LIST:
            raise EntityError("entity.list_full", list=list_name, limit=MAX_ENTITIES_PER_LIST)
    db.executemany(
        "UPDATE entity_lists SET size = size + ? WHERE list = ?",
        [[more, name] for name, more in wanted.items()],
    )


def merged_properties(old: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str]:
    """An update's properties: the old ones with the saved ones replaced (ODK keeps the
    properties an update does not save)."""
    out = dict(old)
    out.update(new)
    return out
