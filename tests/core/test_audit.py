"""The audit log is append-only and its hash chain exposes tampering."""

from __future__ import annotations

import itertools

import pytest

from fieldsurvey.store import audit
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.database import SqliteError
from fieldsurvey.store.workspace import Workspace

pytestmark = pytest.mark.usefixtures("form")


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


def _acknowledged(ws: Workspace) -> str:
    """An interview as the purge finds it: completed, then acknowledged by a receipt."""
    uuid = _three_entries(ws)
    iv.complete(ws, uuid, who="lan")
    iv.acknowledge(ws, uuid, who="receipt")
    return uuid


def test_erased_values_leave_the_chain_verifiable(ws: Workspace) -> None:
    uuid = _acknowledged(ws)
    other = _three_entries(ws)
    with ws.transaction() as db:
        erased = audit.erase_values(db, [uuid])
    # the interview as created (respondent's name, ...), two answers, two status changes
    assert erased == 5
    mine = audit.entries(ws, uuid)
    assert [(e.action, e.old_value, e.new_value, e.erased) for e in mine] == [
        ("create", None, None, True),
        ("set", None, None, True),
        ("set", None, None, True),
        ("complete", None, None, True),
        ("acknowledge", None, None, True),
    ]
    assert all(e.values_salt is None for e in mine)
    assert [e.new_value for e in audit.entries(ws, other)][1:] == ["a", "b"]  # untouched
    assert audit.verify_chain(ws) == []


def test_digests_say_nothing_once_the_salt_is_gone(ws: Workspace) -> None:
    """Two entries with the very same values have unrelated digests, so an erased
    entry's digest cannot be matched against guessed answers ("yes", an age)."""
    first, second = _three_entries(ws), _three_entries(ws)
    a = audit.entries(ws, first)[1]
    b = audit.entries(ws, second)[1]
    assert (a.old_value, a.new_value) == (b.old_value, b.new_value) == (None, "a")
    assert a.values_digest != b.values_digest


def test_only_erasing_values_is_allowed(ws: Workspace) -> None:
    _three_entries(ws)
    for change in (
        """new_value = '"forged"'""",
        "values_salt = NULL",  # salt gone, values kept: not an erasure
        "old_value = NULL, new_value = NULL, values_salt = NULL, who = 'mallory'",
        "old_value = NULL, new_value = NULL, values_salt = NULL, values_digest = NULL",
    ):
        with pytest.raises(SqliteError, match="append-only"), ws.transaction():
            ws.db.execute(f"UPDATE audit_log SET {change} WHERE seq = 2")
    assert audit.entries(ws)[1].new_value == "a"


def test_values_are_erased_only_of_acknowledged_interviews(ws: Workspace) -> None:
    """The database itself refuses the purge's erasure for an interview the purge may
    not erase (a draft here): only acknowledged ones qualify."""
    draft = _three_entries(ws)
    acknowledged = _acknowledged(ws)
    erase = "UPDATE audit_log SET old_value = NULL, new_value = NULL, values_salt = NULL "
    with pytest.raises(SqliteError, match="only values of acknowledged"), ws.transaction():
        ws.db.execute(erase + "WHERE interview_uuid = ?", [draft])
    with pytest.raises(SqliteError, match="append-only"), ws.transaction() as db:
        audit.erase_values(db, [draft])
    assert [e.new_value for e in audit.entries(ws, draft)][1:] == ["a", "b"]
    with ws.transaction():
        ws.db.execute(
            erase + "WHERE interview_uuid = ? AND values_salt IS NOT NULL", [acknowledged]
        )
    assert all(e.erased for e in audit.entries(ws, acknowledged))
    assert audit.verify_chain(ws) == []


def test_verify_checks_interviews_against_the_log(ws: Workspace) -> None:
    kept, changed, planted = _three_entries(ws), _three_entries(ws), _three_entries(ws)
    iv.complete(ws, kept, who="lan")
    assert audit.verify_interviews(ws) == []
    with ws.transaction():  # someone with the key edits the rows behind the log's back
        ws.db.execute("UPDATE interviews SET status = 'acknowledged' WHERE uuid = ?", [changed])
        ws.db.execute("DROP TRIGGER audit_log_no_delete")
        ws.db.execute(
            "DELETE FROM audit_log WHERE interview_uuid = ? AND action = 'create'", [planted]
        )
    findings = {f.uuid: f for f in audit.verify_interviews(ws)}
    assert set(findings) == {changed, planted}
    assert str(findings[changed]) == (
        f"interview {changed} is 'acknowledged' but the audit log says 'draft'"
    )
    assert "no creation entry" in str(findings[planted])
    assert "không có mục tạo phiếu" in findings[planted].text("vi")


def test_verify_reports_values_that_do_not_match_their_digest(ws: Workspace) -> None:
    _three_entries(ws)
    with ws.transaction():
        ws.db.execute("DROP TRIGGER audit_log_no_update")
        ws.db.execute("""UPDATE audit_log SET new_value = '"forged"' WHERE seq = 3""")
        # and the record of its creation
        ws.db.execute("""UPDATE audit_log SET new_value = '"planted"' WHERE seq = 1""")
    problems = audit.verify_chain(ws)
    assert [(p.seq, "values do not match" in p.problem) for p in problems] == [(1, True), (3, True)]
    assert "forged" not in " ".join(map(str, problems))
