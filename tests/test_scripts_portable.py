"""scripts/bootstrap.sh on macOS and in Git Bash on Windows (issue 18, item 7).

Each system is stood in for by what the script can see of it: a PATH holding only the tools
that system has (macOS: shasum, no sha256sum, no flock; a bare system: not even shasum, so
Python computes the checksum) and the virtualenv layout it makes (Windows: .venv/Scripts/
python.exe). The virtualenv is up to date in each case, so the script must recognise it
(the same stamp on every system) and install nothing.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE_TOOLS = ("bash", "cat", "cut", "tr", "dirname", "grep", "sed", "mktemp", "rm", "uname", "env")

pytestmark = pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None,
                                reason="stands in for other systems with POSIX tools")


def _checkout(tmp_path: Path, layout: str, tools: tuple[str, ...]) -> tuple[Path, dict]:
    root = tmp_path / "年鉴 checkout"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "bootstrap.sh", root / "scripts" / "bootstrap.sh")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    if layout == "windows":
        scripts = root / ".venv" / "Scripts"
        scripts.mkdir(parents=True)
        (scripts / "python.exe").symlink_to(sys.executable)
        (scripts / "yearbook-editor.exe").write_text("")
        (scripts / "yearbook-editor.exe").chmod(0o755)
    else:
        venv_bin = root / ".venv" / "bin"
        venv_bin.mkdir(parents=True)
        (venv_bin / "python").symlink_to(sys.executable)
        (venv_bin / "yearbook-editor").write_text("#!/bin/sh\n")
        (venv_bin / "yearbook-editor").chmod(0o755)
    # the stamp as any system computes it: SHA-256 of pyproject.toml and the Python version line
    stamp = hashlib.sha256((root / "pyproject.toml").read_bytes() + (sys.version + "\n").encode()).hexdigest()
    (root / ".venv" / ".bootstrap-stamp").write_text(stamp + "\n")
    path = tmp_path / "path"
    path.mkdir()
    for tool in BASE_TOOLS + tools:
        found = sys.executable if tool == "python3" else shutil.which(tool)
        if found is None:
            pytest.skip(f"{tool} is not installed here")
        (path / tool).symlink_to(found)
    (path / "id").write_text("#!/bin/sh\necho 1000\n")
    (path / "id").chmod(0o755)
    env = {"PATH": str(path), "HOME": str(tmp_path), "TMPDIR": str(tmp_path), "YEARBOOK_SKIP_APT": "1",
           "LANG": "C.UTF-8"}
    return root, env


def _run(root: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([shutil.which("bash"), str(root / "scripts" / "bootstrap.sh")], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", env=env, timeout=120)


@pytest.mark.parametrize("system, layout, tools", [
    ("macOS: shasum, no sha256sum, no flock", "posix", ("shasum", "perl")),
    ("Git Bash: .venv/Scripts, sha256sum", "windows", ("sha256sum",)),
    ("no checksum tool: Python computes it", "posix", ("python3",)),
])
def test_an_up_to_date_virtualenv_is_recognised(tmp_path, system, layout, tools):
    root, env = _checkout(tmp_path, layout, tools)
    r = _run(root, env)
    assert r.returncode == 0, f"{system}: {r.stderr}"
    assert "everything is installed and up to date" in r.stderr, f"{system}: {r.stderr}"
    assert "pip install" not in r.stderr


def test_the_scripts_name_no_posix_only_virtualenv_path():
    """run.sh, test.sh and build.sh find the virtualenv's Python in bin/ or Scripts/."""
    for name in ("run.sh", "test.sh", "build.sh"):
        text = (ROOT / "scripts" / name).read_text(encoding="utf-8")
        assert ".venv/Scripts/python.exe" in text, name
