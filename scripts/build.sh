#!/usr/bin/env bash
# Build the one-folder program with PyInstaller into dist/yearbook-editor/ and run its
# self-test. Works on Linux, on macOS (bash 3.2, stock tools) and in Git Bash on Windows.
#
#   scripts/build.sh              build, then the smoke test of the programs
#   PACKAGE=1 scripts/build.sh    also the package of this system into dist/:
#                                 Windows: the portable zip and, when makensis is installed,
#                                 the installer (installer/windows/yearbook-editor.nsi);
#                                 macOS: the dmg (scripts/make_dmg.sh); Linux: a tar.gz
#
# What it builds (build.spec): dist/yearbook-editor/ with yearbook-editor(.exe), the console
# program, and 年鉴校对台(.exe), the desktop program (windowed on Windows); on macOS the
# application dist/年鉴校对台.app. DIST and BUILD move the output and work folders.
# Windows without Git Bash: scripts/build-windows.ps1 does the same in PowerShell.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
DIST="${DIST:-$ROOT/dist}"
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || PY="$ROOT/.venv/Scripts/python.exe"
VERSION="$("$PY" -c 'import yearbook_editor; print(yearbook_editor.__version__)' | tr -d '\r')"

"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "${BUILD:-$ROOT/build}" build.spec

FOLDER="$DIST/yearbook-editor"
case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) system=windows; EXE=.exe ;;
    Darwin) system=macos; EXE= ;;
    *) system=linux; EXE= ;;
esac
echo "build: $(du -sk "$FOLDER" | cut -f1) KB in $FOLDER" >&2

export QT_QPA_PLATFORM=offscreen
"$FOLDER/yearbook-editor$EXE" --smoke-test
if [ "$system" = macos ]; then
    APP="$DIST/年鉴校对台.app"
    echo "build: $(du -sk "$APP" | cut -f1) KB in $APP" >&2
    "$APP/Contents/MacOS/yearbook-editor" --smoke-test
else
    # the desktop program draws its window with the sample volume (it has no console on Windows)
    shot="$DIST/smoke-window.png"
    rm -f "$shot"
    "$FOLDER/年鉴校对台$EXE" --screenshot "$shot"
    [ -s "$shot" ] || { echo "build: the desktop program drew no window" >&2; exit 1; }
    rm -f "$shot"
fi

[ "${PACKAGE:-0}" = 1 ] || exit 0
case "$system" in
    windows)
        (cd "$DIST" && "$PY" -c 'import shutil, sys; shutil.make_archive(sys.argv[1], "zip", ".", "yearbook-editor")' \
            "年鉴校对台-$VERSION-windows-x64-便携版")
        if command -v makensis >/dev/null 2>&1; then
            makensis -V2 "-DVERSION=$VERSION" "-DSOURCE=$(cygpath -w "$FOLDER" 2>/dev/null || echo "$FOLDER")" \
                "-DOUTFILE=$(cygpath -w "$DIST" 2>/dev/null || echo "$DIST")/年鉴校对台-$VERSION-安装程序.exe" \
                installer/windows/yearbook-editor.nsi
        else
            echo "build: makensis is not installed (NSIS 3); the installer was not made" >&2
        fi
        ;;
    macos) bash "$ROOT/scripts/make_dmg.sh" "$DIST/年鉴校对台.app" "$DIST/年鉴校对台-$VERSION-macos-$(uname -m).dmg" ;;
    linux) tar -C "$DIST" -czf "$DIST/yearbook-editor-$VERSION-linux-$(uname -m).tar.gz" yearbook-editor ;;
esac
ls -l "$DIST" >&2
