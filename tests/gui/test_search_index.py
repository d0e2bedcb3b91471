"""Search across volumes (filters, context, More, opening the hit in its volume) and the
subject index view (pinyin order, click opens the entry)."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from yearbook_editor.core import tags as core_tags
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA
from .conftest import node_by_title


def two_volumes(make_window, tmp_path):
    db = tmp_path / "two.db"
    src = tmp_path / "示例县年鉴 2021.txt"
    shutil.copy(DATA / "small_volume.txt", src)
    with Store(db) as s:
        import_file(s, src)
    w = make_window(db)  # the sample is not imported into a store that has a volume
    from yearbook_editor.gui.app import open_sample

    sample = open_sample(w.session.store, "测试")
    w.open_volume(sample)
    return w


def test_search_finds_hits_in_every_volume_and_opens_the_node(make_window, tmp_path, qtbot):
    w = two_volumes(make_window, tmp_path)
    w.action("actionSearchAll").trigger()
    panel = w.search_panel
    assert panel.volume_combo.count() == 3
    panel.query_edit.setText("人口")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    vols = {h.volume_id for h in panel.model.hits}
    assert len(vols) == 2
    row = next(i for i, h in enumerate(panel.model.hits) if h.volume_id != w.session.volume_id)
    hit = panel.model.hit(row)
    assert "【人口】" in panel.model.index(row, 2).data()
    panel.view.clicked.emit(panel.model.index(row, 2))
    assert w.session.volume_id == hit.volume_id
    assert w.session.node_id == hit.node_id
    assert w.editor.textCursor().selectedText() == "人口"


def test_search_filters_by_volume_kind_and_status_and_is_literal(window, qtbot):
    panel = window.search_panel
    window.search_ctl.show_search()
    panel.query_edit.setText("全区")
    all_hits = panel.run().hits
    assert all_hits
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("entry"))
    assert all(h.node_id and window.outline.model.node(h.node_id).kind == "entry" for h in panel.run().hits)
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("approved"))
    assert panel.run().hits == [] and panel.count_label.text() == "没有找到。"
    panel.status_combo.setCurrentIndex(0)
    for q in ('"', "C-919", "'); DROP TABLE blocks; --", "%"):
        panel.query_edit.setText(q)
        panel.run()
    assert window.session.store.scalar("SELECT count(*) FROM blocks") > 0


def test_search_by_tag_and_paging_with_more(window, qtbot, monkeypatch):
    from yearbook_editor.gui import search_panel

    monkeypatch.setattr(search_panel, "PAGE", 10)
    panel = window.search_panel
    tid = core_tags.find_tag(window.session.store, "待核实")["id"]
    window.tags_ctl.tag_nodes(tid, [node_by_title(window, "气候").id])
    window.search_ctl.show_search()
    panel.query_edit.setText("，")
    first = panel.run()
    assert first.more and panel.model.rowCount() == 10 and panel.more_button.isVisibleTo(panel)
    assert panel.count_label.text() == "前 10 条结果"
    panel.more_button.click()
    assert panel.model.rowCount() > 10
    panel.tag_combo.setCurrentIndex(panel.tag_combo.findData(tid))
    hits = panel.run().hits
    assert hits and all(h.node_title == "气候" for h in hits)


def test_tag_from_search_results(window, qtbot):
    panel = window.search_panel
    window.search_ctl.show_search()
    panel.query_edit.setText("气温")
    panel.run()
    panel.view.selectAll()
    menu = window.search_ctl.search_tag_menu()
    topic = menu.actions()[1].menu()
    next(a for a in topic.actions() if a.text() == "区情/自然地理").trigger()
    tid = core_tags.find_tag(window.session.store, "区情/自然地理")["id"]
    tagged = core_tags.nodes_with_tags(window.session.store, window.session.volume_id, [tid])
    assert tagged and set(tagged) == {h.node_id for h in panel.model.hits}


def test_search_results_model_passes_the_model_tester(window, qtmodeltester):
    window.search_panel.query_edit.setText("全区")
    window.search_panel.run()
    qtmodeltester.check(window.search_panel.model, force_py=True)


def test_subject_index_in_pinyin_order_and_click_opens_the_entry(window):
    store = window.session.store
    terms = ["重庆路", "银行", "安居工程", "长江大桥"]
    entries = ["气候", "地理位置", "人口民族", "气候"]
    for term, title in zip(terms, entries, strict=False):
        tid = core_tags.create_tag(store, term, "index")
        window.tags_ctl.tag_nodes(tid, [node_by_title(window, title).id])
    dlg = window.search_ctl.show_index()
    order = dlg.terms()
    assert order == ["安居工程", "长江大桥", "重庆路", "银行"]  # an, chang, chong, yin
    top = dlg.tree.topLevelItem(order.index("银行"))
    child = top.child(0)
    assert child.text(0).endswith("地理位置")
    dlg.tree.itemClicked.emit(child, 0)
    assert window.session.node_id == node_by_title(window, "地理位置").id


def test_a_hit_far_into_a_long_paragraph_is_shown_in_its_context_column(make_window, tmp_path, qtbot):
    """The context is cut to as many characters as the column shows, the hit in the middle,
    also after the column is made narrower or wider."""
    from PySide6.QtWidgets import QHeaderView

    src = tmp_path / "长段落.txt"
    long_paragraph = "甲乙丙丁" * 300 + "独特检索词" + "戊己庚辛" * 60
    src.write_text((DATA / "small_volume.txt").read_text(encoding="utf-8").replace(
        "【气候】 属温带", "【气候】 " + long_paragraph + "属温带"), encoding="utf-8")
    db = tmp_path / "long.db"
    with Store(db) as s:
        import_file(s, src)
    w = make_window(db)
    w.search_ctl.show_search()
    panel = w.search_panel
    panel.query_edit.setText("独特检索词")
    hits = panel.run().hits
    assert len(hits) == 1 and hits[0].start >= 1200
    header, fm = panel.view.horizontalHeader(), panel.view.fontMetrics()
    for width in (None, 130, 260, 700):
        if width is not None:
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(2, width)
        shown = panel.model.index(0, 2).data()
        assert "【独特检索词】" in shown, (width, shown)
        assert shown.startswith("…") and shown.endswith("…")
        assert fm.horizontalAdvance(shown) <= header.sectionSize(2), (width, shown)
        assert panel.model.context_chars == panel.context_chars()
    assert len(panel.model.index(0, 2).data()) > 30  # a wide column shows more around the hit
