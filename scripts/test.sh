#!/usr/bin/env bash
# Install everything (first time only), then run the whole test suite.
# Extra arguments go to pytest:
#
#   scripts/test.sh
#   scripts/test.sh -x -k reading
#   scripts/test.sh -m "not slow"
#
# GUI tests run offscreen (tests/conftest.py sets QT_QPA_PLATFORM=offscreen
# unless it is already set). Exits with pytest's exit code.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"

if [ -z "${LC_ALL:-}${LC_CTYPE:-}${LANG:-}" ]; then
    export LANG=C.UTF-8
fi

cd "$ROOT"
echo "test: running pytest $*" >&2
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || PY="$ROOT/.venv/Scripts/python.exe"  # Git Bash on Windows
exec "$PY" -m pytest "$@"
