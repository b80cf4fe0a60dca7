"""The audit chain's anchor (issue 12, item 6): each bundle signs the laptop's chain
head, the coordinator keeps it and alerts when a later bundle's entries do not carry the
chain on from it (cut or rewritten); forged entries are counted and alerted, not dropped
silently; the laptop's ``verify`` finds a cut or rewritten tail against the head its
last bundle signed."""

from __future__ import annotations

import json
from typing import Any

from sync_helpers import World, completed

from fieldsurvey.store import audit, bundle_log
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_import import FileReport, import_files
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.merge import MergeReport


def ship(world: World) -> tuple[FileReport, MergeReport]:
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    [report] = import_files(world.coord, [result.path]).files
    assert report.status == "accepted", report  # merged, with the alerts it raised
    assert report.merge is not None
    return report, report.merge


def alerts(ws: Workspace) -> list[tuple[str, str]]:
    return [(a.kind, a.detail) for a in bundle_log.list_alerts(ws)]


def _rows(ws: Workspace) -> list[dict[str, Any]]:
    cursor = ws.db.execute(f"SELECT {', '.join(audit.COLUMNS)} FROM audit_log ORDER BY seq")
    return [dict(zip(audit.COLUMNS, row, strict=True)) for row in cursor]


def _drop_guards(ws: Workspace) -> None:
    """What someone holding the laptop's password can do."""
    with ws.transaction():
        ws.db.execute("DROP TRIGGER audit_log_no_update")
        ws.db.execute("DROP TRIGGER audit_log_no_delete")


def cut_from(ws: Workspace, seq: int) -> None:
    _drop_guards(ws)
    with ws.transaction():
        ws.db.execute("DELETE FROM audit_log WHERE seq >= ?", [seq])


def rewrite_from(ws: Workspace, seq: int) -> None:
    """Change entry ``seq``'s author and recompute every later hash: the chain verifies."""
    _drop_guards(ws)
    prev = audit.GENESIS
    with ws.transaction():
        for row in _rows(ws):
            if row["seq"] == seq:
                row["who"] = "mallory"
            if row["seq"] >= seq:
                row["prev_hash"] = prev
                row["hash"] = audit.entry_hash(row)
                ws.db.execute(
                    "UPDATE audit_log SET who = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                    [row["who"], row["prev_hash"], row["hash"], row["seq"]],
                )
            prev = row["hash"]
    assert audit.verify_chain(ws) == []  # the local chain alone no longer shows it


def test_bundles_sign_the_head_and_the_coordinator_keeps_it(world: World) -> None:
    completed(world.lap_a, 1)
    ship(world)
    head = audit.head(world.lap_a.db)
    [signed] = bundle_log.audit_heads(world.coord)
    # the head at export is the entry before the export's own summary entry
    assert (signed.seq, signed.hash) == (head.seq - 1, audit.entries(world.lap_a)[-2].hash)
    completed(world.lap_a, 1, household="HH2")
    _, merge = ship(world)
    assert merge.audit_alerts == [] and alerts(world.coord) == []
    [signed] = bundle_log.audit_heads(world.coord)
    assert signed.sequence == 2
    received = bundle_log.received_audit(world.coord, world.a.device_id)
    # the whole chain arrived (the export entry as a link only, without its values)
    assert [e["seq"] for e in received] == list(range(1, signed.seq + 1))
    assert audit.check_received(audit.Head(signed.seq, signed.hash), received) == []


def test_a_cut_tail_is_seen_on_the_laptop_and_alerted_by_the_coordinator(world: World) -> None:
    completed(world.lap_a, 2)
    ship(world)
    assert audit.verify_exported_head(world.lap_a) == []
    cut_from(world.lap_a, 2)  # the enumerator's history, bar the first entry, is gone
    assert audit.verify_chain(world.lap_a) == []  # what remains is a valid chain
    [problem] = audit.verify_exported_head(world.lap_a)
    assert "entries cut" in problem.problem
    completed(world.lap_a, 1, household="HH9")
    report, merge = ship(world)
    assert [a.kind for a in merge.audit_alerts] == ["audit-chain"]
    assert "went back" in merge.audit_alerts[0].text("en")
    assert "cắt bỏ" in merge.audit_alerts[0].text("vi")
    [(kind, detail)] = alerts(world.coord)
    assert kind == "audit-chain" and "laptop-a" in detail
    assert json.loads(report.model_dump_json())["merge"]["audit_alerts"][0]["kind"] == (
        "audit-chain"
    )


def test_a_rewritten_history_is_seen_on_the_laptop_and_alerted(world: World) -> None:
    completed(world.lap_a, 1)
    ship(world)
    rewrite_from(world.lap_a, 2)
    [problem] = audit.verify_exported_head(world.lap_a)
    assert "rewritten" in problem.problem
    completed(world.lap_a, 1, household="HH9")
    _, merge = ship(world)
    assert merge.audit_alerts and {a.kind for a in merge.audit_alerts} == {"audit-chain"}
    assert {k for k, _ in alerts(world.coord)} == {"audit-chain"}


def test_forged_entries_are_counted_and_alerted(world: World) -> None:
    [uuid] = completed(world.lap_a, 1)
    _drop_guards(world.lap_a)
    with world.lap_a.transaction():  # an answer's logged value changed, hash left as is
        world.lap_a.db.execute(
            "UPDATE audit_log SET new_value = '99' WHERE interview_uuid = ? AND action = 'set'",
            [uuid],
        )
    _, merge = ship(world)
    assert merge.audit_rejected == 1
    [alert] = merge.audit_alerts
    assert alert.kind == "audit-forged"
    assert alert.text("en").endswith("1 audit entries refused (forged or altered)")
    assert "1 mục nhật ký kiểm tra bị từ chối (giả mạo hoặc đã bị sửa)" in alert.text("vi")
    assert [k for k, _ in alerts(world.coord)] == ["audit-forged"]


def test_check_segment_cases() -> None:
    """Unit cases of the coordinator's check, on made-up links."""

    def entry(seq: int, prev: str, hash_: str) -> dict[str, Any]:
        return {"seq": seq, "prev_hash": prev, "hash": hash_}

    h = [f"{i:064x}" for i in range(10)]
    chain = [entry(1, audit.GENESIS, h[1]), entry(2, h[1], h[2]), entry(3, h[2], h[3])]
    start = audit.EMPTY_HEAD
    assert audit.check_segment(start, audit.Head(3, h[3]), chain, linked=True) == []
    prev = audit.Head(1, h[1])
    assert audit.check_segment(prev, audit.Head(3, h[3]), chain[1:], linked=True) == []
    codes = [p.code for p in audit.check_segment(prev, audit.Head(3, h[3]), chain[2:], linked=True)]
    assert codes == ["store.audit.missing_entries"]  # entry 2 held back
    assert audit.check_segment(prev, audit.Head(3, h[3]), chain[2:], linked=False) == []
    back = audit.check_segment(audit.Head(3, h[3]), audit.Head(2, h[2]), [], linked=True)
    assert [p.code for p in back] == ["store.audit.head_went_back"]
    same = audit.check_segment(audit.Head(3, h[3]), audit.Head(3, h[9]), [], linked=True)
    assert [p.code for p in same] == ["store.audit.head_rewritten"]
    relinked = [entry(2, h[8], h[2]), entry(3, h[2], h[3])]
    broken = audit.check_segment(prev, audit.Head(3, h[3]), relinked, linked=True)
    assert [p.code for p in broken] == ["store.audit.broken_link"]
