"""The writes an xlsx sheet hands to a thread of their own (``reports/write_behind.py``),
with real threads: in order, a failure raised where the export can report it, and a
Cancel that leaves no thread writing."""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fieldsurvey.progress import Cancelled
from fieldsurvey.reports.write_behind import WriteBehind


def _writers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "write-behind"]


def test_every_block_is_written_in_order_by_another_thread() -> None:
    written: list[bytes] = []
    threads: set[int] = set()

    def write(data: bytes) -> None:
        threads.add(threading.get_ident())
        if len(written) % 50 == 0:
            time.sleep(0.002)  # a slow write now and then: the queue fills
        written.append(data)

    blocks = [b"<row>%d</row>" % k for k in range(1000)]
    with WriteBehind(write) as put:
        for block in blocks:
            put(block)
    assert written == blocks
    assert threads and threading.get_ident() not in threads
    assert _writers() == []


def test_a_failed_write_is_raised_to_the_caller_and_no_later_block_is_written() -> None:
    written: list[bytes] = []

    def write(data: bytes) -> None:
        if data == b"3":
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(data)

    with pytest.raises(OSError, match="No space left") as caught, WriteBehind(write) as put:
        for k in range(200):  # the failure is raised from a later call (or at the end)
            put(str(k).encode())
    assert caught.value.errno == errno.ENOSPC
    assert written == [b"0", b"1", b"2"]
    assert _writers() == []


def test_a_failure_in_the_last_writes_is_raised_when_the_writing_ends() -> None:
    def write(data: bytes) -> None:
        raise OSError(errno.EFBIG, "File too large")

    with pytest.raises(OSError, match="File too large"), WriteBehind(write) as put:
        put(b"only block")  # queued: the failure comes after the call returned
    assert _writers() == []


def test_a_cancel_drops_the_queued_blocks_and_leaves_no_thread_writing() -> None:
    started, release = threading.Event(), threading.Event()
    written: list[bytes] = []

    def write(data: bytes) -> None:
        started.set()
        release.wait(5)
        written.append(data)

    def cancel_soon() -> None:
        started.wait(5)
        time.sleep(0.05)
        release.set()

    helper = threading.Thread(target=cancel_soon)
    helper.start()
    with pytest.raises(Cancelled), WriteBehind(write, depth=2) as put:
        for k in range(3):  # one being written, two queued
            put(b"%d" % k)
        started.wait(5)
        raise Cancelled()
    helper.join()
    assert written == [b"0"]  # the write under way finished, the queued ones dropped
    assert _writers() == []


FULL_DISK_WORKBOOK = """
import errno, resource, signal, sys, threading
from pathlib import Path
from fieldsurvey.reports import write_behind
from fieldsurvey.reports.export_tables import ExportColumn, ExportTable
from fieldsurvey.reports.export_writers import write_tables

failed = []
original = write_behind.WriteBehind._run

def run(self):  # note where the write failed, then carry on as written
    write = self._write
    def noted(data):
        try:
            write(data)
        except OSError as exc:
            failed.append(threading.current_thread().name)
            raise
    self._write = noted
    original(self)

write_behind.WriteBehind._run = run
rows = [[f"u{k}", f"Nguyễn Thị Hương {k * 7919 % 100003}"] for k in range(200_000)]
table = ExportTable(name="t", form_id="f", path="", label="", columns=[
    ExportColumn(key="_uuid", name="_uuid", kind="key"),
    ExportColumn(key="who", name="who", kind="value", qtype="text")], rows=rows)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (262144, 262144))
try:
    write_tables([table], "xlsx", Path(sys.argv[1]) / "data.xlsx")
except OSError as exc:
    print(errno.errorcode[exc.errno], failed, [t.name for t in threading.enumerate()])
else:
    print("written")
"""


def test_a_sheet_that_fills_the_disk_fails_in_the_writing_thread_and_leaves_no_file(
    tmp_path: Path,
) -> None:
    """A real workbook of 200,000 rows (about 2 MB deflated) onto a disk with room for
    256 KB: the write fails in the thread that deflates, the error reaches the export
    (which turns it into its coded message), no thread is left and no file."""
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_WORKBOOK, str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.stdout.strip() == "EFBIG ['write-behind'] ['MainThread']", result.stderr
    assert list(tmp_path.iterdir()) == []
