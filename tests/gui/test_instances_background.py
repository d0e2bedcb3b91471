"""Issue 8, app side: a second instance on the same store (read-only, or quit), the rolling
backup on open; and start-up never waits for jieba (checked in a fresh process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from yearbook_editor.core.edits import SetNodeStatus
from yearbook_editor.core.errors import YearbookError
from yearbook_editor.core.tags import list_tags

from ..conftest import CHILD_ENCODING
from .conftest import node_by_title

ROOT = Path(__file__).resolve().parents[2]


def _other_instance_holds(db: Path) -> QLockFile:
    """Hold the store's lock from another process (as a running app would)."""
    code = textwrap.dedent(f"""
        import sys, time
        from PySide6.QtCore import QLockFile
        lock = QLockFile({str(db) + '.lock'!r})
        lock.setStaleLockTime(0)
        assert lock.tryLock(1000)
        print("locked", flush=True)
        sys.stdin.readline()
    """)
    p = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         encoding=CHILD_ENCODING)
    assert p.stdout.readline().strip() == "locked"
    return p


def set_node_status_directly(store, node_id: int) -> None:
    """A write that bypasses the session (and its read-only flag): the store must refuse it."""
    from yearbook_editor.core.edits import apply_edit

    apply_edit(store, SetNodeStatus(node_id, "approved"), author="测试", reason="review")


def test_a_second_instance_is_told_and_can_open_read_only(make_window, qtbot, tmp_path, settings):
    from yearbook_editor.gui.app import acquire_store_lock, open_window

    db = tmp_path / "县志办 资料库.db"
    first = make_window(db)  # creates the store with the sample volume
    vid = first.session.volume_id
    other = _other_instance_holds(db)
    try:
        assert acquire_store_lock(db) is None
        asked = []
        assert open_window(db, settings, "zh_CN", "测试", ask=lambda p: asked.append(p) or "quit") is None
        assert asked == [db]
        w = open_window(db, settings, "zh_CN", "测试", ask=lambda p: "readonly")
        qtbot.addWidget(w)
        w.show()
        assert w.session.read_only and w.read_only_banner.isVisible()
        assert "只读" in w.read_only_banner.text() and "只读" in w.windowTitle()
        assert not w.action("actionImport").isEnabled() and w.editor.isReadOnly()
        store = w.session.store
        revs = store.scalar("SELECT count(*) FROM revisions")
        assert not w.session.apply(SetNodeStatus(node_by_title(w, "气候").id, "checked"), None)
        assert "只读" in w.last_error
        assert store.scalar("SELECT count(*) FROM revisions") == revs
        assert store.read_only  # the store itself refuses writes, whatever the GUI asks
        n_tags = len(list_tags(store))
        assert w.tags_ctl.create_tag("只读测试", "topic") is None and "只读" in w.last_error
        assert len(list_tags(store)) == n_tags
        with pytest.raises(YearbookError):
            set_node_status_directly(store, node_by_title(w, "气候").id)
        assert w.session.volume_id == vid and w.export_dialog() is not None  # reading and exporting still work
        w.close()
        w.session.close()
    finally:
        other.communicate("\n", timeout=10)
    lock = acquire_store_lock(db)  # the other instance quit: the lock is free again
    assert lock is not None
    lock.unlock()


def test_the_real_dialog_offers_read_only_and_quit(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from yearbook_editor.gui import app

    seen = {}

    def fake_exec(box):
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        box.setProperty("x", 1)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert app.ask_second_instance(tmp_path / "a.db") == "quit"
    assert "已经在另一个" in seen["text"] and "只读" in seen["buttons"][0]


def test_a_crashed_instance_does_not_lock_the_store_forever(tmp_path):
    from yearbook_editor.gui.app import acquire_store_lock, lock_path

    db = tmp_path / "s.db"
    other = _other_instance_holds(db)
    other.kill()  # kill -9: the lock file stays behind
    other.wait(10)
    assert lock_path(db).exists()
    lock = acquire_store_lock(db)
    assert lock is not None
    lock.unlock()


def test_opening_makes_a_rolling_backup_in_the_background(make_window, qtbot, tmp_path):
    from yearbook_editor.core.backups import list_backups

    db = tmp_path / "备份 测试.db"
    w = make_window(db)
    w.checks_ctl.start_backup()
    qtbot.waitUntil(lambda: len(list_backups(db)) == 1, timeout=10000)
    qtbot.waitUntil(lambda: not w.feedback.jobs, timeout=10000)
    assert list_backups(db)[0].parent.name == "backups"


def test_start_up_does_not_wait_for_jieba(tmp_path):
    """In a fresh process: the window exists before jieba is loaded, and jieba then loads in
    the background after the window is shown (suggestions appear without any action)."""
    script = textwrap.dedent(f"""
        import json, sys, time
        from PySide6.QtWidgets import QApplication
        from yearbook_editor.core import suggest
        from yearbook_editor.gui.app import create_window, ensure_app, make_settings, setup_app
        app = ensure_app()
        setup_app(app, "zh_CN")
        settings = make_settings({str(tmp_path / "s.ini")!r})
        t0 = time.perf_counter()
        w = create_window({str(tmp_path / "j.db")!r}, settings, "zh_CN", author="t")
        created = time.perf_counter() - t0
        out = {{"loaded_at_create": suggest.jieba_loaded(), "jieba_imported": "jieba" in sys.modules,
                "create_s": created}}
        w.show()
        app.processEvents()
        out["loaded_at_show"] = suggest.jieba_loaded()
        deadline = time.time() + 60
        while w.tags_ctl.suggester is None and time.time() < deadline:
            app.processEvents()
            time.sleep(0.02)
        out["loaded_later"] = suggest.jieba_loaded()
        out["suggester"] = w.tags_ctl.suggester is not None
        w.close()
        from PySide6.QtCore import QThreadPool
        QThreadPool.globalInstance().waitForDone(20000)
        w.session.close()
        print(json.dumps(out))
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, encoding=CHILD_ENCODING, errors="replace",
                       timeout=120, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["loaded_at_create"] is False and out["jieba_imported"] is False
    assert out["loaded_at_show"] is False
    assert out["loaded_later"] is True and out["suggester"] is True
