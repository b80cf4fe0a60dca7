"""The reports have one translation system: their fixed texts are catalogue entries
(``report.<key>`` in fieldsurvey/messages/reports_texts.py), read through
``report_text.t``; no report module keeps a dictionary of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import vietnamese

from fieldsurvey import messages
from fieldsurvey.reports.report_text import t

REPORTS = Path(__file__).resolve().parents[2] / "fieldsurvey" / "reports"
#: Helpers that read ``report.<prefix><key>``, by function name.
READERS = {"t": "", "_t": "record_", "_title": "table_"}
#: Modules whose Vietnamese literals are data, not texts: synthetic answers; and the
#: export writers' yes/no labels (another module's move to report.yes / report.no).
DATA_MODULES = {"synthetic.py", "synthetic_households.py"}


def _calls(tree: ast.AST) -> list[tuple[str, ast.Call]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in READERS and node.args:
                found.append((node.func.id, node))
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.py")), ids=lambda p: p.name)
def test_every_report_key_is_in_the_catalogue(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    missing = []
    for name, call in _calls(tree):
        arg = call.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            code = f"report.{READERS[name]}{arg.value}"
            if code not in messages.CATALOGUE:
                missing.append(f"line {call.lineno}: {code}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(REPORTS.glob("*.py")) if p.name not in DATA_MODULES],
    ids=lambda p: p.name,
)
def test_no_report_module_keeps_texts_of_its_own(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    own = [
        f"line {node.lineno}: {node.value[:50]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and vietnamese(node.value)
    ]
    assert not own, "Vietnamese text outside the catalogue:\n" + "\n".join(own)


def test_report_texts_in_both_languages() -> None:
    assert t("page", "vi", n=3) == "Trang 3"
    assert t("page", "en", n=3) == "Page 3"
    assert t("included_detail", "vi", n=10, c=8, r=2) == "10 phiếu (8 đồng ý, 2 từ chối)"
    with pytest.raises(KeyError):
        t("no_such_text", "vi")
