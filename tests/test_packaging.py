"""The packages for Windows and macOS (issue 18), checked on any system without building:

- build.spec run with PyInstaller's build steps recorded (not performed) as on Windows, macOS
  and Linux: two programs on Windows (console yearbook-editor, windowed 年鉴校对台) with icon and
  version resource; on macOS one program in a BUNDLE with its Info.plist and .icns; Qt's OpenGL
  software renderer left out;
- the version resource text as PyInstaller evaluates it, from yearbook_editor.__version__;
- the icons: ICO and ICNS tables of PNG images of the stated sizes;
- the launcher: the windowed program gets standard streams and opens the desktop app.
"""

from __future__ import annotations

import importlib.util
import plistlib
import struct
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from yearbook_editor import __version__

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"yb_{name}", RESOURCES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_info = load("build_info")


class Recorder:
    """Stands in for one of PyInstaller's build steps: keeps what the spec gave it."""

    made: ClassVar[list] = []

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        Recorder.made.append(self)


class Analysis(Recorder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scripts, self.pure = ["launcher"], ["modules"]
        self.binaries = [
            ("PySide6/opengl32sw.dll", "/x/opengl32sw.dll", "BINARY"),
            ("PySide6/Qt6Widgets.dll", "/x/Qt6Widgets.dll", "BINARY"),
            ("PySide6/plugins/platforms/qwindows.dll", "/x/qwindows.dll", "BINARY"),
            ("PySide6/plugins/sqldrivers/qsqlite.dll", "/x/qsqlite.dll", "BINARY"),
        ]
        self.datas = [
            ("PySide6/translations/qtbase_zh_CN.qm", "/x/a.qm", "DATA"),
            ("PySide6/translations/qtbase_ja.qm", "/x/b.qm", "DATA"),
            ("jieba/lac_small/model", "/x/model", "DATA"),
            ("jieba/dict.txt", "/x/dict.txt", "DATA"),
        ]


class EXE(Recorder):
    pass


class PYZ(Recorder):
    pass


class COLLECT(Recorder):
    pass


class BUNDLE(Recorder):
    pass


def run_spec(platform: str, workpath: Path) -> dict:
    """Run build.spec as PyInstaller does on ``platform``, with the build steps recorded."""
    Recorder.made = []
    real_platform = sys.platform
    sys.platform = platform
    namespace = {"Analysis": Analysis, "EXE": EXE, "PYZ": PYZ, "COLLECT": COLLECT, "BUNDLE": BUNDLE,
                 "SPECPATH": str(ROOT), "workpath": str(workpath), "DISTPATH": str(workpath / "dist")}
    saved_path = list(sys.path)
    try:
        exec(compile((ROOT / "build.spec").read_bytes(), str(ROOT / "build.spec"), "exec"), namespace)
    finally:
        sys.path[:] = saved_path
        sys.platform = real_platform
    made = list(Recorder.made)
    return {
        "analysis": next(m for m in made if isinstance(m, Analysis)),
        "exes": [m for m in made if isinstance(m, EXE)],
        "collect": [m for m in made if isinstance(m, COLLECT)],
        "bundle": [m for m in made if isinstance(m, BUNDLE)],
    }


pytest.importorskip("PyInstaller")  # the spec reads jieba's and OpenCC's data with PyInstaller's helpers


def version_resource(text: str) -> dict:
    """Evaluate a version file as PyInstaller does (eval with its class names), recording the parts."""
    def rec(kind):
        return lambda *args, **kwargs: {"kind": kind, "args": args, **kwargs}

    names = {n: rec(n) for n in ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
                                 "VarFileInfo", "VarStruct")}
    return eval(text, names)  # our own generated text, read the way PyInstaller reads it


def test_windows_two_programs_icon_version_no_software_opengl(tmp_path):
    built = run_spec("win32", tmp_path)
    exes = built["exes"]
    assert [e.kwargs["name"] for e in exes] == ["yearbook-editor", "年鉴校对台"]
    assert [e.kwargs["console"] for e in exes] == [True, False]
    for exe in exes:
        assert exe.kwargs["icon"].endswith("app.ico") and Path(exe.kwargs["icon"]).exists()
        assert exe.kwargs["exclude_binaries"] is True  # one folder
        resource = version_resource(Path(exe.kwargs["version"]).read_text(encoding="utf-8"))
        fixed = resource["ffi"]
        assert fixed["filevers"] == fixed["prodvers"] == build_info.version_tuple(__version__)
        strings = dict(s["args"] for s in resource["kids"][0]["args"][0][0]["args"][1])
        assert strings["FileVersion"] == strings["ProductVersion"] == __version__
        assert strings["OriginalFilename"] == exe.kwargs["name"] + ".exe"
        assert strings["ProductName"] == "年鉴校对台"
        assert resource["kids"][1]["args"][0][0]["args"] == ("Translation", [0x0804, 1200])
    # both programs in one folder, sharing the libraries
    (collect,) = built["collect"]
    assert collect.kwargs["name"] == "yearbook-editor" and set(collect.args[:2]) == set(exes)
    assert not built["bundle"]
    kept = [b[0] for b in built["analysis"].binaries]
    assert "PySide6/opengl32sw.dll" not in kept and "PySide6/Qt6Widgets.dll" in kept
    assert "PySide6/plugins/platforms/qwindows.dll" in kept and "PySide6/plugins/sqldrivers/qsqlite.dll" not in kept
    datas = [d[0] for d in built["analysis"].datas]
    assert datas == ["PySide6/translations/qtbase_zh_CN.qm", "jieba/dict.txt"]


def test_macos_bundle_with_info_plist_and_icns(tmp_path):
    built = run_spec("darwin", tmp_path)
    (exe,) = built["exes"]
    assert exe.kwargs["name"] == "yearbook-editor" and exe.kwargs["console"] is False
    assert exe.kwargs["version"] is None
    assert Path(exe.kwargs["entitlements_file"]).exists()
    (bundle,) = built["bundle"]
    assert bundle.args == tuple(built["collect"])
    assert bundle.kwargs["name"] == "年鉴校对台.app"
    assert bundle.kwargs["icon"].endswith("app.icns") and Path(bundle.kwargs["icon"]).exists()
    plist = bundle.kwargs["info_plist"]
    assert plist["CFBundleIdentifier"] == bundle.kwargs["bundle_identifier"] == build_info.BUNDLE_ID
    assert plist["LSMinimumSystemVersion"] == "13.0"
    assert plist["NSHighResolutionCapable"] is True
    assert plist["CFBundleLocalizations"] == ["zh_CN", "en"]
    assert plist["CFBundleShortVersionString"] == bundle.kwargs["version"] == __version__
    plistlib.loads(plistlib.dumps(plist))  # a valid property list
    plistlib.loads((RESOURCES / "macos" / "entitlements.plist").read_bytes())


def test_linux_two_programs_without_icon_or_version(tmp_path):
    built = run_spec("linux", tmp_path)
    assert [e.kwargs["name"] for e in built["exes"]] == ["yearbook-editor", "年鉴校对台"]
    assert all(e.kwargs["icon"] is None and e.kwargs["version"] is None for e in built["exes"])
    assert not built["bundle"] and not list(tmp_path.glob("version-*.txt"))


@pytest.mark.parametrize("version, numbers", [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)),
                                              ("2.10.3.4", (2, 10, 3, 4)), ("1.0rc2", (1, 0, 2, 0)),
                                              ("3.1.4+local.7", (3, 1, 4, 0))])
def test_version_tuple(version, numbers):
    assert build_info.version_tuple(version) == numbers


def test_version_tuple_refuses_what_is_no_version():
    with pytest.raises(ValueError):
        build_info.version_tuple("dev")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_ico_holds_every_size_for_125_to_250_percent():
    data = (RESOURCES / "app.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, h, _c, _r, _planes, _bits, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        px = _png_size(data[offset: offset + length])
        assert px == (w or 256, h or 256)
        sizes.append(px[0])
    assert sorted(sizes) == [16, 20, 24, 32, 40, 48, 64, 256]


def test_icns_holds_every_size_with_retina_variants():
    data = (RESOURCES / "app.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    entries, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos: pos + 4], struct.unpack(">I", data[pos + 4: pos + 8])[0]
        entries[kind.decode()] = _png_size(data[pos + 8: pos + length])[0]
        pos += length
    assert entries == {"icp4": 16, "ic11": 32, "icp5": 32, "ic12": 64, "icp6": 64, "ic07": 128, "ic13": 256,
                       "ic08": 256, "ic14": 512, "ic09": 512, "ic10": 1024}


def test_windowed_program_gets_streams_and_opens_the_desktop_app(monkeypatch):
    launcher = load("launcher")
    import yearbook_editor.gui.app as gui_app

    opened = []
    monkeypatch.setattr(gui_app, "main", lambda argv: opened.append(argv) or 0)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "argv", ["年鉴校对台.exe", "--db", "年鉴 资料库.db", "-psn_0_12345"])
    assert launcher.windowed()
    assert launcher.main() == 0
    assert opened == [["--db", "年鉴 资料库.db"]]
    print("a windowed program may print", file=sys.stderr)  # went nowhere, raised nothing
    sys.stdout.write("不会出错\n")
    sys.stdout.flush()


def test_console_program_is_the_command_line(monkeypatch, capsys):
    launcher = load("launcher")
    monkeypatch.setattr(sys, "argv", ["yearbook-editor", "--version"])
    monkeypatch.setattr(sys, "executable", "/opt/yearbook-editor/yearbook-editor")
    assert not launcher.windowed()
    with pytest.raises(SystemExit) as e:
        launcher.main()
    assert e.value.code == 0
    assert "yearbook-editor" in capsys.readouterr().out

