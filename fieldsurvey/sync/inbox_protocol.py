"""The inbox protocol shared by ``fieldsurvey serve`` and ``fieldsurvey bundle send``.

Plain HTTP/1.1 (a reverse proxy adds TLS: docs/inbox-server.md). The transport carries
no trust: bundles and receipts are signed and end-to-end encrypted as on a USB stick.
It only authenticates who talks, before anything costly:

* the laptop proves the server holds the coordinator's Ed25519 key: it sends 32 random
  bytes (``GET /hello?challenge=HEX``) and checks the signature over
  :data:`DOMAIN_SERVER_CHALLENGE`, the challenge and the campaign id;
* every bundle request carries the bundle's own signed header (:data:`HEADER`,
  :data:`SIGNATURE`, base64): the server checks the device, its signature, the campaign,
  the size cap and the device's rate before it reads a byte of the body;
* receipts are fetched with a one-time server nonce signed by the device key over
  :data:`DOMAIN_RECEIPT_REQUEST`, the nonce and the device id.

Routes::

    GET  /status                          liveness and queue (no authentication)
    GET  /hello?challenge=HEX             {"campaign", "signature"}: the server's proof
    GET  /bundles/{id}  (HEAD too)        {"state", "offset"}: how far an upload got
    PUT  /bundles/{id}                    the file's bytes from FieldSurvey-Offset on
    GET  /receipts/{device}/challenge     {"nonce"}: single use, one minute
    GET  /receipts/{device}               the signed receipt (FieldSurvey-Nonce, -Signature)

A refusal is JSON ``{"code", "params", "check", "message"}`` with a 4xx status; the
``code`` is a catalogue code (``inbox.*`` or ``sync.check.*``), so the laptop shows it
in its own language.
"""

from __future__ import annotations

import base64
import binascii
import re

#: Signature domains (see :mod:`fieldsurvey.sync.keys`): never those of bundles,
#: receipts or packages, so no signature made here can pass for one of them.
DOMAIN_SERVER_CHALLENGE = b"fieldsurvey/inbox-server/v1"
DOMAIN_RECEIPT_REQUEST = b"fieldsurvey/inbox-receipt-request/v1"

HEADER = "FieldSurvey-Header"
SIGNATURE = "FieldSurvey-Signature"
OFFSET = "FieldSurvey-Offset"
STATE = "FieldSurvey-State"
NONCE = "FieldSurvey-Nonce"

CHALLENGE_BYTES = 32
NONCE_BYTES = 32
NONCE_SECONDS = 60.0

#: Upload states: nothing held, part of the file held, the whole file held and waiting
#: for (or in) its import, merged (or merged before), refused by the import checks.
STATES = ("none", "partial", "stored", "merged", "rejected")

BUNDLE_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str | None, *, limit: int) -> bytes | None:
    """Base64 ``text`` decoded, or None if absent, malformed or longer than ``limit``."""
    if text is None or len(text) > 4 * (limit // 3 + 1):
        return None
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None
    return data if len(data) <= limit else None


def server_challenge_message(challenge: bytes, campaign_id: str) -> bytes:
    return challenge + campaign_id.encode("ascii")


def receipt_request_message(nonce: bytes, device_id: str) -> bytes:
    return nonce + device_id.encode("ascii")
