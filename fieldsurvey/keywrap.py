"""Wrapping the workspace database key under a password.

The database key is 32 random bytes (:func:`new_database_key`). It is stored only
wrapped, in a *key slot* of ``workspace.json``. A password slot looks like::

    {"type": "password", "id": "password",
     "kdf": {"algorithm": "argon2id", "iterations": 3, "memory_kib": 131072,
             "lanes": 4, "salt": "<base64>"},
     "aead": "chacha20poly1305", "nonce": "<base64>", "wrapped_key": "<base64>"}

The wrapping key is Argon2id(password, salt, params); the database key is sealed with
ChaCha20-Poly1305, with the slot metadata (everything but ``wrapped_key``) and the
workspace id as associated data, so a slot cannot be edited or moved to another
workspace without the unwrap failing. The KDF parameters live in the slot, so tests can
use :meth:`KdfParams.cheap` and workspaces created with older defaults keep working.

API:
    new_database_key() -> bytes
    KdfParams (pydantic; KdfParams() is the calibrated default, KdfParams.cheap() for tests)
    wrap_with_password(key, password, *, workspace_id, kdf=None) -> dict (a slot)
    unwrap_password_slot(slot, password, *, workspace_id) -> bytes  (WrongPasswordError)
    key_check(key) -> str   (lets ``open_with_key`` tell a wrong key from a damaged file)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fieldsurvey.errors import WorkspaceError, WrongPasswordError

KEY_BYTES = 32
PASSWORD_SLOT = "password"
AEAD_NAME = "chacha20poly1305"


class KdfParams(BaseModel):
    """Argon2id cost. The default takes about 0.6 s on a 2-core laptop (see docs/benchmarks.md)."""

    model_config = ConfigDict(frozen=True)

    algorithm: Literal["argon2id"] = "argon2id"
    iterations: int = Field(default=3, ge=1)
    memory_kib: int = Field(default=131072, ge=8)
    lanes: int = Field(default=4, ge=1)

    @classmethod
    def cheap(cls) -> KdfParams:
        """Fast, weak parameters for tests only."""
        return cls(iterations=1, memory_kib=64, lanes=1)


def new_database_key() -> bytes:
    """A fresh random 256-bit database key."""
    return os.urandom(KEY_BYTES)


def key_check(key: bytes) -> str:
    """A public fingerprint of the key (HMAC of a constant); reveals nothing about it."""
    return hmac.new(key, b"fieldsurvey key check v1", hashlib.sha256).hexdigest()[:32]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(password: str, salt: bytes, kdf: KdfParams) -> bytes:
    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=kdf.iterations,
        lanes=kdf.lanes,
        memory_cost=kdf.memory_kib,
    ).derive(password.encode("utf-8"))


def _associated_data(slot: dict[str, Any], workspace_id: str) -> bytes:
    meta = {k: v for k, v in slot.items() if k != "wrapped_key"}
    meta["workspace_id"] = workspace_id
    return json.dumps(meta, sort_keys=True, separators=(",", ":")).encode("utf-8")


def wrap_with_password(
    key: bytes, password: str, *, workspace_id: str, kdf: KdfParams | None = None
) -> dict[str, Any]:
    """A password slot holding ``key`` sealed under ``password``."""
    params = kdf if kdf is not None else KdfParams()
    salt = os.urandom(16)
    nonce = os.urandom(12)
    slot: dict[str, Any] = {
        "type": "password",
        "id": PASSWORD_SLOT,
        "kdf": {**params.model_dump(), "salt": _b64(salt)},
        "aead": AEAD_NAME,
        "nonce": _b64(nonce),
    }
    wrapping_key = _derive(password, salt, params)
    sealed = ChaCha20Poly1305(wrapping_key).encrypt(
        nonce, key, _associated_data(slot, workspace_id)
    )
    slot["wrapped_key"] = _b64(sealed)
    return slot


def slot_kdf(slot: dict[str, Any]) -> KdfParams:
    """The KDF parameters recorded in a password slot."""
    try:
        params = {k: v for k, v in dict(slot["kdf"]).items() if k != "salt"}
        return KdfParams.model_validate(params)
    except (KeyError, TypeError, ValueError, ValidationError) as exc:
        raise WorkspaceError("core.password_slot_bad_kdf") from exc


def unwrap_password_slot(slot: dict[str, Any], password: str, *, workspace_id: str) -> bytes:
    """The database key from a password slot; WrongPasswordError if it does not open."""
    params = slot_kdf(slot)
    try:
        salt = _unb64(slot["kdf"]["salt"])
        nonce = _unb64(slot["nonce"])
        sealed = _unb64(slot["wrapped_key"])
        if slot.get("aead") != AEAD_NAME:
            raise ValueError("unknown AEAD")
    except (KeyError, TypeError, ValueError) as exc:
        raise WorkspaceError("core.password_slot_damaged") from exc
    try:
        wrapping_key = _derive(password, salt, params)
    except (ValueError, OverflowError) as exc:  # e.g. fewer KiB than 8 per lane
        raise WorkspaceError("core.password_slot_bad_kdf") from exc
    try:
        key = ChaCha20Poly1305(wrapping_key).decrypt(
            nonce, sealed, _associated_data(slot, workspace_id)
        )
    except InvalidTag as exc:
        raise WrongPasswordError("core.wrong_password") from exc
    if len(key) != KEY_BYTES:
        raise WorkspaceError("core.password_slot_key_size")
    return key
