"""Run one long read of the workspace in a process of its own (reports, exports, the
possible duplicates).

Such a read of 1,000,000 interviews holds hundreds of megabytes and spends seconds in C
calls that keep Python's global lock (sorting, freeing, the collector): in a thread of
the app's process it froze the window 100-600 ms at a time and left its memory with the
app. In a child process it shares neither: the window only waits on a pipe, and
everything the work held is given back to the system when the child ends.

The child is started fresh (``spawn``, the only way on Windows), opens the workspace with
the key the app already holds (sent through the pipe that starts it, never written to
disk) and calls ``target(ws, *args, **kwargs)``. Progress reports come back as they are
made; a Cancel sets an event that the child's token reads, so the work stops at its next
check as it would in a thread. A list result, or a tuple of lists, comes back in slices,
so the app never unpickles a large result in one call (which would hold the lock as long
as the child did: 0.5 s for the possible duplicates and their entity pairs at 1,000,000
interviews). The arguments are pickled in the app at once, as the child starts: a large
one is better read again by the child. An error comes back as itself (its code and
parameters); a child that ends without an answer (killed, out of memory) gives
``core.worker_stopped``.

The frozen app must call :func:`multiprocessing.freeze_support` before anything else
(``fieldsurvey/__main__.py``).
"""

from __future__ import annotations

import inspect
import multiprocessing
import pickle
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldsurvey import messages
from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.progress import Cancelled, CancelToken, ProgressCallback

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.synchronize import Event

    from fieldsurvey.store.workspace import Workspace

#: From how many interviews :func:`run_read` works in a worker process. Starting one
#: costs 0.3-1 s (a fresh interpreter, its imports, the workspace opened): below this the
#: work is short enough in a thread (the duplicates of 10,000 interviews take 0.9 s), above
#: it that cost is under a tenth of the work and the window no longer waits on it.
APART_FROM = 50_000
#: Items of a list result per message from the child (unpickling one slice in the app
#: holds the lock for a few milliseconds).
SLICE = 2_000
#: How often the waiting thread looks at the Cancel button and at the child (seconds).
POLL = 0.05
#: How long a cancelled child that takes a token may take to reach its next check
#: before it is ended.
CANCEL_GRACE = 10.0


class WorkerStopped(FieldSurveyError):
    """The child process ended without an answer (killed, out of memory, crashed)."""


class _EventToken(CancelToken):
    """The child's cancel token: set by the app through a process-shared event."""

    def __init__(self, event: Event) -> None:
        self._event = event  # type: ignore[assignment]


def run_read(
    ws: Workspace,
    target: Callable[..., Any],
    /,
    *args: Any,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    **kwargs: Any,
) -> Any:
    """``target(ws, *args, **kwargs)``, a long read of the workspace: in a worker
    process (:func:`run_apart`) when the workspace holds :data:`APART_FROM` interviews or
    more, else in the calling thread; either way in one read transaction (what it reads
    agrees). Call it from a task, never from the window's thread."""
    from fieldsurvey.store.interview_listing import holds_at_least

    if holds_at_least(ws, APART_FROM):
        return run_apart(ws, target, *args, progress=progress, cancel=cancel, **kwargs)
    with ws.reading():
        return target(ws, *args, **kwargs, **_given(target, progress, cancel))


def _given(
    target: Callable[..., Any], progress: ProgressCallback | None, cancel: CancelToken | None
) -> dict[str, Any]:
    """``progress`` and ``cancel`` as keyword arguments, for the ones ``target`` takes."""
    accepted = inspect.signature(target).parameters
    given: dict[str, Any] = {}
    if "progress" in accepted and progress is not None:
        given["progress"] = progress
    if "cancel" in accepted and cancel is not None:
        given["cancel"] = cancel
    return given


def run_apart(
    ws: Workspace,
    target: Callable[..., Any],
    /,
    *args: Any,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    **kwargs: Any,
) -> Any:
    """``target(ws, *args, **kwargs)`` run in a child process (in one read transaction),
    its result returned here.

    ``target`` is a module-level function (the child imports it by name); it is given
    ``progress`` and ``cancel`` if it takes parameters of those names. Its arguments and
    result must pickle. Blocks the calling thread (a task's) without holding the lock."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    stop = context.Event()
    child = context.Process(
        target=_child_main,
        args=(theirs, stop, Path(ws.home), ws.database_key, target, args, kwargs,
              messages.language()),
        daemon=True,
        name="fieldsurvey-worker",
    )  # fmt: skip
    child.start()
    theirs.close()
    # Work that takes no token cannot stop cleanly: at Cancel it is ended at once (it
    # only reads); work that takes one stops at its next check, as in a thread.
    grace = CANCEL_GRACE if "cancel" in inspect.signature(target).parameters else 0.0
    try:
        return _wait(child, ours, stop, progress, cancel, grace)
    finally:
        ours.close()
        # Once it has answered (or failed) the child only frees what it held: ending it
        # now gives that memory back at once. It only read the workspace.
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
            child.join()
        child.close()


def _wait(
    child: multiprocessing.process.BaseProcess,
    pipe: Connection,
    stop: Event,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    grace: float,
) -> Any:
    parts: list[Any] | None = None
    cancelled_at: float | None = None
    waited = 0.0
    while True:
        if cancel is not None and cancel.cancelled and cancelled_at is None:
            stop.set()
            cancelled_at = waited
        if cancelled_at is not None and waited - cancelled_at >= grace:
            raise Cancelled("core.cancelled")
        if not pipe.poll(POLL):
            waited += POLL
            if not child.is_alive() and not pipe.poll(0):
                raise WorkerStopped("core.worker_stopped", code=child.exitcode)
            continue
        try:
            kind, payload = pipe.recv()
        except EOFError:
            child.join(timeout=5)
            raise WorkerStopped("core.worker_stopped", code=child.exitcode) from None
        if kind == "progress":
            if progress is not None:
                progress(payload)
        elif kind == "part":
            if parts is None:
                parts = payload
            else:
                parts.extend(payload)
        elif kind == "lists":  # a tuple of lists: each sent as a list is
            lists: list[list[Any]] = [[] for _ in range(payload)]
        elif kind == "list part":
            index, items = payload
            lists[index].extend(items)
        elif kind == "done":
            return parts if parts is not None else []
        elif kind == "lists done":
            return tuple(lists)
        elif kind == "result":
            return payload
        else:  # "error"
            raise payload


def _child_main(
    pipe: Connection,
    stop: Event,
    home: Path,
    key: bytes,
    target: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    lang: str,
) -> None:
    """The child: open the workspace, run the work, send back what came of it."""
    from fieldsurvey.store.workspace import Workspace

    messages.set_language(lang)
    try:
        given = _given(target, lambda report: pipe.send(("progress", report)), _EventToken(stop))
        with Workspace.open_with_key(home, key) as ws, ws.reading():
            result = target(ws, *args, **kwargs, **given)
    except BaseException as exc:  # sent to the app, which reports it as its own
        pipe.send(("error", _sendable(exc)))
        return
    if isinstance(result, list):
        for start in range(0, len(result), SLICE):
            pipe.send(("part", result[start : start + SLICE]))
        pipe.send(("done", None))
    elif isinstance(result, tuple) and result and all(type(r) is list for r in result):
        pipe.send(("lists", len(result)))
        for index, items in enumerate(result):
            for start in range(0, len(items), SLICE):
                pipe.send(("list part", (index, items[start : start + SLICE])))
        pipe.send(("lists done", None))
    else:
        pipe.send(("result", result))


def _sendable(exc: BaseException) -> BaseException:
    """The error as the app can receive it: itself if it pickles (a coded error does),
    else a plain error with its type and traceback for the log (code lines only)."""
    try:
        pickle.dumps(exc)
    except Exception:
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=20))
        return RuntimeError(f"{type(exc).__name__} in the worker process:\n{text}")
    if not isinstance(exc, FieldSurveyError):
        exc.add_note(
            "in the worker process:\n" + "".join(traceback.format_tb(exc.__traceback__, limit=20))
        )
    return exc
