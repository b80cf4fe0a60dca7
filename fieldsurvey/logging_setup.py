"""The workspace's log file: ``<home>/logs/fieldsurvey.log``, rotated at 1 MB, 3 old files.

What may be logged: event names, ids (interview uuid, device id, bundle sequence) and
counts or durations. Never an answer, a name, a household's details, a password or a key,
and never the text of an exception (messages may quote a value). The tests run autosave,
completion, bundle export and import and a PDF with a distinctive answer, every logger at
DEBUG, and search the log files for it.

Two safeguards back the rule up:

* :class:`NoValuesFormatter` prints an exception as its type and the traceback frames
  (file, line, function) only: ``logger.exception(...)`` never copies an exception's
  message, which may quote a value, into the file.
* :func:`log_event` writes ``event key=value ...`` and accepts only numbers, booleans and
  id-like strings (letters, digits and ``-_.:``, at most 64 characters); anything else
  is written as ``<omitted>``.

Only the ``fieldsurvey`` logger (and its children, e.g. ``fieldsurvey.sync``) is written
to the file; other libraries' logs are not. Nothing is written while the workspace folder
does not exist, and ``logs/`` is created on the first record, so a command that needs no
workspace creates no folder. Call :func:`setup_logging` once the workspace folder is
known; calling it again (another ``--home``) moves the log.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import traceback
from pathlib import Path
from types import TracebackType

LOG_DIR = "logs"
LOG_FILE = "fieldsurvey.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
LOGGER_NAME = "fieldsurvey"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_ID_LIKE = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")
_handler: logging.Handler | None = None

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class NoValuesFormatter(logging.Formatter):
    """A formatter whose tracebacks show exception types and frames, never messages."""

    def formatException(self, ei: ExcInfo | tuple[None, None, None]) -> str:
        exc = ei[1]
        if exc is None:
            return ""
        lines: list[str] = []
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            frames = traceback.extract_tb(current.__traceback__)
            chunk = [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames]
            chunk.append(f"{type(current).__module__}.{type(current).__qualname__}")
            lines = [*chunk, *(["caused by:"] if lines else []), *lines]
            current = current.__cause__ or current.__context__
        return "Traceback (message omitted):\n" + "\n".join(lines)


class _WorkspaceLogHandler(logging.handlers.RotatingFileHandler):
    """Rotating file in ``<home>/logs``. Records are dropped while the workspace folder
    does not exist (commands such as ``bundle inspect`` or ``selftest`` never create it);
    ``logs/`` is created owner-only when the first record is written."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        super().__init__(
            os.fspath(log_path(home)),
            maxBytes=MAX_BYTES,
            backupCount=BACKUP_COUNT,
            encoding="utf-8",
            delay=True,
        )

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is None and not self.home.is_dir():
            return
        super().emit(record)

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed: returns a TextIO
        Path(self.baseFilename).parent.mkdir(exist_ok=True, mode=0o700)
        # Owner-only (0600) from the first byte, whatever the umask; rotation renames the
        # file (keeping its mode) and opens a new one here.
        stream = open(  # the handler keeps the stream open
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=_private_opener,
        )
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)  # a log written by an older version
        return stream


def _private_opener(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


def log_path(home: Path) -> Path:
    """Where the log of the workspace in ``home`` is written."""
    return Path(home) / LOG_DIR / LOG_FILE


def setup_logging(home: Path, *, level: int = logging.INFO) -> None:
    """Send the ``fieldsurvey`` loggers to the rotating log file of the workspace ``home``.

    Idempotent: a second call replaces the handler of the first (e.g. for another home).
    """
    global _handler
    logger = logging.getLogger(LOGGER_NAME)
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    handler = _WorkspaceLogHandler(home)
    handler.setFormatter(NoValuesFormatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    _handler = handler


def close_logging() -> None:
    """Detach and close the log file (tests; the end of the app)."""
    global _handler
    if _handler is not None:
        logging.getLogger(LOGGER_NAME).removeHandler(_handler)
        _handler.close()
        _handler = None


def _safe(value: object) -> str:
    if isinstance(value, bool | int | float) or value is None:
        return str(value)
    if isinstance(value, str) and _ID_LIKE.fullmatch(value):
        return value
    return "<omitted>"


def log_event(logger: logging.Logger, event: str, /, **fields: object) -> None:
    """Log ``event key=value ...`` at INFO; values that are not ids or numbers are omitted."""
    if logger.isEnabledFor(logging.INFO):
        parts = [event, *(f"{key}={_safe(value)}" for key, value in fields.items())]
        logger.info("%s", " ".join(parts))
