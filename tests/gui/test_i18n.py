"""Translations: the committed .qm matches the .ts, every UI string is translated, and the
language can be switched at once from the menu."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import yearbook_editor

PKG = Path(yearbook_editor.__file__).resolve().parent
ROOT = PKG.parent
TS = ROOT / "resources" / "i18n" / "yearbook_editor_zh_CN.ts"
QM = PKG / "resources" / "i18n" / "yearbook_editor_zh_CN.qm"


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return found


def test_qm_is_built_from_the_current_ts(tmp_path):
    out = tmp_path / "built.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), (
        "the .qm is out of date: run pyside6-lrelease resources/i18n/yearbook_editor_zh_CN.ts "
        "-qm yearbook_editor/resources/i18n/yearbook_editor_zh_CN.qm"
    )


def test_every_ui_string_has_a_translation(tmp_path):
    ts = tmp_path / "check.ts"
    shutil.copy(TS, ts)
    sources = sorted(str(p) for p in (PKG / "gui").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), "-locations", "none", *sources, "-ts", str(ts), "-no-obsolete"],
                   check=True, capture_output=True)
    untranslated = [
        m.findtext("source")
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert untranslated == [], "add zh_CN translations to the .ts (then rebuild the .qm): " + repr(untranslated)


def test_chinese_by_default_and_english_at_once(window, qapp):
    assert window.menus["file"].title() == "文件(&F)"
    assert window.outline.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == \
        "目录结构"
    assert window.progress_label.text().startswith("未校")
    window.action("actionLanguage_en").trigger()
    assert window.menus["file"].title() == "&File"
    assert window.action("actionFind").text() == "&Find…"
    assert window.find_panel.find_button.text() == "Find All"
    assert window.progress_label.text().startswith("Unreviewed")
    assert window.settings.value("ui/language") == "en"
    window.action("actionLanguage_zh_CN").trigger()
    assert window.menus["layout"].title() == "版面(&L)"
    assert window.find_panel.replace_all_button.text() == "全部替换"


def test_qt_dialogs_are_translated_too(window):
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_new_panels_switch_language_at_once(window):
    window.action("actionShowTags").trigger()
    window.action("actionShowFindings").trigger()
    assert window.findings_panel.run_button.text() == "运行检查"
    assert window.tags_panel.filter_button.text() == "筛选目录"
    assert window.menus["checks"].title() == "检查(&C)"
    window.action("actionLanguage_en").trigger()
    assert window.findings_panel.run_button.text() == "Run Checks"
    assert window.tags_panel.filter_button.text() == "Filter Outline"
    assert window.blanks_panel.fill_button.text() == "Fill"
    assert window.search_panel.search_button.text() == "Search"
    assert window.checks_tabs.tabText(1) == "Blanks"
    window.action("actionLanguage_zh_CN").trigger()
    assert window.checks_tabs.tabText(1) == "空缺"
