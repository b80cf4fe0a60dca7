"""What one connection per thread costs (docs/store.md, "Concurrency").

Each thread that uses a Workspace opens its own SQLCipher connection, keyed with the raw
database key (no key derivation). Measured, as medians of ``--repeat`` runs:

- opening one connection (keying, the checking read, the pragmas), beside stdlib sqlite3
  opening a plain file with the same pragmas (the baseline of the same run);
- ``list_rows`` on a fresh thread (its first use: opens the connection, then reads),
  beside ``list_rows`` on a thread that already has its connection (what a shared
  connection cost before, and what a pool thread pays from its second task on).

    .venv/bin/python bench/bench_connections.py [--rows 2000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.database import open_database
from fieldsurvey.store.workspace import DB_FILE, Workspace


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def on_new_thread(fn: Callable[[], object], then: Callable[[], object]) -> Callable[[], float]:
    """A callable that runs ``fn`` on a new thread and returns the ms it took there
    (``then`` runs after, untimed)."""

    def run() -> float:
        took: list[float] = []

        def body() -> None:
            start = time.perf_counter()
            fn()
            took.append((time.perf_counter() - start) * 1000)
            then()

        thread = threading.Thread(target=body)
        thread.start()
        thread.join()
        return took[0]

    return run


def plain_open(path: Path) -> None:
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    for pragma in ("temp_store = MEMORY", "synchronous = FULL", "foreign_keys = ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "ws"
        ws = Workspace.create(home, "benchmark password", kdf=KdfParams.cheap())
        spec = FormSpec(form_id="f", version="1", title="f")
        forms_store.save_form(ws, "f", "1", spec.model_dump_json(), "f-1")
        with ws.transaction():
            for i in range(args.rows):
                iv.new_interview(
                    ws, form_id="f", form_version="1", ward=f"W{i % 20}",
                    household_id=f"HH-{i}", enumerator="Lan",
                )  # fmt: skip
        plain = Path(tmp) / "plain.db"
        sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()

        key = ws.database_key
        sqlcipher_open = median_ms(lambda: open_database(home / DB_FILE, key).close(), args.repeat)
        sqlite_open = median_ms(lambda: plain_open(plain), args.repeat)

        # release: the next thread may get this one's id, and so its connection
        fresh = on_new_thread(lambda: iv.list_rows(ws), ws.release_connection)
        fresh_ms = statistics.median(fresh() for _ in range(args.repeat))
        warm: list[float] = []

        def warm_body() -> None:
            iv.list_rows(ws)  # opens this thread's connection
            warm.append(median_ms(lambda: iv.list_rows(ws), args.repeat))

        thread = threading.Thread(target=warm_body)
        thread.start()
        thread.join()
        open_now = ws.connection_count()
        ws.close()

    print(f"open a connection: SQLCipher, raw key  {sqlcipher_open:8.2f} ms (median)")
    print(f"  baseline: stdlib sqlite3, plain file  {sqlite_open:8.2f} ms")
    print(f"list_rows of {args.rows} rows on a fresh thread  {fresh_ms:8.2f} ms (median)")
    print(f"  baseline: on a thread with its connection  {warm[0]:8.2f} ms")
    print(f"connections open at the end: {open_now} (this thread's and the warm thread's)")


if __name__ == "__main__":
    main()
