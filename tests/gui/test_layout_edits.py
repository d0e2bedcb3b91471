"""Layout fixes by hand through the window: merge, split, furniture, promote/demote, entry
titles, confirm break, move; each one a revision, undoable, the outline updated at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .conftest import node_by_title, select


def _segment(window, kind, contains=""):
    return next(s for s in window.editor.segments() if s.kind == kind and contains in window.editor.segment_text(s))


def _put_cursor(window, pos):
    c = window.editor.textCursor()
    c.setPosition(pos)
    window.editor.setTextCursor(c)
    window.editor.setFocus()


def test_delete_at_the_end_of_a_paragraph_merges_it_with_the_next(window, qtbot):
    select(window, "编辑说明")

    def paras():
        return [s for s in window.editor.segments() if s.kind in ("paragraph", "row")]

    before = paras()
    assert len(before) >= 2
    first, second = before[0], before[1]
    second_text = window.editor.segment_text(second)
    _put_cursor(window, first.end)
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    after = paras()
    assert len(after) == len(before) - 1
    assert window.editor.segment_text(after[0]).endswith(second_text)
    joined = window.editor.textCursor().position()
    assert window.editor.document().characterAt(joined) == second_text[0]  # the cursor stays at the join
    store = window.session.store
    assert store.scalar("SELECT deleted FROM blocks WHERE id = ?", (second.block_id,)) == 1
    assert store.scalar("SELECT count(*) FROM revisions") >= 2
    window.action("actionUndo").trigger()
    assert len(paras()) == len(before)
    assert window.session.node_id == node_by_title(window, "编辑说明").id
    window.action("actionRedo").trigger()
    assert len(paras()) == len(before) - 1


def test_merge_from_the_menu_joins_the_next_paragraph(window):
    select(window, "一、2020 年工作回顾")
    paras = [s for s in window.editor.segments() if s.kind == "paragraph"]
    first, second = paras[0], paras[1]
    second_text = window.editor.segment_text(second)
    _put_cursor(window, first.start + 3)
    window.action("actionMerge").trigger()
    after = [s for s in window.editor.segments() if s.kind == "paragraph"]
    assert len(after) == len(paras) - 1
    assert window.editor.segment_text(after[0]).endswith(second_text)
    window.session.undo()
    assert len([s for s in window.editor.segments() if s.kind == "paragraph"]) == len(paras)


def test_the_page_furniture_inside_a_paragraph_stays_out_of_its_text(window):
    select(window, "一、2020 年工作回顾")
    seg = _segment(window, "paragraph", "（一）项目建设")
    assert window.editor.segment_text(seg).endswith("项目落地率达到 91%。")  # joined across the page break


def test_merge_from_the_menu_never_swallows_the_next_heading(window):
    select(window, "一、2020 年工作回顾")
    seg = _segment(window, "paragraph", "（一）项目建设")  # the last paragraph before 类目 大事记
    text = window.editor.segment_text(seg)
    _put_cursor(window, seg.start + 3)
    revisions = window.session.store.scalar("SELECT count(*) FROM revisions")
    window.action("actionMerge").trigger()
    assert window.editor.segment_text(_segment(window, "paragraph", "（一）项目建设")) == text
    assert window.session.store.scalar("SELECT count(*) FROM revisions") == revisions
    assert node_by_title(window, "大事记").kind == "category"


def test_enter_splits_a_paragraph_at_the_cursor(window, qtbot):
    select(window, "气候")
    seg = _segment(window, "paragraph")
    text = window.editor.segment_text(seg)
    cut = text.index("全年日照")
    _put_cursor(window, seg.start + cut)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    paras = [window.editor.segment_text(s) for s in window.editor.segments() if s.kind == "paragraph"]
    assert paras == [text[:cut].rstrip(), text[cut:]]
    assert window.editor.document().blockCount() == 2
    assert window.editor.textCursor().block().text().startswith("全年日照")  # typing goes on in the new one
    window.session.undo()
    paras = [window.editor.segment_text(s) for s in window.editor.segments() if s.kind == "paragraph"]
    assert paras == [text]


def test_promote_and_demote_a_heading_update_the_outline(window, qtbot):
    node = select(window, "农业")
    assert node.kind == "division"
    model = window.outline.model
    top_before = model.rowCount()
    window.outline.tree.setFocus()
    qtbot.keyClick(window.outline.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    promoted = model.node(node.id)
    assert promoted.kind == "category" and promoted.parent_id is None
    assert model.rowCount() == top_before + 1
    assert window.outline.current_node_id() == node.id
    assert "Category" in window.editor_panel.header.text() or "类目" in window.editor_panel.header.text()
    window.action("actionDemote").trigger()
    assert model.node(node.id).kind == "division"
    assert model.rowCount() == top_before
    window.action("actionPromote").trigger()
    window.session.undo()
    assert model.node(node.id).kind == "division"
    assert model.node(model.node(node.id).parent_id).title == "经 济"


def test_make_entry_title_and_back(window):
    select(window, "1 月")
    seg = _segment(window, "paragraph", "1 月 6 日")
    text = window.editor.segment_text(seg)
    entries_before = sum(1 for n in window.outline.model.nodes() if n.kind == "entry")
    _put_cursor(window, seg.start + text.index(" 区委"))
    window.action("actionMakeEntryTitle").trigger()
    new = [n for n in window.outline.model.nodes() if n.kind == "entry" and n.title == "1 月 6 日"]
    assert len(new) == 1
    assert sum(1 for n in window.outline.model.nodes() if n.kind == "entry") == entries_before + 1
    window.session.select_node(new[0].id, None)
    assert window.editor.toPlainText().startswith("【1 月 6 日】 区委召开常委会")
    window.action("actionMakeParagraph").trigger()
    assert sum(1 for n in window.outline.model.nodes() if n.kind == "entry") == entries_before


def test_mark_as_furniture_and_restore(window):
    select(window, "附录")
    row = _segment(window, "row")
    _put_cursor(window, row.start + 1)
    window.action("actionMarkFurniture").trigger()
    seg = next(s for s in window.editor.segments() if s.block_id == row.block_id)
    assert seg.kind == "noise" and not seg.editable
    assert any(b == row.block_id for _k, _r, b in window.source.labels().values())
    assert window.session.store.scalar("SELECT kind FROM blocks WHERE id = ?", (row.block_id,)) == "noise"
    _put_cursor(window, seg.start + 1)
    window.action("actionRestoreText").trigger()
    assert window.session.store.scalar("SELECT kind FROM blocks WHERE id = ?", (row.block_id,)) == "row"
    assert not any(b == row.block_id for _k, _r, b in window.source.labels().values())
    window.session.undo()
    assert window.session.store.scalar("SELECT kind FROM blocks WHERE id = ?", (row.block_id,)) == "noise"


def test_confirm_an_uncertain_break(window):
    select(window, "编辑说明")
    before = [s.block_id for s in window.editor.segments() if s.uncertain]
    assert before
    seg = next(s for s in window.editor.segments() if s.uncertain)
    _put_cursor(window, seg.start + 1)
    window.action("actionConfirmBreak").trigger()
    after = [s.block_id for s in window.editor.segments() if s.uncertain]
    assert after == [b for b in before if b != seg.block_id]
    window.session.undo()
    assert [s.block_id for s in window.editor.segments() if s.uncertain] == before


def test_move_a_block_down_and_back(window):
    select(window, "1 月")
    first = _segment(window, "paragraph", "1 月 6 日")
    _put_cursor(window, first.start + 1)
    window.action("actionMoveDown").trigger()
    paras = [window.editor.segment_text(s) for s in window.editor.segments() if s.kind == "paragraph"]
    assert paras[0].startswith("1 月 21 日") and paras[1].startswith("1 月 6 日")
    window.session.undo()
    paras = [window.editor.segment_text(s) for s in window.editor.segments() if s.kind == "paragraph"]
    assert paras[0].startswith("1 月 6 日")
