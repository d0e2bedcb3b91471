"""History in words (issue 16, item 3): one row per step the editor took, named as the editor
would name it, opening onto the raw fields; restore works per step as one new undoable step."""

from __future__ import annotations

from yearbook_editor.core import tags as core_tags
from yearbook_editor.core.edits import MergeBlocks, verify_volume

from .conftest import select


def _paragraphs(store, node_id):
    return [r["id"] for r in store.query("SELECT id FROM blocks WHERE node_id = ? AND deleted = 0 AND kind = 'paragraph'"
                                         " ORDER BY seq", (node_id,))]


def _top_rows(dlg):
    return [[dlg.model.index(row, col).data() for col in range(4)] for row in range(dlg.model.rowCount())]


def _merge_tag_and_fill(window):
    """Merge the first two paragraphs of 编辑说明, tag it 人口, fill its first blank from the queue."""
    store = window.session.store
    node = select(window, "编辑说明")
    first, second = _paragraphs(store, node.id)[:2]
    assert window.session.apply(MergeBlocks(first, second), window.editor)
    tag = core_tags.find_tag(store, "人口") or {"id": core_tags.create_tag(store, "人口")}
    window.tags_ctl.load_tags()
    assert window.tags_ctl.tag_nodes(tag["id"], [node.id])
    window.action("actionShowBlanks").trigger()
    bp = window.blanks_panel
    bp.refresh()
    bp.select_row(0)
    assert bp.value_edit.text() == "3"
    bp.fill_button.click()
    assert "全书有 3 个分目" in store.scalar("SELECT text FROM blocks WHERE id = ?", (first,))
    return node, first, second


def test_three_steps_in_words_with_their_fields_below(window, qtbot):
    _node, _first, _second = _merge_tag_and_fill(window)
    select(window, "编辑说明")
    dlg = window.editing_ctl.show_history()
    rows = _top_rows(dlg)
    assert len(rows) == 3  # one row per step, not one per revision (the merge wrote three)
    fill, tag, merge = (r[2] for r in rows)  # newest first
    assert fill == "填写空缺：“3”"  # the figure it put in
    assert tag == "添加标签“人口”"
    assert merge == "合并段落"
    assert [r[3] for r in rows] == ["填写空白", "加标签", "版式调整"]
    for what in (fill, tag, merge):
        assert "pieces" not in what and "tag:" not in what and "[[" not in what
    assert all(r[1] == "测试编辑" for r in rows)
    # the raw fields under the merge, for those who want them
    merge_index = dlg.model.index(2, 0)
    raw = [dlg.model.index(i, 2, merge_index).data() for i in range(dlg.model.rowCount(merge_index))]
    assert len(raw) == 3 and any("pieces" in r for r in raw) and any("deleted" in r for r in raw)
    dlg.table.expand(merge_index)
    # the character diff stays for text: the fill's inserted figure, the merge's joined paragraph
    dlg.select_step(0)
    assert "#d4f7d4" in dlg.diff.toHtml() and "3" in dlg.diff.toPlainText()
    dlg.select_step(2)
    assert "全书有" in dlg.diff.toPlainText()


def test_restore_one_step_is_one_new_undoable_step(window, qtbot):
    node, _first, _second = _merge_tag_and_fill(window)
    store = window.session.store
    select(window, "编辑说明")
    dlg = window.editing_ctl.show_history()
    dlg.select_step(2)  # the merge: the fill changed its paragraph since, so it cannot be set back alone
    assert not dlg.restore_before_button.isEnabled()
    assert "请先恢复后来的那些修改" in dlg.restore_before_button.toolTip()
    dlg.select_step(1)  # the tag
    assert dlg.restore_before_button.isEnabled()
    revisions = store.scalar("SELECT count(*) FROM revisions")
    assert dlg.restore(after=False)
    assert not core_tags.node_tags(store, [node.id]).get(node.id)
    assert store.scalar("SELECT count(*) FROM revisions") == revisions + 1
    rows = _top_rows(dlg)
    assert len(rows) == 4 and rows[0][2] == "恢复：去掉标签“人口”"
    window.session.undo()  # the restore is one step of the undo stack
    assert core_tags.node_tags(store, [node.id]).get(node.id)
    assert verify_volume(store, window.session.volume_id) == []


def test_restore_before_a_merge_brings_both_paragraphs_back(window, qtbot):
    store = window.session.store
    node = select(window, "编辑说明")
    first, second = _paragraphs(store, node.id)[:2]
    before = store.scalar("SELECT text FROM blocks WHERE id = ?", (first,))
    assert window.session.apply(MergeBlocks(first, second), window.editor)
    dlg = window.editing_ctl.show_history()
    dlg.select_step(0)
    assert not dlg.restore_button.isEnabled()  # already as the merge left it
    assert dlg.restore(after=False)
    assert store.scalar("SELECT deleted FROM blocks WHERE id = ?", (second,)) == 0
    assert store.scalar("SELECT text FROM blocks WHERE id = ?", (first,)) == before
    assert _top_rows(dlg)[0][2] == "恢复：拆分段落"
    assert len(store.query("SELECT DISTINCT batch FROM revisions WHERE reason LIKE 'restore:%'")) == 1
    assert verify_volume(store, window.session.volume_id) == []
    dlg.select_step(1)  # the merge again, from its own row: now "this version" can be restored
    assert dlg.restore(after=True)
    assert store.scalar("SELECT deleted FROM blocks WHERE id = ?", (second,)) == 1
    assert verify_volume(store, window.session.volume_id) == []


def test_every_step_label_of_the_core_has_words():
    from yearbook_editor.core.edits import STEP_LABELS
    from yearbook_editor.gui.history_model import STEP_WORDS

    assert set(STEP_LABELS) <= set(STEP_WORDS)
