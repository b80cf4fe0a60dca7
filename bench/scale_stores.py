"""Coordinator workspaces of 1,000 to 1,000,000 interviews, built through the real import
path and cached on disk (issue 15).

    .venv/bin/python bench/scale_stores.py --sizes 1000,10000,100000 [--cache DIR]

Four laptops (enrolled with the real enrolment code) record the default survey's
synthetic households (``reports/synthetic.py``: the same generator as the demo, spread
over the 18 wards of Hoàn Kiếm and 90 days), 100 completed interviews at a time; each
laptop writes its bundle with the real ``export_bundle`` (signed, encrypted, with its
audit entries) and the coordinator imports it with the real ``import_files`` (checks,
record checks against the form, merge). The exported interviews are then dropped from
the laptop (only so that the laptop's export stays cheap: bench code). The laptops run in
a second process, a few bundles ahead of the coordinator, which imports them in order.

The coordinator is copied aside when it reaches each size: ``DIR/coord-<n>``, with
``DIR/coord-<n>/built.json`` (how many interviews, how long it took, the importing
process's peak RSS). A size already in the cache is reused; the missing ones are built in
one run from a copy of the largest cached smaller size (its interviews stay; four new
laptops are enrolled), or from an empty coordinator (working folder ``DIR/build``).
Workspace password: ``bench-password``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from fieldsurvey.forms.installed import install_default_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.reports.synthetic import synthetic_answers
from fieldsurvey.store.audit import Entry, append_entries
from fieldsurvey.store.interview_binding import new_identity
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import campaign, enrolment
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_writer import export_bundle

PASSWORD = "bench-password"
KDF = KdfParams.cheap()
DEFAULT_CACHE = Path("/tmp/fieldsurvey-bench")
PER_BUNDLE = 100
LAPTOPS = 4
WARDS = (
    "phuc_tan", "chuong_duong", "cua_dong", "cua_nam", "dong_xuan", "hang_bac", "hang_bai",
    "hang_bo", "hang_bong", "hang_buom", "hang_dao", "hang_gai", "hang_ma", "hang_trong",
    "ly_thai_to", "phan_chu_trinh", "trang_tien", "tran_hung_dao",
)  # fmt: skip
COLUMNS = (
    "uuid, form_id, form_version, ward, household_id, respondent, enumerator, device_id, "
    "status, created, updated, revision, base_revision, nonce, answers"
)


def store_path(cache: Path, n: int) -> Path:
    return cache / f"coord-{n}"


def cached(cache: Path, n: int) -> bool:
    return (store_path(cache, n) / "built.json").exists()


def _ward_labels(ws: Workspace) -> dict[str, str]:
    from fieldsurvey.forms.spec import FormSpec
    from fieldsurvey.store import forms as forms_store

    info = forms_store.list_forms(ws)[0]
    spec = FormSpec.model_validate_json(
        forms_store.get_form(ws, info.form_id, info.version).definition
    )
    node = spec.by_name()["ward"]
    return {
        c.name: c.label.get("Tiếng Việt (vi)") or c.name for c in spec.choices[node.choices or ""]
    }


def _record(
    lap: Workspace,
    form: tuple[str, str],
    device_id: str,
    labels: dict[str, str],
    rng: random.Random,
    start: int,
) -> None:
    """``PER_BUNDLE`` completed interviews on the laptop, with their audit entries."""
    rows, entries = [], []
    for k in range(start, start + PER_BUNDLE):
        ward = WARDS[k % len(WARDS)]
        day = date(2026, 9, 1) + timedelta(days=rng.randrange(90))
        created = datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randrange(600))
        stamp = created.isoformat(timespec="milliseconds") + "+07:00"
        doc = synthetic_answers(rng, ward, day)
        household = str(doc.get("location", {}).get("household_id") or f"X-{k:07d}")
        uuid, nonce = new_identity(device_id)
        rows.append([uuid, *form, labels.get(ward, ward), household, "", f"enum{k % 40}",
                     device_id, "completed", stamp, stamp, 2, 0, nonce,
                     json.dumps(doc, ensure_ascii=False)])  # fmt: skip
        entries += [Entry(uuid, "enum", "create"), Entry(uuid, "enum", "complete", "status")]
    with lap.transaction() as db:
        db.conn.executemany(
            f"INSERT INTO interviews ({COLUMNS}) VALUES ({', '.join('?' * 15)})", rows
        )
        append_entries(db, entries)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _largest_cached(cache: Path, below: int) -> int:
    """The largest cached size under ``below`` (0: none): a build starts from its copy."""
    sizes = []
    for folder in cache.glob("coord-*"):
        try:
            n = int(folder.name.removeprefix("coord-"))
        except ValueError:
            continue
        if n < below and (folder / "built.json").exists():
            sizes.append(n)
    return max(sizes, default=0)


def _produce(work: Path, start: int, stop: int, backlog: int) -> None:
    """The laptops' side, in its own process: record and export bundles of
    ``PER_BUNDLE`` interviews from ``start`` to ``stop`` into ``work/ready`` (each bundle
    renamed there once whole, named by its first interview's number), never more than
    ``backlog`` waiting."""
    laptops = []
    for i in range(LAPTOPS):
        package = enrolment.read_package(work / f"lap{i}.pkg", "pass")
        lap = enrolment.setup_device(work / f"lap{i}", package, PASSWORD, kdf=KDF)
        install_default_form(lap)
        laptops.append((lap, campaign.device_config_of(lap).device_id))
    labels = _ward_labels(laptops[0][0])
    from fieldsurvey.store import forms as forms_store

    info = forms_store.list_forms(laptops[0][0])[0]
    form = (info.form_id, info.version)
    rng = random.Random(15 + start)
    ready = work / "ready"
    for done in range(start, stop, PER_BUNDLE):
        while len(list(ready.iterdir())) >= backlog:
            time.sleep(0.05)
        lap, device_id = laptops[(done // PER_BUNDLE) % LAPTOPS]
        out = work / f"out{(done // PER_BUNDLE) % LAPTOPS}"
        out.mkdir(exist_ok=True)
        _record(lap, form, device_id, labels, rng, done)
        result = export_bundle(lap, out)
        assert result.path is not None
        lap.db.execute("DELETE FROM interviews WHERE status = 'exported'")
        result.path.rename(ready / f"{done:09d}-{result.path.name}")
    for lap, _ in laptops:
        lap.close()


def build(cache: Path, sizes: list[int], backlog: int = 20) -> None:
    """Each missing size built from the largest cached smaller one (or from an empty
    coordinator): the laptops record and export in a second process while this one
    imports, bundle by bundle, in order."""
    import multiprocessing

    sizes = sorted(sizes)
    todo = [n for n in sizes if not cached(cache, n)]
    if not todo:
        print("all sizes cached:", ", ".join(str(store_path(cache, n)) for n in sizes))
        return
    work = cache / "build"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    done = _largest_cached(cache, todo[0])
    if done:
        shutil.copytree(store_path(cache, done), work / "coord")
        (work / "coord" / "built.json").unlink()
        coord = Workspace.open(work / "coord", PASSWORD)
        print(f"starting from {store_path(cache, done)}", flush=True)
    else:
        coord, _ = campaign.init_campaign(
            work / "coord", PASSWORD, name="scale", recovery_key_out=work / "rec.txt", kdf=KDF
        )
        install_default_form(coord)
    for i in range(LAPTOPS):
        data, _ = enrolment.issue_device(coord, f"lap{i}-from-{done}", "pass")
        (work / f"lap{i}.pkg").write_bytes(data)
    coord.close()
    (work / "ready").mkdir()
    producer = multiprocessing.get_context("spawn").Process(
        target=_produce, args=(work, done, todo[-1], backlog), daemon=True
    )
    producer.start()
    coord = Workspace.open(work / "coord", PASSWORD)
    started, merge_s, first = time.perf_counter(), 0.0, done
    try:
        for target in todo:
            while done < target:
                path = work / "ready" / f"{done:09d}"
                found = list((work / "ready").glob(f"{done:09d}-*"))
                while not found:
                    if not producer.is_alive():
                        raise SystemExit(f"the laptops' process stopped before {path.name}")
                    time.sleep(0.02)
                    found = list((work / "ready").glob(f"{done:09d}-*"))
                t0 = time.perf_counter()
                report = import_files(coord, [found[0]])
                merge_s += time.perf_counter() - t0
                merge = report.files[0].merge
                if merge is None or len(merge.new) != PER_BUNDLE:
                    raise SystemExit(f"bundle not merged whole: {report.files[0]}")
                found[0].unlink()
                done += PER_BUNDLE
                if done % 10_000 == 0 or done == target:
                    rate = (done - first) / (time.perf_counter() - started)
                    print(f"{done:>9,} interviews  {rate:6.0f}/s overall  import "
                          f"{merge_s:7.1f} s  peak RSS {_peak_mb():.0f} MB",
                          flush=True)  # fmt: skip
            coord.close()
            out = store_path(cache, target)
            shutil.rmtree(out, ignore_errors=True)
            shutil.copytree(work / "coord", out)
            facts = {"interviews": done, "from": first, "build_s": time.perf_counter() - started,
                     "import_s": merge_s, "per_bundle": PER_BUNDLE, "laptops": LAPTOPS,
                     "import_peak_rss_mb": round(_peak_mb())}  # fmt: skip
            (out / "built.json").write_text(json.dumps(facts))
            print(f"cached {out}", flush=True)
            coord = Workspace.open(work / "coord", PASSWORD)
    finally:
        coord.close()
        producer.join(timeout=60)
        if producer.is_alive():
            producer.terminate()
    shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    build(args.cache, [int(s) for s in args.sizes.split(",") if s])


if __name__ == "__main__":
    main()
