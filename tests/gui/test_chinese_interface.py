"""All Chinese (issue 16, item 7): the Chinese interface shows no English or Python words.

The main window is built on the sample volume in zh_CN; every dock and dialog that can be opened
without a file is opened (find, checks, blanks, tags, search, history, subject index, export,
help, legend, start tip, about), and every widget's interface text is walked: labels, buttons,
group boxes, menus and actions, tooltips and status tips, tab texts, item-view headers,
placeholder texts, window titles. A word of three or more ASCII letters fails unless it is a
name on the allow-list (PDF, Word, JSON …, key names). Texts quoted from the volume (item
contents, the window title's volume name, the editors' text) are not interface text and are
not walked. Qt's own dialogs (file, colour, font, input, message box buttons, text context
menus) are walked the same way with Qt's translations and the app's supplement installed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFontDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from yearbook_editor.gui import i18n

from .test_hostile_text import _all_actions, _widgets_of

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)"),
]

#: names and abbreviations an editor reads as they are in a Chinese interface
ALLOWED = {
    "PDF", "OCR", "Word", "Markdown", "JSON", "CSV", "UTF", "GBK", "HTML", "SQLite", "WPS", "LibreOffice",
    "Ctrl", "Shift", "Alt", "Delete", "Enter", "Tab", "Esc", "Home", "End", "PgUp", "PgDown", "Backspace", "Meta",
    "English", "Language",  # the language menu names English in English: 语言/Language ▸ English
}
WORD = re.compile(r"[A-Za-z]{3,}")
#: not words of the interface: file paths and names (a recent store, *.txt in a type list), the
#: markup that keeps a tooltip plain, a translated text's mnemonic (文件(&F))
NOT_WORDS = re.compile(r"(?:[A-Za-z]:)?[/\\][^\s<>()（）]*|[\w*.-]*\.(?:db|txt|json|docx|md|csv|html)\b|</?(?:qt|br|b)>"
                       r"|\(&[A-Za-z]\)")


def english_words(text: str) -> list[str]:
    return [w for w in WORD.findall(NOT_WORDS.sub(" ", text or "")) if w not in ALLOWED]


def interface_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every interface text of ``root``, its dialogs and menus."""
    out: list[tuple[str, str]] = []
    widgets = [w for w in _widgets_of(root) if not w.isHidden() or w.isWindow()]
    for w in widgets:
        name = f"{type(w).__name__}({w.objectName()})"
        out += [(f"{name}.toolTip", w.toolTip()), (f"{name}.statusTip", w.statusTip())]
        if w.isWindow():
            out.append((f"{name}.windowTitle", w.windowTitle()))
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((f"{name}.text", w.text()))
        if isinstance(w, QGroupBox):
            out.append((f"{name}.title", w.title()))
        if isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit):
            out.append((f"{name}.placeholderText", w.placeholderText()))
        if isinstance(w, QTabBar):
            out += [(f"{name}.tab{i}", w.tabText(i) + " " + w.tabToolTip(i)) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            header = getattr(w, "header", None) or getattr(w, "horizontalHeader", None)
            if header is not None and not header().isHidden():
                m = w.model()
                out += [(f"{name}.header{c}", str(m.headerData(c, Qt.Orientation.Horizontal) or ""))
                        for c in range(header().count())]
        if isinstance(w, QComboBox) and w.objectName() != "qt_file_dialog_lookin":  # folders, not words
            out += [(f"{name}.item{i}", w.itemText(i)) for i in range(w.count())]
    for a in _all_actions(widgets):
        where = f"action({a.objectName() or a.text()[:30]})"
        out += [(where + ".text", a.text()), (where + ".toolTip", a.toolTip()), (where + ".statusTip", a.statusTip())]
    return out


def english_in(root: QWidget) -> list[str]:
    return [f"{where}: {english_words(text)} in {text[:80]!r}" for where, text in interface_texts(root)
            if english_words(text)]


def _open_everything(w, qtbot) -> list[QWidget]:
    """Every dock and dialog of the window that opens without a file chooser."""
    for name in ("actionFind", "actionShowFindings", "actionShowBlanks", "actionShowTags", "actionSearchAll"):
        w.action(name).trigger()
    with qtbot.waitSignal(w.findings_panel.checks_finished, timeout=20000):
        w.action("actionRunChecks").trigger()
    blanks = w.blanks_panel  # the form of related blanks (the sample's ethnic figures), with its sum check
    labels = [blanks.tree.topLevelItem(i).text(0) for i in range(blanks.tree.topLevelItemCount())]
    blanks.select_row(labels.index("回族"))
    blanks.group_button.click()
    finding = next(f for f in w.findings_panel.open_findings() if f.suggestion and f.node_id is not None)
    w.session.select_node(finding.node_id, None)
    _f, start, _end = w.editor.underlined()[0]  # the editor's menu on an underlined finding
    c = w.editor.textCursor()
    c.setPosition(start + 1)
    w.editor.build_context_menu(w.editor.cursorRect(c).center() - QPoint(2, 0))
    for menu in w.menus.values():
        menu.aboutToShow.emit()
    for name in ("actionVolumes", "actionRecent", "actionTagMenu", "actionUntagMenu"):
        w.submenu(name).aboutToShow.emit()
    dialogs = [w.editing_ctl.show_history(), w.search_ctl.show_index(), w.export_dialog(),
               w.help_ctl.show_quickstart(), w.help_ctl.show_shortcuts(), w.help_ctl.show_legend(),
               w.help_ctl.show_start_tip(force=True), w.checks_ctl.group_dialog, w.checks_ctl.fix_all_like(finding),
               w.tags_ctl.new_tag_dialog()]
    for editor in (w.editor, w.source):  # the text context menus (Qt's own words)
        editor.createStandardContextMenu().setParent(w, Qt.WindowType.Popup)
    w.show_about()
    w.show_error("资料库无法写入。")
    qtbot.wait(50)
    return [d for d in dialogs if d is not None]


def test_the_chinese_interface_has_no_english_words(window, qtbot):
    _open_everything(window, qtbot)
    found = english_in(window)
    assert not found, "\n".join(found[:40])


def test_the_walk_finds_english_where_there_is_some(window, qtbot):
    """The walk itself: an English label, tooltip, placeholder and action are caught."""
    box = QDialog(window)
    label = QLabel("this volume", box)
    edit = QLineEdit(box)
    edit.setPlaceholderText("type a value")
    label.setToolTip("OperationalError: no such table")
    box.addAction(window.action("actionFind"))
    box.show()
    found = " ".join(english_in(window))
    for word in ("this", "volume", "type", "value", "OperationalError"):
        assert word in found
    assert english_words("导出为 PDF、Word、JSON（UTF-8），Ctrl+Shift+回车，文件(&F)") == []
    assert english_words("<qt>/tmp/年鉴/store.db</qt> 文本文件 (*.txt)") == []
    assert english_words("示例 (store.db) this volume") == ["this", "volume"]
    box.close()


def test_a_failing_background_job_says_one_chinese_sentence(window, qtbot, tmp_path):
    """A fault that is not the program's own error (here SQLite's) reaches the editor as a
    sentence; its Python name and traceback go to the log only."""
    import sqlite3

    from yearbook_editor.gui import crash

    def work(_progress):
        raise sqlite3.OperationalError("database is locked")

    crash.set_log_path(tmp_path / "error.log")
    try:
        with qtbot.waitSignal(window.statusBar().messageChanged, timeout=10000, check_params_cb=bool):
            window.feedback.run_in_background("检查", work)
    finally:
        crash.set_log_path(None)
    message = window.statusBar().currentMessage()
    assert "OperationalError: database is locked" in (tmp_path / "error.log").read_text(encoding="utf-8")
    assert message.startswith("程序内部出了问题") and english_words(message) == [], message


def _qt_dialogs(parent: QWidget) -> list[QWidget]:
    files = QFileDialog(parent, "打开", "", "文本文件 (*.txt);;所有文件 (*)")
    files.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own, as on Linux without a portal
    files.setViewMode(QFileDialog.ViewMode.Detail)
    save = QFileDialog(parent, "导出", "", "Word 文件 (*.docx)")
    save.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    save.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    color = QColorDialog(parent)
    color.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog, True)
    font = QFontDialog(parent)
    font.setOption(QFontDialog.FontDialogOption.DontUseNativeDialog, True)
    text = QInputDialog(parent)
    number = QInputDialog(parent)
    number.setInputMode(QInputDialog.InputMode.IntInput)
    every = QMessageBox.StandardButton(0)
    for b in ("Ok", "Save", "SaveAll", "Open", "Yes", "YesToAll", "No", "NoToAll", "Abort", "Retry", "Ignore",
              "Close", "Cancel", "Discard", "Help", "Apply", "Reset", "RestoreDefaults"):
        every |= getattr(QMessageBox.StandardButton, b)
    box = QMessageBox(QMessageBox.Icon.Question, "问题", "要替换吗？", every, parent)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton(every.value), parent)
    buttons.setWindowFlag(Qt.WindowType.Window)
    return [files, save, color, font, text, number, box, buttons]


def test_qt_own_dialogs_are_chinese(window, qtbot):
    assert {"app", "qtbase", "qt_extra"} <= set(i18n.loaded), i18n.loaded
    host = QWidget()
    qtbot.addWidget(host)
    dialogs = _qt_dialogs(host)
    for d in dialogs:
        d.show()
        for e in d.findChildren(QLineEdit) + d.findChildren(QTextEdit) + d.findChildren(QPlainTextEdit):
            e.createStandardContextMenu().setParent(d, Qt.WindowType.Popup)
    qtbot.wait(50)
    files = dialogs[0]
    assert files.findChild(QLabel, "lookInLabel").text() == "查找范围(&L)："
    assert files.findChild(QLabel, "fileTypeLabel").text() == "文件类型(&T)："
    found = english_in(host)
    for d in dialogs:
        d.close()
    assert not found, "\n".join(found[:40])


def test_qt_translations_are_found_where_the_frozen_build_puts_them(tmp_path, monkeypatch):
    """build.spec keeps Qt's *_zh_CN.qm under PySide6/Qt/translations (PySide6/translations on
    Windows); when Qt's configured path has none, the package's folders are tried."""
    import shutil

    import PySide6

    source = next(Path(d) for d in i18n.qt_translation_dirs() if (Path(d) / "qtbase_zh_CN.qm").exists())
    fake = tmp_path / "PySide6"
    (fake / "translations").mkdir(parents=True)
    shutil.copy(source / "qtbase_zh_CN.qm", fake / "translations")
    monkeypatch.setattr(PySide6, "__file__", str(fake / "__init__.py"))
    monkeypatch.setattr(i18n.QLibraryInfo, "path", staticmethod(lambda _which: str(tmp_path / "nowhere")))
    assert i18n.qt_translation_dirs()[1:] == [str(fake / "Qt" / "translations"), str(fake / "translations")]
    app = QApplication.instance()
    try:
        i18n.install_translators(app, "zh_CN")
        assert "qtbase" in i18n.loaded
        assert QApplication.translate("QFileDialog", "Look in:") == "查找范围："
    finally:
        monkeypatch.undo()
        i18n.install_translators(app, "zh_CN")


def test_build_spec_keeps_qt_and_app_translations():
    spec = (Path(__file__).resolve().parents[2] / "build.spec").read_text(encoding="utf-8")
    assert '"yearbook_editor" / "resources"' in spec  # the app's .qm files, help pages and the rest
    assert 'name.endswith(("_zh_CN.qm", "_en.qm"))' in spec  # Qt's own: Chinese and English kept


def test_the_installed_programs_self_test_loads_the_chinese_catalogues_and_the_help():
    """``--smoke-test`` (run on every frozen build by tests/test_build.py) fails when a catalogue
    or the quick start is missing."""
    import os
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "yearbook_editor.cli", "--smoke-test"], capture_output=True,
                         text=True, encoding="utf-8", errors="replace", timeout=300,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert run.returncode == 0, run.stdout[-2000:]
    assert "zh_CN: app, qtbase, qt_extra; quick start: 8 pages" in run.stdout
