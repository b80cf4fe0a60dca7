"""The schema, as named migrations applied in order.

Each migration is a function ``fn(db: Database) -> None`` registered with a
unique name in :data:`MIGRATIONS`. :func:`apply_migrations` runs the pending ones in list
order, each in its own transaction together with its row in ``_migrations``. A database
whose ``_migrations`` table names a migration this version does not know was written by
a newer FieldSurvey: it is refused with MigrationError before anything is written.

How to add a migration (e.g. the sync issue's tables):
    1. Write ``def _m0004_sync_tables(db: Database) -> None`` (here, or in your package
       and import it here). Use plain ``CREATE TABLE``/``ALTER TABLE`` SQL via
       ``db.execute``; do not commit inside it.
    2. Append ``("0004_sync_tables", _m0004_sync_tables)`` at the END of MIGRATIONS.
    Never rename, reorder or remove an entry once released: the names are the record.
    ``tests/core/test_migrations.py`` then checks that a fresh database equals one that
    was upgraded step by step.

API:
    MIGRATIONS: list[tuple[str, Migration]]
    applied_migrations(db) -> list[str]
    check_not_newer(db, migrations=MIGRATIONS) -> None   (read-only; MigrationError)
    apply_migrations(db, migrations=MIGRATIONS) -> list[str]  (names newly applied)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from fieldsurvey.errors import MigrationError
from fieldsurvey.store.analysis_tables import (
    migrate_analysis_tables,
    migrate_export_order_index,
)
from fieldsurvey.store.bundle_log import migrate_alert_once, migrate_sync_audit_parts
from fieldsurvey.store.database import Database, begin_immediate
from fieldsurvey.store.device_registry import migrate_device_wards
from fieldsurvey.store.entity_tables import migrate_entities, migrate_interview_entity_actions
from fieldsurvey.store.export_log import migrate_export_index
from fieldsurvey.store.folder_state import migrate_sync_folder
from fieldsurvey.store.forms import migrate_form_attachments
from fieldsurvey.store.inbox_log import migrate_inbox_contacts
from fieldsurvey.store.interview_binding import migrate_interview_binding
from fieldsurvey.store.interview_listing import (
    migrate_interview_listing,
    migrate_laptop_listing,
)
from fieldsurvey.store.media import migrate_media
from fieldsurvey.store.person_keys import migrate_person_keys
from fieldsurvey.store.quarantine import migrate_quarantine
from fieldsurvey.store.sync_schema import (
    migrate_sync_exports,
    migrate_sync_snapshots,
    migrate_sync_tables,
)

Migration = Callable[[Database], None]
MIGRATIONS_TABLE = "_migrations"
STATUSES = ("draft", "completed", "exported", "acknowledged", "returned")


def _m0001_initial(db: Database) -> None:
    statuses = ", ".join(f"'{s}'" for s in STATUSES)
    db.execute(
        """CREATE TABLE forms (
            form_id TEXT NOT NULL,
            version TEXT NOT NULL,
            definition TEXT NOT NULL,
            hash TEXT NOT NULL,
            added TEXT NOT NULL,
            PRIMARY KEY (form_id, version)
        )"""
    )
    db.execute(
        f"""CREATE TABLE interviews (
            uuid TEXT PRIMARY KEY,
            form_id TEXT NOT NULL,
            form_version TEXT NOT NULL,
            ward TEXT NOT NULL,
            household_id TEXT NOT NULL,
            respondent TEXT NOT NULL DEFAULT '',
            enumerator TEXT NOT NULL DEFAULT '',
            device_id TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ({statuses})),
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            base_revision INTEGER NOT NULL DEFAULT 0,
            answers TEXT NOT NULL DEFAULT '{{}}',
            comment TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _m0002_audit_log(db: Database) -> None:
    db.execute(
        """CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            interview_uuid TEXT,
            who TEXT NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            field TEXT,
            old_value TEXT,
            new_value TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        )"""
    )
    db.execute("CREATE INDEX idx_audit_log_interview ON audit_log (interview_uuid, seq)")
    db.execute(
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"""
    )


def _m0003_interview_indexes(db: Database) -> None:
    # One covering index, ordered by ``updated``: listing (all, by status, by ward) reads
    # only this index and never the table pages that hold the (large) answers, so
    # SQLCipher decrypts ~20 MB instead of the whole file for 100,000 interviews.
    db.execute(
        """CREATE INDEX idx_interviews_listing ON interviews (
            updated, status, ward, uuid, form_id, form_version, household_id, respondent,
            enumerator, device_id, created, revision, base_revision, comment
        )"""
    )


def _m0007_interview_checks(db: Database) -> None:
    # How many required/constraint problems the questionnaire engine found at the last
    # save (NULL: never checked here, e.g. merged on the coordinator). Derived metadata
    # for the interviews list, so it joins the covering listing index.
    db.execute("ALTER TABLE interviews ADD COLUMN problems INTEGER")
    db.execute("DROP INDEX idx_interviews_listing")
    db.execute(
        """CREATE INDEX idx_interviews_listing ON interviews (
            updated, status, ward, uuid, form_id, form_version, household_id, respondent,
            enumerator, device_id, created, revision, base_revision, comment, problems
        )"""
    )


AUDIT_NO_UPDATE = """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NOT (NEW.seq IS OLD.seq AND NEW.interview_uuid IS OLD.interview_uuid
        AND NEW.who IS OLD.who AND NEW.at IS OLD.at AND NEW.action IS OLD.action
        AND NEW.field IS OLD.field AND NEW.values_digest IS OLD.values_digest
        AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash
        AND NEW.old_value IS NULL AND NEW.new_value IS NULL AND NEW.values_salt IS NULL)
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: only values may be erased'); END"""


def _hash_0002(row: dict[str, Any]) -> str:
    """An audit entry's hash as 0002-0007 defined it (values inside the chain)."""
    names = ("seq", "interview_uuid", "who", "at", "action", "field", "old_value",
             "new_value", "prev_hash")  # fmt: skip
    text = json.dumps({k: row[k] for k in names}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))  # fmt: skip
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _m0008_audit_erasable_values(db: Database) -> None:
    # Answer values leave the hash chain for a salted digest, so that purging an
    # acknowledged interview on a laptop can erase them from the audit log too
    # (fieldsurvey.store.audit). Existing entries are sealed and re-linked in order. An entry
    # that failed the old check keeps failing the new one (its old hash is kept, and a
    # broken link stays broken): an upgrade never launders a tampered history.
    from fieldsurvey.store.audit import COLUMNS, GENESIS, seal

    db.execute("ALTER TABLE audit_log ADD COLUMN values_salt TEXT")
    db.execute("ALTER TABLE audit_log ADD COLUMN values_digest TEXT")
    db.execute("DROP TRIGGER audit_log_no_update")
    cursor = db.execute(f"SELECT {', '.join(COLUMNS)} FROM audit_log ORDER BY seq")
    rows = [dict(zip(COLUMNS, values, strict=True)) for values in cursor.fetchall()]
    old_prev, new_prev = GENESIS, GENESIS
    for row in rows:
        old_hash = row["hash"]
        genuine = _hash_0002(row) == old_hash
        if row["prev_hash"] == old_prev:  # linked: link to the re-sealed entry before
            row["prev_hash"] = new_prev
        seal(row)
        if not genuine:
            row["hash"] = old_hash
        old_prev, new_prev = old_hash, row["hash"]
    db.conn.executemany(
        "UPDATE audit_log SET values_salt = ?, values_digest = ?, prev_hash = ?, hash = ? "
        "WHERE seq = ?",
        [[r["values_salt"], r["values_digest"], r["prev_hash"], r["hash"], r["seq"]] for r in rows],
    )
    db.execute(AUDIT_NO_UPDATE)


def _m0009_covering_household_index(db: Database) -> None:
    # The duplicate-household check after each merged bundle finds every interview of
    # a ward + household id: with uuid and device_id in the index it never reads the
    # (answer-laden, encrypted) table rows.
    db.execute("DROP INDEX idx_interviews_household")
    db.execute(
        "CREATE INDEX idx_interviews_household ON interviews (ward, household_id, uuid, device_id)"
    )


#: 0011: values may be erased only of entries of acknowledged interviews (what the purge
#: erases: fieldsurvey.sync.purge, receipt_log.erase_content and audit.erase_values).
AUDIT_ERASE_ACKNOWLEDGED_ONLY = """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NOT (NEW.seq IS OLD.seq AND NEW.interview_uuid IS OLD.interview_uuid
        AND NEW.who IS OLD.who AND NEW.at IS OLD.at AND NEW.action IS OLD.action
        AND NEW.field IS OLD.field AND NEW.values_digest IS OLD.values_digest
        AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash
        AND NEW.old_value IS NULL AND NEW.new_value IS NULL AND NEW.values_salt IS NULL
        AND OLD.interview_uuid IS NOT NULL
        AND EXISTS (SELECT 1 FROM interviews
                    WHERE uuid = OLD.interview_uuid AND status = 'acknowledged'))
    BEGIN SELECT RAISE(ABORT,
        'audit_log is append-only: only values of acknowledged interviews may be erased'); END"""


def _m0011_audit_anchor(db: Database) -> None:
    # The audit chain's anchor (issue 12). Coordinator: each device's last signed chain
    # head (the bundle ``sequence`` that carried it), which the next bundle's entries
    # must continue. Everywhere: erasing values only of entries the purge may erase.
    db.execute(
        """CREATE TABLE sync_audit_heads (
            device_id TEXT PRIMARY KEY,
            sequence INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute(AUDIT_ERASE_ACKNOWLEDGED_ONLY)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial", _m0001_initial),
    ("0002_audit_log", _m0002_audit_log),
    ("0003_interview_indexes", _m0003_interview_indexes),
    ("0004_sync_tables", migrate_sync_tables),
    ("0005_sync_exports", migrate_sync_exports),
    ("0006_sync_snapshots", migrate_sync_snapshots),
    ("0007_interview_checks", _m0007_interview_checks),
    ("0008_audit_erasable_values", _m0008_audit_erasable_values),
    ("0009_covering_household_index", _m0009_covering_household_index),
    ("0010_quarantine", migrate_quarantine),
    ("0011_audit_anchor", _m0011_audit_anchor),
    ("0012_alert_once", migrate_alert_once),
    ("0013_interview_binding", migrate_interview_binding),
    ("0014_sync_audit_parts", migrate_sync_audit_parts),
    ("0016_form_attachments", migrate_form_attachments),
    ("0017_media", migrate_media),
    ("0018_interview_listing", migrate_interview_listing),
    ("0019_analysis_tables", migrate_analysis_tables),
    ("0020_export_index", migrate_export_index),
    ("0021_entities", migrate_entities),
    ("0022_interview_entity_actions", migrate_interview_entity_actions),
    ("0024_sync_folder", migrate_sync_folder),
    ("0025_inbox_contacts", migrate_inbox_contacts),
    ("0026_device_wards", migrate_device_wards),
    ("0027_laptop_listing", migrate_laptop_listing),
    ("0028_person_keys", migrate_person_keys),
    ("0029_export_order_index", migrate_export_order_index),
]


def applied_migrations(db: Database) -> list[str]:
    """Names of the migrations recorded in the database, in the order applied."""
    if not db[MIGRATIONS_TABLE].exists():
        return []
    return [row[0] for row in db.execute(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY rowid")]


def check_not_newer(db: Database, migrations: Sequence[tuple[str, Migration]] = MIGRATIONS) -> None:
    """MigrationError if the database has migrations this version does not know."""
    known = {name for name, _ in migrations}
    unknown = [name for name in applied_migrations(db) if name not in known]
    if unknown:
        raise MigrationError("store.schema_newer", change=unknown[0])


def apply_migrations(
    db: Database, migrations: Sequence[tuple[str, Migration]] = MIGRATIONS
) -> list[str]:
    """Apply pending migrations in order; returns the names applied now."""
    names = [name for name, _ in migrations]
    if len(set(names)) != len(names):
        raise MigrationError("store.migration_names_repeat")
    check_not_newer(db, migrations)
    done = set(applied_migrations(db))
    newly: list[str] = []
    for name, fn in migrations:
        if name in done:
            continue
        with begin_immediate(db):
            db.execute(
                f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
                "(name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
            )
            fn(db)
            db.execute(
                f"INSERT INTO {MIGRATIONS_TABLE} (name, applied) VALUES (?, ?)",
                [name, datetime.now(UTC).isoformat(timespec="seconds")],
            )
        newly.append(name)
    return newly
