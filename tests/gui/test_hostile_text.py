"""Hostile text never reaches Qt as rich text (issue 12, item 7).

The window is built on a volume whose titles, tag names and findings are full of HTML
(``<img src=/dev/zero>``, ``<b>``, ``<a href=…>``, ``&lt;``, ``<table>``), control characters,
a right-to-left override and a 10,000-character title. Then every widget is walked: tooltips
(of widgets, actions, tabs, item models, the editor's underlines), labels, item texts, action
texts, window titles and message boxes. A text Qt would take for rich text must be the markup
of ``gui/plain.py`` (``<qt>`` with escaped content and ``<br>``/``<b>`` only); plain texts carry
no raw control or bidi characters, so nothing from the volume changes the layout around it.
The hover paths that used to crash (subject index, tags panel) are driven with real tooltip
events. Qt warnings fail these tests.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QHelpEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTabBar,
    QToolTip,
    QWidget,
)

from yearbook_editor.core import checks, edits
from yearbook_editor.core import tags as core_tags
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file
from yearbook_editor.gui import plain

from .conftest import node_by_title, select

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # the offscreen platform's own notices (docks, a tooltip raised), nothing to do with the text shown
    pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)"),
]

IMG = "<img src=/dev/zero>"
HUGE = "长" * 10_000
RLO = "\u202e"
VOLUME = f"""<b>粗体</b>年鉴（2021）

编辑说明

1. 本书 <a href=http://example.invalid/>链接</a> 设 个类目。

 综 述

<table><tr><td>表</td></tr></table>

【{IMG}地理】 位于<b>中部</b>，总面积 平方千米，&lt;1234&gt;，电话\x01\x0b\x0c\x1b。

【{RLO}右到左覆盖标题】 年末常住人口 31.5 万人，比上年末增加 0.3 万人。

【长标题】 属温带大陆性气候，年平均气温 9.1℃。

【A&B <i>斜</i> [*] %p】 &amp; 与 & 并列，年降水量 412 毫米。
"""
IMG_TAG = "<img src=zero>索引"  # a tag's name cannot hold "/" (it separates parent and child)
TAGS = {  # name → group
    IMG_TAG: "index",
    "<b>粗": "index",
    "<a href=x>链": "contributor",
    "&lt;实体": "index",
    "<table><tr><td>表": "topic",
    "A&B\t标签": "topic",
    f"{RLO}反向": "topic",
    "坏\x01\x1b字": "workflow",
    "名" * 3000: "index",
}
#: what the editor must see literally somewhere (rendered as written, not as markup)
MARKERS = [IMG, IMG_TAG, "<b>粗", "<a href=x>链", "&lt;实体", "<table>"]

might_be_rich = QtGui.Qt.mightBeRichText  # what Qt asks of a tooltip, a label in AutoText, a message box
BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
ALLOWED_TAGS = {"qt", "br", "b"}


def _bad_chars(text: str, allow_newline: bool = False) -> list[str]:
    """Raw control, bidi or other format characters that would change the layout."""
    out = []
    for ch in text or "":
        o = ord(ch)
        if ch == "\n" and allow_newline:
            continue
        if o < 0x20 or 0x7F <= o < 0xA0 or o in BIDI or o in (0x2028, 0x2029):
            out.append(f"U+{o:04X}")
    return out


def _rich_problem(text: str) -> str | None:
    """None if Qt shows ``text`` safely: as plain text, or as the markup plain.py makes."""
    if not text or not might_be_rich(text):
        return None
    if not text.startswith("<qt>"):
        return "rich text not made by plain.py"
    for name, attrs in re.findall(r"<\s*/?\s*([A-Za-z0-9!?]+)([^>]*)>", text):
        if name.lower() not in ALLOWED_TAGS or attrs.strip():
            return f"tag <{name}{attrs}>"
    if re.search(r"&(?!(amp|lt|gt|quot|#x27|#39);)", text):
        return "a bare &"
    return None


def _rendered(tip: str) -> str:
    """What the editor sees of a tooltip (only called on texts that passed _rich_problem)."""
    if not might_be_rich(tip):
        return tip
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


@pytest.fixture
def hostile_window(make_window, tmp_path):
    src = tmp_path / "<i>粗体 & 年鉴.txt"
    src.write_text(VOLUME, encoding="utf-8")
    db = tmp_path / "hostile.db"
    with Store(db) as store:
        vid = import_file(store, src).volume_id
        nodes = {r["title"]: r for r in store.query(
            "SELECT id, title, anchor_block_id FROM nodes WHERE volume_id = ? AND deleted = 0", (vid,))}
        # a 10,000-character entry title, made the way an editor would: by editing the title's text
        long_node = nodes["长标题"]
        block = store.query("SELECT text FROM blocks WHERE id = ?", (long_node["anchor_block_id"],))[0]["text"]
        edits.apply_edit(store, edits.SetBlockText(long_node["anchor_block_id"], block.replace("长标题", HUGE, 1)),
                         author="测试编辑")
        # a title with control characters in it
        img_node = nodes[f"{IMG}地理"]
        block = store.query("SELECT text FROM blocks WHERE id = ?", (img_node["anchor_block_id"],))[0]["text"]
        edits.apply_edit(store, edits.SetBlockText(img_node["anchor_block_id"],
                                                   block.replace("地理", "地\x01理\x1b", 1)), author="测试编辑")
        hostile_nodes = [r["id"] for r in store.query(
            "SELECT id FROM nodes WHERE volume_id = ? AND deleted = 0 AND kind = 'entry'", (vid,))]
        heading = nodes["综 述"]["id"]
        for name, grp in TAGS.items():
            tid = core_tags.create_tag(store, name, grp)
            edits.apply_edit(store, core_tags.TagNodes(tuple([*hostile_nodes, heading]), tid), author="测试编辑")
        found = checks.run_checks(store, vid)
        blk = store.query("SELECT id, text, line_start FROM blocks WHERE volume_id = ? AND text LIKE ?",
                          (vid, "%<b>中部</b>%"))[0]
        at = blk["text"].index("<b>中部</b>")
        found.append(checks.Finding(
            code="char.confusable", node_id=img_node["id"], block_id=blk["id"], start=at, end=at + 9,
            message=f"疑似错字 “<b>中部</b>” {IMG} <a href=x>链接</a> &lt;", suggestion=f"{IMG}\x01",
            block_text=blk["text"], line=blk["line_start"]))
        checks.save_findings(store, vid, found)
    w = make_window(db)
    assert w.session.volume_id == vid
    return w


def _widgets_of(root: QWidget) -> list[QWidget]:
    """Every widget of ``root`` and of the dialogs, menus and boxes it owns (not widgets other
    tests of the session may have left behind)."""
    out = []
    for w in QApplication.allWidgets():
        p = w
        while p is not None and p is not root:
            p = p.parentWidget()
        if p is root:
            out.append(w)
    return out


def _all_actions(widgets: list[QWidget]) -> list[QAction]:
    seen: dict[int, QAction] = {}
    for w in widgets:
        for a in w.actions():
            seen[id(a)] = a
            if a.menu() is not None:
                for b in a.menu().actions():
                    seen[id(b)] = b
    return list(seen.values())


def _walk_model(model, parent=QModelIndex(), depth=0):
    if depth > 6:
        return
    try:
        columns = model.columnCount(parent)
    except TypeError:  # Qt's internal list models (a completer's) keep columnCount private: one column
        columns = 1
    for r in range(model.rowCount(parent)):
        for c in range(columns):
            idx = model.index(r, c, parent)
            yield idx
        first = model.index(r, 0, parent)
        if model.rowCount(first) > 0:
            yield from _walk_model(model, first, depth + 1)


def _problems(root: QWidget) -> tuple[list[str], list[str]]:
    """(problems, every text seen as the editor would see it) over every widget of the window."""
    problems: list[str] = []
    seen: list[str] = []

    def tip(where: str, text: str) -> None:
        p = _rich_problem(text)
        if p:
            problems.append(f"{where}: {p}: {text[:120]!r}")
        else:
            seen.append(_rendered(text))
        if len(_rendered(text) if not p else text) > plain.TOOLTIP_LINES * (plain.TOOLTIP_LINE + 8):
            problems.append(f"{where}: tooltip of {len(text)} characters")

    def shown(where: str, text: str, allow_newline=False) -> None:
        bad = _bad_chars(text, allow_newline)
        if bad:
            problems.append(f"{where}: raw {bad[:3]} in {text[:80]!r}")
        seen.append(text)

    models = {}
    widgets = _widgets_of(root)
    for w in widgets:
        name = f"{type(w).__name__}({w.objectName()})"
        tip(f"{name}.toolTip", w.toolTip())
        tip(f"{name}.whatsThis", w.whatsThis())
        shown(f"{name}.statusTip", w.statusTip())
        if w.isWindow():
            shown(f"{name}.windowTitle", w.windowTitle())
            if len(w.windowTitle()) > 2 * plain.NAME:
                problems.append(f"{name}: window title of {len(w.windowTitle())} characters")
        if isinstance(w, QLabel):
            if w.textFormat() != Qt.TextFormat.PlainText:
                tip(f"{name}.text (format {w.textFormat()})", w.text())
            shown(f"{name}.text", w.text(), allow_newline=True)
        if isinstance(w, QMessageBox) and w.textFormat() != Qt.TextFormat.PlainText:
            tip(f"{name}.text", w.text())
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                tip(f"{name}.tabToolTip({i})", w.tabToolTip(i))
                shown(f"{name}.tabText({i})", w.tabText(i))
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            models[id(w.model())] = (name, w.model())
        if isinstance(w, QComboBox):
            models[id(w.model())] = (name, w.model())
            shown(f"{name}.currentText", w.currentText())
    for name, model in models.values():
        for idx in _walk_model(model):
            where = f"{name}[{idx.row()},{idx.column()}]"
            tip(where + ".ToolTipRole", idx.data(Qt.ItemDataRole.ToolTipRole) or "")
            tip(where + ".WhatsThisRole", idx.data(Qt.ItemDataRole.WhatsThisRole) or "")
            tip(where + ".StatusTipRole", idx.data(Qt.ItemDataRole.StatusTipRole) or "")
            text = idx.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str):
                shown(where + ".DisplayRole", text)
    for a in _all_actions(widgets):
        where = f"action({a.objectName() or a.text()[:30]!r})"
        tip(where + ".toolTip", a.toolTip())
        tip(where + ".whatsThis", a.whatsThis())
        shown(where + ".statusTip", a.statusTip())
        shown(where + ".text", a.text())
        if a.text().replace("&&", "").count("&") > 1:
            problems.append(f"{where}: more than one mnemonic in {a.text()[:60]!r}")
    return problems, seen


def _open_everything(w, qtbot):
    """Show every panel, dialog and menu that shows content of the volume."""
    w.action("actionShowTags").trigger()
    w.action("actionShowFindings").trigger()
    w.action("actionShowBlanks").trigger()
    select(w, f"{IMG}地\x01理\x1b")
    w.action("actionFind").trigger()
    w.find_panel.find_edit.setText("img")
    w.find_panel.find_all()
    w.action("actionSearchAll").trigger()
    w.search_panel.query_edit.setText("中部")
    w.search_panel.run()
    index = w.search_ctl.show_index()
    history = w.editing_ctl.show_history()
    for m in (w.submenu("actionVolumes"), w.submenu("actionRecent"), w.submenu("actionTagMenu"), w.submenu("actionUntagMenu")):
        m.aboutToShow.emit()
    w.show_message(f"已导出 {IMG}\x01{RLO}" + HUGE)
    w.show_error(f"标签 “{IMG}” 已存在\x1b{RLO}")
    qtbot.wait(50)
    return index, history


def test_no_volume_text_is_taken_for_markup_anywhere(hostile_window, qtbot):
    w = hostile_window
    index, _history = _open_everything(w, qtbot)
    assert index is not None and IMG_TAG in index.terms(), index.terms()
    problems, seen = _problems(w)
    assert not problems, "\n".join(problems[:40])
    everything = "\n".join(seen)
    for marker in MARKERS:  # shown literally, as written
        assert marker in everything, marker
    assert "长" * (plain.NAME + 1) not in w.windowTitle()  # the 10,000-character title is elided there
    message = w.statusBar().currentMessage()
    assert message.startswith(f"已导出 {IMG}␁[U+202E]长") and len(message) <= 3 * plain.NAME


def _open_docks(w) -> None:
    for a in (w.action("actionShowTags"), w.action("actionShowFindings"), w.action("actionShowBlanks"), w.action("actionFind"), w.action("actionSearchAll")):
        a.trigger()


def test_long_and_hostile_titles_do_not_widen_the_window(hostile_window, make_window, qtbot):
    """A 10,000-character title, a 3,000-character tag name and nine tags on one entry leave the
    window as narrow as the sample volume's, with the same panels open."""
    w = hostile_window
    index, history = _open_everything(w, qtbot)
    _open_docks(w)
    sample = make_window()
    _open_docks(sample)
    select(sample, "气候")
    qtbot.wait(50)
    assert w.minimumSizeHint().width() <= sample.minimumSizeHint().width() + 200
    assert w.minimumSizeHint().height() <= sample.minimumSizeHint().height() + 100
    for dlg in (index, history, w.findChild(QMessageBox, "errorBox")):
        assert dlg.minimumSizeHint().width() < 1200, dlg


def test_menus_name_content_without_mnemonics_or_markup(hostile_window):
    w = hostile_window
    w.submenu("actionTagMenu").aboutToShow.emit()
    w.submenu("actionVolumes").aboutToShow.emit()
    texts = [a.text() for m in w.submenu("actionTagMenu").findChildren(type(w.submenu("actionTagMenu"))) for a in m.actions()]
    assert any("A&&B" in t for t in texts), texts  # & is shown, not taken for a mnemonic
    assert not any("\t" in t for t in texts)  # a tab would start the shortcut column
    vol = next(a for a in w.submenu("actionVolumes").actions() if "粗体" in a.text())
    assert vol.text().endswith("<b>粗体</b>年鉴（2021）")
    assert _rich_problem(vol.toolTip()) is None and "<b>粗体</b>" in _rendered(vol.toolTip())
    assert "<b>粗体</b>" in w.windowTitle()


def test_window_title_keeps_a_literal_placeholder():
    assert plain.window_title("A [*] B") == "A [*][*] B"
    w = QWidget()
    w.setWindowTitle(plain.window_title("A [*] B"))
    w.show()
    QApplication.processEvents()
    assert w.windowHandle().title() == "A [*] B"
    w.close()


def _hover(view, index) -> str:
    """Send the tooltip event an editor's mouse would at ``index``; returns the text shown."""
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert _rich_problem(tip) is None, tip  # never hover over markup that would load a file
    view.scrollTo(index)
    QApplication.processEvents()
    r = view.visualRect(index)
    pos = QPoint(r.left() + min(8, r.width() // 2), r.center().y())
    assert view.indexAt(pos).siblingAtColumn(index.column()) == index  # the row under the mouse
    QToolTip.hideText()
    ev = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), ev)
    return QToolTip.text()


def _find(model, pred, parent=QModelIndex()):
    for idx in _walk_model(model, parent):
        if idx.column() == 0 and pred(idx):
            return idx
    return None


def test_hovering_the_subject_index_and_the_tags_panel_shows_the_text_as_written(hostile_window, qtbot):
    w = hostile_window
    dlg = w.search_ctl.show_index()
    qtbot.waitExposed(dlg)
    tree = dlg.tree
    # an index term named <img src=/dev/zero>索引 and an entry whose title holds it
    term = _find(tree.model(), lambda i: i.data() == IMG_TAG)
    assert term is not None
    entry = _find(tree.model(), lambda i: IMG in (i.data() or "") and i.parent().isValid())
    assert entry is not None
    for idx, marker in ((term, IMG_TAG), (entry, IMG)):
        shown = _hover(tree, idx)
        qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
        assert _rendered(shown) == idx.data()  # as the item shows it: control characters as pictures
        assert marker in _rendered(shown)
    assert "␁" in _rendered(QToolTip.text()) or "␁" in entry.data()  # the control character is shown, not obeyed

    w.action("actionShowTags").trigger()
    view = w.tags_panel.tree
    qtbot.waitExposed(view)
    for name in (IMG_TAG, "<b>粗", "&lt;实体"):
        idx = _find(view.model(), lambda i, name=name: i.data() == name)
        assert idx is not None, name
        view.expand(idx.parent())
        shown = _hover(view, idx)
        qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
        assert _rendered(shown) == name  # the tag's path, exactly as written
    QToolTip.hideText()

    # the outline: the tags column's tooltip lists the tag names, as written
    tree = w.outline.tree
    node = node_by_title(w, f"{IMG}地\x01理\x1b")
    idx = w.outline._view_index(node.id)
    shown = _hover(tree, idx)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert IMG_TAG in _rendered(shown) and "A&B" in _rendered(shown)
    assert "名" * plain.TOOLTIP_LINE not in _rendered(shown)  # a 3,000-character name is elided
    QToolTip.hideText()


def test_the_findings_tooltips_and_the_editors_underline_are_plain(hostile_window, qtbot):
    w = hostile_window
    select(w, f"{IMG}地\x01理\x1b")
    w.action("actionShowFindings").trigger()
    model = w.findings_panel.model
    mine = [model.index(r, 0) for r in range(model.rowCount()) if IMG in (model.index(r, 0).data(
        Qt.ItemDataRole.ToolTipRole) or "").replace("&lt;", "<").replace("&gt;", ">")]
    assert mine, "the hand-made finding with markup in its message is listed"
    tip = mine[0].data(Qt.ItemDataRole.ToolTipRole)
    assert _rich_problem(tip) is None
    assert _rendered(tip) == f"疑似错字 “<b>中部</b>” {IMG} <a href=x>链接</a> &lt;"
    sels = w.editor.extraSelections()
    tips = [s.format.toolTip() for s in sels if s.format.toolTip()]
    assert tips and all(_rich_problem(t) is None for t in tips)
    assert any(IMG in _rendered(t) for t in tips)


def test_export_replace_question_is_plain_text(hostile_window, qtbot, tmp_path):
    from yearbook_editor.gui.export_dialog import ExportDialog

    w = hostile_window
    dlg = ExportDialog(w.session, w.outline.model, w)
    qtbot.addWidget(dlg)
    target = tmp_path / "<img src=x onerror=1><b>粗体.txt"  # a file name cannot hold "/"
    target.write_text("旧", encoding="utf-8")
    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        seen["format"] = box.textFormat()
        seen["text"] = box.text()
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer)
    assert dlg._confirm_replace(target) is False
    assert seen["format"] == Qt.TextFormat.PlainText
    assert target.name in seen["text"]
    assert target.read_text(encoding="utf-8") == "旧"


@pytest.mark.parametrize("text,expect", [
    ("a\x01b\x1bc", "a␁b␛c"),
    ("x\u202ey", "x[U+202E]y"),
    ("a\nb", "a b"),
    ("a\u2028b", "a b"),
    ("\x7f\x85", "␡ "),
])
def test_visible_shows_control_and_bidi_characters(text, expect):
    assert plain.visible(text, one_line=True) == expect


def test_tooltips_are_escaped_elided_and_never_guessed():
    t = plain.plain_tooltip(f"{IMG}\n&lt;{HUGE}")
    assert t.startswith("<qt>") and "<img" not in t and "&amp;lt;" in t
    lines = _rendered(t).split("\n")
    assert lines[0] == IMG and len(lines[1]) == plain.TOOLTIP_LINE and lines[1].endswith("…")
    assert plain.plain_tooltip("  ") == ""
    many = plain.plain_tooltip("\n".join(str(i) for i in range(100)))
    assert _rendered(many).count("\n") == plain.TOOLTIP_LINES - 1
    assert plain.action_text("A&B\tC") == "A&&B C"
    assert plain.elide("e\u0301" * 10, 4).endswith("…")
    assert not unicodedata.category(plain.elide("e\u0301" * 10, 4)[-2]).startswith("M")
