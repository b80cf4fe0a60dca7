"""``form check`` tells the truth: every feature a laptop cannot do yet is a warning that
names its rows and what happens instead, in the app's language.

The features are one table (``fieldsurvey/forms/support.py``, NOT_YET_SUPPORTED); when a
helper builds one, its entry goes and the warning with it. docs/xlsform-compatibility.md
marks the same features **Not yet**.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fieldsurvey import messages
from fieldsurvey.cli import cli
from fieldsurvey.forms import support
from fieldsurvey.forms.loader import load_form

DOC = Path(__file__).resolve().parents[2] / "docs" / "xlsform-compatibility.md"

AUDIT = "location-priority=balanced location-min-interval=60 location-max-age=120"
GAPS = f"""
| survey |
| | type | name | label | appearance | parameters | guidance_hint | calculation |
| | start-geopoint | here | | | | | |
| | background-audio | rec | | | | | |
| | audit | audit | | | {AUDIT} | | |
| | decimal | dir | Direction | bearing | | Face the house | |
| | select_one yn | ok | OK? | | randomize=true | | |
| | text | ext | Ext | ex:org.example.app(a=1) | | | |
| | calculate | prev | | | | | ${{last-saved#dir}} |
| choices |
| | list_name | name | label |
| | yn | y | Yes |
| | yn | n | No |
| settings |
| | form_id | version | public_key | instance_name |
| | g | 3 | MIIBIjAN | concat('hh ', ${{ext}}) |
"""


def notes(path: Path, lang: str) -> list[str]:
    messages.set_language(lang)
    return load_form(path, use_cache=False).warnings


def test_each_feature_is_named_with_its_row_and_what_happens(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_text(GAPS, "utf-8")
    found = notes(path, "en")
    assert found == [
        "survey sheet, row 2: The question type 'start-geopoint' is not supported on a laptop"
        " yet: a laptop has no GPS, so the location stays empty.",
        "survey sheet, row 3: The question type 'background-audio' is not supported on a"
        " laptop yet: nothing is recorded (attach a recording to an audio question instead).",
        "survey sheet, row 5, column 'appearance': The appearance 'bearing' is not supported"
        " on a laptop yet: the bearing is typed as a number; there is no compass.",
        "survey sheet, row 7, column 'appearance': The appearance 'ex:' is not supported on a"
        " laptop yet: the other app is not opened; the answer is typed.",
        "survey sheet, row 8, column 'calculation': The reference 'last-saved#…' is not"
        " supported on a laptop yet: only a default reads the last interview saved, when the"
        " interview starts; in this column it reads as empty once the interview is reopened"
        " or completed.",
        "settings sheet, row 2, column 'public_key': The setting 'public_key' is not supported"
        " on a laptop yet: answers are not encrypted with this key; bundles are encrypted for"
        " the coordinator instead.",
        "survey sheet, column 'parameters': The parameter 'location-priority' is not supported"
        " on a laptop yet: a laptop has no location source, so the audit log's location"
        " columns stay empty.",
    ]
    in_vietnamese = notes(path, "vi")
    assert len(in_vietnamese) == len(found)
    assert in_vietnamese[0] == (
        "trang tính survey, dòng 2: Loại câu hỏi 'start-geopoint' chưa được hỗ trợ trên máy"
        " tính xách tay: máy tính xách tay không có GPS nên vị trí để trống."
    )
    assert all("chưa được hỗ trợ trên máy tính xách tay" in note for note in in_vietnamese)


def test_a_feature_on_many_rows_is_one_warning_listing_them(tmp_path: Path) -> None:
    rows = "".join(f"| | decimal | d{i} | D{i} | bearing |\n" for i in range(11))
    path = tmp_path / "many.md"
    path.write_text(
        "| survey |\n| | type | name | label | appearance |\n" + rows
        + "| settings |\n| | form_id | version |\n| | many | 1 |\n",
        "utf-8",
    )  # fmt: skip
    (note,) = notes(path, "en")
    assert note.startswith(
        "survey sheet, rows 2, 3, 4, 5, 6, 7, 8, 9 and 3 more, column 'appearance': "
        "The appearance 'bearing'"
    )
    (note_vi,) = notes(path, "vi")
    assert note_vi.startswith("trang tính survey, các dòng 2, 3, 4, 5, 6, 7, 8, 9 và 3 dòng khác")


def test_a_form_the_laptop_can_do_has_no_warning(xlsform: Any) -> None:
    path = xlsform(
        """
| survey |
| | type | name | label | appearance | relevant | parameters | default |
| | integer | age | Age | | | | ${last-saved#age} |
| | select_one yn | ok | OK? | minimal | ${age} > 15 | randomize=true seed=${age} | |
| | text | note | Note | multiline | | | |
| choices |
| | list_name | name | label |
| | yn | y | Yes |
| | yn | n | No |
| settings |
| | form_id | version |
| | plain | 1 |
"""
    )
    assert notes(path, "en") == []


def test_a_built_feature_leaves_the_table_and_its_warning_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a helper does when the laptop learns a feature: remove its entry."""
    path = tmp_path / "g.md"
    path.write_text(GAPS, "utf-8")
    assert any("'bearing'" in note for note in notes(path, "en"))
    kept = tuple(gap for gap in support.NOT_YET_SUPPORTED if gap.name != "bearing")
    monkeypatch.setattr(support, "NOT_YET_SUPPORTED", kept)
    after = notes(path, "en")
    assert not any("'bearing'" in note for note in after)
    assert any("'ex:'" in note for note in after)


def test_an_appearance_is_read_on_its_own_types_only(tmp_path: Path) -> None:
    """``bearing`` means a compass on a decimal only; ODK ignores it elsewhere."""
    path = tmp_path / "t.md"
    path.write_text(
        "| survey |\n| | type | name | label | appearance |\n| | text | t | T | bearing |\n",
        "utf-8",
    )
    assert not any("bearing" in note for note in notes(path, "en"))


def test_functions_of_other_platforms_are_one_warning_in_each_language(xlsform: Any) -> None:
    path = xlsform(
        """
| survey |
| | type | name | label | calculation |
| | integer | a | A | |
| | calculate | d | | duration() |
| settings |
| | form_id | version |
| | other | 1 |
"""
    )
    assert notes(path, "en") == [
        "survey sheet, row 3, column 'calculation': duration() is a SurveyCTO function, not an"
        " ODK one: it reads as empty."
    ]
    assert notes(path, "vi") == [
        "trang tính survey, dòng 3, cột 'calculation': duration() là hàm của SurveyCTO, không"
        " phải của ODK: giá trị của nó luôn rỗng."
    ]


def test_form_check_prints_them_in_the_language_asked(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_text(GAPS, "utf-8")
    result = CliRunner().invoke(cli, ["form", "check", str(path)],
                                env={"FIELDSURVEY_LANG": "en"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Warning: survey sheet, row 5, column 'appearance': The appearance 'bearing'" in (
        result.output
    )
    result = CliRunner().invoke(cli, ["form", "check", str(path)],
                                env={"FIELDSURVEY_LANG": "vi"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Cảnh báo: trang tính survey, dòng 5, cột 'appearance': Cách hiển thị" in (result.output)


# --- the table, its texts and the compatibility page agree ------------------------------------
def test_every_entry_has_its_texts_in_both_languages() -> None:
    for gap in support.NOT_YET_SUPPORTED:
        text = messages.CATALOGUE[gap.effect]
        assert text.en.strip() and text.vi.strip(), gap
        assert f"forms.gap_{gap.kind}" in messages.CATALOGUE, gap


def _not_yet_rows() -> list[set[str]]:
    found = []
    for line in DOC.read_text("utf-8").splitlines():
        if line.startswith("|") and "**Not yet**" in line:
            first = line.strip("|").split("|")[0]
            found.append(set(re.findall(r"`([^`]+)`", first)))
    return found


def test_the_compatibility_page_marks_exactly_these_features_not_yet() -> None:
    rows = _not_yet_rows()
    names = {gap.name for gap in support.NOT_YET_SUPPORTED}
    missing = {name for name in names if not any(name in row for row in rows)}
    assert not missing, f"add a **Not yet** row to {DOC.name} for {sorted(missing)}"
    stale = [row for row in rows if not row & names]
    assert not stale, f"{DOC.name} says **Not yet** of {stale}, which the table no longer has"
