"""Fresh findings (issue 16, item 5): the checks run after an import; after each edit the edited
paragraphs are checked again at once, so a fixed finding leaves the list, a new one appears, the
blanks queue is current without a refresh button, and the list keeps the editor's place."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool

from yearbook_editor.core.edits import SetBlockText
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from .conftest import node_by_title

NUMBERS = "一二三四五六七八九十"


def _volume_text(entries: int) -> str:
    parts = ["编辑说明", "", "本书设综述、经济 2 个类目。", "", "综 述", "", "【概况】 全区设臵街道办事处 3 个，共有 个社区。", "",
             "经 济", ""]
    for n in range(entries):
        name = NUMBERS[n // 10] + NUMBERS[n % 10]
        parts += [f"【工作{name}】 本年设臵服务站点，建成大棚 ー 千座。", ""]
    return "\n".join(parts)


def _window(make_window, tmp_path, entries=4):
    src = tmp_path / "新卷.txt"
    src.write_text(_volume_text(entries), encoding="utf-8")
    db = tmp_path / "fresh.db"
    with Store(db) as s:
        import_file(s, src)
    return make_window(db)


def _run(w, qtbot):
    with qtbot.waitSignal(w.findings_panel.checks_finished, timeout=20000):
        w.action("actionRunChecks").trigger()
    return w.findings_panel


def _rows(panel):
    return [panel.model.finding(r) for r in range(panel.model.rowCount())]


def _fix_in_text(w, block_id, old, new):
    text = w.session.store.scalar("SELECT text FROM blocks WHERE id = ?", (block_id,))
    assert w.session.apply(SetBlockText(block_id, text.replace(old, new), expected=text), w.editor)


def test_an_imported_volume_is_checked_at_once(make_window, tmp_path, qtbot, settings):
    settings.setValue("background/auto", True)
    w = make_window()  # the sample opens; its whole run starts after the first paint
    qtbot.waitUntil(lambda: w.findings_panel.checked_volume is not None, timeout=20000)
    QThreadPool.globalInstance().waitForDone(20000)
    src = tmp_path / "导入卷.txt"
    src.write_text(_volume_text(3), encoding="utf-8")
    with qtbot.waitSignal(w.findings_panel.checks_finished, timeout=30000):
        w.import_files([str(src)])
    panel = w.findings_panel
    assert w.session.volume_title().startswith("导入卷")
    assert panel.checked_volume == w.session.volume_id
    codes = [f.code for f in _rows(panel)]
    assert codes.count("char.confusable") >= 6 and "blank.figure" in codes
    assert "待处理 0" not in panel.counts_label.text()


def test_a_finding_fixed_by_typing_leaves_the_list_at_once_and_undo_brings_it_back(make_window, tmp_path, qtbot):
    w = _window(make_window, tmp_path)
    panel = _run(w, qtbot)
    before = _rows(panel)
    target = next(f for f in before if f.code == "char.confusable" and f.matched == "臵" and "街道" in f.block_text)
    _fix_in_text(w, target.block_id, "设臵街道", "设置街道")  # the editor types the fix; no check is run
    rows = _rows(panel)
    assert target.id not in {f.id for f in rows} and len(rows) == len(before) - 1
    assert target.status == "fixed"
    assert f"待处理 {len(before) - 1} · 已修改 1" in panel.counts_label.text()
    # the outline badge and the underline follow
    node = node_by_title(w, "概况")
    assert w.outline.model.findings.get(node.id, 0) == sum(1 for f in rows if f.node_id == node.id)
    w.session.select_node(node.id, None)
    assert all(g.matched != "臵" for g, _s, _e in w.editor.underlined())
    w.action("actionUndo").trigger()
    assert target.id in {f.id for f in _rows(panel)} and target.status == "open"


def test_a_new_error_typed_appears_in_the_list(make_window, tmp_path, qtbot):
    w = _window(make_window, tmp_path)
    panel = _run(w, qtbot)
    n = panel.model.rowCount()
    f = next(f for f in _rows(panel) if f.code == "char.confusable" and f.matched == "ー")
    _fix_in_text(w, f.block_id, "本年设臵", "本年由×××设臵")
    rows = _rows(panel)
    assert panel.model.rowCount() == n + 1
    assert any(g.block_id == f.block_id and g.code == "blank.placeholder" and g.matched == "×××" for g in rows)


def test_the_blanks_queue_is_current_without_refreshing(make_window, tmp_path, qtbot):
    w = _window(make_window, tmp_path)
    _run(w, qtbot)
    w.action("actionShowBlanks").trigger()
    bp = w.blanks_panel
    assert not hasattr(bp, "refresh_button")

    def labels():
        return [bp.tree.topLevelItem(i).text(0) for i in range(bp.tree.topLevelItemCount())]

    assert "社区" in labels()
    block = w.session.store.scalar("SELECT id FROM blocks WHERE text LIKE '%共有 个社区%'")
    _fix_in_text(w, block, "共有 个社区", "共有 20 个社区")  # typed in the editor, not through the queue
    assert "社区" not in labels()
    _fix_in_text(w, block, "街道办事处 3 个", "街道办事处 个")
    assert any("街道办事处" in x for x in labels())
    # hidden while edits happen, current again when shown
    w.checks_dock.hide()
    _fix_in_text(w, block, "街道办事处 个", "街道办事处 4 个")
    w.action("actionShowBlanks").trigger()
    assert not any("街道办事处" in x for x in labels())


def test_the_list_keeps_the_selection_and_scroll_across_refreshes(make_window, tmp_path, qtbot):
    w = _window(make_window, tmp_path, entries=40)
    panel = _run(w, qtbot)
    w.checks_dock.resize(w.checks_dock.width(), 220)
    qtbot.wait(10)
    rows = _rows(panel)
    assert len(rows) > 60
    bar = panel.view.verticalScrollBar()
    assert bar.maximum() > 10
    chosen = rows[50]
    panel.select_finding(chosen.id)
    bar.setValue(bar.maximum() // 2)
    scroll = bar.value()
    first = rows[2]  # a finding far above: fixing it refreshes the list
    _fix_in_text(w, first.block_id, first.matched, first.suggestion)
    assert panel.current_finding() is chosen and bar.value() == scroll
    # the selected finding itself fixed: the one after it is selected, the scroll stays
    after = _rows(panel)[_rows(panel).index(chosen) + 1]
    _fix_in_text(w, chosen.block_id, "设臵", "设置")
    assert panel.current_finding() is after and bar.value() == scroll


def test_an_edit_while_the_recheck_context_is_built_is_rechecked_once_it_comes(make_window, tmp_path, qtbot):
    """Right after a volume opens, the re-check's context is built in the background; an edit made
    meanwhile does not build it again in the window's thread (1 s on a large volume, fighting the
    background work): it is followed and re-checked as soon as the context comes."""
    from yearbook_editor.core.checks.recheck import Rechecker

    w = _window(make_window, tmp_path)
    panel = _run(w, qtbot)
    ctl = w.checks_ctl
    ctl.rechecker = Rechecker(w.session.store, w.session.volume_id)  # as a volume just opened
    ctl.warm_recheck()
    f = next(f for f in _rows(panel) if f.code == "char.confusable" and f.matched == "ー")
    _fix_in_text(w, f.block_id, "本年设臵", "本年由×××设臵")
    assert not ctl.rechecker.has_context()  # not built in the window's thread
    qtbot.waitUntil(lambda: ctl._warming is None, timeout=10000)
    assert any(g.block_id == f.block_id and g.code == "blank.placeholder" for g in _rows(panel))
    assert "×××" in ctl.rechecker.context().by_id[f.block_id].text  # the warmed context follows the edit
