"""A window that fits a laptop (issue 16, item 4) and back where the editor left off (item 6)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QToolTip

from yearbook_editor.gui.outline_model import COL_TITLE
from yearbook_editor.gui.workplace import LAYOUT_VERSION

DOCK_ACTIONS = ("actionShowFindings", "actionShowBlanks", "actionShowTags", "actionFind")


def _open_every_dock(w):
    for name in DOCK_ACTIONS:
        w.action(name).trigger()
    for dock in (w.checks_dock, w.tags_dock, w.search_dock):
        w.feedback.show_dock(dock)
    QApplication.processEvents()


def test_opening_every_dock_never_grows_the_window_and_it_can_be_1000_px_wide(window, qtbot):
    # a new window is never larger than its screen (offscreen: 800 × 800), its frame included
    free = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: window.frameGeometry().width() <= free.width())
    assert window.frameGeometry().height() <= free.height()
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.width() == 1000)
    _open_every_dock(window)
    docks = (window.checks_dock, window.tags_dock, window.search_dock, window.find_dock)
    assert all(d.isVisible() for d in docks)
    # one dock area, as tabs: checks, tags and search share the bottom
    assert {window.dockWidgetArea(d) for d in docks} == {Qt.DockWidgetArea.BottomDockWidgetArea}
    assert set(window.tabifiedDockWidgets(window.checks_dock)) >= {window.tags_dock, window.search_dock}
    assert window.width() == 1000 and window.height() == 700
    hint = window.minimumSizeHint()
    assert hint.width() <= 1000 and hint.height() <= 600
    # the panes keep most of the height
    assert window.splitter.height() > 700 // 2


def _deep_rows(w):
    tree, model = w.outline.tree, w.outline.model
    deep = [n for n in model.nodes() if len(w.outline.path_titles(n.id)) >= 3]
    assert deep
    for n in deep:
        tree.scrollTo(model.index_for(n.id))
    return deep


def test_outline_titles_elide_in_the_middle_never_to_an_ellipsis_alone(window, qtbot):
    window.resize(1000, 700)
    window.splitter.setSizes([150, 420, 430])  # a narrow outline
    QApplication.processEvents()
    tree = window.outline.tree
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    delegate = window.outline.title_delegate
    model = window.outline.model
    checked = 0
    for n in _deep_rows(window):
        idx = model.index_for(n.id, COL_TITLE)
        rect = tree.visualRect(idx)
        if not rect.isValid() or rect.isEmpty():
            continue
        opt = QStyleOptionViewItem()
        opt.initFrom(tree)
        opt.rect = rect
        delegate.initStyleOption(opt, idx)
        fm = opt.fontMetrics
        shown = fm.elidedText(opt.text, opt.textElideMode, rect.width() - 8) if opt.text else ""
        assert shown.strip("… ") != "", n.title
        checked += 1
    assert checked


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")  # the tooltip, offscreen
def test_outline_tooltip_shows_the_whole_path(window, qtbot):
    tree, model = window.outline.tree, window.outline.model
    node = _deep_rows(window)[-1]
    idx = model.index_for(node.id, COL_TITLE)
    tree.scrollTo(idx)
    rect = tree.visualRect(idx)
    pos = rect.center()
    ev = QHelpEvent(QEvent.Type.ToolTip, pos, tree.viewport().mapToGlobal(pos))
    QApplication.sendEvent(tree.viewport(), ev)
    text = QToolTip.text()
    path = window.outline.path_titles(node.id)
    assert len(path) >= 3 and " › ".join(path[-2:]) in text and path[0] in text
    QToolTip.hideText()


def test_the_layout_is_remembered_with_its_version(make_window, settings, qtbot):
    w = make_window()
    w.action("actionShowFindings").trigger()
    w.feedback.show_dock(w.tags_dock)
    w.close()
    assert int(settings.value("window/layout_version")) == LAYOUT_VERSION
    w2 = make_window()
    assert w2.checks_dock.isVisible() and w2.tags_dock.isVisible()
    assert w2.tags_dock in w2.tabifiedDockWidgets(w2.checks_dock)
    w2.close()
    # a state saved by another arrangement of the docks is not restored
    settings.setValue("window/layout_version", LAYOUT_VERSION - 1)
    w3 = make_window()
    assert not w3.checks_dock.isVisible() and not w3.tags_dock.isVisible()


def test_reopening_the_store_comes_back_to_the_node_and_the_scroll_positions(make_window, qtbot):
    w = make_window()
    model = w.outline.model
    deep = [n for n in model.nodes() if n.kind == "entry" and len(w.outline.path_titles(n.id)) >= 3]
    target = deep[-1]  # far down the volume
    w.session.select_node(target.id, w.outline)
    w.outline.select(target.id)
    QApplication.processEvents()
    src_bar, out_bar = w.source.verticalScrollBar(), w.outline.tree.verticalScrollBar()
    assert src_bar.maximum() > 40
    src_bar.setValue(src_bar.value() - 17)  # the editor scrolled the source a little above the entry
    out_bar.setValue(max(0, out_bar.value() - 3))
    place = (w.session.volume_id, target.id, src_bar.value(), out_bar.value())
    first_entry = next(n for n in model.nodes() if n.kind == "entry")
    assert first_entry.id != target.id
    w.close()

    w2 = make_window()
    qtbot.waitUntil(lambda: w2.source.verticalScrollBar().value() == place[2], timeout=3000)
    assert w2.session.volume_id == place[0]
    assert w2.session.node_id == target.id and w2.outline.current_node_id() == target.id
    assert w2.outline.tree.verticalScrollBar().value() == place[3]
    assert target.title in w2.editor_panel.header.text()


def test_the_place_is_on_disk_a_moment_after_a_node_is_chosen_so_a_crash_keeps_it(make_window, settings, qtbot):
    import json

    from PySide6.QtCore import QSettings

    from yearbook_editor.gui.workplace import PlaceMemory

    w = make_window()
    target = [n for n in w.outline.model.nodes() if n.kind == "entry"][-1]
    w.session.select_node(target.id, w.outline)
    key = PlaceMemory.key(w.session.store.path, w.session.volume_id)

    def on_disk():  # what another process (the app started again after a kill) reads
        return json.loads(str(QSettings(settings.fileName(), QSettings.Format.IniFormat).value(key, "{}")))

    qtbot.waitUntil(lambda: on_disk().get("node") == target.id, timeout=3000)  # the window still open
