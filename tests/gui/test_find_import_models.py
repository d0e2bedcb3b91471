"""Find & replace through the panel, importing by drop, and the item models' contracts."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from yearbook_editor.core.find import Query, find_all

from ..conftest import DATA
from .conftest import select


def test_find_all_lists_every_hit_with_context_and_jumps_to_it(window, qtbot):
    window.action("actionFind").trigger()
    panel = window.find_panel
    assert window.find_dock.isVisible()
    panel.find_edit.setText("概况")
    panel.furniture_box.setChecked(False)
    hits = panel.find_all()
    assert len(hits) >= 2
    model = panel.model
    assert model.rowCount() == len(hits)
    assert model.index(0, 2).data() == "概况"
    assert str(len(hits)) in panel.count_label.text()
    panel.table.clicked.emit(model.index(1, 0))
    assert window.session.node_id == hits[1].node_id
    assert window.editor.textCursor().selectedText() == "概况"


def test_width_folding_option(window):
    panel = window.find_panel
    panel.find_edit.setText("４.８")  # full-width digits find the half-width text
    assert len(panel.find_all()) == 1
    panel.width_box.setChecked(True)
    assert panel.find_all() == []


def test_replace_all_is_one_undoable_step(window, qtbot):
    store, vid = window.session.store, window.session.volume_id
    n = len(find_all(store, vid, Query("全区")))
    assert n >= 5
    select(window, "人口民族")
    panel = window.find_panel
    window.action("actionReplace").trigger()
    panel.find_edit.setText("全区")
    panel.replace_edit.setText("全县")
    steps = window.session.undo_stack.count()
    changed = panel.replace_all()
    assert changed >= 3
    assert window.session.undo_stack.count() == steps + 1
    assert find_all(store, vid, Query("全区")) == []
    assert panel.model.rowCount() == 0
    assert "全县常住人口" in window.editor.toPlainText()  # the open entry shows it at once
    assert store.scalar("SELECT count(DISTINCT batch) FROM revisions WHERE batch IS NOT NULL") == 1
    assert {r["reason"] for r in store.query("SELECT reason FROM revisions")} == {"replace_all"}  # a code, no words
    window.action("actionUndo").trigger()
    assert len(find_all(store, vid, Query("全区"))) == n
    assert "全区常住人口" in window.editor.toPlainText()
    window.action("actionRedo").trigger()
    assert find_all(store, vid, Query("全区")) == []


def test_replace_one_hit(window):
    panel = window.find_panel
    panel.find_edit.setText("全区")
    panel.replace_edit.setText("全县")
    hits = panel.find_all()
    panel.table.selectRow(0)
    assert panel.replace_current()
    assert panel.model.rowCount() == len(hits) - 1
    assert [r["reason"] for r in window.session.store.query("SELECT reason FROM revisions")] == ["replace"]


def test_bad_regex_is_said_in_plain_words(window):
    panel = window.find_panel
    panel.regex_box.setChecked(True)
    panel.find_edit.setText("(未闭合")
    assert panel.find_all() == []
    assert "正则表达式" in panel.count_label.text()


def _drop(window, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()


def test_dropping_a_file_imports_it_in_the_background(window, qtbot, tmp_path):
    src = tmp_path / "示例县年鉴.txt"
    shutil.copy(DATA / "small_volume.txt", src)
    _drop(window, src)
    assert window.job_widget.isVisibleTo(window)
    qtbot.waitUntil(lambda: "示例" in window.session.volume_title() and window.session.volume_title() != "河西区年鉴（2021）示例",
                    timeout=10000)
    assert not window.job_widget.isVisibleTo(window)
    assert any(n.title == "地理位置" for n in window.outline.model.nodes())
    assert "【人口民族】" in window.source.toPlainText()
    # dropping the same text again opens it without importing it twice
    _drop(window, src)
    qtbot.waitUntil(lambda: not window.volumes_ctl.job.running, timeout=10000)
    assert window.session.store.scalar("SELECT count(*) FROM volumes") == 2


def test_a_bad_file_is_refused_in_plain_words(window, qtbot, tmp_path):
    bad = tmp_path / "图片.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    window.import_files([str(bad)])
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=10000)
    assert "图片.txt" in window.last_error
    assert "Traceback" not in window.last_error
    assert window.session.volume_title() == "河西区年鉴（2021）示例"


def test_import_can_be_cancelled(window, qtbot, tmp_path, monkeypatch):
    import yearbook_editor.core.volumes as volumes

    real = volumes.import_file

    def slow(store, path, **kw):
        import time

        for _ in range(200):
            kw["progress"](1, 10, "…")
            time.sleep(0.01)
        return real(store, path, **kw)

    monkeypatch.setattr(volumes, "import_file", slow)
    src = tmp_path / "慢.txt"
    shutil.copy(DATA / "small_volume.txt", src)
    job = window.import_files([str(src)])
    window.job_cancel.click()
    with qtbot.waitSignal(job.done, timeout=10000):
        pass
    assert window.session.store.scalar("SELECT count(*) FROM volumes") == 1
    assert "取消" in window.statusBar().currentMessage() or "cancel" in window.statusBar().currentMessage().lower()


def test_outline_model_passes_the_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.outline.model, force_py=True)


def test_outline_filter_passes_the_model_tester(window, qtmodeltester):
    window.outline.filter_edit.setText("概况")
    qtmodeltester.check(window.outline.proxy, force_py=True)


def test_hits_model_passes_the_model_tester(window, qtmodeltester):
    window.find_panel.find_edit.setText("全区")
    window.find_panel.find_all()
    qtmodeltester.check(window.find_panel.model, force_py=True)


def test_revisions_model_passes_the_model_tester(window, qtmodeltester):
    from yearbook_editor.core.edits import SetNodeStatus

    select(window, "气候")
    window.session.apply(SetNodeStatus(window.session.node_id, "checked"), None)
    dlg = window.editing_ctl.show_history()
    assert dlg.model.rowCount() == 1
    qtmodeltester.check(dlg.model, force_py=True)


def test_outline_roles_are_named(window):
    from yearbook_editor.gui import outline_model as om

    names = {bytes(v).decode() for v in window.outline.model.roleNames().values()}
    assert {"nodeId", "kind", "status", "uncertain", "entryCount", "lineStart", "findings"} <= names
    idx = window.outline.model.index(0, 0)
    assert idx.data(om.NodeIdRole) > 0 and idx.data(om.StatusRole) == "unreviewed"
    economy = next(n for n in window.outline.model.nodes() if n.title == "经 济")
    assert window.outline.model.index_for(economy.id, om.COL_ENTRIES).data() == "4"


def test_findings_of_the_checks_show_as_badges(make_window, tmp_path):
    from yearbook_editor.gui import outline_model as om

    db = tmp_path / "checked.db"
    w = make_window(db)
    store, vid = w.session.store, w.session.volume_id
    entry = next(n for n in w.outline.model.nodes() if n.title == "人口民族")
    with store.write() as conn:
        conn.execute(
            "INSERT INTO findings (volume_id, code, node_id, fingerprint, created_at, updated_at)"
            " VALUES (?, 'blank', ?, 'f1', 'now', 'now')", (vid, entry.id))
    w.open_volume(vid)
    assert not w.outline.tree.isColumnHidden(om.COL_FINDINGS)
    assert w.outline.model.index_for(entry.id, om.COL_FINDINGS).data() == "1"
    assert w.outline.model.index_for(entry.parent_id, om.COL_FINDINGS).data(om.FindingsRole) == 1
