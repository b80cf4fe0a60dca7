"""``fieldsurvey serve``: the coordinator's inbox over HTTP (aiohttp).

Each upload is authenticated by the bundle's own signed header before its body is read
(:func:`InboxServer.check_header`: the header's form, a known laptop not revoked, its
signature, the campaign, the size cap, then the laptop's rate), written to
``inbox/partial/`` as it arrives (so a dropped connection resumes from what arrived),
renamed whole into ``inbox/received/`` (atomic), and only then imported by
:func:`fieldsurvey.sync.bundle_import.import_files`, the code of a USB import, in a
worker thread (the event loop keeps answering ``/status``). An imported file moves to
``inbox/done/`` (merged, or merged before) or ``inbox/refused/``. On start, whatever is
in ``inbox/received/`` is imported first: a crash between the rename and the merge
loses nothing, and one during the merge rolls it back and merges it again.

Protocol: :mod:`fieldsurvey.sync.inbox_protocol`; deployment: docs/inbox-server.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import re
import secrets
import signal
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from fieldsurvey import messages
from fieldsurvey.errors import BundleCheckError, FieldSurveyError, SyncError
from fieldsurvey.logging_setup import log_event
from fieldsurvey.store import bundle_log, inbox_log
from fieldsurvey.store.device_registry import Device
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format, keys
from fieldsurvey.sync import inbox_protocol as proto
from fieldsurvey.sync.bundle_checks import parse_header
from fieldsurvey.sync.bundle_format import BundleHeader, Container
from fieldsurvey.sync.bundle_import import FileReport, import_files
from fieldsurvey.sync.campaign import CampaignKeys, campaign_of, now_utc
from fieldsurvey.sync.devices import get_device
from fieldsurvey.sync.receipts import build_receipt

_log = logging.getLogger("fieldsurvey.inbox")

INBOX_FOLDER = "inbox"
CHUNK_BYTES = 256 * 1024
PARTIAL_DAYS = 7


@dataclass(frozen=True)
class Limits:
    """What one laptop may ask: ``burst`` requests at once, then ``rate`` a second;
    ``uploads`` unfinished uploads held for it at a time; files of ``max_bytes``."""

    max_bytes: int = bundle_format.MAX_FILE_BYTES
    burst: float = 30.0
    rate: float = 2.0
    uploads: int = 4


class Refusal(Exception):
    """An HTTP refusal with a catalogue code (sent as JSON, never raised to a user)."""

    def __init__(self, status: int, code: str, check: str | None = None, **params: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.check, self.params = status, code, check, params

    def response(self) -> web.Response:
        body = {
            "code": self.code,
            "check": self.check,
            "params": {k: str(v) for k, v in self.params.items()},
            "message": messages.render(self.code, lang="en", **self.params),
        }
        headers = {}
        if self.status == 429 and "seconds" in self.params:
            headers["Retry-After"] = str(self.params["seconds"])
        return web.json_response(body, status=self.status, headers=headers)


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class RateLimiter:
    """A token bucket per laptop (by device id; only authenticated requests count)."""

    burst: float
    rate: float
    buckets: dict[str, _Bucket] = field(default_factory=dict)

    def take(self, device_id: str) -> None:
        now = time.monotonic()
        bucket = self.buckets.setdefault(device_id, _Bucket(self.burst, now))
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens < 1.0:
            wait = max(1, int((1.0 - bucket.tokens) / self.rate + 0.999))
            raise Refusal(429, "inbox.rate_limited", seconds=wait)
        bucket.tokens -= 1.0


@dataclass(frozen=True)
class Checked:
    """An upload's signed header, checked: who sends what, and the file's first bytes."""

    header: BundleHeader
    device: Device
    prefix: bytes

    @property
    def total(self) -> int:
        return len(self.prefix) + self.header.payload_length


class InboxServer:
    """The inbox of the coordinator workspace ``ws`` (files under ``ws.home/inbox``)."""

    def __init__(self, ws: Workspace, limits: Limits | None = None) -> None:
        self.ws = ws
        self.limits = limits or Limits()
        self.campaign: CampaignKeys = campaign_of(ws)
        root = ws.home / INBOX_FOLDER
        self.partial, self.received = root / "partial", root / "received"
        self.done, self.refused = root / "done", root / "refused"
        for folder in (self.partial, self.received, self.done, self.refused):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.limiter = RateLimiter(self.limits.burst, self.limits.rate)
        # One import at a time (each is one transaction); file work beside it.
        self.importer = ThreadPoolExecutor(1, thread_name_prefix="inbox-import")
        self.files = ThreadPoolExecutor(2, thread_name_prefix="inbox-files")
        self.busy: set[str] = set()  # bundle ids being written now
        self.pending: set[str] = set()  # stored files queued for (or in) their import
        self.tasks: set[asyncio.Task[None]] = set()
        self.nonces: dict[bytes, tuple[str, float]] = {}
        self.importing = 0
        self.imported = 0
        self.started = time.monotonic()

    # --- the application ------------------------------------------------------------------
    def app(self) -> web.Application:
        app = web.Application(middlewares=[_refusals])
        app.router.add_get("/status", self.status)
        app.router.add_get("/hello", self.hello)
        app.router.add_get("/bundles/{bundle}", self.bundle_state)
        app.router.add_put("/bundles/{bundle}", self.put_bundle)
        app.router.add_get("/receipts/{device}/challenge", self.receipt_challenge)
        app.router.add_get("/receipts/{device}", self.get_receipt)
        return app

    async def status(self, request: web.Request) -> web.Response:
        """Never touches the database: answers at once while an import runs."""
        waiting = sum(1 for _ in self.received.glob("*.fsb"))
        return web.json_response(
            {
                "ok": True,
                "importing": self.importing,
                "waiting": waiting,
                "imported": self.imported,
                "uptime": round(time.monotonic() - self.started, 1),
            }
        )

    async def hello(self, request: web.Request) -> web.Response:
        """Sign the laptop's challenge: proof that this is its coordinator."""
        try:
            challenge = bytes.fromhex(request.query.get("challenge", ""))
        except ValueError:
            challenge = b""
        if len(challenge) != proto.CHALLENGE_BYTES:
            raise Refusal(400, "inbox.bad_challenge", bytes=proto.CHALLENGE_BYTES)
        campaign_id = self.campaign.campaign_id
        signature = keys.sign(
            self.campaign.signing_key,
            proto.DOMAIN_SERVER_CHALLENGE,
            proto.server_challenge_message(challenge, campaign_id),
        )
        return web.json_response({"campaign": campaign_id, "signature": proto.b64(signature)})

    # --- authentication of an upload --------------------------------------------------------
    def check_header(self, request: web.Request) -> Checked:
        """The checks before a byte of body is read, in the import's order, then the cap
        and the laptop's rate (a refused header costs no token: it names no laptop)."""
        bundle_id = request.match_info["bundle"]
        if not proto.BUNDLE_ID.match(bundle_id):
            raise Refusal(404, "inbox.not_a_bundle_id")
        header_bytes = proto.unb64(
            request.headers.get(proto.HEADER), limit=bundle_format.MAX_HEADER_BYTES
        )
        signature = proto.unb64(request.headers.get(proto.SIGNATURE), limit=keys.SIGNATURE_BYTES)
        if header_bytes is None or signature is None or len(signature) != keys.SIGNATURE_BYTES:
            raise Refusal(400, "inbox.header_missing", check="header")
        try:
            header = parse_header(Container(header_bytes, signature, b""))
            device = self._device(header, header_bytes, signature)
        except BundleCheckError as exc:
            status = 400 if exc.check == "header" else 403
            raise Refusal(status, exc.code, check=exc.check, **exc.params) from exc
        if header.bundle != bundle_id:
            raise Refusal(400, "inbox.bundle_id_mismatch", check="header")
        prefix = bundle_format.pack(bundle_format.BUNDLE_MAGIC, header_bytes, signature, b"")
        checked = Checked(header, device, prefix)
        if checked.total > self.limits.max_bytes:
            raise Refusal(
                413, "inbox.too_large", check="size", size=checked.total,
                limit=self.limits.max_bytes,
            )  # fmt: skip
        self.limiter.take(header.device)
        return checked

    def _device(self, header: BundleHeader, header_bytes: bytes, signature: bytes) -> Device:
        device = get_device(self.ws, header.device)
        if device is None:
            raise BundleCheckError("device", "sync.check.unknown_device")
        if device.revoked is not None:
            raise BundleCheckError(
                "device", "sync.check.device_revoked", device=device.name, date=device.revoked
            )
        if not keys.verify(
            device.signing_public, keys.DOMAIN_BUNDLE_HEADER, header_bytes, signature
        ):
            raise BundleCheckError("signature", "sync.check.bad_signature", device=device.name)
        if header.campaign != self.campaign.campaign_id:
            raise BundleCheckError("campaign", "sync.check.other_campaign")
        return device

    # --- where an upload stands -------------------------------------------------------------
    def _paths(self, checked: Checked) -> tuple[Path, Path]:
        name = f"{checked.header.device}.{checked.header.bundle}"
        return self.partial / f"{name}.part", self.received / f"{name}.fsb"

    def _merged(self, header: BundleHeader) -> bool:
        return any(
            seen.bundle_id == header.bundle and seen.payload_sha256 == header.payload_sha256
            for seen in bundle_log.seen_bundles(
                self.ws, header.device, header.sequence, header.bundle
            )
        )

    def _state(self, checked: Checked) -> tuple[str, int]:
        partial, received = self._paths(checked)
        if self._merged(checked.header):
            return "merged", checked.total
        if received.exists():
            if received.name not in self.pending:  # its import failed (a full disk...)
                self._import_later(received)
            return "stored", checked.total
        if (self.refused / received.name).exists():
            return "rejected", checked.total
        if partial.exists():
            size = partial.stat().st_size
            with partial.open("rb") as handle:
                start = handle.read(len(checked.prefix))
            if checked.prefix.startswith(start):
                return "partial", size
            partial.unlink()  # another file under this id: start again
        return "none", 0

    async def bundle_state(self, request: web.Request) -> web.Response:
        checked = self.check_header(request)
        state, offset = self._state(checked)
        headers = {proto.STATE: state, proto.OFFSET: str(offset)}
        body = {"state": state, "offset": offset, "total": checked.total}
        return web.json_response(body, headers=headers)

    # --- the upload ----------------------------------------------------------------------
    async def put_bundle(self, request: web.Request) -> web.Response:
        checked = self.check_header(request)
        state, have = self._state(checked)
        if state in ("merged", "stored", "rejected"):  # idempotent: nothing read
            return web.json_response({"state": state, "offset": checked.total})
        try:
            offset = int(request.headers.get(proto.OFFSET, "0"))
        except ValueError:
            offset = -1
        length = request.content_length
        if length is None or offset < 0 or offset + length > checked.total or length == 0:
            raise Refusal(400, "inbox.bad_length")
        if offset != have:
            raise Refusal(409, "inbox.offset_mismatch", offset=have)
        key = checked.header.bundle
        if key in self.busy:
            raise Refusal(409, "inbox.upload_in_progress")
        if state == "none" and self._unfinished(checked.header.device) >= self.limits.uploads:
            raise Refusal(429, "inbox.too_many_uploads", count=self.limits.uploads)
        self.busy.add(key)
        try:
            size = await self._receive(request, checked, offset, length)
            if size < checked.total:
                return web.json_response({"state": "partial", "offset": size})
            return await self._complete(checked)
        finally:
            self.busy.discard(key)

    def _unfinished(self, device_id: str) -> int:
        return sum(1 for _ in self.partial.glob(f"{device_id}.*.part"))

    async def _receive(
        self, request: web.Request, checked: Checked, offset: int, length: int
    ) -> int:
        """Append the body to the partial file as it arrives; a dropped connection keeps
        what arrived (flushed), to resume from."""
        partial, _ = self._paths(checked)
        got = 0
        with partial.open("ab") as handle:
            try:
                while got < length:
                    chunk = await request.content.read(min(CHUNK_BYTES, length - got))
                    if not chunk:
                        break
                    handle.write(chunk)
                    got += len(chunk)
            except (ConnectionError, OSError, web.HTTPException):
                pass
            except Exception as exc:  # aiohttp's payload errors: the peer went away
                log_event(_log, "inbox.upload_cut", error=type(exc).__name__)
            finally:
                handle.flush()
        return offset + got

    async def _complete(self, checked: Checked) -> web.Response:
        partial, received = self._paths(checked)
        loop = asyncio.get_running_loop()
        whole = await loop.run_in_executor(self.files, _seal, partial, received, checked)
        if not whole:
            raise Refusal(400, "inbox.upload_mismatch", check="payload")
        report = await self._import(received)
        body: dict[str, Any] = {"state": _state_of(report), "offset": checked.total}
        if report.status == "rejected":
            params = report.error.params if report.error is not None else {}
            body.update(
                check=report.check,
                code=report.code,
                params={k: str(v) for k, v in params.items()},
                message=report.reason,
            )
        elif report.merge is not None:
            body["counts"] = report.merge.counts()
        return web.json_response(body)

    # --- imports ---------------------------------------------------------------------------
    async def _import(self, path: Path) -> FileReport:
        loop = asyncio.get_running_loop()
        self.importing += 1
        self.pending.add(path.name)
        try:
            return await loop.run_in_executor(self.importer, self._import_file, path)
        finally:
            self.importing -= 1
            self.pending.discard(path.name)

    def _import_later(self, path: Path) -> None:
        """Import ``path`` in the background (a stored file whose import did not end)."""
        self.pending.add(path.name)

        async def run() -> None:
            try:
                await self._import(path)
            except FieldSurveyError as exc:  # still failing: kept, tried again when asked
                log_event(_log, "inbox.import_failed", code=exc.code)

        task = asyncio.get_running_loop().create_task(run())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def _import_file(self, path: Path) -> FileReport:
        """In the import thread: the USB import of one file, then the file moved on."""
        report = import_files(self.ws, [path], who="inbox").files[0]
        if report.status != "rejected" and report.sequence is not None:
            device_id = path.name.split(".", 1)[0]  # <device>.<bundle>.fsb
            with self.ws.transaction() as db:
                inbox_log.record_bundle(db, device_id, sequence=report.sequence, at=now_utc())
        target = self.refused if report.status == "rejected" else self.done
        with contextlib.suppress(OSError):
            os.replace(path, target / path.name)
        self.imported += 1
        return report

    def _receipt_for(self, device: Device) -> bytes:
        """In a file thread: the device's receipt, and its contact noted."""
        data, _ = build_receipt(self.ws, device.name)
        with self.ws.transaction() as db:
            inbox_log.record_receipt(db, device.device_id, at=now_utc())
        return data

    async def import_waiting(self) -> None:
        """Import what a previous run stored and did not merge (a crash, a stop), and
        forget uploads left unfinished for :data:`PARTIAL_DAYS` (their laptop would
        have resumed them by now; it starts them again otherwise)."""
        stale = time.time() - PARTIAL_DAYS * 86400
        for path in self.partial.glob("*.part"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < stale:
                    path.unlink()
        waiting = sorted(self.received.glob("*.fsb"))
        self.pending.update(path.name for path in waiting)
        for path in waiting:
            try:
                await self._import(path)
            except FieldSurveyError as exc:
                log_event(_log, "inbox.import_failed", code=exc.code)

    # --- receipts --------------------------------------------------------------------------
    def _receipt_device(self, request: web.Request) -> Device:
        device_id = request.match_info["device"]
        if not proto.BUNDLE_ID.match(device_id):
            raise Refusal(404, "inbox.receipt_refused")
        device = get_device(self.ws, device_id)
        if device is None or device.revoked is not None:
            raise Refusal(403, "inbox.receipt_refused")
        self.limiter.take(device_id)
        return device

    async def receipt_challenge(self, request: web.Request) -> web.Response:
        device = self._receipt_device(request)
        now = time.monotonic()
        for nonce, (_, expiry) in list(self.nonces.items()):
            if expiry < now:
                del self.nonces[nonce]
        nonce = secrets.token_bytes(proto.NONCE_BYTES)
        self.nonces[nonce] = (device.device_id, now + proto.NONCE_SECONDS)
        return web.json_response({"nonce": nonce.hex()})

    async def get_receipt(self, request: web.Request) -> web.Response:
        device = self._receipt_device(request)
        try:
            nonce = bytes.fromhex(request.headers.get(proto.NONCE, ""))
        except ValueError:
            nonce = b""
        signature = proto.unb64(request.headers.get(proto.SIGNATURE), limit=keys.SIGNATURE_BYTES)
        held = self.nonces.pop(nonce, None)  # single use, even when the signature fails
        if (
            held is None
            or held[0] != device.device_id
            or held[1] < time.monotonic()
            or signature is None
            or not keys.verify(
                device.signing_public,
                proto.DOMAIN_RECEIPT_REQUEST,
                proto.receipt_request_message(nonce, device.device_id),
                signature,
            )
        ):
            raise Refusal(403, "inbox.receipt_refused")
        loop = asyncio.get_running_loop()
        data = await loop.run_in_executor(self.files, self._receipt_for, device)
        return web.Response(body=data, content_type="application/octet-stream")

    # --- running -------------------------------------------------------------------------
    async def start(self, sock: socket.socket) -> None:
        """Serve on the bound ``sock``; the stored files are imported in the background."""
        # lingering_time=0: a refused upload's body is not read (nor drained) afterwards.
        self._runner = web.AppRunner(self.app(), access_log=None, lingering_time=0.0)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        self._waiting = asyncio.create_task(self.import_waiting())

    async def stop(self) -> None:
        """Stop listening; an import under way finishes (in :meth:`close`)."""
        self._waiting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._waiting
        await self._runner.cleanup()

    def close(self) -> None:
        self.importer.shutdown(wait=True)
        self.files.shutdown(wait=True)


def _state_of(report: FileReport) -> str:
    return {"accepted": "merged", "already-imported": "merged"}.get(report.status, "rejected")


def _seal(partial: Path, received: Path, checked: Checked) -> bool:
    """The whole file arrived: is it the one its header signs (prefix, payload hash)?
    Then flush it to disk and rename it into ``received`` (atomic); else drop it."""
    digest = hashlib.sha256()
    with partial.open("rb") as handle:
        start = handle.read(len(checked.prefix))
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
        os.fsync(handle.fileno())
    if start != checked.prefix or digest.hexdigest() != checked.header.payload_sha256:
        partial.unlink(missing_ok=True)
        return False
    os.replace(partial, received)
    with contextlib.suppress(OSError):  # the rename itself on disk (not on Windows)
        fd = os.open(received.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return True


@web.middleware
async def _refusals(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        response: web.StreamResponse = await handler(request)
        return response
    except Refusal as refusal:
        log_event(_log, "inbox.refused", code=refusal.code, status=refusal.status)
        return refusal.response()
    except FieldSurveyError as exc:  # a storage error while serving: say so, keep running
        log_event(_log, "inbox.error", code=exc.code)
        return Refusal(503, "inbox.unavailable").response()


# --- serving in the foreground (CLI) or in a thread (tests, benchmarks) -------------------
_HOST = re.compile(r"^[A-Za-z0-9.:-]{1,253}$")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host`` (a name or an address; SyncError if it is not one)."""
    if not _HOST.match(host):
        raise SyncError("inbox.bad_host", host=host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if os.name != "nt":  # on Windows it would let another program take the port too
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def serve_forever(server: InboxServer, sock: socket.socket) -> None:
    """Run until Ctrl+C (or SIGTERM from systemd)."""

    async def main() -> None:
        await server.start(sock)
        stop = asyncio.Event()
        with contextlib.suppress(NotImplementedError, AttributeError):  # not on Windows
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        try:
            await stop.wait()
        finally:
            await server.stop()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


@contextlib.contextmanager
def serving_in_thread(
    ws: Workspace, limits: Limits | None = None, host: str = "127.0.0.1"
) -> Iterator[tuple[InboxServer, str]]:
    """An inbox on a free loopback port in a thread of its own: ``(server, url)``."""
    server = InboxServer(ws, limits)
    sock = bind(host, 0)
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start(sock))
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="inbox-server", daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield server, f"http://{host}:{sock.getsockname()[1]}"
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
        server.close()
