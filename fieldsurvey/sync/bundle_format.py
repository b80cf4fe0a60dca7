"""The signed container shared by bundles and receipts.

Layout (all offsets in bytes, see docs/bundle-format.md)::

    magic (8) | header length N (4, unsigned big-endian) | header (N, canonical JSON)
    | Ed25519 signature (64) over the header | age payload (to the end of the file)

The header is small and public: it names the campaign, the device, a sequence
number and an id, commits to the payload by length and SHA-256, and (bundles) signs
the device's audit chain head. It holds nothing that identifies a person and no counts.
"""

from __future__ import annotations

import os
import stat
import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from fieldsurvey.errors import SyncError
from fieldsurvey.sync.keys import SIGNATURE_BYTES

BUNDLE_MAGIC = b"FSBUNDL1"
RECEIPT_MAGIC = b"FSRECPT1"
MAGIC_BYTES = 8
LENGTH_BYTES = 4
PREFIX_BYTES = MAGIC_BYTES + LENGTH_BYTES
MAX_HEADER_BYTES = 4096
MIN_PAYLOAD_BYTES = 64  # an age file is never shorter
#: The largest bundle or receipt file accepted (its payload is smaller still). An honest
#: bundle takes about 2.8 KB per interview, so 64 MiB holds some 20,000 interviews, far
#: more than one laptop sends between two syncs. The file is held in memory during its
#: import; its payload is read a record at a time (:mod:`payload_stream`, docs/benchmarks.md,
#: "Import memory").
MAX_FILE_BYTES = 64 * 1024 * 1024
#: JSON values (objects, lists, texts, numbers, booleans, nulls) in a decrypted payload of
#: format 1, read whole (at most ``payload_stream.FORMAT1_MAX_BYTES``): counted before parsing.
MAX_PAYLOAD_VALUES = 4_000_000
#: Levels of nesting in a decrypted payload or one of its lines: the payload, its list of
#: interviews, one interview and its answers take 4; a record nested deeper than its own
#: limit (32) is quarantined by the record checks, a payload deeper than this is refused whole.
MAX_PAYLOAD_DEPTH = 256
FORMAT_VERSION = 1

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"


class ContainerFormatError(SyncError, ValueError):
    """The bytes are not a container of the expected kind (codes ``sync.container.*``).

    ``check`` names the import check that refuses it: always ``size``, the first one."""

    check = "size"


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    format: Literal[1]
    campaign: str = Field(pattern=UUID_PATTERN)
    device: str = Field(pattern=UUID_PATTERN)
    created: str = Field(pattern=TIMESTAMP_PATTERN)
    payload_length: int = Field(ge=MIN_PAYLOAD_BYTES, le=MAX_FILE_BYTES)
    payload_sha256: str = Field(pattern=SHA256_PATTERN)

    @field_validator("created")
    @classmethod
    def _a_real_moment(cls, value: str) -> str:
        """The pattern admits 2026-13-45T99:99:99Z; the moment must exist."""
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")  # ValueError: not a real time
        return value


class BundleHeader(_Header):
    """Public header of a bundle: signed by the device that wrote it."""

    kind: Literal["bundle"]
    sequence: int = Field(ge=1, le=2**53)
    bundle: str = Field(pattern=UUID_PATTERN)
    #: The device's audit chain head at export: seq and hash of its last audit entry,
    #: both or neither. Required whenever the payload carries audit entries (its last one
    #: must be this head: ``bundle_checks``); absent, the bundle stands for an empty chain,
    #: which the coordinator alerts on once the device has sent a head before.
    audit_seq: int | None = Field(default=None, ge=0, le=2**53)
    audit_hash: str | None = Field(default=None, pattern=SHA256_PATTERN)

    @model_validator(mode="after")
    def _head_whole(self) -> BundleHeader:
        if (self.audit_seq is None) != (self.audit_hash is None):
            raise ValueError("audit_seq and audit_hash go together")
        return self


class ReceiptHeader(_Header):
    """Public header of a receipt: signed by the coordinator, for one device."""

    kind: Literal["receipt"]
    receipt: str = Field(pattern=UUID_PATTERN)


@dataclass(frozen=True)
class Container:
    """A container split into its parts; nothing in it is trusted yet. The payload is
    not copied out of the file's bytes: :attr:`payload_view` is a view into them (a bundle
    may be tens of megabytes), :attr:`payload` a copy for small containers (receipts)."""

    header_bytes: bytes
    signature: bytes
    data: bytes

    @property
    def payload_offset(self) -> int:
        return PREFIX_BYTES + len(self.header_bytes) + SIGNATURE_BYTES

    @property
    def payload_view(self) -> memoryview:
        return memoryview(self.data)[self.payload_offset :]

    @property
    def payload(self) -> bytes:
        return self.data[self.payload_offset :]


def pack(magic: bytes, header_bytes: bytes, signature: bytes, payload: bytes) -> bytes:
    if len(magic) != MAGIC_BYTES or len(signature) != SIGNATURE_BYTES:
        raise ValueError("bad magic or signature length")
    if len(header_bytes) > MAX_HEADER_BYTES:
        raise ValueError("header too long")
    return magic + struct.pack(">I", len(header_bytes)) + header_bytes + signature + payload


def split(data: bytes, magic: bytes) -> Container:
    """Cut ``data`` into header, signature and payload, checking only sizes and magic."""
    if len(data) < PREFIX_BYTES + 2 + SIGNATURE_BYTES + MIN_PAYLOAD_BYTES:
        raise ContainerFormatError("sync.container.too_short", size=len(data))
    if len(data) > MAX_FILE_BYTES:
        raise ContainerFormatError("sync.container.too_large")
    if data[:MAGIC_BYTES] != magic:
        raise ContainerFormatError("sync.container.bad_magic")
    (header_length,) = struct.unpack(">I", data[MAGIC_BYTES:PREFIX_BYTES])
    if header_length > MAX_HEADER_BYTES:
        raise ContainerFormatError("sync.container.header_too_long", length=header_length)
    end_of_header = PREFIX_BYTES + header_length
    if end_of_header + SIGNATURE_BYTES + MIN_PAYLOAD_BYTES > len(data):
        raise ContainerFormatError("sync.container.header_past_end")
    return Container(
        header_bytes=data[PREFIX_BYTES:end_of_header],
        signature=data[end_of_header : end_of_header + SIGNATURE_BYTES],
        data=data,
    )


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes, refusing (check ``size``) anything larger than ``limit`` (default
    :data:`MAX_FILE_BYTES`, before a byte is read) and
    anything that is not a regular file: a folder, a device, a FIFO (which would block
    the reader until someone writes to it). It is opened non-blocking where the system
    allows, and checked again once open, so a file swapped meanwhile cannot block it."""
    limit = MAX_FILE_BYTES if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ContainerFormatError("sync.container.not_a_regular_file", name=path.name)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            opened = os.fstat(handle.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise ContainerFormatError("sync.container.not_a_regular_file", name=path.name)
            if opened.st_size > limit:
                raise ContainerFormatError("sync.container.named_too_large", name=path.name)
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ContainerFormatError(
            "sync.container.cannot_read", name=path.name, reason=exc.strerror or str(exc)
        ) from exc
    if len(data) > limit:
        raise ContainerFormatError("sync.container.named_too_large", name=path.name)
    return data
