"""The import checks of a bundle, in the order the issue fixes.

Before anything untrusted is parsed beyond the small header: size limits, header
syntax (strict canonical JSON, duplicate keys refused), a known and not revoked
device, its signature, the campaign, payload length and hash, replay of (device,
sequence). Only then is the payload read (:mod:`payload_stream`: its age header
inspected, the payload decrypted a chunk at a time, parsed strictly and checked
against the header, the inner binding).
Each failure raises :class:`BundleCheckError` naming its check, with a catalogue code
(``sync.check.*``, or the code of the container, JSON or decryption error it wraps) so
the CLI and the app show the reason in their language; nothing here writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import ValidationError

from fieldsurvey.errors import BundleCheckError, EquivocationError
from fieldsurvey.sync import bundle_format, keys
from fieldsurvey.sync.bundle_format import BundleHeader, Container, ContainerFormatError
from fieldsurvey.sync.bundle_payload import BundlePayload, WireAudit, WireInterview
from fieldsurvey.sync.canonical_json import StrictJsonError, loads_strict
from fieldsurvey.sync.devices import Device

CHECKS = (
    "size",
    "header",
    "device",
    "signature",
    "campaign",
    "payload",
    "replay",
    "decrypt",
    "binding",
)


@dataclass(frozen=True)
class Seen:
    """What the coordinator already holds for a (device, sequence) or bundle id."""

    bundle_id: str
    device_id: str
    sequence: int
    payload_sha256: str


@dataclass(frozen=True)
class VerifiedOuter:
    """A bundle whose header, signature and payload hash all check out."""

    header: BundleHeader
    container: Container
    device: Device
    verdict: Literal["new", "already-imported"]
    gap: tuple[int, int] | None = None  # missing sequence numbers, first..last


def parse_header(container: Container) -> BundleHeader:
    try:
        value = loads_strict(
            container.header_bytes, max_bytes=bundle_format.MAX_HEADER_BYTES, canonical=True
        )
        return BundleHeader.model_validate(value)
    except StrictJsonError as exc:
        raise BundleCheckError("header", "sync.check.header_not_json", reason=exc) from exc
    except ValidationError as exc:
        fields = sorted({".".join(str(p) for p in e["loc"]) or "header" for e in exc.errors()})
        raise BundleCheckError("header", "sync.check.header_fields", fields=fields) from exc


def verify_outer(
    data: bytes,
    *,
    campaign_id: str,
    find_device: Callable[[str], Device | None],
    find_seen: Callable[[str, int, str], list[Seen]],
    last_sequence: Callable[[str], int],
) -> VerifiedOuter:
    """Run the checks up to and including replay; raise BundleCheckError on the first failure."""
    try:
        container = bundle_format.split(data, bundle_format.BUNDLE_MAGIC)
    except ContainerFormatError as exc:
        raise BundleCheckError(exc.check, exc.code, **exc.params) from exc
    header = parse_header(container)
    device = find_device(header.device)
    if device is None:
        raise BundleCheckError("device", "sync.check.unknown_device")
    if device.revoked is not None:
        raise BundleCheckError(
            "device", "sync.check.device_revoked", device=device.name, date=device.revoked
        )
    if not keys.verify(
        device.signing_public,
        keys.DOMAIN_BUNDLE_HEADER,
        container.header_bytes,
        container.signature,
    ):
        raise BundleCheckError("signature", "sync.check.bad_signature", device=device.name)
    if header.campaign != campaign_id:
        raise BundleCheckError("campaign", "sync.check.other_campaign")
    payload = container.payload_view
    if len(payload) != header.payload_length:
        raise BundleCheckError(
            "payload",
            "sync.check.payload_length",
            actual=len(payload),
            expected=header.payload_length,
        )
    if hashlib.sha256(payload).hexdigest() != header.payload_sha256:
        raise BundleCheckError("payload", "sync.check.payload_hash")
    verdict: Literal["new", "already-imported"] = "new"
    for seen in find_seen(header.device, header.sequence, header.bundle):
        same = (
            seen.bundle_id == header.bundle
            and seen.device_id == header.device
            and seen.sequence == header.sequence
            and seen.payload_sha256 == header.payload_sha256
        )
        if same:
            verdict = "already-imported"
        elif seen.device_id == header.device and seen.sequence == header.sequence:
            raise EquivocationError(
                "replay", "sync.check.equivocation", device=device.name, sequence=header.sequence
            )
        else:
            raise BundleCheckError("replay", "sync.check.bundle_id_reused")
    gap = None
    last = last_sequence(header.device)
    if verdict == "new" and header.sequence > last + 1:
        gap = (last + 1, header.sequence - 1)
    return VerifiedOuter(header, container, device, verdict, gap)


_LIMIT_CODES = frozenset({"sync.json.too_many_values", "sync.json.too_deep"})


def parse_payload(plaintext: bytes | bytearray) -> BundlePayload:
    """The decrypted payload, parsed within the documented limits (check ``payload``:
    :data:`bundle_format.MAX_PAYLOAD_VALUES` values, counted before parsing, and
    :data:`bundle_format.MAX_PAYLOAD_DEPTH` levels) and validated record by record, so a
    list of a million malformed records stops at the first one instead of collecting a
    million errors (check ``binding``)."""
    try:
        value = loads_strict(
            plaintext,
            max_bytes=len(plaintext),
            max_depth=bundle_format.MAX_PAYLOAD_DEPTH,
            max_values=bundle_format.MAX_PAYLOAD_VALUES,
        )
    except StrictJsonError as exc:
        if exc.code in _LIMIT_CODES:
            raise BundleCheckError("payload", "sync.check.payload_limits", reason=exc) from exc
        raise BundleCheckError("binding", "sync.check.payload_malformed") from exc
    try:
        if not isinstance(value, dict):
            raise BundleCheckError("binding", "sync.check.payload_malformed")
        parts: dict[str, object] = {}
        if "interviews" in value:
            parts["interviews"] = [
                WireInterview.model_validate(i) for i in _items(value, "interviews")
            ]
        if "audit" in value:
            parts["audit"] = [WireAudit.model_validate(a) for a in _items(value, "audit")]
        return BundlePayload.model_validate({**value, **parts})
    except ValidationError as exc:
        raise BundleCheckError("binding", "sync.check.payload_malformed") from exc


def _items(value: dict[str, object], key: str) -> list[object]:
    items = value[key]
    if not isinstance(items, list):
        raise BundleCheckError("binding", "sync.check.payload_malformed")
    return items
