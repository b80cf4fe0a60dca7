"""Start-up benchmark: whole processes, as a user starts them (issue 15).

Times, in fresh processes, beside same-run baselines (``python -c pass``,
``python -c "import PySide6.QtWidgets"`` and a bare Qt dialog shown):

- ``fieldsurvey --version``;
- the app started to its unlock window shown (env ``FIELDSURVEY_EXIT_AFTER_SHOWN=unlock``:
  the app prints the time since its process started and quits);
- the Unlock click to the main window shown (``FIELDSURVEY_EXIT_AFTER_SHOWN=main``, a
  driver types the password into the real dialog ``--typing`` seconds after it is shown),
  from which the password hashing (Argon2id, measured apart in this process with the
  workspace's own parameters) is taken off.

Wall times depend on what else runs on the machine; CPU times (user + system of the
process, all its threads) much less: both are printed, medians of ``--runs`` runs, with
the load average. ``--time-v`` adds ``/usr/bin/time -v`` figures (peak memory) of one run
of each command.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_startup.py [--runs 7] [--time-v]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
FIELDSURVEY = str(Path(PYTHON).with_name("fieldsurvey"))
PASSWORD = "bench start-up password 2026"
#: What the start imported before issue 15 and now imports where it is used.
NOT_AT_START = ("pandas", "numpy", "pyxform", "openpyxl", "xlrd", "reportlab", "pypdfium2")

BARE_DIALOG = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QVBoxLayout
app = QApplication([])
d = QDialog(); lay = QVBoxLayout(d)
for w in (QLabel("Unlock your workspace"), QLineEdit()):
    lay.addWidget(w)
d.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

# Types the password into the real unlock dialog, ``delay`` ms after it is shown, and
# clicks Unlock; the app (FIELDSURVEY_EXIT_AFTER_SHOWN=main) reports the main window.
DRIVER = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
home, password, delay = sys.argv[1], sys.argv[2], int(sys.argv[3])
app = QApplication(sys.argv[:1])
class Typist(QObject):
    done = False
    def eventFilter(self, watched, event):
        if (not self.done and event.type() == QEvent.Type.Show
                and type(watched).__name__ == "UnlockDialog"):
            self.done = True
            def type_and_click():
                watched.password.setText(password)
                watched.unlock_button.click()
            QTimer.singleShot(delay, type_and_click)
        return False
typist = Typist()
app.installEventFilter(typist)
from fieldsurvey.cli import main
main(["--home", home])
"""


class Run(NamedTuple):
    wall: float  # seconds, measured here around the whole process
    cpu: float  # user + system seconds of the process (all its threads)
    shown: dict[str, float]  # what the app printed ("shown <name> key=value ...")


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: Sequence[str], env: dict[str, str] | None = None) -> Run:
    environment = dict(os.environ, **(env or {}))
    environment["FIELDSURVEY_STARTED_AT"] = repr(time.time())
    before = child_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        list(argv), env=environment, capture_output=True, text=True, timeout=120, check=False
    )
    wall = time.perf_counter() - start
    cpu = child_cpu() - before
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    shown: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith("shown "):
            for key, value in re.findall(r"(\w+)=([0-9.]+)", line):
                shown[key] = float(value)
    return Run(wall, cpu, shown)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def measure(
    name: str, argv: Sequence[str], runs: int, env: dict[str, str] | None = None
) -> list[Run]:
    found = [run(argv, env) for _ in range(runs)]
    walls = [r.wall for r in found]
    cpus = [r.cpu for r in found]
    print(
        f"{name:44s} wall {median(walls) * 1000:7.0f} ms (min {min(walls) * 1000:5.0f})"
        f"   cpu {median(cpus) * 1000:6.0f} ms (min {min(cpus) * 1000:5.0f})",
        flush=True,
    )
    return found


def report_shown(name: str, found: list[Run], keys: Sequence[str]) -> dict[str, float]:
    medians = {}
    for key in keys:
        values = [r.shown[key] for r in found if key in r.shown]
        medians[key] = median(values)
    text = "   ".join(f"{k} {v * 1000:6.0f} ms" for k, v in medians.items())
    print(f"  {name:42s} {text}", flush=True)
    return medians


def make_workspace(home: Path, interviews: int) -> None:
    """A laptop workspace with the default survey and ``interviews`` drafts, locked by the
    default (real) Argon2id cost."""
    from fieldsurvey.forms.installed import install_default_form
    from fieldsurvey.store import interviews as iv
    from fieldsurvey.store.workspace import Workspace

    ws = Workspace.create(home, PASSWORD)
    spec = install_default_form(ws)
    for n in range(interviews):
        iv.new_interview(
            ws,
            form_id=spec.form_id,
            form_version=spec.version,
            ward="Phúc Tân",
            household_id=f"PT-{n:04d}",
            enumerator="Lan",
        )
    ws.close()


def hashing_seconds(home: Path, repeat: int = 3) -> float:
    """Median time of the password hashing + key unwrap of ``home``'s password slot."""
    import json

    from fieldsurvey import keywrap

    meta = json.loads((home / "workspace.json").read_text(encoding="utf-8"))
    slot = next(s for s in meta["key_slots"] if s.get("id") == keywrap.PASSWORD_SLOT)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        keywrap.unwrap_password_slot(slot, PASSWORD, workspace_id=meta["workspace_id"])
        times.append(time.perf_counter() - start)
    return median(times)


def time_v(name: str, argv: Sequence[str], env: dict[str, str] | None = None) -> None:
    if not Path("/usr/bin/time").exists():
        return
    environment = dict(os.environ, **(env or {}))
    done = subprocess.run(
        ["/usr/bin/time", "-v", *argv], env=environment, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    wanted = {
        "Elapsed (wall clock) time (h:mm:ss or m:ss)": "elapsed",
        "User time (seconds)": "user s",
        "System time (seconds)": "sys s",
        "Maximum resident set size (kbytes)": "max RSS kB",
    }
    found = {}
    for line in done.stderr.splitlines():
        key, _, value = line.strip().rpartition(": ")
        if key in wanted:
            found[wanted[key]] = value
    print(f"  time -v {name:34s} " + "  ".join(f"{k} {v}" for k, v in found.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--interviews", type=int, default=200)
    parser.add_argument(
        "--typing", type=float, default=1.0,
        help="seconds between the unlock window shown and the click (a user typing)",
    )  # fmt: skip
    parser.add_argument("--time-v", action="store_true", help="add /usr/bin/time -v figures")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"load average before: {os.getloadavg()}; {os.cpu_count()} cores", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="fieldsurvey-startup-"))
    try:
        home = tmp / "ws"
        make_workspace(home, args.interviews)
        runs = args.runs
        print("baselines")
        measure("python -c pass", [PYTHON, "-c", "pass"], runs)
        measure(
            "python -c 'import PySide6.QtWidgets'", [PYTHON, "-c", "import PySide6.QtWidgets"], runs
        )
        measure("bare Qt dialog shown (python -c)", [PYTHON, "-c", BARE_DIALOG], runs)
        measure(
            "libraries start no longer imports",
            [PYTHON, "-c", "import " + ", ".join(NOT_AT_START)],
            runs,
        )
        print("fieldsurvey")
        measure("fieldsurvey --version", [FIELDSURVEY, "--version"], runs)
        unlock = measure(
            "fieldsurvey to the unlock window (process)",
            [FIELDSURVEY, "--home", str(home)],
            runs,
            {"FIELDSURVEY_EXIT_AFTER_SHOWN": "unlock"},
        )
        report_shown("unlock window shown, from process start", unlock, ["wall", "cpu"])
        hashing = hashing_seconds(home)
        for typing in sorted({args.typing, 0.0}, reverse=True):
            main_runs = measure(
                f"to the main window, click after {typing:.1f} s",
                [PYTHON, "-c", DRIVER, str(home), PASSWORD, str(int(typing * 1000))],
                max(3, runs // 2),
                {"FIELDSURVEY_EXIT_AFTER_SHOWN": "main"},
            )
            shown = report_shown(
                "main window shown",
                main_runs,
                ["after_click", "cpu_after_click", "after_open", "cpu_after_open"],
            )
            opening = shown["after_click"] - shown["after_open"]
            print(
                f"  {'click -> main window, less the hashing':42s} "
                f"{(shown['after_click'] - hashing) * 1000:6.0f} ms"
                f"   (opening the workspace: {opening * 1000:.0f} ms of the click's)"
            )
        print(f"password hashing (Argon2id + unwrap, this process): {hashing * 1000:.0f} ms")
        if args.time_v:
            time_v("fieldsurvey --version", [FIELDSURVEY, "--version"])
            time_v(
                "to the unlock window",
                [FIELDSURVEY, "--home", str(home)],
                {"FIELDSURVEY_EXIT_AFTER_SHOWN": "unlock"},
            )
            time_v(
                "to the main window",
                [PYTHON, "-c", DRIVER, str(home), PASSWORD, str(int(args.typing * 1000))],
                {"FIELDSURVEY_EXIT_AFTER_SHOWN": "main"},
            )
        print(f"load average after: {os.getloadavg()}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
