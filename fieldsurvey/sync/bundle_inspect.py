"""Looking at a bundle without a workspace: its public header, or (disaster recovery)
its payload decrypted with the printed recovery identity."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyrage

from fieldsurvey.errors import BundleCheckError, RecoveryError, SyncError
from fieldsurvey.sync import age_header, bundle_format, keys, payload_stream
from fieldsurvey.sync.bundle_checks import parse_header


def _container(data: bytes) -> bundle_format.Container:
    try:
        return bundle_format.split(data, bundle_format.BUNDLE_MAGIC)
    except bundle_format.ContainerFormatError as exc:
        raise BundleCheckError(exc.check, "sync.inspect.not_a_bundle", reason=exc) from exc


def inspect_bundle(data: bytes) -> dict[str, Any]:
    """The header and layout of a bundle; the signature is NOT checked here."""
    container = _container(data)
    header = parse_header(container)
    try:
        stanzas = age_header.parse(container.payload, max_stanzas=64).types
    except age_header.AgeHeaderError as exc:
        stanzas = [f"unreadable: {exc}"]
    return {
        "header": header.model_dump(),
        "header_length": len(container.header_bytes),
        "payload_offset": container.payload_offset,
        "payload_length_actual": len(container.payload),
        "payload_hash_matches": hashlib.sha256(container.payload).hexdigest()
        == header.payload_sha256,
        "age_recipient_stanzas": stanzas,
        "signature": container.signature.hex(),
        "note": "The signature is checked only by `bundle import` on the coordinator.",
    }


def decrypt_with_identity(
    data: bytes, identity: str | Sequence[pyrage.x25519.Identity], out_dir: Path
) -> Path:
    """Decrypt a bundle's payload with an identity (the text of an identity file, or
    identities already read); write ``bundle-<bundle id>.json`` into ``out_dir``."""
    container = _container(data)
    header = parse_header(container)
    if (
        len(container.payload) != header.payload_length
        or hashlib.sha256(container.payload).hexdigest() != header.payload_sha256
    ):
        raise BundleCheckError("payload", "sync.inspect.payload_damaged")
    try:
        identities = keys.read_identity_file(identity) if isinstance(identity, str) else identity
    except keys.KeyFormatError as exc:
        raise RecoveryError("sync.inspect.identity_unusable", reason=exc) from exc
    try:
        payload = payload_stream.read_whole(header, container.payload, identities)
    except BundleCheckError as exc:
        if exc.code == "sync.check.binding":
            raise BundleCheckError("binding", "sync.inspect.other_bundle") from exc
        raise BundleCheckError("binding", "sync.inspect.payload_malformed") from exc
    target = out_dir / f"bundle-{header.bundle}.json"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SyncError("sync.cannot_write", path=out_dir, reason=exc.strerror or str(exc)) from exc
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise SyncError("sync.file_exists", path=target) from exc
    except OSError as exc:
        raise SyncError("sync.cannot_write", path=target, reason=exc.strerror or str(exc)) from exc
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(payload.model_dump(), handle, ensure_ascii=False, indent=1)
    return target
