"""A missing system library of Qt's platform plugin is one Chinese sentence naming the
package to install, not Qt's raw "could not load the Qt platform plugin" and an abort
(issue 12, item 11).

The real case is made with a real shared object: a stand-in xcb plugin linked against a
library that is then removed, given to the app as its plugin folder, so the dynamic loader
fails exactly as it does on a desktop without libxcb-cursor0.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from yearbook_editor.gui.app import _package_of, platform_problem

from ..conftest import CHILD_ENCODING


def _env(**extra) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), **extra)
    for key in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        env.pop(key, None)
    return env


@pytest.fixture(scope="module")
def broken_plugins(tmp_path_factory) -> Path:
    """platforms/libqxcb.so that needs libyb-gone.so.0, which no longer exists."""
    if shutil.which("gcc") is None:
        pytest.skip("needs gcc to build the stand-in plugin")
    d = tmp_path_factory.mktemp("plugins")
    (d / "empty.c").write_text("int yb_stub(void) { return 0; }\n")
    (d / "dep").mkdir()
    (d / "platforms").mkdir()
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(d / "dep" / "libyb-gone.so.0"),
                    "-Wl,-soname,libyb-gone.so.0", str(d / "empty.c")], check=True)
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(d / "platforms" / "libqxcb.so"), str(d / "empty.c"),
                    "-L", str(d / "dep"), "-Wl,--no-as-needed", "-l:libyb-gone.so.0"], check=True)
    shutil.rmtree(d / "dep")
    return d / "platforms"


def test_the_stand_in_plugin_really_fails_to_load(broken_plugins):
    import ctypes

    with pytest.raises(OSError, match=r"libyb-gone\.so\.0: cannot open shared object file"):
        ctypes.CDLL(str(broken_plugins / "libqxcb.so"))


def test_the_app_says_which_package_is_missing_in_one_sentence(broken_plugins, tmp_path):
    code = ("import functools, sys\n"
            "import yearbook_editor.gui.app as app\n"
            "app.platform_problem = functools.partial(app.platform_problem, plugins_dir=sys.argv[1])\n"
            "sys.exit(app.main(['--db', sys.argv[2], '--settings', sys.argv[3]]))\n")
    r = subprocess.run([sys.executable, "-c", code, str(broken_plugins.parent), str(tmp_path / "s.db"),
                        str(tmp_path / "s.ini")], capture_output=True, encoding=CHILD_ENCODING, timeout=60,
                       env=_env(QT_QPA_PLATFORM="xcb", DISPLAY=":77"))
    assert r.returncode == 1, (r.returncode, r.stderr)
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, r.stderr
    assert "libyb-gone.so.0" in lines[0] and "apt-get install libyb-gone0" in lines[0], lines[0]
    assert lines[0].startswith("桌面程序无法启动") and lines[0].endswith("。") and lines[0].count("。") == 1
    assert "could not" not in r.stderr.lower() and "Traceback" not in r.stderr
    assert not (tmp_path / "s.db").exists()  # stopped before anything was opened


def test_a_plugin_folder_given_to_qt_is_checked_too(broken_plugins):
    """QT_QPA_PLATFORM_PLUGIN_PATH: Qt looks there first, then in its own folder; the check
    is content when either loads, and names the library when none does."""
    env = {"QT_QPA_PLATFORM": "xcb", "QT_QPA_PLATFORM_PLUGIN_PATH": str(broken_plugins)}
    assert platform_problem(env) is None  # this machine's own xcb plugin loads
    msg = platform_problem(env, plugins_dir=str(broken_plugins.parent))
    assert "libyb-gone.so.0" in msg


def test_a_sound_or_offscreen_platform_passes_the_check(broken_plugins):
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen", "QT_QPA_PLATFORM_PLUGIN_PATH": str(broken_plugins)}) is None
    assert platform_problem({"QT_QPA_PLATFORM": "minimal"}) is None
    # the real plugins of this machine (bootstrap installed their libraries)
    assert platform_problem({"QT_QPA_PLATFORM": "xcb"}) is None
    # a fallback list: the first that loads is enough
    assert platform_problem({"QT_QPA_PLATFORM": "xcb;wayland"}, load=lambda p: None) is None


def test_the_first_missing_library_is_named_even_through_a_fallback():
    def load(path):
        raise OSError(f"{'libwayland-cursor.so.0' if 'wayland' in path else 'libxcb-icccm.so.4'}:"
                      " cannot open shared object file: No such file or directory")

    msg = platform_problem({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, load=load)
    assert "libwayland-cursor.so.0" in msg and "libwayland-cursor0" in msg


def test_a_broken_qt_install_points_to_bootstrap_not_to_a_made_up_package():
    def load(path):
        raise OSError("libQt6XcbQpa.so.6: cannot open shared object file: No such file or directory")

    msg = platform_problem({"QT_QPA_PLATFORM": "xcb"}, load=load)
    assert "scripts/bootstrap.sh" in msg and "apt-get install" not in msg


@pytest.mark.parametrize("library, package", [
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libglib-2.0.so.0", "libglib2.0-0"), ("libdbus-1.so.3", "libdbus-1-3"), ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libEGL.so.1", "libegl1"), ("libfontconfig.so.1.12.0", "libfontconfig1"), ("libwayland-egl.so.1", "libwayland-egl1"),
])
def test_debian_package_names_of_the_plugins_libraries(library, package):
    """Each is a package bootstrap.sh installs (README: System packages)."""
    assert _package_of(library) == package
    assert package in (Path(__file__).resolve().parents[2] / "scripts" / "bootstrap.sh").read_text()
