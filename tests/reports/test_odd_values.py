"""Outputs never crash on data (issue 12, item 4): every value an interview can hold
exports as csv, xlsx, Stata and SPSS, prints in a record PDF and counts in a ward report.

The odd values go straight into the answers through the store API, as a signed bundle or
an old laptop could deliver them; each test reads the files back with their own readers."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyreadstat
import pytest
from click.testing import CliRunner
from conftest import PASSWORD, Laptop, pypdf_text
from pypdf import PdfReader

from fieldsurvey.cli import cli
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports import write_record_pdf
from fieldsurvey.reports.export_tables import ExportInterview, build_tables
from fieldsurvey.reports.export_writers import FORMATS, export_workspace, write_tables
from fieldsurvey.reports.workspace_report import write_workspace_summary
from fieldsurvey.store.interviews import get_interview

LONG = "Nhà trọ ẩm thấp, mái dột khi mưa. " * 180  # ~6,100 characters, typed on a laptop


def read_main(path: Path, fmt: str) -> pd.DataFrame:
    """The form's own table as written in ``fmt`` (``path``: the folder or workbook)."""
    if fmt == "csv":
        return pd.read_csv(path / "tiny.csv", encoding="utf-8-sig", dtype=str)
    if fmt == "xlsx":
        return pd.read_excel(path, sheet_name="tiny", dtype=object)
    reader = pyreadstat.read_dta if fmt == "stata" else pyreadstat.read_sav
    frame, _meta = reader(str(path / ("tiny.dta" if fmt == "stata" else "tiny.sav")))
    return frame


def export(laptop: Laptop, fmt: str, out: Path) -> Any:
    target = out / "tiny.xlsx" if fmt == "xlsx" else out
    with laptop.open() as ws:
        result = export_workspace(ws, fmt, target)  # type: ignore[arg-type]
    return result, target


# --- the crashes of the issue, reproduced ------------------------------------------------
def test_nan_text_in_a_decimal_answer_exports_as_xlsx(laptop: Laptop, tmp_path: Path) -> None:
    """Was: TypeError (NAN/INF not supported in write_number())."""
    laptop.add({"ward": "a", "income_month": "NaN", "members_n": 3})
    laptop.add({"ward": "b", "income_month": 2500000})
    result, path = export(laptop, "xlsx", tmp_path)
    frame = read_main(path, "xlsx")
    assert sorted(frame["income_month"].dropna().tolist()) == [2500000]
    assert frame["members_n"].dropna().tolist() == [3]
    assert any("income_month" in w.text("en") and "not finite" in w.text("en")
               for w in result.warnings)  # fmt: skip


def test_huge_income_exports_as_stata_with_a_warning(laptop: Laptop, tmp_path: Path) -> None:
    """Was: ReadstatError (a value outside what the format can represent)."""
    laptop.add({"ward": "a", "income_month": 1e308})
    laptop.add({"ward": "b", "income_month": 4000000})
    result, _ = export(laptop, "stata", tmp_path)
    frame = read_main(tmp_path, "stata")
    assert frame["income_month"].isna().sum() == 1
    assert frame["income_month"].max() == 4000000
    texts = [w.text("en") for w in result.warnings]
    assert any("income_month" in t and "Stata" in t and "left empty" in t for t in texts), texts
    # csv keeps the value as given
    export(laptop, "csv", tmp_path / "csv")
    assert "1e+308" in read_main(tmp_path / "csv", "csv")["income_month"].tolist()


def test_group_sent_as_a_list_prints_in_the_record(laptop: Laptop, tmp_path: Path) -> None:
    """Was: AttributeError ('list' object has no attribute 'get')."""
    uuid = laptop.add({"ward": "a", "home": ["Ngõ 5", {"rooms": 2}], "comment": "ok"})
    with laptop.open() as ws:
        interview = get_interview(ws, uuid)
    out = write_record_pdf(interview, laptop.spec, tmp_path / "r.pdf", lang="en")
    text = pypdf_text(out)
    assert "Ngõ 5" in text and "Comment ok" in text


def test_a_long_text_answer_wraps_across_pages(laptop: Laptop, tmp_path: Path) -> None:
    """Was: reportlab LayoutError (a table row taller than the page)."""
    uuid = laptop.add({"ward": "a", "comment": LONG, "home": {"street": "Phố Huế\nsố 12"}})
    with laptop.open() as ws:
        interview = get_interview(ws, uuid)
    out = write_record_pdf(interview, laptop.spec, tmp_path / "r.pdf", lang="vi")
    assert len(PdfReader(out).pages) >= 2
    text = pypdf_text(out)
    assert text.count("mưa.") == 180 and text.count("Nhà trọ") == 180  # none lost
    assert "Phố Huế số 12" in text


def test_record_command_prints_a_long_answer(laptop: Laptop, tmp_path: Path) -> None:
    uuid = laptop.add({"ward": "a", "comment": "x" * 6000})
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(
        cli, ["--home", str(laptop.home), "report", "record", uuid, "--out", str(out)],
        env={"FIELDSURVEY_PASSWORD": PASSWORD, "FIELDSURVEY_LANG": "en"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert pypdf_text(out).count("x") == 6000


# --- every value an interview can hold, in every format ------------------------------------
ODD: list[dict[str, Any]] = [
    {
        "ward": "a",
        "income_month": float("nan"),
        "members_n": 10**30,
        "comment": "\x1b[2J\r\x00",
        "visit_date": "2026-13-45",
    },
    {"ward": "b", "income_month": "inf", "members_n": -(10**400), "comment": "ẫ" * 50_000},
    {
        "ward": ["a", "b"],
        "income_month": ["12"],
        "members_n": {"x": 1},
        "comment": None,
        "home": ["Ngõ 5", 3],
        "people": {"name": "not a list"},
        "unknown_field": {"deep": [1]},
    },
    {
        "ward": None,
        "income_month": None,
        "members_n": None,
        "comment": None,
        "home": None,
        "people": [None, "x", {"name": None, "age": "-Infinity"}, {"age": 1.5e308}],
    },
    {
        "ward": "a",
        "income_month": -1.7e308,
        "members_n": True,
        "visit_date": 20260101,
        "home": {"street": {"a": 1}, "rooms": [1, 2]},
        "people": [{"name": ["Lan"], "age": 1e400}],
    },
    {},
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_odd_value_exports(laptop: Laptop, tmp_path: Path, fmt: str) -> None:
    for answers in ODD:
        laptop.add(answers)
    result, path = export(laptop, fmt, tmp_path)
    frame = read_main(path, fmt)
    assert len(frame) == len(ODD)
    assert result.tables[0].rows == len(ODD)
    for file in result.files:
        assert file.exists() and file.resolve().parent in (path.resolve(), path.resolve().parent)


def test_long_texts_are_cut_with_a_marker_where_the_format_has_a_limit(
    laptop: Laptop, tmp_path: Path
) -> None:
    laptop.add({"ward": "a", "comment": "ẫ" * 50_000})
    result, path = export(laptop, "xlsx", tmp_path)
    cell = openpyxl.load_workbook(path, read_only=True)["tiny"]
    header = [c.value for c in next(cell.iter_rows(max_row=1))]
    value = next(cell.iter_rows(min_row=2, max_row=2, values_only=True))[header.index("comment")]
    assert len(value) == 32_767 and value.endswith("…")
    assert any("comment" in w.text("en") and "32767" in w.text("en") for w in result.warnings)

    result, _ = export(laptop, "spss", tmp_path / "sav")
    frame = read_main(tmp_path / "sav", "spss")
    assert len(frame["comment"][0].encode()) <= 32_767 and frame["comment"][0].endswith("…")
    assert any("comment" in w.text("en") for w in result.warnings)

    result, _ = export(laptop, "stata", tmp_path / "dta")  # a strL: kept whole
    assert read_main(tmp_path / "dta", "stata")["comment"][0] == "ẫ" * 50_000
    export(laptop, "csv", tmp_path / "csv")  # no limit
    assert read_main(tmp_path / "csv", "csv")["comment"][0] == "ẫ" * 50_000


def test_a_nul_character_does_not_cut_a_text_in_stata(laptop: Laptop, tmp_path: Path) -> None:
    laptop.add({"ward": "a", "comment": "trước\x00sau"})
    export(laptop, "stata", tmp_path)
    assert read_main(tmp_path, "stata")["comment"][0] == "trước\\x00sau"


def test_unencodable_text_exports_in_every_format(tiny_spec: FormSpec, tmp_path: Path) -> None:
    """A lone surrogate (JSON "\\ud800") cannot be written as UTF-8: it becomes U+FFFD."""
    row = ExportInterview("u1", "1", "completed", "a", "H", "Lan", "d", "2026-01-01",
                          "2026-01-01", 1, {"comment": "a\ud800b", "ward": "a"})  # fmt: skip
    tables = build_tables([row], [tiny_spec])
    for fmt in FORMATS:
        target = tmp_path / fmt / ("t.xlsx" if fmt == "xlsx" else "")
        write_tables(tables, fmt, target)
    text = (tmp_path / "csv" / "tiny.csv").read_text(encoding="utf-8-sig")
    assert "a\ufffdb" in text


# --- forms not installed and odd form ids ------------------------------------------------
def _orphans(laptop: Laptop, *, path_like: bool = True) -> None:
    """An interview whose form was removed, and one of a form id shaped like a path."""
    if path_like:
        odd = laptop.spec.model_copy(update={"form_id": "../../escape"})
        laptop.install(odd, form_id="../../escape")
        laptop.add({"ward": "a"}, form_id="../../escape")
    gone = laptop.spec.model_copy(update={"form_id": "gone"})
    laptop.install(gone, form_id="gone")
    laptop.add({"ward": "b"}, form_id="gone")
    with laptop.open() as ws:
        from fieldsurvey.store import forms as forms_store

        forms_store.delete_form(ws, "gone", gone.version)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_skips_a_form_not_installed_and_keeps_files_inside(
    laptop: Laptop, tmp_path: Path, fmt: str
) -> None:
    laptop.add({"ward": "a", "comment": "kept"})
    _orphans(laptop)
    out = tmp_path / "deep" / "out"
    with laptop.open() as ws:
        result = export_workspace(ws, fmt, out)  # type: ignore[arg-type]
    inside = out.resolve()
    for file in result.files:
        assert file.resolve().parent == inside, file
    assert not list(tmp_path.glob("escape*")) and not list((tmp_path / "deep").glob("escape*"))
    assert any("gone" in w.text("en") and "not installed" in w.text("en") for w in result.warnings)
    assert {t.name for t in result.tables} >= {"tiny"}
    names = {f.name for f in result.files}
    assert any("escape" in n for n in names), names  # the path-like form is exported, inside


def test_cli_export_prints_the_warnings(laptop: Laptop, tmp_path: Path) -> None:
    laptop.add({"ward": "a", "income_month": 1e308})
    _orphans(laptop)
    result = CliRunner().invoke(
        cli, ["--home", str(laptop.home), "export", "stata", "--out", str(tmp_path / "o")],
        env={"FIELDSURVEY_PASSWORD": PASSWORD, "FIELDSURVEY_LANG": "en"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "not installed" in result.output and "left empty" in result.output


def test_ward_report_skips_a_form_not_installed(laptop: Laptop, tmp_path: Path) -> None:
    for k in range(6):
        laptop.add({"ward": "ab"[k % 2], "income_month": [1e308, "NaN", -1e308, 5, 6, 7][k]})
    _orphans(laptop, path_like=False)
    with laptop.open() as ws:
        result = write_workspace_summary(ws, tmp_path / "w.pdf", lang="en")
    assert result.form_id == "tiny" and result.interviews == 6
    assert any("gone" in w.text("en") for w in result.warnings)
    text = pypdf_text(tmp_path / "w.pdf")
    assert "gone" in text and "not installed" in text  # a line in the PDF's notes

    cli_out = CliRunner().invoke(
        cli, ["--home", str(laptop.home), "report", "ward", "--all-wards", "--out",
              str(tmp_path / "c.pdf")],
        env={"FIELDSURVEY_PASSWORD": PASSWORD, "FIELDSURVEY_LANG": "en"},
    )  # fmt: skip
    assert cli_out.exit_code == 0, cli_out.output
    assert "not installed" in cli_out.output


def test_ward_report_of_odd_values(laptop: Laptop, tmp_path: Path) -> None:
    for answers in ODD * 2:
        laptop.add(answers)
    with laptop.open() as ws:
        write_workspace_summary(ws, tmp_path / "w.pdf", lang="vi")
    assert "\x1b" not in pypdf_text(tmp_path / "w.pdf")


def test_record_pdf_of_odd_values(laptop: Laptop, tmp_path: Path) -> None:
    for k, answers in enumerate(ODD):
        uuid = laptop.add(answers)
        with laptop.open() as ws:
            interview = get_interview(ws, uuid)
        out = write_record_pdf(interview, laptop.spec, tmp_path / f"r{k}.pdf", lang="en")
        text = pypdf_text(out)
        assert "\x1b" not in text and "\x00" not in text
        if k == 0:
            assert "\\x1b[2J" in text  # shown, not interpreted


def test_summary_statistics_of_huge_numbers() -> None:
    from fieldsurvey.reports.summary_stats import summarise

    summary = summarise([1.7e308] * 6)
    assert summary.mean is not None and math.isfinite(summary.mean)


def test_csv_holds_control_characters(laptop: Laptop, tmp_path: Path) -> None:
    laptop.add({"ward": "a", "comment": "a\r\nb\x1b"})
    export(laptop, "csv", tmp_path)
    with open(tmp_path / "tiny.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["comment"] == "a\r\nb\x1b"


def _mangled(k: int, doc: dict[str, Any]) -> dict[str, Any]:
    """One of several ways a household's answers can be odd."""
    work, housing = doc.get("work", {}), doc.get("housing", {})
    kind = k % 8
    if kind == 0:
        work["income_month"], work["remit_month"] = 1e308, "NaN"
        housing["room_area"] = 1e308
    elif kind == 1:
        work["income_month"], housing["room_area"] = float("inf"), -1e308
        housing["room_people"] = 0
    elif kind == 2:
        doc["work"] = [work]  # a group sent as a list
        doc["household"]["members"] = {"m_age": 3}  # a repeat sent as an object
    elif kind == 3:
        doc["respondent"]["home_province"] = ["thanh_hoa", "nghe_an"]
        doc["health"]["care_where"] = "pharmacy private \x1b[2J"
        doc["household"]["members"].append("not a member")
    elif kind == 4:
        doc["household"]["hh_size"] = 10**30
        doc["location"]["ward"] = {"x": 1}
    elif kind == 5:
        doc["health"] = None
        doc["social"] = "none"
        doc["unknown"] = {"deep": [[[1]]]}
    elif kind == 6:
        doc["household"]["members"] = [None, {"m_age": "-inf", "m_sex": ["female"]}]
        doc["respondent"]["resp_name"] = "ẫ" * 50_000
    return doc


def test_ward_summary_of_the_default_survey_with_odd_values(
    default_spec: FormSpec, tmp_path: Path
) -> None:
    import random
    from datetime import datetime

    from fieldsurvey.demo.demo_model import VN
    from fieldsurvey.reports import ReportInterview, write_ward_summary
    from fieldsurvey.reports.synthetic_households import household_answers

    rng = random.Random(5)
    ivs = []
    for k in range(48):
        ward = ("phuc_tan", "chuong_duong")[k % 2]
        start = datetime(2026, 9, 1 + k % 20, 9, tzinfo=VN)
        doc = household_answers(rng, ward=ward, household_id=f"H{k}", started=start)
        if "work" in doc and "household" in doc:
            doc = _mangled(k, doc)
        ivs.append(ReportInterview(uuid=f"u{k}", answers=doc, created=start.isoformat()))
    for lang in ("vi", "en"):
        out = write_ward_summary(ivs, default_spec, tmp_path / f"w-{lang}.pdf", lang=lang)
        text = pypdf_text(out)
        assert "\x1b" not in text and "inf" not in text.lower().replace("info", "")
    for k, iv in enumerate(ivs[:8]):
        write_record_pdf(iv, default_spec, tmp_path / f"r{k}.pdf", lang="vi")
    meta = (default_spec.version, "exported", "phuc_tan", "H", "Lan", "d")
    rows = [ExportInterview(iv.uuid, *meta, iv.created, iv.created, 1, iv.answers) for iv in ivs]
    tables = build_tables(rows, [default_spec])
    for fmt in FORMATS:
        target = tmp_path / fmt / ("t.xlsx" if fmt == "xlsx" else "")
        assert write_tables(tables, fmt, target)


def test_deeply_nested_values_export_and_print(tiny_spec: FormSpec, tmp_path: Path) -> None:
    deep: Any = "bottom"
    for _ in range(960):
        deep = [deep]
    nested: Any = {"leaf": 1}
    for _ in range(960):
        nested = {"g": nested}
    answers = {"ward": "a", "comment": deep, "home": nested, "people": [nested]}
    row = ExportInterview("u1", "1", "completed", "a", "H", "Lan", "d", "2026-01-01",
                          "2026-01-01", 1, answers)  # fmt: skip
    tables = build_tables([row], [tiny_spec])
    for fmt in FORMATS:
        target = tmp_path / fmt / ("t.xlsx" if fmt == "xlsx" else "")
        assert write_tables(tables, fmt, target)
    from fieldsurvey.reports import ReportInterview

    iv = ReportInterview(uuid="u1", answers=answers, created="2026-01-01")
    write_record_pdf(iv, tiny_spec, tmp_path / "r.pdf")


def test_a_ward_answer_of_50000_characters(laptop: Laptop, tmp_path: Path) -> None:
    for k in range(12):
        laptop.add({"ward": ("ẫ" * 50_000) if k % 2 else "a", "income_month": k})
    with laptop.open() as ws:
        write_workspace_summary(ws, tmp_path / "w.pdf", lang="vi")
    assert len(PdfReader(tmp_path / "w.pdf").pages) >= 2


def test_an_answer_beyond_the_record_limit_is_cut_with_a_note(
    tiny_spec: FormSpec, tmp_path: Path
) -> None:
    from fieldsurvey.reports import ReportInterview
    from fieldsurvey.reports.record_pdf import ANSWER_LIMIT

    words = "lời " * (ANSWER_LIMIT // 4 + 1000)
    iv = ReportInterview(uuid="u1", answers={"comment": words}, created="2026-01-01")
    text = pypdf_text(write_record_pdf(iv, tiny_spec, tmp_path / "r.pdf", lang="en"))
    assert f"cut: {len(words):,} characters in all" in text
    assert text.count("lời") == ANSWER_LIMIT // 4
