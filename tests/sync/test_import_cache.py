"""An import merges with a larger page cache (issue 15: at 1,000,000 interviews SQLite's
2 MB cache held few of the pages a merge's inserts land on), and the connection's cache
is as it was afterwards, after a refused file too; ``page_cache`` never shrinks a cache
already larger and puts it back when the block fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sync_helpers import World, completed

from fieldsurvey.store import database
from fieldsurvey.store.database import page_cache
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_import
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_writer import export_bundle


def _cache(ws: Workspace) -> int:
    return int(ws.db.execute("PRAGMA cache_size").fetchone()[0])


def test_an_import_merges_with_the_larger_cache_then_gives_it_back(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    completed(world.lap_a, 3)
    made = export_bundle(world.lap_a, tmp_path)
    assert made.path is not None
    bad = tmp_path / "not-a-bundle.fsb"
    bad.write_bytes(b"not a bundle at all")
    seen: list[int] = []
    merge = bundle_import._import_path

    def watched(ws: Workspace, path: Path, **kw: Any) -> Any:
        seen.append(_cache(ws))
        return merge(ws, path, **kw)

    monkeypatch.setattr(bundle_import, "_import_path", watched)
    before = _cache(world.coord)

    report = import_files(world.coord, [bad, made.path])

    assert [f.status for f in report.files] == ["rejected", "accepted"]
    assert report.files[1].merge is not None and len(report.files[1].merge.new) == 3
    assert seen == [-bundle_import.IMPORT_CACHE_KIB] * 2
    assert _cache(world.coord) == before
    assert before > -bundle_import.IMPORT_CACHE_KIB  # smaller than the import's (KiB < 0)


def test_page_cache_keeps_a_larger_cache_and_restores_after_a_failure(world: World) -> None:
    db = world.coord.db
    db.execute("PRAGMA cache_size = -8192")
    with page_cache(db, 4096):
        assert _cache(world.coord) == -8192  # already larger: left alone
    with pytest.raises(database.sqlcipher3.OperationalError):
        with page_cache(db, 65536):
            assert _cache(world.coord) == -65536
            db.execute("SELECT * FROM no_such_table")
    assert _cache(world.coord) == -8192
