"""One writer and several readers on one workspace: every read sees a whole committed
state, never half a write (docs/store.md, "Concurrency").

Real threads and a real second process, no synchronous test mode. The writer adds one
interview per round, in one transaction (create, answer, complete) and re-exports an
older one (which moves it to the top of the list, so a scan in progress would skip it).
Interviews are created in order (household HH-0, HH-1, ...), so a consistent snapshot
holds exactly the first n of them, each completed or exported, and the audit chain
holds exactly their ``create`` entries.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import audit
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.workspace import Workspace

PASSWORD = "correct horse battery"
MIN_ROUNDS = 60
MIN_CLI_RUNS = 2
DEADLINE_S = 14.0
DONE = {"completed", "exported"}


class Published:
    """What the writer has committed: the count goes up only after the commit."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    def get(self) -> int:
        with self.lock:
            return self.count

    def bump(self) -> None:
        with self.lock:
            self.count += 1


def _workspace(home: Path) -> Workspace:
    """A new workspace with form "f" version 1 installed (interviews need their form)."""
    ws = Workspace.create(home, PASSWORD, kdf=KdfParams.cheap())
    spec = FormSpec(form_id="f", version="1", title="f")
    forms_store.save_form(ws, "f", "1", spec.model_dump_json(), "f-1")
    return ws


def _write_round(ws: Workspace, i: int, uuids: list[str]) -> None:
    with ws.transaction():
        made = iv.new_interview(
            ws, form_id="f", form_version="1", ward=f"W{i % 3}", household_id=f"HH-{i}",
            enumerator="Lan",
        )  # fmt: skip
        iv.set_answer(ws, made.uuid, "household/size", i % 7 + 1, who="Lan")
        iv.complete(ws, made.uuid, who="Lan")
        if uuids:
            iv.mark_exported(ws, uuids[(i * 7) % len(uuids)], who="Lan")
    uuids.append(made.uuid)


def _snapshot_problem(
    households: list[str], statuses: list[str], before: int, after: int
) -> str | None:
    """Why a list of rows is not a whole committed state (None if it is)."""
    n = len(households)
    if not before <= n <= after + 1:  # +1: committed, not yet published
        return f"{n} rows, but {before} were committed before the read and {after} after"
    if sorted(households) != sorted(f"HH-{k}" for k in range(n)):
        return f"{n} rows that are not the first {n} interviews"
    if not set(statuses) <= DONE:
        return f"a row half written: statuses {sorted(set(statuses) - DONE)}"
    return None


def _reader(ws: Workspace, kind: int, published: Published) -> Callable[[], str | None]:
    def list_rows() -> str | None:
        before = published.get()
        rows = iv.list_rows(ws)
        return _snapshot_problem(
            [r.household_id for r in rows], [r.status for r in rows], before, published.get()
        )

    def list_interviews() -> str | None:
        before = published.get()
        rows = iv.list_interviews(ws)
        return _snapshot_problem(
            [r.household_id for r in rows], [r.status for r in rows], before, published.get()
        )

    def list_and_chain() -> str | None:
        before = published.get()
        with ws.reading():
            rows = iv.list_rows(ws)
            entries = audit.entries(ws)
        problem = _snapshot_problem(
            [r.household_id for r in rows], [r.status for r in rows], before, published.get()
        )
        created = {e.interview_uuid for e in entries if e.action == "create"}
        if problem is None and created != {r.uuid for r in rows}:
            problem = f"the list has {len(rows)} interviews, the audit chain {len(created)}"
        if problem is None and audit.verify_chain(ws):
            problem = "the audit chain does not verify"
        return problem

    return (list_rows, list_interviews, list_and_chain)[kind]


def _cli_list(home: Path) -> list[dict[str, object]]:
    env = {**os.environ, "FIELDSURVEY_HOME": str(home), "FIELDSURVEY_PASSWORD": PASSWORD}
    done = subprocess.run(
        [sys.executable, "-m", "fieldsurvey", "interview", "list", "--json"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


def test_readers_and_a_second_process_never_see_half_a_write(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    ws = _workspace(home)
    published = Published()
    stop = threading.Event()
    problems: list[str] = []
    reads = [0, 0, 0]
    cli_runs: list[int] = []
    crashed: list[BaseException] = []

    def guarded(fn: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                fn()
            except BaseException as exc:  # reported by the main thread
                crashed.append(exc)
                stop.set()

        return run

    def writer() -> None:
        uuids: list[str] = []
        started = time.monotonic()
        i = 0
        while not stop.is_set():
            enough = i >= MIN_ROUNDS and len(cli_runs) >= MIN_CLI_RUNS
            if enough or time.monotonic() - started > DEADLINE_S:
                break
            _write_round(ws, i, uuids)
            published.bump()
            i += 1
        stop.set()

    def reader(kind: int) -> Callable[[], None]:
        read = _reader(ws, kind, published)

        def run() -> None:
            while not stop.is_set():
                problem = read()
                reads[kind] += 1
                if problem is not None:
                    problems.append(f"{read.__name__}: {problem}")

        return run

    def second_process() -> None:
        while not stop.is_set():
            before = published.get()
            rows = _cli_list(home)
            problem = _snapshot_problem(
                [str(r["household_id"]) for r in rows],
                [str(r["status"]) for r in rows],
                before,
                published.get(),
            )
            if problem is not None:
                problems.append(f"CLI: {problem}")
            cli_runs.append(len(rows))

    threads = [threading.Thread(target=guarded(writer))]
    threads += [threading.Thread(target=guarded(reader(k))) for k in range(3)]
    threads.append(threading.Thread(target=guarded(second_process)))
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        stop.set()
        ws.close()
    assert not crashed, crashed
    assert not problems, f"{len(problems)} bad reads of {sum(reads)}: {problems[:5]}"
    assert published.get() >= MIN_ROUNDS
    assert min(reads) >= 10, reads  # every kind of read really ran alongside the writes
    assert len(cli_runs) >= MIN_CLI_RUNS
    assert any(0 < n < published.get() for n in cli_runs), cli_runs  # read mid-way


def test_each_thread_reads_on_its_own_connection(tmp_path: Path) -> None:
    """A thread's reads never go through another thread's connection (nor its open
    transaction), and closing the workspace closes every connection it handed out."""
    ws = _workspace(tmp_path / "ws")
    mine = ws.db
    seen: list[object] = []
    in_writer_txn: list[int] = []
    with ws.transaction():
        iv.new_interview(
            ws, form_id="f", form_version="1", ward="W", household_id="HH-0", enumerator="Lan"
        )

        def read() -> None:
            seen.append(ws.db)
            in_writer_txn.append(len(iv.list_rows(ws)))

        thread = threading.Thread(target=read)
        thread.start()
        thread.join(10)
    assert seen and seen[0] is not mine
    assert in_writer_txn == [0]  # the uncommitted interview is not visible elsewhere
    assert len(iv.list_rows(ws)) == 1
    ws.close()
    for db in (mine, seen[0]):
        try:
            db.execute("SELECT 1")  # type: ignore[attr-defined]
        except Exception as exc:
            assert "closed" in str(exc).lower()
        else:
            raise AssertionError("a connection stayed open after close()")
