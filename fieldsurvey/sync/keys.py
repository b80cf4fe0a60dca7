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

SIGNATURE_BYTES = 64

DOMAIN_BUNDLE_HEADER = b"fieldsurvey/bundle-header/v1"
DOMAIN_RECEIPT_HEADER = b"fieldsurvey/receipt-header/v1"
DOMAIN_DEVICE_PACKAGE = b"fieldsurvey/device-package/v1"


class KeyFormatError(ValueError):
    """A key in text form cannot be decoded."""


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str, *, length: int | None = None) -> bytes:
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise KeyFormatError("not valid base64") from exc
    if length is not None and len(data) != length:
        raise KeyFormatError(f"expected {length} bytes, got {len(data)}")
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
        raise KeyFormatError("not an age identity (AGE-SECRET-KEY-1...)") from exc


def age_recipient(public: str) -> pyrage.x25519.Recipient:
    try:
        return pyrage.x25519.Recipient.from_str(public.strip())
    except Exception as exc:
        raise KeyFormatError("not an age recipient (age1...)") from exc


def read_identity_file(text: str) -> list[pyrage.x25519.Identity]:
    """Identities from an age identity file (comments and blank lines ignored)."""
    found = [
        age_identity(line)
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not found:
        raise KeyFormatError("the file holds no age identity")
    return found


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
