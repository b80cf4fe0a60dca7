"""Campaign and device keys: age X25519 identities (pyrage), Ed25519 signatures.

Keys travel as text: age identities and recipients in their usual
``AGE-SECRET-KEY-1...`` / ``age1...`` form, Ed25519 keys as base64 of the raw
32 bytes. Every signature is made over a domain label plus the message, so a
signature on a bundle header can never be replayed as one on a receipt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from fieldsurvey.errors import SyncError

SIGNATURE_BYTES = 64
MAX_IDENTITY_FILE_BYTES = 64 * 1024  # an identity file holds a few short lines

DOMAIN_BUNDLE_HEADER = b"fieldsurvey/bundle-header/v1"
DOMAIN_RECEIPT_HEADER = b"fieldsurvey/receipt-header/v1"
DOMAIN_DEVICE_PACKAGE = b"fieldsurvey/device-package/v1"


class KeyFormatError(SyncError, ValueError):
    """A key in text form cannot be decoded (codes ``sync.key.*``).

    Also a ``ValueError``, as it was before it had a code."""


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str, *, length: int | None = None) -> bytes:
    if not isinstance(text, str):  # e.g. a number where a damaged file should have a key
        raise KeyFormatError("sync.key.not_base64")
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise KeyFormatError("sync.key.not_base64") from exc
    if length is not None and len(data) != length:
        raise KeyFormatError("sync.key.wrong_length", expected=length, got=len(data))
    return data


# --- age (encryption) -----------------------------------------------------------------
def new_age_identity() -> tuple[str, str]:
    """A fresh X25519 identity: ``(secret "AGE-SECRET-KEY-1...", recipient "age1...")``."""
    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def age_identity(secret: str) -> pyrage.x25519.Identity:
    try:
        return pyrage.x25519.Identity.from_str(secret.strip())
    except Exception as exc:  # pyrage raises its own IdentityError
        raise KeyFormatError("sync.key.not_age_identity") from exc


def age_recipient(public: str) -> pyrage.x25519.Recipient:
    try:
        return pyrage.x25519.Recipient.from_str(public.strip())
    except Exception as exc:
        raise KeyFormatError("sync.key.not_age_recipient") from exc


def read_identity_file(text: str) -> list[pyrage.x25519.Identity]:
    """Identities from an age identity file (comments and blank lines ignored)."""
    found = [
        age_identity(line)
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not found:
        raise KeyFormatError("sync.key.no_identity")
    return found


def read_identity_path(path: Path) -> list[pyrage.x25519.Identity]:
    """Identities from the age identity file at ``path``; KeyFormatError if the file
    cannot be read, is far too large, is not text or holds no identity."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IDENTITY_FILE_BYTES + 1)
    except OSError as exc:
        raise KeyFormatError("sync.key.cannot_read", reason=exc.strerror or str(exc)) from exc
    if len(data) > MAX_IDENTITY_FILE_BYTES:
        raise KeyFormatError("sync.key.too_large")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KeyFormatError("sync.key.not_text") from exc
    return read_identity_file(text)


# --- Ed25519 (signatures) -------------------------------------------------------------
def new_signing_key() -> str:
    """A fresh Ed25519 private key as base64 of its 32 raw bytes."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )
    return b64encode(raw)


def _private(key_b64: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(b64decode(key_b64, length=32))


def public_key_of(private_b64: str) -> str:
    raw = _private(private_b64).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return b64encode(raw)


def sign(private_b64: str, domain: bytes, message: bytes) -> bytes:
    """64-byte Ed25519 signature over ``domain || 0x00 || message``."""
    return _private(private_b64).sign(domain + b"\x00" + message)


def verify(public_b64: str, domain: bytes, message: bytes, signature: bytes) -> bool:
    """True if ``signature`` is valid; never raises on bad input."""
    try:
        public = Ed25519PublicKey.from_public_bytes(b64decode(public_b64, length=32))
        public.verify(signature, domain + b"\x00" + message)
    except (InvalidSignature, KeyFormatError, ValueError):
        return False
    return True


def fingerprint(public_b64: str) -> str:
    """Short, human-comparable fingerprint of a public key: ``ABCD-EFGH-IJKL-MNOP``."""
    digest = hashlib.sha256(b64decode(public_b64)).digest()
    text = base64.b32encode(digest).decode("ascii")[:16]
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))
