"""Laptop export of 1,000 interviews from a laptop that keeps many (issue 15).

    .venv/bin/python bench/bench_laptop_export.py [--held 100000] [--new 1000] [--repeat 3]

A laptop keeps every interview it ever made (exported, then acknowledged) and exports the
new ones: the bundle must cost what the new ones cost, not what the laptop holds. Two
laptops are measured in the same run: one holding only the ``--new`` completed interviews,
and one also holding ``--held`` acknowledged ones (built once and cached in
``/tmp/fieldsurvey-bench/laptop-<held>``; the interviews are the default survey's, as
``bench_sync.py`` makes them). For each: ``export_bundle`` of the completed interviews
(choose, read, payload, encryption, signature, write, marking them exported), the
choosing query alone (``export_log.rows_to_send``), and a same-run baseline: reading the
same rows and writing them as plain JSON. CPU time (``time.process_time``) and wall time,
medians of ``--repeat``; between runs the exported interviews are made completed again
(untimed) and the connection's page cache is emptied (``PRAGMA shrink_memory``: the
export finds its pages on disk, as it would after a day of data entry).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync import COLUMNS, KDF, PASSWORD, add_completed

from fieldsurvey.store import audit as audit_log
from fieldsurvey.store import export_log
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import campaign, enrolment
from fieldsurvey.sync.bundle_writer import export_bundle

CACHE = Path("/tmp/fieldsurvey-bench")


def make_laptop(root: Path, held: int, rng: random.Random) -> Path:
    """A laptop (and its coordinator) with ``held`` acknowledged interviews; cached."""
    cached = CACHE / f"laptop-{held}"
    if (cached / "built.json").exists():
        return cached
    work = root / f"build-{held}"
    work.mkdir()
    coord, _ = campaign.init_campaign(
        work / "coord", PASSWORD, name="bench", recovery_key_out=work / "rec.txt", kdf=KDF
    )
    data, _ = enrolment.issue_device(coord, "lap", "pass")
    coord.close()
    (work / "lap.pkg").write_bytes(data)
    package = enrolment.read_package(work / "lap.pkg", "pass")
    lap = enrolment.setup_device(work / "lap", package, PASSWORD, kdf=KDF)
    device_id = campaign.device_config_of(lap).device_id
    for start in range(0, held, 1000):
        add_completed(lap, min(1000, held - start), device_id, rng)
        lap.db.execute("UPDATE interviews SET status = 'acknowledged' WHERE status = 'completed'")
    with lap.reading() as db:  # as the exports that sent them left it
        head = audit_log.head(db)
    lap.set_setting(audit_log.EXPORTED_HEAD_SETTING, {"seq": head.seq, "hash": head.hash})
    lap.close()
    shutil.rmtree(cached, ignore_errors=True)
    shutil.copytree(work, cached)
    (cached / "built.json").write_text(json.dumps({"held": held}))
    shutil.rmtree(work, ignore_errors=True)
    return cached


def cpu_and_wall(fn: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def measure(home: Path, new: int, repeat: int, rng: random.Random) -> dict[str, float]:
    lap = Workspace.open(home / "lap", PASSWORD)
    device_id = campaign.device_config_of(lap).device_id
    add_completed(lap, new, device_id, rng)
    uuids = [row["uuid"] for row in export_log.rows_to_send(lap, ["completed"])]
    assert len(uuids) == new, len(uuids)
    held = lap.db.execute("SELECT count(*) FROM interviews").fetchone()[0]
    out: dict[str, list[float]] = {}
    marks = ", ".join("?" * len(uuids))
    reset = f"UPDATE interviews SET status = 'completed' WHERE uuid IN ({marks})"
    for run in range(repeat):
        folder = home / f"out-{run}"
        folder.mkdir()
        for name, fn in (
            ("choose", lambda: export_log.rows_to_send(lap, ["completed"])),
            ("export", lambda folder=folder: export_bundle(lap, folder)),
        ):
            lap.db.execute(reset, uuids)  # completed again, and nothing cached
            lap.db.execute("PRAGMA shrink_memory")
            cpu, wall = cpu_and_wall(fn)
            out.setdefault(f"{name}_cpu", []).append(cpu)
            out.setdefault(f"{name}_wall", []).append(wall)

        def plain(folder: Path = folder, marks: str = marks) -> None:
            rows = lap.db.execute(
                f"SELECT {COLUMNS} FROM interviews WHERE uuid IN ({marks})", uuids
            ).fetchall()
            (folder / "plain.json").write_text(json.dumps(rows, ensure_ascii=False))

        cpu, wall = cpu_and_wall(plain)
        out.setdefault("plain_cpu", []).append(cpu)
        out.setdefault("plain_wall", []).append(wall)
    lap.close()
    result = {key: statistics.median(values) for key, values in out.items()}
    result["held"] = held
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(15)
    tmp = Path(tempfile.mkdtemp(prefix="bench-laptop-"))
    try:
        rows = []
        for held in (0, args.held):
            source = make_laptop(tmp, held, rng)
            home = tmp / f"run-{held}"
            shutil.copytree(source, home)
            rows.append(measure(home, args.new, args.repeat, rng))
            shutil.rmtree(home, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; medians of "
          f"{args.repeat}; export of {args.new} completed interviews")  # fmt: skip
    print(f"{'laptop holds':>14} {'export cpu':>11} {'wall':>7} {'choose cpu':>11} "
          f"{'plain cpu':>10} {'export/plain':>13}")  # fmt: skip
    for r in rows:
        print(f"{int(r['held']):>14,} {r['export_cpu']:>10.3f}s {r['export_wall']:>6.3f}s "
              f"{r['choose_cpu']:>10.4f}s {r['plain_cpu']:>9.3f}s "
              f"{r['export_cpu'] / r['plain_cpu']:>12.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
