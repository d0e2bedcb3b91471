#!/usr/bin/env bash
# Install everything (first time only), then run yearbook-editor.
#
#   scripts/run.sh                 # no arguments: the desktop app (first start: the bundled sample
#                                  # volume); without a screen, the same job on the command line
#   scripts/run.sh --help
#   scripts/run.sh SUBCOMMAND ARGS...
#
# Progress lines of the install go to stderr; yearbook-editor's own output is
# untouched, so `scripts/run.sh ... > out.txt` works.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"

# A bare Debian has no locale configured; Python and Qt want UTF-8.
if [ -z "${LC_ALL:-}${LC_CTYPE:-}${LANG:-}" ]; then
    export LANG=C.UTF-8
fi

# the virtualenv's Python: .venv/bin on Linux and macOS, .venv/Scripts in Git Bash on Windows
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || PY="$ROOT/.venv/Scripts/python.exe"
YE() { "$PY" -m yearbook_editor "$@"; }
if [ "$#" -eq 0 ]; then
    case "$(uname -s)" in Darwin | MINGW* | MSYS* | CYGWIN*) desktop=1 ;; *) desktop=0 ;; esac
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$desktop" = 1 ]; then
        # The desktop app. On first start it creates the store in the user's data
        # directory and opens the bundled sample volume. Status 3: the screen named by
        # DISPLAY cannot be reached (the app has said so in one sentence): the demo below.
        rc=0
        "$PY" -m yearbook_editor || rc=$?
        [ "$rc" -eq 3 ] || exit "$rc"
        echo "改为在命令行演示。" >&2
    else
        echo "没有图形界面（未设置 DISPLAY）：改为在命令行演示。有桌面时 scripts/run.sh 会打开桌面程序。" >&2
    fi
    # No screen (a server, a terminal session): the same main job on the command line,
    # on the bundled sample volume in a scratch store.
    DEMO="${TMPDIR:-/tmp}/yearbook-editor-demo"
    mkdir -p "$DEMO"
    YE --db "$DEMO/demo.db" sample
    YE --db "$DEMO/demo.db" outline 1
    YE --db "$DEMO/demo.db" stats 1
    YE --db "$DEMO/demo.db" check 1 | head -20
    YE -q --db "$DEMO/demo.db" export 1 --format text -o "$DEMO/corrected.txt"
    echo "校正文本已写入 $DEMO/corrected.txt；用法见 scripts/run.sh --help"
    exit 0
fi
exec "$PY" -m yearbook_editor "$@"
