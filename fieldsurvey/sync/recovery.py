"""Forgotten laptop password: the database key, wrapped to the coordinator.

At setup a laptop adds a key slot ``{"type": "age-recovery", "id": "recovery", ...}``
to its ``workspace.json``: the database key and workspace id, encrypted with age to
the campaign and recovery recipients. The laptop cannot open it. The coordinator (with
the campaign identity, or the printed recovery identity) unwraps it and sets a new
password; the database itself is never re-encrypted.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pyrage
from pydantic import BaseModel, ConfigDict, ValidationError

from fieldsurvey.errors import RecoveryError, WorkspaceError
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import WORKSPACE_FILE, Workspace
from fieldsurvey.sync import keys
from fieldsurvey.sync.canonical_json import StrictJsonError, dumps, loads_strict
from fieldsurvey.sync.payload_decrypt import PayloadDecryptError, decrypt_payload

RECOVERY_SLOT_ID = "recovery"
RECOVERY_SLOT_TYPE = "age-recovery"


class _Wrapped(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    workspace_id: str
    database_key: str


def add_recovery_slot(ws: Workspace, recipients: Sequence[str], *, campaign_id: str) -> None:
    """Wrap ``ws``'s database key to ``recipients`` and store it as the recovery slot."""
    secret = dumps(
        {"workspace_id": ws.workspace_id, "database_key": keys.b64encode(ws.database_key)}
    )
    wrapped = pyrage.encrypt(secret, [keys.age_recipient(r) for r in recipients])
    ws.add_key_slot(
        {
            "type": RECOVERY_SLOT_TYPE,
            "id": RECOVERY_SLOT_ID,
            "campaign_id": campaign_id,
            "recipients": list(recipients),
            "wrapped_key": keys.b64encode(bytes(wrapped)),
        }
    )


def _recovery_slot(home: Path) -> tuple[str, bytes]:
    path = home / WORKSPACE_FILE
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        slot = next(
            s for s in meta["key_slots"] if isinstance(s, dict) and s.get("id") == RECOVERY_SLOT_ID
        )
        return str(meta["workspace_id"]), keys.b64decode(slot["wrapped_key"])
    except FileNotFoundError as exc:
        raise WorkspaceError("sync.recovery.no_workspace", home=home) from exc
    except StopIteration as exc:
        raise RecoveryError("sync.recovery.no_slot", home=home) from exc
    except (OSError, ValueError, KeyError, TypeError, keys.KeyFormatError) as exc:
        raise RecoveryError("sync.recovery.damaged", file=WORKSPACE_FILE, home=home) from exc


def unwrap_database_key(home: Path, identities: Sequence[pyrage.x25519.Identity]) -> bytes:
    """The laptop workspace's database key, using the campaign or recovery identity."""
    workspace_id, wrapped = _recovery_slot(home)
    try:
        plain = decrypt_payload(wrapped, identities)
        inner = _Wrapped.model_validate(loads_strict(plain, max_bytes=4096))
        key = keys.b64decode(inner.database_key, length=32)
    except PayloadDecryptError as exc:
        raise RecoveryError("sync.recovery.wrong_identity") from exc
    except (StrictJsonError, ValidationError, keys.KeyFormatError) as exc:
        raise RecoveryError("sync.recovery.slot_damaged") from exc
    if inner.workspace_id != workspace_id:
        raise RecoveryError("sync.recovery.slot_copied")
    return key


def identities_from_file(path: Path) -> list[pyrage.x25519.Identity]:
    """The identities in the age identity file ``path`` (the printed recovery identity);
    RecoveryError naming the file if it is not one."""
    try:
        return keys.read_identity_path(path)
    except keys.KeyFormatError as exc:
        raise RecoveryError("sync.recovery.identity_unusable", name=path.name, reason=exc) from exc


def reset_password(
    home: Path,
    identities: Sequence[pyrage.x25519.Identity],
    new_password: str,
    *,
    kdf: KdfParams | None = None,
) -> None:
    """Unlock the laptop workspace in ``home`` with the recovery slot; set a new password."""
    key = unwrap_database_key(home, identities)
    with Workspace.open_with_key(home, key) as ws:
        ws.set_password(new_password, kdf=kdf)
