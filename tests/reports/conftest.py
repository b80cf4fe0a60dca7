"""Fixtures for the report tests: the default form's spec, PDF text helpers, and a laptop
workspace with a tiny form (``laptop``) to put odd values straight into answers."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace

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


# --- a laptop workspace with a tiny form, for odd values put straight into answers ---------
PASSWORD = "reports password"

TINY_FORM = """
| survey |
| | type | name | label |
| | select_one ward | ward | Ward |
| | decimal | income_month | Income per month |
| | integer | members_n | Members |
| | text | comment | Comment |
| | date | visit_date | Visit date |
| | begin group | home | Home |
| | text | street | Street |
| | integer | rooms | Rooms |
| | end group | | |
| | begin repeat | people | People |
| | text | name | Name |
| | integer | age | Age |
| | end repeat | | |
| choices |
| | list_name | name | label |
| | ward | a | Ward A |
| | ward | b | Ward B |
| settings |
| | form_id | version | ward_field |
| | tiny | 1 | ward |
"""


@pytest.fixture(scope="session")
def tiny_spec(tmp_path_factory: pytest.TempPathFactory) -> FormSpec:
    path = tmp_path_factory.mktemp("forms") / "tiny.md"
    path.write_text(TINY_FORM, encoding="utf-8")
    return load_form(path, use_cache=False)


class Laptop:
    """A laptop workspace (cheap key derivation) with the tiny form installed."""

    def __init__(self, home: Path, spec: FormSpec) -> None:
        self.home = home
        self.spec = spec

    def open(self) -> Workspace:
        return Workspace.open(self.home, PASSWORD)

    def install(self, spec: FormSpec, form_id: str | None = None) -> None:
        with self.open() as ws:
            forms_store.save_form(
                ws, form_id or spec.form_id, spec.version, spec.model_dump_json(),
                spec.source_hash,
            )  # fmt: skip

    def add(
        self,
        answers: dict[str, Any],
        *,
        form_id: str | None = None,
        ward: str = "a",
        complete: bool = True,
        **meta: str,
    ) -> str:
        """A new interview holding ``answers`` as given (completed unless asked)."""
        with self.open() as ws:
            created = interviews.new_interview(
                ws, form_id=form_id or self.spec.form_id, form_version=self.spec.version,
                ward=ward, household_id=meta.get("household_id", "H-1"),
                enumerator=meta.get("enumerator", "Lan"), respondent=meta.get("respondent", ""),
                answers=answers,
            )  # fmt: skip
            if complete:
                interviews.complete(ws, created.uuid, who="Lan")
        return created.uuid


@pytest.fixture
def laptop(tmp_path: Path, tiny_spec: FormSpec) -> Laptop:
    home = tmp_path / "laptop"
    with Workspace.create(home, PASSWORD, kdf=KdfParams.cheap()):
        pass
    out = Laptop(home, tiny_spec)
    out.install(tiny_spec)
    return out
