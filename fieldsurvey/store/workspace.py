"""The workspace: a folder with ``workspace.json`` and the encrypted ``fieldsurvey.db``.

``workspace.json`` (written atomically: temp file, fsync, os.replace) holds::

    {"format": 1, "app": "fieldsurvey", "workspace_id": "<uuid>", "role": "laptop",
     "created": "<iso time>", "key_check": "<hex>", "key_slots": [<slot>, ...]}

Key slots wrap the random database key (see :mod:`fieldsurvey.keywrap`). The password
slot has ``"id": "password"``; other slot types (e.g. the sync issue's
``"age-recovery"``) are stored as given and preserved by every rewrite. The role is also
kept inside the encrypted database (setting ``role``), which is the authority.

API:
    Workspace.create(home, password, *, role="laptop", kdf=None) -> Workspace
    Workspace.open(home, password) -> Workspace
    Workspace.open_with_key(home, key) -> Workspace
    Workspace.exists(home) -> bool
    ws.change_password(old, new); ws.set_password(new, *, kdf=None)
    ws.add_key_slot(slot); ws.remove_key_slot(slot_id); ws.key_slots() -> list[dict]
    ws.database_key (bytes), ws.db (sqlite_utils.Database), ws.role, ws.home, ws.workspace_id
    ws.get_setting(key, default=None); ws.set_setting(key, value)   (JSON values)
    ws.transaction()  context manager: one atomic transaction (a savepoint when nested)
    ws.close(); ``with Workspace.open(...) as ws:``

A Workspace holds one connection: use it from one thread at a time (the desktop app
sends all database work through its single-worker queue).
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlite_utils

from fieldsurvey import keywrap
from fieldsurvey.errors import (
    MigrationError,
    WorkspaceError,
    WorkspaceExistsError,
    WrongPasswordError,
)
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.database import (
    begin_immediate,
    enable_wal,
    open_database,
    translating_errors,
)
from fieldsurvey.store.migrations import apply_migrations, check_not_newer

WORKSPACE_FILE = "workspace.json"
DB_FILE = "fieldsurvey.db"
FORMAT_VERSION = 1
ROLES = ("laptop", "coordinator", "manager")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    with translating_errors():
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        with contextlib.suppress(OSError):  # make the rename itself durable (POSIX)
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _read_meta(home: Path) -> dict[str, Any]:
    path = home / WORKSPACE_FILE
    if not path.is_file():
        raise WorkspaceError(
            f"No FieldSurvey workspace in {home}. Run `fieldsurvey init` to create one."
        )
    damaged = f"{WORKSPACE_FILE} in {home} is damaged"
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise WorkspaceError(f"{damaged} (not readable JSON).") from exc
    if not isinstance(meta, dict) or not isinstance(meta.get("format"), int):
        raise WorkspaceError(f"{damaged} (no format number).")
    if meta["format"] > FORMAT_VERSION:
        raise MigrationError(
            f"This workspace was written by a newer version of FieldSurvey (format "
            f"{meta['format']}; this version reads format {FORMAT_VERSION}). Install the "
            "newer version to open it; nothing was changed."
        )
    slots = meta.get("key_slots")
    if (
        meta["format"] < 1
        or not isinstance(meta.get("workspace_id"), str)
        or not isinstance(slots, list)
        or not all(isinstance(s, dict) and isinstance(s.get("id"), str) for s in slots)
    ):
        raise WorkspaceError(f"{damaged} (missing workspace id or key slots).")
    return meta


class Workspace:
    """An unlocked workspace. Create with :meth:`create`, :meth:`open` or :meth:`open_with_key`."""

    def __init__(self, home: Path, db: sqlite_utils.Database, key: bytes, meta: dict[str, Any]):
        self.home = home
        self.db = db
        self._key = key
        self._meta = meta
        self._closed = False

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
            raise WorkspaceError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
        if not password:
            raise WorkspaceError("The password must not be empty.")
        if cls.exists(home):
            raise WorkspaceExistsError(f"A workspace already exists in {home}.")
        try:
            home.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise WorkspaceError(
                f"Cannot create the workspace folder {home}: {exc.strerror}."
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
        db: sqlite_utils.Database | None = None
        try:
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
            raise WorkspaceError("This workspace has no password slot; use its recovery key.")
        key = keywrap.unwrap_password_slot(slot, password, workspace_id=meta["workspace_id"])
        return cls._open_keyed(home, meta, key)

    @classmethod
    def open_with_key(cls, home: Path, key: bytes) -> Workspace:
        """Unlock with the raw database key (e.g. unwrapped from a recovery slot)."""
        home = Path(home)
        meta = _read_meta(home)
        check = meta.get("key_check")
        if isinstance(check, str) and check != keywrap.key_check(key):
            raise WrongPasswordError("This key does not open the workspace.")
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
                    f"{WORKSPACE_FILE} says role {meta.get('role')!r} but the database says "
                    f"{stored_role!r}; the file was edited."
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
            raise WorkspaceError("A key slot needs a string 'type' and 'id'.")
        kept = [s for s in self._meta["key_slots"] if s.get("id") != slot["id"]]
        self._save_slots([*kept, copy.deepcopy(slot)])

    def remove_key_slot(self, slot_id: str) -> None:
        """Remove the slot with ``slot_id`` (the last slot that unlocks cannot go)."""
        kept = [s for s in self._meta["key_slots"] if s.get("id") != slot_id]
        if not kept:
            raise WorkspaceError("Cannot remove the only key slot of the workspace.")
        self._save_slots(kept)

    def set_password(self, new: str, *, kdf: KdfParams | None = None) -> None:
        """Wrap the unlocked key under ``new`` (keeps the slot's KDF cost unless given)."""
        if not new:
            raise WorkspaceError("The password must not be empty.")
        old_slot = next(
            (s for s in self._meta["key_slots"] if s.get("id") == keywrap.PASSWORD_SLOT), None
        )
        if kdf is None and old_slot is not None:
            kdf = keywrap.slot_kdf(old_slot)
        slot = keywrap.wrap_with_password(self._key, new, workspace_id=self.workspace_id, kdf=kdf)
        self.add_key_slot(slot)

    def change_password(self, old: str, new: str) -> None:
        """Re-wrap the key under ``new`` after checking ``old``; the database is untouched."""
        slot = next(
            (s for s in self._meta["key_slots"] if s.get("id") == keywrap.PASSWORD_SLOT), None
        )
        if slot is None:
            raise WorkspaceError("This workspace has no password slot; use set_password.")
        key = keywrap.unwrap_password_slot(slot, old, workspace_id=self.workspace_id)
        if key != self._key:
            raise WrongPasswordError("Wrong password for this workspace.")
        self.set_password(new)

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
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One atomic transaction; sqlite errors come out typed (StorageFullError, ...)."""
        with translating_errors(), begin_immediate(self.db) as db:
            yield db

    # --- lifetime -------------------------------------------------------------------------
    def close(self) -> None:
        """Close the database (idempotent)."""
        if not self._closed:
            self._closed = True
            self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
