"""Decrypt an age payload into memory only, never leaving a partial plaintext behind.

pyrage's streaming decrypt writes each chunk as soon as it is authenticated and
only finds a truncated or altered *final* chunk at the end. We therefore decrypt
into a private in-memory buffer (no plaintext ever touches the disk), cap its size,
and hand out the plaintext only when the whole stream verified. On any error the
buffer is wiped and dropped.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pyrage

from fieldsurvey.errors import SyncError
from fieldsurvey.sync import age_header


class PayloadDecryptError(SyncError, ValueError):
    """The payload cannot be decrypted with the identities at hand (``sync.decrypt.*``)."""


_ZEROS = bytes(1 << 20)


def wipe(buffer: bytearray) -> None:
    """Overwrite ``buffer`` with zeros in place, a mebibyte at a time (no second buffer of
    its size, which could be tens of megabytes)."""
    for start in range(0, len(buffer), len(_ZEROS)):
        end = min(start + len(_ZEROS), len(buffer))
        buffer[start:end] = _ZEROS[: end - start]


class _CappedBuffer(io.RawIOBase):
    """A write-only in-memory sink that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._data = bytearray()
        self._limit = limit

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if len(self._data) + len(chunk) > self._limit:
            raise PayloadDecryptError("sync.decrypt.too_large")
        self._data += chunk
        return len(chunk)

    def take(self) -> bytearray:
        """Hand the plaintext over without a copy; this buffer is left empty."""
        data, self._data = self._data, bytearray()
        return data

    def wipe(self) -> None:
        wipe(self._data)
        self._data.clear()


def decrypt_payload(
    payload: bytes, identities: Sequence[pyrage.x25519.Identity], *, max_stanzas: int = 8
) -> bytes:
    """Plaintext of ``payload`` (an age file for X25519 identities) or an error.

    The age header is inspected first (see :mod:`age_header`), so a payload with
    too many recipients or a passphrase stanza is refused before any key is tried.
    """
    buffer = decrypt_to_buffer(payload, identities, max_stanzas=max_stanzas)
    try:
        return bytes(buffer)
    finally:
        wipe(buffer)


def decrypt_to_buffer(
    payload: bytes, identities: Sequence[pyrage.x25519.Identity], *, max_stanzas: int = 8
) -> bytearray:
    """As :func:`decrypt_payload`, but the plaintext stays in the buffer it was decrypted
    into (no second copy: a bundle's payload may be tens of megabytes). The caller owns
    it and should drop it as soon as it is parsed."""
    try:
        age_header.check_for_recipients(payload, max_stanzas=max_stanzas)
    except age_header.AgeHeaderError as exc:
        raise PayloadDecryptError("sync.decrypt.refused", reason=exc) from exc
    sink = _CappedBuffer(limit=len(payload))
    try:
        pyrage.decrypt_io(io.BytesIO(payload), sink, list(identities))
        return sink.take()
    except PayloadDecryptError:
        raise
    except Exception as exc:  # pyrage raises DecryptError, OSError, ValueError...
        raise PayloadDecryptError("sync.decrypt.wrong_key") from exc
    finally:
        sink.wipe()
