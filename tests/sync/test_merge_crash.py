"""SIGKILL in the middle of a merge: everything is rolled back, the bundle imports again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from sync_helpers import PASSWORD, World, completed, dump

from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_writer import export_bundle

CHILD = """
import sys, time
from pathlib import Path
from fieldsurvey.sync import merge
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.store.workspace import Workspace

home, password, bundle = sys.argv[1:4]
real_store_audit = merge._store_audit

def stalled(db, batch, device_id, bundle_id, report, **kwargs):
    # The interviews rows are written inside the open transaction by now.
    held = db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0]
    print(f"MERGING {held}", flush=True)
    time.sleep(60)
    return real_store_audit(db, batch, device_id, bundle_id, report, **kwargs)

merge._store_audit = stalled
ws = Workspace.open(Path(home), password)
import_files(ws, [Path(bundle)])
print("FINISHED", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_merge_rolls_back_and_reimports(world: World) -> None:
    uuids = completed(world.lap_a, 30)
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    home = world.coord.home
    world.coord.close()
    with Workspace.open(home, PASSWORD) as ws:
        before = dump(ws)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(home), PASSWORD, str(result.path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("MERGING"), line
        assert int(line.split()[1]) == len(uuids)  # rows were in, uncommitted
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
    world.coord = Workspace.open(home, PASSWORD)
    assert dump(world.coord) == before
    assert world.coord.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    [report] = import_files(world.coord, [result.path]).files
    assert report.status == "accepted"
    assert report.merge is not None and sorted(report.merge.new) == sorted(uuids)
