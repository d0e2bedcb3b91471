"""scripts/bootstrap.sh waits for an apt/dpkg lock held by another program (issue 12, item 11).

The script runs in a scratch copy of the checkout with stand-ins for apt-get, dpkg-query
and id on PATH: every system package looks missing, and apt-get answers the way Debian's
does while unattended-upgrades holds the lock ("Could not get lock …", exit 100) for its
first calls. The Python part finds its virtualenv up to date, so nothing is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = [pytest.mark.posix,  # stand-ins for apt-get and dpkg-query as shell scripts
              pytest.mark.skipif(shutil.which("bash") is None or shutil.which("sha256sum") is None,
                                 reason="needs bash and sha256sum")]

_APT_GET = """#!/bin/sh
n=$(cat "$CALLS" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$CALLS"
echo "$*" >> "$CALLS.args"
if [ "$n" -le "$LOCKED_CALLS" ]; then
    echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)" >&2
    echo "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?" >&2
    exit 100
fi
echo "Reading package lists..."
"""


def _checkout(tmp_path: Path) -> tuple[Path, dict]:
    root = tmp_path / "checkout"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "bootstrap.sh", root / "scripts" / "bootstrap.sh")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    venv_bin = root / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "python").symlink_to(sys.executable)
    (venv_bin / "yearbook-editor").write_text("#!/bin/sh\n")
    (venv_bin / "yearbook-editor").chmod(0o755)
    stamp = subprocess.run(["bash", "-c", "{ cat \"$1/pyproject.toml\"; \"$1/.venv/bin/python\" -c "
                            "'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1", "-", str(root)],
                           capture_output=True, encoding="utf-8", check=True).stdout
    (root / ".venv" / ".bootstrap-stamp").write_text(stamp)
    fake = tmp_path / "bin"
    fake.mkdir()
    for name, body in (("apt-get", _APT_GET), ("dpkg-query", "#!/bin/sh\nexit 0\n"),
                       ("id", "#!/bin/sh\necho 0\n")):
        (fake / name).write_text(body)
        (fake / name).chmod(0o755)
    env = dict(os.environ, PATH=f"{fake}{os.pathsep}{os.environ['PATH']}", TMPDIR=str(tmp_path),
               CALLS=str(tmp_path / "calls"))
    for knob in ("YEARBOOK_SKIP_APT", "YEARBOOK_FORCE_PIP", "PYTHON"):
        env.pop(knob, None)
    return root, env


def _run(root: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(root / "scripts" / "bootstrap.sh")], capture_output=True, encoding="utf-8",
                          env=env, timeout=120)


def test_a_held_apt_lock_is_waited_for_and_said(tmp_path):
    root, env = _checkout(tmp_path)
    r = _run(root, dict(env, LOCKED_CALLS="2"))
    assert r.returncode == 0, r.stderr
    assert "another program holds the apt/dpkg lock" in r.stderr and "waiting up to 60 s" in r.stderr, r.stderr
    assert r.stderr.count("waiting up to") == 1  # said once, not at every try
    assert "Could not get lock" in r.stderr  # which program, in apt's own words
    args = (tmp_path / "calls.args").read_text().splitlines()
    assert len(args) == 4 and args[2].startswith("update") and args[3].startswith("install"), args
    assert "giving up" not in r.stderr and "apt-get update failed" not in r.stderr


def test_a_lock_never_released_is_given_up_after_the_wait(tmp_path):
    root, env = _checkout(tmp_path)
    r = _run(root, dict(env, LOCKED_CALLS="1000", YEARBOOK_APT_LOCK_WAIT="4"))
    assert r.returncode == 0, r.stderr  # carries on without the system packages, as before
    assert "still held by another program after 4 s; giving up" in r.stderr, r.stderr
    assert "continuing without them" in r.stderr
    assert len((tmp_path / "calls.args").read_text().splitlines()) == 3  # tried at 0, 2 and 4 s


def test_another_apt_failure_is_not_waited_for(tmp_path):
    root, env = _checkout(tmp_path)
    fake_apt = tmp_path / "bin" / "apt-get"
    fake_apt.write_text("#!/bin/sh\necho \"$*\" >> \"$CALLS.args\"\necho 'E: Unable to locate package x' >&2\nexit 100\n")
    r = _run(root, env)
    assert r.returncode == 0, r.stderr
    assert "waiting" not in r.stderr and "apt-get update failed" in r.stderr, r.stderr
    assert len((tmp_path / "calls.args").read_text().splitlines()) == 1
