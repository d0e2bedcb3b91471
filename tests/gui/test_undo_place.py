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
    s.select_node(there.id, None)
    s.redo()
    assert s.node_id == here.id and "（补）" in window.editor.toPlainText()
    # an undo of what is in the node shown stays there
    other_bid, other_text = _first_paragraph(s.store, there.id)
    s.select_node(there.id, None)
    assert s.apply(SetBlockText(other_bid, other_text + "。", expected=other_text), None, text="句号")
    s.undo()
    assert s.node_id == there.id
