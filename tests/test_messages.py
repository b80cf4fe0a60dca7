"""The message catalogue: every error the code raises has a code with an English and a
Vietnamese text, and is raised with the parameters its texts use."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey import messages
from fieldsurvey.errors import BundleCheckError, FieldSurveyError

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "fieldsurvey").rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: Any, node: ast.expr) -> Any:
    if isinstance(node, ast.Name):
        return getattr(module, node.id, None)
    if isinstance(node, ast.Attribute):
        owner = _resolve(module, node.value)
        return None if owner is None else getattr(owner, node.attr, None)
    return None


def _raised_errors(path: Path) -> list[tuple[int, type, ast.Call]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [
        node.exc
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
    ]
    if not calls:
        return []
    module = importlib.import_module(_module_name(path))
    found = []
    for call in calls:
        cls = _resolve(module, call.func)
        if isinstance(cls, type) and issubclass(cls, FieldSurveyError):
            found.append((call.lineno, cls, call))
    return found


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    assert messages.CATALOGUE, "the catalogue is empty"
    for code, entry in messages.CATALOGUE.items():
        assert entry.en.strip(), f"{code} has no English text"
        assert entry.vi.strip(), f"{code} has no Vietnamese text"
        assert messages.placeholders(entry.en) == messages.placeholders(entry.vi), code


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_errors_are_raised_by_catalogue_code(path: Path) -> None:
    problems = []
    for line, cls, call in _raised_errors(path):
        index = 1 if issubclass(cls, BundleCheckError) else 0
        if len(call.args) <= index:
            problems.append(f"line {line}: {cls.__name__} without a code")
            continue
        arg = call.args[index]
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            # a code passed through a variable must still be a catalogue code at run time
            if isinstance(arg, ast.Attribute | ast.Name):
                continue
            problems.append(f"line {line}: {cls.__name__} code is not a string literal")
            continue
        entry = messages.CATALOGUE.get(arg.value)
        if entry is None:
            problems.append(f"line {line}: {arg.value[:60]!r} is not a catalogue code")
            continue
        given = {kw.arg for kw in call.keywords if kw.arg is not None}
        has_splat = any(kw.arg is None for kw in call.keywords)
        missing = messages.placeholders(entry.en) - given
        if missing and not has_splat:
            problems.append(f"line {line}: {arg.value} needs {sorted(missing)}")
    assert not problems, "\n".join(problems)


def test_render_in_both_languages_and_current_language() -> None:
    code = next(iter(messages.CATALOGUE))
    entry = messages.CATALOGUE[code]
    params = {name: "X" for name in messages.placeholders(entry.en)}
    before = messages.language()
    try:
        messages.set_language("en")
        assert FieldSurveyError(code, **params).text() == messages.render(code, "en", **params)
        messages.set_language("vi")
        assert FieldSurveyError(code, **params).text() == messages.render(code, "vi", **params)
        assert str(FieldSurveyError(code, **params)) == messages.render(code, "en", **params)
    finally:
        messages.set_language(before)


def test_language_from_environment() -> None:
    assert messages.language_from_environment({"FIELDSURVEY_LANG": "en"}) == "en"
    assert messages.language_from_environment({"FIELDSURVEY_LANG": "vi", "LANG": "en_US"}) == "vi"
    assert messages.language_from_environment({"LANG": "en_GB.UTF-8"}) == "en"
    assert messages.language_from_environment({"LANG": "vi_VN.UTF-8"}) == "vi"
    assert messages.language_from_environment({"LANG": "fr_FR.UTF-8"}) == "vi"
    assert messages.language_from_environment({"LANG": "C.UTF-8"}) == "vi"
