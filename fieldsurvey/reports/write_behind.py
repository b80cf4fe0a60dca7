"""Writes done by a thread of their own while the caller makes the next bytes.

An xlsx sheet's part is deflated as it is written (``zipfile``: crc32, then zlib, then
the file), about a second of every eight of an xlsx export at 100,000 interviews. zlib
and crc32 let the GIL go while they work on a large buffer, so on a second core they
run beside the Python that makes the next block's XML: the export's wall time drops by
their share, its CPU stays the same (docs/benchmarks.md, "Scale, fourteenth pass").

    with WriteBehind(handle.write) as write:
        write(block)  # returns once the block is queued (at most DEPTH wait)

The writes are done in order, one at a time. A write that fails is raised from the
next ``write`` or from leaving the ``with`` (the writes after it are not done). Leaving
the ``with`` on an exception (a Cancel) drops the writes still queued and waits for the
one under way: no thread is left writing into a file the caller is about to remove.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

#: blocks queued at most (each an xlsx block of 2,000 rows: 1-8 MB)
DEPTH = 2


class WriteBehind:
    """``write``'s calls made in a thread, in order (see the module's text)."""

    def __init__(self, write: Callable[[bytes], Any], depth: int = DEPTH) -> None:
        self._write = write
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._dropped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="write-behind", daemon=True)

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            if self._error is not None or self._dropped.is_set():
                continue  # a write failed, or the caller gave up: take, do not write
            try:
                self._write(data)
            except BaseException as exc:  # raised in the caller's thread
                self._error = exc

    def __enter__(self) -> Callable[[bytes], None]:
        self._thread.start()
        return self.write

    def write(self, data: bytes) -> None:
        """Queue ``data`` (waits while ``DEPTH`` blocks are queued); raises a failed
        earlier write's error."""
        if self._error is not None:
            raise self._error
        self._queue.put(data)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is not None:
            self._dropped.set()
        self._queue.put(None)  # the thread takes every block before it, then ends
        self._thread.join()
        if kind is None and self._error is not None:
            raise self._error
