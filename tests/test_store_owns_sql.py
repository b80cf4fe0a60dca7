"""The store package is the only code that talks SQL to the workspace database."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "fieldsurvey"
STORE = PACKAGE / "store"
OUTSIDE = sorted(p for p in PACKAGE.rglob("*.py") if STORE not in p.parents)

SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|DROP\s+(TABLE|INDEX|TRIGGER)|PRAGMA\s+\w+|"
    r"BEGIN\s+IMMEDIATE|SAVEPOINT)\b",
    re.DOTALL,
)
DB_CALLS = {"execute", "executemany", "executescript", "query", "table", "conn"}


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and SQL.search(node.value):
                found.append(f"line {node.lineno}: SQL text {node.value[:50]!r}")
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if SQL.search(text):
                found.append(f"line {node.lineno}: SQL f-string")
        elif isinstance(node, ast.Attribute) and node.attr in DB_CALLS:
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name in {"db", "conn", "database", "connection", "_db"}:
                found.append(f"line {node.lineno}: {name}.{node.attr}")
    return found


@pytest.mark.parametrize("path", OUTSIDE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sql_outside_the_store(path: Path) -> None:
    problems = _problems(path)
    assert not problems, "\n".join(problems)


def test_the_check_finds_sql(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'def f(ws):\n    return ws.db.execute("SELECT count(*) FROM interviews").fetchone()\n',
        encoding="utf-8",
    )
    assert len(_problems(sample)) == 2
