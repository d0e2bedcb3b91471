"""The Windows installer script compiles (issue 18, item 2).

makensis runs on Linux too (Debian's nsis, installed by scripts/bootstrap.sh): the script is
compiled against a small stand-in of the PyInstaller folder, which checks its syntax, its
includes (MUI2 in Simplified Chinese, WinVer, x64), the icon and the version defines. The real
folder is compiled by scripts/build-windows.ps1 on Windows and in CI.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from yearbook_editor import __version__

ROOT = Path(__file__).resolve().parent.parent
NSI = ROOT / "installer" / "windows" / "yearbook-editor.nsi"


def test_the_installer_is_per_user_and_chinese():
    raw = NSI.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # makensis on Windows reads a script without a BOM as ANSI
    text = raw.decode("utf-8-sig")
    assert re.search(r"^RequestExecutionLevel user$", text, re.M)
    assert '"$LOCALAPPDATA\\Programs\\${APPNAME}"' in text and "HKLM" not in text
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in text
    assert "${AtLeastBuild} 17763" in text and "${RunningX64}" in text


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian package nsis) is not installed")
def test_the_installer_script_compiles(tmp_path):
    source = tmp_path / "yearbook-editor"
    (source / "_internal").mkdir(parents=True)
    (source / "yearbook-editor.exe").write_bytes(b"MZ console program")
    (source / "年鉴校对台.exe").write_bytes(b"MZ windowed program")
    (source / "_internal" / "base_library.zip").write_bytes(b"PK")
    out = tmp_path / f"年鉴校对台-{__version__}-安装程序.exe"
    r = subprocess.run(["makensis", "-V2", f"-DVERSION={__version__}", f"-DSOURCE={source}", f"-DOUTFILE={out}",
                        str(NSI)], capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    data = out.read_bytes()
    assert data[:2] == b"MZ" and len(data) > 30_000
