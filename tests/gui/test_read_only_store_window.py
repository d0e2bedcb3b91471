"""A store that cannot be written (a read-only file, folder or disk) opens read-only in the app
instead of being refused: actions that write are off, a banner and one status-bar sentence say
why, and nothing is written to it (issue 12). Simulated in-process for any user, and for real
in a child process on a read-only bind mount."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from yearbook_editor.core import store as store_mod
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file
from yearbook_editor.gui.controllers import volumes as volumes_mod

from ..conftest import CHILD_ENCODING, DATA
from ..test_hostile_files import _read_only

SMALL = DATA / "small_volume.txt"


@pytest.fixture(autouse=True)
def record(tmp_path, monkeypatch):
    monkeypatch.setenv("YEARBOOK_CHECK_RECORD", str(tmp_path / "checks.json"))


def _store(path) -> int:
    with Store(path) as s:
        return import_file(s, SMALL).volume_id


def _assert_read_only_window(window) -> None:
    assert window.session.store.read_only and window.session.read_only
    assert not window.read_only_banner.isHidden() and "不能写入" in window.read_only_banner.text()
    assert "另一个窗口" not in window.read_only_banner.text()
    for name in ("actionImport", "actionRestoreBackup", "actionMerge", "actionSplit"):
        assert not window.action(name).isEnabled(), name
    assert window.editor.isReadOnly()
    assert "只读" in window.windowTitle()


def test_a_store_that_cannot_be_written_opens_read_only_and_says_so(make_window, qtbot, tmp_path, monkeypatch):
    db = tmp_path / "只读.db"
    vid = _store(db)
    before = db.read_bytes()
    monkeypatch.setattr(store_mod, "cannot_be_written", lambda path: True)
    window = make_window(db)
    assert window.session.volume_id == vid
    _assert_read_only_window(window)
    assert "以只读方式打开" in window.statusBar().currentMessage() and str(db) in window.statusBar().currentMessage()
    window.start_background()  # verification, checks, search index, backup: none may write
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(30000)
    qtbot.wait(50)
    assert window.last_error is None
    assert db.read_bytes() == before


def test_opening_another_store_that_cannot_be_written_from_the_file_menu(make_window, tmp_path, monkeypatch):
    window = make_window()
    assert not window.session.read_only and window.read_only_banner.isHidden()
    other = tmp_path / "光盘上的.db"
    _store(other)
    monkeypatch.setattr(volumes_mod, "cannot_be_written", lambda path: True)
    monkeypatch.setattr(volumes_mod, "place_to_open", lambda path, *a, **k: path)
    assert window.volumes_ctl.open_store(str(other))
    _assert_read_only_window(window)
    assert "以只读方式打开" in window.statusBar().currentMessage()
    monkeypatch.setattr(volumes_mod, "cannot_be_written", lambda path: False)
    assert window.volumes_ctl.open_store(str(tmp_path / "store.db"))  # a writable one again
    assert not window.session.read_only and window.read_only_banner.isHidden()
    assert window.action("actionImport").isEnabled()


_CHILD = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from yearbook_editor.gui.app import create_window, ensure_app, make_settings, setup_app
app = ensure_app()
setup_app(app, "zh_CN")
settings = make_settings(sys.argv[2])
settings.setValue("background/auto", False)
w = create_window(sys.argv[1], settings, "zh_CN", author="测试")
print(json.dumps({"read_only": w.session.store.read_only, "banner": w.read_only_banner.text(),
                  "message": w.statusBar().currentMessage(), "volume": w.session.volume_id,
                  "import": w.action("actionImport").isEnabled()}, ensure_ascii=False))
w.session.close()
"""


@pytest.mark.posix  # mount namespaces or folder modes
def test_the_app_opens_a_store_in_a_really_read_only_folder(tmp_path):
    folder = tmp_path / "只读 文件夹"
    folder.mkdir()
    db = folder / "s.db"
    vid = _store(db)
    before = db.read_bytes()
    prefix = _read_only(folder)
    if prefix is None:
        pytest.skip("running as root without mount namespaces: no read-only folder here (simulated above)")
    try:
        r = subprocess.run([*prefix, sys.executable, "-c", _CHILD, str(db), str(tmp_path / "s.ini")],
                           capture_output=True, encoding=CHILD_ENCODING, timeout=120)
    finally:
        folder.chmod(0o755)
    assert r.returncode == 0, r.stderr
    seen = json.loads(r.stdout.strip().splitlines()[-1])
    assert seen["read_only"] and seen["volume"] == vid and not seen["import"]
    assert "不能写入" in seen["banner"] and "以只读方式打开" in seen["message"]
    assert db.read_bytes() == before
