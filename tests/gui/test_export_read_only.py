"""File ▸ Export onto a read-only file asks first (issue 12, item 4): No leaves the file as it
was; Yes replaces it (and it stays read-only). The question is plain text."""

from __future__ import annotations

import stat

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def _answer(button, seen):
    def click():
        box = QApplication.activeModalWidget()
        seen.append((box.textFormat(), box.text()))
        box.button(button).click()

    QTimer.singleShot(0, click)


def test_a_read_only_target_is_replaced_only_when_the_editor_says_so(small_window, qtbot, tmp_path):
    dlg = small_window.export_dialog()
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("text"))
    target = tmp_path / "只读.txt"
    target.write_text("旧", encoding="utf-8")
    target.chmod(0o444)
    dlg.path_edit.setText(str(target))
    seen: list = []
    _answer(QMessageBox.StandardButton.No, seen)
    assert dlg.start() is None
    assert target.read_text(encoding="utf-8") == "旧"
    assert seen and seen[0][0] == Qt.TextFormat.PlainText and "只读" in seen[0][1] and target.name in seen[0][1]
    _answer(QMessageBox.StandardButton.Yes, seen)
    assert dlg.start() is not None
    qtbot.waitUntil(dlg.export_button.isEnabled, timeout=30000)
    assert dlg.written == target and target.read_text(encoding="utf-8") != "旧"
    assert not stat.S_IMODE(target.stat().st_mode) & 0o222


@pytest.mark.posix  # a symbolic link: administrator rights on Windows
def test_the_store_itself_is_refused_in_plain_words(small_window, qtbot):
    dlg = small_window.export_dialog()
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("text"))
    store = small_window.session.store.path
    before = store.read_bytes()
    dlg.replace_without_asking = True
    path = store.with_name("链接.txt")  # a link to the store, under a name with the right suffix
    path.symlink_to(store)
    dlg.path_edit.setText(str(path))
    assert dlg.start() is not None
    qtbot.waitUntil(dlg.export_button.isEnabled, timeout=30000)
    assert dlg.written is None and "资料库" in (dlg.last_error or "")
    assert store.read_bytes() == before
