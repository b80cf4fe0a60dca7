"""Markdown-table forms become workbooks that pyxform reads as the author wrote them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2json_backends import xlsx_to_dict

from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms.markdown_form import markdown_to_sheets

MD = """
# a comment line is ignored
| survey |         |        |                    |
|        | type    | name   | label              |
|--------|---------|--------|--------------------|
|        | integer | age    | Age \\| years       |
|        | text    | name   | Tên                |
| choices |
|         | list_name | name | label |
|         | yn        | 1    | Yes   |
| settings | form_id | version |
|          | demo    | 2024    |
"""


def test_sheets_rows_and_escaped_pipe() -> None:
    sheets = markdown_to_sheets(MD)
    assert list(sheets) == ["survey", "choices", "settings"]
    assert sheets["survey"][0] == ["type", "name", "label"]
    assert sheets["survey"][1] == ["integer", "age", "Age | years"]
    # the header may sit on the sheet-name row itself
    assert sheets["settings"] == [["form_id", "version"], ["demo", "2024"]]


def test_fixture_writes_workbook_pyxform_reads(xlsform) -> None:  # type: ignore[no-untyped-def]
    path: Path = xlsform(MD, name="demo")
    assert path.name == "demo.xlsx"
    assert openpyxl.load_workbook(path).sheetnames == ["survey", "choices", "settings"]
    book = xlsx_to_dict(str(path))
    assert book["survey"] == [
        {"type": "integer", "name": "age", "label": "Age | years"},
        {"type": "text", "name": "name", "label": "Tên"},
    ]
    assert book["settings"] == [{"form_id": "demo", "version": "2024"}]


def test_rows_before_any_sheet_name_are_an_error() -> None:
    with pytest.raises(FormDefinitionError, match="sheet name"):
        markdown_to_sheets("|  | type | name |\n|  | text | a |")
