"""A damaged store met by the app: the backups are offered and one is restored; a volume whose
stored text no longer verifies is reported after opening, and no backup is taken of it."""

from __future__ import annotations

import os
import sqlite3

import pytest

from yearbook_editor.core.backups import list_backups, rolling_backup
from yearbook_editor.core.checks import load_findings
from yearbook_editor.core.edits import SetBlockText, apply_edit, verify_volume
from yearbook_editor.core.errors import StoreDamaged
from yearbook_editor.core.store import Store
from yearbook_editor.core.volumes import import_file

from ..conftest import DATA

SMALL = DATA / "small_volume.txt"


@pytest.fixture(autouse=True)
def record(tmp_path, monkeypatch):
    monkeypatch.setenv("YEARBOOK_CHECK_RECORD", str(tmp_path / "checks.json"))


def _store_with_volume(path) -> int:
    with Store(path) as s:
        vid = import_file(s, SMALL).volume_id
        bid = s.query("SELECT id FROM blocks WHERE volume_id = ? AND kind = 'paragraph' ORDER BY seq LIMIT 1",
                      (vid,))[0]["id"]
        for _ in range(40):  # enough pages that damage in the middle hits a table
            apply_edit(s, SetBlockText(bid, "修改" * 200), author="甲")
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return vid


def _damage(path) -> None:
    data = bytearray(path.read_bytes())
    for p in (2, 3):
        data[p * 4096 + 8: p * 4096 + 200] = os.urandom(192)
    path.write_bytes(bytes(data))


def test_a_damaged_store_offers_its_backups_and_opens_the_restored_one(qapp, qtbot, tmp_path, settings):
    from PySide6.QtWidgets import QLabel

    from yearbook_editor.gui.app import open_or_recover, setup_app
    from yearbook_editor.gui.recovery import offer_recovery

    setup_app(qapp, "zh_CN")

    db = tmp_path / "store.db"
    vid = _store_with_volume(db)
    with Store(db) as s:
        assert rolling_backup(s) is not None
    _damage(db)
    seen = {}

    def choose_first(dlg):
        seen["dlg"] = dlg
        seen["rows"] = dlg.table.rowCount()
        seen["state"] = dlg.table.item(0, 3).text()
        seen["volumes"] = dlg.table.item(0, 1).text()
        assert dlg.restore_button.isEnabled()
        dlg.restore_button.click()

    def recover(path, error):
        seen["sentence"] = str(error)
        ok = offer_recovery(path, error, None, run=choose_first)
        return ok

    window = open_or_recover(db, settings, "zh_CN", "测试编辑", recover=recover, ask=lambda p: "quit")
    qtbot.addWidget(window)
    try:
        assert seen["rows"] == 1 and seen["state"] == "完好" and seen["volumes"] == "1"
        assert "损坏" in seen["sentence"] and "命令行" in seen["sentence"]  # the core's sentence, as the CLI says it
        shown = seen["dlg"].findChild(QLabel, "recoveryProblem").text()
        assert "损坏" in shown and "命令行" not in shown and "“恢复所选备份”" in shown  # the app names its own button
        assert seen["dlg"].restore_button.text() == "恢复所选备份"
        assert "备份已放回原处" in seen["dlg"].done_text and ".damaged-" in seen["dlg"].done_text  # in Chinese
        assert window.session.volume_id == vid
        aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
        assert len(aside) == 1  # the damaged file is kept, never deleted
        assert verify_volume(window.session.store, vid) == []
    finally:
        window.session.close()
        window.store_lock.unlock()


def test_declining_leaves_the_damaged_store_untouched_and_says_why(qapp, tmp_path, settings):
    from PySide6.QtWidgets import QLabel

    from yearbook_editor.gui.app import open_or_recover, setup_app
    from yearbook_editor.gui.recovery import RecoveryDialog

    setup_app(qapp, "zh_CN")

    db = tmp_path / "store.db"
    _store_with_volume(db)
    _damage(db)
    before = db.read_bytes()
    dlg = RecoveryDialog(db, StoreDamaged(db))
    assert not dlg.restore_button.isEnabled() and dlg.table.isHidden()  # no backups: nothing to restore
    assert "没有可用的备份" in _hint(dlg)
    shown = dlg.findChild(QLabel, "recoveryProblem").text()
    assert "没有可用的自动备份" in shown and "命令行" not in shown and "恢复所选备份" not in shown
    dlg.deleteLater()
    with pytest.raises(StoreDamaged):
        open_or_recover(db, settings, "zh_CN", "测试编辑", recover=lambda p, s: False, ask=lambda p: "quit")
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*.damaged-*"))


def _hint(dlg) -> str:
    from PySide6.QtWidgets import QLabel

    return dlg.findChild(QLabel, "recoveryHint").text()


def test_a_volume_that_no_longer_verifies_is_reported_after_opening_and_not_backed_up(make_window, qtbot, tmp_path):
    db = tmp_path / "store.db"
    with Store(db) as s:
        vid = import_file(s, SMALL).volume_id
        bid = s.query("SELECT id FROM blocks WHERE kind = 'paragraph' ORDER BY seq LIMIT 1")[0]["id"]
    con = sqlite3.connect(db)  # bit rot: a block's text changed behind the program's back
    con.execute("UPDATE blocks SET text = '变' || substr(text, 2) WHERE id = ?", (bid,))
    con.commit()
    con.close()
    window = make_window(db)
    assert window.session.volume_id == vid
    window.checks_ctl.start_verify(vid, backup_after=True)  # what start_background runs first
    qtbot.waitUntil(lambda: vid in window.checks_ctl.verified, timeout=20000)
    assert window.checks_ctl.verified[vid] == 1
    qtbot.waitUntil(lambda: window._error_box is not None and window._error_box.isVisible(), timeout=5000)
    assert "不再一致" in window._error_box.text()
    found = load_findings(window.session.store, vid, code="store")
    assert [f.block_id for f in found] == [bid]
    assert "store.mismatch" in {f.code for f in window.findings_panel.model.all_findings()}  # the panel shows it
    assert list_backups(db) == []  # a store that does not verify pushes no good copy out of the backups


def test_a_sound_volume_verifies_quietly_and_is_backed_up(make_window, qtbot, tmp_path):
    db = tmp_path / "store.db"
    with Store(db) as s:
        vid = import_file(s, SMALL).volume_id
    window = make_window(db)
    window.checks_ctl.start_verify(vid, backup_after=True)
    qtbot.waitUntil(lambda: vid in window.checks_ctl.verified, timeout=20000)
    assert window.checks_ctl.verified[vid] == 0 and window._error_box is None
    qtbot.waitUntil(lambda: len(list_backups(db)) == 1, timeout=20000)


def test_opening_the_window_starts_the_verification_first(window, monkeypatch):
    started = []
    monkeypatch.setattr(window.checks_ctl, "start_verify",
                        lambda vid, backup_after=False: started.append((vid, backup_after)))
    monkeypatch.setattr(window.search_ctl, "start_search_index", lambda *a: None)
    monkeypatch.setattr(window.tags_ctl, "start_jieba", lambda *a: None)
    monkeypatch.setattr(window.findings_panel, "needs_run", lambda: False)
    window.start_background()
    assert started == [(window.session.volume_id, True)]  # the backup follows a clean verification
