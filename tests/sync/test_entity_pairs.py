"""The Entities tab's "same household twice?" pairs (issue 16): the entries a group's
interviews created are found by the entities table's creator (one read for every
group, issue 15: a statement per interview took 3.3 s at 100,000 interviews), on the
coordinator too, where the interviews merged from bundles keep no actions and every group
fell back to the search.

On a laptop (actions kept with the interviews) the pairs are those the per-interview
reading gave (kept below as the reference), on hand-made groups: entries created by the
groups' interviews, a deleted one, two lists, interviews with no actions (entries found
by household id or by name), an interview the workspace does not hold."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.forms.entity_model import EntityAction, entity_id_for
from fieldsurvey.forms.installed import install_default_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import entities as es
from fieldsurvey.store import entity_local, interviews
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import entity_duplicates
from fieldsurvey.sync.duplicates import DuplicateGroup
from fieldsurvey.sync.entity_duplicates import DuplicatePair, duplicate_pairs


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "coord", "entity pairs pw", kdf=KdfParams.cheap())
    install_default_form(workspace)
    yield workspace
    workspace.close()


def _interview(
    ws: Workspace, household: str, *actions: EntityAction, ward: str = "Phúc Tân"
) -> str:
    form = forms_store.list_forms(ws)[0]
    made = interviews.new_interview(
        ws, form_id=form.form_id, form_version=form.version, ward=ward,
        household_id=household, enumerator="Lan",
    )  # fmt: skip
    if actions:
        with ws.transaction():
            entity_local.apply_local(ws.db, made.uuid, list(actions), device_id="dev-1")
    return made.uuid


def _create(list_name: str, entity_id: str, label: str, **properties: str) -> EntityAction:
    return EntityAction(list_name, entity_id, "create", label, properties)


def _sent(n: int, label: str, **properties: str) -> EntityAction:
    """A create as a laptop sends it (its id made from the laptop's id and a nonce)."""
    nonce = f"{n:032x}"
    return EntityAction(
        "households", entity_id_for("dev-1", nonce), "create", label, properties, nonce=nonce
    )


def _group(key: str, uuids: Sequence[str], rule: str = "ward+household") -> DuplicateGroup:
    return DuplicateGroup(rule=rule, key=key, uuids=sorted(uuids), devices=["dev-1"])  # type: ignore[arg-type]


def _reference(ws: Workspace, groups: Sequence[DuplicateGroup]) -> list[DuplicatePair]:
    """The pairs as they were read before: each interview's stored actions, a statement
    per interview and per action."""
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


def _shown(pairs: Sequence[DuplicatePair]) -> list[tuple[str, str, str, str, str]]:
    return [(p.rule, p.key, p.first.list_name, p.first.label, p.second.label) for p in pairs]


def test_on_a_laptop_the_pairs_are_those_of_the_stored_actions(ws: Workspace) -> None:
    groups = [
        # both interviews registered the household: their two entries
        _group(
            "Phúc Tân/PT-001",
            [
                _interview(
                    ws, "PT-001", _create("households", "h-1", "Nguyễn Văn An", hh_id="PT-001")
                ),
                _interview(
                    ws, "PT-001", _create("households", "h-2", "Nguyễn V. An", hh_id="PT-001")
                ),
            ],
        ),
        # registered in two lists by the same two interviews: a pair per list, by name
        _group(
            "Phúc Tân/PT-002",
            [
                _interview(
                    ws,
                    "PT-002",
                    _create("people", "p-1", "Trần Thị Bình"),
                    _create("households", "h-3", "Trần Thị Bình", hh_id="PT-002"),
                ),
                _interview(
                    ws,
                    "PT-002",
                    _create("people", "p-2", "Trần T. Bình"),
                    _create("households", "h-4", "Trần T. Bình", hh_id="PT-002"),
                ),
            ],
        ),
        # one entry only: found instead by the household id held in a property
        _group(
            "Phúc Tân/CD-001",
            [
                _interview(
                    ws, "CD-001", _create("households", "h-5", "Lê Văn Cường", hh_id="CD-001")
                ),
                _interview(ws, "CD-001"),
                "not-in-this-workspace",
            ],
        ),
        # no actions at all: by the respondent's name (folded) in the labels
        _group("bình|34", [_interview(ws, "X-1"), _interview(ws, "X-2")], rule="name+age+phone"),
        # nothing to pair
        _group("Phúc Tân/ZZ-9", [_interview(ws, "ZZ-9"), _interview(ws, "ZZ-9")]),
    ]
    # a registration's entry merged away since: left out of the pairs of its group
    deleted = _group("Phúc Tân/PT-009", [
        _interview(ws, "PT-009", _create("households", "h-9", "Phạm Văn Đức", hh_id="PT-009")),
        _interview(ws, "PT-009", _create("households", "h-10", "Phạm V. Đức", hh_id="PT-009")),
        _interview(ws, "PT-009", _create("households", "h-11", "Phạm Đức", hh_id="PT-009")),
    ])  # fmt: skip
    with ws.transaction():
        es.merge_entities(ws.db, "households", "h-9", "h-10", who="coordinator")
    groups.append(deleted)

    pairs = duplicate_pairs(ws, groups)

    assert pairs == _reference(ws, groups)
    assert _shown(pairs) == [
        ("ward+household", "Phúc Tân/PT-001", "households", "Nguyễn Văn An", "Nguyễn V. An"),
        ("ward+household", "Phúc Tân/PT-002", "households", "Trần Thị Bình", "Trần T. Bình"),
        ("ward+household", "Phúc Tân/PT-002", "people", "Trần Thị Bình", "Trần T. Bình"),
        ("name+age+phone", "bình|34", "households", "Trần Thị Bình", "Trần T. Bình"),
        ("name+age+phone", "bình|34", "people", "Trần Thị Bình", "Trần T. Bình"),
        ("ward+household", "Phúc Tân/PT-009", "households", "Phạm Văn Đức", "Phạm Đức"),
    ]


def test_on_the_coordinator_the_entries_the_groups_interviews_created(ws: Workspace) -> None:
    """Two households share the id PT-001, one in each ward; Phúc Tân's was interviewed
    twice and registered twice (the actions merged from a bundle, as the coordinator
    holds them: with their interview, not in it). The pair is the two Phúc Tân entries,
    not whichever PT-001 entries a search finds first."""
    chuong_duong = _interview(ws, "PT-001", ward="Chương Dương")
    twice = [_interview(ws, "PT-001"), _interview(ws, "PT-001")]
    registered = [
        (chuong_duong, _sent(1, "Đỗ Văn Bảo", hh_id="PT-001")),
        (twice[0], _sent(2, "Nguyễn Văn An", hh_id="PT-001")),
        (twice[1], _sent(3, "Nguyễn V. An", hh_id="PT-001")),
    ]
    for (uuid, action), ward in zip(
        registered, ["Chương Dương", "Phúc Tân", "Phúc Tân"], strict=True
    ):
        with ws.transaction():
            es.merge_actions(ws.db, interview_uuid=uuid, device_id="dev-1", ward=ward,
                             actions=[action])  # fmt: skip
    assert entity_local.actions_of(ws.db, twice[0]) == []  # nothing kept in the interview

    pairs = duplicate_pairs(ws, [_group("Phúc Tân/PT-001", twice)])

    assert [(p.first.entity_id, p.second.entity_id) for p in pairs] == [
        (registered[1][1].entity_id, registered[2][1].entity_id)
    ]


def test_the_search_for_a_household_id_keeps_to_the_ward(ws: Workspace) -> None:
    """No entry created by the group's interviews: the entries holding the household id
    are searched, and an entry merged from another ward's interview (another household:
    the id is the ward's) is not offered as the same household."""
    registrations = [
        ("Chương Dương", _sent(1, "Đỗ Văn Bảo", hh_id="PT-001")),
        ("Phúc Tân", _sent(2, "Nguyễn Văn An", hh_id="PT-001")),
        ("Phúc Tân", _sent(3, "Nguyễn V. An", hh_id="PT-001")),
    ]
    for ward, action in registrations:
        registering = _interview(ws, "REG", ward=ward)
        with ws.transaction():
            es.merge_actions(ws.db, interview_uuid=registering, device_id="dev-1", ward=ward,
                             actions=[action])  # fmt: skip
    twice = [_interview(ws, "PT-001"), _interview(ws, "PT-001")]

    pairs = duplicate_pairs(ws, [_group("Phúc Tân/PT-001", twice)])

    assert [(p.first.label, p.second.label) for p in pairs] == [("Nguyễn Văn An", "Nguyễn V. An")]


def test_the_entries_are_read_once_not_per_interview(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    groups = [
        _group(f"Phúc Tân/H{n}", [
            _interview(ws, f"H{n}", _create("households", f"h-{n}-{k}", f"Hộ {n} ({k})",
                                            hh_id=f"H{n}"))
            for k in (1, 2)
        ])
        for n in range(60)
    ]  # fmt: skip
    statements: list[str] = []
    real = type(ws.db).execute

    def counted(self: Any, sql: str, parameters: Any = None) -> Any:
        statements.append(sql)
        return real(self, sql, parameters)

    monkeypatch.setattr(type(ws.db), "execute", counted)
    pairs = duplicate_pairs(ws, groups)

    assert [(p.first.label, p.second.label) for p in pairs] == [
        (f"Hộ {n} (1)", f"Hộ {n} (2)") for n in range(60)
    ]
    # 120 interviews and 120 entries: a few statements in all, none per interview or entry
    assert len(statements) < 10, statements
