"""Undo and redo show where they happened: Ctrl+Z in one entry after a fix made in another (a fix
from the findings list, all like it across the volume) brings that entry into view."""

from __future__ import annotations

from yearbook_editor.core.edits import SetBlockText

from .conftest import node_by_title


def _first_paragraph(store, node_id):
    return store.conn.execute("SELECT id, text FROM blocks WHERE node_id = ? AND kind = 'paragraph' AND deleted = 0"
                              " ORDER BY seq LIMIT 1", (node_id,)).fetchone()


def test_undo_and_redo_show_the_entry_they_changed(window, qtbot):
    s = window.session
    here, there = node_by_title(window, "气候"), node_by_title(window, "人口民族")
    bid, text = _first_paragraph(s.store, here.id)
    s.select_node(here.id, None)
    assert s.apply(SetBlockText(bid, text + "（补）", expected=text), None, text="补")
    s.select_node(there.id, None)
    s.undo()
    assert s.node_id == here.id and window.editor.node_id == here.id
    assert "（补）" not in window.editor.toPlainText()
    assert window.statusBar().currentMessage() == "已撤销：补"
    c = window.editor.textCursor()  # at the place the undo changed: the end of the paragraph
    assert window.editor.toPlainText()[c.position() - len(text[-3:]) : c.position()] == text[-3:]
    s.select_node(there.id, None)
    s.redo()
    assert s.node_id == here.id and "（补）" in window.editor.toPlainText()
    assert window.statusBar().currentMessage() == "已重做：补"
    # an undo of what is in the node shown stays there
    other_bid, other_text = _first_paragraph(s.store, there.id)
    s.select_node(there.id, None)
    assert s.apply(SetBlockText(other_bid, other_text + "。", expected=other_text), None, text="句号")
    s.undo()
    assert s.node_id == there.id


def test_the_entry_brought_into_view_is_the_only_one_selected_while_ctrl_is_held(window, qtbot):
    from PySide6.QtCore import Qt

    s = window.session
    here, there = node_by_title(window, "气候"), node_by_title(window, "人口民族")
    s.select_node(there.id, None)
    # Ctrl+Z: the Ctrl is down when the undo selects the entry (a key pressed with Ctrl leaves it held)
    qtbot.keyPress(window.outline.tree, Qt.Key.Key_Shift, Qt.KeyboardModifier.ControlModifier)
    try:
        s.select_node(here.id, None)
        selected = [i.data() for i in window.outline.tree.selectionModel().selectedRows()]
        assert selected == ["气候"] and window.outline.tree.currentIndex().data() == "气候"
    finally:
        qtbot.keyRelease(window.outline.tree, Qt.Key.Key_Shift, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyRelease(window.outline.tree, Qt.Key.Key_Control)
