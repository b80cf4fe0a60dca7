"""The merge inserts its new interviews several rows per statement (issue 15, session 8).

``executemany`` runs an INSERT once per row, and inside a transaction each run on
``interviews`` (unique key, triggers, the search index) opens SQLCipher's statement
journal: under ``cipher_memory_security`` that was half of the import's insert. The merge
now uses ``store.database.insert_rows`` (up to 256 rows per statement). What it stores must
be exactly what the row-by-row insert stored: the same rows in the same order (row ids),
the search index and the analysis rows made by the same triggers, and a failing row must
still fail the bundle's transaction.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import analysis_tables, database, sync_records
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.interview_binding import new_identity
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_payload import BundlePayload, WireInterview
from fieldsurvey.sync.merge import merge_payload

FORM = """
| survey |
| | type | name | label |
| | select_one ward | ward | Ward |
| | integer | size | Size |
| | text | note | Note |
| | begin repeat | people | People |
| | text | name | Name |
| | integer | age | Age |
| | end repeat | | |
| choices |
| | list_name | name | label |
| | ward | a | Ward A |
| | ward | b | Ward B |
| settings |
| | form_id | version | ward_field |
| | roster | 1 | ward |
"""


def _workspace(home: Path) -> Workspace:
    ws = Workspace.create(home, "insert rows", role="coordinator", kdf=KdfParams.cheap())
    spec = load_form_bytes(FORM.encode("utf-8"), "roster.md", use_cache=False)
    forms_store.save_form(ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash)
    analysis_tables.forms_changed(ws.db)
    return ws


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = _workspace(tmp_path / "ws")
    yield workspace
    workspace.close()


# --- insert_rows itself ------------------------------------------------------------------------
def _scratch(ws: Workspace, width: int = 3) -> None:
    cols = ", ".join(f"c{i}" for i in range(1, width))
    ws.db.execute(f"CREATE TABLE t (k TEXT NOT NULL UNIQUE, {cols})")
    ws.db.execute("CREATE TABLE seen (n INTEGER PRIMARY KEY, k TEXT)")
    ws.db.execute(
        "CREATE TRIGGER t_seen AFTER INSERT ON t BEGIN INSERT INTO seen (k) VALUES (new.k); END"
    )


@pytest.mark.parametrize("count", [0, 1, 2, 3, 7, 63, 64, 65, 100, 255, 256, 257, 600])
def test_every_row_is_inserted_in_order_and_fires_its_trigger(ws: Workspace, count: int) -> None:
    _scratch(ws)
    rows = [[f"k{i:04d}", f"Nguyễn {i}", i if i % 3 else None] for i in range(count)]
    runs: list[Any] = []
    with ws.transaction() as db, db.tracer(lambda sql, params: runs.append(params)):
        database.insert_rows(db, "INSERT INTO t (k, c1, c2)", 3, rows)
    stored = ws.db.execute("SELECT k, c1, c2 FROM t ORDER BY rowid").fetchall()
    assert [list(r) for r in stored] == rows
    assert [r[0] for r in ws.db.execute("SELECT k FROM seen ORDER BY n")] == [r[0] for r in rows]
    # a few statements, not one per row (count 600: 256 + 256 + 64 + 16 + 8)
    assert len(runs) <= count // 256 + 8


def test_no_statement_binds_more_than_sqlite_allows(ws: Workspace) -> None:
    width = 700  # a form of ~700 questions: 46 rows per statement would be too many
    _scratch(ws, width)
    cols = ", ".join(["k", *(f"c{i}" for i in range(1, width))])
    rows = [[f"k{i}", *range(i, i + width - 1)] for i in range(100)]
    bound: list[int] = []
    with ws.transaction() as db, db.tracer(lambda sql, params: bound.append(len(params))):
        database.insert_rows(db, f"INSERT INTO t ({cols})", width, rows)
    assert max(bound) <= database.MAX_PARAMETERS
    assert sum(bound) == width * len(rows)
    assert ws.db.execute("SELECT count(*), sum(c1) FROM t").fetchone() == (100, sum(range(100)))


def test_a_failing_row_fails_the_transaction(ws: Workspace) -> None:
    _scratch(ws)
    rows = [[f"k{i}", "x", i] for i in range(100)]
    rows[70][0] = "k3"  # a unique key twice, in the second statement
    with pytest.raises(sqlcipher3.IntegrityError), ws.transaction() as db:
        database.insert_rows(db, "INSERT INTO t (k, c1, c2)", 3, rows)
    assert ws.db.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    assert ws.db.execute("SELECT count(*) FROM seen").fetchone()[0] == 0


def test_a_row_of_the_wrong_width_is_refused_not_shifted(ws: Workspace) -> None:
    _scratch(ws)
    rows: list[list[Any]] = [["k1", "x", 1], ["k2", "y"], ["k3", "z", 3, "extra"]]  # 9 values
    with pytest.raises(ValueError), ws.transaction() as db:
        database.insert_rows(db, "INSERT INTO t (k, c1, c2)", 3, rows)
    assert ws.db.execute("SELECT count(*) FROM t").fetchone()[0] == 0


# --- the merge -----------------------------------------------------------------------------------
def _payload(device: str, count: int) -> BundlePayload:
    records = []
    for k in range(count):
        uuid, nonce = new_identity(device)
        people = [{"name": f"Trần Văn {k}-{i}", "age": 20 + i} for i in range(k % 4)]
        records.append(
            WireInterview(
                uuid=uuid, form_id="roster", form_version="1", ward="Ward A",
                household_id=f"H-{k}", respondent=f"Lê Thị {k}", enumerator="Lan",
                device_id=device, status="completed",
                created=f"2026-11-{k % 28 + 1:02d}T10:00:00.000+00:00",
                updated="2026-11-23T10:00:00.000+00:00", revision=2, base_revision=0,
                nonce=nonce,
                answers={"ward": "ab"[k % 2], "size": len(people), "note": f"hộ {k}",
                         "people": people},
            )
        )  # fmt: skip
    return BundlePayload(
        campaign=str(uuid_module.uuid4()), device=device, sequence=1,
        bundle=str(uuid_module.uuid4()), interviews=records,
    )  # fmt: skip


def _stored(ws: Workspace) -> dict[str, Any]:
    """The interviews (row ids included), the search index and the analysis tables."""
    db = ws.db
    out: dict[str, Any] = {
        "interviews": db.execute("SELECT rowid, * FROM interviews ORDER BY rowid").fetchall(),
        "search": db.execute("SELECT rowid, body FROM interview_search ORDER BY rowid").fetchall(),
        "stale": db.execute("SELECT count(*) FROM analysis_stale").fetchone()[0],
    }
    layout = analysis_tables.layout_of(ws, "roster")
    assert layout is not None
    for scope in layout.all_scopes():
        out[scope.table] = db.execute(f'SELECT * FROM "{scope.table}" ORDER BY 1, 2').fetchall()
    return out


def _row_by_row(db: database.Database, head: str, width: int, rows: Any) -> None:
    """The insert as it was before: executemany, one statement run per row."""
    db.conn.executemany(f"{head} VALUES ({', '.join('?' * width)})", rows)


def test_a_merge_stores_what_the_row_by_row_insert_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    device = str(uuid_module.uuid4())
    payload = _payload(device, 130)  # 128 + 2 rows: statements of two shapes
    stored = {}
    for name in ("now", "before"):
        ws = _workspace(tmp_path / name)
        inserts: list[Any] = []

        def seen(sql: str, params: Any, inserts: list[Any] = inserts) -> None:
            if sql.startswith("INSERT INTO interviews"):
                inserts.append(params)

        with monkeypatch.context() as patch:
            if name == "before":
                patch.setattr(sync_records, "insert_rows", _row_by_row)
            with ws.transaction() as db, db.tracer(seen):
                report = merge_payload(
                    db, payload, device_id=device, bundle_id=payload.bundle, who="coordinator"
                )
        assert len(report.new) == 130 and not report.quarantined and not report.rejected
        stored[name] = _stored(ws)
        if name == "now":  # 128 + 2 rows: two statements, not 130
            width = len(sync_records.INSERT_COLUMNS)
            assert [len(params) for params in inserts] == [128 * width, 2 * width]
        ws.close()
    assert stored["now"]["stale"] == 0
    assert len(stored["now"]["interviews"]) == 130 and len(stored["now"]["search"]) == 130
    assert stored["now"] == stored["before"]
