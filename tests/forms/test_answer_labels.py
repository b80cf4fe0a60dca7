"""A question's label and an answer's choice labels for a path, in the app's language."""

from __future__ import annotations

from fieldsurvey.forms.answer_labels import answer_text, question_label, ward_text
from fieldsurvey.forms.loader import load_form

FORM = """
| survey |
| | type | name | label::Tiếng Việt (vi) | label::English (en) |
| | select_one ward | ward | Phường | Ward |
| | begin_repeat | members | Thành viên | Household member |
| | integer | age | Tuổi của ${name} | Age of ${name} |
| | text | name | Tên | Name |
| | select_multiple aid | aid | Hỗ trợ | Support |
| | end_repeat | | | |
| choices |
| | list_name | name | label::Tiếng Việt (vi) | label::English (en) |
| | ward | phuc_tan | Phúc Tân | Phuc Tan |
| | aid | cash | Tiền mặt | Cash |
| | aid | food | Lương thực | Food |
| settings |
| | form_id | version | default_language | ward_field |
| | f | 1 | Tiếng Việt (vi) | ward |
"""


def test_labels_follow_the_app_language_with_repeat_numbers(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(xlsform(FORM))
    assert question_label(spec, "members[2]/age", "en") == "Household member 2 › Age of …"
    assert question_label(spec, "members[2]/age", "vi") == "Thành viên 2 › Tuổi của …"
    assert question_label(spec, "members", "fr") == "Thành viên"  # the form's default
    assert question_label(spec, "members[1]/salary", "en") == "members[1]/salary"  # unknown
    assert question_label(None, "members[1]/age", "en") == "members[1]/age"  # no form


def test_choice_codes_are_shown_beside_their_labels(xlsform) -> None:  # type: ignore[no-untyped-def]
    spec = load_form(xlsform(FORM))
    assert answer_text(spec, "members[1]/aid", ["cash", "food"], "vi") == (
        "cash – Tiền mặt; food – Lương thực"
    )
    assert answer_text(spec, "members[1]/aid", "cash other", "en") == "cash – Cash; other"
    assert answer_text(spec, "members", [{"age": 3}, {"age": 40}], "en") == ("2 × Household member")
    assert answer_text(spec, "members[1]/age", 34, "en") == "34"
    assert answer_text(spec, "members[1]/age", None, "en") == ""
    assert answer_text(None, "x", {"a": "ễ"}, "en") == '{"a": "ễ"}'
    assert ward_text(spec, "phuc_tan", "vi") == "Phúc Tân"
    assert ward_text(spec, "Chương Dương", "vi") == "Chương Dương"


FILE_FORM = """
| survey |
| | type | name | label::Tiếng Việt (vi) | label::English (en) |
| | select_one_from_file places.csv | place | Nơi | Place |
| | select_multiple_from_file places.csv | visited | Đã đến | Visited |
| | begin_repeat | stops | Điểm dừng | Stop |
| | select_one_from_file places.csv | stop | Điểm | Stop place |
| | end_repeat | | | |
| settings |
| | form_id | version | default_language |
| | f | 1 | Tiếng Việt (vi) |
"""
PLACES = "name,label,label::English (en)\nmarket,Chợ Đồng Xuân,Dong Xuan market\nlake,Hồ Gươm,\n"


def test_choices_from_an_attached_file_are_shown_with_the_files_labels(  # type: ignore[no-untyped-def]
    xlsform, tmp_path
) -> None:
    """The coordinator's conflicts and quarantine: a ``select_*_from_file`` answer shows
    the labels of the CSV published with the form, not the bare codes."""
    from fieldsurvey.forms.answer_labels import installed_specs
    from fieldsurvey.forms.installed import install_form_file
    from fieldsurvey.keywrap import KdfParams
    from fieldsurvey.store.workspace import Workspace

    path = xlsform(FILE_FORM)
    (tmp_path / "places.csv").write_text(PLACES, "utf-8")
    with Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap()) as ws:
        install_form_file(ws, path)
        spec = installed_specs(ws, [("f", "1")])[("f", "1")]
    assert answer_text(spec, "place", "market", "vi") == "market – Chợ Đồng Xuân"
    assert answer_text(spec, "place", "market", "en") == "market – Dong Xuan market"
    assert answer_text(spec, "visited", ["market", "lake"], "en") == (
        "market – Dong Xuan market; lake – Hồ Gươm"
    )
    assert answer_text(spec, "stops[2]/stop", "lake", "vi") == "lake – Hồ Gươm"
    assert answer_text(spec, "place", "gone", "vi") == "gone"  # not in the file: the code
