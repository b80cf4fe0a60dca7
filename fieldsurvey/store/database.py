"""The encrypted SQLite file: opening it with SQLCipher and translating its errors.

API:
    Database: the connection wrapper every store function takes as ``db``: ``execute``,
        ``executemany``, ``conn`` (the sqlcipher3 connection), ``close``, ``table_exists``,
        ``table_names``, ``journal_mode`` and ``tracer`` (tests). It replaces sqlite-utils,
        whose import pulled in pandas and numpy (0.4 s of every start) for nothing we use.
        Like sqlite-utils, it switches ``recursive_triggers`` on.
    open_database(path, key, *, create=False) -> Database
        Keys the connection with the raw 256-bit key (``PRAGMA key = "x'<hex>'"``, no key
        derivation), checks it with a real read, then sets ``cipher_memory_security``,
        ``temp_store=MEMORY``, ``synchronous=FULL`` and foreign keys.
        Raises DatabaseCorruptError for a damaged file or one that is not a database.
        WAL mode is switched on by :func:`enable_wal` after the caller has checked the
        schema version, so a database from a newer version is never touched.
    storage_errors (decorator) / translating_errors() (context manager): sqlite and OS
        errors -> typed errors
        (disk full or file-size limit -> StorageFullError; damaged -> DatabaseCorruptError;
        locked by another writer for BUSY_TIMEOUT s -> WorkspaceError).
    begin_immediate(db) context manager: one atomic transaction (savepoint when nested).
    begin_read(db) context manager: one read transaction (a consistent snapshot).
    insert_rows(db, head, width, rows): an INSERT of many rows, several per statement
        (cheaper than executemany under SQLCipher's memory security; see there).

``synchronous=FULL`` (not NORMAL) because a power cut must lose at most the answer being
typed: in WAL mode NORMAL survives a process crash but may lose the last commits on power
loss. The cost is one fsync per autosave (see docs/benchmarks.md).

A connection belongs to one thread: the :class:`~fieldsurvey.store.workspace.Workspace`
opens one per thread that uses it (docs/store.md, "Concurrency"). It is opened with
``check_same_thread=False`` only so that ``Workspace.close()`` may close them all from
the thread that closes the workspace.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import secrets
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import sqlcipher3

from fieldsurvey.errors import DatabaseCorruptError, StorageFullError, WorkspaceError

P = ParamSpec("P")
R = TypeVar("R")

SqliteError = sqlcipher3.dbapi2.Error

BUSY_TIMEOUT = 10.0  # seconds to wait for another writer before giving up
_FULL_CODES = {"SQLITE_FULL"}
_CORRUPT_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
_BUSY_CODES = {"SQLITE_BUSY", "SQLITE_LOCKED"}
_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}

Tracer = Callable[[str, Any], object]


class Database:
    """One SQLCipher connection of the workspace (in autocommit mode: transactions are
    explicit, :func:`begin_immediate` / :func:`begin_read`).

    ``execute`` and ``executemany`` return the connection's cursor; ``conn`` is the
    connection itself for the store functions that need it.
    """

    __slots__ = ("_tracer", "conn")

    def __init__(self, conn: Any) -> None:
        self.conn: Any = conn
        self._tracer: Tracer | None = None
        # As sqlite-utils did: triggers fire for the rows REPLACE deletes (the schema's
        # DELETE triggers, e.g. audit_log_no_delete, rely on it).
        conn.execute("PRAGMA recursive_triggers = ON")

    def execute(self, sql: str, parameters: Any = None) -> Any:
        """Run one statement; ``parameters`` a sequence (``?``) or a mapping (``:name``)."""
        if self._tracer is not None:
            self._tracer(sql, parameters)
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def executemany(self, sql: str, rows: Any) -> Any:
        """Run one statement once per parameter row."""
        if self._tracer is not None:
            self._tracer(sql, rows)
        return self.conn.executemany(sql, rows)

    def close(self) -> None:
        self.conn.close()

    def table_exists(self, name: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
        ).fetchone()
        return row is not None

    def __getitem__(self, name: str) -> _Table:
        """``db[name].exists()``: kept from the sqlite-utils API the store used."""
        return _Table(self, name)

    def table_names(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return [str(row[0]) for row in rows]

    @property
    def journal_mode(self) -> str:
        return str(self.conn.execute("PRAGMA journal_mode").fetchone()[0])

    @contextlib.contextmanager
    def tracer(self, tracer: Tracer) -> Iterator[Database]:
        """Within the block, ``tracer(sql, parameters)`` sees every ``execute`` call."""
        previous = self._tracer
        self._tracer = tracer
        try:
            yield self
        finally:
            self._tracer = previous


class _Table:
    __slots__ = ("db", "name")

    def __init__(self, db: Database, name: str) -> None:
        self.db = db
        self.name = name

    def exists(self) -> bool:
        return self.db.table_exists(self.name)


def _errname(exc: BaseException) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return str(name)


def translate(exc: BaseException, *, name: str = "fieldsurvey.db") -> Exception | None:
    """The typed error for a sqlite or OS error, or None if it is not one we know."""
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return StorageFullError("db.storage_full", detail=exc.strerror or "write failed")
        return None
    if not isinstance(exc, SqliteError):
        return None
    code = _errname(exc)
    text = str(exc)
    if code in _FULL_CODES or code.startswith("SQLITE_IOERR") or "disk is full" in text:
        return StorageFullError("db.storage_full", detail=text)
    if code in _CORRUPT_CODES or "malformed" in text or "not a database" in text:
        return DatabaseCorruptError("db.corrupt", name=name, detail=text)
    if code.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM")):
        return WorkspaceError("db.cannot_write", name=name, detail=text)
    if code in _BUSY_CODES or "database is locked" in text:
        return WorkspaceError("db.busy")
    return None


@contextlib.contextmanager
def _translating() -> Iterator[None]:
    try:
        yield
    except (SqliteError, OSError) as exc:
        typed = translate(exc)
        if typed is None:
            raise
        raise typed from exc


def storage_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run ``fn`` with sqlite/OS errors translated to typed errors."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with _translating():
            return fn(*args, **kwargs)

    return wrapper


translating_errors = _translating


@contextlib.contextmanager
def begin_immediate(db: Database) -> Iterator[Database]:
    """One atomic transaction; nested calls become savepoints of the outer one.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so a read-then-write (e.g. the
    audit chain's last hash) cannot interleave with another writer.
    """
    conn = db.conn
    if conn.in_transaction:
        name = f"fs_{secrets.token_hex(8)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    with _committed_or_rolled_back(conn):
        yield db


@contextlib.contextmanager
def _committed_or_rolled_back(conn: Any) -> Iterator[None]:
    """The end of an outermost transaction: COMMIT when the block succeeds (ROLLBACK if
    that fails), ROLLBACK when it raises."""
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        if conn.in_transaction:
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def begin_read(db: Database) -> Iterator[Database]:
    """One read transaction: every statement inside sees the same committed state.

    A single statement already reads one snapshot; this is for reads of several
    statements that must agree (e.g. a list and the audit chain). In WAL mode it never
    blocks the writer nor waits for it. Inside an open transaction it just joins it.
    Do not write inside it (a deferred read transaction cannot always become a write
    transaction): use :func:`begin_immediate`.
    """
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    with _translating():
        conn.execute("BEGIN")
    with _committed_or_rolled_back(conn):
        yield db


def open_database(path: Path, key: bytes, *, create: bool = False) -> Database:
    """A keyed, checked Database over SQLCipher (WAL not yet enabled)."""
    if len(key) != 32:
        raise WorkspaceError("db.key_size")
    if not create and not path.is_file():
        raise WorkspaceError("db.missing", path=str(path))
    try:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT)
        # No implicit BEGIN: a statement outside ws.transaction() commits at once instead
        # of opening a hidden transaction that would swallow later writes.
        conn.isolation_level = None
    except (SqliteError, OSError) as exc:
        typed = translate(exc, name=path.name)
        raise (typed or WorkspaceError("db.cannot_open", path=str(path), detail=str(exc))) from exc
    try:
        # SQLCipher logs decryption failures to stderr; we report them ourselves.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # PRAGMA key accepts any key; only a real read tells.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except (SqliteError, OSError) as exc:
        conn.close()
        typed = translate(exc, name=path.name)
        if typed is None:
            typed = DatabaseCorruptError("db.corrupt", name=path.name, detail=str(exc))
        raise typed from exc
    return Database(conn)


#: the most parameters one statement may bind (SQLite's default since 3.32; the build we
#: ship allows more)
MAX_PARAMETERS = 32766
#: rows per statement of :func:`insert_rows`: powers of two, so a batch of any size takes
#: a few statements of at most nine shapes, each prepared once and then reused from the
#: statement cache (a merge's batch holds at most 500 records of 4 MiB in all:
#: sync/payload_stream.py, so the copy SQLite makes of one statement's values is small)
_ROW_CHUNKS = (256, 128, 64, 32, 16, 8, 4, 2, 1)


def insert_rows(db: Database, head: str, width: int, rows: Sequence[Sequence[Any]]) -> None:
    """``head`` (``INSERT INTO t (a, b)``) with every row of ``rows`` (``width`` values
    each), several rows per statement (``VALUES (?, ?), (?, ?), ...``), in order.

    What ``executemany`` does, without its cost here: it runs the statement once per row,
    and inside a transaction each run of an insert that may abort half-way (a unique
    key, a trigger, the search index) opens a statement journal, an in-memory copy of
    every page the row touches (``temp_store=MEMORY``: 1 KiB chunks), freed when the row
    is done. Under ``cipher_memory_security`` every chunk costs an ``mlock`` and, freed,
    an ``munlock`` and a wipe: about half of the CPU of a row of ``interviews``
    (docs/benchmarks.md, "Sync"). One statement of many rows journals each page once.
    The same rows, triggers fired in the same order; a failing row fails the whole
    statement (with executemany, the rows before it stayed: either way the caller's
    transaction is rolled back)."""
    if not rows:
        return
    most = max(1, MAX_PARAMETERS // max(width, 1))
    chunks = [c for c in _ROW_CHUNKS if c <= most] or [1]
    one = "(" + ", ".join("?" * width) + ")"
    start, total = 0, len(rows)
    for size in chunks:
        if total - start < size:
            continue
        sql = f"{head} VALUES {', '.join([one] * size)}"
        while total - start >= size:
            part = rows[start : start + size]
            values = [value for row in part for value in row]
            if len(values) != width * size:  # a short row would shift the next ones
                raise ValueError(f"insert_rows: a row without {width} values")
            db.execute(sql, values)
            start += size


def enable_wal(db: Database) -> None:
    """Switch the file to write-ahead logging (persistent; a no-op when already on)."""
    with _translating():
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise WorkspaceError("db.wal_failed", mode=str(mode))


def integrity_problems(db: Database) -> list[str]:
    """``PRAGMA integrity_check`` findings (empty when the file is sound).

    When pages fail SQLCipher's HMAC check, integrity_check cannot run; the findings are
    then the damaged pages from ``PRAGMA cipher_integrity_check``.
    """
    try:
        found = [str(row[0]) for row in db.execute("PRAGMA integrity_check").fetchall()]
    except SqliteError as exc:
        try:
            pages = [str(row[0]) for row in db.execute("PRAGMA cipher_integrity_check")]
        except SqliteError:
            pages = []
        return [f"integrity check could not run: {exc}", *pages]
    return [] if found == ["ok"] else found
