"""The desktop app's entry point: ``yearbook-editor`` with no command, or
``python -m yearbook_editor.gui.app [--db PATH] [--screenshot OUT.png]``.

First start with no store: the store is created in the user's data directory and the bundled
sample volume is imported and opened, so the tool can be tried at once.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.errors import StoreDamaged, YearbookError
from . import crash, fonts, i18n
from .store_location import place_to_open
from .store_lock import acquire_store_lock, lock_path  # noqa: F401 - part of the app's interface

ORGANIZATION = "yearbook_editor"
APPLICATION = "yearbook_editor"


def make_settings(path: str | Path | None = None) -> QSettings:
    """The user's settings, or an INI file of one's own (tests, screenshots)."""
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


#: Debian packages of the libraries Qt's platform plugins load, where the name is not the
#: library's own (libfoo.so.N → libfooN, libfoo-1.so.N → libfoo-1-N covers the rest).
_PACKAGE_OF = {"libglib-2.0.so.0": "libglib2.0-0", "libgobject-2.0.so.0": "libglib2.0-0",
               "libgthread-2.0.so.0": "libglib2.0-0", "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1",
               "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libOpenGL.so.0": "libopengl0"}


def _package_of(library: str) -> str:
    if library in _PACKAGE_OF:
        return _PACKAGE_OF[library]
    m = re.fullmatch(r"(lib[\w.+-]+?)\.so\.(\d+)(?:\.[\d.]+)?", library)
    if not m:
        return library
    stem, major = m.groups()
    return (f"{stem}-{major}" if stem[-1].isdigit() else f"{stem}{major}").lower()


def platform_problem(env=None, plugins_dir: str | None = None, load=None) -> str | None:
    """Before a QApplication exists: can Qt's platform plugin load? On Linux the xcb (X11)
    and wayland plugins need system libraries; when one is missing Qt prints "could not load
    the Qt platform plugin" and aborts the process. Here the plugin is loaded the way Qt
    would load it (the dynamic loader reports the first missing library, which Qt then
    reuses, so a sound system pays nothing extra) and a missing library becomes one
    sentence naming the package to install. None when the plugin loads, or when there is
    nothing to check (other systems, offscreen and other built-in platforms)."""
    import ctypes

    env = os.environ if env is None else env
    candidates = _desktop_platforms(env)
    if not candidates:
        return None
    if plugins_dir is None:
        from PySide6.QtCore import QLibraryInfo

        plugins_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    folders = [Path(plugins_dir) / "platforms"]
    if env.get("QT_QPA_PLATFORM_PLUGIN_PATH"):  # where Qt looks first
        folders.insert(0, Path(env["QT_QPA_PLATFORM_PLUGIN_PATH"]))
    load = load or (lambda path: ctypes.CDLL(path, mode=ctypes.RTLD_LOCAL))
    missing = None
    for plugin in (f / f"libq{name}.so" for name in candidates for f in folders):
        if not plugin.exists():
            continue  # not bundled: Qt will say so itself
        try:
            load(str(plugin))
            return None
        except OSError as e:
            found = re.search(r"([\w.+-]+\.so[.\d]*): cannot open shared object file", str(e))
            missing = missing or (found.group(1) if found and not found.group(1).startswith("libQt") else "")
    if missing is None:
        return None
    desktop = "X11" if candidates[-1] == "xcb" else "Wayland"
    if not missing:
        return (f"桌面程序无法启动：Qt 的 {desktop} 图形接口缺少系统库，请运行 scripts/bootstrap.sh"
                " 安装所需的系统软件包后再试（命令行功能不受影响）。")
    package = _package_of(missing)
    return (f"桌面程序无法启动：Qt 的 {desktop} 图形接口缺少系统库 {missing}，请安装软件包 {package}"
            f"（Debian/Ubuntu：sudo apt-get install {package}，或运行 scripts/bootstrap.sh 装齐全部）后再试。")


#: the exit status of the app when there is no screen to show it on (scripts/run.sh then runs
#: the command-line demonstration instead)
EXIT_NO_DISPLAY = 3


def _desktop_platforms(env) -> list[str]:
    """The Linux desktop platforms Qt will try, in order ("xcb", "wayland"); empty on other
    systems and for the built-in ones (offscreen, minimal …), which need no screen."""
    if not sys.platform.startswith("linux"):
        return []
    wanted = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if wanted:
        candidates = [c.strip() for c in wanted.split(";") if c.strip()]
    elif env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"):
        candidates = ["wayland", "xcb"]
    else:
        candidates = ["xcb"]
    return candidates if set(candidates) <= {"xcb", "wayland"} else []


#: the probe's X connection, kept until the QApplication has its own (release_display_probe)
_probe: list = []


def x_display_reachable(display: str, keep: bool = False) -> bool:
    """Can an X client connect to ``display`` (":0", "localhost:10.0", a socket path)? Asked the
    way Qt's xcb plugin asks, through libxcb (authentication included; a few milliseconds);
    True when libxcb itself cannot be loaded (platform_problem names the missing library).
    With ``keep`` a good connection stays open until :func:`release_display_probe`: an X server
    with no other client (a bare Xvfb) resets when its last client leaves, and Qt connecting in
    that moment would fail."""
    import ctypes
    import ctypes.util

    try:
        xcb = ctypes.CDLL(ctypes.util.find_library("xcb") or "libxcb.so.1")
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(display.encode("utf-8", "surrogateescape"), None)
    ok = xcb.xcb_connection_has_error(conn) == 0
    if ok and keep:
        _probe.append(lambda: xcb.xcb_disconnect(conn))
    else:
        xcb.xcb_disconnect(conn)  # also frees a connection that failed
    return ok


def release_display_probe() -> None:
    while _probe:
        _probe.pop()()


def wayland_display_reachable(env) -> bool:
    """Is the Wayland compositor's socket there and accepting ($XDG_RUNTIME_DIR/$WAYLAND_DISPLAY)?"""
    import socket

    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    path = Path(name) if Path(name).is_absolute() else Path(env.get("XDG_RUNTIME_DIR") or "/nonexistent") / name
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(str(path))
        return True
    except OSError:
        return False


def display_problem(env=None, x_reachable=None) -> str | None:
    """Before a QApplication exists: is there a screen Qt's desktop platform can reach? Without
    one (DISPLAY unset, or naming an X server that is not running, has gone or refuses us) Qt
    prints English lines and aborts the process; here it is one sentence instead. None when a
    platform Qt would try can connect, or when there is nothing to check (other systems,
    offscreen and other built-in platforms)."""
    env = os.environ if env is None else env
    candidates = _desktop_platforms(env)
    x_reachable = x_reachable or (lambda display: x_display_reachable(display, keep=True))
    for name in candidates:
        if name == "xcb" and env.get("DISPLAY") and x_reachable(env["DISPLAY"]):
            return None
        if name == "wayland" and wayland_display_reachable(env):
            return None
    if not candidates:
        return None
    if candidates[0] == "wayland" and len(candidates) == 1:
        where = f"Wayland 图形界面 “{env.get('WAYLAND_DISPLAY') or 'wayland-0'}”"
    elif env.get("DISPLAY"):
        where = f"图形界面 “{env['DISPLAY']}”（X 服务器没有运行、已经退出或不允许本程序连接）"
    else:
        return ("桌面程序无法启动：没有图形界面（未设置 DISPLAY），请在桌面环境中打开，"
                "或使用命令行（yearbook-editor --help）。")
    return (f"桌面程序无法启动：连接不上{where}，请在桌面环境中打开或检查 DISPLAY 设置，"
            "也可以使用命令行（yearbook-editor --help）。")


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "yearbook-editor", *(argv or [])])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("年鉴校对台")
    return app


def setup_app(app: QApplication, language: str) -> None:
    i18n.install_translators(app, language)
    fonts.apply_ui_font(app)


def open_sample(store, author: str) -> int:
    """Import the bundled sample volume (once) and return its id."""
    from ..core.usecases import import_sample

    return import_sample(store, author=author).volume_id


def ask_second_instance(store_path: str | Path, parent=None) -> str:
    """The store is open in another window of the program: 'readonly' or 'quit'."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("App", "Yearbook Editor"),
                      QCoreApplication.translate(
                          "App", "The store “%1” is already open in another window of Yearbook Editor.\n\n"
                          "Two windows changing the same store could confuse each other's work. You can open it "
                          "read-only here (to read, search and export), or quit and use the other window.").replace(
                          "%1", str(store_path)), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("secondInstanceBox")
    ro = box.addButton(QCoreApplication.translate("App", "Open Read-Only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(ro)
    box.exec()
    return "readonly" if box.clickedButton() is ro else "quit"


def open_window(store_path: str | Path, settings: QSettings, language: str | None = None, author: str | None = None,
                ask=ask_second_instance, sample_if_empty: bool = True):
    """Lock the store and build the window; a store already open elsewhere asks first
    (``ask(store_path)`` → 'readonly' or 'quit'). None when the user chose to quit."""
    lock = acquire_store_lock(store_path)
    read_only = False
    if lock is None:
        if ask(store_path) != "readonly":
            return None
        read_only = True
    try:
        window = create_window(store_path, settings, language, author, sample_if_empty=sample_if_empty,
                               read_only=read_only)
    except BaseException:
        if lock is not None:
            lock.unlock()
        raise
    window.store_lock = lock
    return window


def open_or_recover(store_path: str | Path, settings: QSettings, language: str | None = None,
                    author: str | None = None, recover=None, **kw):
    """open_window; a damaged store first offers its backups (``recover(path, error)`` → True
    when one was restored, then the store is opened again)."""
    from .recovery import offer_recovery

    recover = recover or offer_recovery
    try:
        return open_window(store_path, settings, language, author, **kw)
    except StoreDamaged as e:
        if not recover(store_path, e):
            raise
    return open_window(store_path, settings, language, author, **kw)


def create_window(store_path: str | Path, settings: QSettings, language: str | None = None,
                  author: str | None = None, sample_if_empty: bool = True, read_only: bool = False):
    """Open the store (creating it), build the window and open the right volume.
    Raises YearbookError when the store cannot be used."""
    from ..core.store import Store, cannot_be_written
    from ..core.volumes import default_author, list_volumes
    from .main_window import MainWindow
    from .session import Session
    from .store_health import read_only_notice

    language = language or str(settings.value("ui/language", i18n.DEFAULT_LANGUAGE))
    cannot_write = cannot_be_written(store_path)  # a read-only file, folder or medium: opened read-only
    read_only = read_only or cannot_write
    store = Store(store_path, read_only=read_only)  # a second window's store refuses every write
    author = author or str(settings.value("author", "") or "") or default_author()
    session = Session(store, author)
    session.read_only = read_only
    window = MainWindow(session, settings, language)
    window.set_read_only(read_only, cannot_write=cannot_write)
    if cannot_write:
        window.show_message(read_only_notice(store_path))
    vols = list_volumes(store)
    if not vols and sample_if_empty and not read_only:
        volume_id = open_sample(store, author)
    else:
        volume_id = _last_volume(settings, store, vols)
    if volume_id is not None:
        window.open_volume(volume_id)
    return window


def _last_volume(settings: QSettings, store, vols: list[dict]) -> int | None:
    ids = [v["id"] for v in vols]
    if str(settings.value("last/store", "")) == str(store.path):
        try:
            last = int(settings.value("last/volume", 0))
        except (TypeError, ValueError):
            last = 0
        if last in ids:
            return last
    return ids[-1] if ids else None


def screenshot(window, out: str | Path) -> Path:
    """Render the window offscreen to a PNG (the README's picture)."""
    app = QApplication.instance()
    window.show()
    app.processEvents()  # the window first fits its screen (offscreen: a small one); then a laptop's size
    window.resize(1366, 768)
    from ..core import checks
    from ..core.edits import SetNodeStatus

    model = window.outline.model
    for n in list(model.nodes()):  # a volume half-way through review (in the scratch store)
        if n.kind == "entry" and n.title in ("地理位置", "概况"):
            window.session.apply(SetNodeStatus(n.id, "approved" if n.title == "地理位置" else "checked"), None)
    window.session.undo_stack.clear()
    target = next((n for n in model.nodes() if n.kind == "entry" and "人口" in n.title), None)
    if target is not None:
        window.session.select_node(target.id, None)
    window.outline.tree.expandAll()
    store, vid = window.session.store, window.session.volume_id
    checks.save_findings(store, vid, checks.run_checks(store, vid))  # the checks dock with the sample's findings
    window.checks_ctl.volume_opened(vid)
    window.action("actionShowFindings").trigger()
    if target is not None:
        window.outline.select(target.id)
    for _ in range(5):
        app.processEvents()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="yearbook-editor", description="年鉴校对台 (desktop app)")
    p.add_argument("--db", metavar="PATH", help="store file (default: yearbook.db in the user data directory)")
    p.add_argument("--author", metavar="NAME", help="name recorded with each revision")
    p.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help="interface language (default: zh_CN)")
    p.add_argument("--settings", metavar="INI", help="settings file (default: the user's settings)")
    p.add_argument("--screenshot", metavar="OUT.png", help="render the window with the sample volume to a PNG")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    tmp = None
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        tmp = tempfile.TemporaryDirectory(prefix="yearbook-shot-", ignore_cleanup_errors=True)
        if args.settings is None:
            args.settings = str(Path(tmp.name) / "settings.ini")
        if args.db is None:
            args.db = str(Path(tmp.name) / "shot.db")
    if QApplication.instance() is None:
        problem = platform_problem()
        if problem:
            print(problem, file=sys.stderr)
            return 1
        problem = display_problem()
        if problem:
            print(problem, file=sys.stderr)
            return EXIT_NO_DISPLAY
    app = ensure_app()
    release_display_probe()  # Qt has its own connection now
    settings = make_settings(args.settings)
    language = args.lang or str(settings.value("ui/language", i18n.DEFAULT_LANGUAGE))
    setup_app(app, language)
    if not args.screenshot:
        crash.install()
    from ..core.store import default_store_path

    last = str(settings.value("last/store", "") or "")
    store_path = Path(args.db) if args.db else (Path(last) if last and Path(last).exists() else default_store_path())
    try:
        if args.screenshot:
            if tmp is not None and settings.fileName().startswith(tmp.name):  # its own settings: no background
                settings.setValue("background/auto", False)  # work (the picture's checks run in screenshot())
            window = create_window(store_path, settings, language, args.author)
        else:
            window = open_or_recover(place_to_open(store_path), settings, language, args.author)
            if window is None:
                return 0
    except StoreDamaged as e:
        if args.screenshot:
            print(str(e), file=sys.stderr)
        return 1  # the recovery dialog has said it and offered the backups
    except YearbookError as e:
        box = QMessageBox(QMessageBox.Icon.Critical, app.translate("App", "Yearbook Editor"), str(e))
        box.setTextFormat(Qt.TextFormat.PlainText)
        if args.screenshot:
            print(str(e), file=sys.stderr)
        else:
            box.exec()
        return 1
    if args.screenshot:
        out = screenshot(window, args.screenshot)
        window.session.close()
        print(out)
        if tmp is not None:
            tmp.cleanup()
        return 0
    return run_window(app, window)


def run_window(app: QApplication, window) -> int:
    """Show the window (and the welcome tip, until the editor switches it off), run the event
    loop, then let background jobs end and close the store."""
    window.show()
    window.help_ctl.show_start_tip()
    code = app.exec()
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(15000)  # background jobs (checks, jieba, backup) end first
    window.session.close()
    if window.store_lock is not None:
        window.store_lock.unlock()
    return code


if __name__ == "__main__":
    sys.exit(main())
