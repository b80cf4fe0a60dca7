"""The audit log is append-only and its hash chain exposes tampering."""

from __future__ import annotations

import itertools

import pytest

from fieldsurvey import audit
from fieldsurvey import interviews as iv
from fieldsurvey.store import SqliteError
from fieldsurvey.workspace import Workspace


def _three_entries(ws: Workspace) -> str:
    i = iv.new_interview(
        ws, form_id="f", form_version="1", ward="w", household_id="h", enumerator="lan"
    )
    iv.set_answer(ws, i.uuid, "q1", "a", who="lan")
    iv.set_answer(ws, i.uuid, "q2", "b", who="lan")
    return i.uuid


def test_chain_links_each_entry_to_the_one_before(ws: Workspace) -> None:
    _three_entries(ws)
    entries = audit.entries(ws)
    assert entries[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert audit.verify_chain(ws) == []


def test_update_and_delete_are_refused(ws: Workspace) -> None:
    _three_entries(ws)
    with pytest.raises(SqliteError, match="append-only"), ws.transaction():
        ws.db.execute("UPDATE audit_log SET who = 'mallory' WHERE seq = 2")
    with pytest.raises(SqliteError, match="append-only"), ws.transaction():
        ws.db.execute("DELETE FROM audit_log WHERE seq = 2")
    assert len(audit.entries(ws)) == 3


def test_verify_reports_altered_and_removed_entries(ws: Workspace) -> None:
    _three_entries(ws)
    with ws.transaction():  # someone with the key drops the guards and edits history
        ws.db.execute("DROP TRIGGER audit_log_no_update")
        ws.db.execute("DROP TRIGGER audit_log_no_delete")
        ws.db.execute("""UPDATE audit_log SET new_value = '"forged"' WHERE seq = 2""")
    problems = audit.verify_chain(ws)
    assert [(p.seq, "altered" in p.problem) for p in problems] == [(2, True)]
    with ws.transaction():
        ws.db.execute("DELETE FROM audit_log WHERE seq = 1")
    seqs = {p.seq for p in audit.verify_chain(ws)}
    assert seqs == {2}
    assert "forged" not in " ".join(str(p) for p in audit.verify_chain(ws))
