"""Device packages: everything a laptop needs to join a campaign, sealed for the trip.

A package is canonical JSON ``{"package": {...}, "signature": "<base64>"}``, the
signature made by the coordinator's Ed25519 key over the canonical package, and the
whole encrypted with age to a one-time passphrase (scrypt). The passphrase is what
authenticates the package to the laptop; the signature binds its parts together and
the coordinator fingerprint shown on both sides lets people compare keys.

Each form version travels with its attachments (``PackageAttachment``: name, SHA-256,
size and the bytes in base64); the laptop checks them before it installs anything
(``sync/device_forms.py``). Receipts carry forms the same way.

The package also carries the laptop's share of the entity lists at setup
(``entity_share``: the entities of its wards, :mod:`fieldsurvey.sync.entity_sync`),
checked row by row before the laptop is set up; absent while the coordinator holds no
entity list (so laptops of earlier versions still open the package).
"""

from __future__ import annotations

import secrets
from typing import Any, Literal

import pyrage
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fieldsurvey.errors import PackageError
from fieldsurvey.sync import age_header, keys
from fieldsurvey.sync.bundle_format import UUID_PATTERN
from fieldsurvey.sync.canonical_json import StrictJsonError, dumps, loads_strict
from fieldsurvey.sync.entity_sync import EntityShare, check_share

#: A package holds the published forms with their attachments (base64): as large as a
#: receipt may be (``bundle_format.MAX_FILE_BYTES``).
MAX_PACKAGE_BYTES = 64 * 1024 * 1024
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


class PackageAttachment(BaseModel):
    """One file of a form version: ``data`` is its bytes in base64."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(min_length=1, max_length=200)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)
    data: str


class PackageForm(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    form_id: str
    version: str
    definition: str
    hash: str
    attachments: list[PackageAttachment] = Field(default_factory=list)


class DevicePackage(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    format: Literal[1] = 1
    kind: Literal["device-package"] = "device-package"
    created: str
    campaign_id: str = Field(pattern=UUID_PATTERN)
    campaign_name: str
    device_id: str = Field(pattern=UUID_PATTERN)
    device_name: str
    device_signing_key: str
    device_age_identity: str
    coordinator_signing_public: str
    recipients: list[str] = Field(min_length=2, max_length=2)
    wards: list[str] = Field(default_factory=list)
    forms: list[PackageForm] = Field(default_factory=list)
    entity_share: EntityShare | None = None


class _Sealed(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    package: dict[str, Any]
    signature: str


def new_passphrase() -> str:
    """A one-time passphrase of 24 unambiguous characters (~120 bits), in groups of 4."""
    text = "".join(secrets.choice(_ALPHABET) for _ in range(24))
    return "-".join(text[i : i + 4] for i in range(0, 24, 4))


def seal(package: DevicePackage, coordinator_signing_key: str, passphrase: str) -> bytes:
    """Sign ``package`` with the coordinator key and encrypt it to ``passphrase``."""
    if not passphrase:
        raise PackageError("sync.package.empty_passphrase")
    body = package.model_dump()
    if package.entity_share is None:
        del body["entity_share"]
    signature = keys.sign(coordinator_signing_key, keys.DOMAIN_DEVICE_PACKAGE, dumps(body))
    sealed = dumps({"package": body, "signature": keys.b64encode(signature)})
    return bytes(pyrage.passphrase.encrypt(sealed, passphrase))


def open_sealed(data: bytes, passphrase: str) -> DevicePackage:
    """Decrypt, parse strictly and verify a package; PackageError on any problem."""
    if not data or len(data) > MAX_PACKAGE_BYTES:
        raise PackageError("sync.package.not_a_package")
    try:
        age_header.check_for_passphrase(data)
    except age_header.AgeHeaderError as exc:
        raise PackageError("sync.package.not_a_package_reason", reason=exc) from exc
    try:
        plaintext = pyrage.passphrase.decrypt(data, passphrase)
    except Exception as exc:
        raise PackageError("sync.package.wrong_passphrase") from exc
    try:
        outer = _Sealed.model_validate(
            loads_strict(plaintext, max_bytes=MAX_PACKAGE_BYTES, canonical=True)
        )
        package = DevicePackage.model_validate(outer.package)
        signature = keys.b64decode(outer.signature, length=keys.SIGNATURE_BYTES)
    except (StrictJsonError, ValidationError, keys.KeyFormatError) as exc:
        raise PackageError("sync.package.malformed") from exc
    if package.entity_share is not None:  # every row within the limits, before any setup
        check_share(package.entity_share, PackageError)
    if not keys.verify(
        package.coordinator_signing_public,
        keys.DOMAIN_DEVICE_PACKAGE,
        dumps(outer.package),
        signature,
    ):
        raise PackageError("sync.package.bad_signature")
    try:
        keys.age_identity(package.device_age_identity)
        for recipient in package.recipients:
            keys.age_recipient(recipient)
        keys.public_key_of(package.device_signing_key)
    except (keys.KeyFormatError, ValueError) as exc:
        raise PackageError("sync.package.bad_key") from exc
    return package
