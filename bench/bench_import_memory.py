"""Import memory benchmark (issue 12, item 3): peak RSS and time of ``bundle import``.

    .venv/bin/python bench/bench_import_memory.py            # 10 MB and ~60 MB payloads
    .venv/bin/python bench/bench_import_memory.py --quick    # 2 MB and 10 MB, a smoke run

Each case runs in a child process of its own (a fresh copy of the coordinator), and reports
its own peak resident memory (VmHWM). Cases:
- baseline: a child that only opens the coordinator's workspace (imports included);
- honest bundles of the default survey's shape (~2.8 KB per interview) of about 10 MB
  and 60 MB of payload (the file cap is 64 MiB);
- the worst shape under the caps of a streamed (format 2) payload: records of tiny objects
  just under the per-line value cap, to the file cap (each parses, then is quarantined);
- one line over the line cap (refused when read);
- format 1 (read whole, by older laptops): tiny objects just under its 8 MiB cap, and ~60 MB
  of them (the attack of issue 12), refused;
- a 1 GB file, refused by its size before it is read.
Prints medians of ``--repeat`` runs and the refusal or outcome of each case.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyrage

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sync
from bench_sync import KDF, PASSWORD, add_completed
from bench_sync import survey_answers as _survey_answers

from fieldsurvey.forms.loader import load_form
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.interview_binding import new_identity
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format, campaign, enrolment, keys, payload_stream
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.campaign import DeviceConfig
from fieldsurvey.sync.canonical_json import dumps

FORM_FILE = Path(__file__).resolve().parents[1] / "resources" / "forms" / "migrant_household.xlsx"
PER_INTERVIEW = 2_800  # bytes of payload per interview of the default survey (measured)


def child(coord: Path, bundle: str) -> None:
    """Run in the child: open the workspace, import ``bundle`` (or nothing), print JSON."""
    from fieldsurvey.sync.bundle_import import import_files

    with Workspace.open(coord, PASSWORD) as ws:
        opened = time.perf_counter()
        outcome: dict[str, Any] = {"status": "opened only"}
        if bundle:
            [report] = import_files(ws, [Path(bundle)]).files
            merge = report.merge
            outcome = {
                "status": report.status,
                "code": report.code,
                "new": len(merge.new) if merge else 0,
                "quarantined": len(merge.quarantined) if merge else 0,
                "rejected": len(merge.rejected) if merge else 0,
                "why": merge.quarantined[0].reason if merge and merge.quarantined else "",
            }
        done = time.perf_counter()
    print(json.dumps({**outcome, "import_s": done - opened, "rss_mb": _peak_rss_mb()}))


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: since its exec, unlike the ``ru_maxrss``
    a forked child inherits from its parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmHWM in /proc/self/status (Linux only)")


def run_child(template: Path, work: Path, bundle: Path | None) -> dict[str, Any]:
    coord = work / "run-coord"
    shutil.rmtree(coord, ignore_errors=True)
    shutil.copytree(template, coord)
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(coord), str(bundle or "")],
        stdout=subprocess.PIPE,
        check=True,
    )
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def forge(config: DeviceConfig, body: dict[str, Any] | bytes, sequence: int) -> bytes:
    """A bundle signed with the laptop's own key (the insider of issue 12); ``body`` is a
    format 1 payload object or a format 2 plaintext."""
    plain = body if isinstance(body, bytes) else dumps(body)
    payload = bytes(pyrage.encrypt(plain, [keys.age_recipient(r) for r in config.recipients]))
    header = dumps({
        "format": 1, "kind": "bundle", "campaign": config.campaign_id,
        "device": config.device_id, "sequence": sequence,
        "bundle": f"00000000-0000-4000-8000-{sequence:012d}", "created": "2026-12-06T07:00:00Z",
        "payload_length": len(payload), "payload_sha256": hashlib.sha256(payload).hexdigest(),
    })  # fmt: skip
    signature = keys.sign(config.signing_key, keys.DOMAIN_BUNDLE_HEADER, header)
    return bundle_format.pack(bundle_format.BUNDLE_MAGIC, header, signature, payload)


def valid_answers(rng: random.Random) -> dict[str, Any]:
    """bench_sync's survey-shaped answers with every choice one of the form's choices, so
    the honest records pass the coordinator's checks and merge."""
    a = _survey_answers(rng)
    a["location"]["city"] = "ha_noi"
    a["respondent"]["temp_reg"] = "yes_valid"
    a["housing"].update(water="tap_shared", toilet="shared_flush")
    a["tenure"]["evict_worry"] = "somewhat"
    a["health"].update(care_where=["pharmacy", "private"], barriers=["cost", "waiting"])
    for member in a["household"]["members"]:
        member.update(m_occ="porter", m_hi="none")
    return a


def tiny_body(
    config: DeviceConfig, sequence: int, objects: int, member: dict[str, Any]
) -> dict[str, Any]:
    uuid, nonce = new_identity(config.device_id)  # bound to the laptop: checked, then held
    record = {
        "uuid": uuid, "nonce": nonce, "form_id": bench_sync.FORM[0],
        "form_version": bench_sync.FORM[1], "ward": "phuc_tan", "household_id": "X",
        "respondent": "", "enumerator": "enum", "device_id": config.device_id,
        "status": "completed", "created": "2026-12-06T07:00:00.000+00:00",
        "updated": "2026-12-06T07:00:00.000+00:00", "revision": 1, "base_revision": 0,
        "answers": {"household": {"members": [member] * objects}},
    }  # fmt: skip
    return {
        "format": 1, "kind": "bundle-payload", "campaign": config.campaign_id,
        "device": config.device_id, "sequence": sequence,
        "bundle": f"00000000-0000-4000-8000-{sequence:012d}", "interviews": [record],
        "audit": [],
    }  # fmt: skip


def tiny_lines(config: DeviceConfig, sequence: int, total: int, per_record: int) -> bytes:
    """A format 2 plaintext of about ``total`` bytes: records of ``per_record`` tiny
    objects each (one line each, under the line caps), each bound to the laptop."""
    body = tiny_body(config, sequence, per_record, {"m_age": 0.5})
    head = {k: v for k, v in body.items() if k not in ("interviews", "audit", "format")}
    line = dumps(body["interviews"][0])
    lines = []
    for _ in range(max(1, total // len(line))):
        uuid, nonce = new_identity(config.device_id)
        record = {**body["interviews"][0], "uuid": uuid, "nonce": nonce}
        lines.append(dumps(record))
    return payload_stream.encode(head, lines, [])


def build(tmp: Path, sizes_mb: list[int]) -> tuple[Path, list[tuple[str, Path | None]]]:
    coord, _ = campaign.init_campaign(
        tmp / "coord", PASSWORD, name="bench", recovery_key_out=tmp / "rec.txt", kdf=KDF
    )
    spec = load_form(FORM_FILE)  # installed, so the honest records are checked and merged
    bench_sync.FORM = (spec.form_id, spec.version)  # add_completed writes this version
    bench_sync.survey_answers = valid_answers  # ... with these answers
    forms_store.save_form(
        coord, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash
    )
    data, _ = enrolment.issue_device(coord, "lap", "pass")
    (tmp / "lap.pkg").write_bytes(data)
    coord.close()
    lap = enrolment.setup_device(
        tmp / "lap", enrolment.read_package(tmp / "lap.pkg", "pass"), PASSWORD, kdf=KDF
    )
    config = campaign.device_config_of(lap)
    rng = random.Random(12)
    cases: list[tuple[str, Path | None]] = [("baseline: open the workspace only", None)]
    for size in sizes_mb:
        out = tmp / f"honest-{size}"
        out.mkdir()
        add_completed(lap, size * 1_000_000 // PER_INTERVIEW, config.device_id, rng)
        result = export_bundle(lap, out)
        assert result.path is not None
        lap.db.execute("UPDATE interviews SET status = 'acknowledged'")
        cases.append((f"honest bundle, {result.path.stat().st_size / 1e6:.1f} MB", result.path))
    lap.close()
    # format 2 (streamed): records of tiny objects just under the per-line value cap, to
    # the file cap: the worst shape a line may have, as many lines as fit
    per_line = payload_stream.MAX_LINE_VALUES // 2 - 1_000
    room = bundle_format.MAX_FILE_BYTES - 1_000_000
    worst = tmp / "worst-lines.fsb"
    worst.write_bytes(forge(config, tiny_lines(config, 103, room, per_line), 103))
    cases.append(
        (f"lines of {per_line:,} tiny objects, {worst.stat().st_size / 1e6:.1f} MB", worst)
    )
    # one line over the line cap: refused as soon as it is read
    long_line = tmp / "long-line.fsb"
    long_line.write_bytes(
        forge(config, tiny_lines(config, 104, 1, payload_stream.MAX_LINE_BYTES // 11), 104)
    )
    cases.append((f"one line of {long_line.stat().st_size / 1e6:.1f} MB", long_line))
    # format 1 (read whole): tiny objects just under its own cap, and over it
    objects = (payload_stream.FORMAT1_MAX_BYTES - 1_000) // len(b'{"m_age":0.5},')
    under = tmp / "under-cap.fsb"
    under.write_bytes(forge(config, tiny_body(config, 100, objects, {"m_age": 0.5}), 100))
    cases.append(
        (f"format 1, {objects:,} tiny objects, {under.stat().st_size / 1e6:.1f} MB", under)
    )
    over = tmp / "over-cap.fsb"
    over.write_bytes(forge(config, tiny_body(config, 101, 20_000_000, {}), 101))
    cases.append((f"format 1, tiny objects, {over.stat().st_size / 1e6:.1f} MB", over))
    huge = tmp / "huge.fsb"
    with huge.open("wb") as handle:  # sparse: over the file cap, refused before a byte is read
        handle.write(bundle_format.BUNDLE_MAGIC)
        handle.truncate(1_000_000_000)
    cases.append(("a 1 GB file (over the file cap)", huge))
    return tmp / "coord", cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 MB and 10 MB bundles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="10,60", help="honest bundles, MB of payload")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1])
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-memory-"))
    try:
        sizes = "2,10" if args.quick else args.sizes
        template, cases = build(tmp, [int(x) for x in sizes.split(",") if x])
        print(f"caps: file {bundle_format.MAX_FILE_BYTES / 2**20:.0f} MiB, line "
              f"{payload_stream.MAX_LINE_BYTES / 2**20:.0f} MiB and "
              f"{payload_stream.MAX_LINE_VALUES:,} values, format 1 "
              f"{payload_stream.FORMAT1_MAX_BYTES / 2**20:.0f} MiB, "
              f"depth {bundle_format.MAX_PAYLOAD_DEPTH}")  # fmt: skip
        print(f"| case | peak RSS MB | import s | outcome | (medians of {args.repeat}) |")
        for name, bundle in cases:
            runs = [run_child(template, tmp, bundle) for _ in range(args.repeat)]
            last = runs[-1]
            outcome = last["status"] + (f" {last['code']}" if last.get("code") else "")
            if last.get("rejected"):
                outcome += f", {last['rejected']} record refused"
            if last.get("new") or last.get("quarantined"):
                outcome += f", {last['new']} new, {last['quarantined']} quarantined"
                outcome += f" ({last['why']})" if last["why"] else ""
            print(
                f"| {name} | {statistics.median(r['rss_mb'] for r in runs):.0f} | "
                f"{statistics.median(r['import_s'] for r in runs):.2f} | {outcome} |",
                flush=True,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
