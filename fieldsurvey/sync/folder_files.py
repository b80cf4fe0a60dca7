"""Files in a sync folder: which names a sync client is still writing, whether a bundle
or receipt file is whole, and how FieldSurvey writes one so no reader sees it half done.

A sync client (Google Drive, OneDrive, Dropbox, Syncthing, a network share) may show a
file before all its bytes have arrived, under its final name or a temporary one. Nothing
here decides trust: a whole file still goes through every check of the import.

API:
    TEMP_PREFIX                         our own temporary names (``.fieldsurvey-tmp-*``)
    is_sync_temp(name) -> bool          a sync client's (or our) temporary name
    is_candidate(name, suffix) -> bool  a file to look at (``*.fsb`` / ``*.fsr``, not temporary)
    Wholeness; wholeness(data, magic, find_signer=None) -> Wholeness
    write_into(folder, name, data) -> Path   (atomic; never overwrites)
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import json
import os
import secrets
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Literal, NamedTuple

from fieldsurvey.atomic_files import fsync_folder
from fieldsurvey.sync import bundle_format, keys

TEMP_PREFIX = ".fieldsurvey-tmp-"

#: Temporary names of sync clients and editors: Office/Dropbox ``~$*`` and ``.~*``,
#: ``*.tmp``, ``*.partial`` (browsers, rsync-like tools), Syncthing ``.syncthing.*.tmp``,
#: Dropbox ``.dropbox*``, OneDrive ``*.~tmp``, Google Drive ``.~gdrive*``/``*.gdownload``,
#: and rsync's ``.name.XXXXXX``. Every hidden name is skipped (ours included).
SYNC_TEMP_PATTERNS = (
    "~$*",
    ".~*",
    "~*.tmp",
    "*.tmp",
    "*.partial",
    "*.part",
    "*.crdownload",
    "*.gdownload",
    "*.~tmp",
    ".syncthing.*",
    ".dropbox*",
    f"{TEMP_PREFIX}*",
    ".*",
)


def is_sync_temp(name: str) -> bool:
    """Whether ``name`` is a temporary name a sync client (or FieldSurvey) writes to."""
    lowered = name.lower()
    return any(fnmatch.fnmatchcase(lowered, pattern) for pattern in SYNC_TEMP_PATTERNS)


def is_candidate(name: str, suffix: str) -> bool:
    """A file to look at: ends in ``suffix`` (any case) and is not a temporary name."""
    return name.lower().endswith(suffix) and not is_sync_temp(name)


class Wholeness(NamedTuple):
    """``complete``: as long as its header says; ``incomplete``: shorter (``expected``
    known once the header has arrived); ``malformed``: not what a sync client leaves
    half-way (wrong magic, a header that does not parse or is not signed by the device it
    names, longer than its header says): the import refuses it with the reason."""

    state: Literal["complete", "incomplete", "malformed"]
    size: int
    expected: int | None = None
    #: the device the header names (once the header has arrived)
    device: str | None = None


def wholeness(
    data: bytes, magic: bytes, find_signer: Callable[[str], str | None] | None = None
) -> Wholeness:
    """Whether ``data`` is a whole container of kind ``magic``.

    ``find_signer(device_id)`` gives the signing key a bundle's header must verify with
    (None: unknown device; the import refuses the file). Without it the header's
    signature is not checked here (receipts: the import checks it)."""
    size = len(data)
    prefix = bundle_format.PREFIX_BYTES
    if size < bundle_format.MAGIC_BYTES:
        whole = magic.startswith(data) or not data.strip(b"\0")
        return Wholeness("incomplete" if whole else "malformed", size)
    if data[: bundle_format.MAGIC_BYTES] != magic:
        # a client that reserves the file's space first writes zeros
        zeros = not data[: min(size, 4096)].strip(b"\0")
        return Wholeness("incomplete" if zeros else "malformed", size)
    if size < prefix:
        return Wholeness("incomplete", size)
    (header_length,) = struct.unpack(">I", data[bundle_format.MAGIC_BYTES : prefix])
    if header_length > bundle_format.MAX_HEADER_BYTES:
        return Wholeness("malformed", size)
    signed_end = prefix + header_length + keys.SIGNATURE_BYTES
    if size < signed_end:
        return Wholeness("incomplete", size)
    header_bytes = data[prefix : prefix + header_length]
    try:
        header = json.loads(header_bytes)
        length = header["payload_length"]
        device = header["device"]
    except (ValueError, TypeError, KeyError):
        return Wholeness("malformed", size)
    if not isinstance(length, int) or not isinstance(device, str) or length < 0:
        return Wholeness("malformed", size)
    expected = signed_end + length
    if expected > bundle_format.MAX_FILE_BYTES:
        return Wholeness("malformed", size, expected)
    if find_signer is not None:
        public = find_signer(device)
        signature = data[prefix + header_length : signed_end]
        signed = public is not None and keys.verify(
            public, keys.DOMAIN_BUNDLE_HEADER, header_bytes, signature
        )
        if not signed:  # a header no laptop signed: nothing to wait for
            return Wholeness("malformed", size, expected, device)
    if size < expected:
        return Wholeness("incomplete", size, expected, device)
    if size > expected:
        return Wholeness("malformed", size, expected, device)
    return Wholeness("complete", size, expected, device)


def write_into(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/name``: first under a temporary name sync clients and the
    coordinator skip (``.fieldsurvey-tmp-*``), flushed to disk, then renamed. Never
    overwrites (FileExistsError); the temporary file is removed on any failure."""
    target = folder / name
    taken = FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
    if target.exists():
        raise taken
    tmp = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
    try:
        with open(tmp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, target)  # fails if the target appeared meanwhile
            os.unlink(tmp)
        except FileExistsError:
            raise
        except OSError:  # no hard links (FAT, some network shares)
            if target.exists():
                raise FileExistsError(
                    errno.EEXIST, os.strerror(errno.EEXIST), str(target)
                ) from None
            os.replace(tmp, target)
        fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target
