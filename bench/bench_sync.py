"""Sync benchmarks (issue 4): export, import + merge, merge throughput.

    .venv/bin/python bench/bench_sync.py            # full sizes of the issue
    .venv/bin/python bench/bench_sync.py --quick    # small sizes, a smoke run

Prints medians and, for each, a same-run baseline with the ratio:
- export of N interviews of the default survey (target < 3 s) vs reading the same rows
  from the same SQLCipher database and writing them as plain JSON;
- import and merge of B bundles of P interviews (target < 10 s) vs plain executemany of
  the same rows into a fresh workspace of the same kind;
- merge throughput (merge step only, payloads already decrypted) as a ratio to plain
  executemany of the same rows (target >= 0.5), in wall and in CPU time.
Key derivation is cheap here (it is benchmarked by bench_store.py, not a sync cost).

    .venv/bin/python bench/bench_sync.py --stores 1000,10000,100000 [--cache DIR]

merges bundles into coordinators of those sizes instead (issue 15: no slowdown as the
store grows): the stores ``bench/scale_stores.py`` builds through the real import path
and caches (sizes not cached are skipped; build them with that script). For each size, a
copy gets a new laptop; its bundles (``--bundles`` x 100 interviews of the default
survey) are decrypted, then merged in one transaction that is rolled back, beside
executemany of the same rows into the same store (also rolled back), --repeat times,
interleaved: CPU time, medians, and the ratio. "no analysis" is the merge with the
analysis tables' refresh (``store/analysis_tables.refresh``) left out: the merge's own
share.

Two raw inserts of the same rows, in the same process, store, connection and pragmas
(``cipher_memory_security`` included), alternated with the merge: "executemany" (the
issue's yardstick: one statement run per row) and "multi-row" (``store/database.insert_rows``:
64 rows per statement, as the merge itself now inserts them: executemany's statement
journal per row is half of its cost under SQLCipher's memory security). The ratio to
executemany is the issue's target (>= 0.5); the ratio to multi-row is what the merge
costs beside the cheapest raw insert of the same rows.

The baselines (docs/benchmarks.md, "What the baseline is"): "executemany" inserts the
same interview rows, one executemany, into the same store (every index and trigger
``interviews`` carries, the search index and the analysis tables' stale list
included: the cheapest way to put those rows into that store); "all rows" adds one
executemany per analysis table of the rows the merge writes there (captured from an
untimed merge), as the merge writes them too since issue 15. A store cached before the
listing indexes took their final shape (an ``interview_list`` table) is brought to the
current schema on the copy first (``_current_listing``), or the figures would be a
schema no workspace has.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scale_stores (--stores)

from fieldsurvey.forms.installed import install_default_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.audit import Entry, append_entries
from fieldsurvey.store.database import insert_rows
from fieldsurvey.store.interview_binding import new_identity
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import campaign, enrolment, keys, payload_stream
from fieldsurvey.sync.bundle_import import import_files, verify_file
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.merge import merge_payload

KDF = KdfParams.cheap()
PASSWORD = "bench-password"  # the password policy wants 8 characters or more


def _default_form() -> tuple[str, str]:
    """(id, version) of the default survey the campaign installs: the records must name
    it, or the coordinator holds them in the quarantine instead of merging them."""
    from fieldsurvey.forms.loader import load_form
    from fieldsurvey.resources import resource_path

    spec = load_form(resource_path("forms", "migrant_household.xlsx"))
    return spec.form_id, spec.version


FORM = _default_form()
COLUMNS = (
    "uuid, form_id, form_version, ward, household_id, respondent, enumerator, device_id, "
    "status, created, updated, revision, base_revision, nonce, answers"
)


def survey_answers(rng: random.Random) -> dict[str, Any]:
    """An answer document shaped like the default survey (about 60 answers)."""
    age = rng.randint(18, 60)
    members = [
        {"m_name": f"Thành viên {k}", "m_relation": "self" if k == 0 else "child",
         "m_sex": rng.choice(["male", "female"]), "m_age": age if k == 0 else rng.randint(0, 80),
         "m_occ": "porter", "m_hi": rng.choice(["none", "hanoi"]), "m_dependant": 0,
         "m_working_age": 1}
        for k in range(rng.randint(1, 5))
    ]  # fmt: skip
    return {
        "consent_section": {"consent": "yes"},
        "location": {"city": "ha_noi", "district": "hoan_kiem", "ward": "phuc_tan",
                     "res_group": str(rng.randint(1, 40)),
                     "household_id": f"PT-{rng.randint(1, 9999)}"},
        "respondent": {"resp_name": "Nguyễn Văn A", "resp_age": age, "resp_sex": "male",
                       "home_province": "thanh_hoa", "years_away": rng.randint(0, 10),
                       "temp_reg": "yes_valid"},
        "work": {"occupation": "porter", "contract": "none", "hours_day": rng.randint(4, 14),
                 "days_week": rng.randint(4, 7), "income_month": rng.randint(10, 200) * 100_000,
                 "remit": "yes", "remit_month": rng.randint(1, 50) * 100_000},
        "housing": {"accom_type": "rented_room", "room_area": rng.randint(8, 40),
                    "room_people": rng.randint(1, 6), "m2_per_person": 5.5, "water": "tap_shared",
                    "toilet": "shared_flush", "elec_pay": "landlord_kwh", "elec_price": 3500},
        "tenure": {"lease": "verbal", "evict_worry": "somewhat", "moves_12m": rng.randint(0, 3)},
        "health": {"self_health": "fair", "ill_30d": "yes", "work_accident": "no",
                   "care_where": ["pharmacy", "private"], "oop_cost": 250_000,
                   "barriers": ["cost", "waiting"]},
        "social": {"hi_card": "none", "hi_why_not": ["cost"], "vol_si": "no",
                   "rights_know": "some"},
        "shg": {"shg_member": "no"},
        "household": {"hh_size": len(members), "members": members, "hh_members": len(members),
                      "n_dependants": 1, "n_working_age": 1, "dep_ratio": 1.0},
    }  # fmt: skip


def add_completed(lap: Workspace, n: int, device_id: str, rng: random.Random) -> None:
    """``n`` completed interviews with create/complete audit entries (not timed)."""
    now = "2026-11-23T10:00:00.000+00:00"
    rows, entries = [], []
    for _ in range(n):
        uuid, nonce = new_identity(device_id)  # bound to the laptop, as new_interview does
        answers = json.dumps(survey_answers(rng), ensure_ascii=False)
        meta = [uuid, *FORM, "phuc_tan", f"PT-{uuid[:8]}", "", "enum", device_id, "completed"]
        rows.append([*meta, now, now, 2, 0, nonce, answers])
        entries += [Entry(uuid, "enum", "create"), Entry(uuid, "enum", "complete", "status")]
    with lap.transaction() as db:
        db.conn.executemany(
            f"INSERT INTO interviews ({COLUMNS}) VALUES ({', '.join('?' * 15)})", rows
        )
        append_entries(db, entries)


def cpu_timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of ``fn()``; the garbage of what ran before is collected
    first, so no measure pays for another's (the same for the merge and its baselines)."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def merge_into_stores(
    sizes: list[int], cache: Path, n_bundles: int, repeat: int, imports: int = 0
) -> None:
    """Merge throughput into coordinators of each size (see the module docstring)."""
    import os

    from scale_stores import cached, store_path

    from fieldsurvey.store import analysis_tables

    rng = random.Random(15)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
          f"{n_bundles} bundles x 100; CPU medians of {repeat}")  # fmt: skip
    print(f"{'store':>10} {'merge/s':>9} {'no analysis/s':>14} {'executemany/s':>14} "
          f"{'ratio':>6} {'ratio no analysis':>18} {'all rows/s':>12} "
          f"{'ratio all rows':>15} {'multi-row/s':>12} {'ratio multi-row':>16} "
          f"{'merge ms CPU':>13}")  # fmt: skip
    for size in sizes:
        if not cached(cache, size):
            print(f"{size:>10,}: not cached (bench/scale_stores.py --sizes {size}), skipped")
            continue
        tmp = Path(tempfile.mkdtemp(prefix=f"bench-merge-{size}-"))
        try:
            shutil.copytree(store_path(cache, size), tmp / "coord")
            coord = Workspace.open(tmp / "coord", PASSWORD)
            data, _ = enrolment.issue_device(coord, "bench-lap", "pass")
            identity = [keys.age_identity(campaign.campaign_of(coord).age_identity)]
            (tmp / "lap.pkg").write_bytes(data)
            package = enrolment.read_package(tmp / "lap.pkg", "pass")
            lap = enrolment.setup_device(tmp / "lap", package, PASSWORD, kdf=KDF)
            device_id = campaign.device_config_of(lap).device_id
            (tmp / "usb").mkdir()
            for _ in range(n_bundles):
                add_completed(lap, 100, device_id, rng)
                export_bundle(lap, tmp / "usb")
            sent = f"SELECT {COLUMNS} FROM interviews WHERE status = 'exported'"
            rows = [list(r) for r in lap.db.execute(sent).fetchall()]
            payloads = []
            for bundle in sorted((tmp / "usb").glob("*.fsb")):
                outer = verify_file(coord, bundle.read_bytes())
                payloads.append(
                    payload_stream.read_whole(outer.header, outer.container.payload_view, identity)
                )
            db = coord.db
            _current_listing(db)
            extra = _analysis_writes(db, payloads, device_id)
            times: dict[str, list[float]] = {
                "merge": [], "bare": [], "plain": [], "all": [], "rows": []
            }  # fmt: skip
            refresh = analysis_tables.refresh
            for _ in range(repeat):
                for name in times:
                    analysis_tables.refresh = (lambda db, *_: 0) if name == "bare" else refresh  # type: ignore[assignment]
                    db.execute("BEGIN IMMEDIATE")
                    try:
                        job = functools.partial(_write, name, db, rows, payloads, device_id, extra)
                        times[name].append(cpu_timed(job)[1])
                    finally:
                        db.execute("ROLLBACK")
                        analysis_tables.refresh = refresh  # type: ignore[assignment]
            rounds = _import_rounds(coord, lap, device_id, tmp, n_bundles, imports, rng)
            lap.close()
            coord.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        n = len(rows)
        merge, bare, plain, every, multi = (
            statistics.median(times[k]) for k in ("merge", "bare", "plain", "all", "rows")
        )
        print(f"{size:>10,} {n / merge:>9,.0f} {n / bare:>14,.0f} {n / plain:>14,.0f} "
              f"{plain / merge:>6.2f} {plain / bare:>18.2f} {n / every:>12,.0f} "
              f"{every / merge:>15.2f} {n / multi:>12,.0f} {multi / merge:>16.2f} "
              f"{1000 * merge / n:>13.3f}")  # fmt: skip
        print(f"{'':>10} (load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
              f"merge ms CPU per interview of each run: "
              f"{' '.join(f'{1000 * t / n:.2f}' for t in times['merge'])})")  # fmt: skip
        if imports:
            ratios = (p / t for p, t in zip(rounds["plain"], rounds["import"], strict=True))
            whole, plain_c, multi_c = (
                statistics.median(rounds[k]) for k in ("import", "plain", "rows")
            )
            print(f"{'':>10} committed, {imports} rounds of {n_bundles} bundles (CPU ms per "
                  f"interview, medians): import_files {1000 * whole / n:.3f}; executemany "
                  f"{1000 * plain_c / n:.3f} (ratio {plain_c / whole:.2f}); multi-row "
                  f"{1000 * multi_c / n:.3f} (ratio {multi_c / whole:.2f}); import_files of "
                  f"each round {' '.join(f'{1000 * t / n:.2f}' for t in rounds['import'])}; "
                  f"executemany {' '.join(f'{1000 * t / n:.2f}' for t in rounds['plain'])}; "
                  f"ratio {' '.join(f'{r:.2f}' for r in ratios)}"
                  )  # fmt: skip


def _import_rounds(
    coord: Workspace,
    lap: Workspace,
    device_id: str,
    tmp: Path,
    n_bundles: int,
    rounds: int,
    rng: random.Random,
) -> dict[str, list[float]]:
    """Whole imports, committed (``--imports``): each round ``import_files`` of
    ``n_bundles`` new bundles (checks, decryption, parsing, merge, one transaction and
    fsync per bundle, the duplicate lookup), beside as many other rows of the same laptop
    inserted raw, one transaction per 100 rows as the import commits them: executemany,
    then multi-row. CPU seconds of each, per round; the store grows by the rows written
    (the baselines' analysis rows are written untimed after each: :func:`_settle`)."""
    times: dict[str, list[float]] = {"import": [], "plain": [], "rows": []}
    marks = ", ".join("?" * 15)
    for r in range(rounds):
        usb = tmp / f"usb-{r}"
        usb.mkdir()
        for _ in range(n_bundles):
            add_completed(lap, 100, device_id, rng)
            export_bundle(lap, usb)
        raw: dict[str, list[list[Any]]] = {}
        for name in ("plain", "rows"):
            add_completed(lap, 100 * n_bundles, device_id, rng)
            found = lap.db.execute(f"SELECT {COLUMNS} FROM interviews WHERE status = 'completed'")
            raw[name] = [[*row[:8], "exported", *row[9:]] for row in found]
            lap.db.execute(
                "UPDATE interviews SET status = 'acknowledged' WHERE status = 'completed'"
            )
        bundles = sorted(usb.glob("*.fsb"))

        def whole(bundles: list[Path] = bundles) -> None:
            report = import_files(coord, bundles)
            assert sum(len(f.merge.new) for f in report.files if f.merge) == 100 * len(bundles)

        def insert(name: str, raw: dict[str, list[list[Any]]] = raw) -> None:
            for start in range(0, len(raw[name]), 100):
                with coord.transaction() as db:
                    part = raw[name][start : start + 100]
                    if name == "plain":
                        db.conn.executemany(
                            f"INSERT INTO interviews ({COLUMNS}) VALUES ({marks})", part
                        )
                    else:
                        insert_rows(db, f"INSERT INTO interviews ({COLUMNS})", 15, part)

        times["import"].append(cpu_timed(whole)[1])
        times["plain"].append(cpu_timed(lambda: insert("plain"))[1])
        _settle(coord)
        times["rows"].append(cpu_timed(lambda: insert("rows"))[1])
        _settle(coord)
    return times


def _settle(coord: Workspace) -> None:
    """The analysis rows of the rows a raw baseline inserted, untimed. Its inserts note
    their uuids stale (trigger ``analysis_stale_insert``); left so, the next round's
    import would read, parse and write them in its ``analysis_tables.refresh``: 1,000
    other interviews' rows charged to the 500 it imports (before issue 15's ninth pass
    that made the rounds' import 1.9-2.4x its first round's: the "drift")."""
    from fieldsurvey.store import analysis_tables

    with coord.transaction() as db:
        analysis_tables.refresh(db)


def _current_listing(db: Any) -> None:
    """Bring a store cached with the listing's first draft (``interview_list``, its
    counts and triggers, no per-order indexes) to migration 0018 as it is now."""
    from fieldsurvey.store.interview_listing import migrate_interview_listing

    if not db.table_exists("interview_list"):
        return
    started = time.process_time()
    db.execute("BEGIN IMMEDIATE")
    triggers = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'interview_list%' "
        "OR name LIKE 'interview_search%' OR name LIKE 'interview_counts%')"
    ).fetchall()
    for (name,) in triggers:
        db.execute(f"DROP TRIGGER {name}")
    for table in ("interview_list", "interview_counts", "interview_search"):
        db.execute(f"DROP TABLE {table}")
    migrate_interview_listing(db)
    db.execute("CREATE INDEX IF NOT EXISTS idx_interviews_form ON interviews (form_id, status)")
    db.execute("COMMIT")
    print(f"  (cached store of the listing's first draft brought to 0018: "
          f"{time.process_time() - started:.1f} s CPU, untimed)")  # fmt: skip


def _analysis_writes(db: Any, payloads: list[Any], device: str) -> list[tuple[str, list[Any]]]:
    """The analysis tables' inserts an (untimed, rolled back) merge of ``payloads``
    makes: (statement, rows), for the "all rows" baseline."""
    captured: list[tuple[str, list[Any]]] = []
    original = type(db).executemany

    def capture(self: Any, sql: str, rows: Any) -> Any:
        rows = list(rows)
        if sql.startswith('INSERT INTO "analysis_'):
            captured.append((sql, rows))
        return original(self, sql, rows)

    type(db).executemany = capture  # type: ignore[method-assign]
    db.execute("BEGIN IMMEDIATE")
    try:
        _write("merge", db, [], payloads, device, [])
    finally:
        db.execute("ROLLBACK")
        type(db).executemany = original  # type: ignore[method-assign]
    return captured


def _write(
    name: str,
    db: Any,
    rows: list[list[Any]],
    payloads: list[Any],
    device: str,
    extra: list[tuple[str, list[Any]]],
) -> None:
    """The timed writes of ``merge_into_stores``: executemany ("plain"; "all": and the
    analysis rows), or the merge."""
    if name == "rows":  # several rows per statement, as the merge inserts them
        insert_rows(db, f"INSERT INTO interviews ({COLUMNS})", 15, rows)
        return
    if name in ("plain", "all"):
        marks = ", ".join("?" * 15)
        db.conn.executemany(f"INSERT INTO interviews ({COLUMNS}) VALUES ({marks})", rows)
        for sql, analysis_rows in extra if name == "all" else []:
            db.conn.executemany(sql, analysis_rows)
        return
    for p in payloads:
        report = merge_payload(db, p, device_id=device, bundle_id=p.bundle, who="b")
        assert len(report.new) == len(p.interviews), report.counts()


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def plain_insert(home: Path, rows: list[list[Any]]) -> tuple[float, float]:
    """Baseline: one executemany of the rows into a fresh workspace's interviews table."""
    with Workspace.create(home, PASSWORD, role="coordinator", kdf=KDF) as ws:

        def insert() -> None:
            with ws.transaction() as db:
                db.conn.executemany(
                    f"INSERT INTO interviews ({COLUMNS}) VALUES ({', '.join('?' * 15)})", rows
                )

        return cpu_timed(insert)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stores", help="merge into cached stores of these sizes (1000,...)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/fieldsurvey-bench"))
    parser.add_argument("--bundles", type=int, default=10, help="bundles of 100 (--stores)")
    parser.add_argument(
        "--imports", type=int, default=0,
        help="--stores: also this many rounds of whole, committed imports (import_files) "
        "beside raw inserts committed per 100 rows",
    )  # fmt: skip
    args = parser.parse_args()
    if args.stores:
        sizes = [int(s) for s in args.stores.split(",") if s]
        merge_into_stores(sizes, args.cache, args.bundles, args.repeat, args.imports)
        return
    n_export, n_bundles, per_bundle = (1000, 10, 50) if args.quick else (10_000, 100, 100)
    rng = random.Random(4)
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        coord, _ = campaign.init_campaign(
            tmp / "coord", PASSWORD, name="bench", recovery_key_out=tmp / "rec.txt", kdf=KDF
        )
        install_default_form(coord)  # the records' form: merged, not held in the quarantine
        data, _ = enrolment.issue_device(coord, "lap", "pass")
        (tmp / "lap.pkg").write_bytes(data)
        lap = enrolment.setup_device(
            tmp / "lap", enrolment.read_package(tmp / "lap.pkg", "pass"), PASSWORD, kdf=KDF
        )
        device_id = campaign.device_config_of(lap).device_id
        coord.close()

        # 1. export of n_export interviews
        add_completed(lap, n_export, device_id, rng)
        export_times, baseline_export = [], []
        for run in range(args.repeat):
            out = tmp / f"export-{run}"
            out.mkdir()
            lap.db.execute("UPDATE interviews SET status = 'completed'")

            def export_to(out: Path = out) -> None:
                export_bundle(lap, out)

            export_times.append(timed(export_to))

            def plain_export(out: Path = out) -> None:
                rows = lap.db.execute(f"SELECT {COLUMNS} FROM interviews").fetchall()
                (out / "plain.json").write_text(json.dumps(rows, ensure_ascii=False))

            baseline_export.append(timed(plain_export))
        bundle_size = next((tmp / "export-0").glob("*.fsb")).stat().st_size
        lap.db.execute("UPDATE interviews SET status = 'acknowledged'")

        # 2. import + merge of n_bundles x per_bundle
        usb = tmp / "usb"
        usb.mkdir()
        for _ in range(n_bundles):
            add_completed(lap, per_bundle, device_id, rng)
            export_bundle(lap, usb)
        bundles = sorted(usb.glob("*.fsb"))
        template = tmp / "coord-template"
        shutil.copytree(tmp / "coord", template)
        rows = lap.db.execute(
            f"SELECT {COLUMNS} FROM interviews WHERE status = 'exported'"
        ).fetchall()
        import_times, merge_times, plain_times = [], [], []
        merge_cpu: list[float] = []
        plain_cpu: list[float] = []
        for run in range(args.repeat):
            shutil.copytree(template, tmp / f"coord-{run}")
            with Workspace.open(tmp / f"coord-{run}", PASSWORD) as ws:
                report = None

                def do_import(ws: Workspace = ws) -> None:
                    nonlocal report
                    report = import_files(ws, bundles)

                import_times.append(timed(do_import))
                assert report is not None and not report.any_rejected
                # every record must really merge (not wait in the quarantine), or this
                # would time refusals
                merged_new = sum(len(f.merge.new) for f in report.files if f.merge)
                assert merged_new == n_bundles * per_bundle, merged_new
            # merge step alone: decrypt first (untimed), then merge all in one transaction
            shutil.copytree(template, tmp / f"merge-{run}")
            with Workspace.open(tmp / f"merge-{run}", PASSWORD) as ws:
                identity = [keys.age_identity(campaign.campaign_of(ws).age_identity)]
                outers = [verify_file(ws, b.read_bytes()) for b in bundles]
                payloads = [
                    payload_stream.read_whole(o.header, o.container.payload_view, identity)
                    for o in outers
                ]

                def merge_all(ws: Workspace = ws, payloads: list[Any] = payloads) -> None:
                    with ws.transaction() as db:
                        for p in payloads:
                            merge_payload(db, p, device_id=device_id, bundle_id=p.bundle, who="b")

                wall, cpu = cpu_timed(merge_all)
                merge_times.append(wall)
                merge_cpu.append(cpu)
            plain_wall, cpu = plain_insert(tmp / f"plain-{run}", [list(r) for r in rows])
            plain_times.append(plain_wall)
            plain_cpu.append(cpu)
        lap.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    med = statistics.median
    n_rows = n_bundles * per_bundle
    export, base = med(export_times), med(baseline_export)
    print(
        f"export of {n_export} interviews: median {export:.2f} s (target < 3 s; bundle "
        f"{bundle_size / 1e6:.1f} MB); baseline read + plain JSON {base:.2f} s; "
        f"ratio {export / base:.1f}x"
    )
    imported, plain, merged = med(import_times), med(plain_times), med(merge_times)
    print(
        f"import + merge of {n_bundles} bundles x {per_bundle}: median {imported:.2f} s "
        f"(target < 10 s); baseline executemany {plain:.2f} s; ratio {imported / plain:.1f}x"
    )
    print(
        f"merge throughput: {n_rows / merged:,.0f} rows/s vs executemany "
        f"{n_rows / plain:,.0f} rows/s; ratio {plain / merged:.2f} (target >= 0.5)"
    )
    merged_cpu, plain_cpu_s = med(merge_cpu), med(plain_cpu)
    print(
        f"merge throughput, CPU time: {n_rows / merged_cpu:,.0f} rows/s vs executemany "
        f"{n_rows / plain_cpu_s:,.0f} rows/s; ratio {plain_cpu_s / merged_cpu:.2f}"
    )


if __name__ == "__main__":
    main()
