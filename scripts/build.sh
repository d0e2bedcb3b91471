#!/usr/bin/env bash
# Build the one-folder program with PyInstaller into dist/yearbook-editor/ and run its
# self-test. Works the same on Linux and macOS (and in Git Bash on Windows, where the
# program is dist/yearbook-editor/yearbook-editor.exe).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || PY="$ROOT/.venv/Scripts/python.exe"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "${DIST:-$ROOT/dist}" --workpath "${BUILD:-$ROOT/build}" build.spec
PROG="${DIST:-$ROOT/dist}/yearbook-editor/yearbook-editor"
[ -x "$PROG" ] || PROG="$PROG.exe"
echo "build: $(du -sh "${DIST:-$ROOT/dist}/yearbook-editor" | cut -f1) in ${DIST:-$ROOT/dist}/yearbook-editor" >&2
QT_QPA_PLATFORM=offscreen "$PROG" --smoke-test
