"""The workspace: a folder with ``workspace.json`` and the encrypted ``fieldsurvey.db``.

``workspace.json`` (written atomically by :mod:`fieldsurvey.atomic_files`) holds::

    {"format": 1, "app": "fieldsurvey", "workspace_id": "<uuid>", "role": "laptop",
     "created": "<iso time>", "key_check": "<hex>", "key_slots": [<slot>, ...]}

Key slots wrap the random database key (see :mod:`fieldsurvey.keywrap`). The password
slot has ``"id": "password"``; other slot types (e.g. the sync issue's
``"age-recovery"``) are stored as given and preserved by every rewrite. The role is also
kept inside the encrypted database (setting ``role``), which is the authority.

API:
    Workspace.create(home, password, *, role="laptop", kdf=None) -> Workspace
        (the password policy of :mod:`fieldsurvey.store.password_policy` applies here,
        in set_password and in change_password: WeakPasswordError)
    Workspace.open(home, password) -> Workspace
    Workspace.open_with_key(home, key) -> Workspace
    Workspace.exists(home) -> bool
    ws.change_password(old, new); ws.set_password(new, *, kdf=None)
    ws.add_key_slot(slot); ws.key_slots() -> list[dict]
    ws.database_key (bytes), ws.db (store.database.Database), ws.role, ws.home, ws.workspace_id
    ws.get_setting(key, default=None); ws.set_setting(key, value)   (JSON values)
    ws.acting_person() -> str   who is acting (see :mod:`fieldsurvey.store.actor`)
    ws.transaction()  context manager: one atomic transaction (a savepoint when nested)
    ws.reading()      context manager: one read transaction (several statements, one snapshot)
    ws.release_connection(); ws.connection_count()   (this thread's connection; how many)
    ws.close(); ``with Workspace.open(...) as ws:``

Connections: ``ws.db`` is the calling thread's own connection, opened on the thread's
first use with the same raw key and pragmas (no key derivation: a few ms) and
closed by ``ws.close()``. Threads never share a connection, so a reader never sees a
writer's half-done transaction; WAL lets readers read while one writer writes; writes
take the write lock up front (``BEGIN IMMEDIATE``) and wait up to ``BUSY_TIMEOUT`` for
another writer (thread or process). See docs/store.md, "Concurrency".
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from fieldsurvey import keywrap
from fieldsurvey.atomic_files import write_text_atomic
from fieldsurvey.errors import (
    MigrationError,
    WorkspaceError,
    WorkspaceExistsError,
    WrongPasswordError,
)
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.actor import acting_person
from fieldsurvey.store.database import (
    Database,
    begin_immediate,
    begin_read,
    enable_wal,
    open_database,
    translate,
    translating_errors,
)
from fieldsurvey.store.migrations import apply_migrations, check_not_newer
from fieldsurvey.store.password_policy import check_password

WORKSPACE_FILE = "workspace.json"
DB_FILE = "fieldsurvey.db"
FORMAT_VERSION = 1
ROLES = ("laptop", "coordinator", "manager")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    try:
        write_text_atomic(path, text)
    except OSError as exc:  # a full disk: StorageFullError; nothing was changed
        typed = translate(exc, name=path.name) or WorkspaceError(
            "store.workspace_file_not_written",
            file=path.name,
            home=str(path.parent),
            reason=exc.strerror or str(exc),
        )
        raise typed from exc


def _create_private_file(path: Path) -> None:
    """Create the empty database file owner-only (0600) before SQLite opens it; SQLite
    gives its -wal and -shm files the database file's permissions."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        os.close(os.open(path, flags, 0o600))
    except OSError as exc:  # a full disk: StorageFullError
        typed = translate(exc, name=path.name) or WorkspaceError(
            "store.folder_not_writable", home=str(path.parent), reason=exc.strerror or str(exc)
        )
        raise typed from exc


def _read_meta(home: Path) -> dict[str, Any]:
    path = home / WORKSPACE_FILE
    if not path.is_file():
        raise WorkspaceError("store.workspace_missing", home=str(home))
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise WorkspaceError(
            "store.workspace_file_not_json", file=WORKSPACE_FILE, home=str(home)
        ) from exc
    if not isinstance(meta, dict) or not isinstance(meta.get("format"), int):
        raise WorkspaceError("store.workspace_file_no_format", file=WORKSPACE_FILE, home=str(home))
    if meta["format"] > FORMAT_VERSION:
        raise MigrationError(
            "store.workspace_format_newer", found=meta["format"], supported=FORMAT_VERSION
        )
    slots = meta.get("key_slots")
    if (
        meta["format"] < 1
        or not isinstance(meta.get("workspace_id"), str)
        or not isinstance(slots, list)
        or not all(isinstance(s, dict) and isinstance(s.get("id"), str) for s in slots)
    ):
        raise WorkspaceError("store.workspace_file_incomplete", file=WORKSPACE_FILE, home=str(home))
    return meta


class Workspace:
    """An unlocked workspace. Create with :meth:`create`, :meth:`open` or :meth:`open_with_key`."""

    def __init__(
        self,
        home: Path,
        db: Database,
        key: bytes,
        meta: dict[str, Any],
        *,
        connect: Callable[[], Database] | None = None,
    ) -> None:
        """``db`` becomes the calling thread's connection; ``connect`` opens one for each
        other thread (default: the workspace's file with the same key)."""
        self.home = home
        self._key = key
        self._meta = meta
        self._closed = False
        self._connect = connect or functools.partial(open_database, home / DB_FILE, key)
        self._lock = threading.Lock()
        # Keyed by thread id, not threading.local: a Qt pool thread runs each task with a
        # fresh Python thread state, which would drop a thread-local after every task.
        self._connections: dict[int, Database] = {threading.get_ident(): db}

    # --- connections ---------------------------------------------------------------------
    @property
    def db(self) -> Database:
        """The calling thread's connection (opened on first use)."""
        db = self._connections.get(threading.get_ident())
        return db if db is not None else self._open_for_this_thread()

    def _open_for_this_thread(self) -> Database:
        # A connection stays until close() or release_connection(): a thread that ended
        # cannot be told apart from a Qt pool thread between two tasks (neither is in
        # threading.enumerate()), and closing a live thread's connection would crash it.
        # The app's pools keep their few threads, so their connections are opened once.
        with self._lock:
            if self._closed:
                raise WorkspaceError("db.closed")
            db = self._connect()
            self._connections[threading.get_ident()] = db
            return db

    def release_connection(self) -> None:
        """Close the calling thread's connection now (a short-lived thread that is done
        with the workspace); its next use opens a new one."""
        with self._lock:
            db = self._connections.pop(threading.get_ident(), None)
        if db is not None:
            db.close()

    def connection_count(self) -> int:
        """How many connections are open (one per thread that used the workspace)."""
        return len(self._connections)

    # --- creating and opening ----------------------------------------------------------
    @staticmethod
    def exists(home: Path) -> bool:
        """Whether ``home`` already holds a workspace (or its database)."""
        return (home / WORKSPACE_FILE).exists() or (home / DB_FILE).exists()

    @classmethod
    def create(
        cls, home: Path, password: str, *, role: str = "laptop", kdf: KdfParams | None = None
    ) -> Workspace:
        """A new workspace in ``home`` (created if needed) locked by ``password``."""
        home = Path(home)
        if role not in ROLES:
            raise WorkspaceError("store.unknown_role", role=role, roles=list(ROLES))
        check_password(password)
        if cls.exists(home):
            raise WorkspaceExistsError("store.workspace_exists", home=str(home))
        try:
            home.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise WorkspaceError(
                "store.folder_not_created", home=str(home), reason=exc.strerror or str(exc)
            ) from exc
        key = keywrap.new_database_key()
        workspace_id = str(uuid.uuid4())
        meta: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "app": "fieldsurvey",
            "workspace_id": workspace_id,
            "role": role,
            "created": _now(),
            "key_check": keywrap.key_check(key),
            "key_slots": [
                keywrap.wrap_with_password(key, password, workspace_id=workspace_id, kdf=kdf)
            ],
        }
        db: Database | None = None
        try:
            _create_private_file(home / DB_FILE)
            db = open_database(home / DB_FILE, key, create=True)
            enable_wal(db)
            with translating_errors():
                apply_migrations(db)
            ws = cls(home, db, key, meta)
            ws.set_setting("role", role)
            ws.set_setting("workspace_id", workspace_id)
            _write_json_atomic(home / WORKSPACE_FILE, meta)
        except BaseException:
            if db is not None:
                db.close()
            for name in (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", f"{DB_FILE}-journal"):
                with contextlib.suppress(OSError):
                    (home / name).unlink()
            raise
        return ws

    @classmethod
    def open(cls, home: Path, password: str) -> Workspace:
        """Unlock the workspace in ``home`` with its password."""
        home = Path(home)
        meta = _read_meta(home)
        slot = next((s for s in meta["key_slots"] if s.get("id") == keywrap.PASSWORD_SLOT), None)
        if slot is None:
            raise WorkspaceError("store.no_password_slot")
        key = keywrap.unwrap_password_slot(slot, password, workspace_id=meta["workspace_id"])
        return cls._open_keyed(home, meta, key)

    @classmethod
    def open_with_key(cls, home: Path, key: bytes) -> Workspace:
        """Unlock with the raw database key (e.g. unwrapped from a recovery slot)."""
        home = Path(home)
        meta = _read_meta(home)
        check = meta.get("key_check")
        if isinstance(check, str) and check != keywrap.key_check(key):
            raise WrongPasswordError("store.key_does_not_open")
        return cls._open_keyed(home, meta, key)

    @classmethod
    def _open_keyed(cls, home: Path, meta: dict[str, Any], key: bytes) -> Workspace:
        db = open_database(home / DB_FILE, key)
        try:
            with translating_errors():
                check_not_newer(db)
            enable_wal(db)
            with translating_errors():
                apply_migrations(db)
            ws = cls(home, db, key, meta)
            stored_role = ws.get_setting("role")
            if stored_role is not None and stored_role != meta.get("role"):
                raise WorkspaceError(
                    "store.role_edited",
                    file=WORKSPACE_FILE,
                    file_role=str(meta.get("role")),
                    db_role=str(stored_role),
                )
        except BaseException:
            db.close()
            raise
        return ws

    # --- keys ----------------------------------------------------------------------
    @property
    def database_key(self) -> bytes:
        """The raw database key (for wrapping into extra key slots)."""
        return self._key

    @property
    def role(self) -> str:
        return str(self._meta["role"])

    @property
    def workspace_id(self) -> str:
        return str(self._meta["workspace_id"])

    def key_slots(self) -> list[dict[str, Any]]:
        """Copies of all key slots, in file order."""
        return copy.deepcopy(self._meta["key_slots"])

    def _save_slots(self, slots: list[dict[str, Any]]) -> None:
        meta = {**self._meta, "key_slots": slots}
        _write_json_atomic(self.home / WORKSPACE_FILE, meta)
        self._meta = meta

    def add_key_slot(self, slot: dict[str, Any]) -> None:
        """Store ``slot`` (needs string ``type`` and ``id``); replaces a slot with the same id."""
        if not isinstance(slot.get("type"), str) or not isinstance(slot.get("id"), str):
            raise WorkspaceError("store.key_slot_invalid")
        kept = [s for s in self._meta["key_slots"] if s.get("id") != slot["id"]]
        self._save_slots([*kept, copy.deepcopy(slot)])

    def set_password(self, new: str, *, kdf: KdfParams | None = None) -> None:
        """Wrap the unlocked key under ``new`` (keeps the slot's KDF cost unless given).

        WeakPasswordError (nothing changed) if ``new`` fails the password policy."""
        check_password(new)
        old_slot = next(
            (s for s in self._meta["key_slots"] if s.get("id") == keywrap.PASSWORD_SLOT), None
        )
        if kdf is None and old_slot is not None:
            kdf = keywrap.slot_kdf(old_slot)
        slot = keywrap.wrap_with_password(self._key, new, workspace_id=self.workspace_id, kdf=kdf)
        self.add_key_slot(slot)

    def change_password(self, old: str, new: str) -> None:
        """Re-wrap the key under ``new`` after checking ``old``; the database is untouched.

        WeakPasswordError (nothing changed, ``old`` still opens) if ``new`` fails the
        password policy."""
        check_password(new)
        slot = next(
            (s for s in self._meta["key_slots"] if s.get("id") == keywrap.PASSWORD_SLOT), None
        )
        if slot is None:
            raise WorkspaceError("store.no_password_slot")
        key = keywrap.unwrap_password_slot(slot, old, workspace_id=self.workspace_id)
        if key != self._key:
            raise WrongPasswordError("store.wrong_password")
        self.set_password(new)

    # --- who is acting ---------------------------------------------------------------------
    def acting_person(self) -> str:
        """The name written into audit entries and new interviews (one rule for the app
        and the CLI: :func:`fieldsurvey.store.actor.acting_person`)."""
        return acting_person(self)

    # --- settings and transactions ------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        """The JSON value stored under ``key``, or ``default``."""
        with translating_errors():
            row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable ``value`` under ``key``."""
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        with self.transaction():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, text],
            )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic transaction; sqlite errors come out typed (StorageFullError, ...)."""
        with translating_errors(), begin_immediate(self.db) as db:
            yield db

    @contextlib.contextmanager
    def reading(self) -> Iterator[Database]:
        """One read transaction on this thread's connection: the statements inside see
        one committed state (e.g. a list and the audit chain that agree). Never blocks
        the writer; joins a transaction already open. Do not write inside it."""
        with translating_errors(), begin_read(self.db) as db:
            yield db

    # --- lifetime -------------------------------------------------------------------------
    def close(self) -> None:
        """Close every connection of every thread (idempotent). Call it once the threads
        that use the workspace are done; afterwards ``db`` raises WorkspaceError."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            connections = list(self._connections.values())
            self._connections = {}
        for db in connections:
            db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
