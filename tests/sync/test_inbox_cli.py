"""``fieldsurvey serve`` and ``fieldsurvey bundle send --to URL`` end to end: the server
in a process of its own, the laptop's command in this one."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner
from sync_helpers import LAPTOP_PASSWORD, PASSWORD, campaign_on_disk, completed

from fieldsurvey.cli import cli
from fieldsurvey.store import bundle_log, interviews
from fieldsurvey.store.workspace import Workspace


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _status(url: str) -> dict[str, object] | None:
    try:
        with urllib.request.urlopen(f"{url}/status", timeout=2) as response:
            return dict(json.loads(response.read()))
    except OSError:
        return None


def test_send_to_a_served_inbox_merges_and_acknowledges(tmp_path: Path) -> None:
    folders = campaign_on_disk(tmp_path)
    with Workspace.open(folders.laptop, LAPTOP_PASSWORD) as laptop:
        uuids = completed(laptop, 2, household="NET")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "FIELDSURVEY_PASSWORD": PASSWORD, "FIELDSURVEY_LANG": "en"}
    server = subprocess.Popen(
        [sys.executable, "-m", "fieldsurvey", "--home", str(folders.coord), "serve",
         "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while _status(url) is None:
            assert server.poll() is None, server.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        runner = CliRunner()
        args = ["--lang", "en", "--home", str(folders.laptop), "bundle", "send", "--to", url]
        unset = runner.invoke(cli, args[:-2], env={"FIELDSURVEY_PASSWORD": LAPTOP_PASSWORD})
        assert unset.exit_code == 1 and "No inbox address is set" in unset.output
        result = runner.invoke(cli, args, env={"FIELDSURVEY_PASSWORD": LAPTOP_PASSWORD})
        assert result.exit_code == 0, result.output
        assert "sent and merged by the coordinator" in result.output
        assert "Receipt applied: 2 acknowledged" in result.output
        # the address is remembered: the next send needs no --to
        again = runner.invoke(cli, args[:-2], env={"FIELDSURVEY_PASSWORD": LAPTOP_PASSWORD})
        assert again.exit_code == 0 and "Nothing new to send" in again.output
        wrong = runner.invoke(
            cli, [*args[:-1], "ftp://nowhere"], env={"FIELDSURVEY_PASSWORD": LAPTOP_PASSWORD}
        )
        assert wrong.exit_code == 1 and "Not an inbox address" in wrong.output
    finally:
        server.terminate()  # SIGTERM, as systemd stops it: a clean stop
        out, _ = server.communicate(timeout=10)
    assert "listening on" in out and server.returncode == 0
    with Workspace.open(folders.laptop, LAPTOP_PASSWORD) as laptop:
        for uuid in uuids:
            assert interviews.get_interview(laptop, uuid).status == "acknowledged"


def _serve(coord: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "FIELDSURVEY_PASSWORD": PASSWORD, "FIELDSURVEY_LANG": "en"}
    server = subprocess.Popen(
        [sys.executable, "-m", "fieldsurvey", "--home", str(coord), "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while _status(f"http://127.0.0.1:{port}") is None:
        assert server.poll() is None, server.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return server


def test_a_server_killed_during_an_import_merges_the_bundle_once_after_restart(
    tmp_path: Path,
) -> None:
    from fieldsurvey.sync.bundle_writer import export_bundle
    from fieldsurvey.sync.campaign import device_config_of
    from fieldsurvey.sync.inbox_client import InboxClient, InboxError

    folders = campaign_on_disk(tmp_path)
    with Workspace.open(folders.laptop, LAPTOP_PASSWORD) as laptop:
        uuids = completed(laptop, 3, household="KILL")
        written = export_bundle(laptop, tmp_path / "usb").path
        config = device_config_of(laptop)
    assert written is not None
    data = written.read_bytes()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = _serve(folders.coord, port)
    try:
        with Workspace.open(folders.coord, PASSWORD) as coord, coord.transaction():
            # another writer holds the database: the inbox's import waits in its thread
            failed: list[BaseException] = []

            def upload() -> None:
                try:
                    InboxClient(url, config).upload(data, attempts=1)
                except InboxError as exc:
                    failed.append(exc)

            uploader = threading.Thread(target=upload)
            uploader.start()
            deadline = time.monotonic() + 20
            while (_status(url) or {}).get("importing") != 1:
                assert time.monotonic() < deadline
                time.sleep(0.05)
            server.kill()  # no clean stop: the power went
            server.communicate(timeout=10)
            uploader.join(30)
            assert failed  # the laptop saw the connection drop
        stored = list((folders.coord / "inbox" / "received").glob("*.fsb"))
        assert len(stored) == 1  # kept on disk, not merged
        server = _serve(folders.coord, port)
        sent = InboxClient(url, config).upload(data)
        assert sent.state == "merged" and sent.sent == 0  # imported at start, not sent again
    finally:
        server.terminate()
        server.communicate(timeout=10)
    with Workspace.open(folders.coord, PASSWORD) as coord:
        for uuid in uuids:
            assert interviews.get_interview(coord, uuid).revision >= 1
        seen = [s for s in bundle_log.seen_bundles(coord, config.device_id, 2, "")]
        assert len(seen) == 1  # merged once
