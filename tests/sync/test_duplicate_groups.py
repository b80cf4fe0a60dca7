"""Possible duplicates by ward and household id: read as runs of the household index (no
dict of every household, issue 15), the groups are those of two or more interviews, in
(ward, household id) order, Vietnamese names included, and only the ``keys`` asked for."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from fieldsurvey.forms.installed import install_default_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.duplicates import household_duplicates

HOUSEHOLDS = [
    ("Phúc Tân", "H1"), ("Chương Dương", "H1"), ("Phúc Tân", "H1"), ("Phúc Tân", "Đ3"),
    ("Phúc Tân", "H2"), ("Chương Dương", "H2"), ("Phúc Tân", "H2"), ("Phúc Tân", "H2"),
    ("Phúc Tân", "Đ3"), ("Chương Dương", "Z9"),
]  # fmt: skip


def test_groups_of_two_or_more_in_ward_and_household_order(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", "duplicate groups pw", kdf=KdfParams.cheap())
    try:
        install_default_form(ws)
        form = forms_store.list_forms(ws)[0]
        made: dict[tuple[str, str], list[str]] = defaultdict(list)
        for ward, household in HOUSEHOLDS:
            iv = interviews.new_interview(
                ws, form_id=form.form_id, form_version=form.version, ward=ward,
                household_id=household, enumerator="Lan",
            )  # fmt: skip
            made[(ward, household)].append(iv.uuid)
        groups = household_duplicates(ws)
        expected = sorted(k for k, v in made.items() if len(v) > 1)
        assert [g.key for g in groups] == [f"{w}/{h}" for w, h in expected]
        assert [g.uuids for g in groups] == [sorted(made[k]) for k in expected]
        assert all(g.rule == "ward+household" for g in groups)
        asked = household_duplicates(ws, [("Phúc Tân", "H2"), ("Chương Dương", "H1")])
        assert [g.key for g in asked] == ["Phúc Tân/H2"]
    finally:
        ws.close()
