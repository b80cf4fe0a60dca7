"""The task helper runs work off the UI thread and reports back on it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from fieldsurvey.errors import WrongPasswordError
from fieldsurvey.progress import Cancelled, CancelToken, Progress

from fieldsurvey.ui.tasks import TaskRunner


def test_result_arrives_on_main_thread_after_work_in_another(qtbot) -> None:
    runner = TaskRunner()
    main = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(progress, cancel: CancelToken) -> int:
        seen["worker"] = threading.get_ident()
        progress(Progress(1, 2, "half"))
        return 42

    def ok(result: int) -> None:
        seen["result"] = result
        seen["on_main"] = QThread.currentThread() is main

    progress_seen: list[Progress] = []
    task = runner.run(work, on_success=ok, on_progress=progress_seen.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["on_main"] is True
    assert seen["worker"] != threading.get_ident()
    assert progress_seen == [Progress(1, 2, "half")]
    assert not runner.busy


def test_failure_is_delivered_as_the_typed_error(qtbot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def work(progress, cancel):
        raise WrongPasswordError("The password is not right.")

    task = runner.run(work, on_failure=errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert len(errors) == 1 and isinstance(errors[0], WrongPasswordError)


def test_cancel_stops_work_at_its_next_check(qtbot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def work(progress, cancel: CancelToken) -> None:
        started.set()
        release.wait(5)
        cancel.check()

    task = runner.run(work, on_failure=errors.append)
    assert started.wait(5)
    task.cancel()
    release.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)


def test_synchronous_runner_runs_inline() -> None:
    runner = TaskRunner(synchronous=True)
    out: list[int] = []
    runner.run(lambda p, c: 7, on_success=out.append)
    assert out == [7]


def test_failure_without_own_handler_goes_to_the_default_handler() -> None:
    errors: list[BaseException] = []
    runner = TaskRunner(synchronous=True, default_failure=errors.append)

    def work(progress, cancel):
        raise ValueError("boom")

    runner.run(work)
    assert [type(e) for e in errors] == [ValueError]
