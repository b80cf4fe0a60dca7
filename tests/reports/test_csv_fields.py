"""The csv export of a workspace makes each block's csv fields column by column and joins
its rows itself (issue 15: csv.writer's work cell by cell was most of an export of
100,000 interviews). What it writes is byte for byte what csv.writer writes for the rows
the documents give: texts holding commas, quotes and line breaks, labels that need
quotes, numbers of every kind, missing values; in blocks of a few rows, with interviews
read from their documents between clean ones. The export order read here and sorted in
Python is SQLite's ``ORDER BY created, uuid``."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.reports import export_tables
from fieldsurvey.reports.export_tables import ExportTable, build_tables
from fieldsurvey.reports.export_writers import csv_text, export_workspace
from fieldsurvey.reports.workspace_reader import form_specs, read_interviews
from fieldsurvey.store import analysis_tables, export_scan, interviews
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace

PASSWORD = "csv fields password"
FORM = """
| survey |
| | type | name | label |
| | select_one ward | ward | Ward |
| | select_multiple help | helps | Help |
| | decimal | income | Income |
| | integer | size | Size |
| | text | remark | Remark |
| | text | score | Score |
| | begin repeat | people | People |
| | text | name | Name |
| | integer | age | Age |
| | select_one yn | works | Works |
| | end repeat | | |
| choices |
| | list_name | name | label |
| | ward | a | Phường "A", Hoàn Kiếm |
| | ward | b | Ward B |
| | help | food | Food, rice |
| | help | cash | Cash |
| | help | loan | "Loan" |
| | yn | yes | Yes |
| | yn | no | No |
| settings |
| | form_id | version | ward_field |
| | fields | 1 | ward |
"""

REMARKS = [
    "plain",
    "a, b",
    'say "hi"',
    "two\nlines",
    "cr\ronly",
    "crlf\r\nend",
    "None",
    " leading space",
    "tab\there",
    "Đặng Thị Ngọc Ánh",
    "",
    '",\r\n',
]
NUMBERS: list[Any] = [0.1 + 0.2, 1e22, -0.0, 12.0, 2.5, 10**30, -7, 0, None, "NaN", "12"]


def answers(k: int) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "ward": ["a", "b", "", "zz"][k % 4],  # "zz": a code the list does not have
        "helps": [["food", "cash"], [], ["loan"], ["food", "cash", "loan"], ["other"]][k % 5],
        "income": NUMBERS[k % len(NUMBERS)],
        "size": [k % 7, None, 3.0][k % 3],
        "remark": REMARKS[k % len(REMARKS)],
        "score": [k * 1.5, "n/a", None][k % 3],
        "people": [
            {"name": REMARKS[(k + i) % len(REMARKS)], "age": 20 + i, "works": "yes" if i else "no"}
            for i in range(k % 4)
        ],
    }
    if k % 11 == 3:
        doc["size"] = True  # odd: read from the document
    return doc


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap())
    spec: FormSpec = load_form_bytes(FORM.encode(), "fields.md")
    forms_store.save_form(ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash)
    made = []
    for k in range(48):
        made.append(
            interviews.new_interview(
                ws, form_id="fields", form_version="1", ward="Ward A",
                household_id=f"H,{k}" if k % 5 == 0 else f"H{k}", enumerator='Lan "B"',
            ).uuid
        )  # fmt: skip
        ws.db.execute(
            "UPDATE interviews SET answers = ?, created = ? WHERE uuid = ?",
            [json.dumps(answers(k)), f"2026-10-{1 + (k * 7) % 28:02d}T08:00:00Z", made[-1]],
        )
        interviews.complete(ws, made[-1], who="Lan")
    for k in range(4, 48, 13):  # changed after completion, not refreshed yet: documents
        doc = answers(k) | {"remark": f"changed, {k}"}
        ws.db.execute(
            "UPDATE interviews SET answers = ? WHERE uuid = ?", [json.dumps(doc), made[k]]
        )
    yield ws
    ws.close()


def _csv_bytes(table: ExportTable) -> bytes:
    out = io.StringIO(newline="")
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([c.key for c in table.columns])
    writer.writerows(table.rows)  # type: ignore[arg-type]
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("chunk", [3, 2000])
@pytest.mark.parametrize("labels", [False, True])
def test_the_csv_files_are_what_csv_writer_writes_for_the_documents_rows(
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
    labels: bool,
) -> None:
    monkeypatch.setattr(export_tables, "CHUNK", chunk)
    stored = read_interviews(workspace, "fields")
    assert stored.analysis() is not None  # the columnar path, not the documents'
    theirs = build_tables(list(stored), form_specs(workspace, "fields"), labels=labels, lang="en")
    result = export_workspace(workspace, "csv", tmp_path / "csv", labels=labels, lang="en")
    names = {"fields": "fields.csv", "people": "fields-people.csv"}
    for table in theirs:
        written = (tmp_path / "csv" / names[table.name]).read_bytes()
        assert written == _csv_bytes(table), table.name
    assert [t.rows for t in result.tables] == [len(t.rows) for t in theirs]
    # the result names every file written (the app says "3 files written to ...")
    assert sorted(result.files) == sorted((tmp_path / "csv").iterdir())
    emptied = sorted((n.code, sorted(n.params.items())) for t in theirs for n in t.notes)
    said = [w for w in result.warnings if w.code == "report.export_not_finite"]
    assert emptied and sorted((n.code, sorted(n.params.items())) for n in said) == emptied
    text = (tmp_path / "csv" / "fields.csv").read_bytes().decode("utf-8-sig")
    assert '"crlf\r\nend"' in text and '"say ""hi"""' in text  # quoted as csv.writer does
    if labels:
        assert '"Phường ""A"", Hoàn Kiếm"' in text and '"Food, rice; Cash"' in text


def test_csv_fields_of_any_cells_join_into_what_csv_writer_writes() -> None:
    rng = random.Random(15)
    pool: list[Any] = [
        None, "", "x", "a,b", 'q"q', "l\nf", "c\rr", "\r\n", "None", "Ánh", 0, 1, -5,
        10**40, 0.5, -0.0, 1e22, 1e-7, float("nan"), True, b"a,b", " ", "0",
    ]  # fmt: skip
    for _ in range(200):
        width, height = rng.randint(1, 6), rng.randint(1, 8)
        kinds = [rng.sample(pool, rng.randint(1, 4)) for _ in range(width)]
        columns = [[rng.choice(kinds[c]) for _ in range(height)] for c in range(width)]
        fields = [export_tables._csv_column(col, numbers=rng.random() < 0.3) for col in columns]
        out = io.StringIO(newline="")
        csv.writer(out).writerows(zip(*columns, strict=True))
        assert csv_text(fields) == out.getvalue(), columns


@pytest.mark.parametrize("indexed", [True, False], ids=["from its index", "sorted here"])
def test_the_export_order_is_sqlites_order_by_created_then_uuid(
    workspace: Workspace, indexed: bool
) -> None:
    """The order an export writes, read from the main table's export-order index or
    (a table without it) sorted in Python: SQLite's ``ORDER BY created, uuid`` either
    way, NULLs, numbers, texts and blobs included."""
    layout = analysis_tables.layout_of(workspace, "fields")
    assert layout is not None
    table = analysis_tables._q(layout.main.table)
    if not indexed:
        index = analysis_tables._q(analysis_tables.order_index(layout.main.table))
        workspace.db.execute(f"DROP INDEX {index}")
    ids = [r[0] for r in workspace.db.execute(f"SELECT _id FROM {table} ORDER BY _id")]
    odd_values: list[Any] = [None, None, b"\x00\x01", "2026-10-05T08:00:00Z", "Ä", "2026-10"]
    for row_id, created in zip(ids, odd_values, strict=False):
        workspace.db.execute(f"UPDATE {table} SET created = ? WHERE _id = ?", [created, row_id])
    want = workspace.db.execute(
        f"SELECT created, uuid, _id, _odd FROM {table} ORDER BY created, uuid"
    ).fetchall()
    got = export_scan.export_order(workspace, layout)
    assert got == want
    assert [type(r[0]) for r in got[:2]] == [type(None)] * 2 and type(got[-1][0]) is bytes


def test_the_export_order_comes_from_its_index_without_a_sort(workspace: Workspace) -> None:
    """The export order is read from the covering index, in order: no row of the table
    read and no temporary B-tree (which SQLCipher's memory security makes slow and which
    once failed at 1,000,000 interviews)."""
    layout = analysis_tables.layout_of(workspace, "fields")
    assert layout is not None
    statements: list[str] = []
    workspace.db.conn.set_trace_callback(statements.append)
    try:
        order = export_scan.export_order(workspace, layout)
    finally:
        workspace.db.conn.set_trace_callback(None)
    assert len(order) == 48
    (read,) = [s for s in statements if "created, uuid, _id, _odd" in s]
    plan = " ".join(str(r[3]) for r in workspace.db.execute(f"EXPLAIN QUERY PLAN {read}"))
    assert "COVERING INDEX" in plan and analysis_tables.order_index(layout.main.table) in plan
    assert "TEMP B-TREE" not in plan


def test_a_workspace_made_before_the_index_gets_it_when_opened(tmp_path: Path) -> None:
    """Migration 0029 gives the main tables of a workspace made before it their
    export-order index; the order read from it is the one sorted before."""
    home = tmp_path / "ws"
    ws = Workspace.create(home, PASSWORD, kdf=KdfParams.cheap())
    spec: FormSpec = load_form_bytes(FORM.encode(), "fields.md")
    forms_store.save_form(ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash)
    for k in range(5):
        made = interviews.new_interview(
            ws, form_id="fields", form_version="1", ward="Ward A", household_id=f"H{k}",
            enumerator="Lan",
        ).uuid  # fmt: skip
        ws.db.execute(
            "UPDATE interviews SET answers = ?, created = ? WHERE uuid = ?",
            [json.dumps(answers(k)), f"2026-10-0{5 - k}T08:00:00Z", made],
        )
        interviews.complete(ws, made, who="Lan")
    layout = analysis_tables.layout_of(ws, "fields")
    assert layout is not None
    index = analysis_tables.order_index(layout.main.table)
    sorted_here = export_scan.export_order(ws, layout)
    ws.db.execute(f"DROP INDEX {analysis_tables._q(index)}")
    ws.db.execute("DELETE FROM _migrations WHERE name = '0029_export_order_index'")
    assert export_scan.export_order(ws, layout) == sorted_here
    ws.close()
    with Workspace.open(home, PASSWORD) as again:
        names = [r[0] for r in again.db.execute("SELECT name FROM sqlite_master")]
        assert index in names
        layout = analysis_tables.layout_of(again, "fields")
        assert layout is not None
        got = export_scan.export_order(again, layout)
    assert got == sorted_here
    assert [r[0] for r in got] == [f"2026-10-0{d}T08:00:00Z" for d in range(1, 6)]


@pytest.mark.parametrize("fmt", ["stata", "spss"])
def test_a_temporary_file_changed_during_an_export_stops_it_with_one_clear_line(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """The blocks of a Stata or SPSS export wait in an encrypted temporary file; if its
    bytes on disk are not those written (another program changed them), the export stops
    with one coded message in the user's language, not an English detail, and the table's
    file is not left half written."""
    from fieldsurvey.errors import ReportError
    from fieldsurvey.reports import stat_blocks

    class Changing:
        """A temporary file whose first write reaches the disk with one byte changed."""

        def __init__(self, **options: Any) -> None:
            self.file = open(tmp_path / "spill", "w+b")  # closed by __exit__
            self.writes = 0

        def write(self, data: bytes) -> int:
            self.writes += 1
            if self.writes == 1:
                data = bytes([data[0] ^ 1]) + bytes(data[1:])
            return self.file.write(data)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.file, name)

        def __enter__(self) -> Changing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

    monkeypatch.setattr(stat_blocks.tempfile, "TemporaryFile", Changing)
    out = tmp_path / "out"
    with pytest.raises(ReportError) as raised:
        export_workspace(workspace, fmt, out)  # type: ignore[arg-type]
    assert raised.value.code == "report.export_spill_changed"
    vi, en = raised.value.text("vi"), raised.value.text("en")
    assert "tệp tạm" in vi and "temporary" not in vi and "\n" not in vi
    assert "temporary file was changed" in en
    suffix = ".dta" if fmt == "stata" else ".sav"
    assert not list(out.glob(f"*{suffix}")), "no table file written from changed bytes"
