"""Where a long read holds the GIL (issue 15): the coordinator's possible duplicates of a
store read in a worker thread beside a 5 ms Python heartbeat (what the window's event
loop needs), with faulthandler's watchdog re-armed at every beat, so a gap longer than
``--dump-ms`` prints every thread's stack from a C thread that needs no GIL.

    .venv/bin/python bench/bench_gil_stalls.py --store <copy of coord-1000000> --read person

Prints the longest heartbeat gap (wall ms) and writes the stacks to ``--dumps``; the frame
of the worker thread in each dump is the C call that held the GIL. Never run it on the
cached stores themselves (opening upgrades an old schema): copy them first.
"""

from __future__ import annotations

import argparse
import faulthandler
import threading
import time
from pathlib import Path

from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.duplicates import household_duplicates, person_duplicates

READS = {"household": household_duplicates, "person": person_duplicates}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--password", default="bench-password")
    parser.add_argument("--read", choices=sorted(READS), default="person")
    parser.add_argument("--dump-ms", type=float, default=120.0)
    parser.add_argument("--dumps", type=Path, default=Path("/tmp/fieldsurvey-gil-dumps.txt"))
    args = parser.parse_args()
    ws = Workspace.open(args.store, args.password)
    done = threading.Event()
    worst = [0.0]
    kept: list[object] = []
    with open(args.dumps, "w") as out:

        def beat() -> None:
            last = time.perf_counter()
            while not done.is_set():
                faulthandler.dump_traceback_later(args.dump_ms / 1000, file=out)
                time.sleep(0.005)
                now = time.perf_counter()
                worst[0] = max(worst[0], now - last)
                last = now
            faulthandler.cancel_dump_traceback_later()

        def work() -> None:
            with gc_paused(freeze_kept=200_000):  # as the app's task runs it
                kept.append(READS[args.read](ws))
            done.set()

        threads = [threading.Thread(target=beat), threading.Thread(target=work)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    print(f"{args.read}: {len(kept[0])} groups in {time.perf_counter() - started:.1f} s; "  # type: ignore[arg-type]
          f"longest heartbeat gap {worst[0] * 1000:.0f} ms; stacks of gaps over "
          f"{args.dump_ms:.0f} ms in {args.dumps}")  # fmt: skip
    ws.close()


if __name__ == "__main__":
    main()
