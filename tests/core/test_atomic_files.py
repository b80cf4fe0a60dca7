"""The one atomic-write helper: the old file or the new one, never half of one, no litter."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fieldsurvey import atomic_files
from fieldsurvey.atomic_files import atomic_path, write_bytes_atomic, write_text_atomic


def _litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "workspace.json"
    write_text_atomic(target, "Phúc Tân\n")
    assert target.read_bytes() == "Phúc Tân\n".encode()
    write_bytes_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert _litter(tmp_path) == []


def test_a_failed_rename_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data.bin"
    target.write_bytes(b"old")

    def no_space(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "replace", no_space)
    with pytest.raises(OSError, match="No space"):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert _litter(tmp_path) == []


def test_a_file_that_must_not_be_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "bundle.fsb"
    write_bytes_atomic(target, b"first", overwrite=False)
    with pytest.raises(FileExistsError):
        write_bytes_atomic(target, b"second", overwrite=False)
    assert target.read_bytes() == b"first"
    assert _litter(tmp_path) == []


def test_atomic_path_for_writers_that_need_a_name(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".csv"  # for format-by-name writers
        tmp.write_text("a,b\n", encoding="utf-8")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "a,b\n"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("the writer failed")
    assert target.read_text(encoding="utf-8") == "a,b\n"
    assert _litter(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_new_files_are_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "secret.json"
    write_text_atomic(target, "{}")
    assert target.stat().st_mode & 0o777 == 0o600
