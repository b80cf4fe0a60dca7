"""A coordinator of 1,000,000 interviews made from the one of 100,000 built through the real
import path (bench/scale_stores.py), by copying its interviews nine times inside SQLite.

    .venv/bin/python bench/scale_replicate.py [--from 100000] [--times 10] [--cache DIR]

Why: the real import path costs about 5.5 ms of CPU per interview on this 2-core machine
(checks against the form, merge, analysis rows, commit), plus the laptops' side; 900,000
more interviews would take hours. The copies keep what the import made (the answers, the
listing columns, the search index through its triggers, the analysis tables' rows and
repeat instances), each copy with:

- its own uuids (the first hex digit XOR the copy's number);
- its own household ids and respondent names (``HA-73364`` becomes ``HA-73364-3``, in the
  listing column, the answers and the analysis columns), so possible duplicates stay as
  rare as in the source;
- its own analysis row ids (``_id`` + copy x the source's largest ``_id``).

Everything else (dates, wards, names, answers) is the source's: a copy is another wave of
the same city. The indexes of the copied tables are dropped while the rows go in and made
again once (their SQL read from ``sqlite_master``), in one transaction. The result is
``DIR/coord-<n x times>`` with ``built.json`` (``"replicated_from"``). It is bench data, not a
migration path: the figures measured on it say so (docs/benchmarks.md, "Scale").
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import time
from pathlib import Path
from typing import Any

from fieldsurvey.store import person_keys
from fieldsurvey.store.workspace import Workspace

PASSWORD = "bench-password"
DEFAULT_CACHE = Path("/tmp/fieldsurvey-bench")
#: Answers each copy makes its own (suffixed ``-<copy>``), so possible duplicates (same
#: ward and household id; same respondent name and age) stay as rare as in the source.
OWN_PATHS = ("location/household_id", "respondent/resp_name")


def _columns(db: Any, table: str) -> list[str]:
    return [str(r[1]) for r in db.execute(f'PRAGMA table_info("{table}")')]


def replicate(cache: Path, source_n: int, times: int) -> Path:
    source = cache / f"coord-{source_n}"
    if not (source / "built.json").exists():
        raise SystemExit(f"no source store: {source} (run bench/scale_stores.py first)")
    n = source_n * times
    out = cache / f"coord-{n}"
    work = cache / f"replicate-{n}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work)
    (work / "built.json").unlink()
    started = time.perf_counter()
    ws = Workspace.open(work, PASSWORD)
    db = ws.db
    tables = ["interviews"]
    mains = [str(r[0]) for r in db.execute("SELECT 'analysis_' || number FROM analysis_forms")]
    repeats = [
        str(r[0])
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name GLOB 'analysis_[0-9]*_[0-9]*'"
        )
    ]
    tables += mains + repeats
    with ws.transaction() as tx:
        c = tx.conn
        marks = ", ".join("?" * len(tables))
        indexes = c.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks})",
            tables,
        ).fetchall()
        for name, _sql in indexes:
            c.execute(f'DROP INDEX "{name}"')
        last_rowid = c.execute("SELECT max(rowid) FROM interviews").fetchone()[0]
        columns = _columns(c, "interviews")
        source_max = {m: c.execute(f'SELECT max(_id) FROM "{m}"').fetchone()[0] or 0 for m in mains}
        own: dict[str, set[str]] = {}
        for main in mains:
            own[main] = {"household_id"}
            for path in OWN_PATHS:
                found = c.execute(
                    "SELECT a.col FROM analysis_columns a JOIN analysis_forms f "
                    "ON f.form_id = a.form_id WHERE 'analysis_' || f.number = ? "
                    "AND a.scope = '' AND a.path = ?",
                    [main, path],
                ).fetchone()
                if found:
                    own[main].add(str(found[0]))
        for k in range(1, times):
            t0 = time.perf_counter()
            exprs = [_interview_expr(col, k) for col in columns]
            quoted = ", ".join(f'"{x}"' for x in columns)
            c.execute(
                f"INSERT INTO interviews ({quoted}) "
                f"SELECT {', '.join(exprs)} FROM interviews WHERE rowid <= ? ORDER BY rowid",
                [last_rowid],
            )
            for main in mains:
                shift = k * source_max[main]
                sel = []
                for col in _columns(c, main):
                    if col == "_id":
                        sel.append(f"_id + {shift}")
                    elif col == "uuid":
                        sel.append(_new_uuid(k))
                    elif col in own[main]:
                        sel.append(_suffixed(col, k))
                    else:
                        sel.append(f'"{col}"')
                c.execute(
                    f'INSERT INTO "{main}" SELECT {", ".join(sel)} FROM "{main}" WHERE _id <= ?',
                    [source_max[main]],
                )
                for rep in repeats:
                    if not rep.startswith(main + "_"):
                        continue
                    rsel = [f"_id + {shift}" if x == "_id" else f'"{x}"' for x in _columns(c, rep)]
                    c.execute(
                        f'INSERT INTO "{rep}" SELECT {", ".join(rsel)} FROM "{rep}" WHERE _id <= ?',
                        [source_max[main]],
                    )
            print(f"copy {k}: {time.perf_counter() - t0:.1f} s", flush=True)
        c.execute("DELETE FROM analysis_stale")  # the copies' rows were copied with them
        if "person_name" in columns:  # migration 0028: the copies' respondent keys
            t0 = time.perf_counter()
            person_keys.fill_unknown(tx)
            print(f"respondent keys: {time.perf_counter() - t0:.1f} s", flush=True)
        t0 = time.perf_counter()
        for _name, sql in indexes:
            c.execute(sql)
        print(f"indexes: {time.perf_counter() - t0:.1f} s", flush=True)
    count = db.execute("SELECT count(*) FROM interviews").fetchone()[0]
    ws.close()
    if count != n:
        raise SystemExit(f"made {count} interviews, not {n}")
    shutil.rmtree(out, ignore_errors=True)
    work.rename(out)
    facts = {
        "interviews": n,
        "replicated_from": str(source),
        "times": times,
        "build_s": time.perf_counter() - started,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    (out / "built.json").write_text(json.dumps(facts))
    print(f"cached {out}: {facts}", flush=True)
    return out


def _new_uuid(k: int) -> str:
    """The copy's uuid: the first hex digit XOR ``k`` (1-15): no copy meets another or a
    source uuid (the other 35 characters of the source's uuids are unique)."""
    digit = "(instr('0123456789abcdef', substr(uuid, 1, 1)) - 1)"
    return (
        f"substr('0123456789abcdef', (({digit} | {k}) - ({digit} & {k})) + 1, 1) || substr(uuid, 2)"
    )


def _suffixed(col: str, k: int) -> str:
    return f'CASE WHEN "{col}" IS NULL OR "{col}" = \'\' THEN "{col}" ELSE "{col}" || \'-{k}\' END'


def _interview_expr(col: str, k: int) -> str:
    if col in person_keys.KEY_COLUMNS:
        return "NULL"  # the respondent's name changed: worked out again after the copies
    if col == "uuid":
        return _new_uuid(k)
    if col == "household_id":
        return _suffixed(col, k)
    if col == "answers":
        expr = "answers"
        for own in OWN_PATHS:
            path = "'$." + own.replace("/", ".") + "'"
            expr = (
                f"CASE WHEN json_extract(answers, {path}) IS NULL THEN {expr} "
                f"ELSE json_set({expr}, {path}, json_extract(answers, {path}) || '-{k}') END"
            )
        return expr
    return f'"{col}"'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=int, default=100_000)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    if not 1 < args.times <= 16:
        raise SystemExit("--times: 2 to 16")
    replicate(args.cache, args.source, args.times)


if __name__ == "__main__":
    main()
