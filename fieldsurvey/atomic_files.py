"""Writing a file so that a crash or a power cut leaves either the old file or the new one.

Every whole-file write of the app goes through here: a temporary file beside the target
(created owner-only, ``0600``, by :func:`tempfile.mkstemp`), its bytes flushed and
fsynced, then renamed over the target (or linked to it, when an existing file must not
be overwritten), then the folder fsynced so the rename itself survives a power cut
(POSIX; Windows has no folder fsync and NTFS journals the rename). If anything fails the
temporary file is removed and the target is untouched.

Errors are the ``OSError`` of the failing step (``FileExistsError`` when ``overwrite``
is False and the target exists); callers translate them (e.g. the store's
``translating_errors`` turns a full disk into ``StorageFullError``).

API:
    write_bytes_atomic(path, data, *, overwrite=True) -> None
    write_text_atomic(path, text, *, encoding="utf-8", overwrite=True) -> None
    atomic_path(path, *, overwrite=True)   context manager: a temporary Path to write
        (for libraries that write to a path themselves; it ends in the target's suffix),
        put in place when the block ends
    fsync_folder(folder) -> None
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: str) -> None:
    # read-write: Windows refuses to flush a handle opened read-only
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _put_in_place(tmp: str, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
    else:
        os.link(tmp, path)  # FileExistsError if the target exists (or appeared meanwhile)
        os.unlink(tmp)
    fsync_folder(path.parent)


def _temporary(path: Path, *, keep_suffix: bool = False) -> tuple[int, str]:
    """A new hidden owner-only file beside ``path``; ``keep_suffix``: ending in the
    target's own suffix (for writers that choose the format by the file name)."""
    suffix = f".tmp{path.suffix}" if keep_suffix else ".tmp"
    return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)


def write_bytes_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` (see the module docstring); never a half-written file."""
    path = Path(path)
    if not overwrite and path.exists():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _put_in_place(tmp, path, overwrite)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text_atomic(
    path: Path, text: str, *, encoding: str = "utf-8", overwrite: bool = True
) -> None:
    """Write ``text`` to ``path`` atomically (``\\n`` line ends on every system)."""
    write_bytes_atomic(path, text.encode(encoding), overwrite=overwrite)


@contextlib.contextmanager
def atomic_path(path: Path, *, overwrite: bool = True) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that needs a file name; when the
    block succeeds the file is fsynced and put in place, else removed."""
    path = Path(path)
    if not overwrite and path.exists():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    fd, tmp = _temporary(path, keep_suffix=True)
    os.close(fd)
    try:
        yield Path(tmp)
        _fsync_file(tmp)
        _put_in_place(tmp, path, overwrite)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
