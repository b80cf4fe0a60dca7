"""Reading a bundle's payload while it is decrypted, a record at a time.

Format 2 of the payload (what laptops write since the trusted-merge issue) is JSON lines::

    fieldsurvey-payload 2
    {"audit": M, "bundle": ..., "campaign": ..., "device": ..., "format": 2, "interviews": N, ...}
    N lines, one interview each
    M lines, one audit entry each

Format 3 (written when the bundle carries files: photos, signatures, recordings, an
interview's audit.csv) is format 2 with ``"media": K`` in the head and, right after it,
K lines of files, each file cut in parts of at most :data:`MEDIA_CHUNK_BYTES` (base64)::

    fieldsurvey-payload 3
    {"audit": M, ..., "format": 3, "interviews": N, "media": K, ...}
    K lines, one part of a file each (a file's parts in order, one after the other)
    N lines, one interview each
    M lines, one audit entry each

The reader hands each file over whole (at most ``media.MAX_MEDIA_BYTES``), as a
:class:`MediaBatch` before the first batch of interviews: the merge keeps the files
first, so each record is checked with its files at hand (docs/bundle-format.md).

The age payload is decrypted in a worker thread that hands the plaintext over in chunks
through a small bounded queue (:class:`DecryptedStream`); the reader cuts it into lines
of at most :data:`MAX_LINE_BYTES` and parses each on its own. So the memory of an import
grows with the largest record (a line), not with the bundle, and no plaintext ever
touches the disk. age authenticates every 64 KiB chunk before it is handed over, but a
truncated or altered *last* chunk is only found at the end: the caller merges inside one
transaction and calls :meth:`PayloadReader.finish` before committing, so such a payload
merges nothing.

A payload of format 1 (one JSON document, written by earlier versions) is still read, in
memory, within the caps of :mod:`bundle_format` (docs/benchmarks.md, "Import memory").
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import queue
import threading
from collections.abc import Iterator, Sequence
from typing import Any, Literal

import pyrage
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fieldsurvey.errors import BundleCheckError, BundleDecryptError
from fieldsurvey.store.media import MAX_MEDIA_BYTES
from fieldsurvey.sync import age_header, bundle_format
from fieldsurvey.sync.bundle_checks import parse_payload
from fieldsurvey.sync.bundle_format import UUID_PATTERN, BundleHeader
from fieldsurvey.sync.bundle_payload import BundlePayload, WireAudit, WireInterview
from fieldsurvey.sync.canonical_json import StrictJsonError, dumps, loads_strict, value_bound
from fieldsurvey.sync.payload_decrypt import wipe

MAGIC = b"fieldsurvey-payload 2\n"
#: The first line of a payload that carries files (format 3).
MAGIC_MEDIA = b"fieldsurvey-payload 3\n"
#: Bytes of a file in one line (base64 makes 2.7 MiB of them, under MAX_LINE_BYTES).
MEDIA_CHUNK_BYTES = 2 * 2**20
_MEDIA_PARTS = -(-MAX_MEDIA_BYTES // MEDIA_CHUNK_BYTES)
#: The longest line (one record with its answers, or one audit entry) accepted; a record
#: over :data:`record_checks.MAX_RECORD_BYTES` but under this is quarantined, a longer
#: line refuses the bundle (check ``payload``).
MAX_LINE_BYTES = 4 * 1024 * 1024
#: JSON values in one line (see :func:`canonical_json.value_bound`): with the line's
#: bytes, this bounds one parsed record near 30 MB whatever its shape.
MAX_LINE_VALUES = 250_000
#: Records merged in one batch: at most this many, and at most this many bytes of lines
#: or :data:`MAX_LINE_VALUES` values, so a batch stays small whatever the records hold.
BATCH_RECORDS = 500
BATCH_BYTES = 4 * 1024 * 1024
#: The largest plaintext of format 1 read (in memory, whole): some 3,000 interviews, more
#: than a laptop of that version sent at once; a larger one is refused with a message to
#: update that laptop, so no bundle can make an import hold a large payload whole.
FORMAT1_MAX_BYTES = 8 * 1024 * 1024
_QUEUE_CHUNKS = 8  # 64 KiB chunks in flight between the decrypting thread and the reader


class _Stop(Exception):
    """Raised into the decrypting thread when the reader gave up."""


class _QueueSink:
    """The file pyrage writes the plaintext into: each chunk goes on the queue."""

    def __init__(self, chunks: queue.Queue[bytes | BaseException | None], stop: threading.Event):
        self._chunks = chunks
        self._stop = stop

    def write(self, chunk: bytes | bytearray | memoryview) -> int:
        data = bytes(chunk)
        while True:
            if self._stop.is_set():
                raise _Stop
            try:
                self._chunks.put(data, timeout=0.1)
                return len(data)
            except queue.Full:
                continue

    def flush(self) -> None:
        return None


class _ViewReader(io.RawIOBase):
    """A binary file reading a memory view without copying it first."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view = view
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), len(self._view) - self._at)
        buffer[:n] = self._view[self._at : self._at + n]
        self._at += n
        return n


class DecryptedStream:
    """The plaintext of an age payload, read as a worker thread decrypts it.

    Use as a context manager: leaving it stops the thread (a reader that gave up midway
    does not leave it blocked). :meth:`read` returns b"" at the end of a payload that
    verified whole, and raises :class:`BundleDecryptError` for one that did not."""

    def __init__(
        self, payload: bytes | memoryview, identities: Sequence[pyrage.x25519.Identity]
    ) -> None:
        try:
            age_header.check_for_recipients(
                bytes(payload[: age_header.MAX_HEADER_BYTES]), max_stanzas=8
            )
        except age_header.AgeHeaderError as exc:
            raise BundleDecryptError("sync.decrypt.refused", reason=exc) from exc
        self._payload = payload
        self._identities = list(identities)
        self._chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(_QUEUE_CHUNKS)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="payload-decrypt", daemon=True)
        self._ended = False

    def _run(self) -> None:
        sink = _QueueSink(self._chunks, self._stop)
        outcome: BaseException | None = None
        try:
            pyrage.decrypt_io(_ViewReader(memoryview(self._payload)), sink, self._identities)
        except _Stop:
            return
        except BaseException as exc:  # pyrage raises DecryptError, OSError, ValueError...
            outcome = exc
        while not self._stop.is_set():
            try:
                self._chunks.put(outcome, timeout=0.1)
                return
            except queue.Full:
                continue

    def __enter__(self) -> DecryptedStream:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
        while True:  # drop what was decrypted but not read
            try:
                self._chunks.get_nowait()
            except queue.Empty:
                break

    def read(self) -> bytes:
        """The next chunk of plaintext; b"" once the whole payload verified."""
        if self._ended:
            return b""
        item = self._chunks.get()
        if item is None:
            self._ended = True
            return b""
        if isinstance(item, BaseException):
            self._ended = True
            if isinstance(item, MemoryError):
                raise item
            raise BundleDecryptError("sync.decrypt.wrong_key") from item
        return item


class _Lines:
    """Cuts a :class:`DecryptedStream` into lines of at most :data:`MAX_LINE_BYTES`."""

    def __init__(self, stream: DecryptedStream, start: bytes) -> None:
        self._stream = stream
        self._buffer = bytearray(start)
        self._searched = 0
        self._at_end = False

    def next_line(self) -> bytes | None:
        """The next line without its newline; None at the end of the payload."""
        while True:
            cut = self._buffer.find(b"\n", self._searched)
            if cut >= 0:
                line = bytes(self._buffer[:cut])
                del self._buffer[: cut + 1]
                self._searched = 0
                return line
            self._searched = len(self._buffer)
            if self._searched > MAX_LINE_BYTES:
                raise BundleCheckError("payload", "sync.check.line_too_long", max=MAX_LINE_BYTES)
            if self._at_end:
                if self._buffer:
                    raise BundleCheckError("binding", "sync.check.payload_malformed")
                return None
            chunk = self._stream.read()
            if not chunk:
                self._at_end = True
            self._buffer += chunk

    def wipe(self) -> None:
        wipe(self._buffer)
        self._buffer.clear()


class PayloadHead(BaseModel):
    """The first line of a format 2 or 3 payload: the binding to its header and the
    counts (``media``: lines of files, format 3 only)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    format: Literal[2, 3]
    kind: Literal["bundle-payload"]
    campaign: str = Field(pattern=UUID_PATTERN)
    device: str = Field(pattern=UUID_PATTERN)
    sequence: int = Field(ge=1)
    bundle: str = Field(pattern=UUID_PATTERN)
    interviews: int = Field(ge=0, le=2**53)
    audit: int = Field(ge=0, le=2**53)
    media: int = Field(default=0, ge=0, le=2**53)
    #: The coordinator's entity change counter the laptop's lists have reached (from its
    #: receipts or its device package); absent (0) when it holds no entity list. The
    #: next receipt carries the changes after it (:mod:`fieldsurvey.sync.entity_sync`).
    entity_seq: int = Field(default=0, ge=0, le=2**53)


class WireMediaPart(BaseModel):
    """One line of a file (format 3): which interview (its uuid and the nonce that binds
    it to the sending laptop), the file's name, declared type, size and SHA-256, and
    part ``part`` of ``parts`` of its bytes (base64)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    interview: str = Field(pattern=UUID_PATTERN)
    nonce: str = Field(max_length=200)
    name: str = Field(min_length=1, max_length=120)
    type: str = Field(min_length=1, max_length=120)
    size: int = Field(ge=0, le=MAX_MEDIA_BYTES)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    part: int = Field(ge=1, le=_MEDIA_PARTS)
    parts: int = Field(ge=1, le=_MEDIA_PARTS)
    data: str = Field(max_length=4 * (-(-MEDIA_CHUNK_BYTES // 3)))


class WireMedia(BaseModel):
    """A whole file as received (its parts joined; the SHA-256 not yet checked)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    interview: str
    nonce: str
    name: str
    type: str
    size: int
    sha256: str
    data: bytes

    def __repr__(self) -> str:
        return f"WireMedia({self.interview!r}, {self.name!r}, {self.size} bytes)"


class MediaBatch(list[WireInterview]):
    """A file, handed over among the interview batches (before the first one): as a list
    it is empty, so a merge that does not know files passes over it."""

    def __init__(self, media: WireMedia) -> None:
        super().__init__()
        self.media = media


def media_lines(interview: str, nonce: str, name: str, mime: str, data: bytes) -> list[bytes]:
    """The lines (no newline) of one file in a format 3 payload."""
    sha = hashlib.sha256(data).hexdigest()
    step = MEDIA_CHUNK_BYTES
    chunks = [data[i : i + step] for i in range(0, len(data), step)] or [b""]
    fields = {"interview": interview, "nonce": nonce, "name": name, "type": mime,
              "size": len(data), "sha256": sha, "parts": len(chunks)}  # fmt: skip
    return [
        dumps({**fields, "part": n, "data": base64.b64encode(chunk).decode("ascii")})
        for n, chunk in enumerate(chunks, 1)
    ]


def encode(
    head: dict[str, Any],
    interview_lines: list[bytes],
    audit: list[dict[str, Any]],
    media: list[bytes] | None = None,
) -> bytes:
    """The plaintext: format 2, or format 3 when ``media`` (lines of
    :func:`media_lines`) is not empty; ``interview_lines`` are one record's JSON each
    (no newline)."""
    first = {**head, "format": 2, "interviews": len(interview_lines), "audit": len(audit)}
    magic = MAGIC
    if media:
        first.update(format=3, media=len(media))
        magic = MAGIC_MEDIA
    lines = [dumps(first), *(media or []), *interview_lines, *(dumps(e) for e in audit)]
    return magic + b"".join(line + b"\n" for line in lines)


def _parse_line(line: bytes) -> Any:
    try:
        return loads_strict(
            line,
            max_bytes=MAX_LINE_BYTES,
            max_depth=bundle_format.MAX_PAYLOAD_DEPTH,
            max_values=MAX_LINE_VALUES,
        )
    except StrictJsonError as exc:
        if exc.code in ("sync.json.too_many_values", "sync.json.too_deep"):
            raise BundleCheckError("payload", "sync.check.payload_limits", reason=exc) from exc
        raise BundleCheckError("binding", "sync.check.payload_malformed") from exc


class PayloadReader:
    """The records of a payload in batches: first every interview, then every audit
    entry; :meth:`finish` then checks the payload ended where its head said and that its
    last audit entry is the chain head the header signs."""

    def __init__(self, header: BundleHeader) -> None:
        self._header = header
        self._last_seq = 0
        self._last_hashes: set[str] = set()
        #: the entity change counter the laptop reached (its head's ``entity_seq``)
        self.entity_seq = 0

    # A reader of a format 1 payload holds it whole; one of format 2 reads lines.
    def interview_batches(self) -> Iterator[list[WireInterview]]:
        raise NotImplementedError

    def audit_batches(self) -> Iterator[list[WireAudit]]:
        raise NotImplementedError

    def _saw_audit(self, batch: list[WireAudit]) -> None:
        for entry in batch:
            if entry.seq > self._last_seq:
                self._last_seq, self._last_hashes = entry.seq, set()
            if entry.seq == self._last_seq:
                self._last_hashes.add(entry.hash)

    def _check_binding(self, campaign: str, device: str, sequence: int, bundle: str) -> None:
        header = self._header
        if (campaign, device, sequence, bundle) != (
            header.campaign,
            header.device,
            header.sequence,
            header.bundle,
        ):
            raise BundleCheckError("binding", "sync.check.binding")

    def finish(self) -> None:
        """The payload's audit entries end at the chain head the header signs. A header
        without a head stands for an empty chain: its payload may carry no entry."""
        header, last = self._header, self._last_seq
        if header.audit_seq is None:
            if last:
                raise BundleCheckError("binding", "sync.check.audit_head")
            return
        if last != header.audit_seq or (last and self._last_hashes != {header.audit_hash}):
            raise BundleCheckError("binding", "sync.check.audit_head")
        if not last and header.audit_hash != "0" * 64:
            raise BundleCheckError("binding", "sync.check.audit_head")


class _WholeReader(PayloadReader):
    """A format 1 payload, parsed whole (within the caps) as before."""

    def __init__(self, header: BundleHeader, payload: BundlePayload) -> None:
        super().__init__(header)
        self._payload = payload
        self._check_binding(payload.campaign, payload.device, payload.sequence, payload.bundle)

    def interview_batches(self) -> Iterator[list[WireInterview]]:
        items = self._payload.interviews
        for start in range(0, len(items), BATCH_RECORDS):
            yield items[start : start + BATCH_RECORDS]

    def audit_batches(self) -> Iterator[list[WireAudit]]:
        items = self._payload.audit
        for start in range(0, len(items), BATCH_RECORDS):
            batch = items[start : start + BATCH_RECORDS]
            self._saw_audit(batch)
            yield batch


class _LineReader(PayloadReader):
    """A format 2 or 3 payload, read a line at a time as it is decrypted."""

    def __init__(self, header: BundleHeader, lines: _Lines, version: int = 2) -> None:
        super().__init__(header)
        self._lines = lines
        first = lines.next_line()
        try:
            self._head = PayloadHead.model_validate(_parse_line(first or b""))
        except ValidationError as exc:
            raise BundleCheckError("binding", "sync.check.payload_malformed") from exc
        head = self._head
        if head.format != version or (version == 2 and head.media):
            raise BundleCheckError("binding", "sync.check.payload_malformed")
        self._check_binding(head.campaign, head.device, head.sequence, head.bundle)
        self.entity_seq = head.entity_seq

    def media_files(self) -> Iterator[WireMedia]:
        """The files of a format 3 payload, each whole (its parts in order, its size as
        declared); the payload is refused (``payload_malformed``) otherwise."""
        parts: list[bytes] = []
        current: WireMediaPart | None = None
        held = 0
        for _ in range(self._head.media):
            line = self._lines.next_line()
            if line is None:
                raise BundleCheckError("binding", "sync.check.payload_malformed")
            try:
                part = WireMediaPart.model_validate(_parse_line(line))
                chunk = base64.b64decode(part.data, validate=True)
            except (ValidationError, binascii.Error, ValueError) as exc:
                raise BundleCheckError("binding", "sync.check.payload_malformed") from exc
            same = current is not None and part.model_dump(exclude={"part", "data"}) == (
                current.model_dump(exclude={"part", "data"})
            )
            expected = 1 if current is None else current.part + 1
            if part.part != expected or (current is not None and not same):
                raise BundleCheckError("binding", "sync.check.payload_malformed")
            held += len(chunk)
            if held > part.size:
                raise BundleCheckError("binding", "sync.check.payload_malformed")
            parts.append(chunk)
            current = part
            if part.part == part.parts:
                if held != part.size:
                    raise BundleCheckError("binding", "sync.check.payload_malformed")
                yield WireMedia(
                    interview=part.interview, nonce=part.nonce, name=part.name,
                    type=part.type, size=part.size, sha256=part.sha256, data=b"".join(parts),
                )  # fmt: skip
                parts, current, held = [], None, 0
        if current is not None:  # the last file's parts did not all come
            raise BundleCheckError("binding", "sync.check.payload_malformed")

    def _batches(self, count: int, model: type[Any]) -> Iterator[list[Any]]:
        batch: list[Any] = []
        size = values = 0
        for _ in range(count):
            line = self._lines.next_line()
            if line is None:  # fewer records than the head says
                raise BundleCheckError("binding", "sync.check.payload_malformed")
            value = _parse_line(line)
            try:
                batch.append(model.model_validate(value))
            except ValidationError as exc:
                raise BundleCheckError("binding", "sync.check.payload_malformed") from exc
            size += len(line)
            values += value_bound(line)
            if len(batch) >= BATCH_RECORDS or size >= BATCH_BYTES or values >= MAX_LINE_VALUES:
                yield batch
                batch, size, values = [], 0, 0
        if batch:
            yield batch

    def interview_batches(self) -> Iterator[list[WireInterview]]:
        """Each file first (a :class:`MediaBatch`), then the interviews in batches."""
        for media in self.media_files():
            yield MediaBatch(media)
        yield from self._batches(self._head.interviews, WireInterview)

    def audit_batches(self) -> Iterator[list[WireAudit]]:
        for batch in self._batches(self._head.audit, WireAudit):
            self._saw_audit(batch)
            yield batch

    def finish(self) -> None:
        if self._lines.next_line() is not None:  # more lines than the head says
            raise BundleCheckError("binding", "sync.check.payload_malformed")
        super().finish()


def _whole(stream: DecryptedStream, start: bytes, limit: int) -> bytearray:
    """The rest of a format 1 plaintext, in one buffer of at most ``limit`` bytes."""
    buffer = bytearray(start)
    try:
        while chunk := stream.read():
            if len(buffer) + len(chunk) > limit:
                raise BundleCheckError("payload", "sync.check.old_format_too_large", max=limit)
            buffer += chunk
    except BaseException:
        wipe(buffer)
        raise
    return buffer


class OpenPayload:
    """``with OpenPayload(header, payload, identities) as reader:``: the payload's
    records as they are decrypted (format 2) or parsed whole (format 1); leaving the
    block stops the decryption and wipes what is left of the plaintext."""

    def __init__(
        self,
        header: BundleHeader,
        payload: bytes | memoryview,
        identities: Sequence[pyrage.x25519.Identity],
        *,
        format1_limit: int | None = None,
    ) -> None:
        self._header = header
        self._format1_limit = FORMAT1_MAX_BYTES if format1_limit is None else format1_limit
        self._payload = payload
        self._stream = DecryptedStream(payload, identities)
        self._lines: _Lines | None = None

    def __enter__(self) -> PayloadReader:
        stream = self._stream.__enter__()
        try:
            start = b""
            while len(start) < len(MAGIC):
                chunk = stream.read()
                if not chunk:
                    break
                start += chunk
            for version, magic in ((2, MAGIC), (3, MAGIC_MEDIA)):
                if start.startswith(magic):
                    self._lines = _Lines(stream, start[len(magic) :])
                    return _LineReader(self._header, self._lines, version)
            plaintext = _whole(stream, start, self._format1_limit)
            try:
                return _WholeReader(self._header, parse_payload(plaintext))
            finally:
                wipe(plaintext)
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def __exit__(self, *exc_info: object) -> None:
        self._stream.__exit__(*exc_info)
        if self._lines is not None:
            self._lines.wipe()


def read_whole(
    header: BundleHeader, payload: bytes | memoryview, identities: Sequence[pyrage.x25519.Identity]
) -> BundlePayload:
    """The whole payload as one object, whatever its format (``bundle decrypt``, a
    recovery tool: it writes the payload out whole anyway, so format 1 is read up to the
    payload's own size)."""
    with OpenPayload(header, payload, identities, format1_limit=len(payload)) as reader:
        interviews = [item for batch in reader.interview_batches() for item in batch]
        audit = [entry for batch in reader.audit_batches() for entry in batch]
        reader.finish()
    return BundlePayload(
        campaign=header.campaign,
        device=header.device,
        sequence=header.sequence,
        bundle=header.bundle,
        interviews=interviews,
        audit=audit,
    )
