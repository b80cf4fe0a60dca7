"""The shipped default questionnaire converts in pyxform and matches its generator."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert

ROOT = Path(__file__).resolve().parents[2]
FORM = ROOT / "resources" / "forms" / "migrant_household.xlsx"
VI = "Tiếng Việt (vi)"
EN = "English (en)"


def _sheet_rows(path: Path, sheet: str) -> list[dict[str, str]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb[sheet].iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [
        {h: str(v) for h, v in zip(header, row, strict=False) if v not in (None, "")}
        for row in rows[1:]
    ]


def test_pyxform_converts_without_warnings() -> None:
    warnings: list[str] = []
    result = convert(xlsform=str(FORM), warnings=warnings)
    assert warnings == []
    assert 'jr:count=" /data/household/hh_size "' in result.xform
    assert "Phúc Tân" in result.xform and "Chương Dương" in result.xform


def test_settings_name_the_form_and_its_ward_field() -> None:
    (settings,) = _sheet_rows(FORM, "settings")
    assert settings["form_id"] == "mnet_migrant_household"
    assert settings["default_language"] == VI
    assert settings["ward_field"] == "ward"
    names = {row.get("name") for row in _sheet_rows(FORM, "survey")}
    assert settings["ward_field"] in names


def test_every_labelled_row_has_both_languages() -> None:
    for row in _sheet_rows(FORM, "survey"):
        for col in ("label", "hint", "constraint_message", "required_message"):
            vi, en = row.get(f"{col}::{VI}"), row.get(f"{col}::{EN}")
            assert bool(vi) == bool(en), f"{row.get('name')}: {col} only in one language"
    for choice in _sheet_rows(FORM, "choices"):
        assert choice.get(f"label::{VI}") and choice.get(f"label::{EN}"), choice


def test_provinces_are_the_63_mapped_onto_the_34() -> None:
    provinces = [c for c in _sheet_rows(FORM, "choices") if c["list_name"] == "province"]
    assert len(provinces) == 63
    assert len({c["province_2025"] for c in provinces}) == 34
    # Each successor is itself a former province name (the merged province kept one name).
    assert {c["province_2025"] for c in provinces} <= {c["name"] for c in provinces}


def test_shipped_xlsx_matches_the_generator(tmp_path: Path) -> None:
    script = ROOT / "tools" / "build_default_form.py"
    spec = importlib.util.spec_from_file_location("build_form", script)
    if spec is None or spec.loader is None:
        pytest.fail("tools/build_default_form.py missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_form"] = module
    spec.loader.exec_module(module)
    out = tmp_path / "form.xlsx"
    module.write(out)
    for sheet in ("survey", "choices", "settings"):
        assert _sheet_rows(out, sheet) == _sheet_rows(FORM, sheet), (
            f"{sheet} differs: rerun tools/build_default_form.py"
        )
