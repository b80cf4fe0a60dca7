"""Reports and exports as a coordinator grows: 1,000 to 1,000,000 interviews (issue 15).

    .venv/bin/python bench/scale_stores.py --sizes 1000,10000,100000   # once (cached)
    .venv/bin/python bench/bench_scale.py --sizes 1000,10000,100000 [--repeat 3] [--write]

Each measure runs in a child process of its own on a cached coordinator workspace
(``bench/scale_stores.py``: built through the real import path), ``--repeat`` times
after one warm-up, and reports the median CPU time (this process: the machine is shared)
and wall time, and the child's peak resident memory:

- ward PDF: ``write_workspace_summary`` of one ward (Phúc Tân), read from the workspace;
- all-wards PDF: the district overview and the 18 ward sections;
- csv export: ``export_workspace(ws, "csv", ...)`` (every table, the codebook);
- xlsx, Stata and SPSS exports: the same, end to end (``--measures xlsx,stata,spss``);
- reading the answers: every answer of every interview and member, as columns
  (``analysis_tables.read_main`` + ``read_repeat``);
- baseline, same run: sqlite3 (the same SQLCipher connection) reading the same rows
  (the analysis tables, ``SELECT *``) and writing them with ``csv.writer``;
- with ``--before``: the same PDF and csv through the documents (JSON) path, once.

The first open of a store built before migration 0019 fills its analysis tables (the
upgrade); that is timed once and reported apart. ``--write`` puts the table into
docs/benchmarks.md ("Scale (issue 15)").

Beside a same-run baseline on a shared machine: ``--rounds R`` runs every child R times,
the measures in turns (csv, baseline, csv, baseline, ...), and reports the medians over
the rounds (each child's own median of ``--repeat``) and the ratio of each round; with
``--base-code DIR`` each measure also runs on the code in DIR (PYTHONPATH; e.g.
``git archive HEAD fieldsurvey | tar -x -C DIR``), in the same turns, as ``csv@base``:

    .venv/bin/python bench/bench_scale.py --sizes 100000 --measures csv,baseline \
        --rounds 3 --repeat 1 --base-code /tmp/base --cache /tmp/copies
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_stores

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
FORM = "mnet_migrant_household"
MEASURES = ("ward_pdf", "all_pdf", "csv", "reading", "baseline")
EXPORTS = ("xlsx", "stata", "spss")  # end to end, with --measures
BEFORE = ("ward_pdf_json", "all_pdf_json", "csv_json")
LABELS = {
    "upgrade": "first open: fill the analysis tables (once, CPU s)",
    "ward_pdf": "ward PDF read from the workspace",
    "all_pdf": "all-wards PDF",
    "csv": "csv export",
    "xlsx": "xlsx export",
    "stata": "Stata export",
    "spss": "SPSS export",
    "reading": "reading the answers (as columns)",
    "baseline": "baseline: sqlite3 reading the same rows into csv",
    "ward_pdf_json": "before: ward PDF through the documents",
    "all_pdf_json": "before: all-wards PDF through the documents",
    "csv_json": "before: csv export through the documents",
}


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _task(ws: Any, name: str, out: Path) -> Callable[[], object]:
    from fieldsurvey.reports.export_writers import export_workspace
    from fieldsurvey.reports.workspace_report import write_workspace_summary
    from fieldsurvey.store import analysis_tables

    if name == "ward_pdf":
        return lambda: write_workspace_summary(ws, out / "ward.pdf", wards=["phuc_tan"])
    if name == "all_pdf":
        return lambda: write_workspace_summary(ws, out / "all.pdf")
    if name in ("csv", *EXPORTS):
        return lambda: export_workspace(ws, name, out / name)  # type: ignore[arg-type]
    if name == "reading":

        def reading() -> int:
            layout = analysis_tables.layout_of(ws, FORM)
            assert layout is not None
            main = analysis_tables.read_main(ws, layout, list(layout.main.fields))
            n = len(main.ids)
            for scope in layout.all_scopes()[1:]:
                n += len(
                    analysis_tables.read_repeat(
                        ws, layout, scope, list(scope.fields), owners=main.ids
                    ).owners
                )
            return n

        return reading
    if name == "baseline":

        def baseline() -> None:
            layout = analysis_tables.layout_of(ws, FORM)
            assert layout is not None
            for scope in layout.all_scopes():
                cursor = ws.db.execute(f'SELECT * FROM "{scope.table}"')  # bench code
                with open(out / f"{scope.table}.csv", "w", encoding="utf-8", newline="") as f:
                    writer = csv.writer(f)
                    writer.writerow([d[0] for d in cursor.description])
                    writer.writerows(cursor)

        return baseline
    if name.endswith("_json"):
        from fieldsurvey.reports import workspace_reader

        # this child only: the readers find no analysis tables and read the documents
        workspace_reader.StoredInterviews.analysis = lambda self: None  # type: ignore[method-assign]
        return _task(ws, name.removesuffix("_json"), out)
    raise SystemExit(f"unknown measure {name}")


def child(store: Path, name: str, repeat: int) -> None:
    from fieldsurvey.store.workspace import Workspace

    # the files each run writes are deleted when the child ends: at 1,000,000 interviews
    # an export leaves 1-2 GB, and runs left behind filled the page cache until the
    # store's own pages were read from the disk again
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        out = Path(folder)
        with Workspace.open(store, scale_stores.PASSWORD) as ws:
            run = _task(ws, name, out)
            if not os.environ.get("BENCH_SCALE_NO_WARM_UP"):
                run()  # warm-up: fonts, imports, caches
            wall, cpu = [], []
            for _ in range(repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                run()
                wall.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
    print(json.dumps({"cpu": statistics.median(cpu), "wall": statistics.median(wall),
                      "rss_mb": _peak_mb()}))  # fmt: skip


def upgrade(store: Path) -> dict[str, float]:
    """Open once (migration 0019 fills the tables if the store predates it)."""
    code = (
        "import time, json, sys\n"
        "from pathlib import Path\n"
        "from fieldsurvey.store.workspace import Workspace\n"
        "c = time.process_time(); w = time.perf_counter()\n"
        f"ws = Workspace.open(Path({str(store)!r}), {scale_stores.PASSWORD!r}); ws.close()\n"
        "print(json.dumps({'cpu': time.process_time() - c, 'wall': time.perf_counter() - w}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, check=True)
    result: dict[str, float] = json.loads(proc.stdout)
    return result


def run_child(store: Path, name: str, repeat: int, code: str = "") -> dict[str, float]:
    env = dict(os.environ)
    if code:  # this code first on the path (the old code of a same-run comparison)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [code, env.get("PYTHONPATH", "")]))
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(store), name, str(repeat)],
        stdout=subprocess.PIPE,
        check=True,
        env=env,
    )
    result: dict[str, float] = json.loads(proc.stdout.splitlines()[-1])
    return result


def table(results: dict[int, dict[str, dict[str, float]]], names: list[str]) -> list[str]:
    sizes = sorted(results)
    head = (
        "| measure (CPU s, median; wall s; peak MB) | " + " | ".join(f"{n:,}" for n in sizes) + " |"
    )
    lines = [head, "|---|" + "---:|" * len(sizes)]
    filled = any(results[n]["upgrade"]["cpu"] > 0.1 for n in sizes)  # else: done before
    for name in ["upgrade", *names] if filled else names:
        cells = []
        for n in sizes:
            r = results[n].get(name)
            if r is None:
                cells.append("")
            elif name.startswith("ratio "):
                each = ", ".join(f"{v:.2f}" for k, v in r.items() if k.startswith("round"))
                cells.append(f"{r['cpu']:.2f} (rounds: {each})")
            elif name == "upgrade":
                cells.append(f"{r['cpu']:.2f} ({r['wall']:.1f})")
            else:
                cells.append(f"{r['cpu']:.2f} ({r['wall']:.2f}; {r['rss_mb']:.0f})")
        lines.append(f"| {_label(name)} | " + " | ".join(cells) + " |")
    return lines


def _label(name: str) -> str:
    if name.startswith("ratio "):
        return name
    base, _, code = name.partition("@")
    return LABELS[base] + (f" ({code} code)" if code else "")


def add_ratios(
    result: dict[str, dict[str, float]], rounds: list[dict[str, dict[str, float]]]
) -> list[str]:
    """Each export's CPU / the baseline's: the median, and each round's (``round1``...)."""
    names = []
    for name in list(result):
        if name.partition("@")[0] in ("csv", *EXPORTS) and "baseline" in result:
            each = [r[name]["cpu"] / r["baseline"]["cpu"] for r in rounds]
            key = f"ratio {name} / baseline (CPU)"
            result[key] = {"cpu": statistics.median(each)}
            result[key].update({f"round{k}": x for k, x in enumerate(each, 1)})
            names.append(key)
    return names


def write_docs(lines: list[str], note: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    start, end = "<!-- scale-issue-15 -->", "<!-- /scale-issue-15 -->"
    block = f"{start}\n{note}\n\n" + "\n".join(lines) + f"\n{end}"
    if start in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n## Scale (issue 15)\n\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--cache", type=Path, default=scale_stores.DEFAULT_CACHE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measures", default=",".join(MEASURES))
    parser.add_argument("--before", action="store_true", help="also the documents path, once")
    parser.add_argument("--write", action="store_true", help="into docs/benchmarks.md")
    parser.add_argument("--rounds", type=int, default=1, help="children run in turns, R times")
    parser.add_argument("--base-code", default="", help="also each measure on this code (DIR)")
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="time each child's first run (at 1,000,000 a warm-up run costs minutes; its "
        "imports and fonts are about a second of them)",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.no_warm_up:
        os.environ["BENCH_SCALE_NO_WARM_UP"] = "1"  # the children's environment
    if args.child:
        child(Path(args.child[0]), args.child[1], int(args.child[2]))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    names = [m for m in args.measures.split(",") if m]
    missing = [n for n in sizes if not scale_stores.cached(args.cache, n)]
    if missing:
        raise SystemExit(f"build the stores first: bench/scale_stores.py --sizes {args.sizes}")
    results: dict[int, dict[str, dict[str, float]]] = {}
    load = [os.getloadavg()[0]]
    runs = [(m, "") for m in names]
    if args.base_code:
        runs += [(m, args.base_code) for m in names if m != "baseline"]
    shown = [m + ("@base" if code else "") for m, code in runs]
    ratios: list[str] = []
    for n in sizes:
        store = scale_stores.store_path(args.cache, n)
        results[n] = {"upgrade": upgrade(store)}
        rounds: list[dict[str, dict[str, float]]] = []
        for _ in range(args.rounds):  # every measure once per round, in turns
            done: dict[str, dict[str, float]] = {}
            for (name, code), label in zip(runs, shown, strict=True):
                done[label] = run_child(store, name, args.repeat, code)
                print(n, label, done[label], f"load {os.getloadavg()[0]:.1f}", flush=True)
            rounds.append(done)
            load.append(os.getloadavg()[0])
        for label in shown:
            results[n][label] = {
                k: statistics.median(r[label][k] for r in rounds) for k in ("cpu", "wall", "rss_mb")
            }
        ratios = add_ratios(results[n], rounds)
        for name in list(BEFORE) if args.before else []:
            results[n][name] = run_child(store, name, 1)
            print(n, name, results[n][name], flush=True)
        load.append(os.getloadavg()[0])
    lines = table(results, shown + ratios + (list(BEFORE) if args.before else []))
    note = (
        f"`.venv/bin/python bench/bench_scale.py --sizes {args.sizes} --repeat {args.repeat}"
        f" --rounds {args.rounds}{' --base-code DIR' if args.base_code else ''}"
        f"{' --no-warm-up' if args.no_warm_up else ''}"
        f"{' --before' if args.before else ''}`; load average {min(load):.1f}–{max(load):.1f} "
        f"on 2 cores. Stores: `bench/scale_stores.py` (real import path, default survey, "
        f"synthetic households, ~3 members each, 18 wards)."
    )
    print(note)
    print("\n".join(lines))
    if args.write:
        write_docs(lines, note)


if __name__ == "__main__":
    main()
