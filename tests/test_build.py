"""The installer build: build.spec builds a one-folder program whose --smoke-test passes.

Slow (about a minute): it runs the real PyInstaller build into a temporary folder, then the
built program's self-test offscreen (open the sample volume in the window, run the checks,
export every format, reopen the Word file and the JSON), and the desktop program (年鉴校对台,
windowed on Windows) renders its window offscreen. tests/test_packaging.py checks what the spec
builds on Windows and macOS without building.
"""

import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_build_spec_builds_and_the_program_passes_its_smoke_test(tmp_path):
    pytest.importorskip("PyInstaller")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"), str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=900, env=env,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    folder = tmp_path / "dist" / "yearbook-editor"
    exe = ".exe" if sys.platform == "win32" else ""
    program = folder / f"yearbook-editor{exe}"
    app = tmp_path / "dist" / "年鉴校对台.app"  # macOS: the application, made from the folder
    desktop = app / "Contents" / "MacOS" / "yearbook-editor" if sys.platform == "darwin" else folder / f"年鉴校对台{exe}"
    assert program.exists() and desktop.exists()
    if sys.platform == "darwin":
        info = plistlib.loads((app / "Contents" / "Info.plist").read_bytes())
        assert info["LSMinimumSystemVersion"] == "13.0" and info["CFBundleLocalizations"] == ["zh_CN", "en"]
    # bytes on disk: PyInstaller links the Qt libraries into _internal, a link adds nothing
    size_mb = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20
    assert size_mb < 220, f"bundle is {size_mb:.0f} MB"
    # what must travel with it
    internal = folder / "_internal"
    assert list(internal.rglob("yearbook_editor_zh_CN.qm")), "app translation missing"
    assert list(internal.rglob("qtbase_zh_CN.qm")), "Qt's Chinese translation missing"
    assert list(internal.rglob("河西区年鉴2021-示例.txt")), "sample volume missing"
    assert (internal / "jieba" / "dict.txt").exists() and (internal / "jieba" / "analyse" / "idf.txt").exists()
    assert list(internal.rglob("t2s.json")), "OpenCC configuration missing"
    assert not (internal / "jieba" / "lac_small").exists()
    assert not list(folder.rglob("opengl32sw.dll"))
    run = subprocess.run([str(program), "--smoke-test"], capture_output=True, text=True, encoding="utf-8",
                         errors="replace", timeout=300, env=env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "smoke test: 5 of 5 steps ok" in run.stdout
    assert "zh_CN: app, qtbase, qt_extra; quick start: 8 pages" in run.stdout  # Qt's dialogs and the help, frozen
    version = subprocess.run([str(program), "--version"], capture_output=True, text=True, encoding="utf-8",
                             errors="replace", timeout=60, env=env)
    assert version.returncode == 0 and "yearbook-editor" in version.stdout
    if sys.platform == "darwin":  # the application's own program is the same command line
        gui = subprocess.run([str(desktop), "--smoke-test"], capture_output=True, timeout=300, env=env)
        assert gui.returncode == 0, gui.stderr[-2000:]
    else:  # the desktop program: its window, drawn offscreen with the sample volume, as a PNG
        shot = tmp_path / "窗口.png"
        gui = subprocess.run([str(desktop), "--screenshot", str(shot)], capture_output=True, timeout=300, env=env)
        assert gui.returncode == 0, gui.stderr[-2000:]
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    shutil.rmtree(tmp_path / "build", ignore_errors=True)
