"""Plain storage of form definitions."""

from __future__ import annotations

import pytest

from fieldsurvey.errors import FormDefinitionError, FormNotFoundError
from fieldsurvey.store.forms import delete_form, get_form, list_forms, save_form
from fieldsurvey.store.workspace import Workspace


def test_save_get_list(ws: Workspace) -> None:
    assert save_form(ws, "household", "1", '{"v": 1}', "h1").forms == ["household"]
    save_form(ws, "household", "2", '{"v": 2}', "h2")
    save_form(ws, "health", "1", "{}", "h3")
    assert get_form(ws, "household").version == "2"
    assert get_form(ws, "household", "1").definition == '{"v": 1}'
    assert [(f.form_id, f.version) for f in list_forms(ws)] == [
        ("health", "1"),
        ("household", "1"),
        ("household", "2"),
    ]


def test_same_version_with_other_content_is_refused(ws: Workspace) -> None:
    save_form(ws, "household", "1", "{}", "h1")
    assert save_form(ws, "household", "1", "{}", "h1").empty
    with pytest.raises(FormDefinitionError, match="new version"):
        save_form(ws, "household", "1", '{"x": 1}', "other")
    save_form(ws, "household", "1", '{"x": 1}', "other", replace=True)
    assert get_form(ws, "household", "1").hash == "other"


def test_missing_form(ws: Workspace) -> None:
    with pytest.raises(FormNotFoundError):
        get_form(ws, "nope")
    with pytest.raises(FormNotFoundError):
        delete_form(ws, "nope", "1")
