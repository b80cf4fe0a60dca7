"""Issue 15: merging and exporting do not slow down as the store grows. Every statement
a merge (coordinator) or a bundle export (laptop) runs is captured, and SQLite's plan for
it must reach the large tables through an index: no full scan, no sort of a whole table.
Plans do not depend on the number of rows (the store keeps no ANALYZE statistics), so a
small store shows the plans a store of 1,000,000 interviews gets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sync_helpers import EMPTY_HEAD, World, bound_wire, completed, forge, streamed_payload

from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_import import import_bytes
from fieldsurvey.sync.bundle_writer import export_bundle

#: Tables that grow with the interviews held (the rest hold a row per form, device,
#: bundle or setting).
LARGE = (
    "interviews", "audit_log", "sync_records", "sync_conflicts", "sync_quarantine",
    "sync_exports", "sync_bundle_audit", "media", "question_audit",
)  # fmt: skip
_SCAN = re.compile(r"\bSCAN (\w+)")
# the last row by its integer key, or whether a table has any row: one page, not a scan
_LAST = re.compile(r"FROM audit_log ORDER BY seq DESC LIMIT 1$|^SELECT 1 FROM \w+ LIMIT 1$")


@contextmanager
def statements(ws: Workspace) -> Iterator[list[str]]:
    """Every statement run on ``ws``'s connection (parameters filled in)."""
    seen: list[str] = []
    ws.db.conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        ws.db.conn.set_trace_callback(None)


def plans(ws: Workspace, sqls: list[str]) -> dict[str, list[str]]:
    """The query plan of each distinct data statement (triggers' own lines left out)."""
    out: dict[str, list[str]] = {}
    for sql in dict.fromkeys(sqls):
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head not in ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH"):
            continue
        rows = ws.db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        out[sql] = [str(row[-1]) for row in rows]
    return out


def full_scans(found: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(statement, plan line) for each scan of a large table or sort of its rows."""
    bad = []
    for sql, lines in found.items():
        if _LAST.search(sql):
            continue
        for line in lines:
            scanned = _SCAN.search(line)
            if scanned and scanned.group(1) in LARGE and "USING" not in line:
                bad.append((sql[:160], line))
            if scanned and scanned.group(1) in LARGE and "COVERING INDEX" in line:
                bad.append((sql[:160], line))  # every entry of an index: as slow
    return bad


def send(world: World, records: list[dict[str, Any]], sequence: int) -> None:
    bundle = f"00000000-0000-4000-8000-{sequence:012d}"
    payload = streamed_payload(world.a, records, sequence=sequence, bundle=bundle)
    data = forge(world.a, payload=payload, sequence=sequence, bundle=bundle, **EMPTY_HEAD)
    report = import_bytes(world.coord, data, f"{sequence}.fsb")
    assert report.status == "accepted" and report.merge is not None, report


def captured(ws: Workspace, action: Callable[[], object]) -> dict[str, list[str]]:
    with statements(ws) as seen:
        action()
    found = plans(ws, seen)
    assert found, "the statements were seen"
    return found


def test_every_statement_of_a_merge_reads_large_tables_through_an_index(world: World) -> None:
    first = [bound_wire(world.a, {"n": i}, household_id=f"H{i}") for i in range(40)]
    send(world, first, 1)  # a store holding interviews, audit entries, a bundle
    changed = {**first[0], "revision": 2, "answers": {"n": 100}}
    new = [bound_wire(world.a, {"n": i}, household_id=f"H{i}") for i in range(40, 60)]
    found = captured(world.coord, lambda: send(world, [changed, *new], 2))
    assert any("INSERT INTO interviews" in sql for sql in found)
    assert full_scans(found) == []


def test_a_laptop_export_reads_only_the_completed_interviews_in_order(world: World) -> None:
    completed(world.lap_a, 3)
    export_bundle(world.lap_a, world.root)  # exported: no longer in the partial index
    completed(world.lap_a, 2)
    found = captured(world.lap_a, lambda: export_bundle(world.lap_a, world.root))
    [choosing] = [lines for sql, lines in found.items() if "status = 'completed'" in sql
                  and "ORDER BY created, uuid" in sql]  # fmt: skip
    assert any("idx_interviews_to_send" in line for line in choosing), choosing
    assert not any("TEMP B-TREE" in line for line in choosing), choosing  # no sort
    assert full_scans(found) == []
