"""An editor's day on volume 000 in one window, as issue 16 walks it: open the imported volume,
fix a break with a filter typed in the outline, fix a character, fill the 编辑说明 counts and the
ethnic figures, tag an entry, export Word, close and reopen where the day ended. Qt warnings
fail it (pytest's qt_log_level_fail)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from yearbook_editor.core.store import Store
from yearbook_editor.core.tags import create_tag, find_tag
from yearbook_editor.core.volumes import import_file

from ..conftest import seed_path
from .conftest import node_by_title, select, type_text


def _text(store, like):
    return store.scalar("SELECT text FROM blocks WHERE deleted = 0 AND text LIKE ?", (like,))


def test_an_editors_day_on_volume_000(make_window, tmp_path, qtbot):
    db = tmp_path / "day.db"
    with Store(db) as s:
        vid = import_file(s, seed_path("000")).volume_id
    w = make_window(db, sample_if_empty=False)
    store = w.session.store
    assert w.session.volume_id == vid

    # a break fixed with a filter on: Enter splits the entry's paragraph (its speed: test_outline_updates)
    w.outline.filter_edit.setText("人口")
    select(w, "人口民族")
    seg = next(s for s in w.editor.segments() if s.kind == "paragraph")
    text = w.editor.segment_text(seg)
    cut = text.index("。") + 1
    c = w.editor.textCursor()
    c.setPosition(seg.start + cut)
    w.editor.setTextCursor(c)
    w.editor.setFocus()
    qtbot.keyClick(w.editor, Qt.Key.Key_Return)
    paras = [w.editor.segment_text(s) for s in w.editor.segments() if s.kind == "paragraph"]
    assert text[:cut] in paras and text[cut:] in paras

    # a character fixed by typing (saved at once by File ▸ 保存)
    seg = next(s for s in w.editor.segments() if s.kind == "paragraph")
    c = w.editor.textCursor()
    c.setPosition(seg.end)
    w.editor.setTextCursor(c)
    type_text(w.editor, "（核）")
    w.action("actionSave").trigger()  # File ▸ 保存 (its Ctrl+S is tested in test_main_window)
    assert store.scalar("SELECT count(*) FROM blocks WHERE text LIKE '%（核）%'") == 1
    w.outline.filter_edit.setText("")

    # the 编辑说明 counts from the structure, then the ethnic figures as one group
    w.action("actionShowBlanks").trigger()
    bp = w.blanks_panel
    labels = [bp.tree.topLevelItem(i).text(0) for i in range(bp.tree.topLevelItemCount())]
    bp.select_row(labels.index("分目"))
    suggested = bp.value_edit.text()
    assert suggested.isdigit()
    bp.fill_button.click()
    assert f"全书有 {suggested} 个分目" in _text(store, "%全书有%")
    labels = [bp.tree.topLevelItem(i).text(0) for i in range(bp.tree.topLevelItemCount())]
    bp.select_row(labels.index("回族"))
    bp.group_button.click()
    dlg = w.checks_ctl.group_dialog
    parts = [k for k in dlg.edits if k not in ("总数", "占比")]
    for k in parts:
        dlg.edits[k].setText("100")
    dlg.edits["总数"].setText(str(100 * len(parts)))
    if "占比" in dlg.edits:
        dlg.edits["占比"].setText("")
    before = w.session.undo_stack.count()
    dlg.accept()
    assert w.session.undo_stack.count() == before + 1
    assert _text(store, f"%少数民族，共 {100 * len(parts)} 人%") is not None

    # a tag on the entry
    node = node_by_title(w, "人口民族")
    tag = find_tag(store, "人口") or {"id": create_tag(store, "人口")}
    assert w.tags_ctl.tag_nodes(tag["id"], [node.id])
    assert "人口" in [t["name"] for t in store.query(
        "SELECT t.name FROM tags t JOIN node_tags nt ON nt.tag_id = t.id WHERE nt.node_id = ?", (node.id,))]

    # Word, in the background
    out = tmp_path / "000.docx"
    dlg = w.export_dialog()
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("docx"))
    dlg.path_edit.setText(str(out))
    assert dlg.start() is not None
    qtbot.waitUntil(dlg.export_button.isEnabled, timeout=60000)
    dlg.close()
    assert out.stat().st_size > 100_000

    # close and come back where the day ended
    w.close()
    w2 = make_window(db, sample_if_empty=False)
    assert w2.session.node_id == node.id
    assert "（核）" in _text(w2.session.store, "%（核）")
