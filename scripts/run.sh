#!/usr/bin/env bash
# Install everything (first time only), then run yearbook-editor.
#
#   scripts/run.sh                 # no arguments: try the tool on the bundled sample volume
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

YE="$ROOT/.venv/bin/yearbook-editor"
if [ "$#" -eq 0 ]; then
    # The main job on the bundled sample volume, in a scratch store: import it, show its
    # outline and the figures the 编辑说明 needs, export the corrected text.
    DEMO="${TMPDIR:-/tmp}/yearbook-editor-demo"
    mkdir -p "$DEMO"
    "$YE" --db "$DEMO/demo.db" sample
    "$YE" --db "$DEMO/demo.db" outline 1
    "$YE" --db "$DEMO/demo.db" stats 1
    "$YE" -q --db "$DEMO/demo.db" export 1 --format text -o "$DEMO/corrected.txt"
    echo "校正文本已写入 $DEMO/corrected.txt；用法见 scripts/run.sh --help"
    exit 0
fi
exec "$YE" "$@"
