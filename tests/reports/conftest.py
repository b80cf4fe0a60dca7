"""Fixtures for the report tests: the default form's spec and PDF text helpers."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.spec import FormSpec

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FORM = ROOT / "resources" / "forms" / "migrant_household.xlsx"


@pytest.fixture(scope="session")
def default_spec() -> FormSpec:
    return load_form(DEFAULT_FORM, use_cache=False)


@pytest.fixture(scope="session")
def choice_labels() -> dict[tuple[str, str], dict[str, str]]:
    """(list name, language code) -> {choice name: label}, read straight from the xlsx."""
    wb = openpyxl.load_workbook(DEFAULT_FORM, read_only=True)
    rows = list(wb["choices"].iter_rows(values_only=True))
    head = [str(h) for h in rows[0]]
    out: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows[1:]:
        cells = dict(zip(head, row, strict=False))
        for code, col in (("vi", "label::Tiếng Việt (vi)"), ("en", "label::English (en)")):
            out.setdefault((str(cells["list_name"]), code), {})[str(cells["name"])] = str(
                cells[col]
            )
    return out


def flat(text: str) -> str:
    """NFC text with all whitespace runs collapsed to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def vietnamese(text: str) -> bool:
    """Whether ``text`` has a Vietnamese letter (đ, or a letter with a diacritic)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "đ" in text.lower() or any(unicodedata.combining(c) for c in decomposed)


def pypdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


def pdftotext_text(path: Path) -> str | None:
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    done = subprocess.run([exe, "-layout", str(path), "-"], capture_output=True, check=True)
    return flat(done.stdout.decode("utf-8"))


def between(text: str, start: str, end: str) -> str:
    """The part of ``text`` after the first ``start`` up to the next ``end``."""
    i = text.index(start) + len(start)
    j = text.find(end, i)
    return text[i : j if j >= 0 else None]
