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
def household_form_md(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The household form as a markdown XLSForm file (read it, do not change it)."""
    path = tmp_path_factory.mktemp("forms") / "household.md"
    path.write_text(HOUSEHOLD_FORM, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def household_form(household_form_md: Path) -> FormSpec:
    from fieldsurvey.forms.loader import load_form

    return load_form(household_form_md, use_cache=False)


def install_form(ws: Workspace, spec: FormSpec) -> None:
    forms_store.save_form(ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash)


@pytest.fixture
def install_household_form(household_form: FormSpec) -> Callable[[Workspace], None]:
    """``install(ws)``: install the household form into an open workspace."""
    return lambda ws: install_form(ws, household_form)
