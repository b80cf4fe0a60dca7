"""What the sync-folder transport remembers between two scans (issue 17, part 1).

The rules (when a file is stable, complete, a copy) live in
:mod:`fieldsurvey.sync.folder_watch` and :mod:`fieldsurvey.sync.sync_folder`; this module
reads and writes the rows.

Tables (migration 0024):
    ``sync_folder_files``     coordinator: each ``*.fsb`` name seen in the inbox, its last
                              observed size and mtime (and since when), and what became of it
    ``sync_folder_contents``  coordinator: the outcome of each file content (SHA-256), so a
                              re-written file or a copy under another name is handled once
    ``sync_folder_sent``      laptop: the bundles copied into the folder, and when
    ``sync_folder_receipts``  coordinator: the last receipt written for each laptop

API:
    migrate_sync_folder(db)                              (migration 0024)
    FileRow; file_rows(ws) -> dict[name, FileRow]
    observe(db, name, size, mtime_ns, observed)          (a new or changed file: waiting)
    set_state(db, name, state, detail=None)
    finish_file(db, name, *, sha256, outcome, detail, device, sequence, handled)
    forget_files(db, names)
    ContentRow; content_outcome(ws, sha256) -> ContentRow | None
    record_content(db, row)
    SentRow; sent_rows(ws) -> list[SentRow]; record_sent(db, row)
    receipt_digest(ws, device_id) -> str | None
    record_receipt_written(db, device_id, *, digest, name, written)
    ReceiptRow; receipts_written(ws) -> list[ReceiptRow]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace

#: A file's states: ``waiting`` (changed since the last look, or not yet stable),
#: ``incomplete`` (stable but shorter than its header says: a sync client still copying),
#: ``done`` (imported, refused, or a copy of a content already handled).
STATES = ("waiting", "incomplete", "done")


def migrate_sync_folder(db: Database) -> None:
    """Migration 0024: the sync folder's memory of files, contents, sends and receipts."""
    states = ", ".join(f"'{s}'" for s in STATES)
    db.execute(
        f"""CREATE TABLE sync_folder_files (
            name TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            observed REAL NOT NULL,
            state TEXT NOT NULL CHECK (state IN ({states})),
            detail TEXT,
            sha256 TEXT,
            outcome TEXT,
            device TEXT,
            sequence INTEGER,
            handled TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE sync_folder_contents (
            sha256 TEXT PRIMARY KEY,
            outcome TEXT NOT NULL,
            detail TEXT,
            device TEXT,
            sequence INTEGER,
            first_name TEXT NOT NULL,
            handled TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE sync_folder_sent (
            name TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            sent TEXT NOT NULL,
            folder TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE sync_folder_receipts (
            device_id TEXT PRIMARY KEY,
            digest TEXT NOT NULL,
            name TEXT NOT NULL,
            written TEXT NOT NULL
        )"""
    )


class FileRow(NamedTuple):
    name: str
    size: int
    mtime_ns: int
    observed: float
    state: str
    detail: str | None
    sha256: str | None
    outcome: str | None
    device: str | None
    sequence: int | None
    handled: str | None


_FILE_COLUMNS = ", ".join(FileRow._fields)


@storage_errors
def file_rows(ws: Workspace) -> dict[str, FileRow]:
    rows = ws.db.execute(f"SELECT {_FILE_COLUMNS} FROM sync_folder_files").fetchall()
    return {row[0]: FileRow(*row) for row in rows}


def observe(db: Database, name: str, size: int, mtime_ns: int, observed: float) -> None:
    """A file seen for the first time, or changed since the last look: it waits again."""
    db.execute(
        "INSERT INTO sync_folder_files (name, size, mtime_ns, observed, state) "
        "VALUES (?, ?, ?, ?, 'waiting') ON CONFLICT(name) DO UPDATE SET "
        "size = excluded.size, mtime_ns = excluded.mtime_ns, observed = excluded.observed, "
        "state = 'waiting', detail = NULL, sha256 = NULL, outcome = NULL, device = NULL, "
        "sequence = NULL, handled = NULL",
        [name, size, mtime_ns, observed],
    )


def set_state(db: Database, name: str, state: str, detail: str | None = None) -> None:
    db.execute(
        "UPDATE sync_folder_files SET state = ?, detail = ? WHERE name = ?", [state, detail, name]
    )


def finish_file(
    db: Database,
    name: str,
    *,
    sha256: str | None,
    outcome: str,
    detail: str | None,
    device: str | None,
    sequence: int | None,
    handled: str,
) -> None:
    db.execute(
        "UPDATE sync_folder_files SET state = 'done', sha256 = ?, outcome = ?, detail = ?, "
        "device = ?, sequence = ?, handled = ? WHERE name = ?",
        [sha256, outcome, detail, device, sequence, handled, name],
    )


def forget_files(db: Database, names: list[str]) -> None:
    """Files gone from the folder."""
    db.executemany("DELETE FROM sync_folder_files WHERE name = ?", [[n] for n in names])


class ContentRow(NamedTuple):
    sha256: str
    outcome: str
    detail: str | None
    device: str | None
    sequence: int | None
    first_name: str
    handled: str


@storage_errors
def content_outcome(ws: Workspace, sha256: str) -> ContentRow | None:
    row = ws.db.execute(
        f"SELECT {', '.join(ContentRow._fields)} FROM sync_folder_contents WHERE sha256 = ?",
        [sha256],
    ).fetchone()
    return None if row is None else ContentRow(*row)


def record_content(db: Database, row: ContentRow) -> None:
    db.execute(
        f"INSERT OR IGNORE INTO sync_folder_contents ({', '.join(ContentRow._fields)}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        list(row),
    )


class SentRow(NamedTuple):
    name: str
    sha256: str
    sent: str
    folder: str


@storage_errors
def sent_rows(ws: Workspace) -> list[SentRow]:
    rows = ws.db.execute(
        "SELECT name, sha256, sent, folder FROM sync_folder_sent ORDER BY sent, name"
    ).fetchall()
    return [SentRow(*row) for row in rows]


def record_sent(db: Database, row: SentRow) -> None:
    db.execute(
        "INSERT OR REPLACE INTO sync_folder_sent (name, sha256, sent, folder) VALUES (?, ?, ?, ?)",
        list(row),
    )


@storage_errors
def receipt_digest(ws: Workspace, device_id: str) -> str | None:
    row = ws.db.execute(
        "SELECT digest FROM sync_folder_receipts WHERE device_id = ?", [device_id]
    ).fetchone()
    return None if row is None else str(row[0])


def record_receipt_written(
    db: Database, device_id: str, *, digest: str, name: str, written: str
) -> None:
    db.execute(
        "INSERT OR REPLACE INTO sync_folder_receipts (device_id, digest, name, written) "
        "VALUES (?, ?, ?, ?)",
        [device_id, digest, name, written],
    )


class ReceiptRow(NamedTuple):
    device_id: str
    name: str
    written: str


@storage_errors
def receipts_written(ws: Workspace) -> list[ReceiptRow]:
    rows = ws.db.execute(
        "SELECT device_id, name, written FROM sync_folder_receipts ORDER BY device_id"
    ).fetchall()
    return [ReceiptRow(*row) for row in rows]
