"""Forms that pyxform rejects are rejected with a message naming sheet, row and problem."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms.loader import load_form, load_form_bytes

CASES = {
    "duplicate name": (
        """
| survey |
| | type | name | label |
| | text | a | A |
| | integer | a | Again |
""",
        r"^survey sheet, row 3: The 'name' value 'a' is invalid",
    ),
    "unknown list": (
        """
| survey |
| | type | name | label |
| | text | a | A |
| | select_one colours | c | Colour |
| choices |
| | list_name | name | label |
| | sizes | s | Small |
""",
        r"^survey sheet, row 3: List name not in choices sheet: colours",
    ),
    "unknown reference": (
        """
| survey |
| | type | name | label | relevant |
| | text | a | A | |
| | text | b | B | ${missing} = 'x' |
""",
        r"^survey sheet, row 3: .*Could not find the name 'missing'",
    ),
    "group never closed": (
        """
| survey |
| | type | name | label |
| | begin group | g | G |
| | text | a | A |
""",
        r"^survey sheet, row 2: .*'g'",
    ),
    "duplicate choice": (
        """
| survey |
| | type | name | label |
| | select_one yn | q | Q |
| choices |
| | list_name | name | label |
| | yn | y | Yes |
| | yn | y | Yes again |
""",
        r"^choices sheet, row 3: The 'name' value is invalid. Choice names must be unique",
    ),
    # found only in pyxform's XForm build step, where messages name no row: we add it
    "question without label": (
        """
| survey |
| | type | name | label |
| | text | a | A |
| | text | b | |
""",
        r"^survey sheet, row 3: The survey element named 'b' has no label or hint",
    ),
    "unknown type": (
        """
| survey |
| | type | name | label |
| | txet | a | A |
""",
        r"^survey sheet, row 2, column 'type': unknown question type 'txet'",
    ),
    # our own load-time check of every expression (pyxform does not parse XPath)
    "unknown function": (
        """
| survey |
| | type | name | label | relevant |
| | integer | n | N | |
| | text | a | A | frobnicate(${n}) > 2 |
""",
        r"^survey sheet, row 3, column 'relevant': Unknown function frobnicate\(\)",
    ),
    "wrong argument count": (
        """
| survey |
| | type | name | label | calculation |
| | calculate | c | | if(1 = 1, 'yes') |
""",
        r"^survey sheet, row 2, column 'calculation': Function if\(\) takes 3 arguments, not 2",
    ),
    "syntax error": (
        """
| survey |
| | type | name | label | constraint |
| | integer | n | N | . >< 3 |
""",
        r"^survey sheet, row 2, column 'constraint': ",
    ),
    "duplicate column": (
        """
| survey |
| | type | name | label | label |
| | text | a | A | B |
""",
        r"^survey sheet, row 1: the column header 'label' appears twice",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rejection_names_sheet_row_and_problem(xlsform, case: str) -> None:  # type: ignore[no-untyped-def]
    md, pattern = CASES[case]
    with pytest.raises(FormDefinitionError, match=pattern):
        load_form(xlsform(md))


def test_missing_survey_sheet(xlsform) -> None:  # type: ignore[no-untyped-def]
    path = xlsform("| choices |\n| | list_name | name | label |\n| | yn | y | Yes |")
    with pytest.raises(FormDefinitionError, match="sheet named 'survey'"):
        load_form(path)


def test_not_a_spreadsheet(tmp_path: Path) -> None:
    broken = tmp_path / "form.xlsx"
    broken.write_bytes(b"this is not a zip file")
    with pytest.raises(FormDefinitionError, match=r"'form\.xlsx' cannot be read as a \.xlsx"):
        load_form(broken)
    with pytest.raises(FormDefinitionError, match=r"expected an \.xlsx, \.xls or \.md file"):
        load_form_bytes(b"a,b", "form.csv")
    with pytest.raises(FormDefinitionError, match="Cannot read the form file"):
        load_form(tmp_path / "absent.xlsx")


def test_markdown_file_loads_like_its_workbook(tmp_path: Path) -> None:
    md = tmp_path / "intake.md"
    md.write_text("| survey |\n| | type | name | label |\n| | text | who | Tên |\n", "utf-8")
    spec = load_form(md)
    assert (spec.form_id, spec.node("who").label) == ("intake", {"default": "Tên"})


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unknown function", r"^trang tính survey, dòng 3, cột 'relevant': Không có hàm frobnicate\(\)"),  # noqa: E501
        ("syntax error", r"^trang tính survey, dòng 2, cột 'constraint': Biểu thức '\. >< 3': "),
        ("duplicate column", r"^trang tính survey, dòng 1: tiêu đề cột 'label' xuất hiện hai lần"),
        ("unknown type", r"^trang tính survey, dòng 2, cột 'type': không nhận ra loại câu hỏi 'txet'"),  # noqa: E501
        ("duplicate name", r"^trang tính survey, dòng 3: Bảng hỏi không hợp lệ .*'name' value 'a'"),
    ],
)  # fmt: skip
def test_rejection_in_vietnamese_names_the_place_in_vietnamese(  # type: ignore[no-untyped-def]
    xlsform, case: str, expected: str
) -> None:
    """The place words and our own problem texts (an expression error inside a form
    error too) are shown in the language chosen; only pyxform's detail stays English."""
    with pytest.raises(FormDefinitionError) as caught:
        load_form(xlsform(CASES[case][0]))
    text = caught.value.text("vi")
    assert re.match(expected, text), text
    assert not re.search(r"\b(sheet|row|column|Expression|Unknown)\b", text), text
    assert re.match(CASES[case][1], caught.value.text("en"))


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [
        (_zip({"[Content_Types].xml": b"\x8f not xml"}), "form.xlsx", r"cannot be read as a \.xlsx"),  # noqa: E501
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 3, "form.xls", r"cannot be read as a \.xls"),  # noqa: E501
        (b"| sur[vey |\n| | type | name |\n| | text | a |\n", "form.md", r"cannot be read as a \.md"),  # noqa: E501
        (b"| survey |\n| | type | name |\n| | t\x00xt | a |\n", "form.md", r"cannot be read as a \.md"),  # noqa: E501
        ("| survey |\n| | type | name |\n| | text | á |\n".encode("utf-16"), "form.md", "is not UTF-8 text"),  # noqa: E501
    ],
)  # fmt: skip
def test_damaged_files_are_form_errors_not_reader_tracebacks(
    data: bytes, filename: str, fragment: str
) -> None:
    """A damaged zip, XML or OLE file, or a markdown table no workbook can hold, is a
    FormDefinitionError naming the file (the CLI prints it as one line)."""
    with pytest.raises(FormDefinitionError, match=fragment) as caught:
        load_form_bytes(data, filename, use_cache=False)
    assert filename in caught.value.text("vi")
