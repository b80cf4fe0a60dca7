"""Answer-change latency of the questionnaire engine: incremental against full.

For the default survey (resources/forms/migrant_household.xlsx) with a --members roster
(30 by default), and for the largest corpus forms that load, prints the median of
--repeat answer changes of:
  incremental  session.set(path, value): reruns only what depends on the answer
  full         the same set() followed by session.recompute_all() on a twin session:
               every computation of the form on every instance (what an engine without
               a dependency graph does on each change)
  reopen       compiled.session(answers): a new session from the answers (what
               re-evaluating from scratch costs, e.g. when reopening an interview)
and the ratios full/incremental and reopen/incremental. The three are interleaved
(one of each per round) so that they share the machine's load, and the garbage of each
round is collected between rounds, untimed; "reruns" is the most
computations one incremental change reran.

    .venv/bin/python bench/bench_engine.py [--repeat 201] [--members 30] [--corpus DIR]
                                           [--clock cpu|wall] [--only TEXT]

Times are the thread's CPU time by default (``--clock wall``: elapsed time).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
import warnings
from pathlib import Path
from typing import Any

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.engine_session import Session
from fieldsurvey.forms.loader import load_form

#: the clock of every timing: the thread's CPU time (``--clock wall``: elapsed time), so
#: that other processes on a shared machine inflate the figures less
CLOCK = time.thread_time_ns
#: time only the cases whose label contains this (``--only``); "" times every case
ONLY = ""
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FORM = ROOT / "resources" / "forms" / "migrant_household.xlsx"
DEFAULT_CORPUS = ROOT.parent / "shared" / "xlsforms"
#: Corpus forms to time (largest that load), with the answer to toggle and its values.
CORPUS_CASES: list[tuple[str, list[tuple[str, Any]], str, list[Any]]] = [
    ("onaio__onadata__grains.xlsx", [], "", []),
    ("onaio__onadata__select_one_choices_test.xlsx", [], "", []),
    ("XLSForm__pyxform__UCL_Biomass_Plot_Form.xlsx", [], "", []),
]


def fill_default_survey(session: Session, members: int) -> None:
    answers: list[tuple[str, Any]] = [
        ("consent_section/consent", "yes"),
        ("housing/room_area", 12),
        ("housing/room_people", 4),
        ("health/ill_30d", "yes"),
        ("household/hh_size", members),
    ]
    for path, value in answers:
        session.set(path, value)
    for i in range(1, members + 1):
        session.set(f"household/members[{i}]/m_name", f"Người {i}")
        session.set(f"household/members[{i}]/m_age", 5 + (i * 7) % 70)
        session.set(f"household/members[{i}]/m_sex", "female" if i % 2 else "male")


def time_changes(
    label: str,
    compiled: CompiledForm,
    session: Session,
    path: str,
    values: list[Any],
    repeat: int,
    back: Any = None,
) -> None:
    """Interleave the three measurements so that all see the same machine load.

    Round i sets ``values[i % len(values)]`` (consecutive values differ); with ``back``,
    each round first sets ``back``, untimed, so that one direction is timed. "full" runs
    on a twin session, so that its full passes leave the measured session as use does.
    """
    if ONLY not in label:
        return
    answers = session.answers()
    twin = compiled.session(answers)
    twin.recompute_all()
    incremental: list[int] = []
    full: list[int] = []
    reopen: list[int] = []
    work = 0
    for i in range(repeat):
        start = CLOCK()
        compiled.session(answers)
        reopen.append(CLOCK() - start)
        # the reopened session is garbage with reference cycles (items point to their
        # parents): collect it now, untimed, or a collection of it lands in a timed
        # change (an artefact of this loop: an open interview makes no such garbage)
        gc.collect()
        value = values[i % len(values)]
        if back is not None:
            twin.set(path, back)
            session.set(path, back)
        start = CLOCK()
        twin.set(path, value)
        twin.recompute_all()
        full.append(CLOCK() - start)
        before = session.evaluations
        start = CLOCK()
        session.set(path, value)
        incremental.append(CLOCK() - start)
        work = max(work, session.evaluations - before)
    report(label, incremental, full, reopen, work)


def time_after_reopen(
    label: str, compiled: CompiledForm, answers: dict[str, Any], path: str, value: Any, repeat: int
) -> None:
    """The first change after reopening an interview (a new session each round)."""
    if ONLY not in label:
        return
    incremental: list[int] = []
    full: list[int] = []
    reopen: list[int] = []
    work = 0
    for _ in range(repeat):
        start = CLOCK()
        session = compiled.session(answers)
        reopen.append(CLOCK() - start)
        twin = compiled.session(answers)
        gc.collect()
        start = CLOCK()
        twin.set(path, value)
        twin.recompute_all()
        full.append(CLOCK() - start)
        before = session.evaluations
        start = CLOCK()
        session.set(path, value)
        incremental.append(CLOCK() - start)
        work = max(work, session.evaluations - before)
        del session, twin
        gc.collect()
    report(label, incremental, full, reopen, work)


def report(
    label: str, incremental: list[int], full: list[int], reopen: list[int], work: int
) -> None:
    inc, ful, reo = (statistics.median(t) / 1000 for t in (incremental, full, reopen))
    print(
        f"{label:<58} {inc:>9.1f} {ful:>10.1f} {reo:>10.1f} "
        f"{ful / inc:>8.0f}x {reo / inc:>8.0f}x {work:>6}"
    )


def pick_change(compiled: CompiledForm) -> tuple[str, list[Any]] | None:
    """A top-level integer or select_one question that something else reads."""
    read = {dep.target.tid for comp in compiled.graph.computations for dep in comp.reads}
    for tpl in compiled.templates[1:]:
        in_repeat = any(a.is_repeat for a in tpl.ancestors())
        if tpl.tid not in read or in_repeat or tpl.kind != "question":
            continue
        if tpl.qtype == "integer":
            return tpl.path, [1, 2, 3, 4]
        if tpl.qtype == "select_one" and tpl.node is not None and tpl.node.choices:
            names = [c.name for c in compiled.spec.choices.get(tpl.node.choices, [])][:2]
            if len(names) == 2:
                return tpl.path, names
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=201)
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    parser.add_argument("--only", default="", help="time only the cases whose label has this")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    global CLOCK, ONLY
    CLOCK = time.thread_time_ns if args.clock == "cpu" else time.perf_counter_ns
    ONLY = args.only
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"clock: {args.clock} time; load average {load}")

    header = f"{'case (median microseconds)':<58} {'incr.':>9} {'full':>10} {'reopen':>10} "
    print(header + f"{'full/inc':>9} {'reop/inc':>9} {'reruns':>6}")
    compiled = FormEngine.build(load_form(DEFAULT_FORM, use_cache=False))
    session = compiled.session()
    fill_default_survey(session, args.members)
    roster = f"default survey, {args.members} members:"
    time_changes(f"{roster} one member's age", compiled, session,
                 "household/members[17]/m_age", [8, 40, 70, 30], args.repeat)  # fmt: skip
    time_changes(f"{roster} one member's name", compiled, session,
                 "household/members[3]/m_name", ["Lan", "Minh"], args.repeat)  # fmt: skip
    time_changes(f"{roster} room area (m2 per person)", compiled, session,
                 "housing/room_area", [10, 14, 20, 9], args.repeat)  # fmt: skip
    time_changes(f"{roster} consent no (hides every section)", compiled, session,
                 "consent_section/consent", ["no"], args.repeat, back="yes")  # fmt: skip
    time_changes(f"{roster} consent yes (shows them again)", compiled, session,
                 "consent_section/consent", ["yes"], args.repeat, back="no")  # fmt: skip
    refused = session.answers()
    refused["consent_section"]["consent"] = "no"
    time_after_reopen(f"{roster} consent yes, first change after reopening", compiled,
                      refused, "consent_section/consent", "yes", args.repeat)  # fmt: skip
    no_roster = compiled.session()
    no_roster.set("consent_section/consent", "yes")
    time_after_reopen(f"{roster} household size set (adds the members)", compiled,
                      no_roster.answers(), "household/hh_size", args.members,
                      args.repeat)  # fmt: skip

    for name, _, _, _ in CORPUS_CASES:
        path = args.corpus / name
        if not path.is_file():
            print(f"{name}: not found, skipped")
            continue
        corpus_form = FormEngine.build(load_form(path, use_cache=False))
        change = pick_change(corpus_form)
        if change is None:
            print(f"{name}: no answer with dependents, skipped")
            continue
        field, values = change
        rows = sum(1 for _ in corpus_form.spec.walk())
        time_changes(f"{name[:42]} ({rows} nodes): {field[:8]}", corpus_form,
                     corpus_form.session(), field, values, args.repeat)  # fmt: skip


if __name__ == "__main__":
    main()
