"""Rows put aside by block in an encrypted temporary file: an export reads a large table
once in the table's own order and gets its rows back a block of the export order at a
time (issue 15; ``export_tables``).

Answers never reach the disk in plaintext: each piece is serialised with :mod:`marshal`
(the rows are SQLite values: text, whole numbers, numbers, bytes, None) and encrypted
with AES-256-GCM under a key made for this file and held only in memory, each piece
under its own nonce (its number), so a piece read back is also checked. The file is
unlinked at once (``tempfile.TemporaryFile``) and closed by :meth:`RowSpill.close`.

A table of 1,000,000 interviews read in scattered order writes a piece per block of the
export order at each flush: 100,000 pieces and more. One AES-GCM object serves them all
(a cipher object per piece cost 11 µs each way) and a flush is one write.

API:
    RowSpill(); .add(block, rows); .flush(); .take(block) -> list[rows]; .close()
    SpillChanged: a piece read back is not the one written (an OSError)
"""

from __future__ import annotations

import marshal
import secrets
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM


class SpillChanged(OSError):
    """A piece of an export's temporary file read back is not the one written (the file
    was changed on disk while the export ran): the export stops
    (``report.export_spill_changed``) instead of writing other answers than it read."""

    def __init__(self) -> None:
        super().__init__("the temporary file of the export was changed")


#: Rows held in memory before they are written (about 60 MB of a wide main table).
HELD_ROWS = 20_000


class RowSpill:
    """Rows by block number: ``add`` them in any order of blocks, ``take`` a block's rows
    (in the order they were added) once."""

    def __init__(self, held_rows: int = HELD_ROWS) -> None:
        # imported here: only a large export spills (cryptography is 10 MB of memory)
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._file = tempfile.TemporaryFile(prefix="fieldsurvey-export-")
        self._aead: AESGCM = AESGCM(secrets.token_bytes(32))
        self._held: defaultdict[int, list[Sequence[Any]]] = defaultdict(list)
        self._count = 0
        self._limit = held_rows
        self._end = 0  # the file's length
        self._pieces = 0  # the nonce of the next piece
        self._parts: defaultdict[int, list[tuple[int, int, int]]] = defaultdict(list)

    def add(self, block: int, rows: Sequence[Any], weight: int | None = None) -> None:
        """Put ``rows`` aside for ``block``; ``weight``: how many rows they count as
        towards a flush (default: as many as there are; an item may hold many)."""
        self._held[block] += rows
        self._count += len(rows) if weight is None else weight
        if self._count >= self._limit:
            self.flush()

    def flush(self) -> None:
        """Write every held row (a piece per block, the pieces in one write)."""
        if not self._held:
            return
        seal, dumps = self._aead.encrypt, marshal.dumps
        out: list[bytes] = []
        offset, nonce = self._end, self._pieces
        for block, rows in self._held.items():
            data = seal(nonce.to_bytes(12, "big"), dumps(rows), None)
            out.append(data)
            self._parts[block].append((offset, len(data), nonce))
            offset += len(data)
            nonce += 1
        handle = self._file
        handle.seek(self._end)  # a take may have read elsewhere
        handle.write(b"".join(out))
        self._end, self._pieces = offset, nonce
        self._held.clear()
        self._count = 0

    def take(self, block: int) -> list[Sequence[Any]]:
        """The rows of ``block`` (written or held), in the order they were added."""
        rows: list[Sequence[Any]] = []
        handle = self._file
        parts = self._parts.pop(block, [])
        if parts:
            handle.flush()
        from cryptography.exceptions import InvalidTag

        open_, loads = self._aead.decrypt, marshal.loads
        for offset, size, nonce in parts:
            handle.seek(offset)
            data = handle.read(size)
            if len(data) != size:  # pragma: no cover - the file is ours
                raise OSError("short read of the temporary file")
            try:
                rows += loads(open_(nonce.to_bytes(12, "big"), data, None))
            except InvalidTag:
                raise SpillChanged from None
        rows += self._held.pop(block, [])
        return rows

    def close(self) -> None:
        self._held.clear()
        self._parts.clear()
        self._file.close()
