"""The cyclic garbage collector paused for a block of work.

Reading or merging many rows makes millions of short-lived objects, none of them in a
cycle; the cyclic collector would run over them (and everything the process holds) again
and again, each pass longer as they pile up. At 100,000 interviews that was a third to a
half of listing, report and export time (docs/benchmarks.md). What the block leaves is
collected when the collector runs again.

The collector is one switch for the whole process, and the app pauses it from several
threads at once (an export in one task, the possible duplicates in another, a report
block by block): the uses are counted under a lock, and the collector runs again when the
last one ends, and only if it was running before the first.

API:
    gc_paused(freeze_kept=None) -> context manager
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_users = 0  # blocks running with the collector paused, in any thread
_ours = False  # the collector was running when the first of them began
_freeze_from: int | None = None  # see gc_paused's freeze_kept


@contextlib.contextmanager
def gc_paused(freeze_kept: int | None = None) -> Iterator[None]:
    """No cyclic collection inside; nested and concurrent uses (any thread) count.

    ``freeze_kept``: when the last use ends, if more than this many objects were made
    and kept meanwhile (a whole-store read's results), everything held goes to the
    collector's permanent generation (``gc.freeze``) before it runs again: otherwise its
    next passes walk them all with the GIL held (1.6 s for the possible duplicates of
    1,000,000 interviews)."""
    global _users, _ours, _freeze_from
    with _lock:
        if _users == 0 and gc.isenabled():
            gc.disable()
            _ours = True
        _users += 1
        if freeze_kept is not None:
            _freeze_from = min(freeze_kept, _freeze_from or freeze_kept)
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                freeze_from, _freeze_from = _freeze_from, None
                if _ours:
                    _ours = False
                    if freeze_from is not None and gc.get_count()[0] > freeze_from:
                        gc.freeze()
                    gc.enable()
