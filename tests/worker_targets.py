"""Work for tests/core/test_worker_process.py to run in a worker process (the child
imports a target by its module and name, so they live in a module of their own)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from fieldsurvey.errors import BundleCheckError
from fieldsurvey.progress import CancelToken, Progress, ProgressCallback
from fieldsurvey.store.workspace import Workspace


def where(ws: Workspace) -> tuple[int, str]:
    """The process that ran it, and the workspace it opened."""
    return os.getpid(), ws.workspace_id


def numbers(ws: Workspace, n: int) -> list[tuple[int, str]]:
    return [(i, f"người {i}") for i in range(n)]


def lists(ws: Workspace, n: int) -> tuple[list[tuple[int, str]], list[int], list[str]]:
    """A tuple of lists (as the possible duplicates and their pairs come)."""
    return numbers(ws, n), list(range(n // 3)), []


def counting(
    ws: Workspace, *, progress: ProgressCallback, cancel: CancelToken, steps: int = 1_000_000
) -> int:
    """Reports each step and stops at Cancel (a long export, in small)."""
    for step in range(steps):
        cancel.check()
        progress(Progress(step, steps, "report.export_writing"))
        time.sleep(0.01)
    return steps


def sleeper(ws: Workspace) -> None:
    """Long work that takes no cancel token (as the summary PDF)."""
    time.sleep(120)


def refused(ws: Workspace) -> None:
    raise BundleCheckError("header", "sync.check.header_fields", fields="device_id")


def unpicklable(ws: Workspace) -> None:
    class Local(Exception):  # a class the app cannot import
        pass

    raise Local("not sent as itself")


def killed(ws: Workspace) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def command_line(ws: Workspace) -> bytes:
    return Path(f"/proc/{os.getpid()}/cmdline").read_bytes()
