"""The workspace log: rotates at 1 MB keeping 3 old files, is created only when written,
follows --home, and never holds an answer, not even through an exception's message."""

from __future__ import annotations

import json
import logging
import os
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldsurvey import logging_setup, selftest
from fieldsurvey.logging_setup import MAX_BYTES, log_event, log_path, setup_logging

LOG = logging.getLogger("fieldsurvey.test")


@pytest.fixture(autouse=True)
def _closed_after() -> Iterator[None]:
    yield
    logging_setup.close_logging()
    logging.getLogger("fieldsurvey").setLevel(logging.NOTSET)


def _all_log_bytes(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted((home / "logs").iterdir()))


def test_rotates_at_one_megabyte_keeping_three_old_files(tmp_path: Path) -> None:
    setup_logging(tmp_path)
    line = "0f8c2a52-6c7e-4f0e-9d3a-7b1e2c3d4e5f " * 270  # about 10 kB per record
    for i in range(450):  # about 4.5 MB in all
        LOG.info("test.fill n=%d %s", i, line)
    names = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert names == [
        "fieldsurvey.log",
        "fieldsurvey.log.1",
        "fieldsurvey.log.2",
        "fieldsurvey.log.3",
    ]
    for path in (tmp_path / "logs").iterdir():
        assert MAX_BYTES - 20_000 <= path.stat().st_size <= MAX_BYTES or path.name.endswith(".log")
    newest = log_path(tmp_path).read_text("utf-8").splitlines()[-1]
    assert "test.fill n=449 " in newest


def test_no_folder_is_created_for_a_workspace_that_does_not_exist(tmp_path: Path) -> None:
    home = tmp_path / "not-yet"
    setup_logging(home)
    log_event(LOG, "test.before")  # e.g. `bundle inspect` with a --home never initialised
    assert not home.exists()
    home.mkdir()  # `init` creates the workspace
    assert not (home / "logs").exists()  # nothing logged since: nothing created
    log_event(LOG, "test.after")
    text = log_path(home).read_text("utf-8")
    assert "test.after" in text and "test.before" not in text
    if os.name == "posix":
        assert (home / "logs").stat().st_mode & 0o777 == 0o700


def test_a_second_setup_moves_the_log(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    setup_logging(tmp_path / "a")
    log_event(LOG, "test.in_a")
    setup_logging(tmp_path / "b")
    log_event(LOG, "test.in_b")
    a_text = log_path(tmp_path / "a").read_text("utf-8")
    b_text = log_path(tmp_path / "b").read_text("utf-8")
    assert "test.in_a" in a_text and "test.in_b" not in a_text
    assert "test.in_b" in b_text and "test.in_a" not in b_text
    handlers = logging.getLogger("fieldsurvey").handlers
    assert sum(isinstance(h, logging.FileHandler) for h in handlers) == 1


def test_log_event_omits_values_that_are_not_ids_or_numbers(tmp_path: Path) -> None:
    setup_logging(tmp_path)
    some_id = str(uuid.uuid4())
    log_event(LOG, "test.saved", interview=some_id, field="respondent/resp_name",
              value="Nguyễn Thị Hoa", count=3)  # fmt: skip
    text = log_path(tmp_path).read_text("utf-8")
    assert f"test.saved interview={some_id} field=<omitted> value=<omitted> count=3" in text
    assert "Hoa" not in text


def test_exception_messages_never_reach_the_file(tmp_path: Path) -> None:
    setup_logging(tmp_path)
    try:
        try:
            raise KeyError("Phạm Văn Secret")
        except KeyError as inner:
            raise ValueError("could not parse 'Phạm Văn Secret' as a number") from inner
    except ValueError:
        LOG.exception("test.failed")
    text = log_path(tmp_path).read_text("utf-8")
    assert "Secret" not in text
    assert "builtins.ValueError" in text and "builtins.KeyError" in text and "caused by:" in text
    assert "test_logging.py:" in text  # the frames are kept, so the log is still useful


def test_autosave_export_import_and_pdf_log_no_answer(tmp_path: Path) -> None:
    """Every logger at DEBUG while the self-test answers, saves, exports, imports and
    prints an interview holding ``selftest.MARKER``: no log file contains it."""
    home = tmp_path / "ws"
    home.mkdir()
    setup_logging(home, level=logging.DEBUG)
    everything = logging.FileHandler(home / "logs" / "all-libraries.log", encoding="utf-8",
                                     delay=True)  # fmt: skip
    (home / "logs").mkdir(parents=True)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(everything)
    root.setLevel(logging.DEBUG)
    try:
        report = selftest.run_selftest(workdir=tmp_path)
    finally:
        root.removeHandler(everything)
        root.setLevel(old_level)
        everything.close()
    assert report.ok, [(s.name, s.detail) for s in report.steps if s.status != "passed"]
    logged = _all_log_bytes(home)
    assert b"selftest.step step=bundle status=passed" in logged  # the log was being written
    marker = selftest.MARKER
    spellings = {marker, unicodedata.normalize("NFD", marker), json.dumps(marker), repr(marker)}
    for spelling in spellings:
        assert spelling.encode("utf-8") not in logged
