"""Help for a new editor (issue 16, item 8): 帮助 ▸ 快速入门, 快捷键, 颜色说明 and the tip at start."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage

from yearbook_editor.gui import assets, help, legend
from yearbook_editor.gui.actions import key_sequences

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)"),
]

STEPS_ZH = ("打开或导入", "走动", "分段", "错字", "空缺", "标签", "校对进度", "导出")
STEPS_EN = ("Open or import", "way", "breaks", "character", "blanks", "Tag", "review", "Export")


def test_quick_start_walks_the_day_in_chinese_and_follows_the_language(window):
    window.action("actionQuickStart").trigger()  # F1
    dlg = window.help_ctl.quickstart_dialog
    assert dlg.isVisible() and dlg.windowTitle() == "快速入门"
    assert window.action("actionQuickStart").shortcut().toString() == "F1"
    titles = [t for t, _ in dlg.pages]
    assert len(titles) == len(STEPS_ZH) and all(step in t for step, t in zip(STEPS_ZH, titles, strict=True)), titles
    page = dlg.browser.toPlainText()
    assert page.startswith("1. 打开或导入一卷年鉴") and "文件 ▸ 导入文本文件…（Ctrl+I）" in page
    assert dlg.page_label.text() == "第 1 页，共 8 页" and not dlg.back_button.isEnabled()
    for _ in range(7):
        dlg.next_button.click()
    assert dlg.browser.toPlainText().startswith("8. 导出") and "文件 ▸ 导出…（Ctrl+E）" in dlg.browser.toPlainText()
    assert not dlg.next_button.isEnabled()
    dlg.steps.setCurrentRow(2)
    assert "版面 ▸ 与下一段合并（Ctrl+J）" in dlg.browser.toPlainText()
    window.action("actionLanguage_en").trigger()
    assert dlg.windowTitle() == "Quick Start" and dlg.steps.currentRow() == 2
    assert all(step in t for step, (t, _) in zip(STEPS_EN, dlg.pages, strict=True))
    merge = help.menu_text(window.action("actionMerge").text())
    assert f"Layout ▸ {merge} (Ctrl+J)" in dlg.browser.toPlainText() and "（" not in dlg.browser.toPlainText()
    window.action("actionLanguage_zh_CN").trigger()
    assert dlg.windowTitle() == "快速入门"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_action_the_guide_names_exists_and_every_page_is_filled(window, lang):
    names = help.placeholders(lang)
    assert len(names) > 30
    known = {s.name for s in window.actions_table.specs()}
    assert set(names) <= known, set(names) - known
    pages = help.quickstart_pages(window.actions_table, window.help_ctl.menu_titles(), lang)
    assert len(pages) == 8
    for _title, text in pages:
        assert "{{" not in text and "<!--" not in text


def test_guide_pages_are_bundled_in_the_package_for_both_languages():
    for lang in ("zh_CN", "en"):
        path = assets.asset_path("help", f"quickstart.{lang}.md")
        assert path.is_file() and path.is_relative_to(assets.RESOURCES)  # build.spec collects RESOURCES whole


def test_markdown_is_shown_safely(window, qtbot, tmp_path):
    """No HTML, no image or other resource is loaded, no link is followed."""
    secret = tmp_path / "x.png"
    QImage(4, 4, QImage.Format.Format_RGB32).save(str(secret))
    browser = help.SafeBrowser()
    qtbot.addWidget(browser)
    asked = []
    browser.anchorClicked.connect(asked.append)
    browser.set_markdown(f"# 标题\n\n<b>粗</b> <img src=\"{secret}\"> ![图]({secret}) [链接](http://example.invalid/)\n")
    text = browser.toPlainText()
    assert "<b>粗</b>" in text and "<img" in text  # shown as written, not taken for markup
    assert browser.loadResource(2, QUrl.fromLocalFile(str(secret))) is None
    assert not browser.openLinks() and not browser.openExternalLinks()


def test_shortcut_list_is_built_from_the_action_tables(window):
    window.action("actionShortcuts").trigger()
    dlg = window.help_ctl.shortcuts_dialog
    assert dlg.isVisible() and dlg.windowTitle() == "快捷键"
    rows = dlg.rows()
    with_keys = [s for s in window.actions_table.specs() if key_sequences(s.shortcut)]
    assert len(rows) == len(with_keys) > 30
    assert ("撤销", "Ctrl+Z") in rows and ("快速入门", "F1") in rows and ("下一处问题", "F8") in rows
    groups = [dlg.tree.topLevelItem(i).text(0) for i in range(dlg.tree.topLevelItemCount())
              if not dlg.tree.topLevelItem(i).text(1)]
    assert groups[:3] == ["文件", "编辑", "版面"] and "帮助" in groups
    shown = {r[0] for r in rows}
    for spec in with_keys:  # every action with a key, under its own text
        assert help.menu_text(window.action(spec.name).text()) in shown


def test_colour_legend_is_drawn_from_the_painters_constants(window):
    from yearbook_editor.core import tags as core_tags
    from yearbook_editor.gui import editor_findings, findings_model, node_editor, source_view

    window.action("actionColorLegend").trigger()
    dlg = window.help_ctl.legend_dialog
    assert dlg.isVisible() and dlg.windowTitle() == "颜色说明"
    shown = {c.name() for e in dlg.entries for c in e.colors}
    painted = [source_view.HIGHLIGHT, source_view.HIGHLIGHT_BAR, source_view.DIM, source_view.DIM_BACKGROUND,
               source_view.PAGE_BREAK, node_editor.UNCERTAIN_BACKGROUND, node_editor.NOISE_COLOR,
               editor_findings.FINDING_COLOR, *findings_model.STATUS_COLORS.values(),
               *map(QColor, assets.STATUS_COLORS.values()), *(QColor(c) for _n, c in core_tags.GROUPS.values())]
    assert {QColor(c).name() for c in painted} <= shown
    band = next(e for e in dlg.entries if node_editor.UNCERTAIN_BACKGROUND in e.colors)
    image = legend.sample_pixmap(band).toImage()
    assert image.pixelColor(2, 2).name() == node_editor.UNCERTAIN_BACKGROUND.name()  # the colour itself
    assert all(re.search(r"[\u4e00-\u9fff]", e.text) for e in dlg.entries)


def test_tip_at_start_can_be_switched_off_and_on(window, qtbot):
    ctl = window.help_ctl
    assert window.action("actionStartTip").isChecked()
    tip = ctl.show_start_tip()
    assert tip.isVisible() and tip.windowTitle() == "欢迎使用年鉴校对台"
    assert "帮助 ▸ 快速入门（F1）" in tip.text.text()
    tip.show_again.setChecked(False)
    assert window.settings.value(help.START_TIP_KEY) in (False, "false")
    assert not window.action("actionStartTip").isChecked()
    tip.close()
    assert ctl.show_start_tip() is None  # switched off: not shown at the next start
    window.action("actionStartTip").trigger()  # 帮助 ▸ 启动时显示提示 turns it on again
    assert ctl.tip_wanted() and tip.show_again.isChecked()
    tip = ctl.show_start_tip()
    tip.quickstart_button.click()
    assert ctl.quickstart_dialog is not None and ctl.quickstart_dialog.isVisible() and not tip.isVisible()


def test_a_tip_switched_off_stays_off_in_the_next_window(make_window, settings):
    settings.setValue(help.START_TIP_KEY, False)
    w = make_window()
    assert not w.action("actionStartTip").isChecked()
    assert w.help_ctl.show_start_tip() is None and w.help_ctl.start_tip is None
