"""Analysis tables: every interview's answers kept as columns, for reports and exports
(issue 15; docs/store.md, "Analysis tables").

Per installed form, one table with one row per interview that is not a draft (its
metadata and one column per question outside repeats, over the union of the form's
installed versions) and one table per repeat with one row per instance (the interview's
row id, its position, its parent instance and one column per question of the repeat).
Table and column names are generated (``analysis_1``, ``analysis_1_2``, ``c7``) and
mapped to form ids and field paths in the catalogue (``analysis_forms``,
``analysis_repeats``, ``analysis_columns``): a name from a form never reaches SQL text.

A column holds the answer exactly as the document holds it: text, whole number or
number (columns have no type affinity, so SQLite never turns the text ``"007"`` into 7
or 3 into 3.0, which an export would show); a select_multiple's list is its names joined
by spaces. An answer a column cannot hold exactly (true/false, a list where one value
goes, a number that is not finite, a text with a lone surrogate, a group that is not an
object, ...) marks the interview ``_odd``: readers then read that interview's document,
so what they give never differs from reading every document.

Kept up to date in the transaction that changes an interview: triggers on ``interviews``
note each changed uuid in ``analysis_stale``; :func:`refresh` (called by the merge, by
the lifecycle's transitions and by the migration) rewrites those rows. A reader treats a
uuid still noted as stale like an odd one (its document is read), so a write path that
does not call :func:`refresh` (autosave of a returned interview, the purge) never gives a
stale answer. When the installed versions of a form change, :func:`refresh` adds the new
columns (``ALTER TABLE ADD COLUMN``) and refills that form's rows; until then readers
see that the tables do not match the installed versions (:func:`layout_of` is None) and
read the documents.

API:
    migrate_analysis_tables(db)         migration 0019 (catalogue, triggers, backfill)
    migrate_export_order_index(db)      migration 0029 (each main table's order index)
    order_index(table) -> str           its name
    refresh(db, written=None) -> int    rewrite the rows noted stale (merge, lifecycle);
                                        Written(form_id, meta, answers): rows a writer
                                        just stored, not read back
    forms_changed(db)                   a form version was installed or removed
    layout_of(ws, form_id) -> Layout | None   (None: read the documents)
    Scope (one table: its fields and child repeats), Layout (the form's scopes)
    Selection(ward_keys=None, date_from=None, date_to=None)
    read_main(ws, layout, paths, *, meta=(), where=Selection()) -> MainRows
    read_repeat(ws, layout, scope, paths, *, where=Selection()) -> RepeatRows
    main_chunk(ws, layout, ids, paths); repeat_chunk(ws, layout, scope, ids, paths)
        the rows of some interviews (exports read their order in chunks)
    count_instances(ws, scope, left_out=())
    documents(ws, uuids) -> list[(REPORT_COLUMNS..., answers text)]
    ward_key(answers, ward, steps, lookup) -> str ; interview_day(answers, created)
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.store.database import Database, storage_errors, translating_errors

if TYPE_CHECKING:
    from fieldsurvey.forms.spec import FormSpec, Node
    from fieldsurvey.store.workspace import Workspace

#: The interview's metadata in every main table, in this order, after ``_id``.
META = (
    "uuid", "form_version", "status", "ward", "household_id", "enumerator", "device_id",
    "created", "updated", "revision",
)  # fmt: skip
#: The report's ward key, the interview date (ISO) and the odd flag.
DERIVED = ("_ward_key", "_date", "_odd")
UNKNOWN_WARD = "_unknown"  # the key of interviews without a ward (reports/report_scope.py)
NO_DATA_TYPES = frozenset({"note", "trigger"})
BATCH = 1000
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_COLUMN_SQL = ", ".join(f'"{m}"' for m in META)


def _q(name: str) -> str:
    """A generated identifier, quoted (they never come from a form, but still)."""
    return '"' + name.replace('"', '""') + '"'


# --- the shape of a form ---------------------------------------------------------------


@dataclass
class Scope:
    """One table: the form's (``path`` "") or one repeat's."""

    table: str
    path: str  # the repeat's path in the form ("" for the form itself)
    rel: str  # its path inside the parent instance
    parent: Scope | None
    #: path inside the instance -> (column, question type); the type of the newest version
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)
    children: dict[str, Scope] = field(default_factory=dict)  # by rel

    def column(self, rel: str) -> str | None:
        found = self.fields.get(rel)
        return found[0] if found else None


@dataclass
class Layout:
    """A form's tables, as the catalogue names them, for its installed versions."""

    form_id: str
    number: int
    versions: str  # the key of the installed versions these tables follow
    main: Scope
    scopes: dict[str, Scope]  # by repeat path ("" the main table)
    ward_steps: tuple[str, ...] | None  # the ward question's steps (newest version)
    ward_lookup: dict[str, str]  # normalised label or name -> choice name

    def all_scopes(self) -> list[Scope]:
        return list(self.scopes.values())


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


class _Shape(NamedTuple):
    """The union of a form's versions: per scope (repeat path), its questions (path inside
    the instance -> type), groups and child repeats (path -> rel inside its parent)."""

    fields: dict[str, dict[str, str]]
    groups: dict[str, set[str]]
    repeats: dict[str, tuple[str, str]]  # repeat path -> (parent repeat path, rel)
    ward_steps: tuple[str, ...] | None
    ward_lookup: dict[str, str]


def _shape(specs: Sequence[FormSpec]) -> _Shape:
    """``specs`` newest first (a path's type is the first met, as exports take it)."""
    fields: dict[str, dict[str, str]] = {"": {}}
    groups: dict[str, set[str]] = {"": set()}
    repeats: dict[str, tuple[str, str]] = {}

    def walk(nodes: list[Node], scope: str) -> None:
        for node in nodes:
            rel = node.path[len(scope) :].lstrip("/") if scope else node.path
            if node.kind == "repeat":
                if node.path not in repeats:
                    repeats[node.path] = (scope, rel)
                    fields.setdefault(node.path, {})
                    groups.setdefault(node.path, set())
                walk(node.children, node.path)
            elif node.kind == "group":
                groups[scope].add(rel)
                walk(node.children, scope)
            elif node.type not in NO_DATA_TYPES:
                fields[scope].setdefault(rel, node.type)

    for spec in specs:
        walk(spec.children, "")
    newest = specs[0]
    ward_steps: tuple[str, ...] | None = None
    lookup: dict[str, str] = {}
    name = newest.settings.get("ward_field", "").strip()
    by_name = newest.by_name()
    if name and name in by_name:
        ward_steps = _steps(newest, name)
        node = by_name[name]
        for choice in newest.choices.get(node.choices or "", []) if node.choices else []:
            lookup[_norm(choice.name)] = choice.name
            for text in choice.label.values():
                lookup.setdefault(_norm(text), choice.name)
    return _Shape(fields, groups, repeats, ward_steps, lookup)


def _steps(spec: FormSpec, name: str) -> tuple[str, ...]:
    """The steps to ``name`` from the root or its repeat instance (as reports read it)."""

    def find(nodes: list[Node], prefix: tuple[str, ...]) -> tuple[str, ...] | None:
        found = None
        for node in nodes:
            steps = (*prefix, node.name)
            if node.name == name:
                found = steps
            if node.kind == "repeat":
                inner = find(node.children, ())
            elif node.kind == "group":
                inner = find(node.children, steps)
            else:
                inner = None
            if inner is not None:
                found = inner
        return found

    return find(spec.children, ()) or (name,)


def _installed(db: Database) -> dict[str, list[tuple[str, str]]]:
    """form id -> [(version, hash)], newest (last added) first."""
    out: dict[str, list[tuple[str, str]]] = {}
    rows = db.execute("SELECT form_id, version, hash FROM forms ORDER BY form_id, added, rowid")
    for form_id, version, hash_ in rows:
        out.setdefault(str(form_id), []).insert(0, (str(version), str(hash_)))
    return out


def _versions_key(versions: Sequence[tuple[str, str]]) -> str:
    text = json.dumps([[v, h] for v, h in versions])
    return hashlib.sha256(text.encode()).hexdigest()


_SHAPES: dict[tuple[str, str], _Shape | None] = {}


def _shape_of(db: Database, form_id: str, versions: Sequence[tuple[str, str]]) -> _Shape | None:
    """The union of the versions (parsed once per set of versions and hashes); None
    when a definition does not parse as a form (e.g. a stub)."""
    key = (form_id, _versions_key(versions))
    if key in _SHAPES:
        return _SHAPES[key]
    from fieldsurvey.forms.spec import FormSpec

    specs = []
    for version, _ in versions:
        row = db.execute(
            "SELECT definition FROM forms WHERE form_id = ? AND version = ?", [form_id, version]
        ).fetchone()
        try:
            specs.append(FormSpec.model_validate_json(row[0]))
        except ValueError:
            _SHAPES[key] = None
            return None
    shape = _SHAPES[key] = _shape(specs)
    return shape


def _layout(db: Database, form_id: str, shape: _Shape, number: int, key: str) -> Layout:
    rows = db.execute(
        "SELECT scope, path, col FROM analysis_columns WHERE form_id = ?", [form_id]
    ).fetchall()
    cols = {(scope, path): col for scope, path, col in rows}
    tables = dict(
        db.execute(
            "SELECT scope, tbl FROM analysis_repeats WHERE form_id = ?", [form_id]
        ).fetchall()
    )
    main = Scope(f"analysis_{number}", "", "", None)
    scopes = {"": main}
    for path in sorted(shape.repeats, key=lambda p: p.count("/")):
        parent_path, rel = shape.repeats[path]
        parent = scopes[parent_path]
        scope = Scope(tables[path], path, rel, parent)
        parent.children[rel] = scope
        scopes[path] = scope
    for path, scope in scopes.items():
        scope.groups = shape.groups.get(path, set())
        scope.fields = {
            rel: (cols[path, rel], qtype) for rel, qtype in shape.fields.get(path, {}).items()
        }
    return Layout(form_id, number, key, main, scopes, shape.ward_steps, shape.ward_lookup)


# --- the schema ---------------------------------------------------------------------------


_TRIGGER_COLUMNS = (
    "form_id, form_version, ward, household_id, enumerator, device_id, status, created, "
    "updated, revision, answers"
)


def migrate_analysis_tables(db: Database) -> None:
    """Migration 0019: the catalogue, the stale list and its triggers; then the tables of
    every installed form, filled from the interviews already here (in batches)."""
    db.execute(
        """CREATE TABLE analysis_forms (
            form_id TEXT PRIMARY KEY,
            number INTEGER NOT NULL UNIQUE,
            versions TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE analysis_repeats (
            form_id TEXT NOT NULL REFERENCES analysis_forms (form_id),
            scope TEXT NOT NULL,
            tbl TEXT NOT NULL UNIQUE,
            PRIMARY KEY (form_id, scope)
        )"""
    )
    db.execute(
        """CREATE TABLE analysis_columns (
            form_id TEXT NOT NULL REFERENCES analysis_forms (form_id),
            scope TEXT NOT NULL,
            path TEXT NOT NULL,
            col TEXT NOT NULL,
            qtype TEXT NOT NULL,
            PRIMARY KEY (form_id, scope, path)
        )"""
    )
    db.execute("CREATE TABLE analysis_stale (uuid TEXT PRIMARY KEY) WITHOUT ROWID")
    # which forms have interviews, and how many, without reading every interview
    # (store/report_rows.py: forms_with_interviews, count_interviews)
    db.execute("CREATE INDEX IF NOT EXISTS idx_interviews_form ON interviews (form_id, status)")
    note = "INSERT OR IGNORE INTO analysis_stale (uuid) VALUES"
    db.execute(
        "CREATE TRIGGER analysis_stale_insert AFTER INSERT ON interviews "
        f"WHEN new.status != 'draft' BEGIN {note} (new.uuid); END"
    )
    db.execute(
        f"CREATE TRIGGER analysis_stale_update AFTER UPDATE OF {_TRIGGER_COLUMNS} "
        "ON interviews WHEN new.status != 'draft' OR old.status != 'draft' "
        f"BEGIN {note} (old.uuid); {note} (new.uuid); END"
    )
    db.execute(
        "CREATE TRIGGER analysis_stale_delete AFTER DELETE ON interviews "
        f"WHEN old.status != 'draft' BEGIN {note} (old.uuid); END"
    )
    forms_changed(db)


def _create_main(db: Database, table: str) -> None:
    meta = (
        "uuid TEXT NOT NULL UNIQUE, form_version TEXT, status TEXT, ward TEXT, "
        "household_id TEXT, enumerator TEXT, device_id TEXT, created TEXT, updated TEXT, "
        "revision INTEGER, _ward_key TEXT, _date TEXT, _odd INTEGER NOT NULL DEFAULT 0"
    )
    db.execute(f"CREATE TABLE {_q(table)} (_id INTEGER PRIMARY KEY, {meta})")
    db.execute(f"CREATE INDEX {_q(table + '_ward')} ON {_q(table)} (_ward_key, status)")
    _create_order_index(db, table)


def order_index(table: str) -> str:
    """The name of the export-order index of a form's main table."""
    return f"{table}_order"


def _create_order_index(db: Database, table: str) -> None:
    """The interviews in export order (created, uuid) with their row ids: an export reads
    its order from this index alone, in order (at 1,000,000 interviews reading the four
    values from the table and sorting them took 3.7 s, the index about 1 s)."""
    db.execute(
        f"CREATE INDEX IF NOT EXISTS {_q(order_index(table))} "
        f"ON {_q(table)} (created, uuid, _id, _odd)"
    )


def migrate_export_order_index(db: Database) -> None:
    """Migration 0029: the export-order index of every form's main table."""
    for (number,) in db.execute("SELECT number FROM analysis_forms").fetchall():
        _create_order_index(db, f"analysis_{int(number)}")


def _create_repeat(db: Database, table: str) -> None:
    db.execute(
        f"CREATE TABLE {_q(table)} (_id INTEGER NOT NULL, _seq INTEGER NOT NULL, "
        "_parent TEXT NOT NULL, _index INTEGER NOT NULL, PRIMARY KEY (_id, _seq)) WITHOUT ROWID"
    )


def _update_schema(db: Database, form_id: str, shape: _Shape, key: str) -> Layout:
    """Create or extend ``form_id``'s tables for ``shape``; the layout (rows not filled)."""
    row = db.execute("SELECT number FROM analysis_forms WHERE form_id = ?", [form_id]).fetchone()
    if row is None:
        number = int(
            db.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM analysis_forms").fetchone()[0]
        )
        db.execute(
            "INSERT INTO analysis_forms (form_id, number, versions) VALUES (?, ?, '')",
            [form_id, number],
        )
        _create_main(db, f"analysis_{number}")
    else:
        number = int(row[0])
    tables = dict(
        db.execute("SELECT scope, tbl FROM analysis_repeats WHERE form_id = ?", [form_id])
    )
    for path in sorted(shape.repeats, key=lambda p: p.count("/")):
        if path not in tables:
            table = f"analysis_{number}_{len(tables) + 1}"
            _create_repeat(db, table)
            db.execute(
                "INSERT INTO analysis_repeats (form_id, scope, tbl) VALUES (?, ?, ?)",
                [form_id, path, table],
            )
            tables[path] = table
    held = {
        (scope, path)
        for scope, path in db.execute(
            "SELECT scope, path FROM analysis_columns WHERE form_id = ?", [form_id]
        )
    }
    counts: dict[str, int] = {}
    for scope, n in db.execute(
        "SELECT scope, COUNT(*) FROM analysis_columns WHERE form_id = ? GROUP BY scope",
        [form_id],
    ):
        counts[scope] = int(n)
    for scope, fields in shape.fields.items():
        table = f"analysis_{number}" if scope == "" else tables[scope]
        for rel, qtype in fields.items():
            if (scope, rel) in held:
                continue
            counts[scope] = counts.get(scope, 0) + 1
            col = f"c{counts[scope]}"
            db.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(col)}")
            db.execute(
                "INSERT INTO analysis_columns (form_id, scope, path, col, qtype) "
                "VALUES (?, ?, ?, ?, ?)",
                [form_id, scope, rel, col, qtype],
            )
    return _layout(db, form_id, shape, number, key)


# --- documents to rows ---------------------------------------------------------------------


class _Odd(Exception):
    """The document holds something a column cannot hold exactly."""


def _clean(value: Any) -> Any:
    """``value`` as a column holds it, or raise :class:`_Odd`."""
    kind = type(value)
    if kind is str:
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise _Odd from None
        return value
    if kind is int:
        if _INT_MIN <= value <= _INT_MAX:
            return value
        raise _Odd
    if kind is float:
        if math.isfinite(value):
            return value
        raise _Odd
    if value is None:
        return None
    raise _Odd


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _joined(value: Any) -> Any:
    """A select_multiple's list as names joined by spaces ("" for none), or None."""
    if value is None:
        return None
    if type(value) is not list:
        raise _Odd
    for item in value:
        if type(item) is not str or not item or item != "".join(item.split()):
            raise _Odd
        _clean(item)
    return " ".join(value)


def _values(scope: Scope, doc: dict[str, Any], prefix: str, out: dict[str, Any],
            repeats: list[tuple[Scope, list[Any]]]) -> None:  # fmt: skip
    """Fill ``out`` (column -> value) from one instance ``doc``; collect child instances."""
    for key, value in doc.items():
        if "/" in key:
            raise _Odd  # a name never holds "/": an export would read it as a path
        rel = prefix + key
        found = scope.fields.get(rel)
        if found is not None:
            col, qtype = found
            out[col] = _joined(value) if qtype == "select_multiple" else _clean(value)
            continue
        child = scope.children.get(rel)
        if child is not None and (type(value) is list or value is None):
            if value:
                repeats.append((child, value))
            continue
        if rel in scope.groups:
            if type(value) is dict:
                _values(scope, value, rel + "/", out, repeats)
            elif value is not None:
                raise _Odd
            continue


class _Rows(NamedTuple):
    main: dict[str, Any]  # column -> value
    #: (scope, seq, parent key, index, column -> value)
    repeats: list[tuple[Scope, int, str, int, dict[str, Any]]]


def _rows(layout: Layout, doc: Any) -> _Rows | None:
    """The rows of one document, or None when it is odd."""
    if type(doc) is not dict:
        return None
    try:
        main: dict[str, Any] = {}
        pending: list[tuple[Scope, list[Any]]] = []
        _values(layout.main, doc, "", main, pending)
        out: list[tuple[Scope, int, str, int, dict[str, Any]]] = []
        seqs: dict[str, int] = {}
        for scope, items in pending:
            _instances(scope, items, "", out, seqs)
        return _Rows(main, out)
    except (_Odd, RecursionError):
        return None


def _instances(scope: Scope, items: list[Any], parent: str,
               out: list[tuple[Scope, int, str, int, dict[str, Any]]],
               seqs: dict[str, int]) -> None:  # fmt: skip
    """Each instance's row, then its own repeats' rows (depth first, as exports order
    them); ``_seq`` counts the rows of each table within the interview."""
    for i, item in enumerate(items, 1):
        if type(item) is not dict:
            raise _Odd
        own = f"{parent}/{scope.rel}[{i}]" if parent else f"{scope.rel}[{i}]"
        values: dict[str, Any] = {}
        inner: list[tuple[Scope, list[Any]]] = []
        _values(scope, item, "", values, inner)
        seq = seqs.get(scope.table, 0)
        seqs[scope.table] = seq + 1
        out.append((scope, seq, parent, i, values))
        for child, child_items in inner:
            _instances(child, child_items, own, out, seqs)


def ward_key(answers: Any, ward: Any, steps: tuple[str, ...] | None, lookup: dict[str, str]) -> str:
    """The ward a report groups an interview under (reports/report_scope.py,
    ``group_by_ward`` after ``with_ward_codes``): the ward question's answer, else the
    record's ward as a choice name."""
    value: Any = answers
    for step in steps or ("ward",):
        if not isinstance(value, dict):
            value = None
            break
        value = value.get(step)
    if not value:
        value = lookup.get(_norm(ward), ward) if lookup and isinstance(ward, str) else ward
    return str(value) if value not in (None, "") else UNKNOWN_WARD


def interview_day(answers: Any, created: Any) -> str | None:
    """The interview's date (ISO) as reports read it: ``today``, else the creation date."""
    raw = (answers.get("today") if isinstance(answers, dict) else None) or created
    if not isinstance(raw, str) or len(raw) < 10:
        return None
    try:
        return date.fromisoformat(raw[:10]).isoformat()
    except ValueError:
        return None


# --- keeping them up to date -------------------------------------------------------------------


def _layouts(db: Database) -> dict[str, Layout]:
    """Every installed form's layout, its schema brought up to date and, where the
    installed versions changed, its rows refilled."""
    installed = _installed(db)
    held = {
        form_id: (int(number), versions)
        for form_id, number, versions in db.execute(
            "SELECT form_id, number, versions FROM analysis_forms"
        )
    }
    layouts: dict[str, Layout] = {}
    for form_id, versions in installed.items():
        key = _versions_key(versions)
        shape = _shape_of(db, form_id, versions)
        if shape is None:
            continue  # a definition that does not parse (a stub): read the documents
        if form_id in held and held[form_id][1] == key:
            layouts[form_id] = _layout(db, form_id, shape, held[form_id][0], key)
            continue
        layout = _update_schema(db, form_id, shape, key)
        _clear(db, layout)
        _fill(db, layout)
        db.execute("UPDATE analysis_forms SET versions = ? WHERE form_id = ?", [key, form_id])
        layouts[form_id] = layout
    for form_id, (number, versions) in held.items():
        if form_id not in installed and versions:
            for table in _tables_of(db, form_id, number):
                db.execute(f"DELETE FROM {_q(table)}")
            db.execute("UPDATE analysis_forms SET versions = '' WHERE form_id = ?", [form_id])
    return layouts


def _tables_of(db: Database, form_id: str, number: int) -> list[str]:
    rows = db.execute("SELECT tbl FROM analysis_repeats WHERE form_id = ?", [form_id])
    return [f"analysis_{number}", *(str(r[0]) for r in rows)]


def _clear(db: Database, layout: Layout) -> None:
    for scope in layout.all_scopes():
        db.execute(f"DELETE FROM {_q(scope.table)}")


_SOURCE = f"SELECT {', '.join(META)}, answers FROM interviews"


def _fill(db: Database, layout: Layout) -> int:
    """Fill an empty form's tables from its interviews (not drafts), in batches."""
    cursor = db.execute(
        f"{_SOURCE} WHERE form_id = ? AND status != 'draft' ORDER BY rowid", [layout.form_id]
    )
    count = 0
    while True:
        batch = cursor.fetchmany(BATCH)
        if not batch:
            return count
        _insert(db, layout, batch)
        count += len(batch)


def _next_id(db: Database, layout: Layout) -> int:
    row = db.execute(f"SELECT COALESCE(MAX(_id), 0) FROM {_q(layout.main.table)}").fetchone()
    return int(row[0]) + 1


def _insert(
    db: Database, layout: Layout, records: Sequence[Sequence[Any]], *, parsed: bool = False
) -> None:
    """Insert the rows of ``records`` (META..., answers text; with ``parsed``, the answers
    already parsed from that text); none may be held yet."""
    next_id = _next_id(db, layout)
    main_cols = [c for c, _ in layout.main.fields.values()]
    mains: list[list[Any]] = []
    repeats: dict[str, list[list[Any]]] = {}
    for record in records:
        if parsed:
            doc = record[-1]
        else:
            try:
                doc = json.loads(record[-1])
            except (ValueError, RecursionError):
                doc = None
        rows = _rows(layout, doc)
        key: str | None = ward_key(doc, record[3], layout.ward_steps, layout.ward_lookup)
        if key is not None and not _encodes(key):
            key = None  # a lone surrogate (odd row): no ward asked for can be it
        day = interview_day(doc, record[7])
        row_id = next_id
        next_id += 1
        if rows is None:
            mains.append([row_id, *record[:-1], key, day, 1, *([None] * len(main_cols))])
            continue
        mains.append([row_id, *record[:-1], key, day, 0, *[rows.main.get(c) for c in main_cols]])
        for scope, seq, parent, index, values in rows.repeats:
            cols = [c for c, _ in scope.fields.values()]
            repeats.setdefault(scope.table, []).append(
                [row_id, seq, parent, index, *[values.get(c) for c in cols]]
            )
    cols_sql = ", ".join(["_id", *META, *DERIVED, *(_q(c) for c in main_cols)])
    marks = ", ".join("?" * (1 + len(META) + len(DERIVED) + len(main_cols)))
    db.executemany(f"INSERT INTO {_q(layout.main.table)} ({cols_sql}) VALUES ({marks})", mains)
    for scope in layout.all_scopes():
        rows_of = repeats.get(scope.table)
        if not rows_of:
            continue
        cols = [c for c, _ in scope.fields.values()]
        names = ", ".join(["_id", "_seq", "_parent", "_index", *(_q(c) for c in cols)])
        db.executemany(
            f"INSERT INTO {_q(scope.table)} ({names}) VALUES ({', '.join('?' * (4 + len(cols)))})",
            rows_of,
        )


def _delete(db: Database, layouts: Iterable[Layout], uuids: Sequence[str]) -> None:
    params = [[u] for u in uuids]
    for layout in layouts:
        main = _q(layout.main.table)
        for scope in layout.all_scopes():
            if scope.path:
                db.executemany(
                    f"DELETE FROM {_q(scope.table)} WHERE _id = "
                    f"(SELECT _id FROM {main} WHERE uuid = ?)",
                    params,
                )
        db.executemany(f"DELETE FROM {main} WHERE uuid = ?", params)


def forms_changed(db: Database) -> None:
    """Bring every form's tables up to date with its installed versions, in the caller's
    transaction (new columns, a new form's tables; the rows of a form whose versions
    changed are refilled). For the code that installs or removes a form version."""
    if db.table_exists("analysis_forms"):
        with translating_errors():
            _layouts(db)


class Written(NamedTuple):
    """An interview its writer just stored, as it stored it: what :func:`refresh` would
    read back (the form id, the META values) and the answers parsed from the JSON text
    stored (``json.loads`` of it gives an equal document)."""

    form_id: str
    meta: Sequence[Any]  # in META order
    answers: Any


def refresh(db: Database, written: Mapping[str, Written] | None = None) -> int:
    """Rewrite the rows of the interviews noted stale, in the caller's transaction (the
    merge and the lifecycle call it after their writes); returns how many. Writes
    nothing when nothing is stale. ``written``: interviews the caller just stored, by
    uuid (the merge's new records): their rows are made from these values instead of
    being read back and parsed again; every other stale uuid is read."""
    if not db.table_exists("analysis_stale"):
        return 0  # before migration 0019 (an older database being upgraded)
    known = written or {}
    with translating_errors():
        if db.execute("SELECT 1 FROM analysis_stale LIMIT 1").fetchone() is None:
            return 0
        layouts = _layouts(db)
        done = 0
        while True:
            uuids = [
                str(r[0])
                for r in db.execute(f"SELECT uuid FROM analysis_stale LIMIT {BATCH}").fetchall()
            ]
            if not uuids:
                return done
            held = [layouts[f] for f in _forms_holding(db, layouts, uuids)]
            _delete(db, held, uuids)
            unknown = [u for u in uuids if u not in known]
            rows: list[Any] = []
            if unknown:
                marks = ", ".join("?" * len(unknown))
                rows = db.execute(
                    f"SELECT form_id, {', '.join(META)}, answers FROM interviews "
                    f"WHERE uuid IN ({marks}) AND status != 'draft' ORDER BY rowid",
                    unknown,
                ).fetchall()
            by_form: dict[str, list[Any]] = {}
            for row in rows:
                if row[0] in layouts:
                    by_form.setdefault(row[0], []).append(row[1:])
            for form_id, records in by_form.items():
                _insert(db, layouts[form_id], records)
            if len(unknown) < len(uuids):  # in the order they were written
                batch = set(uuids)
                fresh: dict[str, list[Any]] = {}
                for uuid, w in known.items():
                    if uuid in batch and w.form_id in layouts:
                        fresh.setdefault(w.form_id, []).append([*w.meta, w.answers])
                for form_id, records in fresh.items():
                    _insert(db, layouts[form_id], records, parsed=True)
            marks = ", ".join("?" * len(uuids))
            db.execute(f"DELETE FROM analysis_stale WHERE uuid IN ({marks})", uuids)
            done += len(uuids)


def _forms_holding(db: Database, layouts: dict[str, Layout], uuids: list[str]) -> list[str]:
    """The forms whose tables hold any of ``uuids`` (usually none: new interviews)."""
    marks = ", ".join("?" * len(uuids))
    found = []
    for form_id, layout in layouts.items():
        hit = db.execute(
            f"SELECT 1 FROM {_q(layout.main.table)} WHERE uuid IN ({marks}) LIMIT 1", uuids
        ).fetchone()
        if hit is not None:
            found.append(form_id)
    return found


# --- reading -----------------------------------------------------------------------------------


@storage_errors
def layout_of(ws: Workspace, form_id: str) -> Layout | None:
    """The form's tables if they follow its installed versions (else None: the caller
    reads the documents, e.g. right after a new version was installed)."""
    db = ws.db
    if not db.table_exists("analysis_forms"):
        return None
    row = db.execute(
        "SELECT number, versions FROM analysis_forms WHERE form_id = ?", [form_id]
    ).fetchone()
    versions = _installed_of(db, form_id)
    if row is None or not versions or row[1] != _versions_key(versions):
        return None
    shape = _shape_of(db, form_id, versions)
    return None if shape is None else _layout(db, form_id, shape, int(row[0]), str(row[1]))


def _installed_of(db: Database, form_id: str) -> list[tuple[str, str]]:
    rows = db.execute(
        "SELECT version, hash FROM forms WHERE form_id = ? ORDER BY added, rowid", [form_id]
    ).fetchall()
    return [(str(v), str(h)) for v, h in reversed(rows)]


class Selection(NamedTuple):
    """Which interviews: by report ward key and by interview date (inclusive)."""

    ward_keys: Sequence[str] | None = None
    date_from: str | None = None
    date_to: str | None = None

    def sql(self, alias: str = "", *, odd: int = 0) -> tuple[str, list[Any]]:
        where, params = [f"_odd = {int(odd)}"], []
        if self.ward_keys is not None:
            where.append(f"_ward_key IN ({', '.join('?' * len(self.ward_keys))})")
            params += list(self.ward_keys)
        if self.date_from is not None:
            where.append("_date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            where.append("_date <= ?")
            params.append(self.date_to)
        return " AND ".join(f"{alias}{w}" for w in where), params


EVERYTHING = Selection()


class MainRows(NamedTuple):
    """Clean rows as columns (``ids`` aligned with each column; select_multiple as
    lists), and the uuids to read from their documents (odd or not yet refreshed: any
    ward, any date; the caller selects them as it would any document)."""

    ids: list[int]
    columns: dict[str, list[Any]]
    documents: list[str]


def _decode(values: list[Any], qtype: str) -> list[Any]:
    if qtype != "select_multiple":
        return values
    return [v if v is None else (v.split(" ") if v else []) for v in values]


def _stale(db: Database, layout: Layout) -> tuple[set[str], list[str]]:
    """(every stale uuid, those of this form's non-draft interviews, to read)."""
    stale = {str(r[0]) for r in db.execute("SELECT uuid FROM analysis_stale")}
    if not stale:
        return stale, []
    rows = db.execute(  # a join: a backlog can hold more uuids than SQL variables
        "SELECT i.uuid FROM analysis_stale s JOIN interviews i ON i.uuid = s.uuid "
        "WHERE i.form_id = ? AND i.status != 'draft'",
        [layout.form_id],
    )
    return stale, [str(r[0]) for r in rows]


def read_main(
    ws: Workspace,
    layout: Layout,
    paths: Sequence[str],
    *,
    meta: Sequence[str] = (),
    where: Selection = EVERYTHING,
) -> MainRows:
    """The columns ``paths`` (form paths outside repeats; those the form lacks are all
    None) and ``meta`` (META or DERIVED names) of the selected interviews."""
    db = ws.db
    scope = layout.main
    wanted = [(p, scope.fields.get(p)) for p in paths]
    select = ["_id", "uuid", *meta, *(_q(f[0]) for _, f in wanted if f)]
    clause, params = where.sql()
    with translating_errors(), gc_paused():
        stale, documents = _stale(db, layout)
        rows = db.execute(
            f"SELECT {', '.join(select)} FROM {_q(scope.table)} WHERE {clause}", params
        ).fetchall()
        odd_clause, odd_params = where.sql(odd=1)
        odd = db.execute(
            f"SELECT uuid FROM {_q(scope.table)} WHERE {odd_clause}", odd_params
        ).fetchall()
    if stale:
        rows = [r for r in rows if r[1] not in stale]
    documents += [str(r[0]) for r in odd if r[0] not in stale]
    columns_: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [[]] * len(select)
    out: dict[str, list[Any]] = {}
    for i, name in enumerate(meta, 2):
        out[name] = list(columns_[i])
    k = 2 + len(meta)
    n = len(rows)
    for path, found in wanted:
        if found is None:
            out[path] = [None] * n
            continue
        out[path] = _decode(list(columns_[k]), found[1])
        k += 1
    return MainRows([int(i) for i in columns_[0]], out, documents)


class RepeatRows(NamedTuple):
    """Instances of one repeat (clean interviews only), in order: the owning
    interview's ``_id`` of each and the columns."""

    owners: list[int]
    columns: dict[str, list[Any]]


def read_repeat(
    ws: Workspace,
    layout: Layout,
    scope: Scope,
    paths: Sequence[str],
    *,
    where: Selection = EVERYTHING,
    owners: Iterable[int] | None = None,
) -> RepeatRows:
    """The columns ``paths`` (inside the instance) of every instance of ``scope`` in
    the selected interviews (or those whose row ids are ``owners``), by interview row id
    then position. Without a ward selection the table is read whole, in its own order,
    and kept by ``owners`` (one page read per page, not one per interview)."""
    wanted = [(p, scope.fields.get(p)) for p in paths]
    picked = [_q(f[0]) for _, f in wanted if f]
    with translating_errors(), gc_paused():
        if owners is not None and where.ward_keys is None:
            keep = set(owners)
            rows = [
                r
                for r in ws.db.execute(
                    f"SELECT {', '.join(['_id', *picked])} FROM {_q(scope.table)}"
                )
                if r[0] in keep
            ]
        else:
            clause, params = where.sql("m.")
            rows = ws.db.execute(
                f"SELECT {', '.join(['r._id', *('r.' + c for c in picked)])} "
                f"FROM {_q(layout.main.table)} m JOIN {_q(scope.table)} r ON r._id = m._id "
                f"WHERE {clause} ORDER BY r._id, r._seq",
                params,
            ).fetchall()
    columns_: list[Sequence[Any]] = (
        list(zip(*rows, strict=True)) if rows else [[]] * (1 + len(picked))
    )
    out: dict[str, list[Any]] = {}
    k = 1
    for path, found in wanted:
        if found is None:
            out[path] = [None] * len(rows)
            continue
        out[path] = _decode(list(columns_[k]), found[1])
        k += 1
    return RepeatRows([int(i) for i in columns_[0]], out)


def _ids_sql(ids: Sequence[int]) -> str:
    return ", ".join("?" * len(ids))


def main_chunk(
    ws: Workspace, layout: Layout, ids: Sequence[int], paths: Sequence[str]
) -> list[tuple[Any, ...]]:
    """(_id, META..., then ``paths``) of the interviews whose row ids are ``ids`` (at most
    a few thousand; in no particular order); select_multiple columns as stored (joined
    text). Seeks by row id: exports read a campaign in chunks of their own order."""
    cols = [_q(layout.main.fields[p][0]) if p in layout.main.fields else "NULL" for p in paths]
    with translating_errors(), gc_paused():
        return ws.db.execute(  # type: ignore[no-any-return]
            f"SELECT _id, {_COLUMN_SQL}{''.join(', ' + c for c in cols)} "
            f"FROM {_q(layout.main.table)} WHERE _id IN ({_ids_sql(ids)})",
            list(ids),
        ).fetchall()


def repeat_chunk(
    ws: Workspace, layout: Layout, scope: Scope, ids: Sequence[int], paths: Sequence[str]
) -> list[tuple[Any, ...]]:
    """(_id, _parent, _index, then ``paths``) of the instances of ``scope`` in the
    interviews whose row ids are ``ids``, by row id then position; select_multiple as
    stored."""
    cols = [_q(scope.fields[p][0]) if p in scope.fields else "NULL" for p in paths]
    with translating_errors(), gc_paused():
        return ws.db.execute(  # type: ignore[no-any-return]
            f"SELECT _id, _parent, _index{''.join(', ' + c for c in cols)} "
            f"FROM {_q(scope.table)} WHERE _id IN ({_ids_sql(ids)}) ORDER BY _id, _seq",
            list(ids),
        ).fetchall()


def count_instances(ws: Workspace, scope: Scope, left_out: Sequence[int] = ()) -> int:
    """How many instances of ``scope`` the interviews hold, but those whose row ids are
    ``left_out``."""
    table = _q(scope.table)
    with translating_errors():
        total = int(ws.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        for start in range(0, len(left_out), BATCH):
            part = list(left_out[start : start + BATCH])
            total -= int(
                ws.db.execute(
                    f"SELECT COUNT(*) FROM {table} WHERE _id IN ({_ids_sql(part)})", part
                ).fetchone()[0]
            )
    return total


def stale_uuids(ws: Workspace, layout: Layout) -> tuple[set[str], list[str]]:
    """(uuids noted stale, those of the form's non-draft interviews)."""
    with translating_errors():
        return _stale(ws.db, layout)


@storage_errors
def documents(ws: Workspace, uuids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(META..., answers text) of these interviews (not drafts), oldest first."""
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(uuids), BATCH):
        chunk = list(uuids[start : start + BATCH])
        marks = ", ".join("?" * len(chunk))
        out += ws.db.execute(
            f"{_SOURCE} WHERE uuid IN ({marks}) AND status != 'draft'", chunk
        ).fetchall()
    out.sort(key=lambda r: (r[7], r[0]))
    return out
