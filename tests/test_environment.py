"""Guards for the Python / PySide6 pairing and the GUI runtime.

PySide6-Essentials 6.12.0 gets reference counts wrong on Python 3.11: calls
that hand None back and forth drop None's refcount until the interpreter dies
with `Fatal Python error: none_dealloc` after a few thousand calls (Python
3.12+ makes None immortal, so it only shows on 3.11). pyproject.toml pins a
good version; these tests fail loudly if the environment drifts from the pin.

The smoke tests run in a subprocess so that a fatal error in Qt or in the
bindings fails one test instead of killing the whole pytest session.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from .conftest import CHILD_ENCODING

ROOT = Path(__file__).resolve().parent.parent
BAD_ON_PY311 = "6.12.0"


def _pinned_pyside6() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for req in data["project"]["dependencies"]:
        m = re.fullmatch(r"\s*PySide6-Essentials\s*==\s*([0-9][0-9A-Za-z.]*)\s*", req)
        if m:
            return m.group(1)
    raise AssertionError("pyproject.toml must pin PySide6-Essentials with '=='")


def _run_python(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", textwrap.dedent(code)],
        capture_output=True,
        encoding=CHILD_ENCODING,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )


def test_pyside6_is_the_pinned_version():
    import PySide6

    pinned = _pinned_pyside6()
    installed = metadata.version("PySide6-Essentials")
    assert installed == pinned, (
        f"PySide6-Essentials {installed} is installed but pyproject.toml pins {pinned}: "
        "run scripts/bootstrap.sh (or pip install -e '.[dev]')"
    )
    assert PySide6.__version__ == pinned
    assert metadata.version("shiboken6") == pinned


def test_pyside6_612_not_used_on_python311():
    if sys.version_info[:2] != (3, 11):
        pytest.skip("the PySide6 6.12.0 refcount bug only bites on Python 3.11")
    import PySide6

    assert _pinned_pyside6() != BAD_ON_PY311, (
        "pyproject.toml pins PySide6-Essentials 6.12.0, which crashes on Python 3.11 (none_dealloc)"
    )
    assert metadata.version("PySide6-Essentials") != BAD_ON_PY311
    assert PySide6.__version__ != BAD_ON_PY311


NONE_ROUNDTRIP = """
    import sys
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    app = QApplication([])
    top = QWidget()
    before = sys.getrefcount(None)
    for i in range(4000):
        obj = QObject()
        obj.setParent(None)            # None in
        assert obj.parent() is None    # None out
        obj.setParent(top)
        obj.setParent(None)
        assert obj.property("missing") is None
        obj.setProperty("value", None)
        w = QLabel()
        assert w.parentWidget() is None
        w.setParent(top)
        w.setParent(None)
        assert w.focusWidget() is None
        assert w.buddy() is None
        w.setBuddy(None)
        w.setToolTip("年鉴 %d" % i)
        assert w.toolTip().endswith(str(i))
        w.deleteLater()
        assert app.activePopupWidget() is None
        if i % 500 == 0:
            app.processEvents()
    app.processEvents()
    after = sys.getrefcount(None)
    print("none refcount", before, after)
    # Python 3.12+ reports a huge constant (None is immortal); on 3.11 a
    # binding that over-releases None makes this drop by thousands.
    assert after >= before - 200, (before, after)
    print("OK")
"""


@pytest.mark.gui
def test_pyside6_survives_thousands_of_none_calls():
    """The pairing guard: ~50,000 calls passing None in and out must not crash."""
    proc = _run_python(NONE_ROUNDTRIP)
    out = proc.stdout + proc.stderr
    assert "none_dealloc" not in out, out
    assert proc.returncode == 0, f"exit code {proc.returncode}\n{out}"
    assert "OK" in proc.stdout, out


@pytest.mark.gui
def test_cjk_font_is_available():
    """A CJK font must be installed, else Chinese text renders as boxes."""
    proc = _run_python(
        """
        from PySide6.QtGui import QFontDatabase, QFontMetrics, QFont
        from PySide6.QtWidgets import QApplication

        app = QApplication([])
        fams = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        print("families:", fams[:5])
        assert fams, "no font for Simplified Chinese"
        fm = QFontMetrics(QFont(fams[0]))
        assert all(fm.inFont(c) for c in "年鉴校对台"), "CJK font lacks common glyphs"
        print("OK")
        """
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "OK" in proc.stdout, (
        "no CJK font found (on Debian: apt-get install fonts-noto-cjk fontconfig, "
        f"or run scripts/bootstrap.sh)\n{out}"
    )
