"""Completing writes the final answers and the status in one transaction (all or nothing)."""

from __future__ import annotations

import pytest

from fieldsurvey.errors import AnswerError
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.workspace import Workspace

from .conftest import FORM_ID, FORM_VERSION, PASSWORD, install_tiny_form


def test_a_refused_completion_leaves_the_answers_as_they_were(tmp_path) -> None:
    ws = Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap())
    install_tiny_form(ws)
    interview = iv.new_interview(
        ws, form_id=FORM_ID, form_version=FORM_VERSION, ward="Phúc Tân", household_id="PT-1",
        enumerator="e",
    )  # fmt: skip
    iv.set_answer(ws, interview.uuid, "respondent/resp_age", 40, who="e")
    before = iv.get_interview(ws, interview.uuid)

    def refuse(_interview: iv.Interview) -> None:
        raise AnswerError("respondent/resp_sex is required")

    with pytest.raises(AnswerError), ws.transaction():
        iv.set_answer(ws, interview.uuid, "housing/m2_per_person", 4.5, who="e")
        iv.set_answer(ws, interview.uuid, "respondent/resp_age", None, who="e")
        iv.complete(ws, interview.uuid, who="e", validate=refuse)
    after = iv.get_interview(ws, interview.uuid)
    assert after == before
    ws.close()
