"""Every export format read back with the tool's own reader and compared with the answers:
csv (pandas), xlsx (openpyxl), Stata and SPSS (pyreadstat), on the default survey."""

from __future__ import annotations

import os
import random
import stat
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from fieldsurvey.demo.demo_model import VN
from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.evaluate_json import open_answer_set
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.progress import Cancelled
from fieldsurvey.reports.export_tables import (
    ExportColumn,
    ExportInterview,
    ExportTable,
    build_tables,
)
from fieldsurvey.reports.export_writers import write_tables
from fieldsurvey.reports.synthetic_households import household_answers

FORM_ID = "mnet_migrant_household"
NAME = "Đặng Thị Ngọc Ánh"  # every Vietnamese diacritic family in one name
FORMULA = '=HYPERLINK("http://x","Tổ 1")'


@pytest.fixture(scope="module")
def interviews(default_spec: FormSpec) -> list[ExportInterview]:
    """30 completed households, as the engine saves them on completion."""
    compiled = FormEngine.build(default_spec)
    rng = random.Random(11)
    out = []
    for k in range(30):
        ward = ("phuc_tan", "chuong_duong")[k % 2]
        start = datetime(2026, 9, 8, 9, tzinfo=VN) + timedelta(days=k)
        doc = household_answers(rng, ward=ward, household_id=f"H-{k:03d}", started=start)
        while k == 0 and "respondent" not in doc:  # the first one takes part
            doc = household_answers(rng, ward=ward, household_id="H-000", started=start)
        if k == 0:
            doc["location"]["res_group"] = FORMULA
            doc["respondent"]["resp_name"] = NAME
            doc["household"]["members"][0]["m_name"] = NAME
        answers = open_answer_set(compiled, doc, clock=lambda s=start: s + timedelta(minutes=30))
        assert not answers.errors()
        out.append(
            ExportInterview(
                f"uuid-{k:03d}",
                default_spec.version,
                "exported",
                ward,
                f"H-{k:03d}",
                "Hà",
                "dev",
                start.isoformat(),
                start.isoformat(),
                2,
                answers.answers(complete=True),
            )
        )
    return out


@pytest.fixture(scope="module")
def written(
    interviews: list[ExportInterview],
    default_spec: FormSpec,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    tables = build_tables(interviews, [default_spec])
    out = tmp_path_factory.mktemp("exports")
    for fmt in ("csv", "stata", "spss"):
        write_tables(tables, fmt, out / fmt, lang="vi")  # type: ignore[arg-type]
    write_tables(tables, "xlsx", out / "data.xlsx")
    return out


def _get(doc: dict[str, Any], path: str) -> Any:
    node: Any = doc
    for step in path.split("/"):
        node = node.get(step) if isinstance(node, dict) else None
    return node


def _expected(answers: dict[str, Any], key: str) -> Any:
    """The answer behind a column: a value, a 0/1 choice flag, or None when missing."""
    head, _, last = key.rpartition("/")
    parent = _get(answers, head) if head else None
    if isinstance(parent, list) and all(isinstance(v, str) for v in parent):
        return int(last in parent)  # a select_multiple's choice column
    value = _get(answers, key)
    if isinstance(value, list):
        return " ".join(value)
    return None if value in (None, "") else value


def _question_keys(columns: list[str]) -> list[str]:
    return [c for c in columns if not c.startswith("_")]


def test_csv_has_a_bom_and_every_cell_matches(
    written: Path, interviews: list[ExportInterview]
) -> None:
    path = written / "csv" / f"{FORM_ID}.csv"
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"  # Excel then reads UTF-8
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame["_uuid"]) == [i.uuid for i in interviews]
    checked = 0
    for row, iv in zip(frame.to_dict("records"), interviews, strict=True):
        for key in _question_keys(list(frame.columns)):
            want = _expected(iv.answers, key)
            assert row[key] == ("" if want is None else str(want)), (iv.uuid, key)
            checked += want is not None
    assert checked > 30 * 40
    assert frame.loc[0, "respondent/resp_name"] == NAME
    assert (written / "csv" / f"{FORM_ID}-columns.csv").is_file()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_exported_files_are_readable_by_their_owner_only(written: Path) -> None:
    files = [p for p in written.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} == {".csv", ".xlsx", ".dta", ".sav"}
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in files)


def test_csv_repeat_rows_link_to_their_household(
    written: Path, interviews: list[ExportInterview]
) -> None:
    members = pd.read_csv(
        written / "csv" / f"{FORM_ID}-members.csv", encoding="utf-8-sig", dtype=str,
        keep_default_na=False,
    )  # fmt: skip
    by_uuid = {i.uuid: i for i in interviews}
    assert set(members["_parent_uuid"]) <= set(by_uuid)
    for parent, group in members.groupby("_parent_uuid", sort=False):
        roster = by_uuid[str(parent)].answers["household"]["members"]
        assert list(group["household/members/m_name"]) == [m["m_name"] for m in roster]
        assert list(group["_index"]) == [str(n) for n in range(1, len(roster) + 1)]
    with_roster = [i for i in interviews if "household" in i.answers]
    assert len(members) == sum(len(i.answers["household"]["members"]) for i in with_roster)


def test_xlsx_sheets_cells_and_text_never_a_formula(
    written: Path, interviews: list[ExportInterview]
) -> None:
    book = openpyxl.load_workbook(written / "data.xlsx")
    assert book.sheetnames == [FORM_ID, "members", "columns"]
    sheet = book[FORM_ID]
    rows = list(sheet.iter_rows(values_only=True))
    head = [str(h) for h in rows[0]]
    for values, iv in zip(rows[1:], interviews, strict=True):
        row = dict(zip(head, values, strict=True))
        assert row["_uuid"] == iv.uuid
        for key in _question_keys(head):
            want = _expected(iv.answers, key)
            if key == "today":  # a date question is an Excel date
                want = datetime.fromisoformat(want)
            assert row[key] == want, (iv.uuid, key)
    cell = sheet.cell(row=2, column=head.index("location/res_group") + 1)
    assert cell.value == FORMULA and cell.data_type == "s"
    members = list(book["members"].iter_rows(values_only=True))
    assert members[0][:3] == ("_uuid", "_parent_uuid", "_index")


def _labels(default_spec: FormSpec, name: str) -> dict[str, str]:
    node = default_spec.by_name()[name]
    return {c.name: c.label["Tiếng Việt (vi)"] for c in default_spec.choices[node.choices or ""]}


@pytest.mark.parametrize(("fmt", "reader", "key"), [
    ("stata", pyreadstat.read_dta, "_uuid"), ("spss", pyreadstat.read_sav, "v_uuid"),
])  # fmt: skip
def test_stata_and_spss_values_variable_and_value_labels(
    written: Path,
    interviews: list[ExportInterview],
    default_spec: FormSpec,
    fmt: str,
    reader: Any,
    key: str,
) -> None:
    ext = "dta" if fmt == "stata" else "sav"
    frame, meta = reader(str(written / fmt / f"{FORM_ID}.{ext}"))
    assert list(frame[key]) == [i.uuid for i in interviews]
    values = meta.variable_value_labels
    ward_labels = _labels(default_spec, "ward")
    assert values["ward"][1] == "Phúc Tân" and values["ward"][2] == "Chương Dương"
    assert values["care_where_pharmacy"] == {0: "Không", 1: "Có"}
    assert (
        meta.column_names_to_labels["resp_age"]
        == default_spec.by_name()["resp_age"].label["Tiếng Việt (vi)"]
    )
    for row, iv in zip(frame.to_dict("records"), interviews, strict=True):
        a = iv.answers
        if a["consent_section"]["consent"] == "no":
            assert pd.isna(row["ward"]) and row["resp_name"] == ""
            continue
        assert values["ward"][row["ward"]] == ward_labels[a["location"]["ward"]]
        occupation = _labels(default_spec, "occupation")[a["work"]["occupation"]]
        assert values["occupation"][row["occupation"]] == occupation
        assert row["resp_age"] == a["respondent"]["resp_age"]
        assert row["income_month"] == a["work"]["income_month"]
        assert row["room_area"] == pytest.approx(a["housing"]["room_area"])
        assert row["resp_name"] == a["respondent"].get("resp_name", "")
        assert row["today"] == date.fromisoformat(a["today"])
        care = a["health"].get("care_where")
        if care is None:
            assert pd.isna(row["care_where_pharmacy"])
        else:
            assert row["care_where"] == " ".join(care)
            assert row["care_where_pharmacy"] == int("pharmacy" in care)
    assert frame.loc[0, "resp_name"] == NAME


@pytest.mark.parametrize(("ext", "reader", "parent"), [
    ("dta", pyreadstat.read_dta, "_parent_uuid"), ("sav", pyreadstat.read_sav, "v_parent_uuid"),
])  # fmt: skip
def test_stata_and_spss_repeat_tables_link_by_parent_key(
    written: Path,
    interviews: list[ExportInterview],
    default_spec: FormSpec,
    ext: str,
    reader: Any,
    parent: str,
) -> None:
    folder = written / ("stata" if ext == "dta" else "spss")
    members, meta = reader(str(folder / f"{FORM_ID}-members.{ext}"))
    assert set(members[parent]) <= {i.uuid for i in interviews}
    first = interviews[0].answers["household"]["members"]
    mine = members[members[parent] == interviews[0].uuid]
    assert list(mine["m_age"]) == [m["m_age"] for m in first]
    relation = meta.variable_value_labels["m_relation"]
    assert relation[mine["m_relation"].iloc[0]] == _labels(default_spec, "m_relation")["self"]
    assert mine["m_name"].iloc[0] == NAME


def test_a_cancelled_xlsx_export_leaves_no_answers_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelled mid-way: no workbook and no temporary file, neither beside the export
    nor in the system's temp folder."""
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    table = ExportTable(
        name="t", form_id="f", path="", label="", columns=[
            ExportColumn(key="_uuid", name="_uuid", kind="key"),
            ExportColumn(key="who", name="who", kind="value", qtype="text"),
        ], rows=[[f"u{k}", "Nguyễn Thị Hương"] for k in range(5000)],
    )  # fmt: skip
    seen: list[int] = []

    def on_rows(n: int) -> None:
        seen.append(n)
        if sum(seen) >= 4000:
            raise Cancelled()

    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        write_tables([table], "xlsx", out / "data.xlsx", on_rows=on_rows)
    assert seen == [2000, 2000]
    assert list(out.iterdir()) == [] and list(system_tmp.iterdir()) == []
    write_tables([table], "xlsx", out / "data.xlsx", on_rows=seen.append)
    assert [p.name for p in out.iterdir()] == ["data.xlsx"] and list(system_tmp.iterdir()) == []
