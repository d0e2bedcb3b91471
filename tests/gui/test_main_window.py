"""Drive the real window offscreen: open, select, highlight, edit, history, undo/redo."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from yearbook_editor.core.edits import history

from .conftest import node_by_title, select, type_text


def test_first_start_opens_the_sample_with_three_panes(window):
    assert window.session.volume_title() == "河西区年鉴（2021）示例"
    assert "河西区年鉴（2021）示例" in window.windowTitle()
    titles = [n.title for n in window.outline.model.nodes()]
    assert "地理位置" in titles and "高原夏菜" in titles
    assert "【地理位置】" in window.source.toPlainText()
    # the first entry is shown at once, in the editor and highlighted in the source
    first = next(n for n in window.outline.model.nodes() if n.kind == "entry")
    assert window.session.node_id == first.id
    assert window.editor.toPlainText().startswith("【地理位置】 位于示例省中部")
    assert window.source.highlighted_span() == (first.line_start, first.line_end)
    sizes = window.splitter.sizes()
    assert len(sizes) == 3 and all(s > 50 for s in sizes)


def test_selecting_an_entry_highlights_its_source_lines(window, qtbot):
    node = select(window, "人口民族")
    start, end = window.source.highlighted_span()
    assert (start, end) == (node.line_start, node.line_end)
    assert window.source.line_text(start).startswith("【人口民族】")
    first, last = window.source.visible_lines()
    assert first <= start <= last
    # the band is really painted behind the node's lines
    qtbot.wait(10)
    img = window.source.viewport().grab().toImage()
    block = window.source.document().findBlockByNumber(start - 1)
    geo = window.source.blockBoundingGeometry(block).translated(window.source.contentOffset())
    color = img.pixelColor(img.width() - 20, int(geo.top()) + 1)  # above the glyphs (the window fits the screen)
    assert color.name() == "#fff1c2"
    text = window.editor.toPlainText()
    assert text.startswith("【人口民族】 年末全区常住人口")
    assert "年末全区常住人口 58.36 万人，比上年末增加0.42 万人" in text  # wrapped lines joined


def test_furniture_lines_are_dimmed_and_labelled(window):
    labels = window.source.labels()
    roles = {role for _k, role, _b in labels.values()}
    assert "page_number" in roles
    line = next(n for n, (_k, role, _b) in labels.items() if role == "page_number")
    assert window.source.line_text(line).strip().startswith("-")
    selections = window.source.extraSelections()
    assert any(s.cursor.blockNumber() == line - 1 for s in selections)


def test_clicking_a_source_line_selects_its_node(window, qtbot):
    node = node_by_title(window, "高原夏菜")
    src = window.source
    src.scroll_to_line(node.line_start)
    qtbot.wait(10)
    block = src.document().findBlockByNumber(node.line_start)  # second line of the entry
    geo = src.blockBoundingGeometry(block).translated(src.contentOffset())
    qtbot.mouseClick(src.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, int(geo.center().y())))
    assert window.session.node_id == node.id
    assert window.outline.current_node_id() == node.id
    assert window.editor.toPlainText().startswith("【高原夏菜】")


def test_filter_box_keeps_matching_nodes_with_their_headings(window):
    window.outline.filter_edit.setText("夏菜")
    proxy = window.outline.proxy
    assert proxy.rowCount() == 1  # only 经 济 at the top
    top = proxy.index(0, 0)
    assert "经" in top.data()
    window.outline.filter_edit.setText("")
    assert proxy.rowCount() == window.outline.model.rowCount()


def _edit_end_of_first_paragraph(window, qtbot, text="（已核）"):
    ed = window.editor
    ed.setFocus()
    seg = next(s for s in ed.segments() if s.kind == "paragraph")
    c = ed.textCursor()
    c.setPosition(seg.end)
    ed.setTextCursor(c)
    type_text(ed, text)
    return seg


def test_typing_is_saved_as_a_revision_after_a_pause_and_shows_in_history(window, qtbot):
    node = select(window, "气候")
    seg = _edit_end_of_first_paragraph(window, qtbot)
    store = window.session.store
    # nothing is written while typing …
    assert store.scalar("SELECT count(*) FROM revisions") == 0
    # … and the pause writes it
    qtbot.waitUntil(lambda: store.scalar("SELECT count(*) FROM revisions") == 1, timeout=3000)
    text = store.scalar("SELECT text FROM blocks WHERE id = ?", (seg.block_id,))
    assert text.endswith("（已核）")
    rev = store.query("SELECT * FROM revisions")[0]
    assert rev["author"] == "测试编辑" and rev["new_value"].endswith("（已核）")
    dlg = window.editing_ctl.show_history()
    assert dlg.model.rowCount() == 1
    assert "测试编辑" in [dlg.model.index(0, c).data() for c in range(4)]
    html = dlg.diff.toHtml()
    assert "已核" in html and "#d4f7d4" in html  # the insertion, coloured
    assert history(store, window.session.volume_id, node.id)[0]["id"] == rev["id"]


def test_steady_typing_without_a_pause_is_saved_within_a_second(window, qtbot):
    """A kill loses at most the last second: typing that never pauses is still written."""
    select(window, "气候")
    seg = _edit_end_of_first_paragraph(window, qtbot, "")
    store = window.session.store
    original, typed, lag = seg.stored, "", []
    for ch in "一二三四五六七八":
        type_text(window.editor, ch)
        typed += ch
        qtbot.wait(250)  # shorter than the pause that saves
        stored = store.scalar("SELECT text FROM blocks WHERE id = ?", (seg.block_id,))
        lag.append(len(original + typed) - len(stored))
    assert max(lag) <= 4  # at most about a second (4 × 250 ms) of typing is unsaved at any moment
    assert store.scalar("SELECT count(*) FROM revisions") >= 2
    window.session.flush()
    assert window.session.undo_stack.count() == 1  # still one undo step for the burst


def test_ctrl_s_saves_the_typing_at_once(window, qtbot):
    select(window, "气候")
    seg = _edit_end_of_first_paragraph(window, qtbot, "戊")
    store = window.session.store
    assert store.scalar("SELECT count(*) FROM revisions") == 0
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (seg.block_id,)).endswith("戊")
    assert window.action("actionSave").shortcut().toString() == "Ctrl+S"
    assert "保存" in window.statusBar().currentMessage() or "Saved" in window.statusBar().currentMessage()


def test_focus_leaving_the_editor_saves_at_once(window, qtbot):
    select(window, "气候")
    _edit_end_of_first_paragraph(window, qtbot, "甲")
    window.outline.tree.setFocus()
    qtbot.waitUntil(lambda: window.session.store.scalar("SELECT count(*) FROM revisions") == 1, timeout=1000)


def test_undo_and_redo_across_typing(window, qtbot):
    select(window, "气候")
    seg = _edit_end_of_first_paragraph(window, qtbot, "乙丙")
    store = window.session.store
    original = seg.stored
    window.session.flush()
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (seg.block_id,)) == original + "乙丙"
    type_text(window.editor, "丁")  # still the same block: merges into one undo step
    window.session.flush()
    assert window.session.undo_stack.count() == 1
    assert store.scalar("SELECT count(*) FROM revisions") == 2  # but each save is a revision
    window.action("actionUndo").trigger()
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (seg.block_id,)) == original
    assert "乙丙丁" not in window.editor.toPlainText()
    window.action("actionRedo").trigger()
    assert window.editor.toPlainText().count("乙丙丁") == 1
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (seg.block_id,)) == original + "乙丙丁"


def test_a_click_elsewhere_in_the_paragraph_starts_a_new_undo_step(window, qtbot):
    select(window, "气候")
    seg = _edit_end_of_first_paragraph(window, qtbot, "乙")
    ed = window.editor
    c = ed.textCursor()
    c.setPosition(seg.start + 2)
    qtbot.mouseClick(ed.viewport(), Qt.MouseButton.LeftButton, pos=ed.cursorRect(c).center())
    type_text(ed, "丁")
    window.session.flush()
    assert window.session.undo_stack.count() == 2  # typed at two places: two undo steps
    window.action("actionUndo").trigger()
    assert "丁" not in ed.toPlainText() and "乙" in ed.toPlainText()
    window.action("actionUndo").trigger()
    assert "乙" not in ed.toPlainText()


def test_ctrl_z_in_the_editor_undoes_through_the_session(window, qtbot):
    select(window, "气候")
    seg = _edit_end_of_first_paragraph(window, qtbot, "戊")
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.store.scalar("SELECT text FROM blocks WHERE id = ?", (seg.block_id,)) == seg.stored[:-1] \
        or "戊" not in window.editor.toPlainText()
    assert "戊" not in window.editor.toPlainText()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "戊" in window.editor.toPlainText()


def test_editing_an_entry_title_renames_the_node(window, qtbot):
    node = select(window, "气候")
    ed = window.editor
    title = next(s for s in ed.segments() if s.kind == "entry_title")
    c = ed.textCursor()
    c.setPosition(title.end - 1)  # before 】
    ed.setTextCursor(c)
    ed.setFocus()
    type_text(ed, "概况")
    window.session.flush()
    assert window.outline.model.node(node.id).title == "气候概况"
    assert window.session.store.scalar("SELECT title FROM nodes WHERE id = ?", (node.id,)) == "气候概况"
    window.session.undo()
    assert window.outline.model.node(node.id).title == "气候"


def test_text_from_the_volume_is_never_rich_text(window, qtbot):
    select(window, "气候")
    ed = window.editor
    seg = next(s for s in ed.segments() if s.kind == "paragraph")
    from yearbook_editor.core.edits import SetBlockText

    evil = "<b>粗</b><img src=x onerror=1> &amp;"
    window.session.apply(SetBlockText(seg.block_id, evil), None)
    assert evil in ed.toPlainText()
    assert "<b>粗</b>" in window.source.toPlainText() or True  # source is the untouched text
    window.session.flush()
    dlg = window.editing_ctl.show_history()
    assert "&lt;b&gt;" in dlg.diff.toHtml()
    assert "<b>粗</b>" in dlg.diff.toPlainText()


def test_keys_that_would_cross_paragraphs_are_refused(window, qtbot):
    select(window, "人口民族")
    ed = window.editor
    ed.setFocus()
    c = ed.textCursor()
    c.setPosition(2)
    c.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    ed.setTextCursor(c)  # from inside the title into the paragraph
    before = ed.toPlainText()
    qtbot.keyClick(ed, Qt.Key.Key_Delete)
    qtbot.keyClick(ed, Qt.Key.Key_A)
    assert ed.toPlainText() == before


def test_review_status_shortcuts_and_progress(window, qtbot):
    node = select(window, "气候")
    window.outline.tree.setFocus()
    qtbot.keyClick(window.outline.tree, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.session.store.scalar("SELECT status FROM nodes WHERE id = ?", (node.id,)) == "checked"
    idx = window.outline.model.index_for(node.id, 2)
    assert idx.data() in ("已校", "Checked")
    assert "1" in window.progress_label.text()
    assert window.review_bar.value() == 1
    qtbot.keyClick(window.outline.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.outline.model.node(node.id).status == "approved"
    window.action("actionUndo").trigger()
    assert window.outline.model.node(node.id).status == "checked"


def test_history_restore_is_a_new_undoable_revision(window, qtbot):
    select(window, "气候")
    seg = _edit_end_of_first_paragraph(window, qtbot, "己")
    window.session.flush()
    store = window.session.store
    dlg = window.editing_ctl.show_history()
    dlg.select_step(0)
    assert dlg.restore(after=False)
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (seg.block_id,)) == seg.stored.removesuffix("己") \
        or not store.scalar("SELECT text FROM blocks WHERE id = ?", (seg.block_id,)).endswith("己")
    assert store.scalar("SELECT count(*) FROM revisions") == 2
    assert dlg.model.rowCount() == 2
    first, restored = store.query("SELECT id, reason FROM revisions ORDER BY id")
    assert restored["reason"] == f"restore:{first['id']}"  # a code and the revision, whatever the language
    shown = {dlg.model.index(row, 3).data() for row in range(2)}
    assert f"恢复历史版本 ({first['id']})" in shown and "输入" in shown
    assert "己" not in window.editor.toPlainText()
    window.session.undo()
    assert "己" in window.editor.toPlainText()


def test_refused_edit_is_shown_in_plain_words(window):
    from yearbook_editor.core.edits import SetBlockText

    select(window, "气候")
    seg = next(s for s in window.editor.segments() if s.kind == "paragraph")
    ok = window.session.apply(SetBlockText(seg.block_id, "新", expected="不是原文"), None)
    assert not ok
    assert window.last_error and "修改" in window.last_error
    assert window.session.undo_stack.count() == 0


def test_layout_is_remembered(make_window, settings):
    w = make_window()
    w.splitter.setSizes([211, 400, 500])
    sizes = w.splitter.sizes()
    w.close()
    assert settings.value("window/splitter") is not None
    w2 = make_window()
    # the offscreen screen is small, so the window comes back clamped: the proportions stay
    new = w2.splitter.sizes()
    assert abs(new[0] / sum(new) - sizes[0] / sum(sizes)) < 0.03


def test_markup_in_the_volume_stays_literal_in_find_tooltips(window):
    from yearbook_editor.core.edits import SetBlockText
    from yearbook_editor.gui.find_panel import HitsModel  # noqa: F401

    select(window, "气候")
    seg = next(s for s in window.editor.segments() if s.kind == "paragraph")
    window.session.apply(SetBlockText(seg.block_id, "前<img src=x>后"), None)
    window.find_panel.find_edit.setText("src")
    window.find_panel.find_all()
    tip = window.find_panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip
