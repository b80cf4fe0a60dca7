"""Entity lists at 100,000 entities (issue 16).

Measures, on workspaces built in the run (SQLCipher, the store's own code):

- **search per keystroke** on a laptop holding 100,000 households
  (``StoreEntitySource.search``, limit 50): each prefix of what an enumerator types
  ("nguyen van hung", "dang thi", a household id, a phone number), through the workspace
  (the calling thread's connection), wall time per keystroke: median and worst.
- **a receipt of 10,000 changed entities** applied on that laptop (``apply_received``).
- **merging 100,000 entity updates** on a coordinator holding 100,000 entities, in a
  random order (``merge_many`` in batches of 1,000 interviews, as the bundle merge's
  batches; and ``merge_actions`` one interview at a time for 10,000 of them), against the same
  run's baseline: a raw ``executemany`` INSERT of the 100,000 updated rows (list, id,
  label, properties, version) into a plain table with a primary key, in one transaction.
  The target is merge speed >= 0.4 x the raw insert speed (CPU time).

    .venv/bin/python bench/bench_entities.py [--size 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fieldsurvey.forms.entity_model import EntityAction, entity_id_for
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import entities, entity_tables
from fieldsurvey.store.workspace import Workspace

PASSWORD = "benchmark password"
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý")  # fmt: skip
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Hữu", "Ngọc", "Thanh", "Quốc")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Hoa", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phương",
         "Quân", "Thảo", "Trang", "Tuấn", "Yến", "Hạnh", "Khánh", "Long", "Sơn")  # fmt: skip
WARDS = ("Phúc Tân", "Chương Dương", "Đồng Xuân", "Hàng Buồm", "Phúc Xá", "Hàng Bạc")
TYPED = ("nguyen van hung", "dang thi", "HH-01234", "0912 34")


def _household(rng: random.Random, n: int) -> tuple[str, dict[str, str], str]:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    ward = WARDS[n % len(WARDS)]
    props = {"hh_name": name, "hh_id": f"HH-{n:06d}", "phone": f"09{rng.randrange(10**8):08d}",
             "size": str(rng.randrange(1, 9)), "ward_name": ward}  # fmt: skip
    return name, props, ward


class Timer:
    """Wall and CPU time of the blocks run under it, added up."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    def __enter__(self) -> Timer:
        self._start = (time.perf_counter(), time.process_time())
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall += time.perf_counter() - self._start[0]
        self.cpu += time.process_time() - self._start[1]


def bench_laptop(home: Path, size: int, repeat: int) -> None:
    rng = random.Random(7)
    ws = Workspace.create(home / "laptop", PASSWORD, kdf=KdfParams.cheap())
    rows = []
    for n in range(size):
        name, props, ward = _household(rng, n)
        rows.append(entities.EntityChange("households", f"hh-{n:07d}", name, props, 3, ward))
    step = 10_000
    times = []
    for first in range(0, size, step):
        with ws.transaction() as db, Timer() as timer:
            entities.apply_received(db, rows[first : first + step])
        times.append((timer.wall, timer.cpu))
    print(f"laptop filled: {size:,} households by receipts of {step:,}")
    print(f"  receipt of 10,000 new entities: median {statistics.median(t[0] for t in times):.2f}"
          f" s wall, {statistics.median(t[1] for t in times):.2f} s CPU "
          f"(last, into {size - step:,}: {times[-1][0]:.2f} s)")  # fmt: skip
    changed = [
        entities.EntityChange(
            r.list_name, r.entity_id, r.label, {**r.properties, "size": "9"}, 4, r.ward
        )
        for r in rng.sample(rows, 10_000)
    ]
    with ws.transaction() as db, Timer() as timer:
        entities.apply_received(db, changed)
    wall, cpu = timer.wall, timer.cpu
    print(f"  receipt of 10,000 changed entities into {size:,}: {wall:.2f} s wall, {cpu:.2f} s CPU"
          " (target < 2 s)")  # fmt: skip

    source = entities.StoreEntitySource(ws)
    source.search("households", "warm up")
    per_key: list[float] = []
    worst = (0.0, "")
    for _ in range(repeat):
        for typed in TYPED:
            for end in range(1, len(typed) + 1):
                text = typed[:end]
                start = time.perf_counter()
                found = source.search("households", text, 50)
                took = time.perf_counter() - start
                per_key.append(took)
                if took > worst[0]:
                    worst = (took, f"{text!r} ({len(found)} found)")
    per_key.sort()
    print(f"search per keystroke at {size:,} ({len(per_key)} keystrokes): median "
          f"{statistics.median(per_key) * 1000:.1f} ms, 95th "
          f"{per_key[int(len(per_key) * 0.95)] * 1000:.1f} ms, worst {worst[0] * 1000:.1f} ms "
          f"at {worst[1]} (target < 50 ms)")  # fmt: skip
    ws.close()


class _RolledBack(Exception):
    pass


def _raw_inserts(
    ws: Workspace,
    creates: list[entities.InterviewActions],
    updates: list[entities.InterviewActions],
    round_: int,
) -> tuple[float, float]:
    """CPU time of the baselines, each in a transaction rolled back: executemany of the
    updated rows as new rows of the store's ``entities`` table (its indexes) and of their
    search text into ``entity_search``; and into a plain table with a primary key."""
    rows = []
    for n, (made, changed) in enumerate(zip(creates, updates, strict=True)):
        action = made.actions[0]
        properties = {**action.properties, **changed.actions[0].properties}
        rows.append([action.list_name, f"raw-{round_}-{n}", action.label or "",
                     entity_tables.dumps(properties), 2, made.ward, "t", "t"])  # fmt: skip
    bodies = [entity_tables.search_body(r[0], r[2], json.loads(r[3]), r[5]) for r in rows]
    into_store = Timer()
    try:
        with ws.transaction() as db:
            first = int(db.execute("SELECT max(rowid) FROM entities").fetchone()[0]) + 1
            with into_store:
                db.executemany(
                    "INSERT INTO entities (rowid, list, id, label, properties, version, ward, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [[first + n, *r] for n, r in enumerate(rows)],
                )
                db.executemany(
                    "INSERT INTO entity_search (rowid, body) VALUES (?, ?)",
                    [[first + n, b] for n, b in enumerate(bodies)],
                )
            raise _RolledBack
    except _RolledBack:
        pass
    plain = Timer()
    try:
        with ws.transaction() as db:
            db.execute(
                "CREATE TABLE bench_raw (list TEXT NOT NULL, id TEXT NOT NULL, label TEXT, "
                "properties TEXT, version INTEGER, PRIMARY KEY (list, id))"
            )
            with plain:
                db.executemany(
                    "INSERT INTO bench_raw VALUES (?, ?, ?, ?, ?)", [r[:5] for r in rows]
                )
            raise _RolledBack
    except _RolledBack:
        pass
    return into_store.cpu, plain.cpu


def bench_coordinator(home: Path, size: int, repeat: int) -> None:
    rng = random.Random(11)
    ws = Workspace.create(home / "coordinator", PASSWORD, role="coordinator",
                          kdf=KdfParams.cheap())  # fmt: skip
    device = "laptop-1"
    creates = []
    for n in range(size):
        name, props, ward = _household(rng, n)
        nonce = f"{n:032x}"
        action = EntityAction("households", entity_id_for(device, nonce), "create", name, props,
                              nonce=nonce)  # fmt: skip
        creates.append(entities.InterviewActions(f"reg-{n}", device, ward, [action], "t0"))
    timer = Timer()
    for first in range(0, size, 1_000):
        with ws.transaction() as db, timer:
            entities.merge_many(db, creates[first : first + 1_000])
    wall, cpu = timer.wall, timer.cpu
    print(f"coordinator: {size:,} creates merged in {wall:.1f} s wall, {cpu:.1f} s CPU")

    ratios: list[float] = []
    plain_ratios: list[float] = []
    for round_ in range(repeat):
        updates = []
        for n, item in enumerate(creates):
            action = item.actions[0]
            props = {"size": str(rng.randrange(1, 9)), "phone": f"09{rng.randrange(10**8):08d}"}
            version = 1 + round_
            updates.append(entities.InterviewActions(
                f"fu-{round_}-{n}", device, item.ward,
                [EntityAction("households", action.entity_id, "update", None, props,
                              base_version=version, trunk_version=version,
                              branch_id=f"b-{round_}-{n}")], "t1"))  # fmt: skip
        arriving = updates[:]
        rng.shuffle(arriving)  # follow-ups come in any order, not in registration order
        merging = Timer()
        applied = 0
        for first in range(0, size, 1_000):
            with ws.transaction() as db, merging:
                applied += entities.merge_many(db, arriving[first : first + 1_000]).applied
        merge_wall, merge_cpu = merging.wall, merging.cpu
        assert applied == size, applied
        store_cpu, plain_cpu = _raw_inserts(ws, creates, updates, round_)
        ratio, plain_ratio = store_cpu / merge_cpu, plain_cpu / merge_cpu
        ratios.append(ratio)
        plain_ratios.append(plain_ratio)
        print(
            f"  round {round_ + 1}: merge of {size:,} updates (batches of 1,000): "
            f"{merge_wall:.1f} s wall, {merge_cpu:.1f} s CPU; raw executemany of the same rows "
            f"into the store's entity table and search index: {store_cpu:.1f} s CPU "
            f"(ratio {ratio:.2f}); into a plain table: {plain_cpu:.1f} s CPU "
            f"(ratio {plain_ratio:.2f})"
        )
    print(
        f"merge speed, median of {repeat}: {statistics.median(ratios):.2f} x raw insert into "
        f"the store's tables, {statistics.median(plain_ratios):.2f} x into a plain table "
        "(target >= 0.4)"
    )

    one = []
    for n, item in enumerate(rng.sample(creates, 10_000)):
        action = item.actions[0]
        version = 1 + repeat
        one.append(entities.InterviewActions(
            f"one-{n}", device, item.ward,
            [EntityAction("households", action.entity_id, "update", None, {"size": "1"},
                          base_version=version, trunk_version=version, branch_id=f"o-{n}")],
            "t2"))  # fmt: skip
    with ws.transaction() as db, Timer() as timer:
        for i in one:
            entities.merge_actions(
                db, interview_uuid=i.interview_uuid, device_id=i.device_id, ward=i.ward,
                actions=i.actions, at=i.at,
            )  # fmt: skip
    wall, cpu = timer.wall, timer.cpu
    print(
        f"  merge_actions one interview at a time, 10,000: {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"({cpu / 10_000 * 1e6:.0f} µs CPU each)"
    )
    ws.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("laptop", "coordinator"))
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="bench-entities-") as tmp:
        if args.only != "coordinator":
            bench_laptop(Path(tmp), args.size, args.repeat)
        if args.only != "laptop":
            bench_coordinator(Path(tmp), args.size, args.repeat)
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    sys.exit(main())
