"""Fixtures for form tests: questionnaires written inline as markdown tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fieldsurvey.forms.markdown_form import markdown_to_xlsx

XlsformFactory = Callable[..., Path]


@pytest.fixture
def xlsform(tmp_path: Path) -> XlsformFactory:
    """``xlsform(md, name="f") -> Path``: write a markdown-table form as ``<name>.xlsx``.

    The markdown uses pyxform's test layout: ``| survey |`` starts a sheet, the next
    rows (empty first cell) are its header and rows.
    """

    def make(md: str, name: str = "f") -> Path:
        return markdown_to_xlsx(md, tmp_path / f"{name}.xlsx")

    return make


@pytest.fixture(autouse=True)
def _private_form_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own compiled-form cache, never the user's."""
    monkeypatch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path_factory.mktemp("form-cache")))
