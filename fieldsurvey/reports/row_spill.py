"""Rows put aside by block in an encrypted temporary file: an export reads a large table
once in the table's own order and gets its rows back a block of the export order at a
time (issue 15; ``export_tables``).

Answers never reach the disk in plaintext: each piece is serialised with :mod:`marshal`
(the rows are SQLite values: text, whole numbers, numbers, bytes, None) and encrypted
with AES-256 in counter mode under a key made for this file and held only in memory,
each piece's counter starting at its offset (the pieces' byte ranges are disjoint, so no
two share a counter block), as ``stat_blocks``' spill does. The file is unlinked at once
(``tempfile.TemporaryFile``) and closed by :meth:`RowSpill.close`.

API:
    RowSpill(); .add(block, rows); .flush(); .take(block) -> list[rows]; .close()
"""

from __future__ import annotations

import marshal
import secrets
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers import Cipher

#: Rows held in memory before they are written (about 60 MB of a wide main table).
HELD_ROWS = 20_000


class RowSpill:
    """Rows by block number: ``add`` them in any order of blocks, ``take`` a block's rows
    (in the order they were added) once."""

    def __init__(self, held_rows: int = HELD_ROWS) -> None:
        self._file = tempfile.TemporaryFile(prefix="fieldsurvey-export-")
        self._key = secrets.token_bytes(32)
        self._held: defaultdict[int, list[Sequence[Any]]] = defaultdict(list)
        self._count = 0
        self._limit = held_rows
        self._parts: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)

    def _cipher(self, offset: int) -> Cipher[Any]:
        # imported here: only a large export spills (cryptography is 10 MB of memory)
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        return Cipher(algorithms.AES(self._key), modes.CTR(offset.to_bytes(16, "big")))

    def add(self, block: int, rows: Sequence[Sequence[Any]]) -> None:
        self._held[block] += rows
        self._count += len(rows)
        if self._count >= self._limit:
            self.flush()

    def flush(self) -> None:
        """Write every held row (a piece per block)."""
        handle = self._file
        handle.seek(0, 2)  # after every piece (a take may have read elsewhere)
        for block, rows in self._held.items():
            data = marshal.dumps(rows)
            offset = handle.tell()
            handle.write(self._cipher(offset).encryptor().update(data))
            self._parts[block].append((offset, len(data)))
        self._held.clear()
        self._count = 0

    def take(self, block: int) -> list[Sequence[Any]]:
        """The rows of ``block`` (written or held), in the order they were added."""
        rows: list[Sequence[Any]] = []
        handle = self._file
        for offset, size in self._parts.pop(block, []):
            handle.seek(offset)
            data = handle.read(size)
            if len(data) != size:  # pragma: no cover - the file is ours
                raise OSError("short read of the temporary file")
            rows += marshal.loads(self._cipher(offset).decryptor().update(data))
        rows += self._held.pop(block, [])
        return rows

    def close(self) -> None:
        self._held.clear()
        self._parts.clear()
        self._file.close()
