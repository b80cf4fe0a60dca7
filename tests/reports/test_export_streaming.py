"""Exports of a workspace stream their tables (issue 15): each table's rows are read from
the analysis tables in blocks, in the interviews' order, while they are written. The
rows read in blocks (across block edges, with interviews read from their documents
between clean ones, and rows not yet refreshed) are those the documents give."""

from __future__ import annotations

import csv
import io
import json
import marshal
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.reports import export_tables
from fieldsurvey.reports.export_tables import (
    ExportColumn,
    ExportTable,
    RowStream,
    build_tables,
    stream_tables,
)
from fieldsurvey.reports.export_writers import export_workspace
from fieldsurvey.reports.row_spill import RowSpill
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


class _CountingSpill(RowSpill):
    made = 0

    def __init__(self) -> None:
        super().__init__(held_rows=5)  # many pieces per block
        _CountingSpill.made += 1


#: The page cache sizes asked for by the reads of the test (KiB), each as it started.
CACHES: list[int] = []


@pytest.fixture(params=["by row id", "spilled"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Blocks sought by row id, or (a large table in scattered order) sought with a
    larger page cache, a csv's tables read whole in their own order and their lines put
    in export order through the encrypted spill: the same rows either way."""
    from fieldsurvey.store import export_scan

    _CountingSpill.made = 0
    monkeypatch.setattr(export_tables, "RowSpill", _CountingSpill)
    CACHES.clear()
    cache = export_scan.page_cache

    def watched(ws: Workspace, kib: int) -> Any:
        CACHES.append(kib)
        return cache(ws, kib)

    monkeypatch.setattr(export_scan, "page_cache", watched)
    if request.param == "spilled":
        monkeypatch.setattr(export_tables, "SPILL_FROM", 10)
        monkeypatch.setattr(export_tables, "SPREAD", 1)
    return str(request.param)


def test_tables_read_in_blocks_equal_the_tables_of_the_documents(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, reading: str
) -> None:
    monkeypatch.setattr(export_tables, "CHUNK", 3)  # many blocks, documents between rows
    cache_before = workspace.db.execute("PRAGMA cache_size").fetchone()[0]
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
    # each of the 3 tables read with a larger cache once per reading above (2 x labels,
    # x 2 readings), and no spill (rows are not csv lines)
    assert CACHES == ([export_tables.SEEK_CACHE_KIB] * 12 if reading == "spilled" else [])
    assert _CountingSpill.made == 0
    assert workspace.db.execute("PRAGMA cache_size").fetchone()[0] == cache_before  # as it was


def test_text_blocks_give_the_same_csv_with_choices_0_1_as_text(workspace: Workspace) -> None:
    specs = form_specs(workspace, "streamed")
    with workspace.reading():
        (table, *_) = stream_tables(read_interviews(workspace, "streamed"), specs)
        assert isinstance(table.rows, RowStream)
        rows = [list(r) for b in table.rows.blocks() for r in b]
        texts = [list(r) for b in table.rows.text_blocks() for r in b]
    flags = [i for i, c in enumerate(table.columns) if c.kind == "flag"]
    made_as_text = [row[i] for row in texts for i in flags if type(row[i]) is str]
    assert set(made_as_text) == {"0", "1"}  # the clean rows' 0/1 cells
    assert _csv(texts) == _csv(rows)
    assert [[str(v) if type(v) is int else v for v in row] for row in texts] == [
        [str(v) if type(v) is int else v for v in row] for row in rows
    ]


def _csv(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def test_the_spill_holds_no_answer_in_plaintext_and_gives_rows_back_by_block() -> None:
    spill = RowSpill(held_rows=3)
    secret = "Nguyễn Thị Bí Mật"
    made = {
        k: [(n, f"{secret} {k}", n * 1.5, None, b"\x00") for n in range(k + 2)] for k in range(4)
    }
    for n in range(5):  # rows of every block added in turns, written in several pieces
        for k, rows in made.items():
            spill.add(k, rows[n : n + 1])
    try:
        spill.flush()
        on_disk = spill._file
        on_disk.seek(0)
        data = on_disk.read()
        assert data and secret.encode() not in data and b"Nguy" not in data
        assert marshal.dumps(secret) not in data
        assert [spill.take(k) for k in (2, 0, 3, 1)] == [made[k] for k in (2, 0, 3, 1)]
        assert spill.take(0) == []  # taken once
    finally:
        spill.close()


def test_an_item_holding_many_lines_counts_as_many_towards_writing_them() -> None:
    """A csv's lines are put aside a batch's block at a time (their keys, their lines):
    what is held in memory is counted in lines, not in items, so a large export holds
    about the same whatever the batches' sizes."""
    spill = RowSpill(held_rows=10)
    try:
        spill.add(0, [(b"keys", ["a"] * 6)], 6)
        assert spill._end == 0  # 6 lines held
        spill.add(1, [(b"keys", ["b"] * 6)], 6)
        assert spill._end > 0  # 12: written
        assert spill.take(1) == [(b"keys", ["b"] * 6)]
    finally:
        spill.close()


def test_a_changed_piece_of_the_spill_is_refused_not_read() -> None:
    """Each piece is sealed (AES-GCM): a byte changed on disk is an error, not rows."""
    spill = RowSpill(held_rows=2)
    spill.add(0, [(1, "a"), (2, "b")])  # written
    spill.add(1, [(3, "c"), (4, "d")])
    try:
        spill._file.seek(5)
        byte = spill._file.read(1)
        spill._file.seek(5)
        spill._file.write(bytes([byte[0] ^ 1]))
        with pytest.raises(OSError, match="temporary file"):
            spill.take(0)
        assert spill.take(1) == [(3, "c"), (4, "d")]  # the other piece is intact
    finally:
        spill.close()


@pytest.fixture
def collections_seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The cyclic collections made meanwhile (their generations), the collector set to
    run at every allocation it is allowed to."""
    import gc

    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    threshold = gc.get_threshold()
    gc.collect()
    gc.set_threshold(1)
    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*threshold)


def test_a_spilled_table_is_read_whole_without_the_collector_running_between_batches(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, collections_seen: list[int]
) -> None:
    """Between the batches of a whole-table read (the export order; a csv's table read
    whole) the collector walked every row read so far: at 1,000,000 interviews 4.6 s of a
    csv export, more with each batch."""
    from fieldsurvey.store import export_scan

    monkeypatch.setattr(export_tables, "SPILL_FROM", 10)
    monkeypatch.setattr(export_tables, "SPREAD", 1)
    monkeypatch.setattr(export_tables, "SCAN_BATCH", 2)
    monkeypatch.setattr(export_tables, "CHUNK", 3)  # blocks spread over the table
    monkeypatch.setattr(export_scan, "ORDER_BATCH", 2)
    scans: list[list[int]] = []  # per whole-table read: the collections seen at each batch
    batches = export_scan._batches

    def watched(*args: Any) -> Iterator[Any]:
        scans.append([])
        for batch in batches(*args):
            scans[-1].append(len(collections_seen))
            yield batch

    monkeypatch.setattr(export_scan, "_batches", watched)
    stored = read_interviews(workspace, "streamed")
    with workspace.reading():
        tables = stream_tables(stored, form_specs(workspace, "streamed"))
        lines = [[x for b in t.rows.csv_blocks() for x in b[0]] for t in tables]  # type: ignore[union-attr]
    assert len(lines[0]) == 40
    assert len(scans) == 4  # the export order, then each of the 3 tables read whole
    assert [len(s) for s in scans] == [20, 20, *[len(s) for s in scans[2:]]]
    assert all(len(set(seen)) == 1 for seen in scans), scans  # none between batches


def test_numbers_left_empty_only_where_not_finite() -> None:
    columns = [ExportColumn(key=f"c{i}", name=f"c{i}", kind="value") for i in range(3)]
    counts = export_tables._Counts(ExportTable("t", "f", "", "", columns))
    big = [1e308, 1e308, None, 3]  # their sum overflows; each is finite: kept
    assert counts.fix_column(0, big) is big
    assert counts.fix_column(1, [math.inf, 2.0, None, -math.inf]) == [None, 2.0, None, None]
    huge = [10**400, 0.5, math.nan]  # a whole number too large for a float, beside NaN
    assert counts.fix_column(2, huge) == [10**400, 0.5, None]
    counts.finish()
    assert [(n.params["column"], n.params["count"]) for n in counts.table.notes] == [
        ("c1", 2),
        ("c2", 1),
    ]


def test_export_of_a_workspace_writes_the_rows_of_every_block(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reading: str
) -> None:
    monkeypatch.setattr(export_tables, "CHUNK", 4)
    result = export_workspace(workspace, "csv", tmp_path / "csv")
    assert _CountingSpill.made == (3 if reading == "spilled" else 0)
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


def _add_big_interview(workspace: Workspace) -> None:
    """A completed interview of 12 members, 11 visits each (their order is not their
    keys' text order; with batches of 2 rows, its rows span several batches)."""
    big = interviews.new_interview(
        workspace, form_id="streamed", form_version="1", ward="Ward A", household_id="H-big",
        enumerator="Lan",
    ).uuid  # fmt: skip
    people = [
        {"name": f"P{i}", "age": 20 + i, "visits": [{"v_date": "2026-10-02"}] * 11}
        for i in range(12)
    ]
    workspace.db.execute(
        "UPDATE interviews SET answers = ?, created = ? WHERE uuid = ?",
        [json.dumps(answers(1) | {"people": people}), "2026-10-15T08:00:00Z", big],
    )
    interviews.complete(workspace, big, who="Lan")


@pytest.mark.parametrize("chunk", [3, 7])
def test_a_scattered_csv_made_as_lines_in_table_order_is_the_csv_read_by_row_id(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """A large table in scattered order is read once in its own order and its csv lines
    are made there, then put in the export order: byte for byte the csv made block by
    block, with interviews read from their documents and rows not yet refreshed between
    stored ones, repeats inside repeats, and an interview's rows across two batches."""
    _add_big_interview(workspace)
    monkeypatch.setattr(export_tables, "CHUNK", chunk)
    by_id = export_workspace(workspace, "csv", tmp_path / "by-id")
    assert ",P11," in (tmp_path / "by-id" / "streamed-people.csv").read_text("utf-8")
    monkeypatch.setattr(export_tables, "SPILL_FROM", 10)
    monkeypatch.setattr(export_tables, "SPREAD", 1)
    monkeypatch.setattr(export_tables, "SCAN_BATCH", 2)
    as_lines: list[str] = []
    lines_of = export_tables._Streamed._csv_lines

    def watched(self: Any, plan: Any, counts: Any) -> Iterator[Any]:
        as_lines.append(plan.rel or "form")
        yield from lines_of(self, plan, counts)

    monkeypatch.setattr(export_tables._Streamed, "_csv_lines", watched)
    spilled = export_workspace(workspace, "csv", tmp_path / "spilled")
    assert as_lines == ["form", "people", "visits"]
    names = [f.name for f in by_id.files]
    assert names == [f.name for f in spilled.files] and "streamed-visits.csv" in names
    for name in names:
        assert (tmp_path / "spilled" / name).read_bytes() == (
            tmp_path / "by-id" / name
        ).read_bytes()
    assert spilled.tables == by_id.tables
    assert [w.text("en") for w in spilled.warnings] == [w.text("en") for w in by_id.warnings]
    assert any("income" in w.text("en") for w in spilled.warnings)


def test_a_cancel_stops_the_whole_table_read_before_the_first_block(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 1,000,000 interviews a spilled table is read for a minute before its first
    block is written: Cancel must not wait for the end of that read."""
    from fieldsurvey.progress import Cancelled, CancelToken, Progress
    from fieldsurvey.store import export_scan

    monkeypatch.setattr(export_tables, "SPILL_FROM", 10)
    monkeypatch.setattr(export_tables, "SPREAD", 1)
    monkeypatch.setattr(export_tables, "SCAN_BATCH", 2)
    fetched: list[int] = []
    scan = export_scan.main_scan

    def counted(*args: Any) -> Iterator[Any]:
        for batch in scan(*args):
            fetched.append(len(batch))
            yield batch

    monkeypatch.setattr(export_scan, "main_scan", counted)
    token = CancelToken()

    def on_progress(p: Progress) -> None:
        if p.message == "report.export_writing":
            token.cancel()  # the user clicks Cancel as writing starts

    with pytest.raises(Cancelled):
        export_workspace(workspace, "csv", tmp_path / "csv", progress=on_progress, cancel=token)
    assert len(fetched) <= 1  # of the 20 batches of 2 rows: stopped at once
    assert not (tmp_path / "csv" / "streamed.csv").exists()


@pytest.mark.parametrize(
    ("fmt", "scattered"),
    [
        ("csv", False),
        ("xlsx", False),
        ("stata", False),
        ("spss", False),
        ("stata", True),
        ("spss", True),
    ],
)
def test_every_format_counts_its_rows_and_stops_at_a_cancel_leaving_no_file(
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    scattered: bool,
) -> None:
    """A coordinator's export of 1,000,000 interviews runs for two minutes: the bar
    moves block by block, and Cancel stops it between two blocks with nothing written
    (Stata and SPSS also where a large table in scattered order is read in its own order
    and put in export order group by group)."""
    from fieldsurvey.progress import Cancelled, CancelToken, Progress
    from fieldsurvey.reports import stat_blocks

    monkeypatch.setattr(export_tables, "CHUNK", 4)
    if scattered:
        monkeypatch.setattr(export_tables, "SPILL_FROM", 10)
        monkeypatch.setattr(export_tables, "SPREAD", 1)
        monkeypatch.setattr(export_tables, "PLACED_BATCH", 4)
        monkeypatch.setattr(stat_blocks, "PLACED_INTERVIEWS", 8)
        monkeypatch.setattr(stat_blocks, "PLACED_BLOCK", 4)
        placed = stat_blocks._spill_placed
        calls: list[int] = []
        monkeypatch.setattr(stat_blocks, "_spill_placed", lambda *a: calls.append(1) or placed(*a))
    seen: list[tuple[int, int | None]] = []

    def note(p: Progress) -> None:
        if p.message == "report.export_writing":
            seen.append((p.done, p.total))

    export_workspace(workspace, fmt, tmp_path / "all", progress=note)  # type: ignore[arg-type]
    total = 40 + sum(k % 4 for k in range(40)) + sum(i % 2 for k in range(40) for i in range(k % 4))
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[-1] == total and len(done) > 10  # block by block
    token = CancelToken()

    def on_progress(p: Progress) -> None:
        if p.message == "report.export_writing" and p.done >= 8:
            token.cancel()

    with pytest.raises(Cancelled):
        export_workspace(workspace, fmt, tmp_path / "cut", progress=on_progress, cancel=token)  # type: ignore[arg-type]
    assert [p.name for p in (tmp_path / "cut").rglob("*") if p.is_file()] == []
    if scattered:
        assert len(calls) == 3 + 1  # the three tables, then the cut one's first


@pytest.mark.parametrize("fmt", ["stata", "spss"])
@pytest.mark.parametrize(("group", "held"), [(4, 10**6), (1000, 10**6), (1000, 8)])
def test_a_scattered_table_read_in_its_own_order_gives_the_stat_file_read_by_row_id(
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    group: int,
    held: int,
) -> None:
    """A Stata or SPSS export of a large table in scattered order reads it once in its own
    order, makes each batch's arrays there and puts them in export order group by group:
    byte for byte the file read block by block, with interviews read from their documents
    between stored ones, repeats inside repeats, an interview's rows across two batches,
    and select_one values outside the choices met first in another order in the table
    than in the export (numbered by their first appearance in export order); a group's
    texts held as fixed-width bytes, or gathered a slice at a time where too wide."""
    import time

    from fieldsurvey.reports import stat_blocks

    # table order: "zz" (interview 1) before "c" (interview 4); export order (created):
    # interview 4 (1 October) before interview 1 (8 October)
    analysis_tables.refresh(workspace.db)  # then 3 documents again, below
    for k, ward in [(1, "zz"), (4, "c"), (9, "zz")]:  # stored last, one after the other
        workspace.db.execute(
            "UPDATE interviews SET answers = ? WHERE household_id = ?",
            [json.dumps(answers(k) | {"ward": ward}), f"H{k}"],
        )
        analysis_tables.refresh(workspace.db)
    _add_big_interview(workspace)
    for k in (13, 22, 31):
        workspace.db.execute(
            "UPDATE interviews SET answers = ? WHERE household_id = ?",
            [json.dumps(answers(k) | {"remark": f"changed {k}"}), f"H{k}"],
        )
    layout = analysis_tables.layout_of(workspace, "streamed")
    assert len(analysis_tables.stale_uuids(workspace, layout)[1]) == 3
    stamp = time.localtime(1_790_000_000)
    monkeypatch.setattr(time, "localtime", lambda *_a: stamp)
    monkeypatch.setattr(export_tables, "CHUNK", 3)
    by_id = export_workspace(workspace, fmt, tmp_path / "by-id")  # type: ignore[arg-type]
    monkeypatch.setattr(export_tables, "SPILL_FROM", 10)
    monkeypatch.setattr(export_tables, "SPREAD", 1)
    monkeypatch.setattr(export_tables, "PLACED_BATCH", 2)
    monkeypatch.setattr(stat_blocks, "PLACED_INTERVIEWS", group)
    monkeypatch.setattr(stat_blocks, "PLACED_BLOCK", 5)
    monkeypatch.setattr(stat_blocks, "PLACED_TEXT_BYTES", held)  # 8: texts gathered
    placed: list[int] = []
    renumbered: list[str] = []
    spill_placed, renumber = stat_blocks._spill_placed, stat_blocks._renumber

    def watched(stream: Any, *args: Any) -> None:
        placed.append(len(stream))
        spill_placed(stream, *args)

    def renumbered_too(column: Any) -> None:
        renumber(column)
        if column.remap is not None:
            renumbered.append(column.col.key)

    monkeypatch.setattr(stat_blocks, "_spill_placed", watched)
    monkeypatch.setattr(stat_blocks, "_renumber", renumbered_too)
    in_order = export_workspace(workspace, fmt, tmp_path / "placed")  # type: ignore[arg-type]
    assert placed[:2] == [41, sum(k % 4 for k in range(40)) + 12] and len(placed) == 3
    # in one group, "zz" (stored before "c") is met first: its code is numbered again
    # (in groups of 4, whether the two are met in one cut depends on their uuids' order)
    if group == 1000:
        assert renumbered == ["ward"]
    names = [f.name for f in by_id.files]
    assert names == [f.name for f in in_order.files] and len(names) == 3
    for name in names:
        assert (tmp_path / "placed" / name).read_bytes() == (
            tmp_path / "by-id" / name
        ).read_bytes(), name
    assert in_order.tables == by_id.tables
    assert [w.text("en") for w in in_order.warnings] == [w.text("en") for w in by_id.warnings]
