"""Issue 4's whole round trip with CLI commands only.

coordinator init -> form add -> three device packages -> three laptops set up ->
interviews on each (imported from answer sets, corrected with `interview set`, completed
after the form's checks) -> bundle export -> bundle import (all, twice) -> receipts back ->
purge on the laptops -> recovery-identity decrypt of a bundle.

``test_round_trip`` runs the commands in-process (click's runner) with a cheap
Argon2id so it stays fast; ``test_round_trip_in_a_clean_shell`` runs the very same
steps as ``fieldsurvey`` subprocesses with the real key derivation (slow).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fieldsurvey import keywrap
from fieldsurvey.cli import cli
from fieldsurvey.reports.synthetic_households import household_answers
from fieldsurvey.resources import resource_path

PASSWORD = "round trip password"
PASSPHRASE = "ROUND-TRIP-PASS"
FORM_ID = "mnet_migrant_household"
ENV = {"FIELDSURVEY_PASSWORD": PASSWORD, "FIELDSURVEY_PACKAGE_PASSPHRASE": PASSPHRASE}

Run = Callable[..., tuple[int, str]]


def in_process(monkeypatch: pytest.MonkeyPatch) -> Run:
    real = keywrap.wrap_with_password

    def cheap(key: bytes, password: str, *, workspace_id: str, kdf: Any = None) -> Any:
        return real(key, password, workspace_id=workspace_id, kdf=kdf or keywrap.KdfParams.cheap())

    monkeypatch.setattr(keywrap, "wrap_with_password", cheap)
    runner = CliRunner()

    def run(
        home: Path | None, *args: str, ok: bool = True, env: dict[str, str] | None = None
    ) -> tuple[int, str]:
        argv = ([] if home is None else ["--home", str(home)]) + [str(a) for a in args]
        result = runner.invoke(cli, argv, env={**ENV, **(env or {})}, catch_exceptions=False)
        output = result.output
        assert (result.exit_code == 0) == ok, (argv, result.exit_code, output)
        return result.exit_code, output

    return run


def in_shell() -> Run:
    exe = shutil.which("fieldsurvey") or str(Path(sys.executable).with_name("fieldsurvey"))
    base = {**os.environ, **ENV}

    def run(
        home: Path | None, *args: str, ok: bool = True, env: dict[str, str] | None = None
    ) -> tuple[int, str]:
        argv = [exe] + ([] if home is None else ["--home", str(home)]) + [str(a) for a in args]
        full = {**base, **(env or {})}
        done = subprocess.run(argv, env=full, capture_output=True, text=True, timeout=300)
        output = done.stdout + done.stderr
        assert (done.returncode == 0) == ok, (argv, done.returncode, output)
        return done.returncode, output

    return run


def _json(output: str) -> Any:
    return json.loads(output[output.index(next(c for c in output if c in "[{")) :])


AGE = ("respondent/resp_age", "household/members[1]/m_age")  # the respondent is member 1


def answer_set(tmp: Path, name: str) -> Path:
    """A household's answers that pass every check of the default form (the laptops
    complete their interviews only then), written as an answer-set file."""
    started = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    answers = household_answers(random.Random(3), ward="phuc_tan", household_id=name,
                                started=started)  # fmt: skip
    path = tmp / f"{name}.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    return path


def set_age(run: Run, home: Path, uuid: str, age: int) -> None:
    for path in AGE:
        run(home, "interview", "set", uuid, path, str(age))


def round_trip(run: Run, tmp: Path) -> None:
    coord, usb = tmp / "coordinator", tmp / "usb"
    usb.mkdir()
    laptops = {name: tmp / name for name in ("lap-1", "lap-2", "lap-3")}

    run(coord, "coordinator", "init", "--campaign", "Hoàn Kiếm 2026",
        "--recovery-key-out", tmp / "recovery.txt", "--ward", "phuc_tan")  # fmt: skip
    assert "AGE-SECRET-KEY-1" in (tmp / "recovery.txt").read_text()
    run(coord, "form", "add", resource_path("forms", "migrant_household.xlsx"))
    for name in laptops:
        _, out = run(coord, "device", "add", name, "--out", usb / f"{name}.pkg")
        assert PASSPHRASE not in out  # given by env, never echoed
    devices = {d["name"]: d["device_id"] for d in _json(run(coord, "device", "list", "--json")[1])}
    assert sorted(devices) == sorted(laptops)
    for name, home in laptops.items():
        _, out = run(home, "device", "setup", usb / f"{name}.pkg")
        assert name in out

    made: dict[str, list[str]] = {}
    for i, (name, home) in enumerate(laptops.items()):
        made[name] = []
        for household in (f"H-{i}a", f"H-{i}b"):
            data = answer_set(tmp, household)
            _, out = run(home, "interview", "import", data, "--form", FORM_ID, "--draft",
                         "--ward", "phuc_tan", "--household", household)  # fmt: skip
            uuid = out.strip()
            set_age(run, home, uuid, 30 + i)
            _, out = run(home, "interview", "set", uuid, AGE[0], "thirty", ok=False)
            assert "a number is expected" in out
            run(home, "interview", "complete", uuid)
            made[name].append(uuid)
        _, out = run(home, "bundle", "export", "--out", usb)
        assert "Bundle 1 written" in out
    bundles = sorted(usb.glob("*.fsb"))
    assert len(bundles) == 3

    _, out = run(coord, "bundle", "import", *bundles)
    assert out.count("accepted") == 3 and "2 new" in out
    listed = _json(run(coord, "interview", "list", "--json")[1])
    _, again = run(coord, "bundle", "import", *bundles)
    assert again.count("already imported") == 3
    assert _json(run(coord, "interview", "list", "--json")[1]) == listed
    by_uuid = {row["uuid"]: row for row in listed}
    for name, uuids in made.items():
        for uuid in uuids:
            assert by_uuid[uuid]["device_id"] == devices[name]
            assert by_uuid[uuid]["status"] == "exported"

    inspected = _json(run(None, "bundle", "inspect", bundles[0])[1])
    assert inspected["header"]["kind"] == "bundle" and inspected["payload_hash_matches"]
    bad = usb / "bad.fsb"
    bad.write_bytes(bundles[0].read_bytes()[:-10])
    _, out = run(coord, "bundle", "import", bad, ok=False)
    assert "REJECTED (payload)" in out

    returned = made["lap-1"][1]
    run(coord, "interview", "return", returned, "--comment", "age looks wrong")
    for name, home in laptops.items():
        run(coord, "receipt", "export", "--device", name, "--out", usb / f"{name}.receipt")
        _, out = run(home, "receipt", "import", usb / f"{name}.receipt")
        assert "Receipt applied" in out
        _, out = run(home, "interview", "purge", "--acknowledged")
        expected = 1 if name == "lap-1" else 2
        assert f"Purged the answers of {expected} acknowledged" in out
        for uuid in made[name]:
            shown = _json(run(home, "interview", "show", uuid, "--json")[1])
            if uuid == returned:
                assert shown["status"] == "returned" and shown["comment"] == "age looks wrong"
                assert shown["answers"]["respondent"]["resp_age"] == 30
            else:
                assert (shown["status"], shown["answers"]) == ("acknowledged", {})

    run(None, "bundle", "decrypt", bundles[0], "--identity", tmp / "recovery.txt",
        "--out", tmp / "recovered")  # fmt: skip
    [recovered] = (tmp / "recovered").glob("*.json")
    payload = json.loads(recovered.read_text("utf-8"))
    assert len(payload["interviews"]) == 2
    assert {i["uuid"] for i in payload["interviews"]} <= set(by_uuid)

    more_than_the_round_trip(run, tmp, coord, usb, laptops, returned)


def more_than_the_round_trip(
    run: Run, tmp: Path, coord: Path, usb: Path, laptops: dict[str, Path], returned: str
) -> None:
    """A conflict resolved by the coordinator, a revoked laptop, a reset password."""
    lap1 = laptops["lap-1"]
    set_age(run, coord, returned, 31)  # the coordinator's fix
    set_age(run, lap1, returned, 32)  # the laptop's fix
    run(lap1, "interview", "set", returned, AGE[1], "33")  # no longer the respondent's age
    _, out = run(lap1, "interview", "complete", returned, ok=False)
    assert "cannot be completed" in out and AGE[1] in out
    run(lap1, "interview", "set", returned, AGE[1], "32")
    run(lap1, "interview", "complete", returned)
    export = run(lap1, "bundle", "export", "--out", usb)[1]
    bundle = Path(export.split(" written to ")[1].split(" (")[0])
    _, out = run(coord, "bundle", "import", bundle)
    assert "1 conflicting" in out
    listed = _json(run(coord, "conflicts", "list", "--json")[1])
    # a repeat is merged as a whole: the roster conflicts, not one member's age
    fields = ["household/members", "respondent/resp_age"]
    assert [(c["uuid"], sorted(c["fields"])) for c in listed["conflicts"]] == [(returned, fields)]
    run(coord, "conflicts", "resolve", returned, *[f"--field={path}=laptop" for path in fields])
    shown = _json(run(coord, "interview", "show", returned, "--json")[1])
    assert shown["answers"]["respondent"]["resp_age"] == 32
    assert shown["answers"]["household"]["members"][0]["m_age"] == 32
    assert _json(run(coord, "conflicts", "list", "--json")[1])["conflicts"] == []

    run(coord, "device", "revoke", "lap-3")
    lap3 = laptops["lap-3"]
    late_data = answer_set(tmp, "L-ATE")
    run(lap3, "interview", "import", late_data, "--form", FORM_ID, "--ward", "phuc_tan",
        "--household", "L-ATE")  # fmt: skip
    late = run(lap3, "bundle", "export", "--out", usb)[1].split(" written to ")[1].split(" (")[0]
    _, out = run(coord, "bundle", "import", late, ok=False)
    assert "REJECTED (device)" in out and "revoked" in out

    new = {"FIELDSURVEY_NEW_PASSWORD": "a brand new password"}
    run(coord, "recovery", "reset-password", laptops["lap-2"], "--identity",
        tmp / "recovery.txt", env=new)  # fmt: skip
    run(laptops["lap-2"], "interview", "list", ok=False)  # the old password no longer works
    run(
        laptops["lap-2"],
        "interview",
        "list",
        env={"FIELDSURVEY_PASSWORD": new["FIELDSURVEY_NEW_PASSWORD"]},
    )


def test_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    round_trip(in_process(monkeypatch), tmp_path)


@pytest.mark.slow
def test_round_trip_in_a_clean_shell(tmp_path: Path) -> None:
    round_trip(in_shell(), tmp_path)
