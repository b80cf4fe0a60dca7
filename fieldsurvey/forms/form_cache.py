"""Cache of loaded forms, keyed by the SHA-256 of the file and the code that read it.

pyxform needs up to several seconds for a big XLSForm; a form already seen loads
from here in milliseconds. Entries are FormSpec JSON (never pickle: the cache folder
is not trusted to hold code). A damaged entry is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import platformdirs
from pydantic import ValidationError

from fieldsurvey import APP_ID, __version__
from fieldsurvey.atomic_files import write_bytes_atomic
from fieldsurvey.forms.spec import FormSpec

CACHE_ENV = "FIELDSURVEY_CACHE_DIR"
#: Bump when the cached shape changes in a way the code fingerprint would not catch.
CACHE_FORMAT = 1
#: Entries kept; the least recently written beyond this are removed on each store.
MAX_ENTRIES = 200


def cache_dir() -> Path:
    """``$FIELDSURVEY_CACHE_DIR`` or the platform's user cache folder, plus ``forms``."""
    override = os.environ.get(CACHE_ENV)
    base = (
        Path(override) if override else Path(platformdirs.user_cache_dir(APP_ID, appauthor=False))
    )
    return base / "forms"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of pyxform's version, ours, and the sources of ``fieldsurvey/forms``."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{version('pyxform')}|{__version__}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_key(source_hash: str, filename: str) -> str:
    """Key of a form file: its bytes' hash, its name (the fallback form_id) and the code."""
    text = f"{source_hash}|{Path(filename).name}|{code_fingerprint()}"
    return hashlib.sha256(text.encode()).hexdigest()


def get(key: str) -> FormSpec | None:
    """The cached spec, or None when absent or unreadable."""
    path = cache_dir() / f"{key}.json"
    try:
        return FormSpec.model_validate_json(path.read_bytes())
    except (OSError, ValueError, ValidationError):
        return None


def put(key: str, spec: FormSpec) -> None:
    """Store ``spec`` atomically; a cache that cannot be written is silently skipped."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(folder / f"{key}.json", spec.model_dump_json().encode())
    except OSError:
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    try:
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[MAX_ENTRIES:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return


def clear() -> int:
    """Remove every cached form; returns how many entries were removed."""
    removed = 0
    for entry in cache_dir().glob("*.json"):
        try:
            entry.unlink()
            removed += 1
        except OSError:
            continue
    return removed
