"""The schema, as named migrations applied in order.

Each migration is a function ``fn(db: sqlite_utils.Database) -> None`` registered with a
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

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlite_utils import Database

from fieldsurvey.errors import MigrationError
from fieldsurvey.store import begin_immediate
from fieldsurvey.sync.schema import (
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


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial", _m0001_initial),
    ("0002_audit_log", _m0002_audit_log),
    ("0003_interview_indexes", _m0003_interview_indexes),
    ("0004_sync_tables", migrate_sync_tables),
    ("0005_sync_exports", migrate_sync_exports),
    ("0006_sync_snapshots", migrate_sync_snapshots),
    ("0007_interview_checks", _m0007_interview_checks),
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
        raise MigrationError(
            "This workspace was written by a newer version of FieldSurvey "
            f"(unknown schema change {unknown[0]!r}). Install the newer version to open it; "
            "nothing was changed."
        )


def apply_migrations(
    db: Database, migrations: Sequence[tuple[str, Migration]] = MIGRATIONS
) -> list[str]:
    """Apply pending migrations in order; returns the names applied now."""
    names = [name for name, _ in migrations]
    if len(set(names)) != len(names):
        raise MigrationError("Duplicate migration names in this version of FieldSurvey.")
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
