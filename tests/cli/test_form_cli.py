"""``fieldsurvey form check / install / list`` end to end (evaluate and import: see below)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldsurvey.cli import cli
from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import Workspace

PASSWORD = "mật khẩu dài"

GOOD = """
| survey |
| | type | name | label::Tiếng Việt (vi) | label::English (en) | constraint |
| | integer | age | Tuổi | Age | . >= 0 |
| | image | photo | Ảnh | Photo | |
| settings |
| | form_id | version | default_language |
| | hh | 7 | Tiếng Việt (vi) |
"""

BAD = """
| survey |
| | type | name | label |
| | integer | age | Age |
| | select_one sexes | sex | Sex |
"""
BAD_LIST = (
    BAD
    + """
| choices |
| | list_name | name | label |
| | sex | f | Female |
"""
)


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FIELDSURVEY_PASSWORD", PASSWORD)
    monkeypatch.setenv("FIELDSURVEY_HOME", str(tmp_path / "ws"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_accepts_a_form_and_prints_warnings(tmp_path: Path) -> None:
    form = markdown_to_xlsx(GOOD, tmp_path / "hh.xlsx")
    code, out, err = run("form", "check", str(form))
    assert code == 0, err
    assert "OK: hh version 7, 2 questions; languages: Tiếng Việt (vi), English (en)" in out
    # pyxform's advice about image size comes with its row
    assert "Warning: survey sheet, row 3: Use the max-pixels parameter" in out


def test_check_rejects_with_sheet_row_and_problem(tmp_path: Path) -> None:
    form = tmp_path / "bad.md"
    form.write_text(BAD, "utf-8")
    code, out, err = run("form", "check", str(form))
    assert code == 1
    assert err.startswith("Error: survey sheet, row 3: There should be a choices sheet")
    assert out == ""
    form.write_text(BAD_LIST, "utf-8")
    code, out, err = run("form", "check", str(form))
    assert (code, err) == (1, "Error: survey sheet, row 3: List name not in choices sheet: sexes\n")


def test_check_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("form", "check", str(tmp_path / "nope.xlsx"))
    assert code == 2 and "does not exist" in err


def test_install_then_list(tmp_path: Path) -> None:
    Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap()).close()
    form = markdown_to_xlsx(GOOD, tmp_path / "hh.xlsx")
    assert run("form", "install", str(form))[:2] == (0, "hh version 7: installed.\n")
    assert run("form", "install", str(form))[:2] == (0, "hh version 7: already installed.\n")
    code, out, _ = run("form", "list")
    assert code == 0 and out.startswith("hh\t7\t")
    changed = markdown_to_xlsx(GOOD.replace("Tuổi", "Tuổi (năm)"), tmp_path / "hh2.xlsx")
    code, _, err = run("form", "install", str(changed))
    assert code == 1 and "already installed with different content" in err
    assert run("form", "install", "--replace", str(changed))[0] == 0


# --- evaluate and import: need the engine ----------------------------------------------
LOGIC = """
| survey |
| | type | name | label | required | constraint | constraint_message::Tiếng Việt (vi) | constraint_message::English (en) | relevant |
| | integer | age | Age | yes | . >= 0 and . < 120 | Tuổi từ 0 đến 119 | Age 0 to 119 | |
| | select_one yn | works | Works? | yes | | | | ${age} >= 15 |
| | integer | income | Income | | . > 0 | Thu nhập > 0 | Income > 0 | ${works} = 'y' |
| | begin repeat | members | Member | | | | | |
| | integer | m_age | Age | | | | | |
| | end repeat | | | | | | | |
| choices |
| | list_name | name | label |
| | yn | y | Yes |
| | yn | n | No |
| settings |
| | form_id | version |
| | logic | 1 |
"""  # noqa: E501


@pytest.fixture
def logic_form(tmp_path: Path) -> Path:
    pytest.importorskip("fieldsurvey.forms.evaluate_json")
    return markdown_to_xlsx(LOGIC, tmp_path / "logic.xlsx")


def _data(tmp_path: Path, answers: dict[str, object]) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), "utf-8")
    return path


def test_evaluate_prints_relevance_values_and_errors(logic_form: Path, tmp_path: Path) -> None:
    data = _data(tmp_path, {"age": 30, "works": "n", "income": 500, "members": [{"m_age": 3}, {}]})
    code, out, err = run("form", "evaluate", str(logic_form), "--data", str(data))
    assert code == 0, err
    result = json.loads(out)
    fields = result["fields"]
    assert fields["age"] == {"relevant": True, "value": 30}
    assert fields["works"] == {"relevant": True, "value": "n"}
    assert fields["income"] == {"relevant": False, "value": None}  # kept out: not relevant
    assert fields["members[1]/m_age"] == {"relevant": True, "value": 3}
    assert fields["members[2]/m_age"]["value"] is None
    assert result["errors"] == []


def test_evaluate_messages_in_the_language_asked_by_code(logic_form: Path, tmp_path: Path) -> None:
    data = _data(tmp_path, {"age": 150})
    code, out, err = run("form", "evaluate", str(logic_form), "--data", str(data), "--lang", "vi")
    assert code == 0, err
    errors = json.loads(out)["errors"]
    # age fails its constraint; being >= 15 it makes the required "works" relevant
    assert errors[0] == {"path": "age", "kind": "constraint", "message": "Tuổi từ 0 đến 119"}
    assert [(e["path"], e["kind"]) for e in errors[1:]] == [("works", "required")]
    code, _, err = run("form", "evaluate", str(logic_form), "--data", str(data), "--lang", "fr")
    assert code == 2 and "Tiếng Việt (vi), English (en)" in err


def test_evaluate_refuses_a_file_that_is_not_an_answer_set(
    logic_form: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", "utf-8")
    code, _, err = run("form", "evaluate", str(logic_form), "--data", str(bad))
    assert code == 1 and "one JSON object" in err


def test_interview_import_records_a_completed_interview(logic_form: Path, tmp_path: Path) -> None:
    Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap()).close()
    assert run("form", "install", str(logic_form))[0] == 0
    where = ("--ward", "Phúc Tân", "--household", "HK-0042")
    good = _data(tmp_path, {"age": 40, "works": "n", "income": 900})
    code, out, err = run("interview", "import", str(good), "--form", "logic", *where)
    assert code == 0, err
    uuid = out.strip()
    code, out, _ = run("interview", "show", uuid, "--json")
    shown = json.loads(out)
    assert (shown["status"], shown["form_version"], shown["ward"]) == ("completed", "1", "Phúc Tân")
    assert shown["answers"]["age"] == 40 and "income" not in shown["answers"]

    bad = _data(tmp_path, {"age": 150})
    code, out, err = run("interview", "import", str(bad), "--form", "logic", *where)
    assert code == 1 and "age (constraint)" in err and "150" not in err
    code, out, err = run("interview", "import", str(bad), "--form", "logic", "--draft", *where)
    assert code == 0, err
    code, out, _ = run("interview", "show", out.strip(), "--json")
    assert json.loads(out)["status"] == "draft"


def test_interview_commands_apply_the_installed_form(tmp_path, monkeypatch) -> None:
    """With its form installed, `interview set` refuses a value that does not fit and
    `interview complete` refuses an interview with required questions unanswered."""
    import json

    from click.testing import CliRunner

    from fieldsurvey.cli import cli
    from fieldsurvey.resources import resource_path

    monkeypatch.setenv("FIELDSURVEY_PASSWORD", PASSWORD)
    home = str(tmp_path / "ws")
    run = CliRunner().invoke
    Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap()).close()
    form = str(resource_path("forms", "migrant_household.xlsx"))
    assert run(cli, ["--home", home, "form", "install", form]).exit_code == 0
    made = run(
        cli,
        ["--home", home, "interview", "new", "--form", "mnet_migrant_household",
         "--ward", "Phúc Tân", "--household", "PT-1"],
    )  # fmt: skip
    uuid = made.output.strip()
    bad = run(cli, ["--home", home, "interview", "set", uuid, "housing/room_area", '"big"'])
    assert bad.exit_code == 1 and "number" in bad.output
    maybe = run(cli, ["--home", home, "interview", "set", uuid, "consent_section/consent", "maybe"])
    assert maybe.exit_code == 1 and "not one of the question's choices (no, yes)" in maybe.output
    assert "maybe" not in maybe.output  # the value given is not echoed back
    ok = run(cli, ["--home", home, "interview", "set", uuid, "consent_section/consent", "yes"])
    assert ok.exit_code == 0, ok.output
    refused = run(cli, ["--home", home, "interview", "complete", uuid])
    assert refused.exit_code == 1 and "cannot be completed" in refused.output
    shown = json.loads(run(cli, ["--home", home, "interview", "show", uuid, "--json"]).output)
    assert shown["status"] == "draft"
    # A refusal: everything after consent is skipped, so the interview completes and
    # keeps no answer of a question that no longer applies.
    assert (
        run(cli, ["--home", home, "interview", "set", uuid, "respondent/resp_age", "30"]).exit_code
        == 0
    )
    assert (
        run(
            cli, ["--home", home, "interview", "set", uuid, "consent_section/consent", "no"]
        ).exit_code
        == 0
    )
    done = run(cli, ["--home", home, "interview", "complete", uuid])
    assert done.exit_code == 0, done.output
    shown = json.loads(run(cli, ["--home", home, "interview", "show", uuid, "--json"]).output)
    assert shown["status"] == "completed"
    assert "respondent" not in shown["answers"]
    assert shown["answers"]["consent_section"]["consent"] == "no"
