"""Fixtures of the CLI tests.

Every command here runs with FIELDSURVEY_LANG=en: the tests read English output (the
Vietnamese output has its own tests, which ask for it with --lang or the env).
tests/conftest.py restores the process's language after each test.

``install_household_form(ws)`` installs a small form (id ``household``, version 1) whose
questions the interview tests answer: the store refuses interviews of forms that are not
installed, and the CLI checks each answer against the installed form.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace

HOUSEHOLD_FORM = """
| survey |
| | type | name | label |
| | begin group | household | Household |
| | begin repeat | members | Members |
| | integer | age | Age |
| | text | name | Name |
| | end repeat | | |
| | end group | | |
| | select_multiple water | water | Water |
| | text | note | Note |
| | text | q | Q |
| | text | big | Big |
| | text | notes | Notes |
| choices |
| | list_name | name | label |
| | water | tap | Tap |
| | water | well | Well |
| settings |
| | form_id | version |
| | household | 1 |
"""


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDSURVEY_LANG", "en")


@pytest.fixture(scope="session")
def household_form(tmp_path_factory: pytest.TempPathFactory) -> FormSpec:
    from fieldsurvey.forms.loader import load_form

    path = tmp_path_factory.mktemp("forms") / "household.md"
    path.write_text(HOUSEHOLD_FORM, encoding="utf-8")
    return load_form(path, use_cache=False)


@pytest.fixture
def install_household_form(household_form: FormSpec) -> Callable[[Workspace], None]:
    def install(ws: Workspace) -> None:
        spec = household_form
        forms_store.save_form(
            ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash
        )

    return install


@pytest.fixture
def household_form_file(tmp_path: Path) -> Path:
    """The same form as a file, for ``form install`` and friends."""
    path = tmp_path / "household.md"
    path.write_text(HOUSEHOLD_FORM, encoding="utf-8")
    return path
