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


def _workspace_with_form(folder):  # type: ignore[no-untyped-def]
    from fieldsurvey.forms.spec import FormSpec
    from fieldsurvey.keywrap import KdfParams
    from fieldsurvey.store import forms as forms_store
    from fieldsurvey.store.workspace import Workspace

    ws = Workspace.create(folder, "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    spec = FormSpec(form_id="f", version="1", title="f")
    forms_store.save_form(ws, "f", "1", spec.model_dump_json(), "f-1")
    return ws


def test_reads_on_their_own_threads_never_see_a_write_half_done(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Real threads: writes queued one after another on the writer thread, reads of the
    list in parallel on the read pool (the pattern of closing an interview: writes
    queued, then the list reloaded). Every read sees whole interviews only."""
    from fieldsurvey.changes import Changes
    from fieldsurvey.store import interviews as iv

    from fieldsurvey.ui.tasks import READ_THREADS

    ws = _workspace_with_form(tmp_path / "ws")
    runner = TaskRunner()
    writer_threads: set[int] = set()
    reader_threads: set[int] = set()
    seen: list[list[tuple[str, str]]] = []
    broadcast: list[Changes] = []
    runner.changed.connect(broadcast.append)

    def write(i: int):  # type: ignore[no-untyped-def]
        def work(progress, cancel) -> Changes:  # type: ignore[no-untyped-def]
            writer_threads.add(threading.get_ident())
            with ws.transaction():
                made = iv.new_interview(
                    ws, form_id="f", form_version="1", ward="W", household_id=f"HH-{i}",
                    enumerator="Lan",
                )  # fmt: skip
                iv.set_answer(ws, made.uuid, "household/size", 3, who="Lan")
                return iv.complete(ws, made.uuid, who="Lan")

        return work

    def read(progress, cancel) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
        reader_threads.add(threading.get_ident())
        return [(r.household_id, r.status) for r in iv.list_rows(ws)]

    writes = [runner.run(write(i)) for i in range(40)]
    chains_running = [0]

    def reread(rows: list[tuple[str, str]]) -> None:
        seen.append(rows)
        if all(t.done for t in writes):
            chains_running[0] -= 1
        else:  # keep reading while the writes go on
            runner.run(read, on_success=reread, write=False)

    for _ in range(READ_THREADS):
        chains_running[0] += 1
        runner.run(read, on_success=reread, write=False)
    qtbot.waitUntil(lambda: chains_running[0] == 0, timeout=60000)
    assert len(broadcast) == 40
    for rows in seen:
        households = sorted(h for h, _ in rows)
        assert households == sorted(f"HH-{k}" for k in range(len(rows))), households
        assert {status for _, status in rows} <= {"completed"}, rows
    assert any(0 < len(rows) < 40 for rows in seen)  # some reads ran amid the writes
    assert len(writer_threads) == 1
    assert threading.get_ident() not in writer_threads | reader_threads
    assert not writer_threads & reader_threads
    assert len(reader_threads) <= READ_THREADS
    assert ws.connection_count() <= 1 + 1 + READ_THREADS  # this thread, writer, readers
    runner.wait_all()
    ws.close()


def test_closing_cancels_the_reads_and_lets_the_writes_finish(qtbot) -> None:
    """The window closing asks running reads to stop (a report of minutes is not waited
    for); a write goes on to its end."""
    import time

    runner = TaskRunner()
    outcome: dict[str, object] = {}
    release = threading.Event()

    def read(progress, cancel: CancelToken) -> str:
        while True:  # a long read that checks its token
            cancel.check()
            time.sleep(0.01)

    def write(progress, cancel: CancelToken) -> str:
        release.wait(5)
        cancel.check()
        return "written"

    reading = runner.run(read, write=False, on_failure=lambda exc: outcome.__setitem__("read", exc))
    writing = runner.run(write, on_success=lambda r: outcome.__setitem__("write", r))
    runner.cancel_reads()
    release.set()
    with qtbot.waitSignals([reading.finished, writing.finished], timeout=10000):
        pass
    assert isinstance(outcome["read"], Cancelled)
    assert outcome["write"] == "written"


def _ui_waits_beside_a_busy_task(runner: TaskRunner, qtbot, handoffs: int = 60) -> float:  # type: ignore[no-untyped-def]
    """Seconds the UI thread takes to get the GIL back ``handoffs`` times (as it does
    around each call of a model's ``data`` while painting) while a task runs Python."""
    import time

    running, stop = threading.Event(), threading.Event()

    def busy(progress, cancel: CancelToken) -> int:  # type: ignore[no-untyped-def]
        running.set()
        n = 0
        while not stop.is_set():
            n += 1  # pure Python: it keeps the GIL until asked to give it up
        return n

    task = runner.run(busy, write=False)
    assert running.wait(5)
    start = time.perf_counter()
    for _ in range(handoffs):
        time.sleep(0)  # lets the GIL go and waits to take it again
    took = time.perf_counter() - start
    stop.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    return took


def test_a_task_running_python_hands_the_gil_back_to_the_ui_thread_quickly(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Opening the window at 1,000,000 interviews froze it up to 371 ms while the
    warm-up imported modules: each of the list's hundreds of calls into Python waited up
    to Python's 5 ms switch interval for the GIL."""
    import sys

    from fieldsurvey.ui.tasks import SWITCH_INTERVAL, share_the_gil

    runner = TaskRunner()
    default = sys.getswitchinterval()
    # Each measured three times: on a busy machine the task's thread is sometimes not
    # running when the UI thread lets the GIL go, which then takes it straight back (a
    # CI run measured 164 ms where the interval makes it 300), so the slowest of three
    # is the interval's doing, and the quickest of three is the new interval's.
    try:
        sys.setswitchinterval(0.005)
        before = max(_ui_waits_beside_a_busy_task(runner, qtbot) for _ in range(3))
        share_the_gil()
        assert sys.getswitchinterval() == SWITCH_INTERVAL
        after = min(_ui_waits_beside_a_busy_task(runner, qtbot) for _ in range(3))
    finally:
        sys.setswitchinterval(default)
    assert before > 60 * 0.004  # each hand-off waited about the whole interval
    assert after < before / 3
