"""Run core work off the UI thread, with progress and cancel; broadcast what it changed.

The only place the app creates threads. Writes to the workspace share one
single-worker pool (SQLite has one writer); reads run on a small pool of their own.
Each thread uses its own connection (the Workspace opens one per thread on first use:
docs/store.md), so a read never sees a write half done. Pool threads never expire, so
their connections are opened once. Results come back to the main thread through queued
signals, then ``on_success(result)`` or ``on_failure(exc)`` runs there.

After a write succeeds, :attr:`TaskRunner.changed` broadcasts the
:class:`~fieldsurvey.changes.Changes` it made (its result, or the result's ``changes``,
or what ``changes=`` extracts from it) to every page that shows some of it; ``None``
means that anything may have changed (e.g. an import stopped half-way).
Tests use ``TaskRunner(synchronous=True)``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.progress import CancelToken, Progress

Work = Callable[[Callable[[Progress], None], CancelToken], Any]
if TYPE_CHECKING:
    from fieldsurvey.changes import Changes

ChangesOf = Callable[[Any], "Changes | None"]

#: Read tasks at the same time (each on its own thread and connection).
READ_THREADS = 3


#: Seconds a thread running Python keeps the GIL while another waits for it (Python's
#: default: 0.005). See :func:`share_the_gil`.
SWITCH_INTERVAL = 0.0005


def share_the_gil() -> None:
    """Make a task running Python hand the GIL to the UI thread ten times sooner.

    Painting the list calls Python (the model's ``data``, ``rowCount``) hundreds of
    times, and PySide lets the GIL go around each call into Qt. While a task runs Python
    (the warm-up's imports, a block of rows) each of those calls waited up to the
    switch interval for the GIL: opening the window at 1,000,000 interviews, its
    longest freeze was 195-371 ms, the UI thread working 37-59 ms of it (three runs of
    bench/bench_ui_scale.py ``--only open_window``, quiet machine). At 0.5 ms: 50-63 ms;
    at 1 ms one run in three still reached 155 ms; at 0.2 ms the switches themselves
    cost more (75-145 ms). Set once, for the process, when the app starts."""
    sys.setswitchinterval(SWITCH_INTERVAL)


#: Objects kept by paused reads above which they are frozen as the collector runs
#: again (a walk of 200,000 objects takes ~0.1-0.2 s, the young generation's first pass
#: after an xlsx export of 1,000,000 walked its survivors: 77-126 ms; see
#: :func:`collector_paused`).
FREEZE_KEPT = 50_000


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while the block runs (in any thread; nested
    and concurrent uses count: it runs again when the last one ends, and only if it
    was running before).

    A read of the whole store keeps a million small objects alive while it groups them
    (the possible duplicates of 1,000,000 interviews: 1.7 million). Each full collection
    walks them all with the GIL held, and one comes each time the objects grew by a
    quarter: 15 collections of 0.1-1.1 s while the duplicates tab was read, the window
    frozen for each (bench/bench_ui_scale.py). What such a read drops is freed by
    reference counting as it goes; its few cycles wait for the next collection.

    When the collector runs again after reads that kept more than
    :data:`FREEZE_KEPT` objects (their results: 150,000 groups of possible duplicates
    at 1,000,000 interviews), everything held goes to its permanent generation
    (``gc.freeze``, as the app's start-up heap does): otherwise the next collections
    walk it all, the first one 1.6 s with the GIL held. Frozen objects are still freed
    when no longer used (reference counting); only a cycle among them that becomes
    garbage later (a page or dialog alive at that moment, closed later) is never
    freed: the price of not freezing the window, paid on large stores only."""
    with gc_paused(freeze_kept=FREEZE_KEPT):
        yield


def changes_of(result: Any) -> Changes | None:
    """The Changes a write returned: the result itself, or its ``changes`` field."""
    from fieldsurvey.changes import Changes  # pydantic: kept off the unlock window's path

    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else None


class _Signals(QObject):
    """Emitted from the worker thread; received by the Task in the main thread."""

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)


class Task(QObject):
    """One piece of work; ``cancel()`` asks it to stop at its next check."""

    progressed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        work: Work,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        parent: QObject | None = None,
        *,
        pause_collector: bool = False,
        write: bool = True,
    ) -> None:
        super().__init__(parent)
        self.work = work
        self.pause_collector = pause_collector
        #: A write (on the writer thread) or a read (on the read pool).
        self.write = write
        self.on_success = on_success
        self.on_failure = on_failure
        self.token = CancelToken()
        self.done = False
        self.signals = _Signals()
        self.signals.progress.connect(self._on_progress)
        self.signals.succeeded.connect(self._on_succeeded)
        self.signals.failed.connect(self._on_failed)

    def cancel(self) -> None:
        self.token.cancel()

    def execute(self) -> None:
        """Run the work in the calling thread, reporting through the signals."""
        try:
            if self.pause_collector:
                with collector_paused():
                    result = self.work(self.signals.progress.emit, self.token)
            else:
                result = self.work(self.signals.progress.emit, self.token)
        except Exception as exc:  # reported to the main thread, never swallowed
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        self.progressed.emit(progress)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        try:
            if self.on_success is not None:
                self.on_success(result)
        finally:
            self._finish()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        try:
            if self.on_failure is not None:
                self.on_failure(exc)
            else:
                sys.excepthook(type(exc), exc, exc.__traceback__)
        finally:
            self._finish()

    def _finish(self) -> None:
        self.done = True
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task.execute()


class TaskRunner(QObject):
    """Starts tasks and keeps them alive until they report back.

    ``changed`` (Changes, or None for "anything") is emitted on the main thread after
    each write task that changed something, before its ``on_success``.
    """

    changed = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        synchronous: bool = False,
        default_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        #: Called for a failed task that has no handler of its own (the app's error dialog).
        self.default_failure = default_failure
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self.read_pool = QThreadPool(self)
        self.read_pool.setMaxThreadCount(READ_THREADS)
        for pool in (self.write_pool, self.read_pool):
            pool.setExpiryTimeout(-1)  # keep the threads, and so their connections
        self._running: set[Task] = set()

    def run(
        self,
        work: Work,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        write: bool = True,
        changes: ChangesOf = changes_of,
        pause_collector: bool = False,
    ) -> Task:
        """Run ``work(progress, cancel)``: a write (default) on the single writer thread,
        else a read on the read pool. ``changes`` finds what a write changed in its
        result (for :attr:`changed`). ``pause_collector``: a read of the whole store
        (:func:`collector_paused`)."""
        if write:
            on_success = self._broadcasting(changes, on_success)
        task = Task(
            work, on_success, on_failure or self.default_failure,
            pause_collector=pause_collector, write=write,
        )  # fmt: skip
        if on_progress is not None:
            task.progressed.connect(on_progress)
        self._running.add(task)
        task.finished.connect(lambda: self._running.discard(task))
        if self.synchronous:
            task.execute()
        else:
            (self.write_pool if write else self.read_pool).start(_Runnable(task))
        return task

    def _broadcasting(
        self, changes: ChangesOf, on_success: Callable[[Any], None] | None
    ) -> Callable[[Any], None]:
        def succeeded(result: Any) -> None:
            found = changes(result)
            if found is not None and not found.empty:
                self.changed.emit(found)
            if on_success is not None:
                on_success(result)

        return succeeded

    def cancel_reads(self) -> None:
        """Ask every read still running to stop (the window is closing): a read changes
        nothing, so nothing is lost; a report or export in a worker process ends at once
        or at its next check. Writes are left to finish."""
        for task in list(self._running):
            if not task.write:
                task.cancel()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait_all(self, msecs: int = 30000) -> None:
        """Block until every started task has run (for shutdown and tests)."""
        self.write_pool.waitForDone(msecs)
        self.read_pool.waitForDone(msecs)
