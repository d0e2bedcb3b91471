"""The structure review dock (gui/structure_review.py, gui/frame_panel.py, controllers/structure.py):
the heading table edited from the keyboard, several rows as one undo step, headings like this,
and frame alignment — done when a deliberately scrambled 000 is put right in fewer than 10
user actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from yearbook_editor.core.edits import apply_edit
from yearbook_editor.core.store import Store
from yearbook_editor.core.structure_review import heading_rows, shift_edit
from yearbook_editor.core.volumes import import_file

from ..conftest import seed_path

CTRL, SHIFT, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier


def _outline(store, vid):
    """Every live node: id, kind, stored depth and parent, in reading order."""
    return [tuple(r.values()) for r in store.query(
        "SELECT id, kind, depth, parent_id FROM nodes WHERE volume_id = ? AND deleted = 0 ORDER BY seq", (vid,))]


def _scrambled_000(tmp_path):
    """000 imported, its outline noted, then every 分目 demoted one level through the core's edits.
    The frame an editor would have: the 类目 and their 分目, indented — except the 分目 of the
    类目 with the most of them (the 街道: a 篇目 often lists only the 类目 there)."""
    db = tmp_path / "store.db"
    with Store(db) as s:
        vid = import_file(s, seed_path("000")).volume_id
        before = _outline(s, vid)
        rows = heading_rows(s, vid)
        divisions = [r for r in rows if r.kind == "division"]
        biggest = max({r.parent_id for r in divisions}, key=lambda p: sum(r.parent_id == p for r in divisions))
        frame = "\n".join(("    " if r.kind == "division" else "") + r.title for r in rows
                          if r.kind == "category" or (r.kind == "division" and r.parent_id != biggest))
        apply_edit(s, shift_edit(divisions, +1), author="测试")
        assert _outline(s, vid) != before
        left_out = sum(r.parent_id == biggest for r in divisions)
    return db, vid, before, frame, left_out


def _press(qtbot, widget, key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key, mods)


def test_a_scrambled_000_is_put_right_through_the_view_and_the_frame_in_fewer_than_10_actions(
        make_window, qtbot, tmp_path):
    db, vid, before, frame, left_out = _scrambled_000(tmp_path)
    assert left_out >= 10
    w = make_window(db)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)  # the keys below go to the focused table
    ctl = w.structure_ctl
    panel, fp = ctl.panel, ctl.panel.frame
    actions = 0

    w.action("actionStructureReview").trigger()  # Review ▸ Structure Review
    actions += 1
    assert ctl.dock.isVisible() and len(panel.all_rows) > 400
    demoted = [r for r in panel.all_rows if r.kind == "subdivision" and r.parent_depth == 1]
    assert len(demoted) >= 60
    QApplication.clipboard().setText(frame)
    qtbot.mouseClick(fp.text_edit.viewport(), Qt.MouseButton.LeftButton)  # into the frame box
    fp.text_edit.paste()  # Ctrl+V
    actions += 2
    qtbot.mouseClick(fp.buttons["actionFrameApply"], Qt.MouseButton.LeftButton)
    actions += 1
    assert fp.rest_list.count() == left_out  # the 分目 the frame does not list, nothing else
    assert all(m.node_id is not None for m in ctl.matches) and fp.summary.text()

    item = fp.rest_list.item(0)  # the first heading the frame left out: go to it in the table
    qtbot.mouseClick(fp.rest_list.viewport(), Qt.MouseButton.LeftButton,
                      pos=fp.rest_list.visualItemRect(item).center())
    qtbot.keyClick(fp.rest_list, Qt.Key.Key_Return)
    actions += 2
    assert panel.current_row() is not None and panel.current_row().node_id == item.data(Qt.ItemDataRole.UserRole + 1)[1]
    _press(qtbot, panel.table, Qt.Key.Key_L, CTRL | SHIFT)  # choose headings like this
    actions += 1
    assert len(panel.selected_rows()) == left_out
    _press(qtbot, panel.table, Qt.Key.Key_Left, ALT)  # promote them all
    actions += 1

    assert actions < 10
    assert _outline(w.session.store, vid) == before
    assert not any(r.kind == "subdivision" and r.parent_depth == 1 for r in panel.all_rows)
    assert fp.rest_list.count() == left_out  # still not in the frame, now 分目 like the frame's
    # each step is one undo step: Ctrl+Z takes back the last promotion, all of it
    w.session.undo()
    assert sum(1 for r in panel.all_rows if r.kind == "subdivision" and r.parent_depth == 1) == left_out
    w.session.redo()
    assert _outline(w.session.store, vid) == before


def test_rows_are_edited_from_the_keyboard_several_at_once(small_window, qtbot):
    w = small_window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    ctl = w.structure_ctl
    ctl.show_review()
    panel = ctl.panel
    titles = [r.title for r in panel.all_rows]
    assert titles == ["编辑说明", "县 情 综 述", "自然地理"]
    division = next(r for r in panel.all_rows if r.title == "自然地理")
    assert (division.depth, division.entries) == (2, 3)
    panel.select_keys({("node", division.node_id)}, current=("node", division.node_id))
    _press(qtbot, panel.table, Qt.Key.Key_Delete)  # not a heading
    assert [r.title for r in panel.all_rows] == ["编辑说明", "县 情 综 述"]
    panel.candidates_box.setChecked(True)  # list the paragraphs that may be headings
    cand = next(r for r in panel.all_rows if r.title == "自然地理")
    assert cand.node_id is None
    panel.select_keys({("block", cand.block_id)}, current=("block", cand.block_id))
    _press(qtbot, panel.table, Qt.Key.Key_Insert)  # make heading
    again = next(r for r in panel.all_rows if r.title == "自然地理" and r.node_id is not None)
    assert (again.depth, again.kind, again.entries) == (2, "division", 3)
    panel.select_keys({("node", again.node_id)}, current=("node", again.node_id))
    _press(qtbot, panel.table, Qt.Key.Key_Left, ALT)  # promote: a 类目 of its own
    assert next(r for r in panel.all_rows if r.node_id == again.node_id).kind == "category"
    _press(qtbot, panel.table, Qt.Key.Key_Right, ALT)  # and back
    assert next(r for r in panel.all_rows if r.node_id == again.node_id).depth == 2
    assert w.outline.model.node(again.node_id).kind == "division"


def test_the_frame_panel_takes_the_volumes_toc_and_says_what_matched(make_window, tmp_path):
    from ..core.test_structure_review import VOLUME

    path = tmp_path / "city.txt"
    path.write_text(VOLUME, encoding="utf-8")
    db = tmp_path / "city.db"
    with Store(db) as s:
        import_file(s, path)
    w = make_window(db)
    ctl = w.structure_ctl
    ctl.show_review()
    ctl.frame_actions["actionFrameFromToc"].trigger()
    fp = ctl.panel.frame
    assert fp.frame_text().splitlines()[:2] == ["政治", "    区委工作"]
    assert len(ctl.matches) == 6 and all(m.node_id is not None for m in ctl.matches)  # every 目录 row
    texts = [fp.rest_list.item(i).text() for i in range(fp.rest_list.count())]
    assert len(texts) == 2 and "一、重点企业" in texts[0]  # the numbered headings the 目录 does not list
    frame_col = ctl.panel.model.rows[[r.title for r in ctl.panel.model.rows].index("工业")]
    assert ctl.panel.model.frame_titles[frame_col.node_id] == "工业"


def test_a_frame_file_in_gb18030_opens_and_aligns(small_window, tmp_path):
    path = tmp_path / "篇目.txt"
    path.write_bytes("县情综述\n    自然地理\n".encode("gb18030"))
    ctl = small_window.structure_ctl
    ctl.show_review()
    ctl.open_frame(str(path))
    assert ctl.panel.frame.frame_text() == "县情综述\n    自然地理\n"
    assert [m.node_id is not None for m in ctl.matches] == [True, True]


def test_read_only_turns_off_the_tables_edits_but_not_choosing(small_window):
    w = small_window
    w.set_read_only(True)
    ctl = w.structure_ctl
    ctl.show_review()
    off = {a.objectName() for a in ctl.row_actions.all() + ctl.frame_actions.all() if not a.isEnabled()}
    assert off == {"actionReviewPromote", "actionReviewDemote", "actionReviewNotHeading", "actionReviewMakeHeading",
                   "actionReviewJoinNext", "actionFrameApply"}
    w.set_read_only(False)
    ctl.show_review()
    assert all(a.isEnabled() for a in ctl.row_actions.all())


def test_a_frame_row_whose_heading_became_text_leads_to_the_paragraph(make_window, qtbot, tmp_path):
    """The frame names 人大工作, which is now a paragraph: its row in the rest list goes to the
    paragraph (listed as a possible heading), Insert makes it a heading, the frame applied again
    gives it its level."""
    from yearbook_editor.core.edits import MakeParagraph

    from ..core.test_structure_review import VOLUME

    path = tmp_path / "city.txt"
    path.write_text(VOLUME, encoding="utf-8")
    db = tmp_path / "city.db"
    with Store(db) as s:
        vid = import_file(s, path).volume_id
        before = _outline(s, vid)
        lost = next(r for r in heading_rows(s, vid) if r.title == "人大工作")
        apply_edit(s, MakeParagraph(block_id=lost.block_id), author="测试")
    w = make_window(db)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    ctl = w.structure_ctl
    ctl.show_review()
    ctl.frame_actions["actionFrameFromToc"].trigger()
    fp = ctl.panel.frame
    datas = [fp.rest_list.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(fp.rest_list.count())]
    assert ("block", lost.block_id) in datas
    item = fp.rest_list.item(datas.index(("block", lost.block_id)))
    fp.rest_list.setCurrentItem(item)
    qtbot.keyClick(fp.rest_list, Qt.Key.Key_Return)
    assert ctl.panel.candidates_box.isChecked() and ctl.panel.current_row().block_id == lost.block_id
    _press(qtbot, ctl.panel.table, Qt.Key.Key_Insert)  # make heading
    qtbot.mouseClick(fp.buttons["actionFrameApply"], Qt.MouseButton.LeftButton)
    assert [(k, d) for _i, k, d, _p in _outline(w.session.store, vid)] == [(k, d) for _i, k, d, _p in before]


def test_the_table_follows_its_own_edits_at_once_and_edits_elsewhere_a_moment_later(make_window, qtbot):
    """An edit made in the table (or undone while working there) reloads it at once; an edit made
    elsewhere (the editor, the outline) reloads the shown table a moment later, so the edit itself
    stays quick."""
    from yearbook_editor.core.edits import Batch, MakeParagraph, SetBlockKind

    w = make_window()  # the sample volume
    ctl = w.structure_ctl
    w.action("actionStructureReview").trigger()
    qtbot.waitUntil(lambda: not ctl._stale)
    store, vid = w.session.store, w.session.volume_id
    parents = {r["parent_id"] for r in store.query("SELECT parent_id FROM nodes WHERE volume_id = ?", (vid,))}
    entry = next(r for r in ctl.panel.all_rows if not r.doubt and r.node_id not in parents and r.kind != "front"
                 and store.query(
        "SELECT 1 FROM blocks WHERE node_id = ? AND kind = 'paragraph'", (r.node_id,)))  # a heading over text only
    body = store.query("SELECT id FROM blocks WHERE node_id = ? AND deleted = 0 AND kind = 'paragraph'",
                       (entry.node_id,))
    assert body
    n = len(ctl.panel.all_rows)

    assert w.session.apply(Batch(tuple(SetBlockKind(b["id"], "noise") for b in body)))  # its body marked as furniture
    row = next(r for r in ctl.panel.all_rows if r.node_id == entry.node_id)
    assert row.doubt == ""  # not yet: the table waits for a pause
    qtbot.waitUntil(lambda: bool(next(r for r in ctl.panel.all_rows if r.node_id == entry.node_id).doubt), timeout=3000)
    assert next(r for r in ctl.panel.all_rows if r.node_id == entry.node_id).doubt == "无内容"

    assert w.session.apply(MakeParagraph(entry.block_id), ctl.panel)  # made in the table: at once
    assert len(ctl.panel.all_rows) == n - 1
    assert entry.node_id not in {r.node_id for r in ctl.panel.all_rows}
    w.editor.setFocus()
    w.session.undo()  # with the editor in hand: a moment later
    assert len(ctl.panel.all_rows) == n - 1
    qtbot.waitUntil(lambda: len(ctl.panel.all_rows) == n, timeout=3000)


def test_opening_the_table_stays_where_the_editor_is_and_marks_its_heading(make_window, qtbot):
    w = make_window()  # the sample volume
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    entry = [n for n in w.outline.model.nodes() if n.kind == "entry"][-1]
    w.session.select_node(entry.id, None)
    w.action("actionStructureReview").trigger()
    assert w.session.node_id == entry.id  # not taken to the table's first row
    current = w.structure_ctl.panel.current_row()
    assert current is not None and current.node_id == entry.parent_id  # the entry's own heading
