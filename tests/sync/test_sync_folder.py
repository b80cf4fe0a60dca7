"""A shared folder as the transport (issue 17, part 1): real files, real bundles.

Each laptop and the coordinator have their own copy of the shared folder, as a Google
Drive, Dropbox or Syncthing folder is on each computer; :class:`SyncClient` plays the
sync app between them: it copies files in pieces over several scans, re-writes them,
and makes "… (1).fsb" copies, as real clients do. The coordinator's tables are compared
before and after (the folder's own bookkeeping tables aside).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import LAPTOP_PASSWORD, PASSWORD, World, completed, dump

from fieldsurvey.errors import SyncError
from fieldsurvey.store import interviews
from fieldsurvey.sync import bundle_format
from fieldsurvey.sync.folder_files import is_candidate, is_sync_temp, wholeness
from fieldsurvey.sync.folder_status import folder_status
from fieldsurvey.sync.folder_watch import FolderWatcher, ScanReport
from fieldsurvey.sync.sync_folder import folder_of, open_layout, send, set_folder

SETTLE = 5.0


class Clock:
    """The watcher's clock, moved by the test (the files and their times are real)."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float = SETTLE + 1) -> None:
        self.now += seconds


class SyncClient:
    """Copies files from one computer's copy of the shared folder to another's."""

    def __init__(self, source: Path, target: Path) -> None:
        self.source, self.target = source, target

    def files(self, sub: str) -> list[Path]:
        return sorted(p for p in (self.source / sub).rglob("*") if p.is_file())

    def put(self, sub: str, path: Path, data: bytes, *, name: str | None = None) -> Path:
        rel = path.relative_to(self.source / sub)
        out = self.target / sub / rel.parent / (name or rel.name)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        return out

    def append(self, out: Path, data: bytes) -> None:
        with open(out, "ab") as handle:
            handle.write(data)

    def copy_all(self, sub: str) -> list[Path]:
        return [self.put(sub, p, p.read_bytes()) for p in self.files(sub)]


def _tables(ws: Any) -> dict[str, Any]:
    """Every table but the folder's own bookkeeping (observations change each scan)."""
    return {k: v for k, v in dump(ws).items() if not k.startswith("sync_folder_")}


@pytest.fixture
def shared(world: World, tmp_path: Path) -> dict[str, Path]:
    folders = {name: tmp_path / f"shared-{name}" for name in ("coord", "a", "b")}
    for path in folders.values():
        path.mkdir()
    set_folder(world.coord, folders["coord"])
    set_folder(world.lap_a, folders["a"])
    set_folder(world.lap_b, folders["b"])
    return folders


def _watcher(world: World, clock: Clock) -> FolderWatcher:
    return FolderWatcher(world.coord, settle_seconds=SETTLE, clock=clock)


def _merged(world: World) -> list[str]:
    return sorted(row[0] for row in dump(world.coord)["interviews"])


def test_a_bundle_copied_in_pieces_is_waited_for_then_imported_once(
    world: World, shared: dict[str, Path]
) -> None:
    uuids = completed(world.lap_a, 3)
    sent = send(world.lap_a)
    assert [e.interviews for e in sent.exported] == [3]
    client = SyncClient(shared["a"], shared["coord"])
    [bundle] = client.files("inbox")
    data = bundle.read_bytes()
    clock = Clock()
    watcher = _watcher(world, clock)
    before = _tables(world.coord)

    out = client.put("inbox", bundle, data[:10])  # the client starts: magic not even whole
    assert watcher.scan().waiting == [bundle.name]
    clock.advance()
    first = watcher.scan()  # stable, but the header has not even arrived: waited for
    assert [(e.kind, e.size, e.expected) for e in first.events] == [("incomplete", 10, None)]
    assert first.waiting == [bundle.name] and first.refused == []
    client.append(out, data[10:4000])
    clock.advance()
    watcher.scan()
    clock.advance()
    stalled = watcher.scan()
    assert [(e.kind, e.size, e.expected) for e in stalled.events] == [
        ("incomplete", 4000, len(data))
    ]
    clock.advance()
    assert watcher.scan().events == []  # reported once
    assert _tables(world.coord) == before  # nothing refused, nothing merged

    client.append(out, data[4000:])
    changed = watcher.scan()  # grown: it waits again
    assert changed.events == [] and changed.waiting == [bundle.name]
    clock.advance()
    done = watcher.scan()
    [event] = done.imported
    assert event.report is not None and event.report.status == "accepted"
    assert len(event.report.merge.new) == 3  # type: ignore[union-attr]
    assert _merged(world) == sorted(uuids)
    assert [r.device for r in done.receipts] == ["laptop-a"]
    after = _tables(world.coord)

    # the sync client writes the same bytes again, and a conflicting copy "(1)"
    out.write_bytes(data)
    os.utime(out, ns=(out.stat().st_atime_ns, out.stat().st_mtime_ns + 2_000_000_000))
    copy = client.put("inbox", bundle, data, name=bundle.stem + " (1).fsb")
    watcher.scan()
    clock.advance()
    again = watcher.scan()
    assert [(e.kind, e.name, e.original) for e in again.events] == [
        ("copy", copy.name, bundle.name)
    ]
    clock.advance()
    assert watcher.scan().events == []
    assert _tables(world.coord) == after  # nothing duplicated


def test_a_file_that_keeps_changing_is_never_read(world: World, shared: dict[str, Path]) -> None:
    completed(world.lap_a, 1)
    send(world.lap_a)
    client = SyncClient(shared["a"], shared["coord"])
    [bundle] = client.files("inbox")
    data = bundle.read_bytes()
    clock = Clock()
    watcher = _watcher(world, clock)
    out = client.put("inbox", bundle, b"")
    step = len(data) // 4 + 1
    for start in range(0, len(data), step):  # a slow upload: a piece per scan
        client.append(out, data[start : start + step])
        report = watcher.scan()
        assert report.events == [] and report.waiting == [bundle.name]
        clock.advance()
    assert _merged(world) == []
    [event] = watcher.scan().imported
    assert event.report is not None and event.report.status == "accepted"


def test_a_scan_too_soon_does_not_read_the_file(world: World, shared: dict[str, Path]) -> None:
    completed(world.lap_a, 1)
    send(world.lap_a)
    SyncClient(shared["a"], shared["coord"]).copy_all("inbox")
    clock = Clock()
    watcher = _watcher(world, clock)
    watcher.scan()
    clock.advance(SETTLE / 2)
    assert watcher.scan().imported == []  # unchanged, but not for long enough
    clock.advance(SETTLE / 2)
    assert len(watcher.scan().imported) == 1


def test_a_tampered_file_is_refused_once_and_not_retried(
    world: World, shared: dict[str, Path]
) -> None:
    completed(world.lap_a, 2)
    send(world.lap_a)
    client = SyncClient(shared["a"], shared["coord"])
    [bundle] = client.files("inbox")
    data = bytearray(bundle.read_bytes())
    data[-20] ^= 0x01  # one bit of the payload changed on the way
    out = client.put("inbox", bundle, bytes(data))
    clock = Clock()
    watcher = _watcher(world, clock)
    before = _tables(world.coord)
    watcher.scan()
    clock.advance()
    report = watcher.scan()
    [event] = report.refused
    assert event.report is not None and event.report.check == "payload"
    for _ in range(3):
        clock.advance()
        assert watcher.scan().events == []  # reported once, not retried
    out.write_bytes(bytes(data))  # the sync client writes the same bytes again
    os.utime(out, ns=(out.stat().st_atime_ns, out.stat().st_mtime_ns + 2_000_000_000))
    watcher.scan()
    clock.advance()
    assert watcher.scan().events == []  # the same content: still not retried
    assert _tables(world.coord) == before
    status = folder_status(world.coord)
    assert [(r.name, r.check) for r in status.refused] == [(bundle.name, "payload")]

    # the genuine bytes arrive later under the same name: imported then
    out.write_bytes(bundle.read_bytes())
    watcher.scan()
    clock.advance()
    [event] = watcher.scan().imported
    assert event.report is not None and event.report.status == "accepted"
    assert len(_merged(world)) == 2


def test_a_forged_header_is_refused_not_waited_for(world: World, shared: dict[str, Path]) -> None:
    """A header no laptop signed that claims a longer file is not "still copying"."""
    from sync_helpers import forge, streamed_payload

    payload = streamed_payload(world.a, [])
    forged = forge(world.a, payload=payload, signing_key=world.b.signing_key)
    short = forged[: len(forged) - 30]
    assert wholeness(forged[:-30], bundle_format.BUNDLE_MAGIC).state == "incomplete"
    (shared["coord"] / "inbox").mkdir(exist_ok=True)
    (shared["coord"] / "inbox" / "fieldsurvey-forged-000001.fsb").write_bytes(short)
    clock = Clock()
    watcher = _watcher(world, clock)
    watcher.scan()
    clock.advance()
    [event] = watcher.scan().refused
    assert event.report is not None and event.report.check in ("signature", "size")


def test_names_of_sync_clients_are_skipped(world: World, shared: dict[str, Path]) -> None:
    completed(world.lap_a, 1)
    send(world.lap_a)
    [bundle] = SyncClient(shared["a"], shared["coord"]).files("inbox")
    data = bundle.read_bytes()
    inbox = shared["coord"] / "inbox"
    temporary = [
        f".syncthing.{bundle.name}.tmp",
        f"~${bundle.name}",
        f".~{bundle.name}",
        f"{bundle.name}.partial",
        f"{bundle.name}.tmp",
        f"{bundle.name}.~tmp",
        ".dropbox.cache",
        f".fieldsurvey-tmp-0123456789abcdef{bundle.suffix}",
    ]
    for name in temporary:
        assert is_sync_temp(name) and not is_candidate(name, ".fsb"), name
        (inbox / name).write_bytes(data)
    assert is_candidate(bundle.stem + " (1).FSB", ".fsb")
    clock = Clock()
    watcher = _watcher(world, clock)
    for _ in range(3):
        report = watcher.scan()
        assert report.events == [] and report.in_transfer == len(temporary)
        clock.advance()
    assert _merged(world) == []


def test_receipts_travel_back_and_acknowledge(world: World, shared: dict[str, Path]) -> None:
    uuids = completed(world.lap_a, 2) + completed(world.lap_b, 1, household="B")
    send(world.lap_a)
    send(world.lap_b)
    to_coord_a = SyncClient(shared["a"], shared["coord"])
    to_coord_b = SyncClient(shared["b"], shared["coord"])
    to_coord_a.copy_all("inbox")
    to_coord_b.copy_all("inbox")
    clock = Clock()
    watcher = _watcher(world, clock)
    watcher.scan()
    clock.advance()
    report = watcher.scan()
    assert sorted(r.device for r in report.receipts) == ["laptop-a", "laptop-b"]
    assert _merged(world) == sorted(uuids)

    back = SyncClient(shared["coord"], shared["a"])
    # one receipt: the first scan saw bundles arriving and waited for their merge
    [receipt] = back.files(f"receipts/{world.a.device_id}")
    data = receipt.read_bytes()
    partial = back.put("receipts", receipt, data[: len(data) // 2])
    outcome = send(world.lap_a).receipts
    assert [(o.name, o.status) for o in outcome] == [(receipt.name, "waiting")]  # not refused
    assert interviews.get_interview(world.lap_a, uuids[0]).status == "exported"

    partial.write_bytes(data)
    [applied] = send(world.lap_a).receipts
    assert applied.status == "applied" and applied.report is not None
    assert sorted(applied.report.acknowledged) == sorted(uuids[:2])
    assert interviews.get_interview(world.lap_a, uuids[0]).status == "acknowledged"
    assert [o.status for o in send(world.lap_a).receipts] == ["already-imported"]
    # laptop b's receipt is in its own sub-folder, not a's
    assert not (shared["a"] / "receipts" / world.b.device_id).exists()


def test_a_tampered_receipt_is_refused_and_named(world: World, shared: dict[str, Path]) -> None:
    completed(world.lap_a, 1)
    send(world.lap_a)
    SyncClient(shared["a"], shared["coord"]).copy_all("inbox")
    clock = Clock()
    watcher = _watcher(world, clock)
    watcher.scan()
    clock.advance()
    watcher.scan()
    back = SyncClient(shared["coord"], shared["a"])
    [receipt] = back.files(f"receipts/{world.a.device_id}")
    data = bytearray(receipt.read_bytes())
    data[-10] ^= 0x01
    back.put("receipts", receipt, bytes(data))
    [outcome] = send(world.lap_a).receipts
    assert outcome.status == "refused" and outcome.error is not None
    assert outcome.error.code == "sync.data.receipt_damaged"
    result = _cli(world.lap_a.home, LAPTOP_PASSWORD, "sync", "folder", "send")
    assert result.exit_code == 0 and f"Receipt {receipt.name} refused" in result.output


def test_receipts_are_written_only_when_they_change(world: World, shared: dict[str, Path]) -> None:
    clock = Clock()
    watcher = FolderWatcher(world.coord, settle_seconds=SETTLE, receipt_seconds=0, clock=clock)
    first = watcher.scan()
    assert sorted(r.device for r in first.receipts) == ["laptop-a", "laptop-b"]
    clock.advance()
    assert watcher.scan().receipts == []  # nothing new to tell
    completed(world.lap_a, 1)
    send(world.lap_a)
    SyncClient(shared["a"], shared["coord"]).copy_all("inbox")
    for _ in range(4):  # older receipts are removed: two are kept per laptop
        watcher.scan()
        clock.advance()
    kept = list((shared["coord"] / "receipts" / world.a.device_id).iterdir())
    assert len(kept) == 2


def test_a_bundle_sealed_is_sent_once_even_if_removed_from_the_folder(
    world: World, shared: dict[str, Path]
) -> None:
    completed(world.lap_a, 1)
    first = send(world.lap_a)
    assert len(first.delivered) == 1
    for path in (shared["a"] / "inbox").iterdir():
        path.unlink()  # the coordinator tidied the inbox
    again = send(world.lap_a)
    assert again.exported == [] and again.delivered == []
    status = folder_status(world.lap_a)
    assert [b.name for b in status.sent] == first.delivered and status.pending == []
    assert list((world.lap_a.home / "outbox").iterdir()) == []


def test_nothing_is_sealed_while_the_folder_is_unreachable(
    world: World, shared: dict[str, Path]
) -> None:
    [uuid] = completed(world.lap_a, 1)
    shutil.rmtree(shared["a"])  # the drive is disconnected
    with pytest.raises(SyncError) as caught:
        send(world.lap_a)
    assert caught.value.code == "folder.missing"
    assert interviews.get_interview(world.lap_a, uuid).status == "completed"
    shared["a"].mkdir()
    sent = send(world.lap_a)
    assert [e.interviews for e in sent.exported] == [1]
    assert [p.name for p in (shared["a"] / "inbox").iterdir()] == sent.delivered


def test_folder_errors(world: World, tmp_path: Path) -> None:
    with pytest.raises(SyncError) as caught:
        folder_of(world.lap_b)
    assert caught.value.code == "folder.not_set"
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(SyncError) as caught:
        open_layout(a_file)
    assert caught.value.code == "folder.not_a_folder"


def _cli(home: Path, password: str, *args: str, lang: str = "en") -> Any:
    from click.testing import CliRunner

    from fieldsurvey.cli import cli

    env = {"FIELDSURVEY_LANG": lang, "FIELDSURVEY_PASSWORD": password}
    return CliRunner().invoke(cli, ["--home", str(home), *args], env=env)


def test_the_commands_send_watch_and_acknowledge(world: World, tmp_path: Path) -> None:
    shared = tmp_path / "shared"  # one folder seen by both: a network share
    shared.mkdir()
    coord, lap = world.coord.home, world.lap_a.home
    assert _cli(coord, PASSWORD, "sync", "folder", "set", str(shared)).exit_code == 0
    assert _cli(lap, LAPTOP_PASSWORD, "sync", "folder", "set", str(shared)).exit_code == 0
    uuids = completed(world.lap_a, 2)
    sent = _cli(lap, LAPTOP_PASSWORD, "sync", "folder", "send")
    assert sent.exit_code == 0, sent.output
    assert "written to the sync folder" in sent.output
    watched = _cli(coord, PASSWORD, "sync", "folder", "watch", "--once", "--settle", "0.05")
    assert watched.exit_code == 0, watched.output
    assert "accepted from 'laptop-a'" in watched.output
    assert "Receipt for laptop-a written" in watched.output
    assert _merged(world) == sorted(uuids)
    back = _cli(lap, LAPTOP_PASSWORD, "sync", "folder", "send")
    assert "2 acknowledged" in back.output, back.output
    quiet = _cli(coord, PASSWORD, "sync", "folder", "watch", "--once", "--settle", "0.05")
    assert "accepted" not in quiet.output and quiet.exit_code == 0
    [bundle] = (shared / "inbox").iterdir()
    seen = _cli(coord, PASSWORD, "sync", "folder", "status")
    assert f"laptop-a: last bundle through the folder {bundle.name}, imported" in seen.output
    assert "laptop-a: last receipt written" in seen.output
    assert "laptop-b: last receipt written" in seen.output
    sent = _cli(lap, LAPTOP_PASSWORD, "sync", "folder", "status", lang="vi")
    assert f"Đã gửi {bundle.name} lúc" in sent.output, sent.output


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "cannot be reached"), ("vi", "Không truy cập được thư mục đồng bộ")],
)
def test_a_missing_folder_is_one_line_in_both_languages(
    world: World, tmp_path: Path, lang: str, expected: str
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    set_folder(world.coord, share)
    set_folder(world.lap_a, share)
    completed(world.lap_a, 1)
    shutil.rmtree(share)  # the drive is disconnected
    commands = [
        (world.coord.home, PASSWORD, ("set", str(tmp_path / "gone"))),
        (world.coord.home, PASSWORD, ("watch", "--once")),
        (world.lap_a.home, LAPTOP_PASSWORD, ("send",)),
    ]
    for home, password, args in commands:
        result = _cli(home, password, "sync", "folder", *args, lang=lang)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert expected in result.output and len(result.output.strip().splitlines()) == 1


def test_a_folder_not_set_is_one_line(world: World) -> None:
    result = _cli(world.lap_b.home, LAPTOP_PASSWORD, "sync", "folder", "send")
    assert result.exit_code == 1
    assert "No sync folder is set" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_scan_report_counts(world: World, shared: dict[str, Path]) -> None:
    report = _watcher(world, Clock()).scan()
    assert isinstance(report, ScanReport) and report.imported == [] and report.refused == []


def test_a_share_gone_between_two_scans_is_a_folder_error(
    world: World, shared: dict[str, Path]
) -> None:
    watcher = _watcher(world, Clock())
    watcher.scan()
    shutil.rmtree(shared["coord"])
    with pytest.raises(SyncError) as caught:
        watcher.scan()
    assert caught.value.code == "folder.missing"
