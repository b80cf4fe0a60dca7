"""Data-entry screen timings on the default survey, with same-run baselines.

Measured (median of --repeat runs, offscreen Qt, a real SQLCipher workspace):
  open        EntryView for an interview with a 20-member roster, shown at 1366x768
              (baseline: the engine session alone for the same answers; and the same
              screen for a 1-member household)
  next page   Page Down from the respondent page to the work page: first visit with
              the page built on demand, the usual case where it was built ahead while
              the enumerator read the page before, and later visits (baseline: the
              engine's errors() call that every refresh makes)
  answer      one answer committed on the roster page: engine, screen refresh and
              autosave of the difference, synchronously (baseline: the bare
              interviews.set_answer transaction)
Targets of issue 5: open under 300 ms, next page under 50 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_entry.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.installed import install_default_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.tasks import TaskRunner

RESPONDENT = {
    "consent_section": {"consent": "yes"},
    "location": {"ward": "phuc_tan", "household_id": "PT-001"},
    "respondent": {"resp_age": 40, "resp_sex": "female", "home_province": "nam_dinh",
                   "years_away": 5, "temp_reg": "no"},
}  # fmt: skip


def answers(members: int) -> dict[str, Any]:
    doc = copy.deepcopy(RESPONDENT)
    roster = [
        {"m_name": f"Người {i}", "m_relation": "self" if i == 1 else "child",
         "m_sex": "male" if i % 2 else "female", "m_age": 40 if i == 1 else 5 + i,
         "m_occ": "student", "m_hi": "hanoi"}
        for i in range(1, members + 1)
    ]  # fmt: skip
    doc["household"] = {"hh_size": members, "members": roster}
    return doc


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    repeat = parser.parse_args().repeat
    app = QApplication.instance() or QApplication([])
    home = Path(tempfile.mkdtemp(prefix="fs-bench-entry-"))
    os.environ.setdefault("FIELDSURVEY_CACHE_DIR", str(home / "cache"))
    ws = Workspace.create(home / "ws", "benchmark password", kdf=KdfParams.cheap())
    spec = install_default_form(ws)  # the store refuses interviews of uninstalled forms
    compiled = FormEngine.build(spec)
    runner = TaskRunner(synchronous=True)

    def new(members: int) -> str:
        made = interviews.new_interview(
            ws, form_id=spec.form_id, form_version=spec.version, ward="phuc_tan",
            household_id="PT-001", enumerator="bench", answers=answers(members),
        )  # fmt: skip
        interviews.set_answer(ws, made.uuid, "respondent/resp_name", "B", who="bench")
        return made.uuid

    big, small = new(20), new(1)
    views: list[EntryView] = []

    def open_view(uuid: str) -> EntryView:
        view = EntryView(ws, uuid, compiled, runner)
        view.resize(1366, 768)
        view.show()
        app.processEvents()
        views.append(view)
        return view

    def close_all() -> None:
        while views:
            views.pop().deleteLater()
        app.processEvents()

    rows: list[tuple[str, float, str, float]] = []
    doc = interviews.get_interview(ws, big).answers
    session_ms = median_ms(lambda: compiled.session(doc), repeat)
    open_big = median_ms(lambda: open_view(big), repeat)
    close_all()
    open_small = median_ms(lambda: open_view(small), repeat)
    close_all()
    rows.append(("open, 20 members", open_big, "engine session alone", session_ms))
    rows.append(("open, 20 members", open_big, "open, 1 member", open_small))

    view = open_view(big)
    respondent = view.pages.page_of("respondent/resp_age") or 0
    work = view.pages.page_of("work/occupation") or 0

    def first_visit() -> None:
        view.page_widgets.pop(work, None)
        view.go_to(respondent)
        start = time.perf_counter()
        view.next_page()
        app.processEvents()
        first.append((time.perf_counter() - start) * 1000)

    first: list[float] = []
    for _ in range(repeat):
        first_visit()

    def revisit() -> None:
        view.go_to(respondent)
        start = time.perf_counter()
        view.next_page()
        app.processEvents()
        again.append((time.perf_counter() - start) * 1000)

    again: list[float] = []
    for _ in range(repeat):
        revisit()

    def built_ahead() -> None:
        view.page_widgets.pop(work, None)
        view.go_to(respondent)
        deadline = time.perf_counter() + 1.0  # the enumerator reads the page meanwhile
        while work not in view.page_widgets and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.01)
        start = time.perf_counter()
        view.next_page()
        app.processEvents()
        ahead.append((time.perf_counter() - start) * 1000)

    ahead: list[float] = []
    for _ in range(repeat):
        built_ahead()
    errors_ms = median_ms(lambda: view.ctx.session.errors(view.ctx.lang), repeat)
    rows.append(("next page, first visit", statistics.median(first), "engine errors()", errors_ms))
    rows.append(("next page, later visit", statistics.median(again), "engine errors()", errors_ms))
    rows.append(("next page, built ahead", statistics.median(ahead), "engine errors()", errors_ms))

    view.go_to(view.pages.page_of("household/members") or 0)
    ages = iter(range(10**6))

    def answer() -> None:
        view.ctx.answer("household/members[7]/m_age", 7 + next(ages) % 50)
        app.processEvents()

    answer_ms = median_ms(answer, repeat)
    names = iter(range(10**6))
    bare_ms = median_ms(
        lambda: interviews.set_answer(
            ws, small, "respondent/resp_name", f"N{next(names)}", who="bench"
        ),
        repeat,
    )
    rows.append(("answer on the roster page", answer_ms, "bare set_answer", bare_ms))
    close_all()

    print(f"median of {repeat} runs; targets: open < 300 ms, next page < 50 ms")
    print(f"{'measure':28} {'ms':>8}   {'baseline':24} {'ms':>8} {'ratio':>7}")
    for name, value, base_name, base in rows:
        print(f"{name:28} {value:8.1f}   {base_name:24} {base:8.1f} {value / base:7.1f}")
    ws.close()


if __name__ == "__main__":
    main()
