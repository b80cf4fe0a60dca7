"""``fieldsurvey report ward|record`` and ``fieldsurvey export`` on a real workspace."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyreadstat
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from fieldsurvey.cli import cli
from fieldsurvey.demo.demo_model import VN
from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.evaluate_json import open_answer_set
from fieldsurvey.forms.loader import load_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.reports.synthetic_households import household_answers
from fieldsurvey.resources import resource_path
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace

PASSWORD = "report password"
FORM_ID = "mnet_migrant_household"
LABEL = {"phuc_tan": "Phúc Tân", "chuong_duong": "Chương Dương"}


class Data:
    home: Path
    completed: list[dict[str, Any]]  # answers of the completed interviews
    wards: list[str]  # the ward of each completed interview
    draft_uuid: str
    first_uuid: str


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Data:
    """A laptop with 20 completed interviews (September 2026; two of them declined by
    households in both wards) and one draft."""
    out = Data()
    out.home = tmp_path_factory.mktemp("ws") / "laptop"
    spec = load_form(resource_path("forms/migrant_household.xlsx"))
    compiled = FormEngine.build(spec)
    rng = random.Random(3)
    out.completed, out.wards = [], []
    with Workspace.create(out.home, PASSWORD, kdf=KdfParams.cheap()) as ws:
        forms_store.save_form(ws, FORM_ID, spec.version, spec.model_dump_json(), spec.source_hash)
        for k in range(21):
            ward = "phuc_tan" if k % 3 else "chuong_duong"
            start = datetime(2026, 9, 1 + k, 10, tzinfo=VN)
            doc = household_answers(rng, ward=ward, household_id=f"HH-{k:02d}", started=start)
            if k in (4, 5):  # declined: no answers but consent, only the record's ward
                doc = {"start": doc["start"], "today": doc["today"],
                       "consent_section": {"consent": "no"}}  # fmt: skip
            answers = open_answer_set(
                compiled, doc, clock=lambda s=start: s + timedelta(minutes=40)
            )
            created = interviews.new_interview(
                ws, form_id=FORM_ID, form_version=spec.version, ward=LABEL[ward],
                household_id=f"HH-{k:02d}", enumerator="Vũ Thị Lan",
                answers=answers.answers(complete=True),
            )  # fmt: skip
            if k == 20:
                out.draft_uuid = created.uuid
                continue
            interviews.complete(ws, created.uuid, who="Vũ Thị Lan")
            out.completed.append(created.answers)
            out.wards.append(ward)
            if k == 1:
                out.first_uuid = created.uuid
    return out


def run(data: Data, *args: Any, code: int = 0) -> str:
    argv = ["--home", str(data.home), *[str(a) for a in args]]
    result = CliRunner().invoke(cli, argv, env={"FIELDSURVEY_PASSWORD": PASSWORD})
    assert result.exit_code == code, (argv, result.output)
    return result.output


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


def _consented(data: Data, ward: str | None = None) -> list[dict[str, Any]]:
    return [
        a
        for a in data.completed
        if a["consent_section"]["consent"] == "yes"
        and (ward is None or a["location"]["ward"] == ward)
    ]


def test_ward_summary_for_one_ward(data: Data, tmp_path: Path) -> None:
    out = tmp_path / "phuc-tan.pdf"
    assert "written to" in run(data, "report", "ward", "--ward", "Phúc Tân", "--out", out)
    text = pdf_text(out)
    assert "Phúc Tân" in text and "Hoàn Kiếm" in text
    households = len(_consented(data, "phuc_tan"))
    assert f"Số hộ được phỏng vấn {households}" in text
    declined = sum(
        a["consent_section"]["consent"] == "no" and w == "phuc_tan"
        for a, w in zip(data.completed, data.wards, strict=True)
    )
    assert declined >= 1  # HH-05 at least
    assert f"{households + declined} phiếu ({households} đồng ý, {declined} từ chối)" in text


def test_all_wards_in_english_and_a_period(data: Data, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    run(data, "report", "ward", "--all-wards", "--lang", "en", "--out", out)
    text = pdf_text(out)
    assert f"Households interviewed {len(_consented(data))}" in text
    # each ward once (declined interviews, which have only the record's ward, included)
    assert "Ward(s) Phuc Tan, Chuong Duong District" in text
    out = tmp_path / "period.pdf"
    run(data, "report", "ward", "--all-wards", "--from", "2026-09-05", "--to", "2026-09-10",
        "--out", out)  # fmt: skip
    in_period = [a for a in _consented(data) if "2026-09-05" <= a["today"] <= "2026-09-10"]
    assert f"Số hộ được phỏng vấn {len(in_period)}" in pdf_text(out)


def test_ward_summary_needs_a_ward_and_knows_the_wards(data: Data, tmp_path: Path) -> None:
    assert "--all-wards" in run(data, "report", "ward", "--out", tmp_path / "x.pdf", code=2)
    output = run(data, "report", "ward", "--ward", "Atlantis", "--out", tmp_path / "x.pdf", code=1)
    assert "Unknown ward 'Atlantis'" in output and "Phúc Tân" in output
    assert not (tmp_path / "x.pdf").exists()


def test_record_of_one_interview(data: Data, tmp_path: Path) -> None:
    out = tmp_path / "record.pdf"
    run(data, "report", "record", data.first_uuid[:8], "--out", out)
    text = pdf_text(out)
    answers = data.completed[1]
    assert data.first_uuid in text
    assert answers["location"]["household_id"] in text
    assert answers["household"]["members"][0]["m_name"] in text


def test_export_csv_leaves_out_drafts_unless_asked(data: Data, tmp_path: Path) -> None:
    output = run(data, "export", "csv", "--out", tmp_path / "csv")
    assert f"{FORM_ID}: 20 rows" in output and "not encrypted" in output
    main = pd.read_csv(tmp_path / "csv" / f"{FORM_ID}.csv", encoding="utf-8-sig", dtype=str)
    assert len(main) == 20 and data.draft_uuid not in set(main["_uuid"])
    members = pd.read_csv(tmp_path / "csv" / f"{FORM_ID}-members.csv", encoding="utf-8-sig")
    assert len(members) == sum(len(a["household"]["members"]) for a in _consented(data))
    run(data, "export", "csv", "--drafts", "--out", tmp_path / "all")
    everything = pd.read_csv(tmp_path / "all" / f"{FORM_ID}.csv", encoding="utf-8-sig", dtype=str)
    assert data.draft_uuid in set(everything["_uuid"])


def test_export_xlsx_with_english_labels(data: Data, tmp_path: Path) -> None:
    out = tmp_path / "merged.xlsx"
    run(data, "export", "xlsx", "--labels", "--lang", "en", "--out", out)
    rows = list(openpyxl.load_workbook(out, read_only=True)[FORM_ID].iter_rows(values_only=True))
    head = list(rows[0])
    column = head.index("location/ward")
    shown = Counter(r[column] for r in rows[1:] if r[column] is not None)
    want = Counter(a["location"]["ward"] for a in _consented(data))
    assert shown == {"Phuc Tan": want["phuc_tan"], "Chuong Duong": want["chuong_duong"]}


@pytest.mark.parametrize(("fmt", "ext", "reader"), [
    ("stata", "dta", pyreadstat.read_dta), ("spss", "sav", pyreadstat.read_sav),
])  # fmt: skip
def test_export_stata_and_spss(data: Data, tmp_path: Path, fmt: str, ext: str, reader: Any) -> None:
    run(data, "export", fmt, "--form", FORM_ID, "--out", tmp_path / fmt)
    frame, meta = reader(str(tmp_path / fmt / f"{FORM_ID}.{ext}"))
    assert len(frame) == 20
    assert meta.variable_value_labels["resp_sex"] == {1: "Nam", 2: "Nữ", 3: "Khác"}
    ages = sorted(a["respondent"]["resp_age"] for a in _consented(data))
    assert sorted(frame["resp_age"].dropna().astype(int)) == ages


def test_export_refuses_a_file_name_for_a_folder_format(data: Data, tmp_path: Path) -> None:
    output = run(data, "export", "csv", "--out", tmp_path / "data.csv", code=1)
    assert "give a folder" in output
    assert "not installed" in run(
        data, "export", "csv", "--form", "nope", "--out", tmp_path / "x", code=1
    )


FULL_DISK_EXPORT = """
import resource, signal, sys
from pathlib import Path
from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.reports.export_writers import export_workspace
from fieldsurvey.store.workspace import Workspace

home, password, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
with Workspace.open(home, password) as ws:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))  # the workbook is 18 KB
    try:
        export_workspace(ws, "xlsx", out / "merged.xlsx")
    except FieldSurveyError as exc:
        print(type(exc).__name__)
        print(exc)
    else:
        print("written")
"""


def test_an_xlsx_export_onto_a_full_disk_says_so_and_leaves_no_file(
    data: Data, tmp_path: Path
) -> None:
    """A disk that fills while the workbook is written (the workspace opened before):
    the coded message, no answer in it, and no workbook or temporary file left. (A
    failure in the thread that writes a large sheet: tests/reports/test_write_behind.)"""
    out = tmp_path / "export"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_EXPORT, str(data.home), PASSWORD, str(out)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "FIELDSURVEY_LANG": "en"},
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines[0] == "ReportError", result.stdout + result.stderr
    assert lines[1].startswith("Cannot write the export to") and "large" in lines[1]
    names = [m["m_name"] for a in _consented(data) for m in a["household"]["members"]]
    assert not any(name in result.stderr + result.stdout for name in names)
    assert result.stderr == "" and list(out.iterdir()) == []
    run(data, "export", "xlsx", "--out", out / "merged.xlsx")  # room again: it is written
    assert (out / "merged.xlsx").stat().st_size > 8192
