"""Refresh the Vietnamese translation from the UI sources and build the .qm file.

    .venv/bin/python tools/update_translations.py          # lupdate + lrelease
    .venv/bin/python tools/update_translations.py --check  # fail if the .qm is stale

Translators edit resources/translations/fieldsurvey_vi.ts (Qt Linguist works: run
``pyside6-linguist``); this script keeps existing translations and adds new strings.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "fieldsurvey_vi.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if found is None:
        found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fieldsurvey" / "ui").rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run(
        [tool("lupdate"), "-no-obsolete", "-locations", "none", *sources(), "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not args.check:
        TS.parent.mkdir(parents=True, exist_ok=True)
        lupdate(TS)
        lrelease(TS, QM)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        qm = Path(tmp) / "check.qm"
        lrelease(TS, qm)
        if qm.read_bytes() != QM.read_bytes():
            print(f"{QM} is stale: run tools/update_translations.py", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
