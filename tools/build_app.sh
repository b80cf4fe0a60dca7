#!/usr/bin/env bash
# Build FieldSurvey as one folder with PyInstaller and run the built program's self-test.
#
#   tools/build_app.sh            (uses .venv/bin/python, or $PYTHON)
#
# Result: dist/fieldsurvey-<version>/, ready to copy to a laptop. Prints the build time and
# the folder's size; exits non-zero if the build or any self-test step fails.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
if ! "$PY" -m PyInstaller --version >/dev/null 2>&1; then
  echo "== Installing PyInstaller"
  "$PY" -m pip install -q "pyinstaller>=6.10"
fi

NAME="$("$PY" -c 'from fieldsurvey import APP_ID, __version__; print(f"{APP_ID}-{__version__}")')"
FOLDER="dist/$NAME"

echo "== Building $FOLDER with PyInstaller $("$PY" -m PyInstaller --version)"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN build.spec
elapsed=$(( $(date +%s) - start ))
echo "== Built in ${elapsed} s"

EXE="$FOLDER/fieldsurvey"
[ -x "$EXE" ] || { echo "ERROR: $EXE was not built" >&2; exit 1; }

echo "== Self-test of the built program"
# From another folder, so nothing is found in the source tree by accident.
(cd "${TMPDIR:-/tmp}" && QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$OLDPWD/$EXE" selftest)

size_mb=$(du -sm "$FOLDER" | cut -f1)
echo "== $FOLDER: ${size_mb} MB, $(find "$FOLDER" -type f | wc -l) files; built in ${elapsed} s"
