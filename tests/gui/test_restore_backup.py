"""File ▸ 从备份恢复… on a whole store: the store's backups are listed, restoring one closes the
store, puts the copy in its place (the file in use kept aside as NAME.before-restore-<time>,
never deleted) and opens it again on the same volume (issue 12)."""

from __future__ import annotations

import sqlite3

import pytest

from yearbook_editor.core.backups import list_backups, rolling_backup
from yearbook_editor.core.edits import SetBlockText, verify_volume
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA

SMALL = DATA / "small_volume.txt"


@pytest.fixture(autouse=True)
def record(tmp_path, monkeypatch):
    monkeypatch.setenv("YEARBOOK_CHECK_RECORD", str(tmp_path / "checks.json"))


def _first_paragraph(store, vid) -> tuple[int, str]:
    row = store.query("SELECT id, text FROM blocks WHERE volume_id = ? AND kind = 'paragraph' AND deleted = 0 "
                      "ORDER BY seq LIMIT 1", (vid,))[0]
    return row["id"], row["text"]


def test_restore_from_backup_puts_the_copy_back_and_reopens_the_volume(make_window, qtbot, tmp_path):
    db = tmp_path / "store.db"
    with Store(db) as s:
        vid = import_file(s, SMALL).volume_id
        bid, before = _first_paragraph(s, vid)
        assert rolling_backup(s) is not None
    window = make_window(db)
    assert window.session.volume_id == vid
    assert window.action("actionRestoreBackup") in window.menus["file"].actions()
    assert window.session.apply(SetBlockText(bid, "备份之后改的一段。", expected=before), None)
    old_store = window.session.store

    window.action("actionRestoreBackup").trigger()
    dlg = window.volumes_ctl.restore_dlg
    assert dlg is not None and dlg.isVisible() and dlg.windowTitle() == "从备份恢复"
    assert dlg.table.rowCount() == 1 and dlg.table.item(0, 3).text() == "完好" and dlg.restore_button.isEnabled()
    dlg.restore_button.click()

    assert not dlg.isVisible() and dlg.restored is not None
    store = window.session.store
    assert store is not old_store and old_store.closed and not store.closed and store.path == db
    assert window.session.volume_id == vid and window.outline.model.nodes()  # the same volume, shown again
    assert _first_paragraph(store, vid)[1] == before  # the copy's text: the later edit is not in it
    assert verify_volume(store, vid) == []
    assert "备份已放回原处" in window.statusBar().currentMessage()
    kept = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and ".damaged-" not in kept[0].name  # a whole store is not called damaged
    con = sqlite3.connect(f"{kept[0].as_uri()}?mode=ro", uri=True)  # the edit made after the backup is kept there
    try:
        assert con.execute("SELECT text FROM blocks WHERE id = ?", (bid,)).fetchone()[0] == "备份之后改的一段。"
    finally:
        con.close()
    # the window goes on writing into the restored store
    assert window.session.apply(SetBlockText(bid, "恢复之后再改。", expected=before), None)
    assert _first_paragraph(store, vid)[1] == "恢复之后再改。"
    assert len(list_backups(db)) == 1


def test_without_backups_the_dialog_says_so_and_cancel_changes_nothing(make_window, tmp_path):
    db = tmp_path / "store.db"
    with Store(db) as s:
        import_file(s, SMALL)
    window = make_window(db)
    store = window.session.store
    dlg = window.volumes_ctl.restore_dlg = window.volumes_ctl.restore_backup_dialog()
    from PySide6.QtWidgets import QLabel

    assert not dlg.restore_button.isEnabled() and dlg.table.isHidden()
    assert "还没有可用的备份" in dlg.findChild(QLabel, "recoveryHint").text()
    dlg.reject()
    assert window.session.store is store and not store.closed
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_a_read_only_window_cannot_restore(make_window, tmp_path):
    window = make_window()
    window.set_read_only(True)
    assert not window.action("actionRestoreBackup").isEnabled()
