"""The app's file dialogs never read the files they show: a file opened and closed by the app's
process costs it SQLite's locks on that file (POSIX record locks belong to the process), and with
the store's folder shown, another process closing the store then deleted the ``-wal`` the app was
writing to (seen by an outside tester after every import: the dialog had shown the store's folder)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QFileDialog

from yearbook_editor.core.store import Store
from yearbook_editor.gui import file_dialogs

from .test_gui_rules import _sources

ANOTHER_PROCESS_WRITES = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
                          " c.execute('CREATE TABLE IF NOT EXISTS other (x)'); c.execute('INSERT INTO other VALUES (1)');"
                          " c.close()")


def _show_store_folder_then_let_another_process_close(qtbot, tmp_path, dialog: QFileDialog) -> Store:
    store = Store(tmp_path / "store.db")
    store.scalar("SELECT count(*) FROM volumes")
    (tmp_path / "卷一.txt").write_text("正文", encoding="utf-8")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setDirectory(str(tmp_path))
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(1500)  # the dialog's worker has looked at every file of the folder
    dialog.close()
    subprocess.run([sys.executable, "-c", ANOTHER_PROCESS_WRITES, str(tmp_path / "store.db")], check=True, timeout=60)
    return store


def test_the_stores_folder_shown_in_a_dialog_costs_the_app_nothing(qtbot, tmp_path):
    dialog = file_dialogs.make_dialog(None, "导入", str(tmp_path), "文本文件 (*.txt)", many=True)
    store = _show_store_folder_then_let_another_process_close(qtbot, tmp_path, dialog)
    try:
        assert store.wal_path.exists() and store.file_replaced() is None
        with store.write() as conn:  # the app's own saves still reach the file other processes read
            conn.execute("INSERT INTO other VALUES (2)")
        assert store.scalar("SELECT count(*) FROM other") == 2
    finally:
        store.close()
    with Store(tmp_path / "store.db") as again:
        assert again.scalar("SELECT count(*) FROM other") == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's own dialog reads the files it shows on Linux")
def test_qts_own_icons_read_the_store_and_lose_the_apps_locks(qtbot, tmp_path):
    """Why the dialogs above are needed: Qt's default dialog does read the files it shows."""
    dialog = QFileDialog(None, "导入", str(tmp_path), "文本文件 (*.txt)")
    store = _show_store_folder_then_let_another_process_close(qtbot, tmp_path, dialog)
    try:
        assert not store.wal_path.exists()
    finally:
        store.close()


def test_every_file_dialog_of_the_app_is_one_that_reads_no_file():
    found = [p.name for p in _sources() if p.name != "file_dialogs.py"
             and "QFileDialog" in p.read_text(encoding="utf-8")]
    assert found == []
