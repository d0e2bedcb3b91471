"""The menu actions made from the controllers' spec tables (gui/actions.py): every action has
its own shortcuts, a translated text, a place; read-only turns off exactly those that write."""

from __future__ import annotations

import re

from PySide6.QtGui import QKeySequence


def _all_actions(window):
    return window.actions_table.all()


def test_no_two_actions_share_a_shortcut(window):
    seen: dict[str, str] = {}
    clashes = []
    for a in _all_actions(window):
        for seq in a.shortcuts():
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if key in seen:
                clashes.append((key, seen[key], a.objectName()))
            seen[key] = a.objectName()
    assert clashes == []
    assert len(seen) > 30


def test_entry_title_keeps_ctrl_shift_t_and_the_tags_panel_has_its_own(window):
    """Ctrl+Shift+T was bound to both, so neither fired."""
    def keys(name):
        return [s.toString(QKeySequence.SequenceFormat.PortableText) for s in window.action(name).shortcuts()]

    assert keys("actionMakeEntryTitle") == ["Ctrl+Shift+T"]
    assert keys("actionShowTags") and "Ctrl+Shift+T" not in keys("actionShowTags")


def test_every_action_text_is_translated(window):
    """In zh_CN every action's text (and tip) is Chinese; the languages name themselves."""
    english = []
    for a in _all_actions(window):
        if a.objectName().startswith("actionLanguage_"):
            continue
        for text in (a.text(), a.statusTip()):
            if text and not re.search(r"[\u4e00-\u9fff]", text):
                english.append((a.objectName(), text))
    assert english == []
    assert window.action("actionLanguage_en").text() == "English"


def test_every_action_is_in_a_menu_or_a_context_menu(window):
    placed = {a for m in window.menus.values() for a in m.actions()}
    placed |= {a for a in window.editor.extra_actions if a is not None}
    placed |= set(window.outline.tree.actions())
    missing = [a.objectName() for a in _all_actions(window) if a not in placed]
    assert missing == []


def test_the_menu_bar_follows_the_specs_sections(window):
    layout = [a.objectName() or "-" for a in window.menus["layout"].actions()]
    assert layout == ["actionMerge", "actionSplit", "actionConfirmBreak", "-", "actionMarkFurniture",
                      "actionRestoreText", "-", "actionPromote", "actionDemote", "actionMakeEntryTitle",
                      "actionMakeHeading", "actionMakeParagraph", "-", "actionMoveUp", "actionMoveDown"]
    file_menu = [a.objectName() or "-" for a in window.menus["file"].actions()]
    assert file_menu[:6] == ["actionImport", "actionImportJson", "actionOpenStore", "actionNewStore",
                             "actionVolumes", "actionRecent"]
    assert file_menu[-1] == "actionQuit"


def test_read_only_turns_off_the_actions_that_write_and_only_those(window):
    writing = {s.name for s in window.actions_table.specs() if s.needs_write}
    assert {"actionImport", "actionMerge", "actionTagSelected", "actionRunChecks"} <= writing
    window.set_read_only(True)
    off = {a.objectName() for a in _all_actions(window) if not a.isEnabled()}
    assert writing <= off
    assert "actionExport" not in off and "actionFind" not in off and "actionSearchAll" not in off
    window.set_read_only(False)
    assert all(window.action(n).isEnabled() for n in writing)


def test_shortcuts_reach_their_action(window, qtbot):
    """Ctrl+Shift+T in the editor makes an entry title (it fired nothing while it was bound twice)."""
    fired = []
    window.action("actionMakeEntryTitle").triggered.connect(lambda *_: fired.append("title"))
    window.action("actionShowTags").triggered.connect(lambda *_: fired.append("tags"))
    window.editor.setFocus()
    qtbot.keyClick(window.editor, "T", window.action("actionMakeEntryTitle").shortcut()[0].keyboardModifiers())
    assert fired == ["title"]
