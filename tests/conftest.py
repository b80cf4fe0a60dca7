"""Shared fixtures. Qt runs offscreen in every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldsurvey import messages

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED_XLSFORMS = Path(__file__).resolve().parents[2] / "shared" / "xlsforms"


@pytest.fixture
def shared_xlsforms() -> Path:
    """The corpus of real XLSForms beside the checkout; skips where it is absent."""
    if not SHARED_XLSFORMS.is_dir():
        pytest.skip(
            f"corpus of real XLSForms not found at {SHARED_XLSFORMS} (only in dev sandboxes)"
        )
    return SHARED_XLSFORMS


@pytest.fixture(autouse=True)
def _keep_the_language() -> Iterator[None]:
    """A test that runs the CLI in-process (which sets the process's language from
    --lang or the environment) leaves the language as it found it."""
    before = messages.language()
    yield
    messages.set_language(before)
