"""docs/bundle-format.md is enough to recover a bundle with standard tools."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pyrage
import pytest
from sync_helpers import World, completed

from fieldsurvey.sync.bundle_writer import export_bundle

DOC = Path(__file__).resolve().parents[2] / "docs" / "bundle-format.md"


def _bundle(world: World) -> tuple[Path, list[str]]:
    uuids = completed(world.lap_a, 3, **{"respondent/resp_name": "Trần Văn Minh"})
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    return result.path, uuids


def _identities(recovery_file: Path) -> list[pyrage.x25519.Identity]:
    """Parse the identity file as the doc says: AGE-SECRET-KEY-1 lines, # comments."""
    return [
        pyrage.x25519.Identity.from_str(line.strip())
        for line in recovery_file.read_text("utf-8").splitlines()
        if line.startswith("AGE-SECRET-KEY-1")
    ]


def test_cut_out_by_the_documented_layout_and_decrypt(world: World) -> None:
    path, uuids = _bundle(world)
    data = path.read_bytes()
    assert data[:8] == b"FSBUNDL1"
    n = int.from_bytes(data[8:12], "big")
    header = json.loads(data[12 : 12 + n])
    payload = data[12 + n + 64 :]
    assert len(payload) == header["payload_length"]
    assert hashlib.sha256(payload).hexdigest() == header["payload_sha256"]
    plain = _read_lines(pyrage.decrypt(payload, _identities(world.recovery_file)))
    assert (plain["device"], plain["sequence"], plain["bundle"]) == (
        header["device"],
        header["sequence"],
        header["bundle"],
    )
    assert sorted(i["uuid"] for i in plain["interviews"]) == sorted(uuids)
    assert plain["interviews"][0]["answers"]["respondent"]["resp_name"] == "Trần Văn Minh"
    # Nothing about people, and no counts, in the public header:
    assert set(header) == {
        "format", "kind", "campaign", "device", "sequence", "bundle", "created",
        "payload_length", "payload_sha256", "audit_seq", "audit_hash",
    }  # fmt: skip
    assert b"Tr\xe1\xba\xa7n" not in data


def _read_lines(plain: bytes) -> dict[str, Any]:
    """The payload as documented: a format line, the head, then a line per interview and
    a line per audit entry, in the numbers the head gives."""
    first, *lines = plain.decode("utf-8").split("\n")
    assert first == "fieldsurvey-payload 2"
    assert lines[-1] == "", "every line ends with a line feed"
    head, *records = [json.loads(line) for line in lines[:-1]]
    assert len(records) == head["interviews"] + head["audit"]
    return {
        **head,
        "interviews": records[: head["interviews"]],
        "audit": records[head["interviews"] :],
    }


def _documented_commands() -> str:
    text = DOC.read_text("utf-8")
    block = re.search(
        r"<!-- cut-out-begin -->\s*```sh\n(.*?)```\s*<!-- cut-out-end -->", text, re.S
    )
    assert block, "the cut-out block is missing from docs/bundle-format.md"
    return block.group(1)


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("od") is None, reason="no shell")
def test_documented_shell_commands_recover_the_payload(world: World, tmp_path: Path) -> None:
    path, uuids = _bundle(world)
    work = tmp_path / "recover"
    work.mkdir()
    shutil.copy(path, work / path.name)
    shutil.copy(world.recovery_file, work / "recovery.txt")
    script = _documented_commands()
    script = re.sub(r"^BUNDLE=.*$", f"BUNDLE={path.name}", script, flags=re.M)
    has_age = shutil.which("age") is not None
    if not has_age:
        script = "\n".join(line for line in script.splitlines() if not line.startswith("age "))
    subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=work, check=True)
    header = json.loads((work / "header.json").read_bytes())
    payload = (work / "payload.age").read_bytes()
    assert hashlib.sha256(payload).hexdigest() == header["payload_sha256"]
    if has_age:
        plain = (work / "payload.jsonl").read_bytes()
    else:
        plain = pyrage.decrypt(payload, _identities(work / "recovery.txt"))
    assert sorted(i["uuid"] for i in _read_lines(plain)["interviews"]) == sorted(uuids)
