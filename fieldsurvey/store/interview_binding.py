"""An interview's identity bound to the device that created it.

On a laptop (a workspace with a ``device_id``) a new interview's uuid is
``uuid5(INTERVIEW_NAMESPACE, f"{device_id}/{nonce}")``, where ``nonce`` is 128 random
bits (32 hex digits) made when the interview is created, kept in the ``nonce`` column
and carried in the bundle's wire record. The coordinator recomputes the uuid for the
device whose signature the bundle carries and refuses a record that does not derive
from it: another laptop cannot find a nonce that makes a uuid derive from a device id
not its own (a SHA-1 preimage), so no bundle can claim another laptop's interview,
sent or not.

A workspace without a device (the coordinator) keeps random uuids and an empty nonce;
its interviews never travel in bundles. Interviews created on a laptop before this
change (migration ``0013_interview_binding``) have an empty nonce and cannot be rebound
(their uuid is in the hash-chained audit log): the coordinator refuses them
(``sync.data.binding_missing``).

API:
    INTERVIEW_NAMESPACE
    new_identity(device_id) -> (uuid, nonce)     (random uuid4 and "" without a device)
    derive_uuid(device_id, nonce) -> str
    binding_problem(uuid, device_id, nonce) -> catalogue code or None
    migrate_interview_binding(db)                (the ``nonce`` column)
"""

from __future__ import annotations

import re
import secrets
import uuid as uuidlib
from typing import TYPE_CHECKING

from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace

#: Fixed for ever: changing it would unbind every interview already made.
INTERVIEW_NAMESPACE = uuidlib.UUID("cdfe5d14-00cb-4635-9e78-a9bb9b4b1293")
NONCE_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def derive_uuid(device_id: str, nonce: str) -> str:
    """The uuid an interview made on ``device_id`` with ``nonce`` has."""
    return str(uuidlib.uuid5(INTERVIEW_NAMESPACE, f"{device_id}/{nonce}"))


def new_identity(device_id: str) -> tuple[str, str]:
    """A new interview's (uuid, nonce): bound to ``device_id``, or a random uuid and no
    nonce on a workspace without a device."""
    if not device_id:
        return str(uuidlib.uuid4()), ""
    nonce = secrets.token_hex(16)
    return derive_uuid(device_id, nonce), nonce


@storage_errors
def nonce_of(ws: Workspace, uuid: str) -> str:
    """The nonce stored with interview ``uuid`` ("" when it has none or is unknown)."""
    row = ws.db.execute("SELECT nonce FROM interviews WHERE uuid = ?", [uuid]).fetchone()
    return "" if row is None or row[0] is None else str(row[0])


def binding_problem(uuid: str, device_id: str, nonce: str) -> str | None:
    """Why the record ``uuid`` with ``nonce`` cannot be ``device_id``'s (a catalogue
    code), or None when its uuid derives from that device."""
    if not nonce:
        return "sync.data.binding_missing"
    if not NONCE_PATTERN.match(nonce) or derive_uuid(device_id, nonce) != uuid:
        return "sync.data.binding_mismatch"
    return None


def migrate_interview_binding(db: Database) -> None:
    # The nonce an interview's uuid derives from (with its device id); '' for interviews
    # made without a device, or before this migration (those are never rebound).
    db.execute("ALTER TABLE interviews ADD COLUMN nonce TEXT NOT NULL DEFAULT ''")
