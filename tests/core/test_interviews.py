"""Interview lifecycle, autosave and listing on a real encrypted workspace."""

from __future__ import annotations

from typing import Any

import pytest

from fieldsurvey import messages
from fieldsurvey.errors import (
    AnswerError,
    FormNotFoundError,
    InterviewNotFoundError,
    LifecycleError,
)
from fieldsurvey.store import audit
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.forms import delete_form
from fieldsurvey.store.interviews import InterviewStatus as S
from fieldsurvey.store.workspace import Workspace

from .conftest import FORM_ID, FORM_VERSION

pytestmark = pytest.mark.usefixtures("form")


def new(
    ws: Workspace, ward: str = "Phúc Xá", household_id: str = "HH-01", **extra: Any
) -> iv.Interview:
    return iv.new_interview(
        ws,
        form_id=FORM_ID,
        form_version=FORM_VERSION,
        ward=ward,
        household_id=household_id,
        enumerator="lan",
        **extra,
    )


def test_new_interview_is_a_draft_and_audited(ws: Workspace) -> None:
    interview = new(ws, respondent="Nguyễn Thị Hoa", answers={"consent": "yes"})
    again = iv.get_interview(ws, interview.uuid)
    assert again == interview
    assert (again.status, again.revision, again.respondent) == (S.DRAFT, 1, "Nguyễn Thị Hoa")
    [entry] = audit.entries(ws, interview.uuid)
    assert (entry.action, entry.who) == ("create", "lan")
    assert entry.new_value["answers"] == {"consent": "yes"}


def test_set_answer_saves_revision_and_audit(ws: Workspace) -> None:
    i = new(ws)
    changes = iv.set_answer(ws, i.uuid, "household/members[1]/age", 34, who="lan")
    assert changes.interviews == [i.uuid] and changes.fields == ["household/members[1]/age"]
    iv.set_answer(ws, i.uuid, "household/members[1]/age", 35, who="lan")
    saved = iv.get_interview(ws, i.uuid)
    assert saved.answers == {"household": {"members": [{"age": 35}]}}
    assert saved.revision == 3
    assert saved.updated >= i.updated
    last = audit.entries(ws, i.uuid)[-1]
    assert (last.action, last.field, last.old_value, last.new_value) == (
        "set",
        "household/members[1]/age",
        34,
        35,
    )


def test_setting_the_same_value_again_changes_nothing(ws: Workspace) -> None:
    i = new(ws)
    iv.set_answer(ws, i.uuid, "q1", "a", who="lan")
    assert iv.set_answer(ws, i.uuid, "q1", "a", who="lan").empty
    assert iv.get_interview(ws, i.uuid).revision == 2
    assert len(audit.entries(ws, i.uuid)) == 2


def test_none_removes_an_answer(ws: Workspace) -> None:
    i = new(ws)
    iv.set_answer(ws, i.uuid, "q1", "a", who="lan")
    iv.set_answer(ws, i.uuid, "q1", None, who="lan")
    assert iv.get_interview(ws, i.uuid).answers == {}


def test_lifecycle_draft_to_acknowledged(ws: Workspace) -> None:
    i = new(ws)
    iv.complete(ws, i.uuid, who="lan")
    with pytest.raises(LifecycleError, match="completed"):
        iv.set_answer(ws, i.uuid, "q1", 1, who="lan")
    iv.mark_exported(ws, i.uuid, who="lan")
    iv.acknowledge(ws, i.uuid, who="coordinator")
    got = iv.get_interview(ws, i.uuid)
    assert got.status == S.ACKNOWLEDGED
    assert [e.action for e in audit.entries(ws, i.uuid)] == [
        "create",
        "complete",
        "export",
        "acknowledge",
    ]
    with pytest.raises(LifecycleError):
        iv.complete(ws, i.uuid, who="lan")


def test_returned_interview_is_editable_again(ws: Workspace) -> None:
    i = new(ws)
    iv.complete(ws, i.uuid, who="lan")
    iv.mark_exported(ws, i.uuid, who="lan")
    iv.return_for_correction(ws, i.uuid, "Age of member 2 missing", "coordinator")
    got = iv.get_interview(ws, i.uuid)
    assert (got.status, got.comment) == (S.RETURNED, "Age of member 2 missing")
    iv.set_answer(ws, i.uuid, "household/members[1]/age", 7, who="lan")
    iv.complete(ws, i.uuid, who="lan")
    assert iv.get_interview(ws, i.uuid).status == S.COMPLETED


def test_draft_can_be_deleted_with_an_audit_entry(ws: Workspace) -> None:
    i = new(ws)
    iv.set_answer(ws, i.uuid, "q1", "kept in the audit log", who="lan")
    changes = iv.delete_interview(ws, i.uuid, who="lan")
    assert changes.deleted == [i.uuid]
    with pytest.raises(InterviewNotFoundError):
        iv.get_interview(ws, i.uuid)
    last = audit.entries(ws, i.uuid)[-1]
    assert last.action == "delete"
    assert last.old_value["answers"] == {"q1": "kept in the audit log"}


@pytest.mark.parametrize("steps", [["complete"], ["complete", "export"]])
def test_completed_or_exported_cannot_be_deleted(ws: Workspace, steps: list[str]) -> None:
    i = new(ws)
    for step in steps:
        {"complete": iv.complete, "export": iv.mark_exported}[step](ws, i.uuid, who="lan")
    with pytest.raises(LifecycleError, match="only drafts"):
        iv.delete_interview(ws, i.uuid, who="lan")
    assert iv.get_interview(ws, i.uuid).uuid == i.uuid


def test_validator_can_refuse_and_nothing_is_saved(ws: Workspace) -> None:
    i = new(ws)

    def no_negative_ages(meta: iv.InterviewMeta, path: str, value: Any, answers: Any) -> None:
        if path.endswith("/age") and isinstance(value, int) and value < 0:
            raise AnswerError(f"{path}: age cannot be negative")

    with pytest.raises(AnswerError):
        iv.set_answer(ws, i.uuid, "m[1]/age", -1, who="lan", validate=no_negative_ages)
    assert iv.get_interview(ws, i.uuid).answers == {}
    assert len(audit.entries(ws, i.uuid)) == 1


def test_list_filters_by_status_and_ward(ws: Workspace) -> None:
    a = new(ws, ward="Phúc Xá")
    b = new(ws, ward="Kim Mã")
    c = new(ws, ward="Kim Mã")
    iv.complete(ws, c.uuid, who="lan")
    iv.set_answer(ws, a.uuid, "q", 1, who="lan")  # a is now the most recently changed
    assert next(m.uuid for m in iv.list_interviews(ws)) == a.uuid
    assert {m.uuid for m in iv.list_interviews(ws, ward="Kim Mã")} == {b.uuid, c.uuid}
    assert [m.uuid for m in iv.list_interviews(ws, status="completed")] == [c.uuid]
    assert [m.uuid for m in iv.list_interviews(ws, status=S.DRAFT, ward="Kim Mã")] == [b.uuid]
    assert not hasattr(iv.list_interviews(ws)[0], "answers")
    # the desktop list's rows: the same interviews in the same order, its columns only
    full = iv.list_interviews(ws)
    assert [tuple(getattr(m, f) for f in iv.ListRow._fields) for m in full] == [
        tuple(r) for r in iv.list_rows(ws)
    ]


def test_listing_reads_only_the_covering_index(ws: Workspace) -> None:
    """Listing must never touch the table rows (they hold the answers), even with other
    indexes on interviews that the planner might prefer."""
    ws.db.execute("CREATE INDEX test_ward_household ON interviews (ward, household_id)")
    ws.db.execute("CREATE INDEX test_status ON interviews (status)")
    seen: list[tuple[str, Any]] = []
    filters: list[dict[str, Any]] = [{}, {"status": "draft"}, {"ward": "x"}]
    for kwargs in filters:
        with ws.db.tracer(lambda sql, params: seen.append((sql, params))):
            iv.list_interviews(ws, **kwargs)
    with ws.db.tracer(lambda sql, params: seen.append((sql, params))):
        iv.list_rows(ws)
    listing = [(sql, p) for sql, p in seen if "FROM interviews" in sql]
    assert len(listing) == len(filters) + 1
    for sql, params in listing:
        plan = ws.db.execute(f"EXPLAIN QUERY PLAN {sql}", params or []).fetchall()
        text = " ".join(str(row[-1]) for row in plan)
        assert "COVERING INDEX idx_interviews_listing" in text and "TEMP B-TREE" not in text


def test_unknown_interview_and_prefix_lookup(ws: Workspace) -> None:
    i = new(ws)
    assert iv.resolve_uuid(ws, i.uuid[:8]) == i.uuid
    with pytest.raises(InterviewNotFoundError):
        iv.resolve_uuid(ws, "zzzzzzzz")
    with pytest.raises(InterviewNotFoundError):
        iv.set_answer(ws, "no-such-uuid", "q", 1, who="lan")


def test_new_interview_needs_ward_and_household(ws: Workspace) -> None:
    with pytest.raises(AnswerError, match="ward"):
        iv.new_interview(
            ws, form_id="f", form_version="1", ward=" ", household_id="h", enumerator=""
        )


def test_unknown_status_filter_is_a_clear_error(ws: Workspace) -> None:
    with pytest.raises(LifecycleError, match="Unknown status 'finished'"):
        iv.list_interviews(ws, status="finished")


def test_new_interview_refuses_a_form_that_is_not_installed(ws: Workspace) -> None:
    for form_id, version in ((FORM_ID, "2"), ("household", FORM_VERSION)):
        with pytest.raises(FormNotFoundError) as info:
            iv.new_interview(
                ws, form_id=form_id, form_version=version, ward="w", household_id="h",
                enumerator="lan",
            )  # fmt: skip
        assert info.value.code == "store.new_interview_form_missing"
        assert f"'{form_id}' version '{version}' is not installed" in str(info.value)
        assert "chưa được cài" in info.value.text("vi")
    assert iv.list_interviews(ws) == []
    assert audit.entries(ws) == []


def test_answers_are_refused_once_the_interviews_form_is_removed(ws: Workspace) -> None:
    i = new(ws)
    iv.set_answer(ws, i.uuid, "q1", "a", who="lan")
    delete_form(ws, FORM_ID, FORM_VERSION)
    with pytest.raises(FormNotFoundError) as info:
        iv.set_answer(ws, i.uuid, "q2", "b", who="lan")
    assert info.value.code == "store.interview_form_missing"
    assert iv.get_interview(ws, i.uuid).answers == {"q1": "a"}
    assert len(audit.entries(ws, i.uuid)) == 2


def test_a_refused_delete_names_the_status_in_vietnamese(ws: Workspace) -> None:
    i = new(ws)
    iv.complete(ws, i.uuid, who="lan")
    iv.acknowledge(ws, i.uuid, who="coordinator")
    with pytest.raises(LifecycleError) as info:
        iv.delete_interview(ws, i.uuid, who="lan")
    assert str(info.value) == f"Interview {i.uuid} is acknowledged; only drafts can be deleted."
    assert info.value.text("vi") == (
        f"Phiếu {i.uuid} đã được điều phối viên xác nhận; chỉ xoá được phiếu nháp."
    )


def test_every_refusal_of_the_lifecycle_has_its_own_text() -> None:
    codes = [
        *iv.REFUSED_TRANSITIONS.values(),
        *iv.REFUSED_EDITS.values(),
        *iv.REFUSED_DELETES.values(),
    ]
    assert len(codes) == 15 + 3 + 4
    assert all(code in messages.CATALOGUE for code in codes)
    for (action, status), code in iv.REFUSED_TRANSITIONS.items():
        allowed = ", ".join(sorted(iv.TRANSITIONS[action][0]))
        english = messages.render(code, "en", uuid="U")
        assert english.startswith(
            f"Cannot {action} interview U: it is {status} (allowed from {allowed})."
        )
        # only a reopen refused because the interview has left the laptop says more
        if (action, status) in {("reopen", "exported"), ("reopen", "acknowledged")}:
            assert english.endswith("only the coordinator can return it for correction.")
        else:
            assert english.endswith(f"(allowed from {allowed}).")
    english_words = {str(s) for s in S} | set(iv.TRANSITIONS)
    for code in codes:
        vietnamese = messages.render(code, "vi", uuid="U")
        assert not english_words & set(vietnamese.replace(",", " ").split()), vietnamese


def test_each_refused_transition_raises_its_code(ws: Workspace) -> None:
    i = new(ws)
    with pytest.raises(LifecycleError) as info:
        iv.mark_exported(ws, i.uuid, who="lan")
    assert info.value.code == "store.cannot_export.draft"
    assert info.value.params == {"uuid": i.uuid}


def test_a_completed_interview_is_reopened_with_a_reason_and_completed_again(
    ws: Workspace,
) -> None:
    i = new(ws)
    iv.set_answer(ws, i.uuid, "q1", "first", who="lan")
    iv.complete(ws, i.uuid, who="lan")
    with pytest.raises(LifecycleError):
        iv.set_answer(ws, i.uuid, "q1", "fixed", who="lan")
    changes = iv.reopen(ws, i.uuid, reason="Tuổi chủ hộ ghi nhầm", who="lan")
    assert changes.interviews == [i.uuid]
    assert iv.get_interview(ws, i.uuid).status == S.DRAFT
    iv.set_answer(ws, i.uuid, "q1", "fixed", who="lan")  # editable again
    iv.complete(ws, i.uuid, who="lan")
    again = iv.get_interview(ws, i.uuid)
    assert (again.status, again.answers) == (S.COMPLETED, {"q1": "fixed"})
    logged = [
        (e.action, e.who, e.field, e.old_value, e.new_value) for e in audit.entries(ws, i.uuid)
    ]
    assert ("reopen", "lan", "status", "completed", "draft") in logged
    assert ("reopen", "lan", "reason", None, "Tuổi chủ hộ ghi nhầm") in logged
    assert audit.verify_chain(ws) == [] and audit.verify_interviews(ws) == []


def test_reopening_needs_a_reason_and_changes_nothing_without_one(ws: Workspace) -> None:
    i = new(ws)
    iv.complete(ws, i.uuid, who="lan")
    before = len(audit.entries(ws, i.uuid))
    with pytest.raises(LifecycleError) as info:
        iv.reopen(ws, i.uuid, reason="   ", who="lan")
    assert info.value.code == "store.reopen_needs_reason"
    assert iv.get_interview(ws, i.uuid).status == S.COMPLETED
    assert len(audit.entries(ws, i.uuid)) == before


@pytest.mark.parametrize(
    ("steps", "status"),
    [([], "draft"), (["complete", "export"], "exported"), (["complete", "acknowledge"],
     "acknowledged"), (["complete", "return"], "returned")],
)  # fmt: skip
def test_only_a_completed_interview_not_yet_sent_can_be_reopened(
    ws: Workspace, steps: list[str], status: str
) -> None:
    i = new(ws)
    do = {
        "complete": lambda: iv.complete(ws, i.uuid, who="lan"),
        "export": lambda: iv.mark_exported(ws, i.uuid, who="lan"),
        "acknowledge": lambda: iv.acknowledge(ws, i.uuid, who="coordinator"),
        "return": lambda: iv.return_for_correction(ws, i.uuid, "sửa tuổi", "coordinator"),
    }
    for step in steps:
        do[step]()
    with pytest.raises(LifecycleError) as info:
        iv.reopen(ws, i.uuid, reason="sai", who="lan")
    assert info.value.code == f"store.cannot_reopen.{status}"
    assert iv.get_interview(ws, i.uuid).status == status
    if status == "exported":
        assert "only the coordinator can return it" in str(info.value)
        assert "chỉ điều phối viên" in info.value.text("vi")


def test_same_household_finds_the_forms_interviews_of_that_ward_and_id(ws: Workspace) -> None:
    from .conftest import install_tiny_form

    install_tiny_form(ws, "other")
    first = new(ws, household_id="PT-0103")
    second = new(ws, household_id=" pt-0103 ")  # spaces and case do not make it another
    new(ws, ward="Kim Mã", household_id="PT-0103")
    new(ws, household_id="PT-0104")
    iv.new_interview(ws, form_id="other", form_version="1", ward="Phúc Xá",
                     household_id="PT-0103", enumerator="lan")  # fmt: skip
    found = iv.same_household(ws, form_id=FORM_ID, ward="Phúc Xá", household_id="PT-0103 ")
    assert {r.uuid for r in found} == {first.uuid, second.uuid}
    assert found[0].updated >= found[1].updated


def test_a_confirmed_revisit_names_the_earlier_interviews_in_the_audit_log(ws: Workspace) -> None:
    first = new(ws)
    revisit = new(ws, revisit_of=[first.uuid])
    [created] = audit.entries(ws, revisit.uuid)
    assert created.new_value["revisit_of"] == [first.uuid]
    [plain] = audit.entries(ws, first.uuid)
    assert "revisit_of" not in plain.new_value


def test_allowed_answers_from_the_lifecycle_table() -> None:
    from fieldsurvey.store.lifecycle import allowed

    assert allowed("reopen", "completed") and not allowed("reopen", "exported")
    assert allowed("delete", "draft") and not allowed("delete", "acknowledged")
    assert allowed("return", "exported") and not allowed("return", "returned")
    assert allowed("edit", "returned") and not allowed("edit", "completed")
