"""Workspace and store benchmarks: autosave latency, unlock, listing 100,000 interviews.

Each figure is printed beside stdlib sqlite3 doing the same work through the same core
code (a Workspace over a plain, unencrypted sqlite3 connection, same schema, same WAL and
synchronous=FULL settings), as a ratio.

    .venv/bin/python bench/bench_store.py [--rows 100000] [--saves 300] [--unlocks 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.database import Database
from fieldsurvey.store.migrations import apply_migrations
from fieldsurvey.store.workspace import Workspace

PASSWORD = "benchmark password"


def plain_workspace(home: Path) -> Workspace:
    """The same Workspace code over stdlib sqlite3 (no encryption): the baseline."""
    home.mkdir(parents=True)
    conn = sqlite3.connect(home / "plain.db", check_same_thread=False)
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.isolation_level = None  # autocommit, as open_database sets it
    db = Database(conn)
    db.execute("PRAGMA journal_mode = WAL")
    apply_migrations(db)
    meta = {"role": "laptop", "workspace_id": "bench", "key_slots": []}
    return Workspace(home, db, b"\0" * 32, meta)


def sample_answers(size: int) -> dict[str, Any]:
    answers: dict[str, Any] = {"household": {"members": []}, "notes": ""}
    k = 0
    while len(json.dumps(answers)) < size:
        answers[f"q{k}"] = f"answer text {k}"
        if k % 10 == 0:
            answers["household"]["members"].append({"name": f"Member {k}", "age": 20 + k % 50})
        k += 1
    return answers


class Timing(NamedTuple):
    wall_ms: float  # median wall-clock time
    cpu_ms: float  # median CPU time of this process (less affected by other load)


def median_ms(fn: Callable[[], object], repeat: int) -> Timing:
    walls, cpus = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return Timing(statistics.median(walls) * 1000, statistics.median(cpus) * 1000)


def bench_autosave(
    enc: Workspace, plain: Workspace, saves: int, size: int
) -> tuple[Timing, Timing]:
    results = []
    for ws in (enc, plain):
        # the store refuses an interview of a form that is not installed
        spec = FormSpec(form_id="hh", version="1", title="hh")
        forms_store.save_form(ws, "hh", "1", spec.model_dump_json(), "hh-1")
        i = iv.new_interview(
            ws,
            form_id="hh",
            form_version="1",
            ward="w",
            household_id="h",
            enumerator="e",
            answers=sample_answers(size),
        )
        counter = iter(range(10**9))

        def save(ws: Workspace = ws, uuid: str = i.uuid, counter: Any = counter) -> None:
            iv.set_answer(ws, uuid, "notes", next(counter), who="e")

        results.append(median_ms(save, saves))
    return results[0], results[1]


def bench_unlock(tmp: Path, repeat: int) -> tuple[Timing, Timing, KdfParams]:
    home = tmp / "unlock"
    kdf = KdfParams()
    Workspace.create(home, PASSWORD, kdf=kdf).close()
    enc = median_ms(lambda: Workspace.open(home, PASSWORD).close(), repeat)

    def plain_open() -> None:
        conn = sqlite3.connect(tmp / "plain" / "plain.db")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()

    return enc, median_ms(plain_open, repeat), kdf


def fill(ws: Workspace, rows: int, size: int) -> None:
    text = json.dumps(sample_answers(size))
    wards = ["Phúc Xá", "Trúc Bạch", "Kim Mã", "Ngọc Hà", "Cống Vị"]
    statuses = ["draft", "completed", "exported"]
    with ws.transaction() as db:
        db.conn.executemany(
            "INSERT INTO interviews (uuid, form_id, form_version, ward, household_id, "
            "respondent, enumerator, device_id, status, created, updated, revision, "
            "base_revision, answers, comment) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    str(uuid.uuid4()),
                    "hh",
                    "1",
                    wards[n % 5],
                    f"HH-{n}",
                    f"Người {n}",
                    "e",
                    "dev",
                    statuses[n % 3],
                    f"2026-01-01T00:00:{n % 60:02d}",
                    f"2026-02-{1 + n % 28:02d}T{n % 24:02d}:00:00",
                    1,
                    0,
                    text,
                    "",
                )
                for n in range(rows)
            ),
        )


def lister(ws: Workspace, status: str | None) -> Callable[[], object]:
    return lambda: iv.list_interviews(ws, status=status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--unlocks", type=int, default=5)
    parser.add_argument("--answer-bytes", type=int, default=1500)
    parser.add_argument("--dir", type=Path, default=None, help="where to put the test files")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fs-bench-", dir=args.dir))
    try:
        enc = Workspace.create(tmp / "enc", PASSWORD, kdf=KdfParams.cheap())
        plain = plain_workspace(tmp / "plain")
        rows: list[tuple[str, Timing, Timing, str]] = []
        a, b = bench_autosave(enc, plain, args.saves, args.answer_bytes)
        rows.append((f"autosave (median of {args.saves})", a, b, "< 5 ms"))
        u, p, kdf = bench_unlock(tmp, args.unlocks)
        label = f"unlock, Argon2id t={kdf.iterations} m={kdf.memory_kib // 1024}MiB p={kdf.lanes}"
        rows.append((label, u, p, "< 1500 ms"))
        start = time.perf_counter()
        fill(enc, args.rows, args.answer_bytes)
        fill(plain, args.rows, args.answer_bytes)
        print(f"(filled 2 x {args.rows} interviews in {time.perf_counter() - start:.0f} s)")
        # The SQL part of listing: walk every metadata column of the covering index
        # without building Python objects (length() does not allocate).
        touch = " + ".join(f"length({c})" for c in iv.META_COLUMNS)
        scan = f"SELECT sum({touch}) FROM interviews"
        se = median_ms(lambda: enc.db.execute(scan).fetchall(), 5)
        sp = median_ms(lambda: plain.db.execute(scan).fetchall(), 5)
        rows.append((f"  SQL part only: scan {args.rows} rows", se, sp, ""))
        # Allocation-heavy SQL (one string concatenation per row): with
        # cipher_memory_security = ON every SQLite heap allocation costs mlock + munlock.
        concat = "SELECT count(*) FROM interviews WHERE (uuid || ward) IS NOT NULL"
        ce = median_ms(lambda: enc.db.execute(concat).fetchall(), 5)
        cp = median_ms(lambda: plain.db.execute(concat).fetchall(), 5)
        rows.append((f"  SQL concat per row, {args.rows} rows", ce, cp, ""))
        for status in (None, "completed"):
            what = "all" if status is None else status
            le = median_ms(lister(enc, status), 5)
            lp = median_ms(lister(plain, status), 5)
            rows.append((f"list {args.rows} metadata ({what})", le, lp, "< 300 ms"))
        le = median_ms(lambda: iv.list_rows(enc), 5)
        lp = median_ms(lambda: iv.list_rows(plain), 5)
        rows.append((f"list {args.rows} rows of the desktop list", le, lp, "< 300 ms"))
        enc.close()
        plain.close()
        print(
            f"{'measure (median ms)':<40} {'SQLCipher':>10} {'sqlite3':>9} {'ratio':>6} | "
            f"{'CPU SQLC.':>9} {'CPU sql3':>9} {'ratio':>6} | target"
        )
        for name, e, s, target in rows:
            print(
                f"{name:<40} {e.wall_ms:>10.2f} {s.wall_ms:>9.2f} {e.wall_ms / s.wall_ms:>6.2f} | "
                f"{e.cpu_ms:>9.2f} {s.cpu_ms:>9.2f} {e.cpu_ms / max(s.cpu_ms, 0.01):>6.2f} | "
                f"{target}"
            )
        print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
