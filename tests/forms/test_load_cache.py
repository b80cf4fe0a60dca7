"""A form already loaded comes from the cache; a changed or damaged entry never misleads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms import form_cache, loader
from fieldsurvey.forms.loader import cache_key, load_form

FORM = """
| survey |
| | type | name | label |
| | integer | age | Age |
"""


def _entries() -> list[Path]:
    return sorted(form_cache.cache_dir().glob("*.json"))


def _no_pyxform(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(**_: object) -> None:
        raise AssertionError("pyxform ran although the form was cached")

    monkeypatch.setattr(loader, "workbook_to_json", fail)


def test_second_load_skips_pyxform(xlsform, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = xlsform(FORM)
    first = load_form(path)
    assert form_cache.cache_dir().parent == Path(os.environ[form_cache.CACHE_ENV])
    assert len(_entries()) == 1
    _no_pyxform(monkeypatch)
    assert load_form(path) == first


def test_changed_file_is_loaded_again(xlsform) -> None:  # type: ignore[no-untyped-def]
    path = xlsform(FORM)
    load_form(path)
    xlsform(FORM.replace("Age", "Tuổi"))  # same path, new content
    assert load_form(path).node("age").label == {"default": "Tuổi"}
    assert len(_entries()) == 2


def test_damaged_entry_is_ignored_and_rewritten(xlsform) -> None:  # type: ignore[no-untyped-def]
    path = xlsform(FORM)
    expected = load_form(path)
    (entry,) = _entries()
    entry.write_bytes(b'{"form_id": ')  # truncated JSON
    assert load_form(path) == expected
    assert form_cache.get(entry.stem) == expected


def test_use_cache_false_neither_reads_nor_writes(xlsform) -> None:  # type: ignore[no-untyped-def]
    load_form(xlsform(FORM), use_cache=False)
    assert _entries() == []


def test_rejected_form_is_not_cached(xlsform) -> None:  # type: ignore[no-untyped-def]
    path = xlsform(FORM + "| | integer | age | Again |\n")
    for _ in range(2):
        with pytest.raises(FormDefinitionError, match="row 3"):
            load_form(path)
    assert _entries() == []


def test_source_hash_is_the_file_sha256(xlsform) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    path = xlsform(FORM)
    assert load_form(path).source_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_cache_keeps_only_the_newest_entries(xlsform, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    monkeypatch.setattr(form_cache, "MAX_ENTRIES", 2)
    paths = [xlsform(FORM.replace("Age", f"Age {i}"), name=f"f{i}") for i in range(3)]
    keys = [cache_key(hashlib.sha256(p.read_bytes()).hexdigest(), p.name) for p in paths]
    for i, path in enumerate(paths):
        load_form(path)
        entry = form_cache.cache_dir() / f"{keys[i]}.json"
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))  # written in this order
    assert [p.stem for p in _entries()] == sorted(keys[1:])
    assert form_cache.get(keys[0]) is None
