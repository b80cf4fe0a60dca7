"""Possible duplicate people read from the respondents' keys, not from every answer
document (issue 15): the same groups as the document rule, for any workspace.

The reference below is the check as it was (every interview's answers read and walked
at every read), copied here on purpose: a change to the rule in ``store/person_keys.py``
fails these tests. Workspaces are made through every write path that stores answers or
a respondent (a new draft, an answer saved, a merged new record, a merged newer
revision, a resolved conflict, the purge), and through writes that do not keep the keys
(plain SQL, as an older or forgetful writer would): those interviews are read from their
documents, so the groups never differ.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import uuid as uuid_module
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldsurvey.errors import AnswerError
from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import analysis_tables, interviews, person_keys, receipt_log, report_rows
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.interview_binding import new_identity
from fieldsurvey.store.sync_records import (
    WIRE_COLUMNS,
    Ancestor,
    MergeWrites,
    apply_merge,
    store_resolution,
)
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_payload import BundlePayload, WireInterview
from fieldsurvey.sync.duplicates import DuplicateGroup, person_duplicates
from fieldsurvey.sync.merge import merge_payload

# --- the reference: the document rule, as the check applied it before -------------------------
NAME_FIELDS = ("resp_name", "respondent_name")
AGE_FIELDS = ("resp_age", "respondent_age")
PHONE_FIELDS = ("phone", "resp_phone", "phone_number")


def _leaf(doc: Any, names: tuple[str, ...]) -> Any:
    if not isinstance(doc, dict):
        return None
    for name in names:
        if doc.get(name) not in (None, ""):
            return doc[name]
    for value in doc.values():
        if isinstance(value, dict):
            found = _leaf(value, names)
            if found is not None:
                return found
    return None


def _fold(text: Any) -> str:
    return " ".join(str(text).casefold().split())


def reference_groups(ws: Workspace) -> list[DuplicateGroup]:
    buckets: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for uuid, device, respondent, answers in report_rows.respondent_documents(ws):
        doc = json.loads(answers)
        name = _fold(respondent or _leaf(doc, NAME_FIELDS) or "")
        age = _leaf(doc, AGE_FIELDS)
        if not name or age is None:
            continue
        phone = _fold(_leaf(doc, PHONE_FIELDS) or "")
        buckets[(name, str(age))].append((uuid, device, phone))
    groups = []
    for (name, age), members in sorted(item for item in buckets.items() if len(item[1]) > 1):
        if len({p for _, _, p in members if p}) > 1:
            continue
        groups.append(
            DuplicateGroup(
                rule="name+age+phone",
                key=f"{name}|{age}",
                uuids=sorted(u for u, _, _ in members),
                devices=sorted({d for _, d, _ in members}),
            )
        )
    return groups


# --- workspaces -------------------------------------------------------------------------------
#: candidate fields at three depths, age as a number and as a text, a repeat
FORM = """
| survey |
| | type | name | label |
| | text | respondent_name | Name |
| | begin group | g | G |
| | text | resp_name | Name |
| | integer | resp_age | Age |
| | text | phone | Phone |
| | end group | | |
| | begin group | h | H |
| | begin group | inner | Inner |
| | text | respondent_age | Age |
| | text | resp_phone | Phone |
| | end group | | |
| | end group | | |
| | text | phone_number | Phone |
| | begin repeat | members | Members |
| | text | member | Member |
| | end repeat | | |
| settings |
| | form_id | version |
| | people | 1 |
"""
OTHER_FORM = FORM.replace("| people | 1 |", "| other | 1 |")


def _workspace(home: Path) -> Workspace:
    ws = Workspace.create(home, "person keys", role="coordinator", kdf=KdfParams.cheap())
    for text, name in ((FORM, "people.md"), (OTHER_FORM, "other.md")):
        spec = load_form_bytes(text.encode("utf-8"), name, use_cache=False)
        forms_store.save_form(
            ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash
        )
    analysis_tables.forms_changed(ws.db)
    return ws


@contextlib.contextmanager
def _fresh() -> Iterator[Workspace]:
    with tempfile.TemporaryDirectory() as tmp:
        ws = _workspace(Path(tmp) / "ws")
        try:
            yield ws
        finally:
            ws.close()


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = _workspace(tmp_path / "ws")
    yield workspace
    workspace.close()


NAMES = ["Lan", " lan", "LAN  Anh", "lan anh", "Đặng Ánh", "đặng  ánh", "", None]
RESPONDENTS = st.sampled_from(["", "", "Lan", " lan ", "Minh Anh"])
TEXTS = st.sampled_from(NAMES)
PHONES = st.sampled_from(["0912", " 0912", "0913", "", None])


@st.composite
def form_answers(draw: st.DrawFn) -> dict[str, Any]:
    """Answers the form accepts, in any key order, with absent, null and empty answers."""
    g = {"resp_name": draw(TEXTS), "resp_age": draw(st.sampled_from([30, 31, None])),
         "phone": draw(PHONES)}  # fmt: skip
    inner = {"respondent_age": draw(st.sampled_from(["30", "31", "30.0", "", None])),
             "resp_phone": draw(PHONES)}  # fmt: skip
    members = [{"member": draw(TEXTS)} for _ in range(draw(st.integers(0, 2)))]
    doc = {"respondent_name": draw(TEXTS), "g": g, "h": {"inner": inner},
           "phone_number": draw(PHONES), "members": members}  # fmt: skip
    for part in (doc, g, inner):
        for key in [k for k, v in part.items() if v is None]:
            if draw(st.booleans()):
                del part[key]  # absent rather than null
    order = draw(st.permutations(list(doc)))
    return {key: doc[key] for key in order}


KEYS = st.sampled_from([*NAME_FIELDS, *AGE_FIELDS, *PHONE_FIELDS, "g", "h", "x"])
LEAVES = st.one_of(
    st.none(),
    TEXTS,
    st.sampled_from(["30", "30.0", "0912", " 0912 ", "\x00", "ǅ", "ß", "SS"]),
    st.integers(29, 31),
    st.sampled_from([30.0, 0, -0.0, 1e300, float("inf"), float("nan")]),
    st.booleans(),
    st.text(max_size=3),
)
ODD = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=10,
)
ODD_DOCS = st.dictionaries(KEYS, ODD, max_size=6)
PATHS = st.sampled_from(["resp_age", "resp_name", "g/resp_age", "g/x/phone", "h/respondent_name"])


def _record(device: str, answers: dict[str, Any], respondent: str, n: int) -> WireInterview:
    uuid, nonce = new_identity(device)
    return WireInterview(
        uuid=uuid, form_id="people", form_version="1", ward="Phúc Tân", household_id=f"H-{n}",
        respondent=respondent, enumerator="Lan", device_id=device, status="completed",
        created=f"2026-11-{n % 28 + 1:02d}T10:00:00.000+00:00",
        updated="2026-11-23T10:00:00.000+00:00", revision=2, base_revision=0, nonce=nonce,
        answers=answers,
    )  # fmt: skip


def _merge(ws: Workspace, device: str, records: list[WireInterview], sequence: int) -> int:
    payload = BundlePayload(
        campaign=str(uuid_module.uuid4()), device=device, sequence=sequence,
        bundle=str(uuid_module.uuid4()), interviews=records,
    )  # fmt: skip
    with ws.transaction() as db:
        report = merge_payload(
            db, payload, device_id=device, bundle_id=payload.bundle, who="coordinator"
        )
    return len(report.new) + len(report.updated)


def _draft(ws: Workspace, answers: dict[str, Any], respondent: str, form: str = "people") -> str:
    return interviews.new_interview(
        ws, form_id=form, form_version="1", ward="Chương Dương", household_id="D",
        enumerator="Lan", respondent=respondent, answers=answers,
    ).uuid  # fmt: skip


def _unkept_update(ws: Workspace, uuid: str, answers: dict[str, Any], respondent: str) -> None:
    """A write that does not keep the keys (plain SQL)."""
    ws.db.execute(
        "UPDATE interviews SET answers = ?, respondent = ? WHERE uuid = ?",
        [json.dumps(answers, ensure_ascii=False), respondent, uuid],
    )


def _unkept_insert(ws: Workspace, answers: str, respondent: str) -> str:
    uuid = str(uuid_module.uuid4())
    ws.db.execute(
        "INSERT INTO interviews (uuid, form_id, form_version, ward, household_id, respondent, "
        "enumerator, device_id, status, created, updated, revision, base_revision, nonce, "
        "answers) VALUES (?, 'other', '1', 'Phúc Tân', 'Z', ?, 'Lan', 'dev-x', 'completed', "
        "'2026-11-01T10:00:00.000+00:00', '2026-11-01T10:00:00.000+00:00', 1, 0, '', ?)",
        [uuid, respondent, answers],
    )
    return uuid


def _unknown(ws: Workspace) -> set[str]:
    return {row[0] for row in person_keys.unknown_documents(ws)}


# --- the property -----------------------------------------------------------------------------
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    merged=st.lists(st.tuples(form_answers(), RESPONDENTS), min_size=2, max_size=12),
    newer=st.lists(st.tuples(st.integers(0, 11), form_answers(), RESPONDENTS), max_size=4),
    drafts=st.lists(st.tuples(ODD_DOCS, RESPONDENTS, st.booleans()), max_size=10),
    saved=st.lists(st.tuples(st.integers(0, 9), PATHS, ODD), max_size=5),
    resolved=st.lists(st.tuples(st.integers(0, 11), form_answers()), max_size=2),
    purged=st.lists(st.integers(0, 11), max_size=3),
    unkept=st.lists(st.tuples(st.integers(0, 21), ODD_DOCS, RESPONDENTS), max_size=3),
)
def test_the_groups_are_those_of_the_document_rule_for_any_workspace(
    merged: list[tuple[dict[str, Any], str]],
    newer: list[tuple[int, dict[str, Any], str]],
    drafts: list[tuple[dict[str, Any], str, bool]],
    saved: list[tuple[int, str, Any]],
    resolved: list[tuple[int, dict[str, Any]]],
    purged: list[int],
    unkept: list[tuple[int, dict[str, Any], str]],
) -> None:
    with _fresh() as ws:
        device = str(uuid_module.uuid4())
        records = [_record(device, a, r, n) for n, (a, r) in enumerate(merged)]
        assert _merge(ws, device, records, 1) == len(records)  # every record merged
        updates = []
        for i, answers, respondent in newer:
            if i < len(records) and records[i].uuid not in {u.uuid for u in updates}:
                updates.append(records[i].model_copy(update={
                    "answers": answers, "respondent": respondent, "revision": 3,
                    "updated": "2026-11-24T10:00:00.000+00:00"}))  # fmt: skip
        assert _merge(ws, device, updates, 2) == len(updates)
        uuids = [r.uuid for r in records]
        uuids += [_draft(ws, a, r, "people" if p else "other") for a, r, p in drafts]
        for i, path, value in saved:
            if len(records) + i < len(uuids):
                with contextlib.suppress(AnswerError):  # a path through a non-group
                    interviews.set_answer(ws, uuids[len(records) + i], path, value, who="Lan")
        with ws.transaction() as db:
            for i, answers in resolved:
                if i < len(records):
                    ancestor = Ancestor(records[i].uuid, device, 2, "{}", "")
                    store_resolution(
                        db, records[i].uuid, answers=json.dumps(answers, ensure_ascii=False),
                        revision=9, updated="2026-11-25T10:00:00.000+00:00", ancestor=ancestor,
                    )  # fmt: skip
            receipt_log.erase_content(db, [uuids[i] for i in purged if i < len(records)])
        assert not _unknown(ws)  # every write path kept the keys: no document read
        assert person_duplicates(ws) == reference_groups(ws)

        for i, answers, respondent in unkept:
            if i < len(uuids):
                _unkept_update(ws, uuids[i], answers, respondent)
        if unkept:
            _unkept_insert(ws, json.dumps(unkept[0][1]), unkept[0][2])
        assert person_duplicates(ws) == reference_groups(ws)


# --- hand-made odd cases ----------------------------------------------------------------------
def _same(ws: Workspace) -> list[DuplicateGroup]:
    groups = person_duplicates(ws)
    assert groups == reference_groups(ws)
    return groups


def test_a_name_in_a_group_found_first_in_the_documents_order(ws: Workspace) -> None:
    """Two groups each holding an age: the first in the document's order is the age,
    wherever the form puts it; a name at the top wins over one in a group."""
    a = _draft(ws, {"h": {"inner": {"respondent_age": "40"}}, "g": {"resp_age": 30},
                    "respondent_name": "Lan", "g2": {"resp_name": "Mai"}}, "")  # fmt: skip
    b = _draft(ws, {"g": {"resp_age": 40, "resp_name": "Mai"}, "respondent_name": " LAN"}, "")
    c = _draft(ws, {"g": {"resp_age": 30}, "h": {"inner": {"respondent_age": "40"}}}, "lan")
    groups = _same(ws)
    assert [(g.key, g.uuids) for g in groups] == [("lan|40", sorted([a, b]))]
    assert c not in groups[0].uuids


def test_an_age_as_a_number_or_a_text_is_the_same_age(ws: Workspace) -> None:
    a = _draft(ws, {"resp_age": 30}, "Lan")
    b = _draft(ws, {"respondent_age": "30"}, "lan")
    _draft(ws, {"resp_age": 30.0}, "Lan")  # "30.0": another age
    _draft(ws, {"resp_age": ""}, "Lan")  # no age: no part
    _draft(ws, {"resp_age": "", "respondent_age": 0}, "Lan")  # 0: an age ("0")
    _draft(ws, {"resp_age": 0}, "Lan")
    groups = _same(ws)
    assert [(g.key, len(g.uuids)) for g in groups] == [("lan|0", 2), ("lan|30", 2)]
    assert groups[1].uuids == sorted([a, b])


def test_phones_differ_only_when_both_have_one(ws: Workspace) -> None:
    _draft(ws, {"resp_age": 30, "phone": "0912"}, "Lan")
    _draft(ws, {"resp_age": 30, "g": {"phone_number": " 0912 "}}, "lan")
    _draft(ws, {"resp_age": 30, "phone": ""}, "Lan")
    _draft(ws, {"resp_age": 31, "phone": "0912"}, "Mai")
    _draft(ws, {"resp_age": 31, "phone": "0913"}, "Mai")
    assert [(g.key, len(g.uuids)) for g in _same(ws)] == [("lan|30", 3)]


def test_drafts_and_several_forms_and_repeats(ws: Workspace) -> None:
    """Drafts count; a form without analysis tables counts; a name inside a repeat is
    no respondent."""
    _draft(ws, {"resp_age": 30}, "Lan", form="other")
    _draft(ws, {"resp_age": 30}, "Lan")
    _draft(ws, {"members": [{"resp_name": "Mai", "resp_age": 30}]}, "")
    _draft(ws, {"resp_age": 30, "members": [{"resp_name": "Mai"}]}, "")
    assert [(g.key, len(g.uuids)) for g in _same(ws)] == [("lan|30", 2)]


def test_a_write_that_does_not_keep_the_keys_is_read_from_its_document(ws: Workspace) -> None:
    a = _draft(ws, {"resp_age": 30}, "Lan")
    b = _draft(ws, {"resp_age": 31}, "Lan")
    assert not _unknown(ws) and _same(ws) == []
    _unkept_update(ws, b, {"g": {"resp_age": 30}}, "")  # the name now only in the document
    ws.db.execute("UPDATE interviews SET respondent = 'Lan' WHERE uuid = ?", [b])
    c = _unkept_insert(ws, '{"resp_name": "LAN", "resp_age": 30}', "")
    assert _unknown(ws) == {b, c}
    assert [g.uuids for g in _same(ws)] == [sorted([a, b, c])]
    interviews.set_answer(ws, b, "resp_age", 31, who="Lan")  # a writer that keeps them
    assert _unknown(ws) == {c}
    assert [g.uuids for g in _same(ws)] == [sorted([a, c])]


def test_the_purge_leaves_no_copy_of_the_name(ws: Workspace) -> None:
    a = _draft(ws, {"resp_age": 30, "phone": "0912"}, "Lan")
    b = _draft(ws, {"resp_age": 30}, "Lan")
    with ws.transaction() as db:
        receipt_log.erase_content(db, [a])
    row = ws.db.execute(
        "SELECT person_name, person_age, person_phone FROM interviews WHERE uuid = ?", [a]
    ).fetchone()
    assert tuple(row) == ("", None, None)
    # a purge by plain SQL: the trigger forgets the keys
    ws.db.execute("UPDATE interviews SET answers = '{}', respondent = '' WHERE uuid = ?", [b])
    row = ws.db.execute(
        "SELECT person_name, person_age, person_phone FROM interviews WHERE uuid = ?", [b]
    ).fetchone()
    assert tuple(row) == (None, None, None)
    assert _same(ws) == []


def test_a_name_the_column_cannot_hold_is_read_from_its_document(ws: Workspace) -> None:
    """A lone surrogate (written as an escape in the stored JSON) cannot be a column's
    text: that interview is read from its document, and still grouped."""
    text = '{"resp_name": "\\ud800 x", "resp_age": 7}'
    assert person_keys.key_columns_of_text("", text) == person_keys.UNKNOWN
    a, b = _unkept_insert(ws, text, ""), _unkept_insert(ws, text, "")
    _unkept_insert(ws, '{"resp_name": "\\u0000", "resp_age": 7}', "")
    _draft(ws, {"resp_name": "\x00", "resp_age": 7}, "")
    groups = _same(ws)
    assert [g.uuids for g in groups if g.key.startswith("\ud800")] == [sorted([a, b])]
    assert len(groups) == 2


def test_merge_rows_given_without_keys_get_them_from_their_answers(ws: Workspace) -> None:
    """``apply_merge`` rows of the wire's columns only (bench and test code): the keys are
    worked out from the answers' text, not left to be read."""
    device = str(uuid_module.uuid4())
    records = [_record(device, {"g": {"resp_age": 30}}, name, n)
               for n, name in enumerate(["Lan", " lan", "Mai"])]  # fmt: skip
    rows = []
    for record in records:
        row = [getattr(record, c) for c in WIRE_COLUMNS[:-1]]
        rows.append([*row, json.dumps(record.answers)])
    with ws.transaction() as db:
        apply_merge(db, MergeWrites(inserts=rows))
    assert not _unknown(ws)
    assert [g.uuids for g in _same(ws)] == [sorted(r.uuid for r in records[:2])]


def test_an_upgraded_workspace_gets_the_keys_of_its_interviews(tmp_path: Path) -> None:
    """Migration 0028 works out every interview's keys from its answers; a document it
    cannot key (a lone surrogate) is left to be read."""
    ws = _workspace(tmp_path / "ws")
    home = Path(ws.home)
    _draft(ws, {"g": {"resp_age": 30}, "resp_name": "Lan"}, "")
    _draft(ws, {"resp_age": "30"}, "lan")
    _draft(ws, {"resp_age": 30, "phone": "1"}, "Mai")
    _draft(ws, {"resp_age": 30, "phone": "2"}, "Mai")
    odd = _unkept_insert(ws, '{"resp_name": "\\udfff", "resp_age": 1}', "")
    _unkept_insert(ws, '{"resp_name": "\\udfff", "resp_age": 1}', "")
    expected = reference_groups(ws)
    db = ws.db
    db.execute("DROP INDEX idx_interviews_person")
    db.execute("DROP INDEX idx_interviews_person_unknown")
    db.execute("DROP TRIGGER person_keys_forget")
    for column in (*person_keys.KEY_COLUMNS, "person_stamp"):
        db.execute(f"ALTER TABLE interviews DROP COLUMN {column}")
    db.execute("DELETE FROM _migrations WHERE name = '0028_person_keys'")
    ws.close()
    ws = Workspace.open(home, "person keys")
    try:
        assert len(expected) == 2
        assert person_duplicates(ws) == expected == reference_groups(ws)
        assert len(_unknown(ws)) == 2 and odd in _unknown(ws)
    finally:
        ws.close()
