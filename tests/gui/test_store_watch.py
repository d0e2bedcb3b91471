"""The store's files deleted or replaced by another program while the window has the store open
(a careless cleanup of "-wal" files, a sync client, a restore by hand): the window says so in one
sentence and offers a copy made through its own connection, which still holds every acknowledged
edit; the copy is opened on the same volume and nothing typed is lost. Ordinary use of the same
store by the command line raises no alarm (issue 12)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from yearbook_editor.core.edits import SetBlockText, verify_volume
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import CHILD_ENCODING, DATA

SMALL = DATA / "small_volume.txt"


@pytest.fixture(autouse=True)
def record(tmp_path, monkeypatch):
    monkeypatch.setenv("YEARBOOK_CHECK_RECORD", str(tmp_path / "checks.json"))


def _paragraphs(store, vid) -> list[tuple[int, str]]:
    return [(r["id"], r["text"]) for r in store.query(
        "SELECT id, text FROM blocks WHERE volume_id = ? AND kind = 'paragraph' AND deleted = 0 ORDER BY seq",
        (vid,))]


@pytest.fixture
def opened(make_window, tmp_path):
    db = tmp_path / "资料 库.db"
    with Store(db) as s:
        vid = import_file(s, SMALL).volume_id
    window = make_window(db)
    return window, db, vid


def test_the_core_sees_its_wal_or_its_file_deleted_or_replaced(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as s:
        import_file(s, SMALL)
        assert s.file_replaced() is None and s.wal_path.exists()
        os.unlink(s.wal_path)
        assert s.file_replaced() == s.wal_path
    with Store(db) as s:  # a store file put in place of the open one
        shutil.copyfile(db, tmp_path / "other.db")
        os.replace(tmp_path / "other.db", db)
        assert s.file_replaced() == db
    with Store(db, read_only=True) as s:
        assert s.file_replaced() is None


def test_a_deleted_wal_is_said_once_and_the_copy_keeps_every_edit(opened, qtbot, tmp_path):
    window, db, vid = opened
    session, watch = window.session, window.volumes_ctl.watch
    (b1, t1), (b2, t2) = _paragraphs(session.store, vid)[:2]
    assert session.apply(SetBlockText(b1, "删除日志之前的修改。", expected=t1), None)
    assert watch.check() is None and watch.box is None  # all is well: nothing said
    os.unlink(f"{db}-wal")  # another program's cleanup
    assert session.apply(SetBlockText(b2, "删除日志之后的修改。", expected=t2), None)  # SQLite goes on in the deleted file
    watch.check()
    box = watch.box
    assert box is not None and box.isVisible()
    text = box.text()
    assert "-wal" in text and "删除或替换" in text and "副本" in text and text.count("。") == 1
    watch.check()
    assert watch.box is box  # said once, not every few seconds
    target = tmp_path / "救回的 副本.db"
    asked = []
    watch.ask_path = lambda default: asked.append(default) or str(target)
    from PySide6.QtWidgets import QPushButton

    box.findChild(QPushButton, "saveCopyButton").click()
    qtbot.waitUntil(lambda: session.store.path == target, timeout=10000)
    assert asked and asked[0].parent == db.parent and "副本" in asked[0].name
    store = session.store
    assert session.volume_id == vid and store.file_replaced() is None
    texts = dict(_paragraphs(store, vid))
    assert texts[b1] == "删除日志之前的修改。" and texts[b2] == "删除日志之后的修改。"  # both edits are in the copy
    assert verify_volume(store, vid) == [] and store.integrity_ok()
    assert "副本" in window.statusBar().currentMessage()


def test_a_failed_write_makes_the_watch_look_at_once(opened):
    window, db, _vid = opened
    watch = window.volumes_ctl.watch
    watch.timer.stop()
    os.unlink(f"{db}-wal")
    window.session.error_occurred.emit("写入失败。")
    assert watch.box is not None and watch.box.isVisible()


@pytest.mark.slow
def test_the_command_line_on_the_same_store_never_raises_the_alarm(opened):
    window, db, vid = opened
    session, watch = window.session, window.volumes_ctl.watch
    (bid, text), = _paragraphs(session.store, vid)[:1]
    for n, args in enumerate((["list"], ["stats", "1"], ["search", "人口"], ["history", "1"])):
        r = subprocess.run([sys.executable, "-m", "yearbook_editor", "--db", str(db), "-q", *args],
                           capture_output=True, encoding=CHILD_ENCODING, timeout=120)
        assert r.returncode == 0, r.stderr
        new = f"第 {n} 轮的修改。"
        assert session.apply(SetBlockText(bid, new, expected=text), None)
        text = new
        assert watch.check() is None and watch.box is None
