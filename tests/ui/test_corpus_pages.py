"""Every real XLSForm of the corpus that loads opens in data entry with every page
reachable (issue 14), its attachments from beside it where the corpus has them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.forms.installed import compiled_form, install_form_file
from fieldsurvey.forms.loader import load_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.tasks import TaskRunner

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "xlsforms"
#: Larger forms take seconds of pyxform each: run with the slow tests.
SLOW_BYTES = 250_000


def _forms() -> list[object]:
    if not CORPUS.is_dir():
        return ["corpus-absent"]
    return [
        pytest.param(p.name, marks=[pytest.mark.slow] if p.stat().st_size > SLOW_BYTES else [])
        for p in sorted(CORPUS.glob("*.xls*"))
    ]


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "ws", "mật khẩu", kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


@pytest.mark.parametrize("name", _forms())
def test_every_page_of_a_corpus_form_is_reachable(qtbot, ws, shared_xlsforms, name) -> None:
    path = shared_xlsforms / name
    try:
        spec = load_form(path)
    except FieldSurveyError:
        pytest.skip("pyxform refuses this form (tests/forms/test_corpus.py checks the message)")
    install_form_file(ws, path, spec=spec)
    form = compiled_form(ws, spec.form_id, spec.version)
    made = interviews.new_interview(
        ws, form_id=spec.form_id, form_version=spec.version, ward="w", household_id="PT-1",
        enumerator="Lan",
    )  # fmt: skip
    view = EntryView(ws, made.uuid, form, TaskRunner(synchronous=True))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    unreached = []
    for page in range(len(view.pages)):
        view.go_to(page)
        if view.current != page:
            unreached.append(page)
    assert view.pages and not unreached, f"pages not reached: {unreached}"
