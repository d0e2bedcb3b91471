#!/usr/bin/env bash
# Install everything yearbook-editor needs, then return. Safe to run again:
# when nothing is missing it only checks (well under a second or two).
#
#   scripts/bootstrap.sh            # called by scripts/run.sh and scripts/test.sh
#   source scripts/bootstrap.sh     # same, from another bash script
#
# What it does:
#   1. system libraries Qt (PySide6) needs on Debian 12, plus a CJK font:
#      checked with dpkg-query, installed with apt-get only if some are missing
#      (as root directly, else with sudo, else it prints what to install);
#   2. a virtualenv in .venv with Python >= 3.11;
#   3. `pip install -e ".[dev]"` into it, skipped when pyproject.toml has not
#      changed since the last install (hash kept in .venv/.bootstrap-stamp).
#
# Runs on Debian/Ubuntu, on macOS (bash 3.2 and stock tools: shasum instead of
# sha256sum, no flock) and in Git Bash on Windows (the virtualenv's programs are in
# .venv/Scripts there, Python is found through the py launcher). Windows without Git
# Bash: scripts/build-windows.ps1.
#
# Environment knobs:
#   PYTHON=/path/to/python3.11    interpreter used to create .venv
#   YEARBOOK_SKIP_APT=1           never look at or install system packages
#   YEARBOOK_FORCE_PIP=1          reinstall the Python packages even if up to date
#   YEARBOOK_APT_LOCK_WAIT=60     seconds to wait for an apt/dpkg lock held by another program

_yb_bootstrap() {
    set -euo pipefail

    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    local venv="$root/.venv"
    local stamp="$venv/.bootstrap-stamp"

    say() { printf 'bootstrap: %s\n' "$*" >&2; }
    die() { printf 'bootstrap: ERROR: %s\n' "$*" >&2; exit 1; }

    # sha256_hex: the SHA-256 of standard input in hex (sha256sum on Linux and Git Bash,
    # shasum on macOS, else any Python).
    sha256_hex() {
        if command -v sha256sum >/dev/null 2>&1; then
            sha256sum | cut -d' ' -f1
        elif command -v shasum >/dev/null 2>&1; then
            shasum -a 256 | cut -d' ' -f1
        else
            local p
            for p in "$(venv_prog python)" python3 python py; do
                if command -v "$p" >/dev/null 2>&1 && "$p" -c '' >/dev/null 2>&1; then
                    "$p" -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'
                    return
                fi
            done
            die "no sha256sum, shasum or Python to compute a checksum"
        fi
    }

    # venv_prog NAME: the virtualenv's program NAME (bin/NAME, or Scripts/NAME.exe on Windows)
    venv_prog() {
        if [ -x "$venv/bin/$1" ]; then
            printf '%s\n' "$venv/bin/$1"
        elif [ -x "$venv/Scripts/$1.exe" ]; then
            printf '%s\n' "$venv/Scripts/$1.exe"
        else
            printf '%s\n' "$venv/bin/$1"
        fi
    }

    # Two runs at once (say run.sh and test.sh in two terminals) would fight
    # over apt and .venv: let the second one wait for the first.
    if command -v flock >/dev/null 2>&1; then
        local lock
        lock="${TMPDIR:-/tmp}/yearbook-bootstrap-$(printf '%s' "$root" | sha256_hex | cut -c1-12).lock"
        exec 9>"$lock"
        if ! flock -n 9; then
            say "another bootstrap is running for this checkout; waiting for it"
            flock 9
        fi
    fi

    # ---------------------------------------------------------------- apt ---
    # Debian 12 (bookworm) package names. Found by running ldd on the Qt
    # libraries and plugins of the PySide6-Essentials 6.11.3 wheel in a fresh
    # debootstrap root, then starting a QApplication on offscreen, xcb (Xvfb)
    # and wayland (weston headless).
    local qt_pkgs=(
        libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
        libegl1 libgl1 libx11-6
        libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4
        libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0
        libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
        libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
        libwayland-client0 libwayland-cursor0 libwayland-egl1
        fontconfig fonts-noto-cjk
        # PyInstaller (the installer build, tested in the suite) reads binaries with
        # objdump and strips them: binutils
        binutils
        # makensis compiles the Windows installer script in tests/test_installer.py
        nsis
    )

    local apt_updated=0
    # Prefix for commands that need root: "" as root, "sudo" if usable, or
    # "no" when we can only tell the user what to run.
    local as_root=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
            as_root="sudo"
        else
            as_root="no"
        fi
    fi

    # apt_get LOG ARGS... : apt-get ARGS as root, its output in LOG. Another program
    # holding the apt/dpkg lock (unattended-upgrades, a package manager window, another
    # apt-get) is waited for, up to YEARBOOK_APT_LOCK_WAIT seconds (default 60), saying
    # so, instead of failing at once.
    apt_get() {
        local log="$1"; shift
        local waited=0 limit="${YEARBOOK_APT_LOCK_WAIT:-60}" step=2
        while :; do
            if $as_root env DEBIAN_FRONTEND=noninteractive apt-get "$@" >"$log" 2>&1; then
                return 0
            fi
            if ! grep -qiE 'could not get lock|unable to (acquire|lock)|is another process using it' "$log"; then
                return 1
            fi
            if [ "$waited" -ge "$limit" ]; then
                say "the apt/dpkg lock is still held by another program after ${limit} s; giving up"
                return 1
            fi
            if [ "$waited" -eq 0 ]; then
                say "another program holds the apt/dpkg lock (see below); waiting up to ${limit} s for it to finish"
                grep -iE -m1 'could not get lock|unable to (acquire|lock)' "$log" | sed 's/^/bootstrap:   /' >&2 || true
            fi
            sleep "$step"
            waited=$((waited + step))
        done
    }

    # apt_install PKG... : install with apt-get; returns 1 if we cannot.
    apt_install() {
        if [ "$as_root" = "no" ]; then
            say "cannot install system packages (not root, and sudo is missing or needs a password). Please run as root:"
            say "  apt-get update && apt-get install -y --no-install-recommends $*"
            return 1
        fi
        # apt's own chatter goes to a log; it is shown only if apt fails.
        local log
        log="$(mktemp "${TMPDIR:-/tmp}/yearbook-apt.XXXXXX")"
        if [ "$apt_updated" -eq 0 ]; then
            say "updating the Debian package lists (apt-get update)"
            if ! apt_get "$log" update -q; then
                cat "$log" >&2; rm -f "$log"
                say "apt-get update failed"; return 1
            fi
            apt_updated=1
        fi
        say "installing system packages: $*"
        if ! apt_get "$log" install -y -q --no-install-recommends "$@"; then
            tail -n 40 "$log" >&2; rm -f "$log"
            say "apt-get install failed"; return 1
        fi
        rm -f "$log"
    }

    # missing_pkgs PKG... : print the packages that are not installed.
    missing_pkgs() {
        local p missing=()
        local status
        # One dpkg-query call for all of them; unknown packages print nothing.
        status="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null || true)"
        for p in "$@"; do
            if ! grep -qE "^${p//./\\.}(:[a-z0-9]+)? ii" <<<"$status"; then
                missing+=("$p")
            fi
        done
        if [ "${#missing[@]}" -gt 0 ]; then
            # Newer Debian renamed some libraries (e.g. libglib2.0-0t64); the
            # new package "Provides" the old name, so count that as installed.
            local provides
            provides="$(dpkg-query -W -f='${Provides}\n' 2>/dev/null | tr ',' '\n' | sed 's/[ (].*//; s/^ *//' | sort -u)"
            for p in "${missing[@]}"; do
                grep -qxF "$p" <<<"$provides" || printf '%s\n' "$p"
            done
        fi
    }

    if [ "${YEARBOOK_SKIP_APT:-0}" = "1" ]; then
        say "skipping system packages (YEARBOOK_SKIP_APT=1)"
    elif ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian/Ubuntu system: make sure Qt 6 runtime libraries (EGL, GL, xkbcommon, xcb, wayland, fontconfig) and a CJK font are installed"
    else
        # Debian's own Python keeps its shared library in libpython3.X, which PyInstaller
        # bundles (the installer build); other Pythons (pyenv, python.org) carry their own.
        local v
        for v in 3.11 3.12 3.13; do
            if [ -x "/usr/bin/python$v" ]; then qt_pkgs+=("libpython$v"); fi
        done
        local missing
        missing="$(missing_pkgs "${qt_pkgs[@]}")"
        if [ -n "$missing" ]; then
            # shellcheck disable=SC2086
            apt_install $missing || say "continuing without them; the desktop app and GUI tests may not start"
        fi
    fi

    # ------------------------------------------------------------- python ---
    py_ok() {  # py_ok PYTHON : true if it runs and is >= 3.11
        "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1
    }

    local venv_ok=0
    if py_ok "$(venv_prog python)"; then
        venv_ok=1
    fi

    if [ "$venv_ok" -eq 0 ]; then
        local py=""
        if [ -n "${PYTHON:-}" ]; then
            py_ok "$PYTHON" || die "PYTHON=$PYTHON is not a working Python >= 3.11"
            py="$PYTHON"
        else
            local c
            for c in python3.11 python3 python; do
                if command -v "$c" >/dev/null 2>&1 && py_ok "$c"; then py="$c"; break; fi
            done
            # Windows: the py launcher knows the installed Pythons (python3 there may be the
            # Microsoft Store's stand-in, which py_ok rejects)
            if [ -z "$py" ] && command -v py >/dev/null 2>&1; then
                local v found_py
                for v in 3.11 3.12 3.13 3; do
                    found_py="$(py "-$v" -c 'import sys; print(sys.executable)' 2>/dev/null | tr -d '\r')" || continue
                    if [ -n "$found_py" ] && command -v cygpath >/dev/null 2>&1; then found_py="$(cygpath -u "$found_py")"; fi
                    if [ -n "$found_py" ] && py_ok "$found_py"; then py="$found_py"; break; fi
                done
            fi
            if [ -z "$py" ] && command -v dpkg-query >/dev/null 2>&1 && [ "${YEARBOOK_SKIP_APT:-0}" != "1" ]; then
                # Fresh Debian without Python: its python3 is 3.11 on Debian 12.
                apt_install python3 python3-venv || true
                if command -v python3 >/dev/null 2>&1 && py_ok python3; then py=python3; fi
            fi
            if [ -z "$py" ]; then
                local found="none"
                command -v python3 >/dev/null 2>&1 && found="$(python3 --version 2>&1)"
                die "Python 3.11 or newer is needed (found: $found). Install python3.11, or set PYTHON=/path/to/python3.11"
            fi
        fi
        local pyver
        pyver="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

        # Debian splits venv/ensurepip into python3.X-venv.
        if ! "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; then
            if command -v dpkg-query >/dev/null 2>&1; then
                say "Python $pyver cannot create virtualenvs yet (no ensurepip)"
                apt_install "python${pyver}-venv" || true
            fi
            "$py" -c 'import ensurepip, venv' >/dev/null 2>&1 \
                || die "python$pyver cannot create a virtualenv: install python${pyver}-venv (Debian/Ubuntu) and run again"
        fi

        if [ -e "$venv" ]; then
            say "the virtualenv in .venv is broken or too old; recreating it with $py (Python $pyver)"
            "$py" -m venv --clear "$venv" >&2 || die "could not create .venv"
        else
            say "creating the virtualenv .venv with $py (Python $pyver)"
            "$py" -m venv "$venv" >&2 || die "could not create .venv"
        fi
        rm -f "$stamp"
    fi

    # ------------------------------------------------------------------ pip ---
    # The stamp holds a hash of what decides the installed set: pyproject.toml
    # and the venv's Python version.
    local want vpy
    vpy="$(venv_prog python)"
    want="$(
        {
            cat "$root/pyproject.toml"
            "$vpy" -c 'import sys; print(sys.version)' | tr -d '\r'
        } | sha256_hex
    )"
    if [ "${YEARBOOK_FORCE_PIP:-0}" != "1" ] && [ -f "$stamp" ] \
        && [ "$(cat "$stamp")" = "$want" ] && [ -x "$(venv_prog yearbook-editor)" ]; then
        say "everything is installed and up to date"
        return 0
    fi

    say "installing yearbook-editor and its Python packages into .venv (pip install -e \".[dev]\")"
    (
        cd "$root"
        PIP_DISABLE_PIP_VERSION_CHECK=1 "$vpy" -m pip install \
            --quiet --progress-bar off -e ".[dev]" >&2
    ) || die "pip install failed (see the messages above)"
    printf '%s\n' "$want" >"$stamp"
    say "done"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    # Run as a script.
    _yb_bootstrap
else
    # Sourced: run in a subshell so `set -e` and helper functions do not leak
    # into the caller; return its status.
    ( _yb_bootstrap )
fi
