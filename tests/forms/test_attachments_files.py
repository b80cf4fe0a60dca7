"""Finding a form's files beside it, and ``form check`` / ``form install`` naming the
missing ones (``--attach`` for another folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldsurvey.cli import cli
from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms import attachments
from fieldsurvey.forms.attachments import gather, media_folder, referenced_files
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.markdown_form import markdown_to_xlsx

FORM = """
| survey |  |  |  |  |  |
|  | type | name | label | calculation | media::image |
|  | select_one_from_file towns.csv | town | Town | | |
|  | text | code | Code | | |
|  | calculate | head | | pulldata('heads', 'name', 'code', ${code}) | |
|  | note | look | Look | | ../../secret.png |
|  | select_one yn | ok | OK | | logo.png |
| choices | | | | |
| | list_name | name | label | audio |
| | yn | yes | Yes | yes.mp3 |
| settings | | |
| | form_id | version |
| | towns | 3 |
"""
TOWNS = "name,label\nhk,Hoàn Kiếm\n".encode()


@pytest.fixture
def form(tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(b"not for the form")
    return markdown_to_xlsx(FORM, folder / "towns.xlsx")


def test_references_name_each_file_with_its_first_use(form: Path) -> None:
    refs = referenced_files(load_form(form))
    assert [(r.name, r.use, r.question, r.row) for r in refs] == [
        ("towns.csv", "choices", "town", 2),
        ("heads.csv", "pulldata", "head", 4),
        ("../../secret.png", "media", "look", 5),
        ("logo.png", "media", "ok", 6),
        ("yes.mp3", "media", "ok", 6),
    ]


def test_files_come_from_the_media_folder_then_beside_the_form(form: Path) -> None:
    spec = load_form(form)
    media = media_folder(form)
    assert media.name == "towns-media"
    media.mkdir()
    (media / "towns.csv").write_bytes(TOWNS)
    (form.parent / "logo.png").write_bytes(b"\x89PNG logo")
    (form.parent / "towns.csv").write_bytes(b"name,label\nother,Other\n")  # the folder wins
    found = gather(form, spec)
    assert {f.name: f.data for f in found.files} == {
        "towns.csv": TOWNS,
        "logo.png": b"\x89PNG logo",
    }
    # a name with a folder part is never looked up, even where such a file exists
    assert [r.name for r in found.missing] == ["heads.csv", "../../secret.png", "yes.mp3"]


def test_attach_names_the_folder_and_a_file_lacking_its_columns_is_refused(
    form: Path, tmp_path: Path
) -> None:
    spec = load_form(form)
    other = tmp_path / "files"
    other.mkdir()
    (other / "towns.csv").write_bytes(b"code,title\nhk,Hoan Kiem\n")
    with pytest.raises(FormDefinitionError, match=r"'towns\.csv' has no column 'name'.*'town'"):
        gather(form, spec, other)
    with pytest.raises(FormDefinitionError, match=r"folder '.*nowhere' does not exist"):
        gather(form, spec, tmp_path / "nowhere")


def test_too_large_files_are_refused(form: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = load_form(form)
    media = media_folder(form)
    media.mkdir()
    (media / "towns.csv").write_bytes(TOWNS)
    monkeypatch.setattr(attachments, "MAX_FILE_BYTES", 10)
    with pytest.raises(FormDefinitionError, match=r"'towns\.csv' is larger than"):
        gather(form, spec)


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FIELDSURVEY_LANG", "en")
    result = CliRunner().invoke(cli, ["--lang", "en", *args])
    return result.exit_code, result.stdout, result.stderr


def test_form_check_lists_missing_attachments_by_name(
    form: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    media_folder(form).mkdir()
    (media_folder(form) / "towns.csv").write_bytes(TOWNS)
    code, out, err = _run(tmp_path, monkeypatch, "form", "check", str(form))
    assert code == 0, err
    assert "Attachments: 1 (towns.csv)." in out
    assert (
        "Missing attachment: heads.csv (pulldata() table of question 'head', survey row 4)." in out
    )
    assert "Missing attachment: yes.mp3 (image or sound of question 'ok', survey row 6)." in out
    assert "Put the missing files in the folder towns-media beside the form" in out


def test_form_install_stores_the_files_it_finds(
    form: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldsurvey.keywrap import KdfParams
    from fieldsurvey.store import forms as forms_store
    from fieldsurvey.store.workspace import Workspace

    home = tmp_path / "ws"
    Workspace.create(home, "mật khẩu dài dài", kdf=KdfParams.cheap()).close()
    monkeypatch.setenv("FIELDSURVEY_HOME", str(home))
    monkeypatch.setenv("FIELDSURVEY_PASSWORD", "mật khẩu dài dài")
    folder = tmp_path / "given"
    folder.mkdir()
    (folder / "towns.csv").write_bytes(TOWNS)
    (folder / "heads.csv").write_bytes(b"code,name\nhk,Lan\n")
    code, out, err = _run(
        tmp_path, monkeypatch, "form", "install", str(form), "--attach", str(folder)
    )
    assert code == 0, err
    assert "Attachments: 2 (towns.csv, heads.csv)." in out
    ws = Workspace.open(home, "mật khẩu dài dài")
    try:
        held = forms_store.read_attachments(ws, "towns", "3")
        assert {f.name: f.data for f in held} == {
            "heads.csv": b"code,name\nhk,Lan\n",
            "towns.csv": TOWNS,
        }
    finally:
        ws.close()
