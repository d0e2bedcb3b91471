"""Tags in the app: the vocabulary panel, tagging from the outline (one or many nodes), the
outline's tag column and filter, the editor's chips, undo, suggestions, import/export."""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelectionModel, Qt

from yearbook_editor.core import tags as core_tags
from yearbook_editor.gui import outline_model as om

from .conftest import node_by_title, select


def _tag_id(window, path):
    return core_tags.find_tag(window.session.store, path)["id"]


def _select_many(window, titles):
    tree = window.outline.tree
    sm = tree.selectionModel()
    sm.clearSelection()
    for t in titles:
        idx = window.outline._view_index(node_by_title(window, t).id)
        sm.select(idx, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    return [node_by_title(window, t).id for t in titles]


def test_default_vocabulary_is_shown_grouped_and_coloured(window):
    window.action("actionShowTags").trigger()
    m = window.tags_panel.model
    assert m.rowCount() == 4
    groups = [m.index(r, 0).data() for r in range(4)]
    assert groups[0].startswith("主题") and groups[1].startswith("工作流程")
    topic = m.index(0, 0)
    names = [m.index(r, 0, topic).data() for r in range(m.rowCount(topic))]
    assert "经济" in names
    assert m.index(0, 0).data(Qt.ItemDataRole.UserRole + 3) == core_tags.GROUPS["topic"][1]


def test_tag_nodes_selected_in_the_outline_and_undo(window, qtbot):
    window.action("actionShowTags").trigger()
    check = _tag_id(window, "待核实")
    ids = _select_many(window, ["地理位置", "气候", "人口民族"])
    assert window.outline.selected_node_ids() == sorted(ids, key=window.outline.model.node_ids().index)
    window.tags_panel.choose_tag(check)
    window.tags_panel.tag_button.click()
    store = window.session.store
    assert set(core_tags.nodes_with_tags(store, window.session.volume_id, [check])) == set(ids)
    # one revision per node, one undo step
    assert store.scalar("SELECT count(*) FROM revisions WHERE field = ?", (f"tag:{check}",)) == 3
    assert window.session.undo_stack.count() == 1
    # shown in the outline (column with chips) and in the panel's counts
    title = window.outline.model.index_for(ids[0], om.COL_TITLE)
    assert [n for _i, n, _c in title.data(om.TagsRole)] == ["待核实"]  # coloured chips in the title column
    assert window.outline.tree.itemDelegateForColumn(om.COL_TITLE) is window.outline.title_delegate
    assert "待核实" in title.data(Qt.ItemDataRole.ToolTipRole)
    menu = window.outline.header_menu()  # the names as a column, from the header's menu
    next(a for a in menu.actions() if a.text() == "标签").setChecked(True)
    assert not window.outline.tree.isColumnHidden(om.COL_TAGS)
    idx = window.outline.model.index_for(ids[0], om.COL_TAGS)
    assert idx.data() == "待核实" and idx.data(om.TagsRole)[0][1] == "待核实"
    assert window.tags_panel.model.index_for_tag(check, 1).data() == "3"
    window.action("actionUndo").trigger()
    assert core_tags.nodes_with_tags(store, window.session.volume_id, [check]) == []
    assert window.outline.model.index_for(ids[0], om.COL_TAGS).data() == ""
    assert window.tags_panel.model.index_for_tag(check, 1).data() == ""


def test_ctrl_t_tags_the_editors_node_and_its_header_shows_the_chip(window, qtbot):
    node = select(window, "气候")
    window.tags_panel.choose_tag(_tag_id(window, "缺数据"))
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.editor_panel.tag_names() == ["缺数据"]
    assert window.editor_panel.chips.isVisibleTo(window)
    assert core_tags.node_tags(window.session.store, [node.id]) == {node.id: [_tag_id(window, "缺数据")]}


def test_tag_with_menu_from_the_outline_and_remove(window):
    node = select(window, "气候")
    window.submenu("actionTagMenu").aboutToShow.emit()
    topic = window.submenu("actionTagMenu").actions()[0].menu()
    act = next(a for a in topic.actions() if a.text() == "经济/农业")
    act.trigger()
    tid = _tag_id(window, "经济/农业")
    assert window.outline.model.tags[node.id][0][0] == tid
    window.submenu("actionUntagMenu").aboutToShow.emit()
    next(a for a in window.submenu("actionUntagMenu").actions() if a.text() == "经济/农业").trigger()
    assert node.id not in window.outline.model.tags


def test_filter_the_outline_by_tag(window):
    tid = _tag_id(window, "待核实")
    ids = _select_many(window, ["气候", "人口民族"])
    window.tags_ctl.tag_nodes(tid)
    window.tags_panel.choose_tag(tid)
    window.tags_panel.filter_button.setChecked(True)
    tree = window.outline.tree
    assert tree.model() is window.outline.proxy
    shown = []

    def walk(parent):
        for r in range(tree.model().rowCount(parent)):
            idx = tree.model().index(r, 0, parent)
            shown.append(idx.data(om.NodeIdRole))
            walk(idx)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    entries = [n for n in shown if window.outline.model.node(n).kind == "entry"]
    assert sorted(entries) == sorted(ids)
    window.tags_panel.filter_button.setChecked(False)
    assert tree.model() is window.outline.model


def test_new_tag_and_vocabulary_export_import(window, tmp_path):
    tid = window.tags_ctl.create_tag("城乡建设/海绵城市", "topic")
    assert window.tags_panel.model.tag(tid)["path"] == "城乡建设/海绵城市"
    out = tmp_path / "词表 导出.json"
    n = window.tags_ctl.export_vocabulary(str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert n == len(data["tags"]) and any(t["path"] == "城乡建设/海绵城市" for t in data["tags"])
    data["tags"].append({"path": "人物/宋伟荣", "group": "index", "color": ""})
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    window.tags_ctl.import_vocabulary(str(out))
    assert core_tags.find_tag(window.session.store, "人物/宋伟荣") is not None
    bad = tmp_path / "坏.json"
    bad.write_bytes(b"\xff\xfe not json")
    assert window.tags_ctl.import_vocabulary(str(bad)) is None
    assert window.last_error and "Traceback" not in window.last_error


def test_accept_a_suggestion_and_undo(window, qtbot):
    from yearbook_editor.core import suggest

    window.tags_ctl.start_jieba()
    qtbot.waitUntil(lambda: window.tags_ctl.suggester is not None, timeout=60000)
    assert suggest.jieba_loaded()
    node = select(window, "人口民族")
    panel = window.tags_panel
    assert panel.suggestions.count() > 0
    labels = [panel.suggestions.item(i).data(Qt.ItemDataRole.UserRole).label for i in range(panel.suggestions.count())]
    assert any("人口" in lb or "民族" in lb for lb in labels)
    first = panel.suggestions.item(0).data(Qt.ItemDataRole.UserRole)
    panel.suggestions.setCurrentRow(0)
    panel.accept_button.click()
    names = [n for _i, n, _c in window.outline.model.tags.get(node.id, [])]
    assert first.label in names
    assert first.label not in [panel.suggestions.item(i).data(Qt.ItemDataRole.UserRole).label
                               for i in range(panel.suggestions.count())]
    window.action("actionUndo").trigger()
    assert node.id not in window.outline.model.tags
    # reject hides it for this entry
    panel.suggestions.setCurrentRow(0)
    rejected = panel.suggestions.item(0).data(Qt.ItemDataRole.UserRole).label
    panel.reject_button.click()
    assert rejected not in [panel.suggestions.item(i).data(Qt.ItemDataRole.UserRole).label
                            for i in range(panel.suggestions.count())]
    # bulk: the chosen suggestion on every selected node, one undo step
    ids = _select_many(window, ["气候", "人口民族", "地理位置"])
    panel.suggestions.setCurrentRow(0)
    s = panel.suggestions.item(0).data(Qt.ItemDataRole.UserRole)
    before = window.session.undo_stack.index()
    panel.accept_all_button.click()
    assert window.session.undo_stack.index() == before + 1
    assert all(s.label in [n for _i, n, _c in window.outline.model.tags.get(i, [])] for i in ids)
    window.action("actionUndo").trigger()
    assert not any(i in window.outline.model.tags for i in ids)


def test_tag_model_passes_the_model_tester(window, qtmodeltester):
    window.tags_ctl.tag_nodes(_tag_id(window, "待核实"), [node_by_title(window, "气候").id])
    qtmodeltester.check(window.tags_panel.model, force_py=True)


def test_outline_with_tags_passes_the_model_tester(window, qtmodeltester):
    window.tags_ctl.tag_nodes(_tag_id(window, "待核实"), [node_by_title(window, "气候").id])
    window.tags_panel.choose_tag(_tag_id(window, "待核实"))
    window.tags_panel.filter_button.setChecked(True)
    qtmodeltester.check(window.outline.proxy, force_py=True)


def test_rename_a_tag_updates_the_panel_and_the_outline_chips(window):
    window.action("actionShowTags").trigger()
    check = _tag_id(window, "待核实")
    ids = _select_many(window, ["气候"])
    assert window.tags_ctl.tag_nodes(check, ids)
    assert window.tags_ctl.rename_tag(check, "待核实数据")
    m = window.tags_panel.model
    assert m.index_for_tag(check).data() .startswith("待核实数据")
    assert any(name == "待核实数据" for _, name, _ in window.outline.model.tags[ids[0]])
    # a clash with a sibling is refused in plain words, nothing changes
    assert not window.tags_ctl.rename_tag(check, "缺数据")
    assert window.last_error and "缺数据" in window.last_error
    assert core_tags.find_tag(window.session.store, "待核实数据")["id"] == check


def test_app_and_command_line_use_one_cache_folder(window, qtbot, tmp_path, monkeypatch, capsys):
    """jieba's dictionary cache (tag suggestions in the app and ``tag suggest``) and the character
    detector's tables are all in the program's one cache folder (core.resources.cache_folder)."""
    from yearbook_editor.cli import main
    from yearbook_editor.core import resources, suggest
    from yearbook_editor.core.checks import detector

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = resources.cache_folder()
    assert folder.is_relative_to(tmp_path / "cache")
    real_load = suggest.load_jieba
    seen = []

    def recording_load(cache_dir=None):
        seen.append(cache_dir)
        return real_load(cache_dir)

    monkeypatch.setattr(suggest, "load_jieba", recording_load)
    monkeypatch.setattr(suggest, "jieba_loaded", lambda: False)  # the app loads it again
    window.tags_ctl.start_jieba()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=60000)
    node = node_by_title(window, "人口民族")
    code = main(["--db", str(window.session.store.path), "tag", "suggest", "1", str(node.id)])
    capsys.readouterr()
    assert code == 0
    # the app's call first, then the command line's (the suggester's own calls pass no folder)
    named = [d for d in seen if d is not None]
    assert named == [folder / "jieba", folder / "jieba"] and seen[0] == named[0]

    detector.chardata.cache_clear()
    try:
        detector.chardata()
    finally:
        detector.chardata.cache_clear()
    assert list(folder.glob("chardata-*.marshal"))
