"""Long reads in a worker process (fieldsurvey/worker_process.py): what the app gets back
is what the same work gives in its own thread: the result, the progress, the error with
its code, a Cancel that stops it; a child that dies is one clear error, not a hang."""

from __future__ import annotations

import os
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
import worker_targets

from fieldsurvey import worker_process
from fieldsurvey.errors import BundleCheckError
from fieldsurvey.progress import Cancelled, CancelToken, Progress
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.worker_process import WorkerStopped, run_apart, run_read


def test_the_work_runs_in_another_process_on_the_same_workspace(ws: Workspace) -> None:
    pid, workspace_id = run_apart(ws, worker_targets.where)
    assert pid != os.getpid()
    assert workspace_id == ws.workspace_id


def test_a_long_list_comes_back_whole_and_in_order(ws: Workspace) -> None:
    n = 3 * worker_process.SLICE + 7  # several slices and a short last one
    assert run_apart(ws, worker_targets.numbers, n) == worker_targets.numbers(ws, n)
    assert run_apart(ws, worker_targets.numbers, 0) == []


def test_a_tuple_of_lists_comes_back_whole_each_list_in_slices(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = 3 * worker_process.SLICE + 7
    received: list[str] = []
    recv = Connection.recv

    def watched(self: object) -> object:
        message = recv(self)  # type: ignore[arg-type]
        received.append(message[0])
        return message

    monkeypatch.setattr(Connection, "recv", watched)
    got = run_apart(ws, worker_targets.lists, n)
    assert got == worker_targets.lists(ws, n)
    assert type(got) is tuple
    # never the whole result in one message: 4 + 2 + 0 slices, between a head and an end
    assert received == ["lists", *["list part"] * 6, "lists done"]


def test_progress_arrives_and_cancel_stops_the_child(ws: Workspace) -> None:
    token = CancelToken()
    seen: list[Progress] = []

    def progress(report: Progress) -> None:
        seen.append(report)
        if len(seen) == 3:
            token.cancel()

    with pytest.raises(Cancelled):
        run_apart(ws, worker_targets.counting, progress=progress, cancel=token)
    assert [p.done for p in seen[:3]] == [0, 1, 2]
    assert seen[0].total == 1_000_000
    assert len(seen) < 1_000  # it stopped at its next check, not at the end


def test_cancel_ends_at_once_work_that_cannot_stop_itself(ws: Workspace) -> None:
    token = CancelToken()
    timer = threading.Timer(1.0, token.cancel)
    timer.start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        run_apart(ws, worker_targets.sleeper, cancel=token)
    assert time.monotonic() - started < 30  # not the 120 s of its work


def test_a_coded_error_comes_back_with_its_code_and_parameters(ws: Workspace) -> None:
    with pytest.raises(BundleCheckError) as raised:
        run_apart(ws, worker_targets.refused)
    assert raised.value.check == "header"
    assert raised.value.code == "sync.check.header_fields"
    assert raised.value.params == {"fields": "device_id"}
    assert raised.value.text("vi") != raised.value.text("en")


def test_an_error_the_app_cannot_rebuild_still_says_what_it_was(ws: Workspace) -> None:
    with pytest.raises(RuntimeError, match="Local in the worker process"):
        run_apart(ws, worker_targets.unpicklable)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_child_killed_midway_is_one_clear_error(ws: Workspace) -> None:
    with pytest.raises(WorkerStopped) as raised:
        run_apart(ws, worker_targets.killed)
    assert raised.value.code == "core.worker_stopped"
    assert "-9" in raised.value.text("en")
    assert "không có gì bị thay đổi" in raised.value.text("vi")


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_the_key_is_not_on_the_child_command_line(ws: Workspace) -> None:
    line = run_apart(ws, worker_targets.command_line)
    key = ws.database_key
    assert b"multiprocessing" in line
    assert key not in line and key.hex().encode() not in line


def test_a_small_workspace_is_read_in_this_thread_a_large_one_apart(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, form: tuple[str, str]
) -> None:
    from fieldsurvey.store.interviews import new_interview

    new_interview(
        ws, form_id=form[0], form_version=form[1], ward="Phúc Tân", household_id="h", enumerator="e"
    )
    monkeypatch.setattr(worker_process, "APART_FROM", 2)
    assert run_read(ws, worker_targets.where)[0] == os.getpid()
    new_interview(
        ws, form_id=form[0], form_version=form[1], ward="Phúc Tân", household_id="h", enumerator="e"
    )
    assert run_read(ws, worker_targets.where)[0] != os.getpid()


def test_two_tasks_may_each_run_a_child_at_once(ws: Workspace) -> None:
    found: list[int] = []

    def read() -> None:
        found.append(run_apart(ws, worker_targets.where)[0])

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(set(found)) == 2 and os.getpid() not in found
