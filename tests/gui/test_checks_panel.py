"""The checks in the app: findings panel, underlines, F8, fixes (one and all like it), blanks."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from yearbook_editor.core.checks import load_findings
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from .conftest import node_by_title

MADE = """编辑说明

本书设综述、经济 2 个类目。

综 述

【概况】 本区设臵街道办事处 3 个，设臵社区 20 个。

经 济

【农业】 全年新建大棚 ー 千座，乡镇设臵农技站。
"""


def run_checks(window, qtbot):
    with qtbot.waitSignal(window.findings_panel.checks_finished, timeout=20000):
        window.action("actionRunChecks").trigger()
    return window.findings_panel


def made_window(make_window, tmp_path):
    src = tmp_path / "自编 卷.txt"
    src.write_text(MADE, encoding="utf-8")
    db = tmp_path / "made.db"
    with Store(db) as s:
        import_file(s, src)
    return make_window(db)


def selected_text(window) -> str:
    return window.editor.textCursor().selectedText()


def test_findings_panel_lists_the_sample_findings_with_filters_and_counts(window, qtbot):
    panel = run_checks(window, qtbot)
    assert window.checks_dock.isVisible()
    rows = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert rows.count("缺数字") == 9  # 3 编辑说明 counts + 6 ethnic figures
    assert "形近错字" in rows and "编者批注" in rows
    assert "待处理 13" in panel.counts_label.text()
    panel.set_kind("char.confusable")
    assert panel.model.rowCount() == 2
    assert panel.counts_label.text().startswith("待处理 2 ")  # the counts follow the kind chosen
    contexts = [panel.model.index(r, 2).data() for r in range(2)]
    assert any("【臵】" in c for c in contexts) and any("【ー】" in c for c in contexts)
    assert panel.model.index(0, 3).data() in ("→ 置", "→ 一")
    panel.set_status_filter("ignored")
    assert panel.model.rowCount() == 0
    # stored: a new window on the same store shows them without running again
    assert window.session.store.scalar("SELECT count(*) FROM findings WHERE status = 'open'") == 13


def test_double_click_jumps_to_the_node_and_the_place(window, qtbot):
    panel = run_checks(window, qtbot)
    panel.set_kind("note.editorial")
    idx = panel.model.index(0, 2)
    panel.view.doubleClicked.emit(idx)
    assert window.session.node_id == node_by_title(window, "气候").id
    assert selected_text(window) == "（合适？）"


def test_findings_of_a_made_volume_are_underlined_in_the_editor(make_window, tmp_path, qtbot):
    w = made_window(make_window, tmp_path)
    panel = run_checks(w, qtbot)
    codes = [panel.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 3) for r in range(panel.model.rowCount())]
    assert codes.count("char.confusable") == 4  # three 臵 and one ー
    w.session.select_node(node_by_title(w, "概况").id, None)
    marks = w.editor.underlined()
    assert len(marks) == 2
    doc = w.editor.toPlainText()
    assert all(doc[s:e] == "臵" for _f, s, e in marks)
    sels = w.editor.extraSelections()
    fmt = sels[0].format
    from PySide6.QtGui import QTextCharFormat

    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline


def test_f8_and_shift_f8_move_through_the_open_findings(make_window, tmp_path, qtbot):
    w = made_window(make_window, tmp_path)
    run_checks(w, qtbot)
    w.session.select_node(node_by_title(w, "概况").id, None)
    w.editor.setFocus()
    qtbot.keyClick(w.editor, Qt.Key.Key_F8)
    assert selected_text(w) == "臵"
    first = w.editor.textCursor().selectionStart()
    qtbot.keyClick(w.editor, Qt.Key.Key_F8)
    assert selected_text(w) == "臵" and w.editor.textCursor().selectionStart() > first
    qtbot.keyClick(w.editor, Qt.Key.Key_F8)  # on to the next entry
    assert w.session.node_id == node_by_title(w, "农业").id
    assert selected_text(w) == "ー"
    qtbot.keyClick(w.editor, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert w.session.node_id == node_by_title(w, "概况").id
    assert w.editor.textCursor().selectionStart() > first


def _menu_at_finding(w, n=0):
    f, start, _end = w.editor.underlined()[n]
    c = w.editor.textCursor()
    c.setPosition(start + 1)
    pos = w.editor.cursorRect(c).center() - QPoint(2, 0)
    return f, w.editor.build_context_menu(pos)


def test_right_click_fix_changes_the_text_and_undo_brings_it_back(make_window, tmp_path, qtbot):
    w = made_window(make_window, tmp_path)
    panel = run_checks(w, qtbot)
    node = node_by_title(w, "农业")
    w.session.select_node(node.id, None)
    f, menu = _menu_at_finding(w)
    n_open = len(panel.open_findings())
    assert f.matched == "ー"
    names = [a.objectName() for a in menu.actions()]
    assert "fixFinding" in names and "ignoreFinding" in names
    fix = next(a for a in menu.actions() if a.objectName() == "fixFinding")
    assert "“ー” → “一”" in fix.text()
    fix.trigger()
    assert "大棚 一 千座" in w.editor.toPlainText()
    assert f.status == "fixed" and all(g.matched != "ー" for g, _s, _e in w.editor.underlined())
    assert f"待处理 {n_open - 1} · 已修改 1" in panel.counts_label.text()
    w.action("actionUndo").trigger()
    assert "大棚 ー 千座" in w.editor.toPlainText()
    assert f.status == "open" and f"待处理 {n_open} · 已修改 0" in panel.counts_label.text()
    w.action("actionRedo").trigger()
    assert "大棚 一 千座" in w.editor.toPlainText() and f.status == "fixed"


def test_ignore_from_the_editor_menu(make_window, tmp_path, qtbot):
    w = made_window(make_window, tmp_path)
    panel = run_checks(w, qtbot)
    w.session.select_node(node_by_title(w, "农业").id, None)
    f, menu = _menu_at_finding(w)
    next(a for a in menu.actions() if a.objectName() == "ignoreFinding").trigger()
    assert w.editor.underlined() == [] or all(g is not f for g, _s, _e in w.editor.underlined())
    assert w.session.store.scalar("SELECT status FROM findings WHERE id = ?", (f.id,)) == "ignored"
    panel.set_status_filter("ignored")
    assert panel.model.rowCount() == 1


def test_fix_all_like_this_previews_every_place_and_is_one_undo_step(make_window, tmp_path, qtbot):
    w = made_window(make_window, tmp_path)
    run_checks(w, qtbot)
    w.session.select_node(node_by_title(w, "概况").id, None)
    _f, menu = _menu_at_finding(w)
    next(a for a in menu.actions() if a.objectName() == "fixAllLike").trigger()
    dlg = w.checks_ctl.fix_all_dialog
    assert dlg.tree.topLevelItemCount() == 3
    rows = [[dlg.tree.topLevelItem(i).text(c) for c in range(5)] for i in range(3)]
    assert all(r[2] == "臵" and r[3] == "置" for r in rows)
    assert rows[0][1].endswith("本区设") and rows[0][4].startswith("街道")
    stack = w.session.undo_stack
    before = stack.count()
    dlg.accept()
    assert stack.count() == before + 1
    store = w.session.store
    texts = "".join(r["text"] for r in store.query("SELECT text FROM blocks WHERE deleted = 0"))
    assert "臵" not in texts and texts.count("设置") == 3
    w.action("actionUndo").trigger()
    texts = "".join(r["text"] for r in store.query("SELECT text FROM blocks WHERE deleted = 0"))
    assert texts.count("设臵") == 3


def test_markup_in_a_finding_is_shown_literally(make_window, tmp_path, qtbot):
    src = tmp_path / "标记.txt"
    src.write_text("编辑说明\n\n综 述\n\n【概况】 <b>本区</b>设臵<img src=x>街道。\n", encoding="utf-8")
    db = tmp_path / "mark.db"
    with Store(db) as s:
        import_file(s, src)
    w = make_window(db)
    panel = run_checks(w, qtbot)
    panel.set_kind("char.confusable")
    assert "<b>本区</b>设【臵】<img" in panel.model.index(0, 2).data()


def test_blanks_queue_fills_the_counts_of_the_editorial_notes(window, qtbot):
    window.action("actionShowBlanks").trigger()
    bp = window.blanks_panel
    labels = [bp.tree.topLevelItem(i).text(0) for i in range(bp.tree.topLevelItemCount())]
    assert labels[:2] == ["分目", "子目"]
    assert bp.tree.topLevelItem(0).text(2) == "3"  # computed from the structure
    bp.select_row(0)
    assert bp.value_edit.text() == "3"
    bp.fill_button.click()
    store = window.session.store
    note = store.scalar("SELECT text FROM blocks WHERE text LIKE '%全书有%'")
    assert "全书有 3 个分目" in note
    labels = [bp.tree.topLevelItem(i).text(0) for i in range(bp.tree.topLevelItemCount())]
    assert "分目" not in labels and "子目" in labels
    window.action("actionUndo").trigger()
    assert "全书有 个分目" in store.scalar("SELECT text FROM blocks WHERE text LIKE '%全书有%'")


def test_group_form_checks_the_sum_and_fills_the_whole_group_in_one_step(window, qtbot):
    window.action("actionShowBlanks").trigger()
    bp = window.blanks_panel
    labels = [bp.tree.topLevelItem(i).text(0) for i in range(bp.tree.topLevelItemCount())]
    bp.select_row(labels.index("回族"))
    assert bp.group_button.isEnabled()
    bp.group_button.click()
    dlg = window.checks_ctl.group_dialog
    assert set(dlg.edits) == {"总数", "占比", "回族", "藏族", "满族", "其他少数民族"}
    for key, value in {"总数": "1000", "回族": "500", "藏族": "300", "满族": "100", "其他少数民族": "50"}.items():
        dlg.edits[key].setText(value)
    assert "不符" in dlg.problems.text() and "950" in dlg.problems.text()
    dlg.edits["其他少数民族"].setText("100")
    assert dlg.problems.text() == ""
    dlg.edits["占比"].setText("5")  # 1000 / 583600 = 0.17 %
    assert "占比" in dlg.problems.text()
    dlg.edits["占比"].setText("0.17")
    assert dlg.problems.text() == ""
    before = window.session.undo_stack.count()
    dlg.accept()
    assert window.session.undo_stack.count() == before + 1
    text = window.session.store.scalar("SELECT text FROM blocks WHERE text LIKE '%少数民族，共%'")
    assert "共 1000 人" in text and "回族 500 人" in text and "0.17" in text
    window.action("actionUndo").trigger()
    text = window.session.store.scalar("SELECT text FROM blocks WHERE text LIKE '%少数民族，共%'")
    assert "回族 人" in text


def test_findings_model_passes_the_model_tester(window, qtbot, qtmodeltester):
    panel = run_checks(window, qtbot)
    qtmodeltester.check(panel.model, force_py=True)


def test_group_form_shows_last_years_values(window, qtbot, tmp_path):
    from yearbook_editor.core.reading import read_source
    from yearbook_editor.core.volumes import import_source

    src = tmp_path / "去年.txt"
    src.write_text("综 述\n\n【人口民族】 全区有回族、藏族等少数民族，其中，回族 1180 人，藏族 905 人。\n", encoding="utf-8")
    import_source(window.session.store, read_source(src), title="河西区年鉴（2020）")
    window.action("actionShowBlanks").trigger()
    bp = window.blanks_panel
    labels = [bp.tree.topLevelItem(i).text(0) for i in range(bp.tree.topLevelItemCount())]
    bp.select_row(labels.index("藏族"))
    bp.group_button.click()
    dlg = window.checks_ctl.group_dialog
    assert "1180人" in dlg.elsewhere["回族"].text() and "河西区年鉴（2020）" in dlg.elsewhere["回族"].text()
    assert "905人" in dlg.elsewhere["藏族"].text()
    dlg.reject()


def test_ignore_all_like_this_marks_every_place_of_a_name_not_an_error(make_window, tmp_path, qtbot):
    """A suspect the editor knows is right (a name used in several places) is ignored once for all of
    them, from the editor's menu; a new check run keeps them ignored."""
    w = made_window(make_window, tmp_path)
    panel = run_checks(w, qtbot)
    w.session.select_node(node_by_title(w, "概况").id, None)
    f, menu = _menu_at_finding(w)
    assert f.matched == "臵"
    store, vid = w.session.store, w.session.volume_id

    def statuses():
        return sorted(g.status for g in load_findings(store, vid, code=f.code) if g.matched == "臵")

    assert statuses() == ["open"] * 3
    next(a for a in menu.actions() if a.objectName() == "ignoreAllLike").trigger()
    assert statuses() == ["ignored"] * 3
    assert "3" in w.statusBar().currentMessage() and "臵" in w.statusBar().currentMessage()
    assert all(g.matched != "臵" for g, _s, _e in w.editor.underlined())
    assert any(g.matched == "ー" for g in panel.open_findings())  # another finding of the rule is left open
    run_checks(w, qtbot)
    assert statuses() == ["ignored"] * 3
    panel.set_status_filter("ignored")
    assert panel.model.rowCount() == 3


def test_the_chosen_filters_come_back_in_a_new_window_and_stay_when_none_is_left(make_window, tmp_path, qtbot):
    w = made_window(make_window, tmp_path)
    panel = run_checks(w, qtbot)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("char.confusable"))  # as the editor picks it
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("ignored"))
    assert panel.model.rowCount() == 0
    w.close()
    w2 = make_window(tmp_path / "made.db")
    p2 = w2.findings_panel
    assert p2.kind_combo.currentData() == "char.confusable"
    assert p2.status_combo.currentText() == "已忽略"
    p2.set_status_filter("open")
    assert p2.model.rowCount() == 4 and p2.kind_combo.currentText() == "形近错字 (4)"
    for f in [f for f in p2.model.all_findings() if f.code == "char.confusable"]:
        p2.status_requested.emit(f, "ignored")
    qtbot.waitUntil(lambda: p2.model.rowCount() == 0)
    # none of the kind left open: the filter stays, showing 0, rather than jumping to every kind
    assert p2.kind_combo.currentData() == "char.confusable" and p2.kind_combo.currentText() == "形近错字 (0)"
    p2.set_kind(None)
    assert p2.kind_combo.currentData() is None and p2.kind_combo.findData("char.confusable") < 0
    p2.set_status_filter("ignored")
    assert p2.model.rowCount() == 4


def test_the_findings_list_shows_eight_rows_on_a_laptop_screen(window, qtbot):
    window.resize(1366, 740)
    panel = run_checks(window, qtbot)
    qtbot.waitUntil(lambda: panel.view.viewport().height() > 0)
    qtbot.wait(50)
    rows = panel.view.viewport().height() // panel.view.rowHeight(0)
    assert rows >= 8, rows


def test_many_findings_selected_in_the_list_are_ignored_at_once(make_window, tmp_path, qtbot):
    w = made_window(make_window, tmp_path)
    panel = run_checks(w, qtbot)
    panel.set_kind("char.confusable")
    assert panel.model.rowCount() == 4
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # as the editor selects them all
    assert len(panel.selected_findings()) == 4
    menu = panel.build_many_menu(panel.selected_findings())
    actions = {a.objectName(): a for a in menu.actions()}
    assert actions["ignoreSelected"].text() == "忽略所选 4 处（不是错误）" and "reopenSelected" not in actions
    actions["ignoreSelected"].trigger()
    assert panel.model.rowCount() == 0
    assert w.statusBar().currentMessage() == "已将 4 处标为不是错误。"
    store = w.session.store
    assert store.scalar("SELECT count(*) FROM findings WHERE code = 'char.confusable' AND status = 'ignored'") == 4
    panel.set_status_filter("ignored")
    panel.view.selectAll()
    many = panel.build_many_menu(panel.selected_findings())
    next(a for a in many.actions() if a.objectName() == "reopenSelected").trigger()
    assert store.scalar("SELECT count(*) FROM findings WHERE code = 'char.confusable' AND status = 'open'") == 4
    # one row clicked: the menu of that finding, as before
    panel.set_status_filter("open")
    panel.view.selectRow(0)
    assert len(panel.selected_findings()) == 1


def test_one_click_on_a_finding_shows_its_place(window, qtbot):
    panel = run_checks(window, qtbot)
    panel.set_kind("note.editorial")
    rect = panel.view.visualRect(panel.model.index(0, 2))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.node_id == node_by_title(window, "气候").id
    assert selected_text(window) == "（合适？）"


def test_every_kind_name_fits_its_column(window):
    from yearbook_editor.core import checks
    from yearbook_editor.gui.findings_model import COL_KIND

    view = window.findings_panel.view
    width = view.horizontalHeader().sectionSize(COL_KIND)
    assert all(view.fontMetrics().horizontalAdvance(t) + 8 <= width for t in checks.CODE_LABELS.values())


def test_a_remembered_kind_this_version_does_not_know_is_forgotten(make_window, settings):
    settings.setValue("findings/kind", "no.such_rule")
    settings.setValue("findings/status", "bogus")
    w = make_window()
    panel = w.findings_panel
    assert panel.kind_combo.currentData() is None and panel.kind_combo.findData("no.such_rule") < 0
    assert panel.status_combo.currentData() == "open"


def test_f8_goes_through_the_kind_chosen_in_the_list(window, qtbot):
    panel = run_checks(window, qtbot)
    kinds = {f.code for f in panel.open_findings()}
    assert "char.confusable" in kinds and "note.editorial" in kinds
    panel.set_kind("char.confusable")
    seen = set()
    for _ in range(5):
        window.action("actionNextFinding").trigger()
        seen.add(selected_text(window))
    assert seen == {"臵", "ー"}  # the confusables only
    panel.set_kind("note.editorial")
    for f in [f for f in panel.open_findings() if f.code == "note.editorial"]:
        panel.status_requested.emit(f, "ignored")  # none of them open any more
    assert panel.kind_combo.currentData() == "note.editorial"
    window.action("actionNextFinding").trigger()
    assert window.statusBar().currentMessage() == "问题列表所选类别中没有待处理的问题。"


def test_arrow_keys_through_the_list_show_each_place(window, qtbot):
    panel = run_checks(window, qtbot)
    panel.set_kind("char.confusable")
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    panel.select_finding(panel.model.finding(0).id)  # the program's choice: no jump
    before = window.session.node_id
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    f = panel.model.finding(1)
    assert panel.view.currentIndex().row() == 1 and window.session.node_id == f.node_id
    assert selected_text(window) == f.matched
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)
    assert selected_text(window) == panel.model.finding(0).matched and before is not None


def test_a_run_says_it_is_checking_until_it_is_done(window, qtbot):
    run_checks(window, qtbot)  # a run before: its count must not stand while the next one runs
    with qtbot.waitSignal(window.findings_panel.checks_finished, timeout=20000):
        window.action("actionRunChecks").trigger()
        assert window.statusBar().currentMessage() == "正在检查整卷……"
    assert window.statusBar().currentMessage() == "检查完成：发现 13 处问题。"


def test_the_list_taking_the_focus_does_not_move_the_editor(window, qtbot):
    """When the list gets the focus with no row chosen (the Cancel button beside it hides after a
    cancelled run), Qt makes its first row current: that is no choice of the editor's."""
    from PySide6.QtCore import QModelIndex

    panel = run_checks(window, qtbot)
    first = panel.model.finding(0)
    other = next(f.node_id for f in panel.model.all_findings() if f.node_id not in (None, first.node_id))
    window.session.select_node(other)
    panel.view.setCurrentIndex(QModelIndex())
    panel.load()  # a list read afresh with no row chosen
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    panel.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.view.hasFocus)
    assert panel.view.currentIndex().row() == 0  # made current by Qt
    assert window.session.node_id == other
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)  # a key still shows the place
    assert window.session.node_id == panel.model.finding(1).node_id


def test_the_line_number_of_a_finding_comes_before_its_entry_title(window, qtbot):
    from yearbook_editor.gui.findings_model import COL_WHERE

    panel = run_checks(window, qtbot)
    f = next(f for f in panel.model.all_findings() if f.line and f.node_id is not None)
    panel.set_kind(f.code)
    where = panel.model.index(panel.model.row_of(f.id), COL_WHERE).data()
    assert where.startswith(f"第 {f.line} 行 · ")  # a long title is cut at the right, the line stays
