"""A form without a ``version`` setting is versioned by the app, as ODK Central and
KoboToolbox version such forms, and the coordinator is told which version and how to
choose one.

The version is the time the workbook was last saved (``YYYYMMDDhhmmss``, UTC, from the
file's own properties), so the same file always gets the same version and a later edit a
larger one; a file that does not record that time gets one taken from its content.
"""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fieldsurvey import keywrap, messages
from fieldsurvey.cli import cli
from fieldsurvey.forms.loader import load_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace

PASSWORD = "mật khẩu dài"
FORM = """
| survey |
| | type    | name | label |
| | integer | age  | Age   |
| | text    | name | Name  |
"""
VERSIONED = (
    FORM
    + """
| settings |
| | form_id | version |
| | hh      | 7       |
"""
)
ADVICE_EN = "add a 'version' column to the settings sheet"
ADVICE_VI = "thêm cột 'version' vào trang tính settings"


def saved_at(path: Path, moment: str) -> Path:
    """``path`` (an .xlsx) with ``moment`` as the time its properties say it was saved."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    core = parts["docProps/core.xml"].decode()
    core = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(<)", rf"\g<1>{moment}\g<2>", core)
    parts["docProps/core.xml"] = core.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_form_without_version_gets_the_time_its_file_was_saved(xlsform: Any) -> None:
    path = saved_at(xlsform(FORM, name="hh"), "2024-03-15T08:30:05Z")
    messages.set_language("en")
    spec = load_form(path, use_cache=False)
    assert spec.version == "20240315083005"
    assert load_form(path, use_cache=False).version == spec.version  # same file, same version
    note = spec.warnings[0]
    assert "no version" in note and "20240315083005" in note and ADVICE_EN in note
    messages.set_language("vi")
    note_vi = load_form(path).warnings[0]  # a copy per language in the cache
    assert "20240315083005" in note_vi and ADVICE_VI in note_vi
    messages.set_language("en")
    assert load_form(path).warnings[0] == note


def test_a_later_save_gets_a_larger_version(xlsform: Any) -> None:
    first = load_form(saved_at(xlsform(FORM, name="hh"), "2024-03-15T08:30:05Z"))
    edited = FORM.replace("| Name  |", "| Full name |")
    second = load_form(saved_at(xlsform(edited, name="hh"), "2024-03-15T08:30:06Z"))
    assert second.version > first.version and second.source_hash != first.source_hash


def test_without_a_saved_time_the_version_comes_from_the_content(tmp_path: Path) -> None:
    """A markdown form records no saved time: its version is taken from its bytes."""
    path = tmp_path / "hh.md"
    path.write_text(FORM, "utf-8")
    messages.set_language("en")
    spec = load_form(path, use_cache=False)
    assert re.fullmatch(r"[0-9a-f]{12}", spec.version)
    assert load_form(path, use_cache=False).version == spec.version
    assert "taken from its content" in spec.warnings[0] and ADVICE_EN in spec.warnings[0]
    path.write_text(FORM.replace("Age", "Age in years"), "utf-8")
    assert load_form(path, use_cache=False).version != spec.version


def test_a_version_in_the_settings_is_kept_without_a_note(xlsform: Any) -> None:
    messages.set_language("en")
    spec = load_form(xlsform(VERSIONED), use_cache=False)
    assert spec.version == "7"
    assert not any("no version" in warning for warning in spec.warnings)


# --- the coordinator's commands ----------------------------------------------------------
def run(*args: object, lang: str = "en") -> tuple[int, str]:
    env = {"FIELDSURVEY_LANG": lang, "FIELDSURVEY_PASSWORD": PASSWORD,
           "FIELDSURVEY_PACKAGE_PASSPHRASE": "VERSION-PASS"}  # fmt: skip
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    return result.exit_code, result.output


def init_campaign(home: Path) -> Path:
    """A coordinator's workspace at ``home`` (``coordinator init``)."""
    recovery = home.parent / f"{home.name}-recovery.txt"
    code, out = run("--home", home, "coordinator", "init", "--campaign", "Thử 2026",
                    "--recovery-key-out", recovery, "--ward", "phuc_tan")  # fmt: skip
    assert code == 0, out
    return home


@pytest.fixture
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    real = keywrap.wrap_with_password

    def cheap(key: bytes, password: str, *, workspace_id: str, kdf: Any = None) -> Any:
        return real(key, password, workspace_id=workspace_id, kdf=kdf or KdfParams.cheap())

    monkeypatch.setattr(keywrap, "wrap_with_password", cheap)


def test_check_and_install_say_the_version_in_both_languages(xlsform: Any, tmp_path: Path) -> None:
    form = saved_at(xlsform(FORM, name="hh"), "2024-03-15T08:30:05Z")
    code, out = run("form", "check", form)
    assert code == 0, out
    assert "OK: hh version 20240315083005, 2 questions" in out
    assert re.search(rf"Warning: The settings sheet has no version.*{ADVICE_EN}", out)
    code, out = run("form", "check", form, lang="vi")
    assert code == 0, out
    assert "Tốt: hh phiên bản 20240315083005, 2 câu hỏi" in out
    assert re.search(rf"Cảnh báo: Trang tính settings không có phiên bản.*{ADVICE_VI}", out)

    home = tmp_path / "ws"
    Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()).close()
    assert run("--home", home, "form", "install", form) == (
        0, "hh version 20240315083005: installed.\n",
    )  # fmt: skip
    assert run("--home", home, "form", "install", form)[1] == (
        "hh version 20240315083005: already installed.\n"
    )


def test_form_add_publishes_a_form_without_version(
    xlsform: Any, tmp_path: Path, cheap_kdf: None
) -> None:
    coord = init_campaign(tmp_path / "coordinator")
    form = saved_at(xlsform(FORM, name="hh"), "2024-03-15T08:30:05Z")
    code, out = run("--home", coord, "form", "add", form, lang="vi")
    assert code == 0, out
    assert "hh phiên bản 20240315083005" in out and ADVICE_VI in out


# --- the corpus of real forms --------------------------------------------------------------
_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "xlsforms"
RESULTS = "pyxform_4.5.0_results.tsv"
#: Rejected for a cycle (tests/forms/test_corpus.py).
CYCLE_FORMS = {"medic__cht-core__large_cha.xlsx"}
#: Saved times recorded inside two of them (an .xls and an .xlsx), read by hand.
KNOWN = {
    "XLSForm__pyxform__tutorial.xls": "20110808200733",
    "XLSForm__pyxform__choice_filter_test.xlsx": "20190604164035",
}


def _loadable() -> list[object]:
    if not (_CORPUS / RESULTS).is_file():
        return ["corpus-absent"]  # the shared_xlsforms fixture skips it
    params: list[object] = []
    for line in (_CORPUS / RESULTS).read_text("utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) >= 2 and cells[1] in ("ok", "json_only") and cells[0] not in CYCLE_FORMS:
            slow = (_CORPUS / cells[0]).stat().st_size > 250_000
            params.append(pytest.param(cells[0], marks=[pytest.mark.slow] if slow else [],
                                       id=cells[0]))  # fmt: skip
    return params


@pytest.fixture(scope="module")
def coordinator(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A coordinator workspace of a campaign, made once for the corpus forms."""
    home = tmp_path_factory.mktemp("corpus") / "coordinator"
    with pytest.MonkeyPatch.context() as patch:
        real = keywrap.wrap_with_password

        def cheap(key: bytes, password: str, *, workspace_id: str, kdf: Any = None) -> Any:
            return real(key, password, workspace_id=workspace_id, kdf=kdf or KdfParams.cheap())

        patch.setattr(keywrap, "wrap_with_password", cheap)
        return init_campaign(home)


@pytest.mark.parametrize("name", _loadable())
def test_corpus_forms_without_version_install_and_publish(
    shared_xlsforms: Path, coordinator: Path, tmp_path: Path, name: str
) -> None:
    path = shared_xlsforms / name
    if importlib.util.find_spec("fieldsurvey.forms.engine") is None:
        pytest.skip("needs the engine")
    spec = load_form(path)
    if spec.settings.get("version", "").strip():
        assert name not in KNOWN
        assert spec.version == spec.settings["version"].strip()
        return
    assert spec.version and load_form(path, use_cache=False).version == spec.version
    assert spec.version == KNOWN.get(name, spec.version)
    # installed in a workspace...
    with Workspace.create(tmp_path / "ws", PASSWORD, kdf=KdfParams.cheap()) as ws:
        forms_store.save_form(
            ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash
        )
        assert forms_store.is_installed(ws, spec.form_id, spec.version)
    # ...and published to the campaign, with the version said
    code, out = run("--home", coordinator, "form", "add", path)
    assert code == 0, out
    assert f"version {spec.version} published" in out and ADVICE_EN in out
