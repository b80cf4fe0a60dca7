#!/usr/bin/env bash
# CI: build the one-folder app and prove the built program works on a clean machine.
# Called by .ci/run after the tests. Fails loudly on any failure:
#   - PyInstaller missing and cannot be installed, or the build fails;
#   - the program's --version differs from the package's version;
#   - any step of `fieldsurvey selftest` fails (run offscreen, outside the checkout, with
#     no Python environment variables, so only what is inside the folder is used);
#   - the folder is larger than $MAX_MB (default 320) MB: something big crept in.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
MAX_MB="${MAX_MB:-320}"
fail() { echo "CI BUILD FAILED: $*" >&2; exit 1; }

"$PY" -m pip install -q "pyinstaller>=6.10" || fail "cannot install PyInstaller"
tools/build_app.sh || fail "build or self-test failed (see above)"

NAME="$("$PY" -c 'from fieldsurvey import APP_ID, __version__; print(f"{APP_ID}-{__version__}")')"
FOLDER="$PWD/dist/$NAME"
VERSION="$("$PY" -c 'from fieldsurvey import __version__; print(__version__)')"

echo "== The built program in a bare environment"
bare=(env -i PATH=/usr/bin:/bin HOME="$(mktemp -d)" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen)
shown="$(cd / && "${bare[@]}" "$FOLDER/fieldsurvey" --version)" || fail "--version did not run"
[[ "$shown" == *"$VERSION"* ]] || fail "--version says '$shown', expected $VERSION"
(cd / && "${bare[@]}" "$FOLDER/fieldsurvey" selftest --json > "$FOLDER.selftest.json") \
  || { cat "$FOLDER.selftest.json" >&2; fail "self-test failed in a bare environment"; }

size_mb=$(du -sm "$FOLDER" | cut -f1)
echo "== Folder size: ${size_mb} MB (limit ${MAX_MB} MB)"
[ "$size_mb" -le "$MAX_MB" ] || fail "the folder is ${size_mb} MB, over ${MAX_MB} MB"
echo "CI build: OK ($FOLDER, ${size_mb} MB)"
