"""The cyclic garbage collector paused for a block of work.

Reading or merging many rows makes millions of short-lived objects, none of them in a
cycle; the cyclic collector would run over them (and everything the process holds) again
and again, each pass longer as they pile up. At 100,000 interviews that was a third to a
half of listing, report and export time (docs/benchmarks.md). What the block leaves is
collected when the collector runs again.

API:
    gc_paused() -> context manager
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside; the collector is on again after (if it was)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
