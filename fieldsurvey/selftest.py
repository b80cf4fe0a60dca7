"""Self-test: proves this installation (a wheel or the PyInstaller folder) works end to end.

``run_selftest(progress) -> SelfTestReport`` works in a throwaway temporary folder, never
in the user's workspace, and removes it afterwards. Its steps:

1. resources: the default form, the fonts, the icon and the translations are shipped;
2. workspace: a coordinator campaign in an encrypted workspace, locked and unlocked again,
   the file unreadable as plain SQLite, ``PRAGMA integrity_check`` clean;
3. form: the default form loaded with pyxform and evaluated by the engine (skip logic,
   a calculation, a constraint);
4. laptop: the form published, a device package issued, sealed, opened and a laptop
   workspace set up from it;
5. interview: an interview autosaved answer by answer and completed, audit chain intact;
6. bundle: the bundle exported on the laptop (encrypted: the answers are not in its bytes),
   imported by the coordinator with the same answers, a second import refused as a replay;
7. pdf: a ward summary and an interview record written with the bundled fonts;
8. exports: the merged data written as csv (in a worker process, as the app does), xlsx,
   Stata and SPSS files.

A step that fails is reported with its error; the steps that need its results are
skipped. Nothing raises: the report says what passed.

The workspaces use cheap Argon2id parameters (``KdfParams.cheap()``): they are temporary
and deleted at the end, so a slow key derivation would protect nothing; the same Argon2id
code runs, only with fewer rounds, and the test takes seconds instead of tens of seconds.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from fieldsurvey import __version__, messages
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.progress import ProgressCallback, report
from fieldsurvey.resources import resource_path, resources_dir
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import DB_FILE, Workspace

DEFAULT_FORM = ("forms", "migrant_household.xlsx")
REQUIRED_RESOURCES = (
    DEFAULT_FORM,
    ("fonts", "DejaVuSans.ttf"),
    ("fonts", "DejaVuSans-Bold.ttf"),
    ("icons", "fieldsurvey.png"),
)
PASSWORD = "self-test password"
#: A recognisable answer: it must come back after the round trip and never be in the bundle.
MARKER = "Tự kiểm tra ngõ 7"
WARD = "phuc_tan"

Status = Literal["passed", "failed", "skipped"]


class StepResult(BaseModel):
    name: str
    title: str
    status: Status
    seconds: float = 0.0
    #: What was checked (passed) or what went wrong (failed); never real answers.
    detail: str = ""


class SelfTestReport(BaseModel):
    version: str
    steps: list[StepResult]

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(step.status == "passed" for step in self.steps)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


class SelfTestFailure(Exception):
    """A check of the self-test did not hold."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


class SelfTestRun:
    """State shared by the steps (the workspaces, the form, the interview)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.kdf = KdfParams.cheap()
        self.opened: list[Workspace] = []
        self.values: dict[str, Any] = {}

    def keep(self, ws: Workspace) -> Workspace:
        self.opened.append(ws)
        return ws

    def close(self) -> None:
        for ws in self.opened:
            ws.close()


def _step_resources(run: SelfTestRun) -> str:
    missing = [
        "/".join(parts) for parts in REQUIRED_RESOURCES if not resource_path(*parts).is_file()
    ]
    folder = resources_dir() / "translations"
    sources = sorted(folder.glob("*.ts")) if folder.is_dir() else []
    missing += [
        f"translations/{ts.stem}.qm" for ts in sources if not ts.with_suffix(".qm").is_file()
    ]
    check(not missing, f"missing from {resources_dir()}: {', '.join(missing)}")
    compiled = len(list(folder.glob("*.qm"))) if folder.is_dir() else 0
    return f"{len(REQUIRED_RESOURCES)} files and {compiled} translation(s) in {resources_dir()}"


def _step_workspace(run: SelfTestRun) -> str:
    from fieldsurvey.store.database import integrity_problems
    from fieldsurvey.sync.campaign import init_campaign

    home = run.root / "coordinator"
    ws, keys = init_campaign(
        home, PASSWORD, name="Self-test", recovery_key_out=run.root / "recovery.txt",
        wards=[WARD], kdf=run.kdf,
    )  # fmt: skip
    ws.close()
    check(
        not (home / DB_FILE).read_bytes().startswith(b"SQLite format 3"), "database not encrypted"
    )
    coord = run.keep(Workspace.open(home, PASSWORD))
    problems = integrity_problems(coord.db)
    check(not problems, f"integrity check: {'; '.join(problems)}")
    run.values["coord"] = coord
    return f"campaign {keys.campaign_id[:8]}: encrypted, unlocked again, integrity ok"


def _step_form(run: SelfTestRun) -> str:
    from fieldsurvey.forms.engine import FormEngine
    from fieldsurvey.forms.loader import load_form

    spec = load_form(resource_path(*DEFAULT_FORM), use_cache=False)
    session = FormEngine.build(spec).session(lang="vi")
    check(not session.relevant("respondent"), "respondent section shown before consent")
    session.set("consent_section/consent", "yes")
    check(session.relevant("respondent"), "consent 'yes' did not open the respondent section")
    session.set("location/ward", WARD)
    session.set("location/household_id", "ST-001")
    session.set("respondent/resp_name", MARKER)
    session.set("respondent/resp_age", 5)
    check(
        any(e.path == "respondent/resp_age" and e.kind == "constraint" for e in session.errors()),
        "age 5 passed the 15-100 constraint",
    )
    session.set("respondent/resp_age", 34)
    session.set("housing/room_area", 12)
    session.set("housing/room_people", 3)
    area = session.value("housing/m2_per_person")
    check(area == 4, f"m2_per_person of 12 m² for 3 people is {area!r}, not 4")
    run.values.update(spec=spec, answers=session.answers())
    questions = sum(1 for node in spec.walk() if node.kind == "question")
    return f"{spec.form_id} v{spec.version}: {questions} questions; skip logic, calculation ok"


def _step_laptop(run: SelfTestRun) -> str:
    from fieldsurvey.sync import device_package, enrolment

    coord: Workspace = run.values["coord"]
    spec = run.values["spec"]
    forms_store.save_form(
        coord, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash
    )
    passphrase = device_package.new_passphrase()
    data, device = enrolment.issue_device(coord, "laptop-selftest", passphrase)
    package_file = run.root / "laptop.pkg"
    package_file.write_bytes(data)
    opened = enrolment.read_package(package_file, passphrase)
    laptop = run.keep(enrolment.setup_device(run.root / "laptop", opened, PASSWORD, kdf=run.kdf))
    installed = [f.form_id for f in forms_store.list_forms(laptop)]
    check(spec.form_id in installed, "the device package did not carry the form")
    run.values["laptop"] = laptop
    return f"device {device.device_id[:8]} set up from a sealed package"


def _step_interview(run: SelfTestRun) -> str:
    from fieldsurvey.store import audit, interviews

    laptop: Workspace = run.values["laptop"]
    spec = run.values["spec"]
    answers: dict[str, Any] = run.values["answers"]
    created = interviews.new_interview(
        laptop, form_id=spec.form_id, form_version=spec.version, ward=WARD,
        household_id="ST-001", enumerator="selftest",
    )  # fmt: skip
    saves = 0
    for group, fields in answers.items():
        items = fields.items() if isinstance(fields, dict) else [("", fields)]
        for name, value in items:
            path = f"{group}/{name}" if name else group
            interviews.set_answer(laptop, created.uuid, path, value, who="selftest")
            saves += 1
    interviews.complete(laptop, created.uuid, who="selftest")
    stored = interviews.get_interview(laptop, created.uuid)
    check(stored.answers == answers, "the saved answers differ from the ones given")
    problems = audit.verify_chain(laptop)
    check(not problems, f"audit chain: {'; '.join(map(str, problems))}")
    run.values["uuid"] = created.uuid
    return f"{saves} autosaves, completed, audit chain intact"


def _step_bundle(run: SelfTestRun) -> str:
    from fieldsurvey.store import interviews
    from fieldsurvey.sync.bundle_import import import_files
    from fieldsurvey.sync.bundle_writer import export_bundle

    laptop: Workspace = run.values["laptop"]
    coord: Workspace = run.values["coord"]
    uuid = run.values["uuid"]
    usb = run.root / "usb"
    usb.mkdir()
    exported = export_bundle(laptop, usb)
    check(exported.path is not None and exported.interviews == 1, "no bundle written")
    assert exported.path is not None
    data = exported.path.read_bytes()
    check(MARKER.encode() not in data, "an answer is readable in the bundle")
    first = import_files(coord, [exported.path]).files[0]
    check(first.status == "accepted", f"bundle {first.status}: {first.check} {first.reason}")
    check(first.merge is not None and first.merge.new == [uuid], "the interview was not merged")
    merged = interviews.get_interview(coord, uuid)
    check(merged.answers == run.values["answers"], "merged answers differ from the laptop's")
    again = import_files(coord, [exported.path]).files[0]
    check(again.status == "already-imported", f"second import: {again.status}")
    run.values["merged"] = merged
    return f"{len(data)} bytes, encrypted; imported, answers equal; replay refused"


def _step_pdf(run: SelfTestRun) -> str:
    from fieldsurvey.reports import write_record_pdf, write_summary

    merged = run.values["merged"]
    spec = run.values["spec"]
    summary = write_summary([merged], spec, run.root / "summary.pdf", lang="vi")
    record = write_record_pdf(merged, spec, run.root / "record.pdf", lang="vi")
    sizes = []
    for pdf in (summary, record):
        head = pdf.read_bytes()
        check(head.startswith(b"%PDF-"), f"{pdf.name} is not a PDF")
        check(b"DejaVu" in head, f"{pdf.name} does not embed the DejaVu font")
        sizes.append(f"{pdf.name} {len(head) // 1024} KiB")
    return ", ".join(sizes)


def _step_exports(run: SelfTestRun) -> str:
    from fieldsurvey.reports.export_writers import FORMATS, export_workspace
    from fieldsurvey.worker_process import run_apart

    coord: Workspace = run.values["coord"]
    uuid = run.values["uuid"]
    magic = {".xlsx": b"PK", ".csv": b"\xef\xbb\xbf", ".sav": b"$FL", ".dta": b"<stata_dta>"}
    written = []
    for fmt in FORMATS:
        out = run.root / "export" / fmt
        # the csv as the app makes it: in a worker process (the frozen app starts itself)
        result = (
            run_apart(coord, export_workspace, fmt, out)
            if fmt == "csv"
            else export_workspace(coord, fmt, out)
        )
        check(bool(result.files), f"{fmt}: no file written")
        for path in result.files:
            head = path.read_bytes()
            check(head.startswith(magic.get(path.suffix, b"")) and len(head) > 0,
                  f"{fmt}: {path.name} is not a {path.suffix} file")  # fmt: skip
        main = result.files[0].read_bytes()
        check(fmt != "csv" or uuid.encode() in main, "csv: the interview is missing")
        written.append(f"{fmt} {len(result.files)}")
    return "files: " + ", ".join(written)


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    run: Callable[[SelfTestRun], str]
    #: Steps whose results this one uses; it is skipped when one of them did not pass.
    needs: tuple[str, ...] = ()


STEPS = (
    Step("resources", "cli.selftest.title.resources", _step_resources),
    Step("workspace", "cli.selftest.title.workspace", _step_workspace),
    Step("form", "cli.selftest.title.form", _step_form),
    Step("laptop", "cli.selftest.title.laptop", _step_laptop, ("workspace", "form")),
    Step("interview", "cli.selftest.title.interview", _step_interview, ("laptop",)),
    Step("bundle", "cli.selftest.title.bundle", _step_bundle, ("interview",)),
    Step("pdf", "cli.selftest.title.pdf", _step_pdf, ("bundle",)),
    Step("exports", "cli.selftest.title.exports", _step_exports, ("bundle",)),
)


def _describe(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" ({Path(frame[0].filename).name}:{frame[0].lineno})" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _run_step(step: Step, run: SelfTestRun, passed: set[str]) -> StepResult:
    missing = [name for name in step.needs if name not in passed]
    if missing:
        detail = f"skipped: needs {', '.join(missing)}"
        return StepResult(name=step.name, title=step.title, status="skipped", detail=detail)
    start = time.perf_counter()
    status: Status = "passed"
    try:
        detail = step.run(run)
    except Exception as exc:  # a self-test reports every failure, whatever it is
        detail, status = _describe(exc), "failed"
    seconds = round(time.perf_counter() - start, 3)
    return StepResult(
        name=step.name, title=step.title, status=status, seconds=seconds, detail=detail
    )


def run_selftest(
    progress: ProgressCallback | None = None,
    *,
    workdir: Path | None = None,
    extra_steps: Sequence[Step] = (),
    on_result: Callable[[StepResult], None] | None = None,
) -> SelfTestReport:
    """Run every step in a temporary folder (inside ``workdir`` if given); never raises.

    ``extra_steps`` run after :data:`STEPS` (the CLI adds its Qt check); ``on_result``
    receives each step's result as soon as it is known.
    """
    from fieldsurvey.logging_setup import log_event

    logger = logging.getLogger("fieldsurvey.selftest")
    steps = [*STEPS, *extra_steps]
    results: list[StepResult] = []
    passed: set[str] = set()
    with tempfile.TemporaryDirectory(
        prefix="fieldsurvey-selftest-", dir=workdir, ignore_cleanup_errors=True
    ) as tmp:
        run = SelfTestRun(Path(tmp))
        try:
            for index, step in enumerate(steps):
                report(progress, index, len(steps), step.title)
                result = _run_step(step, run, passed)
                if result.status == "passed":
                    passed.add(step.name)
                results.append(result)
                if on_result is not None:
                    on_result(result)
                ms = int(result.seconds * 1000)
                log_event(logger, "selftest.step", step=step.name, status=result.status, ms=ms)
        finally:
            run.close()
    report(progress, len(steps), len(steps), "done")
    return SelfTestReport(version=__version__, steps=results)


def report_json(result: SelfTestReport) -> str:
    """The report as JSON (for ``fieldsurvey selftest --json``; step titles in English)."""
    data = result.model_dump()
    for step in data["steps"]:
        step["title"] = messages.render(step["title"], "en")
    return json.dumps({"ok": result.ok, **data}, ensure_ascii=False, indent=2)
