"""``fieldsurvey demo DIR``: a realistic campaign built through the real code paths.

A coordinator workspace with campaign keys; the default survey published; three device
packages and three laptops set up from them; households in Phúc Tân and Chương Dương
recorded on the laptops (new interview with its answers, then the app's completion:
the engine's calculations saved and its checks passed) in two rounds, each round
exported as bundles, imported and merged on the coordinator and acknowledged by
receipts. Half the consenting households are also registered for follow-up (the entity
lists ``households`` and ``people``); six months later, in a second wave, each is
assigned to another laptop and revisited there with the follow-up form, and the
updates merged (:mod:`fieldsurvey.demo.demo_follow_up`). Then ward summary PDFs (with
their follow-up sections), one interview record and exports (xlsx, csv, the entity
list) are written from the merged data. The answers
are synthetic (:mod:`fieldsurvey.reports.synthetic_households`): nobody in them is real.

Every workspace uses the password :data:`DEMO_PASSWORD` and the normal key derivation
(tests pass a cheap ``kdf``). The folder also holds the campaign's recovery identity,
which a real campaign prints and deletes.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fieldsurvey.demo import demo_follow_up, demo_steps
from fieldsurvey.demo.demo_model import (
    FIELDWORK_START,
    FIELDWORK_WEEKS,
    LAPTOPS,
    VN,
    WARDS,
    DemoReport,
    LaptopSummary,
)
from fieldsurvey.errors import AnswerError, WorkspaceError
from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.evaluate_json import open_answer_set
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.progress import Progress
from fieldsurvey.reports.synthetic_households import household_answers
from fieldsurvey.resources import resource_path
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace


class _Recorder:
    """Records households on one laptop through the interviews API, as the app does."""

    def __init__(self, ws: Workspace, spec: FormSpec, compiled: CompiledForm, who: str) -> None:
        self.ws, self.spec, self.compiled, self.who = ws, spec, compiled, who

    def check(self, interview: interviews.Interview) -> None:
        """The completion check: the engine's required and constraint errors."""
        errors = open_answer_set(self.compiled, interview.answers).errors()
        if errors:
            paths = ", ".join(e.path for e in errors[:10])
            raise AnswerError("demo.interview_fails_checks", count=len(errors), paths=paths)

    def record(
        self, doc: dict[str, Any], ward: str, household_id: str, *, finish: datetime | None
    ) -> str:
        """A new interview with the answers typed (as ``interview import`` records a
        file), then, if ``finish``, the completion the desktop app does: the engine's
        completed answers saved section by section (calculations in, non-relevant
        answers out, ``end`` stamped) and the interview completed after the engine's
        required and constraint checks."""
        # One transaction per household (the calls below nest as savepoints).
        with self.ws.transaction():
            return self._record(doc, ward, household_id, finish)

    def _record(
        self, doc: dict[str, Any], ward: str, household_id: str, finish: datetime | None
    ) -> str:
        created = interviews.new_interview(
            self.ws,
            form_id=self.spec.form_id,
            form_version=self.spec.version,
            ward=WARDS[ward][0],
            household_id=household_id,
            enumerator=self.who,
            respondent=doc.get("respondent", {}).get("resp_name", ""),
            answers=doc,
        )
        uuid = created.uuid
        if finish is None:
            return uuid
        saved = interviews.get_interview(self.ws, uuid).answers
        target = open_answer_set(self.compiled, saved, clock=lambda: finish).answers(complete=True)
        for section in [*saved, *(k for k in target if k not in saved)]:
            if saved.get(section) != target.get(section):
                interviews.set_answer(self.ws, uuid, section, target.get(section), who=self.who)
        interviews.complete(self.ws, uuid, who=self.who, validate=self.check)
        return uuid


def _visit_times(rng: random.Random, n: int) -> list[datetime]:
    """``n`` interview start times on working days (Mon-Sat), 8:00-17:30, sorted."""
    days = [
        FIELDWORK_START + timedelta(days=d)
        for d in range(FIELDWORK_WEEKS * 7)
        if (FIELDWORK_START + timedelta(days=d)).weekday() < 6
    ]
    times = [
        datetime.combine(rng.choice(days), datetime.min.time(), VN)
        + timedelta(minutes=480 + rng.randrange(570))
        for _ in range(n)
    ]
    return sorted(times)


def _check_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise WorkspaceError("demo.folder_not_empty", folder=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(
            "demo.cannot_create_folder", folder=str(folder), reason=exc.strerror
        ) from exc


def build_demo(
    folder: Path,
    *,
    households: int = 300,
    seed: int = 2026,
    kdf: KdfParams | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> DemoReport:
    """Build the demo in ``folder`` (new or empty). ``households``: interviews recorded
    in all (a few of them declined, plus one draft per laptop that stays unfinished)."""
    began = time.perf_counter()
    folder = Path(folder)
    _check_folder(folder)
    report = DemoReport(folder=folder, coordinator=folder / "coordinator")
    say = progress or (lambda _p: None)
    rng = random.Random(seed)
    spec = load_form(resource_path("forms/migrant_household.xlsx"))
    compiled = FormEngine.build(spec)
    registration = load_form(resource_path(demo_follow_up.REGISTRATION_FILE))
    follow_up = load_form(resource_path(demo_follow_up.FOLLOW_UP_FILE))
    registering = FormEngine.build(registration)
    reg_rng = random.Random(seed + 1)  # the survey's answers stay those of the seed

    say(Progress(0, 7, "demo.progress_coordinator"))
    coordinator = demo_steps.coordinator(folder, report, [spec, registration, follow_up], kdf)
    try:
        say(Progress(1, 7, "demo.progress_laptops"))
        laptops = demo_steps.laptops(folder, coordinator, report, kdf, rng)
        try:
            plan = _plan(rng, households)
            for round_no in (1, 2):
                say(Progress(1 + round_no, 7, f"demo.progress_round_{round_no}"))
                for ws, summary, visits in zip(laptops, report.laptops, plan, strict=True):
                    split = round(len(visits) * 0.6)
                    todo = visits[:split] if round_no == 1 else visits[split:]
                    recorder = _Recorder(ws, spec, compiled, summary.enumerator)
                    registrar = _Recorder(ws, registration, registering, summary.enumerator)
                    for visit in todo:
                        doc = _visit(rng, recorder, visit, summary, report)
                        _register(reg_rng, registrar, doc, visit, summary, report)
                demo_steps.sync_round(folder, coordinator, laptops, report, round_no)
            say(Progress(4, 7, "demo.progress_wave_2"))
            _wave_2(reg_rng, folder, coordinator, laptops, follow_up, report)
            say(Progress(5, 7, "demo.progress_drafts"))
            last_day = datetime.combine(FIELDWORK_START, datetime.min.time(), VN) + timedelta(
                days=FIELDWORK_WEEKS * 7, hours=9
            )
            for n, (ws, summary, (_, wards, _share)) in enumerate(
                zip(laptops, report.laptops, LAPTOPS, strict=True), 1
            ):
                ward = wards[0]
                doc = household_answers(
                    rng, ward=ward, household_id=f"{WARDS[ward][1]}-D{n:03d}", started=last_day
                )
                unfinished = ("start", "today", "consent_section", "location", "respondent")
                doc = {k: v for k, v in doc.items() if k in unfinished}
                recorder = _Recorder(ws, spec, compiled, summary.enumerator)
                recorder.record(doc, ward, f"{WARDS[ward][1]}-D{n:03d}", finish=None)
                summary.drafts += 1
        finally:
            for ws in laptops:
                ws.close()
        say(Progress(6, 7, "demo.progress_outputs"))
        demo_steps.outputs(folder, coordinator, report)
        report.merged = len(interviews.list_rows(coordinator))
    finally:
        coordinator.close()
    report.seconds = time.perf_counter() - began
    demo_steps.write_readme(report)
    say(Progress(7, 7, "demo.progress_done"))
    return report


def _register(
    rng: random.Random,
    recorder: _Recorder,
    survey: dict[str, Any],
    visit: dict[str, Any],
    summary: LaptopSummary,
    report: DemoReport,
) -> None:
    """Wave 1: register some consenting households for follow-up, after their survey."""
    if rng.random() >= demo_follow_up.REGISTERED_SHARE:
        return
    start = visit["start"] + timedelta(minutes=rng.randint(56, 70))
    doc = demo_follow_up.registration_answers(rng, survey, start)
    if doc is None:
        return
    finish = start + timedelta(minutes=rng.randint(5, 12))
    recorder.record(doc, visit["ward"], visit["household_id"], finish=finish)
    summary.registered += 1
    report.registered += 1


def _wave_2(
    rng: random.Random,
    folder: Path,
    coordinator: Workspace,
    laptops: list[Workspace],
    follow_up: FormSpec,
    report: DemoReport,
) -> None:
    """Six months later: each registered household assigned to another laptop, the lists
    and assignments brought by receipts, the visits recorded there, then merged."""
    demo_steps.assign_wave_2(coordinator, report)
    demo_steps.receipts(folder, coordinator, laptops, report, "wave-2")
    wave_start = datetime.combine(
        FIELDWORK_START + demo_follow_up.WAVE_GAP, datetime.min.time(), VN
    ) + timedelta(hours=8)
    for ws, summary in zip(laptops, report.laptops, strict=True):
        compiled = FormEngine.build(follow_up)
        demo_follow_up.use_lists(compiled, ws)
        recorder = _Recorder(ws, follow_up, compiled, summary.enumerator)
        for n, (household, ward) in enumerate(demo_steps.to_visit(ws)):
            start = wave_start + timedelta(days=n // 6, minutes=75 * (n % 6))
            doc = demo_follow_up.follow_up_answers(rng, household, ward, start)
            finish = start + timedelta(minutes=rng.randint(10, 25))
            recorder.record(doc, ward, household.properties.get("household_id", ""),
                            finish=finish)  # fmt: skip
            summary.followed_up += 1
            result = doc["visit"]["visit_result"]
            report.follow_ups[result] = report.follow_ups.get(result, 0) + 1
    demo_steps.sync_round(folder, coordinator, laptops, report, 3)


def _visit(
    rng: random.Random,
    recorder: _Recorder,
    visit: dict[str, Any],
    summary: LaptopSummary,
    report: DemoReport,
) -> dict[str, Any]:
    """Interview one household and complete the interview; its answers."""
    ward = visit["ward"]
    doc = household_answers(
        rng, ward=ward, household_id=visit["household_id"], started=visit["start"]
    )
    finish = visit["start"] + timedelta(minutes=rng.randint(22, 55))
    recorder.record(doc, ward, visit["household_id"], finish=finish)
    summary.completed += 1
    report.per_ward[ward] = report.per_ward.get(ward, 0) + 1
    if doc["consent_section"]["consent"] == "no":
        report.declined += 1
    return doc


def _plan(rng: random.Random, households: int) -> list[list[dict[str, Any]]]:
    """Visits per laptop: ward, household id and start time."""
    counts = [round(households * share) for _n, _w, share in LAPTOPS[:-1]]
    counts.append(households - sum(counts))
    numbers = {ward: 0 for ward in WARDS}
    plan = []
    for (_name, wards, _share), n in zip(LAPTOPS, counts, strict=True):
        visits = []
        for k, start in enumerate(_visit_times(rng, n)):
            ward = wards[k % len(wards)]
            numbers[ward] += 1
            visits.append(
                {"ward": ward, "household_id": f"{WARDS[ward][1]}-{numbers[ward]:04d}",
                 "start": start}
            )  # fmt: skip
        plan.append(visits)
    return plan
