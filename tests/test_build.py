"""The installer build: build.spec builds a one-folder program whose --smoke-test passes.

Slow (about a minute): it runs the real PyInstaller build into a temporary folder, then the
built program's self-test offscreen (open the sample volume in the window, run the checks,
export every format, reopen the Word file and the JSON).
"""

import os
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
        cwd=ROOT, capture_output=True, text=True, timeout=900, env=env,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    folder = tmp_path / "dist" / "yearbook-editor"
    program = folder / ("yearbook-editor.exe" if sys.platform == "win32" else "yearbook-editor")
    assert program.exists()
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
    run = subprocess.run([str(program), "--smoke-test"], capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "smoke test: 5 of 5 steps ok" in run.stdout
    version = subprocess.run([str(program), "--version"], capture_output=True, text=True, timeout=60, env=env)
    assert version.returncode == 0 and "yearbook-editor" in version.stdout
    shutil.rmtree(tmp_path / "build", ignore_errors=True)
