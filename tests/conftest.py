"""Shared fixtures. Qt runs offscreen in every test."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldsurvey import messages

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cheap_age import cheap_passphrase_encrypt

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


@pytest.fixture(autouse=True, scope="session")
def cheap_device_packages() -> Iterator[None]:
    """Seal device packages (and any passphrase file) at a cheap scrypt cost in every
    in-process test (tests/cheap_age.py says why); processes the tests start use age's
    own cost."""
    import pyrage

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pyrage.passphrase, "encrypt", cheap_passphrase_encrypt)
        yield
