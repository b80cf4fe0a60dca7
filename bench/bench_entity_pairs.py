"""The Entities tab's "same household twice?" pairs at scale (issue 15, issue 16): the
entries a possible duplicate's interviews created, read once from the entities table,
against the reading as it was (each interview's stored actions, a statement per
interview, then a search per group and list when they hold none, as on every
coordinator), in the same run, on a copy of a cached coordinator store.

    .venv/bin/python bench/bench_entity_pairs.py [--store /tmp/fieldsurvey-bench/coord-100000]
        [--work /tmp/pairs-work] [--repeat 5] [--no-baseline]

The scale stores hold no entity list (their survey registers none), so the copy gets
one: every interview registers its household in ``households`` (created by that
interview, as a merged bundle's action does), once, kept in ``--work`` for later runs.
The possible duplicates are read once; then the two readings of the pairs alternate
``--repeat`` times (CPU and wall seconds, medians; the collector paused as the app's
task runs them). Then the search a group whose interviews created fewer than two entries
falls back to (the entries holding its household id), as it was (``list_entities``: the
list walked in label order) and now (``matching_entities``: from the search index's
matches, in the group's ward), over the first 1,000 such keys: ms per group, in how many
groups they found other entries, and whether what it finds now the old search found too.
Prints JSON. ``--no-baseline``: the new reading only (the old one took 166 s at 100,000).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fieldsurvey.forms.entity_model import EntityAction, entity_id_for
from fieldsurvey.gc_pause import gc_paused
from fieldsurvey.store import entities as es
from fieldsurvey.store import entity_local
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import entity_duplicates
from fieldsurvey.sync.duplicates import DuplicateGroup, all_duplicates
from fieldsurvey.sync.entity_duplicates import DuplicatePair, duplicate_pairs

PASSWORD = "bench-password"
DEVICE = "bench-registrations"


def per_interview(ws: Workspace, groups: Sequence[DuplicateGroup]) -> list[DuplicatePair]:
    """duplicate_pairs as it was before (the baseline)."""
    names = [name for name, _size in es.lists(ws.db)]
    out = []
    for group in groups:
        found: dict[str, list[es.StoredEntity]] = {}
        for uuid in group.uuids:
            for action in entity_local.actions_of(ws.db, uuid):
                entity = es.get_entity(ws.db, action.list_name, action.entity_id)
                if action.verb == "create" and entity is not None and not entity.deleted:
                    found.setdefault(action.list_name, []).append(entity)
        if not any(len(v) >= 2 for v in found.values()):
            found = {n: entity_duplicates._holding(ws, n, group.rule, group.key) for n in names}
        for _name, entries in sorted(found.items(), key=lambda item: item[0]):
            unique = sorted(
                {e.entity_id: e for e in entries}.values(),
                key=lambda e: (e.created_at, e.entity_id),
            )
            if len(unique) >= 2:
                first, second = map(es.entry_ref, unique[:2])
                out.append(DuplicatePair(group.rule, group.key, first, second))
    return out


def old_holding(ws: Workspace, list_name: str, key: str) -> list[es.StoredEntity]:
    """entity_duplicates._holding's household-id search as it was (the baseline)."""
    wanted = key.rpartition("/")[2].strip()
    found = es.list_entities(ws.db, list_name, text=wanted, limit=20)
    return [e for e in found if any(v.strip().casefold() == wanted.casefold()
                                    for v in e.properties.values())]  # fmt: skip


def fallback(ws: Workspace, groups: Sequence[DuplicateGroup]) -> dict[str, Any]:
    """The household-id search per group, as it was and now (ms of CPU per group)."""
    keys = [g.key for g in groups if g.rule == "ward+household"][:1000]
    out: dict[str, Any] = {"groups": len(keys)}
    found = {}
    for name, search in (
        ("as it was", lambda key: old_holding(ws, "households", key)),
        ("now", lambda key: entity_duplicates._holding(ws, "households", "ward+household", key)),
    ):
        start = time.process_time()
        with gc_paused():
            found[name] = [sorted(e.entity_id for e in search(key)) for key in keys]
        out[f"{name}_ms_per_group"] = round((time.process_time() - start) / len(keys) * 1000, 2)
    pairs = list(zip(found["as it was"], found["now"], strict=True))
    out["groups with other entries"] = sum(old != new for old, new in pairs)
    # now keeps to the group's ward: what it finds, the old search found too
    out["now within as it was"] = all(set(new) <= set(old) for old, new in pairs)
    return out


def register_households(ws: Workspace) -> int:
    """Every interview registers its household (once per copy)."""
    if es.lists(ws.db):
        return 0
    rows = ws.db.execute(
        "SELECT uuid, ward, household_id, respondent FROM interviews"  # bench set-up
    ).fetchall()
    for start in range(0, len(rows), 1000):
        with ws.transaction():
            for n, (uuid, ward, household, respondent) in enumerate(rows[start : start + 1000]):
                nonce = f"{start + n:032x}"
                action = EntityAction(
                    "households", entity_id_for(DEVICE, nonce), "create",
                    f"{household} – {respondent or 'hộ'}", {"hh_id": household or ""},
                    nonce=nonce,
                )  # fmt: skip
                es.merge_actions(ws.db, interview_uuid=uuid, device_id=DEVICE, ward=ward or "",
                                 actions=[action])  # fmt: skip
    return len(rows)


def timed(run: Callable[[], Any]) -> tuple[float, float, Any]:
    start, start_cpu = time.perf_counter(), time.process_time()
    with gc_paused():
        result = run()
    return time.process_time() - start_cpu, time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/fieldsurvey-bench/coord-100000"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/pairs-work"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-baseline", action="store_true", help="the new reading only")
    args = parser.parse_args()
    copy = args.work / args.store.name
    if not copy.exists():
        args.work.mkdir(parents=True, exist_ok=True)
        shutil.copytree(args.store, copy)
    out: dict[str, Any] = {"store": str(args.store)}
    with Workspace.open(copy, PASSWORD) as ws:
        start = time.perf_counter()
        out["registered"] = register_households(ws)
        out["registering_s"] = round(time.perf_counter() - start, 1)
        groups = all_duplicates(ws)
        out["groups"] = len(groups)
        out["interviews_in_groups"] = sum(len(g.uuids) for g in groups)
        readings = [("per interview", per_interview), ("read once", duplicate_pairs)]
        if args.no_baseline:
            del readings[0]
        cpu: dict[str, list[float]] = {name: [] for name, _ in readings}
        wall: dict[str, list[float]] = {name: [] for name, _ in readings}
        pairs: dict[str, int] = {}
        for _ in range(args.repeat):
            for name, run in readings:
                c, w, made = timed(lambda run=run: run(ws, groups))  # type: ignore[misc]
                cpu[name].append(c)
                wall[name].append(w)
                pairs[name] = len(made)
        out["fallback search"] = fallback(ws, groups)
    for name in cpu:
        out[name] = {
            "cpu_s": round(statistics.median(cpu[name]), 3),
            "wall_s": round(statistics.median(wall[name]), 3),
            "pairs": pairs[name],
        }
    if not args.no_baseline:
        out["cpu_ratio"] = round(out["per interview"]["cpu_s"] / out["read once"]["cpu_s"], 1)
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
