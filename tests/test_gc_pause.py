"""The collector paused from several threads at once (an export in one task, the possible
duplicates in another): it stays paused until the last block ends, and runs again only if
it was running before."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from fieldsurvey.gc_pause import gc_paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_a_block_ending_in_one_thread_leaves_the_other_threads_block_paused() -> None:
    inside, release_first, first_done, release_second = (threading.Event() for _ in range(4))
    seen: list[bool] = []

    def first() -> None:
        with gc_paused():
            inside.set()
            release_first.wait(10)
        first_done.set()

    def second() -> None:
        inside.wait(10)
        with gc_paused():
            release_first.set()
            first_done.wait(10)  # the first block has ended meanwhile
            seen.append(gc.isenabled())
            release_second.wait(10)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    first_done.wait(10)
    release_second.set()
    for t in threads:
        t.join(10)
    assert seen == [False]  # still paused inside the second block
    assert gc.isenabled()  # on again after the last


def test_a_collector_off_before_stays_off_and_nested_blocks_count() -> None:
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_what_a_large_read_kept_is_frozen_when_the_collector_runs_again() -> None:
    gc.unfreeze()
    try:
        with gc_paused(freeze_kept=1000):
            kept = [[i] for i in range(5000)]
        assert gc.get_freeze_count() >= 5000 and gc.isenabled()
        gc.unfreeze()
        with gc_paused(freeze_kept=100_000):
            kept += [[i] for i in range(5000)]
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
    assert len(kept) == 10_000
