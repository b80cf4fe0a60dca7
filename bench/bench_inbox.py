"""Inbox benchmark (issue 17): B bundles of P interviews uploaded to ``fieldsurvey serve``
over loopback and imported, against the USB-folder import of the same files.

    .venv/bin/python bench/bench_inbox.py            # 100 bundles x 100 interviews
    .venv/bin/python bench/bench_inbox.py --quick    # 10 x 50, a smoke run

For each repeat (interleaved, each on a fresh copy of the same coordinator): the folder
import (:func:`import_files` of every file, the ``bundle import`` path) and the inbox
(a server on a free loopback port in a thread of this process, the laptop's client
uploading each bundle and waiting for its import, as ``bundle send`` does). Meanwhile a
third thread asks ``GET /status`` every 20 ms: its latencies are reported (target:
under 100 ms while imports run). Targets: the inbox within 1.5x the folder import.
Client, server and poller share this process (and its GIL); a real laptop is another
computer, so the figures are a pessimistic bound. Prints medians, the ratio, the load
average.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync import KDF, PASSWORD, add_completed

from fieldsurvey.forms.installed import install_default_form
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import campaign, enrolment
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.campaign import DeviceConfig
from fieldsurvey.sync.inbox_client import InboxClient
from fieldsurvey.sync.inbox_server import Limits, serving_in_thread

NO_LIMIT = Limits(burst=1e9, rate=1e9)  # one laptop sends everything here at once


def folder_import(home: Path, bundles: list[Path]) -> float:
    with Workspace.open(home, PASSWORD) as ws:
        started = time.perf_counter()
        report = import_files(ws, bundles)
        took = time.perf_counter() - started
    assert not report.any_rejected
    return took


def inbox_upload(
    home: Path, bundles: list[Path], config: DeviceConfig
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    with Workspace.open(home, PASSWORD) as ws, serving_in_thread(ws, NO_LIMIT) as (_, url):
        done = threading.Event()

        def poll() -> None:
            while not done.is_set():
                started = time.perf_counter()
                with urllib.request.urlopen(f"{url}/status", timeout=5) as response:
                    response.read()
                latencies.append(time.perf_counter() - started)
                time.sleep(0.02)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        client = InboxClient(url, config)
        started = time.perf_counter()
        client.hello()
        for path in bundles:
            sent = client.upload(path.read_bytes(), path.name)
            assert sent.state == "merged", sent
        took = time.perf_counter() - started
        done.set()
        poller.join()
    return took, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 bundles x 50 interviews")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n_bundles, per_bundle = (10, 50) if args.quick else (100, 100)
    rng = random.Random(17)
    tmp = Path(tempfile.mkdtemp(prefix="bench-inbox-"))
    try:
        coord, _ = campaign.init_campaign(
            tmp / "coord", PASSWORD, name="bench", recovery_key_out=tmp / "rec.txt", kdf=KDF
        )
        install_default_form(coord)
        data, _ = enrolment.issue_device(coord, "lap", "pass")
        coord.close()
        (tmp / "lap.pkg").write_bytes(data)
        lap = enrolment.setup_device(
            tmp / "lap", enrolment.read_package(tmp / "lap.pkg", "pass"), PASSWORD, kdf=KDF
        )
        config = campaign.device_config_of(lap)
        usb = tmp / "usb"
        usb.mkdir()
        for _ in range(n_bundles):
            add_completed(lap, per_bundle, config.device_id, rng)
            export_bundle(lap, usb)
        lap.close()
        bundles = sorted(usb.glob("*.fsb"))
        size = sum(p.stat().st_size for p in bundles)
        folder_times, inbox_times, latencies = [], [], []
        for run in range(args.repeat):
            shutil.copytree(tmp / "coord", tmp / f"folder-{run}")
            folder_times.append(folder_import(tmp / f"folder-{run}", bundles))
            shutil.copytree(tmp / "coord", tmp / f"inbox-{run}")
            took, seen = inbox_upload(tmp / f"inbox-{run}", bundles, config)
            inbox_times.append(took)
            latencies += seen
            print(
                f"run {run + 1}: folder {folder_times[-1]:.2f} s, inbox {took:.2f} s, "
                f"status max {max(seen) * 1000:.0f} ms",
                flush=True,
            )
            shutil.rmtree(tmp / f"folder-{run}")
            shutil.rmtree(tmp / f"inbox-{run}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    med = statistics.median
    folder, inbox = med(folder_times), med(inbox_times)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"{n_bundles} bundles x {per_bundle} interviews ({size / 1e6:.1f} MB), median of "
        f"{args.repeat}, load average {os.getloadavg()[0]:.2f}"
    )
    print(f"  folder import      {folder:7.2f} s")
    print(f"  inbox upload+import {inbox:6.2f} s   ratio {inbox / folder:.2f} (target <= 1.5)")
    print(
        f"  GET /status during: {len(latencies)} requests, median "
        f"{med(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max "
        f"{latencies[-1] * 1000:.1f} ms (target < 100 ms)"
    )


if __name__ == "__main__":
    main()
