"""Typing while another program holds the store: kept in the editor, never thrown away, saved as
soon as the store is free (an undo step like any typing); other edits wait for it."""

from __future__ import annotations

import sqlite3

from yearbook_editor.gui import session as session_module

from .conftest import select, type_text


def _hold(path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program writing, for as long as it likes
    return other


def _stored(window, block_id) -> str:
    return window.session.store.scalar("SELECT text FROM blocks WHERE id = ?", (block_id,))


def test_typing_while_another_program_holds_the_store_is_kept_and_saved_when_it_is_free(small_window, qtbot):
    window = small_window
    window.session._retry.setInterval(200)  # (RETRY_MS, shortened for the test)
    assert session_module.BUSY_WAIT_MS < 1000  # a held store does not freeze the window for seconds
    select(window, "人口民族")
    editor = window.editor
    seg = next(s for s in editor._segs if s.block_id is not None and s.kind == "paragraph")
    before = seg.stored
    cursor = editor.textCursor()
    cursor.setPosition(seg.start + len(seg.stored))
    editor.setTextCursor(cursor)
    other = _hold(window.session.store.path)
    try:
        type_text(editor, "甲")
        editor.flush()  # the pause after typing: the store is held
        assert window.statusBar().currentMessage().startswith("另一个程序正占用资料库")
        assert _stored(window, seg.block_id) == before  # not saved …
        type_text(editor, "乙")
        editor.flush()
        select(window, "气候")  # … nor lost: away and back, the editor shows it as typed
        select(window, "人口民族")
        assert before + "甲乙" in editor.toPlainText()
        window.session.undo()  # nothing may overtake the kept typing
        assert before + "甲乙" in editor.toPlainText()
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: _stored(window, seg.block_id) == before + "甲乙", timeout=5000)
    assert not window.session.has_unsaved()
    window.session.undo()  # one undo step, as typing is
    assert _stored(window, seg.block_id) == before


def test_save_and_close_say_the_truth_while_the_typing_waits(small_window, qtbot, monkeypatch):
    from yearbook_editor.gui.controllers import editing

    window = small_window
    window.session._retry.setInterval(200)
    select(window, "人口民族")
    editor = window.editor
    seg = next(s for s in editor._segs if s.block_id is not None and s.kind == "paragraph")
    cursor = editor.textCursor()
    cursor.setPosition(seg.start + len(seg.stored))
    editor.setTextCursor(cursor)
    asked = []
    monkeypatch.setattr(editing, "ask", lambda *a: asked.append(a[2]) or False)  # "No": keep the window
    other = _hold(window.session.store.path)
    try:
        type_text(editor, "丙")
        window.action("actionSave").trigger()  # Ctrl+S
        assert window.statusBar().currentMessage().startswith("另一个程序正占用资料库")
        window.show()
        assert not window.close()  # the editor chose to wait
        assert window.isVisible() and asked and "还没有保存" in asked[0]
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: _stored(window, seg.block_id).endswith("丙"), timeout=5000)
    window.action("actionSave").trigger()
    assert window.statusBar().currentMessage() == "已保存：所有修改都已写入资料库。"
    assert window.close() and len(asked) == 1  # nothing waits now: no question
