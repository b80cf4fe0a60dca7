"""``fieldsurvey bundle send --to URL``: a laptop's side of the inbox protocol.

Synchronous, on the standard library's :mod:`http.client` (one request at a time; the
app calls it from a worker thread). In order: the server proves it holds the
coordinator key the device package named (:meth:`InboxClient.hello`); pending work is
written as bundles into the workspace's ``outbox/`` exactly as ``bundle export`` does;
each bundle there is uploaded, resuming from what the server holds after a dropped
connection; merged ones move to ``outbox/sent/`` (refused ones to ``outbox/refused/``,
to hand over on a USB stick); then the laptop's receipt is fetched (a signed
one-time nonce) and applied as ``receipt import`` does.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fieldsurvey import messages
from fieldsurvey.errors import BundleCheckError, SyncError
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format, keys
from fieldsurvey.sync import inbox_protocol as proto
from fieldsurvey.sync.bundle_checks import parse_header
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.campaign import DeviceConfig, device_config_of
from fieldsurvey.sync.receipts import ReceiptReport, import_receipt

OUTBOX = "outbox"
CHUNK_BYTES = 256 * 1024
ATTEMPTS = 6
#: Workspace settings of the laptop: the inbox's address (``bundle send`` without
#: ``--to`` and the app's Send use it) and whether the app sends by itself.
INBOX_URL_SETTING = "sync.inbox_url"
AUTO_SEND_SETTING = "sync.auto_send"
TIMEOUT = 60.0
#: How long to wait for the import of a bundle the server holds whole (seconds).
STORED_WAIT = 600.0


#: Refusals that pass: asked again after a pause.
_LATER = frozenset({"inbox.rate_limited", "inbox.unavailable", "inbox.upload_in_progress"})


class InboxError(SyncError):
    """The inbox could not be reached, did not prove itself, or refused (``inbox.*``);
    ``server_code`` is the server's catalogue code of a refusal ("" otherwise)."""

    server_code = ""
    retry_after = 1.0


@dataclass
class Sent:
    """One bundle's outcome: ``state`` merged or rejected; ``sent`` bytes this time."""

    file: str
    state: str
    sent: int = 0
    resumed_from: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    reason: str = ""


@dataclass
class SendReport:
    bundles: list[Sent] = field(default_factory=list)
    receipt: ReceiptReport | None = None


class InboxClient:
    """Requests to the inbox at ``url`` as the laptop of ``config``."""

    def __init__(self, url: str, config: DeviceConfig, *, timeout: float = TIMEOUT) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InboxError("inbox.bad_url", url=url)
        self.url = url
        self.config = config
        self.timeout = timeout
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        try:
            self._port = parts.port
        except ValueError as exc:
            raise InboxError("inbox.bad_url", url=url) from exc
        self._base = parts.path.rstrip("/")

    # --- plumbing --------------------------------------------------------------------------
    def connection(self) -> http.client.HTTPConnection:
        if self._https:
            return http.client.HTTPSConnection(self._host, self._port, timeout=self.timeout)
        return http.client.HTTPConnection(self._host, self._port, timeout=self.timeout)

    def path(self, route: str) -> str:
        return self._base + route

    def request(
        self, method: str, route: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> tuple[int, dict[str, str], bytes]:
        conn = self.connection()
        try:
            conn.request(method, self.path(route), body=body or None, headers=headers or {})
            response = conn.getresponse()
            data = response.read(bundle_format.MAX_FILE_BYTES + 1)
            return response.status, dict(response.getheaders()), data
        except (OSError, http.client.HTTPException) as exc:
            raise InboxError("inbox.unreachable", url=self.url, reason=_why(exc)) from exc
        finally:
            conn.close()

    def _json(self, status: int, data: bytes) -> dict[str, Any]:
        try:
            value = json.loads(data)
        except ValueError as exc:
            raise InboxError("inbox.protocol", url=self.url, status=status) from exc
        if not isinstance(value, dict):
            raise InboxError("inbox.protocol", url=self.url, status=status)
        return value

    def _refused(self, status: int, data: bytes, file: str) -> InboxError:
        """The server's refusal, in this laptop's language when its code is known."""
        body = self._json(status, data) if data else {}
        error = InboxError("inbox.refused", file=file, reason=_reason(body, str(status)))
        error.server_code = str(body.get("code", ""))
        error.retry_after = _retry_after(body)
        return error

    # --- the server's proof ----------------------------------------------------------------
    def hello(self) -> None:
        """InboxError unless the server signs a fresh challenge with the coordinator key
        of this laptop's campaign."""
        challenge = os.urandom(proto.CHALLENGE_BYTES)
        status, _, data = self.request("GET", f"/hello?challenge={challenge.hex()}")
        if status != 200:
            raise InboxError("inbox.server_not_coordinator", url=self.url)
        body = self._json(status, data)
        signature = proto.unb64(body.get("signature"), limit=keys.SIGNATURE_BYTES)
        campaign = body.get("campaign")
        if (
            campaign != self.config.campaign_id
            or signature is None
            or not keys.verify(
                self.config.coordinator_signing_public,
                proto.DOMAIN_SERVER_CHALLENGE,
                proto.server_challenge_message(challenge, self.config.campaign_id),
                signature,
            )
        ):
            raise InboxError("inbox.server_not_coordinator", url=self.url)

    # --- uploads ---------------------------------------------------------------------------
    def signed_route(self, data: bytes) -> tuple[str, dict[str, str]]:
        """The route of bundle ``data`` and the headers that authenticate it (its own
        signed header)."""
        container = bundle_format.split(data, bundle_format.BUNDLE_MAGIC)
        header = parse_header(container)  # BundleCheckError for a damaged file
        headers = {
            proto.HEADER: proto.b64(container.header_bytes),
            proto.SIGNATURE: proto.b64(container.signature),
        }
        return f"/bundles/{header.bundle}", headers

    def state(self, data: bytes, file: str = "") -> tuple[str, int]:
        route, headers = self.signed_route(data)
        status, _, body = self.request("GET", route, headers)
        if status != 200:
            raise self._refused(status, body, file)
        value = self._json(status, body)
        state, offset = value.get("state"), value.get("offset")
        if state not in proto.STATES or not isinstance(offset, int):
            raise InboxError("inbox.protocol", url=self.url, status=status)
        return str(state), offset

    def upload(self, data: bytes, file: str = "", *, attempts: int = ATTEMPTS) -> Sent:
        """Send the bundle ``data`` until the server holds it whole and has imported it;
        after a dropped connection, ask where it stopped and go on from there."""
        route, headers = self.signed_route(data)
        result = Sent(file=file, state="none")
        failures, waited, offset = 0, 0.0, 0
        restarted = False
        ask = True  # ask where the upload stands before the next PUT

        def wait(seconds: float) -> None:
            nonlocal waited
            waited += seconds
            if waited > STORED_WAIT:
                raise InboxError("inbox.gave_up", file=file, attempts=failures + 1)
            time.sleep(seconds)

        while failures < attempts:
            if ask:
                try:
                    state, offset = self.state(data, file)
                except InboxError as exc:
                    if exc.code == "inbox.unreachable":
                        failures = self._pause(failures)
                    elif exc.server_code in _LATER:
                        wait(exc.retry_after)
                    else:
                        raise
                    continue
                if state in ("merged", "rejected"):
                    result.state = state
                    return result
                if state == "stored":  # whole on the server, its import under way
                    wait(1.0)
                    continue
                ask = False
                if offset:
                    result.resumed_from = offset
            try:
                status, body = self._put(route, headers, data, offset, result)
            except (OSError, http.client.HTTPException):
                failures, ask = self._pause(failures), True  # dropped: where did it stop?
                continue
            if status in (429, 503):  # the same PUT again, later
                wait(_retry_after(_lenient_json(body)))
                continue
            if status == 409:
                failures, ask = self._pause(failures), True
                continue
            if status != 200:
                refused = self._refused(status, body, file)
                if refused.server_code != "inbox.upload_mismatch" or restarted:
                    raise refused
                # Someone else's bytes under this bundle's (public) header were in the
                # server's partial file; it dropped them: send the whole file once more.
                restarted, ask = True, True
                continue
            value = self._json(status, body)
            if value.get("state") in ("merged", "rejected"):
                result.state = str(value["state"])
                result.counts = dict(value.get("counts") or {})
                result.reason = _reason(value, "")
                return result
            failures, ask = self._pause(failures), True  # cut short: ask again
        raise InboxError("inbox.gave_up", file=file, attempts=attempts)

    @staticmethod
    def _pause(failures: int) -> int:
        time.sleep(min(0.2 * 2**failures, 5.0))
        return failures + 1

    def _put(
        self, route: str, headers: dict[str, str], data: bytes, offset: int, result: Sent
    ) -> tuple[int, bytes]:
        conn = self.connection()
        try:
            conn.putrequest("PUT", self.path(route))
            for name, value in {
                **headers,
                proto.OFFSET: str(offset),
                "Content-Length": str(len(data) - offset),
                "Content-Type": "application/octet-stream",
            }.items():
                conn.putheader(name, value)
            conn.endheaders()
            view = memoryview(data)
            for start in range(offset, len(data), CHUNK_BYTES):
                conn.send(view[start : start + CHUNK_BYTES])
                result.sent += min(CHUNK_BYTES, len(data) - start)
            response = conn.getresponse()
            return response.status, response.read(1024 * 1024)
        finally:
            conn.close()

    # --- receipts --------------------------------------------------------------------------
    def receipt(self) -> bytes:
        """This laptop's receipt, signed by the coordinator (checked when applied)."""
        device = self.config.device_id
        status, _, body = self.request("GET", f"/receipts/{device}/challenge")
        if status != 200:
            raise self._refused(status, body, "receipt")
        try:
            nonce = bytes.fromhex(str(self._json(status, body).get("nonce")))
        except ValueError as exc:
            raise InboxError("inbox.protocol", url=self.url, status=status) from exc
        signature = keys.sign(
            self.config.signing_key,
            proto.DOMAIN_RECEIPT_REQUEST,
            proto.receipt_request_message(nonce, device),
        )
        headers = {proto.NONCE: nonce.hex(), proto.SIGNATURE: proto.b64(signature)}
        status, _, body = self.request("GET", f"/receipts/{device}", headers)
        if status != 200:
            raise self._refused(status, body, "receipt")
        return body


def _reason(body: dict[str, Any], default: str) -> str:
    """A refusal's reason in this laptop's language when its code is in the catalogue,
    else the server's English text."""
    code, params = str(body.get("code", "")), body.get("params") or {}
    if code in messages.CATALOGUE and isinstance(params, dict):
        try:
            return messages.render(code, **params)
        except (KeyError, IndexError, ValueError):
            pass
    return str(body.get("message") or default)


def _lenient_json(data: bytes) -> dict[str, Any]:
    """A JSON object, or {} (a proxy's HTML error page, say)."""
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _retry_after(body: dict[str, Any]) -> float:
    """Seconds a refusal asks to wait (rate limit), 1 to 30."""
    params = body.get("params")
    try:
        seconds = float(params.get("seconds", 1)) if isinstance(params, dict) else 1.0
    except (TypeError, ValueError):
        seconds = 1.0
    return min(max(seconds, 1.0), 30.0)


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__


def outbox(ws: Workspace) -> Path:
    folder = ws.home / OUTBOX
    for sub in ("", "sent", "refused"):
        (folder / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def write_pending(ws: Workspace, folder: Path) -> int:
    """Every completed interview written into bundles in ``folder`` (``bundle export``,
    as many bundles as the size cap needs); how many were written."""
    written = 0
    while True:
        result = export_bundle(ws, folder)
        if result.path is None:
            return written
        written += 1
        if not result.remaining:
            return written


def send_pending(ws: Workspace, url: str) -> SendReport:
    """Send this laptop's pending work to the inbox at ``url`` and apply its receipt."""
    InboxClient(url, device_config_of(ws)).hello()
    write_pending(ws, outbox(ws))
    report, receipt = upload_outbox(ws, url)
    report.receipt = import_receipt(ws, receipt)
    return report


def upload_outbox(ws: Workspace, url: str) -> tuple[SendReport, bytes]:
    """Upload the bundles waiting in the outbox to the inbox at ``url`` (each moved to
    ``sent/`` or ``refused/``) and fetch this laptop's receipt, to apply with
    ``import_receipt``. Network only: nothing is written to the workspace, so the app
    runs it beside the writer thread and entry never waits for the network."""
    client = InboxClient(url, device_config_of(ws))
    folder = outbox(ws)
    report = SendReport()
    for path in sorted(folder.glob("*.fsb")):
        try:
            data = bundle_format.read_limited(path)
            sent = client.upload(data, path.name)
        except (bundle_format.ContainerFormatError, BundleCheckError) as exc:
            sent = Sent(file=path.name, state="rejected", reason=exc.text())
        report.bundles.append(sent)
        target = folder / ("sent" if sent.state == "merged" else "refused")
        shutil.move(str(path), str(target / path.name))
    return report, client.receipt()
