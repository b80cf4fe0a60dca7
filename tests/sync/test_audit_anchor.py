"""The audit chain's anchor (issue 12, item 6): each bundle signs the laptop's chain
head, the coordinator keeps it and alerts when a later bundle's entries do not carry the
chain on from it (cut or rewritten); forged entries are counted and alerted, not dropped
silently; the laptop's ``verify`` finds a cut or rewritten tail against the head its
last bundle signed."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner
from sync_helpers import (
    LAPTOP_PASSWORD,
    PASSWORD,
    World,
    completed,
    dump,
    encrypted_payload,
    forge,
)

from fieldsurvey.cli import cli
from fieldsurvey.store import audit, bundle_log, export_log, interviews
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_import import FileReport, import_bytes, import_files
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
    # the coordinator's list of alerts says it in the chosen language, not as stored
    for lang, expected in [
        ("en", "1 audit entries refused (forged or altered)"),
        ("vi", "1 mục nhật ký kiểm tra bị từ chối (giả mạo hoặc đã bị sửa)"),
    ]:
        listed = CliRunner().invoke(
            cli,
            ["--home", str(world.coord.home), "--lang", lang, "conflicts", "list"],
            env={"FIELDSURVEY_PASSWORD": PASSWORD},
        )
        assert listed.exit_code == 0, listed.output
        assert expected in listed.output


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


def _verify(ws: Workspace, password: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["--home", str(ws.home), "verify"],
        env={"FIELDSURVEY_PASSWORD": password, "FIELDSURVEY_LANG": "en"},
    )
    return result.exit_code, result.output


def test_verify_on_the_laptop_finds_a_cut_tail(world: World) -> None:
    completed(world.lap_a, 1)
    ship(world)
    assert _verify(world.lap_a, LAPTOP_PASSWORD)[0] == 0
    cut_from(world.lap_a, 3)
    code, out = _verify(world.lap_a, LAPTOP_PASSWORD)
    assert code == 1
    assert "signed as the chain head is gone (entries cut)" in out
    # and the interview's status no longer follows from what is left of the log
    assert "is 'exported' but the audit log says 'draft'" in out


def test_verify_on_the_coordinator_checks_each_received_tail(world: World) -> None:
    completed(world.lap_a, 1)
    ship(world)
    code, out = _verify(world.coord, PASSWORD)
    assert code == 0, out
    with world.coord.transaction():  # the received entries lose their last one
        [(bundle_id, text)] = world.coord.db.execute(
            "SELECT bundle_id, entries FROM sync_audit"
        ).fetchall()
        world.coord.db.execute(
            "UPDATE sync_audit SET entries = ? WHERE bundle_id = ?",
            [json.dumps(json.loads(text)[:-1]), bundle_id],
        )
    code, out = _verify(world.coord, PASSWORD)
    assert code == 1 and "laptop-a" in out and "entries received end at entry" in out


def _payload_with_entries(world: World) -> tuple[bytes, list[dict[str, Any]]]:
    completed(world.lap_a, 1)
    entries = _rows(world.lap_a)
    [row] = export_log.rows_to_send(world.lap_a, ["completed"])  # as the laptop sends it
    interview = {**row, "answers": json.loads(row["answers"])}
    return encrypted_payload(world.a, [interview], audit=entries), entries


def test_the_payloads_last_entry_must_be_the_signed_head(world: World) -> None:
    payload, entries = _payload_with_entries(world)
    before = dump(world.coord)
    for head in ({}, {"audit_seq": entries[-2]["seq"], "audit_hash": entries[-2]["hash"]}):
        report = import_bytes(world.coord, forge(world.a, payload=payload, **head), "x.fsb")
        assert (report.status, report.check) == ("rejected", "binding")
        assert report.reason_text("en") == (
            "the audit chain head in the header is not the payload's last audit entry"
        )
    assert dump(world.coord) == before
    head = {"audit_seq": entries[-1]["seq"], "audit_hash": entries[-1]["hash"]}
    report = import_bytes(world.coord, forge(world.a, payload=payload, **head), "ok.fsb")
    assert report.status == "accepted"


def test_the_app_shows_the_alerts_of_an_import(world: World, qtbot: Any) -> None:
    from fieldsurvey.ui.coordinator_page import CoordinatorPage
    from fieldsurvey.ui.tasks import TaskRunner

    completed(world.lap_a, 2)
    first = export_bundle(world.lap_a, world.out())
    cut_from(world.lap_a, 2)
    completed(world.lap_a, 1, household="HH9")
    second = export_bundle(world.lap_a, world.out())
    assert first.path is not None and second.path is not None
    page = CoordinatorPage(world.coord, TaskRunner(synchronous=True), who="coordinator")
    qtbot.addWidget(page)
    page.import_folder(world.out())
    assert [r.status for r in page.report_model.rows] == ["accepted", "accepted"]
    assert "SECURITY ALERT" not in page.report_model.index(0, 2).data()
    assert "SECURITY ALERT" in page.report_model.index(1, 2).data()
    assert "1 security alert about the audit log" in page.import_result.text()


def test_a_whole_round_leaves_nothing_for_verify(world: World) -> None:
    """Export, return for correction, correct, export again, acknowledge and purge: the
    interviews agree with the logs, the heads with the chains, on both sides."""
    from fieldsurvey.sync.purge import purge_acknowledged
    from fieldsurvey.sync.receipts import build_receipt, import_receipt

    first, _second = completed(world.lap_a, 2)
    ship(world)
    interviews.return_for_correction(world.coord, first, "check", who="coordinator")
    import_receipt(world.lap_a, build_receipt(world.coord, "laptop-a")[0])
    interviews.set_answer(world.lap_a, first, "respondent/resp_age", 41, who="enum")
    interviews.complete(world.lap_a, first, who="enum")
    _, merge = ship(world)
    assert merge.updated == [first] and merge.audit_alerts == []
    import_receipt(world.lap_a, build_receipt(world.coord, "laptop-a")[0])
    purge_acknowledged(world.lap_a)
    completed(world.lap_a, 1, household="HH3")
    _, merge = ship(world)
    assert merge.audit_alerts == [] and alerts(world.coord) == []
    for ws in (world.lap_a, world.coord):
        assert audit.verify_chain(ws) == [] and audit.verify_interviews(ws) == []
    assert audit.verify_exported_head(world.lap_a) == []
    [signed] = bundle_log.audit_heads(world.coord)
    received = bundle_log.received_audit(world.coord, signed.device_id)
    assert audit.check_received(audit.Head(signed.seq, signed.hash), received) == []
