"""Exports of a workspace stream their tables (issue 15): each table's rows are read from
the analysis tables in blocks, in the interviews' order, while they are written. The
rows read in blocks (across block edges, with interviews read from their documents
between clean ones, and rows not yet refreshed) are those the documents give."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.reports import export_tables
from fieldsurvey.reports.export_tables import RowStream, build_tables, stream_tables
from fieldsurvey.reports.export_writers import export_workspace
from fieldsurvey.reports.workspace_reader import form_specs, read_interviews
from fieldsurvey.store import analysis_tables, interviews
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace

PASSWORD = "streaming password"
FORM = """
| survey |
| | type | name | label |
| | select_one ward | ward | Ward |
| | select_multiple help | helps | Help |
| | decimal | income | Income |
| | integer | size | Size |
| | text | remark | Remark |
| | begin repeat | people | People |
| | text | name | Name |
| | integer | age | Age |
| | begin repeat | visits | Visits |
| | date | v_date | Date |
| | end repeat | | |
| | end repeat | | |
| choices |
| | list_name | name | label |
| | ward | a | Ward A |
| | ward | b | Ward B |
| | help | food | Food |
| | help | cash | Cash |
| settings |
| | form_id | version | ward_field |
| | streamed | 1 | ward |
"""


def answers(k: int) -> dict[str, Any]:
    """Interview ``k``: mostly clean answers; some the tables cannot hold (read from the
    document: a true/false, a lone surrogate, NaN) or give cells left empty."""
    doc: dict[str, Any] = {
        "ward": "ab"[k % 2],
        "helps": ["food", "cash"][: k % 3],
        "income": 1000.5 + k,
        "size": k % 7,
        "remark": f'nhà số {k}, ngõ "{k}"',
        "people": [
            {"name": f"P{k}-{i}", "age": 20 + i, "visits": [{"v_date": "2026-10-01"}] * (i % 2)}
            for i in range(k % 4)
        ],
    }
    if k % 11 == 3:
        doc["size"] = True  # odd: read from the document
    if k % 13 == 5:
        doc["remark"] = "\ud800"  # odd: a lone surrogate
    if k % 17 == 2:
        doc["income"] = "NaN"  # a text the number column keeps; its cell is left empty
    return doc


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap())
    spec: FormSpec = load_form_bytes(FORM.encode(), "streamed.md")
    forms_store.save_form(ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash)
    made = []
    for k in range(40):
        made.append(
            interviews.new_interview(
                ws, form_id="streamed", form_version="1", ward="Ward A", household_id=f"H{k}",
                enumerator="Lan",
            ).uuid
        )  # fmt: skip
        ws.db.execute(
            "UPDATE interviews SET answers = ?, created = ? WHERE uuid = ?",
            [json.dumps(answers(k)), f"2026-10-{1 + (k * 7) % 28:02d}T08:00:00Z", made[-1]],
        )
        interviews.complete(ws, made[-1], who="Lan")
    for k in range(4, 40, 9):  # changed after completion, not refreshed yet: documents
        doc = answers(k) | {"remark": f"changed {k}"}
        ws.db.execute(
            "UPDATE interviews SET answers = ? WHERE uuid = ?", [json.dumps(doc), made[k]]
        )
    assert len(analysis_tables.stale_uuids(ws, analysis_tables.layout_of(ws, "streamed"))[1]) == 4
    yield ws
    ws.close()


def test_tables_read_in_blocks_equal_the_tables_of_the_documents(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_tables, "CHUNK", 3)  # many blocks, documents between rows
    specs = form_specs(workspace, "streamed")
    stored = read_interviews(workspace, "streamed")
    assert stored.analysis() is not None
    documents = list(stored)
    for labels in (False, True):
        theirs = build_tables(documents, specs, labels=labels, lang="en")
        with workspace.reading():
            ours = stream_tables(stored, specs, labels=labels, lang="en")
            assert all(isinstance(t.rows, RowStream) for t in ours)
            read = [[list(row) for row in t.rows] for t in ours]
        assert [t.name for t in ours] == ["streamed", "people", "visits"]
        for table, rows, other in zip(ours, read, theirs, strict=True):
            assert rows == other.rows, table.name
            assert len(table.rows) == len(rows), table.name  # known before reading
            assert table.notes == other.notes, table.name
        assert ours[0].notes, "NaN left empty, said once the rows were read"
        # read whole, the same tables (numeric columns too)
        whole = build_tables(stored, specs, labels=labels, lang="en")
        assert [t.rows for t in whole] == [t.rows for t in theirs]
        assert [t.columns for t in whole] == [t.columns for t in theirs]


def test_export_of_a_workspace_writes_the_rows_of_every_block(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_tables, "CHUNK", 4)
    result = export_workspace(workspace, "csv", tmp_path / "csv")
    with open(tmp_path / "csv" / "streamed.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert (tmp_path / "csv" / "streamed.csv").read_bytes().startswith(b"\xef\xbb\xbf_uuid,")
    assert [r[1] for r in rows[1:]] == [str(n) for n in range(1, 41)]  # numbered in order
    created = [r[rows[0].index("_created")] for r in rows[1:]]
    assert created == sorted(created)
    remarks = {r[rows[0].index("_household_id")]: r[rows[0].index("remark")] for r in rows[1:]}
    assert remarks["H4"] == "changed 4" and remarks["H7"] == 'nhà số 7, ngõ "7"'
    assert [(t.name, t.rows) for t in result.tables] == [
        ("streamed", 40),
        ("people", sum(k % 4 for k in range(40))),
        ("visits", sum(i % 2 for k in range(40) for i in range(k % 4))),
    ]
    assert any("income" in w.text("en") for w in result.warnings)
